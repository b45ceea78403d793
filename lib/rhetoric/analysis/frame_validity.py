"""Human-coded validity of the frame dictionary, article by article: SemEval-2023 Task 3 Policy Frames.

Who coded: the trained human annotators of SemEval-2023 Task 3, subtask 2 (Piskorski, Stefanovitch, Da San
Martino & Nakov 2023, "SemEval-2023 Task 3: Detecting the Category, the Framing, and the Persuasion
Techniques in Online News in a Multi-lingual Setup"). Each article carries the Policy Frames Codebook
dimensions (Boydstun et al. 2014) they found in it, several per article; the labels are per article, not
per sentence. The data (230 English training articles, research use as the task's organisers released
them) are read in place from ``../shared/dev/semeval23-frames`` and never copied into the repository; only
derived statistics are written (``data/frame_validity_semeval.csv`` and ``.md``, by
``rhetoric_dev.semeval_frames``).

What is measured. The frozen dictionary (``data/frame_terms.csv``, unchanged here) runs through the
project's own pipeline: the per-sentence feature table (:func:`rhetoric.instruments.features.sentence_features`, the
article body after cleaning) and the registered per-article measure ``frame_<name>_share``
(:func:`rhetoric.analysis.aggregate.per_article`): the **share of an article's sentences with at least one hit** of
the frame. That continuous score is compared with the human label by ROC AUC; a binary decision "frame
present" is compared by precision, recall and F1. Only the 14 codebook dimensions have human labels; the
project's three international-relations frames (rivalry, diplomacy, energy) are not judged here.

The decision rule, declared before any result was seen (:data:`THRESHOLDS`, :data:`SPLIT_SALT`):

* the 230 articles are split in two halves by a fixed hash of the article id (SHA-256 of
  ``SPLIT_SALT + id``, even first byte: ``development``; odd: ``evaluation``). The salt keeps this split
  independent of the hash that made the 230 articles half of the SemEval training set;
* a frame is **present** when its share of sentences is at least ``k`` (``k = 0`` means at least one hit),
  with one ``k`` for all 14 frames, taken from :data:`THRESHOLDS`: the ``k`` with the highest macro-averaged F1
  over the 14 frames on the development half (ties: the smaller ``k``). Results are reported on both halves;
  the evaluation half is the one on which ``k`` was not chosen.

Intervals (95%): Wilson for per-frame precision and recall (:func:`rhetoric.analysis.agreement.wilson_interval`);
percentile bootstrap for F1 and AUC, stratified by the human label (positives and negatives resampled
separately, so every resample has both; :data:`N_BOOT` resamples, seeded from :data:`SEED`, the split and the
frame's position). Micro- and macro-averaged rows pool or average the 14 frames; their intervals come from a
bootstrap over articles (an article's frames stay together), since one article's 14 decisions are not
independent. AUC is the Mann-Whitney probability that a labelled article scores above an unlabelled one,
ties counting half (many articles have no hit at all, score 0).
"""
from __future__ import annotations

import hashlib
import re
import warnings

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from rhetoric.analysis.aggregate import per_article
from rhetoric.analysis.agreement import f1_score, prf, wilson_interval
from rhetoric.base.paths import DEV, data_file
from rhetoric.instruments import frames
from rhetoric.instruments.features import sentence_features
from rhetoric.instruments.registry import measures
from rhetoric.io.corpus import load_corpus
from rhetoric.io.wordlists import lexicon_path

#: Where the SemEval-2023 articles and labels are read (never copied into the repository).
SEMEVAL_DIR = DEV / "semeval23-frames"
#: The committed result table and its note (written by ``rhetoric_dev.semeval_frames``).
TABLE = "frame_validity_semeval.csv"
NOTE = "frame_validity_semeval.md"
#: The 14 SemEval-2023 Task 3 subtask 2 frame names, as its labels spell them.
SEMEVAL_FRAMES = [
    "Economic", "Capacity_and_resources", "Morality", "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence", "Policy_prescription_and_evaluation", "Crime_and_punishment",
    "Security_and_defense", "Health_and_safety", "Quality_of_life", "Cultural_identity", "Public_opinion",
    "Political", "External_regulation_and_reputation",
]
CITATION = ("SemEval-2023 Task 3, subtask 2 (Piskorski, Stefanovitch, Da San Martino & Nakov 2023), English "
            "training articles; research-use data as the task's organisers released them")

# --- Declared before any result was computed ------------------------------------------------------------
#: Salt of the hash that splits the articles into a development and an evaluation half.
SPLIT_SALT = "rhetoric frame validity split v1:"
SPLITS = ("development", "evaluation")
#: Candidate thresholds ``k`` on the share of sentences with a hit (0: at least one hit).
THRESHOLDS = (0.0, 0.02, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30)
#: How ``k`` is chosen on the development half.
CRITERION = "macro-averaged F1 over the 14 codebook frames on the development half; ties: the smaller k"
SEED = 20261206
N_BOOT = 2000
LEVEL = 0.95

COLUMNS = ["frame", "label", "semeval", "split", "n_articles", "n_positive", "n_predicted", "tp", "fp", "fn",
           "precision", "precision_low", "precision_high", "recall", "recall_low", "recall_high",
           "f1", "f1_low", "f1_high", "auc", "auc_low", "auc_high", "threshold", "rule", "dictionary"]
MICRO, MACRO = "all (micro)", "all (macro)"


#: The files whose content the table describes (their fingerprint is stored in every row).
DICTIONARY_FILES = ("frames.csv", "frame_terms.csv")


def dictionary_fingerprint() -> str:
    """First 16 hex digits of SHA-256 over the project's frame codebook and terms (:data:`DICTIONARY_FILES`):
    the committed table describes the dictionary with this fingerprint, and is stale under any other."""
    digest = hashlib.sha256()
    for name in DICTIONARY_FILES:
        digest.update(name.encode("utf-8") + b"\0" + data_file(name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _key(name: str) -> str:
    """A name reduced to lower-case letters and digits ('Security_and_defense' = 'Security and defense')."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def frame_map() -> dict[str, str]:
    """SemEval frame name -> the project's frame code, matched on the codebook's ``pfc_dimension``.

    Raises ``ValueError`` when a SemEval name has no dimension of that name (or more than one)."""
    book = frames.codebook()
    book = book[book["pfc_code"] != ""]
    by_key: dict[str, list[str]] = {}
    for code, dimension in zip(book["frame"], book["pfc_dimension"]):
        by_key.setdefault(_key(dimension), []).append(code)
    out = {}
    for name in SEMEVAL_FRAMES:
        found = by_key.get(_key(name), [])
        if len(found) != 1:
            raise ValueError(f"SemEval frame {name!r} matches {len(found)} codebook dimensions")
        out[name] = found[0]
    return out


def semeval_split_of(doc_id: str) -> str:
    """``development`` or ``evaluation``, by the first byte of SHA-256(:data:`SPLIT_SALT` + id)."""
    first = hashlib.sha256((SPLIT_SALT + doc_id).encode("utf-8")).digest()[0]
    return SPLITS[first % 2]


def load_labels(directory=None) -> pd.DataFrame:
    """The human labels, long: ``doc_id, split, frame, human`` (one row per article and codebook frame;
    ``human`` true when the annotators found the frame). Unknown frame names raise ``ValueError``."""
    directory = SEMEVAL_DIR if directory is None else directory
    raw = pd.read_csv(directory / "frames.csv", dtype=str, keep_default_na=False)
    mapping = frame_map()
    rows = []
    for doc_id, names in zip(raw["id"], raw["frames"]):
        found = {x.strip() for x in names.split(";") if x.strip()}
        unknown = found - set(mapping)
        if unknown:
            raise ValueError(f"{doc_id}: unknown SemEval frame(s) {sorted(unknown)}")
        coded = {mapping[x] for x in found}
        rows += [(doc_id, semeval_split_of(doc_id), f, f in coded) for f in mapping.values()]
    return pd.DataFrame(rows, columns=["doc_id", "split", "frame", "human"])


def article_scores(features: pd.DataFrame) -> pd.DataFrame:
    """Per article and codebook frame, from the per-sentence feature table: ``doc_id, frame, sentences,
    hits, share`` (``share``: the registered measure ``frame_<name>_share``, the share of sentences with a hit)."""
    codes = frames.pfc_frames()
    wanted = {f"frame_{f}_share": f for f in codes}
    table = per_article(features, [m for m in measures() if m.name in wanted])
    hits = features.groupby("doc_id", sort=False)[[f"frame_{f}" for f in codes]].sum()
    long = table.melt(id_vars=["doc_id", "sentences"], value_vars=list(wanted), var_name="measure",
                      value_name="share")
    long["frame"] = long["measure"].map(wanted)
    long["hits"] = [int(hits.at[d, f"frame_{f}"]) for d, f in zip(long["doc_id"], long["frame"])]
    return long[["doc_id", "frame", "sentences", "hits", "share"]]


def evaluation_data(directory=None) -> pd.DataFrame:
    """Labels joined to scores: ``doc_id, split, frame, human, sentences, hits, share`` for every article
    of the SemEval set and every codebook frame (the dictionary run through the project's feature table, with
    the Policy Frames family in force whatever the setting)."""
    directory = SEMEVAL_DIR if directory is None else directory
    labels = load_labels(directory)
    with frames.use_families(("policy",)):
        scores = article_scores(sentence_features(load_corpus(directory)))
    out = labels.merge(scores, on=["doc_id", "frame"], how="left", validate="one_to_one")
    if out["share"].isna().any():
        raise ValueError("some labelled articles have no sentences in the feature table")
    return out


def present(share, k: float):
    """The declared decision: the frame is present when its share of sentences is at least ``k`` and it
    has at least one hit (so ``k = 0`` means "at least one hit")."""
    share = np.asarray(share, dtype=float)
    return (share > 0) & (share >= k)


def rule_text(k: float) -> str:
    """The decision rule in words."""
    if k == 0:
        return "present if at least one sentence has a hit"
    return f"present if at least {k:.0%} of sentences have a hit"


def roc_auc(truth, score, axis: int = -1):
    """ROC AUC of ``score`` against binary ``truth``: the probability that a positive scores higher than a
    negative, ties counting half (Mann-Whitney U / (n_pos * n_neg), by mid-ranks). NaN without both classes.
    Works along ``axis`` for 2-D inputs (bootstrap resamples in rows)."""
    truth = np.asarray(truth, dtype=bool)
    score = np.asarray(score, dtype=float)
    if score.ndim == 1:
        n_pos, n = truth.sum(), truth.size
        if n_pos == 0 or n_pos == n:
            return float("nan")
        ranks = rankdata(score)
        return float((ranks[truth].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * (n - n_pos)))
    ranks = rankdata(score, axis=axis)
    n_pos = truth.sum(axis=axis).astype(float)
    n_neg = truth.shape[axis] - n_pos
    u = (ranks * truth).sum(axis=axis) - n_pos * (n_pos + 1) / 2
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where((n_pos > 0) & (n_neg > 0), u / np.where(n_pos * n_neg > 0, n_pos * n_neg, 1), np.nan)


def _percentile(values: np.ndarray, level: float = LEVEL) -> tuple[float, float]:
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    if not len(values):
        return float("nan"), float("nan")
    alpha = (1 - level) / 2
    return float(np.quantile(values, alpha)), float(np.quantile(values, 1 - alpha))


def frame_row(truth, share, k: float, rng: np.random.Generator, n_boot: int = N_BOOT) -> dict:
    """Scores of one frame on one set of articles: counts, precision and recall (Wilson), F1 and AUC with
    percentile intervals from a bootstrap stratified by the human label (``n_boot`` resamples from ``rng``)."""
    truth = np.asarray(truth, dtype=bool)
    share = np.asarray(share, dtype=float)
    pred = present(share, k)
    tp, fp, fn = int((truth & pred).sum()), int((~truth & pred).sum()), int((truth & ~pred).sum())
    precision, recall, f1 = prf(tp, fp, fn)
    pos, neg = np.flatnonzero(truth), np.flatnonzero(~truth)
    f1_ci = auc_ci = (float("nan"), float("nan"))
    if len(pos) and n_boot:
        bp = pos[rng.integers(0, len(pos), size=(n_boot, len(pos)))]
        bn = neg[rng.integers(0, len(neg), size=(n_boot, len(neg)))] if len(neg) else np.empty((n_boot, 0), int)
        b_tp = pred[bp].sum(axis=1)
        b_fp = pred[bn].sum(axis=1)
        f1_ci = _percentile(f1_score(b_tp, b_fp, len(pos) - b_tp))
        if len(neg):
            idx = np.concatenate([bp, bn], axis=1)
            auc_ci = _percentile(roc_auc(truth[idx], share[idx], axis=1))
    p_ci = wilson_interval(tp, tp + fp, LEVEL)
    r_ci = wilson_interval(tp, tp + fn, LEVEL)
    return {"n_articles": int(truth.size), "n_positive": int(truth.sum()), "n_predicted": int(pred.sum()),
            "tp": tp, "fp": fp, "fn": fn,
            "precision": precision, "precision_low": p_ci[0], "precision_high": p_ci[1],
            "recall": recall, "recall_low": r_ci[0], "recall_high": r_ci[1],
            "f1": f1, "f1_low": f1_ci[0], "f1_high": f1_ci[1],
            "auc": roc_auc(truth, share), "auc_low": auc_ci[0], "auc_high": auc_ci[1]}


def _wide(data: pd.DataFrame, codes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Articles x frames matrices of the human label and the share, in ``codes`` order."""
    truth = data.pivot(index="doc_id", columns="frame", values="human")[codes].to_numpy(dtype=bool)
    share = data.pivot(index="doc_id", columns="frame", values="share")[codes].to_numpy(dtype=float)
    return truth, share


def _averaged(truth: np.ndarray, pred: np.ndarray, share: np.ndarray) -> dict[str, dict[str, float]]:
    """Micro and macro P, R, F1 and AUC of articles x frames matrices (several resamples: a leading axis)."""
    tp = (truth & pred).sum(axis=-2).astype(float)
    fp = (~truth & pred).sum(axis=-2).astype(float)
    fn = (truth & ~pred).sum(axis=-2).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(tp + fp > 0, tp / np.where(tp + fp > 0, tp + fp, 1), np.nan)
        r = np.where(tp + fn > 0, tp / np.where(tp + fn > 0, tp + fn, 1), np.nan)
        f = f1_score(tp, fp, fn)
        mtp, mfp, mfn = tp.sum(axis=-1), fp.sum(axis=-1), fn.sum(axis=-1)
        micro = {"precision": mtp / (mtp + mfp), "recall": mtp / (mtp + mfn), "f1": f1_score(mtp, mfp, mfn)}
    auc = roc_auc(np.swapaxes(truth, -1, -2), np.swapaxes(share, -1, -2), axis=-1)
    lead = truth.shape[:-2]
    micro["auc"] = roc_auc(truth.reshape(*lead, -1), share.reshape(*lead, -1), axis=-1) if lead \
        else roc_auc(truth.ravel(), share.ravel())
    macro = {"precision": np.nanmean(p, axis=-1), "recall": np.nanmean(r, axis=-1), "f1": np.nanmean(f, axis=-1),
             "auc": np.nanmean(auc, axis=-1)}
    return {MICRO: micro, MACRO: macro}


def summary_rows(data: pd.DataFrame, k: float, rng: np.random.Generator, n_boot: int = N_BOOT) -> list[dict]:
    """Micro- and macro-averaged rows over the codebook frames, intervals by a bootstrap over articles."""
    codes = frames.pfc_frames()
    truth, share = _wide(data, codes)
    pred = present(share, k)
    point = _averaged(truth, pred, share)
    idx = rng.integers(0, len(truth), size=(n_boot, len(truth)))
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # nanmean of a resample lacking every positive
        boot = _averaged(truth[idx], pred[idx], share[idx])
    tp, fp, fn = int((truth & pred).sum()), int((~truth & pred).sum()), int((truth & ~pred).sum())
    rows = []
    for name in (MICRO, MACRO):
        row = {"frame": name, "label": name, "semeval": "", "n_articles": len(truth), "n_positive": int(truth.sum()),
               "n_predicted": int(pred.sum()), "tp": tp, "fp": fp, "fn": fn}
        for metric in ("precision", "recall", "f1", "auc"):
            low, high = _percentile(boot[name][metric])
            row.update({metric: float(point[name][metric]), f"{metric}_low": low, f"{metric}_high": high})
        rows.append(row)
    return rows


def _rng(seed: int, split: str, position: int) -> np.random.Generator:
    """The generator of one (split, frame) cell: seeded from ``seed``, the split's and the frame's positions."""
    return np.random.default_rng([seed, SPLITS.index(split), position])


def threshold_grid(data: pd.DataFrame, split: str = "development") -> pd.DataFrame:
    """Macro- and micro-averaged F1 over the codebook frames for every candidate ``k`` on one half."""
    codes = frames.pfc_frames()
    truth, share = _wide(data[data["split"] == split], codes)
    rows = []
    for k in THRESHOLDS:
        avg = _averaged(truth, present(share, k), share)
        rows.append({"threshold": k, "rule": rule_text(k), "macro_f1": float(avg[MACRO]["f1"]),
                     "micro_f1": float(avg[MICRO]["f1"]), "macro_recall": float(avg[MACRO]["recall"]),
                     "macro_precision": float(avg[MACRO]["precision"])})
    return pd.DataFrame(rows)


def choose_threshold(grid: pd.DataFrame) -> float:
    """The declared choice: highest macro F1, ties to the smaller ``k``."""
    best = grid["macro_f1"].max()
    return float(grid.loc[grid["macro_f1"] == best, "threshold"].min())


def validity(data: pd.DataFrame, *, seed: int = SEED, n_boot: int = N_BOOT) -> dict:
    """The whole procedure on labelled scores (:func:`evaluation_data`): ``grid`` (the development half's
    F1 for every candidate ``k``), ``threshold`` (the chosen ``k``) and ``table`` (one row per frame and half,
    then the micro and macro rows; :data:`COLUMNS`)."""
    grid = threshold_grid(data, "development")
    k = choose_threshold(grid)
    codes = frames.pfc_frames()
    labels = dict(zip(frames.codebook()["frame"], frames.codebook()["label"]))
    semeval = {code: name for name, code in frame_map().items()}
    rows = []
    for split in SPLITS:
        part = data[data["split"] == split]
        for position, code in enumerate(codes):
            cell = part[part["frame"] == code]
            row = frame_row(cell["human"], cell["share"], k, _rng(seed, split, position), n_boot)
            rows.append({"frame": code, "label": labels[code], "semeval": semeval[code], "split": split, **row})
        for row in summary_rows(part, k, _rng(seed, split, len(codes)), n_boot):
            rows.append({**row, "split": split})
    table = pd.DataFrame(rows)
    table["threshold"] = k
    table["rule"] = rule_text(k)
    table["dictionary"] = dictionary_fingerprint()
    return {"grid": grid, "threshold": k, "table": table[COLUMNS]}


def to_csv(table: pd.DataFrame) -> bytes:
    """The committed form of the table: four decimals, LF line ends, UTF-8."""
    return table.to_csv(index=False, float_format="%.4f", lineterminator="\n").encode("utf-8")


def read_csv(source) -> pd.DataFrame:
    """A table in the committed form (a path or a file-like object), numbers as numbers, text as text."""
    text = ["frame", "label", "semeval", "split", "rule", "dictionary"]
    return pd.read_csv(source, dtype={c: str for c in text}, keep_default_na=False,
                       na_values={c: [""] for c in COLUMNS if c not in text})


def semeval_table(split: str | None = "evaluation") -> pd.DataFrame:
    """The committed table (``data/frame_validity_semeval.csv``), numbers as numbers; one half only unless
    ``split`` is ``None``. What notebook 02 shows."""
    table = read_csv(data_file(TABLE))
    return table if split is None else table[table["split"] == split].reset_index(drop=True)


def failures(table: pd.DataFrame, below: float = 0.5) -> pd.DataFrame:
    """The frames whose recall (or precision) is below ``below``: where the dictionary misses or misfires."""
    per_frame = table[~table["frame"].isin([MICRO, MACRO])]
    bad = per_frame[(per_frame["recall"] < below) | (per_frame["precision"] < below)]
    return bad[["frame", "label", "split", "n_positive", "precision", "recall", "f1", "auc"]].reset_index(drop=True)


def committed() -> bool:
    """Whether the result table is in the package."""
    return data_file(TABLE).is_file()


# --- For the notebooks and the validity table ---------------------------------------------------------------

def applies() -> bool:
    """Whether the frame lists in use are the project's: a corpus that brings its own ``frames.csv`` or
    ``frame_terms.csv`` is measured by another dictionary, which this table does not describe."""
    return all(lexicon_path(name) == data_file(name) for name in DICTIONARY_FILES)


def current(table: pd.DataFrame | None = None) -> bool:
    """Whether the committed table was computed with the dictionary as it is now (same fingerprint)."""
    table = semeval_table(None) if table is None else table
    return bool((table["dictionary"] == dictionary_fingerprint()).all())


def _with_interval(table: pd.DataFrame, metric: str) -> pd.Series:
    def fmt(x):
        return "–" if pd.isna(x) else f"{x:.2f}"
    return pd.Series([f"{fmt(v)} [{fmt(lo)}, {fmt(hi)}]" for v, lo, hi in
                      zip(table[metric], table[f"{metric}_low"], table[f"{metric}_high"])], index=table.index)


def report_table(split: str = "evaluation") -> pd.DataFrame:
    """One half of the committed table as a reader sees it: per codebook frame (then micro and macro), the
    articles the coders labelled, those the rule marks, and precision, recall, F1 and ROC AUC with their
    95% intervals."""
    table = semeval_table(split)
    return pd.DataFrame({
        "frame": table["label"],
        "labelled by coders": table["n_positive"],
        "marked by dictionary": table["n_predicted"],
        "precision": _with_interval(table, "precision"),
        "recall": _with_interval(table, "recall"),
        "F1": _with_interval(table, "f1"),
        "ROC AUC": _with_interval(table, "auc"),
    })


def summary(split: str = "evaluation", below: float = 0.5) -> str:
    """A Markdown paragraph on one half of the committed table: who coded, the rule, the averages and the
    frames whose recall or precision falls below ``below`` (every number read from the table)."""
    table = semeval_table(split)
    per_frame = table[~table["frame"].isin([MICRO, MACRO])]
    macro = table[table["frame"] == MACRO].iloc[0]
    micro = table[table["frame"] == MICRO].iloc[0]
    low = per_frame[per_frame["recall"] < below].sort_values("recall", kind="mergesort")
    missed = "; ".join(f"{r.label} {r.recall:.2f} ({r.tp} of {r.n_positive})" for r in low.itertuples())
    weak = per_frame[per_frame["auc_low"] < 0.5]
    text = (f"Against the frames that trained human annotators (SemEval-2023 Task 3; Piskorski et al. 2023) found "
            f"in {int(macro.n_articles)} news articles ({split} half; rule: {table['rule'].iloc[0]}), the "
            f"dictionary reaches macro-averaged precision {macro.precision:.2f}, recall {macro.recall:.2f} "
            f"[{macro.recall_low:.2f}, {macro.recall_high:.2f}], F1 {macro.f1:.2f} and ROC AUC {macro.auc:.2f} "
            f"[{macro.auc_low:.2f}, {macro.auc_high:.2f}] (micro: precision {micro.precision:.2f}, recall "
            f"{micro.recall:.2f}, F1 {micro.f1:.2f}).")
    text += (f" **Recall below {below:g}:** {missed}." if missed else f" Every frame's recall is at least {below:g}.")
    imprecise = per_frame[per_frame["precision"] < below].sort_values("precision", kind="mergesort")
    wrong = "; ".join(f"{r.label} {r.precision:.2f} ({r.tp} of {r.n_predicted} articles it marks)"
                      for r in imprecise.itertuples())
    text += (f" **Precision below {below:g}:** {wrong}." if wrong
             else f" Every frame's precision is at least {below:g}.")
    if len(weak):
        text += (" The score does not reliably separate labelled from unlabelled articles (AUC interval reaching "
                 "below 0.5) for " + ", ".join(weak["label"]) + ".")
    if not current(table):
        text += (" *The frame dictionary has changed since this table was computed: rerun "
                 "`rhetoric_dev.semeval_frames`.*")
    return text

