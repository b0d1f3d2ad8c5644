"""Link integrity gate: every internal link and anchor of every page, data file and PDF the build
produces resolves (tests/sitewalk.py walks whatever is in site/, so new pages are covered)."""
import json

from pypdf import PdfWriter
from pypdf.annotations import Link

from scripts.sitewalk import BuiltSite

SITE_URL = "https://example.test/"


def test_every_internal_link_and_anchor_resolves(site_walk):
    assert site_walk.broken_links() == []


def test_the_walk_reaches_every_kind_of_output(site_walk):
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
    assert len([rel for rel in site_walk.pages if rel.endswith("valletta-2025/principles/13/index.html")]) == 6


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
    problems = BuiltSite(tmp_path, SITE_URL).broken_links()
    assert problems == [
        "a/index.html: <a href> ../b/: no such file (b/index.html)",
        "a/index.html: <a href> ./#gone: no element with id 'gone' in a/index.html",
        "a/index.html: <a href> ../doc.pdf#nodest: no named destination 'nodest' in doc.pdf",
        "a/index.html: <a href> javascript:alert(1): a javascript: URL",
        f"data.json: url+anchor {SITE_URL}a/#nope: no element with id 'nope' in a/index.html",
        f"data.json: URL {SITE_URL}c/: no such file (c/index.html)",
        f"doc.pdf: page 1 link {SITE_URL}z/: no such file (z/index.html)",
    ]
