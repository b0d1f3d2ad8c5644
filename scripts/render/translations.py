"""The pages about translations (pure functions): the translation status of an edition in every language,
and every principle in two languages side by side."""
from .. import model
from ..config import DEFAULT_LANGUAGE, LANGUAGES, TRANSLATED_LANGUAGES, language
from ..permalinks import SIDE_BY_SIDE, STATUS, SUMMARY, principle_page, site_path
from ..status import Progress, edition_progress, progress
from . import percent
from .l10n import colon
from .page import Page, escape, principle_label, relative, relative_root, scroll_box


def status_page(site: model.Site, edition: model.Edition, lang: str) -> str:
    """Per language: share translated, reviewed and outdated, with bars; then every principle's state."""
    page = Page(site, lang)
    page.heading(1, page.t("translation_status"), "top")
    page.add(f"<p>{escape(page.t('status_intro'))}</p>")
    head = "".join(f'<th scope="col">{escape(page.t(key))}</th>' for key in
                   ("status_language", "status_translated", "status_reviewed", "status_outdated"))
    rows = []
    for other in TRANSLATED_LANGUAGES:
        shown = edition_progress(site, edition, other.code)
        cells = "".join(f"<td>{progress_bar(page, share)}</td>" for share in (shown.translated, shown.reviewed, shown.outdated))
        rows.append(f'<tr id="status-{other.code}"><th scope="row" lang="{other.code}" dir="{other.dir}">'
                    f"{escape(other.name)}</th>{cells}</tr>")
    table = f'<table class="vp-status-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    page.add(scroll_box(table, page.t("translation_status")))
    page.heading(2, page.t("status_by_principle"), "by-principle")
    page.add(scroll_box(status_matrix(page, edition), page.t("status_by_principle")))
    return page.render(f"{page.t('translation_status')} — {page.text(edition.title).value}")


def progress_bar(page: Page, share: float) -> str:
    """A native <progress> (no inline style: the CSP allows none) with the number as text beside it."""
    value = percent(share, page.lang)
    return f'<progress max="100" value="{round(share * 100)}" aria-hidden="true"></progress> {escape(value)}'


def status_matrix(page: Page, edition: model.Edition) -> str:
    """Rows: principles, then the summary and the interface; columns: the five translations."""
    rows = [(relative(STATUS, principle_page(p)), principle_label(page, p), list(model.principle_units(p)))
            for p in edition.principles]
    if edition.summary:
        rows.append((relative(STATUS, SUMMARY), page.t("summary"), list(model.summary_units(edition.summary))))
    rows.append(("", page.t("status_interface"), list(page.site.ui.values())))
    head = "<th></th>" + "".join(f'<th scope="col" lang="{o.code}" dir="{o.dir}">{escape(o.name)}</th>' for o in TRANSLATED_LANGUAGES)
    body = []
    for href, label, units in rows:
        name = f'<a href="{escape(href)}">{escape(label)}</a>' if href else escape(label)
        cells = "".join(status_cell(page, progress(page.site, units, o.code)) for o in TRANSLATED_LANGUAGES)
        body.append(f'<tr><th scope="row">{name}</th>{cells}</tr>')
    return f'<table class="vp-status-matrix"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def status_cell(page: Page, shown: Progress) -> str:
    state = shown.uniform_state
    label = page.t(f"state_{state}") if state else page.t("status_percent_translated", percent=percent(shown.translated, page.lang))
    return f'<td class="vp-state-{state or "mixed"}">{escape(label)}</td>'


def side_by_side_page(site: model.Site, edition: model.Edition, lang: str) -> str:
    """Every principle in English and `lang` (English pages: French), a table row per paragraph, each cell
    with its own lang and dir. Works without JavaScript; vp-parallel.js swaps in any other pair."""
    page = Page(site, lang)
    pair = (DEFAULT_LANGUAGE, language(lang) if lang != DEFAULT_LANGUAGE.code else LANGUAGES[1])
    page.heading(1, page.t("side_by_side"), "top")
    page.add(f"<p>{escape(page.t('side_by_side_intro'))}</p>")
    page.add(pair_chooser(page, edition, pair))
    head = "".join(f'<th scope="col" lang="{one.code}" dir="{one.dir}">{escape(one.name)}</th>' for one in pair)
    bodies = []
    for principle in edition.principles:
        label = lambda code, n=principle.number: site.t("principle_n", code, number=n) + colon(code)
        rows = [parallel_row(page, pair, principle.title, "th", label)
                ] if principle.title else []  # no title row when the official document gives none
        rows += [parallel_row(page, pair, p.unit, "td") for p in principle.paragraphs]
        bodies.append(f'<tbody id="{principle.anchor}">{"".join(rows)}</tbody>')
    page.add(f'<table class="vp-parallel" data-pair="{pair[0].code} {pair[1].code}"><thead><tr>{head}</tr></thead>'
             f'{"".join(bodies)}</table>')
    page.meta["vp_side_by_side"] = True  # only this page loads vp-parallel.js (overrides/main.html)
    return page.render(f"{page.t('side_by_side')} — {page.text(edition.title).value}", search=False)


def parallel_row(page: Page, pair, unit: model.Unit, tag: str, prefix=lambda lang: "") -> str:
    cells = []
    for column, lang in enumerate(pair):
        shown = page.text(unit) if lang.code == page.lang else page.site.text(unit, lang.code)
        content = (f'<span class="vp-fallback-note">{escape(page.t("fallback_" + shown.state))}</span>' if shown.is_fallback
                   else escape(prefix(lang.code) + shown.value))
        scope = ' scope="rowgroup"' if tag == "th" and column == 0 else ""
        cells.append(f'<{tag}{scope} lang="{lang.code}" dir="{lang.dir}" data-unit="{escape(unit.id)}">{content}</{tag}>')
    return f"<tr>{''.join(cells)}</tr>"


def pair_chooser(page: Page, edition: model.Edition, pair) -> str:
    """Without JavaScript: links to the other languages' pages (English beside each). With it: two menus."""
    here = site_path(edition.id, page.lang, SIDE_BY_SIDE)
    links = "".join(
        f'<li><a href="{escape(relative_root(here, site_path(edition.id, o.code, SIDE_BY_SIDE)))}"'
        f' lang="{o.code}" hreflang="{o.code}">{escape(o.name)}</a></li>' for o in TRANSLATED_LANGUAGES if o != pair[1])
    options = "".join(f'<option value="{o.code}" lang="{o.code}" data-dir="{o.dir}">{escape(o.name)}</option>'
                      for o in LANGUAGES)
    menus = "".join(f'<label>{escape(page.t(key))} <select name="{name}">{options}</select></label> '
                    for key, name in (("first_language", "first"), ("second_language", "second")))
    return (f'<nav class="vp-pairs" aria-label="{escape(page.t("side_by_side_pairs"))}">'
            f'<p>{escape(page.t("side_by_side_pairs") + colon(page.lang).rstrip())}</p>'
            f'<ul>{links}</ul></nav>'
            f'<form class="vp-pair-form" hidden><fieldset><legend>{escape(page.t("side_by_side_choose"))}</legend>{menus}'
            f'<button type="submit">{escape(page.t("show"))}</button></fieldset></form>')
