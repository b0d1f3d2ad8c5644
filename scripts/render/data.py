"""Files at the site root: versions.json (mike's format, for Material's version selector), the
permalink manifest, redirect pages (the `latest` alias, short URLs and retired URLs), sitemap.xml and
robots.txt."""
import json

from .. import model
from ..config import DEFAULT_LANGUAGE, LANGUAGES
from ..permalinks import (
    NOT_FOUND,
    ROOT_DATA,
    cite_file,
    comparison_locations,
    data_file,
    edition_pages,
    lang_prefix,
    legacy_cite_file,
    paragraphs_file,
    pdf_path,
    principle_page,
    relative_url,
    short_path,
    site_path,
    unit_locations,
)
from . import cite, opendata, sitemap
from .cite import download_urls, paragraph_downloads, paragraph_items
from .opendata import SOURCE_FILES
from .page import escape

LATEST = "latest"


def render_versions(site: model.Site) -> str:
    """mike's versions.json. Material's version selector writes each title into the page as HTML: escaped."""
    versions = [
        {"version": e.id, "title": escape(e.name), "aliases": [LATEST] if e is site.latest else []}
        for e in site.editions
    ]
    return json.dumps(versions, ensure_ascii=False, indent=2) + "\n"


def page_paths(site: model.Site) -> list:
    """Every page of every edition in every language (each has its versions in the other languages)."""
    return sorted(site_path(edition.id, lang.code, page)
                  for edition in site.editions for lang in LANGUAGES for page in edition_pages(edition))


def site_paths(site: model.Site) -> list:
    """Every page and PDF path the build publishes, sorted: what permalinks.lock protects."""
    pdfs = {pdf_path(e.id, lang.code) for e in site.editions if e.has_text for lang in LANGUAGES}
    return sorted(set(page_paths(site)) | pdfs)


def render_permalinks(site: model.Site, site_url: str) -> str:
    """{edition: {unit or page id: {lang: {url, anchor}}}} for principles, sections and pages."""
    manifest = {"site_url": site_url, "latest": site.latest.id, "editions": {},
                "files": {name: site_url + ROOT_DATA + name for name in SOURCE_FILES} | {"sitemap.xml": site_url + "sitemap.xml"}}
    for edition in site.editions:
        entries, files, several = {}, {}, paragraph_items(edition)
        for lang in LANGUAGES:
            cite = lambda cite_id, edition=edition, lang=lang: download_urls(site_url, edition.id, lang.code, cite_id)
            paragraphs = lambda cite_id, edition=edition, lang=lang, several=several: (
                {"cite_paragraphs": paragraph_downloads(site_url, edition.id, lang.code, cite_id)}
                                          if cite_id in several else {})
            for page in edition_pages(edition):
                key = "page:" + (page.rstrip("/") or "home")
                entries.setdefault(key, {})[lang.code] = {"url": site_url + site_path(edition.id, lang.code, page), "anchor": ""}
            if edition.has_text:
                entries.setdefault("pdf", {})[lang.code] = {"url": site_url + pdf_path(edition.id, lang.code), "anchor": ""}
            entries["page:home"][lang.code]["cite"] = cite("edition")
            for principle in edition.principles:
                entries.setdefault(principle.id, {})[lang.code] = {
                    "number": principle.number,
                    "url": site_url + site_path(edition.id, lang.code, principle_page(principle)),
                    "anchor": principle.anchor,
                    "cite": cite(principle.anchor),
                } | paragraphs(principle.anchor)
                if edition is site.latest:
                    entries[principle.id][lang.code]["short_url"] = site_url + short_path(lang.code, principle.number)
            for _unit, page, anchor in unit_locations(edition):
                if anchor.startswith("summary-"):
                    entries.setdefault(anchor, {})[lang.code] = {"url": site_url + site_path(edition.id, lang.code, page), "anchor": anchor}
                    if anchor in {s.anchor for s in edition.summary.sections}:
                        entries[anchor][lang.code] |= {"cite": cite(anchor)} | paragraphs(anchor)
            if edition.summary:
                entries["page:summary"][lang.code]["cite"] = cite("summary")
            for key, page, anchor in comparison_locations(site, edition):
                entries.setdefault(key, {})[lang.code] = {"url": site_url + site_path(edition.id, lang.code, page), "anchor": anchor}
            files[lang.code] = {"json": site_url + site_path(edition.id, lang.code, data_file(edition.id, lang.code, "json"))}
            if edition.has_text:
                files[lang.code]["akn"] = site_url + site_path(edition.id, lang.code, data_file(edition.id, lang.code, "akn.xml"))
        manifest["editions"][edition.id] = {"name": edition.name, "entries": entries, "data": files}
    return json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def alias_targets(site: model.Site, lang: str) -> list:
    """(alias path, target path) of one language's aliases, by the rule of README "Permalinks":

    - the language root and `latest/` lead to the newest edition;
    - `latest/<page>/` leads to that page of the newest edition that has it, and `p/<N>/` to principle N of
      the newest edition that has a principle N: an alias never disappears when an edition without that page
      or number is added, it keeps leading to the last edition that had it;
    - `aliases:` in principles.yaml overrides the rule for an alias (all languages): `p/1/: valletta-2025`
      keeps /p/1/ at that edition's principle 1.
    """
    prefix = lang_prefix(lang)
    chosen = dict(site.aliases)
    pages_of = {edition.id: edition_pages(edition) for edition in site.editions}  # each edition's, once

    def target(alias: str, page: str, editions) -> str:
        edition = site.edition(chosen[alias]) if alias in chosen else next(e for e in editions if page in pages_of[e.id])
        return site_path(edition.id, lang, page)

    found = [(prefix, site_path(site.latest.id, lang, ""))]
    pages = dict.fromkeys(page for edition in site.editions for page in pages_of[edition.id])
    found += [(f"{prefix}{LATEST}/{page}", target(f"{LATEST}/{page}", page, site.editions)) for page in pages]
    numbers = sorted({p.number for edition in site.editions for p in edition.principles})
    found += [(short_path(lang, n), target(short_path(DEFAULT_LANGUAGE.code, n), f"principles/{n}/", site.editions))
              for n in numbers]
    return found


def aliases(site: model.Site) -> list:
    """(alias path, target path) of every language: the addresses that always lead to the current text."""
    return [pair for lang in LANGUAGES for pair in alias_targets(site, lang.code)]


def redirects(site: model.Site) -> list:
    """(old path, target path) of every address that leads elsewhere, both site paths of pages: the aliases
    and the retired URLs of principles.yaml `redirects:`. One table for the redirect pages and the server
    configurations."""
    return aliases(site) + [(old.rstrip("/") + "/", new) for old, new in site.redirects]


# Carries the #fragment over (a meta refresh drops it: /p/13/#principle-13-1 would land at the top). The same
# text on every redirect page, so one hash in the Content-Security-Policy allows it (scripts/finish.py).
REDIRECT_SCRIPT = 'location.replace(document.querySelector("link[rel=canonical]").href + location.hash)'


def render_redirect(target: str) -> str:
    """A static redirect page: the script keeps the #fragment; without JavaScript, the meta refresh and the
    link (fragment lost); the canonical link for search engines."""
    target = escape(target)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<title>Redirecting</title><link rel="canonical" href="{target}"><script>{REDIRECT_SCRIPT}</script>'
        f'<meta http-equiv="refresh" content="0; url={target}"></head>'
        f'<body><p><a href="{target}">{target}</a></p></body></html>\n'
    )


ROOT_FILES = ("permalinks.json", "sitemap.xml", "robots.txt")


def published_paths(site: model.Site) -> frozenset:
    """Every path the build publishes apart from mkdocs' own assets: pages (ending in /) and files. What a
    redirect or a link in a content page may lead to, and what a redirect may not replace. (The paths
    root_files, opendata.reuse_files and the PDFs write; tests/test_redirects.py holds it to a real build.)"""
    paths = set(site_paths(site)) | {alias for alias, _ in aliases(site)} | set(ROOT_FILES)
    for lang in LANGUAGES:
        paths |= {f"{lang_prefix(lang.code)}versions.json", f"{lang_prefix(lang.code)}{NOT_FOUND}"}
        for edition in site.editions:
            paths |= {path for _, path, _ in opendata.published(edition, lang.code)}
            paths |= {site_path(edition.id, lang.code, name) for item in cite.items(edition) for ext in cite.FORMATS
                      for name in (cite_file(edition.id, lang.code, item.cite_id, ext), legacy_cite_file(item.cite_id, ext))}
            paths |= {site_path(edition.id, lang.code, paragraphs_file(edition.id, lang.code, owner, ext))
                      for owner in cite.paragraph_items(edition) for ext in cite.FORMATS}
    return frozenset(paths)


def root_files(site: model.Site, site_url: str) -> dict:
    """site path -> content of everything outside the per-edition builds."""
    files = {"permalinks.json": render_permalinks(site, site_url), "sitemap.xml": sitemap.render_sitemap(site, site_url),
             "robots.txt": sitemap.render_robots(site_url)}
    for lang in LANGUAGES:
        files[f"{lang_prefix(lang.code)}versions.json"] = render_versions(site)
    for old, new in redirects(site):
        files[f"{old}index.html"] = render_redirect(relative_url(old, new))
    return files
