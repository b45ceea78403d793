"""The per-sentence feature table: one row per sentence, the spine every analysis adds columns to.

Base columns: ``doc_id, stance, paragraph_id, sentence_id, start, end, text, n_words`` with
``raw[start:end] == text``. Each analysis module contributes further columns through a function that
takes the sentence table and returns new columns indexed like it (see ``COLUMN_BUILDERS``).
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .corpus import Corpus, load_corpus
from .tokens import sentences

#: Functions ``(sentences) -> DataFrame`` adding columns; analysis modules append themselves here.
COLUMN_BUILDERS: list[Callable[[pd.DataFrame], pd.DataFrame]] = []

BASE_COLUMNS = ["doc_id", "stance", "paragraph_id", "sentence_id", "start", "end", "text", "n_words"]


def sentence_features(corpus: Corpus) -> pd.DataFrame:
    """The per-sentence feature table of a loaded corpus."""
    _register_builders()
    sents = sentences(corpus)
    stance = dict(zip(corpus.documents["doc_id"], corpus.documents["stance"]))
    sents.insert(1, "stance", sents["doc_id"].map(stance))
    table = sents[BASE_COLUMNS]
    extra = [build(table) for build in COLUMN_BUILDERS]
    return pd.concat([table, *extra], axis=1) if extra else table


def _register_builders() -> None:
    """Import the analysis modules so they can register their columns (kept lazy for a fast CLI start)."""


def write_table(table: pd.DataFrame, out: Path | str) -> Path:
    """Write CSV atomically: the output appears whole or not at all."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(fd)
    try:
        if out.suffix == ".csv":
            table.to_csv(tmp, index=False, lineterminator="\n")
        else:
            raise ValueError(f"{out}: unsupported output format '{out.suffix}' (use .csv)")
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return out


def features_command(corpus_dir: Path | str, out: Path | str) -> pd.DataFrame:
    """``rhetoric features CORPUS_DIR -o OUT``: load, compute, then write (nothing written on error)."""
    corpus = load_corpus(corpus_dir)
    table = sentence_features(corpus)
    write_table(table, out)
    return table
