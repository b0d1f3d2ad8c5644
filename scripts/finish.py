"""The finishing pass: what every HTML file of a built site gets, whichever engine made it (pure functions
on one page's HTML, and `finish_site`, which applies them to a folder).

- `dir` on <html>, from the page's language: the theme writes it on <body> only, and screen readers and the
  browser's own interface read it from <html>.
- Language links: the language switcher's link to each language points at the same page in that language
  (every language has the same page paths), where that page exists. Search engines learn each page's
  language versions from /sitemap.xml (scripts/render/sitemap.py), not from <link rel="alternate"> in the
  pages: the theme's script fetches a sitemap.xml below every such link of a page, which would fail.
- A Content-Security-Policy on every page (a <meta> right after <meta charset>, before any script it
  governs): only the site's own scripts, styles, images and requests; of inline scripts only those the
  theme's templates write, allowed by their SHA-256 hash, so that markup slipped into a text could not run
  even if it escaped the escaping.

404 pages and the redirect pages written outside the engine are HTML files like the others: they get the
same treatment. Same input, same bytes; a finished page finished again stays as it is.
"""
import base64
import hashlib
import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from .config import DEFAULT_LANGUAGE, LANGUAGE_CODES, LANGUAGES, language
from .permalinks import NOT_FOUND, lang_prefix, relative_url

# 'wasm-unsafe-eval' lets the search (Pagefind, scripts/search.py) compile its WebAssembly; it allows no
# JavaScript eval.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'")
# The preview only (`./vp serve`): mkdocs' server adds its live-reload script to every page it serves, inline
# and different on each request (it holds the build's timestamp), so no hash can allow it. The preview's
# policy allows inline scripts instead of listing the theme's by hash (a browser ignores 'unsafe-inline' when
# a hash is listed); its long-poll requests go to the page's own origin ('self'). Published pages never get it.
PREVIEW_SCRIPTS = "'unsafe-inline'"
META_CHARSET = re.compile(r"<meta charset=[^>]*>")
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)  # inline scripts without attributes
HTML_LANG = re.compile(r'<html lang="([^"]+)"(?! dir=)')
SWITCHER_LINK = re.compile(r'<a href="[^"]*" hreflang="([^"]+)" class="md-select__link">')


def split_language(site_path: str) -> tuple:
    """'fr/valletta-2025/principles/13/' -> ('fr', 'valletta-2025/principles/13/'); English has no prefix."""
    first, _, rest = site_path.partition("/")
    if first in LANGUAGE_CODES and first != DEFAULT_LANGUAGE.code and rest:
        return first, rest
    return DEFAULT_LANGUAGE.code, site_path


def with_dir(html: str) -> str:
    return HTML_LANG.sub(lambda m: f'{m.group(0)} dir="{language(m.group(1)).dir if m.group(1) in LANGUAGE_CODES else "ltr"}"',
                         html, count=1)


def with_language_links(html: str, site_path: str, exists, site_url: str) -> str:
    """The switcher's links to this page in each language (where it exists)."""
    _, rest = split_language(site_path)
    counterpart = {lang.code: lang_prefix(lang.code) + rest for lang in LANGUAGES}

    def link(match):
        target = counterpart.get(match.group(1))
        if target is None or not exists(target):
            return match.group(0)
        # a 404 page is served at any address: its links are absolute paths, as the engine writes its others
        href = urlsplit(site_url).path + target if site_path.endswith(NOT_FOUND) else relative_url(site_path, target)
        return f'<a href="{href}" hreflang="{match.group(1)}" class="md-select__link">'

    return SWITCHER_LINK.sub(link, html)


def trusted_hashes(html: str, allowed: tuple) -> list:
    """SHA-256 digests of the page's inline scripts that match a trusted pattern (`allowed`)."""
    # Only attribute-less <script> elements can match a trusted script: the body up to the first </script>
    # is exactly what the browser hashes. Anything else found or missed here stays unhashed, so blocked.
    theirs = [script for script in INLINE_SCRIPT.findall(html) if any(p.fullmatch(script) for p in allowed)]
    return [base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() for script in theirs]


def content_security_policy(pages, allowed: tuple, preview: bool = False) -> str:
    """One policy for the whole site: the trusted inline scripts of all its pages by their hashes (the same
    policy on every page, so that a server can send it as one header); any other inline script, however it
    got there, stays blocked. preview: the preview's policy (see PREVIEW_SCRIPTS)."""
    if preview:
        return CSP.format(hashes=" " + PREVIEW_SCRIPTS)
    digests = sorted({digest for html in pages for digest in trusted_hashes(html, allowed)})
    return CSP.format(hashes="".join(f" 'sha256-{digest}'" for digest in digests))


def with_csp(html: str, policy: str) -> str:
    """The policy right after <meta charset>, in place of one put there by an earlier pass (the preview's
    dirty rebuilds leave the pages they did not rebuild finished)."""
    found = META_CHARSET.search(html)
    if not found:
        return html
    rest = html[found.end():]
    earlier = CSP_META.match(rest)
    return html[:found.end()] + f'<meta http-equiv="Content-Security-Policy" content="{policy}">' + rest[earlier.end() if earlier else 0:]


def finish_page(html: str, site_path: str, exists, site_url: str, policy: str) -> str:
    """One HTML file finished. site_path: where it is below the site root ('fr/valletta-2025/', or
    'valletta-2025/404.html'); exists(site path) tells whether a page is in the site."""
    return with_csp(with_language_links(with_dir(html), site_path, exists, site_url), policy)


def html_site_path(relative: PurePosixPath) -> str:
    """'fr/x/principles/13/index.html' -> 'fr/x/principles/13/'; '404.html' stays '404.html'."""
    text = str(relative)
    return text[: -len("index.html")] if relative.name == "index.html" else text


def finish_site(folder: Path, site_url: str, allowed: tuple, folder_path: str = "", preview: bool = False) -> str:
    """Finish every HTML file below `folder`, which holds the site path `folder_path` ('' for a whole site,
    'fr/valletta-2025/' for one build previewed alone); preview: the folder is served by `./vp serve`.
    Returns the Content-Security-Policy every page got (the server configurations send it as a header)."""
    pages = {folder_path + html_site_path(PurePosixPath(path.relative_to(folder).as_posix())): path
             for path in sorted(folder.rglob("*.html"))}
    texts = {site_path: path.read_text(encoding="utf-8") for site_path, path in pages.items()}
    policy = content_security_policy(texts.values(), allowed, preview)
    for site_path, html in texts.items():
        finished = finish_page(html, site_path, texts.__contains__, site_url, policy)
        if finished != html:
            pages[site_path].write_text(finished, encoding="utf-8")
    return policy
