"""A notebook's outputs replace the old ones only when it succeeds (``rhetoric.run.staging``): staged, swapped in
whole, and a swap cut short by a kill undone by the next run (issue 24)."""
from __future__ import annotations

import os

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhetoric.run import runner, staging
from rhetoric.run.settings import Settings

from command_helpers import NAMES, fake_runner, outputs, run_notebooks
from conftest import TWO_DOCS

PROPERTY = settings(max_examples=25, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """Stand-in notebooks and a fake executor (``command_helpers.fake_runner``)."""
    return fake_runner(tmp_path, monkeypatch)


def test_stage_swap_discard(tmp_path):
    figs = tmp_path / "figures"
    figs.mkdir()
    (figs / "old.png").write_bytes(b"old")
    staged = staging.stage(figs, "01-a")
    assert staged == staging.staging_dir(figs, "01-a") and (staged / "figures" / "old.png").read_bytes() == b"old"
    (staged / "figures" / "new.png").write_bytes(b"new")
    staging.swap(staged, figs)
    assert sorted(p.name for p in figs.iterdir()) == ["new.png", "old.png"] and not staged.exists()
    again = staging.stage(figs, "01-a")
    (again / "figures" / "old.png").unlink()
    staging.discard(again)
    assert sorted(p.name for p in figs.iterdir()) == ["new.png", "old.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures"]


def test_a_swap_cut_short_by_a_kill_is_undone_by_the_next_run(fake, make_corpus, tmp_path):
    corpus, out = make_corpus(TWO_DOCS), tmp_path / "out"
    assert run_notebooks(corpus, out) == NAMES
    before = outputs(out)
    (out / "figures").rename(out / f"{staging.OLD_PREFIX}figures-99999")  # killed between the swap's two renames
    (out / f"{staging.STAGING_PREFIX}01-a" / "figures").mkdir(parents=True)  # and a staging folder left behind
    (out / f"{staging.STAGING_PREFIX}01-a" / "figures" / "01-a-figure.png").write_bytes(b"never finished")
    assert run_notebooks(corpus, out) == []  # the old folder is back: every output intact, nothing to re-run
    assert outputs(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".rhetoric-")]


def _versioned_executor(version: str, fail_at: int | None, how: str):
    """A stand-in for notebook 01-a writing version ``version`` of its outputs through start()'s staging folder,
    failing (``how``) before its ``fail_at``-th write."""
    from rhetoric.report.figure_files import clear_figures, record_figure
    from rhetoric.report.findings_store import clear_findings, record_findings
    from rhetoric.report.tables import write_table
    from rhetoric.run.session_outputs import output_root

    def execute(nb, cwd, timeout=900):
        figs = output_root(cwd / "..") / "figures"
        figs.mkdir(parents=True, exist_ok=True)
        steps = [lambda: clear_findings(figs, "01-a.ipynb"), lambda: clear_figures(figs, "01-a.ipynb"),
                 lambda: (figs / "01-a-figure.png").write_bytes(f"png {version}".encode()),
                 lambda: record_figure(figs, name="01-a-figure", notebook="01-a.ipynb", caption=f"Figure {version}.",
                                       width_in=3.5, height_in=2, layout_problems=""),
                 lambda: (figs / f"01-a-extra-{version}.png").write_bytes(b"extra"),
                 lambda: record_figure(figs, name=f"01-a-extra-{version}", notebook="01-a.ipynb",
                                       caption="Extra.", width_in=3.5, height_in=2, layout_problems=""),
                 lambda: write_table(pd.DataFrame({"v": [version]}), "01-a-table", figs),
                 lambda: record_findings(figs, "01-a.ipynb", "finding", [f"01-a found {version}."])]
        for k, step in enumerate(steps):
            if k == fail_at:
                if how == "interrupt":
                    raise KeyboardInterrupt
                raise RuntimeError("a cell failed")
            step()
        return nb
    return execute


@pytest.mark.slow
@PROPERTY
@given(fail_at=st.one_of(st.none(), st.integers(0, 7)), how=st.sampled_from(["error", "interrupt"]),
       kill_rename=st.sampled_from([None, 1, 2]))
def test_property_outputs_are_the_old_ones_or_the_new_ones_never_a_mix(fake, tmp_path_factory, monkeypatch, fail_at,
                                                                        how, kill_rename):
    """A notebook that fails or is interrupted at any write, or a run killed at any point of the swap (followed
    by the next run's recovery): the outputs are exactly the previous ones or exactly the new ones."""
    import shutil

    from rhetoric.run.runner import Interrupted, RunError

    from conftest import write_corpus

    base = tmp_path_factory.mktemp("swap")
    corpus, out, ref = write_corpus(base / "corpus", TWO_DOCS), base / "out", base / "ref"
    with monkeypatch.context() as m:
        m.setattr(runner, "execute_notebook", _versioned_executor("v1", None, how))
        runner.run(Settings(corpus=corpus, out=out, only=["01-a"]), log=lambda msg: None)
    shutil.copytree(out, ref, symlinks=True)
    with monkeypatch.context() as m:
        m.setattr(runner, "execute_notebook", _versioned_executor("v2", None, how))
        runner.run(Settings(corpus=corpus, out=ref, only=["01-a"], force=True), log=lambda msg: None)
    old, new = outputs(out / "figures"), outputs(ref / "figures")
    assert old != new
    calls = {"n": 0}
    real_rename = os.rename

    def rename(a, b):  # the process is killed before the kill_rename-th rename of the swap
        calls["n"] += 1
        if calls["n"] == kill_rename:
            raise SystemExit("killed")
        return real_rename(a, b)

    with monkeypatch.context() as m:
        m.setattr(runner, "execute_notebook", _versioned_executor("v2", fail_at, how))
        m.setattr(staging.os, "rename", rename)
        try:
            runner.run(Settings(corpus=corpus, out=out, only=["01-a"], force=True), log=lambda msg: None)
        except (RunError, Interrupted, SystemExit):
            pass
    staging.recover(out / "figures")  # what the next run does first
    now = outputs(out / "figures")
    assert now in (old, new)
    if fail_at is not None:
        assert now == old
    assert not [p for p in out.iterdir() if p.name.startswith(".rhetoric-")]


def test_a_second_run_into_the_same_out_is_refused_and_touches_nothing(fake, make_corpus, tmp_path, capsys):
    """Issue 37: two runs into one --out deleted each other's live staging folders and both exited 0."""
    from command_helpers import one_clear_line, run_cli

    corpus, out = make_corpus(TWO_DOCS), tmp_path / "out"
    assert run_notebooks(corpus, out) == NAMES
    before = outputs(out)
    live = out / f"{staging.STAGING_PREFIX}01-a" / "figures"  # the first run's staging folder, in use
    live.mkdir(parents=True)
    with staging.run_lock(out / "figures"):  # as a live run holds it
        code, err = run_cli(capsys, "--corpus", corpus, "--out", out, "--force")
        assert code == 2
        one_clear_line(err, "another rhetoric run", f"process {os.getpid()}")
        assert live.is_dir() and outputs(out) == before  # recover() left the live run's folder alone
    assert run_notebooks(corpus, out, force=True) == NAMES  # the lock ends with the run holding it
    assert not live.exists()  # left by a run that no longer runs: recovered


def test_the_lock_is_released_however_the_block_ends(tmp_path):
    with pytest.raises(RuntimeError), staging.run_lock(tmp_path / "figures"):
        raise RuntimeError("boom")
    with staging.run_lock(tmp_path / "figures") as lock:
        assert lock.read_text().strip() == str(os.getpid())
