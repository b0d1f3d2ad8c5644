"""Print (overrides/assets/vp.css, @media print), as Chromium prints a page to PDF (page.pdf), read back with
pypdf: the text of the page, the edition with its conference, place and dates, and the permalink; none of
the controls (copy and download buttons, links to other views, navigation, search); no blank page, on
Letter and A4, in every language."""
import io
import unicodedata

import pytest
from pypdf import PdfReader

from scripts.config import LANGUAGE_CODES
from scripts.permalinks import principle_page, site_path
from scripts.render import date_range
from tests import roles
from tests.browsing import SITE_URL, audited_pages

PAPER = ("Letter", "A4")
CONTROLS = ("cite_copy", "cite_download", "download_pdf", "read_side_by_side", "cite_this")


def printed(page, url: str) -> dict:
    """paper -> the text of each printed page, for every paper size."""
    page.goto(url)  # printing waits for nothing more: the theme's script changes nothing that is printed
    return {paper: [sheet.extract_text() for sheet in PdfReader(io.BytesIO(page.pdf(format=paper))).pages]
            for paper in PAPER}


def flat(text: str) -> str:
    """Text without line breaks, hyphenation or spacing differences."""
    return "".join(unicodedata.normalize("NFKC", text).split()).replace("-", "")


def edition_to_print(site):
    """The newest edition translated into every language: its text is printed in each."""
    return roles.translated(site)


def principles_to_print(site):
    """Its first principle, one in its middle and its last."""
    edition = edition_to_print(site)
    return (edition.principles[0], roles.a_principle(edition), edition.principles[-1])


def blank_sheets(sheets: dict) -> dict:
    return {paper: [n for n, text in enumerate(texts, start=1) if not text.strip()] for paper, texts in sheets.items()
            if not texts or any(not text.strip() for text in texts)}


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_a_printed_principle_has_no_blank_page(page, server, inputs, lang):
    for principle in principles_to_print(inputs.site):
        sheets = printed(page, server + site_path(edition_to_print(inputs.site).id, lang, principle_page(principle)))
        assert blank_sheets(sheets) == {}, principle.number


@pytest.mark.parametrize("lang", ["en", "fr"])  # left-to-right: pypdf reads their text in order
def test_a_printed_principle_gives_its_text_edition_date_and_permalink_without_controls(page, server, inputs, lang):
    site = inputs.site
    edition = edition_to_print(site)
    for principle in principles_to_print(site):
        path = site_path(edition.id, lang, principle_page(principle))
        text = flat("".join(printed(page, server + path)["Letter"]))
        for paragraph in principle.paragraphs:
            assert flat(site.text(paragraph.unit, lang).value) in text, (principle.number, paragraph.unit.id)
        assert flat(site.text(edition.title, lang).value) in text
        assert flat(date_range(edition.start, edition.end, lang)) in text
        assert flat(SITE_URL + path) in text, "the permalink"
        assert not [key for key in CONTROLS if flat(site.t(key, lang)) in text]


def test_every_audited_page_prints_without_a_blank_page(page, server):
    pages = audited_pages()
    assert {path: blank_sheets(printed(page, server + path)) for path in pages} == {path: {} for path in pages}
