"""For search engines: one sitemap.xml at the site root listing every page of every edition in every
language with its language alternates (xhtml:link hreflang, as Google documents it, x-default = English),
and robots.txt pointing at it. mkdocs' per-build sitemaps stay where Material's version selector reads them.
"""
import xml.etree.ElementTree as ET

from .. import model
from ..config import DEFAULT_LANGUAGE, LANGUAGES
from ..permalinks import edition_pages, site_path

SITEMAP_NS, XHTML_NS = "http://www.sitemaps.org/schemas/sitemap/0.9", "http://www.w3.org/1999/xhtml"
ET.register_namespace("xhtml", XHTML_NS)


def alternates(site_url: str, edition_id: str, page: str) -> list:
    """(hreflang, absolute URL) of one page in every language, then x-default."""
    links = [(lang.code, site_url + site_path(edition_id, lang.code, page)) for lang in LANGUAGES]
    return links + [("x-default", site_url + site_path(edition_id, DEFAULT_LANGUAGE.code, page))]


def render_sitemap(site: model.Site, site_url: str) -> bytes:
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for edition in site.editions:
        for page in edition_pages(edition):
            links = alternates(site_url, edition.id, page)
            for lang in LANGUAGES:
                url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
                ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = site_url + site_path(edition.id, lang.code, page)
                for hreflang, href in links:
                    ET.SubElement(url, f"{{{XHTML_NS}}}link", {"rel": "alternate", "hreflang": hreflang, "href": href})
    ET.indent(urlset, space=" ")
    ET.register_namespace("", SITEMAP_NS)  # here, not at import: the default prefix is global, and akn.py sets its own
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def render_robots(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"
