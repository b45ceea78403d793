"""``rhetoric run`` (``rhetoric.run.runner``) without executing the real notebooks: stand-in notebooks and a fake
executor (``command_helpers.fake_runner``) test its three steps in seconds: a failed or interrupted notebook keeps
its previous outputs, a failing one is one line with its traceback kept, a full disk is one line (issues 20, 24)."""
from __future__ import annotations

import os
import signal

import pytest

from rhetoric.cli import main
from rhetoric.run import cache, runner, staging

from command_helpers import NAMES, fake_runner, one_clear_line, outputs, run_cli, run_notebooks
from conftest import TWO_DOCS


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """Stand-in notebooks and a fake executor (``command_helpers.fake_runner``)."""
    return fake_runner(tmp_path, monkeypatch)


def test_one_document_corpus_is_valid_input(fake, make_corpus, tmp_path, capsys):
    corpus = make_corpus(TWO_DOCS[:1])
    assert main(["run", "--corpus", str(corpus), "--out", str(tmp_path / "out")]) == 0
    assert [name for name, _ in fake] == NAMES
    assert main(["features", str(corpus), "-o", str(tmp_path / "f.csv"), "--no-progress"]) == 0


def test_a_failing_notebook_is_one_line_and_its_traceback_is_kept(fake, make_corpus, tmp_path, capsys,
                                                                  monkeypatch):
    from nbclient.exceptions import CellExecutionError

    def fail(nb, cwd, timeout=900):
        raise CellExecutionError("Traceback (most recent call last):\n  File ...\n\x1b[31mValueError\x1b[0m: "
                                 "one document", "ValueError", "one document")

    monkeypatch.setattr(runner, "execute_notebook", fail)
    out = tmp_path / "out"
    code = main(["run", "--corpus", str(make_corpus(TWO_DOCS[:1])), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip().splitlines()[-1].startswith("rhetoric run: 01-a.ipynb failed")
    assert "ValueError: one document" in err and "Traceback" not in err
    assert "File ..." in (out / "01-a.error.txt").read_text()
    assert not (out / "notebooks" / "01-a.ipynb").exists()


def _breaking(fake_execute, how: str):
    """An executor that writes part of a notebook's outputs (into wherever start() points) and then fails."""
    from rhetoric.report.figure_files import clear_figures
    from rhetoric.report.findings_store import clear_findings
    from rhetoric.run.session_outputs import output_root

    def execute(nb, cwd, timeout=900):
        out = output_root(cwd / "..")
        clear_findings(out / "figures", "01-a.ipynb")  # what start() does first: the old outputs go
        clear_figures(out / "figures", "01-a.ipynb")
        (out / "figures" / "01-a-figure.png").write_bytes(b"half a figure")
        if how == "error":
            raise RuntimeError("a cell failed")
        if how == "interrupt":
            raise KeyboardInterrupt
        if how == "nbclient":  # Ctrl-C reaches the kernel too; nbclient reports something else
            try:
                os.kill(os.getpid(), signal.SIGINT)
            except KeyboardInterrupt:
                pass
            raise AssertionError
        return fake_execute(nb, cwd, timeout)
    return execute


@pytest.mark.parametrize("how, code, said", [("error", 1, "failed, its previous outputs are kept"),
                                             ("interrupt", 130, "interrupted; its previous outputs"),
                                             ("nbclient", 130, "interrupted (SIGINT); its previous outputs")])
def test_a_failed_or_interrupted_notebook_keeps_its_previous_outputs(fake, make_corpus, tmp_path, capsys,
                                                                    monkeypatch, how, code, said):
    corpus, out = make_corpus(TWO_DOCS), tmp_path / "out"
    assert run_notebooks(corpus, out) == NAMES
    before = outputs(out)
    monkeypatch.setattr(runner, "execute_notebook", _breaking(runner.execute_notebook, how))
    got, err = run_cli(capsys, "--corpus", corpus, "--out", out, "--force")
    assert got == code
    assert err.strip().splitlines()[-1].startswith("rhetoric run: 01-a.ipynb") and said in err
    assert "AssertionError" not in err and "Traceback" not in err
    assert outputs(out) == before  # figures, tables, manifest and findings rows as they were
    assert not [p for p in out.iterdir() if p.name.startswith(".rhetoric-")]  # no staging folder left


def test_only_an_unknown_notebook_is_refused(fake, make_corpus, tmp_path, capsys):
    code, err = run_cli(capsys, "--corpus", make_corpus(TWO_DOCS), "--out", tmp_path / "out", "--only", "nope")
    assert code == 2 and fake == []
    one_clear_line(err, "--only", "'nope'")
    assert not (tmp_path / "out").exists()


def test_read_only_or_full_out_is_one_line_and_leaves_nothing(fake, make_corpus, tmp_path, capsys, monkeypatch):
    import errno

    corpus, out = make_corpus(TWO_DOCS), tmp_path / "out"
    assert run_notebooks(corpus, out) == NAMES
    before = outputs(out)
    real_copy = __import__("shutil").copy2
    calls = {"n": 0}

    def full(src, dst, **kw):  # the disk fills up while the outputs are staged
        calls["n"] += 1
        if calls["n"] > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        return real_copy(src, dst, **kw)

    monkeypatch.setattr("shutil.copy2", full)
    code, err = run_cli(capsys, "--corpus", corpus, "--out", out, "--force")
    assert code == 2
    one_clear_line(err.strip().splitlines()[-1], os.strerror(errno.ENOSPC), "previous outputs are kept")
    assert "Traceback" not in err and "executing" in err  # the progress line, then the one error line
    assert outputs(out) == before
    assert not [p for p in out.rglob(".*") if p.name not in (cache.STATE_FILE, staging.LOCK_FILE)]  # no staging


def test_a_slow_user_pattern_in_a_notebook_is_one_line_and_exit_2(fake, make_corpus, tmp_path, capsys, monkeypatch):
    corpus, out = make_corpus(TWO_DOCS), tmp_path / "out"
    assert run_notebooks(corpus, out) == NAMES
    before = outputs(out)

    class CellError(Exception):  # what nbclient raises for a cell's exception: its name and value
        ename = "PatternTimeout"
        evalue = ("/lists/cleaning_patterns.csv: line 3, pattern '^(?:.*a){10}!x': pattern took longer than 1 s "
                  "on document long")

    def execute(nb, cwd, timeout=900):
        raise CellError("a cell failed")

    monkeypatch.setattr(runner, "execute_notebook", execute)
    code, err = run_cli(capsys, "--corpus", corpus, "--out", out, "--force")
    assert code == 2 and "Traceback" not in err
    one_clear_line(err.split("executing ...", 1)[1], "rhetoric: error:", "cleaning_patterns.csv: line 3",
                    "took longer than 1 s on document long", "01-a.ipynb", "previous outputs are kept")
    assert outputs(out) == before


def test_run_progress_names_share_and_time_left():
    from rhetoric.run.runner import Outcome, time_left

    todo = ["01-a.ipynb", "02-b.ipynb", "03-c.ipynb", "00-overview.ipynb"]
    done = [Outcome("00-x.ipynb", False, 0.0), Outcome("01-a.ipynb", True, 20.0), Outcome("02-b.ipynb", True, 40.0)]
    assert time_left(done, todo, 3, 5) == " (60%, about 60 s left)"  # two left at 30 s each
    slow = [Outcome("01-a.ipynb", True, 300.0)]
    assert time_left(slow, todo, 1, 4) == " (25%, about 15 min left)"
    assert time_left(done + [Outcome("03-c.ipynb", True, 30.0), Outcome("00-overview.ipynb", True, 5.0)], todo,
                     5, 5) == " (100%)"
