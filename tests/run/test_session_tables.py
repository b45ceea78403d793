"""A session's tables, shared across the run's notebooks and keyed by the documents (``rhetoric.run.session_tables``;
issue 21): each computed once per run, read back the same."""
from __future__ import annotations

import pandas as pd

from rhetoric.instruments import hedging
from rhetoric.instruments.readability import lexical_diversity
from rhetoric.io.corpus import load_corpus
from rhetoric.language.tokens import sentences_and_tokens
from rhetoric.run import session_tables, shared_tables
from rhetoric.run.session import Session

from conftest import session_docs, write_corpus


def test_session_tables_are_shared_and_keyed_by_the_documents(six, tmp_path):
    corpus, table = six
    with shared_tables.run_folder(tmp_path) as folder:
        one = Session(corpus=corpus, notebook="01-corpus.ipynb", out_dir=tmp_path)
        pd.testing.assert_frame_equal(one.features(), table)
        names = sorted(p.name.split("-")[0] for p in folder.iterdir())
        assert names == ["features"]
        two = Session(corpus=corpus, notebook="02-framing.ipynb", out_dir=tmp_path)
        pd.testing.assert_frame_equal(two.features(), table)
        assert len(list(folder.iterdir())) == 1  # read, not computed again
        fewer = load_corpus(write_corpus(tmp_path / "fewer", session_docs(4)))
        other = Session(corpus=fewer, notebook="03-sentiment.ipynb", out_dir=tmp_path)
        assert len(other.features()) < len(table)
        assert len(list(folder.iterdir())) == 2


def test_session_tokenises_once_per_run_and_reads_sentences_alone(six, tmp_path, monkeypatch):
    corpus, _ = six
    passes = []
    real = session_tables.run_tables
    monkeypatch.setattr(session_tables, "run_tables", lambda *a, **k: passes.append(1) or real(*a, **k))
    expected = sentences_and_tokens(corpus, lemmas=True, stopwords=True)
    with shared_tables.run_folder(tmp_path) as folder:
        first = Session(corpus=corpus, notebook="01-corpus.ipynb", out_dir=tmp_path)
        sents, toks = first.tables()
        assert {"lemma", "is_stop"} <= set(toks.columns)
        pd.testing.assert_frame_equal(sents, expected[0])
        pd.testing.assert_frame_equal(toks, expected[1])
        assert sorted(p.name.split("-")[0] for p in folder.iterdir()) == ["sentences", "tokens"]
        toks["lower"] = "changed"  # a caller's change stays with its copy (pandas copies on write)
        assert (first.tables()[1]["lower"] != "changed").all()
        later = Session(corpus=corpus, notebook="03-sentiment.ipynb", out_dir=tmp_path)
        pd.testing.assert_frame_equal(later.sentences(), expected[0])
        assert later._tables is None  # the token table was not read
        pd.testing.assert_frame_equal(later.tables()[1], expected[1])
        mentions = later.mentions()
        assert len(passes) == 1  # one tokenisation for the whole run
        assert "mentions" in {p.name.split("-")[0] for p in folder.iterdir()}
        pd.testing.assert_frame_equal(Session(corpus=corpus, notebook="05.ipynb", out_dir=tmp_path).mentions(),
                                      mentions)
        found = later.markers()  # the markers notebook 04 shows and 05 counts: found once, the same tables
        assert "markers" in {p.name.split("-")[0] for p in folder.iterdir()}
        again = Session(corpus=corpus, notebook="05.ipynb", out_dir=tmp_path).markers()
        for mine, theirs, alone in zip(found, again, (hedging.markers(expected[1], expected[0]),
                                                      hedging.modals(expected[1], expected[0]),
                                                      hedging.conditionals(expected[1]))):
            pd.testing.assert_frame_equal(mine, theirs)
            pd.testing.assert_frame_equal(mine, alone)
        pd.testing.assert_frame_equal(later.diversity(), lexical_diversity(expected[1]))
        assert len(passes) == 1
