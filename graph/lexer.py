"""SPARQL 1.1 query text as tokens, following the grammar's terminals exactly.

https://www.w3.org/TR/sparql11-query/#sparqlGrammar : IRIREF, PNAME_LN (with
PN_LOCAL_ESC and PERCENT), the four string forms with ECHAR, comments and
whitespace. Every check made on query text before the engine sees it (update
keywords, dataset clauses, SERVICE targets, nesting, size) reads these tokens,
so a check can never read a comment or a string where the engine reads query
text. `\\u` and `\\U` escapes (UCHAR) count inside IRIs and strings only, as
in the engine (pyoxigraph), not anywhere as section 19.2 of the grammar has
it: decoding them first would let `"\\u0022"` hide text the engine reads.
Text that is no SPARQL token is a `LexError`: the query is refused, never
guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PN_PREFIX = f"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_PN_LOCAL = f"(?:[{_CHARS_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
_VARNAME = f"[{_CHARS_U}0-9][{_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_ECHAR = r"\\[tbnrf\\\"']|" + _UCHAR
_EXPONENT = r"[eE][+-]?[0-9]+"
_WS = "[ \t\r\n]"

# Order matters where two terminals share a first character (the longest sensible match).
_TERMINALS = [
    ("ws", _WS + "+"),
    ("comment", r"#[^\r\n]*"),
    ("iri", f"<(?:[^<>\"{{}}|^`\\\\\\x00-\\x20]|{_UCHAR})*>"),
    ("string", f"'''(?:(?:'|'')?(?:[^'\\\\]|{_ECHAR}))*'''"),
    ("string", f'"""(?:(?:"|"")?(?:[^"\\\\]|{_ECHAR}))*"""'),
    ("string", f"'(?:[^'\\\\\\n\\r]|{_ECHAR})*'"),
    ("string", f'"(?:[^"\\\\\\n\\r]|{_ECHAR})*"'),
    ("bnode", f"_:[{_CHARS_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?"),
    ("pname", f"(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?"),
    ("var", f"[?$]{_VARNAME}"),
    ("langtag", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
    (
        "number",
        f"(?:[0-9]+\\.[0-9]*{_EXPONENT}|\\.?[0-9]+{_EXPONENT}|[0-9]*\\.[0-9]+|[0-9]+)",
    ),
    ("name", r"[A-Za-z][A-Za-z0-9_]*"),
    ("nil", f"\\({_WS}*\\)"),
    ("anon", f"\\[{_WS}*\\]"),
    ("punct", r"\^\^|\|\||&&|!=|<=|>=|[{}()\[\].,;*=<>!+\-/?^|]"),
]
_TOKEN = re.compile("|".join(f"(?P<t{i}>{p})" for i, (_, p) in enumerate(_TERMINALS)))
_KINDS = [kind for kind, _ in _TERMINALS]
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LOCAL_ESCAPE = re.compile(r"\\(.)")
TERMS = frozenset({"iri", "pname", "var", "bnode", "string", "number", "nil", "anon"})


class LexError(ValueError):
    """Query text that is not a sequence of SPARQL tokens."""

    def __init__(self, position: int, text: str) -> None:
        snippet = text[position : position + 20]
        super().__init__(f"the query cannot be read at character {position}: {snippet!r}")
        self.position = position


@dataclass(frozen=True)
class Token:
    """One terminal: its kind (iri, pname, string, name, punct...), text and position."""

    kind: str
    text: str
    position: int

    def is_keyword(self, *words: str) -> bool:
        """Whether this is one of `words` (SPARQL keywords ignore case)."""
        return self.kind == "name" and self.text.upper() in words


def decode_codepoints(text: str) -> str:
    """The text with `\\uXXXX` and `\\UXXXXXXXX` replaced by their characters.

    >>> decode_codepoints(r"\\u0053ERVICE")
    'SERVICE'
    """

    def character(match: re.Match) -> str:
        value = int(match.group(1) or match.group(2), 16)
        return chr(value) if value < 0x110000 and not 0xD800 <= value < 0xE000 else match.group(0)

    return _CODEPOINT.sub(character, text)


def tokens(text: str) -> Iterator[Token]:
    """The tokens of a query, whitespace and comments left out.

    >>> [t.text for t in tokens(r'ASK { ex:a\\# ?p "#" } # x')]
    ['ASK', '{', 'ex:a\\\\#', '?p', '"#"', '}']

    :raises LexError: at the first character no terminal matches.
    """
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise LexError(position, text)
        kind = _KINDS[int(match.lastgroup[1:])]
        if kind not in ("ws", "comment"):
            yield Token(kind, match.group(), position)
        position = match.end()


def local_name(pname: str) -> tuple[str, str]:
    """The prefix and the unescaped local part of a prefixed name.

    >>> local_name(r"ex:a\\#b")
    ('ex', 'a#b')
    """
    prefix, _, local = pname.partition(":")
    return prefix, _LOCAL_ESCAPE.sub(r"\1", local)


UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")


def prologue_end(found: list[Token]) -> int:
    """The index of the first token after the BASE and PREFIX declarations."""
    index = 0
    while index < len(found):
        if found[index].is_keyword("BASE"):
            index += 2
        elif found[index].is_keyword("PREFIX"):
            index += 3
        else:
            break
    return min(index, len(found))


def prefixes(found: list[Token]) -> dict[str, str]:
    """The PREFIX declarations of a query: {name: IRI}."""
    declared = {}
    for index, token in enumerate(found[:-2]):
        if token.is_keyword("PREFIX") and found[index + 1].kind == "pname":
            if found[index + 2].kind == "iri":
                declared[found[index + 1].text[:-1]] = found[index + 2].text[1:-1]
    return declared


def update_keyword(found: list[Token]) -> str | None:
    """The update operation a request starts with (INSERT, LOAD, CLEAR...), if any.

    >>> update_keyword(list(tokens("PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b ex:c }")))
    'INSERT'
    """
    start = prologue_end(found)
    if start < len(found) and found[start].is_keyword(*UPDATES):
        return found[start].text.upper()
    return None


def has_dataset_clause(found: list[Token]) -> bool:
    """Whether the query names its own dataset with FROM or FROM NAMED."""
    return any(token.is_keyword("FROM") for token in found)


def expand(token: Token, declared: dict[str, str]) -> str:
    """The IRI an iri or pname token stands for; a variable or unknown prefix as written."""
    if token.kind == "iri":
        return decode_codepoints(token.text[1:-1])
    if token.kind == "pname":
        prefix, local = local_name(token.text)
        if prefix in declared:
            return declared[prefix] + local
    return token.text


def service_clauses(found: list[Token]) -> list[tuple[int, bool, str]]:
    """Each SERVICE clause as (index of its target token, SILENT, target)."""
    declared = prefixes(found)
    clauses = []
    for index, token in enumerate(found):
        if token.is_keyword("SERVICE"):
            target = index + 1
            silent = target < len(found) and found[target].is_keyword("SILENT")
            target += silent
            text = expand(found[target], declared) if target < len(found) else ""
            clauses.append((target, silent, text))
    return clauses


def service_targets(found: list[Token]) -> list[str]:
    """The endpoints a query's SERVICE clauses call, prefixed names expanded.

    >>> service_targets(list(tokens(r"PREFIX w: <https://q/> ASK { SERVICE w:a\\#b { } }")))
    ['https://q/a#b']
    """
    return [target for _, _, target in service_clauses(found)]


def nesting_depth(found: list[Token], opening: str = "{([") -> int:
    """The deepest nesting of the `opening` brackets; those inside IRIs count too (the
    engine may read `<` as less-than where an IRI is read here).

    >>> nesting_depth(list(tokens("ASK { FILTER((1)) }")), "(")
    2
    """
    closing = "".join(dict(zip("{([", "})]", strict=True))[c] for c in opening)
    depth = deepest = 0
    for token in found:
        for char in token.text if token.kind in ("punct", "iri") else "":
            if char in opening:
                depth += 1
                deepest = max(deepest, depth)
            elif char in closing:
                depth -= 1
    return deepest


def triple_patterns(found: list[Token]) -> int:
    """An upper estimate of the triple patterns: the terms inside braces, by three.

    >>> triple_patterns(list(tokens("ASK { ?s ?p ?o . ?s a ?o }")))
    2
    """
    depth = terms = 0
    for token in found:
        if token.text == "{":
            depth += 1
        elif token.text == "}":
            depth -= 1
        elif depth and (token.kind in TERMS or token.text == "a"):
            terms += 1
    return -(-terms // 3)
