"""The site engine behind one adapter: MkDocs with Material for MkDocs and mkdocs-static-i18n (used only
through their configuration and mkdocs' public hook API). Everything that knows about them is in this
package; switching engines is a change here and in the Markdown flavour of scripts/render/site.py.

    project_files(site, content, site_url, site_dir)  the generated projects: Markdown pages and one config
                                                      per edition and language (pure)
    build(configs, epoch, built, held)                run the engine on those configs as they come, one process
                                                      per core, saying when each is built
    write_preview(project_dir, files, write)          update a previewed project, for serve's next rebuild
    serve(config, port, trigger, project_lock)        the engine's live preview of one config (in this process),
                                                      rebuilt each time `trigger` changes
    trusted_scripts()                                 the inline scripts the theme writes, for the CSP

After `build`, scripts/finish.py finishes every HTML file of the site (dir, language links, CSP).
"""
import functools
import logging
import os
import queue
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import material

from ..config import LANGUAGES, MKDOCS_FILE, ROOT
from ..errors import PipelineError
from ..fileio import read_if_present, signals_deferred
from ..permalinks import pdf_path, site_path
from ..render.site import render_pages
from .config import render_mkdocs_config

OVERRIDES = ROOT / "overrides"
HOOKS = Path(__file__).with_name("hooks.py")
POLL = 0.02  # seconds between the preview server's looks at its trigger file (see serve)


def project_files(site, content: dict, site_url: str, site_dir: Path, only=None, pdfs=None) -> dict:
    """Generated-project path -> text: per edition, the Markdown of its languages and one mkdocs.yml per
    language, each building into its place below site_dir. only: {(edition id, lang)} to generate, else all;
    pdfs (site path -> bytes) gives the size every page shows next to its "Download PDF" link."""
    files = {}
    for edition in site.editions:
        for lang in LANGUAGES:
            if only and (edition.id, lang.code) not in only:
                continue
            size = len((pdfs or {}).get(pdf_path(edition.id, lang.code), b"")) or None
            for path, text in render_pages(site, edition, lang.code, content, site_url, size).items():
                files[f"{edition.id}/docs/{lang.code}/{path}"] = text
            paths = {"root_config": str(MKDOCS_FILE), "overrides": str(OVERRIDES), "hooks": str(HOOKS),
                     "site_dir": str((site_dir / site_path(edition.id, lang.code, "")).resolve())}
            files[config_path(edition.id, lang.code)] = render_mkdocs_config(site, edition, lang.code, paths, site_url)
    return files


def config_path(edition_id: str, lang: str) -> str:
    """Where project_files puts the config of one edition and language, relative to the projects' folder."""
    return f"{edition_id}/mkdocs.{lang}.yml"


def configs(project_dir: Path, files: dict) -> list:
    return [project_dir / path for path in files if path.endswith(".yml")]


def build(configs, epoch: str, built=None, held=()) -> None:
    """Build every config that `configs` (an iterable) yields, as soon as it yields it: one engine process
    per core (scripts/engine/run.py), each taking the next ready config when it is done with one. The
    iterable runs in this process meanwhile: the build renders the PDFs there while the engine processes
    build the projects already written (a third consumer of two cores rather than an idle core).
    built(config), if given, is called (in a thread of this process) as soon as a config is built. held: file
    descriptors the engine processes keep open (the build lock: see fileio.build_lock).
    If the iterable raises, or Ctrl-C, the processes are killed (their work is no longer wanted) and waited
    for, even through another Ctrl-C; then the error is raised."""
    ready, stopping, processes = queue.Queue(), threading.Event(), []
    workers = os.cpu_count() or 2
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        running = [pool.submit(run_worker, ready, epoch, built or (lambda config: None), held, stopping, processes)
                   for _ in range(workers)]
        try:  # from the first process on: Ctrl-C while they are being started must not leave one waiting forever
            for config in configs:
                ready.put(config)
        finally:
            for _ in range(workers):
                ready.put(None)  # one end mark per process (one too many is never read)
        for worker in running:
            worker.result()
    except BaseException:
        with signals_deferred():
            stop_workers(stopping, processes)
        raise
    finally:  # they write into the site being built until they end: only then may it be removed, the lock released
        with signals_deferred():
            pool.shutdown()


def stop_workers(stopping: threading.Event, processes: list) -> None:
    """Killed, not asked to stop: a SIGTERM sent to the build alone never reaches them, and one that hangs (or
    was stopped) would hold the build, and Ctrl-C, up for good. The build's folders are removed after."""
    stopping.set()  # a worker whose process starts after this line takes no config
    for process in list(processes):
        process.kill()


def run_worker(ready: queue.Queue, epoch: str, built, held: tuple, stopping: threading.Event, processes: list) -> None:
    """One engine process building the configs taken from `ready` until its end mark (None) or `stopping`;
    built(config) after each. The process is added to `processes`, for stop_workers."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch, PYTHONHASHSEED="0")
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:  # a file: a pipe could fill up and block
        process = subprocess.Popen([sys.executable, "-m", "scripts.engine.run"], cwd=ROOT, env=env, text=True,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, pass_fds=held)
        processes.append(process)
        try:
            while not stopping.is_set() and (config := ready.get()) is not None:
                process.stdin.write(f"{config}\n")
                process.stdin.flush()
                if not process.stdout.readline():  # it stopped: its message is in `errors`
                    break
                built(config)
        except BrokenPipeError:
            pass
        finally:
            try:
                process.stdin.close()
            except BrokenPipeError:
                pass
            status = process.wait()
        if status:
            errors.seek(0)
            raise PipelineError(f"mkdocs failed:\n{errors.read().strip()}")


def write_preview(project_dir: Path, files: dict, write) -> None:
    """Write a previewed project's files with `write(project_dir, files)` (which leaves files whose content
    is already that alone), so that the preview's next rebuild re-renders only the pages that changed.

    The preview rebuilds "dirty" (mkdocs serve --dirty): only the pages whose Markdown is newer than their
    HTML. Every page shows the navigation and the theme's texts, which are in the config: when the config
    changed, every page is marked changed, so no page keeps an old navigation."""
    config_changed = any(read_if_present(project_dir / path) != text.encode("utf-8")
                         for path, text in files.items() if path.endswith(".yml"))
    write(project_dir, files)
    if config_changed:
        for path in files:
            if path.endswith(".md"):
                os.utime(project_dir / path)


class DirtyBuildNotice(logging.Filter):
    """Drops mkdocs' warning that a dirty build may leave the navigation inaccurate: write_preview marks every
    page changed whenever the navigation can have changed."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def serve(config: Path, port: int, trigger: Path, project_lock) -> None:
    """The engine's live preview of one generated config, in this process, until Ctrl-C: mkdocs' live-reload
    server, which rebuilds (dirty: see write_preview) and reloads the browsers each time `trigger` changes
    (serve.py writes it once after each re-render, when all the project's files are in place).

    These are the steps of mkdocs' own `serve` command (mkdocs/commands/serve.py with build_type="dirty"),
    with the server made here for one reason: that command looks at the whole project every 0.5 s (a
    fixed polling interval), which was half of the time a save took to appear. This server looks at the
    one small trigger file every POLL seconds: no delay worth measuring, next to no work while idle.

    project_lock (a threading.Lock) is held while the engine rebuilds; the caller holds it while it writes
    the project. A dirty rebuild skips a page whose HTML is newer than its Markdown: a page the engine built
    from one save after the next save's Markdown was written would look up to date, and keep the older save."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    from mkdocs.livereload import LiveReloadServer

    for name, level in (("mkdocs", logging.WARNING), ("mkdocs.livereload", logging.INFO), ("jieba", logging.WARNING)):
        logging.getLogger(name).setLevel(level)  # what the preview says: serving, each rebuild, problems
    logging.getLogger("mkdocs.commands.build").addFilter(DirtyBuildNotice())
    with tempfile.TemporaryDirectory(prefix="vp-served-") as site_dir:
        try:
            first = load_config(config_file=str(config), site_dir=site_dir)
            mount = urlsplit(first.site_url or "/").path
            first.site_url = url = f"http://127.0.0.1:{port}{mount}"

            def rebuild(loaded=None):
                with project_lock:
                    if loaded is None:  # the config can have changed: read it again, as mkdocs serve does
                        loaded = load_config(config_file=str(config), site_dir=site_dir)
                        loaded.site_url = url
                    build(loaded, serve_url=url, dirty=True)

            first.plugins.on_startup(command="serve", dirty=True)
            try:
                server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=site_dir,
                                          mount_path=mount, polling_interval=POLL)
                server.build_delay = 0  # the trigger changes once per re-render: no burst of changes to wait out
                server.error_handler = functools.partial(error_page, Path(site_dir))
                rebuild(first)
                server.watch(str(trigger))
                server = first.plugins.on_serve(server, config=first, builder=rebuild)
                try:
                    server.serve()
                except KeyboardInterrupt:
                    pass
                finally:
                    server.shutdown()
            finally:
                first.plugins.on_shutdown()
        except OSError as err:  # the port was taken after the preview checked it
            raise PipelineError(f"--port {port}: cannot serve the preview there ({err.strerror or err}): "
                                "choose another port with --port") from None
        except MkDocsException as err:
            raise PipelineError(f"{config.name}: mkdocs: {err}") from None


def error_page(site_dir: Path, code: int):
    """What the preview serves for a missing page or an error, as mkdocs serve does: the site's own page."""
    return read_if_present(site_dir / f"{code}.html") if code in (404, 500) else None


@cache
def trusted_scripts() -> tuple:
    """Patterns of the inline scripts the theme's templates (Material's and ours) write."""
    from .hooks import theme_scripts  # here: the hooks import mkdocs' theme and Jinja, which `check` does not need

    return theme_scripts((str(Path(material.__file__).parent / "templates"), str(OVERRIDES)))
