"""The hand-written pages (content/<lang>/<name>.md) are checked like every other input: known names only,
no front matter, HTML limited to an allow-list, links that lead to what the build publishes. Each problem is
`content/<lang>/<name>.md:LINE: what is wrong`, and the build stops before writing anything."""
import shutil

import pytest

from scripts import commands
from scripts.config import CONTENT_DIR, ROOT
from scripts.errors import PipelineError
from scripts.permalinks import CONTENT_PAGES

ABOUT = "content/en/about.md"


@pytest.fixture
def content(tmp_path):
    return shutil.copytree(CONTENT_DIR, tmp_path / "content")


def append(content, text: str, name: str = "en/about.md") -> int:
    """Add `text` at the end of a page; returns the line it starts on."""
    path = content / name
    before = path.read_text(encoding="utf-8")
    path.write_text(before + "\n" + text + "\n", encoding="utf-8")
    return before.count("\n") + 2


def content_problems(content) -> tuple:
    with pytest.raises(PipelineError) as caught:
        commands.read_content(content)
    return caught.value.problems


def link_problems(content) -> tuple:
    with pytest.raises(PipelineError) as caught:
        commands.read_inputs(ROOT / "principles.yaml", ROOT / "translations", content)
    return caught.value.problems


def test_the_real_pages_pass(inputs):
    found = {(path.parent.name, path.stem) for path in CONTENT_DIR.glob("*/*.md")}
    assert set(inputs.content) == found and {("en", name) for name in CONTENT_PAGES} <= found


# ---- file names ------------------------------------------------------------------------------------------

def test_a_page_the_site_does_not_have_is_named(content):
    (content / "en" / "index.md").write_text("# Home\n", encoding="utf-8")
    (content / "en" / "notes.txt").write_text("notes\n", encoding="utf-8")
    (content / "de").mkdir()
    (content / "fr").mkdir(exist_ok=True)
    (content / "fr" / "history.md").write_text("# Historique\n", encoding="utf-8")
    known = ("(the hand-written pages are about.md, translate.md; every other page is made from principles.yaml): "
             "rename or remove it")
    assert content_problems(content) == (
        "content/de: not a language folder (content/<language>/ with language one of en, fr, es, ru, zh, ar): remove or rename it",
        f"content/en/index.md:1: not a page the site has {known}",
        f"content/en/notes.txt:1: not a page the site has {known}",
        f"content/fr/history.md:1: not a page the site has {known}",
    )


# ---- front matter ----------------------------------------------------------------------------------------

def test_front_matter_is_refused_with_its_line(content):
    page = content / "en" / "about.md"
    body = page.read_text(encoding="utf-8")
    page.write_text("---\ntitle: About\n---\n" + body, encoding="utf-8")
    assert content_problems(content) == (
        f"{ABOUT}:2: front matter: 'title' is not used: the page's title is the interface string ui/about "
        f"(translations/<language>.po); remove the front matter (lines 1-3)",)
    page.write_text("---\ntitle: [About\n---\n" + body, encoding="utf-8")
    (problem,) = content_problems(content)
    assert problem.startswith(f"{ABOUT}:2: front matter: YAML syntax error: ")
    page.write_text("---\ntitle: About\n\n" + body.replace("---", "—"), encoding="utf-8")
    assert content_problems(content) == (
        f"{ABOUT}:1: front matter opened with --- is never closed (a line with --- ends it); this site's pages have no "
        f"front matter: remove it",)


# ---- HTML ------------------------------------------------------------------------------------------------

HOSTILE = {  # case: (Markdown added to the page (the problem is on its last line), the problem)
    "script": ('<script>alert("x")</script>', "HTML element <script> is not allowed in a page (no script, style, form, "
                                               "frame, meta or embedded content): remove it"),
    "meta refresh": ('<meta http-equiv="refresh" content="0; url=https://elsewhere.example/">',
                     "HTML element <meta> is not allowed in a page (no script, style, form, frame, meta or embedded "
                     "content): remove it"),
    "event handler": ('Text <img src="../data/" alt="" onerror="alert(1)">', "attribute 'onerror' on <img> is an event handler: remove it"),
    "javascript link": ("[click](javascript:alert(1))", "javascript: URLs are not allowed ('javascript:alert(1)'): link to "
                                                       "an http, https or mailto address, or to a page of the site"),
    "obfuscated javascript": ('<a href="java&#x09;script&#58;alert(1)">x</a>', "javascript: URLs are not allowed "
                              "('java\\tscript:alert(1)'): link to an http, https or mailto address, or to a page of the site"),
    "data URL": ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data: URLs are not allowed ('data:text/html;base64,PHNjcmlwdD4='): "
                                                         "link to an http, https or mailto address, or to a page of the site"),
    "style attribute": ('Text\n{: style="position:fixed" }', "attribute 'style' on <p> is not allowed: remove it"),
    "iframe": ('<iframe src="https://elsewhere.example/"></iframe>', "HTML element <iframe> is not allowed in a page (no "
                                                                     "script, style, form, frame, meta or embedded content): remove it"),
    "form": ('<form action="https://elsewhere.example/"><input name="q"></form>',
             "HTML element <form> is not allowed in a page (no script, style, form, frame, meta or embedded content): remove it"),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_hostile_html_is_refused_at_its_line(content, case):
    markdown, problem = HOSTILE[case]
    line = append(content, markdown) + markdown.count("\n")
    found = content_problems(content)
    assert found[0] == f"{ABOUT}:{line}: {problem}", found


def test_the_allowed_markup_passes(content, tmp_path):
    append(content, '<details markdown="1"><summary>More</summary>\n\nText with <abbr title="United Nations">UN</abbr>, '
                    '<kbd>Ctrl</kbd> and [a link](https://www.un.org/counterterrorism/) or [mail](mailto:someone@example.org).'
                    '\n\n</details>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\n<script>shown as code</script>\n```')
    commands.read_inputs(ROOT / "principles.yaml", ROOT / "translations", content)


# ---- links -----------------------------------------------------------------------------------------------

def test_a_link_to_a_page_the_build_does_not_publish_is_named(content, inputs):
    line = append(content, "See [the lost page](../nowhere/) and [the text](../text).")
    latest = inputs.site.latest.id
    assert link_problems(content) == (
        f"{ABOUT}:{line}: link '../nowhere/' leads to /{latest}/nowhere/ from /{latest}/about/, which the site does not publish",
        f"{ABOUT}:{line}: link '../text' leads to /{latest}/text from /{latest}/about/, which the site does not publish "
        f"(write it with a final /)",
    )


def test_a_link_is_checked_from_every_edition_and_language_showing_the_page(content, inputs):
    """An English page is shown in every edition and, where untranslated, every language: a link to the
    full text works from the newest edition, not from one whose text has not been imported."""
    without_text = next(edition for edition in inputs.site.editions if not edition.has_text)
    line = append(content, "Read [all principles](../text/).")
    assert link_problems(content) == (
        f"{ABOUT}:{line}: link '../text/' leads to /{without_text.id}/text/ from /{without_text.id}/about/, which the site "
        f"does not publish",)


def test_links_to_the_site_by_its_address_and_to_other_sites(content, inputs):
    site_url = inputs.site_url
    latest = inputs.site.latest.id
    line = append(content, f"[here]({site_url}{latest}/nowhere/) [there](https://www.un.org/) ![logo](https://elsewhere.example/logo.png)")
    assert link_problems(content) == (
        f"{ABOUT}:{line}: link '{site_url}{latest}/nowhere/' leads to /{latest}/nowhere/ from /{latest}/about/, which the "
        f"site does not publish",
        f"{ABOUT}:{line}: image 'https://elsewhere.example/logo.png' is on another site: the site makes no request to another "
        f"host (put it on the site)",
    )


def test_a_bad_page_stops_the_build_before_it_writes(content, tmp_path):
    append(content, "<script>alert(1)</script>")
    with pytest.raises(PipelineError):
        commands.build(tmp_path / "site", ROOT / "principles.yaml", ROOT / "translations", content)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]
