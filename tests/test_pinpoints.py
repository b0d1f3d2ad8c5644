"""Pinpoints a citer pastes: a short URL, a `latest` alias or a page, with a #fragment, lands on the targeted
element — it is :target and shown in the viewport below the sticky header — whatever redirect leads there."""
import pytest

from scripts.permalinks import lang_prefix
from tests import roles
from tests.browsing import open_page


def landing(page) -> dict:
    return page.evaluate("""() => {
        const target = document.querySelector(':target');
        if (!target) return null;
        const box = target.getBoundingClientRect();
        const header = document.querySelector('.md-header').getBoundingClientRect();
        return {id: target.id, top: box.top, bottom: box.bottom, header: header.bottom, height: innerHeight};
    }""")


@pytest.mark.parametrize("lang", ["en", "fr", "ar", "zh"])
@pytest.mark.parametrize("alias, target", [("p", "paragraph"), ("latest/text", "principle"), ("p", None)])
def test_a_pinpoint_lands_on_its_target_below_the_header(browser, server, lang, alias, target, inputs):
    """As /p/13/#principle-13-1, /latest/text/#principle-13 and /fr/p/13/, for a principle of the newest
    edition with text (where principles.yaml keeps its short URL elsewhere, there)."""
    edition = roles.newest_with_text(inputs.site)
    principle = roles.a_principle(edition)
    path = f"p/{principle.number}/" if alias == "p" else "latest/text/"
    leads_to = dict(inputs.site.aliases).get(path, edition.id) if alias == "p" else edition.id
    anchor = {"paragraph": principle.paragraph_anchor(principle.paragraphs[0]), "principle": principle.anchor}.get(target, "")
    context, page = open_page(browser, server)
    try:
        page.goto(server + lang_prefix(lang) + path + (f"#{anchor}" if anchor else ""))
        page.wait_for_load_state("load")
        assert f"/{leads_to}/" in page.url
        if not anchor:  # /fr/p/13/: the principle's page itself
            assert page.url.endswith(f"/principles/{principle.number}/")
            return
        assert page.url.endswith(f"#{anchor}")
        found = landing(page)
        assert found and found["id"] == anchor
        assert found["top"] >= found["header"] - 1 and found["top"] < found["height"], found
    finally:
        page.unroute_all(behavior="ignoreErrors")  # the theme's prefetches may still be in flight
        context.close()
