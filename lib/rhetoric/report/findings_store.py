"""The findings store: ``figures/findings.csv``, every statement each notebook recorded, and its lists.

Each notebook records its statements (kind ``finding``, ``described`` or ``validity``) with
:func:`record_findings`, after :func:`clear_findings` when it starts afresh; ``00-overview`` (executed last) shows
them with :func:`findings_block`, and the README's generated parts (:mod:`rhetoric.report.readme`) read them with
:func:`read_findings`, so every finding shown anywhere is the sentence a notebook computed. The file is kept sorted
(notebook, kind, order), so it is stable from run to run.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from rhetoric.base.atomic_files import read_rows, replace_rows

FINDINGS_FILE = "findings.csv"
FINDINGS_COLUMNS = ["notebook", "kind", "order", "finding"]
DESCRIBED_HEADING = ("**Described only, not findings.** Differences that clear the rule on an instrument that has not "
                     "passed validation, or only with the terms first read off the project's own articles, each "
                     "with the check it failed:")


def record_findings(out_dir, notebook: str, kind: str, statements: list[str]) -> None:
    """Replace ``notebook``'s statements of ``kind`` in ``out_dir/findings.csv`` (sorted, so the file is stable)."""
    new = pd.DataFrame({"notebook": notebook, "kind": kind, "order": range(len(statements)), "finding": statements})
    replace_rows(Path(out_dir) / FINDINGS_FILE, new, {"notebook": notebook, "kind": kind}, FINDINGS_COLUMNS,
                 ["notebook", "kind", "order"], numeric=("order",))


def clear_findings(out_dir, notebook: str) -> None:
    """Remove every statement ``notebook`` recorded (a notebook starting afresh records its own again)."""
    path = Path(out_dir) / FINDINGS_FILE
    if path.is_file():
        replace_rows(path, pd.DataFrame(columns=FINDINGS_COLUMNS), {"notebook": notebook}, FINDINGS_COLUMNS,
                     ["notebook", "kind", "order"], numeric=("order",))


def read_findings(out_dir, kind: str | None = None) -> pd.DataFrame:
    """The recorded statements (all, or of one ``kind``: 'finding', 'described' or 'validity'), in notebook
    order."""
    table = read_rows(Path(out_dir) / FINDINGS_FILE, FINDINGS_COLUMNS)
    return table if kind is None else table[table["kind"] == kind].reset_index(drop=True)


def findings_markdown(findings: pd.DataFrame, link_prefix: str = "notebooks/") -> str:
    """One Markdown bullet per statement, each linked to the notebook that recorded it."""
    lines = [f"- {r.finding} ([{r.notebook}]({link_prefix}{r.notebook}))" for r in findings.itertuples()]
    return "\n".join(lines)


def findings_block(fig_dir, link_prefix: str = "notebooks/") -> str:
    """The findings, then (apart, under :data:`DESCRIBED_HEADING`) what is described only."""
    block = findings_markdown(read_findings(fig_dir, "finding"), link_prefix)
    described = read_findings(fig_dir, "described")
    if len(described):
        block += "\n\n" + DESCRIBED_HEADING + "\n\n" + findings_markdown(described, link_prefix)
    return block
