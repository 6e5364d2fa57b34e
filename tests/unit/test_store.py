"""The store link is swapped atomically and old builds are pruned, never the current one."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from bilateral.graph import store as stores

EX = "http://example.org/"


def make_build(store, build_id: str, label: str):
    """A finished build folder holding one triple, not yet published."""
    partial = stores.new_build_dir(store, build_id)
    db = ox.Store(str(partial / "store"))
    db.add(ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "label"), ox.Literal(label)))
    db.flush()
    del db
    stores.write_json(partial / stores.MANIFEST, {"id": build_id})
    return partial


def label_in(store) -> str:
    (solution,) = stores.open_store(store).query(f"SELECT ?o WHERE {{ <{EX}s> ?p ?o }}")
    return solution["o"].value


def test_publish_links_store_to_build(tmp_path):
    store = tmp_path / "var" / "store"
    stores.publish(store, make_build(store, "aaa", "first"), "aaa")
    assert store.is_symlink()
    assert stores.read_manifest(store) == {"id": "aaa"}
    assert label_in(store) == "first"


def test_unpublished_build_leaves_current_store(tmp_path):
    store = tmp_path / "store"
    stores.publish(store, make_build(store, "aaa", "first"), "aaa")
    make_build(store, "bbb", "second")  # a build that failed before publish
    assert label_in(store) == "first"
    assert stores.read_manifest(store)["id"] == "aaa"


def test_republish_replaces_and_prunes(tmp_path):
    store = tmp_path / "store"
    for n, build_id in enumerate(["b1", "b2", "b3", "b4", "b5"]):
        stores.publish(store, make_build(store, build_id, f"v{n}"), build_id)
    assert label_in(store) == "v4"
    kept = sorted(p.name for p in stores.builds_root(store).iterdir())
    assert len(kept) == stores.KEEP_BUILDS
    assert "b5" in kept


def test_same_id_rebuilt_over_the_current_build(tmp_path):
    store = tmp_path / "store"
    stores.publish(store, make_build(store, "same", "old"), "same")
    stores.publish(store, make_build(store, "same", "new"), "same")
    assert label_in(store) == "new"


def test_store_from_older_layout_is_kept_aside(tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    (store / "marker").write_text("old")
    stores.publish(store, make_build(store, "aaa", "first"), "aaa")
    assert store.is_symlink()
    assert any(p.name.startswith("legacy-") for p in stores.builds_root(store).iterdir())


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(stores.StoreError, match="run `bilateral build` first"):
        stores.open_store(tmp_path / "nothing")
    assert stores.read_manifest(tmp_path / "nothing") is None
