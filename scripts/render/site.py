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

from .. import model
from ..config import DEFAULT_LANGUAGE, LANGUAGES, language
from ..permalinks import ABOUT, HISTORY, HOME, SUMMARY, TEXT, edition_pages, principle_page, site_path
from . import date_range, when

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

    def render(self, title: str) -> str:
        """Front matter + status banner + the blocks. Raw HTML blocks are separated by blank lines."""
        front = yaml.safe_dump({"title": escape(title)}, allow_unicode=True, width=10**6)
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


def principle_label(page: Page, principle: model.Principle) -> str:
    return page.t("principle_n", number=principle.number)


def relative(from_page: str, to_page: str) -> str:
    """Relative URL between two page paths of the same language ('principles/13/' -> 'text/')."""
    depth = from_page.count("/")
    return "../" * depth + to_page if (depth or to_page) else "./"


# ---- pages -----------------------------------------------------------------------------------------

def home_page(site: model.Site, edition: model.Edition, lang: str) -> str:
    page = Page(site, lang)
    page.heading(1, edition.title, "top")
    if edition.subtitle:
        page.paragraph(edition.subtitle, css="vp-subtitle")
    conference, place = page.text(edition.conference).value, page.text(edition.place).value
    dates = date_range(edition.start, edition.end, lang)
    if edition.has_text:
        intro = page.t("edition_intro", count=len(edition.principles), conference=conference, place=place, dates=dates)
        page.add(f'<p class="vp-intro">{escape(intro)}</p>')
        links = [(TEXT, "", page.t("read_full_text"))]
        if edition.summary:
            links.append((SUMMARY, "", page.text(edition.summary.title)))
        links += [(HISTORY, "", page.t("history")), (ABOUT, "", page.t("about"))]
        page.link_list(links)
        groups_section(page, edition, HOME)
    else:
        page.add(f'<div class="admonition info" role="note"><p>{escape(page.t("text_not_imported"))}</p></div>')
        edition_facts(page, edition)
    return page.render(page.text(edition.title).value)


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
                (relative(here, principle_page(p)), principle_label(page, p), page.text(p.title))
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
    page.heading(level, principle.title, principle.anchor, prefix=f"{principle_label(page, principle)}: ")
    for paragraph in principle.paragraphs:
        page.paragraph(paragraph.unit, principle.paragraph_anchor(paragraph), css="vp-paragraph")


def principle_page_md(site: model.Site, edition: model.Edition, principle: model.Principle, lang: str) -> str:
    page = Page(site, lang)
    group = next(g for g in edition.groups if g.id == principle.group)
    labels = [page.text(group.title)] + ([page.text(edition.scope(principle.scope).title)] if principle.scope else [])
    principle_block(page, edition, principle, 1)
    crumbs = " · ".join(f"<span{lang_attrs(l, lang)}>{escape(l.value)}</span>" for l in labels)
    page.blocks.insert(1 if not page.blocks[0].startswith("<p class=\"vp-fallback") else 2, f'<p class="vp-group">{crumbs}</p>')
    year = edition.start[:4]
    citation = page.t("citation", title=page.text(edition.title).value, year=year, number=principle.number)
    page.add(f'<p class="vp-cite"><strong>{escape(page.t("cite_as"))}:</strong> {escape(citation)}</p>')
    return page.render(f"{principle_label(page, principle)}: {page.text(principle.title).value}")


def text_page(site: model.Site, edition: model.Edition, lang: str) -> str:
    page = Page(site, lang)
    page.heading(1, edition.title, "top")
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


def summary_page(site: model.Site, edition: model.Edition, lang: str) -> str:
    summary = edition.summary
    page = Page(site, lang)
    page.heading(1, summary.title, "top")
    for unit, css in ((summary.subtitle, "vp-subtitle"), (summary.note, "vp-note")):
        if unit:
            page.paragraph(unit, css=css)
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
        ("document_note", doc.note or ""),
    ]
    page.add(f'<h2 id="edition-facts">{escape(edition.name)}</h2>' + definition_list(page, facts))
    page.add(f'<h2 id="official-document">{escape(page.t("official_document"))}</h2>' + definition_list(page, document))


def definition_list(page: Page, facts) -> str:
    rows = "".join(f"<dt>{escape(page.t(key))}</dt><dd>{escape(value)}</dd>" for key, value in facts if value)
    return f'<dl class="vp-facts">{rows}</dl>'


def about_page(site: model.Site, edition: model.Edition, lang: str, content: dict) -> str:
    """Hand-written page from content/<lang>/about.md (trusted Markdown), English with a notice if missing."""
    page = Page(site, lang)
    own = content.get((lang, "about"))
    if own is None:
        page.states.add(model.MISSING)
        page.add(f'<p class="vp-fallback-note">{escape(page.t("fallback_missing"))}</p>')
        page.add(f'<div lang="en" dir="ltr" markdown="1">\n\n{content[("en", "about")]}\n\n</div>')
    else:
        page.add(own)
    return page.render(page.t("about"))


# ---- one edition ----------------------------------------------------------------------------------

def render_pages(site: model.Site, edition: model.Edition, lang: str, content: dict) -> dict:
    """docs-relative path -> Markdown, for one edition in one language."""
    pages = {
        "index.md": home_page(site, edition, lang),
        "history.md": history_page(site, edition, lang),
        "about.md": about_page(site, edition, lang, content),
    }
    if edition.has_text:
        pages["text.md"] = text_page(site, edition, lang)
        for principle in edition.principles:
            pages[f"principles/{principle.number}.md"] = principle_page_md(site, edition, principle, lang)
    if edition.summary:
        pages["summary.md"] = summary_page(site, edition, lang)
    assert len(pages) == len(edition_pages(edition))
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
    items += [{t("history"): "history.md"}, {t("about"): "about.md"}]
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
    # Language switcher: each page links to the same page in the other languages (mkdocs_hooks.py).
    alternates = [{"name": other.name, "lang": other.code, "root": relative_root(here, site_path(edition.id, other.code, ""))}
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
        "extra": {"version": {"provider": "mike", "default": "latest"}, "vp_alternates": alternates},
    }
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=10**6)


def relative_root(from_root: str, to_root: str) -> str:
    """'fr/valletta-2025/' -> 'valletta-2025/' = '../../valletta-2025/' (site paths of two build roots)."""
    return "../" * from_root.count("/") + to_root
