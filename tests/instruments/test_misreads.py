"""Words VADER misreads: the frozen list, the rule reproduced from the audit file, tone without the words."""
from __future__ import annotations

import pandas as pd
import pytest

from rhetoric.base.paths import data_file
from rhetoric.instruments import misreads, sentiment
from rhetoric.instruments.misreads import RULE
from rhetoric.io.wordlists import read_table


@pytest.fixture(scope="module")
def table():
    """The frozen list (``data/tone_misreads.csv``), numbers as numbers."""
    return read_table(misreads.LIST_FILE).astype({
        "vader_valence": float, "dev_occurrences": int, "checked": int, "non_evaluative": int,
        "share_non_evaluative": float, "general_checked": int, "general_non_evaluative": int, "general_share": float})


@pytest.fixture(scope="module")
def audit():
    return misreads.read_audit()


def test_list_columns_and_reasons(table):
    assert list(table.columns) == misreads.LIST_COLUMNS + misreads.GENERAL_COLUMNS + misreads.PROVENANCE_COLUMNS
    assert table["word"].is_unique and (table["word"] == table["word"].str.lower()).all()
    for col in ("typical_sense", "reason"):
        assert (table[col].str.strip().str.len() > 10).all(), f"empty {col}"
    assert set(table["domain"]) <= set(misreads.DOMAINS)
    lexicon = sentiment.vader().lexicon
    for r in table.itertuples():
        assert r.vader_valence == lexicon[r.word]
        assert r.sign == ("positive" if r.vader_valence > 0 else "negative")
        assert r.share_non_evaluative == pytest.approx(r.non_evaluative / r.checked, abs=0.005)
        assert r.dev_occurrences >= r.checked


def test_both_signs_listed(table):
    assert set(table["sign"]) == {"positive", "negative"}


def test_policy_words_replaced():
    assert not data_file("policy_words.csv").exists()


def test_audit_file_is_well_formed(audit):
    assert list(audit.columns) == misreads.AUDIT_COLUMNS
    assert set(audit["label"]) <= {0, 1} and (audit["split"] == "dev").all()
    assert ((audit["end"] - audit["start"]) == audit["word"].str.len()).all()
    assert not audit.duplicated(["sample_seed", "word", "doc_id", "start"]).any()
    codes = audit["note"].str.split(":").str[0]
    assert codes.isin(misreads.NON_EVALUATIVE_CODES + misreads.EVALUATIVE_CODES).all()
    assert (codes.isin(misreads.NON_EVALUATIVE_CODES).astype(int) == audit["label"]).all()
    # Notes are the coder's paraphrase, never quoted article text.
    assert not audit["note"].str.contains('["“”]').any() and (audit["note"].str.len() < 90).all()


def test_rule_is_symmetric_in_the_audit(audit):
    intl = audit[audit["sample_seed"] == RULE.sample_seed]
    per_word = intl.groupby(["sign", "word"]).size()
    assert per_word.groupby("sign").size().to_dict() == {"negative": RULE.k, "positive": RULE.k}
    assert (per_word == RULE.m).all()
    gen = audit[audit["sample_seed"] == RULE.general_sample_seed]
    assert (gen.groupby("word").size() == RULE.m).all()


def test_threshold_reproduced_from_audit(table, audit):
    verdict = misreads.verdicts(audit)
    intl = verdict[verdict["sample_seed"] == RULE.sample_seed].set_index("word")
    listed = set(table["word"])
    # Every listed word reaches T of M; every candidate checked below T is not listed.
    assert (intl.loc[sorted(listed), "non_evaluative"] >= RULE.t).all()
    assert not listed & set(intl.index[intl["non_evaluative"] < RULE.t])
    assert listed == set(intl.index[intl["misread"]])
    rebuilt = misreads.list_from_audit(audit).set_index("word").sort_index()
    frozen = table.set_index("word").sort_index()
    assert rebuilt.index.tolist() == frozen.index.tolist()
    assert (rebuilt["checked"] == frozen["checked"]).all()
    assert (rebuilt["non_evaluative"] == frozen["non_evaluative"]).all()
    assert (rebuilt["domain"] == frozen["domain"]).all()
    gen = verdict[verdict["sample_seed"] == RULE.general_sample_seed].set_index("word")
    for r in frozen.itertuples():
        assert r.general_non_evaluative == gen.at[r.Index, "non_evaluative"]
        assert (r.domain == "general") == (gen.at[r.Index, "non_evaluative"] >= RULE.t)


def test_misread_words_by_domain(table):
    every = misreads.misread_words()
    assert every == set(table["word"]) == misreads.misread_words("international")
    general = misreads.misread_words("general")
    assert general < every and general == set(table.loc[table["domain"] == "general", "word"])
    with pytest.raises(ValueError):
        misreads.misread_words("sports")


def test_neutralised_compound_hand_checked():
    listed = misreads.misread_words()
    assert {"united", "party", "agreement", "security"} <= listed
    texts = pd.Series({"a": "The United States is a party to the agreement.",
                       "b": "The Security Council met on Tuesday.",
                       "c": "The talks were a great success.",
                       "d": "The United States made a terrible mistake."}, name="text")
    plain = sentiment.vader_scores(texts)["vader_compound"]
    assert plain["a"] > 0 and plain["b"] > 0               # VADER reads the names as praise
    out = misreads.neutralised_compound(texts, listed)
    assert out.index.tolist() == ["a", "b", "c", "d"]
    assert out["a"] == 0.0 and out["b"] == 0.0              # only misread words: no tone left
    assert out["c"] == plain["c"] > 0                       # unlisted evaluative words keep their score
    assert out["d"] < plain["d"] < 0                        # the name no longer softens the criticism
    assert out["d"] == sentiment.compound_without(texts["d"], {"united"})
    assert misreads.neutralised_compound(texts, set()).equals(plain.rename("vader_compound"))
    # given the plain compounds, texts without a listed word keep theirs and the others are scored again: the
    # same values as scoring every text (a stand-in plain value shows which were taken as given)
    more = pd.concat([texts, pd.Series({"e": "Disunited and partying, they failed.", "f": "A fine day."})])
    given = sentiment.vader_scores(more)["vader_compound"]
    assert misreads.neutralised_compound(more, listed, plain=given).equals(misreads.neutralised_compound(more, listed))
    marked = misreads.neutralised_compound(more, listed, plain=given.where(given.index != "f", 99.0))
    assert marked["f"] == 99.0 and marked["c"] == out["c"]  # taken as given
    assert marked["e"] == sentiment.compound_without(more["e"], listed)  # "united" inside a word: scored again


def test_lexicon_occurrences_give_raw_offsets():
    raw = "Intro. They called it a “great” deal, not a bad one.\nThe United States agreed."
    sents = pd.DataFrame({"doc_id": ["d", "d"], "sentence_id": [1, 2], "start": [7, raw.index("The United")],
                          "text": ["They called it a “great” deal, not a bad one.", "The United States agreed."]})
    occ = misreads.lexicon_occurrences(sents)
    assert occ["word"].tolist() == ["great", "bad", "united", "agreed"]
    for r in occ.itertuples():
        assert raw[r.start:r.end].lower() == r.word
    assert occ.set_index("word").at["bad", "valence"] > 0   # negated: valence after rules flips ...
    assert occ.set_index("word").at["bad", "sign"] == "negative"  # ... the sign stays the lexicon's


def test_candidates_and_draws_are_per_sign_and_seeded():
    occ = pd.DataFrame({"doc_id": ["a"] * 9, "sentence_id": range(9), "start": range(0, 90, 10),
                        "end": range(4, 94, 10),
                        "word": ["good", "good", "fine", "war", "war", "war", "no", "bad", "bad"],
                        "lexicon": [1.9, 1.9, 0.8, -2.9, -2.9, -2.9, -1.2, -2.5, -2.5],
                        "valence": [1.9, 1.9, 0.8, -2.9, -2.9, -2.9, -1.2, 2.5, -2.5],
                        "sign": ["positive"] * 3 + ["negative"] * 6})
    c = misreads.candidates(occ, 2)
    assert c[c["sign"] == "positive"]["word"].tolist() == ["good", "fine"]
    assert c[c["sign"] == "negative"]["word"].tolist() == ["war", "bad"]      # |valence| summed: 8.7, 5.0
    d1 = misreads.draw_occurrences(occ, ["war", "bad"], 2, seed=5)
    d2 = misreads.draw_occurrences(occ, ["war"], 2, seed=5)
    assert d1[d1["word"] == "war"].reset_index(drop=True).equals(d2)        # a word's draw ignores the others
    assert len(d1[d1["word"] == "bad"]) == 2


def test_effect_table(table):
    effect = pd.read_csv(data_file(misreads.EFFECT_FILE))
    intl = effect[effect["sample_seed"] == RULE.sample_seed].set_index("variant")
    assert intl.at["listed", "words"] == len(table)
    assert intl.at["listed_positive_only", "words"] + intl.at["listed_negative_only", "words"] == len(table)
    assert intl.at["none", "change"] == 0 and intl.at["none", "share_class_changed"] == 0
    assert set(effect["sample_seed"]) == {RULE.sample_seed, RULE.stability_seed, RULE.general_sample_seed}
