"""Frames and Entman's framing functions, by dictionary, sentence by sentence.

* Frames: a codebook (``data/frames.csv``: each frame with its definition, source, ``pfc_code`` and
  ``pfc_dimension``) and indicator terms (``data/frame_terms.csv``: each term with its reason and optional
  ``not_before`` / ``not_after`` vetoes, :mod:`rhetoric.language.constraints`). Two layers, matched separately:
  the 14 substantive dimensions of the Policy Frames Codebook (Boydstun, Card, Gross, Resnik & Smith 2014;
  the Media Frames Corpus, Card et al. 2015), for news on any policy issue; and three project-specific
  international-relations frames (great-power rivalry, diplomacy, energy), which re-read some of the same
  words (a "treaty" is external regulation in the codebook and diplomacy in the second layer). Within a
  layer a term belongs to one frame and the longest match wins ("social security" is economic, not
  security). A sentence may carry several frames.
* Entman (1993): to frame is to promote a problem definition, a causal interpretation, a moral evaluation
  and/or a treatment recommendation. Each function is coded per sentence by transparent lexical cues
  (``data/entman_cues.csv``, each cue with its reason and optional vetoes): a sentence has the function
  when a cue occurs.

Both instruments were rebuilt on development text that is not the study's (the benchmark's ``dev``
split; protocol, samples and precision audits in ``rhetoric_dev.dictionaries`` and
``data/audit_dev_*.csv``; every change with its evidence in ``data/instrument_changes.csv``) and frozen
before they measure the seeds. A dictionary is a measurement instrument (Grimmer & Stewart 2013): its
precision on held-out text is audited by independent coders.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from rhetoric.io.wordlists import data_cache, read_table
from rhetoric.language.constraints import apply_vetoes
from rhetoric.language.matching import counts_by_sentence, match_terms

ENTMAN_FUNCTIONS = ["problem", "cause", "moral", "treatment"]
ENTMAN_LABELS = {"problem": "problem definition", "cause": "causal interpretation",
                 "moral": "moral evaluation", "treatment": "treatment recommendation"}


@data_cache
def codebook() -> pd.DataFrame:
    """``frame, label, definition, source, pfc_code, pfc_dimension`` for every frame (``pfc_code`` empty for
    the project's international-relations frames)."""
    return read_table("frames.csv")


@data_cache
def frame_terms() -> pd.DataFrame:
    """``frame, term, reason, not_before, not_after`` for every indicator term."""
    return read_table("frame_terms.csv")


@data_cache
def entman_cues() -> pd.DataFrame:
    """``function, term, reason, not_before, not_after`` for every Entman cue."""
    return read_table("entman_cues.csv")


def pfc_frames() -> list[str]:
    """The frames that are Policy Frames Codebook dimensions, in codebook order."""
    book = codebook()
    return list(book.loc[book["pfc_code"] != "", "frame"])


def frame_names() -> list[str]:
    """The frame ids, in codebook order."""
    return list(codebook()["frame"])


def frame_labels() -> dict[str, str]:
    """Frame id -> the codebook's label, in codebook order."""
    book = codebook()
    return dict(zip(book["frame"], book["label"]))


def frame_hits(toks: pd.DataFrame) -> pd.DataFrame:
    """Every indicator-term hit: ``doc_id, sentence_id, token_id, start, end, matched, term, frame``.

    Each layer (codebook dimensions; international-relations frames) is matched on its own, longest match
    first, and its vetoes applied; a word can thus count once per layer, never twice within one.
    """
    terms = frame_terms()
    pfc = set(pfc_frames())
    parts = []
    for layer in (terms[terms["frame"].isin(pfc)], terms[~terms["frame"].isin(pfc)]):
        if layer.empty:
            continue
        hits = apply_vetoes(match_terms(toks, list(layer["term"])), toks, layer)
        parts.append(hits.merge(layer[["term", "frame"]], on="term", how="left"))
    hits = pd.concat(parts, ignore_index=True)
    doc_order = {d: i for i, d in enumerate(dict.fromkeys(toks["doc_id"]))}
    key = hits["doc_id"].map(doc_order)
    return hits.assign(_k=key).sort_values(["_k", "start"], kind="mergesort").drop(columns="_k").reset_index(drop=True)


def frame_counts(sents: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """``frame_<name>`` columns: indicator hits per sentence for every frame (feature-table columns)."""
    return counts_by_sentence(sents, hits, "frame", frame_names(), prefix="frame_")


def frame_columns(sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    """Feature-table columns ``frame_<name>``: indicator-term hits per frame in each sentence."""
    return frame_counts(sents, frame_hits(toks))


def frame_salience(sents: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """Per document and frame: hits per 1,000 words and the share of sentences carrying the frame."""
    table = pd.concat([sents[["doc_id", "n_words"]], counts], axis=1)
    names = frame_names()
    cols = [f"frame_{frame}" for frame in names]
    grouped = table.groupby("doc_id", sort=False)  # one pass per statistic, every document and frame at once
    hits, words = grouped[cols].sum(), grouped["n_words"].sum()
    per_1000 = (1000 * hits).div(words, axis=0)
    carrying = (table[cols] > 0).groupby(table["doc_id"], sort=False).mean()
    if not len(hits):
        return pd.DataFrame()
    k = len(names)  # one row per document and frame, documents in order, frames in list order
    return pd.DataFrame({"doc_id": [d for d in hits.index.tolist() for _ in range(k)], "frame": names * len(hits),
                         "hits": hits.to_numpy().astype("int64").ravel(),
                         "per_1000_words": per_1000.to_numpy(dtype=float).ravel(),
                         "share_of_sentences": carrying.to_numpy(dtype=float).ravel()})


def frame_trajectory(sents: pd.DataFrame, counts: pd.DataFrame, bins: int = 10) -> pd.DataFrame:
    """Share of sentences carrying each frame in each tenth of each article (position by sentence order)."""
    table = pd.concat([sents[["doc_id", "sentence_id"]], counts > 0], axis=1)
    size = table.groupby("doc_id", sort=False)["sentence_id"].transform("size")
    table["segment"] = np.minimum((table["sentence_id"] * bins) // size, bins - 1).astype(int)
    cols = [f"frame_{f}" for f in frame_names()]
    out = table.groupby(["doc_id", "segment"], sort=False)[cols].mean().reset_index()
    return out.rename(columns={f"frame_{f}": f for f in frame_names()})


def entman_hits(toks: pd.DataFrame) -> pd.DataFrame:
    """Every Entman cue hit (vetoes applied), with its ``function``."""
    cues = entman_cues()
    hits = apply_vetoes(match_terms(toks, list(cues["term"])), toks, cues)
    return hits.merge(cues[["term", "function"]], on="term", how="left")


def entman_functions(sents: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """Boolean columns ``problem, cause, moral, treatment`` per sentence."""
    counts = counts_by_sentence(sents, hits, "function", ENTMAN_FUNCTIONS)
    return counts > 0


def entman_columns(sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    """Feature-table columns ``entman_<function>``: cue hits per framing function in each sentence."""
    return counts_by_sentence(sents, entman_hits(toks), "function", ENTMAN_FUNCTIONS, prefix="entman_")
