"""Open data: per edition and language, one JSON file with every group, principle and summary section,
their ids, permalinks and translation status (documented by data.schema.json at the top of the
repository); the list of files the Data page offers; and every reuse file the build writes outside the
mkdocs builds (the JSON, Akoma Ntoso XML, citation downloads, and the source with its schemas).
"""
import json
from collections import Counter

from .. import model
from ..config import LANGUAGES
from ..permalinks import (
    DATA,
    HOME,
    ROOT_DATA,
    SUMMARY,
    data_file,
    paragraphs_file,
    pdf_path,
    principle_page,
    short_path,
    site_path,
    unit_locations,
)
from . import akn, cite

# Files published once at the site root, under /data/, from the repository's top level.
SOURCE_FILES = {"principles.yaml": "application/yaml", "principles.schema.json": "application/schema+json",
                "data.schema.json": "application/schema+json"}
JSON_TYPE, AKN_TYPE, PDF_TYPE = "application/json", "application/akn+xml", "application/pdf"


def text_value(site: model.Site, unit, lang: str):
    """A unit as this language's readers see it: its text, the language it is in and its review state."""
    if unit is None:
        return None
    shown = site.text(unit, lang)
    return {"text": shown.value, "lang": shown.lang, "status": shown.state}


def downloads(rec: cite.Record) -> dict:
    return {ext: url for ext, url in rec.downloads}


def paragraphs(site, owner, lang: str, page_url: str) -> list:
    return [{"number": p.number, "anchor": owner.paragraph_anchor(p), "url": f"{page_url}#{owner.paragraph_anchor(p)}",
             "item": p.item, "text": text_value(site, p.unit, lang)} for p in owner.paragraphs]


def edition_data(site: model.Site, edition: model.Edition, lang: str, site_url: str) -> dict:
    """The JSON document of one edition in one language (see data.schema.json)."""
    url = lambda page: site_url + site_path(edition.id, lang, page)
    records = cite.records(site, edition, lang, site_url)
    doc = edition.document
    principles = []
    for p in edition.principles:
        principles.append({
            "id": p.id, "number": p.number, "group": p.group, "scope": p.scope, "anchor": p.anchor,
            "url": url(principle_page(p)),
            "short_url": site_url + short_path(lang, p.number) if edition is site.latest else None,
            "title": text_value(site, p.title, lang), "paragraphs": paragraphs(site, p, lang, url(principle_page(p))),
            "cite": downloads(records[p.anchor]),
        })
    summary = None
    if edition.summary:
        s = edition.summary
        summary = {
            "url": url(SUMMARY), "title": text_value(site, s.title, lang), "subtitle": text_value(site, s.subtitle, lang),
            "note": text_value(site, s.note, lang), "cite": downloads(records["summary"]),
            "sections": [{"id": section.id, "level": section.level, "anchor": section.anchor,
                          "url": f"{url(SUMMARY)}#{section.anchor}", "title": text_value(site, section.title, lang),
                          "paragraphs": paragraphs(site, section, lang, url(SUMMARY)),
                          "cite": downloads(records[section.anchor])} for section in s.sections],
        }
    states = Counter(site.text(unit, lang).state for unit, _, _ in unit_locations(edition))
    return {
        "$schema": site_url + ROOT_DATA + "data.schema.json",
        "language": lang,
        "source": site_url + ROOT_DATA + "principles.yaml",
        "edition": {
            "id": edition.id, "name": edition.name, "url": url(HOME),
            "title": text_value(site, edition.title, lang), "subtitle": text_value(site, edition.subtitle, lang),
            "conference": text_value(site, edition.conference, lang), "place": text_value(site, edition.place, lang),
            "start": edition.start, "end": edition.end, "organisers": list(edition.organisers),
            "facilitators": list(edition.facilitators), "author": cite.author(site, edition, lang),
            "document": {"title": doc.title, "symbol": doc.symbol, "date": doc.date,
                         "publisher": cite.publisher(edition, lang), "language": doc.language},
            "pdf": site_url + pdf_path(edition.id, lang) if edition.has_text else None,
            "akn": url(data_file(edition.id, lang, "akn.xml")) if edition.has_text else None,
            "cite": downloads(records["edition"]),
        },
        "translation": {state: states.get(state, 0)
                        for state in (model.OFFICIAL, model.REVIEWED, model.DRAFT, model.OUTDATED, model.MISSING)},
        "groups": [{"id": g.id, "anchor": f"group-{g.id}", "title": text_value(site, g.title, lang),
                    "principles": [p.id for p in edition.principles_in(g)]} for g in edition.groups],
        "scopes": [{"id": scope.id, "title": text_value(site, scope.title, lang)} for scope in edition.scopes],
        "principles": principles,
        "summary": summary,
    }


def render_edition_json(site: model.Site, edition: model.Edition, lang: str, site_url: str) -> str:
    return json.dumps(edition_data(site, edition, lang, site_url), ensure_ascii=False, indent=1) + "\n"


def published(edition: model.Edition, lang: str) -> list:
    """(interface string key, site path, media type) of every file the Data page of an edition offers."""
    files = [("data_json", site_path(edition.id, lang, data_file(edition.id, lang, "json")), JSON_TYPE),
             ("data_schema", ROOT_DATA + "data.schema.json", SOURCE_FILES["data.schema.json"])]
    if edition.has_text:
        files += [("data_akn", site_path(edition.id, lang, data_file(edition.id, lang, "akn.xml")), AKN_TYPE),
                  ("data_pdf", pdf_path(edition.id, lang), PDF_TYPE)]
    files += [("data_source", ROOT_DATA + "principles.yaml", SOURCE_FILES["principles.yaml"]),
              ("data_source_schema", ROOT_DATA + "principles.schema.json", SOURCE_FILES["principles.schema.json"]),
              ("data_permalinks", "permalinks.json", JSON_TYPE)]
    return files


def dataset_json_ld(site: model.Site, edition: model.Edition, lang: str, site_url: str, description: str) -> dict:
    """schema.org Dataset for the Data page (what dataset search engines index)."""
    page_url = site_url + site_path(edition.id, lang, DATA)
    return {
        "@context": "https://schema.org", "@type": "Dataset", "@id": page_url, "url": page_url,
        "name": f"{site.text(edition.title, lang).value} — {site.t('data', lang)}", "description": description,
        "inLanguage": lang, "isBasedOn": {"@id": site_url + site_path(edition.id, lang, HOME)},
        "distribution": [{"@type": "DataDownload", "contentUrl": site_url + path, "encodingFormat": media}
                         for _, path, media in published(edition, lang)],
    }


def reuse_files(site: model.Site, site_url: str, sources: dict) -> dict:
    """site path -> content of every reuse file: per edition and language the JSON, the Akoma Ntoso XML
    and the citation downloads of every citable item (and of the paragraphs of each item with several); once,
    the source files (name -> bytes) under data/."""
    files = {ROOT_DATA + name: sources[name] for name in SOURCE_FILES}
    for edition in site.editions:
        for lang in LANGUAGES:
            files[site_path(edition.id, lang.code, data_file(edition.id, lang.code, "json"))] = \
                render_edition_json(site, edition, lang.code, site_url)
            if edition.has_text:
                files[site_path(edition.id, lang.code, data_file(edition.id, lang.code, "akn.xml"))] = \
                    akn.render_akn(site, edition, lang.code, site_url)
            for rec in cite.records(site, edition, lang.code, site_url).values():
                contents = cite.render_downloads(rec)  # each under its name and its first name, the same bytes
                for path in cite.download_paths(edition.id, lang.code, rec.item.cite_id):
                    files[path] = contents[path.rsplit(".", 1)[1]]
            for owner, recs in cite.paragraph_records(site, edition, lang.code, site_url).items():
                for ext, content in cite.render_collection(recs).items():
                    files[site_path(edition.id, lang.code, paragraphs_file(edition.id, lang.code, owner, ext))] = content
    return files
