"""The commands: read and validate everything first, then render, then write (mkdocs' build order).

    build            site/ for every edition and language (atomic: a failed build leaves site/ as it was)
    check            validate principles.yaml and translations/ without writing anything
    serve            live preview of one edition (and optionally one language) with mkdocs' reload
    update-catalogs  refresh translations/*.po from principles.yaml (the only command that edits them)
    lock-permalinks  add newly published URLs to permalinks.lock (never removes one)
    review-translations BASE  per language, the units a pull request changed (scripts/review.py)
    import-edition   take an edition's principles from its official document into principles.yaml
    propose-concordance  suggest which principles of a later edition derive from an earlier one (a file to review)
"""
import errno
import gc
import hashlib
import logging
import os
import re
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import yaml

# The site engine (mkdocs and its theme), the finishing pass, the search index and the PDF renderer are
# imported by the commands that build: `check` needs none of them, and starts faster without.
from . import catalogs, content_check, fileio, lock, model, parallel, redirects, translation_check
from .config import CONTENT_DIR, LANGUAGES, MKDOCS_FILE, PERMALINK_LOCK, ROOT, SITE_DIR, SOURCE_FILE, TRANSLATED_LANGUAGES, TRANSLATIONS_DIR
from .errors import PipelineError
from .fileio import read_bytes, write_files
from .load import decode_utf8, load_source, source_from_bytes
from .permalinks import CONTENT_PAGES, NOT_FOUND, lang_prefix, pdf_path, site_path
from .render import data, opendata, parse_date
from .ui import ui_units
from .validate import validate

log = logging.getLogger("scripts")


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads, validated: the model, hand-written pages and the site address."""

    site: model.Site
    content: dict
    site_url: str
    source_bytes: bytes | None = None  # of the principles.yaml the model was made from (None: `check` gave the model)


# ---- read and validate -------------------------------------------------------------------------------

def read_mkdocs(path: Path = MKDOCS_FILE) -> dict:
    """The shared mkdocs.yml as data. Tags such as mkdocs' !ENV are read as null: only site_url and
    markdown_extensions matter here, and mkdocs itself reads the file again."""
    name = path.name
    try:
        config = yaml.load(decode_utf8(read_bytes(path), name), Loader=MkdocsLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise PipelineError(f"{name}:{mark.line + 1 if mark else 1}: YAML syntax error: {err.problem or err.context}") from None
    except yaml.YAMLError as err:
        raise PipelineError(f"{name}:1: YAML error: {err}") from None
    if not isinstance(config, dict):
        raise PipelineError(f"{name}:1: must be a mapping of mkdocs settings (site_name: ..., site_url: ...)")
    return config


class MkdocsLoader(yaml.SafeLoader):
    pass


MkdocsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


# Host names reserved for examples and tests (RFC 2606, RFC 6761): never a public site's address.
RESERVED_HOSTS = ("example", "test", "invalid", "localhost", "example.com", "example.net", "example.org")


def is_placeholder(site_url: str) -> bool:
    host = (urlsplit(site_url).hostname or "").rstrip(".")
    return not host or any(host == name or host.endswith("." + name) for name in RESERVED_HOSTS)


def read_site_url(path: Path = MKDOCS_FILE, config=None) -> str:
    url = (read_mkdocs(path) if config is None else config).get("site_url", "")
    if not isinstance(url, str) or not url.endswith("/"):
        raise PipelineError(f"{path.name}:1: site_url must end with '/'")
    return url


def read_content(directory: Path = CONTENT_DIR, mkdocs_config=None) -> dict:
    """(lang, page name) -> Markdown of the hand-written pages in content/<lang>/ (scripts/content_check.py)."""
    extensions = content_check.markdown_extensions(read_mkdocs() if mkdocs_config is None else mkdocs_config)
    pages = content_check.read_pages(directory, extensions)
    missing = [f"{directory.name}/en/{name}.md:1: missing (every hand-written page needs its English version)"
               for name in CONTENT_PAGES if ("en", name) not in pages]
    if missing:
        raise PipelineError(missing)
    return pages


def read_content_links(directory: Path = CONTENT_DIR, mkdocs_config=None) -> tuple:
    """(read_content's pages, the links of each: content_check.page_links)."""
    config = read_mkdocs() if mkdocs_config is None else mkdocs_config
    pages = read_content(directory, config)
    return pages, content_check.page_links(pages, content_check.markdown_extensions(config))


def read_translations(directory: Path = TRANSLATIONS_DIR, parsed=None) -> dict:
    """lang -> catalog. Every language's catalog must be there and readable: without them the build would
    publish every language in English, saying nothing. A header naming another charset than UTF-8 is
    refused before parsing (the catalog would be read as mojibake, or not at all). parsed: lang -> Catalog
    of the catalogs `check` has already parsed."""
    name = f"{directory.name}/"
    try:
        os.listdir(directory)
    except OSError as err:
        what = {errno.ENOENT: "missing", errno.ENOTDIR: "not a folder"}.get(err.errno, f"cannot read ({err.strerror})")
        raise PipelineError(f"{name}: {what}: the build needs the catalogs of {', '.join(lang.code for lang in TRANSLATED_LANGUAGES)}; "
                            f"restore it (git checkout -- {name}) or run ./vp update-catalogs to make new ones") from None
    missing, refused = [], []  # refused: unreadable, or not UTF-8 (then not parsed: mojibake, or no such charset)
    for lang in TRANSLATED_LANGUAGES:
        path = catalogs.catalog_path(lang.code, directory)
        try:
            raw = fileio.read_if_present(path, catalogs.file_name(path))
        except PipelineError as err:
            refused += err.problems
            continue
        if raw is None:
            missing.append(f"{catalogs.file_name(path)}: missing: the build needs it (readers of {lang.name} would get "
                           f"every page in English); restore it, or run ./vp update-catalogs to create it")
            continue
        charset = translation_check.charset_problem(catalogs.file_name(path), raw.decode("utf-8", "replace"))
        refused += [charset] if charset else []
    if refused:
        raise PipelineError(missing + refused)
    try:
        found = catalogs.read_catalogs(directory, parsed)
    except PipelineError as err:
        raise PipelineError(missing + list(err.problems)) from None
    if missing:
        raise PipelineError(missing)
    return found


def read_inputs(source_file: Path = SOURCE_FILE, translations_dir: Path = TRANSLATIONS_DIR,
                content_dir: Path = CONTENT_DIR, site_url=None, source=None, parsed=None, content=None,
                source_bytes=None) -> Inputs:
    """Load and validate every input: all problems of principles.yaml, the catalogs, the content pages and
    mkdocs.yml raised together. site_url: the public address, when not mkdocs.yml's (a release to another
    address). What `check` (or the preview) has already read, not read again: source, source_file loaded
    (load_source) and valid (validate), from source_bytes if given; parsed, lang -> Catalog of the catalogs
    it parsed; content, a function that returns read_content_links' answer for content_dir (read in check's
    second process)."""
    problems, found = [], {}
    readers = (("source", lambda: (source_bytes, source) if source else read_source(source_file)),
               ("catalogs", lambda: read_translations(translations_dir, parsed)), ("mkdocs", read_mkdocs))
    for name, read in readers:
        try:
            found[name] = read()
        except PipelineError as err:
            problems += err.problems
    if "source" in found:  # (its bytes, the Source)
        found["source_bytes"], found["source"] = found["source"]
    if "source" in found and source is None:
        problems += validate(found["source"])
    if "mkdocs" in found:
        for name, read in (("content", content or (lambda: read_content_links(content_dir, found["mkdocs"]))),
                           ("site_url", lambda: read_site_url(config=found["mkdocs"]))):
            try:
                found[name] = read()
            except PipelineError as err:
                problems += err.problems
    if problems:
        raise PipelineError(problems)
    site = model.build_site(found["source"].data, ui_units(), catalogs.translations(found["catalogs"]))
    published = data.published_paths(site)  # what redirects and links may lead to (10,000 paths: made once)
    problems += redirects.problems(found["source"], site, published)
    pages, links = found["content"]
    problems += content_check.link_problems(pages, links, site, found["site_url"], published, content_dir.name)
    problems += translation_check.refused_translations(site, translations_dir)
    if problems:
        raise PipelineError(problems)
    return Inputs(replace(site, redirects=redirects.flattened(site, published)), pages, site_url or found["site_url"],
                  found["source_bytes"])


def read_source(source_file: Path) -> tuple:
    """(the bytes of source_file, the Source they make). Read once: a build publishes those very bytes
    (data/principles.yaml) and versions its PDFs by them; reading the file again, it published another
    principles.yaml than the one it built from, when import-edition (or an editor) replaced it meanwhile."""
    raw = read_bytes(source_file, source_file.name)
    return raw, source_from_bytes(raw, source_file.name)


# ---- permalink lock ---------------------------------------------------------------------------------

def lock_path(source_file: Path = SOURCE_FILE) -> Path:
    """permalinks.lock, beside the principles.yaml it protects."""
    return source_file.parent / PERMALINK_LOCK.name


# ---- build --------------------------------------------------------------------------------------------

def source_date_epoch(site: model.Site) -> str:
    """A fixed timestamp derived from the sources, so sitemaps and archives are byte-identical."""
    newest = max(event.date for edition in site.editions for event in edition.history)
    day, _ = parse_date(newest)
    return str(int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()))


def render_pdfs(inputs: Inputs) -> dict:
    """site path -> PDF bytes: every edition whose text is present, in every language."""
    from .render.pdf import render_pdf

    version = pdf_version(inputs.source_bytes)
    return {pdf_path(e.id, lang.code): render_pdf(inputs.site, e, lang.code, inputs.site_url, version)
            for e in inputs.site.editions if e.has_text for lang in LANGUAGES}


def pdf_version(source_bytes=None) -> str:
    """The build version every PDF prints: same sources, same version (source_bytes: of the principles.yaml
    built; default: the repository's)."""
    return hashlib.sha256(read_bytes(SOURCE_FILE) if source_bytes is None else source_bytes).hexdigest()[:12]


def published_sources(source_file: Path = SOURCE_FILE, source_bytes=None) -> dict:
    """The repository files the site publishes as they are, under data/ (see render/opendata.py): the
    source being built (source_bytes: its bytes, already read), and the schemas."""
    def published(name: str) -> bytes:
        if name != SOURCE_FILE.name:
            return read_bytes(ROOT / name)
        return read_bytes(source_file) if source_bytes is None else source_bytes

    return {name: published(name) for name in opendata.SOURCE_FILES}


def build(site_dir: Path = SITE_DIR, source_file: Path = SOURCE_FILE, translations_dir: Path = TRANSLATIONS_DIR,
          content_dir: Path = CONTENT_DIR, site_url=None) -> Inputs:
    """Validate everything, render every edition, run the engine in parallel (with the PDFs, the files beside the
    pages and the search index of each folder built), finish every page, then swap the new site in. One build
    of a site folder at a time; everything it writes is beside site_dir (see build_folders). site_url: the
    public address, when not mkdocs.yml's (see release.py)."""
    from . import engine, finish, search

    folders = build_folders(site_dir)
    make_parent(site_dir)
    with fileio.build_lock(folders["lock"], f"build of {site_dir.name}/") as lock_fd:
        remove_leftovers(folders, site_dir)
        inputs = read_inputs(source_file, translations_dir, content_dir, site_url)
        if is_placeholder(inputs.site_url):
            log.warning("site_url is the placeholder %s: fine for a local build; `./vp release` needs the public address",
                        inputs.site_url)
        lock.check_lock(inputs.site, lock.read_lock(lock_path(source_file)))
        staging = folders["staging"]
        try:
            pdfs = {}  # filled while the engine builds the projects already written
            roots = build_roots(inputs.site, folders["projects"], staging)  # config -> the site folder it builds
            held = (lock_fd,)  # by every process the build starts: they write into staging until they end
            # Meanwhile, one after the other: the files beside the pages, then the search index of each
            # folder the engine has built (scripts/search.py: the finishing pass changes nothing Pagefind reads)
            meanwhile = ThreadPoolExecutor(max_workers=1)
            stopping = threading.Event()  # for index_root: see `finally` below
            try:
                tasks = [meanwhile.submit(write_beside_pages, inputs, staging,
                                         published_sources(source_file, inputs.source_bytes))]
                engine.build(written_projects(inputs, staging, folders["projects"], pdfs), source_date_epoch(inputs.site),
                             built=lambda config: tasks.append(meanwhile.submit(search.index_root, roots[config], held, stopping)),
                             held=held)
                for task in tasks:
                    task.result()
            finally:  # a failed or interrupted build indexes no more folders: it stops the Pagefind under way (one
                # that hangs would hold it) and waits for that task, even through another Ctrl-C (the task
                # writes into staging, which is removed, and the lock released, only after it)
                stopping.set()
                with fileio.signals_deferred():
                    meanwhile.shutdown(cancel_futures=True)
            write_files(staging, pdfs | root_not_found_pages(inputs.site, staging), scratch=True)
            finish.finish_site(staging, inputs.site_url, trusted_scripts())
            fileio.make_durable([staging], f"{site_dir.name}/", whole_filesystem=True)  # all of it, once, before the swap
        except BaseException:
            with fileio.signals_deferred():  # a second Ctrl-C would leave them behind
                remove_build_folders(folders)
            raise
        put_in_place(staging, site_dir, lambda: remove_build_folders(folders))
    log.info("built %s (%d editions x %d languages)", site_dir, len(inputs.site.editions), len(LANGUAGES))
    return inputs


def remove_build_folders(folders: dict) -> None:
    """The build's staging folder (gone once swapped in) and generated projects."""
    for kind in ("staging", "projects"):
        try:
            fileio.remove_tree(folders[kind], "a folder of this build")
        except PipelineError as err:
            log.warning("%s", err.problems[0])


class InterruptedInPlace(KeyboardInterrupt):
    """Ctrl-C or SIGTERM that came while put_in_place() swapped a new folder in (args: its name, 'site/'):
    the command ends interrupted, with the new folder in place."""


def put_in_place(staging: Path, target: Path, then=lambda: None) -> None:
    """swap(staging, target), then then() (even if the swap failed): a signal meanwhile waits for both (cut,
    it would leave the previous folder or the build's projects behind) and is raised after, saying whether
    the new folder is in place."""
    swapped = False
    try:
        with fileio.signals_deferred():
            try:
                swap(staging, target)
                swapped = True
            finally:
                then()
    except KeyboardInterrupt:
        if swapped:
            raise InterruptedInPlace(f"{target.name}/") from None
        raise


def build_roots(site: model.Site, projects: Path, staging: Path) -> dict:
    """The engine's config of each edition and language -> the folder of the site it builds."""
    from . import engine

    return {projects / engine.config_path(edition.id, lang.code): staging / site_path(edition.id, lang.code, "")
            for edition in site.editions for lang in LANGUAGES}


def write_beside_pages(inputs: Inputs, staging: Path, sources: dict) -> None:
    """The site's files that are not the engine's pages: redirects, citations, open data. Written while the
    engine builds (which leaves what it finds in place: scripts/engine/run.py)."""
    write_files(staging, data.root_files(inputs.site, inputs.site_url)
                | opendata.reuse_files(inputs.site, inputs.site_url, sources), scratch=True)


def written_projects(inputs: Inputs, staging: Path, projects: Path, pdfs: dict):
    """Render and write the engine's projects one edition and language at a time, yielding each config once
    written (engine.build starts on it at once). Editions without text first: their pages need no PDF. An
    edition with text renders its PDF first (into `pdfs`), for the size its pages show, and so that a missing
    glyph stops the build before that language is built."""
    from . import engine
    from .render.pdf import render_pdf

    version = pdf_version(inputs.source_bytes)
    for edition in sorted(inputs.site.editions, key=lambda e: e.has_text):
        for lang in LANGUAGES:
            if edition.has_text:
                pdfs[pdf_path(edition.id, lang.code)] = render_pdf(inputs.site, edition, lang.code, inputs.site_url, version)
            files = engine.project_files(inputs.site, inputs.content, inputs.site_url, staging,
                                         only={(edition.id, lang.code)}, pdfs=pdfs)
            write_files(projects, files, scratch=True)
            yield from engine.configs(projects, files)


def trusted_scripts() -> tuple:
    """The inline scripts the Content-Security-Policy allows: the theme's, and the redirect pages' one."""
    from . import engine

    return engine.trusted_scripts() + (re.compile(re.escape(data.REDIRECT_SCRIPT)),)


def root_not_found_pages(site: model.Site, staging: Path) -> dict:
    """The newest edition's 404 page of each language at that language's root (/404.html, /fr/404.html),
    where static hosts look for it. Its links are absolute paths, so it works from any address."""
    return {lang_prefix(lang.code) + NOT_FOUND: read_bytes(staging / site_path(site.latest.id, lang.code, NOT_FOUND))
            for lang in LANGUAGES}


def build_folders(site_dir: Path) -> dict:
    """What a build of site_dir writes besides it, all in the same folder (so on the same filesystem: the
    swap is two renames): the lock, the generated mkdocs projects, the staging folder and, for a moment,
    the previous site. A build into a temporary folder writes nothing into the repository."""
    return {kind: site_dir.parent / f".{site_dir.name}.{suffix}"
            for kind, suffix in (("lock", "lock"), ("projects", "build"), ("staging", "new"), ("previous", "old"))}


def remove_leftovers(folders: dict, site_dir: Path) -> None:
    """Under the lock, these folders can only be left by a build that was killed: never in use. A previous
    site that cannot be removed stops the build now, not after minutes of work."""
    name = f"{site_dir.name}/"
    for kind, what in (("staging", "the staging folder of an interrupted build"),
                       ("projects", "the generated projects of an earlier build"),
                       ("previous", "the previous site, left there by an earlier build")):
        try:
            fileio.remove_tree(folders[kind], what)
        except PipelineError as err:
            raise PipelineError(f"{err.problems[0]}; {name} was not changed") from None


def make_parent(site_dir: Path) -> None:
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise PipelineError(f"{site_dir.parent}: cannot create the folder for {site_dir.name}/: {err.strerror}") from None


def swap(staging: Path, site_dir: Path) -> None:
    """Replace site_dir by staging with two renames, so readers never see a half-written site. Ctrl-C waits
    for both; if the second fails, the first is undone. (remove_leftovers made room for the previous site.)"""
    old, name = build_folders(site_dir)["previous"], f"{site_dir.name}/"
    with fileio.signals_deferred():
        try:
            if site_dir.exists() or site_dir.is_symlink():
                site_dir.rename(old)
        except OSError as err:
            raise PipelineError(f"{name}: cannot move the previous site aside ({err.strerror}): {name} was not changed") from None
        try:
            staging.rename(site_dir)
        except OSError as err:
            if old.exists():
                old.rename(site_dir)
            raise PipelineError(f"{name}: cannot put the new site in place ({err.strerror}): {name} was not changed") from None
    try:  # the renames durable: a crash now finds the new site in place
        fileio.make_durable([site_dir.parent], name, whole_filesystem=False)
    except PipelineError as err:
        log.warning("%s (the new site is in place)", err.problems[0])
    try:
        fileio.remove_tree(old, "the previous site")
    except PipelineError as err:  # the new site is in place; the next build insists on removing it
        log.warning("%s (the new site is in place)", err.problems[0])


# ---- other commands -----------------------------------------------------------------------------------

def check(source_file: Path = SOURCE_FILE, translations_dir: Path = TRANSLATIONS_DIR) -> None:
    """What every pull request must pass: principles.yaml, the permalink lock and the translation checks
    (stricter than what the build needs), and everything else the build would refuse (content pages,
    redirects, characters the PDFs' fonts lack); every problem of every file is reported together. The
    translation checks need only principles.yaml, so that a broken catalog hides nothing of the others. Both
    cores work: the content pages (Markdown rendered, HTML parsed) and some of the catalogs are checked in
    forked processes meanwhile (scripts/parallel.py)."""
    with garbage_collection_paused(), parallel.in_background(read_content_links) as content:
        problems = checked_sources(source_file, translations_dir, content)
    if problems:
        raise PipelineError(list(dict.fromkeys(problems)))
    log.info("principles.yaml and translations/ are valid")


@contextmanager
def garbage_collection_paused():
    """Python's cycle collector off for a short command: what `check` reads makes few cycles (its memory
    grows by about 1 MB without it), and the collector's passes over everything already read cost about
    25 ms of its CPU (4 %, measured alternately)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def checked_sources(source_file: Path, translations_dir: Path, content) -> list:
    """check's problems, in order; content: read_inputs' (the content pages, read in the background)."""
    problems, site, source = [], None, None
    try:
        source = load_source(source_file)
        problems += validate(source)
        if not problems:
            site = model.build_site(source.data, ui_units(), {})
            lock.check_lock(site, lock.read_lock(lock_path(source_file)))
    except PipelineError as err:
        problems += err.problems
    expected = official = None
    if site is not None:
        expected = expected_template(site, read_site_url())
        official = {lang.code: frozenset(e.id for e in site.editions if any(o.lang == lang.code for o in e.official_translations))
                    for lang in TRANSLATED_LANGUAGES}
    found, parsed = translation_check.checked_translations(translations_dir, expected, official, parallel.in_background)
    problems += found
    try:  # what only the whole inputs show: content pages, redirects, translations the build refuses, glyphs
        inputs = read_inputs(source_file, translations_dir, source=source if site is not None else None, parsed=parsed,
                             content=content)
        problems += glyph_problems(inputs.site, translations_dir)
    except PipelineError as err:
        problems += err.problems
    return problems


def expected_template(site: model.Site, site_url: str):
    """A function that makes the text update-catalogs would write for messages.pot (check compares it in its
    second process)."""
    return lambda: catalogs.generate_po(catalogs.template_po(site, site_url)).decode("utf-8")


def glyph_problems(site: model.Site, translations_dir: Path) -> list:
    """Characters no font of a PDF has (the build would stop on them), a translation's at its catalog line."""
    from .render import pdf

    located, other = [], []
    for edition in (e for e in site.editions if e.has_text):
        for lang in LANGUAGES:
            for char, text_lang, unit_id, problem in pdf.glyphless_units(site, edition, lang.code):
                if unit_id in site.translations.get(text_lang, {}):
                    located.append((text_lang, unit_id, f"{pdf.character(char)} has no glyph in {pdf.fonts_for(text_lang)}, "
                                                        f"so the PDF cannot show it: write another character or remove it"))
                else:
                    other.append(problem)
    return translation_check.located_units(translations_dir, list(dict.fromkeys(located))) + list(dict.fromkeys(other))


def lock_permalinks(source_file: Path = SOURCE_FILE, translations_dir: Path = TRANSLATIONS_DIR) -> None:
    inputs = read_inputs(source_file, translations_dir)
    path = lock_path(source_file)
    raw = fileio.read_if_present(path)
    entries = lock.parsed_lock(raw, path.name)
    lock.check_lock(inputs.site, entries)
    # read=: a change made meanwhile (an editor, a git checkout) is refused, not silently undone
    write_files(path.parent, {path.name: lock.render_lock(inputs.site, entries)}, label="", read={path.name: raw})
    log.info("%s lists %d URLs and %d aliases", path.name, len(data.site_paths(inputs.site)), len(data.aliases(inputs.site)))


def update_catalogs(directory: Path = TRANSLATIONS_DIR, source_file: Path = SOURCE_FILE) -> None:
    inputs = read_inputs(source_file, directory)
    template = catalogs.template_po(inputs.site, inputs.site_url)
    pot = catalogs.template_path(directory)
    files = {pot.name: catalogs.generate_po(template)}
    read = {pot.name: fileio.read_if_present(pot, catalogs.file_name(pot))}  # what each file was: see write_files
    for lang in TRANSLATED_LANGUAGES:
        path = catalogs.catalog_path(lang.code, directory)
        read[path.name] = fileio.read_if_present(path, catalogs.file_name(path))
        current = catalogs.new_po(lang.code, template) if read[path.name] is None else catalogs.load_po(path, read[path.name])
        files[path.name] = catalogs.generate_po(catalogs.updated_po(current, template))
    write_files(directory, files, read=read)
    log.info("refreshed %d catalogs in %s", len(files), directory)


def edition_command(args) -> None:
    """import-edition / propose-concordance (see scripts/importer.py and scripts/concordance.py)."""
    from . import concordance, importer

    if args.command == "import-edition":
        today = args.date or datetime.now(UTC).date().isoformat()
        raw = read_bytes(args.source)
        old = decode_utf8(raw, args.source.name)
        new = importer.import_edition(args.edition, args.document, args.source, today, args.count)
        # read=: a save of principles.yaml made meanwhile (an editor) is refused, not silently undone
        write_files(args.source.parent, {args.source.name: new}, label="", read={args.source.name: raw})
        log.info("%s: %s", args.source.name,
                 "unchanged (same document, same text)" if new == old else f"{args.edition} imported from {args.document.name}")
        return
    site = read_inputs(args.source).site
    editions = {e.id: e for e in site.editions}
    missing = [e for e in (args.newer, args.older) if e not in editions or not editions[e].has_text]
    if missing:
        raise PipelineError([f"{args.source.name}:1: edition {e!r} has no imported text to compare" for e in missing])
    proposal = concordance.render_proposal(concordance.propose(editions[args.newer], editions[args.older]))
    if args.output:
        write_files(args.output.parent, {args.output.name: proposal}, label="")
        log.info("wrote %s (a proposal: review it, then copy confirmed links into principles.yaml)", args.output)
    else:
        sys.stdout.write(proposal)
