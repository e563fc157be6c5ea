"""Errors that name the input and the problem, so the CLI can print them and exit non-zero."""

from __future__ import annotations


class EventwireError(Exception):
    """Base of eventwire's own errors."""


class InputError(EventwireError):
    """Bad input: names the input (a path, URL, or 'line 7 of x.jsonl') and what is wrong with it."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class StoreError(EventwireError):
    """The store could not be opened or written."""
