"""Navigation that says what each principle is: the sidebar (also the phone drawer) and the previous/next
links give each principle's number and title, grouped as the document groups them; a page's navigation
opens only its own group, and at most NAV_WINDOW principles of it, so that it does not grow with the
number of principles (tried on a synthetic 200-principle edition); the tab title names the edition once;
the page's own entry is never covered by the sidebar's title."""
import re

import pytest
import yaml
from lxml import html as lxml_html

from scripts import benchmark, commands, engine
from scripts.engine.config import NAV_WINDOW
from scripts.permalinks import principle_page, site_path
from scripts.render import l10n
from scripts.render.site import scoped
from tests import roles

LANGS = ("en", "fr", "ar")


def nav_title(site, principle, lang: str) -> str:
    return site.t("nav_principle", lang, number=principle.number, title=site.text(principle.title, lang).value)


def sidebar_links(tree) -> list:
    """Texts of the links of the primary navigation (sidebar and drawer), in order."""
    return [" ".join(a.text_content().split()) for a in tree.xpath('//nav[contains(@class, "md-nav--primary")]//a')]


def page_tree(site_dir, edition, lang: str, page: str):
    return lxml_html.fromstring((site_dir / site_path(edition.id, lang, page) / "index.html").read_bytes())


@pytest.mark.parametrize("lang", LANGS)
def test_a_principle_page_lists_the_principles_of_its_group_with_their_titles(built_site, inputs, lang):
    site, edition = inputs.site, roles.translated(inputs.site)
    for group in edition.groups:
        for _scope, principles in scoped(edition.principles_in(group)):
            principle = principles[-1]
            tree = page_tree(built_site, edition, lang, principle_page(principle))
            links = sidebar_links(tree)
            labels = " ".join(tree.xpath('//nav[contains(@class, "md-nav--primary")]')[0].text_content().split())
            assert all(nav_title(site, p, lang) in links for p in principles), (lang, principle.number)
            assert all(site.text(g.title, lang).value in labels for g in edition.groups)  # every group is named
            others = [p for p in edition.principles if p.group != group.id]
            assert not [p.number for p in others if nav_title(site, p, lang) in links], "other groups stay closed"


@pytest.mark.parametrize("lang", LANGS)
def test_previous_and_next_links_say_which_principle(built_site, inputs, lang):
    site, edition = inputs.site, roles.translated(inputs.site)
    middle = edition.principles.index(roles.a_principle(edition))  # a principle with one before and one after it
    before, principle, after = edition.principles[middle - 1:middle + 2]
    tree = page_tree(built_site, edition, lang, principle_page(principle))
    previous = " ".join(tree.xpath('//a[contains(@class, "md-footer__link--prev")]')[0].text_content().split())
    following = " ".join(tree.xpath('//a[contains(@class, "md-footer__link--next")]')[0].text_content().split())
    assert nav_title(site, before, lang) in previous and nav_title(site, after, lang) in following


def test_the_tab_title_names_the_edition_once(built_site, inputs):
    site = inputs.site
    for lang in ("en", "fr", "ru", "zh", "ar"):
        for edition in site.editions:
            name = site.text(edition.title, lang).value
            for path in sorted((built_site / site_path(edition.id, lang, "")).rglob("index.html")):
                title = lxml_html.fromstring(path.read_bytes()).findtext(".//title")
                if "refresh" not in path.read_text(encoding="utf-8")[:600]:
                    assert title.count(name) <= 1 and title.count(edition.name) <= 1, (path, title)
        edition = roles.translated(site)
        principle = roles.translated_principle(site, edition)
        title = page_tree(built_site, edition, lang, principle_page(principle)).findtext(".//title")
        label = site.t("principle_n", lang, number=principle.number)
        assert title == f"{l10n.labelled(label, site.text(principle.title, lang).value, lang)} – {edition.name}"


def test_a_page_lists_a_bounded_part_of_a_long_group(tmp_path):
    """At 200 principles (synthetic copies, scripts/benchmark.py) a page lists at most NAV_WINDOW of its
    group's principles, itself and its neighbours among them."""
    source = tmp_path / "principles.yaml"
    data = yaml.safe_load(benchmark.synthetic_source(2, 200))
    grown = max(range(len(data["editions"])), key=lambda n: len(data["editions"][n]["principles"]))
    # the grown edition as the newest: an edition newer than it would have to drop or carry its added principles
    data["editions"] = data["editions"][grown:]
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    inputs = commands.read_inputs(source)
    edition = inputs.site.latest
    site_dir = tmp_path / "site"
    files = engine.project_files(inputs.site, inputs.content, inputs.site_url, site_dir, only={(edition.id, "en")})
    commands.write_files(tmp_path / "build", files)
    engine.build(engine.configs(tmp_path / "build", files), commands.source_date_epoch(inputs.site))
    numbered = re.compile(r"^(\d+)\. ")
    for principle in (edition.principles[0], edition.principles[99], edition.principles[-1]):
        links = sidebar_links(page_tree(site_dir, edition, "en", principle_page(principle)))
        listed = [int(numbered.match(text).group(1)) for text in links if numbered.match(text)]
        same_group = [p.number for p in edition.principles if p.group == principle.group]
        assert len([n for n in listed if n in same_group]) <= NAV_WINDOW + 1  # + a closed scope's first entry
        position = same_group.index(principle.number)
        assert set(same_group[max(position - 1, 0):position + 2]) <= set(listed)
    assert len(edition.principles) == 200


def test_the_page_s_own_entry_is_not_covered_by_the_sidebar_title(browser, server, inputs):
    context = browser.new_context(viewport={"width": 1280, "height": 560})
    page = context.new_page()
    edition = roles.translated(inputs.site)
    for principle in (edition.principles[0], edition.principles[-1]):  # the first and the last entry
        for lang in ("en", "ar"):
            page.goto(server + site_path(edition.id, lang, principle_page(principle)))
            page.wait_for_load_state("networkidle")
            link = page.locator(".md-sidebar--primary a.md-nav__link--active").last
            box = link.bounding_box()
            on_top = link.evaluate("(a, point) => a.contains(document.elementFromPoint(point.x, point.y))",
                                   {"x": box["x"] + box["width"] / 2, "y": box["y"] + 4})
            assert on_top, (lang, principle.number)
    context.close()
