"""A run's plan (``rhetoric.run.plan``): the notebooks in order (the overview last), the parameters ``--out``
injects, which notebooks are stale."""
from __future__ import annotations

import pytest

from rhetoric.run import plan
from rhetoric.run.settings import Settings

from command_helpers import NAMES, fake_runner, run_notebooks
from conftest import TWO_DOCS


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """Stand-in notebooks and a fake executor (``command_helpers.fake_runner``)."""
    return fake_runner(tmp_path, monkeypatch)


def test_overview_runs_last():
    """Moved from tests/analysis/test_comparison.py."""
    names = [p.name for p in plan.notebook_paths()]
    assert names[-1] == plan.OVERVIEW and names[:-1] == sorted(names[:-1])


def test_parameters_name_the_inputs_relative_to_the_notebooks(tmp_path, make_corpus):
    corpus = make_corpus(TWO_DOCS)
    lists = tmp_path / "lists"
    lists.mkdir()
    out = tmp_path / "out"
    checked = Settings(corpus=corpus, out=out, lexicons=lists, groups="con,pro,con", resamples=500).validate()
    assert plan.parameters(checked, out / "notebooks", out) == {
        "CORPUS_DIR": "../../corpus", "OUTPUT_DIR": "..", "LEXICONS_DIR": "../../lists", "GROUPS": "con,pro",
        "N_RESAMPLES": 500}
    bare = Settings(corpus=corpus, out=out).validate()
    assert plan.parameters(bare, out / "notebooks", out) == {"CORPUS_DIR": "../../corpus", "OUTPUT_DIR": ".."}


def test_a_plan_knows_what_is_stale(fake, make_corpus, tmp_path):
    corpus, out = make_corpus(TWO_DOCS), tmp_path / "out"
    settings = Settings(corpus=corpus, out=out, only=["02-b"]).validate()
    first = plan.make_plan(settings)
    assert [p.name for p in first.notebooks] == ["02-b.ipynb"] and first.todo == first.notebooks
    assert first.nb_dir == out.resolve() / "notebooks" and first.params["OUTPUT_DIR"] == ".."
    assert run_notebooks(corpus, out) == NAMES
    again = plan.make_plan(settings)
    assert again.todo == [] and set(again.state) == set(NAMES)
    forced = plan.make_plan(Settings(corpus=corpus, out=out, force=True).validate())
    assert [p.name for p in forced.todo] == NAMES
