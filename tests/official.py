"""The editions whose official text the repository holds, found by the document their text was imported from
(`document.file` in principles.yaml), never by id: the fidelity and import tests are about that text, and
stay about it when editions are added or renamed."""
import re
from pathlib import Path

from scripts.config import ROOT, SOURCE_FILE
from scripts.load import load_source

SOURCE_000 = ROOT / "sources" / "000_38691b6f6ac84a78.txt"  # the Valletta document (see sources/README.md)


def document_file(source: Path) -> str:
    return source.relative_to(ROOT).as_posix()


def edition_from(data: dict, source: Path = SOURCE_000) -> dict:
    """The edition (principles.yaml data) whose text was imported from `source`."""
    found = [e for e in data["editions"] if e["document"].get("file") == document_file(source)]
    assert len(found) == 1, f"{len(found)} editions are imported from {document_file(source)}"
    return found[0]


def official_id(source: Path = SOURCE_FILE) -> str:
    """The id of the edition whose text came from source 000, as the principles.yaml `source` describes it."""
    return edition_from(load_source(source).data)["id"]


def without_source(data: dict) -> list:
    """The editions (principles.yaml data) whose official document the repository does not hold."""
    return [e for e in data["editions"] if not e["document"].get("file")]


def emptied(text: str, edition_id: str) -> str:
    """principles.yaml's text with the principles of one edition removed (as before their first import)."""
    start = text.index("  principles:\n  - id: ", text.index(f"- id: {edition_id}\n"))
    end = text.index("  summary:\n", start)
    return text[:start] + "  principles: []\n" + text[end:]


def without_newer(text: str, edition_id: str) -> str:
    """principles.yaml's text without the editions listed before `edition_id` (the newer ones, which may
    derive from it): for tests that import that edition again into a copy."""
    start = text.index("\neditions:\n") + len("\neditions:\n")
    at = text.index(f"- id: {edition_id}\n")
    if at == start:
        return text
    # what principles.yaml said of aliases was said of those editions too: without them it goes
    return re.sub(r"(?m)^aliases:\n(?:  .*\n)+", "aliases: {}\n", text[:start] + text[at:])
