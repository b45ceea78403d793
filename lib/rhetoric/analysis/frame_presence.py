"""Frame presence per article and its calibration evidence on people's codes (for notebook 02 and the verdict rule).

Three things a framing study reports from, each from committed tables or the per-article measures:

* :func:`presence_table` (a): per article and frame, the calibrated score and the present/absent decision
  (:mod:`rhetoric.instruments.presence`; the registered measures ``<frame>_score`` / ``<frame>_present`` of the
  families in force), beside the share of sentences with a hit;
* :func:`evidence` and :func:`report_table` (b): per frame, cross-validated on human-coded development articles
  (``data/frame_presence_evaluation.csv``, written by ``rhetoric_dev.frame_presence``): the tool's prevalence
  beside the coders', the prevalence bias, precision, recall, F1 and ROC AUC, each with a 95% interval, for the
  instrument before and after calibration;
* :func:`passed` (c): whether each frame passed on human-coded data by the declared :data:`PASS_RULE` (what
  :func:`rhetoric.report.findings.judge` can use to qualify a finding): its cross-validated ROC AUC has a 95%
  lower bound above :data:`MIN_AUC_LOW` and its prevalence bias is at most :data:`MAX_BIAS` percentage points.
  Frames without human-coded articles (the international-relations frames) have no verdict (``None``).

Who coded: the trained annotators of SemEval-2023 Task 3 (Piskorski et al. 2023; Policy Frames) and of the
Narrative Frames Corpus (Frermann et al. 2023; generic frames), on the halves of those sets given for
development; the other halves judge the instrument without anyone developing it seeing them.
"""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from rhetoric.analysis.aggregate import per_article
from rhetoric.base.paths import data_file
from rhetoric.instruments import frames, generic_frames, presence
from rhetoric.instruments.registry import measures

#: The committed evidence (``rhetoric_dev.frame_presence``).
EVALUATION = "frame_presence_evaluation.csv"
#: The declared pass rule.
MIN_AUC_LOW = 0.5
MAX_BIAS = 10.0
PASS_RULE = (f"passed on human-coded data when the cross-validated ROC AUC has a 95% lower bound above {MIN_AUC_LOW:g} "
             f"and the prevalence bias is at most {MAX_BIAS:g} percentage points")
#: The issue's targets (issue 34), for the report: each generic frame's ROC AUC, the Policy Frames' macro AUC,
#: and every frame's prevalence bias.
TARGETS = {"generic_auc": 0.75, "policy_macro_auc": 0.78, "bias": 10.0}
MACRO = "all (macro)"
#: The data files each family's models and evidence describe (their fingerprint is stored).
DICTIONARY_FILES = {"policy": ("frames.csv", "frame_terms.csv"),
                    "generic": ("generic_frames.csv", "generic_frame_terms.csv")}
TEXT = ("family", "frame", "label", "version", "data", "unit", "rule", "dictionary")


def dictionary_fingerprint(family: str) -> str:
    """First 16 hex digits of SHA-256 over the family's dictionary files (:data:`DICTIONARY_FILES`)."""
    digest = hashlib.sha256()
    for name in DICTIONARY_FILES[family]:
        digest.update(name.encode("utf-8") + b"\0" + data_file(name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def evidence(version: str | None = "after", family: str | None = None) -> pd.DataFrame:
    """The committed evidence (one row per family, frame and version, then each family's macro row), numbers as
    numbers; one version and/or family only when given."""
    table = pd.read_csv(data_file(EVALUATION), dtype={c: str for c in TEXT}, keep_default_na=False,
                        na_values={c: [""] for c in pd.read_csv(data_file(EVALUATION), nrows=0).columns
                                   if c not in TEXT})
    if version is not None:
        table = table[table["version"] == version]
    if family is not None:
        table = table[table["family"] == family]
    return table.reset_index(drop=True)


def current() -> bool:
    """Whether the committed models and evidence describe the dictionaries as they are now (fingerprints)."""
    models = presence.table()
    after = evidence("after")
    for family in DICTIONARY_FILES:
        fp = dictionary_fingerprint(family)
        if not (models.loc[models["family"] == family, "dictionary"] == fp).all():
            return False
        if not (after.loc[after["family"] == family, "dictionary"] == fp).all():
            return False
    return True


def column_of(family: str, frame: str) -> str:
    """The feature-table column of a frame."""
    return generic_frames.column(frame) if family == "generic" else f"frame_{frame}"


def passed() -> pd.DataFrame:
    """Per calibrated frame, by :data:`PASS_RULE`: ``family, frame, column, label, passed, reason`` (the reason
    names the figures it rests on)."""
    rows = []
    for r in evidence("after").itertuples(index=False):
        if r.frame == MACRO:
            continue
        auc_ok = bool(r.auc_low > MIN_AUC_LOW)
        bias_ok = bool(abs(r.prevalence_bias) <= MAX_BIAS)
        figures = (f"cross-validated ROC AUC {r.auc:.2f} [{r.auc_low:.2f}, {r.auc_high:.2f}], prevalence "
                   f"{100 * r.tool_prevalence:.0f}% against the coders' {100 * r.coders_prevalence:.0f}% "
                   f"({r.prevalence_bias:+.1f} points), on {r.n_articles} human-coded articles")
        if auc_ok and bias_ok:
            reason = f"passed: {figures}"
        else:
            failed = [x for x, ok in (("the AUC's lower bound is not above 0.5", auc_ok),
                                      (f"the prevalence bias exceeds {MAX_BIAS:g} points", bias_ok)) if not ok]
            reason = f"failed ({'; '.join(failed)}): {figures}"
        rows.append({"family": r.family, "frame": r.frame, "column": column_of(r.family, r.frame), "label": r.label,
                     "passed": auc_ok and bias_ok, "reason": reason})
    return pd.DataFrame(rows, columns=["family", "frame", "column", "label", "passed", "reason"])


def frame_passed(column: str) -> bool | None:
    """Whether the frame of a feature-table column (``frame_security``, ``generic_conflict``) passed on
    human-coded data; ``None`` when it has no human-coded evidence (the international-relations frames)."""
    table = passed()
    hit = table[table["column"] == column]
    return None if hit.empty else bool(hit["passed"].iloc[0])


def failure_reason(column: str) -> str | None:
    """Why the frame of a feature-table column failed on human-coded data (:data:`PASS_RULE`, in words with the
    figures), or ``None`` when it passed or has no human-coded evidence (:func:`frame_passed`)."""
    if frame_passed(column) is not False:
        return None
    table = passed()
    return str(table.loc[table["column"] == column, "reason"].iloc[0])


def presence_table(features: pd.DataFrame) -> pd.DataFrame:
    """(a) Per article and calibrated frame in force: ``doc_id, family, frame, label, share, score, present``
    (``share``: of sentences with a hit), from the feature table through the registered measures."""
    wanted = [m for m in measures() if m.aggregation in ("presence_score", "presence", "share")
              and (m.column.startswith(("frame_", generic_frames.PREFIX))) and m.column in features.columns]
    calibrated = {m.column for m in wanted if m.aggregation == "presence"}
    wanted = [m for m in wanted if m.column in calibrated]
    table = per_article(features, wanted, size=False)
    labels = {**frames.frame_labels(), **generic_frames.frame_labels()}
    models = presence.models()
    rows = []
    for column in dict.fromkeys(m.column for m in wanted):
        model = models[column]
        rows.append(pd.DataFrame({"doc_id": table["doc_id"], "family": model.family, "frame": model.frame,
                                  "label": labels[model.frame], "share": table[f"{column}_share"],
                                  "score": table[f"{column}_score"],
                                  "present": table[f"{column}_present"].astype(bool)}))
    if not rows:
        return pd.DataFrame(columns=["doc_id", "family", "frame", "label", "share", "score", "present"])
    return pd.concat(rows, ignore_index=True)


def _ci(value, low, high, digits: int = 2, scale: float = 1.0, signed: bool = False) -> str:
    def fmt(x):
        if pd.isna(x):
            return "–"
        return f"{scale * x:+.{digits}f}" if signed else f"{scale * x:.{digits}f}"
    return f"{fmt(value)} [{fmt(low)}, {fmt(high)}]"


def report_table(family: str, version: str = "after") -> pd.DataFrame:
    """(b) One family's evidence as a reader sees it: per frame (then the macro row), coders' and tool's
    prevalence, the bias in points, precision, recall, F1 and ROC AUC with 95% intervals, and (after) whether it
    passed."""
    table = evidence(version, family)
    verdict = None
    if version == "after":
        verdict = passed()
        verdict = verdict[verdict["family"] == family].set_index("frame")["passed"]
    out = pd.DataFrame({
        "frame": table["label"],
        "coders' prevalence": [f"{100 * x:.0f}%" for x in table["coders_prevalence"]],
        "tool's prevalence": [f"{100 * x:.0f}%" for x in table["tool_prevalence"]],
        "prevalence bias (points)": [_ci(r.prevalence_bias, r.prevalence_bias_low, r.prevalence_bias_high, 1,
                                         signed=True) for r in table.itertuples()],
        "precision": [_ci(r.precision, r.precision_low, r.precision_high) for r in table.itertuples()],
        "recall": [_ci(r.recall, r.recall_low, r.recall_high) for r in table.itertuples()],
        "F1": [_ci(r.f1, r.f1_low, r.f1_high) for r in table.itertuples()],
        "ROC AUC": [_ci(r.auc, r.auc_low, r.auc_high) for r in table.itertuples()],
    })
    if verdict is not None:
        out["passed"] = ["" if f == MACRO else ("yes" if verdict.get(f) else "no") for f in table["frame"]]
    return out


def summary(family: str) -> str:
    """A Markdown paragraph on one family's calibrated presence: who coded, the rule, the averages, and which
    frames passed and failed (every number read from the committed table)."""
    table = evidence("after", family)
    macro = table[table["frame"] == MACRO].iloc[0]
    verdicts = passed()
    verdicts = verdicts[verdicts["family"] == family]
    ok = ", ".join(verdicts.loc[verdicts["passed"], "label"]) or "none"
    failed = ", ".join(verdicts.loc[~verdicts["passed"], "label"]) or "none"
    unit = "outlets" if macro.unit == "outlet" else "articles"
    text = (f"Against the codes of the {macro.data} (folds and 95% intervals by {unit}), the "
            f"calibrated presence of the {frames.FAMILY_LABELS[family]} reaches, cross-validated and averaged over "
            f"the family's frames, ROC AUC {_ci(macro.auc, macro.auc_low, macro.auc_high)}, F1 "
            f"{_ci(macro.f1, macro.f1_low, macro.f1_high)} and a prevalence bias of "
            f"{_ci(macro.prevalence_bias, macro.prevalence_bias_low, macro.prevalence_bias_high, 1, signed=True)} "
            f"points. {PASS_RULE[0].upper() + PASS_RULE[1:]}: passed {ok}; failed {failed}.")
    before = evidence("before", family)
    if len(before):
        b = before[before["frame"] == MACRO].iloc[0]
        text += (f" Before calibration (rule: {before['rule'].iloc[0]}), on the frames the project then had: ROC AUC "
                 f"{b.auc:.2f}, prevalence bias {b.prevalence_bias:+.1f} points.")
    if not current():
        text += " *The dictionaries changed since this evidence was computed: rerun `rhetoric_dev.frame_presence`.*"
    return text


def targets() -> pd.DataFrame:
    """The issue's targets beside the cross-validated development figures: ``target, frame, measured, low,
    high, required, met`` (the held-out halves judge them later)."""
    rows = []
    after = evidence("after")
    for r in after.itertuples(index=False):
        if r.frame == MACRO:
            if r.family == "policy":
                rows.append({"target": "Policy Frames macro ROC AUC", "frame": MACRO, "measured": r.auc,
                             "low": r.auc_low, "high": r.auc_high, "required": TARGETS["policy_macro_auc"],
                             "met": bool(r.auc >= TARGETS["policy_macro_auc"])})
            continue
        if r.family == "generic":
            rows.append({"target": "generic frame ROC AUC", "frame": r.label, "measured": r.auc, "low": r.auc_low,
                         "high": r.auc_high, "required": TARGETS["generic_auc"],
                         "met": bool(r.auc >= TARGETS["generic_auc"])})
        rows.append({"target": "|prevalence bias| (points)", "frame": r.label, "measured": abs(r.prevalence_bias),
                     "low": np.nan, "high": np.nan, "required": TARGETS["bias"],
                     "met": bool(abs(r.prevalence_bias) <= TARGETS["bias"])})
    return pd.DataFrame(rows, columns=["target", "frame", "measured", "low", "high", "required", "met"])


#: What the presence table says of a frame without human-coded articles (the international-relations frames).
NO_HUMAN_CODES = "no human-coded articles"
CORPUS_PRESENCE_COLUMNS = ["family", "frame", "column", "articles present", "share present", "mean score",
                           "coders' prevalence (development)", "tool's prevalence (development)", "ROC AUC",
                           "hit precision (held-out audit)", "passed"]


def corpus_presence(presence_rows: pd.DataFrame, audit: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per frame of :func:`presence_table` (the families in force): in how many of the corpus's articles it is
    present and its mean calibrated score, beside its agreement with people, per article (the cross-validated
    development prevalence of the coders and of the tool, ROC AUC with its 95% interval) and per hit (``audit``:
    :func:`rhetoric.analysis.validity.audit_precision` of the frames, precision with its Wilson interval), and
    whether it passed by :data:`PASS_RULE` (``yes``, ``no``, or :data:`NO_HUMAN_CODES`). Columns
    :data:`CORPUS_PRESENCE_COLUMNS`."""
    if presence_rows.empty:
        return pd.DataFrame(columns=CORPUS_PRESENCE_COLUMNS)
    after = evidence("after").set_index(["family", "frame"])
    hits = audit.set_index("category") if audit is not None else None
    rows = []
    for (family, frame), part in presence_rows.groupby(["family", "frame"], sort=False):
        column = column_of(family, frame)
        ev = after.loc[(family, frame)] if (family, frame) in after.index else None
        ok = frame_passed(column)
        precision = "–"
        if hits is not None and family != "generic" and frame in hits.index:
            h = hits.loc[frame]
            precision = f"{_ci(h.precision, h.ci_low, h.ci_high)} (n = {int(h.hits_checked)})"
        k = int(part["present"].sum())
        rows.append({"family": family, "frame": part["label"].iloc[0], "column": column,
                     "articles present": f"{k} of {len(part)}", "share present": k / len(part),
                     "mean score": float(part["score"].mean()),
                     "coders' prevalence (development)": "–" if ev is None else f"{100 * ev.coders_prevalence:.0f}%",
                     "tool's prevalence (development)": "–" if ev is None else f"{100 * ev.tool_prevalence:.0f}%",
                     "ROC AUC": "–" if ev is None else _ci(ev.auc, ev.auc_low, ev.auc_high),
                     "hit precision (held-out audit)": precision,
                     "passed": NO_HUMAN_CODES if ok is None else ("yes" if ok else "no")})
    return pd.DataFrame(rows, columns=CORPUS_PRESENCE_COLUMNS)


def failing_note(table: pd.DataFrame) -> str:
    """One Markdown sentence naming the frames of a :func:`corpus_presence` table that failed the validity rule
    (so that no difference is claimed for them: the verdict rule reads the same decision), or saying none did."""
    if table.empty:
        return "No calibrated frame is measured here (no family with a presence model is in force)."
    failed = table.loc[table["passed"] == "no", "frame"].tolist()
    none = table.loc[table["passed"] == NO_HUMAN_CODES, "frame"].tolist()
    text = (f"**Failed on human-coded articles** ({PASS_RULE}): {', '.join(failed)}. Their presence and shares are "
            "shown, but no difference in them is claimed as a finding." if failed else
            f"Every calibrated frame measured here passed on human-coded articles ({PASS_RULE}).")
    if none:
        text += (f" Without human-coded articles (judged by their held-out hit audit only): {', '.join(none)}.")
    return text


def families_note() -> str:
    """One Markdown sentence: the frame families this study measures (the ``--frames`` setting, else the
    study's default) and the ones it leaves out."""
    on = frames.families()
    off = [f for f in frames.FAMILIES if f not in on]
    text = "**Frame families measured:** " + "; ".join(frames.FAMILY_LABELS[f] for f in on) + "."
    if off:
        text += (" Not measured: " + "; ".join(frames.FAMILY_LABELS[f] for f in off)
                 + " (`rhetoric run --frames` chooses the families).")
    return text
