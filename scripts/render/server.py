"""How a web server should serve the released site (pure functions): an nginx `server` block, and the
`_redirects` and `_headers` files that Netlify and Cloudflare Pages read. All three are made from the same
redirect table as the redirect pages (render/data.py `redirects`), the site's Content-Security-Policy (the
one the finishing pass put on every page) and the list of files of the release tree, so they cannot drift
apart from the site.

- Every redirect is a single 301 to its final page, with and without the trailing slash; browsers keep a
  `#fragment` across a redirect. The redirect pages stay in the tree for hosts that read neither file
  (GitHub Pages).
- Media types for every file extension of the tree (a release fails on an extension not listed here),
  charset=utf-8 for text; the policy as a header on HTML; long cache lifetimes for files whose name carries
  a hash of their content, short ones for everything else; the localised 404 page with status 404;
  precompressed .gz copies (nginx gzip_static).
"""
import re
from urllib.parse import urlsplit

from ..config import LANGUAGES
from ..errors import PipelineError
from ..permalinks import NOT_FOUND, lang_prefix

MEDIA_TYPES = {  # extension -> media type; text types are sent with charset=utf-8
    "html": "text/html", "css": "text/css", "js": "text/javascript", "map": "application/json",
    "json": "application/json", "xml": "application/xml", "txt": "text/plain", "yaml": "application/yaml",
    "bib": "application/x-bibtex", "ris": "application/x-research-info-systems", "pdf": "application/pdf",
    "png": "image/png", "svg": "image/svg+xml", "ico": "image/x-icon", "gz": "application/gzip",
    "br": "application/octet-stream", "wasm": "application/wasm",
    # the search index (Pagefind): compressed binary files its script reads itself
    "pagefind": "application/octet-stream", "pf_meta": "application/octet-stream",
    "pf_index": "application/octet-stream", "pf_fragment": "application/octet-stream",
}
# Pagefind names every index and fragment file after a hash of its content.
CONTENT_ADDRESSED = ("pf_meta", "pf_index", "pf_fragment")
# Names that end in two extensions of which the last alone says too little.
COMPOUND_TYPES = {"akn.xml": "application/akn+xml", "schema.json": "application/schema+json"}
TEXT_TYPES = ("text/", "application/json", "application/xml", "application/yaml", "application/x-bibtex",
              "application/x-research-info-systems", "application/akn+xml", "application/schema+json", "image/svg+xml")
HASHED_NAME = re.compile(r"\.[0-9a-f]{8,}\.")  # main.57a0d79d.min.css: the name changes with the content
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=600"
# Cloudflare Pages' documented limits (Netlify has none lower).
MAX_STATIC_REDIRECTS, MAX_HEADER_RULES, MAX_LINE = 2000, 100, 2000


def extension(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name.split(".", 1)[1] if "." in name else ""


def media_type(path: str) -> str:
    ext = extension(path)
    found = next((kind for compound, kind in COMPOUND_TYPES.items() if ext.endswith(compound)), None)
    return found or MEDIA_TYPES.get(ext.rsplit(".", 1)[-1], "")


# The two files Netlify and Cloudflare Pages read from the tree: instructions to the host, never served.
HOST_FILES = ("_redirects", "_headers")


def unknown_types(files) -> list:
    return sorted({extension(path) or path for path in files if not media_type(path) and path not in HOST_FILES})


def not_found_pages(files) -> list:
    """(language prefix, site path of its 404 page), the most specific prefix first; English is the root."""
    found = [(lang_prefix(lang.code), lang_prefix(lang.code) + NOT_FOUND) for lang in LANGUAGES]
    return [(prefix, page) for prefix, page in found if page in files and prefix] + [("", NOT_FOUND)]


def hashed_names(files) -> list:
    """Names that carry a hash of their content (the theme's assets), but for the content-addressed
    extensions, which get one rule each."""
    return sorted({name for name in (path.rsplit("/", 1)[-1] for path in files)
                   if HASHED_NAME.search(name) and name.rsplit(".", 1)[-1] not in CONTENT_ADDRESSED})


def both_forms(path: str) -> list:
    """A page path ('p/13/') as requested with and without its final slash."""
    return [path, path.rstrip("/")] if path.endswith("/") and path.strip("/") else [path]


def base_path(site_url: str) -> str:
    return urlsplit(site_url).path  # '/' or '/repository-name/' on GitHub Pages


def check_files(files) -> None:
    unknown = unknown_types(files)
    if unknown:
        raise PipelineError(f"scripts/render/server.py:1: no media type for the extension(s) {', '.join(unknown)} "
                            "of the release tree: add them to MEDIA_TYPES")


# ---- nginx ----------------------------------------------------------------------------------------------

def nginx_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_nginx(site_url: str, redirects: list, policy: str, files, root: str, listen: str = "80") -> str:
    """An nginx `server` block serving the tree at `root` (include it in the http block)."""
    check_files(files)
    base = base_path(site_url)
    types = "".join(f"        {kind} {ext};\n" for ext, kind in sorted(MEDIA_TYPES.items()))
    charset_types = " ".join(sorted({kind for kind in list(MEDIA_TYPES.values()) + list(COMPOUND_TYPES.values())
                                     if kind.startswith(TEXT_TYPES) and kind != "text/html"}))
    moved = "".join(f"    {nginx_quote(base + form)} {nginx_quote(base + new)};\n"
                    for old, new in redirects for form in both_forms(old))
    missing = "".join(f"    ~^{re.escape(base + prefix)} {nginx_quote(base + page)};\n"
                      for prefix, page in not_found_pages(files) if prefix)
    # add_header in a location replaces the server's: each location repeats what it keeps
    compound = "".join(f"    location ~ \\.{re.escape(ext)}$ {{\n        types {{ }}\n        default_type {kind};\n"
                       f"        add_header Cache-Control {nginx_quote(SHORT)} always;\n"
                       f"        add_header X-Content-Type-Options nosniff always;\n    }}\n"
                       for ext, kind in COMPOUND_TYPES.items())
    names = [re.escape(name) for name in hashed_names(files)] + [rf"\.{ext}" for ext in CONTENT_ADDRESSED]
    immutable = (f"    location ~ ({'|'.join(names)})$ {{\n"
                 f"        add_header Cache-Control {nginx_quote(IMMUTABLE)} always;\n"
                 f"        add_header X-Content-Type-Options nosniff always;\n    }}\n") if names else ""
    return f"""# Generated by `./vp release` from the site's redirect table and files: do not edit, re-run it.
# The maps belong to the http block; include this whole file there.
map $uri $vp_redirect {{
{moved}}}
map $uri $vp_not_found {{
{missing}    default {nginx_quote(base + NOT_FOUND)};
}}
map $sent_http_content_type $vp_csp {{
    ~^text/html {nginx_quote(policy)};
    default "";
}}

server {{
    listen {listen};
    server_name _;
    root {root};
    absolute_redirect off;
    charset utf-8;
    charset_types {charset_types};
    types {{
{types}    }}
    default_type application/octet-stream;
    gzip_static on;
    # brotli_static on;  # with the ngx_brotli module (Debian: libnginx-mod-http-brotli-static): .br copies are there
    error_page 404 $vp_not_found;
    add_header Content-Security-Policy $vp_csp always;
    add_header X-Content-Type-Options nosniff always;
    add_header Cache-Control {nginx_quote(SHORT)} always;

    if ($vp_redirect) {{
        return 301 $vp_redirect;
    }}
    location ~ ^{re.escape(base)}({"|".join(HOST_FILES)})$ {{
        return 404;
    }}
{compound}{immutable}}}
"""


# ---- Netlify and Cloudflare Pages ---------------------------------------------------------------------------

def render_redirects(site_url: str, redirects: list) -> str:
    base = base_path(site_url)
    lines = [f"{base}{form} {base}{new} 301" for old, new in redirects for form in both_forms(old)]
    if len(lines) > MAX_STATIC_REDIRECTS:
        raise PipelineError(f"_redirects: {len(lines)} redirects, more than Cloudflare Pages accepts "
                            f"({MAX_STATIC_REDIRECTS}): the redirect pages still work; publish elsewhere or shorten the table")
    return "# Generated by `./vp release`: every redirect of the site, one hop each.\n" + "\n".join(lines) + "\n"


def render_headers(site_url: str, policy: str, files) -> str:
    check_files(files)
    base = base_path(site_url)
    # No Cache-Control for everything: a request that matches several rules gets all their headers, joined;
    # the hosts' own default (revalidate every time) is the short lifetime of pages.
    rules = [(f"{base}*", [("Content-Security-Policy", policy), ("X-Content-Type-Options", "nosniff")])]
    rules += [(f"{base}*.{ext}", [("Content-Type", with_charset(kind))]) for ext, kind in COMPOUND_TYPES.items()]
    rules += [(f"{base}*.{ext}", [("Content-Type", with_charset(kind))]) for ext, kind in sorted(MEDIA_TYPES.items())
              if ext in ("bib", "ris", "yaml")]  # types hosts do not all know
    rules += [(f"{base}*/{name}", [("Cache-Control", IMMUTABLE)]) for name in hashed_names(files)]
    rules += [(f"{base}*.{ext}", [("Cache-Control", IMMUTABLE)]) for ext in CONTENT_ADDRESSED]
    text = "# Generated by `./vp release`: headers of every response (Netlify, Cloudflare Pages).\n"
    text += "".join(f"{path}\n" + "".join(f"  {name}: {value}\n" for name, value in headers) for path, headers in rules)
    too_long = [line for line in text.splitlines() if len(line) > MAX_LINE]
    if len(rules) > MAX_HEADER_RULES or too_long:
        raise PipelineError(f"_headers: {len(rules)} rules (at most {MAX_HEADER_RULES}) and {len(too_long)} lines "
                            f"longer than {MAX_LINE} characters: more than Cloudflare Pages accepts")
    return text


def with_charset(kind: str) -> str:
    return f"{kind}; charset=utf-8" if kind.startswith(TEXT_TYPES) else kind
