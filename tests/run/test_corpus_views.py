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


def test_duplicates_and_boilerplate_notes_say_what_was_found():
    import pandas as pd

    from rhetoric.run.corpus_views import boilerplate_note, duplicates_note

    found = pd.DataFrame({"doc_id": ["b", "c", "e"], "duplicate_of": ["a", "a", "d"], "similarity": [0.9, 1.0, 0.85],
                          "group": ["x", "y", "x"], "duplicate_of_group": ["x", "x", "x"],
                          "cross_group": [False, True, False]})
    kept = duplicates_note(found, dropped=False)
    assert kept.startswith("**3 near-duplicate articles** of 2 others (near-duplicates: shingles of 5 words")
    assert "**1 across groups**" in kept and "`c` (y) = `a` (x)" in kept and "They are kept" in kept
    assert "They were dropped before anything was measured" in duplicates_note(found, dropped=True)
    assert duplicates_note(found.iloc[0:0], dropped=False).startswith("**No near-duplicate articles**")
    assert duplicates_note(None, dropped=False).startswith("Near-duplicate articles were not looked for")
    assert boilerplate_note(()).startswith("**No recurring lines**")
    assert boilerplate_note(("a footer", "a notice")).startswith("**2 recurring lines** set aside as boilerplate")


def test_group_labels_name_and_order_the_groups_and_pivots_have_no_empty_rows(make_corpus, tmp_path):
    """group_labels.csv beside metadata.csv orders the groups and names them in tables; a per-document pivot over
    a several-column index holds only the combinations that exist."""
    import pandas as pd

    from rhetoric.io.corpus import load_corpus
    from rhetoric.run.session import Session

    directory = make_corpus([{"id": "a", "stance": "pro", "text": "One text here."},
                             {"id": "b", "stance": "con", "text": "Another text here."}])
    (directory / "group_labels.csv").write_text("group,label,order\npro,For cooperation,1\ncon,Against,2\n",
                                                encoding="utf-8")
    session = Session(corpus=load_corpus(directory), notebook="05-x.ipynb", out_dir=tmp_path)
    assert session.group_order == ["pro", "con"]
    assert session.group_labels == {"con": "Against", "pro": "For cooperation"}
    long = pd.DataFrame({"doc_id": ["a", "b", "a"], "x": ["p", "q", "r"], "y": ["1", "2", "3"],
                         "v": [0.1, 0.2, 0.3]})
    wide = session.by_document(long, ["x", "y"], "v")
    assert len(wide) == 3 and not wide.isna().all(axis=1).any()
    shown = session.table(pd.DataFrame({"group": ["pro", "con"], "estimate": [0.5, 0.25]}), "t", caption="C.")
    assert "For cooperation" in shown._repr_html_() and "Against" in shown._repr_html_()
    assert "For cooperation" in (tmp_path / "figures" / "t.tex").read_text(encoding="utf-8")
