"""Recognising known resources in text: a label index over the curated graph.

Labels are `rdfs:label`, `skos:altLabel` and `skos:hiddenLabel` of `blr:`
resources. Matching is case-sensitive, on word boundaries, longest label first;
capitalised words that no label covers are returned as unmatched mentions.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from bilateral.graph.errors import InputError
from bilateral.graph.namespaces import BL, BLR

LABEL_PROPERTIES = (RDFS.label, SKOS.altLabel, SKOS.hiddenLabel)

# Words that make up titles and sentence openings, never a name on their own.
TITLE_WORDS = frozenset(
    """President Presidents Vice Premier Prime Minister Ministers Deputy First Foreign
    Chinese Russian Secretary State Councilor Chairperson Chairman Chief Gen Col Head
    Commander Admiral Adm General Director Minister Ambassador Mr Ms Dr Professor
    They The He She It This These Those Their His Her Its A An In On At And But
    Annual Three Two Four Pilots Presidential Counterpart Staff""".split()
)
# Capitalised nouns that name nothing on their own ("the sixth BRICS Summit").
GENERIC_WORDS = frozenset("Summit Meeting Meetings Conference Forum Council Committee".split())
# Words of one name are apart by spaces or a line break, never by a tab (table cells).
_GAP = r"[^\S\t]+"
_CAPS = re.compile(
    rf"[A-Z][\w’'\-]*(?:(?:{_GAP}|{_GAP}(?:of|of the|for|the|de){_GAP})[A-Z0-9][\w’'\-]*)*"
)


@dataclass(frozen=True)
class Mention:
    """A span of text that names a known resource (`iri` None when ambiguous)."""

    start: int
    end: int
    iri: URIRef | None
    label: str
    candidates: tuple[URIRef, ...] = ()


@dataclass
class LabelIndex:
    """Labels to IRIs, and each IRI's types (closed under rdfs:subClassOf)."""

    labels: dict[str, set[URIRef]] = field(default_factory=dict)
    types: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = None

    @classmethod
    def from_graph(cls, graph: Graph) -> LabelIndex:
        """Index every labelled `blr:` resource of `graph` except passages."""
        supers = _superclasses(graph)
        labels: dict[str, set[URIRef]] = defaultdict(set)
        types: dict[URIRef, set[URIRef]] = {}
        for prop in LABEL_PROPERTIES:
            for subject, label in graph.subject_objects(prop):
                if not isinstance(subject, URIRef) or not subject.startswith(str(BLR)):
                    continue
                direct = set(graph.objects(subject, RDF.type))
                if BL.Passage in direct or BL.SourceDocument in direct:
                    continue
                labels[str(label)].add(subject)
                types[subject] = {t for d in direct for t in supers.get(d, {d})}
        return cls(dict(labels), types)

    def lookup(self, label: str) -> URIRef | None:
        """The one resource with exactly this label, or None (unknown or ambiguous)."""
        iris = self.labels.get(label.strip(), set())
        return next(iter(iris)) if len(iris) == 1 else None

    def is_a(self, iri: URIRef | None, cls: URIRef) -> bool:
        """Whether `iri` is known to be of class `cls` (directly or by a subclass)."""
        return iri is not None and cls in self.types.get(iri, set())

    def find_mentions(self, text: str) -> list[Mention]:
        """Every known label in `text`: longest first, overlaps naming one resource merged.

        "President Xi Jinping" holds "President Xi" and "Xi Jinping": both name
        Xi Jinping, so they make one mention of the whole span.
        """
        if not self.labels:
            return []
        if self._pattern is None:
            alternatives = sorted(self.labels, key=lambda s: (-len(s), s))
            body = "|".join(re.escape(label) for label in alternatives)
            # A lookahead finds the longest label at every position, overlaps included.
            self._pattern = re.compile(rf"(?<![\w\-])(?=((?:{body}))(?![\w\-]))")
        spans: list[list] = []
        for match in self._pattern.finditer(text):
            start, end = match.span(1)
            iris = tuple(sorted(self.labels[match.group(1)]))
            if spans and start < spans[-1][1] and spans[-1][2] == iris:
                spans[-1][1] = max(spans[-1][1], end)
            else:
                spans.append([start, end, iris])
        chosen: list[list] = []
        for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
            if all(span[1] <= c[0] or span[0] >= c[1] for c in chosen):
                chosen.append(span)
        return [
            Mention(start, end, iris[0] if len(iris) == 1 else None, text[start:end], iris)
            for start, end, iris in sorted(chosen)
        ]


def unmatched_names(
    text: str, mentions: Iterable[Mention], known: Collection[str] = ()
) -> list[tuple[int, int, str]]:
    """Capitalised name sequences of `text` that no mention covers, titles trimmed.

    A single capitalised word opening a sentence is not counted (capitals there
    say nothing about names), nor a lone generic word ("Summit") or number (the
    "64" left of "A 64 km" once the title word is trimmed), nor a compound of
    mentioned or `known` labels ("China-Russia").

    >>> unmatched_names("Vice Premier Zhang Gaoli visits Vostok-2014 and Moscow.",
    ...                 [Mention(48, 54, None, "Moscow")])
    [(13, 24, 'Zhang Gaoli'), (32, 43, 'Vostok-2014')]
    >>> unmatched_names("They meet. Pilots compete at the Summit. A 64 km line.", [])
    []
    """
    mentions = list(mentions)
    masked = list(text)
    for mention in mentions:
        masked[mention.start : mention.end] = "\0" * (mention.end - mention.start)
    labels = {m.label for m in mentions} | set(known)
    found = []
    for match in _CAPS.finditer("".join(masked)):
        words = list(re.finditer(r"\S+", match.group(0)))
        while words and (_is_title(words[0].group(0)) or words[0].group(0).islower()):
            words.pop(0)
        while words and (_is_title(words[-1].group(0)) or words[-1].group(0).islower()):
            words.pop()
        if not words:
            continue
        start, end = match.start() + words[0].start(), match.start() + words[-1].end()
        name = text[start:end]
        if len(words) == 1 and (
            _opens_sentence(text, start) or name in GENERIC_WORDS or name.isdigit()
            or set(name.split("-")) <= labels
        ):
            continue
        found.append((start, end, name))
    return found


@dataclass(frozen=True)
class ReviewedMention:
    """A mention decided by hand: the resource it names, or none with the reason it is left out."""

    seed: str
    start: int
    end: int
    name: str
    resource: URIRef | None
    reason: str


class ReviewError(InputError):
    """An entry of the reviewed mentions that does not locate exactly one span of its seed."""


def load_review(path: Path, texts: dict[str, str]) -> list[ReviewedMention]:
    """The reviewed mentions of `path` (TOML), located in the seed texts (file name to text).

    Each entry names its `seed`, the `name` as written, a `quote` around it that
    occurs once in the seed, a `reason`, and for a resolution the `resource` slug.

    :raises ReviewError: naming the file and entry when an entry is incomplete or
        its quote is missing from its seed, repeated, or does not hold the name.
    """
    if not path.exists():
        return []
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ReviewError(f"{path}: {exc}") from None
    found = []
    for kind in ("resolution", "exclusion"):
        for number, entry in enumerate(entries.get(kind, []), 1):
            where = f"{path.name}: {kind} {number}"
            missing = {"seed", "name", "quote", "reason"} - set(entry)
            if kind == "resolution" and "resource" not in entry:
                missing.add("resource")
            if missing:
                raise ReviewError(f"{where}: missing {', '.join(sorted(missing))}")
            text = texts.get(entry["seed"])
            if text is None:
                raise ReviewError(f"{where}: no seed named {entry['seed']!r}")
            at = text.find(entry["quote"])
            inside = entry["quote"].find(entry["name"])
            if at < 0 or text.find(entry["quote"], at + 1) >= 0 or inside < 0:
                raise ReviewError(
                    f"{where}: quote {entry['quote']!r} must occur once in "
                    f"{entry['seed']} and hold {entry['name']!r}"
                )
            start = at + inside
            iri = BLR[entry["resource"]] if kind == "resolution" else None
            found.append(
                ReviewedMention(
                    entry["seed"], start, start + len(entry["name"]), entry["name"], iri,
                    entry["reason"],
                )
            )
    return found


def _is_title(word: str) -> bool:
    return all(part in TITLE_WORDS for part in word.rstrip(".,").split("-"))


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(' *“”"')
    return not before or before[-1] in ".:!?\n"


def _superclasses(graph: Graph) -> dict[URIRef, set[URIRef]]:
    """Each class with all its superclasses (itself included)."""
    direct: dict[URIRef, set[URIRef]] = defaultdict(set)
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            direct[sub].add(sup)
    closure = {}
    for cls in list(direct):
        seen, todo = {cls}, [cls]
        while todo:
            for sup in direct.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        closure[cls] = seen
    return closure
