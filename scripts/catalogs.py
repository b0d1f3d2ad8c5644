"""gettext catalogs in translations/: one POT template made from the model, one PO file per language.

Two readers, one writer. The build and the checks read catalogs as plain Babel `Catalog` objects (after the
strict syntax check of po_syntax.py). `./vp update-catalogs` reads them with polib, which keeps everything a
translator's tool writes (the previous English `#|`, obsolete `#~` entries, flags and comments; Babel's
reader drops `#|`), merges the template in (`updated_po`, pure) and writes them in the canonical layout of
po_layout.py (GNU msgcat's, width 79); only commands.py writes files.

Review state of a unit (shown to readers): a translator comment `review: reviewed` (or `review: official`,
honoured only where principles.yaml records the official translation: see model.Site.text) kept by
Poedit, Weblate and msgmerge; none means an unreviewed draft; the `fuzzy` flag means the English changed
since the translation was made (readers then see the English, marked). While a unit is fuzzy its review
mark is kept as `previous review: reviewed`, so that a return of the English to the text that was
translated restores it.
"""
import io
from datetime import UTC, datetime
from pathlib import Path

import polib
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError
from babel.messages.pofile import read_po as babel_read_po

from . import model, po_layout, po_syntax
from .config import TRANSLATED_LANGUAGES, TRANSLATIONS_DIR, language
from .errors import PipelineError
from .permalinks import site_path, unit_locations

PROJECT = "Valletta Principles"
HEADER = """\
Translations of the Valletta Principles site (principles.yaml and the site's interface).
Translate each msgstr; keep numbers, document symbols (A/RES/60/288, 2129 (2013)) and {placeholders}.
Review state shown to readers: no comment = unreviewed draft; the translator comment line
"# review: reviewed" above a unit records a review ("# review: official" only where principles.yaml
records the official translation). "#, fuzzy" = the English changed: update the translation, then
remove the fuzzy flag. Guide: the site's page "Help translate" (content/en/translate.md).
"""
FIXED_DATE = datetime(2025, 6, 9, tzinfo=UTC)  # a constant header date keeps catalogs reproducible
HEADER_FIELDS = {  # the template's header; a language's catalog keeps its own (translators' tools edit it)
    "Project-Id-Version": f"{PROJECT} 1", "Report-Msgid-Bugs-To": "", "POT-Creation-Date": "2025-06-09 00:00+0000",
    "PO-Revision-Date": "2025-06-09 00:00+0000", "Last-Translator": "", "Language-Team": "", "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
}
REVIEW_PREFIX = "review:"
PREVIOUS_REVIEW = "previous review:"  # a review mark put aside while the unit is fuzzy
REVIEW_STATES = {"official": model.OFFICIAL, "reviewed": model.REVIEWED}
FUZZY = "fuzzy"
BABEL_MESSAGES = {"msg has more translations than num_plurals of catalog":
                  "more msgstr[N] forms than the header's Plural-Forms nplurals allows"}


def template_path(directory: Path = TRANSLATIONS_DIR) -> Path:
    return directory / "messages.pot"


def catalog_path(lang: str, directory: Path = TRANSLATIONS_DIR) -> Path:
    return directory / f"{lang}.po"


def template_catalog(site: model.Site, site_url: str) -> Catalog:
    """The POT as a Babel Catalog: every unit, msgctxt = its stable id, an extracted comment with its
    permalink (Babel also sets the format flags, e.g. python-brace-format)."""
    catalog = Catalog(project=PROJECT, version="1", fuzzy=False)
    where = {}
    for edition in site.editions:
        for unit, page, anchor in unit_locations(edition):
            where.setdefault(unit.id, site_url + site_path(edition.id, "en", page) + (f"#{anchor}" if anchor else ""))
    for unit in model.units(site):
        comment = where.get(unit.id, "Interface text of the site's pages; keep every {placeholder} as it is.")
        catalog.add(unit.english, context=unit.id, auto_comments=[comment])
    return catalog


def template_po(site: model.Site, site_url: str) -> polib.POFile:
    """The POT as update-catalogs writes it (generate_po gives its text)."""
    po = polib.POFile(wrapwidth=po_layout.WIDTH)
    po.header, po.metadata = HEADER.rstrip("\n"), dict(HEADER_FIELDS)
    for message in template_catalog(site, site_url):
        if message.id:
            po.append(polib.POEntry(msgctxt=message.context, msgid=message.id, msgstr="",
                                    comment="\n".join(message.auto_comments), flags=sorted(message.flags)))
    return po


def new_po(lang: str, template: polib.POFile) -> polib.POFile:
    """A language's first catalog: the template's header with the language and its CLDR plural rule."""
    po = polib.POFile(wrapwidth=po_layout.WIDTH)
    po.header = template.header
    po.metadata = dict(template.metadata, **{"Language": lang, "Plural-Forms": language(lang).plural_forms})
    return po


def updated_po(current: polib.POFile, template: polib.POFile) -> polib.POFile:
    """`current` brought in line with `template`, in a new catalog; nothing a translator wrote is lost.

    Units are matched by msgctxt (their stable id), in the template's order; the header comment is the
    template's, the header fields the catalog's own. A unit whose English changed keeps its translation,
    marked fuzzy, with the English it was translated from as `#| msgid` (however often the English changes
    before a translator catches up), and its review mark put aside. A unit whose English returns to that
    text is un-fuzzied and its review mark restored. Units no longer in the template become obsolete (#~),
    and come back from there if they return.
    """
    result = polib.POFile(wrapwidth=po_layout.WIDTH)
    result.header, result.metadata = template.header, dict(current.metadata)
    result.metadata_is_fuzzy = current.metadata_is_fuzzy
    active = {e.msgctxt: e for e in current if not e.obsolete and e.msgid}
    obsolete = {e.msgctxt: e for e in current if e.obsolete}
    for wanted in template:
        old = active.pop(wanted.msgctxt, None) or obsolete.pop(wanted.msgctxt, None)
        result.append(merged_entry(old, wanted))
    for old in active.values():
        result.append(polib.POEntry(msgctxt=old.msgctxt, msgid=old.msgid, msgstr=old.msgstr, msgid_plural=old.msgid_plural,
                                    msgstr_plural=dict(old.msgstr_plural), tcomment=old.tcomment, flags=list(old.flags),
                                    obsolete=True))
    for old in obsolete.values():
        result.append(old)
    return result


def merged_entry(old, wanted: polib.POEntry) -> polib.POEntry:
    """One unit of the template with what the catalog had for it (`old`, maybe obsolete, maybe None)."""
    entry = polib.POEntry(msgctxt=wanted.msgctxt, msgid=wanted.msgid, msgid_plural=wanted.msgid_plural,
                          comment=wanted.comment, flags=list(wanted.flags))
    if old is None:
        return entry
    entry.msgstr, entry.msgstr_plural = old.msgstr, dict(old.msgstr_plural)
    notes = old.tcomment.split("\n") if old.tcomment else []
    fuzzy, previous = FUZZY in old.flags, old.previous_msgid
    translated = bool(old.msgstr or any(old.msgstr_plural.values()))
    if old.msgid == wanted.msgid and (fuzzy or not translated):
        fuzzy = fuzzy and translated
    elif old.msgid == wanted.msgid:
        previous = None
    elif not translated:
        fuzzy, previous = False, None
    elif fuzzy and previous == wanted.msgid:  # back to the English it was translated from
        fuzzy, previous = False, None
        notes = [restored(note) for note in notes]
    else:
        previous = previous if fuzzy and previous is not None else old.msgid
        fuzzy = True
    if fuzzy:
        notes = [put_aside(note) for note in notes]
        entry.flags = [FUZZY] + [flag for flag in entry.flags if flag != FUZZY]
    else:
        notes = [note for note in notes if not note.startswith(PREVIOUS_REVIEW)]
    entry.previous_msgid = previous if fuzzy else None
    entry.tcomment = "\n".join(notes)
    return entry


def put_aside(note: str) -> str:
    return PREVIOUS_REVIEW + note[len(REVIEW_PREFIX):] if note.startswith(REVIEW_PREFIX) else note


def restored(note: str) -> str:
    return REVIEW_PREFIX + note[len(PREVIOUS_REVIEW):] if note.startswith(PREVIOUS_REVIEW) else note


def generate_po(po: polib.POFile) -> bytes:
    return po_layout.generate(po).encode("utf-8")


def parse_po(name: str, text: str) -> polib.POFile:
    """A catalog for update-catalogs (polib), after the strict syntax check; problems as `name:LINE: ...`."""
    parse_catalog(name, text)  # the same errors as the build and the check give
    return polib.pofile(text, wrapwidth=po_layout.WIDTH)


def load_po(path: Path, data=None) -> polib.POFile:
    """parse_po of the catalog at `path` (data: its bytes, when already read)."""
    return parse_po(file_name(path), read_text(path) if data is None else decoded(path, data))


def file_name(path: Path) -> str:
    """How messages name a catalog: `translations/fr.po`."""
    return f"{path.parent.name}/{path.name}"


def read_text(path: Path) -> str:
    return decoded(path, path.read_bytes())


def decoded(path: Path, data: bytes) -> str:
    """The text of the catalog at `path`, whose bytes are `data`; PipelineError at the first invalid byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise PipelineError(f"{file_name(path)}:{line}: invalid UTF-8 (byte 0x{data[err.start]:02x}): save the file as UTF-8") from None


def parse_catalog(name: str, text: str, lang=None) -> Catalog:
    """Parse a PO/POT file's text with Babel after the strict syntax check; problems as `name:LINE: ...`."""
    return scan_catalog(name, text, lang)[0]


def scan_catalog(name: str, text: str, lang=None) -> tuple:
    """(Babel Catalog, po_syntax entries: the line of each keyword) of a PO/POT file's text, from one reading
    of each (the checks need both); problems as parse_catalog's."""
    entries, problems = po_syntax.scan(text)
    if problems:
        raise PipelineError([f"{name}:{line}: invalid PO syntax: {message}" for line, message in sorted(problems)])
    try:
        return babel_read_po(io.BytesIO(text.encode("utf-8")), locale=lang, abort_invalid=True), entries
    except PoFileError as err:  # Babel counts lines from 0 and appends " on N" to its message
        message = err.args[0].rsplit(" on ", 1)[0]
        raise PipelineError(f"{name}:{err.lineno + 1}: invalid PO syntax: {BABEL_MESSAGES.get(message, message)}") from None
    except (ValueError, LookupError) as err:  # LookupError: a charset Python does not know
        raise PipelineError(f"{name}:1: cannot read catalog: {err}") from None


def read_catalog(path: Path, lang=None) -> Catalog:
    """Parse one PO/POT file, failing with `file:line: message` on bad syntax."""
    return parse_catalog(file_name(path), read_text(path), lang)


def read_catalogs(directory: Path = TRANSLATIONS_DIR, parsed=None) -> dict:
    """lang -> Catalog for every language file present; problems from all files reported together. parsed:
    lang -> Catalog of the files already parsed (`check` has them), not parsed again."""
    catalogs, problems, parsed = {}, [], parsed or {}
    for path in sorted(directory.glob("*.po")):
        if path.stem not in {lang.code for lang in TRANSLATED_LANGUAGES}:
            problems.append(unknown_language(path))
            continue
        try:
            catalogs[path.stem] = parsed[path.stem] if path.stem in parsed else read_catalog(path, path.stem)
        except PipelineError as err:
            problems += err.problems
    if problems:
        raise PipelineError(problems)
    return catalogs


def unknown_language(path: Path) -> str:
    known = ", ".join(lang.code for lang in TRANSLATED_LANGUAGES)
    return f"{file_name(path)}:1: unknown language '{path.stem}' (known: {known})"


def review_state(message: Message) -> str:
    if message.fuzzy:
        return model.OUTDATED
    for comment in message.user_comments:
        if comment.startswith(REVIEW_PREFIX):
            return REVIEW_STATES.get(comment[len(REVIEW_PREFIX):].strip(), model.DRAFT)
    return model.DRAFT


def translations(catalogs: dict) -> dict:
    """lang -> {unit id: model.Translation}, the part of the catalogs the model needs."""
    return {
        lang: {m.context: model.Translation(m.string, review_state(m), m.id) for m in catalog if m.id and m.context}
        for lang, catalog in catalogs.items()
    }
