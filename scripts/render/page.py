"""Building blocks of the site's pages: escaping, the Page that collects a page's Markdown, and the small
pieces several pages share (pure functions).

Everything from principles.yaml or a translation is escaped here, once: paragraphs are raw HTML blocks
built with html.escape (Markdown never sees them); headings, which Markdown must see for the table of
contents, also get every Markdown special character backslash-escaped. Explicit ids everywhere: heading
slugs would drop Chinese and Arabic text.
"""
import html
import re
import string

from .. import model
from ..config import DEFAULT_LANGUAGE, language
from . import cite, date_range, when, yaml_text
from .l10n import colon, comma, language_name, listing

OFFICIAL_DOCUMENT = "official-document"  # the anchor of an edition's official document on its pages

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


def english(value: str) -> model.Text:
    """Text that exists only in English (edition names, organisers, document titles from principles.yaml)."""
    return model.Text(value, DEFAULT_LANGUAGE.code, model.OFFICIAL)


def foreign_attrs(text: model.Text, page_lang: str) -> str:
    """lang_attrs, and for text that exists only in another language (names, titles: not a translation
    that is missing) translate="no", which tells translation tools to keep it as it is."""
    attrs = lang_attrs(text, page_lang)
    return attrs + ' translate="no"' if attrs and not text.is_fallback else attrs


def runs_html(runs, page_lang: str, inline=escape) -> str:
    """Runs of text (model.Text, or str in the page's language) as HTML: a run in another language is a
    <span> marked with its language and direction. inline: how a run's text is escaped (markdown_inline
    for a Markdown heading)."""
    parts = []
    for run in runs:
        shown = run if isinstance(run, model.Text) else model.Text(run, page_lang, model.OFFICIAL)
        body = inline(shown.value)
        parts.append(f"<span{foreign_attrs(shown, page_lang)}>{body}</span>" if shown.lang != page_lang else body)
    return "".join(parts)


# ---- the page ------------------------------------------------------------------------------------------

class Page:
    """Collects a page's Markdown and the states of what it shows: its own text (`text`: a principle's
    title and paragraphs, ...), which the banner reports, and the labels around it (`label`: group and
    scope headings), reported apart so that a draft label never downgrades reviewed text."""

    def __init__(self, site: model.Site, lang: str):
        self.site, self.lang, self.blocks, self.states, self.label_states = site, lang, [], set(), set()
        self.meta = {}  # more front matter: description, search, and vp_meta / vp_jsonld for overrides/main.html

    def t(self, key: str, **values) -> str:
        return self.site.t(key, self.lang, **values)

    def t_runs(self, key: str, **values) -> list:
        """An interface string as runs: its own words in the language it is shown in, each value that is a
        model.Text in that text's language (an edition name inside a translated sentence stays English)."""
        shown = self.site.text(self.site.ui[key], self.lang)
        model.formatted(shown, key, **{k: v.value if isinstance(v, model.Text) else v for k, v in values.items()})
        runs = []
        for literal, field, spec, _ in string.Formatter().parse(shown.value):
            if literal:
                runs.append(model.Text(literal, shown.lang, shown.state))
            if field is not None:
                value = values[field]
                runs.append(value if isinstance(value, model.Text) else model.Text(format(value, spec), shown.lang, shown.state))
        return runs

    def t_html(self, key: str, **values) -> str:
        return runs_html(self.t_runs(key, **values), self.lang)

    def text(self, unit: model.Unit) -> model.Text:
        shown = self.site.text(unit, self.lang)
        self.states.add(shown.state)
        return shown

    def label(self, unit: model.Unit) -> model.Text:
        shown = self.site.text(unit, self.lang)
        self.label_states.add(shown.state)
        return shown

    def add(self, block: str):
        self.blocks.append(block)

    def heading(self, level: int, unit_or_text, anchor: str, prefix=""):
        """A Markdown heading: a unit (marked if shown in English), or text in the page's language, or runs
        (a list, see runs_html); prefix: a label before it ("Principle 13: "), text or runs."""
        shown = self.text(unit_or_text) if isinstance(unit_or_text, model.Unit) else None
        attrs = f"#{anchor}" if anchor else ""
        if shown and shown.lang != self.lang and not prefix:
            attrs += f' lang="{shown.lang}" dir="{language(shown.lang).dir}"'
            runs = [shown.value]
        else:
            runs = [shown] if shown else (unit_or_text if isinstance(unit_or_text, list) else [unit_or_text])
        prefix = prefix if isinstance(prefix, list) else [prefix] * bool(prefix)
        suffix = f" {{{attrs.strip()}}}" if attrs else ""
        self.add(f"{'#' * level} {runs_html(prefix + runs, self.lang, markdown_inline)}{suffix}")
        if shown and shown.is_fallback:
            self.add(self.fallback_note(shown))

    def fallback_note(self, shown: model.Text) -> str:
        key = "fallback_outdated" if shown.state == model.OUTDATED else "fallback_missing"
        return f'<p class="vp-fallback-note">{escape(self.t(key))}</p>'

    def paragraph(self, unit: model.Unit, anchor: str = "", css: str = "", tag: str = "p", number=None):
        """One paragraph (or list item); number: its pinpoint, shown before it as a link to its anchor. The
        number stays outside the element of the text, which may be marked English (a fallback) while the
        number's label is in the page's language: a paragraph goes in a row with it (.vp-pinned), a list item
        holds it before the text."""
        shown = self.text(unit)
        attrs = (f' id="{anchor}"' if anchor else "") + (f' class="{css}"' if css else "")
        pin = self.pin(anchor, number) if number else ""
        text = escape(shown.value)
        if tag == "li" and shown.is_fallback:  # a list holds only items: note and English go inside the item
            classes = " ".join(filter(None, (css, "vp-fallback")))
            body = (f'<li{attrs.split(" class=")[0]} class="{classes}">{self.fallback_note(shown)}'
                    f"{pin}<span{lang_attrs(shown, self.lang)}>{text}</span></li>")
        elif tag == "li":
            body = f"<li{attrs}>{pin}{text}</li>"
        else:
            body = f"<{tag}{attrs}{lang_attrs(shown, self.lang)}>{text}</{tag}>"
            body = f'<div class="vp-pinned">{pin}{body}</div>' if pin else body
            body = f'<div class="vp-fallback">{self.fallback_note(shown)}{body}</div>' if shown.is_fallback else body
        self.add(body)

    def pin(self, anchor: str, number: int) -> str:
        """A paragraph's number, a plain link to its own anchor (its address, to copy without JavaScript);
        overrides/assets/vp.js adds a button that copies that address. Not indexed for search."""
        return (f'<a class="vp-pin" href="#{escape(anchor)}" aria-label="{escape(self.t("paragraph_n", number=number))}" '
                f'data-copy="{escape(self.t("copy_paragraph_link", number=number))}" data-copied="{escape(self.t("link_copied"))}" '
                f'data-pagefind-ignore="all">{number}</a> ')

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
        front = yaml_text(meta, sort_keys=True)
        return f"---\n{front}---\n\n" + "\n\n".join([self.banner()] + self.blocks) + "\n"

    def banner(self) -> str:
        """The page's status: the least reviewed state of its own text (of its labels, on a page with no
        text of its own), a note when its labels are less reviewed than its text, and one when any passage
        is shown in English."""
        if self.lang == DEFAULT_LANGUAGE.code:
            return ""
        order = (model.DRAFT, model.REVIEWED, model.OFFICIAL)
        worst = lambda states: next((s for s in order if s in states), None)
        best = worst(self.states) or worst(self.label_states)
        notes = [self.t(f"banner_{best}")] if best else []
        if best in (model.REVIEWED, model.OFFICIAL) and order.index(worst(self.label_states) or best) < order.index(best):
            notes.append(self.t("banner_labels_draft"))
        if (self.states | self.label_states) - set(model.SHOWN_AS_TRANSLATION):
            notes.append(self.t("page_has_fallbacks"))
        if not notes:
            return ""
        kind = "info" if best == model.OFFICIAL and len(notes) == 1 else "warning"
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

def place_and_dates(page: Page, edition: model.Edition) -> list:
    """Runs of 'St. Julian's, Malta, 12–13 March 2025' with the language's comma."""
    place = page.text(edition.place)
    return [place, comma(page.lang) + date_range(edition.start, edition.end, page.lang)]


def edition_intro(page: Page, edition: model.Edition) -> str:
    conference, place = page.text(edition.conference).value, page.text(edition.place).value
    dates = date_range(edition.start, edition.end, page.lang)
    if edition.has_text:
        return page.t("edition_intro", count=len(edition.principles), conference=conference, place=place, dates=dates)
    return page.t("cite_held", cited=page.text(edition.title).value, conference=conference, place=place, dates=dates)


def principle_label(page: Page, principle: model.Principle) -> str:
    return page.t("principle_n", number=principle.number)


def principle_prefix(page: Page, principle: model.Principle) -> str:
    """'Principle 13: ' before a title, with the language's colon ('Principe 13 : ', '原则 13：')."""
    return principle_label(page, principle) + colon(page.lang)


def edition_facts(page: Page, edition: model.Edition):
    """Conference, organisers and the official document, as a definition list. What is not known is said
    plainly ('not known'); names and titles that exist only in English are marked as English."""
    doc = edition.document
    unknown = page.t("unknown")
    in_english = lambda values: english(listing(values, DEFAULT_LANGUAGE.code)) if values else None
    facts = [
        ("conference", page.text(edition.conference)),
        ("place_and_dates", place_and_dates(page, edition)),
        ("organisers", in_english(edition.organisers)),
        ("facilitators", in_english(edition.facilitators)),
    ]
    document = [
        ("document_title", english(doc.title)), ("document_symbol", english(doc.symbol) if doc.symbol else unknown),
        ("document_date", when(doc.date, page.lang) if doc.date else unknown),
        ("document_publisher", cite.publisher(edition, page.lang) or unknown),
        ("document_bodies", english(doc.bodies) if doc.bodies else unknown),
        ("document_language", language_name(doc.language, page.lang)),
        ("document_note", english(doc.note) if doc.note else None),
    ]
    name = english(edition.name)
    page.add(f'<h2 id="edition-facts"{foreign_attrs(name, page.lang)}>{escape(name.value)}</h2>' + definition_list(page, facts))
    page.add(f'<h2 id="{OFFICIAL_DOCUMENT}">{escape(page.t("official_document"))}</h2>' + definition_list(page, document))


def definition_list(page: Page, facts) -> str:
    """facts: (label key, value): text in the page's language, a model.Text, or runs (a list)."""
    rows = "".join(f"<dt>{escape(page.t(key))}</dt><dd>{runs_html(value if isinstance(value, list) else [value], page.lang)}</dd>"
                   for key, value in facts if value)
    return f'<dl class="vp-facts">{rows}</dl>'


def source_runs(page: Page, edition: model.Edition, event: model.Event) -> list:
    """Where a dated fact comes from, as readers can find it: the edition's official document (described
    on the same page), or another document's title, date and symbol."""
    ref = event.source
    if ref is None:
        symbol = edition.document.symbol
        return [page.t("official_document")] + ([comma(page.lang), english(symbol)] if symbol else [])
    runs = [english(ref.title)]
    for value in (when(ref.date, page.lang) if ref.date else None, english(ref.symbol) if ref.symbol else None):
        runs += [comma(page.lang), value] if value else []
    return runs


def relative(from_page: str, to_page: str) -> str:
    """Relative URL between two page paths of the same language ('principles/13/' -> 'text/')."""
    depth = from_page.count("/")
    return "../" * depth + to_page if (depth or to_page) else "./"


def relative_root(from_root: str, to_root: str) -> str:
    """'fr/valletta-2025/' -> 'valletta-2025/' = '../../valletta-2025/' (site paths of two build roots)."""
    return "../" * from_root.count("/") + to_root
