"""The commands: read and validate everything first, then render, then write (mkdocs' build order).

    build            site/ for every edition and language (atomic: a failed build leaves site/ as it was)
    check            validate principles.yaml and translations/ without writing anything
    serve            live preview of one edition (and optionally one language) with mkdocs' reload
    update-catalogs  refresh translations/*.po from principles.yaml (the only command that edits them)
    lock-permalinks  add newly published URLs to permalinks.lock (never removes one)
    import-edition   take an edition's principles from its official document into principles.yaml
    propose-concordance  suggest which principles of a later edition derive from an earlier one (a file to review)
"""
import hashlib
import logging
import shutil
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import yaml

from . import catalogs, engine, finish, model, search, translation_check
from .config import BUILD_DIR, CONTENT_DIR, LANGUAGES, MKDOCS_FILE, PERMALINK_LOCK, ROOT, SITE_DIR, SOURCE_FILE, TRANSLATED_LANGUAGES, TRANSLATIONS_DIR
from .errors import PipelineError
from .load import decode_utf8, load_source
from .render import data, opendata, parse_date
from .permalinks import CONTENT_PAGES, pdf_path, site_path
from .render.pdf import render_pdf
from .ui import ui_units
from .validate import validate

log = logging.getLogger("scripts")


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads, validated: the model, hand-written pages and the site address."""

    site: model.Site
    content: dict
    site_url: str


# ---- read and validate -------------------------------------------------------------------------------

def read_site_url() -> str:
    url = yaml.safe_load(MKDOCS_FILE.read_text(encoding="utf-8")).get("site_url", "")
    if not url.endswith("/"):
        raise PipelineError(f"{MKDOCS_FILE.name}:1: site_url must end with '/'")
    return url


def read_content(directory: Path = CONTENT_DIR) -> dict:
    """(lang, page name) -> Markdown of the hand-written pages in content/<lang>/."""
    pages, problems = {}, []
    for lang in LANGUAGES:
        for path in sorted((directory / lang.code).glob("*.md")):
            try:
                pages[(lang.code, path.stem)] = decode_utf8(path.read_bytes(), f"{directory.name}/{lang.code}/{path.name}")
            except PipelineError as err:
                problems += err.problems
    if problems:
        raise PipelineError(problems)
    missing = [f"{directory.name}/en/{name}.md:1: missing (every hand-written page needs its English version)"
               for name in CONTENT_PAGES if ("en", name) not in pages]
    if missing:
        raise PipelineError(missing)
    return pages


def read_inputs(source_file: Path = SOURCE_FILE, translations_dir: Path = TRANSLATIONS_DIR) -> Inputs:
    """Load and validate every input; all problems of principles.yaml and the catalogs raised together."""
    problems, found = [], {}
    for name, read in (("source", lambda: load_source(source_file)), ("catalogs", lambda: catalogs.read_catalogs(translations_dir))):
        try:
            found[name] = read()
        except PipelineError as err:
            problems += err.problems
    if "source" in found:
        problems += validate(found["source"])
    if problems:
        raise PipelineError(problems)
    site = model.build_site(found["source"].data, ui_units(), catalogs.translations(found["catalogs"]))
    return Inputs(site, read_content(), read_site_url())


# ---- permalink lock ---------------------------------------------------------------------------------

def read_lock(path: Path = PERMALINK_LOCK) -> list:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")]


def check_lock(site: model.Site, lock=None) -> None:
    """Fail if a published URL would disappear without a declared redirect."""
    published = set(data.site_paths(site)) | {old.rstrip("/") + "/" for old, _ in site.redirects}
    missing = [
        f"{PERMALINK_LOCK.name}:{n}: published URL /{path} would no longer exist; "
        f"restore it or declare a redirect for it under `redirects:` in principles.yaml"
        for n, path in (read_lock() if lock is None else lock) if path not in published
    ]
    if missing:
        raise PipelineError(missing)


def render_lock(site: model.Site, lock: list) -> str:
    paths = sorted({path for _, path in lock} | set(data.site_paths(site)))
    header = "# Every URL path the site has published. Never remove a line: see README, \"Permalinks\".\n"
    return header + "".join(f"{path}\n" for path in paths)


# ---- build --------------------------------------------------------------------------------------------

def source_date_epoch(site: model.Site) -> str:
    """A fixed timestamp derived from the sources, so sitemaps and archives are byte-identical."""
    newest = max(event.date for edition in site.editions for event in edition.history)
    day, _ = parse_date(newest)
    return str(int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp()))


def render_pdfs(inputs: Inputs) -> dict:
    """site path -> PDF bytes: every edition whose text is present, in every language."""
    version = hashlib.sha256(SOURCE_FILE.read_bytes()).hexdigest()[:12]  # same sources, same version
    return {pdf_path(e.id, lang.code): render_pdf(inputs.site, e, lang.code, inputs.site_url, version)
            for e in inputs.site.editions if e.has_text for lang in LANGUAGES}


def write_files(root: Path, files: dict) -> None:
    """The one place that writes rendered output; unchanged files are left alone (mkdocs serve watches)."""
    for relative, content in sorted(files.items()):
        path = root / relative
        payload = content.encode("utf-8") if isinstance(content, str) else content
        if path.exists() and path.read_bytes() == payload:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(payload)


def published_sources(source_file: Path = SOURCE_FILE) -> dict:
    """The repository files the site publishes as they are, under data/ (see render/opendata.py): the
    source being built, and the schemas."""
    return {name: (source_file if name == SOURCE_FILE.name else ROOT / name).read_bytes() for name in opendata.SOURCE_FILES}


def build(site_dir: Path = SITE_DIR, source_file: Path = SOURCE_FILE, translations_dir: Path = TRANSLATIONS_DIR) -> Inputs:
    """Validate everything, render every edition, run the engine in parallel, finish every page, index the
    finished pages for search, then swap the new site in."""
    inputs = read_inputs(source_file, translations_dir)
    check_lock(inputs.site)
    staging = site_dir.parent / f".{site_dir.name}.new"
    shutil.rmtree(staging, ignore_errors=True)
    pdfs = render_pdfs(inputs)  # before mkdocs: a missing glyph fails the build early
    shutil.rmtree(BUILD_DIR, ignore_errors=True)
    files = engine.project_files(inputs.site, inputs.content, inputs.site_url, staging, pdfs=pdfs)
    write_files(BUILD_DIR, files)
    try:
        engine.build(engine.configs(BUILD_DIR, files), source_date_epoch(inputs.site))
        write_files(staging, data.root_files(inputs.site, inputs.site_url))
        write_files(staging, opendata.reuse_files(inputs.site, inputs.site_url, published_sources(source_file)))
        write_files(staging, pdfs)  # after mkdocs, whose --clean would remove them
        finish.finish_site(staging, inputs.site_url, engine.trusted_scripts())
        search.index_site(staging, [site_path(e.id, lang.code, "") for e in inputs.site.editions for lang in LANGUAGES])
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap(staging, site_dir)
    log.info("built %s (%d editions x %d languages)", site_dir, len(inputs.site.editions), len(LANGUAGES))
    return inputs


def swap(staging: Path, site_dir: Path) -> None:
    """Replace site_dir by staging with two renames, so readers never see a half-written site."""
    old = site_dir.parent / f".{site_dir.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


# ---- other commands -----------------------------------------------------------------------------------

def check(source_file: Path = SOURCE_FILE, translations_dir: Path = TRANSLATIONS_DIR) -> None:
    """What every pull request must pass: principles.yaml, the permalink lock and the translation checks
    (stricter than what the build needs); every problem of every file is reported together."""
    problems, inputs = [], None
    try:
        inputs = read_inputs(source_file, translations_dir)
        check_lock(inputs.site)
    except PipelineError as err:
        problems += err.problems
    template = catalogs.template_catalog(inputs.site, inputs.site_url) if inputs else None
    problems += [p for p in translation_check.check_translations(translations_dir, template) if p not in problems]
    if problems:
        raise PipelineError(problems)
    log.info("principles.yaml and translations/ are valid")


def lock_permalinks() -> None:
    inputs = read_inputs()
    lock = read_lock()
    check_lock(inputs.site, lock)
    PERMALINK_LOCK.write_text(render_lock(inputs.site, lock), encoding="utf-8")
    log.info("%s lists %d URLs", PERMALINK_LOCK.name, len(data.site_paths(inputs.site)))


def update_catalogs(directory: Path = TRANSLATIONS_DIR, source_file: Path = SOURCE_FILE) -> None:
    inputs = read_inputs(source_file, directory)
    template = catalogs.template_catalog(inputs.site, inputs.site_url)
    files = {catalogs.template_path(directory).name: catalogs.generate_po(template)}
    existing = catalogs.read_catalogs(directory)
    for lang in TRANSLATED_LANGUAGES:
        current = existing.get(lang.code) or catalogs.new_catalog(lang.code, template)
        files[catalogs.catalog_path(lang.code, directory).name] = catalogs.generate_po(catalogs.updated_catalog(current, template))
    write_files(directory, files)
    log.info("refreshed %d catalogs in %s", len(files), directory)


def edition_command(args) -> None:
    """import-edition / propose-concordance (see scripts/importer.py and scripts/concordance.py)."""
    from . import concordance, importer

    if args.command == "import-edition":
        today = args.date or datetime.now(timezone.utc).date().isoformat()
        old = args.source.read_text(encoding="utf-8")
        new = importer.import_edition(args.edition, args.document, args.source, today, args.count)
        write_files(args.source.parent, {args.source.name: new})
        log.info("%s: %s", args.source.name, "unchanged (same document, same text)" if new == old else f"{args.edition} imported from {args.document.name}")
        return
    site = read_inputs(args.source).site
    editions = {e.id: e for e in site.editions}
    missing = [e for e in (args.newer, args.older) if e not in editions or not editions[e].has_text]
    if missing:
        raise PipelineError([f"{args.source.name}:1: edition {e!r} has no imported text to compare" for e in missing])
    proposal = concordance.render_proposal(concordance.propose(editions[args.newer], editions[args.older]))
    if args.output:
        write_files(args.output.parent, {args.output.name: proposal})
        log.info("wrote %s (a proposal: review it, then copy confirmed links into principles.yaml)", args.output)
    else:
        sys.stdout.write(proposal)
