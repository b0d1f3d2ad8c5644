"""The official wording in principles.yaml is the source document's, word for word.

The source (sources/000_*.txt, a copy of ../shared/sources) is an extraction from a PDF: page breaks split
some paragraphs and Markdown-like noise surrounds a few words. Both sides are normalised only for
whitespace after dropping that noise; then the YAML's units, in order, must spell out the source's annex
exactly — so nothing is missing, added, reordered or reworded.
"""
import re

import pytest

from scripts.config import ROOT, SOURCE_FILE
from scripts.load import load_source
from tests.official import SOURCE_000 as SOURCE
from tests.official import edition_from, without_source

SHARED = ROOT.parent / "shared" / "sources" / SOURCE.name
ANNEX_START = "OVERARCHING PRINCIPLES"


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def drop_markup(text: str) -> str:
    """Extraction noise named in the sources' README: [symbol](#) links, escaped parentheses, * and **."""
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text)
    return text.replace("\\(", "(").replace("\\)", ")").replace("*", "")


def source_annex() -> str:
    text = SOURCE.read_text(encoding="utf-8")
    annex = text[text.index(ANNEX_START):]
    # Group and scope headings and list bullets are structure in the YAML, not units: remove them here.
    annex = re.sub(r"^(OVERARCHING|SUBSTANTIVE|PROCEDURAL) PRINCIPLES", "", drop_markup(annex), flags=re.M)
    annex = re.sub(r"^Regional counter-terrorism strategies$", "", annex, flags=re.M)
    annex = re.sub(r"^- ", "", annex, flags=re.M)
    return normalise(annex)


def yaml_units(edition) -> list:
    units = []
    for p in edition["principles"]:
        units.append(f"Principle {p['number']}: {p['title']}")
        units += p["paragraphs"]
    summary = edition["summary"]
    units += [summary["title"], summary["subtitle"], summary["note"]]
    for section in summary["sections"]:
        units.append(section["title"])
        units += [p["item"] if isinstance(p, dict) else p for p in section["paragraphs"]]
    return units


@pytest.fixture(scope="module")
def valletta():
    return edition_from(load_source(SOURCE_FILE).data, SOURCE)


def test_the_repository_copy_is_the_shared_source():
    if SHARED.exists():  # beside ../shared (as in CI); a plain clone has only the copy
        assert SOURCE.read_bytes() == SHARED.read_bytes()


def test_yaml_spells_out_the_source_annex_exactly(valletta):
    assert normalise(" ".join(yaml_units(valletta))) == source_annex()


def test_every_unit_is_a_whole_paragraph_of_the_source(valletta):
    """Each unit starts where a source paragraph starts (catches a unit boundary moved by a word)."""
    text = drop_markup(SOURCE.read_text(encoding="utf-8")).replace("SUBSTANTIVE PRINCIPLES", "")
    text = re.sub(r"^- ", "\n", text, flags=re.M)  # each list item and numbered lesson starts a block
    starts = {normalise(block)[:60] for block in re.split(r"\n\s*\n", text) if block.strip()}
    for unit in yaml_units(valletta):
        if unit.startswith("Principle "):
            continue  # "Principle N: title" is one source line, checked by the exact test above
        assert normalise(unit)[:60] in starts or any(s.startswith(normalise(unit)[:60]) for s in starts), unit


def test_42_principles_in_the_documents_groups(valletta):
    numbers = {g: [p["number"] for p in valletta["principles"] if p["group"] == g] for g in ("overarching", "substantive", "procedural")}
    assert numbers == {"overarching": list(range(1, 9)), "substantive": list(range(9, 31)), "procedural": list(range(31, 43))}
    regional = [p["number"] for p in valletta["principles"] if p.get("scope") == "regional"]
    assert regional == [29, 30, 39, 40, 41, 42]


def test_page_break_splits_are_joined(valletta):
    by_number = {p["number"]: p for p in valletta["principles"]}
    for number in (23, 33, 38):
        assert len(by_number[number]["paragraphs"]) == 1
    assert "bridge the gap between communities and authorities. When civic space is protected" in by_number[23]["paragraphs"][0]


def test_summary_sections_in_the_documents_order(valletta):
    ids = [s["id"] for s in valletta["summary"]["sections"]]
    assert ids[:3] == ["background", "welcome", "national-strategies"]
    assert [i for i in ids if i.startswith("sessions-3-5-lesson")] == [f"sessions-3-5-lesson-{n}" for n in range(1, 5)]
    assert ids[-1] == "closing"


def test_no_text_without_its_official_document():
    """An edition whose document the repository does not hold (the Bogotá Principles today) has no text:
    none is written from memory."""
    for edition in without_source(load_source(SOURCE_FILE).data):
        assert edition["principles"] == [] and "summary" not in edition, edition["id"]
        assert edition["document"]["sha256"] is None, edition["id"]
