"""permalinks.lock: every URL path the site has published, and where each alias led (README, "Permalinks").

    valletta-2025/principles/13/                        a page or file: it must stay published
    p/13/ -> valletta-2025/principles/13/               an alias: it must stay, and keep leading there

A build fails when a locked path or alias would no longer be published (unless `redirects:` in principles.yaml
retires it), or when an alias would lead to another principle than the one it
led to — unless the new one derives from it (the concordance of principles.yaml says so) or `aliases:` in
principles.yaml says where it leads. `./vp lock-permalinks` adds what is new and records where aliases lead
now; it never removes a line.
"""
from dataclasses import dataclass
from pathlib import Path

from . import fileio, model
from .config import LANGUAGES, PERMALINK_LOCK, TRANSLATED_LANGUAGES
from .errors import PipelineError
from .load import decode_utf8
from .permalinks import lang_prefix, principle_page, site_path
from .render import data

ARROW = " -> "
HEADER = ("# Every URL path the site has published, and where each alias (`path -> target`) leads. Never remove a\n"
          "# line: see README, \"Permalinks\".\n")


@dataclass(frozen=True)
class Entry:
    line: int
    path: str
    target: str = ""  # for an alias: the page it led to when locked


def read_lock(path: Path = PERMALINK_LOCK) -> list:
    return parsed_lock(fileio.read_if_present(path), path.name)


def parsed_lock(raw, name: str) -> list:
    """The entries of a lock file's bytes (None: no file)."""
    if raw is None:
        return []
    lines = decode_utf8(raw, name).splitlines()
    entries = []
    for n, line in enumerate(lines, start=1):
        if line.strip() and not line.startswith("#"):
            old, _, target = line.partition(ARROW)  # the site root, an alias, is the empty path: " -> ..."
            entries.append(Entry(n, old.strip(), target.strip()))
    return entries


def principles_by_path(site: model.Site) -> dict:
    """Site path of every principle page in every language -> (edition id, principle)."""
    return {site_path(e.id, lang.code, principle_page(p)): (e.id, p) for e in site.editions for p in e.principles
            for lang in LANGUAGES}


def derives(by_path: dict, new_path: str, old_path: str) -> bool:
    """Whether the principle at new_path derives from the one at old_path (carried over, revised, merged or
    split from it), or neither is a principle page (the same kind of page of a newer edition: a home, a full
    text: what `latest/` means)."""
    new, old = by_path.get(new_path), by_path.get(old_path)
    if new is None or old is None:
        return new is None and old is None
    (_, principle), (old_edition, old_principle) = new, old
    return any(link.edition == old_edition and old_principle.id in link.principles for link in principle.derives_from)


def lock_problems(site: model.Site, lock: list) -> list:
    declared = {old.rstrip("/") + "/" for old, _ in site.redirects}
    published = set(data.site_paths(site)) | declared
    targets = dict(data.aliases(site))
    chosen = {alias for alias, _ in site.aliases}
    by_path = principles_by_path(site)
    problems = []
    for entry in lock:
        where = f"{PERMALINK_LOCK.name}:{entry.line}"
        if not entry.target and entry.path not in published and entry.path not in targets:
            problems.append(f"{where}: published URL /{entry.path} would no longer exist; "
                            f"restore it or declare a redirect for it under `redirects:` in principles.yaml")
        elif entry.target and entry.path not in targets and entry.path not in declared:
            problems.append(f"{where}: alias /{entry.path} would no longer exist; it led to /{entry.target}: "
                            f"restore that page or declare a redirect for the alias under `redirects:` in principles.yaml")
        elif entry.target and entry.path in targets and moved(entry, targets[entry.path], by_path, chosen):
            problems.append(f"{where}: alias /{entry.path} would lead to /{targets[entry.path]} instead of /{entry.target}, "
                            f"a principle that does not derive from it: say where it leads under `aliases:` in "
                            f"principles.yaml (`{unprefixed(entry.path)}: EDITION`), or record the derivation (`derives_from`)")
    return problems


def unprefixed(alias: str) -> str:
    """'fr/p/13/' -> 'p/13/': `aliases:` entries apply to every language."""
    prefix = next((lang_prefix(lang.code) for lang in TRANSLATED_LANGUAGES if alias.startswith(lang_prefix(lang.code))), "")
    return alias[len(prefix):]


def moved(entry: Entry, target: str, by_path: dict, chosen: set) -> bool:
    """An alias that would lead elsewhere than it did, to a principle that does not derive from the one it
    led to, without `aliases:` saying so."""
    return target != entry.target and not derives(by_path, target, entry.target) and unprefixed(entry.path) not in chosen


def check_lock(site: model.Site, lock=None) -> None:
    problems = lock_problems(site, read_lock() if lock is None else lock)
    if problems:
        raise PipelineError(problems)


def render_lock(site: model.Site, lock: list) -> str:
    """The lock after a successful check: every path ever locked or published now, aliases with their target."""
    targets = dict(data.aliases(site))
    paths = sorted({e.path for e in lock if not e.target} | set(data.site_paths(site)))
    alias_lines = sorted({e.path for e in lock if e.target} | set(targets))
    return HEADER + "".join(f"{path}\n" for path in paths) + "".join(f"{a}{ARROW}{targets[a]}\n" for a in alias_lines)
