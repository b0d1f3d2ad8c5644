"""`./vp benchmark`: what a build costs, in time and memory, against the budgets of README.md ("Speed").

Each measured step runs in a fresh Python process (`python -m scripts.benchmark STEP ...`), so no import or
cache of one step helps another; the parent records its wall time and the peak memory of its whole process
tree (the mkdocs runs included), sampled with psutil. Steps:

    full build      the real site: every edition and language, PDFs, data files (commands.build)
    PDFs alone      every PDF of the real sources (commands.render_pdfs)
    one language    English only: pages, mkdocs runs and PDFs of every edition
    serve rebuild   `./vp serve --lang en` on a copy of the repository; from writing principles.yaml to
                    the changed text in the served page, polled over HTTP
    page weight     a principle page's first visit in Chromium (bytes on the wire, gzip as any host sends
                    text); and the page read with JavaScript off
    scale           synthetic sources growing in languages, editions and principles, to show the growth

Synthetic sources are written to a temporary folder only. Added editions and principles copy the Valletta
text under new ids and numbers and say "Synthetic" in their titles: never official text. Added languages
are extra copies of the six real ones, each rendered and built into its own folder, so that the per-language
cost is measured with the real pipeline functions and scripts/config.py stays as it is.
"""
import functools
import gzip
import http.server
import json
import logging
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psutil
import yaml

from . import commands, engine
from .config import LANGUAGES, ROOT, SOURCE_FILE, TRANSLATIONS_DIR
from .errors import PipelineError
from .render import data
from .render.pdf import pdf_path, render_pdf

log = logging.getLogger("scripts")

BUDGETS = {  # README.md, "Speed": on the 2-core reference machine
    "full build": ("s", 15.0), "serve rebuild": ("s", 2.0), "PDFs alone": ("s", 3.0), "page weight": ("KB", 150.0),
}
PRINCIPLE_PAGE = "valletta-2025/principles/13/"
WEIGHT_LANGUAGES = ("en", "ar", "zh")
SERVE_EDIT = "bring terrorists to justice"  # a phrase of principle 13, paragraph 1
COPY_IGNORED = shutil.ignore_patterns(".git", ".venv", "site", "build", ".site.*", "__pycache__", ".pytest_cache",
                                      ".hypothesis")


@dataclass
class Row:
    name: str
    size: str
    seconds: float
    peak_mb: float
    note: str = ""


# ---- measuring a process tree ---------------------------------------------------------------------------

def tree_rss(process: psutil.Process) -> int:
    total = 0
    for member in [process] + process.children(recursive=True):
        try:
            total += member.memory_info().rss
        except psutil.Error:  # a child that just ended
            pass
    return total


def measured(args: list, cwd: Path = ROOT) -> tuple:
    """Run `python -m scripts.benchmark ARGS` in a fresh process: (wall seconds, peak MB, its JSON output)."""
    start = time.perf_counter()
    process = psutil.Popen([sys.executable, "-m", "scripts.benchmark"] + [str(a) for a in args], cwd=cwd,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        try:
            peak = max(peak, tree_rss(process))
        except psutil.Error:
            pass
        time.sleep(0.02)
    wall = time.perf_counter() - start
    out, err = process.communicate()
    if process.returncode:
        raise PipelineError(f"benchmark step {' '.join(map(str, args))} failed:\n{err.strip()[-2000:]}")
    return wall, peak / 2**20, json.loads(out.strip().splitlines()[-1])


# ---- the steps run in a fresh process -----------------------------------------------------------------

def step_build(out: str) -> dict:
    commands.build(Path(out) / "site")
    return {}


def step_pdfs() -> dict:
    inputs = commands.read_inputs()
    start = time.perf_counter()
    pdfs = commands.render_pdfs(inputs)
    return {"seconds": time.perf_counter() - start, "count": len(pdfs)}


def step_pipeline(source: str, copies: str, languages: str, out: str) -> dict:
    """The build's pipeline for `copies` copies of `languages` (comma-separated codes): pages, mkdocs runs,
    PDFs and data files, every copy in its own folder below `out`."""
    inputs = commands.read_inputs(Path(source), TRANSLATIONS_DIR)
    codes = languages.split(",")
    only = {(edition.id, code) for edition in inputs.site.editions for code in codes}
    configs, outputs = [], []
    for copy in range(int(copies)):
        site_dir, build_dir = Path(out) / f"site-{copy}", Path(out) / f"build-{copy}"
        pdfs = {pdf_path(e.id, code): render_pdf(inputs.site, e, code, inputs.site_url, "benchmark")
                for e in inputs.site.editions if e.has_text for code in codes}
        files = engine.project_files(inputs.site, inputs.content, inputs.site_url, site_dir, only)
        commands.write_files(build_dir, files)
        configs += engine.configs(build_dir, files)
        outputs.append((site_dir, pdfs))
    engine.build(configs, commands.source_date_epoch(inputs.site))
    for site_dir, pdfs in outputs:
        commands.write_files(site_dir, data.root_files(inputs.site, inputs.site_url))
        commands.write_files(site_dir, pdfs)
    return {"mkdocs_runs": len(configs)}


STEPS = {"build": step_build, "pdfs": step_pdfs, "pipeline": step_pipeline}


def worker(argv: list) -> None:
    logging.basicConfig(level=logging.WARNING)
    print(json.dumps(STEPS[argv[0]](*argv[1:])))  # the parent reads this line


# ---- synthetic sources ---------------------------------------------------------------------------------

def synthetic_source(editions: int, principles: int) -> str:
    """principles.yaml grown to `editions` editions and `principles` principles in the Valletta edition.
    Added principles repeat Valletta's under new numbers, added editions copy Valletta under new ids; all
    say "Synthetic" in their titles."""
    source = yaml.safe_load(SOURCE_FILE.read_text(encoding="utf-8"))
    valletta = next(e for e in source["editions"] if e["id"] == "valletta-2025")
    real = list(valletta["principles"])
    for number in range(len(real) + 1, principles + 1):
        model_principle = real[(number - 1) % len(real)]
        valletta["principles"].append({
            **model_principle, "id": f"p{number}", "number": number,
            "title": f"Synthetic copy of principle {model_principle['number']}: {model_principle['title']}",
        })
    for n in range(1, editions - len(source["editions"]) + 1):
        year = 2020 - n  # older than every real edition: Valletta stays the newest
        source["editions"].append({
            **valletta, "id": f"synthetic-{n}", "name": f"Synthetic edition {n}",
            "title": f"Synthetic edition {n} (a copy of the Valletta Principles, for the benchmark)",
            "start": f"{year}-01-01", "end": f"{year}-01-02",
            "history": [{**event, "date": f"{year}-01-02"} for event in valletta["history"][:1]],
        })
    header = "# SYNTHETIC benchmark data (scripts/benchmark.py): not official text, never published.\n"
    unshared = json.loads(json.dumps(source))  # copies share lists; YAML would write them as aliases
    return header + yaml.safe_dump(unshared, allow_unicode=True, sort_keys=False, width=10**6)


NAV_START, NAV_OPEN, NAV_CLOSE = '<nav class="md-nav md-nav--primary"', "<nav", "</nav>"


def navigation_bytes(site_dir: Path) -> tuple:
    """(median, total) size in bytes of the site navigation (the sidebar, also the phone drawer) over the
    English principle pages of the newest edition: what every page pays for listing the principles."""
    sizes = []
    for page in (site_dir / "valletta-2025" / "principles").glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        start = end = html.index(NAV_START)
        depth = 0
        while True:  # to the </nav> that closes it (the navigation nests <nav> elements)
            opened, closed = html.find(NAV_OPEN, end + 1), html.find(NAV_CLOSE, end + 1)
            if opened != -1 and opened < closed:
                depth, end = depth + 1, opened
            elif depth:
                depth, end = depth - 1, closed
            else:
                break
        sizes.append(len(html[start:closed + len(NAV_CLOSE)].encode("utf-8")))
    return statistics.median(sizes), sum(sizes)


def scale_rows(work: Path) -> list:
    """(dimension, size, units, wall, peak, navigation bytes or None) for each synthetic size."""
    codes = ",".join(lang.code for lang in LANGUAGES)
    sizes = [("languages", f"{6 * copies} languages", 6 * copies, (2, 42, copies, codes)) for copies in (1, 2, 4)]
    # Bogotá has no text yet (3 small pages): the unit of cost is an edition with text.
    sizes += [("editions", f"{editions} ({editions - 1} with text)", editions - 1, (editions, 42, 1, codes))
              for editions in (2, 5)]
    sizes += [("principles", f"{count} principles", count, (2, count, 1, codes)) for count in (42, 100, 200)]
    rows = []
    for dimension, label, units, (editions, principles, copies, langs) in sizes:
        folder = Path(tempfile.mkdtemp(dir=work))
        source = folder / "principles.yaml"
        source.write_text(synthetic_source(editions, principles), encoding="utf-8")
        wall, peak, _ = measured(["pipeline", source, copies, langs, folder / "out"])
        nav = navigation_bytes(folder / "out" / "site-0") if dimension == "principles" else None
        rows.append((dimension, label, units, wall, peak, nav))
        shutil.rmtree(folder)
    return rows


# ---- serve -----------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, timeout: float, every: float = 0.02) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(every)
    raise PipelineError(f"benchmark: gave up after {timeout:.0f} s waiting for the preview")


def serve_rebuild(work: Path, edits: int = 3) -> list:
    """Seconds from writing principles.yaml to the served page showing the change, for each edit."""
    repo = work / "repo"
    shutil.copytree(ROOT, repo, ignore=COPY_IGNORED)
    port = free_port()
    url = f"http://127.0.0.1:{port}/{PRINCIPLE_PAGE}"
    log_file = (work / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "scripts", "serve", "--lang", "en", "--port", str(port)],
                              cwd=repo, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(lambda: SERVE_EDIT in fetch(url), timeout=180, every=0.2)
        original = (repo / "principles.yaml").read_text(encoding="utf-8")
        times = []
        for n in range(edits):
            token = f"benchmarkedit{n}"
            changed = original.replace(SERVE_EDIT, f"bring terrorists {token} to justice", 1)
            start = time.perf_counter()
            (repo / "principles.yaml").write_text(changed, encoding="utf-8")
            wait_for(lambda: token in fetch(url), timeout=60)
            times.append(time.perf_counter() - start)
            time.sleep(1.5)  # let the preview settle before the next edit
        return times
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log_file.close()


# ---- page weight -----------------------------------------------------------------------------------------

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder as a static host does: text gzip-compressed when the browser accepts it."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "") or not kind.startswith(COMPRESSED_TYPES):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the browser closing a connection early is no news


def page_weights(site_dir: Path) -> dict:
    """lang -> (KB transferred, KB uncompressed, requests, readable without JavaScript)."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(CompressingHandler, directory=str(site_dir))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    results = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            for lang in WEIGHT_LANGUAGES:
                url = base + ("" if lang == "en" else f"{lang}/") + PRINCIPLE_PAGE
                results[lang] = first_visit(browser, url) + (readable_without_javascript(browser, url),)
            browser.close()
    finally:
        httpd.shutdown()
    return results


def first_visit(browser, url: str) -> tuple:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    wire = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in finished)
    plain = sum(len(r.response().body()) for r in finished if r.response())
    context.close()
    return wire / 1000, plain / 1000, len(finished)


def readable_without_javascript(browser, url: str) -> bool:
    """Heading, every paragraph and the navigation visible, with the text in them, JavaScript off."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url)
    paragraphs = page.locator("article .vp-paragraph")
    ok = (page.locator("article h1").is_visible() and paragraphs.count() > 0
          and all(p.is_visible() and p.inner_text().strip() for p in paragraphs.all())
          and page.locator(".md-sidebar--primary a.md-nav__link--active").count() > 0)
    context.close()
    return ok


# ---- the report ------------------------------------------------------------------------------------------

def verdict(name: str, value: float) -> str:
    if name not in BUDGETS:
        return ""
    unit, limit = BUDGETS[name]
    return f"budget {limit:g} {unit}: {'ok' if value <= limit else 'OVER'}"


def report(rows: list, scale: list, weights: dict, serve_times: list) -> None:
    log.info("")
    log.info("%-16s %-28s %9s %9s  %s", "measurement", "size", "seconds", "peak MB", "")
    for row in rows:
        log.info("%-16s %-28s %9.2f %9.0f  %s", row.name, row.size, row.seconds, row.peak_mb, row.note)
    if serve_times:
        median = statistics.median(serve_times)
        log.info("%-16s %-28s %9.2f %9s  %s (edits: %s)", "serve rebuild", "one principle, English preview", median, "-",
                 verdict("serve rebuild", median), ", ".join(f"{t:.2f}" for t in serve_times))
    for lang, (wire, plain, requests, readable) in weights.items():
        log.info("%-16s %-28s %9s %9s  %.0f KB transferred (%.0f KB uncompressed, %d requests); %s; %s",
                 "page weight", f"principle page, {lang}", "-", "-", wire, plain, requests,
                 verdict("page weight", wire), "readable without JavaScript" if readable else "NOT readable without JavaScript")
    if scale:
        log.info("")
        log.info("%-12s %-18s %9s %9s %13s %13s", "scale", "size", "seconds", "peak MB", "s per unit", "x base (size)")
        bases = {}
        for dimension, label, units, wall, peak, _ in scale:
            base = bases.setdefault(dimension, (units, wall))
            log.info("%-12s %-18s %9.2f %9.0f %13.3f %6.2f (%.2f)", dimension, label, wall, peak, wall / units,
                     wall / base[1], units / base[0])
        log.info("Linear growth: 'x base' stays at or below the size ratio in brackets.")
        for _, label, _, _, _, nav in (row for row in scale if row[5]):
            log.info("%-12s %-18s %.1f KB on a principle page (median), %.0f KB over all English principle pages",
                     "navigation", label, nav[0] / 1000, nav[1] / 1000)


def benchmark(skip_scale: bool = False) -> None:
    """Measure every step and log the table (see the module's docstring)."""
    work = Path(tempfile.mkdtemp(prefix="vp-benchmark-"))
    try:
        log.info("benchmark: full clean build ...")
        wall, peak, _ = measured(["build", work / "full"])
        rows = [Row("full build", "6 languages x 2 editions + PDFs", wall, peak, verdict("full build", wall))]
        log.info("benchmark: PDFs alone ...")
        wall, peak, out = measured(["pdfs"])
        rows.append(Row("PDFs alone", f"{out['count']} PDFs", out["seconds"], peak,
                        f"{verdict('PDFs alone', out['seconds'])} (process with start-up and reading: {wall:.2f} s)"))
        log.info("benchmark: one language ...")
        wall, peak, _ = measured(["pipeline", SOURCE_FILE, 1, "en", work / "one"])
        rows.append(Row("one language", "English, 2 editions + PDF", wall, peak))
        log.info("benchmark: page weight ...")
        weights = page_weights(work / "full" / "site")
        log.info("benchmark: serve rebuild ...")
        serve_times = serve_rebuild(work)
        scale = []
        if not skip_scale:
            log.info("benchmark: scale (synthetic sources) ...")
            scale = scale_rows(work)
        report(rows, scale, weights, serve_times)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    worker(sys.argv[1:])
