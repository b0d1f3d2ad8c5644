"""`python -m scripts serve`: live preview of one edition in one language.

We render the edition's Markdown into build/ and let the engine's preview (`mkdocs serve`) do the serving
and browser reload;
a watchdog observer re-renders when principles.yaml, a translation or a page in content/ changes. Only
changed files are rewritten, so mkdocs rebuilds once per edit. Errors are logged and the last good
preview stays up. The files the build writes beside the pages (the PDF, citation downloads, open data) are
made once, when the preview starts, so that its links to them work (re-making them on every edit would
cost more than the edit's own rebuild).
"""
import logging

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from . import engine
from .commands import published_sources, read_inputs, write_files
from .config import BUILD_DIR, CONTENT_DIR, DEFAULT_LANGUAGE, ROOT, SOURCE_FILE, TRANSLATIONS_DIR
from .errors import PipelineError
from .permalinks import pdf_path, site_path
from .render import opendata
from .render.pdf import render_pdf

log = logging.getLogger("scripts")


def render_preview(edition_id, lang, downloads: bool = False) -> str:
    """Render one (edition, language) project into build/; return its mkdocs config path. `downloads`:
    also the files beside its pages, put into its docs/ folder, which mkdocs copies as they are."""
    inputs = read_inputs()
    edition_id = edition_id or inputs.site.latest.id
    files = engine.project_files(inputs.site, inputs.content, inputs.site_url, BUILD_DIR / "preview-site", only={(edition_id, lang)})
    if not files:
        raise PipelineError(f"unknown edition {edition_id!r} (known: {', '.join(e.id for e in inputs.site.editions)})")
    if downloads:
        files |= {f"{edition_id}/docs/{lang}/{path}": content for path, content in beside_pages(inputs, edition_id, lang).items()}
    write_files(BUILD_DIR, files)
    return BUILD_DIR / engine.config_path(edition_id, lang)


def beside_pages(inputs, edition_id: str, lang: str) -> dict:
    """The build's non-page files of one edition and language, by path below that edition's root."""
    root = site_path(edition_id, lang, "")
    found = opendata.reuse_files(inputs.site, inputs.site_url, published_sources())
    edition = inputs.site.edition(edition_id)
    if edition.has_text:
        found[pdf_path(edition_id, lang)] = render_pdf(inputs.site, edition, lang, inputs.site_url, "preview")
    return {path[len(root):]: content for path, content in found.items() if path.startswith(root)}


class Rerender(FileSystemEventHandler):
    def __init__(self, edition_id, lang):
        self.edition_id, self.lang = edition_id, lang

    def on_any_event(self, event):
        watched = (SOURCE_FILE, TRANSLATIONS_DIR, CONTENT_DIR)
        if event.is_directory or not any(str(event.src_path).startswith(str(path)) for path in watched):
            return
        try:
            render_preview(self.edition_id, self.lang)
            log.info("re-rendered after change to %s", event.src_path)
        except PipelineError as err:
            for problem in err.problems:
                log.error("%s", problem)


def serve(edition_id=None, lang=None, port=8000):
    lang = lang or DEFAULT_LANGUAGE.code
    config = render_preview(edition_id, lang, downloads=True)
    observer = Observer()
    handler = Rerender(edition_id, lang)
    for path in (ROOT, TRANSLATIONS_DIR, CONTENT_DIR):
        observer.schedule(handler, str(path), recursive=path != ROOT)
    observer.start()
    try:
        engine.serve(config, port)
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        observer.join()
