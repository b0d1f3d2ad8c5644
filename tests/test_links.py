"""Link integrity gate: every internal link and anchor of every page, data file and PDF the build
produces resolves (tests/sitewalk.py walks whatever is in site/, so new pages are covered); and every page of
every edition and language is reachable from / by plain links."""
import json

from pypdf import PdfWriter
from pypdf.annotations import Link

from scripts.config import LANGUAGES
from scripts.permalinks import NOT_FOUND, pdf_path, principle_page, site_path
from scripts.render import data
from scripts.sitewalk import BuiltSite
from tests import roles

SITE_URL = "https://example.test/"

# The HTML files no plain link needs to reach, each kind with its reason (by what they are, never by name):
# the crawl must reach every other page.
UNLINKED = {
    "a redirect page (an alias or a retired address), which leads to a page the crawl reaches":
        lambda rel, page: any(what == "<meta refresh>" for what, _ in page.links),
    "a 404 page, which a server sends for an address that does not exist":
        lambda rel, page: rel.rsplit("/", 1)[-1] == NOT_FOUND,
}


def unlinked_reason(rel: str, page) -> str:
    return next((reason for reason, applies in UNLINKED.items() if applies(rel, page)), "")


def test_a_crawl_from_the_root_over_plain_links_reaches_every_page(site_walk, inputs):
    """No JavaScript (version selector, search) and no sitemap: only <a href>, from /."""
    reached = site_walk.reachable()
    unreached = sorted(rel for rel in site_walk.pages if rel not in reached and not unlinked_reason(rel, site_walk.pages[rel]))
    assert unreached == []
    pages = {path + "index.html" for path in data.page_paths(inputs.site)}  # every edition, every language
    assert pages <= reached
    assert not [rel for rel in reached if unlinked_reason(rel, site_walk.pages[rel]).startswith("a 404")]
    exempt = [rel for rel in site_walk.pages if rel not in reached]
    assert all(unlinked_reason(rel, site_walk.pages[rel]) for rel in exempt) and exempt


def test_every_internal_link_and_anchor_resolves(site_walk):
    assert site_walk.broken_links() == []


def test_the_walk_reaches_every_kind_of_output(site_walk, inputs):
    """The gate passes only because links were followed: pages, sitemaps, search indexes, data files, PDFs."""
    followed = {}
    for rel in site_walk.files:
        for what, _, _ in site_walk.links(rel):
            kind = rel.rsplit(".", 1)[-1] if not rel.endswith(".pf_fragment") else "search"
            followed.setdefault(kind, set()).add(what.split(" ")[0] if kind == "pdf" else what)
    assert {"<a href>", "<link href>", "<script src>", "<meta refresh>"} <= followed["html"]
    assert "url+anchor" in followed["json"] and "versions.json" in followed["json"]  # permalinks.json
    assert followed["search"] == {"search result", "search result anchor"}
    assert followed["xml"] == {"sitemap <loc>", "URL"}  # sitemaps; the Akoma Ntoso files' references
    assert followed["pdf"] == {"page"}  # the PDFs' table of contents links
    edition = roles.newest_with_text(inputs.site)
    page = principle_page(roles.a_principle(edition)) + "index.html"
    assert len([rel for rel in site_walk.pages if rel.endswith(f"{edition.id}/{page}")]) == len(LANGUAGES)


def paragraph_anchors(edition) -> dict:
    """anchor -> page (edition-relative) of every paragraph of the edition's principles and summary."""
    found = {p.paragraph_anchor(q): principle_page(p) for p in edition.principles for q in p.paragraphs}
    for section in edition.summary.sections if edition.summary else ():
        found |= {section.paragraph_anchor(q): "summary/" for q in section.paragraphs}
    return found


def test_every_paragraph_has_a_pdf_destination_equal_to_its_web_anchor(site_walk, inputs):
    """In every language's PDF of the newest edition with text, each paragraph (principle-13-2,
    summary-background-3) is a named destination, the same as its id on the web page."""
    edition = roles.newest_with_text(inputs.site)
    anchors = paragraph_anchors(edition)
    assert any(anchor.startswith("summary-") for anchor in anchors) == bool(edition.summary)
    for lang in LANGUAGES:
        names = site_walk.pdf_destinations(pdf_path(edition.id, lang.code))
        assert sorted(set(anchors) - names) == [], lang.code
        for anchor, page in anchors.items():
            assert anchor in site_walk.pages[site_path(edition.id, lang.code, page) + "index.html"].ids, (lang.code, anchor)


def test_principle_pages_open_the_pdf_at_their_principle(site_walk, inputs):
    """Each principle page downloads the whole PDF and opens it at the principle (the link gate checks that
    the destination exists)."""
    edition = roles.newest_with_text(inputs.site)
    for lang in LANGUAGES:
        pdf = pdf_path(edition.id, lang.code).rsplit("/", 1)[1]
        for principle in edition.principles:
            rel = site_path(edition.id, lang.code, principle_page(principle)) + "index.html"
            links = {url for what, url, _ in site_walk.links(rel) if what == "<a href>" and url.split("#")[0].endswith(pdf)}
            assert links == {f"../../{pdf}", f"../../{pdf}#{principle.anchor}"}, (lang.code, principle.number, links)


def pins(element) -> list:
    """(href, number) of the paragraph numbers in an element."""
    return [(pin.get("href"), pin.text) for pin in element.iter("a") if pin.get("class") == "vp-pin"]


def numbered(tree, anchor: str):
    """The element that holds the paragraph `anchor` and its number: the paragraph's row, or the list item."""
    (row,) = [parent for parent in tree.iter() for child in parent if child.get("id") == anchor]
    return row if row.get("class") == "vp-pinned" else next(tree.iterfind(f".//*[@id='{anchor}']"))


def test_paragraph_numbers_are_plain_links_to_their_anchor(site_walk, inputs):
    """Where a principle or summary section has several paragraphs, each shows its number, a link to itself
    (its address, to copy without JavaScript); where it has one, no number."""
    edition = roles.with_summary(inputs.site)
    section = roles.section_with_paragraphs(edition)
    for lang in LANGUAGES:
        tree = site_walk.pages[site_path(edition.id, lang.code, "summary/index.html")].tree
        for paragraph in section.paragraphs:
            anchor = section.paragraph_anchor(paragraph)
            assert pins(numbered(tree, anchor)) == [(f"#{anchor}", str(paragraph.number))], (lang.code, anchor)
    single = next(p for p in edition.principles if len(p.paragraphs) == 1)
    tree = site_walk.pages[site_path(edition.id, "en", principle_page(single)) + "index.html"].tree
    assert pins(tree) == []


def make_site(root):
    """A three-file site with one good and one broken link of each kind."""
    (root / "a").mkdir(parents=True)
    (root / "a/index.html").write_text(
        '<!doctype html><html lang="en"><title>a</title><h1 id="here">A</h1>'
        '<a href="#here">ok</a> <a href="../b/">missing page</a> <a href="./#gone">missing anchor</a>'
        '<a href="../doc.pdf#dest">ok pdf</a> <a href="../doc.pdf#nodest">missing pdf destination</a>'
        '<a href="https://elsewhere.test/x">outgoing, not checked</a> <a href="javascript:alert(1)">js</a>',
        encoding="utf-8")
    (root / "data.json").write_text(json.dumps({"u": {"url": SITE_URL + "a/", "anchor": "nope"},
                                                "v": SITE_URL + "c/"}), encoding="utf-8")
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_named_destination("dest", 0)
    writer.add_annotation(0, Link(rect=(0, 0, 10, 10), url=SITE_URL + "a/#here"))
    writer.add_annotation(0, Link(rect=(0, 20, 10, 30), url=SITE_URL + "z/"))
    with open(root / "doc.pdf", "wb") as handle:
        writer.write(handle)


def test_the_checker_finds_broken_links_and_anchors(tmp_path):
    make_site(tmp_path)
    walk = BuiltSite(tmp_path, SITE_URL)
    assert walk.reachable("a/index.html") == {"a/index.html"}  # the links to b/ and the PDF lead to no page
    problems = walk.broken_links()
    assert problems == [
        "a/index.html: <a href> ../b/: no such file (b/index.html)",
        "a/index.html: <a href> ./#gone: no element with id 'gone' in a/index.html",
        "a/index.html: <a href> ../doc.pdf#nodest: no named destination 'nodest' in doc.pdf",
        "a/index.html: <a href> javascript:alert(1): a javascript: URL",
        f"data.json: url+anchor {SITE_URL}a/#nope: no element with id 'nope' in a/index.html",
        f"data.json: URL {SITE_URL}c/: no such file (c/index.html)",
        f"doc.pdf: page 1 link {SITE_URL}z/: no such file (z/index.html)",
    ]
