"""A fixture earlier edition made from principles.yaml's own Valletta text, never from invented wording.

Going back from Valletta 2025 to the fixture ("Fixture 2019", only ever in tests):

    V2            carried over from F1 (renumbered)
    V1            revised: F2 is V1 without its last sentence
    V3            merged from F3 (its first sentences, same title) and F4 (the rest, no title)
    V4, V5        split from F5 (V4's title, V4's and V5's paragraphs)
    V6            new
    VR            revised: F<R> has "must" where VR has its first "should" (R: the first from 7 on with one)
    V7..V42       otherwise carried over from F7..F42
    F6            dropped: a paragraph of the Valletta Summary of Discussions, under its section's title

Translations for a language follow the same rules applied to that language's catalog text where they can
(carried over, last sentence dropped, the dropped summary text); the rest has none, so the page shows
those rows in English.
"""
import copy
import re

from scripts import catalogs, model
from scripts.config import TRANSLATIONS_DIR
from scripts.ui import ui_units
from tests.official import official_id

OLD = "fixture-2019"
NEWER = official_id()  # the edition whose official text the fixture is made from
SENTENCE_END = re.compile(r"(?<=[.。])\s*(?=\S)")


def sentences(text: str) -> list:
    return SENTENCE_END.split(text)


def without_last_sentence(text: str) -> str:
    parts = sentences(text)
    return text[: len(text) - len(parts[-1])].rstrip()


def revised_index(valletta: list) -> int:
    return next(i for i, p in enumerate(valletta) if i >= 6 and " should " in p["paragraphs"][0])


def first_half(text: str) -> tuple:
    parts = sentences(text)
    cut = len(" ".join(parts[: len(parts) // 2]))
    return text[:cut].rstrip(), text[cut:].lstrip()


def old_principles(valletta: list, summary: dict) -> list:
    v = {p["number"]: p for p in valletta}
    head, tail = first_half(v[3]["paragraphs"][0])
    r = revised_index(valletta)
    section = summary["sections"][0]
    olds = [
        {**v[2], "number": 1},
        {**v[1], "number": 2, "paragraphs": [without_last_sentence(v[1]["paragraphs"][0])]},
        {**v[3], "number": 3, "paragraphs": [head]},
        {**v[3], "number": 4, "title": None, "paragraphs": [tail]},
        {**v[4], "number": 5, "paragraphs": v[4]["paragraphs"] + v[5]["paragraphs"]},
        {**v[6], "number": 6, "title": section["title"], "paragraphs": [section["paragraphs"][0]]},
    ]
    for p in valletta[6:]:
        text = p["paragraphs"][0].replace(" should ", " must ", 1) if p is valletta[r] else p["paragraphs"][0]
        olds.append({**p, "paragraphs": [text] + p["paragraphs"][1:]})
    return [{**{k: val for k, val in p.items() if k != "derives_from"}, "id": f"f{p['number']}"} for p in olds]


def links(valletta: list) -> dict:
    """Valletta principle number -> (relation, fixture numbers)."""
    found = {1: ("revised", [2]), 2: ("carried-over", [1]), 3: ("merged", [3, 4]), 4: ("split", [5]),
             5: ("split", [5]), 6: ("new", [])}
    r = valletta[revised_index(valletta)]["number"]
    found.update({n: ("revised" if n == r else "carried-over", [n]) for n in range(7, 43)})
    return found


EXPECTED_COUNTS = {"carried-over": 36, "revised": 2, "merged": 1, "split": 2, "new": 1, "dropped": 1}


def fixture_data(data: dict) -> dict:
    """principles.yaml's data with the fixture edition and a confirmed Valletta -> fixture concordance."""
    data = copy.deepcopy(data)
    valletta = next(e for e in data["editions"] if e["id"] == NEWER)
    oldest = {key: value for key, value in data["editions"][-1].items() if key not in ("summary", "dropped")}
    old = {**copy.deepcopy(oldest), "id": OLD, "name": "Fixture 2019", "start": "2019-01-01", "end": "2019-01-02",
           "title": "Fixture edition made in tests from the Valletta text",
           "principles": old_principles(valletta["principles"], valletta["summary"])}
    old["document"] = {**old["document"], "title": "No document: a test fixture", "note": None}
    for p in valletta["principles"]:
        relation, numbers = links(valletta["principles"])[p["number"]]
        p["derives_from"] = {OLD: {"relation": relation, "principles": [f"f{n}" for n in numbers]} if numbers else {"relation": relation}}
    valletta["dropped"] = {OLD: ["f6"]}
    data["editions"].append(old)
    return data


def fixture_translations(data: dict, directory=TRANSLATIONS_DIR) -> dict:
    """The real catalogs plus the fixture's units, where the rules above give a translation."""
    found = catalogs.translations(catalogs.read_catalogs(directory))
    valletta = {p["number"]: p for p in next(e for e in data["editions"] if e["id"] == NEWER)["principles"]}
    for units in found.values():
        def tr(number, part, units=units):
            return units.get(f"{NEWER}/p{number}/{part}")
        for number, source, change in ((1, 2, None), (2, 1, without_last_sentence)):
            for part in ("title", "1"):
                t = tr(source, part)
                if t and t.msgstr:
                    value = change(t.msgstr) if change and part == "1" else t.msgstr
                    units[f"{OLD}/f{number}/{part}"] = model.Translation(value, t.state)
        for n in range(7, 43):
            for part in ("title", "1"):
                t = tr(n, part)
                if t and t.msgstr and (part == "title" or fixture_text(data, n) == valletta[n]["paragraphs"][0]):
                    units[f"{OLD}/f{n}/{part}"] = t
    return found


def fixture_text(data: dict, number: int) -> str:
    old = next(e for e in data["editions"] if e["id"] == OLD)
    return next(p for p in old["principles"] if p["number"] == number)["paragraphs"][0]


def fixture_site(data: dict) -> model.Site:
    fixture = fixture_data(data)
    return model.build_site(fixture, ui_units(), fixture_translations(fixture))
