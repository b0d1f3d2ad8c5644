"""The engine's configuration (pure functions): one generated mkdocs.yml per edition and language.

Each INHERITs the repository's mkdocs.yml (theme and Markdown settings shared by all builds); it adds the
pages' navigation, the language (mkdocs-static-i18n, configured through YAML only, builds just that one
language, so every language has its own search index), search and the hooks of scripts/engine/hooks.py.
"""
import html

import yaml
from babel import Locale
from babel.core import get_global

from .. import model
from ..config import LANGUAGES, language
from ..permalinks import CONTENT_PAGES, edition_pages, site_path
from ..render.page import relative_root

# One separator for every language's search index: whitespace, the zero-width space jieba's segmentation
# inserts, CJK and Arabic punctuation, French elisions (l'État -> l / État) and hyphens.
SEARCH_SEPARATOR = r"[\s\u200b\-_,:;!?=\[\]()\"'’`/，。、；：？！（）《》「」“”«»،؛؟]+|\.(?!\d)"


def template_text(value: str) -> str:
    """Text for mkdocs' nav titles and site_name, which the theme prints unescaped into HTML and
    attributes: & < > " escaped (not ', so the few attributes the theme escapes again still read well)."""
    return html.escape(value, quote=False).replace('"', "&quot;")


def nav(site: model.Site, edition: model.Edition, lang: str) -> list:
    t = lambda key, **values: template_text(site.t(key, lang, **values))
    items = [{t("home"): "index.md"}]
    if edition.has_text:
        items.append({t("full_text"): "text.md"})
        items.append({t("principles"): [
            {t("principle_n", number=p.number): f"principles/{p.number}.md"} for p in edition.principles
        ]})
    if edition.summary:
        items.append({t("summary"): "summary.md"})
    if edition.has_text:
        items += [{t("side_by_side"): "side-by-side.md"}, {t("translation_status"): "translation-status.md"}]
    if edition.predecessors:
        items.append({t("comparisons"): [{t("compare_with", older=site.edition(o).name): f"compare/{o}.md"} for o in edition.predecessors]})
    items += [{t("history"): "history.md"}, {t("data"): "data.md"}] + [{t(name): f"{name}.md"} for name in CONTENT_PAGES]
    return items


def render_mkdocs_config(site: model.Site, edition: model.Edition, lang: str, paths: dict, site_url: str) -> str:
    """The generated mkdocs.yml of one edition in one language.

    It INHERITs the root mkdocs.yml; mkdocs-static-i18n (configured here, used only through YAML) builds
    the one language (`build_only_locale`), so every language gets its own search index.
    """
    here = site_path(edition.id, lang, "")
    languages = [{
        "locale": other.code, "name": other.name, "default": other.code == lang, "build": other.code == lang,
        "site_name": template_text(site.text(edition.title, other.code).value),
        "nav": nav(site, edition, other.code),
        "theme": {"language": other.code, "direction": other.dir},
    } for other in LANGUAGES]
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
        "plugins": [
            {"search": {"separator": SEARCH_SEPARATOR}},
            {"i18n": {"docs_structure": "folder", "fallback_to_default": False, "reconfigure_material": True,
                      "build_only_locale": lang, "languages": languages}},
        ],
        # vp_site_root and vp_pages: for the finishing pass of the preview (scripts/engine/hooks.py)
        "extra": {"version": {"provider": "mike", "default": "latest"}, "alternate": alternates,
                  "vp_site_root": site_url, "vp_pages": edition_pages(edition),
                  "vp_og_locales": [og_locale(lang)] + [og_locale(other.code) for other in LANGUAGES if other.code != lang]},
    }
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=10**6)


def og_locale(lang: str) -> str:
    """Open Graph's language_TERRITORY: CLDR's likely territory when the locale names none (fr -> fr_FR)."""
    locale = Locale.parse(language(lang).babel_locale)
    if not locale.territory:
        locale = Locale.parse(get_global("likely_subtags")[locale.language])
    return f"{locale.language}_{locale.territory}"


