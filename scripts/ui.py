"""Interface strings of our own page templates (English source; translations live in translations/*.po).

Keys become PO message contexts `ui/KEY`. Placeholders use str.format names; the PO check makes sure a
translation keeps every placeholder.
"""
from .model import Unit

STRINGS = {
    "home": "Home",
    "principles": "Principles",
    "principle_n": "Principle {number}",
    "principles_range": "Principles {first}–{last}",
    "paragraph_n": "Paragraph {number}",
    "full_text": "Full text",
    "summary": "Summary of Discussions",
    "history": "History",
    "about": "About and how to cite",
    "edition_intro": "{count} non-binding guiding principles for national and regional counter-terrorism strategies, adopted at the {conference}, {place}, {dates}.",
    "read_full_text": "Read all principles on one page",
    "official_document": "Official document",
    "document_title": "Title",
    "document_symbol": "Document symbol",
    "document_date": "Date",
    "document_bodies": "Issued for",
    "document_language": "Language of the official text",
    "document_file": "Source file in the repository",
    "document_note": "Note",
    "unknown": "not known",
    "organisers": "Organizers",
    "conference": "Conference",
    "place_and_dates": "Place and dates",
    "text_not_imported": "The text of this edition has not been imported yet. It must come word for word from the official document described below, and is never reconstructed from memory; until then this page shows what is known about the edition.",
    "history_intro": "Dated facts about the adoption and publication of this edition, each with its source.",
    "source": "Source",
    "permalink": "Permalink",
    "banner_official": "Official translation.",
    "banner_reviewed": "Unofficial translation — reviewed. Only the English text is official.",
    "banner_draft": "Unofficial translation — unreviewed draft. Only the English text is official.",
    "fallback_missing": "Not yet translated: shown in the English original.",
    "fallback_outdated": "Translation outdated: shown in the English original until it is updated.",
    "page_has_fallbacks": "Some passages of this page are not translated yet, or their translation is outdated; they are shown in the English original and marked.",
    "edition_label": "Edition",
    "language_label": "Language",
    # Citations (scripts/render/cite.py). Each piece wraps the previous one, so that a translation can
    # reorder and punctuate it (UN practice: item, pinpoint, conference, place and dates, symbol, link).
    "cite_this": "Cite this",
    "cite_principle": "{work}, principle {number} (“{title}”)",
    "cite_summary": "{work}, {summary}",
    "cite_section": "{work}, {summary}, “{title}”",
    "cite_paragraph": "{cited}, para. {number}",
    "cite_adopted": "{cited}, adopted at the {conference}, {place}, {dates}",
    "cite_held": "{cited}, {conference}, {place}, {dates}",
    "cite_symbol": "{cited} ({symbol})",
    "cite_available": "{cited}. Available from {url}.",
    "cite_copy": "Copy",
    "cite_copied": "Copied",
    "cite_download": "Download the reference",
    "cite_paragraphs": "Cite one paragraph",
    # Open data page (scripts/render/site.py data_page)
    "data": "Data and reuse",
    "data_intro": "The same content as open data, generated from the single source of this site. Identifiers and permalinks are those of the web pages.",
    "data_json": "This edition in this language as JSON: every principle, group and summary section with its id, permalink and translation status",
    "data_schema": "JSON Schema of that file",
    "data_akn": "This edition in this language as Akoma Ntoso 3.0 XML (OASIS standard for legal documents, AKN4UN-style identifiers)",
    "data_source": "principles.yaml: the single source of the site (all editions, English)",
    "data_source_schema": "JSON Schema of principles.yaml",
    "data_permalinks": "Permalinks of every principle, section and file in every language (JSON)",
    "data_pdf": "This edition in this language as PDF",
}


def ui_units() -> dict:
    return {key: Unit(f"ui/{key}", text) for key, text in STRINGS.items()}
