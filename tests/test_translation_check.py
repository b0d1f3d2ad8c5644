"""`./vp check` on translation pull requests: every problem of every catalog, as `translations/xx.po:LINE: ...`,
on a temporary copy of the repository (or on strings); the real catalogs pass, and GNU msgfmt agrees."""
import os
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from scripts import catalogs, commands, translation_check
from scripts.config import ROOT, TRANSLATIONS_DIR
from scripts.errors import PipelineError

BACKGROUND = "valletta-2025/summary/background/1"  # its English holds A/RES/60/288 and 8 September 2006
SUBTITLE = "valletta-2025/subtitle"  # translated in every language
CONFERENCE = "valletta-2025/conference"  # a one-line msgstr in every language
EDITION = BACKGROUND.split("/")[0]  # the edition these units are of (the one whose text these tests know)


def english(ctx: str) -> str:
    return next(m.id for m in catalogs.read_catalog(catalogs.template_path()) if m.context == ctx)


def po_lines(po):
    return po.read_text(encoding="utf-8").split("\n")


def msgstr_line(po, ctx: str) -> int:
    lines = po_lines(po)
    start = lines.index(f'msgctxt "{ctx}"')
    return next(n for n in range(start, len(lines)) if lines[n].startswith("msgstr ")) + 1


def set_msgstr(po, ctx: str, value: str, raw: bool = False) -> int:
    """Write the msgstr line of unit `ctx` (`raw`: as given, else as a PO string); returns its line."""
    lines, line = po_lines(po), msgstr_line(po, ctx)
    lines[line - 1] = value if raw else 'msgstr "' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    while lines[line].startswith('"'):  # the rest of a wrapped msgstr
        del lines[line]
    po.write_text("\n".join(lines), encoding="utf-8")
    return line


def entry_line(po, ctx: str) -> int:
    return po_lines(po).index(f'msgctxt "{ctx}"') + 1


def insert_before(po, ctx: str, comment: str) -> None:
    lines = po_lines(po)
    lines.insert(lines.index(f'msgctxt "{ctx}"'), comment)
    po.write_text("\n".join(lines), encoding="utf-8")


def check_problems(root) -> tuple:
    with pytest.raises(PipelineError) as caught:
        commands.check(root / "principles.yaml", root / "translations")
    return caught.value.problems


# ---- the real catalogs ----------------------------------------------------------------------------------

def test_real_catalogs_pass(inputs):
    commands.check()
    expected = catalogs.generate_po(catalogs.template_po(inputs.site, inputs.site_url)).decode("utf-8")
    assert translation_check.check_translations(TRANSLATIONS_DIR, expected) == []


@pytest.mark.parametrize("path", sorted(TRANSLATIONS_DIR.glob("*.po")), ids=lambda p: p.name)
def test_msgfmt_accepts_every_catalog(path):
    result = subprocess.run(["msgfmt", "--check", "--output-file", os.devnull, path.name],
                            cwd=path.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.lower()


# ---- broken PO syntax: check, build and update-catalogs report the same line, msgfmt refuses it too ---

BROKEN = {
    "unterminated string": ('msgstr "Principes directeurs', 'invalid PO syntax: unterminated string: the closing " is missing'),
    "bad keyword": ('msgtsr "Principes directeurs"', "invalid PO syntax: unknown keyword 'msgtsr' "
                                                      "(expected msgctxt, msgid, msgid_plural, msgstr or msgstr[N])"),
    "bad escape": ('msgstr "Principes \\q directeurs"', "invalid PO syntax: invalid escape \\q (allowed: \\\\ \\\" \\n \\t \\r)"),
    "unescaped quote": ('msgstr "Les "principes""', "invalid PO syntax: text after the closing quote: "
                                                   "'principes\"\"' (write \\\" for a quote inside the text)"),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_broken_po_file_is_reported_with_its_line_everywhere(repo_copy, case):
    line_text, message = BROKEN[case]
    source, translations = repo_copy / "principles.yaml", repo_copy / "translations"
    po = translations / "fr.po"
    line = set_msgstr(po, SUBTITLE, line_text, raw=True)
    broken = po.read_bytes()
    expected = (f"translations/fr.po:{line}: {message}",)

    assert check_problems(repo_copy) == expected
    with pytest.raises(PipelineError) as caught:
        commands.build(repo_copy / "site", source, translations)
    assert caught.value.problems == expected
    with pytest.raises(PipelineError) as caught:
        commands.update_catalogs(translations, source)
    assert caught.value.problems == expected
    assert po.read_bytes() == broken and not (repo_copy / "site").exists()  # nothing written

    msgfmt = subprocess.run(["msgfmt", "--check", "--output-file", os.devnull, str(po)], capture_output=True, text=True)
    assert msgfmt.returncode != 0 and "fr.po:" in msgfmt.stderr  # the reference refuses it too


def test_cli_reports_a_broken_catalog_without_traceback(repo_copy):
    line = set_msgstr(repo_copy / "translations" / "es.po", SUBTITLE, 'msgstr "Principios', raw=True)
    result = subprocess.run([sys.executable, "-m", "scripts", "check", "--translations", str(repo_copy / "translations")],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert f'translations/es.po:{line}: invalid PO syntax: unterminated string: the closing " is missing' in result.stderr
    assert "Traceback" not in result.stderr


# ---- one bad translation: one problem, at its msgstr line ----------------------------------------------

BAD = {  # case: (language, unit, msgstr (a callable gets the English), the problem after "UNIT: ")
    "dropped document symbol": ("fr", BACKGROUND, lambda text: text.replace(" (A/RES/60/288)", ""),
                                "the document symbol A/RES/60/288 is missing: copy it exactly as in the English"),
    "dropped number": ("ru", BACKGROUND, lambda text: text.replace("8 September 2006", "8 September"),
                       "the number 2006 is missing: write it in digits, as in the English"),
    "dropped placeholder": ("zh", "ui/principle_n", "原则", "the placeholder {number} is missing: copy it unchanged"),
    "injected script": ("fr", SUBTITLE, '<script>alert("x")</script>Principes directeurs non contraignants',
                        "HTML is not allowed in a translation: remove <script>, </script> (write plain text)"),
    "right-to-left override": ("ar", "valletta-2025/p1/title", "الأمم المتحدة\u202e العالمية",
                               'bidirectional control character U+202E RIGHT-TO-LEFT OVERRIDE (after "الأمم المتحدة"): '
                               "remove it (it can show the text in another order than it is stored; the site sets the direction)"),
    "zero-width space": ("es", SUBTITLE, "Principios\u200b rectores no vinculantes",
                         'invisible character U+200B ZERO WIDTH SPACE (after "Principios"): remove it'),
}


def test_the_document_symbol_case_uses_the_real_text():
    assert "A/RES/60/288" in (ROOT / "principles.yaml").read_text(encoding="utf-8")
    assert "(A/RES/60/288)" in english(BACKGROUND) and "8 September 2006" in english(BACKGROUND)
    for lang in ("fr", "ru"):  # the unit is in the catalogs the cases edit
        assert f'msgctxt "{BACKGROUND}"' in po_lines(TRANSLATIONS_DIR / f"{lang}.po")


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_one_bad_translation_is_reported_at_its_msgstr(repo_copy, case):
    lang, ctx, value, problem = BAD[case]
    value = value(english(ctx)) if callable(value) else value
    line = set_msgstr(repo_copy / "translations" / f"{lang}.po", ctx, value)
    assert check_problems(repo_copy) == (f"translations/{lang}.po:{line}: {ctx}: {problem}",)


# ---- the rules on strings: what counts as kept, what is allowed where ----------------------------------

def test_digits_of_other_scripts_count_as_the_same_number(repo_copy):
    text = english(BACKGROUND)
    arabic_indic = text.translate({ord("0") + d: 0x0660 + d for d in range(10)})
    assert "٦٠/٢٨٨" in arabic_indic and "٢٠٠٦" in arabic_indic
    set_msgstr(repo_copy / "translations" / "ar.po", BACKGROUND, arabic_indic)
    commands.check(repo_copy / "principles.yaml", repo_copy / "translations")  # no problem


def test_number_and_symbol_rules_on_strings():
    check = translation_check.fidelity_problems
    resolutions = "In resolutions 2129 (2013) and 2395 (2017), in 2013"
    assert check(resolutions, "安全理事会第2129(2013)号和第２３９５（２０１７）号决议，2013年") == []
    assert check(resolutions, "في القرارين ٢١٢٩ (٢٠١٣) و 2395 (2017)، في عام ٢٠١٣") == []
    assert check(resolutions, "Dans les résolutions 2129 et 2395 (2017), en 2013") == [
        "the document symbol 2129 (2013) is missing: copy it exactly as in the English"]
    assert check("The 25th anniversary, 10 years since", "第25周年，十年来") == [
        "the number 10 is missing: write it in digits, as in the English"]
    assert check("on 22 June 2023", "2023年6月22日") == []  # extra numbers are fine
    assert check("Review of 2023 and 2023", "Examen de 2023") == [
        "the number 2023 appears 2 times in the English but 1 in the translation: write each in digits"]
    assert check("S/RES/2129 (2013)", "S/RES/2129(2013)") == []


def test_placeholders_are_kept():
    check = translation_check.fidelity_problems
    assert check("Principle {number}", "Principe {number}", formatted=True) == []
    assert check("Principle {number}", "Principe {numero}", formatted=True) == [
        "the placeholder {number} is missing: copy it unchanged",
        "unknown placeholder {numero}: use only the English's ({number})"]
    assert check("Principle {number}", "Principe {number", formatted=True) == [
        "the braces do not form valid {placeholders} (expected '}' before end of string): copy the English's placeholders unchanged"]
    assert check("Principle {number}", "Principe", formatted=False) == []  # principles.yaml text is never formatted


def test_invisible_characters_allowed_only_where_they_belong():
    check = translation_check.safety_problems
    assert check("a", "\u200fالمبدأ\u200c 1\u061c\u200e", "ar") == []  # RLM, ZWNJ, ALM, LRM: Arabic script
    assert check("a", "Principe\u200e 1", "fr") == [
        'invisible character U+200E LEFT-TO-RIGHT MARK (after "Principe"): remove it']
    assert [p.split(" (")[0] for p in check("a", "\u2067المبدأ\u2069\u00ad\ufeff\u2060", "ar")] == [
        "bidirectional control character U+2067 RIGHT-TO-LEFT ISOLATE",
        "bidirectional control character U+2069 POP DIRECTIONAL ISOLATE",
        "invisible character U+00AD SOFT HYPHEN", "invisible character U+FEFF ZERO WIDTH NO-BREAK SPACE",
        "invisible character U+2060 WORD JOINER"]
    assert check("a", "Principe\u00a01\u202f:", "fr") == []  # no-break spaces of French typography are visible
    assert check("a", "x javascript:alert(1) onclick=go()", "fr") == [
        "a script URL is not allowed in a translation: remove 'javascript:'",
        "an HTML event attribute is not allowed in a translation: remove 'onclick='"]


# ---- review marks ---------------------------------------------------------------------------------------

def test_empty_msgstr_marked_reviewed(repo_copy):
    po = repo_copy / "translations" / "es.po"
    set_msgstr(po, CONFERENCE, "")
    insert_before(po, CONFERENCE, "# review: reviewed")
    assert check_problems(repo_copy) == (
        f'translations/es.po:{msgstr_line(po, CONFERENCE)}: {CONFERENCE}: marked "review: reviewed" but not translated '
        f'(empty msgstr): translate it or remove the review mark',)


def test_fuzzy_or_unknown_review_marks(repo_copy):
    po = repo_copy / "translations" / "ru.po"
    insert_before(po, SUBTITLE, "# review: reviewed")
    insert_before(po, SUBTITLE, "#, fuzzy")
    insert_before(po, "valletta-2025/title", "# review: revieved")
    assert check_problems(repo_copy) == (
        f'translations/ru.po:{entry_line(po, "valletta-2025/title")}: valletta-2025/title: '
        f'unknown review mark "review: revieved": write "# review: reviewed" or "# review: official"',
        f'translations/ru.po:{entry_line(po, SUBTITLE)}: {SUBTITLE}: marked "review: reviewed" '
        f'and fuzzy (the English changed since): update the translation, remove the fuzzy flag and the review mark until it '
        f'is reviewed again',
    )


# ---- plural forms ---------------------------------------------------------------------------------------

PLURAL_PO = '''msgid ""
msgstr ""
"Language: ru\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: {plural}\\n"

msgctxt "ui/principles_count"
msgid "{{count}} principle"
msgid_plural "{{count}} principles"
msgstr[0] "{{count}} принцип"
msgstr[1] "{{count}} принципа"
'''


def test_plural_forms_fit_the_language():
    russian = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
    text = PLURAL_PO.format(plural="nplurals=2; plural=(n > 1);")
    assert translation_check.check_catalog("translations/ru.po", text) == [
        f'translations/ru.po:5: header Plural-Forms does not fit Russian: write "Plural-Forms: {russian}"',
        "translations/ru.po:10: ui/principles_count: 2 plural forms, but Russian has 3: write msgstr[0] to msgstr[2]",
    ]
    spaced = russian.replace("n%10==1 && ", "(n % 10 == 1) && ")  # written differently, same rule: accepted
    fixed = PLURAL_PO.format(plural=spaced) + 'msgstr[2] "{count} принципов"\n'
    assert translation_check.check_catalog("translations/ru.po", fixed) == []


# ---- in sync with messages.pot and principles.yaml ----------------------------------------------------

def test_catalog_out_of_sync_with_the_template(repo_copy):
    po = repo_copy / "translations" / "fr.po"
    lines = po_lines(po)
    start = lines.index(f'msgctxt "{CONFERENCE}"')
    del lines[start - 1:lines.index("", start) + 1]  # its permalink comment, msgctxt, msgid, msgstr
    msgid_line = lines.index(f'msgctxt "{SUBTITLE}"') + 2
    lines[msgid_line - 1] = 'msgid "Non-binding principles"'
    po.write_text("\n".join(lines), encoding="utf-8")
    assert check_problems(repo_copy) == (
        f"translations/fr.po:1: {CONFERENCE}: missing (it is in messages.pot): run `./vp update-catalogs`",
        f"translations/fr.po:{msgid_line}: {SUBTITLE}: msgid differs from the English in messages.pot and the entry is "
        f"not marked fuzzy: never edit msgid; run `./vp update-catalogs`",
    )


def test_an_interface_msgid_edited_into_invalid_braces_is_reported_without_traceback(repo_copy):
    po = repo_copy / "translations" / "fr.po"
    lines = po_lines(po)
    start = next(n for n, line in enumerate(lines) if line.startswith('msgctxt "ui/') and lines[n + 2] != 'msgstr ""'
                 and lines[n + 1].startswith('msgid "') and lines[n + 1] != 'msgid ""')
    ctx = lines[start][len('msgctxt "'):-1]
    lines[start + 1] = lines[start + 1].replace('msgid "', 'msgid "} ', 1)
    po.write_text("\n".join(lines), encoding="utf-8")
    assert check_problems(repo_copy) == (
        f"translations/fr.po:{start + 2}: {ctx}: msgid differs from the English in messages.pot and the entry is "
        f"not marked fuzzy: never edit msgid; run `./vp update-catalogs`",)


def test_template_out_of_sync_with_principles_yaml(repo_copy):
    source = repo_copy / "principles.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "bring terrorists to justice", "bring terrorists swiftly to justice", 1), encoding="utf-8")
    pot = po_lines(repo_copy / "translations" / "messages.pot")
    line = pot.index('msgctxt "valletta-2025/p13/1"') + 2
    assert check_problems(repo_copy) == (
        f"translations/messages.pot:{line}: valletta-2025/p13/1: msgid differs from the English of principles.yaml or "
        f"scripts/ui.py: run `./vp update-catalogs`",)
    commands.update_catalogs(repo_copy / "translations", source)
    commands.check(source, repo_copy / "translations")  # after the refresh: nothing to report


def test_every_problem_of_every_file_at_once(repo_copy):
    translations = repo_copy / "translations"
    set_msgstr(translations / "fr.po", SUBTITLE, 'msgstr "x', raw=True)
    set_msgstr(translations / "es.po", SUBTITLE, "<b>Principios</b>")
    set_msgstr(translations / "zh.po", SUBTITLE, "指导\u200b原则")
    problems = check_problems(repo_copy)
    assert [p.split(":")[0] for p in problems] == ["translations/fr.po", "translations/es.po", "translations/zh.po"]


# ---- translated text never becomes markup on the site --------------------------------------------------

class Elements(HTMLParser):
    """Every element with an event-handler attribute."""

    def __init__(self):
        super().__init__()
        self.scripted = []

    def handle_starttag(self, tag, attrs):
        if any(name.startswith("on") for name, _ in attrs):
            self.scripted.append((tag, attrs))


def test_translated_markup_is_escaped_by_the_build(repo_copy, tmp_path):
    payload = "<img src=x onerror=alert(1)>"
    po = repo_copy / "translations" / "fr.po"
    # the edition title (site_name), a principle title and paragraph, interface strings used in the navigation
    for ctx in ("valletta-2025/title", "valletta-2025/p1/title", "valletta-2025/p1/1", "ui/home", "ui/principle_n"):
        lines = po_lines(po)
        current = lines[msgstr_line(po, ctx) - 1]
        set_msgstr(po, ctx, current.replace('msgstr "', f'msgstr "{payload} \\" onmouseover=\\"alert(2) ', 1), raw=True)
    assert any("HTML is not allowed" in p for p in check_problems(repo_copy))  # the PR check refuses it ...

    site = tmp_path / "site"
    commands.build(site, repo_copy / "principles.yaml", repo_copy / "translations")  # ... the build shows it as text
    pages = list((site / "fr" / EDITION).rglob("*.html"))
    assert len(pages) > 40
    escaped = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert payload not in html, page
        escaped += html.count("&lt;img src=x onerror=alert(1)&gt;")
        parser = Elements()
        parser.feed(html)
        assert parser.scripted == [], page
    assert escaped > len(pages)  # in the navigation and header of every page


# ---- what the build refuses: `./vp check` reports it first, both with the msgstr line ----------------

PRINCIPLE_TITLE = "valletta-2025/p13/title"  # shown in the pages and the PDF of every language
PARAGRAPH = "valletta-2025/p13/1"

REFUSED = {  # case: (language, unit, msgstr line as written in the file, the problems after "UNIT: ")
    "format specification": ("fr", "ui/principle_n", 'msgstr "Principe {number:x}"',
                             ["the placeholder {number:x} has a format specification: write it as in the English, {number}"]),
    "padding": ("es", "ui/principle_n", 'msgstr "Principio {number:>20000}"',
                ["the placeholder {number:>20000} has a format specification: write it as in the English, {number}"]),
    "conversion": ("ru", "ui/principle_n", 'msgstr "Принцип {number!r}"',
                   ["the placeholder {number!r} has a conversion: write it as in the English, {number}"]),
    "attribute": ("zh", "ui/principle_n", 'msgstr "原则{number.__class__}"',
                  ["the placeholder {number.__class__} is not a plain name: copy the English's placeholders unchanged",
                   "the placeholder {number} is missing: copy it unchanged",
                   "unknown placeholder {number.__class__}: use only the English's ({number})"]),
    "NUL": ("fr", SUBTITLE, 'msgstr "Principes\x00 directeurs"',
            ['control character U+0000 unassigned or control (after "Principes"): remove it']),
    "ESC": ("ar", SUBTITLE, 'msgstr "مبادئ\x1b توجيهية"',
            ['control character U+001B unassigned or control (after "مبادئ"): remove it']),
    "line break in a title": ("fr", PRINCIPLE_TITLE, 'msgstr "Renforcer le secteur\\nde la justice pénale"',
                              ["line break in a one-line text (every title, paragraph and interface string is one line): remove it"]),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_what_the_build_refuses_check_reports_at_the_same_line(repo_copy, case):
    lang, ctx, raw, problems = REFUSED[case]
    line = set_msgstr(repo_copy / "translations" / f"{lang}.po", ctx, raw, raw=True)
    expected = tuple(f"translations/{lang}.po:{line}: {ctx}: {problem}" for problem in problems)
    assert check_problems(repo_copy) == expected
    with pytest.raises(PipelineError) as caught:  # the build stops there, before rendering anything
        commands.read_inputs(repo_copy / "principles.yaml", repo_copy / "translations")
    assert caught.value.problems == expected


def test_a_translation_far_longer_than_its_english_is_refused(repo_copy):
    english_text = english(PARAGRAPH)
    limit = 3 * len(english_text) + 200
    po = repo_copy / "translations" / "fr.po"
    line = set_msgstr(po, PARAGRAPH, "mot " * 250_000)  # a million characters
    expected = (f"translations/fr.po:{line}: {PARAGRAPH}: too long (1000000 characters, at most {limit}: 3 times the "
                f"English's length plus 200): translate the English, nothing more",)
    assert check_problems(repo_copy) == expected
    with pytest.raises(PipelineError) as caught:
        commands.read_inputs(repo_copy / "principles.yaml", repo_copy / "translations")
    assert caught.value.problems == expected
    set_msgstr(po, PARAGRAPH, english_text + " " + "x" * (limit - len(english_text) - 1))  # at the limit: fine
    commands.check(repo_copy / "principles.yaml", repo_copy / "translations")


def test_every_translation_in_the_catalogs_is_within_the_length_limit(inputs):
    for lang, translations in inputs.site.translations.items():
        for unit in (u for u in model_units(inputs) if u.id in translations):
            assert len(translations[unit.id].msgstr) <= translation_check.length_limit(unit.english), (lang, unit.id)


def model_units(inputs):
    from scripts import model
    return list(model.units(inputs.site))


@pytest.mark.parametrize("charset", ["ISO-8859-1", "no-such-charset"])
def test_a_catalog_not_in_utf8_is_refused_by_check_and_build(repo_copy, charset):
    po = repo_copy / "translations" / "fr.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace("charset=utf-8", f"charset={charset}", 1), encoding="utf-8")
    line = text[:text.index("charset=utf-8")].count("\n") + 1
    message = f'translations/fr.po:{line}: header Content-Type must be "text/plain; charset=UTF-8"'
    assert message in check_problems(repo_copy)  # no traceback on a charset Python does not know
    with pytest.raises(PipelineError) as caught:
        commands.read_inputs(repo_copy / "principles.yaml", repo_copy / "translations")
    assert caught.value.problems == (message,)


def test_a_character_the_pdf_fonts_lack_is_reported_by_check_at_its_line(repo_copy):
    po = repo_copy / "translations" / "fr.po"
    title = po_lines(po)[msgstr_line(po, PRINCIPLE_TITLE) - 1]
    line = set_msgstr(po, PRINCIPLE_TITLE, title.replace('msgstr "', 'msgstr "\u2705 ', 1), raw=True)
    assert check_problems(repo_copy) == (
        f"translations/fr.po:{line}: {PRINCIPLE_TITLE}: U+2705 WHITE HEAVY CHECK MARK ('\u2705') has no glyph in the "
        f"fonts for Français (Noto Sans, Noto Sans CJK SC, Amiri), so the PDF cannot show it: write another character "
        f"or remove it",)
    inputs = commands.read_inputs(repo_copy / "principles.yaml", repo_copy / "translations")
    with pytest.raises(PipelineError, match="U\\+2705 WHITE HEAVY CHECK MARK"):  # what the build stops on
        commands.render_pdfs(inputs)
