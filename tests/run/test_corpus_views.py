"""The corpus as the notebooks show it (``rhetoric.run.corpus_views``): corpus strings are data, never markup (issue
24); what a corpus of given group sizes allows, in words; the tables for the paper."""
from __future__ import annotations

import pandas as pd
import pytest

from rhetoric.io.corpus import load_corpus
from rhetoric.run import corpus_views

from command_helpers import HOSTILE, write_hostile_corpus
from conftest import TWO_DOCS


@pytest.fixture
def hostile_corpus(tmp_path):
    """Every string field of a corpus (ids, titles, groups, study.md) carries HTML, Markdown, LaTeX and $...$."""
    return write_hostile_corpus(tmp_path / "hostile")


def test_markdown_of_corpus_strings_holds_no_live_markup(hostile_corpus):
    from rhetoric.base.escape import md
    from rhetoric.run.session import Session

    corpus = load_corpus(hostile_corpus)
    text = Session(corpus=corpus, notebook="00-x.ipynb", out_dir=hostile_corpus).describe().data
    study = text.split("\n\n")[0]
    assert study.startswith("# &lt;script&gt;alert(1)&lt;/script&gt;")  # still a heading, the HTML as typed
    for rendered in (text, corpus_views.describe_corpus(corpus), md(HOSTILE)):
        assert "<script" not in rendered and "<img" not in rendered and "](javascript:" not in rendered
        assert "$" not in rendered.replace("\\$", "")  # every dollar escaped: no LaTeX math in any viewer


def test_scope_note_says_what_the_group_sizes_allow():
    assert corpus_views.scope_note(pd.Series({"a": 1})).startswith("**One article:**")
    assert corpus_views.scope_note(pd.Series({"a": 3})).startswith("**One group (3 articles):**")
    assert corpus_views.scope_note(pd.Series({"a": 2, "b": 3})).startswith("**Groups are compared")
    assert corpus_views.scope_note(pd.Series({"a": 1, "b": 1})).startswith("**One article per group:**")
    assert "only one group has several articles" in corpus_views.scope_note(pd.Series({"a": 1, "b": 2}))
    assert "among the other 2 groups" in corpus_views.scope_note(pd.Series({"a": 1, "b": 2, "c": 2}))


def test_metadata_table_is_the_file_as_written_read_once(make_corpus):
    d = make_corpus([{**TWO_DOCS[0], "extra": " kept as written "}, TWO_DOCS[1]],
                    columns=["id", "file", "stance", "extra"])
    corpus = load_corpus(d)
    (d / "metadata.csv").unlink()  # read with the corpus: not again
    table = corpus_views.metadata_table(corpus)
    assert list(table.columns) == ["doc_id", "file", "stance", "extra"] and list(table["doc_id"]) == ["a", "b"]
    assert table["extra"][0] == " kept as written " and "title" not in table.columns
    card = corpus_views.corpus_card(corpus)
    assert list(card["label"]) == ["a (pro)", "b (con)"] and card["sha256 (first 12)"].str.len().tolist() == [12, 12]
    assert corpus_views.bullet_list(["x", "y"]) == "- x\n- y" and "Skipped" in corpus_views.skipped_note("a thing")
