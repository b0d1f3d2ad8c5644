"""gettext catalogs in translations/: one POT template made from the model, one PO file per language.

Plain Babel `Catalog` objects: `template_catalog` builds the template, `updated_catalog` merges it into a
language's catalog, `generate_po` turns a catalog into bytes; only commands.py writes files.

Review state of a unit (shown to readers): a translator comment `review: official` or `review: reviewed`
(kept by Poedit, Weblate, Babel and msgmerge); none means an unreviewed draft; the `fuzzy` flag means the
English changed since the translation was made (readers then see the English, marked).
"""
import io
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, write_po

from . import model, po_syntax
from .config import TRANSLATED_LANGUAGES, TRANSLATIONS_DIR
from .errors import PipelineError
from .permalinks import site_path, unit_locations

PROJECT = "Valletta Principles"
HEADER = """\
# Translations of the Valletta Principles site (principles.yaml and the site's interface).
# Translate each msgstr; keep numbers, document symbols (A/RES/60/288, 2129 (2013)) and {placeholders}.
# Review state shown to readers: no comment = unreviewed draft; a translator comment line
# "# review: reviewed" or "# review: official" above a unit records a review. "#, fuzzy" = the English
# changed: update the translation, then remove the fuzzy flag. Guide: content/en/translate.md.
#"""
FIXED_DATE = datetime(2025, 6, 9, tzinfo=timezone.utc)  # a constant header date keeps catalogs reproducible
REVIEW_PREFIX = "review:"
REVIEW_STATES = {"official": model.OFFICIAL, "reviewed": model.REVIEWED}
BABEL_MESSAGES = {"msg has more translations than num_plurals of catalog":
                  "more msgstr[N] forms than the header's Plural-Forms nplurals allows"}


def template_path(directory: Path = TRANSLATIONS_DIR) -> Path:
    return directory / "messages.pot"


def catalog_path(lang: str, directory: Path = TRANSLATIONS_DIR) -> Path:
    return directory / f"{lang}.po"


def catalog_header() -> dict:
    return dict(project=PROJECT, version="1", header_comment=HEADER, creation_date=FIXED_DATE,
                revision_date=FIXED_DATE, fuzzy=False, language_team="", last_translator="",
                msgid_bugs_address="", copyright_holder="")


def template_catalog(site: model.Site, site_url: str) -> Catalog:
    """The POT: every unit, msgctxt = its stable id, an extracted comment with its permalink."""
    catalog = Catalog(**catalog_header())
    where = {}
    for edition in site.editions:
        for unit, page, anchor in unit_locations(edition):
            where.setdefault(unit.id, site_url + site_path(edition.id, "en", page) + (f"#{anchor}" if anchor else ""))
    for unit in model.units(site):
        comment = where.get(unit.id, "Interface text of the site's pages; keep every {placeholder} as it is.")
        catalog.add(unit.english, context=unit.id, auto_comments=[comment])
    return catalog


def updated_catalog(catalog: Catalog, template: Catalog) -> Catalog:
    """`catalog` brought in line with `template`; nothing a translator wrote is lost.

    Units are matched by msgctxt (their stable id). A unit whose English changed keeps its translation,
    marked fuzzy, with the old English as `#| msgid` so that Poedit shows what changed, and loses its
    review mark (the new wording has not been reviewed). Removed units become obsolete (#~).
    """
    new_english = {m.context: m.id for m in template if m.id}
    previous = {}  # context -> the English the translation was made from
    for message in list(catalog):
        if message.id and message.context in new_english and new_english[message.context] != message.id:
            previous[message.context] = message.id
            catalog.delete(message.id, context=message.context)
            catalog.add(
                new_english[message.context], message.string, context=message.context,
                flags=set(message.flags) | {"fuzzy"},
                user_comments=[c for c in message.user_comments if not c.startswith(REVIEW_PREFIX)],
            )
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=True)
    for message in catalog:
        if message.context in previous:
            message.previous_id = [previous[message.context]]
    return catalog


def new_catalog(lang: str, template: Catalog) -> Catalog:
    catalog = Catalog(locale=lang, **catalog_header())
    catalog.update(template, no_fuzzy_matching=True)
    return catalog


def generate_po(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=0, include_previous=True, omit_header=False)
    return out.getvalue()


def file_name(path: Path) -> str:
    """How messages name a catalog: `translations/fr.po`."""
    return f"{path.parent.name}/{path.name}"


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise PipelineError(f"{file_name(path)}:{line}: invalid UTF-8 (byte 0x{data[err.start]:02x}): save the file as UTF-8") from None


def parse_catalog(name: str, text: str, lang=None) -> Catalog:
    """Parse a PO/POT file's text with Babel after the strict syntax check; problems as `name:LINE: ...`."""
    _, problems = po_syntax.scan(text)
    if problems:
        raise PipelineError([f"{name}:{line}: invalid PO syntax: {message}" for line, message in sorted(problems)])
    try:
        return read_po(io.BytesIO(text.encode("utf-8")), locale=lang, abort_invalid=True)
    except PoFileError as err:  # Babel counts lines from 0 and appends " on N" to its message
        message = err.args[0].rsplit(" on ", 1)[0]
        raise PipelineError(f"{name}:{err.lineno + 1}: invalid PO syntax: {BABEL_MESSAGES.get(message, message)}") from None
    except (ValueError, LookupError) as err:  # LookupError: a charset Python does not know
        raise PipelineError(f"{name}:1: cannot read catalog: {err}") from None


def read_catalog(path: Path, lang=None) -> Catalog:
    """Parse one PO/POT file, failing with `file:line: message` on bad syntax."""
    return parse_catalog(file_name(path), read_text(path), lang)


def read_catalogs(directory: Path = TRANSLATIONS_DIR) -> dict:
    """lang -> Catalog for every language file present; problems from all files reported together."""
    catalogs, problems = {}, []
    known = [language.code for language in TRANSLATED_LANGUAGES]
    for path in sorted(directory.glob("*.po")):
        if path.stem not in known:
            problems.append(f"{file_name(path)}:1: unknown language '{path.stem}' (known: {', '.join(known)})")
            continue
        try:
            catalogs[path.stem] = read_catalog(path, path.stem)
        except PipelineError as err:
            problems += err.problems
    if problems:
        raise PipelineError(problems)
    return catalogs


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
        lang: {m.context: model.Translation(m.string, review_state(m)) for m in catalog if m.id and m.context}
        for lang, catalog in catalogs.items()
    }
