"""Each instrument against its gold set (seeds only; coded by a language model during development), in one
place for notebooks 02-05.

Every function returns ``None`` when the gold set does not apply to the corpus (a corpus other than the
seeds), so a notebook can say so and skip the section.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import norm

from rhetoric.analysis.agreement import (
    attach_gold,
    binary_scores,
    categorical_agreement,
    cue_lists,
    cue_scores,
    label_scores,
    rater_agreement,
    read_gold,
    split_labels,
)
from rhetoric.analysis.devsample import precision
from rhetoric.base.paths import data_file
from rhetoric.instruments import argument, frames, hedging, sentiment
from rhetoric.io.wordlists import read_table


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
    n = len(gold)
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
    intervals = [fisher_interval(r, int(k) if k == k else n) for r, k in zip(check["pearson_r"], check["n"])]
    check.insert(2, "r_low", [i[0] for i in intervals])
    check.insert(3, "r_high", [i[1] for i in intervals])
    return {"table": gold, "scores": check}


#: The detector the feature table uses (hedges: the uncertainty model; boosters: Hyland's list with rules).
USED_DETECTOR = "used: uncertainty detector for hedges, Hyland list with rules for boosters"


def hedge_validation(sents: pd.DataFrame, toks: pd.DataFrame) -> dict | None:
    """Hedges and boosters vs ``gold_hedges.csv`` (every seed sentence), with and without context rules:
    sentence-level and cue-level scores, and the final detector's misses and false alarms."""
    gold = attach_gold(read_gold("gold_hedges.csv"), sents)
    if gold is None:
        return None
    keys = list(zip(gold["doc_id"], gold["sentence_id"]))
    rows, errors = [], []
    detectors = [(False, "lexicon", "Hyland word list only"), (True, "lexicon", "Hyland list with context rules"),
                 (True, "detector", USED_DETECTOR)]
    for use_rules, hedges, detector in detectors:
        found = hedging.markers(toks, sents, use_rules=use_rules, hedges=hedges)
        for category, col in (("hedge", "hedges"), ("booster", "boosters")):
            cues = found[found["category"] == category].groupby(["doc_id", "sentence_id"])["matched"].agg(list)
            got = [cues.get(k, []) for k in keys]
            truth = cue_lists(gold[col])
            sent = binary_scores([len(t) > 0 for t in truth], [len(g) > 0 for g in got])
            cue = cue_scores(truth, got)
            rows.append({"detector": detector, "category": col,
                         "sentence_precision": sent["precision"], "sentence_recall": sent["recall"],
                         "sentence_f1": sent["f1"], "sentence_kappa": sent["kappa"],
                         "cue_precision": cue["precision"], "cue_recall": cue["recall"], "cue_f1": cue["f1"],
                         "gold_cues": cue["gold"], "found_cues": cue["found"]})
            if detector != USED_DETECTOR:
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


# --- Out-of-seed evidence: what the committed audit and development files say, on any corpus -------------

#: Held-out precision audits (``data/audit_<name>.csv``): hits drawn from the benchmark's audit half, judged by
#: coders who did not build the instrument. Registry instrument -> (audit file, categories it covers or None).
AUDITS = {
    "frames": ("audit_frames.csv", None),
    "entman": ("audit_entman.csv", None),
    "hedges": ("audit_hedges.csv", None),
    "boosters": ("audit_boosters.csv", None),
    "metadiscourse": ("audit_metadiscourse.csv", None),
    "argument": ("audit_argument.csv", None),
}
#: The sample seed of the first held-out audit's draw (``rhetoric_dev.dictionaries``, ``QUEUE_DRAW_SEED``).
FIRST_AUDIT_SEED = 404
#: The seed of the re-audit's top-up draw (``rhetoric_dev.reaudit``): hits of the revised instruments not yet
#: audited, coded by one automated run.
REAUDIT_SEED = 606
#: The seed of the refill draw (``rhetoric_dev.reaudit``): where rows retired by a later change of a word list
#: leave a category fewer current rows than the re-audit's minimum (5, or all its current hits), the missing
#: ones drawn from current hits not yet audited, coded by one automated run.
REFILL_SEED = 707
#: A second, independent automated coding run's labels on a seeded subset of every audit (rows keyed like the
#: audit files).
SECOND_CODER = "audit_second_coder.csv"
#: Who coded the held-out audits, as every statement citing them says it (``audits.md``).
AUDIT_CODERS = "automated coding by a language model"
#: Who coded the seeds' gold sets (``gold_*.csv``, ``gold_codebook.md``), as every statement citing them says it.
SEED_GOLD_CODERS = ("coded by a language model during development (automated coding, by the one that built the "
                    "instruments; no second coder)")
#: The instrument names the audit queue used where they differ from the registry's.
AUDIT_NAMES = {"argument": "markers"}
#: Published validity (Hutto & Gilbert 2014, NYT opinion editorials; VADER against mean human rating).
PUBLISHED = {"vader": ("VADER on 5,190 sentences of NYT opinion editorials (Hutto & Gilbert 2014)", "pearson r",
                       sentiment.VADER_NYT["r_vader"], 5190)}
#: How the evidence table names a held-out audit: the first audit, or its re-audit for the revised word lists
#: (seed-read terms re-derived on development text or dropped; ``audits.md``).
AUDIT_EVIDENCE = {False: "held-out precision audit (benchmark, audit half)",
                  True: "held-out precision re-audit of the revised word lists (benchmark, audit half)"}
EVIDENCE_COLUMNS = ["instrument", "evidence", "category", "metric", "value", "ci_low", "ci_high", "n",
                    "outside_study_texts"]


def audit_table(name: str) -> pd.DataFrame | None:
    """A committed audit gold file, or ``None`` when it does not exist."""
    return read_table(name) if data_file(name).is_file() else None


def audit_rows(instrument: str, which: str = "current") -> pd.DataFrame | None:
    """The audited hits of an instrument: ``which`` is ``"current"`` (the rows precision is computed from:
    in a re-audited file, the rows marked ``current == "yes"``, first audit and top-up), ``"original"`` (the
    first audit's rows, all of them, as first computed) or ``"still current"`` (the first audit's rows that are
    still hits of the current instruments). A file without the ``current`` column is used whole."""
    if instrument not in AUDITS or which not in ("current", "original", "still current"):
        raise ValueError(f"unknown instrument {instrument!r} or rows {which!r}")
    file, categories = AUDITS[instrument]
    gold = audit_table(file)
    if gold is None:
        return None
    if categories is not None:
        gold = gold[gold["category"].isin(categories)]
    if "current" not in gold.columns:
        return gold
    first = gold["sample_seed"].astype(int) == FIRST_AUDIT_SEED
    keep = {"current": gold["current"] == "yes", "original": first,
            "still current": first & (gold["current"] == "yes")}[which]
    return gold[keep].reset_index(drop=True)


def reaudited(instrument: str) -> bool:
    """Whether the instrument's audit was re-done for the revised word lists (its file has ``current``)."""
    gold = audit_table(AUDITS[instrument][0]) if instrument in AUDITS else None
    return gold is not None and "current" in gold.columns


def audit_precision(instrument: str, which: str = "current") -> pd.DataFrame | None:
    """Hit precision of an instrument in its held-out audit, per category and overall (Wilson 95% CI), over
    the rows :func:`audit_rows` names (by default those of the current instruments)."""
    if instrument not in AUDITS:
        return None
    gold = audit_rows(instrument, which)
    return precision(gold) if gold is not None and len(gold) else None


def current_finder(instrument: str):
    """The hit finder ``find(sents, toks)`` of a re-audited instrument as the feature table counts it (context
    rules, vetoes, the writer's-voice rule; argument markers' proposal and verdict in the writer's voice only),
    returning hits with a ``category`` column (the same finders as :mod:`rhetoric.analysis.audit`)."""
    def metadiscourse(sents, toks):
        hits = hedging.markers(toks, sents)
        return hits[hits["category"].isin(["attitude", "self_mention", "engagement"])].reset_index(drop=True)

    return {"frames": lambda sents, toks: frames.frame_hits(toks).rename(columns={"frame": "category"}),
            "entman": lambda sents, toks: frames.entman_hits(toks).rename(columns={"function": "category"}),
            "metadiscourse": metadiscourse,
            "argument": lambda sents, toks: argument.marker_hits(toks, sents)}[instrument]


def reaudit_table() -> pd.DataFrame:
    """Before and after the re-audit of the revised word lists, per re-audited instrument and category: the
    first audit's precision over all its rows, over its rows still current, and over the current rows with
    the seeded top-up (each with a Wilson 95% interval), and how many rows left and were added."""
    rows = []
    for instrument in AUDITS:
        if not reaudited(instrument):
            continue
        tables = {which: audit_precision(instrument, which) for which in ("original", "still current", "current")}
        gold = audit_table(AUDITS[instrument][0])
        cats = list(dict.fromkeys([*tables["original"]["category"], *tables["current"]["category"]]))
        for cat in cats:
            part = gold if cat == "all" else gold[gold["category"] == cat]
            first = part["sample_seed"].astype(int) == FIRST_AUDIT_SEED
            row = {"instrument": instrument, "category": cat, "left": int((first & (part["current"] != "yes")).sum()),
                   "added": int((~first & (part["current"] == "yes")).sum())}
            for which, prefix in (("original", "first"), ("still current", "still_current"), ("current", "reaudit")):
                t = tables[which]
                r = t[t["category"] == cat] if t is not None else t
                has = r is not None and len(r)
                row[f"{prefix}_n"] = int(r["hits_checked"].iloc[0]) if has else 0
                for col in ("precision", "ci_low", "ci_high"):
                    row[f"{prefix}_{'precision' if col == 'precision' else col.replace('ci_', '')}"] = (
                        float(r[col].iloc[0]) if has else float("nan"))
            rows.append(row)
    return pd.DataFrame(rows)


def coder_agreement() -> pd.DataFrame | None:
    """Agreement between the two automated coding runs on the doubly coded audit hits: per instrument, the
    hits both runs coded, percent agreement, Cohen's kappa with the prevalence of "right" and the negatives
    each run gave, and Gwet's AC1 (:func:`rhetoric.analysis.agreement.rater_agreement`); ``None`` until the
    second run's file is committed. This is agreement between two runs of one kind of automated coder, not
    inter-coder reliability between trained people."""
    second = audit_table(SECOND_CODER)
    if second is None:
        return None
    rows = []
    for instrument, (file, _) in AUDITS.items():
        first = audit_table(file)
        mine = second[second["instrument"] == AUDIT_NAMES.get(instrument, instrument)]
        if first is None or mine.empty:
            continue
        both = mine.merge(first, on=["doc_id", "start", "end"], suffixes=("_2", "_1"))
        if both.empty:
            continue
        a, b = both["label_1"].astype(int) == 1, both["label_2"].astype(int) == 1
        scores = rater_agreement(list(a), list(b))
        rows.append({"instrument": instrument, "hits_coded_twice": scores["n"],
                     "percent_agreement": scores["percent_agreement"], "kappa": scores["kappa"],
                     "gwet_ac1": scores["ac1"], "prevalence": scores["prevalence"],
                     "negatives_first_run": scores["negatives_first"],
                     "negatives_second_run": scores["negatives_second"],
                     "first_run": both["coder_1"].iloc[0], "second_run": both["coder_2"].iloc[0]})
    return pd.DataFrame(rows)


def agreement_note(instrument: str) -> str:
    """How the audit of ``instrument`` was coded and how far the two automated runs agree, for a statement
    citing the audit ('' when there is no second run for it)."""
    table = coder_agreement()
    if table is None or instrument not in set(table["instrument"]):
        return ""
    r = table.set_index("instrument").loc[instrument]
    return (f"agreement between two independent automated runs on {int(r.hits_coded_twice)} hits: kappa "
            f"{r.kappa:.2f} with {int(r.negatives_first_run)} and {int(r.negatives_second_run)} negatives, "
            f"prevalence {r.prevalence:.2f}; Gwet's AC1 {r.gwet_ac1:.2f}")


def fisher_interval(r: float, n: int, level: float = 0.95) -> tuple[float, float]:
    """Confidence interval of a Pearson correlation by Fisher's z transformation."""
    if n <= 3 or not np.isfinite(r):
        return float("nan"), float("nan")
    z, half = np.arctanh(r), norm.ppf(0.5 + level / 2) / np.sqrt(n - 3)
    return float(np.tanh(z - half)), float(np.tanh(z + half))


def crossgenre_table() -> pd.DataFrame | None:
    """The hedge detector's cross-genre evaluation on the Szeged Uncertainty Corpus (committed table)."""
    table = audit_table("hedge_crossgenre.csv")
    if table is None:
        return None
    for col in ("precision", "recall", "f1", "f1_low", "f1_high", "precision_low", "precision_high",
                "recall_low", "recall_high"):
        if col in table.columns:
            table[col] = pd.to_numeric(table[col], errors="coerce")
    return table


def instrument_evidence() -> pd.DataFrame:
    """Every piece of out-of-seed evidence the project holds, one row per instrument, source and category."""
    rows = []
    for instrument in AUDITS:
        table = audit_precision(instrument)
        if table is None:
            continue
        for r in table.itertuples(index=False):
            rows.append({"instrument": instrument, "evidence": AUDIT_EVIDENCE[reaudited(instrument)],
                         "category": r.category, "metric": "hit precision", "value": r.precision,
                         "ci_low": r.ci_low, "ci_high": r.ci_high, "n": r.hits_checked, "outside_study_texts": True})
    cross = crossgenre_table()
    if cross is not None:
        kept = cross[(cross.get("kept", "") == "yes") & (cross["scheme"] == "leave-one-genre-out")]
        for r in kept.itertuples(index=False):
            rows.append({"instrument": "hedges", "evidence": "Szeged Uncertainty Corpus, leave-one-genre-out",
                         "category": r.test_genre, "metric": "sentence F1", "value": r.f1, "ci_low": r.f1_low,
                         "ci_high": r.f1_high, "n": pd.to_numeric(r.n_sentences, errors="coerce"),
                         "outside_study_texts": True})
    for instrument, (evidence, metric, value, n) in PUBLISHED.items():
        low, high = fisher_interval(value, n)
        rows.append({"instrument": instrument, "evidence": evidence, "category": "all", "metric": metric,
                     "value": value, "ci_low": low, "ci_high": high, "n": n, "outside_study_texts": True})
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def validity_note(instrument: str, evidence: pd.DataFrame | None = None) -> str:
    """A short statement of an instrument's out-of-seed validity for a finding that rests on it ('' if none)."""
    evidence = instrument_evidence() if evidence is None else evidence
    part = evidence[evidence["instrument"] == instrument]
    if part.empty:
        return f"{instrument}: no validation outside the study texts"
    overall = part[part["category"].isin(["all", "macro mean (4 genres)"])]
    if instrument == "hedges" and (part["metric"] == "sentence F1").any():
        f1 = part[part["metric"] == "sentence F1"]
        text = (f"hedge detector: cross-genre sentence F1 {f1['value'].min():.2f}-{f1['value'].max():.2f} "
                f"(Szeged, leave-one-genre-out)")
        audit = part[(part["metric"] == "hit precision") & (part["category"] == "all")]
        if len(audit):
            a = audit.iloc[0]
            text += (f"; hit precision in held-out news {a.value:.2f} [{a.ci_low:.2f}, {a.ci_high:.2f}], "
                     f"{AUDIT_CODERS}{_kappa('hedges')}")
        return text
    row = (overall if len(overall) else part).iloc[0]
    if row.metric == "hit precision":
        kappa = _kappa(instrument)
        return (f"{instrument}: hit precision {row.value:.2f} [{row.ci_low:.2f}, {row.ci_high:.2f}] on {int(row.n)} "
                f"hits in held-out news, {AUDIT_CODERS}{kappa}")
    return f"{instrument}: {row.metric} {row.value:.2f} [{row.ci_low:.2f}, {row.ci_high:.2f}], {row.evidence}"


def _kappa(instrument: str) -> str:
    note = agreement_note(instrument)
    return f" ({note})" if note else ""


def validated_out_of_seed(instrument: str, evidence: pd.DataFrame | None = None) -> bool:
    """Whether the instrument has any out-of-seed evidence (audit, annotated corpus or published figure)."""
    evidence = instrument_evidence() if evidence is None else evidence
    return bool((evidence["instrument"] == instrument).any())


#: A measure can carry a finding when the lower bound of its held-out hit precision reaches this.
MIN_PRECISION_LOW = 0.5
_CATEGORY_OF_COLUMN = {"hedges": "hedge", "boosters": "booster", "attitude_markers": "attitude",
                       "self_mentions": "self_mention", "engagement_markers": "engagement"}


def audit_category(measure) -> str | None:
    """The audit category a registered measure's column corresponds to (a frame, a function, a marker)."""
    column = measure.column or ""
    for prefix in ("frame_", "entman_"):
        if column.startswith(prefix):
            return column[len(prefix):]
    return _CATEGORY_OF_COLUMN.get(column, column or None)


def measure_evidence(measure, evidence: pd.DataFrame | None = None) -> pd.Series | None:
    """The held-out audit row for a measure's own category (else its instrument's overall row), or None."""
    evidence = instrument_evidence() if evidence is None else evidence
    part = evidence[(evidence["instrument"] == measure.instrument) & (evidence["metric"] == "hit precision")]
    if part.empty:
        return None
    own = part[part["category"] == audit_category(measure)]
    return (own if len(own) else part[part["category"] == "all"]).iloc[0]


def measure_note(measure, evidence: pd.DataFrame | None = None) -> str:
    """:func:`validity_note` for a measure, naming its own category's precision where it was audited."""
    if measure.family in ("size", "readability") or measure.instrument in ("tokens", ""):
        return ""  # a count or a formula: nothing to validate
    row = measure_evidence(measure, evidence)
    base = validity_note(measure.instrument, evidence)
    if row is None or row.category in ("all",) or measure.instrument == "hedges":
        return base
    return (f"{base}; for {row.category}: {row.value:.2f} [{row.ci_low:.2f}, {row.ci_high:.2f}] on {int(row.n)} "
            "hits")


def measure_validated(measure, evidence: pd.DataFrame | None = None) -> bool:
    """Whether a measure can carry a finding: a plain count or formula; or an instrument with evidence outside
    the study texts, whose held-out hit precision (for the measure's own category where audited) has a 95%
    lower bound of at least :data:`MIN_PRECISION_LOW`."""
    if measure.family in ("size", "readability") or measure.instrument in ("tokens", ""):
        return True
    evidence = instrument_evidence() if evidence is None else evidence
    if not validated_out_of_seed(measure.instrument, evidence):
        return False
    row = measure_evidence(measure, evidence)
    return row is None or float(row.ci_low) >= MIN_PRECISION_LOW


def validation_failure(measure, evidence: pd.DataFrame | None = None) -> str | None:
    """Why a measure cannot carry a finding (``None`` when it can, by :func:`measure_validated`): the check its
    instrument failed and by how much, e.g. 'verdict: held-out hit precision 0.20 [0.04, 0.62] on 5 hits, lower
    bound 0.04 below the 0.5 cut'."""
    if measure_validated(measure, evidence):
        return None
    evidence = instrument_evidence() if evidence is None else evidence
    if not validated_out_of_seed(measure.instrument, evidence):
        return f"{measure.instrument or measure.name}: no validation outside the study texts"
    row = measure_evidence(measure, evidence)
    return (f"{row.category}: held-out hit precision {row.value:.2f} [{row.ci_low:.2f}, {row.ci_high:.2f}] on "
            f"{int(row.n)} hits, lower bound {row.ci_low:.2f} below the {MIN_PRECISION_LOW} cut")
