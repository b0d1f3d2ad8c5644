"""Command line: `python -m scripts COMMAND` (see scripts/commands.py)."""
import signal

# Until the program is loaded, Ctrl-C ends it at once, silently, as it ends any program: nothing has been
# read or written yet (Python's own handler would print a traceback of the import it interrupted). main()
# gives Ctrl-C back to Python once there is work to stop cleanly. Left alone when Ctrl-C is ignored (a
# background job).
STARTING = __name__ == "__main__" and signal.getsignal(signal.SIGINT) is signal.default_int_handler  # not on import
if STARTING:
    signal.signal(signal.SIGINT, signal.SIG_DFL)

import argparse  # noqa: E402 (after the line above, on purpose)
import logging  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from . import commands  # noqa: E402
from .config import SITE_DIR, SOURCE_FILE, TRANSLATIONS_DIR  # noqa: E402
from .errors import PipelineError  # noqa: E402
from .fileio import interrupted  # noqa: E402

log = logging.getLogger("scripts")


def main(argv=None) -> int:
    args = parse(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if STARTING:
        signal.signal(signal.SIGINT, interrupted)  # from here on, Ctrl-C stops the work cleanly
    signal.signal(signal.SIGTERM, interrupted)  # a cancelled CI job stops as cleanly as Ctrl-C
    try:
        run_then_work_done(args)
    except PipelineError as err:
        for problem in err.problems:
            log.error("%s", problem)
        log.error("%s failed: %d problem(s)%s", args.command, len(err.problems), left_as_it_was(args))
        return 1
    except KeyboardInterrupt as err:
        log.error("%s interrupted%s", args.command, left_after_interrupt(args, err))
        return 130
    except subprocess.CalledProcessError as err:  # the program's own messages are above
        log.error("%s failed: a program it ran stopped with status %d%s", args.command, err.returncode, left_as_it_was(args))
        return 1
    except OSError as err:  # a fault no step expected (the steps name theirs as PipelineError)
        log.error("%s failed: %s%s%s", args.command, err.strerror or err, f" ({err.filename})" if err.filename else "",
                  left_as_it_was(args))
        return 1
    return 0


def run_then_work_done(args) -> None:
    """run(args), then work_done() however it ended: before the outcome is reported, so that a signal while it
    is (a second Ctrl-C, a CI job cancelled as it reports its problems) ends the program silently, not with
    the traceback of a KeyboardInterrupt raised inside main()'s `except` clauses."""
    try:
        run(args)
    finally:
        work_done()


def work_done() -> None:
    """Once the work is over, a signal ends the program at once and silently, as before main(): there is
    nothing left to stop cleanly. And an interrupt already reported keeps the status main() returns.

    CPython remembers a KeyboardInterrupt that ended a string `exec` (gettext's plural formulas, dataclasses
    and namedtuple run them), even once caught, and a `python -m` program then ends by SIGINT whatever status
    it returns. Each string `exec` forgets the one before (run_eval_code_obj, CPython 3.8 to 3.13)."""
    if STARTING:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    exec("None")  # noqa: S102 (a constant: see above)


def parse(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts", description=commands.__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build site/ (all editions and languages)")
    build.add_argument("--site", type=Path, default=SITE_DIR, help="the folder to build (default: site/)")
    check = sub.add_parser("check", help="validate principles.yaml and translations/ (writes nothing)")
    serve = sub.add_parser("serve", help="live preview with reload")
    serve.add_argument("--edition", help="edition id (default: the newest)")
    serve.add_argument("--lang", help="build only this language (faster)")
    serve.add_argument("--port", type=int, default=8000)
    update = sub.add_parser("update-catalogs", help="refresh translations/*.po after the English changed")
    lock = sub.add_parser("lock-permalinks", help="record newly published URLs in permalinks.lock (beside --source)")
    for command in (build, check, update, lock):
        command.add_argument("--source", type=Path, default=SOURCE_FILE, help="the principles.yaml to read")
        command.add_argument("--translations", type=Path, default=TRANSLATIONS_DIR, help="folder of PO files")
    release = sub.add_parser("release", help="the deployable tree for the public address, with server configurations")
    release.add_argument("--site-url", help="the site's public address (default: site_url of mkdocs.yml), ending in /")
    release.add_argument("--output", type=Path, help="where to write it (default: release/)")
    release.add_argument("--nginx-root", type=Path, help="the folder nginx serves (default: release/site)")
    release.add_argument("--nginx-listen", default="80", help="nginx's listen address (default: 80)")
    review = sub.add_parser("review-translations", help="the units whose translation or review state changed since a git revision")
    review.add_argument("base", help="git revision to compare with, e.g. origin/main")
    add_edition_commands(sub)
    bench = sub.add_parser("benchmark", help="every speed goal measured against its baseline (README, Speed)")
    bench.add_argument("--quick", action="store_true", help="one run of each, no test suite: for development")
    bench.add_argument("--skip-tests", action="store_true", help="everything but the test suite (minutes long)")
    return parser.parse_args(argv)


def run(args) -> None:
    if args.command == "build":
        commands.build(args.site, args.source, args.translations)
    elif args.command == "check":
        commands.check(args.source, args.translations)
    elif args.command == "update-catalogs":
        commands.update_catalogs(args.translations, args.source)
    elif args.command == "lock-permalinks":
        commands.lock_permalinks(args.source, args.translations)
    elif args.command in ("import-edition", "propose-concordance"):
        commands.edition_command(args)
    elif args.command == "review-translations":
        from . import review
        sys.stdout.write(review.review_translations(args.base))
    elif args.command == "benchmark":
        from . import benchmark
        benchmark.benchmark(args.quick, args.skip_tests)
    elif args.command == "release":
        from . import release as release_module
        release_module.release(args.site_url, args.output or release_module.RELEASE_DIR, args.nginx_root, args.nginx_listen)
    elif args.command == "serve":
        from . import serve as serve_module
        serve_module.serve(args.edition, args.lang, args.port)


def left_as_it_was(args) -> str:
    """What a failed or interrupted command leaves unchanged, for its last message."""
    if args.command == "build":
        return f"; {args.site.name}/ was left as it was"
    if args.command == "release":
        return "; release/ was left as it was"
    return ""


def left_after_interrupt(args, err: KeyboardInterrupt) -> str:
    if isinstance(err, commands.InterruptedInPlace):
        return f"; the new {err.args[0]} is in place"
    return left_as_it_was(args) or "; every file is as it was or completely written, never half-written"


def add_edition_commands(sub):
    """`import-edition` and `propose-concordance` (README, "Adding an edition")."""
    imp = sub.add_parser("import-edition", help="take an edition's principles from its official document (text or PDF)")
    imp.add_argument("edition", help="edition id in principles.yaml, e.g. bogota-2013")
    imp.add_argument("document", type=Path, help="the official document, in sources/ (.txt extraction or .pdf)")
    imp.add_argument("--count", type=int, help="number of principles the document states (catches a cut-off end)")
    imp.add_argument("--date", help="date of the import, YYYY-MM-DD (default: today)")
    imp.add_argument("--source", type=Path, default=SOURCE_FILE, help="the principles.yaml to update")
    prop = sub.add_parser("propose-concordance", help="suggest links between two editions from text similarity")
    prop.add_argument("newer", help="the later edition's id")
    prop.add_argument("older", help="the earlier edition's id")
    prop.add_argument("--output", type=Path, help="write the proposal here (default: print it)")
    prop.add_argument("--source", type=Path, default=SOURCE_FILE, help="the principles.yaml to read")


if __name__ == "__main__":
    sys.exit(main())
