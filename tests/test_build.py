"""The real build: every page at its permalink, right language and direction, nothing third-party,
the permalink lock enforced, and two builds byte-identical."""
import dataclasses
import hashlib
import json
import re
from pathlib import Path

import pytest

from scripts import commands, fileio, lock
from scripts.config import LANGUAGES
from scripts.errors import PipelineError
from scripts.permalinks import edition_pages, lang_prefix, site_path
from scripts.render import data
from scripts.render.page import escape
from scripts.render.site import render_pages
from tests import roles

HTML_LANG = re.compile(r'<html lang="([^"]+)" dir="(ltr|rtl)"')


def page_file(site: Path, url: str, site_url: str) -> Path:
    return site / url[len(site_url):] / "index.html"


def test_every_principle_in_six_languages_at_its_permalink(built_site, inputs):
    manifest = json.loads((built_site / "permalinks.json").read_text(encoding="utf-8"))
    for edition in roles.with_text(inputs.site):
        check_principles(built_site, manifest, edition)


def check_principles(built_site: Path, manifest: dict, edition):
    entries = manifest["editions"][edition.id]["entries"]
    principles = {key: value for key, value in entries.items() if key in {p.id for p in edition.principles}}
    assert len(principles) == len(edition.principles)
    for per_lang in principles.values():
        assert set(per_lang) == {lang.code for lang in LANGUAGES}
        for lang, entry in per_lang.items():
            html = page_file(built_site, entry["url"], manifest["site_url"]).read_text(encoding="utf-8")
            assert f'id="{entry["anchor"]}"' in html
            assert HTML_LANG.search(html).groups() == (lang, "rtl" if lang == "ar" else "ltr")


def test_translated_page_shows_translation_with_its_status(built_site, inputs):
    edition = roles.translated(inputs.site, "fr")
    principle = roles.translated_principle(inputs.site, edition, ["fr"])
    html = (built_site / site_path(edition.id, "fr", f"principles/{principle.number}/") / "index.html").read_text(encoding="utf-8")
    french = inputs.site.text(principle.title, "fr")
    assert french.lang == "fr" and french.value in html.replace("&#x27;", "'")
    assert "vp-status" in html and "admonition warning" in html  # the unreviewed-draft banner


def test_untranslated_text_is_english_marked_and_noticed(inputs):
    site = inputs.site
    # the newest edition whose summary begins with a paragraph translated into French
    edition = next(e for e in site.editions if e.summary and not site.text(e.summary.sections[0].paragraphs[0].unit, "fr").is_fallback)
    section = edition.summary.sections[0]
    unit = section.paragraphs[0].unit
    french = {unit_id: t for unit_id, t in site.translations["fr"].items() if unit_id != unit.id}
    without = dataclasses.replace(site, translations=site.translations | {"fr": french})
    markdown = render_pages(without, edition, "fr", inputs.content, inputs.site_url)["summary.md"]
    anchor = section.paragraph_anchor(section.paragraphs[0])
    assert f'id="{anchor}" class="vp-paragraph" lang="en" dir="ltr">{escape(unit.english)}<' in markdown
    untouched = render_pages(site, edition, "fr", inputs.content, inputs.site_url)["summary.md"]
    assert "vp-fallback-note" in markdown and "vp-fallback-note" not in untouched


def test_an_edition_without_text_shows_metadata_not_invented_text(inputs, tmp_path):
    """An edition whose text is not imported (the Bogotá Principles today; else one made so from the oldest):
    its home describes it, naming its organisers, and it has no principle pages."""
    site, edition = roles.without_text(inputs.site)
    pages = render_pages(site, edition, "en", inputs.content, inputs.site_url)
    assert "is not yet published on this site" in pages["index.md"]
    assert all(escape(organiser) in pages["index.md"] for organiser in edition.organisers)
    assert not [name for name in pages if name.startswith("principles/")]


def test_versions_and_latest_alias(built_site, inputs):
    versions = json.loads((built_site / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in versions] == [edition.id for edition in inputs.site.editions]
    assert versions[0]["aliases"] == ["latest"] and not [v for v in versions[1:] if v["aliases"]]
    assert (built_site / "fr/versions.json").exists()
    edition = roles.newest_with_text(inputs.site)
    number = edition.principles[0].number
    alias = f"latest/principles/{number}/"
    target = dict(inputs.site.aliases).get(alias, edition.id)  # principles.yaml may keep an alias elsewhere
    redirect = (built_site / alias / "index.html").read_text(encoding="utf-8")
    assert f"url=../../../{target}/principles/{number}/" in redirect


def test_no_third_party_hosts(built_site):
    """Every src/href is relative or points at the site itself (no fonts, CDN or analytics)."""
    site_url = "https://valletta-principles.example/"
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for url in re.findall(r'(?:src|href)="(https?:[^"]+)"', html):
            assert url.startswith(site_url), (path, url)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_permalink_lock_is_current_and_enforced(inputs):
    locked = {entry.path for entry in lock.read_lock() if not entry.target}
    assert locked == set(data.site_paths(inputs.site)), "run: python -m scripts lock-permalinks"
    edition = roles.newest_with_text(inputs.site)
    last = edition.principles[-1]
    without_last = dataclasses.replace(edition, principles=edition.principles[:-1])
    site = dataclasses.replace(inputs.site, editions=tuple(without_last if e is edition else e for e in inputs.site.editions))
    page = f"{edition.id}/principles/{last.number}/"
    with pytest.raises(PipelineError) as caught:
        lock.check_lock(site)
    assert any(f"published URL /{page} would no longer exist" in p for p in caught.value.problems)
    # redirected to the full text, the page and the aliases that led to it (where no older edition has the number)
    gone = [page] + [f"{alias}{last.number}/" for alias in ("p/", "latest/principles/")
                     if not any(p.number == last.number for e in inputs.site.editions[1:] for p in e.principles)]
    redirected = dataclasses.replace(site, redirects=tuple((f"{lang_prefix(lang.code)}{old}", f"{lang_prefix(lang.code)}{edition.id}/text/")
                                                           for lang in LANGUAGES for old in gone))
    lock.check_lock(redirected)
    assert f"{page}index.html" in data.root_files(redirected, "https://x/")


def tree_digest(root: Path) -> dict:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(built_site, inputs, tmp_path):
    second = tmp_path / "site"
    commands.build(second)
    first, again = tree_digest(built_site), tree_digest(second)
    assert first.keys() == again.keys()
    assert [name for name in first if first[name] != again[name]] == []
    # every kind of output is in the comparison: pages, PDFs, data files, sitemaps, search indexes (Pagefind's), assets
    assert {".html", ".pdf", ".json", ".xml", ".gz", ".css", ".js"} <= {Path(name).suffix for name in first}
    assert len([name for name in first if name.endswith(".pdf")]) == len(roles.with_text(inputs.site)) * len(LANGUAGES)
    edition = roles.newest(inputs.site)
    assert {"permalinks.json", "versions.json", f"{edition.id}/pagefind/pagefind-entry.json"} <= first.keys()
    assert any(name.endswith(".pf_fragment") for name in first) and any(name.endswith(".pf_index") for name in first)


DOWNLOAD = re.compile(r'<p class="vp-download"><a href="([^"]+)" type="application/pdf" download>([^<]+)</a> \(([^)]+)\)</p>')


@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES])
def test_every_page_of_an_edition_with_text_links_its_pdf(built_site, inputs, lang):
    """'Download PDF' on every page, in the page's language, with the size, to the URL in permalinks.json."""
    manifest = json.loads((built_site / "permalinks.json").read_text(encoding="utf-8"))
    for edition in inputs.site.editions:
        if edition.has_text:
            check_pdf_links(built_site, manifest, inputs, edition, lang)
        else:  # no text, no PDF
            assert "vp-download" not in (built_site / site_path(edition.id, lang, "") / "index.html").read_text(encoding="utf-8")


def check_pdf_links(built_site: Path, manifest: dict, inputs, edition, lang: str):
    pdf_url = manifest["editions"][edition.id]["entries"]["pdf"][lang]["url"]
    pdf = built_site / pdf_url[len(manifest["site_url"]):]
    pages = sorted((built_site / site_path(edition.id, lang, "")).glob("**/index.html"))
    assert len(pages) == len(edition_pages(edition))
    for page in pages:
        href, label, size = DOWNLOAD.search(page.read_text(encoding="utf-8")).groups()
        assert (page.parent / href).resolve() == pdf.resolve() and pdf.stat().st_size > 10_000  # fonts embedded
        assert label == inputs.site.t("download_pdf", lang)
        assert str(-(-pdf.stat().st_size // 1024)) in size.replace("\u202f", "").replace(",", "")


def test_every_html_file_is_finished(built_site):
    """The finishing pass reaches every HTML file, 404 and redirect pages included: `dir` on <html> that
    fits its language, and a Content-Security-Policy before anything else in <head>."""
    files = sorted(built_site.rglob("*.html"))
    assert any(path.name == "404.html" for path in files)
    for path in files:
        html = path.read_text(encoding="utf-8")
        lang, direction = HTML_LANG.search(html).groups()
        assert direction == ("rtl" if lang == "ar" else "ltr"), path
        assert re.search(r'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src', html), path


def test_a_shared_file_is_never_a_page_and_no_rewrite_reaches_its_other_names(built_site, tmp_path):
    """A build writes a file whose bytes another file already has as a hard link to it (fileio, scratch):
    a page never, since the finishing pass rewrites pages in place, which would change every name."""
    shared = [path for path in built_site.rglob("*") if path.is_file() and path.stat().st_nlink > 1]
    assert shared, "the build links the files it writes twice"
    assert not [path for path in shared if path.suffix == ".html"]
    fileio.write_files(tmp_path, {"a/x.bib": "same", "b/x.bib": "same", "a/p.html": "<p>", "b/p.html": "<p>"},
                       scratch=True)
    assert (tmp_path / "a/x.bib").stat().st_ino == (tmp_path / "b/x.bib").stat().st_ino
    (tmp_path / "a/p.html").write_text("<p>finished", encoding="utf-8")  # as scripts/finish.py does
    assert (tmp_path / "b/p.html").read_text(encoding="utf-8") == "<p>"
    fileio.write_files(tmp_path, {"a/x.bib": "changed"})  # any later write replaces the name, not the file
    assert (tmp_path / "b/x.bib").read_text(encoding="utf-8") == "same"
