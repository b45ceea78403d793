"""Coding sheets: drawn hits with their context, for a coder to read, written only outside the repository.

A sheet holds benchmark text (:func:`rhetoric.analysis.devsample.contexts`), and no text of the benchmark may enter
the repository: every development module writes its sheets through :func:`write_sheet`, which refuses a path inside
it. What comes back into the repository is the coder's labels with ids and offsets only.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from rhetoric.base.paths import ROOT


def outside_repository(path: Path) -> Path:
    """``path`` resolved; a path inside the repository stops the run with one line naming it."""
    resolved = Path(path).resolve()
    if resolved.is_relative_to(ROOT.resolve()):
        raise SystemExit(f"{path}: a coding sheet holds benchmark text; write it outside the repository")
    return resolved


def write_sheet(sheet: pd.DataFrame, path: Path) -> Path:
    """Write one coding sheet (CSV, no index) at ``path``, outside the repository; its folder is created."""
    outside_repository(path)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    sheet.to_csv(path, index=False)
    return Path(path)
