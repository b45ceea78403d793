"""Property-based tests: the feature builder and the readers on arbitrary input (Hypothesis).

Invariants of :func:`rhetoric.instruments.features.sentence_features` on any in-memory corpus, whatever the text (short
or long, empty paragraphs, odd Unicode, control characters, a byte-order mark): one row per sentence, offsets
that slice back to the raw text, non-negative counts, every column of ``feature_columns()``. And of the JSON
Lines reader: every non-blank line gives exactly one article or one named failure, never an exception.

Settings are small and derandomized, so CI is deterministic and quick.
"""
from __future__ import annotations

import json

import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rhetoric.instruments.features import feature_columns, sentence_features
from rhetoric.io.articles import GZIP_MAGIC, Article, chunk_corpus, read_jsonl
from rhetoric.language.sentence_cap import cap_sentences
from rhetoric.language.tokens import sentences

from conftest import examples

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


@settings(max_examples=examples(100), **SETTINGS)
@given(st.text(alphabet=st.sampled_from(["a", "b", " ", "\n", "\t", "."]), max_size=200),
       st.integers(min_value=1, max_value=6))
def test_cap_sentences_keeps_every_word_in_order(text, limit):
    spans = cap_sentences(text, [(0, len(text))], limit=limit)
    assert all(len(text[a:b].split()) <= limit for a, b in spans)
    assert [w for a, b in spans for w in text[a:b].split()] == text.split()


line = st.one_of(
    st.binary(max_size=60).map(lambda b: b.replace(b"\n", b"")),
    st.builds(lambda i, s, t: json.dumps({"id": i, "stance": s, "text": t}).encode(),
              st.one_of(st.text(max_size=5), st.integers(), st.none(), st.booleans()),
              st.one_of(st.text(max_size=5), st.integers(), st.lists(st.integers(), max_size=2)),
              st.one_of(st.text(max_size=40), st.floats(allow_nan=False), st.none())),
    st.sampled_from([b"[1]", b"null", b"{}", b'"text"', b"\xef\xbb\xbf{}", b"\xff\xfe", b"   ",
                     b'{"id": "s", "stance": "s", "text": "\\udc80"}', b'{"id": 1e400, "stance": "s", "text": "x"}']),
)


@settings(max_examples=examples(80), **SETTINGS)
@given(st.lists(line, max_size=8))
def test_jsonl_reader_names_every_line_and_never_raises(tmp_path_factory, lines):
    assume(not (lines and lines[0].startswith(GZIP_MAGIC)))  # that file is gzip, read as such
    path = tmp_path_factory.mktemp("jsonl") / "c.jsonl"
    path.write_bytes(b"".join(x + b"\n" for x in lines))
    items = list(read_jsonl(path))
    numbers = [it.line if isinstance(it, Article) else it[0] for it in items]
    first = lines[0].removeprefix(b"\xef\xbb\xbf") if lines else b""
    expected = [k for k, x in enumerate(lines, start=1) if (first if k == 1 else x).strip()]
    assert numbers == expected
    for it in items:
        if isinstance(it, Article):
            assert it.text.strip() and it.doc_id and isinstance(it.stance, str)
        else:
            assert it[2]  # a problem, in words
