"""Reliability at the new edges (issue 24): outputs never clobber, corpus strings never execute, every input
bounded. Each test names the case of the issue it covers; each failed before the change it tests.

`rhetoric run` is exercised with the stand-in notebooks and fake executor of ``test_run_safety`` (each
"execution" writes a figure with its manifest row, a table and its findings, through the staging folder).
"""
from __future__ import annotations

import os
import signal
from pathlib import Path

import pandas as pd
import pytest

from rhetoric import runner, scale
from rhetoric.cli import main
from rhetoric.paths import FIGURES, NOTEBOOKS, ROOT

from conftest import TWO_DOCS
from test_hardening import ARTICLES, _features, _jsonl, _one_clear_line
from test_run_safety import NAMES, _run, fake  # noqa: F401 - fake is a fixture

COMMITTED = (NOTEBOOKS, FIGURES)


def _snapshot(*folders: Path) -> dict[str, bytes]:
    """Every file under ``folders`` (not following symlinks out) with its bytes."""
    files = {}
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            if p.is_file() and not p.is_symlink():
                files[str(p)] = p.read_bytes()
    return files


def _committed_names() -> list[str]:
    return sorted(str(p) for folder in COMMITTED for p in folder.rglob("*"))


def _run_cli(capsys, *args) -> tuple[int, str]:
    code = main(["run", *map(str, args)])
    return code, capsys.readouterr().err


# ------------------------------------------------------------------------------ 1. resolve before you protect


@pytest.mark.parametrize("link, target", [("notebooks", NOTEBOOKS), ("figures", FIGURES), ("notebooks", ROOT)])
def test_out_whose_subfolder_is_a_symlink_into_the_project_is_refused(fake, make_corpus, tmp_path, capsys, link,
                                                                      target):
    out = tmp_path / "out"
    out.mkdir()
    (out / link).symlink_to(target)
    before = _committed_names()
    code, err = _run_cli(capsys, "--corpus", make_corpus(TWO_DOCS), "--out", out)
    assert code == 2 and fake == []
    _one_clear_line(err, str(out), "resolves to")
    assert _committed_names() == before


def test_out_that_is_a_symlink_into_the_project_is_refused(fake, make_corpus, tmp_path, capsys):
    (tmp_path / "out").symlink_to(FIGURES)
    code, err = _run_cli(capsys, "--corpus", make_corpus(TWO_DOCS), "--out", tmp_path / "out")
    assert code == 2 and fake == []
    _one_clear_line(err, "figures/")


def test_corpus_inside_the_output_is_refused(fake, make_corpus, tmp_path, capsys):
    out = tmp_path / "out"
    corpus = make_corpus(TWO_DOCS, name="out/figures")  # the case: its README.md became the gallery
    (corpus / "README.md").write_text("The corpus's own readme.\n")
    before = _snapshot(corpus)
    code, err = _run_cli(capsys, "--corpus", corpus, "--out", out)
    assert code == 2 and fake == []
    _one_clear_line(err, "contains the corpus directory")
    assert _snapshot(corpus) == before
    # the same through a symlink: OUT/figures leads into the corpus
    other = tmp_path / "other"
    other.mkdir()
    (other / "figures").symlink_to(corpus)
    code, err = _run_cli(capsys, "--corpus", corpus, "--out", other)
    assert code == 2 and fake == [] and _snapshot(corpus) == before


@pytest.mark.parametrize("layout", ["equal", "lists inside out", "out inside lists"])
def test_out_and_word_lists_never_overlap(fake, make_corpus, tmp_path, capsys, layout):
    out = tmp_path / "out"
    lists = {"equal": out, "lists inside out": out / "lists", "out inside lists": tmp_path / "lists"}[layout]
    if layout == "out inside lists":
        out = lists / "results"
    lists.mkdir(parents=True)
    (lists / "tone_misreads.csv").write_text("word,reason\nunited,Names a country.\n")
    code, err = _run_cli(capsys, "--corpus", make_corpus(TWO_DOCS), "--out", out, "--lexicons", lists)
    assert code == 2 and fake == []
    _one_clear_line(err, "word-list folder")
    assert [p.name for p in lists.iterdir()] == ["tone_misreads.csv"] or layout != "equal"
    assert not (lists / runner.STATE_FILE).exists()


def test_out_that_is_a_symlink_loop_is_one_line(fake, make_corpus, tmp_path, capsys):
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    code, err = _run_cli(capsys, "--corpus", make_corpus(TWO_DOCS), "--out", tmp_path / "loop")
    assert code == 2 and fake == []
    _one_clear_line(err, "loop")


# ----------------------------------------------------------------- 2. outputs replaced only when a notebook succeeds


def _outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != runner.STATE_FILE and not p.name.endswith(".error.txt")}


def _breaking(fake_execute, how: str):
    """An executor that writes part of a notebook's outputs (into wherever start() points) and then fails."""
    from rhetoric.figures import clear_figures
    from rhetoric.findings import clear_findings
    from rhetoric.notebook import output_root

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
                                             ("interrupt", 130, "interrupted (SIGINT); its previous outputs"),
                                             ("nbclient", 130, "interrupted (SIGINT); its previous outputs")])
def test_a_failed_or_interrupted_notebook_keeps_its_previous_outputs(fake, make_corpus, tmp_path, capsys,
                                                                    monkeypatch, how, code, said):
    corpus, out = make_corpus(TWO_DOCS), tmp_path / "out"
    assert _run(corpus, out) == NAMES
    before = _outputs(out)
    monkeypatch.setattr(runner, "execute_notebook", _breaking(runner.execute_notebook, how))
    got, err = _run_cli(capsys, "--corpus", corpus, "--out", out, "--force")
    assert got == code
    assert err.strip().splitlines()[-1].startswith("rhetoric run: 01-a.ipynb") and said in err
    assert "AssertionError" not in err and "Traceback" not in err
    assert _outputs(out) == before  # figures, tables, manifest and findings rows as they were
    assert not [p for p in out.iterdir() if p.name.startswith(".rhetoric-")]  # no staging folder left


def test_a_swap_cut_short_by_a_kill_is_undone_by_the_next_run(fake, make_corpus, tmp_path):
    from rhetoric.staging import OLD_PREFIX, STAGING_PREFIX

    corpus, out = make_corpus(TWO_DOCS), tmp_path / "out"
    assert _run(corpus, out) == NAMES
    before = _outputs(out)
    (out / "figures").rename(out / f"{OLD_PREFIX}figures-99999")  # killed between the swap's two renames
    (out / f"{STAGING_PREFIX}01-a" / "figures").mkdir(parents=True)  # and a staging folder left behind
    (out / f"{STAGING_PREFIX}01-a" / "figures" / "01-a-figure.png").write_bytes(b"never finished")
    assert _run(corpus, out) == []  # the old folder is back: every output intact, nothing to re-run
    assert _outputs(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".rhetoric-")]


def test_only_an_unknown_notebook_is_refused(fake, make_corpus, tmp_path, capsys):
    code, err = _run_cli(capsys, "--corpus", make_corpus(TWO_DOCS), "--out", tmp_path / "out", "--only", "nope")
    assert code == 2 and fake == []
    _one_clear_line(err, "--only", "'nope'")
    assert not (tmp_path / "out").exists()
