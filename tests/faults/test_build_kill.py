"""A build killed at any point never leaves a damaged store in use (issue 6, faults).

Builds run in forked children (no interpreter start, so most of the time goes
to the build's own phases) and are killed with SIGKILL after a random delay
drawn from a seeded RNG over the whole build. After every kill the store in
use must be a complete build: its manifest names one of the two input sets
and a query counts exactly that build's triples. The full form runs 200
kills: `BILATERAL_FAULT_KILLS=200 pytest tests/faults`.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from faultkit import counts_in, set_links

from bilateral.graph import store as stores
from bilateral.graph.build import build

KILLS = int(os.environ.get("BILATERAL_FAULT_KILLS", "20"))
SEED = int(os.environ.get("BILATERAL_FAULT_SEED", "6"))


def _build_quietly(project: Path, store: Path) -> None:
    build(project, store)


def _known_builds(project: Path, store: Path) -> tuple[dict[str, dict[str, int]], float]:
    """Build both input sets once: their counts by build id, and the warm build's seconds."""
    known, seconds = {}, 0.0
    for present in (True, False):
        set_links(project, present)
        started = time.monotonic()
        result = build(project, store)
        seconds = time.monotonic() - started  # the second build: imports done
        known[result.build_id] = counts_in(store)
        assert known[result.build_id] == result.counts
    return known, seconds


def _assert_whole(store: Path, known: dict[str, dict[str, int]], allowed: set[str]) -> str:
    """The store in use is one complete, known build; returns its id."""
    manifest = stores.read_manifest(store)
    assert manifest is not None, f"{store} points nowhere: {os.readlink(store)}"
    assert manifest["id"] in allowed
    assert not store.resolve().parent.name.startswith(".partial-")
    assert counts_in(store) == known[manifest["id"]]
    return manifest["id"]


def test_killed_builds_leave_a_whole_store(small_project, tmp_path):
    store = tmp_path / "var" / "store"
    known, seconds = _known_builds(small_project, store)
    current = stores.read_manifest(store)["id"]
    rng = random.Random(SEED)
    fork = multiprocessing.get_context("fork")
    outcomes = {"killed": 0, "finished": 0}
    for _ in range(KILLS):
        present = rng.random() < 0.5
        set_links(small_project, present)
        attempted = next(i for i, c in known.items() if (c["links"] > 0) == present)
        child = fork.Process(target=_build_quietly, args=(small_project, store))
        child.start()
        time.sleep(rng.uniform(0, seconds * 1.1))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        outcomes["finished" if child.exitcode == 0 else "killed"] += 1
        allowed = {attempted} if child.exitcode == 0 else {current, attempted}
        current = _assert_whole(store, known, allowed)
    assert outcomes["killed"] >= KILLS // 2, outcomes
    # The command line then builds, and removes the partial folders of the killed builds.
    set_links(small_project, True)
    done = subprocess.run(
        [sys.executable, "-m", "bilateral", "build", "--store", str(store)],
        cwd=small_project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    leftovers = [p.name for p in stores.builds_root(store).iterdir() if p.name.startswith(".")]
    assert leftovers == []
    _assert_whole(store, known, set(known))


@pytest.fixture(scope="module")
def finished_builds(tmp_path_factory) -> tuple[Path, dict[str, dict[str, int]]]:
    """A folder of two finished builds (copied, never published again) and their counts."""
    from faultkit import copy_small_project

    root = tmp_path_factory.mktemp("finished")
    project = copy_small_project(root / "project")
    store = root / "var" / "store"
    known, _ = _known_builds(project, store)
    templates = root / "templates"
    for build_id in known:
        shutil.copytree(stores.builds_root(store) / build_id, templates / build_id, symlinks=True)
    return templates, known


def _publish_copy(templates: Path, store: Path, build_id: str) -> None:
    partial = stores.new_build_dir(store, build_id)
    shutil.copytree(templates / build_id, partial, symlinks=True, dirs_exist_ok=True)
    stores.publish(store, partial, build_id)


@pytest.mark.parametrize("step", range(8))
@pytest.mark.parametrize("same_id", [True, False], ids=["same-id", "new-id"])
def test_publish_interrupted_at_each_step_keeps_a_store(
    finished_builds, tmp_path, monkeypatch, step, same_id
):
    """A crash before any file-system call of publish leaves the old or the new build in use."""
    templates, known = finished_builds
    first, second = sorted(known)
    store = tmp_path / "var" / "store"
    _publish_copy(templates, store, first)
    calls = {"n": 0, "on": False}

    class Crash(BaseException):
        """Stands for SIGKILL: nothing after it runs."""

    def crashing(real):
        def call(*args, **kwargs):
            if calls["on"]:
                if calls["n"] == step:
                    raise Crash()
                calls["n"] += 1
            return real(*args, **kwargs)

        return call

    for name in ("replace", "symlink", "unlink", "rename"):
        monkeypatch.setattr(stores.os, name, crashing(getattr(os, name)))
    monkeypatch.setattr(stores.shutil, "rmtree", crashing(shutil.rmtree))
    target = first if same_id else second
    partial = stores.new_build_dir(store, target)
    shutil.copytree(templates / target, partial, symlinks=True, dirs_exist_ok=True)
    calls["on"] = True
    try:
        stores.publish(store, partial, target)
    except Crash:
        pass
    calls["on"] = False
    monkeypatch.undo()
    _assert_whole(store, known, {first, target})
    _publish_copy(templates, store, second)  # and the next build goes through
    _assert_whole(store, known, {second})
