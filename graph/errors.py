"""The one base class of every error caused by bad input (not by a bug)."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: the message names the file and place, and how to fix it."""
