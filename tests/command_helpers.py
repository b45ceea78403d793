"""Helpers shared by the tests of the commands: JSON Lines inputs, running a command in process and reading its
one error line, and ``rhetoric run`` with stand-in notebooks and a fake executor (each "execution" writes what a
notebook writes: a figure with its manifest row, an exported table, its findings, through the staging folder), so
the runner's cache, guards and parameters are tested in seconds."""
from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import nbformat
import pandas as pd

from rhetoric.cli import main
from rhetoric.run import plan, runner
from rhetoric.run.settings import Settings

ARTICLES = [{"id": f"a{k}", "stance": "left" if k % 2 else "right",
             "text": f"The U.S. may act on Iran. China could help in round {k}.\nTalks failed. Sanctions follow."}
            for k in range(6)]
#: The stand-in notebooks of :func:`fake_runner`.
NAMES = ["01-a.ipynb", "02-b.ipynb"]
#: HTML, Markdown, LaTeX and ``$...$`` in one string: what a hostile corpus puts in every string field.
HOSTILE = ("<script>alert(1)</script> <img src=x onerror=alert(2)> **bold** [link](javascript:alert(3)) "
           "\\input{x} $\\input{x}$ $x^2$")


def jsonl(path: Path, lines) -> Path:
    """Write ``lines`` (dicts become JSON, bytes and str are written as they are) one a line (gzip for ``.gz``)."""
    data = b"".join((json.dumps(x).encode() if isinstance(x, dict) else x if isinstance(x, bytes) else x.encode())
                    + b"\n" for x in lines)
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return path


def features(capsys, *args) -> tuple[int, str]:
    """``rhetoric features ARGS --no-progress`` in process: its exit status and stderr."""
    code = main(["features", *map(str, args), "--no-progress"])
    return code, capsys.readouterr().err


def run_cli(capsys, *args) -> tuple[int, str]:
    """``rhetoric run ARGS`` in process: its exit status and stderr."""
    code = main(["run", *map(str, args)])
    return code, capsys.readouterr().err


def one_clear_line(err: str, *fragments: str) -> None:
    """``err`` is one line, no traceback, holding every fragment."""
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def ids(path: Path) -> list[str]:
    """The documents of a feature table, in order."""
    return list(dict.fromkeys(pd.read_csv(path, keep_default_na=False)["doc_id"]))


def build(source, out, **options):
    """``build_features`` with the settings ``rhetoric features SOURCE -o OUT`` would make (no progress)."""
    from rhetoric.run.features.stream import build_features

    return build_features(Settings(command="features", corpus=source, out=out, progress=options.pop("progress",
                                                                                                  False), **options))


def run_notebooks(corpus, out, **options) -> list[str]:
    """``rhetoric run --corpus CORPUS --out OUT``: the notebooks it executed."""
    return [o.notebook for o in runner.run(Settings(corpus=corpus, out=out, **options), log=lambda m: None)
            if o.executed]


def outputs(out: Path) -> dict[str, bytes]:
    """Every output under ``out`` with its bytes (not the run state nor error logs)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "run-state.json" and not p.name.endswith(".error.txt")}


def _notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("CORPUS_DIR = None\nOUTPUT_DIR = None\nLEXICONS_DIR = None",
                                       metadata={"tags": ["parameters"]})
    nb.cells = [nbformat.v4.new_markdown_cell("# A stand-in"), params, nbformat.v4.new_code_cell("x = 1")]
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i}"
    return nb


def fake_runner(tmp_path: Path, monkeypatch) -> list[tuple[str, str]]:
    """Stand-in notebooks (:data:`NAMES`) and a fake executor; returns the list of (notebook, injected source)
    executed."""
    from rhetoric.report.figure_files import record_figure
    from rhetoric.report.findings_store import record_findings
    from rhetoric.report.tables import write_table
    from rhetoric.run.session_outputs import output_root

    src = tmp_path / "src"
    src.mkdir()
    for name in NAMES:
        nbformat.write(_notebook(), src / name)
    monkeypatch.setattr(plan, "notebook_paths", lambda: [src / n for n in NAMES])
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


def write_hostile_corpus(d: Path) -> Path:
    """A corpus whose every string field (ids, titles, groups, study.md) carries :data:`HOSTILE`."""
    d.mkdir()
    docs = [(f"{HOSTILE} {k}", f"{HOSTILE} group {k % 2}", f"{HOSTILE} title {k}") for k in range(3)]
    with (d / "metadata.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "file", "stance", "title"])
        for k, (doc_id, group, title) in enumerate(docs):
            w.writerow([doc_id, f"d{k}.txt", group, title])
            (d / f"d{k}.txt").write_text(f"{title}\nThe U.S. may act on $5 and $6. {HOSTILE} China could help.\n"
                                         "It is clear that talks failed.\n", encoding="utf-8")
    (d / "study.md").write_text(f"# {HOSTILE}\n\nA study of {HOSTILE}.\n", encoding="utf-8")
    return d
