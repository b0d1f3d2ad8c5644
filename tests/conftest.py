"""Shared fixtures: the real model, and one real build of the whole site (built once per test session)."""
import shutil
from pathlib import Path

import pytest

from scripts import commands
from scripts.config import ROOT
from tests.sitewalk import BuiltSite


@pytest.fixture(scope="session")
def inputs():
    return commands.read_inputs()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """Build the real site once into a temporary folder; tests only read it."""
    site_dir = tmp_path_factory.mktemp("build") / "site"
    commands.build(site_dir)
    return site_dir


@pytest.fixture(scope="session")
def site_walk(built_site):
    """The built site parsed once (html5lib) for the link and HTML gates."""
    return BuiltSite(built_site, commands.read_site_url())


@pytest.fixture
def repo_copy(tmp_path):
    """A throw-away copy of the inputs, for tests that edit principles.yaml or translations."""
    for name in ("principles.yaml", "principles.schema.json", "mkdocs.yml", "permalinks.lock"):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("translations", "content"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path
