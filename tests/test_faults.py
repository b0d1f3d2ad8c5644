"""Faults: a full disk, unreadable files, a read-only site, a busy port, Ctrl-C. Every command ends with a
message naming what failed and what it left unchanged, a non-zero exit and no traceback; no file it
rewrites is ever half-written (scripts/fileio.py).

The full disk is a real one: a small tmpfs (the tests run as root, as in CI). Where mounting is impossible
the same commands run with an OSError injected into the one function that writes files. Unreadable files
are read by the commands run without the capability that lets root read anything (setpriv), as any
other user would.
"""
import contextlib
import errno
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest

from scripts import fileio
from scripts.config import ROOT
from scripts.errors import PipelineError
from scripts.permalinks import site_path
from tests import official, roles
from tests.conftest import copy_repository
from tests.official import SOURCE_000

ENGLISH_EDIT = ("bring terrorists to justice", "bring terrorists swiftly to justice")  # a paragraph of the newest edition


# Root without the capabilities that override permission bits: they then apply, as to anyone else.
AS_A_USER = [] if os.geteuid() != 0 else ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner",
                                          "--inh-caps=-dac_override,-dac_read_search,-fowner"]


def run(*args, privileged=True, **options) -> subprocess.CompletedProcess:
    """`python -m scripts ARGS` as a user would run it (privileged=False: subject to permission bits)."""
    prefix = [] if privileged else AS_A_USER
    return subprocess.run(prefix + [sys.executable, "-m", "scripts", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, **options)


def failed_cleanly(result, message: str) -> None:
    assert result.returncode != 0, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    assert message in result.stderr.splitlines(), result.stderr


def digests(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# ---- a full disk -----------------------------------------------------------------------------------------

@contextmanager
def tmpfs(folder: Path, size: str):
    """A filesystem of `size` in memory mounted on `folder`: yields whether it could be mounted."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        yield False
        return
    try:
        yield True
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


@pytest.fixture
def small_disk(tmp_path):
    """A 6 MB filesystem, or None where this process cannot mount one."""
    with tmpfs(tmp_path / "disk", "6m") as mounted:
        yield tmp_path / "disk" if mounted else None


def fill(disk: Path) -> None:
    """Take every free byte of the disk."""
    fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        for size in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError as err:
                assert err.errno == errno.ENOSPC
    finally:
        os.close(fd)


def prepare_update_catalogs(repo):
    source = repo / "principles.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace(*ENGLISH_EDIT, 1), encoding="utf-8")
    return ["update-catalogs", "--source", source, "--translations", repo / "translations"], "translations/ar.po"


def prepare_lock_permalinks(repo):
    lock = repo / "permalinks.lock"
    lines = lock.read_text(encoding="utf-8").splitlines(keepends=True)
    page = next(line for line in lines if "/principles/" in line and " -> " not in line)  # a locked principle page
    lock.write_text("".join(line for line in lines if line != page), encoding="utf-8")
    return ["lock-permalinks", "--source", repo / "principles.yaml", "--translations", repo / "translations"], "permalinks.lock"


def prepare_import_edition(repo):
    (repo / "sources").mkdir()
    shutil.copy(SOURCE_000, repo / "sources" / SOURCE_000.name)
    source = repo / "principles.yaml"
    edition_id = official.official_id(source)
    text = official.without_newer(source.read_text(encoding="utf-8"), edition_id)  # newer editions derive from it
    source.write_text(official.emptied(text, edition_id), encoding="utf-8")
    return (["import-edition", edition_id, repo / "sources" / SOURCE_000.name, "--source", source, "--date", "2026-11-22"],
            "principles.yaml")


REWRITES = {"update-catalogs": prepare_update_catalogs, "lock-permalinks": prepare_lock_permalinks,
            "import-edition": prepare_import_edition}


@pytest.mark.parametrize("command", REWRITES)
def test_a_full_disk_changes_no_source(small_disk, tmp_path, monkeypatch, command):
    """Each command that rewrites a source, on a full disk: the message names the file, and every file of
    the repository is byte for byte as it was; with space again, the same command succeeds."""
    repo = copy_repository(small_disk or tmp_path)
    args, rewritten = REWRITES[command](repo)
    message = f"No space left on device while writing {rewritten}: the file was not changed"
    if command == "update-catalogs":
        message += " (nor any other file of this command)"
    if small_disk:
        fill(small_disk)
        before = digests(repo)
        failed_cleanly(run(*args), message)
        assert digests(repo) == before
        (small_disk / "filler").unlink()
    else:  # no mounting here: the same fault, injected into the one function that writes files
        def no_space(path, payload, fsync):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        monkeypatch.setattr(fileio, "write_temporary", no_space)
        before = digests(repo)
        with pytest.raises(PipelineError) as caught:
            in_process(args)
        assert message in caught.value.problems and digests(repo) == before
        monkeypatch.undo()
    assert not [p for p in repo.rglob("*.tmp")]  # no temporary file left behind
    assert run(*args).returncode == 0
    assert digests(repo) != before


def in_process(args):
    """The command of a command line, run in this process (what main() runs, without turning its error
    into an exit status)."""
    from scripts import __main__ as cli
    cli.run(cli.parse([str(arg) for arg in args]))


def test_a_build_on_a_full_disk_leaves_the_site_as_it_was(tmp_path):
    """The build runs out of space while mkdocs writes the staging folder: site/ is the old one, nothing
    of the failed build is left, and the message says what happened."""
    disk = tmp_path / "disk"
    with tmpfs(disk, "24m") as mounted:
        assert mounted, "a full-disk build needs a small filesystem: run the tests as root, as CI does"
        site = disk / "site"
        site.mkdir()
        (site / "index.html").write_text("the previous site", encoding="utf-8")
        result = run("build", "--site", site)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert "No space left on device" in result.stderr
        assert result.stderr.rstrip().endswith("build failed: 1 problem(s); site/ was left as it was")
        assert digests(site) == {"index.html": hashlib.sha256(b"the previous site").hexdigest()}
        assert sorted(p.name for p in disk.iterdir()) == ["site"]


def take_inodes(disk: Path, leave: int) -> None:
    """Take every free inode of the disk but `leave` of them (ext4 too can run out of inodes before bytes)."""
    made = []
    try:
        while True:
            made.append(disk / f"inode-{len(made)}")
            made[-1].touch()
    except OSError as err:
        assert err.errno == errno.ENOSPC
    for path in made[:leave + 1]:
        path.unlink(missing_ok=True)


@pytest.mark.parametrize("full", ["bytes", "inodes"])
def test_a_search_index_on_a_full_disk_fails_cleanly_and_never_hangs(built_site, inputs, tmp_path, monkeypatch, full):
    """A folder's search index (made while the engine builds the others) when the disk fills up. When Pagefind
    wrote its files itself, out of bytes it reported success over empty files, and out of inodes its threads
    waited for each other forever (and the build with them). Either way: a PipelineError naming the folder
    and the full disk, within the time allowed, and no Pagefind left running."""
    from scripts import search

    monkeypatch.setattr(search, "INDEX_TIMEOUT", 20)
    root = site_path(roles.newest_with_text(inputs.site).id, "ru", "")
    disk = tmp_path / "disk"
    with tmpfs(disk, "40m,nr_inodes=5000") as mounted:
        assert mounted, "a full-disk build needs a small filesystem: run the tests as root, as CI does"
        folder = disk / root
        shutil.copytree(built_site / root, folder, ignore=shutil.ignore_patterns(search.BUNDLE, "*.pdf"))
        fill(disk) if full == "bytes" else take_inodes(disk, leave=10)
        failure = []
        indexing = threading.Thread(target=lambda: failure.extend(raised(search.index_root, folder)), daemon=True)
        indexing.start()
        indexing.join(timeout=90)
        left = [p for p in psutil.Process().children(recursive=True) if "pagefind" in p.name()]
        for process in left:
            process.kill()
        assert not indexing.is_alive() and not left, "Pagefind hung on a full disk"
        assert len(failure) == 1, "no error on a full disk"
        assert f"{folder.parent.name}/{folder.name}/{search.BUNDLE}/" in failure[0], failure
        assert "No space left on device" in failure[0], failure


def raised(function, *args) -> list:
    try:
        function(*args)
    except PipelineError as err:
        return err.problems
    return []


# ---- unreadable files, read-only folders ---------------------------------------------------------------

def test_an_unreadable_catalog_is_named_by_check_and_build(repo_copy):
    (repo_copy / "translations" / "fr.po").chmod(0)
    sources = ["--source", repo_copy / "principles.yaml", "--translations", repo_copy / "translations"]
    for args in (["check", *sources], ["build", "--site", repo_copy / "site", *sources]):
        failed_cleanly(run(*args, privileged=False), "translations/fr.po: cannot read: Permission denied")
    assert not (repo_copy / "site").exists()


def test_an_unreadable_or_missing_principles_yaml_is_named(repo_copy, tmp_path):
    source = repo_copy / "principles.yaml"
    source.chmod(0)
    failed_cleanly(run("check", "--source", source, privileged=False), "principles.yaml: cannot read: Permission denied")
    failed_cleanly(run("check", "--source", tmp_path / "absent.yaml"), "absent.yaml: missing (no such file)")
    (tmp_path / "folder.yaml").mkdir()
    failed_cleanly(run("build", "--site", tmp_path / "site", "--source", tmp_path / "folder.yaml"),
                   "folder.yaml: is a folder, not a file")
    assert not (tmp_path / "site").exists()


def test_an_unreadable_translations_folder_is_an_error(repo_copy):
    (repo_copy / "translations").chmod(0)
    try:
        failed_cleanly(run("build", "--site", repo_copy / "site", "--source", repo_copy / "principles.yaml",
                           "--translations", repo_copy / "translations", privileged=False),
                       "translations/: cannot read (Permission denied): the build needs the catalogs of fr, es, ru, zh, ar; "
                       "restore it (git checkout -- translations/) or run ./vp update-catalogs to make new ones")
    finally:
        (repo_copy / "translations").chmod(0o755)


def read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)


def test_a_read_only_site_is_replaced_and_its_leftover_named(tmp_path):
    """A site/ that cannot be deleted: the swap still puts the new site in place (and says the old one is
    left in .site.old); the next build stops at once, naming .site.old, with site/ unchanged."""
    site, staging = tmp_path / "site", tmp_path / ".site.new"
    for folder, text in ((site, "old"), (staging, "new")):
        (folder / "sub").mkdir(parents=True)
        (folder / "sub" / "index.html").write_text(text, encoding="utf-8")
    read_only(site)
    swap = ["-c", f"import logging, sys; logging.basicConfig(); from pathlib import Path; from scripts import commands; "
                  f"commands.swap(Path({str(staging)!r}), Path({str(site)!r}))"]
    result = subprocess.run(AS_A_USER + [sys.executable, *swap], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "(the new site is in place)" in result.stderr
    assert (site / "sub" / "index.html").read_text(encoding="utf-8") == "new" and (tmp_path / ".site.old").exists()

    result = run("build", "--site", site, privileged=False)
    failed_cleanly(result, "build failed: 1 problem(s); site/ was left as it was")
    assert ".site.old: cannot remove the previous site, left there by an earlier build (Permission denied: " in result.stderr
    assert "make it writable and remove it (rm -r .site.old); site/ was not changed" in result.stderr
    assert (site / "sub" / "index.html").read_text(encoding="utf-8") == "new"
    for path in [tmp_path / ".site.old", *(tmp_path / ".site.old").rglob("*")]:
        path.chmod(0o755)


# ---- the preview's port, Ctrl-C -------------------------------------------------------------------------

def test_serve_on_a_busy_port_says_so_and_writes_nothing():
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        before = (ROOT / "build").exists() and sorted(p.name for p in (ROOT / "build").iterdir())
        result = run("serve", "--port", port, timeout=60)
    failed_cleanly(result, f"--port {port}: the port is in use (another preview?): stop that program, or choose "
                           f"another port with --port")
    assert ((ROOT / "build").exists() and sorted(p.name for p in (ROOT / "build").iterdir())) == before


def wait_for(condition, timeout: float = 240):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.parametrize("sent", [[signal.SIGINT], [signal.SIGTERM], [signal.SIGINT, signal.SIGINT]],
                         ids=["Ctrl-C", "SIGTERM", "Ctrl-C twice"])
def test_an_interrupted_build_stops_cleanly(tmp_path, sent):
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it), SIGTERM (a CI job cancelled) or an
    impatient second Ctrl-C while the build stops (it waits for its background thread, which writes into the
    staging folder), all while mkdocs writes the staging folder: one message, exit status 130, the previous
    site untouched, nothing of the build left."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    build = subprocess.Popen([sys.executable, "-m", "scripts", "build", "--site", str(site)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        wait_for(lambda: (tmp_path / ".site.new").exists() or build.poll() is not None)
        assert build.poll() is None, build.communicate()
        for signum in sent:
            os.killpg(build.pid, signum)
            time.sleep(0.4)  # a second Ctrl-C sent sooner lands in the same wait as the first
        _, stderr = build.communicate(timeout=120)
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
    assert build.returncode == 130 and "Traceback" not in stderr, stderr
    assert stderr.splitlines()[-1] == "build interrupted; site/ was left as it was"
    assert digests(site) == {"index.html": hashlib.sha256(b"the previous site").hexdigest()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def engine_processes(build) -> list:
    return [child for child in psutil.Process(build.pid).children() if "scripts.engine.run" in child.cmdline()]


def suspended_engines(build, tmp_path) -> list:
    """Stop (SIGSTOP) the build's engine processes while they write its staging folder."""
    wait_for(lambda: (tmp_path / ".site.new").exists() or build.poll() is not None)
    hung = engine_processes(build)
    assert hung and build.poll() is None, build.communicate()
    for process in hung:
        process.suspend()
    return hung


def suspended_pagefind(build, tmp_path, timeout: float = 240) -> list:
    """Stop one of the build's Pagefind processes while it indexes a folder: each lives a fraction of a
    second, so the first one seen may be gone before it can be stopped; then the next one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and build.poll() is None:
        for process in psutil.Process(build.pid).children(recursive=True):
            with contextlib.suppress(psutil.NoSuchProcess):
                if "pagefind" in process.name():
                    process.suspend()
                    if process.status() == psutil.STATUS_STOPPED:
                        return [process]
        time.sleep(0.005)
    raise AssertionError(f"no Pagefind of the build seen running: {build.communicate()}")


@pytest.mark.parametrize("suspend", [suspended_engines, suspended_pagefind], ids=["engine processes", "Pagefind"])
def test_sigterm_to_the_build_alone_ends_the_processes_that_hang(tmp_path, suspend):
    """SIGTERM sent to the build's own process only (`kill PID`, a container stopped), not to the processes
    it started, which hang (stopped here): its engine processes, or a Pagefind indexing a folder (which it
    would otherwise wait for up to search.INDEX_TIMEOUT, 300 s). The build ends them and waits for them, even
    through a second SIGTERM, then cleans up: status 130, nothing of the build left, none of them running."""
    site = tmp_path / "site"
    build = subprocess.Popen([sys.executable, "-m", "scripts", "build", "--site", str(site)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        hung = suspend(build, tmp_path)
        for _ in range(2):
            time.sleep(0.3)
            os.kill(build.pid, signal.SIGTERM)
        _, stderr = build.communicate(timeout=60)
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
            os.killpg(build.pid, signal.SIGCONT)
    # 130, or the default end by SIGTERM when the second one came once the build had stopped its processes,
    # cleaned up and said so (it needs less than the 0.3 s between the two): nothing was left to stop then
    # (scripts/__main__.py, work_done). A signal during the clean-up itself: test_a_signal_while_the_build_removes...
    assert build.returncode in (130, -signal.SIGTERM) and "Traceback" not in stderr, stderr
    assert stderr.splitlines()[-1] == "build interrupted; site/ was left as it was"
    assert not [process for process in hung if process.is_running() and process.status() != psutil.STATUS_ZOMBIE]
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_ctrl_c_while_a_command_starts_ends_it_silently():
    """Ctrl-C while Python is still importing the program (nothing read or written yet) ends it at once, as
    it ends any program: no traceback of the interrupted import."""
    for delay in (0.08, 0.12, 0.16, 0.2, 0.25):
        check = subprocess.Popen([sys.executable, "-m", "scripts", "check"], cwd=ROOT, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, start_new_session=True)
        time.sleep(delay)
        os.killpg(check.pid, signal.SIGINT)
        _, stderr = check.communicate(timeout=60)
        # Until the program's first line runs, Python itself is starting (its own modules, then loading
        # scripts/__main__.py), which on a busy machine can outlast the shortest delay: a Ctrl-C then gets
        # Python's own traceback, as any program would, of frames that are all Python's.
        program_frames = [line for line in stderr.splitlines() if line.lstrip().startswith(f'File "{ROOT}')]
        assert "Traceback" not in stderr or not program_frames, (delay, stderr)
        assert check.returncode in (-signal.SIGINT, 130, 0), (delay, check.returncode, stderr)


# A signals_deferred block with a second thread alive; another process sends Ctrl-C from inside the block.
DEFERRED_WITH_A_THREAD = """\
import os, signal, subprocess, threading, time
from scripts import fileio
signal.signal(signal.SIGINT, fileio.interrupted)  # as scripts/__main__.py sets it
threading.Thread(target=time.sleep, args=(5,), daemon=True).start()  # may be handed the signal
where = "before the block"
try:
    with fileio.signals_deferred():
        subprocess.run(["kill", "-INT", str(os.getpid())], check=True)
        where = "in the block"
        time.sleep(0.2)
        where = "at the end of the block"
    where = "after the block"
except KeyboardInterrupt:
    print("interrupted", where)
"""


def test_signals_wait_for_a_deferred_block_while_other_threads_run():
    """A Ctrl-C that the kernel hands to another thread still waits for the end of the block (the renames
    that belong together), then interrupts at once."""
    result = subprocess.run([sys.executable, "-c", DEFERRED_WITH_A_THREAD], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.stdout == "interrupted at the end of the block\n", (result.stdout, result.stderr)


# Ctrl-C at one exact moment: as the first string `exec` of gettext's plural formulas starts in this process.
INTERRUPTED_IN_GETTEXT = """\
import os, sys
from scripts.__main__ import main
program = os.getpid()
def ctrl_c_in_gettext(frame, event, arg):
    if frame.f_code.co_filename == "<string>" and frame.f_back.f_code.co_name == "c2py" and os.getpid() == program:
        sys.settrace(None)
        raise KeyboardInterrupt
sys.settrace(ctrl_c_in_gettext)
sys.exit(main(sys.argv[1:]))
"""


def test_an_interrupt_inside_a_string_exec_keeps_the_exit_status(tmp_path):
    """A Ctrl-C or SIGTERM that lands while Python runs a string `exec` (gettext's plural formulas do, and
    dataclasses) ends the command as any interrupt does: its one message, then status 130, not death by
    SIGINT (which CPython otherwise chooses for `python -m` programs)."""
    program = tmp_path / "interrupted_in_gettext" / "__main__.py"
    program.parent.mkdir()
    program.write_text(INTERRUPTED_IN_GETTEXT)
    result = subprocess.run([sys.executable, "-m", program.parent.name, "check"], cwd=ROOT, capture_output=True,
                            env={**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"}, text=True, timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("check interrupted"), result.stderr
    assert result.returncode == 130, (result.returncode, result.stderr)


# SIGTERM at one exact moment: as main() starts to report how the command ended.
SIGNALLED_WHILE_REPORTING = """\
import os, signal, sys
from scripts.__main__ import main
program = os.getpid()
def sigterm_while_reporting(frame, event, arg):
    if event == "call" and frame.f_code.co_name == "left_as_it_was" and os.getpid() == program:
        os.kill(program, signal.SIGTERM)
sys.settrace(sigterm_while_reporting)
sys.exit(main(sys.argv[1:]))
"""


def test_a_signal_while_the_outcome_is_reported_gives_no_traceback(tmp_path):
    """A CI job cancelled (or a second Ctrl-C) just as a command reports its problems: the work is over, so
    the command ends with its status or by the signal, never with a traceback of main() itself."""
    program = tmp_path / "signalled_while_reporting" / "__main__.py"
    program.parent.mkdir()
    program.write_text(SIGNALLED_WHILE_REPORTING)
    result = subprocess.run([sys.executable, "-m", program.parent.name, "check", "--source", tmp_path / "missing.yaml"],
                            cwd=ROOT, capture_output=True, env={**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"},
                            text=True, timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("missing.yaml: missing (no such file)"), result.stderr
    assert result.returncode in (1, -signal.SIGTERM), (result.returncode, result.stderr)


# SIGTERM at one exact moment: as the build starts to remove one of its folders (`what`, as it names it).
SIGNALLED_AT_A_REMOVAL = """\
import os, signal, sys
from scripts.__main__ import main
program, removing = os.getpid(), os.environ["REMOVING"]
def sigterm_at_the_removal(frame, event, arg):
    if event == "call" and frame.f_code.co_name == "remove_tree" and frame.f_locals.get("what") == removing \\
            and os.getpid() == program:
        os.kill(program, signal.SIGTERM)
sys.settrace(sigterm_at_the_removal)
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(("removing", "first", "outcome"), [
    ("the previous site", False, "build interrupted; the new site/ is in place"),
    ("a folder of this build", True, "build interrupted; site/ was left as it was")],
    ids=["as the previous site is removed", "a second one as the build cleans up"])
def test_a_signal_while_the_build_removes_a_folder_waits_for_it(tmp_path, removing, first, outcome):
    """SIGTERM as the build removes the previous site (just swapped out) or, after a first SIGTERM, its own
    folders: the removal is finished first, so nothing is left beside the site, and the message says
    which site is in place."""
    program = tmp_path / "signalled_at_a_removal" / "__main__.py"
    program.parent.mkdir()
    program.write_text(SIGNALLED_AT_A_REMOVAL)
    builds = tmp_path / "builds"
    (builds / "site").mkdir(parents=True)
    (builds / "site" / "index.html").write_text("the previous site", encoding="utf-8")
    build = subprocess.Popen([sys.executable, "-m", program.parent.name, "build", "--site", builds / "site"], cwd=ROOT,
                             env={**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}", "REMOVING": removing},
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        if first:
            wait_for(lambda: (builds / ".site.new").exists() or build.poll() is not None)
            os.kill(build.pid, signal.SIGTERM)
        _, stderr = build.communicate(timeout=240)
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
    assert build.returncode == 130 and "Traceback" not in stderr, stderr
    assert stderr.splitlines()[-1] == outcome, stderr
    assert sorted(p.name for p in builds.iterdir()) == ["site"]
    previous = (builds / "site" / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert previous == outcome.endswith("left as it was")


def test_ctrl_c_ignored_when_a_command_starts_stays_ignored():
    """A command started with Ctrl-C ignored (a background job of a script: `./vp check &`) is not stopped by
    it: it does its work and succeeds."""
    check = subprocess.Popen([sys.executable, "-m", "scripts", "check"], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    for delay in (0.1, 0.2, 0.3, 0.5):  # while it starts, loads, checks in both processes
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(check.pid, signal.SIGINT)
    _, stderr = check.communicate(timeout=60)
    assert check.returncode == 0 and "interrupted" not in stderr, stderr
