"""Search: one Pagefind index per edition and language, made over the HTML of the site, whichever engine made
it. The build indexes each folder as soon as the engine has built it (commands.build), while the engine
builds the others: the finishing pass that comes after (scripts/finish.py: CSP, `dir`, language links)
changes nothing Pagefind reads, and tests/test_search.py checks that Pagefind over the finished pages
gives the very bundle the build published.

Pagefind (PyPI `pagefind` with its extended binary inside the `pagefind-bin-extended` wheel) stems French,
Spanish, Russian and Arabic words, segments Chinese, ignores accents a reader leaves out, and loads nothing
in the browser until a search starts. Each build root (`fr/valletta-2025/`) gets its own bundle in
`<root>/pagefind/`, so results are always of the edition and the language being read.

Indexed: the element marked `data-pagefind-body` (the article of every page that is not excluded from
search, overrides/main.html); 404 and redirect pages have none. Left out of the text and so of the excerpts:
the translation banner and notes, a principle's group line, the citation box, the PDF link, the links to
other views.
Same site, same bytes: Pagefind names and writes its files deterministically (tests/test_build.py).
"""
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind_bin_extended import get_executable

from .errors import PipelineError

BUNDLE = "pagefind"  # the bundle's folder below each build root (overrides/assets/vp.js loads it)
NOT_INDEXED = (".vp-status", ".vp-fallback-note", ".vp-group", ".vp-cite", ".vp-download", ".vp-side-link")
# Pagefind indexes a folder in about a second. On a full disk it can fail without saying so: out of inodes
# once it has begun writing, its threads wait for each other forever; out of bytes, it reports success over
# empty files. So it is stopped after this long, and a bundle with an empty file is refused.
INDEX_TIMEOUT = 300  # seconds
OS_ERROR = re.compile(r'Os \{ code: \d+, kind: \w+, message: "([^"]+)" \}')
# What Pagefind writes that the site does not use (its older UIs): left out of the published site.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-highlight.js")


def pagefind_command(root: Path) -> list:
    # The binary itself, as `python -m pagefind` finds it (pagefind_bin_extended.get_executable, public), not
    # through that wrapper: a Python start less for each of the build's dozen indexes.
    command = [str(get_executable()), "--site", str(root), "--output-subdir", BUNDLE, "--silent"]
    for selector in NOT_INDEXED:
        command += ["--exclude-selectors", selector]
    return command


def index_root(root: Path, held: tuple = ()) -> None:
    """The search bundle of one build root; held: file descriptors Pagefind keeps open (the build lock).
    Pagefind does not report every failure to write its files (see INDEX_TIMEOUT): its bundle is checked."""
    bundle = root / BUNDLE
    name = f"{root.parent.name}/{root.name}/{BUNDLE}/"  # 'ru/valletta-2025/pagefind/'
    try:
        subprocess.run(pagefind_command(root), check=True, capture_output=True, text=True, pass_fds=held,
                       timeout=INDEX_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise PipelineError(f"{name}: Pagefind did not finish the search index in {INDEX_TIMEOUT} s and was stopped "
                            "(is the disk full?)") from None
    except subprocess.CalledProcessError as err:
        output = (err.stderr or err.stdout).strip()
        found = OS_ERROR.search(output)  # a panic on a failed write: its reason, not Rust's backtrace
        raise PipelineError(f"{name}: pagefind failed: {found.group(1) if found else output}") from None
    empty = sorted(path.relative_to(bundle).as_posix() for path in bundle.rglob("*") if path.is_file()
                   and path.stat().st_size == 0)
    if empty:
        raise PipelineError(f"{name}: Pagefind wrote {len(empty)} empty file(s), e.g. {empty[0]} "
                            "(No space left on device?)")
    for unused in UNUSED:
        (bundle / unused).unlink(missing_ok=True)


def index_site(site_dir: Path, roots: list) -> None:
    """A search bundle for each build root (site paths such as 'fr/valletta-2025/'), one process per core."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(index_root, [site_dir / root for root in roots]))
