"""`python -m scripts serve`: live preview of one edition in one language.

The edition's project is rendered into a temporary folder of its own (so that a `./vp build` in the same
checkout, which replaces build/, cannot take the preview's pages, PDF or downloads away), and the engine's
preview (`mkdocs serve`) serves it and reloads the browser. A watchdog observer reacts to the saves of
the sources (principles.yaml, translations/*.po, content/**/*.md): only write, create and move events, so
the preview's own reads of the sources never trigger it; the events of one save are gathered (DEBOUNCE)
into one re-render, and each save gets one message. A re-render parses only the sources that changed
(KnownSources) and rewrites only the files that changed; then it writes the trigger file, and the engine
rebuilds the pages that changed, once per save. A bad save is reported and the last good preview stays
up; the watcher stays alive and the next good save renders again. The files the build writes beside the pages (the PDF, citation downloads,
open data) are made once, when the preview starts.
"""
import functools
import logging
import shutil
import signal
import socket
import tempfile
import threading
import time
from pathlib import Path

from watchdog.events import FileClosedEvent, FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileSystemEventHandler
from watchdog.observers import Observer

from . import catalogs, engine, fileio, load
from .commands import published_sources, read_inputs, write_files
from .config import CONTENT_DIR, DEFAULT_LANGUAGE, LANGUAGE_CODES, ROOT, SOURCE_FILE, TRANSLATED_LANGUAGES, TRANSLATIONS_DIR
from .errors import PipelineError
from .permalinks import pdf_path, site_path
from .render import opendata
from .render.pdf import render_pdf
from .validate import validate

log = logging.getLogger("scripts")
TRIGGER = ".vp-rendered"  # in the preview's project folder, beside the engine's projects (Trigger)
DEBOUNCE = 0.05  # seconds without a new event before a save counts as done (an editor's save takes milliseconds)
SAVES = (FileModifiedEvent, FileCreatedEvent, FileMovedEvent, FileClosedEvent)  # closed: after writing


def render_preview(project: Path, edition_id, lang, downloads: bool = False, known=None) -> Path:
    """Render one (edition, language) project into `project`; return its mkdocs config path. `downloads`:
    also the files beside its pages, put into its docs/ folder, which mkdocs copies as they are. known: the
    preview's KnownSources, so that a re-render parses only the sources a save changed."""
    inputs = known.read_inputs() if known else read_inputs()
    edition_id = edition_id or inputs.site.latest.id
    files = engine.project_files(inputs.site, inputs.content, inputs.site_url, project / "site", only={(edition_id, lang)})
    if not files:
        raise PipelineError(f"--edition {edition_id}: unknown edition (known: {', '.join(e.id for e in inputs.site.editions)})")
    if downloads:
        files |= {f"{edition_id}/docs/{lang}/{path}": content for path, content in beside_pages(inputs, edition_id, lang).items()}
    engine.write_preview(project, files, functools.partial(write_files, durable=False))  # a temporary folder
    return project / engine.config_path(edition_id, lang)


class KnownSources:
    """The sources as the preview last read them, each with its parse: a save of one catalog re-parses that
    catalog only, not principles.yaml and the other catalogs (most of a re-render's time). A source is
    reused only if its text is exactly what was parsed; anything unreadable or invalid is left to
    read_inputs, which reports it with every other problem, in its own words."""

    def __init__(self, source_file: Path = SOURCE_FILE, translations_dir: Path = TRANSLATIONS_DIR):
        self.source_file, self.translations_dir = source_file, translations_dir
        self.source, self.catalogs = None, {}  # (bytes, valid Source); lang -> (bytes, Catalog)

    def read_inputs(self):
        source = self.valid_source()
        return read_inputs(self.source_file, self.translations_dir, source=source, parsed=self.parsed_catalogs(),
                           source_bytes=self.source[0] if source else None)

    def valid_source(self):
        raw, name = read_or_none(self.source_file), self.source_file.name
        if self.source is None or self.source[0] != raw:
            self.source = None
            if raw is None:
                return None
            try:
                source = load.source_from_bytes(raw, name)
            except PipelineError:
                return None
            if validate(source):
                return None
            self.source = (raw, source)
        return self.source[1]

    def parsed_catalogs(self) -> dict:
        found = {}
        for lang in TRANSLATED_LANGUAGES:
            path = catalogs.catalog_path(lang.code, self.translations_dir)
            raw = read_or_none(path)
            if raw is not None and self.catalogs.get(lang.code, (None,))[0] != raw:
                self.catalogs.pop(lang.code, None)
                try:
                    self.catalogs[lang.code] = (raw, catalogs.parse_catalog(catalogs.file_name(path), raw.decode("utf-8"), lang.code))
                except (PipelineError, UnicodeDecodeError):
                    pass
            if raw is not None and lang.code in self.catalogs:
                found[lang.code] = self.catalogs[lang.code][1]
        return found


def read_or_none(path: Path):
    """A source's bytes, or None when it cannot be read (read_inputs then says why)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def beside_pages(inputs, edition_id: str, lang: str) -> dict:
    """The build's non-page files of one edition and language, by path below that edition's root."""
    root = site_path(edition_id, lang, "")
    found = opendata.reuse_files(inputs.site, inputs.site_url, published_sources(SOURCE_FILE, inputs.source_bytes))
    edition = inputs.site.edition(edition_id)
    if edition.has_text:
        found[pdf_path(edition_id, lang)] = render_pdf(inputs.site, edition, lang, inputs.site_url, "preview")
    return {path[len(root):]: content for path, content in found.items() if path.startswith(root)}


def is_source(path: str) -> bool:
    """Whether a changed path is one the preview is made from (not an editor's backup or swap file)."""
    path = Path(path)
    return (path == SOURCE_FILE or (path.parent == TRANSLATIONS_DIR and path.suffix == ".po")
            or (CONTENT_DIR in path.parents and path.suffix == ".md"))


def saved_path(event):
    """The source a file-system event saved, or None (reads, deletions, folders, other files)."""
    if event.is_directory or not isinstance(event, SAVES):
        return None
    path = event.dest_path if isinstance(event, FileMovedEvent) else event.src_path
    return str(path) if is_source(str(path)) else None


class Rerender(FileSystemEventHandler):
    """Gathers the events of a save, then re-renders once, in its own thread (which never dies)."""

    def __init__(self, render):
        self.render, self.changed, self.stopped, self.paths = render, threading.Event(), False, set()
        self.thread = threading.Thread(target=self.loop, name="vp-rerender", daemon=True)

    def on_any_event(self, event):
        path = saved_path(event)
        if path:
            self.paths.add(Path(path).relative_to(ROOT).as_posix())
            self.changed.set()

    def loop(self):
        while True:
            self.changed.wait()  # blocks without a timeout: no work at all while nothing is saved
            while self.changed.wait(DEBOUNCE) and not self.stopped:
                self.changed.clear()  # more events of the same save: wait until they stop
            if self.stopped:
                return
            paths, self.paths = sorted(self.paths), set()
            self.rerender(", ".join(paths))

    def rerender(self, what: str):
        start = time.perf_counter()
        try:
            self.render()
        except PipelineError as err:
            log.error("preview not updated after the change to %s (it shows the last good version):\n%s",
                      what, "\n".join(err.problems))
            return
        except Exception as err:  # noqa: BLE001 (the watcher must survive anything a save can cause)
            log.error("preview not updated after the change to %s (it shows the last good version): %s: %s",
                      what, type(err).__name__, err)
            return
        log.info("re-rendered after the change to %s (%.1f s)", what, time.perf_counter() - start)

    def start(self):
        self.thread.start()

    def stop(self):
        """Ends the thread once a re-render under way is done (it writes into the project)."""
        self.stopped = True
        self.changed.set()
        if self.thread.is_alive():
            self.thread.join()


class Trigger:
    """The file the engine's preview server watches: written once after each re-render, when all of the
    project's files are in place, so that the engine rebuilds at once and once only."""

    def __init__(self, path: Path):
        self.path, self.count = path, 0
        self.pull()

    def pull(self):
        self.count += 1
        write_files(self.path.parent, {self.path.name: f"{self.count}\n"}, durable=False)


def check_port(port: int) -> None:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers bind: TIME_WAIT is no conflict
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            raise PipelineError(f"--port {port}: the port is in use (another preview?): stop that program, or choose "
                                f"another port with --port") from None


def serve(edition_id=None, lang=None, port=8000):
    lang = lang or DEFAULT_LANGUAGE.code
    if lang not in LANGUAGE_CODES:
        raise PipelineError(f"--lang {lang}: unknown language (known: {', '.join(LANGUAGE_CODES)})")
    check_port(port)
    project = Path(tempfile.mkdtemp(prefix="vp-preview-"))
    signal.signal(signal.SIGTERM, fileio.interrupted)  # stop as on Ctrl-C: cleanly
    observer, handler = Observer(), None
    try:
        known = KnownSources()
        config = render_preview(project, edition_id, lang, downloads=True, known=known)
        trigger = Trigger(project / TRIGGER)
        project_lock = threading.Lock()  # the project is never written while the engine rebuilds it

        def rerender():
            with project_lock:
                render_preview(project, edition_id, lang, known=known)
            trigger.pull()

        handler = Rerender(rerender)
        for path in (ROOT, TRANSLATIONS_DIR, CONTENT_DIR):
            observer.schedule(handler, str(path), recursive=path == CONTENT_DIR)
        handler.start()
        observer.start()
        engine.serve(config, port, trigger.path, project_lock)
    except KeyboardInterrupt:
        pass
    finally:
        with fileio.signals_deferred():  # a second Ctrl-C would leave the project behind, or half of it
            if observer.is_alive():
                observer.stop()
                observer.join()
            if handler is not None:
                handler.stop()
            shutil.rmtree(project, ignore_errors=True)
    log.info("preview stopped")
