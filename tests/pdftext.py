"""The text of a PDF's pages, as poppler's `pdftotext` (Debian's poppler-utils) reads them: in logical order,
also where a right-to-left line holds left-to-right text such as an address. For the tests that read much
text (every printed sheet, every PDF of the site): pypdf's pure-Python text extraction took a tenth of the
test suite's CPU there (the site's six PDFs: 9.5 s, against 0.85 s here). pdftotext joins a word that a line
break splits after its hyphen ("counter-" / "terrorism" reads "counterterrorism"), so the tests of the PDFs'
wording word for word (tests/test_pdf.py) read them with pypdf, which keeps the hyphen."""
import shutil
import subprocess
from pathlib import Path

PAGE_BREAK = "\f"  # pdftotext ends each page with one


def page_texts(pdf) -> list:
    """The text of each page of `pdf` (bytes, or a path)."""
    assert shutil.which("pdftotext"), "pdftotext is required: run ./vp test (installs it as root) or apt-get install poppler-utils"
    data = Path(pdf).read_bytes() if isinstance(pdf, (str, Path)) else pdf
    text = subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode("utf-8")
    return text.split(PAGE_BREAK)[:-1]
