"""`redirects:` in principles.yaml: retired site paths mapped to the paths that replace them.

The build writes a redirect page at each retired path, so every key becomes a file path and every value a
link. Both must be site paths (segments of letters, digits and - . _ ~, separated by /: no `..`, no
leading /, no scheme, no backslash). A key must not be a path the build publishes (the redirect would
replace that page, or sit where a file is); a value must be a published page or file, or another retired
path whose redirects end on one. Chains are flattened (a -> b -> c is written as a -> c); loops are refused.
Every problem is `principles.yaml:LINE: redirects: what is wrong`.
"""
import re

from . import model
from .config import LANGUAGES
from .load import Source
from .permalinks import site_path

SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")
FILE_NAME = re.compile(r"\.[A-Za-z0-9]+$")  # a page path ends in '/' or a plain name; 'x.pdf' is a file
# What mkdocs writes into each language root of an edition besides our pages (the engine's own files).
ENGINE_PATHS = ("assets/", "search/", "404.html", "sitemap.xml", "sitemap.xml.gz")


def path_problem(path) -> str:
    """Why `path` is not a site path ('' if it is one)."""
    if not isinstance(path, str) or not path:
        return f"{path!r} is not a site path (write it from the site root, e.g. valletta-2025/principles/13/)"
    if "\\" in path:
        return f"{path!r} contains a backslash: site paths are written with /"
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", path) or path.startswith("//"):
        return f"{path!r} is a URL: a redirect stays inside the site (write a path from the site root)"
    if path.startswith("/"):
        return f"{path!r} starts with '/': write the path from the site root without it"
    segments = path[:-1].split("/") if path.endswith("/") else path.split("/")
    if any(segment in (".", "..") for segment in segments):
        return f"{path!r} contains '.' or '..': write the path from the site root, without them"
    bad = next((segment for segment in segments if not SEGMENT.fullmatch(segment)), None)
    if bad is not None:
        if not bad:
            return f"{path!r} has an empty segment (//)"
        char = next(c for c in bad if not SEGMENT.fullmatch(c))
        return f"{path!r} contains {char!r}: site paths use only letters, digits, - . _ ~ and /"
    return ""


def page(path: str) -> str:
    """A page path as site_paths writes it: with its final '/'."""
    return path if path.endswith("/") else path + "/"


def key_problem(key: str, published: frozenset, engine: tuple) -> str:
    if FILE_NAME.search(key):
        return f"{key!r} names a file: a redirect page can only stand where a page was (a path ending in /)"
    if page(key) in published:
        return f"{key!r} is a page the site publishes: a redirect would replace it (remove this redirect)"
    prefixes = ["/".join(key.split("/")[:n]) for n in range(1, key.rstrip("/").count("/") + 1)]
    inside = next((p for p in prefixes if p in published), None)
    if inside:
        return f"{key!r} lies inside {inside!r}, a file the site publishes"
    if any(page(key).startswith(prefix) for prefix in engine):
        return f"{key!r} lies among the files the site engine writes for an edition (its assets, search index, sitemap)"
    return ""


def resolve(published: frozenset, redirects: dict):
    """(key -> the published path its chain ends on, key -> problem), keys being pages (see `page`)."""
    targets, problems = {}, {}
    for key in redirects:
        chain, current = [key], redirects[key]
        while current not in published and page(current) not in published:
            if page(current) not in redirects:
                problems[key] = (f"{key!r} -> {current!r}: {current!r} is not a page or file the site publishes "
                                 f"(nor a retired path redirected to one)")
                break
            if page(current) in chain:
                loop = " -> ".join(repr(path) for path in chain[chain.index(page(current)):] + [page(current)])
                problems[key] = f"{key!r} leads round in a loop: {loop}"
                break
            chain.append(page(current))
            current = redirects[page(current)]
        else:
            targets[key] = current if current in published else page(current)
    return targets, problems


def problems(source: Source, site: model.Site, published: frozenset) -> list:
    """Every problem of `redirects:` in principles.yaml, as `principles.yaml:LINE: redirects: ...`; published:
    the site's render.data.published_paths."""
    redirects = source.data.get("redirects") if isinstance(source.data, dict) else None
    engine = tuple(site_path(edition.id, lang.code, path)
                   for edition in site.editions for lang in LANGUAGES for path in ENGINE_PATHS)
    found, pages = {}, {}
    for key, value in (redirects or {}).items():
        found[key] = path_problem(key) or key_problem(key, published, engine) or path_problem(value)
        if not found[key] and page(key) in pages:
            found[key] = f"{key!r} is the same page as {pages[page(key)]!r}: keep one"
        pages.setdefault(page(key), key)
    _, unresolved = resolve(published, {page(key): value for key, value in redirects.items() if not found[key]}) \
        if redirects else ({}, {})
    by_page = {page(key): key for key in found}
    for key, message in unresolved.items():
        found[by_page[key]] = message
    return [f"{source.name}:{source.line(('redirects', key))}: redirects: {message}"
            for key, message in found.items() if message]


def flattened(site: model.Site, published: frozenset) -> tuple:
    """The model's redirects with every chain followed to its end (once `problems` found none)."""
    targets, _ = resolve(published, {page(key): value for key, value in site.redirects})
    return tuple(sorted((key, targets[page(key)]) for key, _ in site.redirects))
