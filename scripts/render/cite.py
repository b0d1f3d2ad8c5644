"""Citations: one record per citable item (an edition, a principle, the summary, a summary section) in one
language, and every format made from it: the formatted citation, BibTeX, RIS, CSL-JSON, Highwire
`citation_*` meta tags, schema.org JSON-LD and the "Cite this" box. Pure functions.

The formatted citation follows UN practice: the item with its pinpoint (principle, paragraph), the
conference, place and dates, when and by whom the document was issued, the document symbol when it is
known (null for both editions today: never invented), and "Available from" the permalink. Each piece is an
interface string (scripts/ui.py), so a translation can reorder and punctuate it.

One author/publisher model, the same in every format and in the PDF's metadata, in the record's language:
- author: the conference, as corporate author (it adopted the principles; the Summary of Discussions is
  its record). Its organisers (CTED and Malta for Valletta) are not authors.
- publisher: who issued the document, when the sources say so (`document.publisher` in principles.yaml):
  the United Nations for Valletta (a General Assembly and Security Council document), named as the UN
  names itself in each language (CLDR); none for Bogotá, whose sources do not say.
- two dates, each labelled: the conference's dates (adopted / held; "event" dates: CSL event-date,
  biblatex eventdate, JSON-LD recordedAt and legislationDate) and the document's date (issued: CSL issued,
  BibTeX date, RIS DA, citation_publication_date, datePublished). RIS has no event date: its note carries
  the formatted citation, which names both.

Types, the same in every format:
- Reference managers (BibTeX @techreport, RIS RPRT, CSL "report"): UN documents are catalogued as reports,
  with the publisher as institution and the document symbol as report number. Titles are self-contained
  ("Valletta Principles ..., principle 13 ("...")"), because a principle is cited on its own and most
  styles would drop a container title of a report.
- schema.org: `Legislation`, defined as "a legal document ... (enforceable or not) or a component of a
  legal act (like an article)", with legislationType "non-binding guiding principles". A principle
  isPartOf its edition; a translation points to the English original (translationOfWork), the original
  to its translations (workTranslation). The Summary of Discussions is a record of debate, a `Report`.
"""
import html
import json
import re
from dataclasses import dataclass, replace

from .. import model
from ..config import DEFAULT_LANGUAGE, TRANSLATED_LANGUAGES
from ..permalinks import HOME, SUMMARY, cite_file, cite_name, legacy_cite_file, paragraphs_file, pdf_path, principle_page, site_path
from . import date_range, parse_date, when
from .l10n import colon, united_nations

EDITION, PRINCIPLE, SUMMARY_KIND, SECTION = "edition", "principle", "summary", "section"
# document.publisher in principles.yaml -> its name in a language
PUBLISHERS = {"UN": united_nations}
LEGISLATION_TYPE = "non-binding guiding principles"
# Download formats: file extension -> (label shown to readers, media type)
FORMATS = {"bib": ("BibTeX", "application/x-bibtex"), "ris": ("RIS", "application/x-research-info-systems"),
           "json": ("CSL-JSON", "application/vnd.citationstyles.csl+json")}
# The translation's status as citations carry it (copied text and downloads), in the page's language
STATUS_LABELS = {model.OFFICIAL: "cite_status_official", model.REVIEWED: "pdf_status_reviewed", model.DRAFT: "pdf_status_draft"}


@dataclass(frozen=True)
class Item:
    """A citable item of an edition, independent of language."""

    cite_id: str  # 'edition', 'principle-13', 'summary', 'summary-background': file names and anchors
    kind: str
    page: str  # page path relative to the edition root
    anchor: str  # '' when the item is the whole page
    unit: model.Unit | None  # the item's own title (None for the summary as a whole)
    number: int | None = None  # principle number
    paragraphs: tuple = ()
    pinpoint: int | None = None  # for one paragraph of a principle or section: its number


@dataclass(frozen=True)
class Record:
    """One item in one language: everything the formats need, already in that language."""

    item: Item
    edition_id: str
    lang: str  # the page's language
    text_lang: str  # language the item is shown in (English where it is not translated)
    status: str  # review state of the item's title in this language
    title: str  # self-contained title: 'Valletta Principles ..., principle 13 ("...")'
    citation: str  # the formatted citation
    author: str  # the conference, as corporate author
    publisher: str | None  # who issued the document, None when the sources do not say
    place: str  # where the conference was held
    event_dates: tuple  # (first day, last day) of the conference: when the principles were adopted
    issued: str  # YYYY, YYYY-MM or YYYY-MM-DD: the document's date, else the conference's last day
    genre: str | None  # the edition's subtitle ("Non-binding guiding principles"), when it has one
    symbol: str | None
    url: str
    note: str  # the translation's status for a reader, '' for the original
    edition_title: str
    edition_url: str
    original_url: str  # the same item in English
    translations: tuple  # ((lang, url), ...): the languages this item's title is translated into
    pdf_url: str | None
    downloads: tuple  # ((extension, absolute URL), ...)


# ---- items and records ------------------------------------------------------------------------------

def items(edition: model.Edition) -> list:
    """Every citable item of an edition, in reading order."""
    found = [Item("edition", EDITION, HOME, "", edition.title)]
    found += [Item(p.anchor, PRINCIPLE, principle_page(p), "", p.title, p.number, p.paragraphs) for p in edition.principles]
    if edition.summary:
        found.append(Item("summary", SUMMARY_KIND, SUMMARY, "", None))
        found += [Item(s.anchor, SECTION, SUMMARY, s.anchor, s.title, None, s.paragraphs) for s in edition.summary.sections]
    return found


def paragraph_items(edition: model.Edition) -> dict:
    """cite_id of each principle and summary section with several paragraphs -> an item per paragraph (its
    pinpoint), whose cite_id is the paragraph's anchor ('summary-background-2')."""
    owners = list(edition.principles) + list(edition.summary.sections if edition.summary else ())
    by_id = {item.cite_id: item for item in items(edition)}
    return {owner.anchor: [replace(by_id[owner.anchor], cite_id=owner.paragraph_anchor(p), anchor=owner.paragraph_anchor(p),
                                   paragraphs=(p,), pinpoint=p.number) for p in owner.paragraphs]
            for owner in owners if len(owner.paragraphs) > 1}


def item_url(site_url: str, edition: model.Edition, lang: str, item: Item, anchor: str = "") -> str:
    anchor = anchor or item.anchor
    return site_url + site_path(edition.id, lang, item.page) + (f"#{anchor}" if anchor else "")


def cited_title(site: model.Site, edition: model.Edition, item: Item, lang: str) -> str:
    """The item with its pinpoint, e.g. 'Valletta Principles ..., principle 13 ("Strengthening ...")', and
    '..., para. 2' for one of its paragraphs."""
    t = lambda key, **values: site.t(key, lang, **values)
    if item.pinpoint:
        return t("cite_paragraph", cited=cited_title(site, edition, replace(item, pinpoint=None), lang), number=item.pinpoint)
    work = site.text(edition.title, lang).value
    if item.kind == EDITION:
        return work
    if item.kind == PRINCIPLE and item.unit is None:  # a principle without a title (numbered-list layout)
        return t("cite_principle_untitled", work=work, number=item.number)
    if item.kind == PRINCIPLE:
        return t("cite_principle", work=work, number=item.number, title=site.text(item.unit, lang).value)
    summary = site.text(edition.summary.title, lang).value
    if item.kind == SUMMARY_KIND:
        return t("cite_summary", work=work, summary=summary)
    return t("cite_section", work=work, summary=summary, title=site.text(item.unit, lang).value)


def author(site: model.Site, edition: model.Edition, lang: str) -> str:
    """The corporate author of every item of an edition, in `lang`: the conference."""
    return site.text(edition.conference, lang).value


def publisher(edition: model.Edition, lang: str) -> str | None:
    """Who issued the edition's document, in `lang`; None when the sources do not say."""
    code = edition.document.publisher
    return PUBLISHERS[code](lang) if code else None


def citation_text(site: model.Site, edition: model.Edition, item: Item, lang: str, cited: str, url: str, note: str = "") -> str:
    """The formatted citation of `cited` (an item or one of its paragraphs) in the page's language; note:
    the translation's status, which a pasted citation must keep."""
    t = lambda key, **values: site.t(key, lang, **values)
    key = "cite_held" if item.kind in (SUMMARY_KIND, SECTION) else "cite_adopted"  # a summary is not adopted
    cited = t(key, cited=cited, conference=author(site, edition, lang),
              place=site.text(edition.place, lang).value, dates=date_range(edition.start, edition.end, lang))
    issued_by = publisher(edition, lang)
    if edition.document.date and issued_by:
        cited = t("cite_issued_by", cited=cited, publisher=issued_by, date=when(edition.document.date, lang))
    elif edition.document.date:
        cited = t("cite_issued", cited=cited, date=when(edition.document.date, lang))
    if edition.document.symbol:
        cited = t("cite_symbol", cited=cited, symbol=edition.document.symbol)
    cited = t("cite_available", cited=cited, url=url)
    return t("cite_status", cited=cited, status=note) if note else cited


def status_unit(edition: model.Edition, item: Item) -> model.Unit:
    """The unit whose translation state a record reports: a paragraph's own text, the item's title, the
    summary's title, or for a principle without a title its first paragraph."""
    if item.pinpoint:
        return item.paragraphs[0].unit
    if item.unit:
        return item.unit
    return edition.summary.title if item.kind == SUMMARY_KIND else item.paragraphs[0].unit


def record(site: model.Site, edition: model.Edition, item: Item, lang: str, site_url: str) -> Record:
    shown = site.text(status_unit(edition, item), lang)
    url = item_url(site_url, edition, lang, item)
    title = cited_title(site, edition, item, lang)
    note = site.t(STATUS_LABELS[shown.state], lang) if shown.lang != DEFAULT_LANGUAGE.code else ""
    translations = tuple(
        (other.code, item_url(site_url, edition, other.code, item)) for other in TRANSLATED_LANGUAGES
        if not site.text(status_unit(edition, item), other.code).is_fallback
    )
    return Record(
        item=item, edition_id=edition.id, lang=lang, text_lang=shown.lang, status=shown.state, title=title,
        citation=citation_text(site, edition, item, lang, title, url, note),
        author=author(site, edition, lang), publisher=publisher(edition, lang), place=site.text(edition.place, lang).value,
        event_dates=(edition.start, edition.end), issued=edition.document.date or edition.end,
        genre=site.text(edition.subtitle, lang).value if edition.subtitle else None,
        symbol=edition.document.symbol, url=url,
        note=note,
        edition_title=site.text(edition.title, lang).value, edition_url=site_url + site_path(edition.id, lang, HOME),
        original_url=item_url(site_url, edition, DEFAULT_LANGUAGE.code, item), translations=translations,
        pdf_url=site_url + pdf_path(edition.id, lang) if edition.has_text else None,
        downloads=tuple(download_urls(site_url, edition.id, lang, item.cite_id).items()),
    )


def download_urls(site_url: str, edition_id: str, lang: str, cite_id: str) -> dict:
    """extension -> absolute URL of the citation downloads of one item."""
    return {ext: site_url + site_path(edition_id, lang, cite_file(edition_id, lang, cite_id, ext)) for ext in FORMATS}


def download_paths(edition_id: str, lang: str, cite_id: str) -> list:
    """Site paths of one item's downloads: each format under its name, then under its first name."""
    return [site_path(edition_id, lang, name(ext)) for name in (lambda ext: cite_file(edition_id, lang, cite_id, ext),
                                                               lambda ext: legacy_cite_file(cite_id, ext)) for ext in FORMATS]


def records(site: model.Site, edition: model.Edition, lang: str, site_url: str) -> dict:
    """cite_id -> Record for every citable item of an edition in one language."""
    return {item.cite_id: record(site, edition, item, lang, site_url) for item in items(edition)}


def paragraph_records(site: model.Site, edition: model.Edition, lang: str, site_url: str) -> dict:
    """cite_id of each item with several paragraphs -> the Record of each of its paragraphs."""
    return {owner: [record(site, edition, item, lang, site_url) for item in found]
            for owner, found in paragraph_items(edition).items()}


def paragraph_downloads(site_url: str, edition_id: str, lang: str, cite_id: str) -> dict:
    """extension -> absolute URL of the file holding the records of every paragraph of one item."""
    return {ext: site_url + site_path(edition_id, lang, paragraphs_file(edition_id, lang, cite_id, ext)) for ext in FORMATS}


# ---- formats ------------------------------------------------------------------------------------------

def date_parts(value: str) -> list:
    return [int(part) for part in value.split("-")]


# Characters with a meaning in (La)TeX, escaped so that bibliography tools print them as written.
BIBTEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
                   "$": r"\$", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}


def bibtex_escape(value: str) -> str:
    return "".join(BIBTEX_SPECIALS.get(char, char) for char in value)


def bibtex_key(rec: Record) -> str:
    return cite_name(rec.edition_id, rec.lang, rec.item.cite_id)


def event_interval(rec: Record) -> str:
    """'2025-03-12/2025-03-13': the conference's dates as an ISO 8601 interval (biblatex's eventdate)."""
    start, end = rec.event_dates
    return start if start == end else f"{start}/{end}"


def render_bibtex(rec: Record) -> str:
    """One @techreport entry (UTF-8, as biber and modern BibTeX read it); braces keep capitals and the
    corporate author whole. date: when the document was issued; eventdate and venue (biblatex): when and
    where the conference adopted it (BibTeX ignores both)."""
    day, precision = parse_date(rec.issued)
    fields = [("title", "{" + bibtex_escape(rec.title) + "}"), ("author", "{" + bibtex_escape(rec.author) + "}"),
              ("institution", bibtex_escape(rec.publisher) if rec.publisher else None),
              ("type", bibtex_escape(rec.genre) if rec.genre else None),
              ("number", bibtex_escape(rec.symbol) if rec.symbol else None),
              ("year", str(day.year)), ("month", str(day.month) if precision > 1 else None), ("date", rec.issued),
              ("eventdate", event_interval(rec)), ("venue", bibtex_escape(rec.place)),
              ("language", rec.text_lang), ("url", rec.url), ("note", bibtex_escape(rec.note) if rec.note else None)]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@techreport{{{bibtex_key(rec)},\n{body}\n}}\n"


def render_ris(rec: Record) -> str:
    """One RIS record (report): `TAG  - value` lines, CRLF as the format's specification writes them. DA is
    when the document was issued; RIS has no field for the conference's dates, so a note gives the
    formatted citation, which names both."""
    lines = [("TY", "RPRT"), ("TI", rec.title), ("AU", rec.author), ("PB", rec.publisher),
             ("PY", rec.issued[:4]), ("DA", rec.issued.replace("-", "/")), ("M3", rec.genre), ("VL", rec.symbol),
             ("LA", rec.text_lang), ("UR", rec.url), ("N1", rec.note or None), ("N1", rec.citation), ("ER", "")]
    return "".join(f"{tag}  - {one_line(value)}\r\n" for tag, value in lines if value is not None)


def one_line(value: str) -> str:
    """A value on one RIS line: line breaks become spaces; other spaces (a French narrow no-break space
    before a colon) stay as they are."""
    return " ".join(part.strip() for part in value.splitlines() if part.strip())


def csl_item(rec: Record) -> dict:
    """issued: when the document was issued; event-date, event-title, event-place: the conference."""
    item = {"id": bibtex_key(rec), "type": "report", "title": rec.title, "author": [{"literal": rec.author}],
            "issued": {"date-parts": [date_parts(rec.issued)]},
            "event-title": rec.author, "event-place": rec.place,
            "event-date": {"date-parts": [date_parts(day) for day in dict.fromkeys(rec.event_dates)]},
            "language": rec.text_lang, "URL": rec.url}
    if rec.publisher:
        item["publisher"] = rec.publisher
    if rec.genre:
        item["genre"] = rec.genre
    if rec.symbol:
        item["number"] = rec.symbol
    if rec.note:
        item["note"] = rec.note
    return item


def render_csl_json(rec: Record) -> str:
    """CSL-JSON: a list with one item, as citeproc processors and Zotero import it."""
    return json.dumps([csl_item(rec)], ensure_ascii=False, indent=1) + "\n"


def render_downloads(rec: Record) -> dict:
    """extension -> file content of the three downloads of one record."""
    return {"bib": render_bibtex(rec), "ris": render_ris(rec), "json": render_csl_json(rec)}


def render_collection(recs: list) -> dict:
    """extension -> file content of the three downloads holding several records (an item's paragraphs)."""
    return {"bib": "\n".join(map(render_bibtex, recs)), "ris": "".join(map(render_ris, recs)),
            "json": json.dumps([csl_item(rec) for rec in recs], ensure_ascii=False, indent=1) + "\n"}


def highwire(rec: Record) -> list:
    """(name, content) of the Highwire Press tags Zotero's and Google Scholar's translators read. The
    corporate author is one citation_author (Google Scholar needs an author; Zotero splits a name it reads
    there at its last space, which its users can merge in one click: the downloads keep it whole)."""
    tags = [("citation_title", rec.title), ("citation_author", rec.author),
            ("citation_publication_date", rec.issued.replace("-", "/")), ("citation_language", rec.text_lang)]
    if rec.publisher:
        tags.append(("citation_technical_report_institution", rec.publisher))
    if rec.symbol:
        tags.append(("citation_technical_report_number", rec.symbol))
    tags.append(("citation_abstract_html_url", rec.url))
    if rec.pdf_url:
        tags.append(("citation_pdf_url", rec.pdf_url))
    return tags


def json_ld(rec: Record) -> dict:
    """schema.org description of the item (a dict; the page template serialises it)."""
    is_report = rec.item.kind in (SUMMARY_KIND, SECTION)
    start, end = rec.event_dates
    data = {"@context": "https://schema.org", "@type": "Report" if is_report else "Legislation", "@id": rec.url,
            "url": rec.url, "name": rec.title, "inLanguage": rec.text_lang,
            "author": {"@type": "Organization", "name": rec.author}, "datePublished": rec.issued,
            "recordedAt": {"@type": "Event", "name": rec.author, "startDate": start, "endDate": end,
                           "location": {"@type": "Place", "name": rec.place}}}
    if rec.publisher:
        data["publisher"] = {"@type": "Organization", "name": rec.publisher}
    if not is_report:  # schema.org: "the date of adoption or signature of the legislation"
        data["legislationType"], data["legislationDate"] = LEGISLATION_TYPE, end
    if rec.item.kind != EDITION:
        data["isPartOf"] = {"@type": "Legislation", "@id": rec.edition_url, "name": rec.edition_title}
    if rec.text_lang == DEFAULT_LANGUAGE.code and rec.translations:
        data["workTranslation"] = [{"@id": url, "inLanguage": lang} for lang, url in rec.translations]
    if rec.text_lang != DEFAULT_LANGUAGE.code:
        data["translationOfWork"] = {"@id": rec.original_url, "inLanguage": DEFAULT_LANGUAGE.code}
        data["creativeWorkStatus"] = f"unofficial translation ({rec.status})" if rec.status != model.OFFICIAL else "official translation"
    if rec.pdf_url and rec.item.kind == EDITION:
        data["encoding"] = {"@type": "MediaObject", "contentUrl": rec.pdf_url, "encodingFormat": "application/pdf"}
    return data


# ---- the "Cite this" box --------------------------------------------------------------------------------

# A URL in escaped text, without the punctuation that ends the sentence after it (the site's URLs are
# ASCII: a Chinese "。" right after one ends it too). URL_CHAR: an ASCII character but white space (as \s
# counts it: \t-\r, \x1c-\x1f, space) and "<"; NOT_URL_CHAR: white space or a character beyond ASCII. As ASCII
# ranges: the same classes written with \s and \u0080-\U0010ffff took 15 ms to compile, at every start.
URL_CHAR, NOT_URL_CHAR = r"[\x00-\x08\x0e-\x1b!-;=-\x7f]", r"[^\x00-\x08\x0e-\x1b!-\x7f]"
ESCAPED_URL = re.compile(rf"https?://{URL_CHAR}+?(?=[.,;)]*(?:{NOT_URL_CHAR}|$))")


def text_html(text: str) -> str:
    """Escaped text whose URLs are isolated left to right: in Arabic text a bare URL shows its final slash
    first. Copying the text gives the same characters (<bdi> adds none)."""
    return ESCAPED_URL.sub(lambda m: f'<bdi dir="ltr">{m.group(0)}</bdi>', html.escape(text))


def download_links(here: str, name) -> str:
    """'BibTeX · RIS · CSL-JSON', each linking, from the page `here`, to name(extension) (edition-relative)."""
    return " · ".join(f'<a href="{"../" * here.count("/")}{html.escape(name(ext))}" download type="{FORMATS[ext][1]}">'
                      f'{FORMATS[ext][0]}</a>' for ext in FORMATS)


def cite_box(site: model.Site, rec: Record, here: str, paragraphs=(), is_open=True) -> str:
    """Raw HTML of the box: the citation as selectable text (works without JavaScript), a copy button that
    overrides/assets/vp.js reveals and wires up, the downloads, and for an item with several paragraphs
    each paragraph's citation (its pinpoint: `paragraphs`, their records) and the file of all their records.
    `here` is the page path, for relative links to the downloads. Kept out of the search index."""
    t = lambda key, **values: html.escape(site.t(key, rec.lang, **values))
    text_id = f"cite-{rec.item.cite_id}"
    links = download_links(here, lambda ext: cite_file(rec.edition_id, rec.lang, rec.item.cite_id, ext))
    parts = [
        f'<details class="quote vp-cite" data-search-exclude{" open" if is_open else ""}>',
        f"<summary>{t('cite_this')}</summary>",
        f'<p class="vp-cite-text" id="{text_id}">{text_html(rec.citation)}</p>',
        f'<p class="vp-cite-actions"><button type="button" class="md-button vp-copy" data-cite-target="{text_id}" '
        f'data-copied="{t("cite_copied")}" hidden>{t("cite_copy")}</button> '
        f'<span class="vp-cite-downloads">{t("cite_download")}{html.escape(colon(rec.lang))}{links}</span></p>',
    ]
    if paragraphs:
        rows = "".join(f'<li><a href="#{html.escape(p.item.anchor)}">¶</a> {text_html(p.citation)}</li>' for p in paragraphs)
        every = download_links(here, lambda ext: paragraphs_file(rec.edition_id, rec.lang, rec.item.cite_id, ext))
        parts.append(f'<details class="vp-cite-paragraphs"><summary>{t("cite_paragraphs")}</summary><ol>{rows}</ol>'
                     f'<p class="vp-cite-downloads">{t("cite_download_paragraphs")}{html.escape(colon(rec.lang))}{every}</p></details>')
    parts.append("</details>")
    return "".join(parts)
