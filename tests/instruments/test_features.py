"""The per-sentence feature table and the `rhetoric features` command; the fast paths give the plain library calls'
table (the benchmark, ``benchmarks/bench_scale.py``, compares every article); invariants on arbitrary text
(Hypothesis, derandomised, small settings so the quick tier stays quick)."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhetoric.cli import main
from rhetoric.externals import switch
from rhetoric.instruments.features import feature_columns, sentence_features
from rhetoric.io.articles import Article, chunk_corpus
from rhetoric.io.corpus import load_corpus
from rhetoric.language.tokens import sentences

from conftest import TRICKY, TWO_DOCS, bench_sample, examples

BASE = ["doc_id", "stance", "paragraph_id", "sentence_id", "start", "end", "text", "n_words"]


def test_features_command_writes_one_row_per_sentence(make_corpus, tmp_path):
    d = make_corpus(TWO_DOCS)
    out = tmp_path / "f.csv"
    assert main(["features", str(d), "-o", str(out)]) == 0
    table = pd.read_csv(out, keep_default_na=False)
    assert list(table.columns[:len(BASE)]) == BASE
    corpus = load_corpus(d)
    for r in table.itertuples():
        assert corpus.raw[r.doc_id][r.start:r.end] == r.text
    # a: "Washington can act now." "China could help." (line 0) / "The U.S. and China may agree." (line 1)
    a = table[table.doc_id == "a"]
    assert list(a.paragraph_id) == [0, 0, 1] and list(a.sentence_id) == [0, 1, 2]
    assert list(a.n_words) == [4, 3, 6]
    assert set(table.stance) == {"pro", "con"}


def test_unsupported_output_format_writes_nothing(make_corpus, tmp_path, capsys):
    d = make_corpus(TWO_DOCS)
    out = tmp_path / "f.xlsx"
    assert main(["features", str(d), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "unsupported output format" in err and "f.xlsx" in err and len(err.strip().splitlines()) == 1
    assert not out.exists() and not list(tmp_path.glob(".f.xlsx*"))


def test_lexical_diversity_short_text_has_undefined_mattr():
    import math

    from rhetoric.instruments.readability import lexical_diversity

    toks = pd.DataFrame({"doc_id": ["a"] * 4, "lower": ["a", "b", "a", "c"], "is_word": [True] * 4})
    row = lexical_diversity(toks, window=50).iloc[0]
    assert row["types"] == 3 and row["tokens"] == 4 and row["TTR"] == 0.75
    assert math.isnan(row["MATTR (window 50)"])


def test_content_share_counts_documents_per_group_by_hand():
    from rhetoric.instruments.readability import content_share

    # a, b in group X; c in Y; d (in Y) has no content word. "war" is used by a (twice), b and c; "peace" by a
    # only; "the" is a stop word, "2025" has no letter, "," is no word: none of them counts.
    rows = [("a", "war"), ("a", "war"), ("a", "peace"), ("a", "the"), ("b", "war"), ("b", "2025"), ("c", "war"),
            ("c", ",")]
    toks = pd.DataFrame({"doc_id": [d for d, _ in rows], "lower": [w for _, w in rows],
                         "lemma": [w for _, w in rows], "is_word": [w != "," for _, w in rows],
                         "is_stop": [w == "the" for _, w in rows]})
    groups = {"a": "X", "b": "X", "c": "Y", "d": "Y"}
    sizes = pd.Series({"X": 2, "Y": 2})
    share = content_share(toks, groups, sizes, n_documents=4)
    assert share.index.tolist() == ["war", "peace"]
    assert share.columns.tolist() == ["all articles", "X", "Y"]
    assert share.loc["war"].tolist() == [0.75, 1.0, 0.5]
    assert share.loc["peace"].tolist() == [0.25, 0.5, 0.0]
    assert content_share(toks, groups, sizes, n_documents=4, top=1).index.tolist() == ["war"]


# --- the fast paths give the plain library calls' table, value for value (seeds, edge cases, benchmark) -------

def _csv(table: pd.DataFrame) -> str:
    return table.to_csv(index=False, lineterminator="\n")


def _same_table(corpus) -> None:
    with switch.plain():
        plain = sentence_features(corpus)
    fast = sentence_features(corpus)
    pd.testing.assert_frame_equal(fast, plain)
    assert _csv(fast) == _csv(plain)
    assert [str(d) for d in fast.dtypes] == [str(d) for d in plain.dtypes]


def test_feature_table_identical_on_seeds(seeds):
    _same_table(seeds)


def test_feature_table_identical_on_edge_cases():
    texts = ["\n".join(TRICKY), "Title\nWASHINGTON - " + " ".join(TRICKY * 3), "x", "U.S. - China -- talks."]
    _same_table(chunk_corpus([Article(doc_id=f"e{k}", stance="s", text=t) for k, t in enumerate(texts)]))
    _same_table(chunk_corpus([Article(doc_id="h", stance="s", text="Only a headline", title="Only a headline")]))


@pytest.mark.slow
def test_feature_table_identical_on_benchmark_sample():
    articles = bench_sample()
    for k in range(0, len(articles), 25):
        _same_table(chunk_corpus(articles[k:k + 25]))


# --- properties on arbitrary input (Hypothesis, derandomised): one row per sentence, offsets that slice back
# to the raw text, non-negative counts, every column of feature_columns(), whatever the text -------------------

SETTINGS = dict(deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow,
                                                                      HealthCheck.data_too_large])


WORDS = ["China", "can", "may", "clearly", "however", "we", "they", "war", "peace", "not", "U.S.", "Iran's",
         "don’t", "“quoted”", "sanctions", "perhaps", "must", "if", "but", "good", "terrible", "?", "!", "...",
         "Mr.", "e.g.", "1,000", "—", "(", ")", "Beijing", "Tehran", "Washington", "great"]


#: Odd Unicode: combining marks, right-to-left, zero-width, a BOM, emoji, non-breaking and other spaces.
ODD = ["\u0301", "\u05e9\u05dc\u05d5\u05dd", "\u200b", "\u200d", "\ufeff", "\U0001f600", "\u00a0", "\u2028",
       "\u3000", "Ǆ", "ﬁ", "\u0130", "ß", "\x00", "\x1b", "\x0c", "\t", "\r\n", "\r"]


word = st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD), st.text(min_size=1, max_size=8))


separator = st.sampled_from([" ", " ", " ", ". ", ", ", "\n", "\n\n", "  ", "\n \n", "; "])


paragraph_text = st.lists(st.tuples(word, separator), max_size=40).map(lambda ws: "".join(a + b for a, b in ws))


article_text = st.one_of(
    paragraph_text,
    st.text(max_size=300),  # anything at all, surrogates excepted
    st.lists(paragraph_text, max_size=5).map("\n".join),
    st.just(""), st.just("\n\n\n"), st.just("\ufeff"), st.just("   \t "),
)


@st.composite
def corpora(draw, text=article_text, max_articles=3):
    texts = draw(st.lists(text, min_size=1, max_size=max_articles))
    articles = []
    for k, t in enumerate(texts):
        first = t.split("\n", 1)[0].strip()
        title = draw(st.sampled_from(["", first, "Some other title"]))  # a headline when it matches
        articles.append(Article(doc_id=f"d{k}", stance=draw(st.sampled_from(["a", "b"])), text=t, title=title))
    return articles


def _check_invariants(articles: list[Article]) -> pd.DataFrame:
    corpus = chunk_corpus(articles)
    table = sentence_features(corpus)
    assert list(table.columns) == feature_columns()
    assert len(table) == len(sentences(corpus))  # one row per sentence
    assert not table.duplicated(["doc_id", "sentence_id"]).any()
    for _, part in table.groupby("doc_id", sort=False):
        assert list(part["sentence_id"]) == list(range(len(part)))
        assert (part["start"].iloc[1:].to_numpy() >= part["end"].iloc[:-1].to_numpy()).all()  # in order, apart
    for r in table.itertuples(index=False):
        raw = corpus.raw[r.doc_id]
        assert 0 <= r.start <= r.end <= len(raw)
        assert raw[r.start:r.end] == r.text
        assert r.text.strip() == r.text and r.text
    numeric = table.select_dtypes("number")
    counts = [c for c in numeric.columns if c not in ("vader_compound", "pattern_polarity")]
    assert (numeric[counts].fillna(0) >= 0).all().all()
    assert table["vader_compound"].between(-1, 1).all()
    return table


@settings(max_examples=examples(60), **SETTINGS)
@given(corpora())
def test_feature_table_invariants_on_arbitrary_text(articles):
    _check_invariants(articles)


long_text = st.integers(min_value=900, max_value=2600).flatmap(
    lambda n: st.lists(st.sampled_from(WORDS[:20] + ["and", "the", "of"]), min_size=n, max_size=n)).map(" ".join)


@settings(max_examples=examples(6), **SETTINGS)
@given(corpora(text=long_text, max_articles=2))
def test_feature_table_invariants_on_long_unpunctuated_text(articles):
    table = _check_invariants(articles)
    assert (table["text"].str.split().str.len() <= 1000).all()
