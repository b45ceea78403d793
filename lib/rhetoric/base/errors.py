"""Errors that name the file and the problem.

Every error a user can cause by what they give a command (a corpus, an input file, an output path, a
scheduler address) is an :class:`InputError`: the command line prints it as one line (``path: problem``) and
exits with status 2, with no traceback and nothing written.
"""
from __future__ import annotations

from pathlib import Path


class InputError(ValueError):
    """Something given to a command that cannot be used as it is: names the path (or address) and the problem."""

    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path) if not isinstance(path, Path) else path
        self.problem = problem
        super().__init__(f"{path}: {problem}")

    def __reduce__(self):  # rebuilt from (path, problem) when it crosses a process boundary (a worker's error)
        return type(self), (self.path, self.problem)


class CorpusError(InputError):
    """A corpus that cannot be read as it is: names the file and what is wrong with it."""


class OutputError(InputError):
    """An output that must not or cannot be written (it is an input, a directory, read-only, the disk is full)."""


class CorpusWarning(UserWarning):
    """Something in a corpus directory that is probably a mistake but loses nothing (e.g. an unlisted text file)."""
