"""Agreement between an instrument and gold codes (of any coder): precision, recall, F1, kappa, intervals;
where it fails.

Gold files (``data/gold_*.csv``) store each coded sentence's full text; a gold set applies to a corpus
only when every one of its sentences is found there, identically (:func:`attach_gold`).
Per label: precision, recall, F1 and Cohen's (1960) kappa for the binary decision "label present".
Agreement of two codings of the same items (:func:`rater_agreement`): percent agreement, Cohen's kappa with
the prevalence and the number of negatives beside it (kappa is unstable when one class is rare: the "kappa
paradox"), and Gwet's (2008) AC1, whose chance term does not collapse when one class dominates.
We write these few formulas ourselves rather than add scikit-learn for them; the tests check them
against hand-computed cases.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
from scipy.stats import binomtest

from rhetoric.instruments.sentiment import vader_class
from rhetoric.io.wordlists import read_table


def read_gold(name: str) -> pd.DataFrame:
    """A gold file, with ``sentence_id`` as an integer."""
    gold = read_table(name)
    gold["sentence_id"] = gold["sentence_id"].astype("int64")
    return gold


def attach_gold(gold: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame | None:
    """The gold rows joined to the corpus sentences, or ``None`` when the gold set does not apply."""
    merged = gold.merge(sents[["doc_id", "sentence_id", "text"]], on=["doc_id", "sentence_id"], how="left",
                        suffixes=("", "_corpus"))
    if merged["text_corpus"].isna().any() or (merged["text"] != merged["text_corpus"]).any():
        return None
    return merged.drop(columns="text_corpus")


def split_labels(values: pd.Series) -> pd.Series:
    """'a;b' -> {'a', 'b'}; '' -> set()."""
    return values.fillna("").map(lambda v: {x.strip() for x in str(v).split(";") if x.strip()})


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts of true positives, false positives and false negatives
    (NaN where a denominator is zero). The one place these formulas are written."""
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")
    return precision, recall, f1


def f1_score(tp, fp, fn):
    """F1 for arrays of counts (bootstrap resamples), NaN where nothing was found or expected."""
    tp, fp, fn = (np.asarray(x, dtype=float) for x in (tp, fp, fn))
    denom = 2 * tp + fp + fn
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denom > 0, 2 * tp / np.where(denom > 0, denom, 1), np.nan)


def binary_scores(truth: list[bool], pred: list[bool]) -> dict[str, float]:
    """Counts, precision, recall, F1 and Cohen's kappa of one binary decision."""
    tp = sum(t and p for t, p in zip(truth, pred))
    fp = sum(p and not t for t, p in zip(truth, pred))
    fn = sum(t and not p for t, p in zip(truth, pred))
    tn = len(truth) - tp - fp - fn
    n = len(truth)
    precision, recall, f1 = prf(tp, fp, fn)
    observed = (tp + tn) / n if n else float("nan")
    expected = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / (n * n) if n else float("nan")
    kappa = (observed - expected) / (1 - expected) if n and expected != 1 else float("nan")
    return {"n": n, "gold": tp + fn, "predicted": tp + fp, "tp": tp, "fp": fp, "fn": fn,
            "precision": precision, "recall": recall, "f1": f1, "kappa": kappa}


def gwet_ac1(first: list, second: list) -> float:
    """Gwet's AC1 for two codings of the same items (any number of categories; Gwet 2008, Br. J. Math. Stat.
    Psychol. 61:29-48): ``(pa - pe) / (1 - pe)`` with ``pa`` the observed agreement and
    ``pe = sum_q pi_q (1 - pi_q) / (Q - 1)``, ``pi_q`` the share of all ``2n`` codes in category ``q`` and ``Q``
    the number of categories (two for a binary decision, even when only one occurs). NaN for no items."""
    first, second = list(first), list(second)
    n = len(first)
    if n == 0 or n != len(second):
        return float("nan")
    categories = sorted(set(first) | set(second), key=str)
    q = max(len(categories), 2)
    pa = sum(a == b for a, b in zip(first, second)) / n
    pi = [(first.count(c) + second.count(c)) / (2 * n) for c in categories]
    pe = sum(p * (1 - p) for p in pi) / (q - 1)
    return (pa - pe) / (1 - pe) if pe != 1 else float("nan")


def rater_agreement(first: list[bool], second: list[bool]) -> dict[str, float]:
    """Agreement of two binary codings of the same items: ``n``, percent agreement, Cohen's kappa, Gwet's AC1,
    the prevalence (share of positive codes over both codings) and the negatives each coding gave
    (``negatives_first``, ``negatives_second``): kappa read without the prevalence misleads when negatives
    are few."""
    first, second = [bool(x) for x in first], [bool(x) for x in second]
    n = len(first)
    return {"n": n,
            "percent_agreement": sum(a == b for a, b in zip(first, second)) / n if n else float("nan"),
            "kappa": binary_scores(first, second)["kappa"], "ac1": gwet_ac1(first, second),
            "prevalence": (sum(first) + sum(second)) / (2 * n) if n else float("nan"),
            "negatives_first": n - sum(first), "negatives_second": n - sum(second)}


def label_scores(truth: pd.Series, pred: pd.Series, labels: list[str]) -> pd.DataFrame:
    """Per label (and micro-averaged over labels): agreement of predicted with gold label sets."""
    rows = []
    for label in labels:
        rows.append({"label": label, **binary_scores([label in t for t in truth], [label in p for p in pred])})
    micro_t = [label in t for label in labels for t in truth]
    micro_p = [label in p for label in labels for p in pred]
    rows.append({"label": "all (micro)", **binary_scores(micro_t, micro_p)})
    return pd.DataFrame(rows)


def misfits(table: pd.DataFrame, truth_col: str, pred_col: str) -> pd.DataFrame:
    """Rows where predicted and gold label sets differ, with what was missed and what was added."""
    out = table.copy()
    out["missed"] = [";".join(sorted(t - p)) for t, p in zip(out[truth_col], out[pred_col])]
    out["added"] = [";".join(sorted(p - t)) for t, p in zip(out[truth_col], out[pred_col])]
    return out[(out["missed"] != "") | (out["added"] != "")]


def categorical_agreement(truth: pd.Series, pred: pd.Series) -> dict[str, float]:
    """Accuracy, macro-averaged F1 and Cohen's kappa for one multi-class decision (e.g. tone classes)."""
    truth, pred = list(truth), list(pred)
    classes = sorted(set(truth) | set(pred))
    n = len(truth)
    observed = sum(t == p for t, p in zip(truth, pred)) / n
    expected = sum((truth.count(c) / n) * (pred.count(c) / n) for c in classes)
    f1s = [binary_scores([t == c for t in truth], [p == c for p in pred])["f1"] for c in classes]
    return {"n": n, "accuracy": observed, "macro_f1": sum(f1s) / len(f1s),
            "kappa": (observed - expected) / (1 - expected) if expected != 1 else float("nan")}


def confusion(truth: pd.Series, pred: pd.Series, name_truth: str = "hand", name_pred: str = "instrument"):
    """Cross-table of hand codes (rows) against instrument classes (columns)."""
    return pd.crosstab(pd.Series(list(truth), name=name_truth), pd.Series(list(pred), name=name_pred))


def cue_scores(gold_cues: pd.Series, found_cues: pd.Series) -> dict[str, float]:
    """Cue-level agreement: per sentence, the multisets of lower-cased cue strings are compared."""
    tp = fp = fn = 0
    for g, f in zip(gold_cues, found_cues):
        g, f = Counter(x.lower() for x in g), Counter(x.lower() for x in f)
        both = sum((g & f).values())
        tp, fp, fn = tp + both, fp + sum(f.values()) - both, fn + sum(g.values()) - both
    precision, recall, f1 = prf(tp, fp, fn)
    return {"gold": tp + fn, "found": tp + fp, "tp": tp, "fp": fp, "fn": fn, "precision": precision,
            "recall": recall, "f1": f1}


def cue_lists(values: pd.Series) -> pd.Series:
    """'may;could' -> ['may', 'could']; '' -> []."""
    return values.fillna("").map(lambda v: [x.strip() for x in str(v).split(";") if x.strip()])


def wilson_interval(successes: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a proportion (scipy's ``binomtest``); ``(nan, nan)`` when ``n`` is 0."""
    if n == 0:
        return float("nan"), float("nan")

    ci = binomtest(int(successes), int(n)).proportion_ci(confidence_level=level, method="wilson")
    return float(ci.low), float(ci.high)


def lexicon_agreement(scored: pd.DataFrame) -> pd.DataFrame:
    """Agreement of two tone lexicons per document: Pearson and Spearman correlation of VADER compound with
    Pattern polarity over sentences, the share of sentences the two put in the same class (±0.05 around zero,
    :func:`rhetoric.instruments.sentiment.vader_class`), the share Pattern scores exactly 0, and the mean Pattern
    subjectivity. One row per ``doc_id``, in order of first appearance."""
    def one(g: pd.DataFrame) -> pd.Series:
        return pd.Series({"pearson_r": g["vader_compound"].corr(g["pattern_polarity"]),
                          "spearman_rho": g["vader_compound"].corr(g["pattern_polarity"], method="spearman"),
                          "same_class": (vader_class(g["vader_compound"])
                                         == vader_class(g["pattern_polarity"])).mean(),
                          "pattern_zero": (g["pattern_polarity"] == 0).mean(),
                          "mean_subjectivity": g["pattern_subjectivity"].mean()})

    columns = ["vader_compound", "pattern_polarity", "pattern_subjectivity"]
    return scored.groupby("doc_id", sort=False)[columns].apply(one)
