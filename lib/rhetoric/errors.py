"""Errors that name the file and the problem."""
from __future__ import annotations

from pathlib import Path


class CorpusError(ValueError):
    """A corpus that cannot be read as it is: names the file and what is wrong with it."""

    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class CorpusWarning(UserWarning):
    """Something in a corpus directory that is probably a mistake but loses nothing (e.g. an unlisted text file)."""
