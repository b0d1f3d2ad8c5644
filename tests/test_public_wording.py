"""Public pages and PDFs speak to readers, in each reader's language: no repository paths and no notes to
maintainers anywhere (the translators' guide, written for translators, names the files they edit); text
that exists only in English marked as English; and each language's punctuation, dates and months.

Every built page (404 and redirect pages included) and every PDF is read, whatever later work adds."""
import re
import xml.etree.ElementTree as ET

import html5lib
import pytest

from scripts import model
from scripts.commands import read_site_url
from scripts.config import DEFAULT_LANGUAGE, LANGUAGES, TRANSLATED_LANGUAGES
from scripts.permalinks import TRANSLATORS_GUIDE
from scripts.render import l10n
from scripts.render.pdf import document_data
from tests import roles
from tests.pdftext import page_texts

# What readers must never be shown: where files are in the repository, and notes for the people who run it.
REPOSITORY = re.compile(r"sources/|translations/|scripts/|content/|\.txt\b|\.ya?ml\b|\.pot?\b|\.py\b|SHA-256")
MAINTAINER = re.compile(r"\bimport(?:ed|ing)?\b|from memory|reconstruct|repositor|\./vp\b|pull request|msgid|msgstr|"
                        r"\bimporté|\bimportad[oa]|импортирова|导入|يُستورد|\bdépôt\b|repositorio|репозитори|存储库|المستودع", re.I)
NOT_TEXT = {"script", "style", "title", "svg"}  # the <title> is checked as page metadata elsewhere


LITERAL = {"code", "pre", "kbd", "samp"}  # quoted as typed (a file name, a command): no punctuation rules


def text_nodes(element, lang=None, skipped=NOT_TEXT):
    """(language, text) of every text node below `element`, with the language it inherits."""
    tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else None  # html5lib names svg "{…svg}svg"
    if tag is None or tag in skipped:
        return
    lang = element.get("lang") or lang
    if element.text:
        yield lang, element.text
    for child in element:
        yield from text_nodes(child, lang, skipped)
        if child.tail:
            yield lang, child.tail


def for_readers(rel: str) -> bool:
    return f"/{TRANSLATORS_GUIDE}/" not in f"/{rel}"


@pytest.fixture(scope="module")
def pdf_texts(built_site):
    return {str(path.relative_to(built_site)): "\n".join(page_texts(path))
            for path in sorted(built_site.rglob("*.pdf"))}


# ---- nothing for maintainers ------------------------------------------------------------------------------

def test_no_page_shows_repository_paths_or_notes_to_maintainers(site_walk):
    problems, pages = [], [rel for rel in site_walk.pages if for_readers(rel)]
    assert len(pages) > len(LANGUAGES) * 10
    for rel in pages:
        text = " ".join(value for _, value in text_nodes(site_walk.pages[rel].tree))
        for pattern in (REPOSITORY, MAINTAINER):
            problems += [f"{rel}: …{text[max(0, m.start() - 40):m.end() + 40]}…" for m in pattern.finditer(text)]
    assert problems == []


def test_no_pdf_shows_repository_paths_or_notes_to_maintainers(pdf_texts):
    assert len(pdf_texts) >= len(LANGUAGES)
    assert all(read_site_url() in text for text in pdf_texts.values())  # the scan reads their text, addresses included
    problems = [f"{name}: …{text[max(0, m.start() - 40):m.end() + 40]}…" for name, text in pdf_texts.items()
                for pattern in (REPOSITORY, MAINTAINER) for m in pattern.finditer(text)]
    assert problems == []


def test_the_scan_reads_what_readers_see():
    """Table cells and nested elements count (the history page once listed repository files in a cell);
    scripts do not."""
    tree = html5lib.parse("<table><tr><td><code>sources/000.txt</code></td></tr></table><script>a.py</script>",
                          namespaceHTMLElements=False)
    text = " ".join(value for _, value in text_nodes(tree))
    assert REPOSITORY.findall(text) == ["sources/", ".txt"]


def test_what_is_not_known_is_said_plainly(site_walk, inputs):
    """An edition whose text is not on the site says so in those words, in every language."""
    missing = [e for e in inputs.site.editions if not e.has_text]
    for edition in missing:
        for lang in LANGUAGES:
            rel = f"{'' if lang == DEFAULT_LANGUAGE else lang.code + '/'}{edition.id}/index.html"
            text = " ".join(value for _, value in text_nodes(site_walk.pages[rel].tree))
            assert inputs.site.t("text_not_imported", lang.code) in text, rel
    assert inputs.site.t("text_not_imported", "en").startswith("The text of this edition is not yet published on this site.")


# ---- English that exists only in English is marked --------------------------------------------------------

def english_only(site: model.Site) -> set:
    """Names, titles and notes in principles.yaml that have no translation: edition names, organisers,
    the documents' titles, bodies and notes, the titles of other sources, the search names."""
    values = set()
    for edition in site.editions:
        doc = edition.document
        values |= {edition.name, *edition.organisers, *edition.facilitators, *edition.search_names}
        values |= {value for value in (doc.title, doc.bodies, doc.note, doc.symbol) if value}
        values |= {event.source.title for event in edition.history if event.source}
    return values


def test_english_only_text_is_marked_english_on_translated_pages(site_walk, inputs):
    values, found, problems = english_only(inputs.site), set(), []
    for rel, page in site_walk.pages.items():
        html_lang = page.tree.get("lang")
        article = page.tree.find(".//article")
        if html_lang == DEFAULT_LANGUAGE.code or article is None:
            continue
        for lang, text in text_nodes(article, html_lang):
            for value in values:
                if value in text:
                    (found.add(value) if lang == DEFAULT_LANGUAGE.code else problems.append(f"{rel} ({lang}): {value}"))
    assert problems == []
    assert found == values, "every such value is on some translated page"


def test_english_only_text_is_tagged_english_in_the_pdfs(inputs):
    values = english_only(inputs.site)
    for edition in (e for e in inputs.site.editions if e.has_text):
        for lang in TRANSLATED_LANGUAGES:
            _, strings = document_data(inputs.site, edition, lang.code, inputs.site_url, "test")
            wrong = [(value, source) for value, run_lang, source in strings
                     if run_lang != DEFAULT_LANGUAGE.code and any(v in value for v in values if len(v) > 12)]
            assert wrong == [], lang.code
            shown = {value for value, run_lang, _ in strings if run_lang == DEFAULT_LANGUAGE.code}
            assert edition.document.title in shown and edition.name in shown


# ---- each language's punctuation, dates and months ----------------------------------------------------------

# A Latin comma, semicolon or question mark after an Arabic letter; a half-width , : ; next to a Chinese
# character; in French, : ; ? ! after a letter without a no-break space, or after an ordinary space.
ARABIC_LATIN_PUNCTUATION = re.compile(r"[\u0621-\u064A]\s?[,;?]")
CHINESE_HALF_WIDTH = re.compile(r"[\u4e00-\u9fff\u3001-\u303f\uff01-\uff5e][,:;]|[,:;]\s?[\u4e00-\u9fff]")
FRENCH_TIGHT = re.compile(r"(?:[^\s\u00a0\u202f\d/]|^)[:;?!](?=\s|$)| [:;?!]")
# Months as CLDR writes them in Arabic, each of which a UN document pairs with its Levantine name.
LATIN_MONTHS_AR = "|".join(name.split("/")[1] for name in l10n.un_month_names("ar").values()) + "|يونيو|يوليو"
BARE_ARABIC_MONTH = re.compile(rf"(?<![/\u0600-\u06FF])(?:{LATIN_MONTHS_AR})(?![\u0600-\u06FF])")
RULES = {"ar": (ARABIC_LATIN_PUNCTUATION, BARE_ARABIC_MONTH), "zh": (CHINESE_HALF_WIDTH,), "fr": (FRENCH_TIGHT,)}


@pytest.mark.parametrize("lang", sorted(RULES))
def test_pages_follow_the_languages_punctuation_and_month_names(site_walk, lang):
    """On every page of the language, in every passage in that language (English passages are English)."""
    problems, checked = [], 0
    for rel, page in site_walk.pages.items():
        if page.tree.get("lang") != lang:
            continue
        article = page.tree.find(".//article")
        for run_lang, text in text_nodes(article if article is not None else page.tree, lang, NOT_TEXT | LITERAL):
            if run_lang != lang:
                continue
            checked += 1
            for pattern in RULES[lang]:
                problems += [f"{rel}: …{text[max(0, m.start() - 30):m.end() + 30]}…" for m in pattern.finditer(text)]
    assert checked > 100 and problems == []


@pytest.mark.parametrize("lang, comma, colon", [("ar", "، ", None), ("zh", "，", "："), ("fr", None, "\u202f: ")])
def test_the_defects_once_reported(site_walk, inputs, lang, comma, colon):
    """The defects readers reported, by where they were: the comma between place and dates on the history
    page (Latin in Arabic and Chinese); the colon after "Principle 13" in its heading and og:title (French
    without its space, Chinese half-width)."""
    edition = roles.translated(inputs.site, lang)
    number = roles.translated_principle(inputs.site, edition, [lang]).number
    if comma:
        place = inputs.site.text(edition.place, lang).value
        history = site_walk.pages[f"{lang}/{edition.id}/history/index.html"].tree
        (shown,) = ["".join(dd.itertext()) for dd in history.iter("dd") if "".join(dd.itertext()).startswith(place)]
        assert shown == place + comma + l10n.date_range(edition.start, edition.end, lang) and "," not in shown
    if colon:
        page = site_walk.pages[f"{lang}/{edition.id}/principles/{number}/index.html"].tree
        label = inputs.site.t("principle_n", lang, number=number) + colon
        h1 = "".join(page.find(".//h1").itertext())
        og = next(meta.get("content") for meta in page.iter("meta") if meta.get("property") == "og:title")
        assert h1.startswith(label) and og.startswith(label)


@pytest.mark.parametrize("lang, comma", [("ar", "، "), ("zh", "，")])
def test_akoma_ntoso_joins_conference_place_and_dates_with_the_languages_comma(built_site, inputs, lang, comma):
    namespace = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    files = sorted(built_site.glob(f"{lang}/*/data/*.akn.xml"))
    assert files
    for path in files:
        line = ET.parse(path).find(".//a:preface/a:p[@class='conference']", namespace)
        text = "".join(line.itertext())
        assert text.count(comma) >= 2 and "," not in text, (path, text)


def test_arabic_dates_are_written_alike_in_citations_history_and_pdf(inputs, site_walk):
    """One month style everywhere: the history table, the facts, the citation and the PDF's dates."""
    edition = roles.translated(inputs.site, "ar")
    adopted = l10n.date_range(edition.start, edition.end, "ar")
    assert "/" in adopted  # the UN's month names: the Levantine and the Egyptian name, as in آذار/مارس
    history = " ".join(text for _, text in text_nodes(site_walk.pages[f"ar/{edition.id}/history/index.html"].tree))
    assert adopted in history and l10n.when(edition.document.date, "ar") in history
    number = roles.a_principle(edition).number
    principle = " ".join(text for _, text in text_nodes(site_walk.pages[f"ar/{edition.id}/principles/{number}/index.html"].tree))
    assert adopted in principle, "the citation box"
    _, strings = document_data(inputs.site, edition, "ar", inputs.site_url, "test")
    assert not [value for value, lang, _ in strings if lang == "ar" and BARE_ARABIC_MONTH.search(value)]
