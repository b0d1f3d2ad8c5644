"""The editions, principles and sections tests talk about, by their role ("the newest edition with text", "an
edition without text", "an older edition"), found in the model: never by today's ids, order or counts, so
that adding an edition as README "Adding an edition" says leaves every test meaningful.

Each function returns what has the role, or fails saying that the sources have none: a test that needs
"an edition without text" then describes one of its own (see `without_text`)."""
import dataclasses

from scripts import model
from scripts.config import TRANSLATED_LANGUAGES


def newest(site: model.Site) -> model.Edition:
    return site.latest


def with_text(site: model.Site) -> list:
    """The editions whose text is on the site, newest first."""
    return [edition for edition in site.editions if edition.has_text]


def newest_with_text(site: model.Site) -> model.Edition:
    found = with_text(site)
    assert found, "no edition has text"
    return found[0]


def older(site: model.Site) -> list:
    """Every edition but the newest, newest first."""
    return list(site.editions[1:])


def with_summary(site: model.Site) -> model.Edition:
    """The newest edition with a Summary of Discussions."""
    return next(edition for edition in site.editions if edition.summary)


def is_translated(site: model.Site, edition: model.Edition, lang: str) -> bool:
    """Whether readers of `lang` get most of the edition's principle titles in their language."""
    shown = [site.text(p.title, lang) for p in edition.principles if p.title]
    return bool(shown) and sum(not text.is_fallback for text in shown) * 2 > len(shown)


def translated(site: model.Site, lang: str = None) -> model.Edition:
    """The newest edition with text translated into `lang` (into every translated language if None)."""
    langs = [lang] if lang else [other.code for other in TRANSLATED_LANGUAGES]
    found = [e for e in with_text(site) if all(is_translated(site, e, code) for code in langs)]
    assert found, f"no edition with text is translated into {', '.join(langs)}"
    return found[0]


def middle(items):
    return items[len(items) // 2]


def a_principle(edition: model.Edition) -> model.Principle:
    """A principle in the middle of the edition (neither its first nor, where there are three, its last)."""
    return middle(edition.principles)


def translated_principle(site: model.Site, edition: model.Edition, langs=None) -> model.Principle:
    """A principle of `edition` whose title and paragraphs are translated into every language of `langs`
    (every translated language if None), the nearest to the middle."""
    langs = langs or [lang.code for lang in TRANSLATED_LANGUAGES]
    units = lambda p: ([p.title] if p.title else []) + [q.unit for q in p.paragraphs]
    found = [p for p in edition.principles if all(not site.text(u, lang).is_fallback for u in units(p) for lang in langs)]
    assert found, f"no principle of {edition.id} is translated into {', '.join(langs)}"
    return middle(found)


def section_with_paragraphs(edition: model.Edition, least: int = 2) -> model.Section:
    """The first section of the edition's summary with at least `least` paragraphs."""
    return next(s for s in edition.summary.sections if len(s.paragraphs) >= least)


def without_text(site: model.Site) -> tuple:
    """(site, edition): an edition without text, from the sources if one has none yet, else the oldest
    edition with its text taken out (described, as the site describes an edition not yet imported)."""
    found = [edition for edition in site.editions if not edition.has_text]
    if found:
        return site, found[0]
    oldest = site.editions[-1]
    bare = dataclasses.replace(oldest, principles=(), summary=None)
    return dataclasses.replace(site, editions=site.editions[:-1] + (bare,)), bare
