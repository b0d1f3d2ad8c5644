"""The engine's configuration (pure functions): one generated mkdocs.yml per edition and language.

Each INHERITs the repository's mkdocs.yml (theme and Markdown settings shared by all builds); it adds the
pages' navigation, the language (mkdocs-static-i18n, configured through YAML only, builds just that one
language) and the hooks of scripts/engine/hooks.py.
"""
import html

from babel import Locale
from babel.core import get_global

from .. import model
from ..config import LANGUAGES, language
from ..permalinks import CONTENT_PAGES, site_path
from ..render import date_range, yaml_text
from ..render.l10n import colon
from ..render.page import relative_root
from ..render.site import not_found_html, scoped

NAV_WINDOW = 25  # principles of the open group a page's navigation lists (more than any group of Valletta's)


def template_text(value: str) -> str:
    """Text for mkdocs' nav titles and site_name, which the theme prints unescaped into HTML and
    attributes: & < > " escaped (not ', so the few attributes the theme escapes again still read well)."""
    return html.escape(value, quote=False).replace('"', "&quot;")


def nav(site: model.Site, edition: model.Edition, lang: str) -> list:
    t = lambda key, **values: template_text(site.t(key, lang, **values))
    items = [{t("home"): "index.md"}]
    if edition.has_text:
        items.append({t("full_text"): "text.md"})
        items.append({t("principles"): principle_items(site, edition, lang)})
    if edition.summary:
        items.append({t("summary"): "summary.md"})
    if edition.has_text:
        items += [{t("side_by_side"): "side-by-side.md"}, {t("translation_status"): "translation-status.md"}]
    if edition.predecessors:
        items.append({t("comparisons"): [{t("compare_with", older=site.edition(o).name): f"compare/{o}.md"} for o in edition.predecessors]})
    items += [{t("history"): "history.md"}, {t("data"): "data.md"}] + [{t(name): f"{name}.md"} for name in CONTENT_PAGES]
    return items


def principle_items(site: model.Site, edition: model.Edition, lang: str) -> list:
    """The principles as the document groups them (groups, and scopes within a group), each with its number
    and title. A page's navigation opens only the group it is in (the theme's navigation.prune, mkdocs.yml),
    the others being one link each, and shows at most NAV_WINDOW principles of it, around the page
    (overrides/partials/nav-item.html): its size does not grow with the number of principles."""
    shown = lambda unit: template_text(site.text(unit, lang).value)

    def entry(principle):
        label = (site.t("nav_principle", lang, number=principle.number, title=site.text(principle.title, lang).value)
                 if principle.title else site.t("principle_n", lang, number=principle.number))
        return {template_text(label): f"principles/{principle.number}.md"}

    groups = []
    for group in edition.groups:
        members = edition.principles_in(group)
        if not members:
            continue
        entries = []
        for scope_id, principles in scoped(members):
            links = [entry(p) for p in principles]
            entries += [{shown(edition.scope(scope_id).title): links}] if scope_id else links
        groups.append({shown(group.title): entries})
    return groups


def render_mkdocs_config(site: model.Site, edition: model.Edition, lang: str, paths: dict, site_url: str) -> str:
    """The generated mkdocs.yml of one edition in one language.

    It INHERITs the root mkdocs.yml; mkdocs-static-i18n (configured here, used only through YAML) builds
    the one language (`build_only_locale`).
    """
    here = site_path(edition.id, lang, "")
    # The plugin builds only `lang`, whose title, navigation and theme settings are this config's own: the
    # other languages need nothing but their names (their navigations were four fifths of each config,
    # which mkdocs reads with PyYAML's pure-Python loader).
    languages = [{"locale": other.code, "name": other.name, "default": other.code == lang, "build": other.code == lang}
                 for other in LANGUAGES]
    # The language switcher links to each language's home of the edition; the finishing pass
    # (scripts/finish.py) points each link at the same page in that language.
    alternates = [{"name": other.name, "lang": other.code, "link": relative_root(here, site_path(edition.id, other.code, ""))}
                  for other in LANGUAGES]
    config = {
        "INHERIT": paths["root_config"],
        "site_name": template_text(site.text(edition.title, lang).value),
        "site_url": f"{site_url}{here}",
        "docs_dir": "docs",
        "site_dir": paths["site_dir"],
        "theme": {"custom_dir": paths["overrides"], "language": lang, "direction": language(lang).dir},
        "hooks": [paths["hooks"]],
        "nav": nav(site, edition, lang),
        # No engine search plugin: the site's search is Pagefind's, indexed over the finished site
        # (scripts/search.py), so no search index is fetched before a reader searches.
        "plugins": [
            {"i18n": {"docs_structure": "folder", "fallback_to_default": False, "reconfigure_material": True,
                      "build_only_locale": lang, "languages": languages}},
        ],
        # vp_site_root: for the finishing pass of the preview (scripts/engine/hooks.py)
        "extra": {"version": {"provider": "mike", "default": "latest"}, "alternate": alternates,
                  **theme_texts(site, edition, lang, site_url), "vp_nav_window": NAV_WINDOW,
                  "vp_site_root": site_url,
                  "vp_og_locales": [og_locale(lang)] + [og_locale(other.code) for other in LANGUAGES if other.code != lang]},
    }
    return yaml_text(config)


def theme_texts(site: model.Site, edition: model.Edition, lang: str, site_url: str) -> dict:
    """What our template overrides write besides the pages (overrides/): the edition's short name (header on
    small screens, tab titles), the version selector's accessible name, the print colophon, and the 404
    page's title and body (HTML made and escaped by scripts/render/site.py)."""
    shown = lambda unit: site.text(unit, lang).value
    held = site.t("cite_held", lang, cited=shown(edition.title), conference=shown(edition.conference),
                  place=shown(edition.place), dates=date_range(edition.start, edition.end, lang))
    # the version label is data for the theme's script (serialised with tojson), not HTML: not escaped
    return {"vp_short_name": template_text(edition.name), "vp_version_label": site.t("edition_selector", lang, edition=edition.name),
            "vp_print_edition": template_text(held), "vp_permalink_label": template_text(site.t("permalink", lang) + colon(lang)),
            "vp_not_found_title": template_text(site.t("not_found_title", lang)), "vp_not_found": not_found_html(site, lang, site_url)}


def og_locale(lang: str) -> str:
    """Open Graph's language_TERRITORY: CLDR's likely territory when the locale names none (fr -> fr_FR)."""
    locale = Locale.parse(language(lang).babel_locale)
    if not locale.territory:
        locale = Locale.parse(get_global("likely_subtags")[locale.language])
    return f"{locale.language}_{locale.territory}"


