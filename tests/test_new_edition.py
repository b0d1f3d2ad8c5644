"""Adding an edition exactly as README "Adding an edition" says, in a throw-away copy of the checkout: a
synthetic newer edition (tests/synthetic_edition.py: invented test text, never official wording) is
described in principles.yaml, then the copy's own `./vp update-catalogs`, `./vp build` and
`./vp lock-permalinks` run; the lock, the link gate and a browser check are then run on the result. And
the same edition without `aliases:` in principles.yaml: the build fails, naming each alias it would
re-point to a principle that does not derive from the one it led to, and changes nothing."""
import difflib
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts import commands, lock
from scripts.config import LANGUAGES, ROOT
from scripts.permalinks import lang_prefix, pdf_path, site_path
from scripts.render import data
from scripts.sitewalk import BuiltSite
from tests import roles
from tests.browsing import open_page, serve_folder
from tests.synthetic_edition import KEPT_ALIASES, NEW_NUMBER, add_to
from tests.test_links import paragraph_anchors, unlinked_reason
from tests.test_pinpoints import landing

STEPS = ("update-catalogs", "build", "lock-permalinks")  # README "Adding an edition", step 3


def copy_checkout(destination: Path) -> Path:
    """The checkout's files as git sees them (tracked, and new ones not ignored), with its virtual environment
    linked in: the copy's `./vp` then runs the copy's own scripts on the copy's files."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            check=True, capture_output=True).stdout.decode("utf-8").split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():  # a file deleted but not yet committed is listed too
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            (destination / name).write_bytes((ROOT / name).read_bytes())
            (destination / name).chmod((ROOT / name).stat().st_mode)
    (destination / ".venv").symlink_to(ROOT / ".venv")
    return destination


def vp(copy: Path, command: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(copy / "vp"), command], cwd=copy, capture_output=True, text=True, timeout=1200)


@dataclass(frozen=True)
class Added:
    copy: Path
    edition_id: str
    before: dict  # file name -> its text before the edition was added
    inputs: commands.Inputs  # of the copy, after
    walk: BuiltSite  # its built site, each file read once for all the tests below


@pytest.fixture(scope="module")
def added(tmp_path_factory) -> Added:
    copy = copy_checkout(tmp_path_factory.mktemp("new-edition"))
    before = {name: (copy / name).read_text(encoding="utf-8") for name in ("principles.yaml", "permalinks.lock")}
    edition_id = add_to(copy / "principles.yaml")
    for step in STEPS:
        done = vp(copy, step)
        assert done.returncode == 0, f"./vp {step}:\n{done.stdout}{done.stderr}"
    inputs = commands.read_inputs(copy / "principles.yaml", copy / "translations", copy / "content")
    return Added(copy, edition_id, before, inputs, BuiltSite(copy / "site", inputs.site_url))


def test_describing_the_edition_only_adds_lines_to_principles_yaml(added):
    after = (added.copy / "principles.yaml").read_text(encoding="utf-8")
    before = added.before["principles.yaml"].splitlines()
    changes = difflib.SequenceMatcher(None, before, after.splitlines()).get_opcodes()
    # lines are added; the only lines that go are `aliases:` entries the new edition decides anew
    gone = [line for tag, i1, i2, *_ in changes if tag in ("replace", "delete") for line in before[i1:i2]]
    assert {tag for tag, *_ in changes} <= {"equal", "insert", "replace", "delete"}
    assert all(line.split(":", 1)[0].strip() in KEPT_ALIASES for line in gone), gone
    assert vp(added.copy, "check").returncode == 0


def test_the_new_edition_is_the_newest_and_every_alias_is_kept(added):
    site = added.inputs.site
    new, previous = site.latest, roles.with_text(site)[1]  # previous: the newest with text before, which it revises
    assert new.id == added.edition_id and roles.newest_with_text(site) is new
    locked_before = [line for line in added.before["permalinks.lock"].splitlines() if line and not line.startswith("#")]
    locked_after = {entry.path: entry.target for entry in lock.read_lock(added.copy / "permalinks.lock")}
    # nothing once published leaves the lock; every alias stays an alias, now where the rule leads it
    assert [line for line in locked_before if line.split(lock.ARROW)[0] not in locked_after] == []
    assert {line.split(lock.ARROW)[0] for line in locked_before if lock.ARROW in line} <= {p for p, t in locked_after.items() if t}
    assert {p: t for p, t in locked_after.items() if t} == dict(data.aliases(site))
    assert lock.lock_problems(site, lock.read_lock(added.copy / "permalinks.lock")) == []
    targets = dict(data.aliases(site))
    for lang in LANGUAGES:
        short = lambda n, lang=lang: lang_prefix(lang.code) + f"p/{n}/"
        assert targets[short(1)] == site_path(new.id, lang.code, "principles/1/")  # revises what it led to: moves
        assert targets[short(NEW_NUMBER)] == site_path(previous.id, lang.code, f"principles/{NEW_NUMBER}/")  # `aliases:` kept it
        last = previous.principles[-1].number  # a number the new edition lacks: still the last edition with it
        assert targets[short(last)] == site_path(previous.id, lang.code, f"principles/{last}/")


def test_the_link_gate_passes_and_every_edition_is_reachable(added):
    walk = added.walk
    assert walk.broken_links() == []
    reached = walk.reachable()
    assert sorted(rel for rel in walk.pages if rel not in reached and not unlinked_reason(rel, walk.pages[rel])) == []
    assert {path + "index.html" for path in data.page_paths(added.inputs.site)} <= reached
    new = added.inputs.site.latest
    for lang in LANGUAGES:  # the new edition's PDFs have a destination for every paragraph, as on the web
        assert set(paragraph_anchors(new)) <= walk.pdf_destinations(pdf_path(new.id, lang.code)), lang.code


def test_the_editions_list_and_the_older_edition_notice_follow(added):
    site, walk = added.inputs.site, added.walk
    for lang in LANGUAGES:
        home = walk.pages[site_path(site.latest.id, lang.code, "index.html")]
        listed = [a.get("href") for ul in home.tree.iter("ul") if ul.get("class") == "vp-editions" for a in ul.iter("a")]
        assert len(listed) == len(site.editions)
        for older in site.editions[1:]:
            page = walk.pages[site_path(older.id, lang.code, "index.html")]
            notices = [div for div in page.tree.iter("div") if "vp-older" in (div.get("class") or "")]
            assert len(notices) == 1, (lang.code, older.id)
            (link,) = notices[0].iter("a")
            assert link.get("href").rstrip("/").endswith(site.latest.id), (lang.code, older.id)
    newest = walk.pages[site_path(site.latest.id, "en", "index.html")]
    assert not [div for div in newest.tree.iter("div") if "vp-older" in (div.get("class") or "")]


def test_pinpoints_land_on_their_target_in_the_new_edition(added, browser):
    """/p/1/#principle-1-2 leads to the new edition's paragraph, /p/<kept>/#… to the edition `aliases:` keeps."""
    site = added.inputs.site
    kept = roles.with_text(site)[1]
    with serve_folder(added.copy / "site") as server:
        context, page = open_page(browser, server)
        try:
            for path, edition, anchor in (("p/1/", site.latest, "principle-1-2"),
                                          (f"ar/p/{NEW_NUMBER}/", kept, f"principle-{NEW_NUMBER}-1")):
                page.goto(server + path + f"#{anchor}")
                page.wait_for_load_state("load")
                assert f"/{edition.id}/principles/" in page.url and page.url.endswith(f"#{anchor}"), page.url
                found = landing(page)
                assert found and found["id"] == anchor, (path, found)
                assert found["header"] - 1 <= found["top"] < found["height"], (path, found)
        finally:
            page.unroute_all(behavior="ignoreErrors")
            context.close()


def test_without_aliases_the_build_fails_naming_each_alias_it_would_move(tmp_path):
    copy = copy_checkout(tmp_path)
    add_to(copy / "principles.yaml", keep_aliases=False)
    assert vp(copy, "update-catalogs").returncode == 0
    inputs = {name: (copy / name).read_bytes() for name in ("principles.yaml", "permalinks.lock")}
    for command in ("build", "lock-permalinks"):
        failed = vp(copy, command)
        assert failed.returncode == 1, failed.stderr
        assert "Traceback" not in failed.stderr
        for alias in KEPT_ALIASES:
            for lang in LANGUAGES:
                assert f"alias /{lang_prefix(lang.code)}{alias} would lead to" in failed.stderr, (command, alias, lang.code)
        assert "aliases:" in failed.stderr and "principles.yaml" in failed.stderr
        assert {name: (copy / name).read_bytes() for name in inputs} == inputs, "a failed command changes no source"
    assert not (copy / "site").exists(), "a failed build writes no site"
