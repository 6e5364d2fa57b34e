"""The article as the reader sees it: emphasis rendered, escapes removed, tables as tables.

The source view cuts the article at passage boundaries (`explore.segments`);
this module renders the cut text in one pass, so that markup never straddles a
cited span and every anchor still names a character offset of the file.
"""

from __future__ import annotations

import re

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


def article_html(text: str, segments: list[dict]) -> Markup:
    """The article's HTML: each segment's text, cited ones wrapped, markup placed between.

    >>> cut = [{"text": r"a *b* \\$4", "passages": [], "anchor": 0}]
    >>> str(article_html(r"a *b* \\$4", cut))
    '<a class="anchor" id="offset-0"></a>a <em>b</em> $4'
    """
    marks = markup(text)
    out: list[str] = []
    position = 0
    for segment in segments:
        if segment["anchor"] is not None:
            out.append(f'<a class="anchor" id="offset-{segment["anchor"]}"></a>')
        opening = ""
        if segment["passages"]:
            ids = escape(" ".join(segment["passages"]))
            opening = f'<span class="cited" data-passages="{ids}" tabindex="0">'
        end = position + len(segment["text"])
        chunk_start = position
        while position < end:
            if position in marks:
                chunk_start = _flush(out, text, chunk_start, position, opening)
                consumed, html = marks[position]
                out.append(html)
                position += consumed
                chunk_start = position
                if consumed:
                    continue
            position += 1
        _flush(out, text, chunk_start, end, opening)
        position = end
    if len(text) in marks:
        out.append(marks[len(text)][1])
    return Markup("".join(out))


def _flush(out: list[str], text: str, start: int, end: int, opening: str) -> int:
    """Append text[start:end], escaped and wrapped; return `end`."""
    if end > start:
        body = str(escape(text[start:end]))
        out.append(f"{opening}{body}</span>" if opening else body)
    return end
