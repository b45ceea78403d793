"""Leave-seed-terms-out sensitivity: every dictionary measure again without the terms first read off the seeds.

The first word lists were written by reading the two study articles; the development procedure re-derived
some of those terms on other text and dropped the rest (``rhetoric_dev.term_provenance``, the ``origin`` column
of each list). A term the seeds suggested can still lift the seeds against any reference, however precise it is
elsewhere, so a dictionary-based finding about the seeds should survive without those terms.
:func:`leave_seed_terms_out` builds the feature table twice, once with the lists as they are and once with
every row of origin ``seed-reading`` left out of the measuring lists (:data:`SEED_LISTS`), and returns each
article's value of each measure both ways; :func:`survives` says whether a placement or difference holds in
both columns.

The list of actors is of seed-reading origin throughout (the study's subjects), and is not left out: it names
whom the text is about, it measures nothing.
"""
from __future__ import annotations

from contextlib import contextmanager

import pandas as pd

from rhetoric.analysis.aggregate import per_article
from rhetoric.instruments.features import sentence_features
from rhetoric.instruments.registry import Measure
from rhetoric.io.wordlists import _left_out, leave_out_origin

ORIGIN = "seed-reading"
#: The lists whose seed-read rows are left out: the dictionary instruments that measure something.
SEED_LISTS = frozenset({"frame_terms.csv", "entman_cues.csv", "rhetorical_markers.csv", "metadiscourse.csv"})
#: Columns of :func:`leave_seed_terms_out`.
COLUMNS = ["doc_id", "measure", "with_seed_terms", "without_seed_terms", "difference"]


@contextmanager
def seed_terms_left_out(lists: frozenset[str] = SEED_LISTS):
    """Within the block, the lists ``lists`` are read without their seed-reading rows (caches cleared on entry
    and exit; the previous setting is restored)."""
    before = (_left_out["origin"], _left_out["names"])
    leave_out_origin(ORIGIN, lists)
    try:
        yield
    finally:
        leave_out_origin(*before)


def difference_table(with_terms: pd.DataFrame, without_terms: pd.DataFrame,
                     measures: list[str] | None = None) -> pd.DataFrame:
    """Long table :data:`COLUMNS` from two per-article tables (``doc_id`` plus one column per measure)."""
    names = measures or [c for c in with_terms.columns if c not in ("doc_id", "sentences", "words")]
    a = with_terms.melt(id_vars="doc_id", value_vars=names, var_name="measure", value_name="with_seed_terms")
    b = without_terms.melt(id_vars="doc_id", value_vars=names, var_name="measure", value_name="without_seed_terms")
    out = a.merge(b, on=["doc_id", "measure"], how="left", validate="one_to_one")
    out["difference"] = out["without_seed_terms"] - out["with_seed_terms"]
    return out[COLUMNS]


def leave_seed_terms_out(corpus, measures: list[Measure] | None = None) -> pd.DataFrame:
    """Each article's value of each measure with the lists as they are and with the seed-read terms left out.

    ``corpus`` is a loaded :class:`rhetoric.io.corpus.Corpus` (the seeds, a reference, or both together: the two
    columns are computed the same way for every article). Returns :data:`COLUMNS`, one row per article and
    measure; measures that use no word list come out with a difference of zero.
    """
    with_terms = per_article(sentence_features(corpus), measures, size=False)
    with seed_terms_left_out():
        without_terms = per_article(sentence_features(corpus), measures, size=False)
    return difference_table(with_terms, without_terms)


def survives(table: pd.DataFrame, holds) -> pd.DataFrame:
    """Whether a result holds with and without the seed-read terms.

    ``holds(values)`` takes a per-article Series of one measure (indexed by ``doc_id``) and returns True when
    the finding holds (e.g. "article A is above the reference's 95th percentile"). Returns one row per measure:
    ``measure, with_seed_terms, without_seed_terms, survives``.
    """
    rows = []
    for measure, part in table.groupby("measure", sort=False):
        a = bool(holds(part.set_index("doc_id")["with_seed_terms"]))
        b = bool(holds(part.set_index("doc_id")["without_seed_terms"]))
        rows.append({"measure": measure, "with_seed_terms": a, "without_seed_terms": b, "survives": a and b})
    return pd.DataFrame(rows, columns=["measure", "with_seed_terms", "without_seed_terms", "survives"])
