"""The validated content as frozen dataclasses: what every renderer reads, never mutated.

Translations are part of the model: `Site.text(unit_id, english, lang)` answers what a reader of `lang`
sees for one translatable unit, and in which language and review state.
"""
from dataclasses import dataclass, field, replace

from .config import DEFAULT_LANGUAGE
from .errors import PipelineError

# Review states, most trusted first. "outdated" and "missing" mean the reader gets the English text.
OFFICIAL, REVIEWED, DRAFT, OUTDATED, MISSING = "official", "reviewed", "draft", "outdated", "missing"
SHOWN_AS_TRANSLATION = (OFFICIAL, REVIEWED, DRAFT)


@dataclass(frozen=True)
class Text:
    """One unit as a reader of some language sees it."""

    value: str
    lang: str  # language the value is actually in
    state: str  # OFFICIAL / REVIEWED / DRAFT for a translation (or the original), else OUTDATED / MISSING

    @property
    def is_fallback(self) -> bool:
        return self.state not in SHOWN_AS_TRANSLATION


@dataclass(frozen=True)
class Unit:
    """A translatable unit: its stable id (the PO msgctxt) and English text."""

    id: str
    english: str


@dataclass(frozen=True)
class Paragraph:
    unit: Unit
    number: int
    item: bool = False  # a list item in the source (rendered as one)


@dataclass(frozen=True)
class Derivation:
    """Concordance: how a principle relates to an earlier edition (see scripts/concordance.py)."""

    edition: str
    relation: str  # carried-over, revised, merged, split, new
    principles: tuple = ()  # ids of the earlier edition's principles


@dataclass(frozen=True)
class Principle:
    id: str
    number: int
    title: Unit | None  # None when the official document gives no title
    group: str
    scope: str | None
    paragraphs: tuple
    derives_from: tuple = ()  # Derivation per earlier edition

    @property
    def anchor(self) -> str:
        return f"principle-{self.number}"

    def paragraph_anchor(self, paragraph: Paragraph) -> str:
        return f"{self.anchor}-{paragraph.number}"


@dataclass(frozen=True)
class Labelled:
    id: str
    title: Unit


@dataclass(frozen=True)
class Section:
    id: str
    level: int
    title: Unit
    paragraphs: tuple

    @property
    def anchor(self) -> str:
        return f"summary-{self.id}"

    def paragraph_anchor(self, paragraph: Paragraph) -> str:
        return f"{self.anchor}-{paragraph.number}"


@dataclass(frozen=True)
class Summary:
    title: Unit
    subtitle: Unit | None
    note: Unit | None
    sections: tuple


@dataclass(frozen=True)
class Reference:
    """A public document a fact comes from, described as readers can find it (other than the edition's own)."""

    title: str
    date: str | None = None
    symbol: str | None = None
    file: str | None = None  # the copy in sources/ it was read from: provenance, never shown


@dataclass(frozen=True)
class Event:
    date: str
    text: Unit
    source: Reference | None  # None: the edition's official document


@dataclass(frozen=True)
class Document:
    title: str
    symbol: str | None
    date: str | None
    bodies: str | None
    language: str
    note: str | None
    file: str | None
    sha256: str | None
    imported: str | None = None  # date of `./vp import-edition`
    publisher: str | None = None  # who issued it: "UN", or None when the sources do not say


@dataclass(frozen=True)
class Edition:
    id: str
    name: str
    title: Unit
    subtitle: Unit | None
    conference: Unit
    place: Unit
    start: str
    end: str
    organisers: tuple
    document: Document
    history: tuple
    scopes: tuple
    groups: tuple
    principles: tuple
    summary: Summary | None
    dropped: tuple = ()  # concordance: ((earlier edition id, (principle ids not carried forward)), ...)
    predecessors: tuple = ()  # ids of the earlier editions, newest first (each gets a comparison page)
    search_names: tuple = ()  # names and misspellings readers search for (search index only)
    facilitators: tuple = ()  # who facilitated the conference, when the sources say so
    official_translations: tuple = ()  # OfficialTranslation per language that has one

    @property
    def has_text(self) -> bool:
        """False while the edition's official text has not been imported (Bogotá today)."""
        return bool(self.principles)

    def principles_in(self, group: Labelled) -> tuple:
        return tuple(p for p in self.principles if p.group == group.id)

    def scope(self, scope_id: str) -> Labelled:
        return next(scope for scope in self.scopes if scope.id == scope_id)


@dataclass(frozen=True)
class Translation:
    msgstr: str
    state: str  # as the catalog marks it: OFFICIAL, REVIEWED, DRAFT or OUTDATED (fuzzy)
    english: str | None = None  # the msgid: the English it translates (None: not known)


@dataclass(frozen=True)
class OfficialTranslation:
    """The official document of an edition's translation into one language, recorded by a maintainer in
    principles.yaml (`official_translations`): only then may its units be shown as official."""

    lang: str
    date: str
    symbol: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Site:
    editions: tuple  # newest first
    redirects: tuple  # ((old path, new path), ...)
    ui: dict = field(default_factory=dict)  # message key -> Unit, interface strings of our templates
    translations: dict = field(default_factory=dict)  # lang -> {unit id: Translation}
    aliases: tuple = ()  # ((alias path, edition id), ...): where principles.yaml says an alias leads

    @property
    def latest(self) -> Edition:
        return self.editions[0]

    def edition(self, edition_id: str) -> Edition:
        return next(edition for edition in self.editions if edition.id == edition_id)

    def text(self, unit: Unit, lang: str) -> Text:
        """What a reader of `lang` gets for `unit`. The state is computed, not taken from the catalog on
        trust: a translation of other English than the unit's is outdated, fuzzy or not; one marked
        official is official only where principles.yaml records that edition's official translation into
        the language (else it is shown as a draft)."""
        if lang == DEFAULT_LANGUAGE.code:
            return Text(unit.english, lang, OFFICIAL)
        found = self.translations.get(lang, {}).get(unit.id)
        if found is None or not found.msgstr:
            return Text(unit.english, DEFAULT_LANGUAGE.code, MISSING)
        if found.state == OUTDATED or found.english not in (None, unit.english):
            return Text(unit.english, DEFAULT_LANGUAGE.code, OUTDATED)
        if found.state == OFFICIAL and self.official_translation(unit.id, lang) is None:
            return Text(found.msgstr, lang, DRAFT)
        return Text(found.msgstr, lang, found.state)

    def official_translation(self, unit_id: str, lang: str):
        """The recorded official document of the translation into `lang` of the edition `unit_id` belongs
        to, or None (the site's interface, units `ui/…`, never has one)."""
        edition_id = unit_id.split("/", 1)[0]
        for edition in self.editions:
            if edition.id == edition_id:
                return next((o for o in edition.official_translations if o.lang == lang), None)
        return None

    def t(self, key: str, lang: str, **values) -> str:
        """An interface string of our templates in `lang` (English if untranslated), formatted."""
        return formatted(self.text(self.ui[key], lang), key, **values)


def formatted(shown: Text, key: str, **values) -> str:
    """An interface string filled in; a translation whose {placeholders} do not fit stops the build with a
    clear error (`./vp check` gives its line), never a traceback."""
    try:
        return shown.value.format(**values)
    except (KeyError, IndexError, ValueError, AttributeError) as err:
        raise PipelineError(f"translations/{shown.lang}.po: ui/{key}: the translation's {{placeholders}} do not fit "
                            f"the English's ({type(err).__name__}: {err}); run ./vp check for the line") from None


# ---- building the model from validated data ------------------------------------------------------


def unit(unit_id: str, english: str | None) -> Unit | None:
    return None if english is None else Unit(unit_id, english)


def paragraphs(prefix: str, items) -> tuple:
    """Paragraph n (1-based) of a principle or section has unit id `prefix/n`."""
    result = []
    for n, item in enumerate(items, start=1):
        is_item = isinstance(item, dict)
        result.append(Paragraph(Unit(f"{prefix}/{n}", item["item"] if is_item else item), n, is_item))
    return tuple(result)


def build_principle(edition_id: str, data: dict) -> Principle:
    prefix = f"{edition_id}/{data['id']}"
    links = tuple(Derivation(older, link["relation"], tuple(link.get("principles", [])))
                  for older, link in data.get("derives_from", {}).items())
    return Principle(
        id=data["id"], number=data["number"], title=unit(f"{prefix}/title", data["title"]),
        group=data["group"], scope=data.get("scope"), paragraphs=paragraphs(prefix, data["paragraphs"]),
        derives_from=links,
    )


def build_summary(edition_id: str, data: dict | None) -> Summary | None:
    if data is None:
        return None
    prefix = f"{edition_id}/summary"
    sections = tuple(
        Section(s["id"], s["level"], Unit(f"{prefix}/{s['id']}/title", s["title"]),
                paragraphs(f"{prefix}/{s['id']}", s["paragraphs"]))
        for s in data["sections"]
    )
    return Summary(
        title=Unit(f"{prefix}/title", data["title"]), subtitle=unit(f"{prefix}/subtitle", data.get("subtitle")),
        note=unit(f"{prefix}/note", data.get("note")), sections=sections,
    )


def build_history(edition_id: str, events) -> tuple:
    result, seen = [], {}
    for event in events:
        seen[event["date"]] = seen.get(event["date"], 0) + 1
        suffix = "" if seen[event["date"]] == 1 else f"-{seen[event['date']]}"
        source = event["source"]
        reference = None if source == "document" else Reference(**{key: source.get(key) for key in Reference.__dataclass_fields__})
        result.append(Event(event["date"], Unit(f"{edition_id}/history/{event['date']}{suffix}", event["event"]), reference))
    return tuple(result)


def build_edition(data: dict) -> Edition:
    eid = data["id"]
    labelled = lambda kind, items: tuple(Labelled(i["id"], Unit(f"{eid}/{kind}/{i['id']}", i["title"])) for i in items)
    return Edition(
        id=eid, name=data["name"], title=Unit(f"{eid}/title", data["title"]),
        subtitle=unit(f"{eid}/subtitle", data.get("subtitle")),
        conference=Unit(f"{eid}/conference", data["conference"]), place=Unit(f"{eid}/place", data["place"]),
        start=data["start"], end=data["end"], organisers=tuple(data["organisers"]),
        document=Document(**{key: data["document"].get(key) for key in Document.__dataclass_fields__}),
        history=build_history(eid, data["history"]),
        scopes=labelled("scope", data.get("scopes", [])), groups=labelled("group", data["groups"]),
        principles=tuple(sorted((build_principle(eid, p) for p in data["principles"]), key=lambda p: p.number)),
        summary=build_summary(eid, data.get("summary")),
        dropped=tuple((older, tuple(ids)) for older, ids in data.get("dropped", {}).items()),
        search_names=tuple(data.get("search_names", [])), facilitators=tuple(data.get("facilitators", [])),
        official_translations=tuple(OfficialTranslation(lang, record["date"], record.get("symbol"), record.get("title"))
                                    for lang, record in data.get("official_translations", {}).items()),
    )


def build_site(data: dict, ui: dict, translations: dict) -> Site:
    """The model of validated `data`; editions are ordered newest first (by start date)."""
    editions = sorted((build_edition(e) for e in data["editions"]), key=lambda e: e.start, reverse=True)
    editions = [replace(e, predecessors=tuple(o.id for o in editions[i + 1:])) for i, e in enumerate(editions)]
    return Site(
        editions=tuple(editions), redirects=tuple(sorted(data.get("redirects", {}).items())),
        aliases=tuple(sorted(data.get("aliases", {}).items())),
        ui=ui, translations=translations,
    )


def principle_units(principle: Principle):
    yield from (u for u in (principle.title,) if u)  # no title when the official document gives none
    yield from (p.unit for p in principle.paragraphs)


def summary_units(summary: Summary):
    yield from (u for u in (summary.title, summary.subtitle, summary.note) if u)
    for section in summary.sections:
        yield section.title
        yield from (p.unit for p in section.paragraphs)


def edition_units(edition: Edition):
    """Every translatable unit of one edition, in reading order."""
    yield from (u for u in (edition.title, edition.subtitle, edition.conference, edition.place) if u)
    yield from (label.title for label in edition.groups + edition.scopes)
    for principle in edition.principles:
        yield from principle_units(principle)
    if edition.summary:
        yield from summary_units(edition.summary)
    yield from (event.text for event in edition.history)


def units(site: Site):
    """Every translatable unit of the site, in reading order (the order of the PO catalogs)."""
    for edition in site.editions:
        yield from edition_units(edition)
    yield from site.ui.values()
