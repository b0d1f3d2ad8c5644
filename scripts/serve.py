"""`python -m scripts serve`: live preview of one edition in one language.

The edition's project is rendered into a temporary folder of its own (so that a `./vp build` in the same
checkout, which replaces build/, cannot take the preview's pages, PDF or downloads away), and the engine's
preview (`mkdocs serve`) serves it and reloads the browser. A watchdog observer reacts to the saves of
the sources (principles.yaml, translations/*.po, content/**/*.md): only write, create and move events, so
the preview's own reads of the sources never trigger it; the events of one save are gathered (DEBOUNCE)
into one re-render, and each save gets one message. Only changed files are rewritten, so mkdocs rebuilds
once per save. A bad save is reported and the last good preview stays up; the watcher stays alive and the
next good save renders again. The files the build writes beside the pages (the PDF, citation downloads,
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

from . import engine
from .commands import published_sources, read_inputs, write_files
from .config import CONTENT_DIR, DEFAULT_LANGUAGE, LANGUAGE_CODES, ROOT, SOURCE_FILE, TRANSLATIONS_DIR
from .errors import PipelineError
from .permalinks import pdf_path, site_path
from .render import opendata
from .render.pdf import render_pdf

log = logging.getLogger("scripts")
DEBOUNCE = 0.1  # seconds without a new event before a save counts as done (an editor's save takes milliseconds)
SAVES = (FileModifiedEvent, FileCreatedEvent, FileMovedEvent, FileClosedEvent)  # closed: after writing


def render_preview(project: Path, edition_id, lang, downloads: bool = False) -> Path:
    """Render one (edition, language) project into `project`; return its mkdocs config path. `downloads`:
    also the files beside its pages, put into its docs/ folder, which mkdocs copies as they are."""
    inputs = read_inputs()
    edition_id = edition_id or inputs.site.latest.id
    files = engine.project_files(inputs.site, inputs.content, inputs.site_url, project / "site", only={(edition_id, lang)})
    if not files:
        raise PipelineError(f"--edition {edition_id}: unknown edition (known: {', '.join(e.id for e in inputs.site.editions)})")
    if downloads:
        files |= {f"{edition_id}/docs/{lang}/{path}": content for path, content in beside_pages(inputs, edition_id, lang).items()}
    engine.write_preview(project, files, functools.partial(write_files, durable=False))  # a temporary folder
    return project / engine.config_path(edition_id, lang)


def beside_pages(inputs, edition_id: str, lang: str) -> dict:
    """The build's non-page files of one edition and language, by path below that edition's root."""
    root = site_path(edition_id, lang, "")
    found = opendata.reuse_files(inputs.site, inputs.site_url, published_sources())
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
        self.stopped = True
        self.changed.set()


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
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop as on Ctrl-C: cleanly
    observer = Observer()
    try:
        config = render_preview(project, edition_id, lang, downloads=True)
        handler = Rerender(lambda: render_preview(project, edition_id, lang))
        for path in (ROOT, TRANSLATIONS_DIR, CONTENT_DIR):
            observer.schedule(handler, str(path), recursive=path == CONTENT_DIR)
        handler.start()
        observer.start()
        engine.serve(config, port)
    except KeyboardInterrupt:
        pass
    finally:
        if observer.is_alive():
            observer.stop()
            observer.join()
        shutil.rmtree(project, ignore_errors=True)
    log.info("preview stopped")
