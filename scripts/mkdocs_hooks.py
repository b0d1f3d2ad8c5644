"""MkDocs hooks (added to every generated mkdocs config): three things Material cannot be configured to do.

- Material writes `dir` on <body> only; screen readers and the browser's own UI read it from <html>.
- The language switcher and the hreflang links should point to the same page in the other languages,
  not to their home pages. Every language has the same page paths, so the link is that language's
  build root (config.extra.vp_alternates, written by scripts/render/site.py) plus this page's URL:
  relative for the switcher (works offline), absolute for hreflang (overrides/main.html).
- A Content-Security-Policy on every page: only the site's own scripts, styles, images and requests,
  and of inline scripts only those the theme's templates write, allowed by their SHA-256 hash, so that
  markup slipped into a text could not run even if it escaped the escaping.
- site_name and the navigation titles arrive HTML-escaped (scripts/render/site.py: Material writes them
  into pages as they are); marked safe here so that Material's `| e` does not escape them twice.
Public hook API only: no monkeypatching of mkdocs-static-i18n.
"""
import base64
import hashlib
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup

HTML_TAG = re.compile(r"<html lang=\"([^\"]+)\"")
BODY_DIR = re.compile(r"<body dir=\"(rtl|ltr)\"")


def on_env(env, config, files):
    config["site_name"] = Markup(config["site_name"])
    # Compiled templates kept between mkdocs runs (build/.jinja-cache, keyed by each template's source):
    # compiling Material's templates was a third of every run's time. Output is the same.
    cache_dir = Path(config.config_file_path).resolve().parent.parent / ".jinja-cache"
    cache_dir.mkdir(exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache_dir))
    return env


def on_nav(nav, config, files):
    def mark(items):
        for item in items:
            if isinstance(item.title, str):
                item.title = Markup(item.title)
            mark(getattr(item, "children", None) or [])
    mark(nav.items)
    return nav


def on_page_context(context, page, config, nav):
    config.extra["alternate"] = [
        {"name": alt["name"], "lang": alt["lang"], "link": alt["root"] + page.url}
        for alt in config.extra.get("vp_alternates", [])
    ]
    # hreflang links for search engines (overrides/main.html): absolute, every language and x-default.
    # The 404 page has no language versions to announce.
    alternates = [] if page.url == "404.html" else config.extra.get("vp_alternates", [])
    context["vp_hreflang"] = [{"lang": alt["lang"], "href": alt["url"] + page.url} for alt in alternates] + [
        {"lang": "x-default", "href": alt["url"] + page.url} for alt in alternates if alt["x_default"]]
    return context


def on_post_page(output, page, config):
    direction = BODY_DIR.search(output)
    if direction:
        output = HTML_TAG.sub(lambda m: f'{m.group(0)} dir="{direction.group(1)}"', output, count=1)
    return with_csp(output, config)


# ---- Content-Security-Policy ------------------------------------------------------------------------

# connect-src also names the site's public origin (site_url): the theme's language switcher fetches
# sitemap.xml beside each hreflang link, which is absolute; on the published site that origin is 'self'.
CSP = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self' {origin}; worker-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'")
META_CHARSET = re.compile(r"<meta charset=[^>]*>")
TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)  # inline scripts without attributes
JINJA_VALUE = re.compile(r"\{\{.*?\}\}")


@cache
def theme_scripts(template_dirs: tuple) -> tuple:
    """Patterns of the inline scripts the theme's templates write; a {{ value }} in one stands for a URL."""
    patterns = set()
    for folder in template_dirs:
        for template in Path(folder).rglob("*.html"):
            for body in TEMPLATE_SCRIPT.findall(template.read_text(encoding="utf-8")):
                patterns.add("[^\"'<>]*".join(re.escape(part) for part in JINJA_VALUE.split(body)))
    return tuple(re.compile(pattern) for pattern in sorted(patterns))


def content_security_policy(html: str, allowed: tuple, origin: str) -> str:
    """The policy of one page: its inline scripts that match a theme script (`allowed`) by their hash;
    any other inline script, however it got there, stays blocked."""
    # Only attribute-less <script> elements can match a theme script: the body up to the first </script>
    # is exactly what the browser hashes. Anything else found or missed here stays unhashed, so blocked.
    inline = TEMPLATE_SCRIPT.findall(html)
    theirs = [script for script in inline if any(pattern.fullmatch(script) for pattern in allowed)]
    digests = dict.fromkeys(base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() for s in theirs)
    return CSP.format(hashes="".join(f" 'sha256-{digest}'" for digest in digests), origin=origin)


def with_csp(html: str, config) -> str:
    """The page with its policy as the first thing after <meta charset> (before any script it governs)."""
    site = urlsplit(config.site_url)
    policy = content_security_policy(html, theme_scripts(tuple(config.theme.dirs)), f"{site.scheme}://{site.netloc}")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    found = META_CHARSET.search(html)
    if not found:
        return html
    return html[:found.end()] + meta + html[found.end():]


def on_post_template(output, template_name, config):
    return with_csp(output, config) if template_name.endswith(".html") else output  # 404.html
