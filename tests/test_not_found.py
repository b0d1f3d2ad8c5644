"""The page servers send for an address that does not exist, at the site root and at each language root: in
that language (right to left in Arabic), with plain links to the newest edition and to every edition, and
the search where JavaScript runs (tests/test_nginx.py checks that a server sends it with status 404)."""
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from scripts.config import LANGUAGES, language
from scripts.permalinks import NOT_FOUND, lang_prefix, site_path
from scripts.sitewalk import parse_html
from tests.browsing import csp_violations, open_page, real_errors


def text_of(element) -> str:
    return "".join(element.itertext()).strip()


@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES])
def test_each_language_root_has_a_404_page_in_its_language(built_site, inputs, lang):
    site, root = inputs.site, urlsplit(inputs.site_url).path
    page = parse_html((built_site / (lang_prefix(lang) + NOT_FOUND)).read_bytes())  # as site_walk parses it, alone
    html = page.tree if page.tree.tag == "html" else next(page.tree.iter("html"))
    assert (html.get("lang"), html.get("dir")) == (lang, language(lang).dir)
    (heading,) = html.iter("h1")
    assert text_of(heading) == site.t("not_found_title", lang)
    assert text_of(next(html.iter("title"))).startswith(site.t("not_found_title", lang))
    links = {a.get("href") for a in html.iter("a")}
    homes = {root + site_path(edition.id, lang, "") for edition in site.editions}
    assert homes <= links, "a plain link to every edition, in the page's language, from any address"
    buttons = [b for b in html.iter("button") if "data-vp-search-open" in b.attrib]
    assert len(buttons) == 1 and text_of(buttons[0]) == site.t("search", lang)


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_the_404_page_offers_the_search_with_javascript(browser, server, lang):
    context, page = open_page(browser, server)
    try:
        page.goto(server + lang_prefix(lang) + NOT_FOUND)
        offer = page.locator(".vp-search-offer")
        expect(offer).to_be_visible()
        offer.locator("button").click()
        expect(page.locator("pagefind-modal input")).to_be_visible()
        assert real_errors(page) == [] and csp_violations(page) == []
    finally:
        page.unroute_all(behavior="ignoreErrors")
        context.close()


def test_without_javascript_the_404_page_offers_no_search_it_cannot_run(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server + NOT_FOUND)
        assert page.locator(".vp-search-offer").is_hidden()
        assert page.locator(".vp-editions a").count() >= 1
    finally:
        context.close()
