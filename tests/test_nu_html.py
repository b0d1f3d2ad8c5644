"""The Nu HTML Checker (vnu.jar, the W3C's validator; pinned in package-lock.json, run with Debian's Java) over every HTML
file of the build, 404 and redirect pages included: not one error. It knows HTML's content models and
attribute rules, which tests/test_html_valid.py (the parser's errors) does not."""
import json
import shutil
import subprocess

from scripts.config import ROOT
from tests.test_html_valid import least_html_files

CHECKERS = sorted((ROOT / "node_modules" / "vnu-jar" / "build" / "dist").glob("vnu.jar"))  # package.json
# One run of seconds: Java's quick compiler only and one garbage collector thread take half the CPU of its
# defaults; that compiler's code needs a deeper stack than the checker's minimum (512k) for the HTML schema.
JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss16m"]


def nu_errors(folder) -> list:
    """'file: line N: message' for every error the checker reports on the HTML files below `folder`."""
    assert CHECKERS and shutil.which("java"), "the Nu HTML Checker needs ./vp test (installs Java and vnu.jar)"
    done = subprocess.run(["java", *JAVA_OPTIONS, "-jar", str(CHECKERS[-1]), "--errors-only", "--format", "json", "--skip-non-html",
                           str(folder)], capture_output=True, text=True)
    messages = json.loads(done.stderr)["messages"]
    assert done.returncode == (1 if messages else 0), done.stderr[-2000:]
    return [f"{m['url'].split(str(folder), 1)[-1]}: line {m.get('lastLine')}: {m['message']}"
            for m in messages if m["type"] in ("error", "non-document-error")]


def test_every_page_passes_the_nu_html_checker(built_site, inputs):
    assert len(list(built_site.rglob("*.html"))) >= least_html_files(inputs.site)
    errors = nu_errors(built_site)
    assert errors == [], "\n".join(errors[:50])


def test_the_checker_reports_what_the_theme_used_to_write(tmp_path):
    """The gate can fail: the two template bugs the overrides fix are reported."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>t</title><input type="checkbox" id="c" autocomplete="off">'
        '<label for="c" tabindex="">L</label>', encoding="utf-8")
    errors = nu_errors(tmp_path)
    assert len(errors) == 2 and "autocomplete" in errors[0] and "tabindex" in errors[1], errors
