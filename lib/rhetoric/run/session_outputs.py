"""What a notebook session writes and shows: figures, tables, findings, progress lines.

A notebook writes under ``OUT/figures`` (its ``output_dir``, default the project root), or under the staging
directory ``rhetoric run`` names (:data:`rhetoric.run.staging.STAGING_ENV`: its outputs replace the old ones only
when the notebook succeeds): :func:`output_root`.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd
from IPython import get_ipython
from IPython.display import Markdown

from rhetoric.base.paths import ROOT
from rhetoric.report.figure_files import save_figure
from rhetoric.report.findings_store import record_findings
from rhetoric.report.tables import readable, with_group_names, write_table
from rhetoric.run.corpus_views import bullet_list
from rhetoric.run.staging import STAGING_ENV

#: Set to a file path, progress lines (:meth:`SessionOutputs.progress`) are also appended there, for a runner to
#: follow.
PROGRESS_LOG = "RHETORIC_PROGRESS_LOG"


def output_root(output_dir: str | Path | None) -> Path:
    """Where a notebook writes ``figures/``: ``output_dir`` (default: the project root), or the staging directory
    ``rhetoric run`` names in :data:`rhetoric.run.staging.STAGING_ENV`."""
    staged = os.environ.get(STAGING_ENV)
    if staged:
        return Path(staged)
    return Path(output_dir) if output_dir is not None else ROOT


def _in_kernel() -> bool:
    """Whether this code runs in a notebook kernel (an IPython shell with a kernel)."""
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


class SessionOutputs:
    """The outputs of a :class:`rhetoric.run.session.Session` (a mixin: ``notebook`` and ``out_dir`` are the
    session's)."""

    @property
    def figures(self) -> Path:
        return self.out_dir / "figures"

    def progress(self, step: str, count: int | None = None, unit: str = "") -> None:
        """A plain, deterministic progress line (``[01-corpus] tokenised: 12,345 sentences``) appended to the
        log file the environment names (:data:`PROGRESS_LOG`; ``rhetoric run`` follows it), and outside a notebook
        kernel written to standard error. Never into a notebook's cell output, which is for the reader (a kernel
        echoes even the process's own standard error into the cell, so there it goes to the log only)."""
        amount = "" if count is None else f": {count:,}" + (f" {unit}" if unit else "")
        line = f"[{Path(self.notebook).stem}] {step}{amount}"
        if not _in_kernel():
            print(line, file=sys.stderr, flush=True)
        log = os.environ.get(PROGRESS_LOG)
        if log:
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(line + "\n")

    def save(self, fig, name: str, caption: str):
        """Save through the shared figure helper and return the image to display."""
        return save_figure(fig, name, caption, notebook=self.notebook, out_dir=self.figures)

    def table(self, table: pd.DataFrame, name: str, caption: str = "", latex: bool = True):
        """Write ``table`` in full (``figures/NAME.csv``, and ``.tex`` unless ``latex`` is false: a table that grows
        with the corpus is CSV only) and return what the notebook shows: at most 20 rows with words for headers,
        formatted numbers and a link to the full CSV (:func:`rhetoric.report.tables.readable`)."""
        names = getattr(self, "group_labels", None)
        written = write_table(table, name, self.figures, caption=caption, latex=latex, group_labels=names,
                              notebook=getattr(self, "notebook", ""))
        return readable(with_group_names(table, names), name, link=f"../{self.figures.name}/{name}.csv",
                        latex=len(written) == 2, caption=caption)

    def show(self, table: pd.DataFrame, of: str = "", caption: str = ""):
        """A view of a result (a pivot, a selection) shown as :meth:`table` shows one: at most 20 rows, headers
        in words, formatted numbers, no index, its own ``caption`` above it; ``of`` names the written table it
        comes from (``figures/OF.csv``), linked."""
        if not isinstance(table.index, pd.RangeIndex):
            table = table.reset_index()
        table = with_group_names(table.rename(columns=str), getattr(self, "group_labels", None))
        return readable(table, of or "table", link=f"../{self.figures.name}/{of}.csv" if of else "", caption=caption)

    def record(self, statements: list[str], kind: str = "finding") -> Markdown:
        """Record this notebook's computed statements in ``figures/findings.csv`` (replacing its earlier
        ones of that kind) and return them as Markdown to display. The overview and the README read them
        from there, so every finding shown anywhere is the sentence a notebook computed."""
        record_findings(self.figures, self.notebook, kind, statements)
        if statements:
            return Markdown(bullet_list(statements))
        # nothing of this kind: said only of findings; an empty list of "described" or "validity" statements
        # (which notebooks show right after the findings) shows nothing rather than contradict them
        return Markdown("_No statement of this kind for this corpus._" if kind == "finding" else "")
