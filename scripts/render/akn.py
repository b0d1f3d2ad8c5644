"""Akoma Ntoso 3.0 (OASIS LegalDocML) XML of an edition in one language, built with ElementTree (text is
never pasted into markup by hand). Pure: render_akn(site, edition, lang, site_url) -> bytes.

Document type: `statement`, AKN's type for "an official document of a body that may or may not be
normative in structure (e.g., statements, resolutions)" — non-binding principles adopted at a conference.
Its body element is `mainBody` (AKN keeps `body` for acts and bills); it holds hcontainers for the groups,
scopes and principles, and each principle's paragraphs. The Summary of Discussions is an attached `doc`
with the same structure for its sections. Every eId is the web anchor (principle-13, principle-13-1,
summary-background, summary-background-2, group-substantive), so the site and the XML name the same parts.

Identifiers follow the AKN naming convention as AKN4UN applies it (jurisdiction "un", ISO 639-2 language):
    work           /akn/un/statement/principles/2025-03-13/valletta-2025          (date: adoption)
    expression     /akn/un/statement/principles/2025-03-13/valletta-2025/fra@2025-06-09  (date: the document's)
    manifestation  /akn/un/statement/principles/2025-03-13/valletta-2025/fra@2025-06-09.akn
English is the authoritative expression; every other language is marked as a non-authoritative translation
of it, and a passage shown in English because it is not translated carries xml:lang="en".
"""
import xml.etree.ElementTree as ET

from .. import model
from ..config import DEFAULT_LANGUAGE, language
from . import date_range, parse_date
from .l10n import comma

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITE_AGENT, CONFERENCE = "#vp", "#conference"


def el(parent, tag: str, text: str = None, **attrs) -> ET.Element:
    """A child element in the AKN namespace; attribute names ending in _ lose it (class_ -> class)."""
    node = ET.SubElement(parent, f"{{{NS}}}{tag}", {k.rstrip("_"): str(v) for k, v in attrs.items() if v is not None})
    if text is not None:
        node.text = text
    return node


def full_date(value: str):
    """A YYYY-MM-DD date, or None for a less precise one (AKN dates are xsd:date)."""
    return value if parse_date(value)[1] == 3 else None


def work_uri(edition: model.Edition) -> str:
    return f"/akn/un/statement/principles/{edition.end}/{edition.id}"


def expression_uri(edition: model.Edition, lang: str) -> str:
    version = full_date(edition.document.date or "") or edition.end
    return f"{work_uri(edition)}/{language(lang).iso3}@{version}"


# ---- metadata ---------------------------------------------------------------------------------------

def identification(meta, site: model.Site, edition: model.Edition, lang: str, component: str):
    """FRBR Work / Expression / Manifestation of one component ('main' or 'summary')."""
    work, expression = work_uri(edition), expression_uri(edition, lang)
    is_original = lang == DEFAULT_LANGUAGE.code
    ident = el(meta, "identification", source=SITE_AGENT)
    w = el(ident, "FRBRWork")
    el(w, "FRBRthis", value=f"{work}/!{component}")
    el(w, "FRBRuri", value=work)
    el(w, "FRBRdate", date=edition.end, name="adoption")
    el(w, "FRBRauthor", href=CONFERENCE)
    el(w, "FRBRcountry", value="un")
    el(w, "FRBRsubtype", value="principles")
    el(w, "FRBRnumber", value=edition.id)
    el(w, "FRBRname", value=edition.title.english)
    el(w, "FRBRprescriptive", value="false")
    e = el(ident, "FRBRExpression")
    el(e, "FRBRthis", value=f"{expression}/!{component}")
    el(e, "FRBRuri", value=expression)
    el(e, "FRBRdate", date=expression.rsplit("@", 1)[1], name="publication" if is_original else "translation")
    el(e, "FRBRauthor", href=CONFERENCE if is_original else SITE_AGENT)
    el(e, "FRBRauthoritative", value=str(is_original or site.text(edition.title, lang).state == model.OFFICIAL).lower())
    if not is_original:
        el(e, "FRBRmasterExpression", href=expression_uri(edition, DEFAULT_LANGUAGE.code), showAs=edition.title.english)
    el(e, "FRBRlanguage", language=language(lang).iso3)
    if not is_original:
        el(e, "FRBRtranslation", href=expression_uri(edition, DEFAULT_LANGUAGE.code),
           fromLanguage=language(DEFAULT_LANGUAGE.code).iso3, authoritative="false", by=SITE_AGENT)
    m = el(ident, "FRBRManifestation")
    el(m, "FRBRthis", value=f"{expression}/!{component}.xml")
    el(m, "FRBRuri", value=f"{expression}.akn")
    el(m, "FRBRdate", date=generated_on(edition), name="generation")
    el(m, "FRBRauthor", href=SITE_AGENT)
    el(m, "FRBRformat", value="application/akn+xml")


def generated_on(edition: model.Edition) -> str:
    """The newest fully dated event of the edition: a date from the sources, so builds are reproducible."""
    return max(full_date(event.date) or edition.end for event in edition.history) if edition.history else edition.end


def references(meta, edition: model.Edition, site_url: str):
    """The agents the metadata refers to (#vp, #conference): once, in the main document's meta, because an
    eId is unique in the whole document, attachments included."""
    refs = el(meta, "references", source=SITE_AGENT)
    if edition.summary:
        el(refs, "hasAttachment", href=f"{work_uri(edition)}/!summary", showAs=edition.summary.title.english)
    el(refs, "TLCOrganization", eId="vp", href="/ontology/organization/vp/site", showAs=site_url)
    el(refs, "TLCOrganization", eId="conference", href=f"/ontology/organization/un/{edition.id}-conference",
       showAs=edition.conference.english)


def meta_block(parent, site: model.Site, edition: model.Edition, lang: str, site_url: str, component: str):
    meta = el(parent, "meta")
    identification(meta, site, edition, lang, component)
    doc = edition.document
    if doc.date and full_date(doc.date) and doc.bodies:
        el(meta, "publication", date=doc.date, name="un-document", showAs=doc.bodies, number=doc.symbol)
    if component == "main":
        references(meta, edition, site_url)


# ---- text -------------------------------------------------------------------------------------------

def text(parent, tag: str, site: model.Site, unit: model.Unit, lang: str, **attrs) -> ET.Element:
    """An element holding a unit as this language's readers see it; English fallbacks say so."""
    shown = site.text(unit, lang)
    node = el(parent, tag, shown.value, **attrs)
    if shown.lang != lang:
        node.set(XML_LANG, shown.lang)
    return node


def paragraph(parent, site, unit: model.Unit, lang: str, eid: str, is_item: bool = False):
    para = el(parent, "paragraph", eId=eid, class_="item" if is_item else None)
    text(el(para, "content"), "p", site, unit, lang)


def principles_body(main_body, site: model.Site, edition: model.Edition, lang: str):
    for group in edition.groups:
        members = edition.principles_in(group)
        if not members:
            continue
        group_el = el(main_body, "hcontainer", name="group", eId=f"group-{group.id}")
        text(group_el, "heading", site, group.title, lang)
        containers = {}
        for principle in members:
            container = group_el
            if principle.scope:
                if principle.scope not in containers:
                    containers[principle.scope] = el(group_el, "hcontainer", name="scope", eId=f"group-{group.id}-{principle.scope}")
                    text(containers[principle.scope], "heading", site, edition.scope(principle.scope).title, lang)
                container = containers[principle.scope]
            node = el(container, "hcontainer", name="principle", eId=principle.anchor)
            el(node, "num", str(principle.number))
            if principle.title:  # a numbered-list layout may have none
                text(node, "heading", site, principle.title, lang)
            for p in principle.paragraphs:
                paragraph(node, site, p.unit, lang, principle.paragraph_anchor(p), p.item)


def summary_doc(attachments, site: model.Site, edition: model.Edition, lang: str, site_url: str):
    summary = edition.summary
    doc = el(el(attachments, "attachment"), "doc", name="summary")
    meta_block(doc, site, edition, lang, site_url, "summary")
    preface = el(doc, "preface")
    text(el(el(preface, "longTitle"), "p"), "docTitle", site, summary.title, lang)
    for unit, css in ((summary.subtitle, "subtitle"), (summary.note, "note")):
        if unit:
            text(preface, "p", site, unit, lang, class_=css)
    main_body = el(doc, "mainBody")
    open_sections = [(1, main_body)]  # (level, element): sections nest by their heading level
    for section in summary.sections:
        while open_sections[-1][0] >= section.level:
            open_sections.pop()
        node = el(open_sections[-1][1], "hcontainer", name="section", eId=section.anchor)
        text(node, "heading", site, section.title, lang)
        for p in section.paragraphs:
            paragraph(node, site, p.unit, lang, section.paragraph_anchor(p), p.item)
        open_sections.append((section.level, node))


def render_akn(site: model.Site, edition: model.Edition, lang: str, site_url: str) -> bytes:
    """The edition (principles, and the summary as an attachment) as an AKN 3.0 document."""
    root = ET.Element(f"{{{NS}}}akomaNtoso")
    statement = el(root, "statement", name="principles")
    meta_block(statement, site, edition, lang, site_url, "main")
    preface = el(statement, "preface")
    text(el(el(preface, "longTitle"), "p"), "docTitle", site, edition.title, lang)
    if edition.subtitle:
        text(preface, "p", site, edition.subtitle, lang, class_="subtitle")
    line = el(preface, "p", class_="conference")
    text(line, "docProponent", site, edition.conference, lang).tail = comma(lang)
    text(line, "span", site, edition.place, lang).tail = comma(lang)
    el(line, "docDate", date_range(edition.start, edition.end, lang), date=edition.end)
    principles_body(el(statement, "mainBody"), site, edition, lang)
    if edition.summary:
        summary_doc(el(statement, "attachments"), site, edition, lang, site_url)
    ET.indent(root, space=" ")
    ET.register_namespace("", NS)  # here, not at import: the default prefix is global, and sitemap.py sets its own
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
