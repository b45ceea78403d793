"""A notebook's session (``rhetoric.run.session``): samples and resamples fitted to the corpus's size (issue 21),
the groups in the order the settings give."""
from __future__ import annotations

from rhetoric.io.corpus import load_corpus
from rhetoric.run.session import INTERVAL_DOCS, LARGE_CORPUS_RESAMPLES, Session
from rhetoric.run.settings import Settings

from conftest import session_docs, write_corpus


def test_document_sample_is_every_document_up_to_k_then_a_sorted_seeded_sample(six, tmp_path):
    corpus, _ = six
    session = Session(corpus=corpus, notebook="01-corpus.ipynb", out_dir=tmp_path)
    assert session.document_sample(6, seed=1) is None and session.document_sample(10, seed=1) is None
    some = session.document_sample(4, seed=1)
    assert some == sorted(corpus.documents["doc_id"].sample(4, random_state=1)) and len(set(some)) == 4
    assert session.document_sample(4, seed=1) == some


def test_large_corpora_describe_articles_with_fewer_resamples_and_say_so(tmp_path, monkeypatch):
    import rhetoric.run.session as session_module

    shown = []
    monkeypatch.setattr(session_module, "display", lambda obj: shown.append(obj.data))
    small = load_corpus(write_corpus(tmp_path / "small", session_docs(INTERVAL_DOCS)))
    assert Session(corpus=small, notebook="x.ipynb", out_dir=tmp_path).interval_resamples(10_000) == 10_000
    assert shown == []
    large = load_corpus(write_corpus(tmp_path / "large", session_docs(INTERVAL_DOCS + 1)))
    session = Session(corpus=large, notebook="x.ipynb", out_dir=tmp_path)
    assert session.interval_resamples(10_000) == LARGE_CORPUS_RESAMPLES
    assert f"{LARGE_CORPUS_RESAMPLES:,} resamples each" in shown[-1]  # said to the reader, in the notebook
    assert session.interval_resamples(500) == 500  # never more than asked


def test_groups_in_the_settings_order(tmp_path):
    corpus = load_corpus(write_corpus(tmp_path / "c", session_docs(6, ("b", "a", "c"))))
    plain = Session(corpus=corpus, notebook="01-corpus.ipynb", out_dir=tmp_path)
    assert plain.group_order == ["a", "b", "c"] and plain.group_sizes.tolist() == [2, 2, 2] and plain.blocks is None
    ordered = Session(corpus=corpus, notebook="01-corpus.ipynb", out_dir=tmp_path, order=["c", "a"])
    assert ordered.group_order == ["c", "a"] and ordered.group_sizes.to_dict() == {"c": 2, "a": 2}
    assert plain.settings == Settings(command="notebook") and plain.groups["d000"] == "b"
    assert plain.labels["d001"] == "d001 (a)" and plain.figures == tmp_path / "figures"


def test_the_unit_of_analysis_follows_the_cluster_setting(tmp_path):
    """Default: the outlet when its values repeat and each holds one group; ``none``: articles; a column named."""
    docs = [{**d, "outlet": f"{d['stance']}{i % 2}"} for i, d in enumerate(session_docs(8))]
    corpus = load_corpus(write_corpus(tmp_path / "c", docs, columns=["id", "file", "stance", "title", "outlet"]))
    default = Session(corpus=corpus, notebook="05.ipynb", out_dir=tmp_path)
    assert default.cluster_column == "outlet" and default.analysis_unit == "outlet"
    assert default.clusters == {d["id"]: d["outlet"] for d in docs}
    off = Session(corpus=corpus, notebook="05.ipynb", out_dir=tmp_path, settings=Settings(command="notebook",
                                                                                           cluster="none"))
    assert off.cluster_column is None and off.clusters is None and off.analysis_unit == "article"
    named = Session(corpus=corpus, notebook="05.ipynb", out_dir=tmp_path, settings=Settings(command="notebook",
                                                                                             cluster="title"))
    assert named.cluster_column == "title"
