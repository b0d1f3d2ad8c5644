"""The site engine behind one adapter: MkDocs with Material for MkDocs and mkdocs-static-i18n (used only
through their configuration and mkdocs' public hook API). Everything that knows about them is in this
package; switching engines is a change here and in the Markdown flavour of scripts/render/site.py.

    project_files(site, content, site_url, site_dir)  the generated projects: Markdown pages and one config
                                                      per edition and language (pure)
    build(configs, epoch)                             run the engine on those configs, one process per core
    serve(config, port)                               the engine's live preview of one config (in this process)
    trusted_scripts()                                 the inline scripts the theme writes, for the CSP

After `build`, scripts/finish.py finishes every HTML file of the site (dir, language links, CSP).
"""
import logging
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import material

from ..config import LANGUAGES, MKDOCS_FILE, ROOT
from ..errors import PipelineError
from ..permalinks import pdf_path, site_path
from ..render.site import render_pages
from .config import render_mkdocs_config
from .hooks import theme_scripts

OVERRIDES = ROOT / "overrides"
HOOKS = Path(__file__).with_name("hooks.py")


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


def run_share(configs: list, epoch: str) -> None:
    """mkdocs builds of `configs`, one after the other in one process (scripts/engine/run.py)."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch, PYTHONHASHSEED="0")
    try:
        subprocess.run([sys.executable, "-m", "scripts.engine.run", *map(str, configs)],
                       check=True, cwd=ROOT, env=env, capture_output=True, text=True)
    except subprocess.CalledProcessError as err:
        raise PipelineError(f"mkdocs failed:\n{err.stderr.strip()}") from None


def build(configs: list, epoch: str) -> None:
    """Every config built once, by as many processes as there are cores, the biggest builds first."""
    workers = min(os.cpu_count() or 2, len(configs)) or 1
    ordered = sorted(configs, key=lambda config: -sum(1 for _ in (config.parent / "docs").rglob("*.md")))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda share: run_share(share, epoch), [ordered[i::workers] for i in range(workers)]))


def serve(config: Path, port: int) -> None:
    """mkdocs' own live preview (rebuild and browser reload on change) of one generated config, in this
    process, until Ctrl-C (which mkdocs handles: it shuts down and returns)."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    for name, level in (("mkdocs", logging.WARNING), ("mkdocs.livereload", logging.INFO), ("jieba", logging.WARNING)):
        logging.getLogger(name).setLevel(level)  # what the preview says: serving, each rebuild, problems
    try:
        mkdocs_serve(config_file=str(config), livereload=True, dev_addr=f"127.0.0.1:{port}")
    except OSError as err:  # the port was taken after the preview checked it
        raise PipelineError(f"--port {port}: cannot serve the preview there ({err.strerror or err}): choose another port with --port") from None
    except MkDocsException as err:
        raise PipelineError(f"{config.name}: mkdocs: {err}") from None


@cache
def trusted_scripts() -> tuple:
    """Patterns of the inline scripts the theme's templates (Material's and ours) write."""
    return theme_scripts((str(Path(material.__file__).parent / "templates"), str(OVERRIDES)))
