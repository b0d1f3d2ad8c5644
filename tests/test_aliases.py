"""Aliases (the language roots, /latest/…, /p/N/) under the rule of README "Permalinks", held by
permalinks.lock: adding a newer edition never drops one, and never re-points one to a principle that does not
derive from the one it led to, unless principles.yaml says where it leads.

The newer edition here is synthetic: invented test text, never official wording."""
import copy

import pytest

from scripts import lock, model
from scripts.config import SOURCE_FILE
from scripts.errors import PipelineError
from scripts.load import load_source
from scripts.render import data
from scripts.ui import ui_units
from scripts.validate import validate
from tests.synthetic_edition import newest_with_text

SYNTHETIC = "synthetic-2099"


def source_data() -> dict:
    return copy.deepcopy(load_source(SOURCE_FILE).data)


def with_newer_edition(raw: dict, count: int = 3) -> dict:
    """A synthetic edition after every other, with `count` principles: the first revises the first principle
    of the newest edition with text; the others are new."""
    base = newest_with_text(raw)
    group = base["groups"][0]["id"]
    principles = [{"id": f"s{n}", "number": n, "title": f"Synthetic test principle {n}", "group": group,
                   "paragraphs": [f"Invented text of synthetic principle {n}, made only for tests."],
                   "derives_from": {base["id"]: {"relation": "revised", "principles": [base["principles"][0]["id"]]} if n == 1
                                    else {"relation": "new"}}} for n in range(1, count + 1)]
    dropped = [p["id"] for p in base["principles"][1:]]
    newer = {**copy.deepcopy(base), "id": SYNTHETIC, "name": "Synthetic 2099", "title": "Synthetic edition for tests",
             "start": "2099-01-01", "end": "2099-01-02", "principles": principles, "summary": None,
             "dropped": {base["id"]: dropped}, "search_names": []}
    for key in ("subtitle",):
        newer.pop(key, None)
    raw["editions"].append(newer)
    return raw


def site_of(raw: dict) -> model.Site:
    return model.build_site(raw, ui_units(), {})


def test_the_lock_records_every_alias_with_its_target():
    site = site_of(source_data())
    locked = {entry.path: entry.target for entry in lock.read_lock() if entry.target}
    assert locked == dict(data.aliases(site)), "run ./vp lock-permalinks"
    assert lock.lock_problems(site, lock.read_lock()) == []


def test_a_newer_edition_keeps_every_alias_and_refuses_unrelated_moves():
    raw = with_newer_edition(source_data())
    site = site_of(raw)
    base = newest_with_text(source_data())
    targets = dict(data.aliases(site))
    decided = raw.get("aliases", {})  # what principles.yaml already says (none while no edition was added)
    # numbers the newer edition lacks keep leading to the last edition that had them
    last = max(p["number"] for p in base["principles"])
    assert targets[f"p/{last}/"] == f"{decided.get(f'p/{last}/', base['id'])}/principles/{last}/"
    assert targets["fr/p/1/"] == f"fr/{SYNTHETIC}/principles/1/"  # derives from what it led to: moves
    problems = lock.lock_problems(site, lock.read_lock())
    named = {problem.split("alias /", 1)[1].split(" ", 1)[0] for problem in problems}
    expected = {f"{prefix}{alias}" for prefix in ("", "fr/", "es/", "ru/", "zh/", "ar/")
                for alias in ("p/2/", "p/3/", "latest/principles/2/", "latest/principles/3/") if alias not in decided}
    assert named == expected
    assert all("a principle that does not derive from it" in problem for problem in problems)


def test_aliases_in_principles_yaml_decide_and_clear_the_problems():
    raw = with_newer_edition(source_data())
    base = newest_with_text(source_data())["id"]
    raw["aliases"] = {"p/2/": base, "latest/principles/2/": base, "p/3/": SYNTHETIC, "latest/principles/3/": SYNTHETIC}
    site = site_of(raw)
    assert lock.lock_problems(site, lock.read_lock()) == []
    assert dict(data.aliases(site))["ar/p/2/"] == f"ar/{base}/principles/2/"


def test_a_dropped_alias_fails_naming_it():
    raw = source_data()
    base = newest_with_text(raw)
    last = max(base["principles"], key=lambda p: p["number"])
    base["principles"].remove(last)
    for other in raw["editions"]:  # no edition keeps a principle with that number
        other["principles"] = [p for p in other["principles"] if p["number"] != last["number"]]
    with pytest.raises(PipelineError) as caught:
        lock.check_lock(site_of(raw))
    assert any(f"alias /p/{last['number']}/ would no longer exist" in problem for problem in caught.value.problems)


def test_an_alias_to_an_edition_without_the_page_is_reported_with_its_line(tmp_path):
    raw_text = SOURCE_FILE.read_text(encoding="utf-8")
    oldest = min(source_data()["editions"], key=lambda e: e["start"])
    entries = f"\n  p/13/: {oldest['id']}\n  p/14/: no-such-edition"
    # beside the aliases principles.yaml already decides, if it has any
    text = (raw_text.replace("\naliases:", "\naliases:" + entries, 1) if "\naliases:" in raw_text
            else raw_text.replace("redirects: {}", "redirects: {}\naliases:" + entries))
    path = tmp_path / "principles.yaml"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"  p/13/: {oldest['id']}") + 1
    problems = validate(load_source(path))
    assert problems == [f"principles.yaml:{line + 1}: aliases.p/14/: unknown edition 'no-such-edition' "
                        f"(known: {', '.join(sorted(e['id'] for e in source_data()['editions']))})"]
    text = text.replace("\n  p/14/: no-such-edition", "")
    path.write_text(text, encoding="utf-8")
    assert validate(load_source(path)) == [f"principles.yaml:{line}: aliases.p/13/: edition '{oldest['id']}' has no page "
                                           "principles/13/: choose an edition that has it"]
