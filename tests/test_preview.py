"""`./vp serve`: the preview of a translator's language, run for real (`./vp serve --lang fr` on a copy of the
repository and a free port) and opened in Chromium: the open page follows a save of fr.po without a reload,
the idle server does (almost) nothing, bad saves are reported once each and never stop it, a `./vp build`
in the same checkout takes nothing away from it, and Ctrl-C stops it cleanly."""
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

import psutil
import pytest

from scripts import commands, finish
from scripts.benchmark import COPY_IGNORED, fetch, free_port
from scripts.config import ROOT
from scripts.permalinks import data_file, legacy_cite_file, pdf_path, principle_page, site_path
from tests import roles
from tests.browsing import open_page

SITE = commands.read_inputs().site
EDITION = roles.newest(SITE)  # what `./vp serve` previews without --edition
PRINCIPLE = roles.a_principle(EDITION)
PAGE = site_path(EDITION.id, "fr", principle_page(PRINCIPLE))
TITLE = PRINCIPLE.title.id  # its msgctxt in fr.po
HEADING = SITE.t("principle_n", "fr", number=PRINCIPLE.number)  # "Principe 13": on the page before any save
NEIGHBOUR = next(p for p in EDITION.principles if p.group == PRINCIPLE.group and p != PRINCIPLE  # in its navigation
                 and abs(p.number - PRINCIPLE.number) == 1)


class Preview:
    """`./vp serve --lang fr` in a copy of the repository (its .venv linked, not rebuilt)."""

    def __init__(self, repo, port):
        self.repo, self.port = repo, port
        self.log = repo / "serve.log"
        with self.log.open("w") as out:
            self.process = subprocess.Popen(["./vp", "serve", "--lang", "fr", "--port", str(port)], cwd=repo, stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)

    def url(self, path: str = PAGE) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_for_log(self, needle: str, count: int = 1, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while self.text().count(needle) < count:
            assert time.monotonic() < deadline and self.process.poll() is None, self.text()[-3000:]
            time.sleep(0.1)


def copy_checkout(destination):
    shutil.copytree(ROOT, destination, ignore=COPY_IGNORED)
    (destination / ".venv").symlink_to(ROOT / ".venv")
    return destination


def edit_msgstr(po, ctx: str, old: str, new: str) -> None:
    text = po.read_text(encoding="utf-8")
    start = text.index(f'msgctxt "{ctx}"')
    end = text.index("\n\n", start)
    assert old in text[start:end]
    po.write_text(text[:start] + text[start:end].replace(old, new, 1) + text[end:], encoding="utf-8")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    repo = copy_checkout(tmp_path_factory.mktemp("preview") / "repo")
    running = Preview(repo, free_port())
    deadline = time.monotonic() + 240
    while HEADING not in fetch(running.url()):
        assert time.monotonic() < deadline and running.process.poll() is None, running.text()[-3000:]
        time.sleep(0.5)
    yield running
    if running.process.poll() is None:
        os.killpg(running.process.pid, signal.SIGKILL)
        running.process.wait()


def test_the_idle_preview_uses_under_5_percent_of_a_core(preview):
    time.sleep(3)  # the first requests' work settles
    tree = [psutil.Process(preview.process.pid)] + psutil.Process(preview.process.pid).children(recursive=True)
    cpu = lambda: sum(sum(p.cpu_times()[:2]) for p in tree if p.is_running())
    before, start = cpu(), time.monotonic()
    time.sleep(10)
    share = (cpu() - before) / (time.monotonic() - start)
    print(f"idle preview: {share:.2%} of a core over 10 s")
    assert share < 0.05


def test_the_open_page_follows_a_save_of_the_catalog(preview, browser):
    context, page = open_page(browser, preview.url(""))
    try:
        violations = []
        page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
        page.goto(preview.url())
        heading = page.locator("h1")
        assert HEADING in heading.inner_text()
        page.wait_for_timeout(1000)  # the live-reload script is polling
        marker = "Titre modifié dans le test"
        start = time.monotonic()
        edit_msgstr(preview.repo / "translations" / "fr.po", TITLE, 'msgstr "', f'msgstr "{marker} ')
        # while the reloaded page loads, it may have no h1 yet
        page.wait_for_function("text => (document.querySelector('h1')?.innerText || '').includes(text)", arg=marker, timeout=30000)
        print(f"page updated {time.monotonic() - start:.1f} s after the save, without a reload")
        assert violations == [] and not [e for e in page.errors if "Content Security Policy" in e or "violat" in e.lower()]
        preview.wait_for_log("re-rendered after the change to translations/fr.po")
        assert preview.text().count("re-rendered after") == 1, "one re-render per save"
        # the title is in the navigation of its group's pages: one the save did not touch shows it too (the
        # preview rebuilds only changed pages, and a changed navigation changes them all), with one policy
        other = site_path(EDITION.id, "fr", principle_page(NEIGHBOUR))
        assert marker in fetch(preview.url(other)) and fetch(preview.url(other)).count("Content-Security-Policy") == 1
    finally:
        page.unroute_all(behavior="ignoreErrors")  # the live-reload long poll is still in flight
        context.close()


def test_bad_saves_are_reported_once_and_the_next_good_save_renders(preview):
    source = preview.repo / "principles.yaml"
    good = source.read_text(encoding="utf-8")
    errors = preview.text().count("preview not updated")
    source.write_text(re.sub(r"^  - id: ", "  - id: [", good, count=1, flags=re.MULTILINE), encoding="utf-8")  # a YAML syntax error
    preview.wait_for_log("preview not updated", errors + 1)
    time.sleep(3)
    assert preview.text().count("preview not updated") == errors + 1, "one message per save"
    history_date = re.compile(r'^(  - date: (["\']?)\d{4})-\d\d-\d\d\2', re.MULTILINE)  # an event's date
    source.write_text(history_date.sub(r'\1-02-30\2', good, count=1), encoding="utf-8")  # no such day
    preview.wait_for_log("preview not updated", errors + 2)
    renders = preview.text().count("re-rendered after")
    english = PRINCIPLE.paragraphs[0].unit.english  # a paragraph of the page, as principles.yaml writes it
    assert good.count(english) == 1, "the paragraph is on one line of principles.yaml"
    first, rest = english.split(" ", 1)
    source.write_text(good.replace(english, f"{first} goodsave {rest}"), encoding="utf-8")
    preview.wait_for_log("re-rendered after", renders + 1)
    deadline = time.monotonic() + 30
    while "goodsave" not in fetch(preview.url()):
        assert time.monotonic() < deadline, "the watcher survived the bad saves and the next good one shows"
        time.sleep(0.2)
    assert "goodsave" in fetch(preview.url(site_path(EDITION.id, "fr", "text/"))), "every page with the paragraph"
    assert "Traceback" not in preview.text()


def test_a_save_during_the_engines_rebuild_of_the_last_one_shows(preview):
    """A title (in the navigation of its group's pages) saved twice: the second save while the engine
    rebuilds the pages after the first. Every page ends up with the second save, none keeps the first: a
    page the engine built from the first save after the second had been written looked up to date to the
    next (dirty) rebuild, and kept the first save for good."""
    po = preview.repo / "translations" / "fr.po"
    pages = [site_path(EDITION.id, "fr", principle_page(p)) for p in EDITION.principles]
    for attempt, delay in enumerate((0.1, 0.3, 0.6)):  # seconds after the first save's re-render
        first, second = f"Premiere{attempt}", f"Seconde{attempt}"
        renders = preview.text().count("re-rendered after")
        edit_msgstr(po, TITLE, 'msgstr "', f'msgstr "{first} ')
        preview.wait_for_log("re-rendered after", renders + 1)
        time.sleep(delay)
        edit_msgstr(po, TITLE, f'msgstr "{first} ', f'msgstr "{second} ')
        preview.wait_for_log("re-rendered after", renders + 2)
        deadline = time.monotonic() + 30
        while second not in fetch(preview.url()):
            assert time.monotonic() < deadline, "the second save never showed"
            time.sleep(0.2)
        time.sleep(2)  # the engine's last rebuild is over
        assert [page for page in pages if first in fetch(preview.url(page))] == [], f"{delay} s after: pages left stale"
        edit_msgstr(po, TITLE, f'msgstr "{second} ', 'msgstr "')
        preview.wait_for_log("re-rendered after", renders + 3)
    assert "Traceback" not in preview.text()


def test_a_build_in_the_same_checkout_takes_nothing_from_the_preview(preview):
    subprocess.run([sys.executable, "-m", "scripts", "build"], cwd=preview.repo, check=True, capture_output=True)
    edition = EDITION.id
    for path in (pdf_path(edition, "fr"), site_path(edition, "fr", legacy_cite_file(PRINCIPLE.anchor, "bib")),
                 site_path(edition, "fr", data_file(edition, "fr", "json"))):
        with urllib.request.urlopen(preview.url(path), timeout=10) as response:
            assert response.status == 200 and response.read(), path


def test_ctrl_c_stops_the_preview_cleanly(preview):
    """Ctrl-C just after a save, while the preview re-renders it into its temporary project: the re-render
    ends first, then the project is removed (nothing is left of it, nothing writes into it after)."""
    project = next(line for line in preview.text().splitlines() if "Watching paths for changes" in line)
    folder = re.search(r"'(.*?/vp-preview-[^/']+)", project).group(1)  # serve.py's temporary project
    edit_msgstr(preview.repo / "translations" / "fr.po", TITLE, 'msgstr "', 'msgstr "Interrompu ')
    time.sleep(0.15)  # the save's events gathered (DEBOUNCE), its re-render under way
    os.killpg(preview.process.pid, signal.SIGINT)
    assert preview.process.wait(timeout=30) == 0
    assert "Traceback" not in preview.text() and "preview stopped" in preview.text()
    assert not os.path.exists(folder), "its temporary project is removed"


def test_unknown_language_and_port_in_use_have_their_own_messages(tmp_path):
    result = subprocess.run([sys.executable, "-m", "scripts", "serve", "--lang", "de"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "--lang de: unknown language (known: en, fr, es, ru, zh, ar)" in result.stderr
    with __import__("socket").socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "scripts", "serve", "--port", str(port)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and f"--port {port}: the port is in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_only_the_preview_relaxes_the_content_security_policy():
    html = '<html lang="fr"><head><meta charset="utf-8"><script>var x;</script></head><body></body></html>'
    policies = [finish.content_security_policy([html], (), preview) for preview in (False, True)]
    published, previewed = (finish.finish_page(html, "fr/x/", lambda path: True, "https://example.invalid/", policy)
                            for policy in policies)
    assert finish.PREVIEW_SCRIPTS not in published and "script-src 'self' 'wasm-unsafe-eval';" in published
    assert f"script-src 'self' 'wasm-unsafe-eval' {finish.PREVIEW_SCRIPTS};" in previewed


def test_no_published_page_has_the_preview_policy(built_site):
    assert not [path for path in built_site.rglob("*.html") if finish.PREVIEW_SCRIPTS in path.read_text(encoding="utf-8")]
