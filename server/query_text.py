"""Lexical checks on query text made before a query runs: updates, FROM, SERVICE.

These look at tokens, not at meaning: strings and comments are blanked out
first, so a keyword inside a literal never counts. The engine's parser stays
the judge of syntax.
"""

from __future__ import annotations

import re

_LEXEME = re.compile(
    r"""(?P<iri><[^<>"{}|^`\\\s]*>)"""
    r"""|(?P<long>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\")"""
    r"""|(?P<short>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
    r"""|(?P<comment>\#[^\n]*)""",
    re.S,
)
_PROLOGUE = r"(?:\s*(?:BASE\s*<[^>]*>|PREFIX\s*[\w.\-]*:\s*<[^>]*>))*\s*"
_UPDATE = re.compile(
    _PROLOGUE + r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I
)
_FROM = re.compile(r"\bFROM\s+(?:NAMED\s+)?(?:<|[\w.\-]*:)", re.I)
_PREFIX = re.compile(r"\bPREFIX\s*([\w.\-]*):\s*<([^>]*)>", re.I)
_SERVICE = re.compile(r"\bSERVICE\s+(?:SILENT\s+)?(<[^>]*>|\?\w+|\$\w+|[\w.\-]*:[\w.\-]*)", re.I)


def scrub(text: str) -> str:
    """The query with string literals and comments blanked out, IRIs kept.

    >>> scrub('SELECT * { <a#b> ?p "FROM <x>" } # SERVICE <y>').split()
    ['SELECT', '*', '{', '<a#b>', '?p', '"', '"', '}']
    """

    def blank(match: re.Match) -> str:
        if match.group("iri"):
            return match.group(0)
        token = match.group(0)
        if match.group("comment"):
            return " " * len(token)
        quote = 3 if match.group("long") else 1
        return token[:quote] + " " * (len(token) - 2 * quote) + token[-quote:]

    return _LEXEME.sub(blank, text)


def update_keyword(text: str) -> str | None:
    """The update operation a request starts with (INSERT, LOAD, CLEAR...), if any.

    >>> update_keyword("PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b ex:c }")
    'INSERT'
    >>> update_keyword("SELECT * { ?s ?p ?o }") is None
    True
    """
    match = _UPDATE.match(scrub(text))
    return match.group(1).upper() if match else None


def has_dataset_clause(text: str) -> bool:
    """Whether the query names its own dataset with FROM or FROM NAMED.

    >>> has_dataset_clause("SELECT * FROM <http://g> { ?s ?p ?o }")
    True
    >>> has_dataset_clause('SELECT * { ?s ?p "from <x>" }')
    False
    """
    return bool(_FROM.search(scrub(text)))


def service_targets(text: str) -> list[str]:
    """The endpoints a query's SERVICE clauses call, prefixed names expanded.

    A variable endpoint or an undeclared prefix is returned as written, so an
    allowlist check refuses it.

    >>> service_targets("PREFIX w: <https://q/> SELECT * { SERVICE w:sparql { ?s ?p ?o } }")
    ['https://q/sparql']
    >>> service_targets("SELECT * { SERVICE ?x { ?s ?p ?o } }")
    ['?x']
    """
    clean = scrub(text)
    prefixes = {name: iri for name, iri in _PREFIX.findall(clean)}
    targets = []
    for token in _SERVICE.findall(clean):
        if token.startswith("<"):
            targets.append(token[1:-1])
        elif ":" in token and token.split(":", 1)[0] in prefixes:
            name, local = token.split(":", 1)
            targets.append(prefixes[name] + local)
        else:
            targets.append(token)
    return targets


_IRI = re.compile(r"""<[^<>"{}|^`\\\s]*>""")


def nesting_depth(text: str) -> int:
    """The deepest nesting of brackets ({, ( and [) outside strings, comments and IRIs.

    The engine's parser recurses per level, so a query nested thousands deep
    would overflow its stack (issue 6: checked before running).

    >>> nesting_depth('ASK { { FILTER((1)) } } # ((((')
    4
    """
    depth = deepest = 0
    for char in _IRI.sub("<>", scrub(text)):
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})]":
            depth -= 1
    return deepest
