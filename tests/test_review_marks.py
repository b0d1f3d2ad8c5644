"""Review marks and translation status that readers can trust: Plural-Forms headers as translators' tools
write them, near-miss review marks, official only where principles.yaml records the official document,
outdated computed from the msgid, and every file's problems reported even when one is broken."""
import pytest
from babel import Locale

from scripts import commands, model, translation_check
from scripts.config import TRANSLATED_LANGUAGES
from scripts.errors import PipelineError
from tests.test_translation_check import EDITION, SUBTITLE, check_problems, entry_line, insert_before, set_msgstr

# The Plural-Forms headers Weblate (its language data) and Poedit write, exactly.
TOOL_HEADERS = {
    "fr": ["nplurals=2; plural=n > 1;", "nplurals=2; plural=(n > 1);"],
    "es": ["nplurals=2; plural=n != 1;", "nplurals=2; plural=(n != 1);"],
    "ru": ["nplurals=3; plural=n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2;",
           "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"],
    "zh": ["nplurals=1; plural=0;"],
    "ar": ["nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
           "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"],
}
WRONG = {"fr": "nplurals=2; plural=(n != 1);", "es": "nplurals=2; plural=(n > 1);", "ru": "nplurals=2; plural=(n != 1);",
         "zh": "nplurals=2; plural=(n != 1);",
         # Babel 2.18's table: the same six groups, but "many" (11-99) and "other" (100-102) swapped
         "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=0 && n%100<=2 ? 4 : 5);"}


def header(lang: str, plural: str) -> str:
    return (f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f'"Plural-Forms: {plural}\\n"\n')


@pytest.mark.parametrize("lang", TOOL_HEADERS)
def test_the_plural_forms_of_weblate_and_poedit_are_accepted(lang):
    for plural in TOOL_HEADERS[lang]:
        assert translation_check.check_catalog(f"translations/{lang}.po", header(lang, plural)) == [], plural
    (problem,) = translation_check.check_catalog(f"translations/{lang}.po", header(lang, WRONG[lang]))
    assert problem.startswith(f"translations/{lang}.po:5: header Plural-Forms does not fit")


def cldr_forms(lang) -> tuple:
    """The plural form CLDR (Babel's data) gives each n that check compares on, as gettext numbers its
    msgstr[N]: the categories whole numbers have, in CLDR's order (French: one, other; Arabic: zero ... other)."""
    rule = Locale.parse(lang.babel_locale).plural_form
    tags = [rule(n) for n in translation_check.PLURAL_SAMPLE]
    order = [tag for tag in ("zero", "one", "two", "few", "many", "other") if tag in tags]
    return len(order), tuple(order.index(tag) for tag in tags)


def test_each_language_s_formula_is_cldr_s_and_passes():
    """check compares a header with the language's own formula: that formula is CLDR's rule."""
    for lang in TRANSLATED_LANGUAGES:
        assert translation_check.plural_forms_of(lang.plural_forms) == cldr_forms(lang), lang.code
        assert translation_check.same_plural_rule(lang.plural_forms, lang.code)


@pytest.mark.parametrize("mark", ["# reviewed", "# review reviewed", "# Review: reviewed", "# approved", "#  official"])
def test_near_miss_review_marks_are_reported(repo_copy, mark):
    po = repo_copy / "translations" / "fr.po"
    insert_before(po, SUBTITLE, mark)
    assert check_problems(repo_copy) == (
        f'translations/fr.po:{entry_line(po, SUBTITLE)}: {SUBTITLE}: "{mark.replace("#  ", "# ")}" is not a review mark, '
        f'so the unit counts as an unreviewed draft: write "# review: reviewed" exactly, or remove the line',)


@pytest.mark.parametrize("mangled", ['# | msgid "The text of this edition has not been imported yet. It must come',
                                     '# | for word from the official document described below, and is never'])
def test_a_previous_english_line_broken_into_a_comment_is_reported(repo_copy, mangled):
    """What an earlier refresh left ("# | msgid ..." piled up on every run) is not a silent comment."""
    po = repo_copy / "translations" / "fr.po"
    insert_before(po, SUBTITLE, mangled)
    (problem,) = check_problems(repo_copy)
    assert problem.startswith(f'translations/fr.po:{entry_line(po, SUBTITLE) - 1}: "{mangled[:40]}" looks like the '
                              f'previous English ("#| msgid …") broken by a space after "#"')


def test_prose_about_a_review_is_not_a_mark(repo_copy):
    insert_before(repo_copy / "translations" / "fr.po", SUBTITLE, "# Terminology as in the 2013 summary; ask the reviewer")
    commands.check(repo_copy / "principles.yaml", repo_copy / "translations")


def test_a_translation_file_cannot_claim_official(repo_copy, tmp_path):
    po = repo_copy / "translations" / "fr.po"
    insert_before(po, SUBTITLE, "# review: official")
    insert_before(po, "ui/home", "# review: official")
    problems = check_problems(repo_copy)
    assert problems == (
        f'translations/fr.po:{entry_line(po, SUBTITLE)}: {SUBTITLE}: marked "review: official", but principles.yaml '
        f'records no official French translation of {EDITION}: write "# review: reviewed" (a maintainer records an '
        f"official translation's document under official_translations in principles.yaml)",
        f'translations/fr.po:{entry_line(po, "ui/home")}: ui/home: marked "review: official", but the site\'s interface has '
        f'no official translation: write "# review: reviewed" (a maintainer records an official translation\'s document '
        f"under official_translations in principles.yaml)")
    inputs = commands.read_inputs(repo_copy / "principles.yaml", repo_copy / "translations")
    edition = inputs.site.edition(EDITION)
    assert inputs.site.text(edition.subtitle, "fr").state == model.DRAFT  # readers never see "official" for it
    site = tmp_path / "site"
    commands.build(site, repo_copy / "principles.yaml", repo_copy / "translations")
    official = inputs.site.t("banner_official", "fr")
    for path in (site / "fr").rglob("*"):
        if path.suffix in (".html", ".json", ".bib", ".ris", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert official not in text and "official translation" not in text.replace("unofficial translation", ""), path
            assert 'FRBRauthoritative value="true"' not in text, path


def test_official_where_principles_yaml_records_the_document(repo_copy):
    source = repo_copy / "principles.yaml"
    text = source.read_text(encoding="utf-8")
    record = ("  official_translations:\n    fr: {symbol: INVENTED/TEST/1, date: \"2025-07-01\"}  # invented test data\n"
              "  history:\n")
    source.write_text(recorded(text, record), encoding="utf-8")
    insert_before(repo_copy / "translations" / "fr.po", SUBTITLE, "# review: official")
    commands.check(source, repo_copy / "translations")
    inputs = commands.read_inputs(source, repo_copy / "translations")
    assert inputs.site.text(inputs.site.edition(EDITION).subtitle, "fr").state == model.OFFICIAL
    source.write_text(recorded(text, "  official_translations:\n    fr: {date: \"2025-07-01\"}\n  history:\n"), encoding="utf-8")
    (problem,) = check_problems(repo_copy)
    index = [edition.id for edition in inputs.site.editions].index(EDITION)
    assert f"editions[{index}].official_translations.fr: needs 'symbol' or 'title'" in problem


def recorded(text: str, record: str) -> str:
    """principles.yaml's text with `record` in place of the `history:` line of EDITION."""
    at = text.index("  history:\n", text.index(f"- id: {EDITION}\n"))
    return text[:at] + record + text[at + len("  history:\n"):]


def test_a_translation_of_other_english_is_outdated_whatever_the_catalog_says(repo_copy):
    po = repo_copy / "translations" / "es.po"
    lines = po.read_text(encoding="utf-8").split("\n")
    msgid = lines.index(f'msgctxt "{SUBTITLE}"') + 1
    lines[msgid] = 'msgid "Binding guiding principles"'  # not fuzzy, not refreshed: the msgid is no longer the English
    po.write_text("\n".join(lines), encoding="utf-8")
    inputs = commands.read_inputs(repo_copy / "principles.yaml", repo_copy / "translations")
    subtitle = inputs.site.edition(EDITION).subtitle
    shown = inputs.site.text(subtitle, "es")
    assert (shown.state, shown.lang, shown.value) == (model.OUTDATED, "en", subtitle.english)


def test_every_file_is_checked_even_when_one_is_broken(repo_copy):
    translations = repo_copy / "translations"
    broken = set_msgstr(translations / "fr.po", SUBTITLE, 'msgstr "x', raw=True)
    set_msgstr(translations / "messages.pot", SUBTITLE, 'msgstr "', raw=True)
    for lang in ("es", "ru", "zh", "ar"):
        insert_before(translations / f"{lang}.po", SUBTITLE, "# reviewed")
    problems = check_problems(repo_copy)
    assert [p.split(":")[0] for p in problems] == ["translations/messages.pot", "translations/fr.po", "translations/es.po",
                                                  "translations/ru.po", "translations/zh.po", "translations/ar.po"]
    assert f"translations/fr.po:{broken}: invalid PO syntax" in problems[1]
    assert all("is not a review mark" in p for p in problems[2:])
    with pytest.raises(PipelineError):
        commands.read_inputs(repo_copy / "principles.yaml", translations)
