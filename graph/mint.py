"""Readable, stable IRIs minted from names and keys."""

from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef

from bilateral.graph.namespaces import BLR

_DROP = re.compile(r"[.,'’\"“”()*\[\]]")
_SPACE = re.compile(r"[\s/&]+")
_UNSAFE = re.compile(r"[^A-Za-z0-9_\-]")


def slugify(name: str) -> str:
    """The slug of a name: words joined by `_`, hyphens kept, punctuation dropped.

    >>> slugify("Peace Mission-2014")
    'Peace_Mission-2014'
    >>> slugify("St. Petersburg International Economic Forum")
    'St_Petersburg_International_Economic_Forum'
    >>> slugify("Kazakhstan & Xinjiang")
    'Kazakhstan_Xinjiang'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = _SPACE.sub("_", _DROP.sub("", ascii_name).strip())
    slug = _UNSAFE.sub("", slug).strip("_")
    if not slug:
        raise ValueError(f"cannot mint a slug from {name!r}")
    return re.sub(r"_+", "_", slug)


def resource(slug: str) -> URIRef:
    """The resource IRI of a slug.

    >>> resource("Joint_Sea-2014")
    rdflib.term.URIRef('https://w3id.org/bilateral/resource/Joint_Sea-2014')
    """
    return BLR[slug]
