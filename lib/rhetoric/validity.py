"""Each instrument against its hand-coded gold set (seeds only), in one place for notebooks 02-05.

Every function returns ``None`` when the gold set does not apply to the corpus (a corpus other than the
seeds), so a notebook can say so and skip the section.
"""
from __future__ import annotations

import pandas as pd

from . import frames, hedging, sentiment
from .agreement import (
    attach_gold,
    binary_scores,
    categorical_agreement,
    cue_lists,
    cue_scores,
    label_scores,
    read_gold,
    split_labels,
)


def frame_validation(sents: pd.DataFrame, toks: pd.DataFrame) -> dict | None:
    """Frames and Entman functions vs ``gold_frames.csv``: the joined table and the two score tables."""
    gold = attach_gold(read_gold("gold_frames.csv"), sents)
    if gold is None:
        return None
    counts = frames.frame_counts(sents, frames.frame_hits(toks))
    functions = frames.entman_functions(sents, frames.entman_hits(toks))
    keys = pd.MultiIndex.from_frame(sents[["doc_id", "sentence_id"]])
    pred_frames = pd.Series([{f for f in frames.frame_names() if row[f"frame_{f}"] > 0}
                             for _, row in counts.iterrows()], index=keys)
    pred_entman = pd.Series([{f for f in frames.ENTMAN_FUNCTIONS if row[f]} for _, row in functions.iterrows()],
                            index=keys)
    gkeys = list(zip(gold["doc_id"], gold["sentence_id"]))
    gold["gold_frames"] = split_labels(gold["frames"])
    gold["dict_frames"] = [pred_frames[k] for k in gkeys]
    gold["gold_entman"] = split_labels(gold["entman"])
    gold["dict_entman"] = [pred_entman[k] for k in gkeys]
    return {"table": gold,
            "frames": label_scores(gold["gold_frames"], gold["dict_frames"], frames.frame_names()),
            "entman": label_scores(gold["gold_entman"], gold["dict_entman"], frames.ENTMAN_FUNCTIONS)}


def tone_validation(sents: pd.DataFrame, scored: pd.DataFrame) -> dict | None:
    """VADER and Pattern vs ``gold_tone.csv``: correlations and three-class agreement, beside VADER's
    published figures on New York Times editorials."""
    gold = attach_gold(read_gold("gold_tone.csv"), sents)
    if gold is None:
        return None
    gold["tone"] = gold["tone"].astype(int)
    gold = gold.merge(scored[["doc_id", "sentence_id", "vader_compound", "pattern_polarity"]],
                      on=["doc_id", "sentence_id"])
    gold["hand_class"] = gold["tone"].map({1: "positive", 0: "neutral", -1: "negative"})
    gold["vader_class"] = sentiment.vader_class(gold["vader_compound"])
    published = sentiment.VADER_NYT
    check = pd.DataFrame([
        {"instrument": "VADER (this sample)", "pearson_r": gold["vader_compound"].corr(gold["tone"]),
         "spearman_rho": gold["vader_compound"].corr(gold["tone"], method="spearman"),
         **categorical_agreement(gold["hand_class"], gold["vader_class"])},
        {"instrument": "Pattern (this sample)", "pearson_r": gold["pattern_polarity"].corr(gold["tone"]),
         "spearman_rho": gold["pattern_polarity"].corr(gold["tone"], method="spearman"),
         **categorical_agreement(gold["hand_class"], sentiment.vader_class(gold["pattern_polarity"]))},
        {"instrument": "VADER, NYT editorials (published)", "pearson_r": published["r_vader"],
         "macro_f1": published["f1_vader"], "n": published["sentences"]},
        {"instrument": "one human rater, NYT (published)", "pearson_r": published["r_human"],
         "macro_f1": published["f1_human"], "n": published["sentences"]},
    ])
    return {"table": gold, "scores": check}


def hedge_validation(sents: pd.DataFrame, toks: pd.DataFrame) -> dict | None:
    """Hedges and boosters vs ``gold_hedges.csv`` (every seed sentence), with and without context rules:
    sentence-level and cue-level scores, and the final detector's misses and false alarms."""
    gold = attach_gold(read_gold("gold_hedges.csv"), sents)
    if gold is None:
        return None
    keys = list(zip(gold["doc_id"], gold["sentence_id"]))
    rows, errors = [], []
    for use_rules in (False, True):
        found = hedging.markers(toks, sents, use_rules=use_rules)
        for category, col in (("hedge", "hedges"), ("booster", "boosters")):
            cues = found[found["category"] == category].groupby(["doc_id", "sentence_id"])["matched"].agg(list)
            got = [cues.get(k, []) for k in keys]
            truth = cue_lists(gold[col])
            sent = binary_scores([len(t) > 0 for t in truth], [len(g) > 0 for g in got])
            cue = cue_scores(truth, got)
            rows.append({"detector": "with context rules" if use_rules else "word list only", "category": col,
                         "sentence_precision": sent["precision"], "sentence_recall": sent["recall"],
                         "sentence_f1": sent["f1"], "sentence_kappa": sent["kappa"],
                         "cue_precision": cue["precision"], "cue_recall": cue["recall"], "cue_f1": cue["f1"],
                         "gold_cues": cue["gold"], "found_cues": cue["found"]})
            if not use_rules:
                continue
            for k, t, g, note, text in zip(keys, truth, got, gold["note"], gold["text"]):
                t, g = sorted(x.lower() for x in t), sorted(x.lower() for x in g)
                if t != g:
                    errors.append({"doc_id": k[0], "sentence_id": k[1], "category": col,
                                   "missed": ", ".join(sorted(set(t) - set(g))),
                                   "false_alarm": ", ".join(sorted(set(g) - set(t))), "note": note, "text": text})
    return {"scores": pd.DataFrame(rows),
            "errors": pd.DataFrame(errors, columns=["doc_id", "sentence_id", "category", "missed", "false_alarm",
                                                    "note", "text"])}
