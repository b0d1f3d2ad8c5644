"""Security gate: hostile text in every text field of principles.yaml and in every translation of a PO file
is shown as text everywhere — web pages, search indexes, data files, PDFs — and never becomes markup.

Fields whose format the schema fixes (ids, dates, digests, languages) refuse the text with a clear
`principles.yaml:LINE: field: ...` error; every other field carries it into a real build of a repo copy.
"""
import io
import json
import re
import xml.etree.ElementTree as ET

import html5lib
import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from pypdf import PdfReader

from scripts import commands, model
from scripts.config import LANGUAGES
from scripts.load import load_source
from scripts.permalinks import pdf_path
from scripts.sitewalk import BuiltSite, pdf_links, search_records
from scripts.validate import strings, validate
from tests import roles
from tests.browsing import csp_violations, open_page, search, serve_folder
from tests.conftest import copy_repository

MARKER = "vp-xss"
MARKUP = (f'<script>alert("{MARKER}")</script> "><img src=x onerror=alert("{MARKER}")> </title></textarea> '
          f'[link](javascript:alert("{MARKER}")) <!-- &amp; &lt; *x* `y` #z _u_ \\ ')
ATTR_LIST = f'{{: onclick="alert({MARKER})" }}'  # Markdown's attr_list syntax; interface strings refuse braces
PROBLEM = re.compile(r"^principles\.yaml:\d+: (?P<field>[\w.\[\]/-]+): .+")  # '/': aliases.p/13/


def field_path(name: str) -> tuple:
    """'editions[0].principles[12].number' -> ('editions', 0, 'principles', 12, 'number')."""
    return tuple(int(part) if part.isdigit() else part for part in re.findall(r"[^.\[\]]+", name))


def put(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def hostile_source(source_file) -> tuple:
    """The data of principles.yaml with the payload in every field the schema accepts it in; and the
    problems the other fields were refused with."""
    data = load_source(source_file).data
    original = dict(strings(data))
    for path, value in original.items():
        put(data, path, f"{value} {MARKUP}{ATTR_LIST}")
    refused = []
    for _ in range(5):  # a refused id can hide a reference problem behind it: revert until valid
        source_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
        problems = validate(load_source(source_file))
        if not problems:
            return data, refused
        refused += problems
        for problem in problems:
            path = field_path(PROBLEM.match(problem).group("field"))
            if path in original:  # else a reference to a refused id (derives_from.<edition>): reverting the id mends it
                put(data, path, original[path])
    raise AssertionError(refused)


def hostile_catalog(path):
    catalog = read_po(path.open("rb"), locale=path.stem)
    for message in catalog:
        if message.id and message.context:
            extra = "" if message.context.startswith("ui/") else ATTR_LIST
            message.string = f"{message.string or message.id} {MARKUP}{extra}"
    out = io.BytesIO()
    write_po(out, catalog, width=0)
    path.write_bytes(out.getvalue())


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    repo = copy_repository(tmp_path_factory.mktemp("hostile"))
    data, refused = hostile_source(repo / "principles.yaml")
    hostile_catalog(repo / "translations" / "ar.po")
    site_dir = repo / "site"
    inputs = commands.build(site_dir, repo / "principles.yaml", repo / "translations")
    # every file of it, each page parsed once (html5lib) for all the gates below
    return {"site": site_dir, "inputs": inputs, "refused": refused, "walk": BuiltSite(site_dir, commands.read_site_url())}


# ---- what counts as live markup -----------------------------------------------------------------------

def live_markup(tree) -> list:
    """Elements and attributes the payload would have created had it not been escaped."""
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"<{element.tag} {name}>")
            if name in ("href", "src", "action") and value.strip().lower().startswith("javascript:"):
                found.append(f"<{element.tag} {name}={value}>")
        # JSON-LD and the theme's JSON configuration are data, never run (and their < > & are \u-escaped, so
        # they cannot close the element)
        data = element.get("type") in ("application/ld+json", "application/json")
        if element.tag == "script" and MARKER in (element.text or "") and not data:
            found.append("<script> with the payload")
        if element.tag == "script" and data and "<" in (element.text or ""):
            found.append("JSON data with a raw <")
        if element.tag == "img" and element.get("src") == "x":
            found.append("<img src=x>")
    return found


def parse_fragment(text: str):
    return html5lib.parseFragment(text, namespaceHTMLElements=False)


# ---- tests ------------------------------------------------------------------------------------------

def test_fields_with_a_fixed_format_refuse_markup_with_a_clear_error(hostile_build):
    refused = hostile_build["refused"]
    assert refused and all(PROBLEM.match(problem) for problem in refused), refused
    fields = {re.sub(r"\[\d+\]", "[]", PROBLEM.match(p).group("field")) for p in refused}
    assert {"editions[].id", "editions[].principles[].id", "editions[].start"} <= fields


def test_every_translatable_text_carries_the_payload(hostile_build):
    """The test means something: the payload reached every unit of the model, in English and in Arabic."""
    site = hostile_build["inputs"].site
    units = [unit for unit in model.units(site) if not unit.id.startswith("ui/")]
    assert len(units) > 250
    assert all(MARKER in unit.english for unit in units)
    assert all(MARKER in site.text(unit, "ar").value for unit in units)


def test_no_live_markup_in_any_page(hostile_build):
    pages = hostile_build["walk"].pages  # every .html file, parsed as browsers parse it
    edition = roles.newest_with_text(hostile_build["inputs"].site)
    without_payload = []
    assert len(pages) == len(list(hostile_build["site"].rglob("*.html")))
    for rel, page in pages.items():
        tree = page.tree
        assert live_markup(tree) == [], rel
        if rel.startswith((f"{edition.id}/", f"ar/{edition.id}/")) and MARKER not in "".join(tree.itertext()):
            without_payload.append(rel)
    assert without_payload == []  # every English and Arabic page shows the payload, as text


def test_pages_stay_valid_and_their_links_intact(hostile_build):
    walk = hostile_build["walk"]
    assert walk.invalid_html() == []
    assert walk.broken_links() == []


def test_search_shows_the_payload_as_text(hostile_build, browser):
    """The search index holds the pages' text (Pagefind escapes it when it shows titles and excerpts):
    in every bundle the payload is there, and the results a reader gets show it as text."""
    site = hostile_build["inputs"].site
    roots = sorted(path.parent.parent for path in hostile_build["site"].rglob("pagefind/pagefind-entry.json"))
    assert len(roots) == len(site.editions) * len(LANGUAGES)  # one bundle per edition and language
    for root in roots:
        assert any(MARKER in record["content"].replace("\u200b", "") for record in search_records(root)), root
    with serve_folder(hostile_build["site"]) as server:
        for lang in ("", "ar/"):
            context, page = open_page(browser, server)
            page.goto(server + lang + f"{roles.newest_with_text(site).id}/")
            # the pointer over the text: the headless browser starts it at the top left, over the header, which the
            # payload in the edition's name overflows (its versions menu would open over the search button there)
            page.mouse.move(page.viewport_size["width"] / 2, page.viewport_size["height"] / 2)
            assert search(page, MARKER)
            results = parse_fragment(page.locator("pagefind-results").inner_html())
            assert MARKER in "".join(results.itertext()) and live_markup(results) == []
            assert page.evaluate("window.__ran") is None and csp_violations(page) == []
            context.close()


def test_data_files_parse_and_keep_the_text_as_data(hostile_build):
    site_dir = hostile_build["site"]
    for path in site_dir.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    for path in site_dir.rglob("*.xml"):
        ET.fromstring(path.read_bytes())
    manifest = json.loads((site_dir / "permalinks.json").read_text(encoding="utf-8"))
    assert all(MARKER in edition["name"] for edition in manifest["editions"].values())  # data, unchanged


def test_pdfs_print_the_text_and_have_no_active_content(hostile_build):
    site = hostile_build["inputs"].site
    pdfs = list(hostile_build["site"].rglob("*.pdf"))
    assert len(pdfs) == len(roles.with_text(site)) * len(LANGUAGES)
    for path in pdfs:
        data = path.read_bytes()
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        assert "/OpenAction" not in root and "/AA" not in root
        assert "/JavaScript" not in (root.get("/Names") or {})
        assert [kind for _, _, kind in pdf_links(data) if kind not in ("uri", "dest")] == []
        assert not re.search(rb"/S\s*/(JavaScript|Launch|SubmitForm|ImportData)", data)
    english = PdfReader(hostile_build["site"] / pdf_path(roles.newest_with_text(site).id, "en"))
    assert MARKER in "".join(page.extract_text() for page in english.pages[1:4])


def test_the_csp_hashes_the_themes_inline_scripts_and_nothing_else(built_site):
    from scripts.commands import trusted_scripts
    from scripts.finish import INLINE_SCRIPT, content_security_policy, trusted_hashes
    pages = [path.read_text(encoding="utf-8") for path in sorted(built_site.rglob("*.html"))]
    allowed = trusted_scripts()
    policy = content_security_policy(pages, allowed)
    assert all(f'content="{policy}"' in page for page in pages)  # one policy, on every page
    # every inline script of the site is a theme script, allowed by its hash, and nothing else is allowed
    scripts = {script for page in pages for script in INLINE_SCRIPT.findall(page)}
    assert scripts and all(trusted_hashes(f"<script>{script}</script>", allowed) for script in scripts)
    assert policy.count("'sha256-") == len({digest for page in pages for digest in trusted_hashes(page, allowed)})
    injected = pages[0].replace("</body>", "<script>alert(1)</script></body>")
    assert content_security_policy([injected] + pages[1:], allowed) == policy
