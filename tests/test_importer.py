"""`./vp import-edition`: the official document -> one edition's principles in principles.yaml.

Every document here is made from the official text (source 000 or principles.yaml's Valletta text), never
from invented wording: the source itself, truncated or damaged copies of it, a PDF typeset from it with
Typst (page breaks, running heads and page numbers included), and a numbered-list layout of its principles.
"""
import json
import re
import shutil
import subprocess
import sys

import pytest
import typst

from scripts import importer
from scripts.config import ROOT, SOURCE_FILE
from scripts.errors import PipelineError
from scripts.load import load_source, parse_source
from scripts.render.pdf import typst_fonts
from tests import official
from tests.official import SOURCE_000 as SOURCE
from tests.official import edition_from

DATE = "2026-11-22"
# By role: the edition whose text source 000 is, and the newest edition before it (where the numbered-list
# layout is imported; its principles derive from nothing the official edition has).
_DATA = load_source(SOURCE_FILE).data
OFFICIAL = edition_from(_DATA)["id"]
OLDER = next(e["id"] for e in _DATA["editions"] if e["start"] < edition_from(_DATA)["start"])


@pytest.fixture
def repo(repo_copy):
    (repo_copy / "sources").mkdir()
    shutil.copy(SOURCE, repo_copy / "sources" / SOURCE.name)
    source = repo_copy / "principles.yaml"  # the editions newer than the official one, if any, derive from it: out
    source.write_text(official.without_newer(source.read_text(encoding="utf-8"), OFFICIAL), encoding="utf-8")
    return repo_copy


def valletta(path):
    return next(e for e in load_source(path).data["editions"] if e["id"] == OFFICIAL)


def emptied(text: str) -> str:
    """principles.yaml with the official edition's principles removed (as before their first import)."""
    return official.emptied(text, OFFICIAL)


def import_into(repo, document, edition=OFFICIAL, **options):
    return importer.import_edition(edition, document, repo / "principles.yaml", DATE, **options)


def test_reimporting_source_000_changes_nothing(repo):
    original = (repo / "principles.yaml").read_text(encoding="utf-8")
    assert import_into(repo, repo / "sources" / SOURCE.name) == original


def test_importing_source_000_reproduces_the_valletta_entries_exactly(repo):
    original = (repo / "principles.yaml").read_text(encoding="utf-8")
    (repo / "principles.yaml").write_text(emptied(original), encoding="utf-8")
    new = import_into(repo, repo / "sources" / SOURCE.name)
    added = f'    imported: "{DATE}"\n'
    assert new.count(added) == 1 and new.replace(added, "") == original  # byte for byte, comments included


def test_truncated_copy_fails_naming_the_missing_numbers_and_changes_nothing(repo):
    text = SOURCE.read_text(encoding="utf-8")
    truncated = repo / "sources" / "truncated.txt"
    truncated.write_text(text[: text.index("Principle 25:")], encoding="utf-8")
    before = (repo / "principles.yaml").read_bytes()
    result = subprocess.run([sys.executable, "-m", "scripts", "import-edition", OFFICIAL, str(truncated),
                             "--source", str(repo / "principles.yaml")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "truncated.txt: principle numbers missing: 25–42 (found 24 principles: 1–24)" in result.stderr
    assert (repo / "principles.yaml").read_bytes() == before


def test_a_gap_and_a_duplicate_are_named_even_on_a_first_import(repo):
    text = SOURCE.read_text(encoding="utf-8").replace("Principle 8:", "Principle 7:")
    damaged = repo / "sources" / "damaged.txt"
    damaged.write_text(text, encoding="utf-8")
    (repo / "principles.yaml").write_text(emptied((repo / "principles.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(PipelineError) as caught:
        import_into(repo, damaged)
    first, again = (text[: text.index("Principle 7:", start)].count("\n") + 1 for start in (0, text.index("Principle 7:") + 1))
    assert caught.value.problems == (
        "damaged.txt: principle numbers missing: 8 (found 41 principles: 1–7, 9–42)",
        f"damaged.txt:{again}: principle 7 appears again (first at damaged.txt:{first})",
    )


def test_count_option_catches_a_document_cut_after_a_whole_principle(repo):
    text = SOURCE.read_text(encoding="utf-8")
    cut = repo / "sources" / "cut.txt"
    cut.write_text(text[: text.index("Principle 41:")], encoding="utf-8")
    (repo / "principles.yaml").write_text(emptied((repo / "principles.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(PipelineError, match="principle numbers missing: 41–42"):
        import_into(repo, cut, count=42)


def test_document_outside_the_repository_is_refused(repo, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / SOURCE.name
    shutil.copy(SOURCE, outside)
    with pytest.raises(PipelineError, match="must be in the repository"):
        import_into(repo, outside)


# ---- the PDF ------------------------------------------------------------------------------------------

TYPST_DOCUMENT = """
#set page(width: 21cm, height: 14cm, margin: 2cm, header: align(right)[Valletta Principles],
  footer: context align(center, counter(page).display("1/1", both: true)))
#set text(font: "Noto Sans", size: 10pt, hyphenate: false)
#set smartquote(enabled: false)
#set par(spacing: 1.5em)
#for block in json(bytes(sys.inputs.data)) [#block #parbreak()]
"""


def annex_blocks() -> list:
    """The principles part of source 000 as paragraphs, markup dropped (what a clean PDF would show)."""
    text = SOURCE.read_text(encoding="utf-8")
    annex = text[text.index("OVERARCHING PRINCIPLES"): text.index("Background\n")]
    return [block.text for block in importer.text_blocks(annex, "annex")]


def typeset(blocks: list) -> bytes:
    compiler = typst.Compiler(font_paths=typst_fonts(), ignore_system_fonts=True)
    return compiler.compile(input=TYPST_DOCUMENT.encode(), format="pdf", sys_inputs={"data": json.dumps(blocks)})


def test_pdf_of_the_official_text_imports_exactly(repo):
    pdf = repo / "sources" / "valletta.pdf"
    pdf.write_bytes(typeset(annex_blocks()))
    original = (repo / "principles.yaml").read_text(encoding="utf-8")
    (repo / "principles.yaml").write_text(emptied(original), encoding="utf-8")
    new = import_into(repo, pdf)
    assert valletta_principles(new) == valletta_principles(original)
    assert "sources/valletta.pdf" in new


def valletta_principles(text: str) -> list:
    return next(e for e in parse_source(text, "principles.yaml").data["editions"] if e["id"] == OFFICIAL)["principles"]


def test_pdf_page_breaks_are_joined_and_running_lines_dropped(repo):
    pdf = repo / "sources" / "valletta.pdf"
    pdf.write_bytes(typeset(annex_blocks()))
    blocks = importer.pdf_blocks(pdf)
    pages = {block.where for block in blocks}
    assert len(pages) > 10  # the text really crosses many page breaks
    assert not any(block.text in ("Valletta Principles",) or re.fullmatch(r"\d+/\d+", block.text) for block in blocks)


# ---- the numbered-list layout, into the Bogotá edition of a copy --------------------------------------

def numbered_document(principles: list, titled: bool) -> str:
    """The Valletta text laid out as a numbered list under outline headings (the Bogotá outline's form),
    between numbered paragraphs of a discussion summary and the next section."""
    out, group, scope = ["I. Summary of the discussions", "1. " + principles[0]["paragraphs"][0], "II. Principles"], None, None
    headings = {"overarching": "1. Overarching principles", "substantive": "2. Substantive principles",
                "procedural": "3. Procedural principles"}
    for p in principles:
        if p["group"] != group:
            group, scope = p["group"], None
            out.append(headings[group])
        if p.get("scope") != scope:
            scope = p.get("scope")
            out.append("Regional counter-terrorism strategies")
        first = [f"{p['number']}. {p['title']}"] + p["paragraphs"] if titled else [f"{p['number']}. {p['paragraphs'][0]}"]
        out += first + ([] if titled else p["paragraphs"][1:])
    return "\n\n".join(out + ["III. Closing remarks", "2. " + principles[1]["paragraphs"][0]]) + "\n"


@pytest.mark.parametrize("titled", [True, False])
def test_numbered_list_layout(repo, titled):
    national = valletta(repo / "principles.yaml")["principles"]
    source = repo / "principles.yaml"  # Valletta's own principles out of the way: Bogotá may not repeat them
    source.write_text(emptied(source.read_text(encoding="utf-8")), encoding="utf-8")
    document = repo / "sources" / "numbered.txt"
    document.write_text(numbered_document(national, titled), encoding="utf-8")
    new = import_into(repo, document, edition=OLDER)
    (repo / "principles.yaml").write_text(new, encoding="utf-8")
    bogota = next(e for e in load_source(repo / "principles.yaml").data["editions"] if e["id"] == OLDER)
    expected = [{**p, "title": p["title"] if titled else None} for p in national]
    assert bogota["principles"] == expected
    assert bogota["document"]["file"] == "sources/numbered.txt" and bogota["document"]["imported"] == DATE


def with_concordance(text: str, older: list) -> str:
    """Every Valletta principle new, every given Bogotá principle dropped: a complete concordance."""
    current = valletta_principles(text)
    links = [{**p, "derives_from": {OLDER: {"relation": "new"}}} for p in current]
    text = importer.replaced_principles(text, OFFICIAL, links)
    dropped = importer.indented(importer.dump({"dropped": {OLDER: [p["id"] for p in older]}}), 2)
    summary = text.index("  summary:\n", text.index(f"- id: {OFFICIAL}\n"))
    return text[:summary] + dropped + text[summary:]


def test_import_that_would_break_the_concordance_is_refused(repo):
    principles = valletta(repo / "principles.yaml")["principles"]
    document = repo / "sources" / "numbered.txt"
    document.write_text(numbered_document(principles[:41], titled=True), encoding="utf-8")
    first = import_into(repo, document, edition=OLDER)
    linked = with_concordance(first, principles[:41])
    (repo / "principles.yaml").write_text(linked, encoding="utf-8")
    assert import_into(repo, document, edition=OLDER) == linked  # valid, and the same document
    document.write_text(numbered_document(principles, titled=False), encoding="utf-8")  # one principle more
    with pytest.raises(PipelineError) as caught:
        import_into(repo, document, edition=OLDER)
    assert caught.value.problems[0] == "importing numbered.txt would make principles.yaml invalid:"
    assert f"principles of {OLDER} neither carried forward nor listed under dropped.{OLDER}: p42" in caught.value.problems[1]
    assert (repo / "principles.yaml").read_text(encoding="utf-8") == linked


def test_unreadable_documents_are_named(repo):
    broken = repo / "sources" / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot really a PDF")
    with pytest.raises(PipelineError, match=r"^broken.pdf:1: not a readable PDF"):
        import_into(repo, broken)
    with pytest.raises(PipelineError, match=r"no such file"):
        import_into(repo, repo / "sources" / "absent.txt")
    empty = repo / "sources" / "empty.txt"
    empty.write_text("A letter\n\nwith no principles.\n", encoding="utf-8")
    with pytest.raises(PipelineError, match=r"^empty.txt:1: no group heading found \(expected one of: 'overarching principles'"):
        import_into(repo, empty)


# ---- a document belongs to one edition ------------------------------------------------------------------

def test_the_newest_editions_document_is_refused_for_another_edition(repo):
    """Importing the Valletta document as the Bogotá edition would give Bogotá Valletta's principles word
    for word: refused, naming the edition it belongs to, and nothing written."""
    before = (repo / "principles.yaml").read_bytes()
    result = subprocess.run([sys.executable, "-m", "scripts", "import-edition", OLDER, str(repo / "sources" / SOURCE.name),
                             "--count", "42", "--source", str(repo / "principles.yaml")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (f"{SOURCE.name}: already imported for edition '{OFFICIAL}' (the same file: its document.sha256 in "
            f"principles.yaml): {OLDER} needs its own official document") in result.stderr.splitlines()
    assert (repo / "principles.yaml").read_bytes() == before


def test_a_copy_of_another_editions_text_is_refused(repo):
    """The same principles in another file (a different SHA-256): refused too."""
    copy = repo / "sources" / "copy.txt"
    copy.write_text(SOURCE.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(PipelineError) as caught:
        import_into(repo, copy, edition=OLDER)
    assert caught.value.problems == (f"copy.txt: its 42 principles are word for word those of edition '{OFFICIAL}': "
                                     f"{OLDER} needs its own official document",)


def test_an_empty_or_unreadable_document_is_named(repo):
    empty = repo / "sources" / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(PipelineError) as caught:
        import_into(repo, empty)
    assert caught.value.problems == ("empty.txt:1: the document is empty: no text found",)
    (repo / "sources" / "folder.txt").mkdir()
    with pytest.raises(PipelineError) as caught:
        import_into(repo, repo / "sources" / "folder.txt")
    assert caught.value.problems == ("folder.txt: is a folder, not a file",)
