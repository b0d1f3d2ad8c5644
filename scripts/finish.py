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

# 'wasm-unsafe-eval' lets the search (Pagefind, scripts/search.py) compile its WebAssembly; it allows no
# JavaScript eval.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'")
META_CHARSET = re.compile(r"<meta charset=[^>]*>")
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)  # inline scripts without attributes
HTML_LANG = re.compile(r'<html lang="([^"]+)"(?! dir=)')
SWITCHER_LINK = re.compile(r'<a href="[^"]*" hreflang="([^"]+)" class="md-select__link">')
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


def content_security_policy(html: str, allowed: tuple) -> str:
    """The policy of one page: its inline scripts that match a trusted pattern (`allowed`) by their hash;
    any other inline script, however it got there, stays blocked."""
    # Only attribute-less <script> elements can match a trusted script: the body up to the first </script>
    # is exactly what the browser hashes. Anything else found or missed here stays unhashed, so blocked.
    inline = INLINE_SCRIPT.findall(html)
    theirs = [script for script in inline if any(pattern.fullmatch(script) for pattern in allowed)]
    digests = dict.fromkeys(base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() for s in theirs)
    return CSP.format(hashes="".join(f" 'sha256-{digest}'" for digest in digests))


def with_csp(html: str, allowed: tuple) -> str:
    found = META_CHARSET.search(html)
    if not found:
        return html
    policy = content_security_policy(html, allowed)
    return html[:found.end()] + f'<meta http-equiv="Content-Security-Policy" content="{policy}">' + html[found.end():]


def finish_page(html: str, site_path: str, exists, site_url: str, allowed: tuple) -> str:
    """One HTML file finished. site_path: where it is below the site root ('fr/valletta-2025/', or
    'valletta-2025/404.html'); exists(site path) tells whether a page is in the site."""
    return with_csp(with_language_links(with_dir(html), site_path, exists, site_url), allowed)


def html_site_path(relative: PurePosixPath) -> str:
    """'fr/x/principles/13/index.html' -> 'fr/x/principles/13/'; '404.html' stays '404.html'."""
    text = str(relative)
    return text[: -len("index.html")] if relative.name == "index.html" else text


def finish_site(folder: Path, site_url: str, allowed: tuple, folder_path: str = "") -> int:
    """Finish every HTML file below `folder`, which holds the site path `folder_path` ('' for a whole site,
    'fr/valletta-2025/' for one build previewed alone). Returns the number of files finished."""
    files = sorted(folder.rglob("*.html"))
    present = {folder_path + html_site_path(PurePosixPath(path.relative_to(folder).as_posix())) for path in files}
    count = 0
    for path in files:
        site_path = folder_path + html_site_path(PurePosixPath(path.relative_to(folder).as_posix()))
        html = path.read_text(encoding="utf-8")
        finished = finish_page(html, site_path, present.__contains__, site_url, allowed)
        if finished != html:
            path.write_text(finished, encoding="utf-8")
            count += 1
    return count
