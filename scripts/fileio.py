"""Every file the commands read or write goes through here: nothing is ever half-written, one build at a time.

    read_bytes(path, label)          the bytes of a file, or PipelineError naming it (missing, a folder, unreadable)
    write_files(root, files, label)  the one function that writes files: all of them or none
    build_lock(lock_file, what)      one build at a time (a second one waits, with a message), until the last
                                     of the build's processes has ended
    remove_tree(path, what)          removes a folder left behind (e.g. by a killed build), never following links
    signals_deferred()               Ctrl-C and SIGTERM wait until a few renames are done
    interrupted                      the program's handler of both (KeyboardInterrupt, unless deferred)

A write is a temporary file in the same folder (same filesystem, so the rename is atomic), written, flushed
and made durable, then renamed over the original. On any error the temporary files are removed and every
original is left byte for byte as it was; the message says so, e.g. `No space left on device while
writing translations/ar.po: the file was not changed`.
"""
import ctypes
import ctypes.util
import fcntl
import logging
import os
import secrets
import shutil
import signal
import stat
import threading
from contextlib import contextmanager
from pathlib import Path

from .errors import PipelineError

log = logging.getLogger("scripts")

# Above this many files, one syncfs() of the filesystem replaces an fsync() per file: a build writes
# about two thousand files, and an fsync each (a journal commit each) added more than a second to it.
SYNCFS_FROM = 32


# ---- reading ------------------------------------------------------------------------------------------

def read_bytes(path: Path, label: str = "") -> bytes:
    """The file's bytes; any failure to read it is a PipelineError naming it by `label` (default: its name)."""
    found = read_if_present(path, label)
    if found is None:
        raise PipelineError(f"{label or path.name}: missing (no such file)")
    return found


def read_if_present(path: Path, label: str = ""):
    """The file's bytes, or None if there is no such file; PipelineError if it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise PipelineError(f"{label or path.name}: is a folder, not a file") from None
    except OSError as err:
        raise PipelineError(f"{label or path.name}: cannot read: {reason(err)}") from None


def reason(err: OSError) -> str:
    return err.strerror or str(err)


# ---- writing ------------------------------------------------------------------------------------------

def write_files(root: Path, files: dict, label=None, durable: bool = True, scratch: bool = False, read=None) -> None:
    """Write `files` (path below root -> str or bytes) below `root`, all or none: each into a temporary file
    beside it, all made durable, then all renamed into place. Files whose content is already that are left
    alone (`mkdocs serve` watches them). `label` names root in messages (default: its folder name; "" for
    files named on their own, such as principles.yaml). durable=False: renamed into place without waiting
    for the disk, for a folder that a crash makes worthless anyway (the preview's project).
    scratch=True: for a new folder nobody reads until a build swaps it in (a build's staging folder and
    generated projects, which the build or the next one removes; see make_durable for the one wait a
    build's site gets): each file written straight into place, without a temporary file or a rename.
    read: path below root -> the bytes the command read there and computed its content from (None: there
    was no file), for a command that rewrites a file someone may save meanwhile (update-catalogs and a
    translator's editor): if any of them changed since, nothing is written (see changed_meanwhile)."""
    label = root.name if label is None else label
    if scratch:
        return write_into_scratch(root, files, label)
    many = len(files) >= SYNCFS_FROM or not durable
    pending = []  # (temporary file, final path, name in messages, whether it existed)
    try:
        for relative, content in sorted(files.items()):
            path = root / relative
            payload = content.encode("utf-8") if isinstance(content, str) else content
            name = f"{label}/{relative}" if label else str(relative)
            if unchanged(path, payload):
                continue
            existed = path.exists()
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                pending.append((write_temporary(path, payload, fsync=not many), path, name, existed))
            except OSError as err:
                raise write_error(err, name, existed, others=len(files) > 1) from None
        if many and pending and durable:
            make_durable([root], pending[0][2], whole_filesystem=True)
        with signals_deferred():  # all renamed, or none after the first that fails
            refuse_if_changed(changed_meanwhile(root, pending, read or {}))
            for temporary, path, name, existed in pending:
                try:
                    os.replace(temporary, path)
                except OSError as err:
                    raise write_error(err, name, existed, others=False) from None
    finally:
        for temporary, *_ in pending:
            remove_quietly(temporary)  # only those not renamed are still there
    folders = sorted({path.parent for _, path, _, _ in pending})
    if folders and durable:
        try:  # the renames durable too: the files are in place, only their survival of a crash is at stake
            make_durable([root] if many else folders, pending[0][2], whole_filesystem=many)
        except PipelineError as err:
            log.warning("%s", err.problems[0])


def changed_meanwhile(root: Path, pending: list, read: dict) -> list:
    """The names of the files about to be replaced that no longer hold the bytes the command read (a save
    made meanwhile, which the rename would silently undo), unless they already hold the new bytes (the same
    command run twice at once). Checked just before the renames: a save in the microseconds between the
    check and the rename is the one still lost (an editor takes no lock we could wait for)."""
    before = {root / relative: content for relative, content in read.items()}
    return [name for temporary, path, name, _ in pending
            if path in before and read_if_present(path, name) not in (before[path], read_if_present(temporary, name))]


def refuse_if_changed(names: list) -> None:
    if names:
        raise PipelineError([f"{name}: changed while this command ran (saved meanwhile?): not overwritten, and no "
                             f"file of this command was changed; run the command again" for name in names])


def write_into_scratch(root: Path, files: dict, label: str) -> None:
    """write_files(scratch=True). Creating a file is most of what writing a small one costs on this kind of
    filesystem (ext4 allocating an inode): a temporary file and a rename each made it a third slower. So a
    file whose bytes another file of the call already has is a hard link to it (a citation download under
    its earlier name, for one): a name, not a new inode. Never an HTML file: the finishing pass rewrites
    those in place (scripts/finish.py), which would change every name of a shared file; nothing rewrites
    the others in place."""
    made, written = set(), {}  # folders made; bytes -> the first path written with them
    for relative, content in sorted(files.items()):
        path = root / relative
        payload = content.encode("utf-8") if isinstance(content, str) else content
        try:
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            if payload in written:
                os.link(written[payload], path)
                continue
            path.write_bytes(payload)
            if path.suffix != ".html":
                written[payload] = path
        except OSError as err:
            raise write_error(err, f"{label}/{relative}" if label else str(relative), False, others=len(files) > 1) from None


def unchanged(path: Path, payload: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(payload) and path.read_bytes() == payload
    except OSError:
        return False  # writing it will say what is wrong


def write_temporary(path: Path, payload: bytes, fsync: bool) -> Path:
    """`payload` in a new file beside `path`, with the permissions `path` has (a new file: the usual ones)."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = None
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        with open(fd, "wb") as out:
            if mode is not None:
                os.fchmod(out.fileno(), mode)
            out.write(payload)
            out.flush()
            if fsync:
                os.fsync(out.fileno())
    except BaseException:
        remove_quietly(temporary)
        raise
    return temporary


def write_error(err: OSError, name: str, existed: bool, others: bool) -> PipelineError:
    kept = "the file was not changed" if existed else "the file was not created"
    if others:
        kept += " (nor any other file of this command)"
    return PipelineError(f"{reason(err)} while writing {name}: {kept}")


def remove_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError as err:
        log.warning("could not remove the temporary file %s: %s", path, reason(err))


DEFERRED_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_deferring = 0  # signals_deferred blocks under way (main thread only, as signal handlers run)
_held = []  # the signals that arrived meanwhile


def interrupted(signum, frame) -> None:
    """The program's handler of Ctrl-C and SIGTERM (set by scripts/__main__.py): KeyboardInterrupt, held back
    while a signals_deferred block runs."""
    if _deferring:
        _held.append(signum)
        return
    raise KeyboardInterrupt


@contextmanager
def signals_deferred():
    """Ctrl-C and SIGTERM are held back (and delivered after) while the block runs, so that renames that
    belong together are not cut in the middle. Only the main thread can hold signals back.

    Held twice: by the main thread's signal mask, which a process forked in the block inherits; and by
    `interrupted`, since the kernel hands a process's signal to any of its threads that does not hold it
    back (a build's background thread), and Python then runs the handler in the main thread at once."""
    global _deferring
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, DEFERRED_SIGNALS)
    _deferring += 1
    try:
        yield
    finally:
        _deferring -= 1
        delivered = bool(_held) and not _deferring
        if delivered:
            _held.clear()  # before the mask lets a signal it held reach `interrupted`, which then raises at once
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        if delivered:
            raise KeyboardInterrupt


# ---- durability ---------------------------------------------------------------------------------------

_libc = None


def syncfs(fd: int) -> bool:
    """Linux syncfs(2), which Python's os module lacks; False where the C library has none."""
    global _libc
    if _libc is None:
        name = ctypes.util.find_library("c")
        _libc = ctypes.CDLL(name, use_errno=True) if name else False
    if not _libc or not hasattr(_libc, "syncfs"):
        return False
    if _libc.syncfs(fd) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code))
    return True


def make_durable(paths, name: str, whole_filesystem: bool) -> None:
    """fsync of each path (a file or folder), or one syncfs of the filesystem of the first (see SYNCFS_FROM)."""
    try:
        for path in paths:
            fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
            try:
                if not whole_filesystem:
                    os.fsync(fd)
                elif not syncfs(fd):
                    os.sync()
            finally:
                os.close(fd)
    except OSError as err:
        raise write_error(err, name, existed=True, others=True) from None


# ---- one build at a time ------------------------------------------------------------------------------

@contextmanager
def build_lock(lock_file: Path, what: str):
    """Hold an exclusive lock (flock) on `lock_file` while the block runs; a second build waits for the
    first, saying so (`what`: 'build of site/'). The kernel releases a lock when its process ends, however
    it ends: a killed build leaves no stale lock. The file is removed while still locked; a build that was
    waiting on it then finds the name gone (or another file there) and locks afresh, so two builds never
    both hold it.
    Yields the lock's file descriptor, for the processes the build starts to keep open (subprocess's
    pass_fds): the lock is then held until the last of them ends. A build killed alone (`kill -9` of its
    own process) is not over while its engine processes finish what they were writing."""
    announced = False
    while True:
        try:
            fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as err:
            raise PipelineError(f"{lock_file.name}: cannot create the build lock: {reason(err)}; nothing was changed") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not announced:
                log.info("another %s is running in this checkout: waiting for it to finish (lock: %s)",
                         what, lock_file.name)
                announced = True
            fcntl.flock(fd, fcntl.LOCK_EX)
        if same_file(fd, lock_file):
            break
        os.close(fd)
    try:
        yield fd
    finally:
        try:
            lock_file.unlink()
        except OSError:
            pass  # a lock file left behind is harmless: the next build locks it and removes it
        os.close(fd)


def same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def remove_tree(path: Path, what: str) -> None:
    """Remove a folder we made (staging, generated projects, the previous site), or PipelineError saying
    what is left and why. A symbolic link is removed, never followed (shutil.rmtree does not follow the
    links inside either)."""
    try:
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.exists():
            shutil.rmtree(path)
    except OSError as err:
        where = Path(err.filename).name if getattr(err, "filename", None) else path.name
        raise PipelineError(f"{path.name}: cannot remove {what} ({reason(err)}: {where}): "
                            f"make it writable and remove it (rm -r {path.name})") from None
