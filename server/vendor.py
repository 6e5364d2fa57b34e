"""Copy the front-end libraries from node_modules into server/static/vendor/.

`make vendor` runs `npm ci` (pinned by package-lock.json) and then
`python -m bilateral.server.vendor`. Each package lands in a folder named with
its version, so a new version never meets a browser's cached old file, and a
small manifest tells the templates the versioned paths. Nothing here is
committed: the folder is git-ignored and rebuilt from the lockfile.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from pathlib import Path

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
VENDOR = STATIC / "vendor"
MANIFEST = VENDOR / "manifest.json"

# package -> {role: file inside the package}; roles are what templates ask for.
ASSETS: dict[str, dict[str, str]] = {
    "@zazuko/yasgui": {
        "js": "build/yasgui.min.js",
        "css": "build/yasgui.min.css",
    },
    "vis-timeline": {
        "js": "standalone/umd/vis-timeline-graph2d.min.js",
        "css": "styles/vis-timeline-graph2d.min.css",
    },
    "vis-network": {
        "js": "standalone/umd/vis-network.min.js",
        "css": "styles/vis-network.min.css",
    },
}
LICENCES = ("LICENSE", "LICENSE.md", "LICENSE-MIT", "LICENSE.MIT.txt", "LICENSE-APACHE-2.0")


class VendorError(RuntimeError):
    """A package or one of its files is missing from node_modules."""


def folder_name(package: str, version: str) -> str:
    """The versioned folder of a package under static/vendor/.

    >>> folder_name("@zazuko/yasgui", "4.6.2")
    'zazuko-yasgui-4.6.2'
    """
    return f"{package.lstrip('@').replace('/', '-')}-{version}"


def copy_package(node_modules: Path, package: str, files: dict[str, str]) -> dict[str, str]:
    """Copy one package's files; return role -> path relative to static/.

    :raises VendorError: when the package or a file is missing (run `npm ci`).
    """
    source = node_modules / package
    meta = source / "package.json"
    if not meta.is_file():
        raise VendorError(f"{source}: not installed; run `npm ci` first")
    version = json.loads(meta.read_text(encoding="utf-8"))["version"]
    target = VENDOR / folder_name(package, version)
    paths = {}
    for role, name in files.items():
        src = source / name
        if not src.is_file():
            raise VendorError(f"{src}: missing from {package} {version}")
        dst = target / Path(name).name
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        paths[role] = dst.relative_to(STATIC).as_posix()
    for licence in LICENCES:
        if (source / licence).is_file():
            shutil.copyfile(source / licence, target / licence)
    paths["version"] = version
    return paths


def vendor(node_modules: Path) -> dict[str, dict[str, str]]:
    """Copy every package and write the manifest atomically."""
    manifest = {
        package: copy_package(node_modules, package, files) for package, files in ASSETS.items()
    }
    tmp = MANIFEST.with_name(f".manifest.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, MANIFEST)
    return manifest


def load_manifest() -> dict[str, dict[str, str]]:
    """The manifest written by `vendor`, or {} when the libraries were not installed."""
    try:
        return json.loads(MANIFEST.read_text(encoding="utf-8"))
    except FileNotFoundError:
        logger.warning("%s missing: run `make vendor` for the query page and views", MANIFEST)
        return {}


def main(argv: list[str] | None = None) -> int:
    """Copy from ./node_modules (or the folder given) into static/vendor/."""
    args = sys.argv[1:] if argv is None else argv
    node_modules = Path(args[0]) if args else Path("node_modules")
    try:
        manifest = vendor(node_modules)
    except VendorError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    for package, paths in sorted(manifest.items()):
        sys.stderr.write(f"{package} {paths['version']} -> static/vendor/\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
