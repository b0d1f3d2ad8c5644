"""The built site read as a browser and a crawler read it: every file of site/, whatever page or data
file later work adds, with its outgoing links, and every page's anchors.

HTML is parsed with html5lib (the WHATWG parsing algorithm, the one browsers run), which also reports
every parse error. Links are followed inside the site only: a URL below `site_url`, a root-relative or a
relative one must name a file of the build, and its #fragment an id of that page (or a named destination
of a PDF). Data files count too: sitemaps, the search indexes (Pagefind's page records), versions.json, permalinks.json and any
other JSON or text file that names a URL of the site; PDFs through their link annotations.
"""
import gzip
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import html5lib
from pypdf import PdfReader
from pypdf.generic import ArrayObject

XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
URL_ATTRIBUTES = ("href", "src", "action", "poster", "cite", XLINK_HREF)  # on any element
IDREF_ATTRIBUTES = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "list", "headers")
# Content models a parser does not enforce: which children these elements may have.
ALLOWED_CHILDREN = {"ul": {"li", "script", "template"}, "ol": {"li", "script", "template"},
                    "dl": {"dt", "dd", "div", "script", "template"}}
REFRESH_URL = re.compile(r"^\s*\d+\s*;\s*url\s*=\s*(.+)$", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")
SKIPPED_SCHEMES = ("mailto:", "tel:", "data:")
TEXT_DATA = (".txt", ".csv", ".bib", ".ris", ".xml", ".md", ".yml", ".yaml", ".ttl", ".jsonld", ".tsv", ".cff")
NOT_SCANNED = (".js", ".map", ".png", ".jpg", ".svg", ".ico", ".woff", ".woff2", ".ttf", ".webp", ".gif")


PAGEFIND_FRAGMENT = b"pagefind_dcd"  # what starts every gzip-ed page record of a Pagefind index


def search_records_of(path: Path) -> dict:
    """One page record of a Pagefind index: {url (below the build root), content, meta, anchors, ...}."""
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(PAGEFIND_FRAGMENT), path
    return json.loads(data[len(PAGEFIND_FRAGMENT):])


def search_records(root: Path) -> list:
    """The pages the search bundle of one build root (root/pagefind/, scripts/search.py) indexed."""
    return [search_records_of(path) for path in sorted((root / "pagefind" / "fragment").glob("*.pf_fragment"))]


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@dataclass
class HtmlPage:
    """One parsed HTML file: its parse errors, ids and links (attribute, URL) in document order."""

    errors: list
    ids: list
    names: list  # <a name>: old-style anchors, also valid fragment targets
    links: list
    idrefs: list  # (attribute, id) that must name an element of the same page
    misplaced: list  # (parent, child) breaking ALLOWED_CHILDREN
    tree: object = field(repr=False)


def parse_html(data: bytes) -> HtmlPage:
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    tree = parser.parse(data)
    ids, names, links, idrefs, misplaced = [], [], [], [], []
    for element in tree.iter():
        if not isinstance(element.tag, str):  # comments
            continue
        attrs = element.attrib
        allowed = ALLOWED_CHILDREN.get(element.tag)
        if allowed:
            misplaced += [(element.tag, child.tag) for child in element
                          if isinstance(child.tag, str) and child.tag not in allowed]
        if "id" in attrs:
            ids.append(attrs["id"])
        if local_name(element.tag) == "a" and "name" in attrs:
            names.append(attrs["name"])
        for name in URL_ATTRIBUTES:
            if name in attrs:
                links.append((f"<{local_name(element.tag)} {local_name(name)}>", attrs[name]))
        for candidate in attrs.get("srcset", "").split(","):
            if candidate.strip():
                links.append((f"<{element.tag} srcset>", candidate.split()[0]))
        if element.tag == "object" and "data" in attrs:
            links.append(("<object data>", attrs["data"]))
        if element.tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            match = REFRESH_URL.match(attrs.get("content", ""))
            if match:
                links.append(("<meta refresh>", match.group(1).strip("'\" ")))
        for name in IDREF_ATTRIBUTES:
            if name == "for" and element.tag not in ("label", "output"):
                continue
            for ref in attrs.get(name, "").split():
                idrefs.append((f"<{element.tag} {name}>", ref))
    errors = [f"line {line}, column {col}: {code} {data or ''}".strip() for (line, col), code, data in parser.errors]
    return HtmlPage(errors, ids, names, links, idrefs, misplaced, tree)


def pdf_links(data: bytes):
    """(what, URI or named destination, kind) of every link annotation; kind 'uri', 'dest' or an action."""
    reader = PdfReader(io.BytesIO(data))
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            where = f"page {number} link"
            action = annotation.get("/A")
            destination = annotation.get("/Dest")
            if action is not None:
                action = action.get_object()
                kind = action.get("/S")
                if kind == "/URI":
                    yield where, str(action["/URI"]), "uri"
                    continue
                if kind != "/GoTo":
                    yield where, str(kind), "action"
                    continue
                destination = action.get("/D")
            if destination is None:
                continue
            destination = destination.get_object() if hasattr(destination, "get_object") else destination
            if not isinstance(destination, ArrayObject):  # a name or string: a named destination
                yield where, str(destination).lstrip("/"), "dest"


class BuiltSite:
    """A built site folder, served at `site_url`; parsed lazily, each file once."""

    def __init__(self, root: Path, site_url: str):
        self.root, self.site_url = root, site_url
        self.base_path = urlsplit(site_url).path
        self._pdf_names = {}

    @cached_property
    def files(self) -> list:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())

    @cached_property
    def pages(self) -> dict:
        """site-relative path -> HtmlPage for every .html file."""
        return {rel: parse_html((self.root / rel).read_bytes()) for rel in self.files if rel.endswith(".html")}

    def pdf_destinations(self, rel: str) -> set:
        if rel not in self._pdf_names:
            self._pdf_names[rel] = set(PdfReader(self.root / rel).named_destinations)
        return self._pdf_names[rel]

    # ---- resolving -----------------------------------------------------------------------------------

    def url_of(self, rel: str) -> str:
        return self.site_url + rel

    def target(self, url: str):
        """site-relative file a URL of the site names (None if outside the site) and its fragment."""
        if not url.startswith(self.site_url.split("://", 1)[0] + "://" + urlsplit(self.site_url).netloc):
            return None, ""
        parts = urlsplit(url)
        path = unquote(parts.path)
        if not path.startswith(self.base_path):
            return None, ""
        rel = path[len(self.base_path):]
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        elif (self.root / rel).is_dir():
            rel += "/index.html"  # a static server redirects /x to /x/
        return rel, unquote(parts.fragment)

    def check_url(self, source: str, what: str, url: str, base: str) -> list:
        """Problems with one link found in `source` (site-relative), resolved against `base` (a URL)."""
        if url.startswith(SKIPPED_SCHEMES) or url == "#":
            return []
        if url.lower().startswith("javascript:"):
            return [f"{source}: {what} {url}: a javascript: URL"]
        absolute = urljoin(base, url)
        if not absolute.startswith(self.site_url):
            if urlsplit(absolute).scheme in ("http", "https") and urlsplit(absolute).netloc == urlsplit(self.site_url).netloc:
                return [f"{source}: {what} {url}: outside the site's folder {self.base_path}"]
            return []  # another host: an outgoing link, not ours to resolve
        rel, fragment = self.target(absolute)
        if rel not in self.file_set:
            return [f"{source}: {what} {url}: no such file ({rel})"]
        if not fragment:
            return []
        if rel.endswith(".html"):
            page = self.pages[rel]
            if fragment not in set(page.ids) | set(page.names):
                return [f"{source}: {what} {url}: no element with id '{fragment}' in {rel}"]
        elif rel.endswith(".pdf"):
            if fragment not in self.pdf_destinations(rel):
                return [f"{source}: {what} {url}: no named destination '{fragment}' in {rel}"]
        else:
            return [f"{source}: {what} {url}: a fragment on a file that is not a page"]
        return []

    @cached_property
    def file_set(self) -> set:
        return set(self.files)

    # ---- links of each kind of file --------------------------------------------------------------------

    def links(self, rel: str):
        """(what, url, base URL) of every link in one file, by its type."""
        path, base = self.root / rel, self.url_of(rel)
        suffix = path.suffix.lower()
        if suffix == ".html":
            return [(what, url, base) for what, url in self.pages[rel].links]
        if suffix == ".pdf":
            return list(self.pdf_link_targets(rel, path.read_bytes()))
        if suffix == ".css":
            text = path.read_text(encoding="utf-8")
            return [("css url()", url, base) for _, url in CSS_URL.findall(text) if not url.startswith("data:")]
        if suffix == ".json":
            return list(self.json_links(rel, json.loads(path.read_text(encoding="utf-8"))))
        if suffix == ".pf_fragment":  # a page of a search index: its URL below the build root, its anchors
            record = search_records_of(path)
            root = self.url_of(rel.rsplit("pagefind/", 1)[0])
            return [("search result", record["url"].lstrip("/") or "./", root)] + [
                ("search result anchor", f"{record['url'].lstrip('/')}#{anchor['id']}", root) for anchor in record["anchors"]]
        if rel.endswith(".xml.gz"):
            return self.text_links(rel, gzip.decompress(path.read_bytes()).decode("utf-8"))
        if suffix in TEXT_DATA:
            return self.text_links(rel, path.read_text(encoding="utf-8"))
        return []

    def pdf_link_targets(self, rel: str, data: bytes):
        for where, value, kind in pdf_links(data):
            if kind == "uri":
                yield where, value, self.url_of(rel)
            elif kind == "dest":
                yield where, "#" + value, self.url_of(rel)
            else:
                yield where, f"javascript:{value} (PDF action {value} is not allowed)", self.url_of(rel)

    def text_links(self, rel: str, text: str) -> list:
        """Every absolute URL of the site in a text or XML file (sitemaps, citations, exports)."""
        if rel.endswith((".xml", ".xml.gz")) and "<urlset" in text:
            namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
            return [("sitemap <loc>", loc.text.strip(), self.url_of(rel))
                    for loc in ET.fromstring(text).iterfind(".//s:loc", namespace)]
        # The site's URLs are ASCII: a URL ends at the first other character (a Chinese "。" after it).
        pattern = re.escape(self.site_url) + r"[^\s\"'<>\\)\]}\u0080-\U0010ffff]*"
        return [("URL", url.rstrip(".,;"), self.url_of(rel)) for url in re.findall(pattern, text)]

    def json_links(self, rel: str, data):
        base = self.url_of(rel)
        name = rel.rsplit("/", 1)[-1]
        if name == "versions.json":  # mike's format: each version and alias is a folder beside the file
            for version in data:
                for folder in [version["version"]] + version.get("aliases", []):
                    yield "versions.json", f"{folder}/", base
            return
        yield from self.json_urls(data, base)

    def json_urls(self, value, base):
        """Strings that are URLs of the site; a {url, anchor} pair (permalinks.json) is one link (the open
        data's urls carry their anchor already)."""
        if isinstance(value, dict):
            url, anchor = value.get("url"), value.get("anchor")
            if isinstance(url, str) and isinstance(anchor, str) and anchor:
                yield "url+anchor", url if url.endswith(f"#{anchor}") else f"{url}#{anchor}", base
                value = {k: v for k, v in value.items() if k != "url"}
            for item in value.values():
                yield from self.json_urls(item, base)
        elif isinstance(value, list):
            for item in value:
                yield from self.json_urls(item, base)
        elif isinstance(value, str) and value.startswith(self.site_url):
            yield "URL", value, base

    def reachable(self, start: str = "index.html", followed: str = "<a href>") -> set:
        """The HTML files a reader reaches from `start` by following plain links (`followed`: no JavaScript,
        no sitemap), each page once."""
        seen, queue = {start}, [start]
        while queue:
            rel = queue.pop()
            for what, url, base in self.links(rel):
                if what != followed or url.startswith(SKIPPED_SCHEMES) or url.lower().startswith("javascript:"):
                    continue
                absolute = urljoin(base, url)
                target, _ = self.target(absolute) if absolute.startswith(self.site_url) else (None, "")
                if target in self.pages and target not in seen:
                    seen.add(target)
                    queue.append(target)
        return seen

    # ---- the checks -----------------------------------------------------------------------------------

    def broken_links(self) -> list:
        problems = []
        for rel in self.files:
            if rel.endswith(NOT_SCANNED):
                continue
            for what, url, base in self.links(rel):
                problems += self.check_url(rel, what, url, base)
        return problems

    def invalid_html(self) -> list:
        """Parse errors, duplicate ids, references to ids that do not exist, misplaced children, per page."""
        problems = []
        for rel, page in self.pages.items():
            problems += [f"{rel}: {error}" for error in page.errors]
            seen = set()
            for anchor in page.ids:
                if anchor in seen:
                    problems.append(f"{rel}: duplicate id '{anchor}'")
                seen.add(anchor)
            problems += [f"{rel}: {what} names no element: '{ref}'" for what, ref in page.idrefs if ref not in seen]
            problems += [f"{rel}: <{child}> inside <{parent}>" for parent, child in page.misplaced]
        return problems
