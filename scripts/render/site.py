"""Site renderer: the model -> Markdown pages and one mkdocs config per edition (pure functions).

Everything from principles.yaml or a translation is escaped here, once: paragraphs are raw HTML blocks
built with html.escape (Markdown never sees them); headings, which Markdown must see for the table of
contents, also get every Markdown special character backslash-escaped. Explicit ids everywhere: heading
slugs would drop Chinese and Arabic text.
"""
import html
import json
import re

import yaml
from babel import Locale
from babel.core import get_global

from .. import model
from ..config import DEFAULT_LANGUAGE, LANGUAGES, language
from ..permalinks import (ABOUT, CONTENT_PAGES, DATA, HISTORY, HOME, SIDE_BY_SIDE, STATUS, SUMMARY, TEXT, edition_pages,
                          pdf_path, principle_page, site_path)
from ..status import Progress, edition_progress, progress
from . import cite, date_range, file_size, opendata, percent, when

# Exactly Python-Markdown's backslash-escapable characters (markdown.Markdown.ESCAPED_CHARS): escaping any
# other character would show the backslash. < and & are already HTML-escaped.
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()>#+\-.!])")
# One separator for every language's search index: whitespace, the zero-width space jieba's segmentation
# inserts, CJK and Arabic punctuation, French elisions (l'État -> l / État) and hyphens.
SEARCH_SEPARATOR = r"[\s\u200b\-_,:;!?=\[\]()\"'’`/，。、；：？！（）《》「」“”«»،؛؟]+|\.(?!\d)"


# ---- escaping --------------------------------------------------------------------------------------

def escape(value: str) -> str:
    return html.escape(value, quote=True)


def template_text(value: str) -> str:
    """Text for mkdocs' nav titles and site_name, which the theme prints unescaped into HTML and
    attributes: & < > " escaped (not ', so the few attributes the theme escapes again still read well)."""
    return html.escape(value, quote=False).replace('"', "&quot;")


def markdown_inline(value: str) -> str:
    """Text safe inside a Markdown heading: HTML-escaped, then Markdown syntax backslash-escaped."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(value, quote=False))


def lang_attrs(text: model.Text, page_lang: str) -> str:
    """` lang=".." dir=".."` when a unit is not in the page's language (an English fallback)."""
    if text.lang == page_lang:
        return ""
    return f' lang="{text.lang}" dir="{language(text.lang).dir}"'


# ---- building blocks -------------------------------------------------------------------------------

class Page:
    """Collects a page's Markdown and remembers whether any unit fell back to English."""

    def __init__(self, site: model.Site, lang: str):
        self.site, self.lang, self.blocks, self.states = site, lang, [], set()
        self.meta = {}  # more front matter: description, search, and vp_meta / vp_jsonld for overrides/main.html

    def t(self, key: str, **values) -> str:
        return self.site.t(key, self.lang, **values)

    def text(self, unit: model.Unit) -> model.Text:
        shown = self.site.text(unit, self.lang)
        self.states.add(shown.state)
        return shown

    def add(self, block: str):
        self.blocks.append(block)

    def heading(self, level: int, unit_or_text, anchor: str, prefix: str = ""):
        shown = self.text(unit_or_text) if isinstance(unit_or_text, model.Unit) else None
        value = shown.value if shown else unit_or_text
        attrs = f"#{anchor}" if anchor else ""
        if shown and shown.lang != self.lang:
            attrs += f' lang="{shown.lang}" dir="{language(shown.lang).dir}"'
        suffix = f" {{{attrs.strip()}}}" if attrs else ""
        self.add(f"{'#' * level} {markdown_inline(prefix + value)}{suffix}")
        if shown and shown.is_fallback:
            self.add(self.fallback_note(shown))

    def fallback_note(self, shown: model.Text) -> str:
        key = "fallback_outdated" if shown.state == model.OUTDATED else "fallback_missing"
        return f'<p class="vp-fallback-note">{escape(self.t(key))}</p>'

    def paragraph(self, unit: model.Unit, anchor: str = "", css: str = "", tag: str = "p"):
        shown = self.text(unit)
        attrs = (f' id="{anchor}"' if anchor else "") + (f' class="{css}"' if css else "")
        body = f"<{tag}{attrs}{lang_attrs(shown, self.lang)}>{escape(shown.value)}</{tag}>"
        if shown.is_fallback and tag == "li":  # a list holds only items: note and English go inside the item
            classes = " ".join(filter(None, (css, "vp-fallback")))
            body = (f'<li{attrs.split(" class=")[0]} class="{classes}">{self.fallback_note(shown)}'
                    f"<span{lang_attrs(shown, self.lang)}>{escape(shown.value)}</span></li>")
        elif shown.is_fallback:
            body = f'<div class="vp-fallback">{self.fallback_note(shown)}{body}</div>'
        self.add(body)

    def link_list(self, items):
        """items: (href, prefix str, label Text or str). One raw HTML list of links."""
        rows = []
        for href, prefix, label in items:
            attrs = lang_attrs(label, self.lang) if isinstance(label, model.Text) else ""
            value = label.value if isinstance(label, model.Text) else label
            number = f'<span class="vp-num">{escape(prefix)}</span>' if prefix else ""
            rows.append(f'<li><a href="{escape(href)}">{number}<span{attrs}>{escape(value)}</span></a></li>')
        self.add("<ul class=\"vp-list\">\n" + "\n".join(rows) + "\n</ul>")

    def render(self, title: str, search: bool = True) -> str:
        """Front matter + status banner + the blocks. Raw HTML blocks are separated by blank lines.
        search=False keeps a page out of the search index (a page with two languages would put the
        other language's words into this language's results)."""
        meta = {"title": escape(title), **self.meta} | ({} if search else {"search": {"exclude": True}})
        front = yaml.safe_dump(meta, allow_unicode=True, width=10**6)
        return f"---\n{front}---\n\n" + "\n\n".join([self.banner()] + self.blocks) + "\n"

    def banner(self) -> str:
        if self.lang == DEFAULT_LANGUAGE.code:
            return ""
        shown = self.states & set(model.SHOWN_AS_TRANSLATION)
        key = next((f"banner_{s}" for s in (model.DRAFT, model.REVIEWED, model.OFFICIAL) if s in shown), None)
        notes = [self.t(key)] if key else []
        if self.states - set(model.SHOWN_AS_TRANSLATION):
            notes.append(self.t("page_has_fallbacks"))
        if not notes:
            return ""
        kind = "info" if key == "banner_official" and len(notes) == 1 else "warning"
        body = "".join(f"<p>{escape(note)}</p>" for note in notes)
        return f'<div class="admonition {kind} vp-status" role="note">{body}</div>'


def describe(page: Page, description: str, rec: cite.Record = None, json_ld=None):
    """Page metadata for search engines and reference managers (rendered by overrides/main.html).

    The description is HTML-escaped here like the title (Material prints both as they are); vp_meta
    values are escaped by the template, and vp_jsonld is serialised there with `tojson`. Metadata never
    changes the page's translation banner: only text shown on the page does (Page.text)."""
    page.meta["description"] = escape(snippet(description))
    if rec:
        page.meta["vp_meta"] = [list(tag) for tag in cite.highwire(rec)]
        page.meta["vp_jsonld"] = cite.json_ld(rec)
    if json_ld:
        page.meta["vp_jsonld"] = json_ld


def snippet(text: str, limit: int = 200) -> str:
    """At most `limit` characters, cut at a space when there is one near the end (not in Chinese)."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 0.7 else cut).rstrip(" ,;:") + "…"


def edition_intro(page: Page, edition: model.Edition) -> str:
    conference, place = page.text(edition.conference).value, page.text(edition.place).value
    dates = date_range(edition.start, edition.end, page.lang)
    if edition.has_text:
        return page.t("edition_intro", count=len(edition.principles), conference=conference, place=place, dates=dates)
    return page.t("cite_held", cited=page.text(edition.title).value, conference=conference, place=place, dates=dates)


def principle_label(page: Page, principle: model.Principle) -> str:
    return page.t("principle_n", number=principle.number)


def relative(from_page: str, to_page: str) -> str:
    """Relative URL between two page paths of the same language ('principles/13/' -> 'text/')."""
    depth = from_page.count("/")
    return "../" * depth + to_page if (depth or to_page) else "./"


# ---- pages -----------------------------------------------------------------------------------------

def home_page(site: model.Site, edition: model.Edition, lang: str, records: dict) -> str:
    page = Page(site, lang)
    page.heading(1, edition.title, "top")
    if edition.subtitle:
        page.paragraph(edition.subtitle, css="vp-subtitle")
    rec = records["edition"]
    describe(page, edition_intro(page, edition), rec)
    page.meta["search"] = {"boost": 2}  # a search for the edition's name lists its home page first
    if edition.has_text:
        page.add(f'<p class="vp-intro">{escape(edition_intro(page, edition))}</p>')
        links = [(TEXT, "", page.t("read_full_text"))]
        if edition.summary:
            links.append((SUMMARY, "", page.text(edition.summary.title)))
        links += [(SIDE_BY_SIDE, "", page.t("side_by_side")), (STATUS, "", page.t("translation_status")),
                  (HISTORY, "", page.t("history")), (ABOUT, "", page.t("about")), (DATA, "", page.t("data"))]
        page.link_list(links)
        search_names(page, edition)
        groups_section(page, edition, HOME)
    else:
        page.add(f'<div class="admonition info" role="note"><p>{escape(page.t("text_not_imported"))}</p></div>')
        search_names(page, edition)
        edition_facts(page, edition)
    page.add(cite.cite_box(site, edition, rec, HOME))
    return page.render(page.text(edition.title).value)


def search_names(page: Page, edition: model.Edition):
    """The names readers type for this edition (misspellings too), in the search text of the home page's
    first section, after what its search result shows: `hidden` keeps them from sight and screen readers."""
    if edition.search_names:
        page.add(f'<p class="vp-search-names" hidden>{escape(" · ".join(edition.search_names))}</p>')


def groups_section(page: Page, edition: model.Edition, here: str):
    """The groups with their principles' titles, each linking to the principle's page."""
    for group in edition.groups:
        members = edition.principles_in(group)
        if not members:
            continue
        range_label = page.t("principles_range", first=members[0].number, last=members[-1].number)
        page.heading(2, group.title, f"group-{group.id}")
        page.add(f'<p class="vp-range">{escape(range_label)}</p>')
        for scope_id, principles in scoped(members):
            if scope_id:
                page.heading(3, edition.scope(scope_id).title, f"group-{group.id}-{scope_id}")
            page.link_list(
                (relative(here, principle_page(p)), principle_label(page, p), page.text(p.title) if p.title else "")
                for p in principles
            )


def scoped(principles):
    """Split consecutive principles by scope: [(None, [1..28]), ('regional', [29, 30])]."""
    runs = []
    for principle in principles:
        if not runs or runs[-1][0] != principle.scope:
            runs.append((principle.scope, []))
        runs[-1][1].append(principle)
    return runs


def principle_block(page: Page, edition: model.Edition, principle: model.Principle, level: int):
    if principle.title is None:  # the official document gives this principle no title
        page.heading(level, principle_label(page, principle), principle.anchor)
    else:
        page.heading(level, principle.title, principle.anchor, prefix=f"{principle_label(page, principle)}: ")
    for paragraph in principle.paragraphs:
        page.paragraph(paragraph.unit, principle.paragraph_anchor(paragraph), css="vp-paragraph")


def principle_page_md(site: model.Site, edition: model.Edition, principle: model.Principle, lang: str, records: dict) -> str:
    page = Page(site, lang)
    group = next(g for g in edition.groups if g.id == principle.group)
    labels = [page.text(group.title)] + ([page.text(edition.scope(principle.scope).title)] if principle.scope else [])
    principle_block(page, edition, principle, 1)
    crumbs = " · ".join(f"<span{lang_attrs(l, lang)}>{escape(l.value)}</span>" for l in labels)
    page.blocks.insert(1 if not page.blocks[0].startswith("<p class=\"vp-fallback") else 2, f'<p class="vp-group">{crumbs}</p>')
    side_by_side = relative(principle_page(principle), SIDE_BY_SIDE) + f"#{principle.anchor}"
    page.add(f'<p class="vp-side-link"><a href="{escape(side_by_side)}">{escape(page.t("read_side_by_side"))}</a></p>')
    rec = records[principle.anchor]
    describe(page, page.text(principle.paragraphs[0].unit).value, rec)
    page.add(cite.cite_box(site, edition, rec, principle_page(principle), principle.paragraph_anchor))
    title = f": {page.text(principle.title).value}" if principle.title else ""
    return page.render(principle_label(page, principle) + title)


def text_page(site: model.Site, edition: model.Edition, lang: str, records: dict) -> str:
    page = Page(site, lang)
    page.heading(1, edition.title, "top")
    describe(page, edition_intro(Page(site, lang), edition), records["edition"])  # a scratch page: not shown
    for group in edition.groups:
        members = edition.principles_in(group)
        if not members:
            continue
        page.heading(2, group.title, f"group-{group.id}")
        for scope_id, principles in scoped(members):
            if scope_id:
                page.heading(3, edition.scope(scope_id).title, f"group-{group.id}-{scope_id}")
            for principle in principles:
                principle_block(page, edition, principle, 4 if scope_id else 3)
    return page.render(f"{page.t('full_text')} — {page.text(edition.title).value}")


def summary_page(site: model.Site, edition: model.Edition, lang: str, records: dict) -> str:
    summary = edition.summary
    page = Page(site, lang)
    page.heading(1, summary.title, "top")
    for unit, css in ((summary.subtitle, "vp-subtitle"), (summary.note, "vp-note")):
        if unit:
            page.paragraph(unit, css=css)
    first = summary.sections[0].paragraphs[0].unit if summary.sections and summary.sections[0].paragraphs else summary.title
    describe(page, page.text(summary.subtitle or first).value, records["summary"])
    page.add(cite.cite_box(site, edition, records["summary"], SUMMARY, is_open=False))
    for section in summary.sections:
        page.heading(section.level, section.title, section.anchor)
        items = []
        for paragraph in section.paragraphs:
            if paragraph.item:
                items.append(paragraph)
                continue
            flush_items(page, section, items)
            page.paragraph(paragraph.unit, section.paragraph_anchor(paragraph), css="vp-paragraph")
        flush_items(page, section, items)
        page.add(cite.cite_box(site, edition, records[section.anchor], SUMMARY, section.paragraph_anchor, is_open=False))
    return page.render(page.text(summary.title).value)


def flush_items(page: Page, section: model.Section, items: list):
    """Consecutive list items of the source become one <ul>, each item addressable."""
    if not items:
        return
    start = len(page.blocks)
    for paragraph in items:
        page.paragraph(paragraph.unit, section.paragraph_anchor(paragraph), tag="li")
    page.blocks[start:] = ["<ul class=\"vp-items\">" + "".join(page.blocks[start:]) + "</ul>"]
    items.clear()


def history_page(site: model.Site, edition: model.Edition, lang: str) -> str:
    page = Page(site, lang)
    page.heading(1, page.t("history"), "top")
    page.add(f"<p>{escape(page.t('history_intro'))}</p>")
    describe(page, page.t("history_intro"))
    rows = []
    for event in edition.history:
        shown = page.text(event.text)
        rows.append(
            f'<tr><td><time datetime="{escape(event.date)}">{escape(when(event.date, lang))}</time></td>'
            f"<td{lang_attrs(shown, lang)}>{escape(shown.value)}</td><td><code>{escape(event.source)}</code></td></tr>"
        )
    head = f"<tr><th>{escape(page.t('document_date'))}</th><th></th><th>{escape(page.t('source'))}</th></tr>"
    page.add(f'<table class="vp-history"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>')
    edition_facts(page, edition)
    return page.render(f"{page.t('history')} — {page.text(edition.title).value}")


def edition_facts(page: Page, edition: model.Edition):
    """Conference, organisers and the official document, as a definition list. Unknown stays 'not known'."""
    doc = edition.document
    unknown = page.t("unknown")
    facts = [
        ("conference", page.text(edition.conference).value),
        ("place_and_dates", f"{page.text(edition.place).value}, {date_range(edition.start, edition.end, page.lang)}"),
        ("organisers", "; ".join(edition.organisers)),
    ]
    document = [
        ("document_title", doc.title), ("document_symbol", doc.symbol or unknown),
        ("document_date", when(doc.date, page.lang) if doc.date else unknown),
        ("document_bodies", doc.bodies or unknown), ("document_language", doc.language),
        ("document_file", f"{doc.file} (SHA-256 {doc.sha256})" if doc.file else unknown),
        ("document_imported", when(doc.imported, page.lang) if doc.imported else ""),
        ("document_note", doc.note or ""),
    ]
    page.add(f'<h2 id="edition-facts">{escape(edition.name)}</h2>' + definition_list(page, facts))
    page.add(f'<h2 id="official-document">{escape(page.t("official_document"))}</h2>' + definition_list(page, document))


def definition_list(page: Page, facts) -> str:
    rows = "".join(f"<dt>{escape(page.t(key))}</dt><dd>{escape(value)}</dd>" for key, value in facts if value)
    return f'<dl class="vp-facts">{rows}</dl>'


def content_page(site: model.Site, edition: model.Edition, lang: str, content: dict, name: str) -> str:
    """Hand-written page from content/<lang>/<name>.md (trusted Markdown), English with a notice if missing.
    Its title is the interface string `name` (the navigation's label)."""
    page = Page(site, lang)
    describe(page, edition_intro(Page(site, lang), edition))  # a scratch page: not shown
    own = content.get((lang, name))
    if own is None:
        page.states.add(model.MISSING)
        page.add(f'<p class="vp-fallback-note">{escape(page.t("fallback_missing"))}</p>')
        page.add(f'<div lang="en" dir="ltr" markdown="1">\n\n{content[("en", name)]}\n\n</div>')
    else:
        page.add(own)
    return page.render(page.t(name))


def status_page(site: model.Site, edition: model.Edition, lang: str) -> str:
    """Per language: share translated, reviewed and outdated, with bars; then every principle's state."""
    page = Page(site, lang)
    page.heading(1, page.t("translation_status"), "top")
    page.add(f"<p>{escape(page.t('status_intro'))}</p>")
    head = "".join(f'<th scope="col">{escape(page.t(key))}</th>' for key in
                   ("status_language", "status_translated", "status_reviewed", "status_outdated"))
    rows = []
    for other in LANGUAGES[1:]:
        shown = edition_progress(site, edition, other.code)
        cells = "".join(f"<td>{progress_bar(page, share)}</td>" for share in (shown.translated, shown.reviewed, shown.outdated))
        rows.append(f'<tr id="status-{other.code}"><th scope="row" lang="{other.code}" dir="{other.dir}">'
                    f"{escape(other.name)}</th>{cells}</tr>")
    page.add(f'<table class="vp-status-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
    page.heading(2, page.t("status_by_principle"), "by-principle")
    page.add(status_matrix(page, edition))
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
    head = "<th></th>" + "".join(f'<th scope="col" lang="{o.code}" dir="{o.dir}">{escape(o.name)}</th>' for o in LANGUAGES[1:])
    body = []
    for href, label, units in rows:
        name = f'<a href="{escape(href)}">{escape(label)}</a>' if href else escape(label)
        cells = "".join(status_cell(page, progress(page.site, units, o.code)) for o in LANGUAGES[1:])
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
    head = "".join(f'<th scope="col" lang="{l.code}" dir="{l.dir}">{escape(l.name)}</th>' for l in pair)
    bodies = []
    for principle in edition.principles:
        rows = [parallel_row(page, pair, principle.title, "th", lambda l: site.t("principle_n", l, number=principle.number) + ": ")
                ] if principle.title else []  # no title row when the official document gives none
        rows += [parallel_row(page, pair, p.unit, "td") for p in principle.paragraphs]
        bodies.append(f'<tbody id="{principle.anchor}">{"".join(rows)}</tbody>')
    page.add(f'<table class="vp-parallel" data-pair="{pair[0].code} {pair[1].code}"><thead><tr>{head}</tr></thead>{"".join(bodies)}</table>')
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
        f' lang="{o.code}" hreflang="{o.code}">{escape(o.name)}</a></li>' for o in LANGUAGES[1:] if o != pair[1])
    options = "".join(f'<option value="{o.code}" lang="{o.code}" data-dir="{o.dir}">{escape(o.name)}</option>'
                      for o in LANGUAGES)
    menus = "".join(f'<label>{escape(page.t(key))} <select name="{name}">{options}</select></label> '
                    for key, name in (("first_language", "first"), ("second_language", "second")))
    return (f'<nav class="vp-pairs" aria-label="{escape(page.t("side_by_side_pairs"))}"><p>{escape(page.t("side_by_side_pairs"))}:</p>'
            f'<ul>{links}</ul></nav>'
            f'<form class="vp-pair-form" hidden><fieldset><legend>{escape(page.t("side_by_side_choose"))}</legend>{menus}'
            f'<button type="submit">{escape(page.t("show"))}</button></fieldset></form>')


def data_page(site: model.Site, edition: model.Edition, lang: str, site_url: str) -> str:
    """The open-data files of this edition and language, and the site-wide ones (see opendata.py)."""
    page = Page(site, lang)
    page.heading(1, page.t("data"), "top")
    page.add(f"<p>{escape(page.t('data_intro'))}</p>")
    to_root = relative_root(site_path(edition.id, lang, DATA), "")
    page.link_list((to_root + path, path.rsplit(".", 1)[-1].upper(), page.t(key)) for key, path, _ in opendata.published(edition, lang))
    describe(page, page.t("data_intro"), json_ld=opendata.dataset_json_ld(site, edition, lang, site_url, page.t("data_intro")))
    return page.render(f"{page.t('data')} — {page.text(edition.title).value}")


# ---- one edition ----------------------------------------------------------------------------------

def pdf_link(site: model.Site, edition: model.Edition, lang: str, page: str, size) -> str:
    """'Download PDF (PDF, 305 kB)' from a page to the PDF of its edition and language."""
    href = relative(page, pdf_path(edition.id, lang).rsplit("/", 1)[1])
    details = f" ({escape(site.t('pdf_size', lang, size=file_size(size, lang)))})" if size else ""
    label = escape(site.t("download_pdf", lang))
    return f'<p class="vp-download"><a href="{escape(href)}" type="application/pdf" download>{label}</a>{details}</p>\n'


def page_path(markdown_path: str) -> str:
    """'index.md' -> '', 'principles/13.md' -> 'principles/13/': the URL mkdocs gives a Markdown file."""
    stem = markdown_path[: -len(".md")]
    return "" if stem == "index" else stem + "/"


def render_pages(site: model.Site, edition: model.Edition, lang: str, content: dict, site_url: str, pdf_size=None) -> dict:
    """docs-relative path -> Markdown, for one edition in one language; pdf_size (bytes) when the build
    also writes this edition's PDF, so every page links to it."""
    records = cite.records(site, edition, lang, site_url)
    pages = {
        "index.md": home_page(site, edition, lang, records),
        "history.md": history_page(site, edition, lang),
        "data.md": data_page(site, edition, lang, site_url),
    } | {f"{name}.md": content_page(site, edition, lang, content, name) for name in CONTENT_PAGES}
    if edition.has_text:
        pages["text.md"] = text_page(site, edition, lang, records)
        pages["translation-status.md"] = status_page(site, edition, lang)
        pages["side-by-side.md"] = side_by_side_page(site, edition, lang)
        for principle in edition.principles:
            pages[f"principles/{principle.number}.md"] = principle_page_md(site, edition, principle, lang, records)
    if edition.summary:
        pages["summary.md"] = summary_page(site, edition, lang, records)
    from . import compare  # imported here: it builds on this module
    pages = compare.with_comparisons(site, edition, lang, pages)
    assert len(pages) == len(edition_pages(edition))
    if edition.has_text:
        pages = {path: md + "\n" + pdf_link(site, edition, lang, page_path(path), pdf_size) for path, md in pages.items()}
    return pages


def nav(site: model.Site, edition: model.Edition, lang: str) -> list:
    t = lambda key, **values: template_text(site.t(key, lang, **values))
    items = [{t("home"): "index.md"}]
    if edition.has_text:
        items.append({t("full_text"): "text.md"})
        items.append({t("principles"): [
            {t("principle_n", number=p.number): f"principles/{p.number}.md"} for p in edition.principles
        ]})
    if edition.summary:
        items.append({t("summary"): "summary.md"})
    if edition.has_text:
        items += [{t("side_by_side"): "side-by-side.md"}, {t("translation_status"): "translation-status.md"}]
    if edition.predecessors:
        items.append({t("comparisons"): [{t("compare_with", older=site.edition(o).name): f"compare/{o}.md"} for o in edition.predecessors]})
    items += [{t("history"): "history.md"}, {t("data"): "data.md"}] + [{t(name): f"{name}.md"} for name in CONTENT_PAGES]
    return items


def render_mkdocs_config(site: model.Site, edition: model.Edition, lang: str, paths: dict, site_url: str) -> str:
    """The generated mkdocs.yml of one edition in one language.

    It INHERITs the root mkdocs.yml; mkdocs-static-i18n (configured here, used only through YAML) builds
    the one language (`build_only_locale`), so every language gets its own search index.
    """
    here = site_path(edition.id, lang, "")
    languages = [{
        "locale": other.code, "name": other.name, "default": other.code == lang, "build": other.code == lang,
        "site_name": template_text(site.text(edition.title, other.code).value),
        "nav": nav(site, edition, other.code),
        "theme": {"language": other.code, "direction": other.dir},
    } for other in LANGUAGES]
    # Language switcher: each page links to the same page in the other languages (mkdocs_hooks.py);
    # hreflang links need the absolute address ("url"), x-default being the English original.
    alternates = [{"name": other.name, "lang": other.code, "root": relative_root(here, site_path(edition.id, other.code, "")),
                   "url": site_url + site_path(edition.id, other.code, ""), "x_default": other == DEFAULT_LANGUAGE}
                  for other in LANGUAGES]
    config = {
        "INHERIT": paths["root_config"],
        "site_name": template_text(site.text(edition.title, lang).value),
        "site_url": f"{site_url}{here}",
        "docs_dir": "docs",
        "site_dir": paths["site_dir"],
        "theme": {"custom_dir": paths["overrides"], "language": lang, "direction": language(lang).dir},
        "hooks": [paths["hooks"]],
        "nav": nav(site, edition, lang),
        "plugins": [
            {"search": {"separator": SEARCH_SEPARATOR}},
            {"i18n": {"docs_structure": "folder", "fallback_to_default": False, "reconfigure_material": True,
                      "build_only_locale": lang, "languages": languages}},
        ],
        "extra": {"version": {"provider": "mike", "default": "latest"}, "vp_alternates": alternates,
                  "vp_og_locales": [og_locale(lang)] + [og_locale(other.code) for other in LANGUAGES if other.code != lang]},
    }
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=10**6)


def og_locale(lang: str) -> str:
    """Open Graph's language_TERRITORY: CLDR's likely territory when the locale names none (fr -> fr_FR)."""
    locale = Locale.parse(language(lang).babel_locale)
    if not locale.territory:
        locale = Locale.parse(get_global("likely_subtags")[locale.language])
    return f"{locale.language}_{locale.territory}"


def relative_root(from_root: str, to_root: str) -> str:
    """'fr/valletta-2025/' -> 'valletta-2025/' = '../../valletta-2025/' (site paths of two build roots)."""
    return "../" * from_root.count("/") + to_root
