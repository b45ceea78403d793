"""The generic news frames (Semetko & Valkenburg 2000): the codebook and its questions, cues on hand-checked
sentences, the feature-table columns and the family setting, and a property test on any text."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.instruments import frames, generic_frames
from rhetoric.io.articles import Article, chunk_corpus
from rhetoric.io.corpus import load_corpus
from rhetoric.language.tokens import sentences, tokens

from conftest import examples


@pytest.fixture
def tables(make_corpus):
    def _tables(text):
        corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": text}]))
        sents = sentences(corpus)
        return sents, tokens(corpus, sents)
    return _tables


def test_codebook_questions_and_cues_agree():
    book, cues, questions = generic_frames.codebook(), generic_frames.cues(), generic_frames.questions()
    assert list(book["frame"]) == ["conflict", "human_interest", "economic", "morality", "resolution"]
    assert list(questions["question"]) == [f"Q{k}" for k in range(1, 21)]  # 20 questions, 5/5/4/3/3
    assert questions.groupby("sv_frame", sort=False).size().to_dict() == {
        "responsibility": 5, "human_interest": 5, "conflict": 4, "morality": 3, "economic": 3}
    used = questions[questions["generic_frame"] != ""]
    # every frame lists exactly the questions that point to it; a question not used says why
    for r in book.itertuples():
        assert r.questions.split(";") == list(used.loc[used["generic_frame"] == r.frame, "question"])
    assert (questions.loc[questions["generic_frame"] == "", "note"].str.startswith("not used")).all()
    # every cue names a used question of its own frame, a reason, and its origin
    of = dict(zip(used["question"], used["generic_frame"]))
    assert all(of[q] == f for q, f in zip(cues["question"], cues["frame"]))
    assert all(r.startswith(q + " (") for r, q in zip(cues["reason"], cues["question"]))
    assert set(cues["origin"]) == {"codebook"} and not cues["term"].duplicated().any()
    assert set(questions["question"][questions["generic_frame"] != ""]) == set(cues["question"])


@pytest.mark.parametrize("text, frame", [
    ("Critics slammed the plan and accused the minister of lying.", "conflict"),
    ("Republicans and Democrats disagree; both sides claim victory.", "conflict"),
    ("The mother wept as her children lost their homes.", "human_interest"),
    ("It is a heartbreaking tragedy for the victims.", "human_interest"),
    ("The plan will cost taxpayers $2 billion.", "economic"),
    ("Jobs and the economy will suffer.", "economic"),
    ("The pope called it a moral duty to care for God's creation.", "morality"),
    ("We must protect future generations.", "morality"),
    ("The government proposed a solution to curb emissions.", "resolution"),
    ("Urgent action is needed now.", "resolution"),
])
def test_each_generic_frame_found_on_a_real_case(tables, text, frame):
    _, toks = tables(text)
    assert frame in set(generic_frames.generic_hits(toks)["frame"])


@pytest.mark.parametrize("text, absent", [
    ("Islamic State fighters took the town.", "morality"),  # a group's name, not religion (veto)
    ("The weather was mild on Tuesday.", None),
])
def test_generic_cues_absent_where_they_would_misfire(tables, text, absent):
    _, toks = tables(text)
    found = set(generic_frames.generic_hits(toks)["frame"])
    assert (absent not in found) if absent else not found


def test_generic_columns_count_hits_and_follow_the_family(tables):
    sents, toks = tables("Critics attacked the cost. The children cried.\nNothing here.")
    with frames.use_families("generic"):
        cols = generic_frames.generic_columns(sents, toks)
    assert list(cols.columns) == ["generic_conflict", "generic_human_interest", "generic_economic",
                                  "generic_morality", "generic_resolution"]
    assert cols["generic_conflict"].tolist() == [2, 0, 0]  # critics, attacked
    assert cols["generic_economic"].tolist() == [1, 0, 0]  # cost
    assert cols["generic_human_interest"].tolist() == [0, 2, 0]  # children, cried
    with frames.use_families("policy"):
        none = generic_frames.generic_columns(sents, toks)
    assert none.shape == (3, 0) and none.index.equals(sents.index)


piece = st.one_of(st.text(alphabet=st.sampled_from(list("abcdeilmnorstuvy $.,'\n")), max_size=12),
                  st.sampled_from(["critics ", "cost ", "God ", "children ", "solution ", "Islamic State ",
                                   "both sides ", "\u200b", "ﬁ", "I ", "my "]))
text = st.lists(piece, max_size=25).map("".join)


@settings(max_examples=examples(60))
@given(st.lists(text, min_size=1, max_size=3))
def test_generic_columns_on_any_text(texts):
    corpus = chunk_corpus([Article(doc_id=f"d{k}", stance="s", text=t or "x", title="") for k, t in enumerate(texts)])
    sents = sentences(corpus)
    toks = tokens(corpus, sents)
    with frames.use_families("generic"):
        cols = generic_frames.generic_columns(sents, toks)
        hits = generic_frames.generic_hits(toks)
    assert len(cols) == len(sents) and list(cols.columns) == [generic_frames.column(f)
                                                              for f in generic_frames.frame_names()]
    assert (cols >= 0).all().all() and cols.dtypes.map(pd.api.types.is_integer_dtype).all()
    assert int(cols.to_numpy().sum()) == len(hits)
    for h in hits.itertuples():
        assert corpus.raw[h.doc_id][h.start:h.end] == h.matched
