"""The declared rule: when a difference between articles or groups is a finding.

:data:`THRESHOLD` states the rule; :func:`rule_tables` computes the tables it reads (every measure's per-article
bootstrap interval, and groups compared over documents), with one seed and one number of resamples
(:data:`RULE_SEED`, :data:`RULE_RESAMPLES`) whichever notebook applies it; :func:`clears_threshold` applies it to one
measure; :func:`judge_measure` gives one measure's :class:`Verdict`: a finding, described only (it clears the rule
but its instrument failed validation, its frame failed on human-coded articles (:func:`frame_failure`) or, on the
project's own articles, it needs the terms first read off them:
:func:`seed_term_profile`), no clear difference, or nothing to judge. The notebooks' sentences
(:mod:`rhetoric.report.findings`) and the README's findings at a glance (:mod:`rhetoric.report.readme`) both judge
by :func:`judge_measure`.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from rhetoric.analysis import frame_presence
from rhetoric.analysis.aggregate import article_intervals, group_comparison, per_article
from rhetoric.analysis.sensitivity import seed_terms_left_out
from rhetoric.analysis.validity import measure_note, validation_failure
from rhetoric.base.escape import code
from rhetoric.instruments.features import sentence_features
from rhetoric.instruments.registry import measures
from rhetoric.io.corpus import Corpus, is_project_corpus

#: The declared threshold for calling a difference a difference (stated in every notebook that applies it).
THRESHOLD = ("A difference between articles is reported only when their bootstrap 95% intervals over sentences "
             "do not overlap; a difference between groups of documents only when the permutation test over "
             "documents gives a Benjamini-Hochberg q < 0.05 across the measures compared. Anything else is "
             "reported as no clear difference.")
#: One seed and one number of resamples for the tables the rule reads, whichever notebook applies it, so a
#: measure's interval and q-value are the same in every notebook (and in ``05-profile.csv``).
RULE_SEED, RULE_RESAMPLES = 20250605, 10_000


def value_text(value: float, fmt: str) -> str:
    """``value`` formatted by ``fmt``; ``n/a`` when missing."""
    return "n/a" if value != value else fmt.format(value)


def number_format(measure) -> str:
    """How a measure's values are printed: shares to two decimals, tone means signed to three, else one."""
    if measure.aggregation == "share":
        return "{:.2f}"
    return "{:+.3f}" if measure.aggregation == "mean" and measure.family in ("tone", "sentiment") else "{:.1f}"


def interval_text(rows: pd.DataFrame, fmt: str) -> str:
    """``doc_id`` estimate [low, high] of each row, joined by semicolons."""
    return "; ".join(f"{code(r.doc_id)} {value_text(r.estimate, fmt)} [{value_text(r.ci_low, fmt)}, "
                     f"{value_text(r.ci_high, fmt)}]" for r in rows.itertuples(index=False))


def groups_tested(grows: pd.DataFrame) -> bool:
    """Whether a measure's group rows carry a test (then :func:`clears_threshold` reads the test, not the
    articles' intervals)."""
    if "in_test" in grows.columns:
        grows = grows[grows["in_test"].astype(bool)]
    return bool(len(grows) and (grows["test"] != "none").all())


def rule_tables(table: pd.DataFrame, group_of: dict[str, str], extra: list | tuple = (), *,
                seed: int = RULE_SEED, n: int = RULE_RESAMPLES, groups_table: pd.DataFrame | None = None,
                blocks: dict[str, str] | None = None, order: list[str] | None = None
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tables the rule reads: every registered measure (then ``extra`` derived measures, whose columns
    ``table`` must hold) per article with a bootstrap 95% interval over sentences, and groups compared over
    documents (:func:`rhetoric.analysis.aggregate`). ``groups_table``: the run's one comparison of every
    registered measure (``Session.group_table``: one Benjamini-Hochberg family for the run, so a measure has the
    same q in every notebook); the ``extra`` measures, not registered, are compared on their own: a
    Benjamini-Hochberg family of their own, named in their rows' ``bh_family`` column so that every
    statement of their q says so. Without it, every measure is compared here, with BH across all of them.
    ``blocks`` and ``order``: the study's design (matched sets; the groups compared, in order)."""
    chosen = [*measures(), *extra]
    if groups_table is None:
        groups = group_comparison(per_article(table, chosen), group_of, chosen, seed=seed, n=n, blocks=blocks,
                                  order=order)
    elif extra:
        own = group_comparison(per_article(table, list(extra)), group_of, list(extra), seed=seed, n=n,
                               blocks=blocks, order=order)
        own["bh_family"] = derived_family(extra)
        groups = pd.concat([groups_table, own], ignore_index=True)
    else:
        groups = groups_table
    # the articles' intervals decide only a measure whose groups are not tested (groups of one document)
    untested = {m.name for m in chosen if not groups_tested(groups[groups["measure"] == m.name])}
    profile = article_intervals(table, chosen, seed=seed, n=n, intervals_for=untested)
    return profile, groups


def derived_family(extra) -> str:
    """How a statement names the Benjamini-Hochberg family of derived measures tested apart from the run's."""
    return "its own family: the derived measures " + ", ".join(f"`{m.name}`" for m in extra) + " of this notebook"


def seed_term_profile(corpus: Corpus, *, seed: int = RULE_SEED, n: int = RULE_RESAMPLES) -> pd.DataFrame | None:
    """For the project's own two articles only (``None`` for any other corpus): every registered measure's
    per-article interval with the seed-origin terms left out of the word lists
    (:mod:`rhetoric.analysis.sensitivity`), for :func:`judge_measure`'s leave-seed-terms-out check."""
    if not is_project_corpus(corpus):
        return None
    with seed_terms_left_out():
        table = sentence_features(corpus)
    return article_intervals(table, measures(), seed=seed, n=n)


def clears_threshold(intervals: pd.DataFrame, groups: pd.DataFrame | None) -> bool:
    """Whether a measure's difference clears :data:`THRESHOLD`: groups tested with q < 0.05, or (otherwise) the
    highest and lowest articles' 95% intervals do not overlap."""
    if groups is not None and groups_tested(groups):  # groups of one document are described, not tested
        groups = groups[groups["in_test"].astype(bool)] if "in_test" in groups.columns else groups
        return bool(groups["q_bh"].iloc[0] < 0.05)
    rows = intervals.dropna(subset=["estimate"])
    if len(rows) < 2:
        return False
    hi, lo = rows.loc[rows["estimate"].idxmax()], rows.loc[rows["estimate"].idxmin()]
    return bool(hi["ci_low"] > lo["ci_high"])


#: The instruments whose measures are frames, judged also by their agreement with people's codes per article.
FRAME_INSTRUMENTS = ("frames", "generic_frames")


def frame_failure(measure) -> str | None:
    """For a measure of a frame (its share of sentences, calibrated score or presence): why the frame failed on
    human-coded articles (:func:`rhetoric.analysis.frame_presence.frame_passed`, by its declared rule), so that
    no difference is claimed for it; ``None`` for other measures, and for frames that passed or have no
    human-coded evidence (their hit precision, from the held-out audit, is judged by ``validation_failure``)."""
    if getattr(measure, "instrument", "") not in FRAME_INSTRUMENTS:
        return None
    reason = frame_presence.failure_reason(measure.column)
    return None if reason is None else f"its frame {reason.replace('failed', 'failed on human-coded articles', 1)}"


def frame_agreement(measure) -> str:
    """For a measure of a frame that passed on human-coded articles: its agreement with people per article, in
    words with the figures (cross-validated ROC AUC, prevalence against the coders', the articles), so that a
    finding reports it beside the hit precision of the held-out audit; empty for other measures and for frames
    without human-coded evidence."""
    if getattr(measure, "instrument", "") not in FRAME_INSTRUMENTS or frame_presence.frame_passed(measure.column) \
            is not True:
        return ""
    table = frame_presence.passed()
    reason = str(table.loc[table["column"] == measure.column, "reason"].iloc[0])
    return "per article against human annotators, " + reason.removeprefix("passed: ")


@dataclass(frozen=True)
class Verdict:
    """How the declared rule judges one measure: ``kind`` is ``finding`` (clears the rule, validated instrument,
    and, on the seeds, survives leaving out the seed-read terms), ``described`` (clears the rule but fails one
    of those checks: ``note`` says which), ``unclear`` (does not clear the rule) or ``none`` (nothing to judge:
    a document-level measure without intervals); ``note`` is the validity (or failed check) to print."""

    kind: str
    note: str = ""
    seed_terms: bool = False


def seed_term_share(measure, rows: pd.DataFrame, without_seed_terms: pd.DataFrame | None) -> str:
    """How much of a measure's value on each article comes from the terms first read off the seeds: per
    article, (value with them - value without them) / value with them, from ``rows`` (its per-article
    estimates) and ``without_seed_terms`` (:func:`seed_term_profile`). For a rate of hits this is the share of
    its hits from seed-read terms; for a share of sentences, the share of its sentences that count only through
    them. Empty when the measure has no seed-read terms in use on these articles (the same value both ways) or
    no table is given (any corpus but the seeds)."""
    if without_seed_terms is None:
        return ""
    alone = without_seed_terms[without_seed_terms["measure"] == measure.name].set_index("doc_id")["estimate"]
    with_terms = rows.dropna(subset=["estimate"]).set_index("doc_id")["estimate"]
    parts, changed = [], False
    for doc_id, value in with_terms.items():
        if doc_id not in alone.index:
            continue
        without = float(alone.loc[doc_id])
        changed = changed or not np.isclose(float(value), without)
        share = "no hits" if value == 0 else f"{100 * (float(value) - without) / float(value):.0f}%"
        parts.append(f"{share} in {code(doc_id)}")
    if not changed:
        return ""
    return "share of its value from terms first read off the seeds: " + ", ".join(parts)


def judge_measure(measure, rows: pd.DataFrame, grows: pd.DataFrame, evidence: pd.DataFrame,
                  without_seed_terms: pd.DataFrame | None = None) -> Verdict:
    """The one rule, for one measure: ``rows`` its per-article intervals, ``grows`` its group-comparison rows,
    ``without_seed_terms`` its intervals without the seed-read terms (:func:`seed_term_profile`; the seeds
    only). Used by the notebooks' findings (:func:`rhetoric.report.findings.rule_findings`) and the README's
    glance table alike."""
    tested = groups_tested(grows)
    if rows["ci_low"].isna().all() and not tested:
        return Verdict("none")
    if not clears_threshold(rows, grows):
        return Verdict("unclear")
    reason = frame_failure(measure) or validation_failure(measure, evidence)
    if reason is not None:
        return Verdict("described", reason)
    sensitivity = ""
    if without_seed_terms is not None:
        alone = without_seed_terms[without_seed_terms["measure"] == measure.name]
        changed = len(alone) and not np.allclose(alone["estimate"].to_numpy(dtype=float),
                                                 rows.set_index("doc_id").loc[alone["doc_id"], "estimate"]
                                                 .to_numpy(dtype=float), equal_nan=True)
        if changed and not clears_threshold(alone, grows.iloc[0:0]):
            return Verdict("described", "it does not survive leaving out the terms first read off these two "
                           f"articles (without them: {interval_text(alone, number_format(measure))})",
                           seed_terms=True)
        if changed:
            sensitivity = ("it survives leaving out the terms first read off these two articles (without them: "
                           f"{interval_text(alone, number_format(measure))})")
    note = "; ".join(n for n in (measure_note(measure, evidence), frame_agreement(measure)) if n)
    return Verdict("finding", f"{note}; {sensitivity}" if sensitivity and note else (sensitivity or note))
