"""Canned queries: `queries/*.rq` files with a parsed header."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bilateral.graph.errors import InputError

_HEADER = re.compile(r"^#\s?(?P<key>[a-z]+):\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(?P<value>\S.*)$")
_PARAM = re.compile(r"^\?(?P<name>\w+)\s+(?P<doc>.*)$")
_PROJECTION = re.compile(
    r"\bSELECT\b(?P<projection>.*?)(?:\bWHERE\b|\{)", re.IGNORECASE | re.DOTALL
)


class QueryFileError(InputError):
    """A canned query file lacks its header or declares it badly."""


@dataclass(frozen=True)
class Parameter:
    """A variable a canned query lets its user bind (`# param: ?actor  doc`)."""

    name: str
    doc: str

    @property
    def optional(self) -> bool:
        return self.doc.lower().startswith("optional")


@dataclass(frozen=True)
class CannedQuery:
    """One `.rq` file: its name (file stem), header and SPARQL text."""

    name: str
    title: str
    description: str
    text: str
    path: Path
    params: tuple[Parameter, ...] = field(default=())


def parse_header(text: str, source: str = "<query>") -> dict[str, list[str]]:
    """The `# key: value` header of a query, continuation lines joined.

    >>> parse_header("# title: Exercises\\n# description: All of them,\\n#   by size.\\nSELECT")
    {'title': ['Exercises'], 'description': ['All of them, by size.']}
    """
    header: dict[str, list[str]] = {}
    last = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if last and (cont := _CONTINUATION.match(line)):
            header[last][-1] += " " + cont["value"].strip()
        elif match := _HEADER.match(line):
            last = match["key"]
            header.setdefault(last, []).append(match["value"].strip())
        else:
            last = None
    return header


def load_query(path: Path) -> CannedQuery:
    """Load one canned query.

    :raises QueryFileError: when the title or description is missing, or a
        parameter is declared badly.
    """
    text = path.read_text(encoding="utf-8")
    header = parse_header(text, str(path))
    for key in ("title", "description"):
        if not header.get(key):
            raise QueryFileError(f"{path}:1: the header has no '# {key}:' line")
    params = []
    for value in header.get("param", []):
        match = _PARAM.match(value)
        if not match:
            raise QueryFileError(f"{path}: bad '# param: {value}' (expected '?name  description')")
        params.append(Parameter(match["name"], match["doc"].strip()))
    check_projected(text, [p.name for p in params], path)
    return CannedQuery(
        name=path.stem,
        title=header["title"][0],
        description=header["description"][0],
        text=text,
        path=path,
        params=tuple(params),
    )


def check_projected(text: str, names: list[str], path: Path) -> None:
    """Refuse parameters a SELECT does not project: pyoxigraph binds only projected ones.

    :raises QueryFileError: naming the file and the parameter.
    """
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    match = _PROJECTION.search(body)
    projected = set(re.findall(r"[?$](\w+)", match["projection"])) if match else set()
    if match and match["projection"].strip() == "*":
        return
    for name in names:
        if name not in projected:
            raise QueryFileError(
                f"{path}: parameter ?{name} is not in the SELECT projection, "
                "so it cannot be bound; add it after SELECT"
            )


def load_queries(queries_dir: Path) -> dict[str, CannedQuery]:
    """Every canned query of a folder (not its `checks/`), by name, sorted."""
    return {p.stem: load_query(p) for p in sorted(queries_dir.glob("*.rq"))}
