"""Every `queries/checks/*-violation.rq` returns no rows on the built graph,
and fires on its fixture in tests/fixtures/violations/ (so none passes vacuously)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from direct import run

from bilateral.graph.results import compact
from bilateral.graph.store import open_store

ROOT = Path(__file__).resolve().parents[2]
CHECKS = sorted((ROOT / "queries" / "checks").glob("*-violation.rq"))
FIXTURES = ROOT / "tests" / "fixtures" / "violations"


def rows(store: ox.Store, check: Path) -> list[str]:
    results = run(store, check.read_text(encoding="utf-8"))
    names = [v.value for v in results.variables]
    return [" ".join(compact(s[n]) for n in names) for s in results]


@pytest.mark.parametrize("check", CHECKS, ids=lambda p: p.stem)
def test_check_fires_on_its_fixture(check):
    fixture = FIXTURES / (check.stem.removesuffix("-violation") + ".trig")
    store = ox.Store()
    store.load(path=str(fixture), format=ox.RdfFormat.TRIG)
    assert rows(store, check), f"{check.name} does not fire on {fixture.name}"


@pytest.mark.parametrize("check", CHECKS, ids=lambda p: p.stem)
def test_built_graph_has_no_violation(built_store, check):
    found = rows(open_store(built_store), check)
    assert not found, f"{check.name}: {len(found)} violation(s):\n" + "\n".join(found[:40])


def test_every_check_has_a_fixture():
    assert CHECKS
    for check in CHECKS:
        assert (FIXTURES / (check.stem.removesuffix("-violation") + ".trig")).is_file()
