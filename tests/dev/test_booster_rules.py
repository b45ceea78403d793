"""The booster context rules re-derived on development text (``rhetoric_dev.booster_rules``).

The summary ``booster_rules_dev.csv`` is recomputed exactly from the labels in ``audit_dev_booster_rules.csv``;
every booster rule still in ``metadiscourse.csv`` was audited there and kept by the stated rule; with the
benchmark beside the project, the stored rows are the seeded draw the script makes on DEVELOP.
"""
from __future__ import annotations

import pandas as pd
import pytest

from rhetoric.base.paths import DATA, ROOT
from rhetoric_dev import booster_rules as br


def read(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"doc_id": str}, keep_default_na=False, encoding="utf-8")


def test_summary_is_recomputed_exactly_from_the_labels():
    stored = read(br.SUMMARY)
    again = br.summary(read(br.LABELS))
    assert list(stored.columns) == br.SUMMARY_COLUMNS
    pd.testing.assert_frame_equal(stored, again, check_dtype=False)


def test_label_file_is_complete_and_holds_no_text():
    labels = read(br.LABELS)
    assert list(labels.columns) == br.COLUMNS
    assert set(labels["label"].astype(int)) <= {0, 1} and set(labels["removed_by_rule"].astype(int)) <= {0, 1}
    assert set(labels["split"]) == {"dev"} and set(labels["coder"]) == {br.CODER}
    assert set(labels["sample_seed"].astype(int)) == {br.SAMPLE_SEED}
    assert (labels["note"].str.strip() != "").all()
    # only the matched words, never context: each is exactly its span
    assert (labels["matched"].str.len() == labels["end"].astype(int) - labels["start"].astype(int)).all()
    sizes = labels.groupby(["rule", "removed_by_rule"]).size()
    assert (sizes <= br.PER_SIDE).all()
    assert set(labels["rule"]) == set(br.RULE_TERMS)
    for rule, part in labels.groupby("rule"):
        assert set(part["term"]) <= set(br.RULE_TERMS[rule]), rule


def test_every_booster_rule_in_the_lexicon_was_kept_on_development_text():
    lexicon = pd.read_csv(DATA / "metadiscourse.csv", dtype=str, keep_default_na=False)
    decision = read(br.SUMMARY).set_index("rule")["decision"]
    boosters = lexicon[lexicon["category"] == "booster"]
    for term, cell in zip(boosters["term"], boosters["rule"]):
        for rule in [r.strip() for r in cell.split(";") if r.strip()]:
            assert decision.get(rule) == "keep", (term, rule)
            assert term in br.RULE_TERMS[rule], (term, rule)  # the audit covered this term's rule


def test_the_decision_rule():
    def labels(rule, removed, kept):
        return pd.DataFrame([{"rule": rule, "removed_by_rule": 1, "label": x} for x in removed]
                            + [{"rule": rule, "removed_by_rule": 0, "label": x} for x in kept])

    table = pd.concat([labels("clausal_that", [0, 0, 0, 1, 1], [1]),      # 3/5 = 0.6 misfires: keep
                       labels("negated_booster", [0, 0, 1, 1, 1], [1]),   # 2/5 misfires: not supported
                       labels("sure_certainty", [0, 0], [1, 1])])         # fewer than 3 removed
    out = br.summary(table).set_index("rule")
    assert out.at["clausal_that", "decision"] == "keep"
    assert out.at["negated_booster", "decision"] == "not supported on development text"
    assert out.at["sure_certainty", "decision"] == "not supported on development text"
    assert out.at["not_question", "removed_sampled"] == 0
    assert out.at["clausal_that", "removed_misfires"] == 3 and out.at["clausal_that", "kept_correct"] == 1


@pytest.mark.slow
def test_stored_rows_are_the_seeded_draw_on_develop():
    from rhetoric.analysis import devsample
    from rhetoric.base.paths import BENCH

    if not BENCH.is_file():
        pytest.skip("the benchmark corpus is not beside the project")
    drawn = br.draw(devsample.hits_in(br.develop_articles(), br.find))
    stored = read(br.LABELS)
    keys = ["rule", "term", "doc_id", "start", "end", "matched", "removed_by_rule"]
    assert stored[keys].astype(str).values.tolist() == drawn[keys].astype(str).values.tolist()


def test_hyland_items_name_where_they_were_checked():
    """Every item credited to Hyland's list names the public copies that list it, or says "not confirmed"; an item
    found in none whose other forms are listed is a project addition and gives no codebook origin."""
    book = pd.read_csv(DATA / "codebook_terms.csv", dtype=str, keep_default_na=False)
    hyland = book[book["codebook"].str.startswith("Hyland")]
    added = book[book["codebook"].str.startswith("not in Hyland")]
    assert (hyland["checked_against"].str.strip() != "").all()
    assert set(added["checked_against"]) == {"not confirmed"}
    meta = pd.read_csv(DATA / "metadiscourse.csv", dtype=str, keep_default_na=False)
    for category, term in zip(added["category"], added["term"]):
        row = meta[(meta["category"] == category) & (meta["term"] == term)]
        assert (row["origin"] != "codebook").all(), (category, term)
    found = (hyland["checked_against"] != "not confirmed").sum()
    readme = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    assert f"{found} of {len(hyland) + len(added)} items are found there" in readme
