"""`python -m scripts.engine.run`: `mkdocs build --dirty --quiet -f CONFIG` for each config path read from
stdin (one a line), one after the other, in one process; a line "built CONFIG" on stdout after each.

The same steps as mkdocs' own `build` command (load the config, the plugins' startup, build, shutdown),
through mkdocs' Python entry points. Each build still has its own config and plugins; what is shared is the
interpreter start, the imports and the theme's compiled templates (scripts/engine/theme.py): most of the
cost of a small build. commands.py runs one such process per core (scripts/engine/__init__.py), giving it
the next config once the last is built. On failure: the config and mkdocs' message on stderr, exit status 1.
"""
import logging
import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException


def main(lines) -> int:
    logging.basicConfig(format="%(levelname)s: %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # what --quiet does
    path = "stdin"
    try:
        for path in (line.rstrip("\n") for line in lines):
            build_one(path)
            print(f"built {path}", flush=True)
    except (MkDocsException, OSError) as err:  # OSError: a full disk, a folder it cannot write
        print(f"{path}: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C reaches every process of the build (building or waiting); commands.py reports it
        return 130
    return 0


def build_one(path: str) -> None:
    config = load_config(config_file=path)
    # dirty=True: not mkdocs' first step of emptying the site folder, which would remove the files that
    # commands.build writes there meanwhile. The folder is new, so every page is built all the same (mkdocs
    # skips only a page whose HTML is newer than its Markdown).
    config.plugins.on_startup(command="build", dirty=True)
    try:
        build(config, dirty=True)
    finally:
        config.plugins.on_shutdown()


if __name__ == "__main__":
    sys.exit(main(sys.stdin))
