"""Site renderer: the model -> the Markdown pages of one edition in one language (pure functions); the
engine's configuration is made by scripts/engine/config.py. The building blocks (escaping, Page) are in
page.py; the translation pages in translations.py; the comparison pages in compare.py."""
from urllib.parse import urlsplit

from .. import model
from ..config import DEFAULT_LANGUAGE
from ..permalinks import (
    ABOUT,
    CONTENT_PAGES,
    DATA,
    HISTORY,
    HOME,
    SIDE_BY_SIDE,
    STATUS,
    SUMMARY,
    TEXT,
    edition_pages,
    pdf_path,
    principle_page,
    relative_url,
    site_path,
)
from . import cite, compare, date_range, file_size, opendata, when
from .l10n import listing
from .page import (
    OFFICIAL_DOCUMENT,
    Page,
    describe,
    edition_facts,
    edition_intro,
    english,
    escape,
    foreign_attrs,
    lang_attrs,
    markdown_inline,
    principle_label,
    principle_prefix,
    relative,
    relative_root,
    runs_html,
    source_runs,
)
from .translations import side_by_side_page, status_page

EDITIONS = "editions"  # the anchor of the editions section on every edition's home and about page

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
    editions_section(page, edition, HOME)
    page.add(cite.cite_box(site, rec, HOME))
    return page.render(page.text(edition.title).value)


def editions_section(page: Page, edition: model.Edition, here: str):
    """Every edition, newest first, each a plain link to its home in the page's language (so that every
    edition is reachable without JavaScript), with its place, dates and what this site has of it. Kept out of
    the search index: it names the other editions."""
    page.add(f'## {markdown_inline(page.t("editions"))} {{#{EDITIONS} data-pagefind-ignore="all"}}')
    from_path = site_path(edition.id, page.lang, here)
    page.add(editions_list(page, lambda other: relative_url(from_path, site_path(other.id, page.lang, HOME)),
                           current=edition.id if here == HOME else None))


def editions_list(page: Page, href, current=None) -> str:
    """The editions as one raw HTML list; href(edition) -> URL of its home; current: the edition whose home
    the list is on (marked as the page itself)."""
    rows = []
    for edition in page.site.editions:
        title = page.label(edition.title)
        contents = ([page.t("edition_principles", count=len(edition.principles))] if edition.has_text else []) + \
                   ([page.t("summary")] if edition.summary else [])
        facts = page.t_html("edition_entry", place=page.label(edition.place), dates=date_range(edition.start, edition.end, page.lang),
                            contents=listing(contents, page.lang) if contents else page.t("edition_not_published"))
        mark = ' aria-current="page"' if edition.id == current else ""
        rows.append(f'<li><a href="{escape(href(edition))}"{mark}><span{lang_attrs(title, page.lang)}>{escape(title.value)}</span></a>'
                    f' <span class="vp-edition-facts">{facts}</span></li>')
    return '<ul class="vp-editions" data-pagefind-ignore="all">\n' + "\n".join(rows) + "\n</ul>"


def older_edition_notice(site: model.Site, edition: model.Edition, lang: str, here: str) -> str:
    """On every page of an edition that is not the newest: which edition it is, and a link to the newest
    (the same page there, but for a principle, whose number may mean another principle: its home)."""
    newest, page = site.latest, Page(site, lang)
    target = here if here in edition_pages(newest) and not here.startswith("principles/") else HOME
    href = relative_url(site_path(edition.id, lang, here), site_path(newest.id, lang, target))
    return (f'<div class="admonition note vp-older" role="note" data-pagefind-ignore="all"><p>'
            f'{page.t_html("older_edition", edition=english(edition.name))} '
            f'<a href="{escape(href)}">{page.t_html("newest_edition_link", newest=english(newest.name))}</a></p></div>')


def with_first_block(markdown: str, block: str) -> str:
    """A page's Markdown (front matter, then blocks) with `block` first, before the status banner."""
    end = markdown.index("\n---\n", 3) + len("\n---\n")
    return f"{markdown[:end]}\n{block}\n{markdown[end:]}"


def search_names(page: Page, edition: model.Edition):
    """The names readers type for this edition (misspellings too), in the search text of the home page's
    first section, after what its search result shows: `hidden` keeps them from sight and screen readers."""
    if edition.search_names:
        names = english(" · ".join(edition.search_names))
        page.add(f'<p class="vp-search-names"{foreign_attrs(names, page.lang)} hidden>{escape(names.value)}</p>')


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


def paragraph_records(records: dict, owner) -> list:
    """The records of each paragraph of a principle or section with several (none for one paragraph)."""
    return [records[owner.paragraph_anchor(p)] for p in owner.paragraphs] if len(owner.paragraphs) > 1 else []


def pinpoint(owner, paragraph: model.Paragraph):
    """The number shown before a paragraph, where its principle or section has several; else None."""
    return paragraph.number if len(owner.paragraphs) > 1 else None


def principle_block(page: Page, edition: model.Edition, principle: model.Principle, level: int):
    if principle.title is None:  # the official document gives this principle no title
        page.heading(level, principle_label(page, principle), principle.anchor)
    else:
        page.heading(level, principle.title, principle.anchor, prefix=principle_prefix(page, principle))
    for paragraph in principle.paragraphs:
        page.paragraph(paragraph.unit, principle.paragraph_anchor(paragraph), css="vp-paragraph", number=pinpoint(principle, paragraph))


def principle_page_md(site: model.Site, edition: model.Edition, principle: model.Principle, lang: str, records: dict) -> str:
    page = Page(site, lang)
    group = next(g for g in edition.groups if g.id == principle.group)
    labels = [page.label(group.title)] + ([page.label(edition.scope(principle.scope).title)] if principle.scope else [])
    principle_block(page, edition, principle, 1)
    crumbs = " · ".join(f"<span{lang_attrs(label, lang)}>{escape(label.value)}</span>" for label in labels)
    page.blocks.insert(1 if not page.blocks[0].startswith("<p class=\"vp-fallback") else 2, f'<p class="vp-group">{crumbs}</p>')
    side_by_side = relative(principle_page(principle), SIDE_BY_SIDE) + f"#{principle.anchor}"
    page.add(f'<p class="vp-side-link"><a href="{escape(side_by_side)}">{escape(page.t("read_side_by_side"))}</a></p>')
    rec = records[principle.anchor]
    describe(page, page.text(principle.paragraphs[0].unit).value, rec)
    page.add(cite.cite_box(site, rec, principle_page(principle), paragraph_records(records, principle)))
    title = principle_prefix(page, principle) + page.text(principle.title).value if principle.title else principle_label(page, principle)
    return page.render(title)


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
    page.add(cite.cite_box(site, records["summary"], SUMMARY, is_open=False))
    for section in summary.sections:
        page.heading(section.level, section.title, section.anchor)
        items = []
        for paragraph in section.paragraphs:
            if paragraph.item:
                items.append(paragraph)
                continue
            flush_items(page, section, items)
            page.paragraph(paragraph.unit, section.paragraph_anchor(paragraph), css="vp-paragraph", number=pinpoint(section, paragraph))
        flush_items(page, section, items)
        page.add(cite.cite_box(site, records[section.anchor], SUMMARY, paragraph_records(records, section), is_open=False))
    return page.render(page.text(summary.title).value)


def flush_items(page: Page, section: model.Section, items: list):
    """Consecutive list items of the source become one <ul>, each item addressable."""
    if not items:
        return
    start = len(page.blocks)
    for paragraph in items:
        page.paragraph(paragraph.unit, section.paragraph_anchor(paragraph), tag="li", number=pinpoint(section, paragraph))
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
        source = runs_html(source_runs(page, edition, event), lang)
        if event.source is None:  # the official document, described below
            source = f'<a href="#{OFFICIAL_DOCUMENT}">{source}</a>'
        rows.append(
            f'<tr><td><time datetime="{escape(event.date)}">{escape(when(event.date, lang))}</time></td>'
            f"<td{lang_attrs(shown, lang)}>{escape(shown.value)}</td><td>{source}</td></tr>"
        )
    head = f"<tr><th>{escape(page.t('document_date'))}</th><th></th><th>{escape(page.t('source'))}</th></tr>"
    page.add(f'<table class="vp-history"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>')
    edition_facts(page, edition)
    return page.render(f"{page.t('history')} — {page.text(edition.title).value}")


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
        if lang != DEFAULT_LANGUAGE.code:
            page.states.add(model.DRAFT)  # hand-written translations are unreviewed drafts: the banner says so
        page.add(own)
    if name == ABOUT.rstrip("/"):
        editions_section(page, edition, ABOUT)
    return page.render(page.t(name))


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

def pdf_link(site: model.Site, edition: model.Edition, lang: str, page: str, size, anchor: str = "") -> str:
    """'Download PDF (PDF, 305 kB)' from a page to the PDF of its edition and language; anchor: a named
    destination of the PDF (the web anchor of the page's principle or part), which a second link opens the PDF
    at. The download link has none: a downloaded file opens at its first page whatever the fragment."""
    href = relative(page, pdf_path(edition.id, lang).rsplit("/", 1)[1])
    details = f" ({escape(site.t('pdf_size', lang, size=file_size(size, lang)))})" if size else ""
    label = escape(site.t("download_pdf", lang))
    at = (f'<p class="vp-download vp-pdf-at"><a href="{escape(href)}#{escape(anchor)}" type="application/pdf">'
          f'{escape(site.t("read_in_pdf", lang))}</a></p>\n') if anchor else ""
    return f'<p class="vp-download"><a href="{escape(href)}" type="application/pdf" download>{label}</a>{details}</p>\n' + at


def page_path(markdown_path: str) -> str:
    """'index.md' -> '', 'principles/13.md' -> 'principles/13/': the URL mkdocs gives a Markdown file."""
    stem = markdown_path[: -len(".md")]
    return "" if stem == "index" else stem + "/"


def render_pages(site: model.Site, edition: model.Edition, lang: str, content: dict, site_url: str, pdf_size=None) -> dict:
    """docs-relative path -> Markdown, for one edition in one language; pdf_size (bytes) when the build
    also writes this edition's PDF, so every page links to it."""
    records = cite.records(site, edition, lang, site_url)  # with each paragraph's, by its anchor (pinpoints)
    records |= {rec.item.cite_id: rec for recs in cite.paragraph_records(site, edition, lang, site_url).values() for rec in recs}
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
    pages = compare.with_comparisons(site, edition, lang, pages)
    assert len(pages) == len(edition_pages(edition))
    if edition.has_text:
        # the PDF's named destinations are the web anchors (scripts/render/pdf.py)
        anchors = {f"principles/{p.number}.md": p.anchor for p in edition.principles} | {"summary.md": "summary"}
        pages = {path: md + "\n" + pdf_link(site, edition, lang, page_path(path), pdf_size, anchors.get(path, ""))
                 for path, md in pages.items()}
    if edition is not site.latest:
        pages = {path: with_first_block(md, older_edition_notice(site, edition, lang, page_path(path))) for path, md in pages.items()}
    return pages


# ---- the page for addresses that do not exist -------------------------------------------------------

def not_found_html(site: model.Site, lang: str, site_url: str) -> str:
    """The body of the 404 page of a language (the engine's template puts it in the page; scripts/commands.py
    copies the newest edition's to each language root, where servers look for it). It is served at any
    address, so its links are absolute paths. The search needs JavaScript: the paragraph offering it stays
    hidden until overrides/assets/vp.js reveals it."""
    page, root = Page(site, lang), urlsplit(site_url).path
    home = lambda edition: root + site_path(edition.id, lang, HOME)
    newest = site.latest
    return (f'<h1 id="top">{escape(page.t("not_found_title"))}</h1>'
            f'<p>{escape(page.t("not_found_intro"))}</p>'
            f'<p><a href="{escape(home(newest))}">{page.t_html("not_found_newest", edition=english(newest.name))}</a></p>'
            f'<p class="vp-search-offer" hidden>{escape(page.t("not_found_search"))} '
            f'<button type="button" class="md-button" data-vp-search-open>{escape(page.t("search"))}</button></p>'
            f'<h2 id="{EDITIONS}">{escape(page.t("editions"))}</h2>' + editions_list(page, home))
