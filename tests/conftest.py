"""Shared fixtures: the seed documents, a store built from them, and the CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cancu.queries.link import link
from cancu.queries.runner import EmbeddedEndpoint
from cancu.queries.store import GraphStore

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


@pytest.fixture(scope="module")
def endpoint() -> EmbeddedEndpoint:
    """The hand-built corpus (tests/fixtures/corpus.trig: every trace status, an alias, a subtask, a duty), linked."""
    store = GraphStore.in_memory()
    store.load_trig((ROOT / "tests" / "fixtures" / "corpus.trig").read_bytes())
    link(store)
    return EmbeddedEndpoint(store)


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from the seeds through the real build command."""
    from cancu.cli import cli

    store = tmp_path_factory.mktemp("store") / "store"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store
