"""Pinpoints a citer pastes: a short URL, a `latest` alias or a page, with a #fragment, lands on the targeted
element — it is :target and shown in the viewport below the sticky header — whatever redirect leads there."""
import pytest

from scripts.permalinks import lang_prefix
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
@pytest.mark.parametrize("path, anchor", [("p/13/", "principle-13-1"), ("latest/text/", "principle-13"), ("p/13/", "")])
def test_a_pinpoint_lands_on_its_target_below_the_header(browser, server, lang, path, anchor, inputs):
    context, page = open_page(browser, server)
    try:
        page.goto(server + lang_prefix(lang) + path + (f"#{anchor}" if anchor else ""))
        page.wait_for_load_state("load")
        newest = inputs.site.latest.id
        assert f"/{newest}/" in page.url
        if not anchor:  # /fr/p/13/: the principle's page itself
            assert page.url.endswith("/principles/13/")
            return
        assert page.url.endswith(f"#{anchor}")
        found = landing(page)
        assert found and found["id"] == anchor
        assert found["top"] >= found["header"] - 1 and found["top"] < found["height"], found
    finally:
        page.unroute_all(behavior="ignoreErrors")  # the theme's prefetches may still be in flight
        context.close()
