"""The finishing pass: what every HTML file of a built site gets, whichever engine made it (pure functions
on one page's HTML, and `finish_site`, which applies them to a folder).

- `dir` on <html>, from the page's language: the theme writes it on <body> only, and screen readers and the
  browser's own interface read it from <html>.
- Language links: the language switcher's link to each language points at the same page in that language
  (every language has the same page paths), where that page exists; and absolute `hreflang` links to every
  language plus `x-default` (the English original) for search engines, on the published pages.
- A Content-Security-Policy on every page (a <meta> right after <meta charset>, before any script it
  governs): only the site's own scripts, styles, images and requests; of inline scripts only those the
  theme's templates write, allowed by their SHA-256 hash, so that markup slipped into a text could not run
  even if it escaped the escaping.

404 pages and the redirect pages written outside the engine are HTML files like the others: they get the
same treatment. Same input, same bytes.
"""
import base64
import hashlib
import os
import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from .config import DEFAULT_LANGUAGE, LANGUAGE_CODES, LANGUAGES, language
from .permalinks import lang_prefix

# connect-src also names the site's public origin (site_url): the theme's language switcher fetches
# sitemap.xml beside each hreflang link, which is absolute; on the published site that origin is 'self'.
# 'wasm-unsafe-eval' lets the search (Pagefind, scripts/search.py) compile its WebAssembly; it allows no
# JavaScript eval.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self' {origin}; worker-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'")
META_CHARSET = re.compile(r"<meta charset=[^>]*>")
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)  # inline scripts without attributes
HTML_LANG = re.compile(r'<html lang="([^"]+)"(?! dir=)')
SWITCHER_LINK = re.compile(r'<a href="[^"]*" hreflang="([^"]+)" class="md-select__link">')
HEAD_END = "</head>"
NOT_FOUND = "404.html"


def split_language(site_path: str) -> tuple:
    """'fr/valletta-2025/principles/13/' -> ('fr', 'valletta-2025/principles/13/'); English has no prefix."""
    first, _, rest = site_path.partition("/")
    if first in LANGUAGE_CODES and first != DEFAULT_LANGUAGE.code and rest:
        return first, rest
    return DEFAULT_LANGUAGE.code, site_path


def relative_url(from_path: str, to_path: str) -> str:
    """Relative URL between two site paths ('fr/x/principles/13/' -> 'x/principles/13/' = '../../../../x/principles/13/')."""
    from_dir = from_path if from_path.endswith("/") or not from_path else from_path.rsplit("/", 1)[0] + "/"
    url = os.path.relpath(to_path or ".", from_dir.rstrip("/") or ".")
    url = "./" if url == "." else url
    return url + ("/" if to_path.endswith("/") and not url.endswith("/") else "")


def with_dir(html: str) -> str:
    return HTML_LANG.sub(lambda m: f'{m.group(0)} dir="{language(m.group(1)).dir if m.group(1) in LANGUAGE_CODES else "ltr"}"',
                         html, count=1)


def with_language_links(html: str, site_path: str, exists, site_url: str, announce: bool) -> str:
    """The switcher's links to this page in each language (where it exists); hreflang links if `announce`."""
    _, rest = split_language(site_path)
    counterpart = {lang.code: lang_prefix(lang.code) + rest for lang in LANGUAGES}

    def link(match):
        target = counterpart.get(match.group(1))
        if target is None or not exists(target):
            return match.group(0)
        # a 404 page is served at any address: its links are absolute paths, as the engine writes its others
        href = urlsplit(site_url).path + target if site_path.endswith(NOT_FOUND) else relative_url(site_path, target)
        return f'<a href="{href}" hreflang="{match.group(1)}" class="md-select__link">'

    html = SWITCHER_LINK.sub(link, html)
    if announce:
        links = [(code, counterpart[code]) for code in LANGUAGE_CODES] + [("x-default", counterpart[DEFAULT_LANGUAGE.code])]
        tags = "".join(f'<link rel="alternate" hreflang="{code}" href="{site_url}{path}">' for code, path in links)
        html = html.replace(HEAD_END, tags + HEAD_END, 1)
    return html


def content_security_policy(html: str, allowed: tuple, origin: str) -> str:
    """The policy of one page: its inline scripts that match a trusted pattern (`allowed`) by their hash;
    any other inline script, however it got there, stays blocked."""
    # Only attribute-less <script> elements can match a trusted script: the body up to the first </script>
    # is exactly what the browser hashes. Anything else found or missed here stays unhashed, so blocked.
    inline = INLINE_SCRIPT.findall(html)
    theirs = [script for script in inline if any(pattern.fullmatch(script) for pattern in allowed)]
    digests = dict.fromkeys(base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() for s in theirs)
    return CSP.format(hashes="".join(f" 'sha256-{digest}'" for digest in digests), origin=origin)


def with_csp(html: str, allowed: tuple, site_url: str) -> str:
    found = META_CHARSET.search(html)
    if not found:
        return html
    site = urlsplit(site_url)
    policy = content_security_policy(html, allowed, f"{site.scheme}://{site.netloc}")
    return html[:found.end()] + f'<meta http-equiv="Content-Security-Policy" content="{policy}">' + html[found.end():]


def finish_page(html: str, site_path: str, exists, site_url: str, announce: bool, allowed: tuple) -> str:
    """One HTML file finished. site_path: where it is below the site root ('fr/valletta-2025/', or
    'valletta-2025/404.html'); exists(site path) tells whether a page is in the site; announce: whether the
    page has language versions to announce with hreflang (published pages, not 404 or redirect pages)."""
    return with_csp(with_language_links(with_dir(html), site_path, exists, site_url, announce), allowed, site_url)


def html_site_path(relative: PurePosixPath) -> str:
    """'fr/x/principles/13/index.html' -> 'fr/x/principles/13/'; '404.html' stays '404.html'."""
    text = str(relative)
    return text[: -len("index.html")] if relative.name == "index.html" else text


def finish_site(folder: Path, site_url: str, announced: frozenset, allowed: tuple, folder_path: str = "") -> int:
    """Finish every HTML file below `folder`, which holds the site path `folder_path` ('' for a whole site,
    'fr/valletta-2025/' for one build previewed alone). announced: site paths of the published pages.
    Returns the number of files finished."""
    files = sorted(folder.rglob("*.html"))
    present = {folder_path + html_site_path(PurePosixPath(path.relative_to(folder).as_posix())) for path in files}
    count = 0
    for path in files:
        site_path = folder_path + html_site_path(PurePosixPath(path.relative_to(folder).as_posix()))
        html = path.read_text(encoding="utf-8")
        finished = finish_page(html, site_path, present.__contains__, site_url, site_path in announced, allowed)
        if finished != html:
            path.write_text(finished, encoding="utf-8")
            count += 1
    return count
