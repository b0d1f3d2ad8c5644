"""Bad input: each kind stops the pipeline with `file:line: field: what is wrong`, a non-zero exit,
and nothing written — the previous site/ stays as it was."""
import subprocess
import sys

import pytest

from scripts import commands
from scripts.config import ROOT
from scripts.errors import PipelineError
from scripts.load import parse_source

ORIGINAL = (ROOT / "principles.yaml").read_text(encoding="utf-8")


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    index = -1
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
    broken = ORIGINAL.replace("  - id: p7\n", "  - id: [p7\n", 1)
    line = line_of(broken, "  - id: [p7")
    (problem,) = problems_for(tmp_path, broken)
    assert problem.startswith(f"principles.yaml:{line + 1}: YAML syntax error:")


def test_wrong_type(tmp_path):
    text = ORIGINAL.replace("number: 13\n", "number: thirteen\n", 1)
    assert problems_for(tmp_path, text) == [
        f"principles.yaml:{line_of(text, 'number: thirteen')}: editions[0].principles[12].number: 'thirteen' is not of type 'integer'"
    ]


def test_duplicate_id(tmp_path):
    text = ORIGINAL.replace("  - id: p8\n", "  - id: p7\n", 1)
    assert problems_for(tmp_path, text) == [
        f"principles.yaml:{line_of(text, '- id: p7', 2)}: editions[0].principles[7].id: duplicate id 'p7' (each id must be unique)"
    ]


def test_duplicate_number(tmp_path):
    text = ORIGINAL.replace("number: 21\n", "number: 20\n", 1)
    assert problems_for(tmp_path, text) == [
        f"principles.yaml:{line_of(text, 'number: 20', 2)}: editions[0].principles[20].number: duplicate number 20 (each number must be unique)"
    ]


def test_unknown_group(tmp_path):
    text = ORIGINAL.replace("group: procedural\n", "group: procedure\n", 1)
    assert problems_for(tmp_path, text) == [
        f"principles.yaml:{line_of(text, 'group: procedure')}: editions[0].principles[30].group: "
        "unknown group 'procedure' (known: overarching, procedural, substantive)"
    ]


def test_unknown_language(tmp_path):
    text = ORIGINAL.replace("    language: en\n", "    language: de\n", 1)
    (problem,) = problems_for(tmp_path, text)
    assert problem.startswith(f"principles.yaml:{line_of(text, 'language: de')}: editions[0].document.language: 'de' is not one of")


def test_unknown_language_catalog(tmp_path):
    translations = tmp_path / "translations"
    translations.mkdir()
    (translations / "de.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(PipelineError) as caught:
        commands.read_inputs(ROOT / "principles.yaml", translations)
    assert caught.value.problems == ("translations/de.po:1: unknown language 'de' (known: fr, es, ru, zh, ar)",)


def test_missing_required_field(tmp_path):
    start = ORIGINAL.index("  - id: p5\n")
    title_line = ORIGINAL.index("    title: ", start)
    text = ORIGINAL[:title_line] + ORIGINAL[ORIGINAL.index("\n", title_line) + 1:]
    assert problems_for(tmp_path, text) == [
        f"principles.yaml:{line_of(text, '- id: p5')}: editions[0].principles[4]: 'title' is a required property"
    ]


def test_every_problem_is_reported_at_once(tmp_path):
    text = ORIGINAL.replace("number: 13\n", "number: thirteen\n", 1).replace("group: procedural\n", "group: procedure\n", 1)
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
    path.write_text(ORIGINAL.replace("number: 13\n", "number: thirteen\n", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "scripts", "check", "--source", str(path)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "editions[0].principles[12].number: 'thirteen' is not of type 'integer'" in result.stderr
    assert "Traceback" not in result.stderr


def test_failed_build_leaves_previous_site_and_sources_untouched(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    path = tmp_path / "principles.yaml"
    bad = ORIGINAL.replace("  - id: p8\n", "  - id: p7\n", 1)
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(PipelineError):
        commands.build(site, path, ROOT / "translations")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["principles.yaml", "site"]  # no staging left behind
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert path.read_text(encoding="utf-8") == bad
