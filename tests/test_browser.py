"""Real browser checks in Debian's Chromium (installed by ./vp test): right-to-left Arabic, and (search:
tests/test_search.py), on every audited page (tests/browsing.py), no request leaving the site and no
Content-Security-Policy violation."""

import pytest

from scripts.permalinks import SIDE_BY_SIDE, STATUS, principle_page, site_path
from scripts.status import edition_progress
from tests import roles
from tests.browsing import audited_edition, audited_paths, audited_principle, csp_violations, open_page, real_errors
from tests.fixture_editions import NEWER, OLD


def test_arabic_page_renders_right_to_left(page, server, inputs, screenshots):
    edition = roles.translated(inputs.site, "ar")
    principle = roles.translated_principle(inputs.site, edition, ["ar"])
    page.goto(server + site_path(edition.id, "ar", principle_page(principle)))
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    heading = page.locator("article h1").bounding_box()
    sidebar = page.locator(".md-sidebar--primary").bounding_box()
    assert sidebar["x"] > heading["x"], "the navigation sits on the right in a right-to-left layout"
    screenshot(page, screenshots, f"ar-principle-{principle.number}.png")


def screenshot(page, folder, name: str) -> None:
    """Saved for people to look at, in the run's screenshot folder (named at the end of the run)."""
    shot = folder / name
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000


def test_arabic_translation_status_page(page, server, inputs, screenshots):
    edition = roles.translated(inputs.site, "ar")
    page.goto(server + site_path(edition.id, "ar", STATUS))
    assert page.evaluate("document.documentElement.dir") == "rtl"
    row = page.locator("#status-ar")
    assert row.locator("progress").count() == 3
    translated = edition_progress(inputs.site, edition, "ar").translated
    assert row.locator("progress").first.get_attribute("value") == str(round(translated * 100))
    rows = len(edition.principles) + (1 if edition.summary else 0) + 1  # each principle, the summary, the interface
    assert page.locator(".vp-status-matrix tbody tr").count() == rows
    screenshot(page, screenshots, "ar-translation-status.png")


def test_side_by_side_without_javascript_shows_english_and_the_page_language(browser, server, inputs):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    edition = roles.translated(inputs.site, "ru")
    principle = roles.translated_principle(inputs.site, edition, ["ru"])
    page.goto(server + site_path(edition.id, "ru", SIDE_BY_SIDE) + f"#{principle.anchor}")
    cells = page.locator(f"#{principle.anchor} td")
    assert cells.nth(0).get_attribute("lang") == "en" and cells.nth(1).get_attribute("lang") == "ru"
    assert cells.nth(1).inner_text().strip() == inputs.site.text(principle.paragraphs[0].unit, "ru").value
    assert page.locator("form.vp-pair-form").is_hidden()
    assert page.locator(".vp-pairs a[hreflang=ar]").get_attribute("href") == f"../../../ar/{edition.id}/side-by-side/"
    context.close()


def test_side_by_side_any_pair_with_javascript(page, server, inputs, screenshots):
    edition = roles.translated(inputs.site)
    principle = roles.translated_principle(inputs.site, edition, ["zh", "ar"])
    page.goto(server + site_path(edition.id, "ru", SIDE_BY_SIDE))
    page.select_option("form.vp-pair-form select[name=first]", "zh")
    page.select_option("form.vp-pair-form select[name=second]", "ar")
    page.click("form.vp-pair-form button")
    page.locator("table.vp-parallel[data-pair='zh ar']").wait_for()  # not wait_for_function: the CSP refuses eval
    cells = page.locator(f"#{principle.anchor} td")
    unit = principle.paragraphs[0].unit
    assert cells.nth(0).get_attribute("lang") == "zh" and cells.nth(1).get_attribute("dir") == "rtl"
    assert cells.nth(0).inner_text().strip() == inputs.site.text(unit, "zh").value
    assert cells.nth(1).inner_text().strip() == inputs.site.text(unit, "ar").value
    page.locator(f"#{principle.anchor}").scroll_into_view_if_needed()
    screenshot(page, screenshots, "side-by-side-zh-ar.png")
    assert real_errors(page) == []


# ---- the comparison page, with the fixture earlier edition (tests/fixture_editions.py) ------------------

@pytest.fixture
def fixture_page(browser, fixture_server):
    context, page = open_page(browser, fixture_server, height=1000)
    yield page
    page.unroute_all(behavior="ignoreErrors")
    context.close()


def test_comparison_page_renders_with_redlines_and_picture(fixture_page, fixture_server, screenshots):
    page = fixture_page
    page.goto(fixture_server + site_path(NEWER, "en", f"compare/{OLD}/"))
    page.wait_for_load_state("networkidle")
    assert page.locator("figure.vp-concordance svg text").count() > 80  # numbers, edition names, relation labels
    deleted = page.locator("#principle-8 ~ .vp-redline del").first
    assert deleted.text_content() == "[deleted: must end of deletion]"  # the text cue screen readers read
    assert deleted.evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"  # not colour alone
    assert page.locator("#principle-8 ~ .vp-redline ins").first.evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"
    shots = screenshots
    page.screenshot(path=str(shots / "compare-overview.png"), full_page=False)
    page.locator("figure.vp-concordance").screenshot(path=str(shots / "compare-concordance.png"))
    page.locator("#principle-1 ~ details.vp-sides summary").first.click()
    assert page.locator("#principle-1 ~ details.vp-sides table").first.is_visible()
    page.screenshot(path=str(shots / "compare-redline.png"), full_page=False)
    assert (shots / "compare-overview.png").stat().st_size > 10_000
    assert real_errors(page) == []


def test_comparison_links_work_in_arabic(fixture_page, fixture_server):
    page = fixture_page
    page.goto(fixture_server + site_path(NEWER, "ar", f"compare/{OLD}/"))
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.locator("#principle-3 ~ .vp-relation a").nth(1).click()
    assert page.url.endswith(f"/ar/{OLD}/principles/3/")
    page.locator(".vp-lineage a").last.click()
    assert page.url.endswith(f"/ar/{NEWER}/compare/{OLD}/#principle-3")
    assert real_errors(page) == []


def test_cite_box_copies_with_javascript_and_is_plain_text_without(browser, server, inputs):
    edition = roles.translated(inputs.site, "fr")
    principle = roles.translated_principle(inputs.site, edition, ["fr"])
    path = site_path(edition.id, "fr", principle_page(principle))
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + path)
    citation = page.locator(f"#cite-{principle.anchor}").inner_text()
    button = page.locator("button.vp-copy")
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == citation.strip()
    assert principle_page(principle) in citation
    context.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + path)
    assert page.locator(f"#cite-{principle.anchor}").is_visible()
    assert not page.locator("button.vp-copy").is_visible(), "no dead button without JavaScript"
@pytest.mark.parametrize("path", audited_paths())
def test_page_requests_nothing_outside_the_site_and_keeps_its_csp(page, server, path):
    """Every request of the page is to the site and succeeds; nothing breaks its Content-Security-Policy.
    (tests/test_phones.py sees every request of the audited pages in all six languages fail or not.)"""
    assert page.goto(server + path).ok, path
    page.wait_for_load_state("networkidle")
    assert page.requests and all(url.startswith(server) for url in page.requests), page.requests
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert csp_violations(page) == []
    assert real_errors(page) == []


def test_the_csp_blocks_injected_markup_and_the_gate_sees_it(page, server):
    """Markup that escaped the escaping could not run, and the violation is reported (the gate works)."""
    page.goto(server + site_path(audited_edition().id, "en", principle_page(audited_principle())))
    page.wait_for_load_state("networkidle")
    page.evaluate("""document.querySelector('article').insertAdjacentHTML('beforeend',
        '<img src="x" onerror="window.__ran = 1"><script src="https://elsewhere.test/x.js"></script>')""")
    for _ in range(50):
        if page.evaluate("window.__csp_violations.length"):
            break
        page.wait_for_timeout(100)
    assert page.evaluate("window.__ran") is None
    assert any(v.startswith("script-src-attr blocked inline") for v in csp_violations(page)), csp_violations(page)


@pytest.mark.parametrize("path", [p for p in audited_paths() if p.endswith(principle_page(audited_principle()))])
def test_principle_page_is_readable_with_javascript_off(browser, server, inputs, path):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + path)
    paragraphs = page.locator("article .vp-paragraph")
    assert page.locator("article h1").is_visible() and paragraphs.count() >= 1
    assert all(p.is_visible() and p.inner_text().strip() for p in paragraphs.all())
    # the navigation is plain links: the page's own entry, and one at least for each group of the edition
    assert page.locator(".md-sidebar--primary a.md-nav__link--active").count() >= 1
    assert page.locator(".md-sidebar--primary a.md-nav__link").count() > len(audited_edition(inputs.site).groups)
    context.close()
