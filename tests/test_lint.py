"""ruff (pinned in requirements.txt, configured in pyproject.toml) finds nothing in the code; and on a file
with a known problem it does find one, so a passing check means something."""
import subprocess
import sys

from scripts.config import ROOT


def ruff(*args):
    # --no-cache: tests write only into temporary folders (ruff would keep .ruff_cache/ in the checkout)
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)


def test_ruff_finds_no_problem():
    result = ruff(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_would_find_one(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n\nfor key in {}:\n    pass\n", encoding="utf-8")
    result = ruff("--config", ROOT / "pyproject.toml", bad)
    assert result.returncode == 1 and "F401" in result.stdout and "B007" in result.stdout, result.stdout
