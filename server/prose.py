"""The article as the reader sees it: emphasis rendered, escapes removed, tables as tables.

The source view cuts the article at passage boundaries (`explore.segments`);
this module cuts it further at mention boundaries and renders the pieces in one
pass, so that markup never straddles a cited span or a mention and every anchor
still names a character offset of the file. Mentions are marked always; the
page shows the marks only when its toggle is on.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from markupsafe import Markup, escape

from bilateral.server.values import EMPHASIS, ESCAPE

_TABLE_LINE = re.compile(r"^[^\n]*\t[^\n]*$", re.MULTILINE)


def markup(text: str) -> dict[int, tuple[int, str]]:
    """What replaces the file's characters: offset -> (characters consumed, HTML put there)."""
    marks: dict[int, tuple[int, str]] = {}
    table_lines = list(_TABLE_LINE.finditer(text))
    in_table = [(m.start(), m.end()) for m in table_lines]
    for n, line in enumerate(table_lines):
        first = n == 0 or table_lines[n - 1].end() + 1 != line.start()
        last = n == len(table_lines) - 1 or line.end() + 1 != table_lines[n + 1].start()
        marks[line.start()] = (0, ("<table class='article-table'>" if first else "") + "<tr><td>")
        for tab in re.finditer("\t", line.group(0)):
            marks[line.start() + tab.start()] = (1, "</td><td>")
        closing = "</td></tr>" + ("</table>" if last else "")
        marks[line.end()] = (0 if last else 1, closing)  # the newline between rows is dropped
    for m in EMPHASIS.finditer(text):
        if not any(a <= m.start() < b for a, b in in_table):
            marks[m.start()] = (1, "<em>")
            marks[m.end() - 1] = (1, "</em>")
    for m in ESCAPE.finditer(text):
        marks.setdefault(m.start(), (1, ""))
    return marks


def article_html(text: str, segments: list[dict], mentions: list[dict] = ()) -> Markup:
    """The article's HTML: each segment's text, cited ones and mentions wrapped, markup between.

    `mentions` (none overlapping) cut the segments further, each piece wrapped
    in its mention's mark.

    >>> cut = [{"text": r"a *b* \\$4", "passages": [], "anchor": 0}]
    >>> str(article_html(r"a *b* \\$4", cut))
    '<a class="anchor" id="offset-0"></a>a <em>b</em> $4'
    """
    marks = markup(text)
    mentions = sorted(mentions, key=lambda m: m["start"])
    starts = [m["start"] for m in mentions]
    cuts = sorted({*starts, *(m["end"] for m in mentions)})
    out: list[str] = []
    position = 0
    for segment in segments:
        if segment["anchor"] is not None:
            out.append(f'<a class="anchor" id="offset-{segment["anchor"]}"></a>')
        cited = ("", "")
        if segment["passages"]:
            ids = escape(" ".join(segment["passages"]))
            cited = (f'<span class="cited" data-passages="{ids}" tabindex="0">', "</span>")
        end = position + len(segment["text"])
        inner = cuts[bisect_right(cuts, position) : bisect_left(cuts, end)]
        for start, stop in zip([position, *inner], [*inner, end], strict=True):
            wrap = cited
            n = bisect_right(starts, start) - 1
            if n >= 0 and start < mentions[n]["end"]:
                opening, closing = mention_mark(mentions[n])
                wrap = (cited[0] + opening, closing + cited[1])
            _render(out, text, marks, start, stop, wrap)
        position = end
    if len(text) in marks:
        out.append(marks[len(text)][1])
    return Markup("".join(out))


def _render(
    out: list[str], text: str, marks: dict, start: int, end: int, wrap: tuple[str, str]
) -> None:
    """Append text[start:end], wrapped, with the markup `marks` places inside it."""
    position = chunk_start = start
    while position < end:
        if position in marks:
            chunk_start = _flush(out, text, chunk_start, position, wrap)
            consumed, html = marks[position]
            out.append(html)
            position += consumed
            chunk_start = position
            if consumed:
                continue
        position += 1
    _flush(out, text, chunk_start, end, wrap)


def mention_mark(mention: dict) -> tuple[str, str]:
    """The opening and closing tags of a mention: its state, kind and offsets in its title,
    the reason of an exclusion, and a link to the page of the term it resolves to.

    >>> opening, closing = mention_mark({"kind": "date", "start": 3, "end": 9, "href": None,
    ...     "state": "unresolved", "excluded": None, "term": None})
    >>> opening.split(" title=")[1], closing
    ('"unresolved date, characters 3–9">', '</span>')
    """
    state, kind = mention["state"], mention["kind"]
    title = f"{state} {kind}, characters {mention['start']}–{mention['end']}"
    if mention["excluded"]:
        title += f": {mention['excluded']}"
    elif mention["term"]:
        title += f": {mention['term']}"
    attributes = (
        f'class="mention {state}" data-kind="{escape(kind)}" data-start="{mention["start"]}" '
        f'title="{escape(title)}"'
    )
    if mention["href"]:
        return f'<a {attributes} href="{escape(mention["href"])}" tabindex="-1">', "</a>"
    return f"<span {attributes}>", "</span>"


def _flush(out: list[str], text: str, start: int, end: int, wrap: tuple[str, str]) -> int:
    """Append text[start:end], escaped and wrapped in the (opening, closing) tags; return `end`."""
    if end > start:
        out.append(wrap[0] + str(escape(text[start:end])) + wrap[1])
    return end
