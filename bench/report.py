"""Tables from a bench report; `python -m bench.report FILE.json` prints a saved one."""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

PHASES = (
    "generate",
    "parse",
    "extract",
    "validate",
    "reasonable_alone",
    "reason",
    "reason_reasonable",
    "reason_owlrl",
    "load",
)


def ratio(a: float | None, b: float | None) -> str:
    """`a / b` to two decimals, or "-" when either is missing.

    >>> ratio(3.0, 2.0), ratio(None, 1.0)
    ('1.50', '-')
    """
    return f"{a / b:.2f}" if a and b else "-"


def ms(entry: dict | None) -> float | None:
    """The median of a latency entry, None when it failed."""
    return (entry or {}).get("median_ms")


def cell(entry: dict | None) -> str:
    """ "median / p99" in ms, or the error status."""
    if not entry:
        return "-"
    if "median_ms" not in entry:
        return f"HTTP {entry.get('status')}"
    return f"{entry['median_ms']:.2f} / {entry['p99_ms']:.2f}"


def table(rows: list[list[str]]) -> str:
    """Left-aligned columns separated by two spaces."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    )


def pick(server: dict, name: str) -> dict | None:
    """The latency entry of one query (or of `ASK {}`) in a server's results."""
    return server.get("ask") if name == "ASK {}" else server.get("queries", {}).get(name)


def latency_table(http: dict) -> str:
    """One row per query: median / p99 per server, ours/Oxigraph, rdflib-endpoint/ours."""
    ours, oxi, rdf = (http.get(n, {}) for n in ("ours", "oxigraph", "rdflib-endpoint"))
    head = ["query (ms median / p99)", "ours", "oxigraph", "rdflib-endpoint"]
    rows = [head + ["ours/oxigraph", "rdflib/ours"]]
    names = ["ASK {}"] + sorted(
        next((s["queries"] for s in (ours, oxi, rdf) if "queries" in s), {})
    )
    slower: list[float] = []
    for name in names:
        a, b, c = (pick(server, name) for server in (ours, oxi, rdf))
        rows.append([name, cell(a), cell(b), cell(c), ratio(ms(a), ms(b)), ratio(ms(c), ms(a))])
        if name != "ASK {}" and ms(a) and ms(c):
            slower.append(ms(c) / ms(a))
    if slower:
        rows.append(["median canned query", "", "", "", "", f"{statistics.median(slower):.2f}"])
    return table(rows)


def throughput_table(http: dict) -> str:
    """Requests/s (errors) per concurrency and server, Oxigraph/ours."""
    rows = [
        ["clients", "ours rps (err)", "oxigraph rps (err)", "rdflib rps (err)", "oxigraph/ours"]
    ]
    levels = sorted({c for s in http.values() for c in s.get("throughput", {})}, key=int)
    for level in levels:
        got = [http.get(n, {}).get("throughput", {}).get(level) for n in SERVER_NAMES]
        cells = [f"{g['rps']:.0f} ({g['errors']})" if g else "-" for g in got]
        rps = [g["rps"] if g else None for g in got]
        rows.append([level, *cells, ratio(rps[1], rps[0])])
    return table(rows)


SERVER_NAMES = ("ours", "oxigraph", "rdflib-endpoint")


def ordered(sizes: dict) -> list[str]:
    """Size names smallest first, the seed article first of all.

    >>> ordered({"1e5": 0, "seed": 0, "1e4": 0})
    ['seed', '1e4', '1e5']
    """
    return sorted(sizes, key=lambda name: -1.0 if name == "seed" else float(name))


def build_table(sizes: dict) -> str:
    """Seconds and peak RSS (MiB) per phase and size; data triples on top."""
    names = ordered(sizes)
    rows = [["phase (s / peak MiB)", *names]]
    rows.append(["data triples", *(str(sizes[n]["build"]["triples"]["data"]) for n in names)])
    rows.append(
        ["inferred triples", *(str(sizes[n]["build"]["triples"]["inferred"]) for n in names)]
    )
    for phase in PHASES:
        cells = []
        for n in names:
            got = sizes[n]["build"]["phases"].get(phase)
            cells.append(f"{got['seconds']:.2f} / {got['peak_rss_mb']:.0f}" if got else "-")
        if any(c != "-" for c in cells):
            rows.append([phase, *cells])
    return table(rows)


def export_table(sizes: dict) -> str:
    """Seconds of each export format per size."""
    names = [n for n in ordered(sizes) if "exports" in sizes[n]["build"]]
    if not names:
        return ""
    formats = list(sizes[names[0]]["build"]["exports"])
    rows = [["export (s)", *names]]
    rows += [[f, *(f"{sizes[n]['build']['exports'][f]:.2f}" for n in names)] for f in formats]
    return table(rows)


def growth(sizes: dict, small: str = "1e5", large: str = "1e6") -> str:
    """Time and memory per triple at `large` over `small` (1.0 = linear)."""
    if small not in sizes or large not in sizes:
        return ""
    a, b = sizes[small]["build"], sizes[large]["build"]
    scale = b["triples"]["data"] / a["triples"]["data"]
    lines = [f"growth {small} -> {large} (x{scale:.1f} triples; per-triple ratio, 1.00 = linear):"]
    for phase in ("parse", "reasonable_alone", "reason", "load"):
        pa, pb = a["phases"].get(phase), b["phases"].get(phase)
        if pa and pb:
            lines.append(f"  {phase}: time {pb['seconds'] / pa['seconds'] / scale:.2f}")
    lines.append(f"  peak memory: {b['peak_rss_mb'] / a['peak_rss_mb'] / scale:.2f}")
    return "\n".join(lines)


def render(report: dict) -> str:
    """Every table of a report, as text."""
    parts = []
    sizes = report["sizes"]
    for size in ordered(sizes):
        entry = sizes[size]
        if "http" in entry:
            parts.append(f"== {size}: latency over HTTP\n{latency_table(entry['http'])}")
            parts.append(f"== {size}: throughput\n{throughput_table(entry['http'])}")
    parts.append(f"== build by phase\n{build_table(sizes)}")
    if export_table(sizes):
        parts.append(f"== export by format\n{export_table(sizes)}")
    parts.append(growth(sizes))
    return "\n\n".join(p for p in parts if p)


if __name__ == "__main__":
    print(render(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))))
