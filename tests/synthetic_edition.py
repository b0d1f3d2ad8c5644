"""A synthetic edition, newer than every other, for the tests that add an edition as README "Adding an
edition" says. Its text is invented for tests and says so: never official wording.

    synthetic principle 1   revises principle 1 of the newest edition with text (two paragraphs)
    synthetic principle 2   carried over from its principle 2
    synthetic principle 3   new: /p/3/ would lead to a principle that does not derive from the one it led
                            to, so `aliases:` keeps it at that edition (KEPT_ALIASES)
    every other principle of that edition: dropped
    a Summary of Discussions with one section of three paragraphs

Run as a script, it adds the edition to a checkout's principles.yaml (a throw-away copy): README's steps
then follow (`update-catalogs`, `build`, `lock-permalinks`), and the whole suite can run in that copy.

    python tests/synthetic_edition.py /tmp/copy/principles.yaml
"""
import copy
import hashlib
import re
import sys
from pathlib import Path

SYNTHETIC_TEXT = "Invented test text of a synthetic edition, never official wording"
COUNT = 3
NEW_NUMBER = 3  # the synthetic principle that derives from nothing
KEPT_ALIASES = (f"p/{NEW_NUMBER}/", f"latest/principles/{NEW_NUMBER}/")
EDITIONS = "\neditions:\n"  # the top-level list, in principles.yaml


def newest_with_text(raw: dict) -> dict:
    return max((e for e in raw["editions"] if e["principles"]), key=lambda e: e["start"])


def synthetic_id(raw: dict) -> str:
    """An id and year after every edition's (a copy that has one already gets another)."""
    year = max(int(e["start"][:4]) for e in raw["editions"]) + 10
    return f"synthetic-{year}"


def synthetic_edition(raw: dict, count: int = COUNT) -> dict:
    """The edition (principles.yaml data), derived from the newest edition with text of `raw`."""
    base = newest_with_text(raw)
    eid = synthetic_id(raw)
    year = eid.rsplit("-", 1)[1]
    group = base["groups"][0]["id"]
    by_number = {p["number"]: p for p in base["principles"]}

    def derivation(n: int) -> dict:
        if n == NEW_NUMBER or n not in by_number:
            return {"relation": "new"}
        return {"relation": "revised" if n == 1 else "carried-over", "principles": [by_number[n]["id"]]}

    principles = []
    for n in range(1, count + 1):
        paragraphs = [f"{SYNTHETIC_TEXT}: paragraph {k} of synthetic principle {n}." for k in range(1, 3 if n == 1 else 2)]
        principles.append({"id": f"s{n}", "number": n, "title": f"Synthetic test principle {n}", "group": group,
                           "paragraphs": paragraphs, "derives_from": {base["id"]: derivation(n)}})
    carried = {link for p in principles for link in p["derives_from"][base["id"]].get("principles", [])}
    edition = {
        "id": eid, "name": f"Synthetic {year}", "title": f"Synthetic edition {year}, made by the test suite",
        "subtitle": None, "conference": "Synthetic test conference", "place": "Nowhere (a test)",
        "start": f"{year}-01-01", "end": f"{year}-01-02", "organisers": ["The test suite"],
        "document": {"title": "No document: a synthetic edition made by the test suite", "symbol": None, "date": f"{year}-02",
                     "bodies": None, "language": "en", "publisher": None, "note": None, "file": None, "sha256": None},
        "history": [{"date": f"{year}-01-01", "event": f"{SYNTHETIC_TEXT}: the synthetic conference opens.", "source": "document"}],
        "groups": [copy.deepcopy(base["groups"][0])],
        "principles": principles,
        "summary": {"title": "Synthetic summary", "sections": [
            {"id": "synthetic", "level": 2, "title": "Synthetic section",
             "paragraphs": [f"{SYNTHETIC_TEXT}: summary paragraph {k}." for k in range(1, 4)]}]},
        "dropped": {base["id"]: [p["id"] for p in base["principles"] if p["id"] not in carried]},
    }
    return edition


def with_synthetic_edition(raw: dict, count: int = COUNT, keep_aliases: bool = True) -> dict:
    """`raw` (principles.yaml data, not changed) with the synthetic edition added; keep_aliases: with the
    `aliases:` entries that keep the new principle's aliases at the edition they led to."""
    raw = copy.deepcopy(raw)
    base = newest_with_text(raw)["id"]
    raw["editions"].insert(0, synthetic_edition(raw, count))
    if keep_aliases:
        raw["aliases"] = {**raw.get("aliases", {}), **{alias: base for alias in KEPT_ALIASES}}
    return raw


def synthetic_document(edition: dict, repository: Path) -> dict:
    """Its "official document" in the copy's sources/ (its invented text): an edition's text always comes from
    the document its entry names (tests/test_fidelity.py holds every edition to that)."""
    paragraphs = [q for p in edition["principles"] for q in [p["title"], *p["paragraphs"]]]
    document = repository / "sources" / f"{edition['id']}.txt"
    document.parent.mkdir(exist_ok=True)
    document.write_text(f"{SYNTHETIC_TEXT}.\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return {"file": document.relative_to(repository).as_posix(), "sha256": hashlib.sha256(document.read_bytes()).hexdigest()}


def with_aliases(text: str, name: str, entries: list) -> str:
    """principles.yaml's text whose `aliases:` say `entries` of KEPT_ALIASES and nothing else of them: an entry
    an earlier edition added there for the same alias goes (without entries, the rule alone decides)."""
    existing = re.search(r"^aliases:(.*)\n", text, re.MULTILINE)
    if existing is None:
        return text + (f"aliases:\n{''.join(entries)}" if entries else "")
    assert existing.group(1).strip() in ("", "{}"), f"{name}: `aliases:` is not a block"
    block = re.match(r"(?:  .*\n)*", text[existing.end():]).group(0)
    others = [line for line in block.splitlines(keepends=True) if line.split(":", 1)[0].strip() not in KEPT_ALIASES]
    if not entries and not others:
        return text[:existing.start()] + "aliases: {}\n" + text[existing.end() + len(block):] if block else text
    return text[:existing.start()] + "aliases:\n" + "".join(entries + others) + text[existing.end() + len(block):]


def add_to(source_file: Path, keep_aliases: bool = True) -> str:
    """Describe the synthetic edition in a principles.yaml (a copy) as a maintainer does (README "Adding an
    edition", step 1, with its principles and concordance written in): its entry first under `editions:`,
    newest first as the file lists them, and with keep_aliases its `aliases:` entries; every other byte of
    the file stays as it was. Returns the edition's id."""
    from scripts import importer
    from scripts.load import load_source

    raw = load_source(source_file).data
    edition, base = synthetic_edition(raw), newest_with_text(raw)["id"]
    edition["document"] |= synthetic_document(edition, source_file.parent)
    text = source_file.read_text(encoding="utf-8")
    assert text.count(EDITIONS) == 1, f"{source_file}: no single top-level `editions:` line"
    text = text.replace(EDITIONS, EDITIONS + importer.dump([edition]))
    text = with_aliases(text, f"{source_file}", [f"  {alias}: {base}\n" for alias in KEPT_ALIASES] if keep_aliases else [])
    source_file.write_text(text, encoding="utf-8")
    assert load_source(source_file).data["editions"][0] == edition
    return edition["id"]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(add_to(Path(sys.argv[1])))
