"""The preview (./vp serve) gets the files the build writes beside the pages, so its links work."""
from scripts.serve import beside_pages
from tests import roles


def test_the_preview_has_the_pdf_downloads_and_data_of_its_edition_and_language(inputs):
    edition = roles.newest_with_text(inputs.site)
    cited = roles.a_principle(edition).anchor
    files = beside_pages(inputs, edition.id, "fr")
    assert files[f"{edition.id}-fr.pdf"].startswith(b"%PDF")
    assert {f"cite/{cited}.bib", f"cite/{cited}.ris", f"cite/{cited}.json", f"data/{edition.id}-fr.json",
            f"data/{edition.id}-fr.akn.xml"} <= files.keys()
    assert not [path for path in files if f"{edition.id}-en" in path or path.startswith(("fr/", "../"))]
