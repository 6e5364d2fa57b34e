"""The OWL 2 RL rules the explanations name, as premise and conclusion patterns.

Names and patterns follow the tables of the OWL 2 RL profile
(https://www.w3.org/TR/owl2-profiles/#Reasoning_in_OWL_2_RL_and_RDF_Graphs_using_Rules).
The table is declarative on purpose: `apply` matches a rule against recorded
premises by pattern, independently of the indexed search in
`bilateral.graph.derive`, so a test can re-apply every recorded derivation.
Each rule also says in words why its conclusion holds (`Rule.words`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import permutations

from rdflib.namespace import OWL, RDF, RDFS

TYPE, SCO, SPO = RDF.type, RDFS.subClassOf, RDFS.subPropertyOf
EQC, EQP, SAME = OWL.equivalentClass, OWL.equivalentProperty, OWL.sameAs


@dataclass(frozen=True)
class Rule:
    """One OWL 2 RL rule: premises and conclusion with `?variables`, and a sentence.

    `words` is formatted with the variables' names (labels), without `?`.
    """

    name: str
    premises: tuple[tuple, ...]
    conclusion: tuple
    words: str


def _rule(name: str, premises: list[str], conclusion: str, words: str) -> Rule:
    terms = {
        "type": TYPE, "sco": SCO, "spo": SPO, "eqc": EQC, "eqp": EQP, "same": SAME,
        "domain": RDFS.domain, "range": RDFS.range, "inv": OWL.inverseOf,
        "Trans": OWL.TransitiveProperty, "Sym": OWL.SymmetricProperty,
        "Class": OWL.Class, "Thing": OWL.Thing,
    }  # fmt: skip

    def pattern(text: str) -> tuple:
        return tuple(terms.get(word, word) for word in text.split())

    return Rule(name, tuple(pattern(p) for p in premises), pattern(conclusion), words)


_ALL = (
    _rule("cax-sco", ["?c1 sco ?c2", "?x type ?c1"], "?x type ?c2",
          "{x} is {a c2} because it is {a c1}, and every {c1} is {a c2}"),
    _rule("cax-eqc1", ["?c1 eqc ?c2", "?x type ?c1"], "?x type ?c2",
          "{x} is {a c2} because it is {a c1}, and {c1} means the same as {c2}"),
    _rule("cax-eqc2", ["?c1 eqc ?c2", "?x type ?c2"], "?x type ?c1",
          "{x} is {a c1} because it is {a c2}, and {c1} means the same as {c2}"),
    _rule("prp-dom", ["?p domain ?c", "?x ?p ?y"], "?x type ?c",
          "{x} is {a c} because it has {p} {y}, and whatever has {a p} is {a c}"),
    _rule("prp-rng", ["?p range ?c", "?x ?p ?y"], "?y type ?c",
          "{y} is {a c} because {x} has it as {p}, and every {p} of anything is {a c}"),
    _rule("prp-spo1", ["?p1 spo ?p2", "?x ?p1 ?y"], "?x ?p2 ?y",
          "{x} has {p2} {y} because it has {p1} {y}, and every {p1} is {a p2}"),
    _rule("prp-eqp1", ["?p1 eqp ?p2", "?x ?p1 ?y"], "?x ?p2 ?y",
          "{x} has {p2} {y} because it has {p1} {y}, and {p1} means the same as {p2}"),
    _rule("prp-eqp2", ["?p1 eqp ?p2", "?x ?p2 ?y"], "?x ?p1 ?y",
          "{x} has {p1} {y} because it has {p2} {y}, and {p1} means the same as {p2}"),
    _rule("prp-inv1", ["?p1 inv ?p2", "?x ?p1 ?y"], "?y ?p2 ?x",
          "{y} has {p2} {x} because {x} has {p1} {y}, and {p2} is the inverse of {p1}"),
    _rule("prp-inv2", ["?p1 inv ?p2", "?x ?p2 ?y"], "?y ?p1 ?x",
          "{y} has {p1} {x} because {x} has {p2} {y}, and {p1} is the inverse of {p2}"),
    _rule("prp-symp", ["?p type Sym", "?x ?p ?y"], "?y ?p ?x",
          "{y} has {p} {x} because {x} has {p} {y}, and {p} goes both ways"),
    _rule("prp-trp", ["?p type Trans", "?x ?p ?y", "?y ?p ?z"], "?x ?p ?z",
          "{x} has {p} {z} because it has {p} {y} and {y} has {p} {z}, and {p} is transitive"),
    _rule("eq-sym", ["?x same ?y"], "?y same ?x",
          "{y} is the same as {x} because {x} is the same as {y}"),
    _rule("eq-trans", ["?x same ?y", "?y same ?z"], "?x same ?z",
          "{x} is the same as {z} because it is the same as {y}, which is the same as {z}"),
    _rule("eq-rep-s", ["?s same ?s2", "?s ?p ?o"], "?s2 ?p ?o",
          "{s2} has {p} {o} because {s} has, and {s2} is the same as {s}"),
    _rule("eq-rep-p", ["?p same ?p2", "?s ?p ?o"], "?s ?p2 ?o",
          "{s} has {p2} {o} because it has {p} {o}, and {p2} is the same as {p}"),
    _rule("eq-rep-o", ["?o same ?o2", "?s ?p ?o"], "?s ?p ?o2",
          "{s} has {p} {o2} because it has {p} {o}, and {o2} is the same as {o}"),
    _rule("scm-cls", ["?c type Class"], "?c sco Thing",
          "{c} is a kind of thing, as every class is"),
    _rule("scm-sco", ["?c1 sco ?c2", "?c2 sco ?c3"], "?c1 sco ?c3",
          "every {c1} is {a c3} because every {c1} is {a c2}, and every {c2} is {a c3}"),
    _rule("scm-eqc1", ["?c1 eqc ?c2"], "?c1 sco ?c2",
          "every {c1} is {a c2} because {c1} means the same as {c2}"),
    _rule("scm-eqc1", ["?c1 eqc ?c2"], "?c2 sco ?c1",
          "every {c2} is {a c1} because {c1} means the same as {c2}"),
    _rule("scm-eqc2", ["?c1 sco ?c2", "?c2 sco ?c1"], "?c1 eqc ?c2",
          "{c1} means the same as {c2} because each is a kind of the other"),
    _rule("scm-spo", ["?p1 spo ?p2", "?p2 spo ?p3"], "?p1 spo ?p3",
          "every {p1} is {a p3} because every {p1} is {a p2}, and every {p2} is {a p3}"),
    _rule("scm-eqp1", ["?p1 eqp ?p2"], "?p1 spo ?p2",
          "every {p1} is {a p2} because {p1} means the same as {p2}"),
    _rule("scm-eqp1", ["?p1 eqp ?p2"], "?p2 spo ?p1",
          "every {p2} is {a p1} because {p1} means the same as {p2}"),
    _rule("scm-eqp2", ["?p1 spo ?p2", "?p2 spo ?p1"], "?p1 eqp ?p2",
          "{p1} means the same as {p2} because each implies the other"),
    _rule("scm-dom1", ["?p domain ?c1", "?c1 sco ?c2"], "?p domain ?c2",
          "whatever has {a p} is {a c2} because it is {a c1}, and every {c1} is {a c2}"),
    _rule("scm-dom2", ["?p2 domain ?c", "?p1 spo ?p2"], "?p1 domain ?c",
          "whatever has {a p1} is {a c} because every {p1} is {a p2}, whose holders are {c}"),
    _rule("scm-rng1", ["?p range ?c1", "?c1 sco ?c2"], "?p range ?c2",
          "every {p} of anything is {a c2} because it is {a c1}, and every {c1} is {a c2}"),
    _rule("scm-rng2", ["?p2 range ?c", "?p1 spo ?p2"], "?p1 range ?c",
          "every {p1} of anything is {a c} because every {p1} is {a p2}, whose values are {c}"),
)  # fmt: skip
# The patterns of each rule by name (scm-eqc1 and scm-eqp1 have two conclusions).
VARIANTS: dict[str, list[Rule]] = {}
for _each in _ALL:
    VARIANTS.setdefault(_each.name, []).append(_each)


def _bind(pattern: tuple, triple: tuple, binding: dict) -> dict | None:
    """`binding` extended so `pattern` matches `triple`, or None."""
    binding = dict(binding)
    for slot, term in zip(pattern, triple):
        if isinstance(slot, str) and slot.startswith("?"):
            if binding.setdefault(slot, term) != term:
                return None
        elif slot != term:
            return None
    return binding


def apply(name: str, premises: list[tuple]) -> set[tuple]:
    """Every conclusion rule `name` draws from exactly these premises, in any order.

    >>> from rdflib import URIRef as U
    >>> c1, c2, x = U("http://x/Naval"), U("http://x/Military"), U("http://x/js")
    >>> apply("cax-sco", [(x, TYPE, c1), (c1, SCO, c2)]) == {(x, TYPE, c2)}
    True
    """
    found = set()
    for rule in VARIANTS[name]:
        if len(rule.premises) != len(premises):
            continue
        for order in permutations(premises):
            binding: dict | None = {}
            for pattern, triple in zip(rule.premises, order):
                binding = _bind(pattern, triple, binding)
                if binding is None:
                    break
            if binding is not None:
                found.add(tuple(binding.get(slot, slot) for slot in rule.conclusion))
    return found


def bindings(name: str, premises: list[tuple], conclusion: tuple) -> dict | None:
    """The variables of rule `name` (without `?`) for a recorded derivation, or None."""
    for rule in VARIANTS[name]:
        for order in permutations(premises):
            binding: dict | None = _bind(rule.conclusion, conclusion, {})
            for pattern, triple in zip(rule.premises, order):
                if binding is None:
                    break
                binding = _bind(pattern, triple, binding)
            if binding is not None and len(rule.premises) == len(premises):
                return {key[1:]: value for key, value in binding.items()}
    return None


def _slots(rule: Rule) -> list[tuple[int, int, str]]:
    """Where each variable of a rule's premises sits: (premise, position, name)."""
    return [
        (i, j, slot[1:])
        for i, pattern in enumerate(rule.premises)
        for j, slot in enumerate(pattern)
        if isinstance(slot, str) and slot.startswith("?")
    ]


_SLOTS = {id(rule): _slots(rule) for rules in VARIANTS.values() for rule in rules}
# Each sentence as a str.format template: "{a c2}" (with its article) becomes "{a_c2}".
_TEMPLATES = {
    id(rule): re.sub(r"\{a (\w+)\}", r"{a_\1}", rule.words)
    for rules in VARIANTS.values()
    for rule in rules
}


def words(name: str, premises: tuple, conclusion: tuple, label) -> str:
    """Why the conclusion holds, in words; `label(term)` names a term.

    The premises come in the order of the rule's patterns, as the search in
    `bilateral.graph.derive` records them. `{x}` is a variable's label, `{a x}`
    the label with its article ("a naval exercise").
    """
    rule = VARIANTS[name][0]
    if len(VARIANTS[name]) > 1:  # two conclusions from one premise: pick by the conclusion
        slots = {key: premises[i][j] for i, j, key in _SLOTS[id(rule)]}
        rule = next(r for r in VARIANTS[name] if slots[r.conclusion[0][1:]] == conclusion[0])
    values = {}
    for i, j, key in _SLOTS[id(rule)]:
        value = values[key] = label(premises[i][j])
        values["a_" + key] = ("an " if value[:1].lower() in "aeiou" else "a ") + value
    return _TEMPLATES[id(rule)].format_map(values)
