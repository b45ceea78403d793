"""What every notebook does the same way: set up from its parameters, navigate, state findings, cite sources."""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .corpus import Corpus, load_corpus
from .errors import CorpusWarning
from .figures import save_figure, use_style, write_table
from .findings import clear_findings, record_findings
from .paths import ROOT


@dataclass
class Session:
    """A notebook's corpus and where its outputs go."""

    corpus: Corpus
    notebook: str
    out_dir: Path

    @property
    def figures(self) -> Path:
        return self.out_dir / "figures"

    def save(self, fig, name: str, caption: str):
        """Save through the shared figure helper and return the image to display."""
        return save_figure(fig, name, caption, notebook=self.notebook, out_dir=self.figures)

    def table(self, table: pd.DataFrame, name: str, caption: str = "") -> pd.DataFrame:
        write_table(table, name, self.figures, caption=caption)
        return table

    def record(self, statements: list[str], kind: str = "finding"):
        """Record this notebook's computed statements in ``figures/findings.csv`` (replacing its earlier
        ones of that kind) and return them as Markdown to display. The overview and the README read them
        from there, so every finding shown anywhere is the sentence a notebook computed."""
        from IPython.display import Markdown

        record_findings(self.figures, self.notebook, kind, statements)
        return Markdown(bullet_list(statements))


def start(notebook: str, corpus_dir: str | None, output_dir: str | None) -> Session:
    """Load the corpus named by the notebook's parameters (default: the seeds) and set the style."""
    pd.set_option("display.max_colwidth", 200)
    pd.set_option("display.precision", 3)
    pd.set_option("display.max_rows", 80)
    use_style()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # shown by `rhetoric run` before the notebooks start
        corpus = load_corpus(corpus_dir)
    out = Path(output_dir) if output_dir is not None else ROOT
    session = Session(corpus=corpus, notebook=notebook, out_dir=out)
    clear_findings(session.figures, notebook)  # what this run records replaces everything it recorded before
    return session


def corpus_card(corpus: Corpus) -> pd.DataFrame:
    """The documents table as a reader needs it: id, stance, title, outlet, date, file, checksum."""
    cols = ["doc_id", "stance", "title", "outlet", "date", "file", "n_chars"]
    card = corpus.documents[cols].copy()
    card["sha256 (first 12)"] = corpus.documents["sha256"].str[:12]
    return card


def bullet_list(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def skipped_note(what: str) -> str:
    return (f"**Skipped on this corpus:** {what} needs the hand-coded gold annotation, which exists only "
            "for the project's two seed articles.")
