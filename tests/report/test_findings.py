"""The one rule that turns the profile and group tables into findings (``findings.rule_findings``)."""
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from rhetoric.instruments import registry
from rhetoric.report import findings

CORPUS = SimpleNamespace(documents=pd.DataFrame({"doc_id": ["a", "b"], "stance": ["pro", "con"]}))
# Held-out audit evidence of the argument markers: proposal passes the 0.5 cut, verdict fails it.
EVIDENCE = pd.DataFrame([
    {"instrument": "argument", "evidence": "held-out precision audit", "category": c, "metric": "hit precision",
     "value": v, "ci_low": lo, "ci_high": hi, "n": n, "outside_study_texts": True}
    for c, v, lo, hi, n in (("proposal", 0.9, 0.7, 0.97, 20), ("verdict", 0.2, 0.04, 0.62, 5),
                            ("contrast", 0.9, 0.76, 0.96, 38), ("all", 0.9, 0.85, 0.94, 200))])


def _profile(values: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]]) -> pd.DataFrame:
    rows = []
    for name, per_doc in values.items():
        m = registry.get(name)
        for doc, (est, low, high) in zip("ab", per_doc):
            rows.append({"family": m.family, "measure": name, "label": m.label, "unit": m.unit, "doc_id": doc,
                         "estimate": est, "ci_low": low, "ci_high": high, "n_sentences": 40})
    return pd.DataFrame(rows)


def _untested_groups(profile: pd.DataFrame) -> pd.DataFrame:
    return profile.assign(group=profile["doc_id"], n_docs=1, test="none", q_bh=np.nan, p_permutation=np.nan,
                          effect_size=np.nan, effect="", note="one document per group: described, not tested")


PROFILE = _profile({
    "words_per_sentence": ((30.0, 28.0, 32.0), (20.0, 18.0, 22.0)),      # clears; a count
    "proposal_per_1000": ((6.0, 2.5, 11.0), (0.0, 0.0, 0.0)),           # clears; validated
    "verdict_per_1000": ((0.0, 0.0, 0.0), (3.9, 0.8, 7.4)),             # clears; failed validation
    "contrast_per_1000": ((9.0, 4.0, 13.0), (11.0, 6.0, 16.0)),         # overlaps
    "flesch_kincaid_grade": ((15.0, 14.0, 16.7), (17.0, 16.1, 18.0)),   # overlaps (by 0.6)
})


def test_every_measure_that_clears_the_rule_is_reported_and_only_those():
    out = findings.rule_findings(CORPUS, PROFILE, _untested_groups(PROFILE), EVIDENCE)
    stated = out["finding"][:-1]
    assert len(stated) == 2
    assert stated[0].startswith("Words per sentence") and " is higher in the pro article" in stated[0]
    assert stated[1].startswith("Proposal language") and "higher in the pro article" in stated[1]
    assert "for proposal: 0.90" in stated[1]
    assert out["finding"][-1] == ("No clear difference (by the declared rule) in: contrast markers, "
                                  "Flesch-Kincaid grade.")
    # Only the two findings say "higher"; nothing described or unclear does.
    assert sum("higher" in s for s in out["finding"]) == 2
    assert not any("higher" in s for s in out["described"])


def test_a_measure_whose_instrument_failed_goes_to_described_only_with_its_reason():
    out = findings.rule_findings(CORPUS, PROFILE, _untested_groups(PROFILE), EVIDENCE)
    assert len(out["described"]) == 1
    text = out["described"][0]
    assert text.startswith("Described only, not a finding")
    assert "verdict language" in text and "`b` 3.9 [0.8, 7.4]" in text
    assert "verdict: held-out hit precision 0.20 [0.04, 0.62] on 5 hits, lower bound 0.04 below the 0.5 cut" in text
    assert not any("verdict" in s for s in out["finding"])


def test_a_measure_without_validation_outside_the_study_texts_is_described_only():
    profile = _profile({"modal_prediction_per_1000": ((18.7, 12.3, 25.5), (0.0, 0.0, 0.0))})
    out = findings.rule_findings(CORPUS, profile, _untested_groups(profile), EVIDENCE)
    assert out["finding"] == []
    assert "modals: no validation outside the study texts" in out["described"][0]


def test_groups_are_judged_by_q_not_by_article_intervals():
    profile = PROFILE[PROFILE["measure"].isin(["words_per_sentence", "contrast_per_1000"])]
    groups = pd.DataFrame([
        {"measure": name, "label": registry.get(name).label, "family": "x", "unit": "u", "group": g, "n_docs": 3,
         "estimate": est, "ci_low": est - 1, "ci_high": est + 1, "test": "permutation", "statistic": 1.0,
         "p_permutation": p, "q_bh": q, "effect_size": 1.2, "effect": "Hedges' g", "note": ""}
        for name, q, p in (("words_per_sentence", 0.2, 0.1), ("contrast_per_1000", 0.01, 0.004))
        for g, est in (("con", 10.0), ("pro", 12.0))])
    out = findings.rule_findings(CORPUS, profile, groups, EVIDENCE)
    assert len(out["finding"]) == 2
    assert out["finding"][0].startswith("Contrast markers (per 1,000 words) differs between groups")
    assert out["finding"][1] == "No clear difference (by the declared rule) in: words per sentence."


def test_a_notebook_states_only_its_own_families():
    out = findings.rule_findings(CORPUS, PROFILE, _untested_groups(PROFILE), EVIDENCE, notebook="01-corpus")
    assert len(out["finding"]) == 2 and out["finding"][0].startswith("Words per sentence")
    assert out["finding"][1].endswith("in: Flesch-Kincaid grade.") and out["described"] == []


def test_every_registered_family_belongs_to_one_notebook():
    families = {m.family for m in registry.measures()}
    assert families <= set(findings.FAMILY_NOTEBOOK)
    # Each notebook named exists.
    from rhetoric.base.paths import ROOT

    for stem in set(findings.FAMILY_NOTEBOOK.values()):
        assert (ROOT / "notebooks" / f"{stem}.py").is_file()


@pytest.mark.parametrize("name", ["actor_modal_per_1000", "vader_neutralised"])
def test_derived_measures_are_judged_by_the_same_rule(name):
    m = registry.derived(name)
    profile = pd.DataFrame([{"family": m.family, "measure": name, "label": m.label, "unit": m.unit, "doc_id": d,
                             "estimate": e, "ci_low": e - 0.1, "ci_high": e + 0.1, "n_sentences": 40}
                            for d, e in (("a", 1.0), ("b", 2.0))])
    out = findings.rule_findings(CORPUS, profile, _untested_groups(profile), EVIDENCE, notebook="02-framing")
    assert len(out["finding"]) + len(out["described"]) == 1


def test_leave_seed_terms_out_moves_a_difference_that_needs_the_seed_terms_to_described():
    """Without the seed-read terms the proposal difference no longer clears the rule: described only, with the
    values without those terms; words per sentence uses no word list (same values) and stays a finding."""
    without = _profile({"words_per_sentence": ((30.0, 28.0, 32.0), (20.0, 18.0, 22.0)),
                        "proposal_per_1000": ((1.0, 0.0, 3.0), (0.0, 0.0, 0.0))})
    out = findings.rule_findings(CORPUS, PROFILE, _untested_groups(PROFILE), EVIDENCE,
                                 without_seed_terms=without)
    stated = out["finding"][:-1]
    assert [s.split(" (")[0] for s in stated] == ["Words per sentence"]
    assert "leaving out" not in stated[0]  # unchanged by the word lists: nothing to say
    moved = [d for d in out["described"] if "proposal language" in d.lower()]
    assert len(moved) == 1 and "only with the terms first read off these two articles" in moved[0]
    assert "`a` 1.0 [0.0, 3.0]" in moved[0] and "higher" not in moved[0]


def test_a_finding_that_survives_leaving_out_the_seed_terms_says_so():
    without = _profile({"proposal_per_1000": ((5.0, 2.0, 9.0), (0.0, 0.0, 0.0))})
    out = findings.rule_findings(CORPUS, PROFILE, _untested_groups(PROFILE), EVIDENCE,
                                 without_seed_terms=without)
    proposal = [s for s in out["finding"] if s.startswith("Proposal language")]
    assert len(proposal) == 1 and "survives leaving out the terms first read off these two articles" in proposal[0]


def test_sentences_name_groups_by_their_display_names(make_corpus):
    """With group_labels.csv, a sentence names a group by its label (escaped); without, by its code."""
    from rhetoric.io.corpus import load_corpus
    from rhetoric.report.findings import doc_label, group_text

    directory = make_corpus([{"id": "a", "stance": "left_bias", "text": "One text."},
                             {"id": "b", "stance": "right", "text": "Two texts."}])
    (directory / "group_labels.csv").write_text("group,label\nleft_bias,Left *outlets*\n", encoding="utf-8")
    corpus = load_corpus(directory)
    assert group_text(corpus, "left_bias") == "Left \\*outlets\\*" and group_text(corpus, "right") == "`right`"
    assert doc_label(corpus, "a") == "the Left \\*outlets\\* article (`a`)"


def _tested_groups(name: str, q: float, family: str | None = None) -> pd.DataFrame:
    m = registry.derived(name) if name in {d.name for d in registry.derived_measures()} else registry.get(name)
    rows = pd.DataFrame([
        {"measure": name, "label": m.label, "family": m.family, "unit": m.unit, "group": g, "n_docs": 3,
         "estimate": est, "ci_low": est - 0.1, "ci_high": est + 0.1, "test": "permutation", "statistic": 1.0,
         "p_permutation": q, "q_bh": q, "effect_size": 1.2, "effect": "Hedges' g", "note": ""}
        for g, est in (("con", 1.0), ("pro", 2.0))])
    return rows if family is None else rows.assign(bh_family=family)


def test_a_derived_measures_q_names_its_own_family():
    # derived measures are tested apart from the run's family of registered measures: their q says so
    from rhetoric.analysis import verdict

    m = registry.derived("vader_neutralised")
    profile = pd.DataFrame([{"family": m.family, "measure": m.name, "label": m.label, "unit": m.unit, "doc_id": d,
                             "estimate": e, "ci_low": np.nan, "ci_high": np.nan, "n_sentences": 40}
                            for d, e in (("a", 1.0), ("b", 2.0))])
    family = verdict.derived_family([m])
    out = findings.rule_findings(CORPUS, profile, _tested_groups(m.name, 0.01, family), notebook="03-sentiment")
    text = " ".join(out["finding"] + out["described"])
    assert "q = 0.010 (Benjamini-Hochberg within its own family: the derived measures `vader_neutralised`" in text
    registered = _tested_groups("contrast_per_1000", 0.01)
    assert findings.family_note(registered) == ""


def test_the_multiple_testing_note_counts_what_was_tested():
    groups = _tested_groups("contrast_per_1000", 0.01)
    groups.attrs["family"] = 7
    note = findings.multiple_testing_note(groups, 100)
    assert "the 7 registered measures tested" in note and "`vader_neutralised`" in note
    groups.attrs["family"] = 0
    assert "no group test" in findings.multiple_testing_note(groups, 100)
    assert "0 registered" not in findings.multiple_testing_note(groups, 100)


def test_the_most_frequent_frame_says_how_much_of_it_comes_from_seed_read_terms():
    salience = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "frame": ["security", "economic"] * 2,
                             "share_of_sentences": [0.5, 0.1, 0.2, 0.4]})
    without = pd.DataFrame({"doc_id": ["a", "a", "b", "b"],
                            "measure": ["frame_security_share", "frame_economic_share"] * 2,
                            "estimate": [0.1, 0.1, 0.2, 0.3]})
    labels = {"security": "Security", "economic": "Economic"}
    (text,) = findings.framing_findings(CORPUS, salience, labels, None, EVIDENCE, without)
    # a: (0.5 - 0.1) / 0.5 = 80% of its security share; b: (0.4 - 0.3) / 0.4 = 25% of its economic share
    assert "Security (50%; from terms first read off the seeds: 80% of it)" in text
    assert "Economic (40%; from terms first read off the seeds: 25% of it)" in text
    (plain,) = findings.framing_findings(CORPUS, salience, labels, None, EVIDENCE)
    assert "seeds" not in plain  # any corpus but the seeds: nothing to say


def test_the_paper_figure_caption_says_how_much_of_panel_b_rests_on_seed_read_terms():
    frames_ = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "measure": ["Security", "Economic"] * 2,
                            "measure_id": ["frame_security_share", "frame_economic_share"] * 2,
                            "estimate": [0.5, 0.1, 0.0, 0.0]})
    without = pd.DataFrame({"doc_id": ["a", "a", "b", "b"],
                            "measure": ["frame_security_share", "frame_economic_share"] * 2,
                            "estimate": [0.2, 0.1, 0.0, 0.0]})
    # a: (0.6 - 0.3) / 0.6 = 50%; b has no frame sentence
    assert findings.seed_term_caption(frames_, without).endswith(": `a` 50%, `b` no frame.")
    assert findings.seed_term_caption(frames_, None) == ""


def test_a_sentence_reporting_a_test_names_its_units():
    """With clusters the group sizes say articles and the units the test counts, and the test names them; without,
    the sentence stays as it was (the document is the unit: ``n`` counts them)."""
    import pandas as pd

    from rhetoric.report.findings import over_text, units_text

    clustered = pd.DataFrame([{"group": "left", "n_docs": 40, "analysis_unit": "outlet", "n_units": 6},
                              {"group": "right", "n_docs": 9, "analysis_unit": "outlet", "n_units": 1}])
    rows = list(clustered.itertuples(index=False))
    assert [units_text(r) for r in rows] == ["n = 40 articles, 6 outlets", "n = 9 articles, 1 outlet"]
    assert over_text(clustered) == " over outlets"
    plain = clustered.assign(analysis_unit="article")
    assert units_text(next(plain.itertuples(index=False))) == "n = 40" and over_text(plain) == ""
    assert units_text(next(plain.drop(columns=["analysis_unit"]).itertuples(index=False))) == "n = 40"
