"""`./vp review-translations BASE` in a temporary git repository holding a copy of the checkout: a file
re-wrapped by msgcat lists no unit, one edited msgstr lists exactly that unit, a review mark shows."""
import subprocess
import sys

from tests.test_preview import copy_checkout, edit_msgstr

UNIT = "valletta-2025/p13/title"


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args], cwd=repo, check=True,
                   capture_output=True)


def review(repo) -> str:
    result = subprocess.run([sys.executable, "-m", "scripts", "review-translations", "HEAD"], cwd=repo, capture_output=True,
                            text=True)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result.stdout


def test_review_lists_the_changed_units_whatever_the_wrapping(tmp_path):
    repo = copy_checkout(tmp_path / "repo")
    git(repo, "init", "-q")
    git(repo, "add", "translations")
    git(repo, "commit", "-q", "-m", "base")
    po = repo / "translations" / "fr.po"
    for width in ("--width=79", "--width=60", "--no-wrap"):
        subprocess.run(["msgcat", width, "-o", str(po), str(po)], check=True)
        assert review(repo).count(" 0 unit(s) changed") == 5
    edit_msgstr(po, UNIT, 'msgstr "', 'msgstr "Nouveau titre : ')
    edit_msgstr(po, UNIT, "msgctxt", "# review: reviewed\nmsgctxt")
    report = review(repo)
    assert "translations/fr.po: 1 unit(s) changed" in report and report.count(" 0 unit(s) changed") == 4
    block = report.split("translations/fr.po:")[1].split("\n\n")[0]
    assert f"  {UNIT}\n" in block and "English: Strengthening the criminal justice sector" in block
    assert "before:  [draft] " in block and "after:  [reviewed] Nouveau titre : " in block
