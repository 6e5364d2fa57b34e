"""One derivation for every inferred triple, found round by round.

Round 0 holds the asserted triples (ontology and data). Round k applies the
OWL 2 RL rules of `bilateral.graph.rules` wherever one premise is new in round
k-1 and the others are known, and keeps each conclusion the reasoner also
drew (the closure) the first time it appears. So every premise of a
derivation comes from an earlier round, and following premises always ends at
asserted triples: the derivations are acyclic by construction.

The search is indexed by predicate (subject to objects and object to
subjects), so a round costs about one lookup per rule per new triple. It runs
on integers standing for the terms: rdflib terms hash and compare in Python,
which made the search three times slower than reasoning at 10^5 triples.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDFS

from bilateral.graph.errors import InputError
from bilateral.graph.rules import EQC, EQP, SAME, SCO, SPO, TYPE

_DOMAIN, _RANGE, _INV = RDFS.domain, RDFS.range, OWL.inverseOf
# The terms the rules name get fixed ids, so the search compares integers.
_CONSTANTS = (TYPE, SCO, SPO, EQC, EQP, SAME, _DOMAIN, _RANGE, _INV,
              OWL.SymmetricProperty, OWL.TransitiveProperty, OWL.Class, OWL.Thing)  # fmt: skip
(TYPE, SCO, SPO, EQC, EQP, SAME, DOMAIN, RANGE, INV,
 SYMMETRIC, TRANSITIVE, CLASS, THING) = range(len(_CONSTANTS))  # fmt: skip
# Typing by a property's domain or range explains less than typing by a stated
# class: within a round, a derivation by another rule replaces theirs.
_INDIRECT = {"prp-dom", "prp-rng"}


class UnexplainedError(InputError):
    """An inferred triple that no known rule derives from the asserted ones."""


class Terms:
    """Integer ids for RDF terms, and back."""

    def __init__(self) -> None:
        self.ids: dict = {}
        self.terms: list = []
        self.literals: set[int] = set()
        for term in _CONSTANTS:
            self.id(term)

    def id(self, term) -> int:
        # keyed by plain strings and tuples: they hash and compare in C
        key = str.__str__(term) if type(term) is URIRef else _key(term)
        found = self.ids.get(key)
        if found is None:
            found = self.ids[key] = len(self.terms)
            self.terms.append(term)
            if isinstance(term, Literal):
                self.literals.add(found)
        return found

    def find(self, term) -> int | None:
        """The id of a term, None when it was never seen."""
        key = str.__str__(term) if type(term) is URIRef else _key(term)
        return self.ids.get(key)

    def encode(self, triples: Iterable[tuple]) -> set[tuple]:
        ident = self.id
        return {(ident(s), ident(p), ident(o)) for s, p, o in triples}

    def decode(self, triple: tuple) -> tuple:
        terms = self.terms
        return terms[triple[0]], terms[triple[1]], terms[triple[2]]


def _sort_key(triple: tuple) -> tuple:
    return tuple(f"{type(term).__name__} {term}" for term in triple)


def _key(term) -> object:
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype is not None else None
        return ("literal", str(term), datatype, term.language)
    return (type(term).__name__, str(term))


@dataclass
class Derivations:
    """The derivation of each derived triple: its rule, its premises and its round.

    `steps` and `rounds` are keyed by id triples (see `terms`); `tree_of`
    and `decoded` give RDF terms.
    """

    terms: Terms
    steps: dict[tuple, tuple[str, tuple[tuple, ...]]] = field(default_factory=dict)
    rounds: dict[tuple, int] = field(default_factory=dict)

    def tree_of(self, triples: Iterable[tuple]) -> dict[tuple, tuple[str, tuple[tuple, ...]]]:
        """The steps (id triples) needed to explain `triples` (RDF terms), down to asserted ones."""
        needed: dict[tuple, tuple[str, tuple[tuple, ...]]] = {}
        find = self.terms.find
        todo = [(find(s), find(p), find(o)) for s, p, o in triples]
        todo = [t for t in todo if t in self.steps]
        while todo:
            triple = todo.pop()
            if triple in needed:
                continue
            needed[triple] = step = self.steps[triple]
            todo.extend(p for p in step[1] if p in self.steps and p not in needed)
        return needed

    def decoded(self) -> tuple[dict, dict]:
        """`steps` and `rounds` keyed by triples of RDF terms (for checks, not for speed)."""
        decode = self.terms.decode
        steps = {
            decode(t): (rule, tuple(decode(p) for p in premises))
            for t, (rule, premises) in self.steps.items()
        }
        return steps, {decode(t): level for t, level in self.rounds.items()}


class _Index:
    """Known triples, by predicate: subject to objects and object to subjects."""

    def __init__(self, literals: set[int]) -> None:
        self.literals = literals
        self.known: set[tuple] = set()
        self.out: dict = defaultdict(lambda: defaultdict(set))
        self.into: dict = defaultdict(lambda: defaultdict(set))

    def add(self, triple: tuple) -> None:
        s, p, o = triple
        self.known.add(triple)
        self.out[p][s].add(o)
        self.into[p][o].add(s)

    def objects(self, s, p) -> set:
        by_subject = self.out.get(p)
        return by_subject.get(s, ()) if by_subject else ()

    def subjects(self, p, o) -> set:
        by_object = self.into.get(p)
        return by_object.get(o, ()) if by_object else ()

    def pairs(self, p) -> Iterator[tuple]:
        for s, objects in list(self.out.get(p, {}).items()):
            for o in list(objects):
                yield s, o


def derive(asserted: set[tuple], closure: set[tuple], inferred: Iterable[tuple]) -> Derivations:
    """A derivation for each triple of `inferred`, from `asserted`, within `closure`.

    All triples in canonical form (`bilateral.graph.reason.canonical`).

    :raises UnexplainedError: naming the inferred triples no rule derives.
    """
    terms = Terms()
    # ids in a fixed order, so that the same inputs give the same derivations
    asserted_ids = terms.encode(sorted(asserted, key=_sort_key))
    closure_ids = terms.encode(closure)
    index = _Index(terms.literals)
    for triple in asserted_ids:
        index.add(triple)
    result = Derivations(terms)
    delta: Iterable[tuple] = sorted(asserted_ids)
    level = 0
    while delta:
        level += 1
        new: dict[tuple, tuple[str, tuple[tuple, ...]]] = {}
        for triple in delta:
            for rule, premises, conclusion in _fire(triple, index):
                if conclusion in new:
                    if new[conclusion][0] in _INDIRECT and rule not in _INDIRECT:
                        new[conclusion] = (rule, premises)
                elif conclusion not in index.known and (
                    conclusion in closure_ids or rule == "scm-cls"
                ):
                    new[conclusion] = (rule, premises)
        for conclusion, step in new.items():
            index.add(conclusion)
            result.steps[conclusion] = step
            result.rounds[conclusion] = level
        delta = list(new)
    ident = terms.id
    missing = [t for t in inferred if (ident(t[0]), ident(t[1]), ident(t[2])) not in result.steps]
    if missing:
        shown = "\n".join("  " + " ".join(term.n3() for term in t) + " ." for t in missing[:10])
        raise UnexplainedError(
            f"{len(missing)} inferred triple(s) have no derivation by the known OWL 2 RL rules "
            f"(a reasoner or filter bug), e.g.:\n{shown}"
        )
    return result


def _fire(t: tuple, k: _Index) -> Iterator[tuple[str, tuple, tuple]]:
    """Every (rule, premises, conclusion) with `t` as one premise, the others in `k`."""
    s, p, o = t
    resource = o not in k.literals
    # t as a fact ?x ?p ?y
    for c in k.objects(p, DOMAIN):
        yield "prp-dom", ((p, DOMAIN, c), t), (s, TYPE, c)
    for p2 in k.objects(p, SPO):
        yield "prp-spo1", ((p, SPO, p2), t), (s, p2, o)
    for p2 in k.objects(p, EQP):
        yield "prp-eqp1", ((p, EQP, p2), t), (s, p2, o)
    for p1 in k.subjects(EQP, p):
        yield "prp-eqp2", ((p1, EQP, p), t), (s, p1, o)
    for p2 in k.objects(p, SAME):
        yield "eq-rep-p", ((p, SAME, p2), t), (s, p2, o)
    for s2 in k.objects(s, SAME):
        yield "eq-rep-s", ((s, SAME, s2), t), (s2, p, o)
    if resource:
        for c in k.objects(p, RANGE):
            yield "prp-rng", ((p, RANGE, c), t), (o, TYPE, c)
        for p2 in k.objects(p, INV):
            yield "prp-inv1", ((p, INV, p2), t), (o, p2, s)
        for p1 in k.subjects(INV, p):
            yield "prp-inv2", ((p1, INV, p), t), (o, p1, s)
        if (p, TYPE, SYMMETRIC) in k.known:
            yield "prp-symp", ((p, TYPE, SYMMETRIC), t), (o, p, s)
        if (p, TYPE, TRANSITIVE) in k.known:
            declared = (p, TYPE, TRANSITIVE)
            for z in list(k.objects(o, p)):
                yield "prp-trp", (declared, t, (o, p, z)), (s, p, z)
            for w in list(k.subjects(p, s)):
                yield "prp-trp", (declared, (w, p, s), t), (w, p, o)
        for o2 in k.objects(o, SAME):
            yield "eq-rep-o", ((o, SAME, o2), t), (s, p, o2)
    if p == TYPE:
        yield from _fire_typing(t, k)
    elif p in _SCHEMA:
        yield from _SCHEMA[p](t, k)


def _fire_typing(t: tuple, k: _Index) -> Iterator[tuple[str, tuple, tuple]]:
    s, _, o = t
    for c2 in k.objects(o, SCO):
        yield "cax-sco", ((o, SCO, c2), t), (s, TYPE, c2)
    for c2 in k.objects(o, EQC):
        yield "cax-eqc1", ((o, EQC, c2), t), (s, TYPE, c2)
    for c1 in k.subjects(EQC, o):
        yield "cax-eqc2", ((c1, EQC, o), t), (s, TYPE, c1)
    if o == CLASS:
        yield "scm-cls", (t,), (s, SCO, THING)
    elif o == SYMMETRIC:
        for x, y in k.pairs(s):
            yield "prp-symp", (t, (x, s, y)), (y, s, x)
    elif o == TRANSITIVE:
        for x, y in k.pairs(s):
            for z in list(k.objects(y, s)):
                yield "prp-trp", (t, (x, s, y), (y, s, z)), (x, s, z)


def _fire_sco(t: tuple, k: _Index) -> Iterator[tuple[str, tuple, tuple]]:
    s, _, o = t
    for x in list(k.subjects(TYPE, s)):
        yield "cax-sco", (t, (x, TYPE, s)), (x, TYPE, o)
    for c3 in k.objects(o, SCO):
        yield "scm-sco", (t, (o, SCO, c3)), (s, SCO, c3)
    for c0 in k.subjects(SCO, s):
        yield "scm-sco", ((c0, SCO, s), t), (c0, SCO, o)
    if (o, SCO, s) in k.known:
        yield "scm-eqc2", (t, (o, SCO, s)), (s, EQC, o)
        yield "scm-eqc2", ((o, SCO, s), t), (o, EQC, s)
    for prop in k.subjects(DOMAIN, s):
        yield "scm-dom1", ((prop, DOMAIN, s), t), (prop, DOMAIN, o)
    for prop in k.subjects(RANGE, s):
        yield "scm-rng1", ((prop, RANGE, s), t), (prop, RANGE, o)


def _fire_eqc(t: tuple, k: _Index) -> Iterator[tuple[str, tuple, tuple]]:
    s, _, o = t
    yield "scm-eqc1", (t,), (s, SCO, o)
    yield "scm-eqc1", (t,), (o, SCO, s)
    for x in list(k.subjects(TYPE, s)):
        yield "cax-eqc1", (t, (x, TYPE, s)), (x, TYPE, o)
    for x in list(k.subjects(TYPE, o)):
        yield "cax-eqc2", (t, (x, TYPE, o)), (x, TYPE, s)


def _fire_spo(t: tuple, k: _Index) -> Iterator[tuple[str, tuple, tuple]]:
    s, _, o = t
    for x, y in k.pairs(s):
        yield "prp-spo1", (t, (x, s, y)), (x, o, y)
    for p3 in k.objects(o, SPO):
        yield "scm-spo", (t, (o, SPO, p3)), (s, SPO, p3)
    for p0 in k.subjects(SPO, s):
        yield "scm-spo", ((p0, SPO, s), t), (p0, SPO, o)
    if (o, SPO, s) in k.known:
        yield "scm-eqp2", (t, (o, SPO, s)), (s, EQP, o)
        yield "scm-eqp2", ((o, SPO, s), t), (o, EQP, s)
    for c in k.objects(o, DOMAIN):
        yield "scm-dom2", ((o, DOMAIN, c), t), (s, DOMAIN, c)
    for c in k.objects(o, RANGE):
        yield "scm-rng2", ((o, RANGE, c), t), (s, RANGE, c)


def _fire_eqp(t: tuple, k: _Index) -> Iterator[tuple[str, tuple, tuple]]:
    s, _, o = t
    yield "scm-eqp1", (t,), (s, SPO, o)
    yield "scm-eqp1", (t,), (o, SPO, s)
    for x, y in k.pairs(s):
        yield "prp-eqp1", (t, (x, s, y)), (x, o, y)
    for x, y in k.pairs(o):
        yield "prp-eqp2", (t, (x, o, y)), (x, s, y)


def _fire_domain(t: tuple, k: _Index) -> Iterator[tuple[str, tuple, tuple]]:
    s, _, o = t
    for x, y in k.pairs(s):
        yield "prp-dom", (t, (x, s, y)), (x, TYPE, o)
    for c2 in k.objects(o, SCO):
        yield "scm-dom1", (t, (o, SCO, c2)), (s, DOMAIN, c2)
    for p1 in k.subjects(SPO, s):
        yield "scm-dom2", (t, (p1, SPO, s)), (p1, DOMAIN, o)


def _fire_range(t: tuple, k: _Index) -> Iterator[tuple[str, tuple, tuple]]:
    s, _, o = t
    for x, y in k.pairs(s):
        if y not in k.literals:
            yield "prp-rng", (t, (x, s, y)), (y, TYPE, o)
    for c2 in k.objects(o, SCO):
        yield "scm-rng1", (t, (o, SCO, c2)), (s, RANGE, c2)
    for p1 in k.subjects(SPO, s):
        yield "scm-rng2", (t, (p1, SPO, s)), (p1, RANGE, o)


def _fire_inverse(t: tuple, k: _Index) -> Iterator[tuple[str, tuple, tuple]]:
    s, _, o = t
    for x, y in k.pairs(s):
        if y not in k.literals:
            yield "prp-inv1", (t, (x, s, y)), (y, o, x)
    for x, y in k.pairs(o):
        if y not in k.literals:
            yield "prp-inv2", (t, (x, o, y)), (y, s, x)


def _fire_same(t: tuple, k: _Index) -> Iterator[tuple[str, tuple, tuple]]:
    s, _, o = t
    yield "eq-sym", (t,), (o, SAME, s)
    for z in k.objects(o, SAME):
        yield "eq-trans", (t, (o, SAME, z)), (s, SAME, z)
    for w in k.subjects(SAME, s):
        yield "eq-trans", ((w, SAME, s), t), (w, SAME, o)
    for prop in list(k.out):
        for value in list(k.objects(s, prop)):
            yield "eq-rep-s", (t, (s, prop, value)), (o, prop, value)
        for subject in list(k.subjects(prop, s)):
            yield "eq-rep-o", (t, (subject, prop, s)), (subject, prop, o)
    for x, y in k.pairs(s):
        yield "eq-rep-p", (t, (x, s, y)), (x, o, y)


_SCHEMA = {
    SCO: _fire_sco,
    EQC: _fire_eqc,
    SPO: _fire_spo,
    EQP: _fire_eqp,
    DOMAIN: _fire_domain,
    RANGE: _fire_range,
    INV: _fire_inverse,
    SAME: _fire_same,
}
