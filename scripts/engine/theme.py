"""The theme's templates made once per process, whichever of its builds needs them (scripts/engine/run.py runs
several builds in one process; the preview rebuilds in one).

MkDocs makes a new Jinja environment for every build: it lists the theme's 14,000 files again (Material's
icons among them) to find its static files, and compiles every template again. Here each build gets a
copy of its theme whose `get_env` returns the environment made for the same template folders earlier in
the process, with the list of their files kept: the same templates, compiled once. Only the hooks
(scripts/engine/hooks.py, `on_config`) use this module; it imports nothing of the pipeline, so that a
plain `mkdocs build` of a generated project loads as little as before.
"""
import os

import jinja2
from mkdocs.theme import Theme


class ListingLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that lists its folders once (MkDocs asks for the list in every build)."""

    listed = None

    def list_templates(self) -> list:
        # Without the names below a folder whose name starts with a dot (Material's 14,000 .icons): MkDocs
        # asks for the list only to find the theme's static files, and its filter drops those names anyway
        # (pattern '.*'), but only after matching each against its patterns, in every build.
        if self.listed is None:
            self.listed = [name for name in super().list_templates() if not name.startswith(".")]
        return self.listed


ENVIRONMENTS = {}  # (template folders, catalog locale) -> the environment made for them in this process


class SharedTheme(Theme):
    """The same theme, with one Jinja environment per process for the same folders and catalogs."""

    def get_env(self) -> jinja2.Environment:
        key = (tuple(self.dirs), catalog_locale(self))
        if key not in ENVIRONMENTS:
            env = super().get_env()  # MkDocs' own: its filters and translations
            env.loader = ListingLoader(list(self.dirs))
            ENVIRONMENTS[key] = env
        return ENVIRONMENTS[key]


def catalog_locale(theme: Theme):
    """The locale whose gettext catalogs MkDocs installs into the environment, or None when the theme has no
    `locales` folder (Material has none: its texts are partials/languages/*.html), so that its templates
    are the same in every language."""
    return str(theme.locale) if any(os.path.isdir(os.path.join(d, "locales")) for d in theme.dirs) else None


def shared(theme: Theme) -> SharedTheme:
    """A SharedTheme with the state of `theme` (its name, folders and options)."""
    copy = SharedTheme.__new__(SharedTheme)
    copy.__dict__.update(vars(theme))
    return copy
