"""HTML validity gate: every page of the build parses without a single error under the WHATWG parsing
algorithm (html5lib, as browsers parse), has unique ids, every id reference names an element, and lists
hold only list items."""
from scripts.config import LANGUAGES
from scripts.permalinks import edition_pages
from scripts.render import data
from scripts.sitewalk import BuiltSite, parse_html


def least_html_files(site) -> int:
    """The HTML files a build has at least: every page of every edition in every language, and a redirect
    page for every address that leads elsewhere (scripts/render/data.py), counted from the model."""
    pages = len(LANGUAGES) * sum(len(edition_pages(edition)) for edition in site.editions)
    return pages + len({old for old, _ in data.redirects(site)})


def test_every_page_is_valid_html(site_walk, inputs):
    assert len(site_walk.pages) >= least_html_files(inputs.site)
    assert site_walk.invalid_html() == []


def test_the_validator_reports_errors_duplicate_ids_and_dangling_references(tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>t</title><p id="x"><div id="x"></p></span>'
        '<label for="nothing">L</label><button aria-controls="x">b</button><ul><div>d</div></ul>', encoding="utf-8")
    problems = BuiltSite(tmp_path, "https://example.test/").invalid_html()
    assert problems == [
        "index.html: line 1, column 73: unexpected-end-tag {'name': 'p'}",
        "index.html: line 1, column 80: unexpected-end-tag {'name': 'span'}",
        "index.html: line 1, column 167: expected-closing-tag-but-got-eof",
        "index.html: duplicate id 'x'",
        "index.html: <label for> names no element: 'nothing'",
        "index.html: <div> inside <ul>",
    ]
    assert parse_html(b"<!doctype html><html lang=en><title>t</title><p>fine</p>").errors == []
