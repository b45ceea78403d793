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
* Frame families: each codebook row names its ``family``: ``policy`` (the 14 Policy Frames Codebook
  dimensions) or ``international`` (the project's three international-relations frames); the generic news frames
  of Semetko & Valkenburg (2000) are a third family with their own module
  (:mod:`rhetoric.instruments.generic_frames`). Which families a study measures is a setting
  (:func:`families`, :func:`use_families`, :func:`set_families`, the ``RHETORIC_FRAMES`` environment variable):
  generic and Policy Frames by default (:data:`DEFAULT_FAMILIES`), the international frames only where a study
  asks for them; the project's own corpus, the seeds, uses all three (:func:`families_for`). The feature table's
  frame columns and the registry's frame measures are those of the families in force. A frame list that a
  corpus brings without a ``family`` column is always in force.
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

import os
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd

from rhetoric.io.corpus import is_project_corpus
from rhetoric.io.wordlists import data_cache, read_table
from rhetoric.language.constraints import apply_vetoes
from rhetoric.language.matching import HIT_COLUMNS, counts_by_sentence, match_terms

ENTMAN_FUNCTIONS = ["problem", "cause", "moral", "treatment"]
ENTMAN_LABELS = {"problem": "problem definition", "cause": "causal interpretation",
                 "moral": "moral evaluation", "treatment": "treatment recommendation"}


#: Every frame family, in the order the feature table and the registry list them.
FAMILIES = ("generic", "policy", "international")
FAMILY_LABELS = {"generic": "generic news frames (Semetko & Valkenburg 2000)",
                 "policy": "Policy Frames Codebook (Boydstun et al. 2014)",
                 "international": "the project's international-relations frames"}
#: The families measured unless a study asks for others: the generic news frames and the Policy Frames.
DEFAULT_FAMILIES = ("generic", "policy")
#: Environment variable naming the families in force (comma-separated), read when no setting is active; so
#: worker processes and notebook kernels inherit a run's choice.
FAMILIES_ENV = "RHETORIC_FRAMES"
_SETTING: list[tuple[str, ...]] = []


def parse_families(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Family names from ``"generic,policy"`` or a sequence, in :data:`FAMILIES` order; ``"all"`` means every
    family. Raises ``ValueError`` naming an unknown family, or when none is named."""
    names = [v.strip().lower() for v in (value.split(",") if isinstance(value, str) else value)]
    names = [n for n in names if n]
    if names == ["all"]:
        return FAMILIES
    unknown = [n for n in names if n not in FAMILIES]
    if unknown:
        raise ValueError(f"unknown frame famil{'y' if len(unknown) == 1 else 'ies'} {', '.join(unknown)}: "
                         f"choose from {', '.join(FAMILIES)} (or all)")
    if not names:
        raise ValueError(f"no frame family named: choose from {', '.join(FAMILIES)} (or all)")
    return tuple(f for f in FAMILIES if f in names)


def families() -> tuple[str, ...]:
    """The frame families in force: the innermost :func:`use_families` / :func:`set_families` setting, else
    the ``RHETORIC_FRAMES`` environment variable, else :data:`DEFAULT_FAMILIES`."""
    if _SETTING:
        return _SETTING[-1]
    env = os.environ.get(FAMILIES_ENV, "").strip()
    return parse_families(env) if env else DEFAULT_FAMILIES


@contextmanager
def use_families(value) -> Iterator[tuple[str, ...]]:
    """Measure the frame families ``value`` (see :func:`parse_families`) for the length of a ``with`` block."""
    _SETTING.append(parse_families(value))
    try:
        yield _SETTING[-1]
    finally:
        _SETTING.pop()


def set_families(value) -> tuple[str, ...]:
    """Measure the frame families ``value`` from now on in this process (a notebook's or a run's setting);
    ``None`` returns to the default. Returns the families in force."""
    _SETTING.clear()
    if value is not None:
        _SETTING.append(parse_families(value))
    return families()


def families_for(corpus, requested=None) -> tuple[str, ...]:
    """The families a study of ``corpus`` measures: ``requested`` when given (a study's setting); else all
    three for the project's own corpus (the seeds, whose study asked for the international frames); else the
    families in force (:func:`families`)."""
    if requested is not None:
        return parse_families(requested)
    return FAMILIES if is_project_corpus(corpus) else families()


@data_cache
def codebook() -> pd.DataFrame:
    """``frame, label, definition, source, pfc_code, pfc_dimension, family`` for every frame of the Policy Frames
    and international families (``pfc_code`` empty for the project's international-relations frames; ``family``
    empty when a corpus's own list has no such column: such frames are always in force)."""
    book = read_table("frames.csv")
    return book if "family" in book.columns else book.assign(family="")


def in_force(family: str) -> bool:
    """Whether frames of ``family`` are measured now (a frame without a family always is)."""
    return family == "" or family in families()


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


def frame_names(*, every: bool = False) -> list[str]:
    """The ids of the frames in force (every frame of the codebook with ``every``), in codebook order."""
    book = codebook()
    return list(book["frame"] if every else book.loc[[in_force(f) for f in book["family"]], "frame"])


def frame_family(frame: str) -> str:
    """The family of a codebook frame."""
    book = codebook()
    return str(book.loc[book["frame"] == frame, "family"].iloc[0])


def frame_labels() -> dict[str, str]:
    """Frame id -> the codebook's label, in codebook order (every frame of the codebook)."""
    book = codebook()
    return dict(zip(book["frame"], book["label"]))


def frame_hits(toks: pd.DataFrame) -> pd.DataFrame:
    """Every indicator-term hit: ``doc_id, sentence_id, token_id, start, end, matched, term, frame``.

    Each layer (a family: codebook dimensions; international-relations frames) is matched on its own, longest
    match first, and its vetoes applied; a word can thus count once per layer, never twice within one. Every
    family's hits are listed; the feature-table columns (:func:`frame_counts`) count those of the families in
    force.
    """
    terms = frame_terms()
    book = codebook()
    family = dict(zip(book["frame"], book["family"]))
    layer_of = terms["frame"].map(family).fillna("")
    parts = []
    for name in dict.fromkeys(book["family"]):
        layer = terms[layer_of == name]
        if layer.empty:
            continue
        hits = apply_vetoes(match_terms(toks, list(layer["term"])), toks, layer)
        parts.append(hits.merge(layer[["term", "frame"]], on="term", how="left"))
    if not parts:
        return pd.DataFrame(columns=[*HIT_COLUMNS, "term", "frame"])
    hits = pd.concat(parts, ignore_index=True)
    doc_order = {d: i for i, d in enumerate(dict.fromkeys(toks["doc_id"]))}
    key = hits["doc_id"].map(doc_order)
    return hits.assign(_k=key).sort_values(["_k", "start"], kind="mergesort").drop(columns="_k").reset_index(drop=True)


def frame_counts(sents: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """``frame_<name>`` columns: indicator hits per sentence for every frame in force (feature-table columns)."""
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
