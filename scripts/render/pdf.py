"""PDF renderer: the model -> one PDF per edition and language (a pure function: bytes in memory, no file).

Typst (the `typst` PyPI package) typesets the template pdf.typ beside this file. All text reaches the
template as data, one JSON document in `sys.inputs`, whose strings Typst shows as text and never evaluates
as markup. Fonts come from pip packages only (system fonts and Typst's built-in ones are ignored), and
every character is checked against them before typesetting: a missing glyph is a PipelineError naming the
character, the unit and the language, never a blank box in a published PDF.

    render_pdf(site, edition, lang, site_url, build_version) -> bytes   (only for edition.has_text)
    check_glyphs(site, edition, lang) -> problems                    (the font check alone, for `check`)

The PDF is tagged (PDF/UA-1), its headings become bookmarks, and each principle and summary section has a
named destination with the web page's anchor (`principle-13`, `summary-background`), so
`valletta-2025-en.pdf#principle-13` opens at principle 13. Same sources, same bytes: the document date
comes from the edition, never the clock.
"""
import json
import unicodedata
from datetime import UTC, datetime
from functools import cache
from importlib import import_module
from pathlib import Path

import typst
import uharfbuzz

from .. import model
from ..config import DEFAULT_LANGUAGE, LANGUAGES, language
from ..errors import PipelineError
from ..permalinks import HISTORY, HOME, SUMMARY, TEXT, pdf_path, site_path
from . import cite, date_range, parse_date, when
from .l10n import colon, comma, language_name, listing
from .site import pinpoint, scoped

TEMPLATE = Path(__file__).with_name("pdf.typ")
PDF_STANDARDS = ["ua-1"]

# ---- fonts -------------------------------------------------------------------------------------------

# Each family: the pip package shipping it (import name), the folder inside it that Typst searches, the
# files whose character maps the glyph check reads (every face the PDF may use: regular and bold), and the
# face's name inside a font collection. Versions are pinned in requirements.txt.
FONTS = {
    "Noto Sans": ("fontpkg_noto_sans", "files", ("NotoSans[wdth,wght].ttf",), None),  # variable: all weights
    "Amiri": ("fontpkg_amiri", "files", ("Amiri-Regular.ttf", "Amiri-Bold.ttf"), None),
    "Noto Sans CJK SC": ("manimgx_fonts_cjk", "", ("NotoSansCJK-VF.otf.ttc",), "Noto Sans CJK SC"),  # variable
}
FONT_LICENCE = "SIL Open Font License 1.1"

# Typst's `latin-in-cjk` coverage: every character but these, which the CJK font then sets (typst Covers).
LATIN_IN_CJK_EXCLUDED = frozenset([0x00B7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2025, 0x2026, 0x2027, 0x2E3A])
LATIN_FOR_CJK = {"name": "Noto Sans", "covers": "latin-in-cjk"}

# Per language: font stack (the first font that has a character sets it), size (pt), direction, and the
# line box (Typst's text edges: a font metric or a length in em) with the space between lines (em). Chinese
# and Arabic lines get fixed boxes reaching below the baseline (the CJK em box; Arabic descenders and marks),
# so that a line with Latin letters or marks is spaced like the others.
# `gap` scales the space between paragraphs and around headings (taller line boxes need less).
# Every stack ends with the other scripts' fonts: an untranslated interface string (English) may carry a
# date or name formatted in the document's language.
LATIN = {"fonts": ["Noto Sans", "Noto Sans CJK SC", "Amiri"], "size": 10.5, "dir": "ltr",
         "edges": ["cap-height", "baseline"], "leading": 0.72, "gap": 1}
STYLES = {
    "en": LATIN, "fr": LATIN, "es": LATIN, "ru": LATIN,
    "zh": {"fonts": [LATIN_FOR_CJK, "Noto Sans CJK SC", "Amiri"], "size": 10.5, "dir": "ltr",
           "edges": [0.88, -0.12], "leading": 0.65, "gap": 0.75},
    "ar": {"fonts": ["Amiri", "Noto Sans", "Noto Sans CJK SC"], "size": 13, "dir": "rtl", "edges": [0.95, -0.45],
           "leading": 0.32, "gap": 0.7},
}
assert all(STYLES[lang.code]["dir"] == lang.dir for lang in LANGUAGES)
# Unicode directional isolates: text of one direction inside a sentence of the other stays in one piece.
ISOLATE = {"ltr": "\u2066", "rtl": "\u2067"}
POP_ISOLATE = "\u2069"
# Characters the template and this module add (list marker, outline leaders, page numbers, "Principle 1: ").
TEMPLATE_TEXT = "•.: 0123456789"
# Format and invisible characters (joiners, marks, soft hyphen) need no glyph: shaping hides them.
NO_GLYPH_NEEDED = ("Cc", "Cf", "Zl", "Zp")


def font_folder(family: str) -> Path:
    package, folder, _, _ = FONTS[family]
    return Path(import_module(package).__file__).resolve().parent / folder


@cache
def typst_fonts() -> typst.Fonts:
    """The only fonts Typst may use: those of our pip packages (loaded lazily, shared by every render)."""
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                       font_paths=[str(font_folder(family)) for family in FONTS])


def face_cmap(path: Path, face_name) -> frozenset:
    """The code points that the character map of the font file's face (the first, or the one whose family is
    `face_name`, in a collection) maps to a glyph, as HarfBuzz reads them."""
    blob = uharfbuzz.Blob.from_file_path(str(path))
    for face in (uharfbuzz.Face(blob, index) for index in range(uharfbuzz.Face(blob, 0).count)):
        if face_name is None or family_name(face) == face_name:
            return frozenset(face.unicodes)
    raise PipelineError(f"{path.name}: no face named {face_name}")


def family_name(face: uharfbuzz.Face):
    """The face's family as its name table gives it best (the WWS family, else the typographic one, else the
    family)."""
    names = uharfbuzz.OTNameIdPredefined
    return next(filter(None, map(face.get_name, (names.WWS_FAMILY, names.TYPOGRAPHIC_FAMILY, names.FONT_FAMILY))), None)


@cache
def family_coverage(family: str) -> frozenset:
    """Code points every face of `family` that the PDF uses has a glyph for."""
    _, _, files, face_name = FONTS[family]
    cmaps = [face_cmap(font_folder(family) / name, face_name) for name in files]
    return frozenset.intersection(*cmaps)


def has_glyph(lang: str, char: str) -> bool:
    """Whether the font stack of `lang` can set the character, as Typst picks fonts (fallback to other fonts is off)."""
    code = ord(char)
    for font in STYLES[lang]["fonts"]:
        if isinstance(font, dict):
            if code in family_coverage(font["name"]) and code not in LATIN_IN_CJK_EXCLUDED:
                return True
        elif code in family_coverage(font):
            return True
    return False


def font_families(langs) -> list:
    names = []
    for lang in langs:
        for font in STYLES[lang]["fonts"]:
            name = font["name"] if isinstance(font, dict) else font
            if name not in names:
                names.append(name)
    return names


def glyphless(strings):
    """(character, language, source) for each (unit, character) whose character no font of the unit's language has."""
    missing = missing_characters(strings)
    for value, lang, source in strings:
        if missing[lang]:  # else (nearly always) none of the language's strings has one
            yield from ((char, lang, source) for char in dict.fromkeys(value) if char in missing[lang])


def missing_characters(strings) -> dict:
    """lang -> the characters of its strings that no font of the language has, each looked up once."""
    chars = {}
    for value, lang, _ in strings:
        chars.setdefault(lang, set()).update(value)
    return {lang: {char for char in found if not has_glyph(lang, char) and unicodedata.category(char) not in NO_GLYPH_NEEDED}
            for lang, found in chars.items()}


def character(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')} ({char!r})"


def fonts_for(lang: str) -> str:
    return f"the fonts for {language(lang).name} ({', '.join(font_families([lang]))})"


def missing_glyphs(strings, pdf_name: str) -> list:
    """One problem per (unit, character) whose character no font of the unit's language has."""
    return [glyph_problem(pdf_name, *found) for found in glyphless(strings)]


def glyph_problem(pdf_name: str, char: str, lang: str, source: str) -> str:
    return f"{pdf_name}: {character(char)} in {source} ({lang}) has no glyph in {fonts_for(lang)}"


# ---- the document as data ------------------------------------------------------------------------------

class Builder:
    """Collects the template's data for one PDF, every string it shows (for the glyph check) and the review
    states of the units shown (for the status on the cover and in the running header)."""

    def __init__(self, site: model.Site, edition: model.Edition, lang: str):
        self.site, self.edition, self.lang = site, edition, lang
        self.strings, self.states, self.blocks = [], set(), []

    # runs: {"s": text, "l": language}; the template tags a run whose language is not the document's
    def run(self, value: str, lang: str, source: str) -> dict:
        self.strings.append((value, lang, source))
        return {"s": value, "l": lang}

    def text(self, unit: model.Unit) -> model.Text:
        shown = self.site.text(unit, self.lang)
        self.states.add(shown.state)
        return shown

    def unit(self, unit: model.Unit) -> dict:
        shown = self.text(unit)
        return self.run(shown.value, shown.lang, f"unit {unit.id}")

    def t(self, key: str, **values) -> dict:
        shown = self.site.text(self.site.ui[key], self.lang)
        return self.run(model.formatted(shown, key, **values), shown.lang, f"unit ui/{key}")

    def isolated(self, shown: model.Text) -> str:
        """A value for a sentence of the document's language: isolated if its direction is the other one."""
        direction = language(shown.lang).dir
        if direction == language(self.lang).dir:
            return shown.value
        return ISOLATE[direction] + shown.value + POP_ISOLATE

    def local(self, value: str, source: str) -> dict:
        """Generated in the document's language (dates, numbers)."""
        return self.run(value, self.lang, source)

    def english(self, value: str, source: str) -> dict:
        """Untranslatable English from principles.yaml (document title, organisers...)."""
        return self.run(value, DEFAULT_LANGUAGE.code, source)

    # blocks
    def heading(self, level: int, runs: list, label=None, outlined: bool = True):
        langs = {run["l"] for run in runs}
        block_lang = langs.pop() if len(langs) == 1 else self.lang
        self.blocks.append({"k": "heading", "level": level, "runs": runs, "label": label, "outlined": outlined,
                            "lang": block_lang})

    def paragraph(self, unit: model.Unit, label=None, number=None):
        """label: its named destination (the web anchor); number: its pinpoint, shown before it."""
        run = self.unit(unit)
        self.blocks.append({"k": "par", "runs": [run], "lang": run["l"], "label": label, "number": number})

    def fallback_note(self, texts):
        """One note under a heading when any of its units is shown in the English original."""
        fallbacks = [shown for shown in texts if shown.is_fallback]
        if fallbacks:
            key = "fallback_outdated" if any(s.state == model.OUTDATED for s in fallbacks) else "fallback_missing"
            self.blocks.append({"k": "note", "runs": [self.t(key)]})


def principle_blocks(b: Builder, principle: model.Principle, level: int):
    label = b.t("principle_n", number=principle.number)
    title = b.text(principle.title) if principle.title else None  # None: the document gives no title
    runs = [{**label, "s": label["s"] + colon(b.lang)}, b.run(title.value, title.lang, f"unit {principle.title.id}")] if title else [label]
    b.heading(level, runs, principle.anchor)
    b.fallback_note(([title] if title else []) + [b.site.text(p.unit, b.lang) for p in principle.paragraphs])
    for paragraph in principle.paragraphs:
        b.paragraph(paragraph.unit, principle.paragraph_anchor(paragraph), pinpoint(principle, paragraph))


def principles_part(b: Builder):
    edition = b.edition
    for group in edition.groups:
        members = edition.principles_in(group)
        if not members:
            continue
        b.blocks.append({"k": "break"})
        b.heading(1, [b.unit(group.title)], f"group-{group.id}")
        for scope_id, principles in scoped(members):
            if scope_id:
                b.heading(2, [b.unit(edition.scope(scope_id).title)], f"group-{group.id}-{scope_id}")
            for principle in principles:
                principle_blocks(b, principle, 3 if scope_id else 2)


def summary_part(b: Builder):
    summary = b.edition.summary
    if summary is None:
        return
    b.blocks.append({"k": "break"})
    b.heading(1, [b.unit(summary.title)], "summary")
    front = [unit for unit in (summary.title, summary.subtitle, summary.note) if unit]
    b.fallback_note([b.site.text(unit, b.lang) for unit in front])
    for unit in front[1:]:
        b.paragraph(unit)
    for section in summary.sections:
        title = b.text(section.title)
        b.heading(section.level, [b.run(title.value, title.lang, f"unit {section.title.id}")], section.anchor)
        b.fallback_note([title] + [b.site.text(p.unit, b.lang) for p in section.paragraphs])
        items = None
        for paragraph in section.paragraphs:
            anchor, number = section.paragraph_anchor(paragraph), pinpoint(section, paragraph)
            if not paragraph.item:
                items = None
                b.paragraph(paragraph.unit, anchor, number)
                continue
            if items is None:  # consecutive list items of the source become one list
                items = {"k": "list", "items": []}
                b.blocks.append(items)
            run = b.unit(paragraph.unit)
            items["items"].append({"runs": [run], "lang": run["l"], "label": anchor, "number": number})


def history_part(b: Builder):
    edition = b.edition
    b.blocks.append({"k": "break"})
    b.heading(1, [b.t("history")], "history")
    b.blocks.append({"k": "par", "runs": [b.t("history_intro")], "lang": b.lang})
    texts = [b.text(event.text) for event in edition.history]
    b.fallback_note(texts)
    rows = []
    for event, shown in zip(edition.history, texts, strict=True):
        source = source_runs(b, event)
        rows.append([
            {"runs": [b.local(when(event.date, b.lang), f"date {event.date}")], "lang": b.lang},
            {"runs": [b.run(shown.value, shown.lang, f"unit {event.text.id}")], "lang": shown.lang},
            {"runs": source, "lang": source[0]["l"], "small": True},
        ])
    b.blocks.append({"k": "table", "columns": ["auto", "1fr", "auto"],
                     "head": [[b.t("document_date")], [], [b.t("source")]], "rows": rows})


def source_runs(b: Builder, event: model.Event) -> list:
    """Where a dated fact comes from, as readers can find it (the web page's history says the same)."""
    ref, symbol = event.source, b.edition.document.symbol
    if ref is None:
        return [b.t("official_document")] + ([b.local(comma(b.lang), "comma"), b.english(symbol, "document symbol")] if symbol else [])
    runs = [b.english(ref.title, f"source of {event.text.id}")]
    if ref.date:
        runs += [b.local(comma(b.lang) + when(ref.date, b.lang), f"date of the source of {event.text.id}")]
    if ref.symbol:
        runs += [b.local(comma(b.lang), "comma"), b.english(ref.symbol, f"symbol of the source of {event.text.id}")]
    return runs


def colophon_part(b: Builder, site_url: str, build_version: str):
    edition, doc = b.edition, b.edition.document
    b.blocks.append({"k": "break"})
    b.heading(1, [b.t("colophon")], "colophon")
    b.heading(2, [b.t("official_document")], "official-document")
    unknown = lambda: b.t("unknown")
    publisher = cite.publisher(edition, b.lang)
    facts = [
        ("document_title", b.english(doc.title, "document title")),
        ("document_symbol", b.english(doc.symbol, "document symbol") if doc.symbol else unknown()),
        ("document_date", b.local(when(doc.date, b.lang), "document date") if doc.date else unknown()),
        ("document_publisher", b.local(publisher, "publisher") if publisher else unknown()),
        ("document_bodies", b.english(doc.bodies, "document bodies") if doc.bodies else unknown()),
        ("document_language", b.local(language_name(doc.language, b.lang), "document language")),
    ]
    if doc.note:
        facts.append(("document_note", b.english(doc.note, "document note")))
    families = font_families([b.lang, DEFAULT_LANGUAGE.code])
    facts.append(("organisers", b.english(listing(edition.organisers, DEFAULT_LANGUAGE.code), "organisers")))
    if edition.facilitators:
        facts.append(("facilitators", b.english(listing(edition.facilitators, DEFAULT_LANGUAGE.code), "facilitators")))
    facts += [
        ("pdf_online", b.english(site_url + site_path(edition.id, b.lang, ""), "permalink")),
        ("pdf_build_version", b.english(build_version, "build version")),
        ("pdf_fonts", b.english(f"{', '.join(families)} ({FONT_LICENCE})", "font list")),
    ]
    b.blocks.append({"k": "terms", "items": [{"term": [b.t(key)], "value": [value], "lang": value["l"]}
                                             for key, value in facts]})


def status(b: Builder) -> tuple:
    """(cover notes, running-header label) of a translated PDF, from the review states of its units."""
    if b.lang == DEFAULT_LANGUAGE.code:
        return [], None
    shown = b.states & set(model.SHOWN_AS_TRANSLATION)
    fallbacks = bool(b.states - set(model.SHOWN_AS_TRANSLATION))
    best = next((s for s in (model.DRAFT, model.REVIEWED, model.OFFICIAL) if s in shown), None)
    notes = [b.t(f"banner_{best}")] if best else []
    if fallbacks:
        notes.append(b.t("pdf_has_fallbacks"))
    if best in (model.DRAFT, model.REVIEWED):
        header = b.t(f"pdf_status_{best}")
    elif fallbacks:
        header = b.t("pdf_status_partial" if best else "pdf_status_untranslated")
    else:
        header = None
    return notes, header


def edition_date(edition: model.Edition) -> tuple:
    """The PDF's creation date: the edition's newest dated fact (never the clock, for reproducible bytes)."""
    day, _ = parse_date(max([event.date for event in edition.history] + [edition.end]))
    return day.year, day.month, day.day


def document_data(site: model.Site, edition: model.Edition, lang: str, site_url: str, build_version: str):
    """(JSON data for pdf.typ, every (string, language, source) it shows)."""
    b = Builder(site, edition, lang)
    principles_part(b)
    summary_part(b)
    history_part(b)
    colophon_part(b, site_url, build_version)

    title = b.text(edition.title)
    conference, place = b.text(edition.conference), b.text(edition.place)
    dates = date_range(edition.start, edition.end, lang)
    intro = b.t("edition_intro", count=len(edition.principles), conference=b.isolated(conference),
                place=b.isolated(place), dates=dates)
    cover = {
        "title": [b.run(title.value, title.lang, f"unit {edition.title.id}")], "title_lang": title.lang,
        "subtitle": [b.unit(edition.subtitle)] if edition.subtitle else None,
        "facts": [  # (label, value) pairs; no punctuation of ours between them
            [[b.t("edition_label")], [b.english(edition.name, "edition name")]],
            [[b.t("conference")], [b.run(conference.value, conference.lang, f"unit {edition.conference.id}")]],
            [[b.t("place_and_dates")], [b.run(place.value, place.lang, f"unit {edition.place.id}")],
             [b.local(dates, "dates")]],
            [[b.t("language_label")], [b.local(language(lang).name, "language name")]],
        ],
        "intro": [intro],
    }
    notes, header_status = status(b)
    cover["status"] = [[note] for note in notes]
    langs = list(dict.fromkeys([lang, DEFAULT_LANGUAGE.code]))  # every run is in one of these
    for used in langs:
        b.run(TEMPLATE_TEXT, used, "the PDF template")
    data = {
        "lang": lang,
        "styles": {code: STYLES[code] for code in langs},
        "meta": {
            "title": title.value,
            "author": [cite.author(b.site, edition, lang)],
            "keywords": [edition.name, edition.id, build_version],
            "description": b.text(edition.subtitle).value if edition.subtitle else title.value,
            "date": list(edition_date(edition)),
        },
        "header": {"title": [{"s": title.value, "l": title.lang}], "lang": title.lang,
                   "status": [header_status] if header_status else None},
        "contents": [b.t("contents")],
        "cover": cover,
        "blocks": b.blocks,
    }
    return data, b.strings


def web_pages(edition: model.Edition) -> list:
    """The pages of the edition's site, in one language, that show what its PDF shows (document_data), part
    by part: the cover's title, subtitle and introduction and the contents (the groups and principles) on the
    home page; the principles on the full text; the Summary of Discussions on its page; the history and the
    colophon's conference, organisers and official document on the history page. Only the colophon's web
    address, build version and font list are the PDF's own; the pages add the site's navigation and links."""
    return [HOME, TEXT] + ([SUMMARY] if edition.summary else []) + [HISTORY]


def check_glyphs(site: model.Site, edition: model.Edition, lang: str) -> list:
    """The glyph check alone, without typesetting (for `check`): one problem per missing character."""
    _, strings = document_data(site, edition, lang, "", "")
    return missing_glyphs(strings, pdf_path(edition.id, lang))


def glyphless_units(site: model.Site, edition: model.Edition, lang: str) -> list:
    """(character, language, source, problem) of check_glyphs' problems, the source being a unit id where the
    text is one, for messages that point at the unit's line in its catalog."""
    _, strings = document_data(site, edition, lang, "", "")
    return [(char, text_lang, source.removeprefix("unit "), glyph_problem(pdf_path(edition.id, lang), char, text_lang, source))
            for char, text_lang, source in glyphless(strings)]


def render_pdf(site: model.Site, edition: model.Edition, lang: str, site_url: str, build_version: str) -> bytes:
    """The PDF of `edition` in `lang`, as bytes. Raises PipelineError for a character no font has."""
    if not edition.has_text:
        raise PipelineError(f"{edition.id}: no PDF for an edition whose text has not been imported")
    data, strings = document_data(site, edition, lang, site_url, build_version)
    pdf_name = pdf_path(edition.id, lang)
    problems = missing_glyphs(strings, pdf_name)
    if problems:
        raise PipelineError(problems)
    year, month, day = data["meta"]["date"]
    compiler = typst.Compiler(font_paths=typst_fonts(), ignore_system_fonts=True)
    try:
        pdf, warnings = compiler.compile_with_warnings(
            input=TEMPLATE.read_bytes(), format="pdf",
            sys_inputs={"data": json.dumps(data, ensure_ascii=False, sort_keys=True)},
            pdf_standards=PDF_STANDARDS, timestamp=datetime(year, month, day, tzinfo=UTC),
        )
    except typst.TypstError as err:
        raise PipelineError(f"{pdf_name}: Typst failed: {err.message}\n{err.diagnostic}") from None
    if warnings:
        raise PipelineError([f"{pdf_name}: Typst warning: {w.message}" for w in warnings])
    return pdf
