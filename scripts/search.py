"""Search: one Pagefind index per edition and language, made over the HTML of the site, whichever engine made
it. The build indexes each folder as soon as the engine has built it (commands.build), while the engine
builds the others: the finishing pass that comes after (scripts/finish.py: CSP, `dir`, language links)
changes nothing Pagefind reads, and tests/test_search.py checks that Pagefind over the finished pages
gives the very bundle the build published.

Pagefind (PyPI `pagefind` with its extended binary inside the `pagefind-bin-extended` wheel) stems French,
Spanish, Russian and Arabic words, segments Chinese, ignores accents a reader leaves out, and loads nothing
in the browser until a search starts. Each build root (`fr/valletta-2025/`) gets its own bundle in
`<root>/pagefind/`, so results are always of the edition and the language being read.

Indexed: the element marked `data-pagefind-body` (the article of every page that is not excluded from
search, overrides/main.html); 404 and redirect pages have none. Left out of the text and so of the excerpts:
the translation banner and notes, a principle's group line, the citation box, the PDF link, the links to
other views.
Same site, same bytes, on any filesystem: Pagefind gets the pages in sorted order (pagefind_service) and names
its files by their content (tests/test_build.py, tests/test_search.py).
"""
import base64
import json
import os
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path

from pagefind_bin_extended import get_executable

from .errors import PipelineError
from .fileio import write_files

BUNDLE = "pagefind"  # the bundle's folder below each build root (overrides/assets/vp.js loads it)
NOT_INDEXED = (".vp-status", ".vp-fallback-note", ".vp-group", ".vp-cite", ".vp-download", ".vp-side-link")
# Pagefind indexes a folder in well under a second; one that has not answered after this long is stopped.
INDEX_TIMEOUT = 300  # seconds
# How often a wait for Pagefind looks whether the build stopped wanting it (index_root's `stop`).
STOP_CHECK = 0.05  # seconds
# What Pagefind writes that the site does not use (its older UIs): left out of the published site.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-highlight.js")


def index_root(root: Path, held: tuple = (), stop: threading.Event | None = None) -> None:
    """The search bundle of one build root, written into root/pagefind/ (a folder being built: see
    fileio.write_files, scratch); held: file descriptors Pagefind keeps open (the build lock). Once `stop` is
    set (the build failed or was interrupted), Pagefind is stopped and PipelineError raised."""
    name = f"{root.parent.name}/{root.name}/{BUNDLE}"  # 'ru/valletta-2025/pagefind'
    pages = sorted(root.rglob("*.html"), key=lambda path: path.relative_to(root).as_posix())
    requests = [{"type": "NewIndex", "config": {"exclude_selectors": list(NOT_INDEXED)}}]
    requests += [{"type": "AddFile", "index_id": 0, "url": page_url(root, page), "file_contents": page.read_text(encoding="utf-8")}
                 for page in pages]
    requests.append({"type": "GetFiles", "index_id": 0})
    answers = pagefind_service(requests, held, name, stop)
    failed = [answer["message"] for answer in answers if answer["type"] == "Error"]
    if failed:
        raise PipelineError(f"{name}/: pagefind failed: {failed[0]}")
    write_files(root / BUNDLE, {file["path"]: base64.b64decode(file["content"]) for file in answers[-1]["files"]
                                if file["path"] not in UNUSED}, label=name, scratch=True)


def page_url(root: Path, page: Path) -> str:
    """The page's address below its build root, as Pagefind's own command makes it ('/principles/13/')."""
    path = page.relative_to(root).as_posix()
    return "/" + (path.removesuffix("index.html") if page.name == "index.html" else path)


def pagefind_service(requests: list, held: tuple, name: str, stop: threading.Event | None = None) -> list:
    """The answers of `pagefind --service` to `requests`, in order: one base64 JSON message each, ended by a
    comma, both ways. Why the service and not Pagefind's own command: that indexes the pages in the order
    the filesystem lists them, and its index depends on that order (the same pages on tmpfs or another ext4
    disk gave other files); through the service they come in the order given, sorted. And the bundle comes
    back as data for write_files: the service quits the moment its input ends, which can cut short the
    files it is still writing itself (an empty pagefind-entry.json), and its own writing did not report a
    full disk. The service answers the requests one by one. Hand-written rather than Pagefind's Python
    wrapper (pagefind.index), which reads an answer only every 0.1 s: 5.6 s for a folder this indexes in
    0.2 s."""
    with tempfile.TemporaryFile() as errors:  # a file: a pipe could fill up and block
        service = subprocess.Popen([str(get_executable()), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=errors, pass_fds=held)
        answers, done = [], threading.Event()

        def read():
            received = b""
            try:
                while len(answers) < len(requests) and (chunk := service.stdout.read1(1 << 16)):
                    *complete, received = (received + chunk).split(b",")
                    answers.extend(json.loads(base64.b64decode(text))["payload"] for text in complete)
            finally:  # at the last answer, at the end of its output, or on output that is not an answer
                done.set()

        def write():
            try:
                for number, request in enumerate(requests):
                    text = json.dumps({"message_id": number, "payload": request}, ensure_ascii=False)
                    service.stdin.write(base64.b64encode(text.encode("utf-8")) + b",")
                service.stdin.flush()
            except (BrokenPipeError, ValueError):  # it stopped, or was stopped: what it said is read below
                pass

        for work in (read, write):
            threading.Thread(target=work, daemon=True).start()
        finished = answered(done, stop)
        if finished and len(answers) == len(requests):
            with suppress(BrokenPipeError):
                service.stdin.close()  # every answer is in: it quits
        else:
            service.kill()
        service.wait()
        if not finished and stop is not None and stop.is_set():
            raise PipelineError(f"{name}/: Pagefind was stopped: the build no longer needs it")
        if not finished:
            raise PipelineError(f"{name}/: Pagefind did not finish the search index in {INDEX_TIMEOUT} s and was stopped")
        if len(answers) < len(requests):
            errors.seek(0)
            output = errors.read().decode("utf-8", "replace").strip()
            raise PipelineError(f"{name}/: pagefind failed: {output[:500] or 'it stopped'}")
        return answers


def answered(done: threading.Event, stop: threading.Event | None) -> bool:
    """Whether `done` is set within INDEX_TIMEOUT; False as soon as `stop` is. A build interrupted by a
    signal that reached it alone (`kill PID`), not Pagefind, waits for the index under way: without `stop`, a
    Pagefind that hangs would hold it for INDEX_TIMEOUT."""
    deadline = time.monotonic() + INDEX_TIMEOUT
    while not done.wait(STOP_CHECK):
        if (stop is not None and stop.is_set()) or time.monotonic() >= deadline:
            return False
    return True


def index_site(site_dir: Path, roots: list) -> None:
    """A search bundle for each build root (site paths such as 'fr/valletta-2025/'), one process per core."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(index_root, [site_dir / root for root in roots]))
