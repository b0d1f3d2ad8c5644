"""What the browser gates visit, defined once, and how a test uses the site's search.

audited_pages() is the list the accessibility (axe), Content-Security-Policy and third-party-request gates
run on, in every language of AUDITED_LANGUAGES: the pages of the newest edition translated into every language
(tests/roles.py), found in the model, so that adding an edition changes which edition they show, not what they
check. Add a page there when a new kind of page is added (the comparison view, the translation status page,
...): paths relative to a language's root.
"""
import contextlib
import functools
import http.server
import re
import sys
import threading

from playwright.sync_api import expect

from scripts import commands
from scripts.permalinks import DATA, HOME, SIDE_BY_SIDE, STATUS, SUMMARY, TEXT, compare_page, lang_prefix, principle_page
from tests import roles

SITE_URL = "https://valletta-principles.example/"  # site_url in mkdocs.yml
# Collects Content-Security-Policy violations from the first moment of each document.
CSP_LISTENER = """window.__csp_violations = [];
document.addEventListener('securitypolicyviolation', event => window.__csp_violations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`));"""

AUDITED_LANGUAGES = ("en", "ar", "zh")  # left-to-right, right-to-left, CJK


@functools.cache
def audited_site():
    """The model of the sources, read once (parametrized tests need it when they are collected)."""
    return commands.read_inputs().site


def audited_edition(site=None):
    """The edition whose pages are audited: the newest edition translated into every language."""
    return roles.translated(site or audited_site())


def audited_principle(site=None):
    """The audited principle page's principle: one translated into every language."""
    site = site or audited_site()
    return roles.translated_principle(site, audited_edition(site))


def audited_pages(site=None) -> tuple:
    """Paths, relative to a language's root, of one page of each kind, of the audited edition where it has
    that kind of page (else of the newest edition that has it)."""
    site = site or audited_site()
    edition = audited_edition(site)
    summarised = edition if edition.summary else roles.with_summary(site)
    compared = edition if edition.predecessors else next(e for e in site.editions if e.predecessors)
    return tuple(f"{e.id}/{page}" for e, page in (
        (edition, HOME),  # home of the edition
        (edition, principle_page(audited_principle(site))),  # a principle page
        (edition, TEXT),  # the full text
        (summarised, SUMMARY),  # the Summary of Discussions
        (edition, STATUS),  # the translation status page
        (edition, SIDE_BY_SIDE),  # two languages side by side
        (compared, compare_page(compared.predecessors[-1])),  # the comparison view, with the oldest edition
        (edition, DATA),  # open data
    ))


def audited_paths(languages=AUDITED_LANGUAGES) -> list:
    """Site paths of every audited page in every audited language ('ar/valletta-2025/text/', ...)."""
    return [lang_prefix(lang) + page for lang in languages for page in audited_pages()]


ABORTED = "net::ERR_ABORTED"  # a request the browser gave up as the reader moved on to another page: no failure
SHOWN_RESULTS = 3  # results a reader sees first, without scrolling, on a desktop screen


def search(page, query) -> list:
    """Open the site's search and put the query in as a paste from a phone's menu does (one input event,
    no key pressed); returns the results shown, best first, as (link, excerpt) of those loaded (Pagefind
    loads a result's data as it scrolls into view), once the summary gives their number."""
    page.locator("[data-vp-search]").click()
    box = page.locator("pagefind-modal input")
    box.evaluate("""(box, query) => { box.value = query;
        box.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste", data: query})); }""", query)
    expect(page.locator("pagefind-summary")).to_contain_text(query)
    expect(page.locator("pagefind-summary")).to_have_text(re.compile(r"\d"))  # a count, not "Searching ..."
    shown, previous = [], None
    for _ in range(100):  # until the first results have their data, the same twice (a locator: the CSP refuses eval)
        shown = shown_results(page)
        first = shown[:SHOWN_RESULTS]
        if all(link for link, _ in first) and len(first) >= min(result_count(page), SHOWN_RESULTS) and first == previous:
            break
        previous = first
        page.wait_for_timeout(150)
    return [(link, excerpt) for link, excerpt in shown if link]


def shown_results(page) -> list:
    """(link, excerpt) of each result in the list, from the same item; None for one still loading."""
    return page.locator("pagefind-results li.pf-result").evaluate_all("""items => items.map(item => [
        item.querySelector("a.pf-result-link")?.href || null, item.querySelector(".pf-result-excerpt")?.innerText || ""])""")


def result_count(page) -> int:
    """The number of results the search's summary gives (in digits in every language of the site)."""
    return int(re.search(r"\d+", page.locator("pagefind-summary").inner_text()).group(0))


def csp_violations(page) -> list:
    """Violations the page reported (securitypolicyviolation events) or logged to the console."""
    reported = page.evaluate("window.__csp_violations || []")
    return reported + [e for e in page.errors if "Content Security Policy" in e]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that gave a request up (the page moved on: ABORTED) closes the connection while the file
        is sent; anything else is printed, as the standard server does."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_folder(folder):
    """A built site over HTTP on a free local port; yields its base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


def open_page(browser, server: str, height: int = 900):
    """A fresh page that records every request, console error, failed response and CSP violation, and
    sees the build at `server` as if it were at its public address (site_url), where absolute links
    (hreflang) point."""
    context = browser.new_context(viewport={"width": 1280, "height": height})
    page = context.new_page()
    page.add_init_script(CSP_LISTENER)
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("response", lambda response: response.status >= 400 and page.errors.append(f"{response.status} {response.url}"))
    page.on("requestfailed",
            lambda request: request.failure != ABORTED and page.errors.append(f"failed: {request.url} ({request.failure})"))
    page.route(SITE_URL + "**", lambda route: route.fulfill(response=page.request.get(server + route.request.url[len(SITE_URL):])))
    return context, page


def real_errors(page) -> list:
    """Console errors and failed requests (every request of a page must succeed)."""
    return list(page.errors)
