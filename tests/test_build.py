"""The real build: every page at its permalink, right language and direction, nothing third-party,
the permalink lock enforced, and two builds byte-identical."""
import dataclasses
import hashlib
import json
import re
from pathlib import Path

import pytest

from scripts import commands, lock
from scripts.config import LANGUAGES
from scripts.errors import PipelineError
from scripts.permalinks import edition_pages, site_path
from scripts.render import data
from scripts.render.page import escape
from scripts.render.site import render_pages

HTML_LANG = re.compile(r'<html lang="([^"]+)" dir="(ltr|rtl)"')


def page_file(site: Path, url: str, site_url: str) -> Path:
    return site / url[len(site_url):] / "index.html"


def test_all_42_principles_in_six_languages_at_their_permalinks(built_site):
    manifest = json.loads((built_site / "permalinks.json").read_text(encoding="utf-8"))
    entries = manifest["editions"]["valletta-2025"]["entries"]
    principles = {key: value for key, value in entries.items() if key.startswith("p") and key[1:].isdigit()}
    assert len(principles) == 42
    for pid, per_lang in principles.items():
        assert set(per_lang) == {lang.code for lang in LANGUAGES}
        for lang, entry in per_lang.items():
            html = page_file(built_site, entry["url"], manifest["site_url"]).read_text(encoding="utf-8")
            assert f'id="{entry["anchor"]}"' in html
            assert HTML_LANG.search(html).groups() == (lang, "rtl" if lang == "ar" else "ltr")


def test_translated_page_shows_translation_with_its_status(built_site, inputs):
    html = (built_site / "fr/valletta-2025/principles/13/index.html").read_text(encoding="utf-8")
    principle = inputs.site.latest.principles[12]
    french = inputs.site.text(principle.title, "fr")
    assert french.lang == "fr" and french.value in html.replace("&#x27;", "'")
    assert "vp-status" in html and "admonition warning" in html  # the unreviewed-draft banner


def test_untranslated_text_is_english_marked_and_noticed(inputs):
    site = inputs.site
    unit = site.latest.summary.sections[0].paragraphs[0].unit
    french = {unit_id: t for unit_id, t in site.translations["fr"].items() if unit_id != unit.id}
    without = dataclasses.replace(site, translations=site.translations | {"fr": french})
    markdown = render_pages(without, without.latest, "fr", inputs.content, inputs.site_url)["summary.md"]
    assert f'id="summary-background-1" class="vp-paragraph" lang="en" dir="ltr">{escape(unit.english)}<' in markdown
    assert "vp-fallback-note" in markdown and "vp-fallback-note" not in render_pages(site, site.latest, "fr", inputs.content, inputs.site_url)["summary.md"]


def test_bogota_edition_shows_metadata_not_invented_text(built_site):
    html = (built_site / "bogota-2013/index.html").read_text(encoding="utf-8")
    assert "is not yet published on this site" in html
    assert "Government of Colombia" in html
    assert not (built_site / "bogota-2013/principles").exists()


def test_versions_and_latest_alias(built_site):
    versions = json.loads((built_site / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in versions] == ["valletta-2025", "bogota-2013"]
    assert versions[0]["aliases"] == ["latest"]
    assert (built_site / "fr/versions.json").exists()
    redirect = (built_site / "latest/principles/13/index.html").read_text(encoding="utf-8")
    assert 'url=../../../valletta-2025/principles/13/' in redirect


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
    import dataclasses
    edition = inputs.site.latest
    without_42 = dataclasses.replace(edition, principles=edition.principles[:-1])
    site = dataclasses.replace(inputs.site, editions=(without_42,) + inputs.site.editions[1:])
    with pytest.raises(PipelineError) as caught:
        lock.check_lock(site)
    assert any("published URL /valletta-2025/principles/42/ would no longer exist" in p for p in caught.value.problems)
    redirected = dataclasses.replace(site, redirects=tuple((f"{p}{old}", f"{p}valletta-2025/text/")
                                                           for p in ["", "fr/", "es/", "ru/", "zh/", "ar/"]
                                                           for old in ("valletta-2025/principles/42/", "p/42/", "latest/principles/42/")))
    lock.check_lock(redirected)
    assert "valletta-2025/principles/42/index.html" in data.root_files(redirected, "https://x/")


def tree_digest(root: Path) -> dict:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(built_site, tmp_path):
    second = tmp_path / "site"
    commands.build(second)
    first, again = tree_digest(built_site), tree_digest(second)
    assert first.keys() == again.keys()
    assert [name for name in first if first[name] != again[name]] == []
    # every kind of output is in the comparison: pages, PDFs, data files, sitemaps, search indexes (Pagefind's), assets
    assert {".html", ".pdf", ".json", ".xml", ".gz", ".css", ".js"} <= {Path(name).suffix for name in first}
    assert len([name for name in first if name.endswith(".pdf")]) == 6
    assert {"permalinks.json", "versions.json", "valletta-2025/pagefind/pagefind-entry.json"} <= first.keys()
    assert any(name.endswith(".pf_fragment") for name in first) and any(name.endswith(".pf_index") for name in first)


DOWNLOAD = re.compile(r'<p class="vp-download"><a href="([^"]+)" type="application/pdf" download>([^<]+)</a> \(([^)]+)\)</p>')


@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES])
def test_every_page_of_an_edition_with_text_links_its_pdf(built_site, inputs, lang):
    """'Download PDF' on every page, in the page's language, with the size, to the URL in permalinks.json."""
    manifest = json.loads((built_site / "permalinks.json").read_text(encoding="utf-8"))
    pdf_url = manifest["editions"]["valletta-2025"]["entries"]["pdf"][lang]["url"]
    pdf = built_site / pdf_url[len(manifest["site_url"]):]
    pages = sorted((built_site / site_path("valletta-2025", lang, "")).glob("**/index.html"))
    assert len(pages) == len(edition_pages(inputs.site.latest))
    for page in pages:
        href, label, size = DOWNLOAD.search(page.read_text(encoding="utf-8")).groups()
        assert (page.parent / href).resolve() == pdf.resolve() and pdf.stat().st_size > 100_000
        assert label == inputs.site.t("download_pdf", lang)
        assert str(-(-pdf.stat().st_size // 1024)) in size.replace("\u202f", "").replace(",", "")
    bogota = (built_site / site_path("bogota-2013", lang, "") / "index.html").read_text(encoding="utf-8")
    assert "vp-download" not in bogota  # no text, no PDF


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
