"""The generic news frames of Semetko & Valkenburg (2000), by dictionary, sentence by sentence.

Semetko & Valkenburg ("Framing European politics", *Journal of Communication* 50(2), 2000) measure five frames
that recur in news on any issue with 20 yes/no questions per article (``data/generic_frame_questions.csv``):
attribution of responsibility, human interest, conflict, morality and economic consequences. Following
Frermann, Li, Khanehzar & Mikolajczak (2023, "Conflicts, Villains, Resolutions", ACL), who code these frames on
climate-change news, the family here has **resolution** (a solution or way forward: the responsibility
questions on a government able to alleviate the problem, on solutions and on urgent action) in place of
responsibility, whose questions on blame they carry by narrative roles instead.

The questions are the codebook: ``data/generic_frames.csv`` gives each frame its definition and questions, and
``data/generic_frame_terms.csv`` the cues each question implies, each row naming its question and its reason
(optional ``not_before`` / ``not_after`` vetoes as in :mod:`rhetoric.language.constraints`). The cues were
written from the questions before any coded article was read (origin ``codebook``); the development on
human-coded articles (``rhetoric_dev.frame_presence``) checked them there and calibrated each frame's
article-level presence (:mod:`rhetoric.instruments.presence`). One layer: a cue belongs to one frame, the
longest match wins. The feature table gets one column per frame, ``generic_<frame>``: the cue hits in each
sentence, while the ``generic`` family is in force (:func:`rhetoric.instruments.frames.families`).
"""
from __future__ import annotations

import pandas as pd

from rhetoric.instruments.frames import in_force
from rhetoric.io.wordlists import data_cache, read_table
from rhetoric.language.constraints import apply_vetoes
from rhetoric.language.matching import HIT_COLUMNS, counts_by_sentence, match_terms

FAMILY = "generic"
PREFIX = "generic_"


@data_cache
def codebook() -> pd.DataFrame:
    """``frame, label, definition, questions, source`` for each generic frame, in order."""
    return read_table("generic_frames.csv")


@data_cache
def cues() -> pd.DataFrame:
    """``frame, term, question, reason, not_before, not_after, origin, evidence`` for every cue."""
    return read_table("generic_frame_terms.csv")


@data_cache
def questions() -> pd.DataFrame:
    """Semetko & Valkenburg's 20 questions: ``question, sv_frame, text, generic_frame, note, source``
    (``generic_frame`` empty for the questions this family does not use, with the reason in ``note``)."""
    return read_table("generic_frame_questions.csv")


def frame_names() -> list[str]:
    """The generic frames, in codebook order (whether or not the family is in force)."""
    return list(codebook()["frame"])


def frame_labels() -> dict[str, str]:
    """Frame id -> label."""
    book = codebook()
    return dict(zip(book["frame"], book["label"]))


def column(frame: str) -> str:
    """The feature-table column of a generic frame."""
    return PREFIX + frame


def generic_hits(toks: pd.DataFrame) -> pd.DataFrame:
    """Every cue hit (vetoes applied): :data:`~rhetoric.language.matching.HIT_COLUMNS`, ``term``, ``frame``."""
    table = cues()
    hits = apply_vetoes(match_terms(toks, list(table["term"])), toks, table)
    if not len(hits):
        return pd.DataFrame(columns=[*HIT_COLUMNS, "term", "frame"])
    return hits.merge(table[["term", "frame"]], on="term", how="left")


def generic_columns(sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    """Feature-table columns ``generic_<frame>``: cue hits per generic frame in each sentence; no columns when
    the generic family is not in force."""
    if not in_force(FAMILY):
        return pd.DataFrame(index=sents.index)
    return counts_by_sentence(sents, generic_hits(toks), "frame", frame_names(), prefix=PREFIX)
