"""The article cut into paragraphs and sentences, with their character offsets.

Paragraphs are separated by blank lines, except at a page break: the seeds
keep the PDF's page breaks as blank lines inside a paragraph, even inside a
sentence ("just two\\n\\ndays before"). A blank line therefore ends a paragraph
only after sentence-ending punctuation (or a colon), after or before a
heading, and before any structured line (chronology entry, table row, legend).

Each paragraph has a kind, and is cut into units:

- ``prose``: the article's paragraphs, one unit per sentence;
- ``quote``: a block quote (prose introduced by a paragraph ending in ":"), one unit;
- ``chronology``: one dated entry of the chronology ("May 8, 2014: ..."), one unit;
- ``table``: a table, one unit per row, the first row being its header;
- ``front`` (the masthead, title and author lines before the first prose),
  ``heading`` (section titles, table captions), ``legend`` ("n = naval") and
  ``separator`` ("*"): one unit each.

Fact-bearing units are the sentences of prose, block quotes, chronology
entries and table rows other than the header; the rest states no fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FACT_KINDS = frozenset({"prose", "quote", "chronology", "table"})
MONTH = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
CHRONOLOGY_ENTRY = re.compile(
    rf"^{MONTH}\s+\d{{1,2}}(?:\s*[-–]\s*(?:{MONTH}\s+)?\d{{1,2}})?,\s+\d{{4}}:\s"
)
LEGEND = re.compile(r"^\S{1,3} = \S")
SEPARATOR = re.compile(r"^[*\-_=~#\s]+$")
BLANK_LINE = re.compile(r"\n[ \t\r]*\n\s*")
HEADING_MAX = 100
HEADING_LINES = 3  # a byline: author, affiliation
# Sentence-ending punctuation, then any closing quotes or brackets.
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]*]*(?=\s)")
PARAGRAPH_END = re.compile(r"(?:[.!?:]|\.\.\.)[\"'”’)\]*]*$")
# Words whose trailing period is not a full stop (matched case-sensitively).
ABBREVIATIONS = frozenset(
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    "Adm Capt Col Gen Gov Lt Maj Mr Mrs Ms Dr Prof Rep Sen Sgt Rev Hon "
    "St Mt Ft No Nos Vol Fig Inc Ltd Co Corp Jr Sr vs etc al "
    "U.S U.K U.N E.U e.g i.e tril bil mil bn".split()
)


@dataclass(frozen=True)
class Unit:
    """One sentence, entry, row or line of the article, at `[start, end)`."""

    kind: str
    start: int
    end: int
    text: str
    fact: bool


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (or heading, table, entry...) and its units."""

    number: int
    kind: str
    start: int
    end: int
    units: tuple[Unit, ...]

    @property
    def fact(self) -> bool:
        """Whether any unit of the paragraph states a fact."""
        return any(unit.fact for unit in self.units)


@dataclass
class _Block:
    kind: str
    start: int
    end: int
    text: str


def blocks(text: str) -> list[tuple[int, int]]:
    """The `[start, end)` of each run of text between blank lines, whitespace trimmed.

    >>> blocks("A b.\\n\\n  C d.\\n")
    [(0, 4), (8, 12)]
    """
    spans, start = [], 0
    for gap in [*BLANK_LINE.finditer(text), None]:
        end = gap.start() if gap else len(text)
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((start + lead, start + len(chunk.rstrip())))
        if gap:
            start = gap.end()
    return spans


def classify(text: str) -> str:
    """The kind of one block judged by itself: structured line, heading or prose.

    >>> [classify(t) for t in ["May 8, 2014: A visit.", "n = naval", "*", "A title", "A b."]]
    ['chronology', 'legend', 'separator', 'heading', 'prose']
    """
    if SEPARATOR.match(text):
        return "separator"
    if "\t" in text:
        return "table"
    if LEGEND.match(text):
        return "legend"
    if CHRONOLOGY_ENTRY.match(text):
        return "chronology"
    lines = text.split("\n")
    if len(lines) <= HEADING_LINES and all(_title_line(line) for line in lines):
        return "heading"
    return "prose"


def _title_line(line: str) -> bool:
    """Whether a line reads as a title: short, capitalised, without closing punctuation."""
    line = line.strip()
    return len(line) <= HEADING_MAX and line[:1].isupper() and not re.search(r"[.,;:]$", line)


def continues(previous: _Block, kind: str) -> bool:
    """Whether a block of `kind` after a blank line goes on with the `previous` paragraph."""
    if kind != "prose" or previous.kind not in ("prose", "quote", "chronology"):
        return False
    return not PARAGRAPH_END.search(previous.text)


def paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of an article with their units (see the module docstring).

    >>> [p.kind for p in paragraphs("Title\\n\\nIt was. Just two\\n\\ndays.\\n\\nA Head\\n\\nEnd.")]
    ['front', 'prose', 'heading', 'prose']
    """
    spans = blocks(text)
    kinds = [classify(text[start:end]) for start, end in spans]
    for i, (start, _) in enumerate(spans[1:], 1):
        if kinds[i - 1] == "heading" and text[start].islower():
            kinds[i - 1] = "prose"  # a short fragment before a page break, not a title
    merged: list[_Block] = []
    for (start, end), kind in zip(spans, kinds, strict=True):
        if merged and continues(merged[-1], kind):
            merged[-1].end = end
            merged[-1].text = text[merged[-1].start : end]
            continue
        if kind == "table" and merged and merged[-1].kind == "table":
            merged[-1].end, merged[-1].text = end, text[merged[-1].start : end]
            continue
        if kind == "prose" and merged and merged[-1].text.endswith(":"):
            kind = "quote"
        merged.append(_Block(kind, start, end, text[start:end]))
    _mark_front(merged)
    return [
        Paragraph(number, block.kind, block.start, block.end, tuple(_units(block)))
        for number, block in enumerate(merged, 1)
    ]


def _mark_front(merged: list[_Block]) -> None:
    """Call `front` every block before the first prose paragraph (masthead, title, author)."""
    for block in merged:
        if block.kind == "prose":
            return
        block.kind = "front"


def _units(block: _Block) -> list[Unit]:
    """The units of one paragraph."""
    if block.kind == "prose":
        return [
            Unit("sentence", s, e, block.text[s - block.start : e - block.start], True)
            for s, e in sentences(block.text, block.start)
        ]
    if block.kind == "table":
        rows = []
        for number, match in enumerate(re.finditer(r"[^\n]+", block.text)):
            if match.group().strip():
                s, e = block.start + match.start(), block.start + match.end()
                kind = "table-header" if number == 0 else "table-row"
                rows.append(Unit(kind, s, e, match.group(), number > 0))
        return rows
    return [Unit(block.kind, block.start, block.end, block.text, block.kind in FACT_KINDS)]


def sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """The `[start, end)` of each sentence of a paragraph, shifted by `offset`.

    >>> t = 'On Sept. 1, Gen. Li met U.S. envoys. "Good," he said. Then St. Petersburg.'
    >>> [t[s:e] for s, e in sentences(t)]
    ['On Sept. 1, Gen. Li met U.S. envoys.', '"Good," he said.', 'Then St. Petersburg.']
    """
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if not _is_full_stop(text, match):
            continue
        spans.append((start, match.end()))
        rest = text[match.end() :]
        start = match.end() + len(rest) - len(rest.lstrip())
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return [(offset + s, offset + e) for s, e in spans if e > s]


def _is_full_stop(text: str, match: re.Match) -> bool:
    """Whether the punctuation `match` ends a sentence (not an abbreviation or initial)."""
    following = text[match.end() :].lstrip()
    if not following or following[0].islower() or following[0] in ",;":
        return False
    if match.group()[0] != "." or match.group().startswith(".."):
        return True
    word = text[: match.start()].rsplit(None, 1)[-1] if text[: match.start()].strip() else ""
    word = word.lstrip("(\"'“‘[")
    if word in ABBREVIATIONS:
        return False
    return not (len(word) == 1 and word.isupper())
