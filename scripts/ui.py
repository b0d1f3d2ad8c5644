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
    "cite_as": "Cite as",
    "citation": "{title} ({year}), principle {number}",
    "banner_official": "Official translation.",
    "banner_reviewed": "Unofficial translation — reviewed. Only the English text is official.",
    "banner_draft": "Unofficial translation — unreviewed draft. Only the English text is official.",
    "fallback_missing": "Not yet translated: shown in the English original.",
    "fallback_outdated": "Translation outdated: shown in the English original until it is updated.",
    "page_has_fallbacks": "Some passages of this page are not translated yet, or their translation is outdated; they are shown in the English original and marked.",
    "edition_label": "Edition",
    "language_label": "Language",
    "download_pdf": "Download PDF",
    "pdf_size": "PDF, {size}",
    "contents": "Contents",
    "colophon": "Colophon",
    "pdf_status_draft": "Unofficial translation — unreviewed draft",
    "pdf_status_reviewed": "Unofficial translation — reviewed",
    "pdf_status_partial": "Partly shown in the English original",
    "pdf_status_untranslated": "Not yet translated — English original",
    "pdf_has_fallbacks": "Some passages of this document are not translated yet, or their translation is outdated; they are shown in the English original and marked.",
    "pdf_online": "Online version",
    "pdf_build_version": "Build version",
    "pdf_fonts": "Fonts",
}


def ui_units() -> dict:
    return {key: Unit(f"ui/{key}", text) for key, text in STRINGS.items()}
