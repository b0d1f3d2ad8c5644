"""Pure helpers of the renderers: dates, sizes and percentages as each language writes them, and the
translation status counts."""
import pytest

from scripts import model
from scripts.render import date_range, file_size, percent
from scripts.status import edition_progress, progress
from tests import roles


@pytest.mark.parametrize("lang, same_month, across_months", [
    ("en", "12–13 March 2025", "28 February – 2 March 2025"),
    ("fr", "12–13 mars 2025", "28 février – 2 mars 2025"),
    ("es", "12–13 de marzo de 2025", "28 de febrero – 2 de marzo de 2025"),
    ("ru", "12–13 марта 2025 г.", "28 февраля – 2 марта 2025 г."),
    ("zh", "2025年3月12日至13日", "2025年2月28日至3月2日"),
    ("ar", "12–13 آذار/مارس 2025", "28 شباط/فبراير – 2 آذار/مارس 2025"),  # UN Arabic: both month names
])
def test_date_ranges_spell_the_month_out(lang, same_month, across_months):
    normalise = lambda text: text.replace("\u2009", " ").replace("\u202f", " ")
    assert normalise(date_range("2025-03-12", "2025-03-13", lang)) == same_month
    assert normalise(date_range("2025-02-28", "2025-03-02", lang)) == across_months


def test_sizes_round_up_and_percents_round_down():
    assert file_size(1025, "en") == "2 kB" and file_size(478_000, "fr") == "467\u202fko"
    assert percent(0.999, "en") == "99%" and percent(1.0, "fr") == "100\xa0%"


def test_progress_counts_states(inputs):
    site, edition = inputs.site, roles.translated(inputs.site, "fr")
    principle = edition.principles[0]
    assert progress(site, model.principle_units(principle), "en").uniform_state == model.OFFICIAL
    french = progress(site, model.principle_units(principle), "fr")
    assert french.uniform_state == model.DRAFT and french.translated == 1.0 and french.reviewed == 0.0
    overall = edition_progress(site, edition, "fr")
    units = list(model.edition_units(edition)) + list(site.ui.values())
    assert overall.total == len(units)
    assert overall.count(*model.SHOWN_AS_TRANSLATION) == sum(not site.text(u, "fr").is_fallback for u in units)


def test_a_few_reviewed_units_never_read_zero_percent():
    assert percent(3 / 391, "en") == "0.7%" and percent(1 / 5000, "fr") == "0,1\xa0%" and percent(0, "en") == "0%"


def test_the_banner_follows_the_pages_own_text_not_its_labels(inputs):
    """A principle whose title and paragraphs are reviewed says so, though its group label is a draft."""
    import dataclasses

    from scripts.render.site import render_pages
    site, edition = inputs.site, roles.translated(inputs.site, "fr")
    principle = next(p for p in edition.principles if p.scope is None and p.title)
    group = next(g for g in edition.groups if g.id == principle.group)
    french = dict(site.translations["fr"])
    for unit in model.principle_units(principle):
        french[unit.id] = dataclasses.replace(french[unit.id], state=model.REVIEWED)
    assert french[group.title.id].state == model.DRAFT
    reviewed = dataclasses.replace(site, translations={**site.translations, "fr": french})
    page = render_pages(reviewed, edition, "fr", inputs.content, inputs.site_url)[f"principles/{principle.number}.md"]
    banner = page.split('vp-status" role="note">', 1)[1].split("</div>", 1)[0]  # not an older edition's notice
    assert site.t("banner_reviewed", "fr") in banner and site.t("banner_draft", "fr") not in banner
    assert site.t("banner_labels_draft", "fr") in banner
    draft = render_pages(site, edition, "fr", inputs.content, inputs.site_url)[f"principles/{principle.number}.md"]
    assert site.t("banner_draft", "fr") in draft and site.t("banner_labels_draft", "fr") not in draft
