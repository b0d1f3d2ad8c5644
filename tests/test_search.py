"""Search as readers use it, in Debian's Chromium (scripts/search.py: Pagefind over the finished site):
word forms and accents typed or left out find the same principle in every language, Chinese is segmented,
results are of the edition and language being read, excerpts are the principle's text, nothing is fetched
before a reader starts searching, the keyboard and screen readers can use it, and it runs under the CSP.

Queries come from the real translations: the expected principle is looked up by the word in its title in
that language, the query is another form of that word (plural, inflection, article, accents left out)."""
import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import expect

from scripts import search as pagefind_index  # `search` is the browsing helper below
from scripts.config import TRANSLATED_LANGUAGES
from scripts.permalinks import CONTENT_PAGES, HOME, TEXT, edition_pages, principle_page, site_path
from scripts.sitewalk import search_records
from tests import roles
from tests.browsing import SHOWN_RESULTS, csp_violations, real_errors, result_count, search
from tests.test_accessibility import axe_violations

# (language, form in the title of the expected principles, another form a reader types)
WORD_FORMS = [
    ("fr", "financement", "financements"),  # plural
    ("fr", "désorganisation", "desorganisation"),  # accent left out
    ("es", "víctimas", "victimas"),  # accent left out
    ("es", "víctimas", "víctima"),  # singular
    ("ru", "жертвам", "жертвы"),  # another case
    ("ru", "жертвам", "жертв"),
    ("ar", "تمويل", "التمويل"),  # with the article
    ("ar", "الإرهاب", "إرهاب"),  # without it
    ("zh", "刑事司法", "刑事司法"),  # segmented: the title runs these words into others
    ("zh", "资助恐怖主义", "资助恐怖主义"),
]


def words(text: str) -> list:
    """Word tokens without accents or case; Chinese runs stay whole (without the zero-width spaces that
    the index's segmentation puts between words)."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text.replace("\u200b", "")) if not unicodedata.combining(c))
    return re.findall(r"\w+", plain.casefold())


def principle_text(site, principle, lang: str) -> list:
    """The words of a principle's page as search indexes them: its heading, then its paragraphs."""
    title = site.text(principle.title, lang).value if principle.title else ""
    paragraphs = [site.text(p.unit, lang).value for p in principle.paragraphs]
    return words(" ".join([site.t("principle_n", lang, number=principle.number), title] + paragraphs))


def is_part_of(excerpt: str, text: list) -> bool:
    """The excerpt's words run together in the text (its first and last may be cut anywhere)."""
    inner = " ".join(words(excerpt))
    return bool(inner) and inner in " ".join(text)


def searched(site, lang: str):
    """The edition searched in `lang`: the newest edition translated into it (the queries are its words)."""
    return roles.translated(site, lang)


def open_search_page(page, server, edition, lang: str):
    page.goto(server + site_path(edition.id, lang, HOME))
    page.wait_for_load_state("networkidle")


def misspelt(name: str) -> str:
    """The first word of an edition's name as a reader may type it: accents left out, else a doubled letter single."""
    word = name.split()[0]
    plain = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    if plain == word:
        plain = re.sub(r"(\w)\1", r"\1", word, count=1)
    assert plain != word, f"{name!r} has no accent and no doubled letter: choose another misspelling"
    return plain


@pytest.mark.parametrize("lang,title_word,query", WORD_FORMS)
def test_a_word_form_finds_the_principle_with_its_text_as_excerpt(page, server, inputs, lang, title_word, query):
    site = inputs.site
    edition = searched(site, lang)
    expected = {p.number: p for p in edition.principles if p.title and title_word in site.text(p.title, lang).value}
    assert expected, f"no principle title in {lang} holds {title_word!r}: choose another word"
    open_search_page(page, server, edition, lang)
    results = search(page, query)[:SHOWN_RESULTS]
    root = server + site_path(edition.id, lang, HOME)
    found = [(int(link[len(root + "principles/"):].strip("/")), excerpt) for link, excerpt in results
             if link.startswith(root + "principles/") and "#" not in link]
    hits = [(number, excerpt) for number, excerpt in found if number in expected]
    assert hits, (query, results)
    for number, excerpt in hits:
        assert is_part_of(excerpt, principle_text(site, expected[number], lang)), (number, excerpt)
    assert all(link.startswith(root) for link, _ in results), "results of the edition and language read"
    assert csp_violations(page) == [] and real_errors(page) == []


@pytest.mark.parametrize("lang,one,other", [("fr", "financement", "financements"), ("es", "víctimas", "victimas"),
                                            ("ru", "жертв", "жертвы"), ("ar", "الإرهاب", "إرهاب")])
def test_both_forms_of_a_word_find_as_many_pages(browser, server, inputs, lang, one, other):
    counts = []
    for query in (one, other):
        context = browser.new_context()
        page = context.new_page()
        open_search_page(page, server, searched(inputs.site, lang), lang)
        search(page, query)
        counts.append(result_count(page))
        context.close()
    assert counts[0] == counts[1] > 0, counts


@pytest.mark.parametrize("lang", [lang.code for lang in TRANSLATED_LANGUAGES])
def test_the_index_holds_the_text_not_banners_citations_or_run_together_titles(built_site, inputs, lang):
    """What excerpts are made of: no translation banner or note, no citation box, no PDF link; a
    principle's number and title stay apart where a page lists them (the edition's home)."""
    site = inputs.site
    left_out = [site.t(key, lang) for key in ("banner_draft", "banner_reviewed", "fallback_missing", "cite_this",
                                              "download_pdf", "read_side_by_side")]
    # the edition translated into the language, and the newest edition with text, translated or not
    for edition in {e.id: e for e in (searched(site, lang), roles.newest_with_text(site))}.values():
        records = search_records(built_site / site_path(edition.id, lang, HOME))
        assert len(records) == len(edition_pages(edition)) - 1  # every page but side by side (two languages)
        for record in records:  # the hand-written pages may name the box ("the Cite this box") in their prose
            if record["url"].strip("/") not in CONTENT_PAGES:
                assert not [text for text in left_out if text in record["content"]], (edition.id, record["url"])
        home = next(r for r in records if r["url"] == "/")
        first = next(p for p in edition.principles if p.title)
        label, title = site.t("principle_n", lang, number=first.number), site.text(first.title, lang).value
        assert is_part_of(f"« {label} {title} »", words(home["content"])), ("number and title kept apart", edition.id)


def test_nothing_is_fetched_for_search_before_a_reader_searches(page, server, inputs):
    edition = searched(inputs.site, "en")
    page.goto(server + site_path(edition.id, "en", principle_page(roles.a_principle(edition))))
    page.wait_for_load_state("networkidle")
    fetched = list(page.requests)
    assert not [url for url in fetched if "/pagefind/" in url or "search" in url.rsplit("/", 1)[-1]]
    results = search(page, "justice")
    assert results and any(f"/{edition.id}/pagefind/" in url for url in page.requests)
    assert csp_violations(page) == [] and real_errors(page) == []


def test_search_by_keyboard_with_an_accessible_dialog(page, server, inputs):
    edition = searched(inputs.site, "ar")
    page.goto(server + site_path(edition.id, "ar", principle_page(roles.translated_principle(inputs.site, edition, ["ar"]))))
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    dialog = page.locator("pagefind-modal dialog")
    expect(dialog).to_be_visible()
    assert dialog.get_attribute("aria-label"), "the dialog has an accessible name"
    expect(page.locator("pagefind-modal input")).to_be_focused()
    page.keyboard.type("الإرهاب")
    page.locator("pagefind-results a.pf-result-link").first.wait_for()
    assert axe_violations(page) == []  # with the dialog open and its results shown
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('pagefind-results') !== null")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    button = page.locator("[data-vp-search]")
    button.focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()


def test_search_speaks_the_page_language(browser, server, inputs):
    """The button's name and the search's own texts are in the page's language."""
    seen = {}
    edition = roles.translated(inputs.site)
    for lang in ("en", "fr", "ar", "zh"):
        context = browser.new_context()
        page = context.new_page()
        page.goto(server + site_path(edition.id, lang, HOME))
        button = page.locator("[data-vp-search]")
        button.click()
        seen[lang] = (button.get_attribute("aria-label"), page.locator("pagefind-modal input").get_attribute("placeholder"))
        context.close()
    assert len({label for label, _ in seen.values()}) == len(seen) and len({p for _, p in seen.values()}) == len(seen)


def test_search_is_hidden_without_javascript(browser, server, inputs):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + site_path(roles.newest(inputs.site).id, "en", HOME))
    assert page.locator("[data-vp-search]").is_hidden()
    context.close()


def test_search_finds_a_chinese_word_on_the_chinese_site_only(page, server, inputs):
    site, word = inputs.site, "刑事司法"
    edition = searched(site, "zh")
    expected = [server + site_path(edition.id, "zh", principle_page(p)) for p in edition.principles
                if p.title and word in site.text(p.title, "zh").value]
    assert expected, f"no principle title in zh holds {word!r}: choose another word"
    open_search_page(page, server, edition, "zh")
    links = [link for link, _ in search(page, word)]
    assert set(expected) & set(links), (expected, links)
    assert all(link.startswith(server + site_path(edition.id, "zh", HOME)) for link in links)


def test_search_finds_an_edition_by_a_misspelt_name(page, server, inputs):
    """The newest edition translated into every language, in English; the oldest edition, in French."""
    for edition, lang in ((roles.translated(inputs.site), "en"), (roles.older(inputs.site)[-1], "fr")):
        home = server + site_path(edition.id, lang, HOME)
        page.goto(home)
        assert search(page, misspelt(edition.name))[0][0] == home, edition.id


def test_search_by_principle_number(page, server, inputs):
    edition = searched(inputs.site, "es")
    principle = roles.translated_principle(inputs.site, edition, ["es"])
    open_search_page(page, server, edition, "es")
    links = [link for link, _ in search(page, str(principle.number))]
    assert links[0] in (server + site_path(edition.id, "es", principle_page(principle)), server + site_path(edition.id, "es", TEXT))


@pytest.mark.parametrize("lang", ["en", "zh", "ar"])
def test_the_index_made_as_the_engine_ends_is_the_index_of_the_finished_pages(built_site, inputs, lang, tmp_path):
    """The build indexes each folder as soon as the engine has built it, before the finishing pass (CSP,
    `dir`, language links): that pass must change nothing Pagefind reads. Pagefind over the finished pages
    of a copy gives the very bundle the build published."""
    root = site_path(roles.newest_with_text(inputs.site).id, lang, HOME)
    copy = tmp_path / "root"
    shutil.copytree(built_site / root, copy, ignore=shutil.ignore_patterns(pagefind_index.BUNDLE))
    pagefind_index.index_root(copy)

    def bundle(folder):
        return {path.relative_to(folder).as_posix(): path.read_bytes()
                for path in sorted((folder / pagefind_index.BUNDLE).rglob("*")) if path.is_file()}

    published, remade = bundle(built_site / root), bundle(copy)
    assert published.keys() == remade.keys() and len(published) > 3
    assert [name for name in published if published[name] != remade[name]] == []


def test_the_index_is_the_same_on_any_filesystem(built_site, inputs, tmp_path):
    """Same pages, same bundle, wherever the site is built: the folders of the newest edition with text,
    indexed on this disk and on a filesystem in memory (which lists a folder's files in another order; with
    Pagefind's own command, its index followed that order)."""
    from tests.test_faults import tmpfs

    root = site_path(roles.newest_with_text(inputs.site).id, "fr", HOME)
    copies = [tmp_path / "disk", tmp_path / "memory" / "root"]
    with tmpfs(tmp_path / "memory", "200m") as mounted:
        assert mounted, "indexing on another filesystem needs a mount: run the tests as root, as CI does"
        for copy in copies:
            shutil.copytree(built_site / root, copy, ignore=shutil.ignore_patterns(pagefind_index.BUNDLE))
            pagefind_index.index_root(copy)
        assert listed(copies[0]) != listed(copies[1])  # what the old command depended on
        made = [{path.relative_to(copy).as_posix(): path.read_bytes() for path in sorted((copy / pagefind_index.BUNDLE).rglob("*"))
                 if path.is_file()} for copy in copies]
    assert made[0].keys() == made[1].keys() and len(made[0]) > 3
    assert [name for name in made[0] if made[0][name] != made[1][name]] == []


def listed(folder: Path) -> list:
    """The order in which the filesystem lists the folder's pages, as a walk finds them."""
    return [(Path(path) / name).relative_to(folder).as_posix() for path, _, names in os.walk(folder)
            for name in names if name.endswith(".html")]
