"""Work done in a second process while this one goes on (`./vp check`: the reference machine has two cores).

The child is forked, so it starts at once with everything already imported and reads the same files; it
sends back one picklable result (or the exception it raised, PipelineError included) and exits. It never
writes a file.
"""
import functools
import multiprocessing
import signal
import sys
from contextlib import contextmanager

from .errors import PipelineError
from .fileio import signals_deferred

FORK = multiprocessing.get_context("fork")  # no re-import of the program, unlike "spawn"
# Forking is safe on Linux only: on macOS, system libraries may have started threads that a forked child
# lacks (Python's own default there is "spawn"). Elsewhere the work is done in this process, when asked for.
FORKS = sys.platform.startswith("linux")


@contextmanager
def in_background(function, *args):
    """Start function(*args) in a forked child process; yield a function that waits for its result and
    returns it (or raises what it raised). Leaving the block waits for the child to end. Where forking is
    not safe (FORKS), the function runs in this process when its result is asked for: same answers."""
    if not FORKS:
        yield functools.cache(lambda: function(*args))
        return
    receiver, sender = FORK.Pipe(duplex=False)
    child = FORK.Process(target=send_outcome, args=(sender, function, args), daemon=True)
    with signals_deferred():  # until the child has its own signal handlers (send_outcome)
        child.start()
    sender.close()
    outcome = []

    def result():
        if not outcome:
            outcome.append(received(receiver))
        done, value = outcome[0]
        if not done:
            raise value
        return value

    try:
        yield result
    except BaseException:  # Ctrl-C, or a problem raised: the child's work is no longer wanted
        child.terminate()
        raise
    finally:
        receiver.close()
        child.join()


def send_outcome(sender, function, args) -> None:
    """In the child: (True, result) or (False, exception), once. Ctrl-C reaches the whole process group: the
    parent reports it and ends the child with SIGTERM, which ends it at once and silently (multiprocessing
    would print the traceback of a KeyboardInterrupt)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})  # held back by the parent
    try:
        outcome = (True, function(*args))
    except Exception as err:  # the parent handles it as if it had raised it itself
        outcome = (False, err)
    try:
        sender.send(outcome)
    except OSError:  # the parent stopped waiting
        pass


def received(receiver):
    try:
        return receiver.recv()
    except EOFError:  # the child was killed, or interrupted
        raise PipelineError("the second process of this command stopped before it answered") from None
