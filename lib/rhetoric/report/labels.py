"""Names for people: every identifier a table or figure shows, turned into words from one place.

Measures take their label from the registry (``data/measures.csv`` and the codebooks), actors from the
actor list's ``label`` column, frames from the frame codebook, and everything else (marker categories, modal
types and readings, Entman's functions) from ``data/labels.csv``. An identifier nobody named is shown with
its underscores replaced by spaces, never raw.
"""
from __future__ import annotations

import pandas as pd

from rhetoric.instruments import actors, frames, registry
from rhetoric.io.wordlists import data_cache, read_table


@data_cache
def _table() -> dict[tuple[str, str], str]:
    names = {("measure", m.name): m.label for m in registry.measures()}
    names.update({("measure", m.column): m.label for m in registry.measures() if m.column})
    names.update({("actor", a): label for a, label in actors.actor_labels().items()})
    names.update({("frame", r.frame): r.label for r in frames.codebook().itertuples(index=False)})
    table = read_table("labels.csv")
    names.update({(r.kind, r.id): r.label for r in table.itertuples(index=False)})
    return names


def label_of(identifier: str, kind: str | None = None) -> str:
    """The human-readable name of ``identifier`` (of ``kind`` if given: measure, actor, frame, category,
    modal_type, reading, marker, entman)."""
    table = _table()
    if kind is not None and (kind, identifier) in table:
        return table[(kind, identifier)]
    if kind is None:
        for (_kind, i), label in table.items():
            if i == identifier:
                return label
    return str(identifier).replace("_", " ")


def labels_of(identifiers, kind: str | None = None) -> list[str]:
    """The human-readable names of ``identifiers`` (see :func:`label_of`)."""
    return [label_of(i, kind) for i in identifiers]


def relabel(table: pd.DataFrame, column: str, kind: str | None = None) -> pd.DataFrame:
    """``table`` with ``column``'s identifiers replaced by their names."""
    return table.assign(**{column: labels_of(table[column], kind)})


def document_labels(documents: pd.DataFrame) -> dict[str, str]:
    """``doc_id`` -> the name a reader sees: the metadata's ``label`` column where it is filled in, otherwise the
    id followed by its group ("a17 (left)"). Every figure and table names documents through this."""
    if "label" in documents.columns:
        given = documents["label"].fillna("").astype(str).str.strip()
    else:
        given = pd.Series("", index=documents.index)
    return {d: (lab if lab else f"{d} ({g})")
            for d, g, lab in zip(documents["doc_id"], documents["stance"], given)}
