"""Files at the site root: versions.json (mike's format, for Material's version selector), the
permalink manifest, redirect pages (the `latest` alias, short URLs and retired URLs), sitemap.xml and
robots.txt."""
import json

from .. import model
from ..config import LANGUAGES
from ..permalinks import (ROOT_DATA, cite_file, comparison_locations, data_file, edition_pages, lang_prefix, pdf_path,
                          principle_page, short_path, site_path, unit_locations)
from . import cite, opendata, sitemap
from .cite import download_urls
from .opendata import SOURCE_FILES
from .page import escape

LATEST = "latest"


def render_versions(site: model.Site) -> str:
    versions = [
        {"version": e.id, "title": e.name, "aliases": [LATEST] if e is site.latest else []}
        for e in site.editions
    ]
    return json.dumps(versions, ensure_ascii=False, indent=2) + "\n"


def site_paths(site: model.Site) -> list:
    """Every page and PDF path the build publishes, sorted: what permalinks.lock protects."""
    paths = {
        site_path(edition.id, lang.code, page)
        for edition in site.editions for lang in LANGUAGES for page in edition_pages(edition)
    }
    paths |= {pdf_path(e.id, lang.code) for e in site.editions if e.has_text for lang in LANGUAGES}
    return sorted(paths)


def render_permalinks(site: model.Site, site_url: str) -> str:
    """{edition: {unit or page id: {lang: {url, anchor}}}} for principles, sections and pages."""
    manifest = {"site_url": site_url, "latest": site.latest.id, "editions": {},
                "files": {name: site_url + ROOT_DATA + name for name in SOURCE_FILES} | {"sitemap.xml": site_url + "sitemap.xml"}}
    for edition in site.editions:
        entries, files = {}, {}
        for lang in LANGUAGES:
            cite = lambda cite_id: download_urls(site_url, edition.id, lang.code, cite_id)
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
                }
                if edition is site.latest:
                    entries[principle.id][lang.code]["short_url"] = site_url + short_path(lang.code, principle.number)
            for unit, page, anchor in unit_locations(edition):
                if anchor.startswith("summary-"):
                    entries.setdefault(anchor, {})[lang.code] = {"url": site_url + site_path(edition.id, lang.code, page), "anchor": anchor}
                    if anchor in {s.anchor for s in edition.summary.sections}:
                        entries[anchor][lang.code]["cite"] = cite(anchor)
            if edition.summary:
                entries["page:summary"][lang.code]["cite"] = cite("summary")
            for key, page, anchor in comparison_locations(site, edition):
                entries.setdefault(key, {})[lang.code] = {"url": site_url + site_path(edition.id, lang.code, page), "anchor": anchor}
            files[lang.code] = {"json": site_url + site_path(edition.id, lang.code, data_file(edition.id, lang.code, "json"))}
            if edition.has_text:
                files[lang.code]["akn"] = site_url + site_path(edition.id, lang.code, data_file(edition.id, lang.code, "akn.xml"))
        manifest["editions"][edition.id] = {"name": edition.name, "entries": entries, "data": files}
    return json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def render_redirect(target: str) -> str:
    """A static redirect page (works without JavaScript; canonical link for search engines)."""
    target = escape(target)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<title>Redirecting</title><link rel="canonical" href="{target}">'
        f'<meta http-equiv="refresh" content="0; url={target}"></head>'
        f'<body><p><a href="{target}">{target}</a></p></body></html>\n'
    )


def alias_pages(site: model.Site) -> dict:
    """page path -> relative target of the redirect pages every build writes: each language root, the
    `latest` alias of every page of the newest edition, and the short URLs."""
    pages = {}
    for lang in LANGUAGES:
        prefix = lang_prefix(lang.code)
        pages[prefix] = f"{site.latest.id}/"
        for page in edition_pages(site.latest):  # the `latest` alias of each language root
            pages[f"{prefix}{LATEST}/{page}"] = "../" * (page.count("/") + 1) + f"{site.latest.id}/{page}"
        for principle in site.latest.principles:  # short URLs: /p/13/ -> /valletta-2025/principles/13/
            pages[short_path(lang.code, principle.number)] = f"../../{site.latest.id}/{principle_page(principle)}"
    return pages


ROOT_FILES = ("permalinks.json", "sitemap.xml", "robots.txt")


def published_paths(site: model.Site) -> frozenset:
    """Every path the build publishes apart from mkdocs' own assets: pages (ending in /) and files. What a
    redirect or a link in a content page may lead to, and what a redirect may not replace. (The paths
    root_files, opendata.reuse_files and the PDFs write; tests/test_redirects.py holds it to a real build.)"""
    paths = set(site_paths(site)) | set(alias_pages(site)) | set(ROOT_FILES)
    for lang in LANGUAGES:
        paths.add(f"{lang_prefix(lang.code)}versions.json")
        for edition in site.editions:
            paths |= {path for _, path, _ in opendata.published(edition, lang.code)}
            paths |= {site_path(edition.id, lang.code, cite_file(item.cite_id, ext))
                      for item in cite.items(edition) for ext in cite.FORMATS}
    return frozenset(paths)


def root_files(site: model.Site, site_url: str) -> dict:
    """site path -> content of everything outside the per-edition builds."""
    files = {"permalinks.json": render_permalinks(site, site_url), "sitemap.xml": sitemap.render_sitemap(site, site_url),
             "robots.txt": sitemap.render_robots(site_url)}
    for lang in LANGUAGES:
        files[f"{lang_prefix(lang.code)}versions.json"] = render_versions(site)
    files |= {f"{path}index.html": render_redirect(target) for path, target in alias_pages(site).items()}
    for old, new in site.redirects:
        depth = old.rstrip("/").count("/") + 1
        files[f"{old.rstrip('/')}/index.html"] = render_redirect("../" * depth + new)
    return files
