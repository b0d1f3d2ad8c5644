"""Phones, in Debian's Chromium: on every audited page (tests/browsing.py), in all six languages, at 320,
375 and 390 px, with JavaScript on and off, the page is exactly as wide as the screen and opens at its start
(right-to-left pages too) and every request succeeds; the site name in the header is shown whole; the page title takes at most a
quarter of the screen; the concordance picture keeps its text at 12 px or more. A screenshot of every page
at 390 px (with and without JavaScript) is written to the run's screenshot folder for people to look at."""
import pytest

from scripts.config import LANGUAGE_CODES
from scripts.permalinks import lang_prefix
from tests.browsing import ABORTED, audited_pages
from tests.fixture_editions import NEWER, OLD

PHONES = ((320, 568), (375, 667), (390, 844))  # width x height of common small, medium and large phones
SHOT_WIDTH = 390
NAME_FITS = """() => [...document.querySelectorAll('.md-header__topic:first-child > *')]
    .filter(e => e.offsetWidth > 0).every(e => e.scrollWidth <= e.clientWidth + 1)"""


def phone_page(browser, javascript: bool):
    """A phone-sized page that records failed requests and responses (none may fail)."""
    width, height = PHONES[0]
    context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript)
    page = context.new_page()
    page.failed = []
    page.on("response", lambda response: response.status >= 400 and page.failed.append(f"{response.status} {response.url}"))
    page.on("requestfailed", lambda request: request.failure != ABORTED and page.failed.append(f"failed: {request.url}"))
    return context, page


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_audited_pages_fit_every_phone(browser, server, screenshots, lang, javascript):
    context, page = phone_page(browser, javascript)
    problems = []
    for path in audited_pages():
        page.set_viewport_size({"width": PHONES[0][0], "height": PHONES[0][1]})
        assert page.goto(server + lang_prefix(lang) + path).ok, path
        if javascript:
            page.locator(".md-version").wait_for()  # the theme's script has filled in the header
        if page.evaluate("scrollX") != 0:
            problems.append(f"{path}: opens scrolled sideways by {page.evaluate('scrollX')} px")
        for width, height in PHONES:
            page.set_viewport_size({"width": width, "height": height})
            seen = page.evaluate("document.documentElement.scrollWidth")
            if seen != width:
                problems.append(f"{path} at {width} px: the page is {seen} px wide")
            if not page.evaluate(NAME_FITS):
                problems.append(f"{path} at {width} px: the site name in the header is cut")
            title = page.locator("article h1").first.bounding_box()
            if title["height"] > height / 4:
                problems.append(f"{path} at {width} px: the title is {title['height']:.0f} px high")
            if width == SHOT_WIDTH:
                name = f"phone-{width}-{lang}-{'js' if javascript else 'no-js'}-{path.strip('/').replace('/', '-')}.png"
                page.screenshot(path=str(screenshots / name))
    failed = list(page.failed)  # before closing, which ends requests still under way
    context.close()
    assert problems == [] and failed == []


def test_the_concordance_picture_stays_readable_on_a_phone(browser, fixture_server, screenshots):
    """Its text is not shrunk below 12 px: the picture scrolls sideways in its own box instead."""
    context, page = phone_page(browser, True)
    page.set_viewport_size({"width": SHOT_WIDTH, "height": 844})
    page.goto(fixture_server + f"{NEWER}/compare/{OLD}/")
    page.wait_for_load_state("networkidle")
    picture = page.locator("figure.vp-concordance svg")
    scale = picture.evaluate("svg => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width")
    assert float(picture.get_attribute("font-size")) * scale >= 12
    assert page.evaluate("document.documentElement.scrollWidth") == SHOT_WIDTH
    page.locator("figure.vp-concordance").screenshot(path=str(screenshots / "phone-390-concordance.png"))
    context.close()
