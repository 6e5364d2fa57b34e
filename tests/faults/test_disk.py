"""A full disk and a read-only store folder give a clear error; the old store stays served.

The full disk is a small tmpfs (needs root to mount) and, everywhere, a file
size limit (RLIMIT_FSIZE) on the build process; the read-only folder is a
read-only bind mount (root) or a folder without write permission.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from faultkit import counts_in, set_links
from loopback import start_bilateral, stop

from bilateral.graph import store as stores

ROOT = os.geteuid() == 0


def bilateral_build(project: Path, store: Path, fsize: int | None = None):
    """`bilateral build --store STORE` in `project`, optionally under a file-size limit."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run(
        [sys.executable, "-m", "bilateral", "build", "--store", str(store)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit if fsize else None,
    )


def assert_clear_failure(done, store: Path) -> None:
    """Exit 1, the store's path in the message, no traceback, no partial folder left."""
    assert done.returncode == 1, done.stderr
    assert str(store) in done.stderr
    assert "Traceback" not in done.stderr
    root = stores.builds_root(store)
    if root.exists():
        assert not [p for p in root.iterdir() if p.name.startswith(".partial-")]


@contextmanager
def mounted(command: list[str], target: Path):
    """Run a mount command on `target`, unmount at the end; skip when it is not allowed."""
    if not ROOT:
        pytest.skip("mounting needs root; the RLIMIT_FSIZE and chmod variants cover the rest")
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here: {done.stderr.strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=True)


def test_full_tmpfs_fails_clearly_and_keeps_the_store(small_project, tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    with mounted(["mount", "-t", "tmpfs", "-o", "size=5200k", "tmpfs", str(disk)], disk):
        store = disk / "store"
        first = bilateral_build(small_project, store)
        assert first.returncode == 0, first.stderr
        before = counts_in(store)
        set_links(small_project, True)  # other inputs: a second build needs room beside the first
        done = bilateral_build(small_project, store)
        assert_clear_failure(done, store)
        assert "No space left on device" in done.stderr
        assert counts_in(store) == before


def test_file_size_limit_fails_clearly(small_project, tmp_path):
    store = tmp_path / "var" / "store"
    done = bilateral_build(small_project, store, fsize=64_000)
    assert_clear_failure(done, store)
    assert "too large" in done.stderr.lower()


def _read_only(folder: Path):
    """A read-only bind mount of `folder` over itself (root), else chmod a-w."""
    if ROOT:
        target = f"'{folder}'"
        script = f"mount --bind {target} {target} && mount -o remount,bind,ro {target}"
        return mounted(["sh", "-c", script], folder)

    @contextmanager
    def chmodded():
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)

    return chmodded()


def test_read_only_store_folder_fails_build_but_still_serves(small_project, tmp_path):
    var = tmp_path / "var"
    store = var / "store"
    assert bilateral_build(small_project, store).returncode == 0
    before = counts_in(store)
    set_links(small_project, True)
    with _read_only(var):
        done = bilateral_build(small_project, store)
        assert_clear_failure(done, store)
        assert "read-only" in done.stderr.lower() or "permission" in done.stderr.lower()
        process, base = start_bilateral(store, tmp_path / "server.log", workers=1)
        try:
            query = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
            url = base + "/sparql?" + urllib.parse.urlencode({"query": query})
            accept = {"Accept": "application/sparql-results+json"}
            request = urllib.request.Request(url, headers=accept)
            with urllib.request.urlopen(request, timeout=30) as response:
                body = json.load(response)
            total = int(body["results"]["bindings"][0]["n"]["value"])
            assert total == sum(before.values())
            with urllib.request.urlopen(base + "/download.json", timeout=30) as listing:
                assert json.load(listing)["files"]  # pages read the manifest and dumps too
        finally:
            stop(process)
