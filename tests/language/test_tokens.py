"""Sentences and words: hand-checked cases, offsets that slice back, and an independent Punkt run."""
from __future__ import annotations

import string

import pandas as pd
import punkt
import pytest
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from rhetoric.externals import switch
from rhetoric.io.articles import Article, chunk_corpus
from rhetoric.io.corpus import load_corpus
from rhetoric.language import tokens as tokens_module
from rhetoric.language.cleaning import body_paragraphs
from rhetoric.language.tokens import is_word, sentences, split_sentences, split_words, tokens

from conftest import TRICKY, write_corpus


def test_us_abbreviation_does_not_end_a_sentence():
    text = ("During U.S. President Donald Trump’s inauguration address, he declared it. "
            "Today, that vision is tested. Reports say the U.S. has deployed a carrier.")
    got = [text[a:b] for a, b in split_sentences(text)]
    assert got == ["During U.S. President Donald Trump’s inauguration address, he declared it.",
                   "Today, that vision is tested.",
                   "Reports say the U.S. has deployed a carrier."]


def test_seed_sentences_containing_us_stay_whole(seeds):
    sents = sentences(seeds)
    assert not sents["text"].str.match(r"^(President|Donald|involvement)").any()
    opening = sents[(sents.doc_id == "diplomat-2025-06") & (sents.sentence_id == 0)].iloc[0]
    assert opening.text.startswith("During U.S. President Donald Trump’s inauguration address")
    assert opening.text.endswith("the wars avoided.")


def test_curly_quotes_and_dashes_kept():
    text = "Trump’s “America First” rhetoric – a ‘forever’ war."
    got = [text[a:b] for a, b in split_words(text)]
    assert got == ["Trump", "’s", "“", "America", "First", "”", "rhetoric", "–", "a", "‘", "forever", "’",
                   "war", "."]
    assert [is_word(t) for t in ["Trump", "’s", "n't", "–", "2025", "U.S."]] == [True, False, False, False,
                                                                                 True, True]


def test_offsets_slice_back_to_text(seeds):
    sents = sentences(seeds)
    toks = tokens(seeds, sents)
    for table in (sents, toks.rename(columns={"token": "text"})):
        for r in table.itertuples():
            assert seeds.raw[r.doc_id][r.start:r.end] == r.text
    assert (toks.groupby("doc_id")["token_id"].apply(lambda s: list(s) == list(range(len(s))))).all()


def test_split_matches_independent_punkt_run(seeds):
    """NLTK's own Punkt implementation, given the same English parameters, splits every paragraph alike."""
    model = punkt.load_model("english")
    params = PunktParameters()
    params.abbrev_types = set(model.abbrev_types)
    params.collocations = set(model.collocations)
    params.sent_starters = set(model.sent_starters)
    for k, v in model.ortho_context.items():
        params.ortho_context[k] = v
    nltk_punkt = PunktSentenceTokenizer(params)
    paragraphs = body_paragraphs(seeds)
    for p in paragraphs.itertuples():
        assert split_sentences(p.text) == list(nltk_punkt.span_tokenize(p.text)), p.text[:60]


def test_word_counts_and_extra_columns(make_corpus):
    d = make_corpus([{"id": "a", "stance": "s", "text": "China can’t wait. The strikes were costly."}])
    corpus = load_corpus(d)
    sents = sentences(corpus)
    assert list(sents["n_words"]) == [3, 4]  # China, ca, wait / The, strikes, were, costly
    toks = tokens(corpus, sents, lemmas=True, stopwords=True)
    row = toks.set_index("token").loc["strikes"]
    assert row["lemma"] == "strike" and row["lower"] == "strikes" and not row["is_stop"]
    assert toks.set_index("token").loc["The", "is_stop"]


def test_shared_text_constants_and_their_intended_differences():
    """One home for quote straightening and negation; the differences between variants are deliberate."""
    from rhetoric.base import text_constants as text

    assert "’s".translate(text.STRAIGHTEN) == "'s" and "′".translate(text.STRAIGHTEN) == "′"  # VADER: no prime
    assert "Iran′s".translate(text.STRAIGHTEN_FOR_TOKENS) == "Iran's"  # the tokenizer reads the prime
    assert "–".translate(text.STRAIGHTEN) == "–" and "–".translate(text.DASHES_AND_QUOTES) == "-"
    for table in (text.STRAIGHTEN, text.STRAIGHTEN_FOR_TOKENS, text.DASHES_AND_QUOTES):
        assert all(len(chr(k)) == len(v) == 1 for k, v in table.items())  # one character for one: offsets hold
    assert text.DETECTOR_NEGATION - text.NEGATION == {"neither", "without", "none", "nothing", "nobody"}
    assert text.NEGATION - text.DETECTOR_NEGATION == {"hardly", "n’t"}


def test_token_rows_index_matches_a_dict_of_every_token(tmp_path):
    from rhetoric.language.tokens import RowIndex, token_rows

    corpus = load_corpus(write_corpus(tmp_path, [{"id": "b", "stance": "x", "text": "One two. Three four five."},
                                                 {"id": "a", "stance": "y", "text": "Six, seven; eight."}]))
    toks = tokens(corpus)
    every = {k: i for i, k in enumerate(zip(toks["doc_id"], toks["token_id"]))}
    index = token_rows(toks)[0]
    assert isinstance(index, RowIndex)
    assert all(index[k] == i for k, i in every.items())
    for missing in [("a", len(toks)), ("a", -1), ("zz", 0)]:
        with pytest.raises(KeyError):
            index[missing]
    # a table whose documents are not runs of ids from 0 (filtered, or shuffled) gets the dict itself
    for part in (toks[toks["is_word"]], toks.sample(frac=1, random_state=1)):
        rows = token_rows(part)[0]
        assert rows == {k: i for i, k in enumerate(zip(part["doc_id"], part["token_id"]))}


def test_column_list_is_the_column_shared_and_deduplicated(tmp_path):
    from rhetoric.language.tokens import column_list

    corpus = load_corpus(write_corpus(tmp_path, [{"id": "a", "stance": "x", "text": "The cat saw the cat. The end."}]))
    toks = tokens(corpus)
    for column in ("token", "lower", "is_word", "token_id"):
        assert column_list(toks, column) == toks[column].tolist()
    lower = column_list(toks, "lower")
    assert column_list(toks, "lower") is lower  # made once per table
    assert lower[0] is lower[3] and lower[0] == "the"  # equal strings are one object
    assert column_list(toks.astype({"token": object}), "token") == toks["token"].tolist()


def _slices_by_row(toks):
    """Runs of equal (doc_id, sentence_id), row by row (how they were first found)."""
    doc_ids, sids = toks["doc_id"].tolist(), toks["sentence_id"].tolist()
    out, begin = [], 0
    for i in range(1, len(doc_ids) + 1):
        if i == len(doc_ids) or doc_ids[i] != doc_ids[begin] or sids[i] != sids[begin]:
            out.append((doc_ids[begin], sids[begin], begin, i))
            begin = i
    return out


def test_sentence_runs_found_from_arrays_equal_the_row_loop(seeds):
    from rhetoric.language import tokens as module

    toks = module.tokens(seeds)
    assert module._slices(toks) == _slices_by_row(toks) and len(module._slices(toks)) > 50
    hand = pd.DataFrame({"doc_id": ["a", "a", "a", "b", "b", "a"], "sentence_id": [0, 0, 1, 1, 1, 1]})
    assert module._slices(hand) == [("a", 0, 0, 2), ("a", 1, 2, 3), ("b", 1, 3, 5), ("a", 1, 5, 6)]
    assert module._slices(hand.iloc[:0]) == []
    assert all(type(x) is int for row in module._slices(toks) for x in row[1:])


def test_int_array_reads_like_the_list_it_replaces():
    from bisect import bisect_left, bisect_right

    import numpy as np

    from rhetoric.language.tokens import int_array

    values = np.array([0, 3, 3, 7, 2**40], dtype=np.int64)
    a = int_array(values)
    assert list(a) == values.tolist() and all(type(v) is int for v in a)
    assert list(a[1:3]) == [3, 3] and a[-1] == 2**40
    for x in (-1, 0, 3, 5, 7, 2**41):
        assert bisect_left(a, x) == bisect_left(values.tolist(), x)
        assert bisect_right(a, x) == bisect_right(values.tolist(), x)
    assert list(int_array([])) == [] and list(int_array(np.array([1, 2], dtype=np.int32))) == [1, 2]


# --- the feature tables' column-wise tokenisation gives the same tables (fast paths on and off) -------------

def test_token_tables_same_values(seeds):
    sents, toks = tokens_module.sentences_and_tokens(seeds)
    fsents, ftoks = tokens_module.feature_tables(seeds)
    pd.testing.assert_frame_equal(fsents, sents)
    pd.testing.assert_frame_equal(ftoks.astype({c: sents["doc_id"].dtype for c in ("doc_id", "token", "lower")}),
                                  toks)
    assert tokens_module.sentence_slices(ftoks) == tokens_module._slices(ftoks)
    assert len(toks) > 1000 and set(string.ascii_lowercase) <= set("".join(toks["lower"]))  # a real text


def _run_tables_equal(corpus) -> None:
    want = tokens_module.sentences_and_tokens(corpus, lemmas=True, stopwords=True)
    got = tokens_module.run_tables(corpus)
    for mine, theirs in zip(got, want):
        pd.testing.assert_frame_equal(mine, theirs, check_exact=True)
        assert [str(d) for d in mine.dtypes] == [str(d) for d in theirs.dtypes]


def test_run_tables_equal_sentences_and_tokens(seeds):
    _run_tables_equal(seeds)
    texts = ["\n".join(TRICKY), "Title\nWASHINGTON - " + " ".join(TRICKY * 3), "x", "U.S. - China -- talks."]
    _run_tables_equal(chunk_corpus([Article(doc_id=f"e{k}", stance="s", text=t) for k, t in enumerate(texts)]))
    _run_tables_equal(chunk_corpus([Article(doc_id="h", stance="s", text="Only a headline", title="Only a headline")]))
    with switch.plain():
        _run_tables_equal(seeds)


def test_feature_tables_remembered_per_corpus_as_copies(seeds, monkeypatch):
    first_sents, first_toks = tokens_module.feature_tables(seeds)
    first_sents["text"] = "changed"  # a caller's change stays in its copy
    first_toks.insert(0, "extra", 1)
    sents, toks = tokens_module.feature_tables(seeds)
    assert "extra" not in toks.columns and (sents["text"] != "changed").all()
    assert tokens_module.sentence_slices(toks) == tokens_module._slices(toks)
    assert len(tokens_module._TABLES_MEMO) == 1
    tokens_module._TABLES_MEMO.clear()
    monkeypatch.setattr(tokens_module, "SPLIT_MEMO_TOKENS", 10)  # a corpus above the bound is not kept
    again = tokens_module.feature_tables(seeds)
    assert not tokens_module._TABLES_MEMO
    pd.testing.assert_frame_equal(again[1], toks)


def test_the_same_text_in_nfc_and_nfd_measures_the_same():
    """Issue 37: NFD text gave other syllable counts (21 against 30 here) and kwic Zürich missed it; only the
    measured forms are normalised, never the raw text, the token column or the offsets."""
    import unicodedata

    from rhetoric.analysis import audit
    from rhetoric.instruments.features import sentence_features
    from rhetoric.io.articles import Article, chunk_corpus
    from rhetoric.language.tokens import measured_lower, sentences_and_tokens

    text = "The café in Zürich was naïve about coöperation. Señor Müller's résumé, déjà vu: the façade crumbled."
    tables = {}
    for form in ("NFC", "NFD"):
        raw = unicodedata.normalize(form, text)
        corpus = chunk_corpus([Article(doc_id="d", stance="s", text=raw, title="", line=1)])
        features = sentence_features(corpus)
        tables[form] = features.drop(columns=["text", "start", "end"], errors="ignore")
        toks = sentences_and_tokens(corpus)[1]
        assert all(raw[a:b] == t for a, b, t in zip(toks["start"], toks["end"], toks["token"]))  # offsets raw
        assert "".join(features["text"]).replace(" ", "") in raw.replace(" ", "").replace("\n", "")
        assert len(audit.kwic(corpus, unicodedata.normalize("NFD", "Zürich"))) == 1
        assert len(audit.kwic(corpus, "Zürich")) == 1
    pd.testing.assert_frame_equal(tables["NFC"], tables["NFD"])
    assert measured_lower("ZU\u0308RICH") == "zürich"
