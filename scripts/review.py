"""`./vp review-translations BASE`: what a pull request changes in the catalogs, unit by unit, for the
reviewers: per language, every unit whose translation or review state differs between the git revision
BASE and the working tree, with its English, the old and the new text. Units are compared by msgctxt
after parsing, so re-wrapped lines, moved entries or a tool's header changes list nothing."""
import logging
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import catalogs
from .config import ROOT, TRANSLATED_LANGUAGES, TRANSLATIONS_DIR
from .errors import PipelineError

log = logging.getLogger("scripts")


@dataclass(frozen=True)
class Change:
    unit: str
    english: str
    old: tuple  # (text, state), or None for a unit that is new
    new: tuple  # (text, state), or None for a unit that was removed


def units(catalog) -> dict:
    """msgctxt -> (English, translation, review state) of a catalog's units."""
    found = {}
    for message in catalog:
        if message.id and message.context:
            text = message.string if isinstance(message.string, str) else " | ".join(message.string)
            found[message.context] = (message.id if isinstance(message.id, str) else message.id[0], text,
                                      catalogs.review_state(message))
    return found


def changes(old_text, new_text, name: str) -> list:
    """The units whose text or review state differ between two versions of one catalog (pure)."""
    old = units(catalogs.parse_catalog(name, old_text)) if old_text is not None else {}
    new = units(catalogs.parse_catalog(name, new_text)) if new_text is not None else {}
    found = []
    for unit in list(new) + [u for u in old if u not in new]:
        before, after = old.get(unit), new.get(unit)
        if before is None or after is None or before[1:] != after[1:]:
            english = (after or before)[0]
            found.append(Change(unit, english, before and before[1:], after and after[1:]))
    return found


def render(lang: str, name: str, found: list) -> str:
    lines = [f"{name}: {len(found)} unit(s) changed"]
    for change in found:
        lines.append(f"  {change.unit}")
        lines.append(f"    English: {change.english}")
        for label, value in (("before", change.old), ("after", change.new)):
            lines.append(f"    {label}:  " + (f"[{value[1]}] {value[0]}" if value else "(no such unit)"))
    return "\n".join(lines)


def git_show(base: str, path: Path):
    """The file at revision `base`, or None where it did not exist."""
    relative = path.relative_to(ROOT).as_posix()
    try:
        result = subprocess.run(["git", "show", f"{base}:{relative}"], cwd=ROOT, capture_output=True, check=True)
    except subprocess.CalledProcessError as err:
        if b"exists on disk, but not in" in err.stderr or b"does not exist in" in err.stderr:
            return None
        raise PipelineError(f"git show {base}:{relative}: {err.stderr.decode('utf-8', 'replace').strip()}") from None
    return result.stdout.decode("utf-8")


def review_translations(base: str, directory: Path = TRANSLATIONS_DIR) -> str:
    """The report for every language (also printed by the pull-request workflow)."""
    reports, problems = [], []
    for lang in TRANSLATED_LANGUAGES:
        path = catalogs.catalog_path(lang.code, directory)
        name = catalogs.file_name(path)
        try:
            new = catalogs.read_text(path) if path.exists() else None
            reports.append(render(lang.code, name, changes(git_show(base, path), new, name)))
        except PipelineError as err:
            problems += err.problems
    if problems:
        raise PipelineError(problems)
    return "\n\n".join(reports) + "\n"
