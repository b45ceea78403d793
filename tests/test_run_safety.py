"""`rhetoric run` without executing the real notebooks: where it may write, what its cache covers, parameters.

The notebooks are stand-ins (``01-a``, ``02-b``) and execution is faked: each "execution" writes what a
notebook writes (a figure with its manifest row, an exported table, its findings), so the runner's cache,
guards and parameters are tested in seconds.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest

from rhetoric.base.paths import FIGURES, NOTEBOOKS, ROOT, SEEDS
from rhetoric.cli import main
from rhetoric.run import runner

from conftest import TWO_DOCS

NAMES = ["01-a.ipynb", "02-b.ipynb"]


def _notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("CORPUS_DIR = None\nOUTPUT_DIR = None\nLEXICONS_DIR = None",
                                       metadata={"tags": ["parameters"]})
    nb.cells = [nbformat.v4.new_markdown_cell("# A stand-in"), params, nbformat.v4.new_code_cell("x = 1")]
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i}"
    return nb


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """Stand-in notebooks and a fake executor; returns the list of (notebook, injected source) executed."""
    return fake_runner(tmp_path, monkeypatch)


def fake_runner(tmp_path, monkeypatch):
    """What the ``fake`` fixture sets up (shared with ``test_reliability``)."""
    from rhetoric.report.figure_files import record_figure
    from rhetoric.report.findings_store import record_findings
    from rhetoric.report.tables import write_table
    from rhetoric.run.notebook import output_root

    src = tmp_path / "src"
    src.mkdir()
    for name in NAMES:
        nbformat.write(_notebook(), src / name)
    monkeypatch.setattr(runner, "notebook_paths", lambda: [src / n for n in NAMES])
    executed: list[tuple[str, str]] = []

    def execute(nb, cwd: Path, timeout: int = 900):
        injected = next((c.source for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])), "")
        scope: dict = {}
        exec(injected, scope)
        out = output_root((cwd / scope.get("OUTPUT_DIR", "..")).resolve())  # the staging folder, as start() does
        stem = nb.metadata["stand_in"]
        fig_dir = out / "figures"
        fig_dir.mkdir(parents=True, exist_ok=True)
        (fig_dir / f"{stem}-figure.png").write_bytes(b"png of " + stem.encode())
        record_figure(fig_dir, name=f"{stem}-figure", notebook=f"{stem}.ipynb", caption=f"Figure of {stem}.",
                      width_in=3.5, height_in=2, layout_problems="")
        write_table(pd.DataFrame({"x": [1, 2]}), f"{stem}-table", fig_dir)
        record_findings(fig_dir, f"{stem}.ipynb", "finding", [f"{stem} found something."])
        executed.append((f"{stem}.ipynb", injected))
        return nb

    real_read = nbformat.read

    def read(path, as_version):  # tell the fake executor which stand-in it runs
        nb = real_read(path, as_version=as_version)
        nb.metadata["stand_in"] = Path(path).stem
        return nb

    monkeypatch.setattr(runner, "execute_notebook", execute)
    monkeypatch.setattr(nbformat, "read", read)
    monkeypatch.setattr(runner, "strip_volatile", lambda nb: (nb.metadata.pop("stand_in", None), nb)[1])
    return executed


def _run(corpus, out, **kw) -> list[str]:
    return [o.notebook for o in runner.run(corpus, out, log=lambda m: None, **kw) if o.executed]


def test_cache_covers_every_output_a_notebook_writes(fake, make_corpus, tmp_path):
    corpus, out = make_corpus(TWO_DOCS), tmp_path / "out"
    figs = out / "figures"
    assert _run(corpus, out) == NAMES
    assert _run(corpus, out) == []  # nothing changed: nothing runs
    (figs / "findings.csv").unlink()  # both notebooks' findings gone: both re-run
    assert _run(corpus, out) == NAMES
    assert sorted(pd.read_csv(figs / "findings.csv")["notebook"]) == NAMES
    (figs / "01-a-table.csv").unlink()  # an exported table
    assert _run(corpus, out) == ["01-a.ipynb"]
    (figs / "02-b-table.tex").write_text("damaged")
    assert _run(corpus, out) == ["02-b.ipynb"]
    (figs / "02-b-figure.png").unlink()  # a figure
    assert _run(corpus, out) == ["02-b.ipynb"]
    findings = pd.read_csv(figs / "findings.csv")
    findings.loc[findings["notebook"] == "01-a.ipynb", "finding"] = "edited by hand"
    findings.to_csv(figs / "findings.csv", index=False)  # one notebook's rows of the shared table
    assert _run(corpus, out) == ["01-a.ipynb"]
    (figs / "figures.csv").unlink()  # the figure manifest
    assert _run(corpus, out) == NAMES
    assert _run(corpus, out) == []
    (figs / "README.md").write_text("stale gallery")  # generated: rewritten, nothing re-run
    assert _run(corpus, out) == [] and "Figure of 01-a." in (figs / "README.md").read_text()


def test_word_lists_are_injected_and_covered_by_the_cache(fake, make_corpus, tmp_path):
    corpus, out = make_corpus(TWO_DOCS), tmp_path / "out"
    lists = tmp_path / "lists"
    lists.mkdir()
    (lists / "tone_misreads.csv").write_text("word,reason\nunited,Names a country.\n")
    assert _run(corpus, out) == NAMES
    assert all("LEXICONS_DIR" not in src for _, src in fake)  # injected only when given
    fake.clear()
    assert _run(corpus, out, lexicons_dir=lists) == NAMES
    assert all("LEXICONS_DIR = '../../lists'" in src for _, src in fake)
    assert _run(corpus, out, lexicons_dir=lists) == []
    (lists / "tone_misreads.csv").write_text("word,reason\nunited,Names a country.\nclear,Not a feeling.\n")
    assert _run(corpus, out, lexicons_dir=lists) == NAMES
    (corpus / "lexicons").mkdir()  # a file added to the corpus (its own lists, even unused) counts too
    (corpus / "lexicons" / "tone_misreads.csv").write_text("word,reason\ntrust,Policy term.\n")
    assert _run(corpus, out, lexicons_dir=lists) == NAMES


def test_bad_word_lists_are_one_clear_error_before_anything_runs(fake, make_corpus, tmp_path, capsys):
    lists = tmp_path / "lists"
    lists.mkdir()
    (lists / "tone_misreads.csv").write_text("word\nunited\n")  # no reason column
    code = main(["run", "--corpus", str(make_corpus(TWO_DOCS)), "--out", str(tmp_path / "out"),
                 "--lexicons", str(lists)])
    err = capsys.readouterr().err
    assert code == 2 and "tone_misreads.csv" in err and "missing column" in err and fake == []
    assert main(["run", "--lexicons", str(lists)]) == 2
    assert "--lexicons: needs --out" in capsys.readouterr().err


@pytest.mark.parametrize("out", [ROOT, ROOT / "seeds", SEEDS / "x", NOTEBOOKS, NOTEBOOKS / "x", FIGURES / "x"])
def test_out_never_overwrites_the_committed_project(fake, make_corpus, capsys, out):
    code = main(["run", "--corpus", str(make_corpus(TWO_DOCS)), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and fake == []
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (SEEDS / "x").exists() and not (NOTEBOOKS / "x").exists() and not (FIGURES / "x").exists()


def test_out_inside_the_corpus_or_a_file_is_refused(fake, make_corpus, tmp_path, capsys):
    corpus = make_corpus(TWO_DOCS)
    assert main(["run", "--corpus", str(corpus), "--out", str(corpus / "results")]) == 2
    (tmp_path / "file").write_text("x")
    assert main(["run", "--corpus", str(corpus), "--out", str(tmp_path / "file")]) == 2
    err = capsys.readouterr().err
    assert "inside the corpus directory" in err and "is a file, not a directory" in err and fake == []


def test_corpus_that_is_a_file_is_named_as_such(fake, make_corpus, tmp_path, capsys):
    corpus = make_corpus(TWO_DOCS)
    assert main(["run", "--corpus", str(corpus / "a.txt"), "--out", str(tmp_path / "out")]) == 2
    assert "is a file, not a corpus directory" in capsys.readouterr().err


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
