"""The URL scheme, defined once. A URL once published never changes (see permalinks.lock).

    /<edition>/                      home of an edition, English (e.g. /valletta-2025/)
    /<lang>/<edition>/               the same in another language (/fr/valletta-2025/)
    [/<lang>]/<edition>/principles/<number>/#principle-<number>-<paragraph>
    [/<lang>]/<edition>/text/#principle-<number>      all principles on one page
    [/<lang>]/<edition>/summary/#summary-<section>-<paragraph>
    [/<lang>]/<edition>/history/      [/<lang>]/<edition>/about/      [/<lang>]/<edition>/translate/
    [/<lang>]/<edition>/translation-status/   [/<lang>]/<edition>/side-by-side/#principle-<number>
    [/<lang>]/<edition>/<edition>-<lang>.pdf   the PDF (named destinations = the web anchors)
    [/<lang>]/<newer>/compare/<older>/#principle-<number>   comparison of two editions (#dropped-<number>)
    [/<lang>]/<edition>/data/         open data: <edition>-<lang>.json and .akn.xml beside the page
    [/<lang>]/<edition>/cite/<edition>-<lang>-<id>.bib|.ris|.json   citation downloads (id: edition,
                                     principle-13, summary-...); also still at their first name cite/<id>.bib;
                                     cite/paragraphs/<edition>-<lang>-<id>.bib|...: every paragraph of an item
    [/<lang>]/latest/...             redirects to the newest edition
    [/<lang>]/p/<number>/            short URL: redirects to that principle of the newest edition
    /data/principles.yaml            the source itself, with its schema and the open data's schema

Language first: each language root (/ and /fr/ ...) is one versioned site whose versions are the editions,
which is the layout Material's version selector and per-language search indexes need.
"""
import os

from .config import DEFAULT_LANGUAGE

HOME, TEXT, SUMMARY, HISTORY, ABOUT, DATA = "", "text/", "summary/", "history/", "about/", "data/"
STATUS, SIDE_BY_SIDE = "translation-status/", "side-by-side/"
# Hand-written pages: content/<lang>/<name>.md -> the page <name>/ of every edition.
TRANSLATORS_GUIDE = "translate"  # the page for translators: it names the files they edit
CONTENT_PAGES = ("about", TRANSLATORS_GUIDE)
CITE, SHORT, ROOT_DATA = "cite/", "p/", "data/"
NOT_FOUND = "404.html"  # the engine's 404 page of each build, copied to each language root


def principle_page(principle) -> str:
    return f"principles/{principle.number}/"


def lang_prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANGUAGE.code else f"{lang}/"


def site_path(edition_id: str, lang: str, page: str) -> str:
    """Path of a page below the site root, e.g. 'fr/valletta-2025/principles/13/'."""
    return f"{lang_prefix(lang)}{edition_id}/{page}"


def relative_url(from_path: str, to_path: str) -> str:
    """Relative URL between two site paths ('fr/x/principles/13/' -> 'x/principles/13/' = '../../../../x/principles/13/')."""
    from_dir = from_path if from_path.endswith("/") or not from_path else from_path.rsplit("/", 1)[0] + "/"
    url = os.path.relpath(to_path or ".", from_dir.rstrip("/") or ".")
    url = "./" if url == "." else url
    return url + ("/" if to_path.endswith("/") and not url.endswith("/") else "")


def cite_name(edition_id: str, lang: str, cite_id: str) -> str:
    """'valletta-2025-fr-principle-13': names a citation record on its own (file name and citation key)."""
    return f"{edition_id}-{lang}-{cite_id}"


def cite_file(edition_id: str, lang: str, cite_id: str, extension: str) -> str:
    """Citation download of one citable item, relative to the edition root: 'cite/valletta-2025-fr-principle-13.bib'."""
    return f"{CITE}{cite_name(edition_id, lang, cite_id)}.{extension}"


def paragraphs_file(edition_id: str, lang: str, cite_id: str, extension: str) -> str:
    """The records of every paragraph of one item with several, relative to the edition root:
    'cite/paragraphs/valletta-2025-fr-summary-background.bib' (its own folder: no item's name can clash)."""
    return f"{CITE}paragraphs/{cite_name(edition_id, lang, cite_id)}.{extension}"


def legacy_cite_file(cite_id: str, extension: str) -> str:
    """The download's first name, without edition and language ('cite/principle-13.bib'): still published,
    with the same content, because URLs once published never change."""
    return f"{CITE}{cite_id}.{extension}"


def data_file(edition_id: str, lang: str, extension: str) -> str:
    """Open-data file of an edition in a language, relative to the edition root: 'data/valletta-2025-fr.json'."""
    return f"{DATA}{edition_id}-{lang}.{extension}"


def pdf_path(edition_id: str, lang: str) -> str:
    """Where the PDF goes below the site root: '[<lang>/]<edition>/<edition>-<lang>.pdf'."""
    return site_path(edition_id, lang, f"{edition_id}-{lang}.pdf")


def compare_page(older_id: str) -> str:
    """Comparison with an earlier edition, a page of the later edition: both ids are permanent."""
    return f"compare/{older_id}/"


def short_path(lang: str, number: int) -> str:
    """Short URL of a principle of the newest edition: 'p/13/', 'fr/p/13/'."""
    return f"{lang_prefix(lang)}{SHORT}{number}/"


def edition_pages(edition) -> list:
    """Every page of one edition in one language, as page paths relative to the language root."""
    pages = [HOME, HISTORY, DATA] + [f"{name}/" for name in CONTENT_PAGES]
    if edition.has_text:
        pages += [TEXT, STATUS, SIDE_BY_SIDE] + [principle_page(p) for p in edition.principles]
    if edition.summary:
        pages.append(SUMMARY)
    return pages + [compare_page(older) for older in edition.predecessors]


def unit_locations(edition):
    """(unit, page, anchor) for every unit of an edition: where a citer finds it on the site."""
    for unit in (edition.title, edition.subtitle, edition.conference, edition.place):
        if unit:
            yield unit, HOME, ""
    for label in edition.groups + edition.scopes:
        yield label.title, TEXT, ""
    for principle in edition.principles:
        if principle.title:
            yield principle.title, principle_page(principle), principle.anchor
        for paragraph in principle.paragraphs:
            yield paragraph.unit, principle_page(principle), principle.paragraph_anchor(paragraph)
    if edition.summary:
        for unit in (edition.summary.title, edition.summary.subtitle, edition.summary.note):
            if unit:
                yield unit, SUMMARY, ""
        for section in edition.summary.sections:
            yield section.title, SUMMARY, section.anchor
            for paragraph in section.paragraphs:
                yield paragraph.unit, SUMMARY, section.paragraph_anchor(paragraph)
    for event in edition.history:
        yield event.text, HISTORY, ""


def comparison_locations(site, edition):
    """(key, page, anchor) of every row of an edition's comparison pages: 'compare:bogota-2013:principle-13'."""
    from .concordance import comparison  # the concordance builds on the model, like this module's callers

    for older in edition.predecessors:
        for row in comparison(edition, site.edition(older)).rows:
            yield f"compare:{older}:{row.anchor}", compare_page(older), row.anchor
