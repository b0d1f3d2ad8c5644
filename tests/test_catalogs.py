"""Catalog refresh: a changed English unit becomes fuzzy in every language, and readers see English."""
import html
import os
import subprocess

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts import catalogs, commands, model, po_layout
from scripts.render.site import render_pages

P13 = "valletta-2025/p13/1"


def fuzzy_units(directory):
    return {lang: {m.context for m in catalog if m.fuzzy and m.id} for lang, catalog in catalogs.read_catalogs(directory).items()}


def test_refresh_marks_exactly_the_changed_unit_fuzzy(repo_copy):
    source, translations = repo_copy / "principles.yaml", repo_copy / "translations"
    before = fuzzy_units(translations)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("bring terrorists to justice", "bring terrorists swiftly to justice", 1), encoding="utf-8")

    commands.update_catalogs(translations, source)

    after = fuzzy_units(translations)
    assert set(after) == {"fr", "es", "ru", "zh", "ar"}
    for lang in after:
        assert after[lang] - before[lang] == {P13}
        message = next(m for m in catalogs.read_catalogs(translations)[lang] if m.context == P13)
        assert message.string, "the translator's work is kept"
        po_text = (translations / f"{lang}.po").read_text(encoding="utf-8")
        block = po_text[:po_text.index(f'msgctxt "{P13}"')].rsplit("\n\n", 1)[-1]
        assert "#, fuzzy" in block and "#| msgid" in block  # Poedit shows the old English beside the new

    inputs = commands.read_inputs(source, translations)
    edition = inputs.site.edition(P13.split("/")[0])  # the edition of the unit changed
    principle = next(p for p in edition.principles if p.number == 13)
    shown = inputs.site.text(principle.paragraphs[0].unit, "fr")
    assert (shown.lang, shown.state) == ("en", model.OUTDATED)
    assert "swiftly" in shown.value
    page = render_pages(inputs.site, edition, "fr", inputs.content, inputs.site_url)["principles/13.md"]
    assert 'id="principle-13-1" class="vp-paragraph" lang="en" dir="ltr">' in page
    assert html.escape(inputs.site.t("fallback_outdated", "fr")) in page


def test_refresh_is_idempotent_and_keeps_every_translation(repo_copy):
    translations = repo_copy / "translations"
    before = {path.name: path.read_bytes() for path in translations.iterdir()}
    commands.update_catalogs(translations, repo_copy / "principles.yaml")
    after = {path.name: path.read_bytes() for path in translations.iterdir()}
    assert after == before


def test_review_state_is_read_from_translator_comments():
    from babel.messages.catalog import Message
    assert catalogs.review_state(Message("a", "b")) == model.DRAFT
    assert catalogs.review_state(Message("a", "b", user_comments=["review: reviewed"])) == model.REVIEWED
    assert catalogs.review_state(Message("a", "b", user_comments=["review: official"])) == model.OFFICIAL
    assert catalogs.review_state(Message("a", "b", flags=["fuzzy"], user_comments=["review: official"])) == model.OUTDATED


# ---- round trip: previous English, reverts, obsolete units, the canonical layout ----------------------

def entry(directory, lang: str, ctx: str) -> polib.POEntry:
    return next(e for e in polib.pofile(str(directory / f"{lang}.po")) if e.msgctxt == ctx)


def msgfmt_problems(path) -> str:
    result = subprocess.run(["msgfmt", "--check", "--output-file", os.devnull, str(path)], capture_output=True, text=True)
    return "" if result.returncode == 0 else result.stderr


def reviewed(po, ctx: str) -> None:
    lines = po.read_text(encoding="utf-8").split("\n")
    lines.insert(lines.index(f'msgctxt "{ctx}"') - 1, "# review: reviewed")
    po.write_text("\n".join(lines), encoding="utf-8")


def test_english_changed_twice_keeps_the_english_that_was_translated(repo_copy):
    source, translations = repo_copy / "principles.yaml", repo_copy / "translations"
    translated_from = entry(translations, "fr", P13).msgid
    original = source.read_text(encoding="utf-8")
    for version in ("bring terrorists swiftly to justice", "bring terrorists \"quickly\" \\ to justice"):
        source.write_text(original.replace("bring terrorists to justice", version, 1), encoding="utf-8")
        commands.update_catalogs(translations, source)
    for lang in ("fr", "es", "ru", "zh", "ar"):
        unit = entry(translations, lang, P13)
        assert unit.fuzzy and unit.previous_msgid == translated_from and '"quickly"' in unit.msgid
        assert not msgfmt_problems(translations / f"{lang}.po")
        assert "# |" not in (translations / f"{lang}.po").read_text(encoding="utf-8")
    commands.check(source, translations)


def test_english_reverted_restores_the_translation_and_its_review(repo_copy):
    source, translations = repo_copy / "principles.yaml", repo_copy / "translations"
    reviewed(translations / "fr.po", P13)
    original = source.read_text(encoding="utf-8")
    before = {lang: (translations / f"{lang}.po").read_bytes() for lang in ("es", "ru", "zh", "ar")}
    source.write_text(original.replace("bring terrorists to justice", "bring terrorists swiftly to justice", 1), encoding="utf-8")
    commands.update_catalogs(translations, source)
    changed = entry(translations, "fr", P13)
    assert changed.fuzzy and "review: reviewed" not in changed.tcomment.split("\n")
    commands.check(source, translations)  # a put-aside review mark is not a review mark on a fuzzy unit
    source.write_text(original, encoding="utf-8")
    commands.update_catalogs(translations, source)
    back = entry(translations, "fr", P13)
    assert not back.fuzzy and back.previous_msgid is None and back.tcomment == "review: reviewed"
    assert commands.read_inputs(source, translations).site.text(model.Unit(P13, back.msgid), "fr").state == model.REVIEWED
    assert {lang: (translations / f"{lang}.po").read_bytes() for lang in before} == before, "byte for byte as before"


def test_a_removed_unit_is_kept_obsolete_and_comes_back():
    inputs = commands.read_inputs()
    template = catalogs.template_po(inputs.site, inputs.site_url)
    current = catalogs.load_po(catalogs.catalog_path("fr"))
    gone = next(e for e in template if e.msgctxt == P13)
    smaller = polib.POFile()
    smaller.header, smaller.metadata = template.header, template.metadata
    for e in template:
        if e is not gone:
            smaller.append(e)
    without = catalogs.updated_po(current, smaller)
    kept = [e for e in without if e.msgctxt == P13]
    assert len(kept) == 1 and kept[0].obsolete and kept[0].msgstr == entry(catalogs.TRANSLATIONS_DIR, "fr", P13).msgstr
    assert "#~ msgctxt \"valletta-2025/p13/1\"" in catalogs.generate_po(without).decode("utf-8")
    again = catalogs.updated_po(catalogs.parse_po("fr.po", catalogs.generate_po(without).decode("utf-8")), template)
    assert catalogs.generate_po(again) == catalogs.catalog_path("fr").read_bytes()


@pytest.mark.parametrize("width", ["--width=79", "--width=60", "--no-wrap"])
@pytest.mark.parametrize("lang", ["fr", "es", "ru", "zh", "ar"])
def test_the_writer_wraps_exactly_as_msgcat(lang, width):
    wrapped = subprocess.run(["msgcat", width, str(catalogs.catalog_path(lang))], capture_output=True, text=True, check=True).stdout
    columns = 0 if width == "--no-wrap" else int(width.split("=")[1])
    assert po_layout.generate(polib.pofile(wrapped), columns) == wrapped
    if width == "--width=79":
        assert wrapped == catalogs.catalog_path(lang).read_text(encoding="utf-8"), "the committed catalogs are canonical"


def test_check_accepts_catalogs_rewrapped_by_msgcat(repo_copy):
    translations = repo_copy / "translations"
    for index, path in enumerate(sorted(translations.iterdir())):
        width = ("--width=60", "--no-wrap", "--width=79")[index % 3]
        subprocess.run(["msgcat", width, "-o", str(path), str(path)], check=True)
    assert (translations / "es.po").read_bytes() != catalogs.catalog_path("es").read_bytes()
    commands.check(repo_copy / "principles.yaml", translations)
    commands.update_catalogs(translations, repo_copy / "principles.yaml")  # back to the canonical layout
    assert all(path.read_bytes() == (catalogs.TRANSLATIONS_DIR / path.name).read_bytes() for path in translations.iterdir())


# ---- property: any sequence of English edits and reverts gives a valid catalog ------------------------

UNIT_IDS = ("t/1", "t/2", "t/3")
english_text = st.lists(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12)
                        | st.sampled_from(['"', "\\", " ", "。", "，", "(A/RES/60/288)", "–"]), min_size=1, max_size=15
                        ).map(lambda parts: " ".join(parts).strip()).filter(bool)
steps = st.lists(st.tuples(st.sampled_from(UNIT_IDS), st.none() | english_text), min_size=1, max_size=8)


def small_template(english: dict) -> polib.POFile:
    po = polib.POFile()
    po.header, po.metadata = "Test catalog (invented text)", {"Content-Type": "text/plain; charset=UTF-8", "Language": "fr",
                                                               "Plural-Forms": "nplurals=2; plural=(n > 1);"}
    for ctx, text in english.items():
        po.append(polib.POEntry(msgctxt=ctx, msgid=text, msgstr="", comment=f"https://example.invalid/{ctx}"))
    return po


@settings(max_examples=40, deadline=None)
@given(steps)
def test_any_sequence_of_english_edits_and_reverts_round_trips(tmp_path_factory, changes):
    """None in a step reverts that unit's English to the text it was translated from."""
    original = {ctx: f"Original English of {ctx}" for ctx in UNIT_IDS}
    english = dict(original)
    po = catalogs.updated_po(small_template(english), small_template(english))
    for e in po:
        e.msgstr, e.tcomment = f"Traduction de {e.msgctxt}", "review: reviewed"
    path = tmp_path_factory.mktemp("po") / "fr.po"
    for ctx, text in changes:
        english[ctx] = original[ctx] if text is None else text
        po = catalogs.parse_po("fr.po", catalogs.generate_po(catalogs.updated_po(po, small_template(english))).decode("utf-8"))
        path.write_bytes(catalogs.generate_po(po))
        assert not msgfmt_problems(path)
        for e in polib.pofile(str(path)):
            if english[e.msgctxt] == original[e.msgctxt]:
                assert not e.fuzzy and e.previous_msgid is None and e.tcomment == "review: reviewed"
            else:
                assert e.fuzzy and e.previous_msgid == original[e.msgctxt] and e.msgid == english[e.msgctxt]
                assert e.tcomment == "previous review: reviewed"
