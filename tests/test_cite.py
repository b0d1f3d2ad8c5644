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
from playwright.sync_api import expect
from pyld import jsonld
from pypdf import PdfReader

from scripts import model
from scripts.config import LANGUAGES, SOURCE_FILE
from scripts.permalinks import pdf_path, site_path
from scripts.render import cite, date_range, when
from scripts.render.page import snippet
from tests import roles
from tests.official import official_id

SITE_URL = "https://valletta-principles.example/"
# The edition whose official text is sources/000 (test_fidelity.py): its own citation, word for word.
OFFICIAL_EXAMPLE = official_id()
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


def sampled(inputs) -> model.Edition:
    """The edition the samples are of: the newest with text translated into every language."""
    return roles.translated(inputs.site)


def sample(inputs):
    """(lang, principle, expected title as its readers see it, permalink) of the first, a middle and the
    last principle of the sampled edition, in every language."""
    edition = sampled(inputs)
    for lang in LANGUAGES:
        for principle in (edition.principles[0], roles.a_principle(edition), edition.principles[-1]):
            title = inputs.site.text(principle.title, lang.code).value
            yield lang.code, principle, title, SITE_URL + site_path(edition.id, lang.code, f"principles/{principle.number}/")


def issued(data: dict) -> str:
    """The date a download gives as issued, from principles.yaml: the document's, else the conference's end."""
    return data["document"]["date"] or data["end"]


def publisher_name(data: dict, lang: str):
    return UN_NAMES[lang] if data["document"].get("publisher") == "UN" else None


# ---- the formatted citation ----------------------------------------------------------------------------

def test_citation_follows_un_practice(inputs):
    edition = inputs.site.edition(OFFICIAL_EXAMPLE)
    rec = cite.records(inputs.site, edition, "en", SITE_URL)["principle-13"]
    assert rec.citation == (
        "Valletta Principles on Comprehensive and Integrated Counter-Terrorism Strategies, principle 13 "
        "(“Strengthening the criminal justice sector”), adopted at the United Nations Conference on National and "
        "Regional Counter-Terrorism Strategies, St. Julian's, Malta, 12–13 March 2025; issued by the United Nations, "
        "9 June 2025. Available from https://valletta-principles.example/valletta-2025/principles/13/.")
    section = cite.records(inputs.site, edition, "en", SITE_URL)["summary-background"]
    assert section.citation.startswith("Valletta Principles on Comprehensive and Integrated Counter-Terrorism "
                                       "Strategies, Summary of Discussions, “Background”, United Nations Conference")
    assert section.citation.endswith("Available from https://valletta-principles.example/valletta-2025/summary/#summary-background.")


def test_document_symbol_is_cited_only_when_known(inputs, built_site):
    edition = roles.newest_with_text(inputs.site)
    known = dataclasses.replace(edition, document=dataclasses.replace(edition.document, symbol="A/00/000"))
    site = dataclasses.replace(inputs.site, editions=tuple(known if e is edition else e for e in inputs.site.editions))
    rec = cite.records(site, known, "en", SITE_URL)[roles.a_principle(known).anchor]
    assert f"{when(issued_date(known), 'en')} (A/00/000). Available from" in rec.citation
    assert "number = {A/00/000}" in cite.render_bibtex(rec) and "VL  - A/00/000\r\n" in cite.render_ris(rec)
    unknown = cite.records(inputs.site, edition, "en", SITE_URL)[roles.a_principle(edition).anchor]
    assert edition.document.symbol is not None or "(A/" not in unknown.citation
    # Where the sources give none, no symbol-like text in any file the build wrote.
    if all(e.document.symbol is None for e in inputs.site.editions):
        for path in built_site.rglob("cite/**/*.*"):
            assert not re.search(r"\b[AS]/\d", path.read_text(encoding="utf-8")), path


def issued_date(edition: model.Edition) -> str:
    return edition.document.date or edition.end


def test_date_ranges_write_months_in_full(inputs):
    assert date_range("2025-03-12", "2025-03-13", "en") == "12–13 March 2025"
    assert date_range("2025-03-12", "2025-03-13", "ru") == "12–13 марта 2025\u202fг."  # CLDR: narrow no-break space
    assert date_range("2013-01-31", "2013-02-01", "fr") == "31 janvier\u2009–\u20091 février 2013"


def with_two_paragraphs(site: model.Site, edition: model.Edition) -> tuple:
    """(site, edition) whose middle principle has a second paragraph (invented test text)."""
    principle = roles.a_principle(edition)
    second = model.Paragraph(model.Unit(f"{edition.id}/{principle.id}/2", "Invented second paragraph, for tests."), 2)
    longer = dataclasses.replace(principle, paragraphs=principle.paragraphs[:1] + (second,))
    changed = dataclasses.replace(edition, principles=tuple(longer if p is principle else p for p in edition.principles))
    return dataclasses.replace(site, editions=tuple(changed if e is edition else e for e in site.editions)), changed


def test_paragraph_pinpoints_for_items_with_several_paragraphs(inputs):
    """A principle or section with several paragraphs: each paragraph has its record ("principle 13,
    para. 2", localised), its anchor as URL, and all of them one download per format; one paragraph: none."""
    edition = roles.with_summary(inputs.site)
    section = roles.section_with_paragraphs(edition)
    pinpoints = cite.paragraph_records(inputs.site, edition, "en", SITE_URL)
    recs = pinpoints[section.anchor]
    assert [rec.item.anchor for rec in recs] == [section.paragraph_anchor(p) for p in section.paragraphs]
    title = inputs.site.text(section.title, "en").value
    assert f"“{title}”, para. 2, " in recs[1].citation
    assert recs[1].citation.endswith(f"/{edition.id}/summary/#{section.paragraph_anchor(section.paragraphs[1])}.")
    assert not [owner for owner in pinpoints if owner.startswith("principle-") and
                len(next(p for p in edition.principles if p.anchor == owner).paragraphs) < 2]
    site, longer = with_two_paragraphs(inputs.site, roles.newest_with_text(inputs.site))
    principle = roles.a_principle(longer)
    for lang, pinpoint in (("en", "para. 2"), ("fr", "par. 2"), ("zh", "第 2 段"), ("ar", "الفقرة 2")):
        (_, second) = cite.paragraph_records(site, longer, lang, SITE_URL)[principle.anchor]
        assert pinpoint in second.citation and second.url.endswith(f"#{principle.anchor}-2"), second.citation
        assert second.item.cite_id == f"{principle.anchor}-2"
    files = cite.render_collection(cite.paragraph_records(site, longer, "fr", SITE_URL)[principle.anchor])
    library = bibtexparser.parse_string(files["bib"], append_middleware=[LatexDecodingMiddleware()])
    assert [entry.key for entry in library.entries] == [f"{longer.id}-fr-{principle.anchor}-{n}" for n in (1, 2)]
    assert [r["urls"][0].rsplit("#", 1)[1] for r in rispy.loads(files["ris"])] == [f"{principle.anchor}-{n}" for n in (1, 2)]
    assert "par. 2" in json.loads(files["json"])[1]["title"]


def test_bibtex_escapes_tex_specials():
    assert cite.bibtex_escape("50% & {x}_#1 \\ ~$^") == r"50\% \& \{x\}\_\#1 \textbackslash{} \~{}\$\^{}"


def test_snippet_cuts_at_a_space_and_marks_the_cut():
    assert snippet("short") == "short"
    cut = snippet("word " * 100)
    assert len(cut) <= 201 and cut.endswith("word…")
    assert snippet("字" * 300) == "字" * 200 + "…"


# ---- the files the build writes ------------------------------------------------------------------------

def test_every_bibtex_file_parses_and_agrees_with_the_source(built_site, inputs, source, manifest):
    edition = sampled(inputs)
    files = sorted(built_site.rglob("cite/*.bib"))
    assert len(files) == len(list(built_site.rglob("cite/*.ris"))) == len(list(built_site.rglob("cite/*.json"))) > 6 * 60
    keys, parsed = {}, {}  # each distinct file parsed once: a record is published under two names, same bytes
    for path in files:
        raw = path.read_bytes()
        if raw not in parsed:
            parsed[raw] = bibtexparser.parse_string(raw.decode("utf-8"), append_middleware=[LatexDecodingMiddleware()])
        library = parsed[raw]
        assert library.failed_blocks == [] and len(library.entries) == 1, path
        keys.setdefault(library.entries[0].key, set()).add(raw)
    assert len(keys) == len(files) / 2, "every record has its own key, under its name and its first name"
    assert all(len(contents) == 1 for contents in keys.values()), "both names give the same bytes"
    entries, data = manifest["editions"][edition.id]["entries"], source[edition.id]
    for lang, principle, title, url in sample(inputs):
        bib = built_file(built_site, entries[principle.id][lang]["cite"]["bib"])
        entry = bibtexparser.parse_string(bib.read_text(encoding="utf-8"), append_middleware=[LatexDecodingMiddleware()]).entries[0]
        assert entry.entry_type == "techreport"
        assert title in entry["title"] and re.search(rf"(?<!\d){principle.number}(?!\d)", entry["title"])
        assert entry["url"] == url == entries[principle.id][lang]["url"]
        assert entry["year"] == issued(data)[:4] and entry["date"] == issued(data)
        assert (entry["institution"] if "institution" in entry.fields_dict else None) == publisher_name(data, lang)
        assert entry["author"] == inputs.site.text(edition.conference, lang).value
        if lang == "en":
            assert entry["author"] == data["conference"]
            yaml_title = next(p["title"] for p in data["principles"] if p["number"] == principle.number)
            assert entry["title"] == f"{data['title']}, principle {principle.number} (“{yaml_title}”)"


def test_every_ris_file_is_well_formed_and_agrees_with_the_source(built_site, inputs, source, manifest):
    for path in built_site.rglob("cite/*.ris"):
        raw = path.read_bytes().decode("utf-8")
        lines = raw.splitlines(keepends=True)
        assert lines[0].startswith("TY  - RPRT") and lines[-1] == "ER  - \r\n", path
        assert all(RIS_LINE.match(line) for line in lines), path
        assert len(rispy.loads(raw)) == 1, path
    edition = sampled(inputs)
    entries, data = manifest["editions"][edition.id]["entries"], source[edition.id]
    for lang, principle, title, url in sample(inputs):
        ris = built_file(built_site, entries[principle.id][lang]["cite"]["ris"]).read_bytes().decode("utf-8")
        (record,) = rispy.loads(ris)
        assert record["type_of_reference"] == "RPRT"
        assert title in record["title"] and record["urls"] == [url]
        assert record["date"] == issued(data).replace("-", "/") and record.get("publisher") == publisher_name(data, lang)
        citation = cite.records(inputs.site, edition, lang, SITE_URL)[principle.anchor].citation
        assert citation in record["notes"], "the note gives the formatted citation, which says which date is which"
        assert (len(record["notes"]) == 2) == (lang != "en"), "translations say they are unofficial"


# citeproc-py implements CSL 1.0.1, which called event-title `event`: it renders the rest and says so.
@pytest.mark.filterwarnings("ignore:The following arguments for Reference are unsupported")
def test_every_csl_json_file_renders_with_a_csl_processor(built_site, inputs, source, manifest):
    style = CitationStylesStyle(str(Path(citeproc.__file__).parent / "data/styles/harvard-cite-them-right.csl"), validate=False)
    for path in built_site.rglob("cite/*.json"):
        items = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(items, list) and len(items) == 1 and {"id", "type", "title", "URL", "issued"} <= set(items[0]), path
    edition = sampled(inputs)
    entries, year = manifest["editions"][edition.id]["entries"], issued(source[edition.id])[:4]
    for lang, principle, title, url in sample(inputs):
        items = json.loads(built_file(built_site, entries[principle.id][lang]["cite"]["json"]).read_text(encoding="utf-8"))
        assert items[0]["type"] == "report" and items[0]["language"] == inputs.site.text(principle.title, lang).lang
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        bibliography.register(Citation([CitationItem(items[0]["id"])]))
        (rendered,) = [str(entry) for entry in bibliography.bibliography()]
        assert title in rendered and url in rendered and f"({year})" in rendered, rendered


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


def test_highwire_tags_agree_with_the_downloads(built_site, inputs, source, manifest):
    edition = sampled(inputs)
    entries = manifest["editions"][edition.id]["entries"]
    for lang, principle, _title, url in sample(inputs):
        tags = meta_tags(built_file(built_site, url) / "index.html")
        (item,) = json.loads(built_file(built_site, entries[principle.id][lang]["cite"]["json"]).read_text(encoding="utf-8"))
        assert tags["citation_title"] == item["title"]
        assert tags["citation_publication_date"] == issued(source[edition.id]).replace("-", "/")
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
        value = lambda key, node=node: node[SCHEMA_ORG + key][0]
        assert node["@type"] == [SCHEMA_ORG + "Legislation"] and node["@id"] == url
        assert value("legislationType")["@value"] == "non-binding guiding principles"
        assert title in value("name")["@value"]
        assert value("inLanguage")["@value"] == inputs.site.text(principle.title, lang).lang
        edition_url = url.rsplit("principles/", 1)[0]
        assert value("isPartOf")["@id"] == edition_url
        if lang == "en":
            translated = {t["@id"] for t in node[SCHEMA_ORG + "workTranslation"]}
            assert url.replace(SITE_URL, SITE_URL + "fr/") in translated
        else:
            assert value("translationOfWork")["@id"] == url.replace(f"/{lang}/", "/")
    edition = sampled(inputs)
    home = built_site / site_path(edition.id, "en", "index.html")
    (node,) = jsonld.expand(json.loads(json_ld_blocks(home)[0]), loader)
    assert node[SCHEMA_ORG + "encoding"][0][SCHEMA_ORG + "contentUrl"][0]["@value"] == SITE_URL + pdf_path(edition.id, "en")
    data_page = built_site / site_path(edition.id, "fr", "data/index.html")
    (node,) = jsonld.expand(json.loads(json_ld_blocks(data_page)[0]), loader)
    assert node["@type"] == [SCHEMA_ORG + "Dataset"]
    urls = {d[SCHEMA_ORG + "contentUrl"][0]["@value"] for d in node[SCHEMA_ORG + "distribution"]}
    assert SITE_URL + site_path(edition.id, "fr", f"data/{edition.id}-fr.akn.xml") in urls
    assert all(built_file(built_site, u).is_file() for u in urls)


def test_cite_box_on_every_citable_page_without_inline_script(built_site, inputs):
    edition, summarised = roles.newest_with_text(inputs.site), roles.with_summary(inputs.site)
    pages = [site_path(edition.id, "en", f"principles/{roles.a_principle(edition).number}/"),
             site_path(edition.id, "ar", f"principles/{edition.principles[-1].number}/"), site_path(edition.id, "zh", ""),
             site_path(summarised.id, "fr", "summary/")] + [site_path(other.id, "en", "") for other in roles.older(inputs.site)]
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
            for link in box.xpath('.//a[@download]'):  # the item's, and its paragraphs' where it has several
                assert (built_site / page / link.get("href")).resolve().is_file(), (page, link.get("href"))
        scripts = tree.xpath("//script[@src]/@src")
        assert any(src.endswith("assets/vp.js") for src in scripts)
    summary = lxml_html.fromstring((built_site / site_path(summarised.id, "en", "summary/index.html")).read_bytes())
    sections = summarised.summary.sections
    assert len(summary.xpath('//details[contains(concat(" ", @class, " "), " vp-cite ")]')) == len(sections) + 1
    several = [s for s in sections if len(s.paragraphs) > 1]
    assert len(summary.xpath('//details[@class="vp-cite-paragraphs"]')) == len(several)
    downloads = summary.xpath('//details[@class="vp-cite-paragraphs"]//a[@download]/@href')
    assert len(downloads) == 3 * len(several) and all("/cite/paragraphs/" in f"/{href}" for href in downloads)


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
    site, edition = inputs.site, sampled(inputs)
    summarised = edition if edition.summary else roles.with_summary(site)  # translated too, where it has one
    section = roles.section_with_paragraphs(summarised)
    for lang in ("fr", "ar", "zh"):
        records = cite.records(site, edition, lang, inputs.site_url)
        rec = records[roles.translated_principle(site, edition).anchor]
        status = site.t("pdf_status_draft", lang)
        assert rec.citation.endswith(f"[{status}]") or status in rec.citation, rec.citation
        assert rec.note == status
        pinpoints = cite.paragraph_records(site, summarised, lang, inputs.site_url)[section.anchor]
        for pinpoint in pinpoints:  # each paragraph says its own text's status (none for the English original)
            shown = site.text(pinpoint.item.paragraphs[0].unit, lang)
            label = site.t(cite.STATUS_LABELS[shown.state], lang) if not shown.is_fallback else ""
            assert pinpoint.note == label and pinpoint.citation.endswith(f"[{label}]" if label else ".")
        assert any(pinpoint.note == status for pinpoint in pinpoints)
        downloads = cite.render_downloads(rec)
        assert all(status in downloads[ext] for ext in ("bib", "ris", "json"))
    english = cite.records(site, edition, "en", inputs.site_url)["edition"]
    assert "[" not in english.citation and english.note == ""


def test_permalinks_json_lists_the_references_of_every_paragraph(built_site, inputs, manifest):
    """Each principle or section with several paragraphs: permalinks.json names the three files holding a
    record per paragraph, and each holds exactly those records, in order; one with a single paragraph: none."""
    edition = roles.with_summary(inputs.site)
    entries = manifest["editions"][edition.id]["entries"]
    keys = {p.anchor: p.id for p in edition.principles} | {s.anchor: s.anchor for s in edition.summary.sections}
    several = cite.paragraph_items(edition)
    assert several
    for lang in LANGUAGES:
        for owner, key in keys.items():
            files = entries[key][lang.code].get("cite_paragraphs")
            if owner not in several:
                assert files is None, (owner, lang.code)
                continue
            assert sorted(files) == sorted(cite.FORMATS)
            anchors = [item.anchor for item in several[owner]]
            records = json.loads(built_file(built_site, files["json"]).read_text(encoding="utf-8"))
            assert [record["URL"].rsplit("#", 1)[1] for record in records] == anchors, (owner, lang.code)
            ris = rispy.loads(built_file(built_site, files["ris"]).read_text(encoding="utf-8"))
            bib = bibtexparser.parse_string(built_file(built_site, files["bib"]).read_text(encoding="utf-8"))
            assert len(ris) == len(bib.entries) == len(anchors), (owner, lang.code)


# ---- paragraph numbers in the browser --------------------------------------------------------------------

def test_a_paragraph_number_copies_the_paragraphs_permanent_address(browser, server, inputs):
    """With JavaScript, a button beside each paragraph number copies the page's canonical URL with the
    paragraph's anchor and says so; without, the number is a plain link and there is no button."""
    edition = roles.with_summary(inputs.site)
    section = roles.section_with_paragraphs(edition)
    paragraph = section.paragraphs[1]
    anchor, page_path = section.paragraph_anchor(paragraph), site_path(edition.id, "fr", "summary/")
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + page_path)
    button = page.locator(f'a.vp-pin[href="#{anchor}"] + button.vp-pin-copy')
    assert button.get_attribute("aria-label") == inputs.site.t("copy_paragraph_link", "fr", number=paragraph.number)
    button.click()
    expect(button).to_have_attribute("aria-label", inputs.site.t("link_copied", "fr"))
    assert page.evaluate("navigator.clipboard.readText()") == f"{inputs.site_url}{page_path}#{anchor}"
    context.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + page_path)
    assert page.locator("a.vp-pin").count() >= len(section.paragraphs) and page.locator("button.vp-pin-copy").count() == 0
    page.locator(f'a.vp-pin[href="#{anchor}"]').click()
    assert page.url.endswith(f"{page_path}#{anchor}")
    context.close()
