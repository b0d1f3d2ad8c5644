"""Catalog refresh: a changed English unit becomes fuzzy in every language, and readers see English."""
import html
from scripts import catalogs, commands, model
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
    edition = inputs.site.latest
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
