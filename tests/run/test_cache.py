"""What a notebook's re-execution depends on (``rhetoric.run.cache``): every output it writes, its word lists and
parameters; a generated file is rewritten, never a reason to re-run."""
from __future__ import annotations

import pandas as pd
import pytest

from rhetoric.run import cache

from command_helpers import NAMES, fake_runner, run_notebooks
from conftest import TWO_DOCS


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """Stand-in notebooks and a fake executor (``command_helpers.fake_runner``)."""
    return fake_runner(tmp_path, monkeypatch)


def test_digests_read_only_what_they_say(tmp_path):
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "a.txt").write_text("a")
    first = cache.tree_digest(tree)
    (tree / "sub" / "a.txt").write_text("b")
    assert cache.tree_digest(tree) != first and cache.tree_digest(None) == cache.tree_digest(tmp_path / "none")
    nb = {"cells": [{"cell_type": "code", "source": ["x = ", "1"], "metadata": {"tags": ["b", "a"]}, "outputs": [1]},
                    {"cell_type": "code", "source": "GROUPS = 'a'", "metadata": {"tags": ["injected-parameters"]}}]}
    bare = {"cells": [{"cell_type": "code", "source": "x = 1", "metadata": {"tags": ["a", "b"]}}]}
    assert cache.cells_digest(nb) == cache.cells_digest(bare)  # outputs, injected parameters and tag order aside
    before = {"a.png": (1, 1, 1), "figures.csv": (1, 1, 1)}
    after = {"a.png": (1, 2, 1), "b.csv": (3, 3, 3), "figures.csv": (1, 2, 2), "README.md": (4, 4, 4)}
    assert cache.written(before, after) == ["a.png", "b.csv"]
    state = tmp_path / "state" / cache.STATE_FILE
    assert cache.read_state(state) == {}
    cache.write_state(state, {"01-a.ipynb": {"key": "k"}})
    assert cache.read_state(state) == {"01-a.ipynb": {"key": "k"}}


def test_cache_covers_every_output_a_notebook_writes(fake, make_corpus, tmp_path):
    corpus, out = make_corpus(TWO_DOCS), tmp_path / "out"
    figs = out / "figures"
    assert run_notebooks(corpus, out) == NAMES
    assert run_notebooks(corpus, out) == []  # nothing changed: nothing runs
    (figs / "findings.csv").unlink()  # both notebooks' findings gone: both re-run
    assert run_notebooks(corpus, out) == NAMES
    assert sorted(pd.read_csv(figs / "findings.csv")["notebook"]) == NAMES
    (figs / "01-a-table.csv").unlink()  # an exported table
    assert run_notebooks(corpus, out) == ["01-a.ipynb"]
    (figs / "02-b-table.tex").write_text("damaged")
    assert run_notebooks(corpus, out) == ["02-b.ipynb"]
    (figs / "02-b-figure.png").unlink()  # a figure
    assert run_notebooks(corpus, out) == ["02-b.ipynb"]
    findings = pd.read_csv(figs / "findings.csv")
    findings.loc[findings["notebook"] == "01-a.ipynb", "finding"] = "edited by hand"
    findings.to_csv(figs / "findings.csv", index=False)  # one notebook's rows of the shared table
    assert run_notebooks(corpus, out) == ["01-a.ipynb"]
    (figs / "figures.csv").unlink()  # the figure manifest
    assert run_notebooks(corpus, out) == NAMES
    assert run_notebooks(corpus, out) == []
    (figs / "README.md").write_text("stale gallery")  # generated: rewritten, nothing re-run
    assert run_notebooks(corpus, out) == [] and "Figure of 01-a." in (figs / "README.md").read_text()


def test_word_lists_are_injected_and_covered_by_the_cache(fake, make_corpus, tmp_path):
    corpus, out = make_corpus(TWO_DOCS), tmp_path / "out"
    lists = tmp_path / "lists"
    lists.mkdir()
    (lists / "tone_misreads.csv").write_text("word,reason\nunited,Names a country.\n")
    assert run_notebooks(corpus, out) == NAMES
    assert all("LEXICONS_DIR" not in src for _, src in fake)  # injected only when given
    fake.clear()
    assert run_notebooks(corpus, out, lexicons=lists) == NAMES
    assert all("LEXICONS_DIR = '../../lists'" in src for _, src in fake)
    assert run_notebooks(corpus, out, lexicons=lists) == []
    (lists / "tone_misreads.csv").write_text("word,reason\nunited,Names a country.\nclear,Not a feeling.\n")
    assert run_notebooks(corpus, out, lexicons=lists) == NAMES
    (corpus / "lexicons").mkdir()  # a file added to the corpus (its own lists, even unused) counts too
    (corpus / "lexicons" / "tone_misreads.csv").write_text("word,reason\ntrust,Policy term.\n")
    assert run_notebooks(corpus, out, lexicons=lists) == NAMES
