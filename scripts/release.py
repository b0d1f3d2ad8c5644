"""`./vp release`: the deployable tree, for the public address (README, "Publishing").

Refuses a placeholder site_url; runs `./vp check`; builds the site for that address; runs the link gate
over the result (every internal link and anchor, scripts/sitewalk.py); adds what servers read — the
`_redirects` and `_headers` files (Netlify, Cloudflare Pages) in the tree, an nginx `server` block beside
it (scripts/render/server.py) — and precompressed .gz and .br copies of its text files. Everything goes to
release.new/ first and replaces release/ only when all of it succeeded:

    release/site/         the tree to publish (GitHub Pages: upload this folder)
    release/nginx.conf    include it in nginx's http block (its `root` is release/site unless --nginx-root)
"""
import gzip
import logging
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

from . import commands, fileio, finish
from .config import MKDOCS_FILE, ROOT
from .errors import PipelineError
from .render import data, server
from .sitewalk import BuiltSite

log = logging.getLogger("scripts")

RELEASE_DIR = ROOT / "release"
COMPRESSED = ("html", "css", "js", "json", "xml", "txt", "yaml", "bib", "ris", "svg", "map")
MIN_COMPRESSED = 256  # bytes: smaller files gain nothing
BROTLI_QUALITY = 9  # measured on the site's text: 6x faster than 11 for 12 % larger files, still 10 % below gzip -9


def public_address(site_url=None) -> str:
    url = site_url or commands.read_site_url()
    if not url.endswith("/"):
        raise PipelineError(f"--site-url: {url} must end with '/'")
    if commands.is_placeholder(url):
        where = "--site-url" if site_url else f"{MKDOCS_FILE.name}:{site_url_line()}: site_url"
        raise PipelineError(f"{where}: {url} is a placeholder, not the site's public address: set site_url in "
                            f"{MKDOCS_FILE.name} (or pass --site-url https://…/) before releasing")
    return url


def site_url_line() -> int:
    lines = MKDOCS_FILE.read_text(encoding="utf-8").splitlines()
    return next((n for n, line in enumerate(lines, start=1) if line.startswith("site_url:")), 1)


def compressed_copies(tree: Path) -> dict:
    """tree-relative path -> bytes of the .gz and .br copy of every text file (deterministic: no mtime). Each
    distinct content is compressed once (the theme's assets are the same in every edition and language: half
    of the bytes), on every core (zlib and brotli let go of the GIL while they compress)."""
    texts = {}
    for path in sorted(tree.rglob("*")):
        if path.is_file() and path.suffix.lstrip(".") in COMPRESSED and path.stat().st_size >= MIN_COMPRESSED:
            texts[path.relative_to(tree).as_posix()] = path.read_bytes()
    distinct = list(dict.fromkeys(texts.values()))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        packed = dict(zip(distinct, pool.map(both_compressed, distinct), strict=True))
    return {rel + ext: data for rel, raw in texts.items() for ext, data in zip((".gz", ".br"), packed[raw], strict=True)}


def both_compressed(raw: bytes) -> tuple:
    return gzip.compress(raw, compresslevel=9, mtime=0), brotli.compress(raw, quality=BROTLI_QUALITY)


def release(site_url=None, output: Path = RELEASE_DIR, nginx_root=None, nginx_listen: str = "80") -> None:
    """One release of `output` at a time: a second one waits (the lock beside it), since it would otherwise
    remove the staging folder the first is building into (two releases at once: the first failed)."""
    url = public_address(site_url)
    commands.check()
    commands.make_parent(output)
    with fileio.build_lock(output.parent / f".{output.name}.lock", f"release into {output.name}/"):
        staged_release(url, output, nginx_root, nginx_listen)


def staged_release(url: str, output: Path, nginx_root, nginx_listen: str) -> None:
    """release(), under its lock: everything into release.new/, which then replaces release/."""
    # The previous release a killed one left aside (.release.old): the swap renames release/ there, and
    # failed on it ('Directory not empty') after the whole build, in every later release.
    commands.remove_leftovers(commands.build_folders(output), output)
    staging = output.parent / f"{output.name}.new"
    shutil.rmtree(staging, ignore_errors=True)
    tree = staging / "site"
    try:
        inputs = commands.build(tree, site_url=url)
        broken = BuiltSite(tree, url).broken_links()
        if broken:
            raise PipelineError([f"link gate: {problem}" for problem in broken])
        files = [path.relative_to(tree).as_posix() for path in tree.rglob("*") if path.is_file()]
        pages = [(tree / rel).read_text(encoding="utf-8") for rel in files if rel.endswith(".html")]
        policy = finish.content_security_policy(pages, commands.trusted_scripts())
        redirects = data.redirects(inputs.site)
        commands.write_files(tree, {"_redirects": server.render_redirects(url, redirects),
                                    "_headers": server.render_headers(url, policy, files)})
        commands.write_files(tree, compressed_copies(tree))
        files = [path.relative_to(tree).as_posix() for path in tree.rglob("*") if path.is_file()]
        root = str(Path(nginx_root or output / "site").resolve())
        commands.write_files(staging, {"nginx.conf": server.render_nginx(url, redirects, policy, files, root, nginx_listen)})
    except BaseException as err:
        with fileio.signals_deferred():  # a second Ctrl-C would leave it behind
            shutil.rmtree(staging, ignore_errors=True)
        if isinstance(err, commands.InterruptedInPlace):  # the site put in place was release.new/'s, now gone
            raise KeyboardInterrupt from None
        raise
    commands.put_in_place(staging, output)
    log.info("released %s for %s: %d files in %s, nginx configuration %s", output, url, len(files), output / "site",
             output / "nginx.conf")
