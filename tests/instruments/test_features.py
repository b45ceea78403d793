"""The per-sentence feature table and the `rhetoric features` command."""
from __future__ import annotations

import pandas as pd

from rhetoric.cli import main
from rhetoric.io.corpus import load_corpus

from conftest import TWO_DOCS

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
