"""Frame presence for notebook 02 and the verdict rule: the pass rule on hand-made evidence, the committed
evidence's shape and consistency, the reader's tables, and the presence table on a small corpus."""
from __future__ import annotations

import pandas as pd
import pytest

from rhetoric.analysis import frame_presence as fp
from rhetoric.instruments import frames, generic_frames, presence
from rhetoric.io.corpus import load_corpus


def _row(frame, auc, low, high, bias, family="generic"):
    return {"family": family, "frame": frame, "label": frame.title(), "version": "after", "data": "d", "unit": "outlet",
            "n_articles": 100, "n_units": 10, "n_positive": 30, "coders_prevalence": 0.3,
            "tool_prevalence": 0.3 + bias / 100, "prevalence_bias": bias, "prevalence_bias_low": bias - 5,
            "prevalence_bias_high": bias + 5, "precision": 0.5, "precision_low": 0.4, "precision_high": 0.6,
            "recall": 0.5, "recall_low": 0.4, "recall_high": 0.6, "f1": 0.5, "f1_low": 0.4, "f1_high": 0.6,
            "auc": auc, "auc_low": low, "auc_high": high, "auc_scores": auc, "mean_score": 0.3, "rule": "r",
            "dictionary": "x"}


def test_pass_rule_by_hand(monkeypatch):
    rows = [_row("conflict", 0.70, 0.55, 0.80, 3.0),     # passes
            _row("resolution", 0.60, 0.49, 0.70, 0.0),   # AUC's lower bound not above 0.5
            _row("morality", 0.60, 0.501, 0.70, -10.0),  # bias of exactly 10 points still passes
            _row("economic", 0.90, 0.80, 0.95, 10.5),    # bias too large
            _row(fp.MACRO, 0.70, 0.6, 0.8, 0.0)]
    monkeypatch.setattr(fp, "evidence", lambda version="after", family=None: pd.DataFrame(rows))
    table = fp.passed().set_index("frame")
    assert table["passed"].to_dict() == {"conflict": True, "resolution": False, "morality": True, "economic": False}
    assert table.at["resolution", "reason"].startswith("failed (the AUC's lower bound is not above 0.5)")
    assert "exceeds 10 points" in table.at["economic", "reason"] and "+10.5 points" in table.at["economic", "reason"]
    assert table.at["conflict", "column"] == "generic_conflict"
    assert fp.frame_passed("generic_conflict") is True and fp.frame_passed("generic_economic") is False
    assert fp.frame_passed("frame_rivalry") is None  # no human-coded evidence


def test_committed_evidence_shape_and_consistency():
    table = fp.evidence(None)
    assert {"before", "after"} == set(table["version"])
    after = fp.evidence("after")
    for family, names in (("policy", frames.pfc_frames()), ("generic", generic_frames.frame_names())):
        part = after[after["family"] == family]
        assert list(part["frame"]) == [*names, fp.MACRO]
        per = part[part["frame"] != fp.MACRO]
        macro = part[part["frame"] == fp.MACRO].iloc[0]
        assert macro["auc"] == pytest.approx(per["auc"].mean(), abs=1e-3)
        assert (per["prevalence_bias"] - 100 * (per["tool_prevalence"] - per["coders_prevalence"])).abs().max() < 0.01
        assert ((per["auc_low"] <= per["auc"] + 1e-4) & (per["auc"] <= per["auc_high"] + 1e-4)).all()
        assert (per["n_positive"] == (per["coders_prevalence"] * per["n_articles"]).round()).all()
    models = presence.table()
    for r in after[after["frame"] != fp.MACRO].itertuples():  # the models were fitted on the same articles
        m = models[(models["family"] == r.family) & (models["frame"] == r.frame)].iloc[0]
        assert m["n_positive"] == r.n_positive and m["n_articles"] == r.n_articles
    assert fp.current(), "dictionaries changed since the calibration: rerun rhetoric_dev.frame_presence"


def test_reader_tables_and_summary_read_the_committed_evidence():
    shown = fp.report_table("generic")
    table = fp.evidence("after", "generic")
    assert list(shown["frame"]) == list(table["label"])
    first = table.iloc[0]
    assert shown["ROC AUC"].iloc[0] == f"{first.auc:.2f} [{first.auc_low:.2f}, {first.auc_high:.2f}]"
    assert shown["passed"].iloc[-1] == "" and set(shown["passed"].iloc[:-1]) <= {"yes", "no"}
    assert "passed" not in fp.report_table("policy", "before").columns
    text = fp.summary("policy")
    verdicts = fp.passed()
    for r in verdicts[verdicts["family"] == "policy"].itertuples():
        assert r.label in text
    assert "Semetko" in fp.summary("generic") and fp.PASS_RULE[1:] in text
    targets = fp.targets()
    assert set(targets["target"]) == {"Policy Frames macro ROC AUC", "generic frame ROC AUC",
                                      "|prevalence bias| (points)"}
    assert (targets["met"] == (targets["measured"] <= targets["required"])).where(
        targets["target"].str.startswith("|"), True).all()


def test_presence_table_on_a_small_corpus(make_corpus):
    from rhetoric.instruments.features import sentence_features

    corpus = load_corpus(make_corpus([
        {"id": "a", "stance": "s", "text": "Critics slammed the plan. It will cost $2 billion in taxes."},
        {"id": "b", "stance": "s", "text": "The weather was mild."}]))
    with frames.use_families("generic,policy"):
        table = fp.presence_table(sentence_features(corpus))
    assert list(table.columns) == ["doc_id", "family", "frame", "label", "share", "score", "present"]
    assert len(table) == 2 * (5 + 14)
    econ = table[(table["family"] == "generic") & (table["frame"] == "economic")].set_index("doc_id")
    model = presence.model("generic_economic")
    # cost, $, billion, taxes: 4 hits in 11 words (4 + 7; "$" is a token but not a word)
    assert econ.at["a", "score"] == pytest.approx(float(model.score(4, 11)))
    assert econ.at["b", "share"] == 0 and not econ.at["b", "present"]
    with frames.use_families("international"):
        assert fp.presence_table(sentence_features(corpus)).empty


def test_corpus_presence_sits_beside_the_agreement_with_people():
    """Per frame: present in k of n articles, the mean score, the development evidence and the pass verdict from
    the committed tables (by hand for two made-up articles), the failing frames named."""
    import pandas as pd

    from rhetoric.analysis import frame_presence as fp

    verdicts = fp.passed().set_index("column")
    failed = verdicts[~verdicts["passed"]].iloc[0]
    ok = verdicts[verdicts["passed"]].iloc[0]
    rows = pd.DataFrame([{"doc_id": d, "family": v.family, "frame": v.frame, "label": v.label, "share": 0.1,
                          "score": s, "present": p}
                         for v in (failed, ok) for d, s, p in (("a", 0.2, False), ("b", 0.8, True))])
    audit = pd.DataFrame({"category": [ok.frame], "hits_checked": [20], "correct": [18], "precision": [0.9],
                          "ci_low": [0.7], "ci_high": [0.97]}) if ok.family == "policy" else None
    table = fp.corpus_presence(rows, audit)
    assert list(table.columns) == fp.CORPUS_PRESENCE_COLUMNS and len(table) == 2
    assert list(table["articles present"]) == ["1 of 2", "1 of 2"] and list(table["mean score"]) == [0.5, 0.5]
    assert list(table["passed"]) == ["no", "yes"]
    ev = fp.evidence("after").set_index(["family", "frame"]).loc[(ok.family, ok.frame)]
    assert table["coders' prevalence (development)"].iloc[1] == f"{100 * ev.coders_prevalence:.0f}%"
    if audit is not None:
        assert table["hit precision (held-out audit)"].iloc[1] == "0.90 [0.70, 0.97] (n = 20)"
    note = fp.failing_note(table)
    assert note.startswith("**Failed on human-coded articles**") and failed.label in note and ok.label not in note
    assert fp.failing_note(table.iloc[1:]).startswith("Every calibrated frame measured here passed")
    assert fp.failing_note(fp.corpus_presence(rows.iloc[0:0])).startswith("No calibrated frame")


def test_families_note_names_the_families_in_and_out():
    from rhetoric.analysis import frame_presence as fp
    from rhetoric.instruments import frames

    with frames.use_families("generic,policy"):
        note = fp.families_note()
    assert note.startswith("**Frame families measured:** generic news frames")
    assert "Not measured: the project's international-relations frames" in note
    with frames.use_families("all"):
        assert "Not measured" not in fp.families_note()
