"""`./vp benchmark`: every goal of README.md ("Speed") measured, each as measured ÷ baseline where the goal is
a ratio (both measured in the same run, so a busy shared machine slows both), as a value where it is one.
Medians of RUNS runs (QUICK_RUNS with --quick, for development). Each measured command runs in a fresh
process; CPU is the process tree's (user + system, getrusage of the waited-for children).

    clean full build   `python -m scripts build` ÷ plain `mkdocs build` of the same generated projects, 2 at a time
    preview            one-word change, until the open page shows it: `./vp serve --lang en` after a save of
                       principles.yaml, `--lang fr` after a save of fr.po, each ÷ plain `mkdocs serve` of the
                       same project after the same change in its Markdown
    page weight        a principle page's first visit in Chromium, every language: everything it loads
                       (workers included), gzip as any static host sends text; then what a first search adds
    growth             synthetic sources, 42 -> 200 principles and 6 -> 24 languages: site bytes and CPU
                       ÷ the size ratio (1 = proportional)
    ./vp test          the whole suite once (full run only: it is minutes long)
    ./vp check         ÷ GNU msgfmt --check of the same catalogs
    PDFs               WeasyPrint's CPU on the site pages that show what the PDFs show ÷ ours, for the
                       measured edition's six PDFs, when WeasyPrint is installed; else skipped

Synthetic sources are written to a temporary folder only. Added principles copy the Valletta text under new
numbers and say "Synthetic" in their titles: never official text. Added languages are extra copies of the
six real ones, each rendered, built, finished and indexed into its own folder.
"""
import functools
import gzip
import http.server
import importlib.util
import io
import json
import logging
import os
import resource
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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import yaml

from . import commands, engine, finish, search
from .config import LANGUAGES, ROOT, SOURCE_FILE, TRANSLATIONS_DIR
from .errors import PipelineError
from .permalinks import site_path
from .render import data
from .render.pdf import pdf_path, render_pdf, web_pages

log = logging.getLogger("scripts")

RUNS, QUICK_RUNS, PREVIEW_EDITS, QUICK_EDITS = 3, 1, 5, 2
GOALS = {  # README.md, "Speed" (issue 16): (whether the ratio or the value is compared, how, the limit)
    "clean full build": ("ratio", "≤", 0.6), "preview, principles.yaml (en)": ("ratio", "≤", 0.5),
    "preview, fr.po (fr)": ("ratio", "≤", 0.5), "page weight": ("value", "≤", 70.0), "growth": ("ratio", "≤", 1.1),
    "./vp test": ("value", "≤", 90.0), "./vp check": ("value", "≤", 0.3), "PDFs vs WeasyPrint": ("ratio", "≥", 20.0),
}
def measured_edition(source: dict) -> dict:
    """The edition the benchmark measures and grows: the newest with text (principles.yaml lists newest first)."""
    return next(e for e in source["editions"] if e["principles"])


def principle_page() -> str:
    """A principle page in the middle of the measured edition (13 of Valletta's 42)."""
    edition = measured_edition(yaml.safe_load(SOURCE_FILE.read_text(encoding="utf-8")))
    return f"{edition['id']}/principles/{edition['principles'][len(edition['principles']) * 3 // 10]['number']}/"
EDITS = {  # language -> a phrase of principle 13, paragraph 1, as principles.yaml or the catalog has it
    "en": "bring terrorists to justice", "fr": "traduire les terroristes en justice"}
SERVE_EDIT = EDITS["en"]
COPY_IGNORED = shutil.ignore_patterns(".git", ".venv", "site", "build", ".site.*", "__pycache__", ".pytest_cache",
                                      ".hypothesis", "node_modules", "release")


@dataclass
class Row:
    """One goal: what was measured (value, unit), its baseline when the goal is a ratio, and a note."""

    goal: str
    what: str
    value: float
    unit: str
    baseline: float = None
    note: str = ""

    @property
    def compared(self) -> float:
        """What the goal limits: measured ÷ baseline, or the measured value."""
        return self.value / self.baseline if GOALS[self.goal][0] == "ratio" and self.baseline else self.value


# ---- measuring -------------------------------------------------------------------------------------------

def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(function, *args) -> tuple:
    """(wall seconds, CPU seconds of the processes it ran and waited for, its result)."""
    cpu, start = children_cpu(), time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, children_cpu() - cpu, result


def run_quietly(command: list, cwd: Path = ROOT) -> str:
    try:
        return subprocess.run([str(part) for part in command], cwd=cwd, check=True, capture_output=True, text=True).stdout
    except subprocess.CalledProcessError as err:
        raise PipelineError(f"benchmark: {' '.join(map(str, command[:4]))} failed:\n{(err.stderr or err.stdout).strip()[-2000:]}") from None


def step(*args) -> dict:
    """`python -m scripts.benchmark ARGS` in a fresh process: its JSON answer."""
    return json.loads(run_quietly([sys.executable, "-m", "scripts.benchmark", *args]).strip().splitlines()[-1])


def median_of(runs: int, function, *args) -> tuple:
    """(median wall, median CPU, last result) of `runs` runs."""
    results = [timed(function, *args) for _ in range(runs)]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results), results[-1][2]


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


# ---- the steps run in a fresh process -----------------------------------------------------------------

def step_projects(out: str) -> dict:
    """The generated projects of the real site (PDF sizes included) below out/projects, building into
    out/site: what plain mkdocs builds for the baseline."""
    inputs = commands.read_inputs()
    files = engine.project_files(inputs.site, inputs.content, inputs.site_url, Path(out) / "site",
                                 pdfs=commands.render_pdfs(inputs))
    commands.write_files(Path(out) / "projects", files)
    return {"configs": [str(config) for config in engine.configs(Path(out) / "projects", files)]}


def step_preview_project(out: str, lang: str) -> dict:
    """The project `./vp serve --lang LANG` serves, below out: what plain `mkdocs serve` serves."""
    from .serve import render_preview

    return {"config": str(render_preview(Path(out), None, lang, downloads=True))}


def step_pipeline(source: str, copies: str, out: str) -> dict:
    """The build's pipeline for `copies` copies of the six languages: PDFs, pages, engine, root files, the
    finishing pass and the search index, each copy in its own folder below `out`."""
    inputs = commands.read_inputs(Path(source), TRANSLATIONS_DIR)
    configs, outputs = [], []
    for copy in range(int(copies)):
        site_dir, build_dir = Path(out) / f"site-{copy}", Path(out) / f"build-{copy}"
        pdfs = {pdf_path(e.id, lang.code): render_pdf(inputs.site, e, lang.code, inputs.site_url, "benchmark")
                for e in inputs.site.editions if e.has_text for lang in LANGUAGES}
        files = engine.project_files(inputs.site, inputs.content, inputs.site_url, site_dir, pdfs=pdfs)
        commands.write_files(build_dir, files)
        configs += engine.configs(build_dir, files)
        outputs.append((site_dir, pdfs))
    engine.build(configs, commands.source_date_epoch(inputs.site))
    roots = [site_path(e.id, lang.code, "") for e in inputs.site.editions for lang in LANGUAGES]
    for site_dir, pdfs in outputs:
        commands.write_files(site_dir, data.root_files(inputs.site, inputs.site_url) | pdfs)
        finish.finish_site(site_dir, inputs.site_url, commands.trusted_scripts())
        search.index_site(site_dir, roots)
    return {"bytes": sum(folder_bytes(site_dir) for site_dir, _ in outputs)}


def measured_pdfs() -> tuple:
    """(inputs, the measured edition): the PDF row measures its PDFs, one per language, and nothing else."""
    inputs = commands.read_inputs()
    return inputs, inputs.site.edition(measured_edition(yaml.safe_load(SOURCE_FILE.read_text(encoding="utf-8")))["id"])


def step_weasyprint(site: str) -> dict:
    """CPU seconds of WeasyPrint making, for each language, one PDF of the built site's pages that show what
    our PDF of the measured edition shows (render/pdf.py web_pages: home, full text, summary, history), and
    the pages it made."""
    import weasyprint

    _, edition = measured_pdfs()
    pages = 0
    start = time.process_time()
    for lang in LANGUAGES:
        documents = [weasyprint.HTML(filename=str(Path(site) / site_path(edition.id, lang.code, page + "index.html"))).render()
                     for page in web_pages(edition)]
        merged = [page for document in documents for page in document.pages]
        documents[0].copy(merged).write_pdf()
        pages += len(merged)
    return {"cpu": time.process_time() - start, "pages": pages}


def step_pdfs() -> dict:
    """CPU seconds of making our PDFs of the measured edition (one per language), and their pages."""
    inputs, edition = measured_pdfs()
    version = commands.pdf_version()
    start = time.process_time()
    pdfs = [render_pdf(inputs.site, edition, lang.code, inputs.site_url, version) for lang in LANGUAGES]
    cpu = time.process_time() - start
    return {"cpu": cpu, "pages": sum(len(pypdf.PdfReader(io.BytesIO(pdf)).pages) for pdf in pdfs)}


STEPS = {"projects": step_projects, "preview-project": step_preview_project, "pipeline": step_pipeline,
         "weasyprint": step_weasyprint, "pdfs": step_pdfs}


def worker(argv: list) -> None:
    logging.basicConfig(level=logging.WARNING)
    print(json.dumps(STEPS[argv[0]](*argv[1:])))  # the parent reads this line


# ---- synthetic sources ---------------------------------------------------------------------------------

def synthetic_source(editions: int, principles: int) -> str:
    """principles.yaml grown to `editions` editions and `principles` principles in the newest edition with
    text (Valletta today). Added principles repeat its own under new numbers, added editions copy it under new
    ids; all say "Synthetic" in their titles. A newer edition, if any, lists the added principles as dropped."""
    source = yaml.safe_load(SOURCE_FILE.read_text(encoding="utf-8"))
    valletta = measured_edition(source)
    real = list(valletta["principles"])
    for number in range(len(real) + 1, principles + 1):
        model_principle = real[(number - 1) % len(real)]
        valletta["principles"].append({
            **model_principle, "id": f"p{number}", "number": number,
            # new, where the copied one derives from an earlier edition (a copy would be one more successor)
            **({"derives_from": {older: {"relation": "new"} for older in model_principle["derives_from"]}}
               if model_principle.get("derives_from") else {}),
            "title": f"Synthetic copy of principle {model_principle['number']}: {model_principle['title']}",
        })
    added = [p["id"] for p in valletta["principles"][len(real):]]
    for newer in source["editions"][:source["editions"].index(valletta)]:  # their concordance accounts for them
        if newer.get("dropped", {}).get(valletta["id"]) is not None:
            newer["dropped"][valletta["id"]] += added
    for n in range(1, editions - len(source["editions"]) + 1):
        year = 2020 - n  # older than every real edition: Valletta stays the newest
        source["editions"].append({
            **{key: value for key, value in valletta.items() if key != "dropped"},  # older: derives from nothing
            "principles": [{key: value for key, value in p.items() if key != "derives_from"} for p in valletta["principles"]],
            "id": f"synthetic-{n}", "name": f"Synthetic edition {n}",
            "title": f"Synthetic edition {n} (a copy of the Valletta Principles, for the benchmark)",
            "start": f"{year}-01-01", "end": f"{year}-01-02",
            "history": [{**event, "date": f"{year}-01-02"} for event in valletta["history"][:1]],
        })
    header = "# SYNTHETIC benchmark data (scripts/benchmark.py): not official text, never published.\n"
    unshared = json.loads(json.dumps(source))  # copies share lists; YAML would write them as aliases
    return header + yaml.safe_dump(unshared, allow_unicode=True, sort_keys=False, width=10**6)


def growth_rows(work: Path, runs: int) -> list:
    """Site bytes and CPU at the base size and the grown one, per dimension, each ÷ the size ratio."""
    points = {"principles": [(42, 1), (200, 1)], "languages": [(42, 6 // 6), (42, 24 // 6)]}  # (principles, copies)
    rows = []
    for dimension, sizes in points.items():
        measured = []
        for principles, copies in sizes:
            folder = Path(tempfile.mkdtemp(dir=work))
            source = folder / "principles.yaml"
            source.write_text(synthetic_source(2, principles), encoding="utf-8")
            results = []
            for _ in range(runs):
                shutil.rmtree(folder / "out", ignore_errors=True)
                results.append(timed(step, "pipeline", source, copies, folder / "out"))
            shutil.rmtree(folder)
            measured.append((principles * copies, statistics.median(r[1] for r in results),
                             statistics.median(r[2]["bytes"] for r in results)))
        (base, base_cpu, base_bytes), (size, cpu, size_bytes) = measured
        factor = size / base
        label = {"principles": f"{base} -> {size} principles", "languages": f"{6 * base // 42} -> {6 * size // 42} languages"}[dimension]
        rows.append(Row("growth", f"{label}: CPU", cpu / base_cpu, "x", factor,
                        f"CPU {base_cpu:.1f} -> {cpu:.1f} s for x{factor:.2f} the size"))
        rows.append(Row("growth", f"{label}: site bytes", size_bytes / base_bytes, "x", factor,
                        f"{base_bytes / 1e6:.1f} -> {size_bytes / 1e6:.1f} MB"))
    return rows


# ---- the preview -----------------------------------------------------------------------------------------

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


def edit_times(command: list, cwd: Path, url: str, edited: Path, phrase: str, edits: int) -> list:
    """Start a preview server, then for each edit: seconds from saving `edited` with a new word inside
    `phrase` until the page at `url` shows it. What the server says goes beside `edited`'s folder."""
    log_file = (edited.parent.parent / f"serve-{free_port()}.log").open("w")
    server = subprocess.Popen(command, cwd=cwd, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(lambda: phrase in fetch(url), timeout=180, every=0.2)
        original = edited.read_text(encoding="utf-8")
        first, last = phrase.rsplit(" ", 1)
        times = []
        for n in range(edits):
            token = f"benchmarkedit{n}"
            start = time.perf_counter()
            edited.write_text(original.replace(phrase, f"{first} {token} {last}", 1), encoding="utf-8")
            wait_for(functools.partial(lambda word: word in fetch(url), token), timeout=60)
            times.append(time.perf_counter() - start)
            time.sleep(1.5)  # let the preview settle before the next edit
        return times
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log_file.close()


def preview_row(work: Path, lang: str, edits: int) -> Row:
    """`./vp serve --lang LANG` after a save of its source (principles.yaml for English, the catalog
    otherwise) ÷ plain `mkdocs serve` of the same project after the same change in its Markdown."""
    repo = work / f"repo-{lang}"
    shutil.copytree(ROOT, repo, ignore=COPY_IGNORED)
    port = free_port()
    path = ("" if lang == "en" else f"{lang}/") + principle_page()
    source = repo / ("principles.yaml" if lang == "en" else f"translations/{lang}.po")
    ours = edit_times([sys.executable, "-m", "scripts", "serve", "--lang", lang, "--port", str(port)], repo,
                      f"http://127.0.0.1:{port}/{path}", source, EDITS[lang], edits)
    config = Path(step("preview-project", work / f"project-{lang}", lang)["config"])
    page = config.parent / "docs" / lang / "principles" / "13.md"
    port = free_port()
    plain = edit_times([sys.executable, "-m", "mkdocs", "serve", "-q", "-f", config, "-a", f"127.0.0.1:{port}"],
                       ROOT, f"http://127.0.0.1:{port}/{path}", page, EDITS[lang], edits)
    goal = f"preview, {source.name} ({lang})"
    return Row(goal, f"one word, `./vp serve --lang {lang}` ÷ `mkdocs serve`", statistics.median(ours), "s",
               statistics.median(plain), f"ours {'/'.join(f'{t:.2f}' for t in ours)} s; "
                                         f"mkdocs serve {'/'.join(f'{t:.2f}' for t in plain)} s")


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


def page_weight_rows(site_dir: Path) -> list:
    """A principle page's first visit in every language, and what a first search adds to it."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(CompressingHandler, directory=str(site_dir))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            for lang in LANGUAGES:
                url = base + ("" if lang.code == "en" else f"{lang.code}/") + principle_page()
                (wire, plain, count), (search_wire, search_count) = first_visit(browser, url)
                rows.append(Row("page weight", f"principle page, {lang.code}, gzip", wire, "KB", None,
                                f"{plain:.0f} KB uncompressed, {count} requests; a first search adds "
                                f"{search_wire:.0f} KB in {search_count} requests"))
            browser.close()
    finally:
        httpd.shutdown()
    return rows


def kilobytes(requests: list) -> float:
    """What the requests cost on the wire (headers and bodies as sent, so gzip-compressed), in KB."""
    return sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in requests) / 1000


def first_visit(browser, url: str) -> tuple:
    """((KB on the wire, KB uncompressed, requests) of the visit, (KB, requests) a first search adds).
    Counted over the browser context, so that workers' requests are in."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    visit = list(finished)
    plain = sum(len(r.response().body()) for r in visit if r.response()) / 1000
    query = page.locator("article h1").inner_text().split()[-1][:2 if "/zh/" in url else None]
    page.locator("[data-vp-search]").click()
    page.locator("pagefind-modal input").fill(query)
    page.wait_for_timeout(300)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    searched = finished[len(visit):]
    found = (kilobytes(visit), plain, len(visit)), (kilobytes(searched), len(searched))
    context.close()
    return found


# ---- checks, tests, PDFs --------------------------------------------------------------------------------

def check_row(runs: int) -> Row:
    """`python -m scripts check` (what `./vp check` runs) ÷ msgfmt --check on the same catalogs."""
    ours = [timed(run_quietly, [sys.executable, "-m", "scripts", "check"])[0] for _ in range(max(runs, 5))]
    catalogs = sorted(TRANSLATIONS_DIR.glob("*.po"))
    msgfmt = shutil.which("msgfmt")
    def each_catalog():
        for catalog in catalogs:
            run_quietly([msgfmt, "--check", "-o", os.devnull, catalog])

    plain = [timed(each_catalog)[0] for _ in range(5)] if msgfmt else []
    return Row("./vp check", "python -m scripts check", statistics.median(ours), "s",
               statistics.median(plain) if plain else None,
               f"msgfmt --check of the same {len(catalogs)} catalogs: {statistics.median(plain):.3f} s" if plain
               else "msgfmt not installed")


def test_row() -> Row:
    """The whole suite, once: `./vp test -q` (two pytest processes), in this checkout; the failed tests named."""
    started = time.perf_counter()
    done = subprocess.run([ROOT / "vp", "test", "-q"], cwd=ROOT,
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    lines = done.stdout.strip().splitlines() or ["no output"]
    failed = [line.split(" - ")[0] for line in lines if line.startswith(("FAILED", "ERROR"))]
    return Row("./vp test", "the whole suite, once", wall, "s", None, "; ".join([lines[-1].strip("= ")] + failed))


def pdf_row(site_dir: Path) -> Row:
    missing = weasyprint_missing()
    if missing:
        return Row("PDFs vs WeasyPrint", "CPU, same content", float("nan"), "x", None, missing)
    ours, theirs = step("pdfs"), step("weasyprint", site_dir)
    return Row("PDFs vs WeasyPrint", "WeasyPrint CPU ÷ ours (the same content, 6 languages)", theirs["cpu"], "s",
               ours["cpu"], f"Typst {ours['cpu']:.2f} s for {ours['pages']} pages, "
                            f"WeasyPrint {theirs['cpu']:.2f} s for {theirs['pages']} pages")


def weasyprint_missing() -> str:
    """Why WeasyPrint cannot run here, or "" (`./vp benchmark` installs it: requirements-benchmark.in)."""
    if importlib.util.find_spec("weasyprint") is None:
        return "WeasyPrint is not installed (the benchmark's optional extra: run ./vp benchmark, which installs it)"
    try:
        import weasyprint  # noqa: F401 (it loads the system's Pango)
    except OSError as err:
        return f"WeasyPrint cannot load the system's Pango ({err}): install libpango-1.0-0 and libpangoft2-1.0-0"
    return ""


# ---- the report ------------------------------------------------------------------------------------------

def verdict(row: Row) -> str:
    if row.compared != row.compared:  # NaN: skipped
        return "skipped"
    _, how, limit = GOALS[row.goal]
    ok = row.compared <= limit if how == "≤" else row.compared >= limit
    return "ok" if ok else "MISSED"


def report(rows: list, started: str, loads: tuple) -> None:
    log.info("")
    log.info("./vp benchmark, %s, %d cores; load average %.2f at the start, %.2f at the end", started,
             os.cpu_count() or 0, loads[0], loads[1])
    log.info("| what | measured | baseline | measured ÷ baseline | goal | |")
    log.info("|---|---|---|---|---|---|")
    for row in rows:
        applies, how, limit = GOALS[row.goal]
        value = "-" if row.value != row.value else f"{row.value:.3g} {row.unit}"
        baseline = f"{row.baseline:.3g} {row.unit}" if row.baseline else "-"
        ratio = f"{row.value / row.baseline:.2f}" if row.baseline else "-"
        log.info("| %s: %s | %s | %s | %s | %s %g%s | %s |", row.goal, row.what, value, baseline, ratio, how, limit,
                 " (ratio)" if applies == "ratio" else f" {row.unit}",
                 verdict(row) + (f" ({row.note})" if row.note else ""))


def benchmark(quick: bool = False, skip_tests: bool = False) -> None:
    """Measure every goal and log the table (see the module's docstring). quick: one run of each, two edits
    per preview, no test suite; skip_tests: everything but the test suite."""
    runs, edits = (QUICK_RUNS, QUICK_EDITS) if quick else (RUNS, PREVIEW_EDITS)
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    load_at_start = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="vp-benchmark-"))
    try:
        rows = [build_row(work, runs)]
        log.info("benchmark: page weight ...")
        rows += page_weight_rows(work / "full" / "site")
        for lang in EDITS:
            log.info("benchmark: preview (%s) ...", lang)
            rows.append(preview_row(work, lang, edits))
        log.info("benchmark: growth (synthetic sources) ...")
        rows += growth_rows(work, runs)
        log.info("benchmark: check ...")
        rows.append(check_row(runs))
        rows.append(pdf_row(work / "full" / "site"))
        if not (quick or skip_tests):
            log.info("benchmark: the test suite ...")
            rows.append(test_row())
        report(rows, started, (load_at_start, os.getloadavg()[0]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def build_row(work: Path, runs: int) -> Row:
    """A clean `python -m scripts build` ÷ plain `mkdocs build` of the same generated projects, 2 at a time,
    alternating, so that both see the same load."""
    configs = step("projects", work / "plain")["configs"]

    def plain():
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda config: run_quietly([sys.executable, "-m", "mkdocs", "build", "--clean", "--quiet",
                                                      "-f", config]), configs))

    def ours():
        run_quietly([sys.executable, "-m", "scripts", "build", "--site", work / "full" / "site"])

    ours_times, plain_times = [], []
    for n in range(runs):
        log.info("benchmark: clean full build, run %d of %d ...", n + 1, runs)
        for previous in (work / "full", work / "plain" / "site"):  # each starts from nothing, untimed: removing
            shutil.rmtree(previous, ignore_errors=True)             # thousands of files is slow on some disks
        os.sync()  # neither pays for the other's writes
        ours_times.append(timed(ours))
        os.sync()
        plain_times.append(timed(plain))
    wall, base = statistics.median(t[0] for t in ours_times), statistics.median(t[0] for t in plain_times)
    cpu, base_cpu = statistics.median(t[1] for t in ours_times), statistics.median(t[1] for t in plain_times)
    return Row("clean full build", "`./vp build` ÷ plain mkdocs, 2 processes", wall, "s", base,
               f"CPU {cpu:.1f} s vs {base_cpu:.1f} s; {len(configs)} projects; runs "
               + ", ".join(f"{a[0]:.1f}/{b[0]:.1f}" for a, b in zip(ours_times, plain_times, strict=True)))


if __name__ == "__main__":
    worker(sys.argv[1:])
