"""What every notebook calls (``rhetoric.run.notebook``): ``start`` builds and validates the notebook's settings from
its parameters, keeps the groups asked for, in order, puts the corpus's own word lists in force."""
from __future__ import annotations

import pytest

from rhetoric.base.errors import InputError
from rhetoric.instruments import actors
from rhetoric.io.wordlists import active_directory, use_lexicons
from rhetoric.run import notebook
from rhetoric.run.shared_tables import WORKERS_ENV

from conftest import write_corpus


@pytest.fixture
def restore():
    yield
    use_lexicons(None)
    actors.use_actor_list("project")


def test_start_builds_the_notebooks_settings(tmp_path, monkeypatch, restore):
    corpus = write_corpus(tmp_path / "c", [{"id": f"d{k}", "stance": "xyz"[k % 3], "text": f"Sentence {k}. More."}
                                           for k in range(6)])
    (corpus / "lexicons").mkdir()
    (corpus / "lexicons" / "rhetorical_markers.csv").write_text("term,category,reason\nmore,contrast,Test.\n")
    monkeypatch.setenv(WORKERS_ENV, "2")
    nb = notebook.start("01-corpus.ipynb", str(corpus), str(tmp_path / "out"), str(corpus / "lexicons"), groups="z,x")
    assert nb.group_order == ["z", "x"] and sorted(nb.corpus.doc_ids) == ["d0", "d2", "d3", "d5"]
    assert nb.settings.workers == 2 and nb.settings.groups == ("z", "x") and nb.lexicons == ["rhetorical_markers.csv"]
    assert active_directory() == corpus / "lexicons"  # in force for the kernel
    assert nb.corpus.metadata is not None and list(notebook.metadata_table(nb.corpus)["doc_id"]) == nb.corpus.doc_ids
    assert nb.out_dir == tmp_path / "out" and actors.actor_source() == "corpus"
    with pytest.raises(InputError, match="--groups: no group 'w'"):
        notebook.start("01-corpus.ipynb", str(corpus), str(tmp_path / "out"), groups="w")


def test_select_groups_keeps_the_metadata(tmp_path):
    corpus = write_corpus(tmp_path / "c", [{"id": "a", "stance": "x", "text": "One."}, {"id": "b", "stance": "y",
                                                                                          "text": "Two."}])
    loaded = notebook.load_corpus(corpus)
    assert notebook.select_groups(loaded, None) is loaded
    kept = notebook.select_groups(loaded, ("y",))
    assert kept.doc_ids == ["b"] and list(kept.raw) == ["b"] and kept.metadata is loaded.metadata
