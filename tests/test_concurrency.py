"""One build at a time: two builds of the same site folder started together, a build killed halfway, and
what each leaves: site/ is always exactly the previous site or exactly a complete new one, never a mix,
and a build into a temporary folder writes nothing into the repository."""
import hashlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from scripts import commands, fileio, importer
from scripts.config import ROOT, SOURCE_FILE
from scripts.errors import PipelineError
from scripts.load import load_source
from tests import official
from tests.conftest import checkout_state, copy_repository
from tests.official import SOURCE_000, official_id

OLD_SITE = {"index.html": "the previous site", "valletta-2025/index.html": "its home page"}
WAITING = "another build of site/ is running in this checkout: waiting for it to finish (lock: .site.lock)"


def digests(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def old_site(site: Path) -> dict:
    for name, text in OLD_SITE.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return digests(site)


def start_build(site: Path, *sources) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "scripts", "build", "--site", str(site), *map(str, sources)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def wait_for(condition, timeout: float = 240):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_killed_build_then_two_builds_at_once(tmp_path, built_site):
    """A build killed while mkdocs writes leaves site/ as it was (and its staging folder behind); then two
    builds start together: one waits for the other, both succeed, the leftovers are gone, and site/ is
    exactly the complete new site (the reference build of the same sources, file by file)."""
    site = tmp_path / "site"
    site.mkdir()
    old = old_site(site)
    checkout = checkout_state()

    killed = start_build(site)
    try:
        wait_for(lambda: (tmp_path / ".site.new").exists() or killed.poll() is not None)
        assert killed.poll() is None, killed.communicate()
    finally:
        os.killpg(killed.pid, signal.SIGKILL)
        killed.communicate()
    assert digests(site) == old
    assert (tmp_path / ".site.new").exists()  # what a killed build leaves; the next build removes it

    builds = [start_build(site), start_build(site)]
    results = [build.communicate(timeout=600) for build in builds]
    for build, (_, stderr) in zip(builds, results, strict=True):
        assert build.returncode == 0 and "Traceback" not in stderr, stderr
    assert sum(WAITING in stderr.splitlines() for _, stderr in results) == 1  # they really ran at the same time
    assert digests(site) == digests(built_site)  # exactly the new site: every file, every byte
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging, projects, previous site or lock
    assert checkout_state() == checkout  # nothing written into the checkout


STALE = "Stale-sources-marker"


def test_a_build_killed_alone_is_waited_for_and_leaves_nothing_in_the_next(tmp_path, built_site):
    """`kill -9` of the build's own process alone (the OOM killer, `kill -9 PID`), while the engine builds:
    its engine processes outlive it for a moment, still writing into its staging folder. The next build,
    started at once, waits for them (one build at a time) and then makes exactly the clean build's site:
    nothing of the killed build's sources (every edition renamed there) reaches it, and no `cannot remove`
    of a folder they were still filling stops it."""
    repo = copy_repository(tmp_path)
    stale = load_source(SOURCE_FILE).data
    for edition in stale["editions"]:
        edition["name"] = f"{edition['name']} {STALE}"  # on every page of the site
    (tmp_path / "stale.yaml").write_text(importer.dump(stale), encoding="utf-8")
    site = tmp_path / "out" / "site"
    translations = ["--translations", repo / "translations"]

    killed = start_build(site, "--source", tmp_path / "stale.yaml", *translations)
    engines = []
    try:
        wait_for(lambda: any((site.parent / ".site.new").glob("*/*.html")) or killed.poll() is not None)
        engines = psutil.Process(killed.pid).children()
        for engine in engines:  # held until the next build waits for them: on a busy machine they could
            engine.suspend()    # otherwise end before it starts, and there would be nothing to wait for
        os.kill(killed.pid, signal.SIGKILL)  # the build's process alone
        killed.communicate()
        assert [engine for engine in engines if engine.is_running()], "no engine process outlived the build"
        with (tmp_path / "next.log").open("w+") as log:
            following = subprocess.Popen([sys.executable, "-m", "scripts", "build", "--site", str(site), "--source",
                                          str(repo / "principles.yaml"), *map(str, translations)], cwd=ROOT,
                                         stdout=subprocess.DEVNULL, stderr=log, text=True, start_new_session=True)
            wait_for(lambda: WAITING in (tmp_path / "next.log").read_text() or following.poll() is not None)
            for engine in engines:
                engine.resume()  # they go on writing into the killed build's staging folder, then end
            following.wait(timeout=600)
            log.seek(0)
            stderr = log.read()
    finally:
        for engine in engines:
            if engine.is_running():
                engine.kill()
    assert WAITING in stderr.splitlines() and "Traceback" not in stderr, stderr
    assert stderr.splitlines()[-1].startswith("built "), stderr
    assert digests(site) == digests(built_site)
    assert not [p for p in site.rglob("*") if p.is_file() and STALE.encode() in p.read_bytes()]
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


# ---- the lock itself --------------------------------------------------------------------------------------

def test_a_second_holder_of_the_lock_waits_and_says_so(tmp_path, caplog):
    lock = tmp_path / ".site.lock"
    events, first_in = [], threading.Event()

    def first():
        with fileio.build_lock(lock, "build of site/"):
            events.append("first in")
            first_in.set()
            time.sleep(0.5)
            events.append("first out")

    def second():
        first_in.wait()
        with fileio.build_lock(lock, "build of site/"):
            events.append("second in")

    with caplog.at_level(logging.INFO, logger="scripts"):
        threads = [threading.Thread(target=first), threading.Thread(target=second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert events == ["first in", "first out", "second in"]
    assert [r.getMessage() for r in caplog.records] == [
        "another build of site/ is running in this checkout: waiting for it to finish (lock: .site.lock)"]
    assert not lock.exists()  # removed by its last holder


def test_leftovers_of_a_killed_build_are_removed_without_following_links(tmp_path):
    """What a killed build leaves is removed by the next build, even one that then fails; a symbolic link
    in its place (or inside it) is removed, never followed."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not the build's", encoding="utf-8")
    (tmp_path / ".site.new").symlink_to(elsewhere, target_is_directory=True)
    (tmp_path / ".site.build" / "an-edition").mkdir(parents=True)
    (tmp_path / ".site.build" / "an-edition" / "link").symlink_to(elsewhere, target_is_directory=True)
    bad = tmp_path / "principles.yaml"
    bad.write_text("editions: []\n", encoding="utf-8")
    with pytest.raises(PipelineError):
        commands.build(tmp_path / "site", bad)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "principles.yaml"]
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "not the build's"


# ---- releases ---------------------------------------------------------------------------------------------

def test_a_second_release_waits_and_leaves_the_first_ones_staging_alone(tmp_path):
    """Two `./vp release` of the same folder at once: the second used to remove release.new/ while the
    first was building into it (the first then failed). Here the first is this test, holding the release's
    lock with its staging folder in use: the second says it waits, and removes nothing."""
    output = tmp_path / "release"
    in_use = tmp_path / "release.new" / "site" / "index.html"
    in_use.parent.mkdir(parents=True)
    in_use.write_text("the first release's, being written", encoding="utf-8")
    log = tmp_path / "second.log"
    with fileio.build_lock(tmp_path / ".release.lock", "release into release/"), log.open("w") as err:
        second = subprocess.Popen([sys.executable, "-m", "scripts", "release", "--output", str(output),
                                   "--site-url", "https://principles.un.org/"], cwd=ROOT, stdout=err, stderr=err,
                                  start_new_session=True)
        try:
            wait_for(lambda: "waiting" in log.read_text() or not in_use.exists() or second.poll() is not None, 60)
            time.sleep(0.5)  # a moment more, in which it must not touch release.new/ either
            assert in_use.exists(), log.read_text()
            assert "another release into release/ is running" in log.read_text()
        finally:
            os.killpg(second.pid, signal.SIGKILL)
            second.wait()


# ---- a translator's save while update-catalogs runs ----------------------------------------------------------

def save_as_an_editor_does(path: Path, text: str) -> None:
    """Poedit's and most editors' save: a new file beside it, renamed over it."""
    saved = path.with_name(f"{path.name}~")
    saved.write_text(text, encoding="utf-8")
    os.replace(saved, path)


def stopped_at_first_temporary(command: subprocess.Popen, folder: Path):
    """Stop `command` (SIGSTOP) as soon as a temporary file of its appears in `folder`: the names of its
    temporary files then (those it has not renamed yet), or None if it ended first."""
    while command.poll() is None:
        if any(entry.endswith(".tmp") for entry in os.listdir(folder)):
            os.kill(command.pid, signal.SIGSTOP)
            return [entry for entry in os.listdir(folder) if entry.endswith(".tmp")]
    return None  # no sleep in this loop: the temporary files exist for a few milliseconds


def resumed(command: subprocess.Popen) -> str:
    """The stderr of a command stopped_at_first_temporary, once resumed and ended."""
    if command.returncode is None:  # stopped, not ended
        os.kill(command.pid, signal.SIGCONT)
    return command.communicate(timeout=60)[1]


def run_with_a_save_meanwhile(arguments: list, folder: Path, prepare, ready, save) -> tuple:
    """`./vp ARGUMENTS` stopped at its first temporary file in `folder`, save() while it is stopped if
    ready(the names of its temporary files then), then resumed: (its exit code, its stderr). Tried up to
    five times (prepare() before each), until it was stopped in time."""
    for _ in range(5):
        prepare()
        command = subprocess.Popen([sys.executable, "-m", "scripts", *map(str, arguments)], cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        temporaries = stopped_at_first_temporary(command, folder)
        in_time = temporaries is not None and ready(temporaries)
        if in_time:
            save()
        stderr = resumed(command)
        if in_time:
            return command.returncode, stderr
    raise AssertionError(f"{arguments[0]} was never stopped in time for the save")


def test_a_translators_save_while_update_catalogs_writes_is_never_lost(tmp_path):
    """fr.po saved by the translator's editor after update-catalogs has read it, before it renames its
    refreshed fr.po into place: that rename, of a catalog made from the bytes before the save, used to undo
    the save silently (5 of 15 saves at random moments were lost). Now update-catalogs refuses, changes no
    catalog, and says which file changed."""
    translations, fr = tmp_path / "translations", tmp_path / "translations" / "fr.po"
    prepared = {path.name: path.read_bytes() for path in (ROOT / "translations").iterdir()}
    for stale in ("ar.po", "fr.po"):  # two catalogs to refresh: fr.po's is written after ar.po's
        prepared[stale] += b"\n"
    saved = prepared["fr.po"].decode("utf-8").replace('msgstr "', 'msgstr "(saved) ', 3)

    def prepare():
        shutil.rmtree(translations, ignore_errors=True)
        translations.mkdir()
        for name, data in prepared.items():
            (translations / name).write_bytes(data)

    code, stderr = run_with_a_save_meanwhile(  # once it has read fr.po, and not yet written its refreshed one
        ["update-catalogs", "--translations", translations], translations, prepare,
        ready=lambda temporaries: not any(name.startswith(".fr.po.") for name in temporaries),
        save=lambda: save_as_an_editor_does(fr, saved))
    assert fr.read_text(encoding="utf-8") == saved, stderr
    assert code == 1 and "translations/fr.po: changed while this command ran" in stderr, stderr
    assert "Traceback" not in stderr, stderr
    assert {path.name: path.read_bytes() for path in translations.iterdir() if path.name != "fr.po"} == \
        {name: data for name, data in prepared.items() if name != "fr.po"}  # all or none: ar.po not refreshed either


# ---- principles.yaml replaced while a build runs (import-edition, an editor) ---------------------------------

def test_a_build_publishes_and_versions_the_source_it_built_from(tmp_path):
    """import-edition replacing principles.yaml just after a build read it: the build read the file again
    for data/principles.yaml and the PDFs' version, so it published another source than the one its pages
    were made from (4 of 6 builds of a real race). Now both come from the bytes read once."""
    source = tmp_path / "principles.yaml"
    source.write_bytes(SOURCE_FILE.read_bytes())
    (tmp_path / "permalinks.lock").write_bytes(commands.lock_path().read_bytes())
    inputs = commands.read_inputs(source)
    built_from = source.read_bytes()
    source.write_text(built_from.decode("utf-8").replace("name: ", "name: Replaced ", 1), encoding="utf-8")
    assert commands.published_sources(source, inputs.source_bytes)["principles.yaml"] == built_from
    assert commands.pdf_version(inputs.source_bytes) == hashlib.sha256(built_from).hexdigest()[:12]


def test_a_maintainers_save_while_import_edition_writes_is_never_lost(tmp_path):
    """principles.yaml saved by an editor while import-edition writes it (3 of 20 saves at random moments
    were undone by its rename): refused and named, the save kept."""
    repo = copy_repository(tmp_path)
    (repo / "sources").mkdir()
    source, document = repo / "principles.yaml", repo / "sources" / SOURCE_000.name
    shutil.copy(SOURCE_000, document)
    edition = official_id(source)
    before_import = official.emptied(source.read_text(encoding="utf-8"), edition)  # something for it to write
    saved = before_import + "# the maintainer's note, saved meanwhile\n"
    code, stderr = run_with_a_save_meanwhile(  # before its rename: its temporary file still there
        ["import-edition", edition, document, "--source", source, "--date", "2030-01-01"], repo,
        prepare=lambda: source.write_text(before_import, encoding="utf-8"), ready=bool,
        save=lambda: save_as_an_editor_does(source, saved))
    assert source.read_text(encoding="utf-8") == saved, stderr
    assert code == 1 and "principles.yaml: changed while this command ran" in stderr, stderr


def test_a_change_to_the_lock_while_lock_permalinks_writes_it_is_never_lost(tmp_path):
    """permalinks.lock changed (an editor, a git checkout) while lock-permalinks writes it: refused and
    named, the change kept."""
    repo = copy_repository(tmp_path)
    lock_file = repo / "permalinks.lock"
    complete = lock_file.read_text(encoding="utf-8")
    stale = complete.rstrip("\n").rpartition("\n")[0] + "\n"  # its last URL not yet recorded: something to write
    changed = stale + "# changed meanwhile\n"
    code, stderr = run_with_a_save_meanwhile(
        ["lock-permalinks", "--source", repo / "principles.yaml", "--translations", repo / "translations"], repo,
        prepare=lambda: lock_file.write_text(stale, encoding="utf-8"), ready=bool,
        save=lambda: save_as_an_editor_does(lock_file, changed))
    assert lock_file.read_text(encoding="utf-8") == changed, stderr
    assert code == 1 and "permalinks.lock: changed while this command ran" in stderr, stderr


def test_a_release_removes_the_previous_release_a_killed_one_left_aside(tmp_path):
    """A release killed between its swap and the removal of the previous release leaves .release.old/: every
    later release then failed at its swap ('cannot move the previous site aside (Directory not empty)'),
    after the whole build. Now it is removed first, before the build starts."""
    left = tmp_path / ".release.old" / "site" / "index.html"
    left.parent.mkdir(parents=True)
    left.write_text("the release before the killed one", encoding="utf-8")
    release = subprocess.Popen([sys.executable, "-m", "scripts", "release", "--output", str(tmp_path / "release"),
                                "--site-url", "https://principles.un.org/"], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        wait_for(lambda: not left.exists() or (tmp_path / "release.new").exists() or release.poll() is not None, 60)
        assert not (tmp_path / ".release.old").exists()
        assert release.poll() is None, release.communicate()[1]  # removed, and the release goes on
    finally:
        os.killpg(release.pid, signal.SIGKILL)
        release.wait()
