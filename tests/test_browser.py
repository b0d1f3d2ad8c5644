"""Real browser checks in Debian's Chromium (installed by ./vp test): right-to-left Arabic, search in
Chinese and French, and no request leaving the site."""
import functools
import http.server
import shutil
import threading

import pytest
from playwright.sync_api import sync_playwright

from scripts.config import BUILD_DIR

SITE_URL = "https://valletta-principles.example/"  # site_url in mkdocs.yml
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(built_site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM, "Debian's chromium is required: run ./vp test (installs it as root) or apt-get install chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("response", lambda response: response.status >= 400 and page.errors.append(f"{response.status} {response.url}"))
    # The built site as if it were at its public address (site_url), where absolute links point.
    page.route(SITE_URL + "**", lambda route: route.fulfill(response=page.request.get(server + route.request.url[len(SITE_URL):])))
    yield page
    page.unroute_all(behavior="ignoreErrors")  # prefetches may still be in flight
    context.close()


def test_arabic_page_renders_right_to_left(page, server):
    page.goto(server + "ar/valletta-2025/principles/13/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    heading = page.locator("article h1").bounding_box()
    sidebar = page.locator(".md-sidebar--primary").bounding_box()
    assert sidebar["x"] > heading["x"], "the navigation sits on the right in a right-to-left layout"
    shot = BUILD_DIR / "screenshots" / "ar-principle-13.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000


def search(page, query):
    """Type a query; retype while the search worker is still loading its index (it ignores early input)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    for _ in range(12):
        try:
            page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0", timeout=5_000)
            break
        except Exception:  # playwright's TimeoutError: the index was not ready yet; type again
            box.press("End")
            box.press("Space")
            box.press("Backspace")
    return page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")


def test_search_finds_a_chinese_word_on_the_chinese_site(page, server):
    page.goto(server + "zh/valletta-2025/")
    links = search(page, "刑事司法")
    assert any("zh/valletta-2025/principles/13/" in link for link in links)


def test_french_search_gives_french_results_only(page, server):
    page.goto(server + "fr/valletta-2025/")
    links = search(page, "terrorisme")
    assert links and all("/fr/valletta-2025/" in link for link in links)


def test_pages_request_nothing_outside_the_site(page, server):
    for path in ("valletta-2025/", "ar/valletta-2025/text/", "zh/valletta-2025/summary/"):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
    # The site's own public address (site_url) is this site too: absolute hreflang links point there.
    assert page.requests and all(url.startswith((server, SITE_URL)) for url in page.requests), page.requests
    # Material's language switcher prefetches sitemap.xml below each hreflang link, expecting language
    # roots; ours point at the same page in each language (correct for readers and search engines), so
    # those prefetches 404 and Material falls back silently. Every other error fails the test.
    # (The console repeats each 404 without its address; the responses above name them.)
    assert [e for e in page.errors if not e.endswith("/sitemap.xml") and "status of 404" not in e] == []


def test_search_finds_an_edition_by_a_misspelt_name(page, server):
    page.goto(server + "valletta-2025/")
    links = search(page, "Valetta")
    assert links[0].split("?")[0] == server + "valletta-2025/"  # ?h=...: Material's search highlighting
    page.goto(server + "fr/bogota-2013/")
    links = search(page, "Bogota")
    assert links[0].split("?")[0] == server + "fr/bogota-2013/"


def test_search_by_principle_number(page, server):
    page.goto(server + "es/valletta-2025/")
    links = search(page, "13")
    assert links[0].split("?")[0] in (server + "es/valletta-2025/principles/13/", server + "es/valletta-2025/text/")


def test_cite_box_copies_with_javascript_and_is_plain_text_without(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + "fr/valletta-2025/principles/13/")
    citation = page.locator("#cite-principle-13").inner_text()
    button = page.locator("button.vp-copy")
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == citation.strip()
    assert "principles/13/" in citation
    context.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "fr/valletta-2025/principles/13/")
    assert page.locator("#cite-principle-13").is_visible()
    assert not page.locator("button.vp-copy").is_visible(), "no dead button without JavaScript"
    context.close()
