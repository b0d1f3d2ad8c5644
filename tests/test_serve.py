"""The preview (./vp serve) gets the files the build writes beside the pages, so its links work."""
from scripts.serve import beside_pages


def test_the_preview_has_the_pdf_downloads_and_data_of_its_edition_and_language(inputs):
    files = beside_pages(inputs, "valletta-2025", "fr")
    assert files["valletta-2025-fr.pdf"].startswith(b"%PDF")
    assert {"cite/principle-13.bib", "cite/principle-13.ris", "cite/principle-13.json", "data/valletta-2025-fr.json",
            "data/valletta-2025-fr.akn.xml"} <= files.keys()
    assert not [path for path in files if "valletta-2025-en" in path or path.startswith(("fr/", "../"))]
