"""Bad input: each kind stops the pipeline with `file:line: field: what is wrong`, a non-zero exit,
and nothing written — the previous site/ stays as it was."""
import html
import re
import shutil
import subprocess
import sys

import pytest

from scripts import commands
from scripts.config import ROOT
from scripts.errors import PipelineError
from scripts.load import parse_source
from scripts.render.site import render_pages
from tests import roles
from tests.official import SOURCE_000, edition_from

ORIGINAL = (ROOT / "principles.yaml").read_text(encoding="utf-8")
# The changes below are made in the edition whose official text the repository holds, wherever it stands in
# the file, and the problems name it by its place: AT ("editions[0]" while it is the newest).
_OFFICIAL = edition_from(parse_source(ORIGINAL, "principles.yaml").data)
START = ORIGINAL.index(f"- id: {_OFFICIAL['id']}\n")
AT = f"editions[{parse_source(ORIGINAL, 'principles.yaml').data['editions'].index(_OFFICIAL)}]"
AT_RE = re.escape(AT)


def changed(old: str, new: str) -> str:
    """principles.yaml with the first `old` of the official edition replaced by `new`."""
    at = ORIGINAL.index(old, START)
    return ORIGINAL[:at] + new + ORIGINAL[at + len(old):]


def substituted(pattern: str, new: str) -> str:
    """principles.yaml with the first match of `pattern` in the official edition replaced by `new`."""
    return ORIGINAL[:START] + re.sub(pattern, new, ORIGINAL[START:], count=1)


def line_of(text: str, needle: str, occurrence: int = 1, start: int = START) -> int:
    """The line of the `occurrence`th `needle` from `start` (principles.yaml: the official edition's first line)."""
    index = start - 1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1


def problems_for(tmp_path, text: str) -> list:
    path = tmp_path / "principles.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PipelineError) as caught:
        commands.read_inputs(path, ROOT / "translations")
    return list(caught.value.problems)


def test_malformed_yaml(tmp_path):
    broken = changed("  - id: p7\n", "  - id: [p7\n")
    line = line_of(broken, "  - id: [p7")
    (problem,) = problems_for(tmp_path, broken)
    assert problem.startswith(f"principles.yaml:{line + 1}: YAML syntax error:")


# (what to change in principles.yaml, into what, the line the error names (text, occurrence), the error)
EXACT_ERRORS = {
    "wrong type": ("number: 13\n", "number: thirteen\n", ("number: thirteen", 1),
                   f"{AT}.principles[12].number: 'thirteen' is not of type 'integer'"),
    "duplicate id": ("  - id: p8\n", "  - id: p7\n", ("- id: p7", 2),
                     f"{AT}.principles[7].id: duplicate id 'p7' (each id must be unique)"),
    "duplicate number": ("number: 21\n", "number: 20\n", ("number: 20", 2),
                         f"{AT}.principles[20].number: duplicate number 20 (each number must be unique)"),
    "unknown group": ("group: procedural\n", "group: procedure\n", ("group: procedure", 1),
                      f"{AT}.principles[30].group: unknown group 'procedure' (known: overarching, procedural, substantive)"),
    "a fact's source as a repository path": ("    source: document\n", "    source: sources/000_38691b6f6ac84a78.txt\n",
                                             ("source: sources/000", 1), f"{AT}.history[0].source: "
                                             "'sources/000_38691b6f6ac84a78.txt' is not valid here (expected 'document' or reference)"),
    "a source document without its title": ("      title: Counter-Terrorism Compact in Review, May–June 2025\n", "",
                                            ("file: sources/002", 1), f"{AT}.history[4].source: 'title' is a required property"),
    "a source file that is no path": ("      file: sources/002_b6121b9379eac46a.txt\n", "      file: sources 002\n",
                                      ("file: sources 002", 1),
                                      f"{AT}.history[4].source.file: 'sources 002' is not valid here (expected null or path)"),
}


@pytest.mark.parametrize("case", EXACT_ERRORS)
def test_exact_error(tmp_path, case):
    old, new, (needle, occurrence), message = EXACT_ERRORS[case]
    text = changed(old, new)
    expected = f"principles.yaml:{line_of(text, needle, occurrence)}: {message}"
    found = problems_for(tmp_path, text)
    # besides it, only what a newer edition's concordance says of the principle no longer there (none today)
    assert expected in found and not [p for p in found if p != expected and "is not a principle of" not in p], found


def test_unknown_language(tmp_path):
    text = changed("    language: en\n", "    language: de\n")
    (problem,) = problems_for(tmp_path, text)
    assert problem.startswith(f"principles.yaml:{line_of(text, 'language: de')}: {AT}.document.language: 'de' is not one of")


def test_unknown_language_catalog(tmp_path):
    translations = shutil.copytree(ROOT / "translations", tmp_path / "translations")
    (translations / "de.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(PipelineError) as caught:
        commands.read_inputs(ROOT / "principles.yaml", translations)
    assert caught.value.problems == ("translations/de.po:1: unknown language 'de' (known: fr, es, ru, zh, ar)",)


def test_missing_required_field(tmp_path):
    start = ORIGINAL.index("  - id: p5\n", START)
    title_line = ORIGINAL.index("    title: ", start)
    text = ORIGINAL[:title_line] + ORIGINAL[ORIGINAL.index("\n", title_line) + 1:]
    assert problems_for(tmp_path, text) == [
        f"principles.yaml:{line_of(text, '- id: p5')}: {AT}.principles[4]: 'title' is a required property"
    ]


def test_every_problem_is_reported_at_once(tmp_path):
    text = changed("number: 13\n", "number: thirteen\n").replace("group: procedural\n", "group: procedure\n", 1)
    assert len(problems_for(tmp_path, text)) == 2


def test_aliases_and_invalid_utf8_are_refused(tmp_path):
    with pytest.raises(PipelineError, match=r"^bomb.yaml:1: YAML anchors and aliases .* the value anchored here is reused"):
        parse_source("a: &x [1, 2]\nb: *x\n", "bomb.yaml")
    path = tmp_path / "principles.yaml"
    path.write_bytes(ORIGINAL.encode("utf-8").replace(b"Whole-of-government", b"Whole-of-\xffgovernment", 1))
    with pytest.raises(PipelineError, match=r"^principles.yaml:\d+: invalid UTF-8 \(byte 0xff\)"):
        commands.read_inputs(path, ROOT / "translations")


def test_cli_exit_code_and_message(tmp_path):
    path = tmp_path / "principles.yaml"
    path.write_text(changed("number: 13\n", "number: thirteen\n"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "scripts", "check", "--source", str(path)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{AT}.principles[12].number: 'thirteen' is not of type 'integer'" in result.stderr
    assert "Traceback" not in result.stderr


def test_failed_build_leaves_previous_site_and_sources_untouched(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    path = tmp_path / "principles.yaml"
    bad = changed("  - id: p8\n", "  - id: p7\n")
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(PipelineError):
        commands.build(site, path, ROOT / "translations")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["principles.yaml", "site"]  # no staging left behind
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert path.read_text(encoding="utf-8") == bad


# ---- a corpus of hostile or broken sources: each a clear error, never a traceback ----------------------

def anchors_bomb() -> str:
    """'Billion laughs': nine levels of nine aliases, 9**9 strings once expanded."""
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    return "\n".join(levels) + "\n"


CORPUS = {  # case: (text of principles.yaml, the one problem it must give, as a regular expression)
    "deep flow nesting": ("editions: " + "[" * 5000 + "]" * 5000 + "\n",
                          r"principles\.yaml:1: nesting deeper than 20 levels"),
    "deep block nesting": ("".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "x\n",
                           r"principles\.yaml:21: nesting deeper than 20 levels"),
    "alias bomb": (anchors_bomb(), r"principles\.yaml:1: YAML anchors and aliases .* the value anchored here is reused"),
    "control character": (changed("Whole-of-government", "Whole-of-\x1bgovernment"),
                          rf"principles\.yaml:{line_of(ORIGINAL, 'Whole-of-government')}: character U\+001B is not allowed in YAML"),
    "right-to-left override": (changed("Whole-of-government", "Whole-of-\u202egovernment"),
                               rf"principles\.yaml:{line_of(ORIGINAL, 'Whole-of-government')}: {AT_RE}\.principles\[9\]\.title: "
                               r"bidirectional control character U\+202E RIGHT-TO-LEFT OVERRIDE: remove it"),
    "zero-width space": (changed("Whole-of-government", "Whole-of-\u200bgovernment"),
                         rf"principles\.yaml:\d+: {AT_RE}\.principles\[9\]\.title: invisible character U\+200B ZERO WIDTH SPACE"),
    "list for a text": (substituted(r"(?m)^    title: Whole-of-government.*$", "    title: [Whole, government]"),
                        rf"principles\.yaml:\d+: {AT_RE}\.principles\[9\]\.title: \['Whole', 'government'\] "
                        r"is not valid here \(expected null or text\)"),
    "mapping for the document": ("- just\n- a list\n", r"principles\.yaml:1: \(document\): \['just', 'a list'\] is not of type 'object'"),
    "binary value": (changed("number: 13\n", "number: !!binary MTM=\n"),
                     rf"principles\.yaml:\d+: {AT_RE}\.principles\[12\]\.number: b'13' is not of type 'integer'"),
    "python tag": (changed("number: 13\n", "number: !!python/name:os.system\n"),
                   r"principles\.yaml:\d+: unsupported YAML value: could not determine a constructor for the tag"),
    "empty file": ("", r"principles\.yaml:1: the file is empty"),
    "unclosed quote": (changed("number: 13\n", 'number: "13\n'), r"principles\.yaml:\d+: YAML syntax error: "),
}


@pytest.mark.parametrize("case", CORPUS, ids=list(CORPUS))
def test_corpus_of_bad_sources(tmp_path, case):
    text, expected = CORPUS[case]
    (problem,) = problems_for(tmp_path, text)  # a PipelineError, whatever the input: never another exception
    assert re.match(expected, problem), problem


def test_huge_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "principles.yaml"
    path.write_bytes(b"# padding\n" * 600_000)
    with pytest.raises(PipelineError) as caught:
        commands.read_inputs(path, ROOT / "translations")
    assert caught.value.problems == ("principles.yaml:1: file is larger than 5000000 bytes",)


def test_translation_breaking_an_interface_string_stops_the_build_cleanly(repo_copy):
    """A translated interface string whose {placeholders} do not fit: a clear error naming the file, line and
    unit, no traceback, no site (`./vp check` reports the same)."""
    po = repo_copy / "translations" / "fr.po"
    text = po.read_text(encoding="utf-8")
    start = text.index('msgctxt "ui/principle_n"')
    msgstr = text.index("msgstr ", start)
    po.write_text(text[:msgstr] + 'msgstr "Principe {numéro}"' + text[text.index("\n", msgstr):], encoding="utf-8")
    with pytest.raises(PipelineError) as caught:
        commands.build(repo_copy / "site", repo_copy / "principles.yaml", repo_copy / "translations")
    line = line_of(po.read_text(encoding="utf-8"), 'msgstr "Principe {numéro}"')
    assert caught.value.problems == (f"translations/fr.po:{line}: ui/principle_n: the placeholder {{number}} is missing: copy it unchanged",
                                     f"translations/fr.po:{line}: ui/principle_n: unknown placeholder {{numéro}}: "
                                     "use only the English's ({number})")
    assert not (repo_copy / "site").exists() and not (repo_copy / ".site.new").exists()


def test_missing_translation_units_fall_back_to_english_marked(repo_copy):
    """A catalog without some units (or without any) is not an error: readers get the English, marked."""
    po = repo_copy / "translations" / "ru.po"
    text = po.read_text(encoding="utf-8")
    header_end = text.index("\n\n") + 2
    po.write_text(text[:header_end], encoding="utf-8")  # the header only: every unit missing
    inputs = commands.read_inputs(repo_copy / "principles.yaml", repo_copy / "translations")
    edition = roles.newest_with_text(inputs.site)
    principle = roles.a_principle(edition)
    page = render_pages(inputs.site, edition, "ru", inputs.content, inputs.site_url)[f"principles/{principle.number}.md"]
    english = html.escape(principle.paragraphs[0].unit.english)
    anchor = principle.paragraph_anchor(principle.paragraphs[0])
    assert f'id="{anchor}" class="vp-paragraph" lang="en" dir="ltr">{english}</p>' in page
    assert html.escape(inputs.site.t("fallback_missing", "ru")) in page


def test_content_page_in_another_encoding_is_named(tmp_path):
    for lang in ("en", "fr"):
        (tmp_path / "content" / lang).mkdir(parents=True)
    (tmp_path / "content" / "en" / "about.md").write_text("# About\n", encoding="utf-8")
    (tmp_path / "content" / "fr" / "about.md").write_bytes("# À propos\n\nDéjà\n".encode("latin-1"))
    with pytest.raises(PipelineError) as caught:
        commands.read_content(tmp_path / "content")
    assert caught.value.problems == ("content/fr/about.md:1: invalid UTF-8 (byte 0xc0)",)


# ---- never a traceback: each of these once ended in one ------------------------------------------------

def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts", *map(str, args)], cwd=ROOT, capture_output=True, text=True)


def refused(result, *messages) -> None:
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    for message in messages:
        assert message in result.stderr.splitlines(), result.stderr


def test_a_date_that_does_not_exist_is_refused_by_check_and_build(tmp_path):
    """2025-06-31 has the shape of a date: check used to pass it and the build died on it."""
    text = changed('date: "2025-06-09"', 'date: "2025-06-31"')
    path = tmp_path / "principles.yaml"
    path.write_text(text, encoding="utf-8")
    message = (f"principles.yaml:{line_of(text, '2025-06-31')}: {AT}.document.date: '2025-06-31' is not a date "
               f"that exists (that month has no such day)")
    refused(cli("check", "--source", path), message)
    refused(cli("build", "--site", tmp_path / "site", "--source", path), message, "build failed: 1 problem(s); site/ was left as it was")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["principles.yaml"]


def test_a_title_far_too_long_is_reported_as_too_long(tmp_path):
    title = "Whole-of-government " * 1250
    text = substituted(r"(?m)^    title: Whole-of-government.*$", f"    title: {title.strip()}")
    assert problems_for(tmp_path, text) == [f"principles.yaml:{line_of(text, title.strip())}: {AT}.principles[9].title: "
                                            f"too long ({len(title.strip())} characters, at most 500)"]


def test_a_yaml_error_in_mkdocs_yml_is_named(tmp_path):
    path = tmp_path / "mkdocs.yml"
    path.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("  name: material\n", "  name: [material\n", 1),
                    encoding="utf-8")
    with pytest.raises(PipelineError) as caught:
        commands.read_site_url(path)
    (problem,) = caught.value.problems
    assert re.fullmatch(r"mkdocs\.yml:\d+: YAML syntax error: .+", problem), problem
    path.write_bytes(b"site_url: https://valletta-principles.example/\nsite_name: Vall\xe9tta\n")
    with pytest.raises(PipelineError) as caught:
        commands.read_site_url(path)
    assert caught.value.problems == ("mkdocs.yml:2: invalid UTF-8 (byte 0xe9)",)


def test_invalid_utf8_in_the_permalink_lock_is_named(repo_copy):
    lock = repo_copy / "permalinks.lock"
    text = lock.read_bytes()
    page = next(line for line in text.splitlines(keepends=True) if line.endswith(b"/text/\n"))  # a locked full-text page
    lock.write_bytes(text.replace(page, page.replace(b"/text/", b"/t\xffxt/"), 1))
    line = text[:text.index(page)].count(b"\n") + 1
    for command in ("check", "lock-permalinks"):
        refused(cli(command, "--source", repo_copy / "principles.yaml"), f"permalinks.lock:{line}: invalid UTF-8 (byte 0xff)")


def test_invalid_utf8_in_principles_yaml_on_import_is_named(repo_copy):
    (repo_copy / "sources").mkdir()
    shutil.copy(SOURCE_000, repo_copy / "sources")
    source = repo_copy / "principles.yaml"
    broken = ORIGINAL.encode("utf-8").replace(b"Whole-of-government", b"Whole-of-\xffgovernment", 1)
    source.write_bytes(broken)
    edition_id = _OFFICIAL["id"]
    refused(cli("import-edition", edition_id, repo_copy / "sources" / SOURCE_000.name, "--source", source),
            f"principles.yaml:{line_of(ORIGINAL, 'Whole-of-government')}: invalid UTF-8 (byte 0xff)")
    assert source.read_bytes() == broken


def test_without_translations_the_build_refuses_to_publish_english_as_every_language(repo_copy):
    (repo_copy / "empty").mkdir()
    refused(cli("build", "--site", repo_copy / "empty" / "site", "--translations", repo_copy / "empty" / "translations"),
            "translations/: missing: the build needs the catalogs of fr, es, ru, zh, ar; restore it "
            "(git checkout -- translations/) or run ./vp update-catalogs to make new ones")
    (repo_copy / "translations" / "ru.po").unlink()
    with pytest.raises(PipelineError) as caught:
        commands.read_inputs(repo_copy / "principles.yaml", repo_copy / "translations")
    assert caught.value.problems == ("translations/ru.po: missing: the build needs it (readers of Русский would get every "
                                     "page in English); restore it, or run ./vp update-catalogs to create it",)
    assert list((repo_copy / "empty").iterdir()) == []
