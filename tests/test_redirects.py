"""`redirects:` in principles.yaml: only retired site paths, only to what the build publishes.

A key becomes a file path of the build and a value a link on a redirect page, so both are checked like any
hostile input: each bad entry is `principles.yaml:LINE: redirects: what is wrong`, nothing is written.
"""
import json

import pytest

from scripts import commands
from scripts.config import LANGUAGES, ROOT
from scripts.errors import PipelineError
from scripts.permalinks import principle_page, site_path
from scripts.render import data
from tests import roles

ORIGINAL = (ROOT / "principles.yaml").read_text(encoding="utf-8")


def with_redirects(tmp_path, entries: dict):
    """A copy of principles.yaml whose `redirects:` holds `entries` (one line each, in order)."""
    lines = "".join(f"  {json.dumps(key)}: {json.dumps(value)}\n" for key, value in entries.items())
    text = ORIGINAL.replace("redirects: {}\n", "redirects:\n" + lines, 1)
    assert text != ORIGINAL
    path = tmp_path / "principles.yaml"
    path.write_text(text, encoding="utf-8")
    first = text[:text.index("redirects:\n")].count("\n") + 2
    return path, {key: first + i for i, key in enumerate(entries)}


def problems(tmp_path, entries: dict) -> tuple:
    path, lines = with_redirects(tmp_path, entries)
    with pytest.raises(PipelineError) as caught:
        commands.read_inputs(path, ROOT / "translations")
    return caught.value.problems, lines


def some_page(inputs, first: bool = False) -> str:
    """A page the build publishes: a principle (its first, if `first`) of the newest edition with text."""
    edition = roles.newest_with_text(inputs.site)
    return site_path(edition.id, "en", principle_page(edition.principles[0] if first else roles.a_principle(edition)))


RETIRED = "old/principle-13/"  # a path nobody publishes


@pytest.mark.parametrize("key, message", [
    ("../../../x", "'../../../x' contains '.' or '..': write the path from the site root, without them"),
    ("a/./b/", "'a/./b/' contains '.' or '..': write the path from the site root, without them"),
    ("/etc/x/", "'/etc/x/' starts with '/': write the path from the site root without it"),
    ("https://elsewhere.example/x/",
     "'https://elsewhere.example/x/' is a URL: a redirect stays inside the site (write a path from the site root)"),
    ("//elsewhere.example/x/", "'//elsewhere.example/x/' is a URL: a redirect stays inside the site (write a path from the site root)"),
    ("a\\b/", "'a\\\\b/' contains a backslash: site paths are written with /"),
    ("a b/", "'a b/' contains ' ': site paths use only letters, digits, - . _ ~ and /"),
    ("a//b/", "'a//b/' has an empty segment (//)"),
    ("old/file.pdf", "'old/file.pdf' names a file: a redirect page can only stand where a page was (a path ending in /)"),
])
def test_a_key_that_is_not_a_site_path_is_refused(tmp_path, inputs, key, message):
    found, lines = problems(tmp_path, {key: some_page(inputs)})
    assert found == (f"principles.yaml:{lines[key]}: redirects: {message}",)


def test_a_key_naming_a_published_page_is_refused(tmp_path, inputs):
    """A redirect would silently replace the page: the edition's home, a principle (with or without its
    final slash), the `latest` alias, a short URL, a language root."""
    latest = roles.newest_with_text(inputs.site)
    keys = [site_path(latest.id, "en", ""), some_page(inputs).rstrip("/"), f"fr/latest/{principle_page(latest.principles[0])}",
            f"p/{latest.principles[0].number}/", "fr/"]
    found, lines = problems(tmp_path, {key: some_page(inputs, first=True) for key in keys})
    assert found == tuple(f"principles.yaml:{lines[key]}: redirects: {key!r} is a page the site publishes: a redirect "
                          f"would replace it (remove this redirect)" for key in keys)


def test_a_key_inside_a_published_file_or_the_engines_files_is_refused(tmp_path, inputs):
    keys = ["permalinks.json/x/", f"{inputs.site.latest.id}/assets/x/"]
    found, lines = problems(tmp_path, {key: some_page(inputs) for key in keys})
    assert found == (
        f"principles.yaml:{lines[keys[0]]}: redirects: 'permalinks.json/x/' lies inside 'permalinks.json', a file the site publishes",
        f"principles.yaml:{lines[keys[1]]}: redirects: {keys[1]!r} lies among the files the site engine writes for an edition "
        f"(its assets, search index, sitemap)")


@pytest.mark.parametrize("value, message", [
    ("https://elsewhere.example/",
     "'https://elsewhere.example/' is a URL: a redirect stays inside the site (write a path from the site root)"),
    ("../x/", "'../x/' contains '.' or '..': write the path from the site root, without them"),
    ("javascript:alert(1)", "'javascript:alert(1)' is a URL: a redirect stays inside the site (write a path from the site root)"),
    ("nowhere/", f"{RETIRED!r} -> 'nowhere/': 'nowhere/' is not a page or file the site publishes (nor a retired path redirected to one)"),
])
def test_a_value_must_be_published(tmp_path, value, message):
    found, lines = problems(tmp_path, {RETIRED: value})
    assert found == (f"principles.yaml:{lines[RETIRED]}: redirects: {message}",)


def test_the_same_page_twice_is_refused(tmp_path, inputs):
    found, lines = problems(tmp_path, {"old/13": some_page(inputs), "old/13/": some_page(inputs, first=True)})
    assert found == (f"principles.yaml:{lines['old/13/']}: redirects: 'old/13/' is the same page as 'old/13': keep one",)


def test_a_loop_is_refused(tmp_path):
    found, lines = problems(tmp_path, {"a/": "b/", "b/": "a/"})
    assert found == (f"principles.yaml:{lines['a/']}: redirects: 'a/' leads round in a loop: 'a/' -> 'b/' -> 'a/'",
                     f"principles.yaml:{lines['b/']}: redirects: 'b/' leads round in a loop: 'b/' -> 'a/' -> 'b/'")


def test_a_chain_is_flattened_and_written_as_one_redirect(tmp_path, inputs):
    target = some_page(inputs)
    path, _ = with_redirects(tmp_path, {"a/": "b", "b/": "c/", "c/": target.rstrip("/")})
    site = commands.read_inputs(path, ROOT / "translations").site
    assert site.redirects == (("a/", target), ("b/", target), ("c/", target))
    files = data.root_files(site, inputs.site_url)
    assert f'url=../{target}"' in files["a/index.html"]


def test_a_retired_page_redirected_to_a_published_one_passes_check(repo_copy, inputs):
    """The use redirects exist for: a URL of the lock no longer published, redirected, in every language."""
    latest = roles.newest_with_text(inputs.site)
    retired = {site_path(latest.id, lang.code, "principles/999/"): site_path(latest.id, lang.code, "text/") for lang in LANGUAGES}
    source = repo_copy / "principles.yaml"
    source.write_text(ORIGINAL.replace("redirects: {}\n", "redirects:\n" + "".join(
        f"  {old}: {new}\n" for old, new in retired.items()), 1), encoding="utf-8")
    commands.check(source, repo_copy / "translations")


def test_published_paths_are_what_the_build_publishes(built_site, inputs):
    """The set redirects and content links are checked against (render/data.py published_paths) is exactly
    what a real build writes, apart from the site engine's own files (assets, search index, sitemaps)."""
    published = data.published_paths(inputs.site)
    built = set()
    for path in built_site.rglob("*"):
        if path.is_file():
            relative = path.relative_to(built_site).as_posix()
            built.add(relative[:-len("index.html")] if relative.endswith("index.html") else relative)
    engine = {path for path in built if any(part in ("assets", "search", "pagefind") for part in path.split("/"))
              or path.endswith(("404.html", "sitemap.xml.gz")) or (path.endswith("sitemap.xml") and path != "sitemap.xml")}
    assert published <= built, sorted(published - built)[:5]
    assert built - engine - published == set(), sorted(built - engine - published)[:5]
