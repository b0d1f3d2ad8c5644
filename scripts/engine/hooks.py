"""MkDocs hooks (added to every generated mkdocs config): what Material cannot be configured to do, through
mkdocs' public hook API only (no monkeypatching of mkdocs-static-i18n).

- site_name and the navigation titles arrive HTML-escaped (scripts/engine/config.py: Material writes them
  into pages as they are); marked safe here so that Material's `| e` does not escape them twice.
- The theme's templates are compiled once per process, not once per build (scripts/engine/theme.py).
- The theme's files that no page loads are not copied into the site; our own stylesheet and scripts are
  minified.
- In `mkdocs serve` (the preview), the served pages get the finishing pass (scripts/finish.py) that a
  build applies to the whole site afterwards, so the preview shows what readers get; with the preview's
  Content-Security-Policy, which lets mkdocs' live-reload script run (finish.PREVIEW_SCRIPTS).

mkdocs loads this file by its path, not as part of the `scripts` package: imports are absolute.
"""
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup

from scripts.engine import theme

TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)  # inline scripts without attributes
JINJA_VALUE = re.compile(r"\{\{.*?\}\}")
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/", "assets/stylesheets/palette.")
command = {"name": "build"}


def on_startup(command, dirty):
    globals()["command"] = {"name": command}


def on_config(config):
    config.theme = theme.shared(config.theme)
    return config


def on_files(files, config):
    """Leaves out the theme files that no page loads: Material's own search (its worker and the lunr
    languages; the site's search is Pagefind's) and its colour palettes (not used), a tenth of the files of
    every build."""
    for file in [file for file in files if file.src_uri.startswith(UNUSED_THEME_FILES)]:
        files.remove(file)
    return files


def on_env(env, config, files):
    config["site_name"] = Markup(config["site_name"])
    # tojson (the JSON-LD, the theme's __config) writes text as UTF-8, not as \uXXXX escapes, which were a
    # fifth of those scripts' bytes in Russian, Arabic and Chinese; Jinja still escapes < > & ', so no
    # script element can be ended early.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def on_nav(nav, config, files):
    def mark(items):
        for item in items:
            if isinstance(item.title, str):
                item.title = Markup(item.title)
            mark(getattr(item, "children", None) or [])
    mark(nav.items)
    return nav


def on_post_build(config):
    minify_own_assets(Path(config.theme.custom_dir), Path(config.site_dir))
    if command["name"] != "serve":
        return  # a build's site is finished as a whole by scripts/commands.py, once every build is done
    from scripts import engine, finish

    root = config.extra["vp_site_root"]  # the public address; `mkdocs serve` changes site_url to its own
    folder_path = urlsplit(config.site_url).path[len(urlsplit(root).path):]
    finish.finish_site(Path(config.site_dir), root, engine.trusted_scripts(), folder_path, preview=True)


def minify_own_assets(overrides: Path, site_dir: Path) -> None:
    """Our stylesheets and scripts (overrides/assets, written to be read, with comments) minified where the
    theme copied them into the site. Material's own are minified already."""
    import rcssmin
    import rjsmin

    from scripts.fileio import write_files

    minify = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}
    files = {f"assets/{path.name}": minify[path.suffix](path.read_text(encoding="utf-8")) + "\n"
             for path in sorted((overrides / "assets").iterdir()) if path.suffix in minify}
    write_files(site_dir, files, durable=False)  # the build makes the whole site durable once (commands.py)


@cache
def theme_scripts(template_dirs: tuple) -> tuple:
    """Patterns of the inline scripts the theme's templates write; a {{ value }} in one stands for a URL."""
    patterns = set()
    for folder in template_dirs:
        for template in Path(folder).rglob("*.html"):
            for body in TEMPLATE_SCRIPT.findall(template.read_text(encoding="utf-8")):
                patterns.add("[^\"'<>]*".join(re.escape(part) for part in JINJA_VALUE.split(body)))
    return tuple(re.compile(pattern) for pattern in sorted(patterns))
