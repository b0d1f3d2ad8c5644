"""HTML validity gate: every page of the build parses without a single error under the WHATWG parsing
algorithm (html5lib, as browsers parse), has unique ids, every id reference names an element, and lists
hold only list items."""
from scripts.sitewalk import BuiltSite, parse_html


def test_every_page_is_valid_html(site_walk):
    assert len(site_walk.pages) > 500
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
