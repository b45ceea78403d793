"""The measure registry: every per-sentence measure declared once, and everything else driven from it.

Two kinds of entry:

* **Column builders** (:data:`BUILDERS`): functions ``(sentences, tokens) -> DataFrame`` indexed like the
  sentence table, each adding a block of columns to the per-sentence feature table
  (:func:`rhetoric.instruments.features.sentence_features`), in the order listed. A builder given empty tables returns
  its columns with no rows, so every column exists whatever the text.
* **Measures** (:func:`measures`): what a column means and how it becomes one number per article. Each has a
  ``name`` (the column of the per-article table), the feature-table ``column`` it reads, a ``family``
  (size, readability, framing, tone, stance, engagement, modality, argument), a ``label`` for people, an
  ``aggregation`` (rate per 1,000 words, share of sentences, mean per sentence, or a readability formula),
  the ``instrument`` whose validity qualifies it, whether it is ``core`` (in the non-redundant set of
  families compared on one scale: no word occurrence counted twice), and which ``direction`` is "more".

Static measures are rows of ``data/measures.csv``; frames and Entman's functions are declared by their
codebooks (one measure per frame or function), so adding a frame to ``frames.csv`` adds a measure. Frame
measures exist for the frame families in force (:func:`rhetoric.instruments.frames.families`): per frame the
share of sentences with a hit (``frame_<name>_share``, ``generic_<name>_share``) and, where people's codes
calibrated it (:mod:`rhetoric.instruments.presence`), the article's calibrated score and present/absent decision
(``frame_<name>_score`` / ``_present``, ``generic_<name>_score`` / ``_present``): :class:`CalibratedMeasure`.
:func:`register` adds a measure (and its builder) for the length of a ``with`` block: what a test uses to
show that a new measure reaches the feature table and the per-article table.

The per-article table, the comparison profile, the group comparison, notebook 06 and the README's column
list all read :func:`measures`; nothing else keeps a list of measures.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from rhetoric.instruments import frames, generic_frames, presence
from rhetoric.instruments.readability import (
    dale_chall,
    flesch_kincaid_grade,
    flesch_reading_ease,
    gunning_fog,
    ratio,
    smog_index,
)
from rhetoric.io.wordlists import read_table

#: Columns of every feature table before any builder's: the sentence and where it is.
BASE_COLUMNS = ["doc_id", "stance", "paragraph_id", "sentence_id", "start", "end", "text", "n_words"]


@dataclass(frozen=True)
class Builder:
    """A block of feature-table columns: ``compute(sents, toks) -> DataFrame`` (index of ``sents``)."""

    name: str
    target: str  # "module:function", imported when first used (heavy libraries load lazily)
    description: str = ""

    def compute(self, sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
        module, function = self.target.split(":")
        return getattr(importlib.import_module(module), function)(sents, toks)


@dataclass(frozen=True)
class Aggregation:
    """How sentences become one number per article: sums of per-sentence ``inputs`` combined by ``combine``.

    Every aggregation is a function of column sums and the number of sentences, so it can be recomputed
    on any resample of sentences (bootstrap) or group of articles by summing arrays.
    """

    name: str
    unit: str
    suffix: str  # appended to the column name to name the per-article column ("_per_1000", "_share", "")
    inputs: Callable[[pd.DataFrame, str], dict[str, np.ndarray]]
    combine: Callable[[dict[str, np.ndarray], np.ndarray], np.ndarray]


def _col(table: pd.DataFrame, column: str) -> np.ndarray:
    return table[column].to_numpy(dtype=float)


#: Each count a readability formula takes (its argument) and the feature-table column holding it
#: (:func:`rhetoric.instruments.readability.sentence_counts`).
_COUNT_COLUMN = {"words": "tx_words", "syllables": "syllables", "polysyllables": "polysyllables",
                 "hard_words": "fog_hard_words", "difficult_words": "dc_hard_words"}


def _readability_inputs(table: pd.DataFrame, column: str) -> dict[str, np.ndarray]:
    return {k: _col(table, k) for k in _COUNT_COLUMN.values()}


@dataclass(frozen=True)
class Formula:
    """A readability formula of :mod:`rhetoric.instruments.readability` as an aggregation's ``combine``: the
    ``counts`` it takes, summed over sentences, passed by name, and the number of sentences as ``sentences``."""

    function: Callable[..., np.ndarray]
    counts: tuple[str, ...]

    def __call__(self, sums: dict[str, np.ndarray], n: np.ndarray) -> np.ndarray:
        return self.function(sentences=n, **{c: sums[_COUNT_COLUMN[c]] for c in self.counts})


#: The aggregations measures can use. Readability formulas are the named functions of
#: :mod:`rhetoric.instruments.readability` (textstat's definitions, each with its reference), on textstat's word
#: and syllable counts but the project's Punkt sentences.
AGGREGATIONS: dict[str, Aggregation] = {a.name: a for a in [
    Aggregation("rate", "per 1,000 words", "_per_1000",
                lambda t, c: {"x": _col(t, c), "w": _col(t, "n_words")},
                lambda s, n: 1000 * ratio(s["x"], s["w"])),
    Aggregation("share", "share of sentences", "_share",
                lambda t, c: {"x": (t[c].to_numpy(dtype=float) > 0).astype(float)},
                lambda s, n: ratio(s["x"], n)),
    Aggregation("mean", "mean per sentence", "",
                lambda t, c: {"x": _col(t, c)},
                lambda s, n: ratio(s["x"], n)),
    Aggregation("flesch_reading_ease", "score (higher = easier)", "", _readability_inputs,
                Formula(flesch_reading_ease, ("words", "syllables"))),
    Aggregation("flesch_kincaid_grade", "U.S. school grade", "", _readability_inputs,
                Formula(flesch_kincaid_grade, ("words", "syllables"))),
    Aggregation("gunning_fog", "U.S. school grade", "", _readability_inputs,
                Formula(gunning_fog, ("words", "hard_words"))),
    Aggregation("smog_index", "U.S. school grade", "", _readability_inputs,
                Formula(smog_index, ("polysyllables",))),
    Aggregation("dale_chall", "score (higher = harder)", "", _readability_inputs,
                Formula(dale_chall, ("words", "difficult_words"))),
    # calibrated frame presence (:class:`CalibratedMeasure` supplies the frame's model)
    Aggregation("presence_score", "probability that human annotators mark the frame", "_score",
                lambda t, c: {"x": _col(t, c), "w": _col(t, "n_words")}, lambda s, n: _needs_model()),
    Aggregation("presence", "present (1) or absent (0); over articles, the share marked present", "_present",
                lambda t, c: {"x": _col(t, c), "w": _col(t, "n_words")}, lambda s, n: _needs_model()),
]}


def _needs_model():
    raise TypeError("a presence aggregation needs its frame's model: use a CalibratedMeasure")


@dataclass(frozen=True)
class Measure:
    """One measure: a feature-table column and how it becomes one number per article (see module doc)."""

    name: str
    column: str
    builder: str
    family: str
    label: str
    aggregation: str
    instrument: str = ""
    core: bool = False
    direction: str = ""
    description: str = ""
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def unit(self) -> str:
        return AGGREGATIONS[self.aggregation].unit

    def inputs(self, table: pd.DataFrame) -> dict[str, np.ndarray]:
        return AGGREGATIONS[self.aggregation].inputs(table, self.column)

    def combine(self, sums: dict[str, np.ndarray], n: np.ndarray) -> np.ndarray:
        return AGGREGATIONS[self.aggregation].combine(sums, n)


@dataclass(frozen=True)
class CalibratedMeasure(Measure):
    """A frame's article-level presence measure: its ``model`` (:class:`rhetoric.instruments.presence.PresenceModel`)
    turns the article's summed hits and words into the calibrated score (aggregation ``presence_score``) or the
    present/absent decision (``presence``)."""

    model: presence.PresenceModel | None = field(default=None, compare=False, repr=False)

    def combine(self, sums: dict[str, np.ndarray], n: np.ndarray) -> np.ndarray:
        if self.aggregation == "presence_score":
            return self.model.score(sums["x"], sums["w"])
        return self.model.present(sums["x"], sums["w"])


#: The column builders, in feature-table order.
BUILDERS: list[Builder] = [
    Builder("readability", "rhetoric.instruments.readability:sentence_counts",
            "textstat's word, syllable and hard-word counts per sentence (inputs of the readability formulas)"),
    Builder("actors", "rhetoric.instruments.actors:actor_columns", "the actor ids each sentence names"),
    Builder("frames", "rhetoric.instruments.frames:frame_columns",
            "indicator-term hits per frame (Policy Frames and international families in force)"),
    Builder("generic_frames", "rhetoric.instruments.generic_frames:generic_columns",
            "cue hits per generic news frame (Semetko & Valkenburg 2000), when the generic family is in force"),
    Builder("entman", "rhetoric.instruments.frames:entman_columns", "cue hits per Entman framing function"),
    Builder("sentiment", "rhetoric.instruments.sentiment:sentiment_columns", "VADER and Pattern lexicon tone"),
    Builder("metadiscourse", "rhetoric.instruments.hedging:feature_columns",
            "Hyland's interactional metadiscourse, modals by type and reading, conditionals"),
    Builder("argument", "rhetoric.instruments.argument:argument_columns",
            "contrast, attribution, pronouns, proposal and verdict markers, questions"),
]

_EXTRA_MEASURES: list[Measure] = []
_EXTRA_BUILDERS: list[Builder] = []


def builders() -> list[Builder]:
    """Every column builder, in feature-table order (the registered extras last)."""
    return [*BUILDERS, *_EXTRA_BUILDERS]


def _truthy(value: str) -> bool:
    return str(value).strip().lower() in {"1", "true", "yes"}


def _read_measures(name: str) -> tuple[Measure, ...]:
    table = read_table(name)
    return tuple(Measure(name=r.name or r.column + AGGREGATIONS[r.aggregation].suffix, column=r.column,
                         builder=r.builder, family=r.family, label=r.label, aggregation=r.aggregation,
                         instrument=r.instrument, core=_truthy(r.core), direction=r.direction,
                         description=r.description) for r in table.itertuples(index=False))


@lru_cache(maxsize=1)
def _static() -> tuple[Measure, ...]:
    return _read_measures("measures.csv")


def derived_measures() -> list[Measure]:
    """Every derived measure of ``data/derived_measures.csv`` (see :func:`derived`), in file order."""
    return list(_read_measures("derived_measures.csv"))


def derived(name: str) -> Measure:
    """A measure computed by an analysis step from the feature table and an instrument's own rules (not a
    feature-table column, so not in :func:`measures`), declared in ``data/derived_measures.csv``."""
    for m in _read_measures("derived_measures.csv"):
        if m.name == name:
            return m
    raise KeyError(f"no derived measure {name!r} in derived_measures.csv")


def _presence(column: str, builder: str, label: str, instrument: str, description: str) -> list[Measure]:
    """A frame's calibrated score and present/absent measures, when it has a model."""
    model = presence.model(column)
    if model is None:
        return []
    return [CalibratedMeasure(name=f"{column}_score", column=column, builder=builder, family="framing",
                              label=f"{label} (calibrated score)", aggregation="presence_score",
                              instrument=instrument, direction="higher = more likely that coders mark the frame",
                              description=description, model=model),
            CalibratedMeasure(name=f"{column}_present", column=column, builder=builder, family="framing",
                              label=f"{label} (present)", aggregation="presence", instrument=instrument,
                              direction="1 = the frame is present in the article", description=description,
                              model=model)]


def _declared() -> list[Measure]:
    """Measures declared by codebooks: per frame of the families in force, the share of sentences and (where
    calibrated) the article's score and presence; per Entman function, the share of sentences."""
    out = []
    if frames.in_force(generic_frames.FAMILY):
        for r in generic_frames.codebook().itertuples(index=False):
            column = generic_frames.column(r.frame)
            label = f"generic frame: {r.label}"
            out.append(Measure(name=f"{column}_share", column=column, builder="generic_frames", family="framing",
                               label=label, aggregation="share", instrument="generic_frames", core=False,
                               direction="higher = more sentences carry a cue of the frame",
                               description=r.definition))
            out += _presence(column, "generic_frames", label, "generic_frames", r.definition)
    for r in frames.codebook().itertuples(index=False):
        if not frames.in_force(r.family):
            continue
        out.append(Measure(name=f"frame_{r.frame}_share", column=f"frame_{r.frame}", builder="frames",
                           family="framing", label=f"frame: {r.label}", aggregation="share", instrument="frames",
                           core=False, direction="higher = more sentences carry the frame",
                           description=r.definition))
        out += _presence(f"frame_{r.frame}", "frames", f"frame: {r.label}", "frames", r.definition)
    for function in frames.ENTMAN_FUNCTIONS:
        out.append(Measure(name=f"entman_{function}_share", column=f"entman_{function}", builder="entman",
                           family="framing", label=f"Entman: {frames.ENTMAN_LABELS[function]}",
                           aggregation="share", instrument="entman", core=False,
                           direction="higher = more sentences carry a cue of the function",
                           description=f"A cue of the {frames.ENTMAN_LABELS[function]} function (Entman 1993)."))
    return out


def measures() -> list[Measure]:
    """Every registered measure, in a stable order: ``data/measures.csv``, then codebook measures, then extras."""
    return [*_static(), *_declared(), *_EXTRA_MEASURES]


def get(name: str) -> Measure:
    """The measure called ``name`` (its per-article column name)."""
    for m in measures():
        if m.name == name:
            return m
    raise KeyError(f"no registered measure {name!r}")


def labels() -> dict[str, str]:
    """Measure name -> label for people (figures and tables use these, never raw identifiers)."""
    return {m.name: m.label for m in measures()}


@contextmanager
def register(measure: Measure, builder: Builder | None = None) -> Iterator[Measure]:
    """Add ``measure`` (and the ``builder`` computing its column, if new) for the length of a ``with`` block."""
    _EXTRA_MEASURES.append(measure)
    if builder is not None:
        _EXTRA_BUILDERS.append(builder)
    try:
        yield measure
    finally:
        _EXTRA_MEASURES.remove(measure)
        if builder is not None:
            _EXTRA_BUILDERS.remove(builder)
