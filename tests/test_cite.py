"""Citations: the formatted citation, and every BibTeX, RIS, CSL-JSON, Highwire and JSON-LD record the build
writes, read back with real parsers and checked against principles.yaml in all six languages."""
import dataclasses
import json
import re
from pathlib import Path

import bibtexparser
import citeproc
import pytest
import rispy
import yaml
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from lxml import html as lxml_html
from pyld import jsonld

from pypdf import PdfReader

from scripts.config import LANGUAGES, SOURCE_FILE
from scripts.permalinks import pdf_path, site_path
from scripts.render import cite, date_range, when
from scripts.render.page import snippet

SITE_URL = "https://valletta-principles.example/"
SAMPLE = (1, 13, 42)  # first, middle and last principle, in every language
RIS_LINE = re.compile(r"^[A-Z][A-Z0-9]  - \S.*\r\n$|^ER  - \r\n$")
SCHEMA_ORG = "http://schema.org/"  # the vocabulary IRI the schema.org context maps terms to
# How the United Nations names itself in its six languages (as publisher of its documents).
UN_NAMES = {"en": "United Nations", "fr": "Nations Unies", "es": "Naciones Unidas", "ru": "Организация Объединенных Наций",
            "zh": "联合国", "ar": "الأمم المتحدة"}


@pytest.fixture(scope="module")
def source():
    """principles.yaml as plain data: what the records must agree with."""
    data = yaml.safe_load(SOURCE_FILE.read_text(encoding="utf-8"))
    return {edition["id"]: edition for edition in data["editions"]}


@pytest.fixture(scope="module")
def manifest(built_site):
    return json.loads((built_site / "permalinks.json").read_text(encoding="utf-8"))


def built_file(site: Path, url: str) -> Path:
    return site / url[len(SITE_URL):]


def sample(inputs):
    """(lang, principle, expected title as its readers see it, permalink) for the sample in every language."""
    edition = inputs.site.latest
    for lang in LANGUAGES:
        for number in SAMPLE:
            principle = edition.principles[number - 1]
            title = inputs.site.text(principle.title, lang.code).value
            prefix = "" if lang.code == "en" else f"{lang.code}/"
            yield lang.code, principle, title, f"{SITE_URL}{prefix}valletta-2025/principles/{number}/"


# ---- the formatted citation ----------------------------------------------------------------------------

def test_citation_follows_un_practice(inputs):
    rec = cite.records(inputs.site, inputs.site.latest, "en", SITE_URL)["principle-13"]
    assert rec.citation == (
        "Valletta Principles on Comprehensive and Integrated Counter-Terrorism Strategies, principle 13 "
        "(“Strengthening the criminal justice sector”), adopted at the United Nations Conference on National and "
        "Regional Counter-Terrorism Strategies, St. Julian's, Malta, 12–13 March 2025; issued by the United Nations, "
        "9 June 2025. Available from https://valletta-principles.example/valletta-2025/principles/13/.")
    section = cite.records(inputs.site, inputs.site.latest, "en", SITE_URL)["summary-background"]
    assert section.citation.startswith("Valletta Principles on Comprehensive and Integrated Counter-Terrorism "
                                       "Strategies, Summary of Discussions, “Background”, United Nations Conference")
    assert section.citation.endswith("Available from https://valletta-principles.example/valletta-2025/summary/#summary-background.")


def test_document_symbol_is_cited_only_when_known(inputs, built_site):
    edition = inputs.site.latest
    assert edition.document.symbol is None
    known = dataclasses.replace(edition, document=dataclasses.replace(edition.document, symbol="A/00/000"))
    site = dataclasses.replace(inputs.site, editions=(known,) + inputs.site.editions[1:])
    rec = cite.records(site, known, "en", SITE_URL)["principle-13"]
    assert "12–13 March 2025; issued by the United Nations, 9 June 2025 (A/00/000). Available from" in rec.citation
    assert "number = {A/00/000}" in cite.render_bibtex(rec) and "VL  - A/00/000\r\n" in cite.render_ris(rec)
    # Null today: no symbol-like text in any file the build wrote.
    for path in built_site.rglob("cite/*"):
        assert not re.search(r"\b[AS]/\d", path.read_text(encoding="utf-8")), path


def test_date_ranges_write_months_in_full(inputs):
    assert date_range("2025-03-12", "2025-03-13", "en") == "12–13 March 2025"
    assert date_range("2025-03-12", "2025-03-13", "ru") == "12–13 марта 2025\u202fг."  # CLDR: narrow no-break space
    assert date_range("2013-01-31", "2013-02-01", "fr") == "31 janvier\u2009–\u20091 février 2013"


def test_paragraph_pinpoints_for_items_with_several_paragraphs(inputs):
    edition = inputs.site.latest
    rec = cite.records(inputs.site, edition, "en", SITE_URL)["summary-background"]
    section = edition.summary.sections[0]
    pinpoints = cite.paragraph_citations(inputs.site, edition, rec, section.paragraph_anchor)
    assert len(pinpoints) == len(section.paragraphs)
    anchor, text = pinpoints[1]
    assert anchor == "summary-background-2"
    assert "“Background”, para. 2, United Nations Conference" in text
    assert text.endswith("/valletta-2025/summary/#summary-background-2.")
    single = cite.records(inputs.site, edition, "en", SITE_URL)["principle-13"]
    assert cite.paragraph_citations(inputs.site, edition, single, lambda p: "x") == []


def test_bibtex_escapes_tex_specials():
    assert cite.bibtex_escape("50% & {x}_#1 \\ ~$^") == r"50\% \& \{x\}\_\#1 \textbackslash{} \~{}\$\^{}"


def test_snippet_cuts_at_a_space_and_marks_the_cut():
    assert snippet("short") == "short"
    cut = snippet("word " * 100)
    assert len(cut) <= 201 and cut.endswith("word…")
    assert snippet("字" * 300) == "字" * 200 + "…"


# ---- the files the build writes ------------------------------------------------------------------------

def test_every_bibtex_file_parses_and_agrees_with_the_source(built_site, inputs, source, manifest):
    files = sorted(built_site.rglob("cite/*.bib"))
    assert len(files) == len(list(built_site.rglob("cite/*.ris"))) == len(list(built_site.rglob("cite/*.json"))) > 6 * 60
    keys = {}
    for path in files:
        library = bibtexparser.parse_string(path.read_text(encoding="utf-8"), append_middleware=[LatexDecodingMiddleware()])
        assert library.failed_blocks == [] and len(library.entries) == 1, path
        keys.setdefault(library.entries[0].key, set()).add(path.read_bytes())
    assert len(keys) == len(files) / 2, "every record has its own key, under its name and its first name"
    assert all(len(contents) == 1 for contents in keys.values()), "both names give the same bytes"
    entries = manifest["editions"]["valletta-2025"]["entries"]
    conference = source["valletta-2025"]["conference"]
    for lang, principle, title, url in sample(inputs):
        bib = built_file(built_site, entries[principle.id][lang]["cite"]["bib"])
        entry = bibtexparser.parse_string(bib.read_text(encoding="utf-8"), append_middleware=[LatexDecodingMiddleware()]).entries[0]
        assert entry.entry_type == "techreport"
        assert title in entry["title"] and re.search(rf"(?<!\d){principle.number}(?!\d)", entry["title"])
        assert entry["url"] == url == entries[principle.id][lang]["url"]
        assert entry["year"] == "2025" and entry["date"] == source["valletta-2025"]["document"]["date"]
        assert entry["institution"] == UN_NAMES[lang]
        assert entry["author"] == inputs.site.text(inputs.site.latest.conference, lang).value
        if lang == "en":
            assert entry["author"] == conference
            assert entry["title"] == (f"{source['valletta-2025']['title']}, principle {principle.number} "
                                      f"(“{source['valletta-2025']['principles'][principle.number - 1]['title']}”)")


def test_every_ris_file_is_well_formed_and_agrees_with_the_source(built_site, inputs, manifest):
    for path in built_site.rglob("cite/*.ris"):
        raw = path.read_bytes().decode("utf-8")
        lines = raw.splitlines(keepends=True)
        assert lines[0].startswith("TY  - RPRT") and lines[-1] == "ER  - \r\n", path
        assert all(RIS_LINE.match(line) for line in lines), path
        assert len(rispy.loads(raw)) == 1, path
    entries = manifest["editions"]["valletta-2025"]["entries"]
    for lang, principle, title, url in sample(inputs):
        ris = built_file(built_site, entries[principle.id][lang]["cite"]["ris"]).read_bytes().decode("utf-8")
        (record,) = rispy.loads(ris)
        assert record["type_of_reference"] == "RPRT"
        assert title in record["title"] and record["urls"] == [url]
        assert record["date"] == "2025/06/09" and record["publisher"] == UN_NAMES[lang]
        citation = cite.records(inputs.site, inputs.site.latest, lang, SITE_URL)[principle.anchor].citation
        assert citation in record["notes"], "the note gives the formatted citation, which says which date is which"
        assert (len(record["notes"]) == 2) == (lang != "en"), "translations say they are unofficial"


# citeproc-py implements CSL 1.0.1, which called event-title `event`: it renders the rest and says so.
@pytest.mark.filterwarnings("ignore:The following arguments for Reference are unsupported")
def test_every_csl_json_file_renders_with_a_csl_processor(built_site, inputs, manifest):
    style = CitationStylesStyle(str(Path(citeproc.__file__).parent / "data/styles/harvard-cite-them-right.csl"), validate=False)
    for path in built_site.rglob("cite/*.json"):
        items = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(items, list) and len(items) == 1 and {"id", "type", "title", "URL", "issued"} <= set(items[0]), path
    entries = manifest["editions"]["valletta-2025"]["entries"]
    for lang, principle, title, url in sample(inputs):
        items = json.loads(built_file(built_site, entries[principle.id][lang]["cite"]["json"]).read_text(encoding="utf-8"))
        assert items[0]["type"] == "report" and items[0]["language"] == inputs.site.text(principle.title, lang).lang
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        bibliography.register(Citation([CitationItem(items[0]["id"])]))
        (rendered,) = [str(entry) for entry in bibliography.bibliography()]
        assert title in rendered and url in rendered and "(2025)" in rendered, rendered


def meta_tags(page: Path) -> dict:
    tree = lxml_html.fromstring(page.read_bytes())
    return {meta.get("name") or meta.get("property"): meta.get("content") for meta in tree.iter("meta")}


def json_ld_blocks(page: Path) -> list:
    tree = lxml_html.fromstring(page.read_bytes())
    return [script.text for script in tree.xpath('//script[@type="application/ld+json"]')]


def schema_org_loader(url, options=None):
    """The schema.org context, which cannot be fetched offline. It maps every term into the vocabulary
    with @vocab, as the published context does for the terms used here (links are explicit @id objects)."""
    assert url.rstrip("/") == "https://schema.org", url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": SCHEMA_ORG}}}


def test_highwire_tags_agree_with_the_downloads(built_site, inputs, manifest):
    entries = manifest["editions"]["valletta-2025"]["entries"]
    for lang, principle, title, url in sample(inputs):
        tags = meta_tags(built_file(built_site, url) / "index.html")
        (item,) = json.loads(built_file(built_site, entries[principle.id][lang]["cite"]["json"]).read_text(encoding="utf-8"))
        assert tags["citation_title"] == item["title"]
        assert tags["citation_publication_date"] == "2025/06/09"
        assert tags["citation_abstract_html_url"] == url
        assert built_file(built_site, tags["citation_pdf_url"]).is_file()
        assert tags["og:url"] == url and tags["og:title"].startswith(f"{inputs.site.t('principle_n', lang, number=principle.number)}")
        assert tags["description"] and tags["twitter:card"] == "summary"


def test_json_ld_is_valid_linked_data_about_the_right_work(built_site, inputs):
    loader = {"documentLoader": schema_org_loader}
    for lang, principle, title, url in sample(inputs):
        (raw,) = json_ld_blocks(built_file(built_site, url) / "index.html")
        assert "<" not in raw and ">" not in raw and "&" not in raw, "escaped as \\u003c etc."
        (node,) = jsonld.expand(json.loads(raw), loader)
        value = lambda key: node[SCHEMA_ORG + key][0]
        assert node["@type"] == [SCHEMA_ORG + "Legislation"] and node["@id"] == url
        assert value("legislationType")["@value"] == "non-binding guiding principles"
        assert title in value("name")["@value"]
        assert value("inLanguage")["@value"] == inputs.site.text(principle.title, lang).lang
        edition_url = url.rsplit("principles/", 1)[0]
        assert value("isPartOf")["@id"] == edition_url
        if lang == "en":
            translated = {t["@id"] for t in node[SCHEMA_ORG + "workTranslation"]}
            assert url.replace("valletta-2025", "fr/valletta-2025") in translated
        else:
            assert value("translationOfWork")["@id"] == url.replace(f"/{lang}/", "/")
    home = built_site / "valletta-2025/index.html"
    (node,) = jsonld.expand(json.loads(json_ld_blocks(home)[0]), loader)
    assert node[SCHEMA_ORG + "encoding"][0][SCHEMA_ORG + "contentUrl"][0]["@value"].endswith("valletta-2025-en.pdf")
    data_page = built_site / "fr/valletta-2025/data/index.html"
    (node,) = jsonld.expand(json.loads(json_ld_blocks(data_page)[0]), loader)
    assert node["@type"] == [SCHEMA_ORG + "Dataset"]
    urls = {d[SCHEMA_ORG + "contentUrl"][0]["@value"] for d in node[SCHEMA_ORG + "distribution"]}
    assert SITE_URL + "fr/valletta-2025/data/valletta-2025-fr.akn.xml" in urls
    assert all(built_file(built_site, u).is_file() for u in urls)


def test_cite_box_on_every_citable_page_without_inline_script(built_site, inputs):
    pages = ["valletta-2025/principles/13/", "ar/valletta-2025/principles/42/", "zh/valletta-2025/",
             "bogota-2013/", "fr/valletta-2025/summary/"]
    for page in pages:
        tree = lxml_html.fromstring((built_site / page / "index.html").read_bytes())
        boxes = tree.xpath('//details[contains(concat(" ", @class, " "), " vp-cite ")]')
        assert boxes, page
        for box in boxes:
            assert "data-search-exclude" in box.attrib
            text = box.xpath('.//p[@class="vp-cite-text"]')[0].text_content()
            assert "https://valletta-principles.example/" in text
            button = box.xpath('.//button[contains(@class, "vp-copy")]')[0]
            assert "hidden" in button.attrib, "revealed by the script only"
            for link in box.xpath('.//a[@download]'):
                assert (built_site / page / link.get("href")).resolve().is_file(), (page, link.get("href"))
        scripts = tree.xpath("//script[@src]/@src")
        assert any(src.endswith("assets/vp-cite.js") for src in scripts)
    summary = lxml_html.fromstring((built_site / "valletta-2025/summary/index.html").read_bytes())
    sections = inputs.site.latest.summary.sections
    assert len(summary.xpath('//details[contains(concat(" ", @class, " "), " vp-cite ")]')) == len(sections) + 1


# ---- one author, publisher and pair of dates in every format ---------------------------------------------

def cited_items(inputs, manifest):
    """(edition, lang, cite downloads, page URL) of each edition's home and, where there is text, its middle
    principle and first summary section, in every language."""
    for edition in inputs.site.editions:
        entries = manifest["editions"][edition.id]["entries"]
        keys = ["page:home"]
        if edition.has_text:
            keys.append(edition.principles[len(edition.principles) // 2].id)
        if edition.summary:
            keys.append(edition.summary.sections[0].anchor)
        for lang in LANGUAGES:
            for key in keys:
                entry = entries[key][lang.code]
                yield edition, lang.code, entry["cite"], entry["url"] + (f"#{entry['anchor']}" if entry["anchor"] else "")


@pytest.mark.filterwarnings("ignore:The following arguments for Reference are unsupported")  # see above
def test_every_format_names_the_same_author_publisher_and_dates(built_site, inputs, source, manifest):
    """BibTeX (bibtexparser), RIS (rispy), CSL-JSON (citeproc-py), the Highwire tags, the JSON-LD (pyld),
    the box and the PDF's metadata: the conference as author, the publisher in the reader's language (none
    where the sources name none), when the document was issued and when the conference adopted it."""
    loader = {"documentLoader": schema_org_loader}
    style = CitationStylesStyle(str(Path(citeproc.__file__).parent / "data/styles/harvard-cite-them-right.csl"), validate=False)
    checked = 0
    for edition, lang, downloads, url in cited_items(inputs, manifest):
        data = source[edition.id]
        author = inputs.site.text(edition.conference, lang).value
        publisher = UN_NAMES[lang] if data["document"].get("publisher") == "UN" else None
        issued, start, end = data["document"]["date"] or data["end"], data["start"], data["end"]

        bib = bibtexparser.parse_string(built_file(built_site, downloads["bib"]).read_text(encoding="utf-8"),
                                        append_middleware=[LatexDecodingMiddleware()]).entries[0]
        assert bib["author"] == author and (bib["institution"] if "institution" in bib.fields_dict else None) == publisher, url
        assert bib["date"] == issued and bib["eventdate"] == f"{start}/{end}"

        (ris,) = rispy.loads(built_file(built_site, downloads["ris"]).read_bytes().decode("utf-8"))
        assert ris["authors"] == [author] and ris.get("publisher") == publisher
        assert ris["date"] == issued.replace("-", "/")
        assert any(date_range(start, end, lang) in note and when(issued, lang) in note for note in ris["notes"])

        (csl,) = json.loads(built_file(built_site, downloads["json"]).read_text(encoding="utf-8"))
        assert csl["author"] == [{"literal": author}] and csl.get("publisher") == publisher
        assert csl["issued"] == {"date-parts": [[int(p) for p in issued.split("-")]]}
        assert csl["event-date"] == {"date-parts": [[int(p) for p in day.split("-")] for day in (start, end)]}
        bibliography = CitationStylesBibliography(style, CiteProcJSON([csl]), formatter.plain)
        bibliography.register(Citation([CitationItem(csl["id"])]))
        (rendered,) = [str(entry) for entry in bibliography.bibliography()]
        assert author in rendered and (publisher or "") in rendered and f"({issued[:4]})" in rendered, rendered

        page = built_file(built_site, url.split("#")[0]) / "index.html"
        tags = meta_tags(page)
        if "#" not in url:  # a page's own metadata describe the item the page is (not its sections)
            assert tags["citation_author"] == author and tags.get("citation_technical_report_institution") == publisher
            assert tags["citation_publication_date"] == issued.replace("-", "/")
            (node,) = jsonld.expand(json.loads(json_ld_blocks(page)[0]), loader)
            first = lambda obj, key: obj[SCHEMA_ORG + key][0]
            assert first(first(node, "author"), "name")["@value"] == author
            assert (first(first(node, "publisher"), "name")["@value"] if SCHEMA_ORG + "publisher" in node else None) == publisher
            assert first(node, "datePublished")["@value"] == issued
            event = first(node, "recordedAt")
            assert (first(event, "startDate")["@value"], first(event, "endDate")["@value"]) == (start, end)

        box = lxml_html.fromstring(page.read_bytes()).xpath('//p[@class="vp-cite-text"]')[0].text_content()
        assert date_range(start, end, lang) in box and when(issued, lang) in box and (publisher or "") in box
        checked += 1
    assert checked >= 6 * 4

    for edition in (e for e in inputs.site.editions if e.has_text):
        for lang in LANGUAGES:
            pdf = PdfReader(built_site / pdf_path(edition.id, lang.code))
            assert pdf.metadata["/Author"] == inputs.site.text(edition.conference, lang.code).value


def test_downloads_are_named_with_edition_and_language_and_keep_their_first_names(built_site, inputs, manifest):
    """cite/valletta-2025-fr-principle-13.bib for every item, format and language: what the box links and
    the manifest lists; the first names (cite/principle-13.bib) still give the same bytes."""
    for edition in inputs.site.editions:
        for lang in LANGUAGES:
            root = built_site / site_path(edition.id, lang.code, "")
            for item in cite.items(edition):
                for ext in cite.FORMATS:
                    named = root / "cite" / f"{edition.id}-{lang.code}-{item.cite_id}.{ext}"
                    first = root / "cite" / f"{item.cite_id}.{ext}"
                    assert named.read_bytes() == first.read_bytes(), named
            home = manifest["editions"][edition.id]["entries"]["page:home"][lang.code]["cite"]
            assert home["bib"].endswith(f"/cite/{edition.id}-{lang.code}-edition.bib")
            links = lxml_html.fromstring((root / "index.html").read_bytes()).xpath('//a[@download][contains(@href, "cite/")]/@href')
            assert sorted(link.rsplit("/", 1)[1] for link in links) == sorted(
                f"{edition.id}-{lang.code}-edition.{ext}" for ext in cite.FORMATS)


def test_a_copied_citation_of_a_translation_says_it_is_unofficial(inputs):
    from scripts.render import cite
    site, edition = inputs.site, inputs.site.latest
    for lang in ("fr", "ar", "zh"):
        records = cite.records(site, edition, lang, inputs.site_url)
        rec = records[edition.principles[0].anchor]
        status = site.t("pdf_status_draft", lang)
        assert rec.citation.endswith(f"[{status}]") or status in rec.citation, rec.citation
        assert rec.note == status
        assert all(status in text for _, text in cite.paragraph_citations(site, edition, rec, edition.principles[0].paragraph_anchor))
        downloads = cite.render_downloads(rec)
        assert all(status in downloads[ext] for ext in ("bib", "ris", "json"))
    english = cite.records(site, edition, "en", inputs.site_url)["edition"]
    assert "[" not in english.citation and english.note == ""
