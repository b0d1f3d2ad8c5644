"""Building blocks of the site's pages: escaping, the Page that collects a page's Markdown, and the small
pieces several pages share (pure functions).

Everything from principles.yaml or a translation is escaped here, once: paragraphs are raw HTML blocks
built with html.escape (Markdown never sees them); headings, which Markdown must see for the table of
contents, also get every Markdown special character backslash-escaped. Explicit ids everywhere: heading
slugs would drop Chinese and Arabic text.
"""
import html
import re

import yaml

from .. import model
from ..config import DEFAULT_LANGUAGE, language
from . import cite, date_range, when

# Exactly Python-Markdown's backslash-escapable characters (markdown.Markdown.ESCAPED_CHARS): escaping any
# other character would show the backslash. < and & are already HTML-escaped.
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()>#+\-.!])")


# ---- escaping --------------------------------------------------------------------------------------

def escape(value: str) -> str:
    return html.escape(value, quote=True)


def markdown_inline(value: str) -> str:
    """Text safe inside a Markdown heading: HTML-escaped, then Markdown syntax backslash-escaped."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(value, quote=False))


def lang_attrs(text: model.Text, page_lang: str) -> str:
    """` lang=".." dir=".."` when a unit is not in the page's language (an English fallback)."""
    if text.lang == page_lang:
        return ""
    return f' lang="{text.lang}" dir="{language(text.lang).dir}"'


# ---- the page ------------------------------------------------------------------------------------------

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
            # a space after the number, so that text extracted from the page (search excerpts) keeps them apart
            number = f'<span class="vp-num">{escape(prefix)}</span> ' if prefix else ""
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


def scroll_box(table: str, label: str) -> str:
    """A table wider than a phone in a box of its own that scrolls sideways (the page itself never does);
    focusable and named, so that it scrolls from the keyboard too and screen readers announce it."""
    return f'<div class="vp-scroll" role="region" aria-label="{escape(label)}" tabindex="0">{table}</div>'


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


# ---- shared pieces -------------------------------------------------------------------------------------

def edition_intro(page: Page, edition: model.Edition) -> str:
    conference, place = page.text(edition.conference).value, page.text(edition.place).value
    dates = date_range(edition.start, edition.end, page.lang)
    if edition.has_text:
        return page.t("edition_intro", count=len(edition.principles), conference=conference, place=place, dates=dates)
    return page.t("cite_held", cited=page.text(edition.title).value, conference=conference, place=place, dates=dates)


def principle_label(page: Page, principle: model.Principle) -> str:
    return page.t("principle_n", number=principle.number)


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


def relative(from_page: str, to_page: str) -> str:
    """Relative URL between two page paths of the same language ('principles/13/' -> 'text/')."""
    depth = from_page.count("/")
    return "../" * depth + to_page if (depth or to_page) else "./"


def relative_root(from_root: str, to_root: str) -> str:
    """'fr/valletta-2025/' -> 'valletta-2025/' = '../../valletta-2025/' (site paths of two build roots)."""
    return "../" * from_root.count("/") + to_root
