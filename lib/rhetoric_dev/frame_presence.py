"""Frames against people's codes, article by article: term review, calibrated presence, cross-validated evidence.

Development data (read in place, never copied; ids and numbers only are written):

* **Policy Frames** family: ``../shared/dev/semeval23-frames``, 230 English news articles of the SemEval-2023
  Task 3 training set with the Policy Frames Codebook dimensions that its trained annotators found in each
  (Piskorski, Stefanovitch, Da San Martino & Nakov 2023). No outlet is given: each article is its own unit.
* **generic** family: ``../shared/dev/narrative-frames``, 210 climate-change articles of the Narrative Frames
  Corpus coded by trained annotators for Conflict, Economic, Human_interest, Moral and Resolution (Frermann,
  Li, Khanehzar & Mikolajczak 2023). 36 outlets repeat: every split and every interval is by outlet.
* The project's **international** frames (rivalry, diplomacy, energy) have no human-coded articles anywhere
  here: their terms cannot be confirmed and their presence cannot be calibrated (no ``_score``/``_present``).

THE PROCEDURE (declared in this docstring before it was run; what was explored before it is at the end)
======================================================================================================
Article features. The dictionary runs through the project's own tables (:func:`rhetoric.language.tokens.
feature_tables`: the article body after cleaning, Punkt sentences) and matcher (each family's list matched as
one layer, longest match first, vetoes applied), giving a sentences x terms hit matrix. For a frame and a set of
its terms, an article's ``rate`` is its hits per 1,000 words; ``share`` its share of sentences with a hit.

1. Term review (terms from people's codes, not the seeds), per frame, on the articles it is given:
   * a term of origin ``seed-reading`` (first read off the two seed articles) stays only when human-coded
     articles confirm it: at least :data:`MIN_SUPPORT` articles contain it and the share of those the coders
     marked with the frame is higher than the share among the articles without it; otherwise it is dropped.
     A seed-read term of a frame without human-coded articles (the international family) cannot be confirmed
     and is dropped;
   * terms of origin ``codebook`` or ``development`` (written from the codebook's definitions) stay; their
     human-coded statistics are recorded (``data/frame_terms_review.csv``) but do not decide;
   * no term is added from the coded articles (see "explored" below: the words that separate coded from
     uncoded articles there are topic words and actors of those articles, not frame vocabulary).
2. Presence model, per frame, on the articles it is given: ``x = log(1 + rate)`` with the kept terms; a
   logistic regression of the coders' label on ``x`` (scikit-learn, L2; ``C`` from :data:`CS` by an inner
   :data:`N_INNER`-fold cross-validation on log-loss, grouped by outlet where outlets repeat). Because ``x`` is
   one increasing feature, the score ranks articles as their rate does: the fit calibrates, it cannot overfit
   the ranking. [Added after the first run, before any result was written: the declared fit did not say what
   a negative slope means. A score that falls as the frame's hits rise would read the dictionary backwards, so
   a fit with a slope at or below 0 is replaced by the intercept-only model (every article scores the coders'
   prevalence; the frame then fails).] Decision threshold on the rate: among 0 and every distinct rate of the
   articles, the one whose share of articles marked present is closest to the coders' share (prevalence
   matching; ties: higher F1, then the smaller threshold). So the decision reproduces how often coders see the
   frame, which is what a study reports.
3. Evidence, by cross-validation: :data:`N_FOLDS` folds (SemEval: stratified by the frame's label; Narrative
   Frames: stratified and grouped by outlet, no outlet in two folds), seeded; steps 1 and 2 are fitted on the
   training folds only, and the held-out fold gets scores and decisions (nested: the term review is inside the
   folds too). Out-of-fold, per frame: ROC AUC of the out-of-fold rate, which the frozen score orders the same
   way (Mann-Whitney, ties half; [added after the first run:] the AUC of the pooled out-of-fold scores is
   reported beside it, ``auc_scores``: scores fitted in different folds are not on one scale, so pooling them
   understates what one frozen model ranks), the tool's prevalence
   beside the coders' (prevalence bias, in percentage points), precision, recall and F1 of the decision, the
   mean score beside the coders' prevalence (calibration in the large). 95% percentile intervals from
   :data:`N_BOOT` bootstrap resamples of whole outlets (Narrative Frames) or articles (SemEval), seeded; the
   family's macro row averages its frames within each resample.
4. Before: the instrument as it was (the dictionary before this review; score = share of sentences with a
   hit; rule "present if at least 2% of sentences have a hit", the threshold the committed SemEval check had
   chosen), on the same articles: no fitting, so no cross-validation; same intervals. On the Narrative Frames
   the nearest Policy Frames stand in for the generic frames the project did not have: Economic for Economic,
   Morality for Moral, Policy prescription for Resolution (none for Conflict, Human interest).
5. Frozen: steps 1 and 2 on all development articles of the family give the committed dictionary
   (``frame_terms.csv`` re-frozen, each decision a row of ``instrument_changes.csv``) and models
   (``frame_presence.csv``, with the dictionary's fingerprint). A frame **passes** on human-coded data when
   its cross-validated ROC AUC has a 95% lower bound above 0.5 and its prevalence bias is at most 10 points
   (:data:`rhetoric.analysis.frame_presence.PASS_RULE`).

Explored before this procedure was fixed (on the same development articles; reported in ``docs/frames.md``,
numbers from :func:`explored`): pruning codebook and development terms whose articles the coders marked no more
often than the rest (at least 3, 5 or 8 articles) lowered or did not change the cross-validated AUC; adding the
words that separate coded from uncoded articles (one-sided Fisher test) added topic words and actors (on the
SemEval half "jews", "ebola", "madagascar", "reuters"; on the climate articles "trump", "epa", "solar"); a
logistic model over two or three features (share, rate, distinct cues, article length) or over every frame's
features did not rank articles better than the rate alone, except by leaning on which frames co-occur in one
corpus. Hence one feature, the rate, and no additions.

Writes (``--write``; deterministic, byte for byte on a rerun), in this order: ``data/frame_terms_review.csv``
(every term's human-coded statistics and decision), ``frame_terms.csv`` (dropped terms removed, then its
provenance columns derived again by :func:`rhetoric_dev.term_provenance.derive`), rows of
``instrument_changes.csv``, ``data/frame_presence.csv`` (models, with the final dictionary's fingerprint),
``data/frame_presence_evaluation.csv`` (evidence before and after), ``data/frame_presence_explored.csv`` (the
alternatives above), ``data/frame_validity_semeval.csv`` and ``.md`` (the SemEval check regenerated by
:mod:`rhetoric_dev.semeval_frames`) and ``docs/frames.md`` (``--doc`` rewrites only this, from the committed
tables, without the development data).

``--out DIR`` writes the four tables the procedure computes (``frame_terms_review.csv``, ``frame_presence.csv``,
``frame_presence_evaluation.csv``, ``frame_presence_explored.csv``) into DIR instead, changing nothing in the
repository (``make dev-frame-presence DATA_OUT=DIR``: compare them with the committed ones).

Usage: ``python -m rhetoric_dev.frame_presence [--write | --out DIR | --doc]`` (about three minutes; ``--doc``
seconds).
"""
from __future__ import annotations

import argparse
import csv
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

from rhetoric.analysis import frame_presence as presence_analysis
from rhetoric.analysis import frame_validity as fv
from rhetoric.base.paths import DATA, DEV, ROOT, data_file
from rhetoric.instruments import frames, generic_frames, presence
from rhetoric.io.corpus import load_corpus
from rhetoric.io.wordlists import clear_caches
from rhetoric.language.constraints import apply_vetoes
from rhetoric.language.matching import match_terms
from rhetoric.language.tokens import feature_tables

NARRATIVE_DIR = DEV / "narrative-frames"
#: The generic frame -> the Narrative Frames Corpus label.
NARRATIVE_LABELS = {"conflict": "Conflict", "human_interest": "Human_interest", "economic": "Economic",
                    "morality": "Moral", "resolution": "Resolution"}
#: Before this round the project had no generic frames: the nearest Policy Frames (step 4).
NEAREST_BEFORE = {"economic": "economic", "morality": "morality", "resolution": "policy"}
NARRATIVE_CITATION = ("Narrative Frames Corpus (Frermann, Li, Khanehzar & Mikolajczak 2023), development half "
                      "(210 climate-change articles, 36 outlets), trained annotators")
SEMEVAL_CITATION = ("SemEval-2023 Task 3 subtask 2 (Piskorski, Stefanovitch, Da San Martino & Nakov 2023), "
                    "development half (230 English articles), trained annotators")

# --- declared before the procedure was run ------------------------------------------------------------------
SEED = 20261208
N_FOLDS = 5
N_INNER = 4
CS = (0.01, 0.1, 1.0, 10.0, 100.0)
N_BOOT = 2000
LEVEL = 0.95
MIN_SUPPORT = 3
BEFORE_K = 0.02
BEFORE_RULE = "present if at least 2% of sentences have a hit; score: the share of sentences with a hit"

REVIEW = "frame_terms_review.csv"
EXPLORED = "frame_presence_explored.csv"
EVALUATION = "frame_presence_evaluation.csv"
DOC = ROOT / "docs" / "frames.md"
PASS_RULE_TEXT = "Pass rule"
REVIEW_COLUMNS = ["family", "frame", "term", "not_before", "not_after", "origin", "data", "articles",
                  "coded", "coded_share", "other_share", "decision", "reason"]
EVAL_COLUMNS = ["family", "frame", "label", "version", "data", "unit", "n_articles", "n_units", "n_positive",
                "coders_prevalence", "tool_prevalence", "prevalence_bias", "prevalence_bias_low",
                "prevalence_bias_high", "precision", "precision_low", "precision_high", "recall", "recall_low",
                "recall_high", "f1", "f1_low", "f1_high", "auc", "auc_low", "auc_high", "auc_scores", "mean_score",
                "rule", "dictionary"]
MACRO = "all (macro)"


# --- data --------------------------------------------------------------------------------------------------

@dataclass
class DevSet:
    """One family's human-coded development articles and their tables."""

    family: str
    data: str
    unit: str  # what the bootstrap resamples: "outlet" or "article"
    doc_ids: list[str]
    groups: np.ndarray
    labels: dict[str, np.ndarray]
    sents: pd.DataFrame
    toks: pd.DataFrame
    doc_of_sentence: sp.csr_matrix = field(repr=False)  # articles x sentences
    words: np.ndarray = field(repr=False)
    sentences: np.ndarray = field(repr=False)


def _devset(family: str, data: str, unit: str, directory: Path, labels_of) -> DevSet:
    corpus = load_corpus(directory)
    sents, toks = feature_tables(corpus)
    sents = sents.reset_index(drop=True)
    codes, ids = pd.factorize(sents["doc_id"], sort=False)
    ids = list(ids)
    doc = sp.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(len(ids), len(codes)))
    words = doc @ sents["n_words"].to_numpy(dtype=float)
    meta = corpus.documents.set_index("doc_id").reindex(ids)
    groups = meta["outlet"].to_numpy(dtype=str) if unit == "outlet" else np.array(ids, dtype=str)
    return DevSet(family, data, unit, ids, groups, labels_of(ids), sents, toks, doc, words,
                  np.asarray(doc.sum(axis=1)).ravel())


def semeval_set(directory: Path | None = None) -> DevSet:
    """The Policy Frames family's development articles (SemEval-2023 half), labels per codebook frame."""
    directory = fv.SEMEVAL_DIR if directory is None else directory

    def labels_of(ids):
        wide = fv.load_labels(directory).pivot(index="doc_id", columns="frame", values="human").reindex(ids)
        return {f: wide[f].to_numpy(dtype=bool) for f in frames.pfc_frames()}

    return _devset("policy", SEMEVAL_CITATION, "article", directory, labels_of)


def narrative_set(directory: Path | None = None) -> DevSet:
    """The generic family's development articles (Narrative Frames half), labels per generic frame."""
    directory = NARRATIVE_DIR if directory is None else directory

    def labels_of(ids):
        raw = pd.read_csv(directory / "frames.csv", dtype=str, keep_default_na=False).set_index("id")
        coded = raw["frames"].reindex(ids).fillna("").map(lambda s: {x.strip() for x in s.split(";")})
        return {f: coded.map(lambda c, n=name: n in c).to_numpy(dtype=bool) for f, name in NARRATIVE_LABELS.items()}

    return _devset("generic", NARRATIVE_CITATION, "outlet", directory, labels_of)


# --- the candidate dictionaries ------------------------------------------------------------------------------

def candidates(family: str) -> pd.DataFrame:
    """The family's terms before the review: ``frame, term, not_before, not_after, origin`` (the committed list,
    plus for the Policy and international families the terms an earlier run of the review dropped, from
    ``frame_terms_review.csv``, so a rerun reviews the same list)."""
    cols = ["frame", "term", "not_before", "not_after", "origin"]
    if family == "generic":
        return generic_frames.cues()[cols].reset_index(drop=True)
    book = frames.codebook()
    fam = dict(zip(book["frame"], book["family"]))
    terms = frames.frame_terms()
    terms = terms[terms["frame"].map(fam) == family][cols]
    if data_file(REVIEW).is_file():
        review = pd.read_csv(data_file(REVIEW), dtype=str, keep_default_na=False)
        dropped = review[(review["family"] == family) & (review["decision"] == "dropped")][cols]
        known = set(zip(terms["frame"], terms["term"]))
        dropped = dropped[[k not in known for k in zip(dropped["frame"], dropped["term"])]]
        terms = pd.concat([terms, dropped], ignore_index=True)
    order = {f: i for i, f in enumerate(book["frame"])}
    return terms.sort_values("frame", key=lambda s: s.map(order), kind="mergesort").reset_index(drop=True)


def term_matrix(dev: DevSet, terms: pd.DataFrame) -> sp.csr_matrix:
    """Sentences x terms hit counts: the family's list matched as one layer (longest match, vetoes)."""
    terms = terms.reset_index(drop=True)
    hits = apply_vetoes(match_terms(dev.toks, list(terms["term"])), dev.toks, terms)
    row = {k: i for i, k in enumerate(zip(dev.sents["doc_id"].tolist(), dev.sents["sentence_id"].tolist()))}
    col = {t: j for j, t in enumerate(terms["term"])}
    r = [row[k] for k in zip(hits["doc_id"].tolist(), hits["sentence_id"].tolist())]
    c = [col[t] for t in hits["term"]]
    return sp.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(dev.sents), len(terms)))


def rates(dev: DevSet, matrix: sp.csr_matrix, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per article: hits per 1,000 words and share of sentences with a hit, for the terms ``columns``."""
    per_sentence = np.asarray(matrix[:, columns].sum(axis=1)).ravel()
    hits = dev.doc_of_sentence @ per_sentence
    carrying = dev.doc_of_sentence @ (per_sentence > 0).astype(float)
    return 1000 * hits / dev.words, carrying / dev.sentences


# --- step 1: the term review ---------------------------------------------------------------------------------

def review_stats(present: np.ndarray, truth: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For articles x terms presence and the articles' labels: per term, the articles containing it, those of
    them coded with the frame, the coded share among them and among the articles without it."""
    present = np.asarray(present, dtype=bool)
    truth = np.asarray(truth, dtype=bool)
    articles = present.sum(axis=0)
    coded = (present & truth[:, None]).sum(axis=0)
    others = len(truth) - articles
    with np.errstate(invalid="ignore", divide="ignore"):
        inside = np.where(articles > 0, coded / np.where(articles > 0, articles, 1), np.nan)
        outside = np.where(others > 0, (truth.sum() - coded) / np.where(others > 0, others, 1), np.nan)
    return articles, coded, inside, outside


def keep_terms(origins: np.ndarray, present: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """Step 1's rule: a seed-read term stays when at least :data:`MIN_SUPPORT` articles contain it and their
    coded share exceeds that of the other articles; every other term stays."""
    articles, _, inside, outside = review_stats(present, truth)
    confirmed = (articles >= MIN_SUPPORT) & (np.nan_to_num(inside, nan=-1) > np.nan_to_num(outside, nan=2))
    return (np.asarray(origins) != "seed-reading") | confirmed


# --- step 2: the presence model ------------------------------------------------------------------------------

def feature(rate) -> np.ndarray:
    return np.log1p(np.asarray(rate, dtype=float))


def choose_threshold(rate, truth) -> float:
    """Step 2's threshold: the rate whose share of articles at or above it is closest to the coders' share
    (candidates 0 and every distinct rate; ties: higher F1, then the smaller rate)."""
    rate, truth = np.asarray(rate, dtype=float), np.asarray(truth, dtype=bool)
    best, key = 0.0, None
    for t in np.unique(np.concatenate([[0.0], rate])):
        pred = rate >= t
        tp = int((pred & truth).sum())
        f1 = 2 * tp / (pred.sum() + truth.sum()) if pred.sum() + truth.sum() else 0.0
        k = (abs(pred.mean() - truth.mean()), -f1, t)
        if key is None or k < key:
            best, key = float(t), k
    return best


def fit_model(rate, truth, groups, seed: int) -> tuple[float, float, float]:
    """Step 2's logistic fit of the label on ``log(1 + rate)``: ``(intercept, slope, C)``."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    x = feature(rate)[:, None]
    truth = np.asarray(truth, dtype=bool)
    if truth.all() or not truth.any():
        p = min(max(truth.mean(), 1e-3), 1 - 1e-3)
        return float(np.log(p / (1 - p))), 0.0, float("nan")
    groups = np.asarray(groups)
    if len(set(groups)) < len(groups):  # outlets repeat: inner folds by outlet
        splits = list(GroupKFold(n_splits=min(N_INNER, len(set(groups)))).split(x, truth, groups))
    else:
        n = min(N_INNER, int(truth.sum()), int((~truth).sum()))
        splits = list(StratifiedKFold(n_splits=max(n, 2), shuffle=True, random_state=seed).split(x, truth))
    losses = []
    for c in CS:
        loss = 0.0
        for tr, te in splits:
            if truth[tr].all() or not truth[tr].any():
                continue
            m = LogisticRegression(C=c).fit(x[tr], truth[tr])
            p = np.clip(m.predict_proba(x[te])[:, 1], 1e-12, 1 - 1e-12)
            loss -= float(np.sum(truth[te] * np.log(p) + (~truth[te]) * np.log(1 - p)))
        losses.append(loss)
    c = CS[int(np.argmin(losses))]
    m = LogisticRegression(C=c).fit(x, truth)
    if m.coef_[0, 0] <= 0:  # the dictionary read backwards: no calibrated ranking (see step 2)
        p = truth.mean()
        return float(np.log(p / (1 - p))), 0.0, float(c)
    return float(m.intercept_[0]), float(m.coef_[0, 0]), float(c)


def _score(intercept: float, slope: float, rate) -> np.ndarray:
    return 1 / (1 + np.exp(-(intercept + slope * feature(rate))))


# --- step 3: cross-validation --------------------------------------------------------------------------------

def folds(dev: DevSet, truth: np.ndarray, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """The outer folds of one frame (grouped by outlet where outlets repeat)."""
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    x = np.zeros(len(truth))
    if dev.unit == "outlet":
        return list(StratifiedGroupKFold(n_splits=N_FOLDS, shuffle=True, random_state=seed).split(x, truth,
                                                                                                 dev.groups))
    return list(StratifiedKFold(n_splits=N_FOLDS, shuffle=True, random_state=seed).split(x, truth))


def cross_validate(dev: DevSet, terms: pd.DataFrame, matrix: sp.csr_matrix) -> pd.DataFrame:
    """Out-of-fold scores and decisions of every frame: ``frame, doc_id, fold, human, rate, score, present``."""
    parts = []
    origins = terms["origin"].to_numpy()
    for position, frame in enumerate(dict.fromkeys(terms["frame"])):
        if frame not in dev.labels:
            continue
        truth = dev.labels[frame]
        columns = np.flatnonzero(terms["frame"].to_numpy() == frame)
        present = (dev.doc_of_sentence @ matrix[:, columns]).toarray() > 0
        rate, score, decision, fold_of = (np.full(len(truth), np.nan) for _ in range(4))
        for k, (train, test) in enumerate(folds(dev, truth, SEED + position)):
            kept = columns[keep_terms(origins[columns], present[train], truth[train])]
            r = rates(dev, matrix, kept)[0]
            intercept, slope, _ = fit_model(r[train], truth[train], dev.groups[train], SEED + position)
            threshold = choose_threshold(r[train], truth[train])
            rate[test], fold_of[test] = r[test], k
            score[test] = _score(intercept, slope, r[test])
            decision[test] = r[test] >= threshold
        parts.append(pd.DataFrame({"frame": frame, "doc_id": dev.doc_ids, "fold": fold_of.astype(int),
                                   "group": dev.groups, "human": truth, "rate": rate, "score": score,
                                   "present": decision.astype(bool)}))
    return pd.concat(parts, ignore_index=True)


def _metrics(truth: np.ndarray, score: np.ndarray, pred: np.ndarray, rank: np.ndarray) -> dict[str, np.ndarray]:
    """Metrics of one set of articles: ``rank`` is what the AUC ranks by, ``score`` the calibrated score."""
    truth, pred = truth.astype(bool), pred.astype(bool)
    tp = (truth & pred).sum(axis=-1).astype(float)
    npred, npos = pred.sum(axis=-1).astype(float), truth.sum(axis=-1).astype(float)
    n = truth.shape[-1]
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(npred > 0, tp / np.where(npred > 0, npred, 1), np.nan)
        recall = np.where(npos > 0, tp / np.where(npos > 0, npos, 1), np.nan)
        f1 = np.where(npred + npos > 0, 2 * tp / np.where(npred + npos > 0, npred + npos, 1), np.nan)
    return {"coders_prevalence": npos / n, "tool_prevalence": npred / n, "prevalence_bias": 100 * (npred - npos) / n,
            "precision": precision, "recall": recall, "f1": f1, "auc": np.asarray(fv.roc_auc(truth, rank)),
            "auc_scores": np.asarray(fv.roc_auc(truth, score)), "mean_score": score.mean(axis=-1)}


def resamples(dev: DevSet, n_boot: int, seed: int) -> np.ndarray:
    """Bootstrap resamples of article positions: whole outlets (or articles) drawn with replacement.
    Resamples differ in size when outlets do, so each is padded to the longest with -1."""
    rng = np.random.default_rng([seed, 17])
    units, inverse = np.unique(dev.groups, return_inverse=True)
    members = [np.flatnonzero(inverse == u) for u in range(len(units))]
    draws = [np.concatenate([members[u] for u in rng.integers(0, len(units), len(units))]) for _ in range(n_boot)]
    width = max(len(d) for d in draws)
    out = np.full((n_boot, width), -1, dtype=np.int64)
    for i, d in enumerate(draws):
        out[i, :len(d)] = d
    return out


def _boot(truth, score, pred, rank, idx: np.ndarray) -> dict[str, np.ndarray]:
    """Each metric over every resample (rows of ``idx``; -1 pads): ragged resamples computed row by row."""
    rows = []
    for r in idx:
        r = r[r >= 0]
        rows.append(_metrics(truth[r], score[r], pred[r], rank[r]))
    return {k: np.array([float(x[k]) for x in rows]) for k in rows[0]}


def _interval(values: np.ndarray) -> tuple[float, float]:
    values = values[~np.isnan(values)]
    if not len(values):
        return float("nan"), float("nan")
    alpha = (1 - LEVEL) / 2
    return float(np.quantile(values, alpha)), float(np.quantile(values, 1 - alpha))


def evidence(dev: DevSet, scored: pd.DataFrame, version: str, rule: dict[str, str], labels: dict[str, str],
             dictionary: str, seed: int = SEED) -> pd.DataFrame:
    """The evaluation rows of one family and version (per frame, then the macro row): point values on all
    articles, 95% intervals from resamples of outlets (or articles) shared by every frame."""
    idx = resamples(dev, N_BOOT, seed)
    rows, boots = [], []
    for frame, part in scored.groupby("frame", sort=False):
        part = part.set_index("doc_id").reindex(dev.doc_ids)
        truth = part["human"].to_numpy(dtype=bool)
        score = part["score"].to_numpy(dtype=float)
        pred = part["present"].to_numpy(dtype=bool)
        rank = part["rate"].to_numpy(dtype=float) if version == "after" else score
        point = _metrics(truth, score, pred, rank)
        boot = _boot(truth, score, pred, rank, idx)
        boots.append(boot)
        row = {"family": dev.family, "frame": frame, "label": labels[frame], "version": version, "data": dev.data,
               "unit": dev.unit, "n_articles": len(truth), "n_units": len(set(dev.groups)),
               "n_positive": int(truth.sum()), "rule": rule[frame], "dictionary": dictionary}
        for k, v in point.items():
            row[k] = float(v)
        for k in ("prevalence_bias", "precision", "recall", "f1", "auc"):
            row[f"{k}_low"], row[f"{k}_high"] = _interval(boot[k])
        if version == "before":
            row["mean_score"] = row["auc_scores"] = float("nan")
        rows.append(row)
    table = pd.DataFrame(rows)
    macro = {"family": dev.family, "frame": MACRO, "label": MACRO, "version": version, "data": dev.data,
             "unit": dev.unit, "n_articles": len(dev.doc_ids), "n_units": len(set(dev.groups)),
             "n_positive": int(table["n_positive"].sum()), "rule": "", "dictionary": dictionary}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for k in ("coders_prevalence", "tool_prevalence", "prevalence_bias", "precision", "recall", "f1", "auc",
                  "auc_scores", "mean_score"):
            macro[k] = float(table[k].mean())
            if k in ("prevalence_bias", "precision", "recall", "f1", "auc"):
                stacked = np.nanmean(np.vstack([b[k] for b in boots]), axis=0)
                macro[f"{k}_low"], macro[f"{k}_high"] = _interval(stacked)
    return pd.concat([table, pd.DataFrame([macro])], ignore_index=True)[EVAL_COLUMNS]


# --- before (step 4) ----------------------------------------------------------------------------------------

def before_scores(dev: DevSet, terms: pd.DataFrame, matrix: sp.csr_matrix) -> pd.DataFrame:
    """The instrument as it was: the whole candidate list, share of sentences, present at 2% of sentences."""
    parts = []
    for frame, truth in dev.labels.items():
        source = NEAREST_BEFORE.get(frame) if dev.family == "generic" else frame
        if source is None:
            continue
        share = rates(dev, matrix, np.flatnonzero(terms["frame"].to_numpy() == source))[1]
        parts.append(pd.DataFrame({"frame": frame, "doc_id": dev.doc_ids, "human": truth, "score": share,
                                   "present": fv.present(share, BEFORE_K)}))
    return pd.concat(parts, ignore_index=True)


# --- step 5: freeze ------------------------------------------------------------------------------------------

def review_all(dev: DevSet | None, family: str, terms: pd.DataFrame, matrix: sp.csr_matrix | None) -> pd.DataFrame:
    """Step 1 on every development article of the family: one row per term (:data:`REVIEW_COLUMNS`)."""
    rows = []
    for frame in dict.fromkeys(terms["frame"]):
        columns = np.flatnonzero(terms["frame"].to_numpy() == frame)
        part = terms.iloc[columns]
        if dev is None or frame not in dev.labels:
            for r in part.itertuples(index=False):
                seed_read = r.origin == "seed-reading"
                rows.append({"family": family, "frame": frame, "term": r.term, "not_before": r.not_before,
                             "not_after": r.not_after, "origin": r.origin, "data": "none", "articles": "",
                             "coded": "", "coded_share": "", "other_share": "",
                             "decision": "dropped" if seed_read else "kept",
                             "reason": ("seed-read term of a frame without human-coded articles: it cannot be "
                                        "confirmed" if seed_read else f"origin {r.origin}: kept as written "
                                        "(no human-coded articles for this frame)")})
            continue
        truth = dev.labels[frame]
        present = (dev.doc_of_sentence @ matrix[:, columns]).toarray() > 0
        articles, coded, inside, outside = review_stats(present, truth)
        kept = keep_terms(part["origin"].to_numpy(), present, truth)
        for j, r in enumerate(part.itertuples(index=False)):
            if r.origin == "seed-reading":
                reason = (f"seed-read term confirmed by human codes: {int(articles[j])} articles contain it "
                          f"(at least {MIN_SUPPORT}), {100 * inside[j]:.0f}% of them coded with the frame against "
                          f"{100 * outside[j]:.0f}% of the others" if kept[j] else
                          f"seed-read term not confirmed by human codes: {int(articles[j])} articles contain it"
                          + ("" if articles[j] == 0 else f", {100 * inside[j]:.0f}% of them coded with the frame "
                             f"against {100 * outside[j]:.0f}% of the others")
                          + (f" (fewer than {MIN_SUPPORT})" if articles[j] < MIN_SUPPORT else ""))
            else:
                reason = f"origin {r.origin}: kept as written; human-coded statistics recorded, not deciding"
            rows.append({"family": family, "frame": frame, "term": r.term, "not_before": r.not_before,
                         "not_after": r.not_after, "origin": r.origin, "data": dev.data,
                         "articles": int(articles[j]), "coded": int(coded[j]),
                         "coded_share": "" if np.isnan(inside[j]) else round(float(inside[j]), 4),
                         "other_share": "" if np.isnan(outside[j]) else round(float(outside[j]), 4),
                         "decision": "kept" if kept[j] else "dropped", "reason": reason})
    return pd.DataFrame(rows, columns=REVIEW_COLUMNS)


def freeze_models(dev: DevSet, terms: pd.DataFrame, matrix: sp.csr_matrix, review: pd.DataFrame) -> pd.DataFrame:
    """Step 2 on every development article with the kept terms: one ``frame_presence.csv`` row per frame."""
    rows = []
    kept = review[review["decision"] == "kept"]
    for position, frame in enumerate(dict.fromkeys(terms["frame"])):
        if frame not in dev.labels:
            continue
        truth = dev.labels[frame]
        mine = set(kept.loc[kept["frame"] == frame, "term"])
        columns = np.flatnonzero((terms["frame"].to_numpy() == frame) & terms["term"].isin(mine).to_numpy())
        rate = rates(dev, matrix, columns)[0]
        intercept, slope, c = fit_model(rate, truth, dev.groups, SEED + position)
        threshold = choose_threshold(rate, truth)
        column = generic_frames.column(frame) if dev.family == "generic" else f"frame_{frame}"
        rows.append({"family": dev.family, "frame": frame, "column": column, "feature": presence.FEATURE,
                     "intercept": intercept, "slope": slope, "threshold": threshold,
                     "threshold_score": float(_score(intercept, slope, threshold)),
                     "n_articles": len(truth), "n_positive": int(truth.sum()),
                     "coders_prevalence": float(truth.mean()), "data": dev.data,
                     "chosen_by": (f"logistic regression (L2, C = {c:g} of {'/'.join(f'{x:g}' for x in CS)} by "
                                   f"{N_INNER}-fold inner cross-validation on log-loss"
                                   f"{', grouped by outlet' if dev.unit == 'outlet' else ''}); threshold: the rate "
                                   "whose share of articles marked present is closest to the coders' share; "
                                   "rhetoric_dev.frame_presence"),
                     "dictionary": ""})
    return pd.DataFrame(rows, columns=presence.COLUMNS)


# --- explored before the procedure was fixed ------------------------------------------------------------------

PRUNE_SUPPORT = (3, 5, 8)


def explored(dev: DevSet, terms: pd.DataFrame, matrix: sp.csr_matrix) -> pd.DataFrame:
    """The alternatives the docstring names, per frame (nested where terms are chosen): ROC AUC of the
    out-of-fold rate with no review at all, with the seed-read review (the procedure), and with codebook and
    development terms also pruned when at least k articles contain them and their coded share is not above the
    others' (k in :data:`PRUNE_SUPPORT`); and, on all articles with the procedure's kept terms, the AUC of other
    single scores (share of sentences, hits, distinct terms)."""
    origins = terms["origin"].to_numpy()
    rows = []
    for position, frame in enumerate(dict.fromkeys(terms["frame"])):
        if frame not in dev.labels:
            continue
        truth = dev.labels[frame]
        columns = np.flatnonzero(terms["frame"].to_numpy() == frame)
        present = (dev.doc_of_sentence @ matrix[:, columns]).toarray() > 0
        mine = origins[columns]
        variants = {"no review": lambda p, t: np.ones(p.shape[1], bool),
                    "procedure": lambda p, t, o=mine: keep_terms(o, p, t)}
        for k in PRUNE_SUPPORT:
            def prune(p, t, k=k, o=mine):
                articles, _, inside, outside = review_stats(p, t)
                contradicted = (articles >= k) & ~(np.nan_to_num(inside, nan=-1) > np.nan_to_num(outside, nan=2))
                return keep_terms(o, p, t) & ~contradicted
            variants[f"pruned (k = {k})"] = prune
        row = {"family": dev.family, "frame": frame}
        splits = folds(dev, truth, SEED + position)
        for name, rule in variants.items():
            oof = np.full(len(truth), np.nan)
            for train, test in splits:
                kept = columns[rule(present[train], truth[train])]
                oof[test] = rates(dev, matrix, kept)[0][test]
            row[f"auc: {name}"] = fv.roc_auc(truth, oof)
        kept = columns[keep_terms(origins[columns], present, truth)]
        rate, share = rates(dev, matrix, kept)
        per_sentence = np.asarray(matrix[:, kept].sum(axis=1)).ravel()
        distinct = ((dev.doc_of_sentence @ matrix[:, kept]) > 0).sum(axis=1)
        row["auc (all articles): rate"] = fv.roc_auc(truth, rate)
        row["auc (all articles): share"] = fv.roc_auc(truth, share)
        row["auc (all articles): hits"] = fv.roc_auc(truth, dev.doc_of_sentence @ per_sentence)
        row["auc (all articles): distinct terms"] = fv.roc_auc(truth, np.asarray(distinct).ravel())
        rows.append(row)
    return pd.DataFrame(rows)


# --- running it ----------------------------------------------------------------------------------------------

def _write_csv(table: pd.DataFrame, path: Path, float_format: str | None = "%.4f") -> None:
    """A committed table: UTF-8, LF line ends, four decimals (``float_format=None``: every digit, for the models,
    whose thresholds must be the rates chosen)."""
    from rhetoric.base.atomic_files import atomic_write

    atomic_write(path, table.to_csv(index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n",
                                    float_format=float_format).encode("utf-8"))


def run(write: bool = False, out: Path | None = None) -> dict[str, pd.DataFrame]:
    """The whole procedure; with ``write`` the committed files are rewritten (see the module docstring); with
    ``out`` the four computed tables are written into that folder instead."""
    results: dict[str, pd.DataFrame] = {}
    devs = {"policy": semeval_set(), "generic": narrative_set()}
    labels = {"policy": frames.frame_labels(), "generic": generic_frames.frame_labels()}
    reviews, models, evaluations = [], [], []
    for family in ("policy", "generic"):
        dev = devs[family]
        terms = candidates(family)
        matrix = term_matrix(dev, terms)
        review = review_all(dev, family, terms, matrix)
        reviews.append(review)
        scored = cross_validate(dev, terms, matrix)
        results[f"{family}_oof"] = scored
        rules = {f: "cross-validated: " + ("rate threshold and logistic score fitted on the training folds "
                                           "(prevalence matching)") for f in dev.labels}
        evaluations.append((dev, scored, "after", rules))
        if family == "policy":
            before_terms, before_matrix = terms, matrix
        else:  # the Policy Frames dictionary as it was, on the climate articles
            before_terms = candidates("policy")
            before_matrix = term_matrix(dev, before_terms)
        before = before_scores(dev, before_terms, before_matrix)
        evaluations.append((dev, before, "before", {f: BEFORE_RULE for f in dev.labels}))
        models.append(freeze_models(dev, terms, matrix, review))
        results[f"{family}_explored"] = explored(dev, terms, matrix)
    reviews.append(review_all(None, "international", candidates("international"), None))
    review = pd.concat(reviews, ignore_index=True)
    results["review"] = review
    if write:
        _apply_review(review)
        from rhetoric_dev import term_provenance

        term_provenance.write(term_provenance.derive("frame_terms.csv"), "frame_terms.csv")
        clear_caches()  # the lists read from now on are the re-frozen ones
    fingerprints = {f: presence_analysis.dictionary_fingerprint(f) for f in presence_analysis.DICTIONARY_FILES}
    model_table = pd.concat(models, ignore_index=True)
    model_table["dictionary"] = model_table["family"].map(fingerprints)
    results["models"] = model_table
    parts = []
    for dev, scored, version, rules in evaluations:
        fp = fingerprints[dev.family] if version == "after" else "before this review"
        parts.append(evidence(dev, scored, version, rules, labels[dev.family], fp))
    table = pd.concat(parts, ignore_index=True)
    order = {("policy", "before"): 0, ("policy", "after"): 1, ("generic", "before"): 2, ("generic", "after"): 3}
    table = table.assign(_o=[order[k] for k in zip(table["family"], table["version"])]).sort_values(
        "_o", kind="mergesort").drop(columns="_o").reset_index(drop=True)
    results["evaluation"] = table
    explored_table = pd.concat([results.pop("policy_explored"), results.pop("generic_explored")], ignore_index=True)
    results["explored"] = explored_table
    if write:
        _write_csv(model_table, DATA / presence.MODELS, float_format=None)
        _write_csv(table, DATA / EVALUATION)
        _write_csv(explored_table, DATA / EXPLORED)
        clear_caches()
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        _write_csv(review, out / REVIEW)
        _write_csv(model_table, out / presence.MODELS, float_format=None)
        _write_csv(table, out / EVALUATION)
        _write_csv(explored_table, out / EXPLORED)
    return results


def _apply_review(review: pd.DataFrame) -> None:
    """Write the review, drop the dropped terms from ``frame_terms.csv`` and record every decision on a
    seed-read or generic term in ``instrument_changes.csv`` (earlier rows of this review replaced)."""
    _write_csv(review, DATA / REVIEW)
    dropped = review[(review["decision"] == "dropped") & (review["family"] != "generic")]
    gone = set(zip(dropped["frame"], dropped["term"]))
    terms = pd.read_csv(DATA / "frame_terms.csv", dtype=str, keep_default_na=False)
    terms = terms[[k not in gone for k in zip(terms["frame"], terms["term"])]]
    terms.to_csv(DATA / "frame_terms.csv", index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n",
                 encoding="utf-8")
    changes = pd.read_csv(DATA / "instrument_changes.csv", dtype=str, keep_default_na=False)
    changes = changes[~changes["reason"].str.startswith(CHANGE_MARK)]
    rows = []
    for r in review.itertuples(index=False):
        if r.family == "generic":
            rows.append({"instrument": "generic_frames", "category": r.frame, "term": r.term, "change": "added",
                         "reason": f"{CHANGE_MARK} cue written from Semetko & Valkenburg's question "
                                   "(generic_frame_terms.csv names it)",
                         "evidence": f"{r.data}: {r.articles} articles contain it, {r.coded} coded with the frame "
                                     f"({REVIEW}); origin codebook, kept as written"})
        elif r.origin == "seed-reading":
            rows.append({"instrument": "frames", "category": r.frame, "term": r.term,
                         "change": "confirmed" if r.decision == "kept" else "removed",
                         "reason": f"{CHANGE_MARK} {r.reason}",
                         "evidence": (f"{r.data}: {r.articles} articles contain it, {r.coded} coded with the frame "
                                      f"({REVIEW})" if r.data != "none" else "no human-coded articles for "
                                      f"the frame ({REVIEW})")})
    changes = pd.concat([changes, pd.DataFrame(rows)], ignore_index=True)
    changes.to_csv(DATA / "instrument_changes.csv", index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n",
                   encoding="utf-8")


#: How this review's rows in ``instrument_changes.csv`` begin (so a rerun replaces them).
CHANGE_MARK = "human-coded review (issue 34):"


def regenerate_semeval_table() -> int:
    """The SemEval check (:mod:`rhetoric_dev.semeval_frames`: its table and note) on the re-frozen dictionary."""
    from rhetoric_dev import semeval_frames

    return semeval_frames.main([])


# --- the per-frame validity report (docs/frames.md) -------------------------------------------------------

def _md_table(table: pd.DataFrame) -> str:
    cols = list(table.columns)
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in table.itertuples(index=False):
        lines.append("| " + " | ".join(str(x).replace("|", "/") for x in row) + " |")
    return "\n".join(lines)


def _num(x, digits: int = 2) -> str:
    return "–" if pd.isna(x) else f"{x:.{digits}f}"


def doc_text() -> str:
    """``docs/frames.md`` from the committed tables (no development data needed; every number read, none typed)."""
    pa = presence_analysis
    after, before = pa.evidence("after"), pa.evidence("before")
    models = presence.table()
    review = pd.read_csv(DATA / REVIEW, dtype=str, keep_default_na=False)
    explored_table = pd.read_csv(DATA / EXPLORED)
    questions = generic_frames.questions()
    cue_counts = generic_frames.cues().groupby("question").size()
    book = frames.codebook()
    verdicts = pa.passed()
    targets = pa.targets()
    n_family = book.groupby("family").size()
    seeded = review[review["origin"] == "seed-reading"]
    counts = seeded.groupby(["family", "decision"]).size()

    def count(family, decision):
        return int(counts.get((family, decision), 0))

    q = questions.assign(cues=questions["question"].map(cue_counts).fillna(0).astype(int))
    q_table = pd.DataFrame({"question": q["question"], "Semetko & Valkenburg frame": q["sv_frame"],
                            "question (paraphrased)": q["text"],
                            "generic frame here": q["generic_frame"].replace("", "—"),
                            "cues": q["cues"], "note": q["note"]})
    m_table = pd.DataFrame({
        "family": models["family"], "frame": models["frame"],
        "score": [f"logistic({r.intercept:.2f} + {r.slope:.2f} x)" for r in models.itertuples()],
        "present when hits per 1,000 words >=": [f"{x:.3g}" for x in models["threshold"]],
        "(score at the threshold)": [f"{x:.2f}" for x in models["threshold_score"]],
        "coders' prevalence": [f"{100 * x:.0f}% of {n}" for x, n in zip(models["coders_prevalence"],
                                                                        models["n_articles"])]})
    seed_rows = seeded[seeded["family"] != "generic"]
    s_table = pd.DataFrame({"family": seed_rows["family"], "frame": seed_rows["frame"], "term": seed_rows["term"],
                            "decision": seed_rows["decision"], "why": seed_rows["reason"]})
    t_table = targets.assign(measured=[_num(x) for x in targets["measured"]],
                             interval=[("" if pd.isna(lo) else f"[{lo:.2f}, {hi:.2f}]")
                                       for lo, hi in zip(targets["low"], targets["high"])],
                             required=[_num(x) for x in targets["required"]],
                             met=["yes" if m else "no" for m in targets["met"]])[
        ["target", "frame", "measured", "interval", "required", "met"]]
    e_cols = [c for c in explored_table.columns if c not in ("family",)]
    e_table = explored_table.assign(**{c: [_num(x) for x in explored_table[c]] for c in e_cols if c != "frame"})
    failed = verdicts[~verdicts["passed"]]
    unmet = targets[~targets["met"]]
    macro = {f: after[(after["family"] == f) & (after["frame"] == MACRO)].iloc[0] for f in ("policy", "generic")}
    macro_before = {f: before[(before["family"] == f) & (before["frame"] == MACRO)].iloc[0]
                    for f in ("policy", "generic")}
    pooled = after[after["frame"] != MACRO]
    return f"""# Frames against people's codes: per-frame validity

Generated by `python -m rhetoric_dev.frame_presence --doc` from the committed tables
(`lib/rhetoric/data/frame_presence_evaluation.csv`, `frame_presence.csv`, `frame_terms_review.csv`,
`frame_presence_explored.csv`); the procedure is declared in the docstring of `rhetoric_dev.frame_presence`.
Every number below is read from those tables. Library access for notebook 02: `rhetoric.analysis.frame_presence`
(`presence_table`, `report_table`, `evidence`, `passed`, `summary`, `targets`).

## What is measured, and for which study
Three frame families, each a setting (`rhetoric.instruments.frames.families`, `use_families`, `set_families`, the
`{frames.FAMILIES_ENV}` environment variable): the **generic** news frames (Semetko & Valkenburg 2000;
{len(generic_frames.frame_names())} frames, feature-table columns `generic_<frame>`), the **Policy Frames** Codebook
({int(n_family.get("policy", 0))} dimensions, `frame_<name>`) and the project's **international**-relations frames
({int(n_family.get("international", 0))}, `frame_<name>`). Default: {", ".join(frames.DEFAULT_FAMILIES)}. The
international frames only where a study asks for them; the project's own corpus (the seeds) uses all three
(`families_for`). Per frame of the families in force the per-article table gets the share of sentences with a hit
(`_share`) and, where people's codes calibrated it, a score and a present/absent decision (`_score`, `_present`).

## The generic news frames, from the questions
Semetko & Valkenburg measure five frames with 20 yes/no questions; Frermann et al. (2023) code *resolution* in
place of responsibility. The questions are the codebook (`generic_frame_questions.csv`); each question's cues
(`generic_frame_terms.csv`, {len(generic_frames.cues())} cues, each naming its question and reason) were written
from the question by the developer (a language model) before any coded article was read: origin `codebook`. No
cue was added from the coded articles (below).

{_md_table(q_table)}

## Presence, calibrated on people's codes
Score: `logistic(intercept + slope x)` with `x = log(1 + hits per 1,000 words)`; present when the article's
hits per 1,000 words reach the threshold, the rate at which the share of development articles marked present is
closest to the coders' share (prevalence matching). Fitted on all development articles of the family after the
cross-validation below. A slope of 0 means the fit read the dictionary backwards and was replaced by the
coders' prevalence: that frame's score does not rank articles. The international frames have no human-coded
articles: no `_score` or `_present` (their presence is not calibrated; their share of sentences stays).

{_md_table(m_table)}

## Evidence per frame, cross-validated on the development articles
{PASS_RULE_TEXT}: {pa.PASS_RULE}. ROC AUC is that of the out-of-fold rate (what the frozen score ranks by); the
AUC of the pooled out-of-fold scores, whose fits differ by fold, is lower (averaged over the frames:
{_num(pooled["auc_scores"].mean())} against {_num(pooled["auc"].mean())}; column `auc_scores`).

### Generic frames: {macro["generic"].data}
{pa.summary("generic")}

{_md_table(pa.report_table("generic"))}

Before (the project had no generic frames; the nearest Policy Frames, rule: {macro_before["generic"].rule or
before[before["family"] == "generic"]["rule"].iloc[0]}):

{_md_table(pa.report_table("generic", "before"))}

### Policy Frames: {macro["policy"].data}
{pa.summary("policy")}

{_md_table(pa.report_table("policy"))}

Before (rule: {before[before["family"] == "policy"]["rule"].iloc[0]}):

{_md_table(pa.report_table("policy", "before"))}

### The issue's targets (development figures; the held-out halves judge them later)

{_md_table(t_table)}

## Terms from people's codes, not the seeds
Seed-read terms (first read off the two seed articles) stay only where human-coded articles confirm them (at
least {MIN_SUPPORT} development articles contain the term and more of them than of the others are coded with the
frame); the automated precision check that kept them before no longer suffices. Policy Frames:
{count("policy", "kept")} kept, {count("policy", "dropped")} dropped; international frames (no human-coded
articles, so none can be confirmed): {count("international", "kept")} kept, {count("international", "dropped")}
dropped. Every decision is a row of `instrument_changes.csv` (`confirmed` or `removed`) and of
`frame_terms_review.csv` (with the counts); the provenance columns of `frame_terms.csv` point to them. Terms of
origin `development` (written from the codebook's definitions and checked on the benchmark's development half)
stay; their human-coded statistics are recorded in `frame_terms_review.csv` but did not decide (pruning them by
those statistics did not help, below).

{_md_table(s_table)}

## Explored before the procedure was fixed, not adopted
ROC AUC per frame: out of fold (the term choice inside the folds) with no review, with the procedure's review,
and with codebook and development terms also pruned when at least k articles contain them and the coders mark
those no more often than the rest; and, on all articles, other single scores. Adding the words that separate
coded from uncoded articles was also tried: they were topic words and actors of those corpora, so none was added.

{_md_table(e_table)}

## What does not work
- Frames that fail the pass rule: {"; ".join(f"{r.label} ({r.family})" for r in failed.itertuples()) or "none"}.
- Targets not met on development data: {"; ".join(f"{r.target}: {r.frame} {_num(r.measured)} (target "
                                                   f"{_num(r.required)})" for r in unmet.itertuples()) or "none"}.
- The calibration fixes how often a frame is marked (prevalence bias, macro: Policy Frames
  {macro_before["policy"].prevalence_bias:+.1f} points before, {macro["policy"].prevalence_bias:+.1f} after), not
  which articles: ROC AUC barely moves (Policy Frames macro {_num(macro_before["policy"].auc)} before,
  {_num(macro["policy"].auc)} after). A frame that coders infer without its vocabulary is missed by any word
  list; a better ranking needs better evidence than words (or a supervised model, which the project does not use).
- Few positives make wide intervals (see the counts in `frame_presence_evaluation.csv`).
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite the committed files")
    parser.add_argument("--doc", action="store_true", help="only rewrite docs/frames.md from the committed tables")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="write the computed tables into DIR instead (nothing in the repository changes)")
    args = parser.parse_args(argv)
    if args.out is not None and args.write:
        parser.error("--out and --write exclude each other")
    if args.doc:
        from rhetoric.base.atomic_files import atomic_write

        atomic_write(DOC, doc_text().encode("utf-8"))
        print(f"wrote {DOC}")
        return 0
    for need in (fv.SEMEVAL_DIR / "frames.csv", NARRATIVE_DIR / "frames.csv"):
        if not need.is_file():
            print(f"{need}: missing (the development data is not there)", file=sys.stderr)
            return 1
    results = run(write=args.write, out=args.out)
    pd.set_option("display.width", 220, "display.max_rows", 200, "display.max_columns", 40)
    show = ["family", "frame", "version", "n_positive", "coders_prevalence", "tool_prevalence", "prevalence_bias",
            "precision", "recall", "f1", "auc", "auc_low", "auc_high", "auc_scores", "mean_score"]
    print(results["evaluation"][show].round(3).to_string(index=False))
    review = results["review"]
    seeded = review[review["origin"] == "seed-reading"]
    print(seeded.groupby(["family", "decision"]).size().to_string())
    print(results["explored"].round(3).to_string(index=False))
    print(results["models"][["family", "frame", "intercept", "slope", "threshold", "threshold_score"]].to_string())
    if args.write:
        from rhetoric.base.atomic_files import atomic_write

        regenerate_semeval_table()
        atomic_write(DOC, doc_text().encode("utf-8"))
        print(f"wrote the committed files and {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
