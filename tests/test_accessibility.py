"""Accessibility gate: axe-core (bundled by axe-playwright-python 0.1.8: axe-core 4.12.1) at WCAG 2.2 AA
reports no violation on any audited page (tests/browsing.py) in Chromium."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from scripts.permalinks import principle_page, site_path
from tests.browsing import audited_edition, audited_paths, audited_principle

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()


def axe_violations(page) -> list:
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]})
    return [f"{v['id']} ({v['impact']}): {v['help']}: " + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            for v in results.response["violations"]]


def test_the_bundled_axe_core_is_the_pinned_one():
    assert "axe v4.12.1" in AXE.axe_script[:40]


def audited_principle_path(lang: str) -> str:
    return site_path(audited_edition().id, lang, principle_page(audited_principle()))


@pytest.mark.parametrize("path", audited_paths())
def test_no_wcag_22_aa_violation(page, server, path):
    assert page.goto(server + path).ok, path  # a page of the list that does not exist fails, not passes
    page.wait_for_load_state("networkidle")
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


def test_axe_reports_a_violation_it_should(page, server):
    """The gate can fail: an image without a text alternative added to a real page is reported."""
    page.goto(server + audited_principle_path("en"))
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"../../assets/images/favicon.png\">')")
    assert [v.split(" ")[0] for v in axe_violations(page)] == ["image-alt"]


@pytest.mark.parametrize("lang", ["en", "fr", "ar", "zh"])
def test_the_version_selector_is_named_by_what_it_shows(page, server, lang):
    """WCAG 2.5.3 Label in Name: the accessible name of the version button begins with its visible text."""
    page.goto(server + audited_principle_path(lang))
    button = page.locator(".md-version__current")
    button.wait_for()
    visible = button.inner_text().strip()
    assert visible and button.get_attribute("aria-label").startswith(visible)
