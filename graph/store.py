"""The on-disk store and its atomic replacement.

Layout: `<store>` is a symbolic link to `<store>.builds/<id>/store`, a
pyoxigraph (RocksDB) directory; beside it sit `manifest.json`, `dumps/` and
`coverage.json`.
A build writes a new `<id>` directory and only then swaps the link, so a
failed or killed build never touches the store in use.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

import pyoxigraph as ox

from bilateral.graph.namespaces import GRAPHS, UNION

logger = logging.getLogger(__name__)

KEEP_BUILDS = 3
MANIFEST = "manifest.json"
COVERAGE = "coverage.json"


class StoreError(OSError):
    """The store is missing or unreadable."""


def builds_root(store: Path) -> Path:
    """The folder holding every build of `store`."""
    return store.with_name(store.name + ".builds")


def build_dir(store: Path) -> Path:
    """The build folder the store link points into (manifest and dumps)."""
    return store.resolve().parent


def read_manifest(store: Path) -> dict | None:
    """The manifest of the current build, or None when there is no build."""
    path = build_dir(store) / MANIFEST
    if not store.exists() or not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def read_coverage(store: Path) -> dict | None:
    """The mention coverage the current build wrote, or None when it has none."""
    path = build_dir(store) / COVERAGE
    if not store.exists() or not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def open_store(store: Path) -> ox.Store:
    """Open the current build read-only (several processes may share it).

    :raises StoreError: when there is no built store at `store`.
    """
    if not store.exists():
        raise StoreError(f"{store}: no store here; run `bilateral build` first")
    try:
        return ox.Store.read_only(str(store.resolve()))
    except OSError as exc:
        raise StoreError(f"{store}: cannot open the store: {exc}") from exc


def union_dataset() -> dict:
    """`Store.query` arguments for the dataset every query sees by default.

    The default graph is the union of the published graphs (not the
    explanations); every named graph, explanations included, is there for
    GRAPH patterns.
    """
    return {
        "default_graph": [ox.NamedNode(str(GRAPHS[name])) for name in UNION],
        "named_graphs": [ox.NamedNode(str(iri)) for iri in GRAPHS.values()],
    }


def write_json(path: Path, data: dict) -> None:
    """Write JSON atomically (temporary file, then rename)."""
    write_text(path, json.dumps(data, indent=2, sort_keys=True) + "\n")


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically (temporary file, then rename)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def new_build_dir(store: Path, build_id: str) -> Path:
    """A fresh, private folder for a build in progress."""
    root = builds_root(store)
    root.mkdir(parents=True, exist_ok=True)
    partial = root / f".partial-{build_id}-{os.getpid()}"
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir()
    return partial


def publish(store: Path, partial: Path, build_id: str) -> Path:
    """Swap the store link to a finished build, atomically; prune old builds."""
    root = builds_root(store)
    final = root / build_id
    if final.exists() and store.is_symlink() and store.resolve().parent == final.resolve():
        # Never move the build in use: the link would dangle until swapped (issue 6).
        final = root / f"{build_id}-{os.getpid()}"
    if final.exists():
        shutil.rmtree(final)
    os.replace(partial, final)
    if store.exists() and not store.is_symlink():
        # A store from before this layout: keep it as a build, then link over it.
        os.replace(store, root / f"legacy-{os.getpid()}")
    link = store.with_name(f".{store.name}.{os.getpid()}.link")
    if link.is_symlink():
        link.unlink()
    os.symlink(os.path.relpath(final / "store", store.parent), link)
    os.replace(link, store)
    prune(store)
    return final


def prune(store: Path) -> None:
    """Remove all but the newest builds, never the current one."""
    root = builds_root(store)
    current = store.resolve().parent
    builds = sorted(
        (p for p in root.iterdir() if p.is_dir() and p.resolve() != current),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    stale = [p for p in builds if p.name.startswith((".partial-", ".retired-"))]
    old = [p for p in builds if p not in stale][KEEP_BUILDS - 1 :]
    for path in stale + old:
        if path.name.startswith(".partial-") and _owner_alive(path):
            continue
        logger.info("removing old build %s", path)
        shutil.rmtree(path, ignore_errors=True)


def _owner_alive(partial: Path) -> bool:
    """Whether the process that writes a partial build still runs."""
    try:
        pid = int(partial.name.rsplit("-", 1)[1])
        os.kill(pid, 0)
    except (ValueError, ProcessLookupError, IndexError):
        return False
    except PermissionError:
        return True
    return pid != os.getpid()
