"""What `bilateral build` prints: one line per phase, progress, and warnings summarised.

The build logs each phase's start and end, and its progress, as records of
`bilateral.graph.build` with `extra` fields; this module turns them into lines.
On a terminal the running phase shows on its own line and the load a click
progress bar; elsewhere (a pipe, a CI log) only the finished lines appear.
Warnings of the build are counted, not printed, unless `verbose`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

BUILD_LOGGER = "bilateral.graph.build"


class PhaseLines(logging.Handler):
    """Phase records as lines on standard output; progress records as a progress bar."""

    def __init__(self, terminal: bool) -> None:
        super().__init__(logging.DEBUG)
        self.terminal = terminal
        self.bar = None

    def emit(self, record: logging.LogRecord) -> None:
        if hasattr(record, "progress"):
            self._progress(*record.progress)
        elif hasattr(record, "seconds"):
            self._close_bar()
            counts = ", ".join(f"{n} {k}" for k, n in record.counts.items())
            end = "\r\x1b[K" if self.terminal else ""
            click.echo(f"{end}{record.phase:<12} {record.seconds:>7.2f} s  {counts}".rstrip())
        elif hasattr(record, "phase"):
            if self.terminal:
                click.echo(f"{record.phase:<12} ...", nl=False)
        elif record.levelno >= logging.WARNING:
            logging.getLogger().handle(record)

    def _progress(self, label: str, done: int, total: int) -> None:
        if not self.terminal:
            return
        if self.bar is None:
            click.echo("\r\x1b[K", nl=False)
            self.bar = click.progressbar(length=total, label=f"  {label}", show_pos=True)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def _close_bar(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


class WarningCount(logging.Filter):
    """Counts the project's warnings and keeps them off the console unless verbose."""

    def __init__(self, verbose: bool) -> None:
        super().__init__()
        self.verbose = verbose
        self.count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.WARNING or not record.name.startswith("bilateral."):
            return True
        self.count += 1
        return self.verbose


@contextmanager
def build_display(verbose: bool) -> Iterator[WarningCount]:
    """Show the build's phases while it runs; yields the warning counter."""
    build_logger = logging.getLogger(BUILD_LOGGER)
    lines = PhaseLines(terminal=click.get_text_stream("stdout").isatty())
    warnings = WarningCount(verbose)
    handlers = logging.getLogger().handlers
    level = build_logger.level
    build_logger.addHandler(lines)
    build_logger.setLevel(logging.DEBUG)
    build_logger.propagate = False
    for handler in handlers:
        handler.addFilter(warnings)
    try:
        yield warnings
    finally:
        lines._close_bar()
        build_logger.removeHandler(lines)
        build_logger.setLevel(level)
        build_logger.propagate = True
        for handler in handlers:
            handler.removeFilter(warnings)


def warning_line(count: int, manifest: Path) -> str:
    """One line for the build's warnings, with where to read them."""
    plural = "" if count == 1 else "s"
    return f"{count} warning{plural}: `bilateral build -v` prints them; they are also in {manifest}"
