"""Frames and Entman's framing functions, by dictionary, sentence by sentence.

* Frames: a codebook (``data/frames.csv``: each frame with its definition and source) and indicator
  terms (``data/frame_terms.csv``: each term with its reason). Seven dimensions of the Policy Frames
  Codebook (Boydstun et al. 2014) that apply to these texts, plus three international-relations frames
  (great-power rivalry, diplomacy and cooperation, energy). A sentence may carry several frames.
* Entman (1993): to frame is to promote a problem definition, a causal interpretation, a moral evaluation
  and/or a treatment recommendation. Each function is coded per sentence by transparent lexical cues
  (``data/entman_cues.csv``, each cue with its reason): a sentence has the function when a cue occurs.

A dictionary is a measurement instrument: the notebook validates both against hand-coded sentences
(Grimmer & Stewart 2013). The terms were written by reading these two articles, so that validation is
in-sample and flatters the dictionary; it is reported as such.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .lexicon import data_cache, read_table
from .matching import counts_by_sentence, match_terms

ENTMAN_FUNCTIONS = ["problem", "cause", "moral", "treatment"]
ENTMAN_LABELS = {"problem": "problem definition", "cause": "causal interpretation",
                 "moral": "moral evaluation", "treatment": "treatment recommendation"}


@data_cache
def codebook() -> pd.DataFrame:
    """``frame, label, definition, source`` for every frame."""
    return read_table("frames.csv")


@data_cache
def frame_terms() -> pd.DataFrame:
    """``frame, term, reason`` for every indicator term."""
    return read_table("frame_terms.csv")


@data_cache
def entman_cues() -> pd.DataFrame:
    """``function, term, reason`` for every Entman cue."""
    return read_table("entman_cues.csv")


def frame_names() -> list[str]:
    return list(codebook()["frame"])


def frame_hits(toks: pd.DataFrame) -> pd.DataFrame:
    """Every indicator-term hit: ``doc_id, sentence_id, token_id, start, end, matched, term, frame``.

    A term listed under two frames counts for both (none is, at present).
    """
    terms = frame_terms()
    hits = match_terms(toks, list(terms["term"]))
    return hits.merge(terms[["term", "frame"]], on="term", how="left")


def frame_counts(sents: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """``frame_<name>`` columns: indicator hits per sentence for every frame (feature-table columns)."""
    return counts_by_sentence(sents, hits, "frame", frame_names(), prefix="frame_")


def frame_columns(sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    """Feature-table columns ``frame_<name>``: indicator-term hits per frame in each sentence."""
    return frame_counts(sents, frame_hits(toks))


def frame_salience(sents: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """Per document and frame: hits per 1,000 words and the share of sentences carrying the frame."""
    table = pd.concat([sents[["doc_id", "n_words"]], counts], axis=1)
    rows = []
    for doc_id, g in table.groupby("doc_id", sort=False):
        for frame in frame_names():
            col = g[f"frame_{frame}"]
            rows.append({"doc_id": doc_id, "frame": frame, "hits": int(col.sum()),
                         "per_1000_words": 1000 * col.sum() / g["n_words"].sum(),
                         "share_of_sentences": float((col > 0).mean())})
    return pd.DataFrame(rows)


def frame_trajectory(sents: pd.DataFrame, counts: pd.DataFrame, bins: int = 10) -> pd.DataFrame:
    """Share of sentences carrying each frame in each tenth of each article (position by sentence order)."""
    table = pd.concat([sents[["doc_id", "sentence_id"]], counts > 0], axis=1)
    size = table.groupby("doc_id", sort=False)["sentence_id"].transform("size")
    table["segment"] = np.minimum((table["sentence_id"] * bins) // size, bins - 1).astype(int)
    cols = [f"frame_{f}" for f in frame_names()]
    out = table.groupby(["doc_id", "segment"], sort=False)[cols].mean().reset_index()
    return out.rename(columns={f"frame_{f}": f for f in frame_names()})


def entman_hits(toks: pd.DataFrame) -> pd.DataFrame:
    """Every Entman cue hit, with its ``function``."""
    cues = entman_cues()
    hits = match_terms(toks, list(cues["term"]))
    return hits.merge(cues[["term", "function"]], on="term", how="left")


def entman_functions(sents: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """Boolean columns ``problem, cause, moral, treatment`` per sentence."""
    counts = counts_by_sentence(sents, hits, "function", ENTMAN_FUNCTIONS)
    return counts > 0


def entman_columns(sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    """Feature-table columns ``entman_<function>``: cue hits per framing function in each sentence."""
    return counts_by_sentence(sents, entman_hits(toks), "function", ENTMAN_FUNCTIONS, prefix="entman_")


def dominant_frames(salience: pd.DataFrame, top: int = 3) -> pd.DataFrame:
    """The ``top`` frames per document by share of sentences (ties by name, so the order is stable)."""
    ordered = salience.sort_values(["doc_id", "share_of_sentences", "frame"], ascending=[True, False, True],
                                   kind="mergesort")
    return ordered.groupby("doc_id", sort=False).head(top).reset_index(drop=True)
