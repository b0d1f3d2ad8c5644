"""Print (overrides/assets/vp.css, @media print), as Chromium prints a page to PDF (page.pdf), read back with
pdftotext (tests/pdftext.py): the text of the page, the edition with its conference, place and dates, and
the permalink; none of the controls (copy and download buttons, links to other views, navigation, search);
no blank page, on Letter and A4, in every language, whatever the length of the page: also when its text
ends at the foot of a sheet after margins were cut off at a sheet break."""
import unicodedata

import pytest

from scripts.config import LANGUAGE_CODES
from scripts.permalinks import HOME, principle_page, site_path
from scripts.render import date_range
from tests import roles
from tests.browsing import SITE_URL, audited_pages
from tests.pdftext import page_texts

PAPER = ("Letter", "A4")
SHEET_HEIGHT = {"Letter": 11 * 96, "A4": 297 / 25.4 * 96}  # CSS px: more than what a sheet prints on
CONTROLS = ("cite_copy", "cite_download", "download_pdf", "read_side_by_side", "cite_this")


def printed(page, url: str, papers=PAPER) -> dict:
    """paper -> the text of each printed page, for every paper size (or those of `papers`)."""
    page.goto(url)  # printing waits for nothing more: the theme's script changes nothing that is printed
    return {paper: page_texts(page.pdf(format=paper)) for paper in papers}


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
        text = flat("".join(printed(page, server + path, ["Letter"])["Letter"]))  # read on one paper size
        for paragraph in principle.paragraphs:
            assert flat(site.text(paragraph.unit, lang).value) in text, (principle.number, paragraph.unit.id)
        assert flat(site.text(edition.title, lang).value) in text
        assert flat(date_range(edition.start, edition.end, lang)) in text
        assert flat(SITE_URL + path) in text, "the permalink"
        assert not [key for key in CONTROLS if flat(site.t(key, lang)) in text]


def test_every_audited_page_prints_without_a_blank_page(page, server):
    pages = audited_pages()
    assert {path: blank_sheets(printed(page, server + path)) for path in pages} == {path: {} for path in pages}


# Padding at the end of a page's text, before its print footer: first an empty block whose margin is taller
# than a sheet, so that a sheet break falls in it and cuts it off (CSS Fragmentation truncates the margins at
# a break, as it does a heading's or a list's), then an empty block whose height the test chooses.
PAD = """margin => {
    const cut = document.createElement('div'), pad = document.createElement('div');
    cut.style.marginBlockStart = `${margin}px`;
    pad.id = 'vp-test-pad';
    document.querySelector('.vp-print').before(cut, pad);
}"""
PRECISION = 0.25  # CSS px


def printed_padded(page, paper: str, padding: float) -> list:
    """The text of each printed sheet, with the padding `padding` px high."""
    page.evaluate("height => { document.getElementById('vp-test-pad').style.blockSize = `${height}px`; }", padding)
    return page_texts(page.pdf(format=paper))


def sheets_with_text(page, paper: str, padding: float) -> list:
    """Whether each printed sheet has text, with the padding `padding` px high."""
    return [bool(text.strip()) for text in printed_padded(page, paper, padding)]


@pytest.mark.parametrize("paper", PAPER)
def test_a_page_whose_text_ends_at_the_foot_of_a_sheet_prints_no_blank_sheet_after_it(page, server, inputs, paper):
    page.goto(server + site_path(edition_to_print(inputs.site).id, "en", HOME))
    page.evaluate(PAD, SHEET_HEIGHT[paper])
    fits, too_long = 1.0, SHEET_HEIGHT[paper]  # the footer on the sheet after the cut margin; on the one after it
    sheets = len(printed_padded(page, paper, fits))  # the search counts sheets: no text to read until its end
    assert len(printed_padded(page, paper, too_long)) > sheets
    while too_long - fits > PRECISION:  # the longest padding with which the footer stays on that sheet
        middle = (fits + too_long) / 2
        fits, too_long = (fits, middle) if len(printed_padded(page, paper, middle)) > sheets else (middle, too_long)
    # with `fits`, the footer ends at the foot of the last sheet; with `too_long`, it is alone on one more sheet
    # (the padding fills the sheet before it: that one is blank, as the padding is)
    assert all(sheets_with_text(page, paper, fits)), "a blank sheet when the text ends at the foot of a sheet"
    assert sheets_with_text(page, paper, too_long)[-1], "a blank last sheet when the text ends just past a sheet"
