"""Shared fixtures: the real model, one real build of the whole site (built once per test run, whichever
process of pytest-xdist needs it first), and Debian's Chromium serving it over HTTP for the browser tests."""
import fcntl
import os
import pickle
import shutil
import signal
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from scripts import commands
from scripts.config import ROOT
from scripts.sitewalk import BuiltSite
from tests.browsing import open_page, serve_folder

# The tests press Ctrl-C (SIGINT) as a terminal does to its foreground program. A suite started in the
# background by a shell without job control (`./vp test &` in a script, some CI runners) inherits SIGINT
# ignored, and so would every program it starts: they would ignore the tests' Ctrl-C. Python's own handler
# here instead, which programs started from here do not inherit (an exec resets it to the default).
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# Hypothesis keeps its caches in .hypothesis/ of the working folder; tests write only into temporary folders.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(Path(tempfile.gettempdir()) / f"vp-hypothesis-{ROOT.name}"))


def checkout_state() -> dict:
    """Every file and folder of the checkout but git's, the virtual environment's and bytecode caches."""
    skipped = {".git", ".venv", "__pycache__"}
    state = {}
    for folder, names, files in os.walk(ROOT):
        names[:] = [name for name in names if name not in skipped]
        for name in names + files:
            path = Path(folder) / name
            info = path.lstat()
            state[str(path.relative_to(ROOT))] = (info.st_size, info.st_mtime_ns) if path.is_file() else "folder"
    return state


# Files that build a site of their own (or release one): they run first. pytest-xdist gives a process the next
# file once it is done with one (./vp test: --dist loadfile), so a long file left for the end keeps one process
# busy while the other has nothing to do. The others follow, most tests first (xdist's own order, which
# ./vp test turns off with --no-loadscope-reorder so that this one holds).
LONG_FILES = ("test_nginx.py", "test_security.py", "test_preview.py", "test_new_edition.py", "test_concurrency.py",
              "test_print.py", "test_browser.py")


def pytest_collection_modifyitems(items):
    counts = {}
    for item in items:
        counts[item.path] = counts.get(item.path, 0) + 1
    long_first = {name: rank for rank, name in enumerate(LONG_FILES)}
    items.sort(key=lambda item: (long_first.get(item.path.name, len(LONG_FILES)), -counts[item.path], str(item.path)))


@pytest.fixture(scope="session", autouse=True)
def checkout_untouched():
    """Tests write only into temporary folders: after the session the checkout is as it was before."""
    before = checkout_state()
    yield
    after = checkout_state()
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert changed == [], f"the tests wrote into the checkout: {changed[:10]}"


@pytest.fixture(scope="session")
def inputs():
    return commands.read_inputs()


def made_once(tmp_path_factory, name: str, make) -> Path:
    """A folder `make(folder)` fills once per test run, for every process of the run: pytest-xdist's processes
    share the run's temporary folder (the parent of each one's own), so the first to ask makes it under a
    lock while the others wait, then all read it. Without xdist, the session's own temporary folder."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    run = tmp_path_factory.getbasetemp().parent
    folder, done = run / name, run / f"{name}.done"
    with open(run / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed, or its process ends
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a process that failed to make it left
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """Build the real site once into a temporary folder; tests only read it."""
    return made_once(tmp_path_factory, "build", lambda folder: commands.build(folder / "site")) / "site"


SCREENSHOT_FOLDERS = []


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory):
    """The run's folder for screenshots people look at (tests write only into temporary folders); its
    path is printed at the end of the run."""
    folder = tmp_path_factory.mktemp("screenshots")
    SCREENSHOT_FOLDERS.append(folder)
    return folder


def pytest_terminal_summary(terminalreporter):
    for folder in SCREENSHOT_FOLDERS:
        terminalreporter.write_line(f"screenshots written to {folder}")


@pytest.fixture(scope="session")
def site_walk(built_site, tmp_path_factory):
    """The built site parsed once per run (html5lib) for the link and HTML gates: the first process to ask
    parses every page, the others load its parse (a pickle of the trees: a quarter of the time of parsing)."""
    walk, parsed_here = BuiltSite(built_site, commands.read_site_url()), []

    def parse(folder):
        (folder / "pages.pickle").write_bytes(pickle.dumps(walk.pages, protocol=pickle.HIGHEST_PROTOCOL))
        parsed_here.append(True)

    folder = made_once(tmp_path_factory, "site-walk", parse)
    if not parsed_here:
        walk.pages = pickle.loads((folder / "pages.pickle").read_bytes())  # BuiltSite.pages: a cached property
    return walk


def copy_repository(destination):
    """A throw-away copy of the inputs, for tests that edit principles.yaml or translations."""
    for name in ("principles.yaml", "principles.schema.json", "mkdocs.yml", "permalinks.lock"):
        shutil.copy(ROOT / name, destination / name)
    for name in ("translations", "content"):
        shutil.copytree(ROOT / name, destination / name)
    return destination


@pytest.fixture
def repo_copy(tmp_path):
    return copy_repository(tmp_path)


# ---- browser ------------------------------------------------------------------------------------------

# Debian's Chromium in its headless shell (package chromium-headless-shell, the same Blink as `chromium`
# without the desktop browser's windows): what Playwright itself runs headless. The full browser opens a
# window with its own interface for every context (one per test): three times the CPU for the same pages.
CHROMIUM = shutil.which("chromium-headless-shell") or shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def server(built_site):
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    assert CHROMIUM, ("Debian's chromium is required: run ./vp test (installs it as root) or "
                      "apt-get install chromium chromium-headless-shell")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def build_fixture_copy(copy: Path) -> None:
    """A temporary copy whose principles.yaml has the fixture edition and its concordance, built into copy/site."""
    from scripts import importer
    from scripts.config import SOURCE_FILE
    from scripts.load import load_source
    from tests.fixture_editions import fixture_data

    shutil.copytree(ROOT / "translations", copy / "translations")
    (copy / "principles.yaml").write_text(importer.dump(fixture_data(load_source(SOURCE_FILE).data)), encoding="utf-8")
    commands.build(copy / "site", copy / "principles.yaml", copy / "translations")


@pytest.fixture(scope="session")
def fixture_server(tmp_path_factory):
    """The build of the copy with the fixture edition (build_fixture_copy), over HTTP."""
    with serve_folder(made_once(tmp_path_factory, "fixture-repo", build_fixture_copy) / "site") as url:
        yield url


@pytest.fixture
def page(browser, server):
    context, page = open_page(browser, server)
    yield page
    page.unroute_all(behavior="ignoreErrors")  # prefetches may still be in flight
    context.close()
