"""Shared fixtures: the seed documents, a store built from them, and the CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    assert len(files) == 5, "the five seed documents must be in data/seeds"
    return files


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from the seeds through the real build command."""
    from cancu.cli import cli

    store = tmp_path_factory.mktemp("store") / "store"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store
