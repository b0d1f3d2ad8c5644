"""`python -m scripts.engine.run CONFIG...`: `mkdocs build --clean --quiet -f CONFIG` for several configs,
one after the other, in one process.

The same steps as mkdocs' own `build` command (load the config, the plugins' startup, build, shutdown),
through mkdocs' Python entry points. Each build still has its own config and plugins; what is shared is the
interpreter start and the imports: most of the cost of a small build. commands.py runs one such process
per core (scripts/engine/__init__.py). On failure: the config and mkdocs' message on stderr, exit status 1.
"""
import logging
import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException


def main(paths: list) -> int:
    logging.basicConfig(format="%(levelname)s: %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # what --quiet does
    for path in paths:
        try:
            config = load_config(config_file=path)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config, dirty=False)
            finally:
                config.plugins.on_shutdown()
        except (MkDocsException, OSError) as err:  # OSError: a full disk, a folder it cannot write
            print(f"{path}: {err}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:  # Ctrl-C reaches every process of the build; commands.py reports it
            return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
