"""The concordance and the comparison view, on the fixture edition of tests/fixture_editions.py (made from
the Valletta text by renumbering, merging, splitting, editing and dropping principles), in English and
French; the rules of the concordance; and the real build, where the Bogotá text is absent."""
import dataclasses
import html
import json
import re
import subprocess
import sys

import pytest
import yaml

from scripts import concordance, importer, model
from scripts.config import ROOT, SOURCE_FILE
from scripts.load import load_source, parse_source
from scripts.render.compare import compare_page, diff, lineage
from scripts.render.site import render_pages
from scripts.tokens import tokens
from scripts.ui import ui_units
from scripts.validate import validate
from tests import roles

from .fixture_editions import EXPECTED_COUNTS, NEWER, OLD, fixture_data, fixture_site, links, without_last_sentence


@pytest.fixture(scope="module")
def data():
    return load_source(SOURCE_FILE).data


@pytest.fixture(scope="module")
def site(data):
    return fixture_site(data)


@pytest.fixture(scope="module")
def found(site):
    return concordance.comparison(site.edition(NEWER), site.edition(OLD))


def row(found, number):
    return next(r for r in found.rows if r.newer and r.newer.number == number)


# ---- tokens and diff ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Member States, inter alia.", ["Member", " ", "States", ",", " ", "inter", " ", "alia", "."]),
    ("成员国应当", ["成", "员", "国", "应", "当"]),
    ("الدولُ الأعضاء،", ["الدولُ", " ", "الأعضاء", "،"]),  # the vowel sign stays on its word
])
def test_tokens_are_characters_in_chinese_and_words_elsewhere(text, expected):
    assert tokens(text) == expected and "".join(tokens(text)) == text


def test_diff_marks_words_and_joins_neighbouring_changes():
    assert diff("States must act now", "States should act now") == [("=", "States "), ("-", "must"), ("+", "should"), ("=", " act now")]
    assert diff("a b c d", "a x y d") == [("=", "a "), ("-", "b c"), ("+", "x y"), ("=", " d")]
    assert diff("成员国应当", "成员国必须") == [("=", "成员国"), ("-", "应当"), ("+", "必须")]


# ---- the concordance ----------------------------------------------------------------------------------

def test_fixture_concordance_and_counts(found, data):
    expected = links(next(e for e in data["editions"] if e["id"] == NEWER)["principles"])
    got = {r.newer.number: (r.relation, [p.number for p in r.older]) for r in found.rows if r.newer}
    assert got == expected
    assert [(r.relation, r.older[0].number) for r in found.rows if r.newer is None] == [("dropped", 6)]
    assert found.counts() == EXPECTED_COUNTS


def test_proposal_from_similarity_finds_the_fixture_concordance(site, found):
    proposal = concordance.propose(site.edition(NEWER), site.edition(OLD))
    proposed = yaml.safe_load(concordance.render_proposal(proposal))[NEWER]
    by_id = {p.id: p.number for p in site.edition(OLD).principles}
    got = {int(pid[1:]): (v["derives_from"][OLD]["relation"], [by_id[i] for i in v["derives_from"][OLD].get("principles", [])])
           for pid, v in proposed["principles"].items()}
    assert got == {r.newer.number: (r.relation, [p.number for p in r.older]) for r in found.rows if r.newer}
    assert proposed["dropped"] == {OLD: ["f6"]}


def test_propose_command_writes_a_file_and_never_touches_principles_yaml(repo_copy, data):
    source = repo_copy / "principles.yaml"
    source.write_text(importer.dump(fixture_data(data)), encoding="utf-8")
    before = source.read_bytes()
    out = repo_copy / "proposal.yaml"
    run = lambda *args: subprocess.run([sys.executable, "-m", "scripts", "propose-concordance", *args, "--source", str(source)],
                                       cwd=ROOT, capture_output=True, text=True)
    assert run(NEWER, OLD, "--output", str(out)).returncode == 0
    assert "relation: merged" in out.read_text(encoding="utf-8") and source.read_bytes() == before
    fixture = next(e for e in fixture_data(data)["editions"] if e["id"] == OLD)
    source.write_text(importer.dump({**data, "editions": data["editions"] + [{**fixture, "principles": []}]}), encoding="utf-8")
    refused = run(NEWER, OLD)
    assert refused.returncode == 1 and f"edition '{OLD}' has no imported text to compare" in refused.stderr


def newer_index(data) -> int:
    return next(i for i, e in enumerate(data["editions"]) if e["id"] == NEWER)


AT = f"editions[{newer_index(load_source(SOURCE_FILE).data)}]"  # where validation finds the newer edition


def broken(data, change) -> list:
    fixture = fixture_data(data)
    change(fixture["editions"][newer_index(fixture)])
    return validate(parse_source(importer.dump(fixture), "principles.yaml"))


@pytest.mark.parametrize("change, message", [
    (lambda v: v["principles"][2]["derives_from"][OLD].update(principles=["f3"]),
     f"{AT}.principles[2].derives_from.fixture-2019: relation merged needs two or more principles of fixture-2019 (found 1)"),
    (lambda v: v["principles"][0]["derives_from"][OLD].update(principles=["f99"]),
     f"{AT}.principles[0].derives_from.fixture-2019.principles: 'f99' is not a principle of fixture-2019"),
    (lambda v: v["principles"][4]["derives_from"][OLD].update(principles=["f4"], relation="revised"),
     f"{AT}.principles[4].derives_from.fixture-2019: f4 of fixture-2019 has 2 successor(s): the relation is split, not revised"),
    (lambda v: v.pop("dropped"),
     f"{AT}.principles: principles of fixture-2019 neither carried forward nor listed under dropped.fixture-2019: f6"),
    (lambda v: v["principles"][5].pop("derives_from"),
     f"{AT}.principles[5]: no derives_from.fixture-2019 (every principle needs one once the concordance with fixture-2019 has "
     "begun; use relation: new for a new principle)"),
    (lambda v: v["principles"][5]["derives_from"].update({NEWER: {"relation": "new"}}),
     f"{AT}.principles[5].derives_from.{NEWER}: '{NEWER}' is not an earlier edition (a principle derives only from earlier editions)"),
])
def test_broken_concordance_is_named(data, change, message):
    problems = broken(data, change)
    assert message in [re.sub(r"^principles.yaml:\d+: ", "", p) for p in problems], problems


@pytest.mark.parametrize("bad_id", [[], {}, 7, None])
def test_an_earlier_principle_whose_id_is_no_text_is_reported_never_a_crash(data, bad_id):
    """Found by the property test once a newer edition derived from one with text: the concordance hashed
    the earlier edition's ids before the schema had refused them."""
    fixture = fixture_data(data)
    next(e for e in fixture["editions"] if e["id"] == OLD)["principles"][1]["id"] = bad_id
    problems = validate(parse_source(importer.dump(fixture), "principles.yaml"))
    assert problems and all(re.match(r"principles\.yaml:\d+: ", p) for p in problems)
    assert any(".principles[1].id: " in p for p in problems), problems


# ---- redlines -----------------------------------------------------------------------------------------

def page_rows(site, lang):
    """anchor -> the HTML of that row's section on the comparison page."""
    md = compare_page(site, site.edition(NEWER), site.edition(OLD), lang)
    sections = re.split(r"\n\n(?=## )", md)
    return md, {re.search(r"\{#([a-z0-9-]+)", s).group(1): s for s in sections if s.startswith("## ")}


def changes(section: str, tag: str) -> list:
    return [html.unescape(re.sub(r'<span class="vp-sr">[^<]*</span>', "", m)) for m in
            re.findall(rf"<{tag}>(.*?)</{tag}>", section.split("<details")[0])]


def test_english_redlines(site):
    md, rows = page_rows(site, "en")
    v = {p.number: p for p in site.edition(NEWER).principles}
    last = v[1].paragraphs[0].unit.english[len(without_last_sentence(v[1].paragraphs[0].unit.english)):]
    assert changes(rows["principle-1"], "ins") == [last] and changes(rows["principle-1"], "del") == []
    assert changes(rows["principle-8"], "del") == ["must"] and changes(rows["principle-8"], "ins") == ["should"]
    assert changes(rows["principle-2"], "ins") == changes(rows["principle-2"], "del") == []  # carried over
    assert [c for c in changes(rows["principle-3"], "del") + changes(rows["principle-3"], "ins") if c.strip()] == []  # merged
    assert changes(rows["principle-4"], "del") == [v[5].paragraphs[0].unit.english]  # split: the other part goes
    assert v[4].paragraphs[0].unit.english in changes(rows["principle-5"], "del")
    assert changes(rows["principle-6"], "ins")[-1] == v[6].paragraphs[0].unit.english  # new: all inserted
    assert changes(rows["dropped-6"], "del") and changes(rows["dropped-6"], "ins") == []
    assert '<span class="vp-sr">[inserted: </span>' in rows["principle-1"]
    assert '<span class="vp-sr"> end of deletion]</span>' in rows["principle-8"]


def test_overview_counts_picture_and_links(site):
    md, rows = page_rows(site, "en")
    for relation, label in (("new", "new"), ("revised", "revised"), ("merged", "merged"), ("split", "split"), ("dropped", "dropped")):
        assert f'<tr><th scope="row">{label}</th><td>{EXPECTED_COUNTS[relation]}</td></tr>' in md
    svg = re.search(r"<svg .*?</svg>", md).group(0)
    assert svg.count("<path ") == 1 + 1 + 2 + 2 + 36  # one line per link; new and dropped have none
    assert '<a href="#principle-13">' in svg and '<a href="#dropped-6">' in svg and ">dropped</text>" in svg
    assert svg.count('font-weight="bold" lang="en">') == 2  # the two editions' names, English in every language
    assert '<a href="../../../valletta-2025/principles/3/">Valletta 2025, principle 3</a> derives from ' \
           '<a href="../../../fixture-2019/principles/3/">Fixture 2019, principle 3</a> and ' \
           '<a href="../../../fixture-2019/principles/4/">Fixture 2019, principle 4</a>' in rows["principle-3"]


def test_french_redlines_compare_french_with_french(site):
    md, rows = page_rows(site, "fr")
    fr = lambda unit: site.text(unit, "fr")
    v = {p.number: p for p in site.edition(NEWER).principles}
    french = fr(v[1].paragraphs[0].unit)
    assert french.lang == "fr"
    assert changes(rows["principle-1"], "ins") == [french.value[len(without_last_sentence(french.value)):]]
    assert '<div class="vp-redline">' in rows["principle-1"]  # in the page's language
    assert html.escape(fr(v[2].paragraphs[0].unit).value, quote=True) in rows["principle-2"]
    assert '<div class="vp-redline" lang="en" dir="ltr">' in rows["principle-3"]  # no French for the merged parts
    assert "vp-fallback-note" in rows["principle-3"]
    assert site.t("relation_revised", "fr") in rows["principle-1"]


def test_every_text_is_escaped(site):
    valletta = site.edition(NEWER)
    p1 = valletta.principles[0]
    hostile = dataclasses.replace(p1, title=dataclasses.replace(p1.title, english='<script>alert("x")</script> & co'))
    edition = dataclasses.replace(valletta, principles=(hostile,) + valletta.principles[1:])
    evil = dataclasses.replace(site, editions=(edition,) + site.editions[1:])
    md = compare_page(evil, edition, site.edition(OLD), "en")
    assert "<script>" not in md and "&lt;script&gt;" in md


def test_principle_pages_link_predecessors_and_successors(site):
    valletta, old = site.edition(NEWER), site.edition(OLD)
    v3 = lineage(site, valletta, valletta.principles[2], "en", "principles/3/")
    assert v3.count('href="../../../fixture-2019/principles/') == 2 and "(merged)" in v3
    assert 'href="../../../valletta-2025/compare/fixture-2019/#principle-3"' in v3
    f5 = lineage(site, old, old.principles[4], "en", "principles/5/")
    assert "<strong>Carried forward into</strong>: " in f5 and f5.count('href="../../../valletta-2025/principles/') == 2 and "(split)" in f5
    f6 = lineage(site, old, old.principles[5], "en", "principles/6/")
    assert "<strong>Not carried forward into</strong>: " in f6 and 'href="../../../valletta-2025/compare/fixture-2019/#dropped-6"' in f6


# ---- an earlier edition whose text is absent (the Bogotá Principles today) ------------------------------

def test_comparison_page_says_the_older_text_is_not_imported(inputs):
    from scripts.render.data import render_permalinks
    site, older = roles.without_text(inputs.site)
    newer = next(e for e in site.editions if e.has_text and older.id in e.predecessors)
    entry = json.loads(render_permalinks(site, "https://x/"))["editions"][newer.id]["entries"][f"page:compare/{older.id}"]
    assert entry["en"]["url"] == f"https://x/{newer.id}/compare/{older.id}/"
    for lang in ("en", "fr", "ar"):
        text = render_pages(site, newer, lang, inputs.content, inputs.site_url)[f"compare/{older.id}.md"]
        assert 'id="official-document"' in text and html.escape(older.document.title) in text
        assert "<del>" not in text
    english = render_pages(site, newer, "en", inputs.content, inputs.site_url)[f"compare/{older.id}.md"]
    assert f"The text of {older.name} is not yet published on this site" in english
    older_home = render_pages(site, older, "en", inputs.content, inputs.site_url)["index.md"]
    assert f'href="../{newer.id}/compare/{older.id}/"' in older_home


def test_both_texts_without_a_confirmed_concordance_say_so(data):
    fixture = fixture_data(data)
    valletta = fixture["editions"][newer_index(fixture)]
    valletta.pop("dropped")
    for p in valletta["principles"]:
        p.pop("derives_from")
    site = model.build_site(fixture, ui_units(), {})
    md = compare_page(site, site.edition(NEWER), site.edition(OLD), "en")
    assert "no concordance between them has been confirmed yet" in md and "<svg" not in md and "<del>" not in md


def test_permalinks_json_lists_every_row_of_the_comparison(site):
    from scripts.render.data import render_permalinks
    entries = json.loads(render_permalinks(site, "https://x/"))["editions"][NEWER]["entries"]
    rows = {k: v for k, v in entries.items() if k.startswith(f"compare:{OLD}:")}
    assert len(rows) == 43 and rows[f"compare:{OLD}:dropped-6"]["fr"] == {
        "url": f"https://x/fr/{NEWER}/compare/{OLD}/", "anchor": "dropped-6"}
    assert entries[f"page:compare/{OLD}"]["en"]["url"] == f"https://x/{NEWER}/compare/{OLD}/"


def test_a_principle_without_title_is_shown_by_its_number(site):
    from scripts.commands import read_content
    from scripts.render.site import render_pages
    pages = render_pages(site, site.edition(OLD), "en", read_content(), "https://x/")
    assert "\n# Principle 4 {#principle-4}\n" in pages["principles/4.md"]
    assert "title: Principle 4\n" in pages["principles/4.md"]
