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
from test_hardening import ARTICLES, _features, _jsonl, _one_clear_line
from test_run_safety import NAMES, _run, fake_runner

from rhetoric.base.paths import FIGURES, NOTEBOOKS, ROOT
from rhetoric.cli import main
from rhetoric.run import runner
from rhetoric.run import stream as scale

from conftest import TWO_DOCS

COMMITTED = (NOTEBOOKS, FIGURES)


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """The stand-in notebooks and fake executor of ``test_run_safety``."""
    return fake_runner(tmp_path, monkeypatch)


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
    from rhetoric.report.figure_files import clear_figures
    from rhetoric.report.findings_store import clear_findings
    from rhetoric.run.notebook import output_root

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
    from rhetoric.run.staging import OLD_PREFIX, STAGING_PREFIX

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


def test_read_only_or_full_out_is_one_line_and_leaves_nothing(fake, make_corpus, tmp_path, capsys, monkeypatch):
    import errno

    corpus, out = make_corpus(TWO_DOCS), tmp_path / "out"
    assert _run(corpus, out) == NAMES
    before = _outputs(out)
    real_copy = __import__("shutil").copy2
    calls = {"n": 0}

    def full(src, dst, **kw):  # the disk fills up while the outputs are staged
        calls["n"] += 1
        if calls["n"] > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        return real_copy(src, dst, **kw)

    monkeypatch.setattr("shutil.copy2", full)
    code, err = _run_cli(capsys, "--corpus", corpus, "--out", out, "--force")
    assert code == 2
    _one_clear_line(err.strip().splitlines()[-1], os.strerror(errno.ENOSPC), "previous outputs are kept")
    assert "Traceback" not in err and "executing" in err  # the progress line, then the one error line
    assert _outputs(out) == before
    assert not [p for p in out.rglob(".*") if p.name != runner.STATE_FILE]  # no staging folder, no temp file


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_out_is_refused_before_anything_runs(fake, make_corpus, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        code, err = _run_cli(capsys, "--corpus", make_corpus(TWO_DOCS), "--out", out)
    finally:
        out.chmod(0o755)
    assert code == 2 and fake == []
    _one_clear_line(err, "read-only")


def test_sigterm_during_features_removes_the_temporary_table(tmp_path):
    """A real ``kill``: the command ends, its temporary table is gone, the earlier output stands."""
    import subprocess
    import sys
    import time

    # long enough that the kill lands mid-run on any machine (the test ends at the kill, not at the end)
    src = _jsonl(tmp_path / "c.jsonl", [{**ARTICLES[k % 6], "id": f"x{k}"} for k in range(30000)])
    out = tmp_path / "f.csv"
    out.write_text("earlier output\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-m", "rhetoric.cli", "features", str(src), "-o", str(out),
                             "--no-progress", "--chunk-size", "4"], stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".f.csv.*.tmp")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # some rows in the temporary table
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + signal.SIGTERM, (proc.returncode, err)
    assert len([ln for ln in err.decode().splitlines() if ln.strip()]) == 1
    assert out.read_text() == "earlier output\n"
    assert not list(tmp_path.glob(".f.csv*"))


def test_temporary_files_of_a_killed_run_are_removed_by_the_next(tmp_path, capsys):
    src = _jsonl(tmp_path / "c.jsonl", ARTICLES[:2])
    dead = 2 ** 22 + 12345  # above the default pid_max: no such process
    (tmp_path / f".f.csv.{dead}.abcd1234.tmp").write_bytes(b"x" * 1000)  # left by SIGKILL
    (tmp_path / f".f.csv.errors.csv.{dead}.abcd1234.tmp").write_bytes(b"line,id,problem\n")
    assert _features(capsys, src, "-o", tmp_path / "f.csv")[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl", "f.csv"]


def test_errors_file_is_complete_before_the_table_is_replaced(tmp_path, capsys):
    """The errors file cannot be written (its temporary name is too long for the file system): the earlier
    table must stand (it used to be replaced first, and the command then said it could not write)."""
    name = "x" * 234 + ".csv"  # the table's temporary name fits in 255 bytes, the errors file's does not
    out = tmp_path / name
    out.write_text("earlier output\n")
    src = _jsonl(tmp_path / "c.jsonl", [ARTICLES[0], "not json", ARTICLES[1]])
    code, err = _features(capsys, src, "-o", out)
    assert code == 2 and "Traceback" not in err
    assert out.read_text() == "earlier output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl", name]


# ------------------------------------------------------------------------------ 3. corpus strings are data

HOSTILE = ("<script>alert(1)</script> <img src=x onerror=alert(2)> **bold** [link](javascript:alert(3)) "
           "\\input{x} $\\input{x}$ $x^2$")


@pytest.fixture
def hostile_corpus(tmp_path):
    """Every string field of a corpus (ids, titles, groups, study.md) carries HTML, Markdown, LaTeX and $...$."""
    import csv

    d = tmp_path / "hostile"
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


def test_corpus_strings_are_drawn_as_text_in_every_figure(hostile_corpus, tmp_path):
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    from rhetoric.io.corpus import load_corpus
    from rhetoric.language.tokens import sentences
    from rhetoric.report import plots
    from rhetoric.report.figure_files import read_manifest, save_figure

    plt.rcdefaults()  # the library's guard, not the notebooks' style, must hold
    corpus = load_corpus(hostile_corpus)
    docs, sents = corpus.documents, sentences(corpus)
    long = pd.DataFrame([{"doc_id": d, "category": f"{HOSTILE} c{j}", "value": float(j)}
                         for d in docs["doc_id"] for j in range(2)])
    figures = {"lengths": plots.sentence_lengths(sents, docs, seed=1),
               "dots": plots.category_dots(long, docs, "category", "value", xlabel=HOSTILE)}
    for name, fig in figures.items():
        texts = fig.findobj(Text)
        save_figure(fig, name, f"Caption {HOSTILE}", notebook="01-x.ipynb", out_dir=tmp_path / "figs", show=False)
        assert not any(t.get_parse_math() for t in texts)
        assert any("$\\input{x}$" in t.get_text() for t in texts)  # shown as typed
    assert list(read_manifest(tmp_path / "figs")["name"]) == ["dots", "lengths"]
    svg = (tmp_path / "figs" / "lengths.svg").read_text()
    assert "<script" not in svg


def test_markdown_of_corpus_strings_holds_no_live_markup(hostile_corpus):
    from rhetoric.base.escape import md
    from rhetoric.io.corpus import load_corpus
    from rhetoric.run.notebook import Session, describe_corpus

    corpus = load_corpus(hostile_corpus)
    text = Session(corpus=corpus, notebook="00-x.ipynb", out_dir=hostile_corpus).describe().data
    study = text.split("\n\n")[0]
    assert study.startswith("# &lt;script&gt;alert(1)&lt;/script&gt;")  # still a heading, the HTML as typed
    for rendered in (text, describe_corpus(corpus), md(HOSTILE)):
        assert "<script" not in rendered and "<img" not in rendered and "](javascript:" not in rendered
        assert "$" not in rendered.replace("\\$", "")  # every dollar escaped: no LaTeX math in any viewer


def test_edition_shows_corpus_strings_as_text(hostile_corpus, tmp_path):
    import nbformat
    from bs4 import BeautifulSoup

    from rhetoric.base.escape import md
    from rhetoric.io.corpus import load_corpus
    from rhetoric.report import edition
    from rhetoric.run.notebook import Session

    corpus = load_corpus(hostile_corpus)
    study = Session(corpus=corpus, notebook="00-x.ipynb", out_dir=hostile_corpus).describe().data
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A notebook"), nbformat.v4.new_code_cell("nb.describe()")]
    nb.cells[1].outputs = [
        nbformat.v4.new_output("display_data", data={"text/markdown": study, "text/plain": "study"}),
        nbformat.v4.new_output("display_data", data={"text/markdown": md(HOSTILE), "text/plain": "md"}),
        # anything that reached an output unescaped: the edition's own guard
        nbformat.v4.new_output("display_data", data={"text/html": HOSTILE, "text/plain": "raw"}),
        nbformat.v4.new_output("display_data", data={"text/markdown": HOSTILE, "text/plain": "raw"})]
    src = tmp_path / "nbs"
    src.mkdir()
    nbformat.write(nb, src / "01-x.ipynb")
    pages = edition.build(tmp_path / "html", src)
    for page in pages:
        soup = BeautifulSoup(page.read_text(), features="html.parser")
        assert soup.find_all(["script", "iframe", "object", "embed"]) == [], page
        attrs = [(k, v) for tag in soup.find_all(True) for k, v in tag.attrs.items()]
        assert not [k for k, _ in attrs if k.lower().startswith("on")], page
        assert not [v for k, v in attrs if k in ("href", "src") and "javascript:" in str(v).lower()], page
    page = pages[1].read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown, not dropped
    assert "A notebook" in page


# ------------------------------------------------------------------------------------ 4. bounded cost


def test_failure_records_are_streamed_not_kept(tmp_path, monkeypatch):
    import tracemalloc

    def peak(n: int) -> int:
        src = _jsonl(tmp_path / f"c{n}.jsonl", [ARTICLES[0], *(["{}"] * n)])
        tracemalloc.start()
        stats = scale.build_features(src, tmp_path / f"f{n}.csv", progress=False)
        size = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert len(stats.failures) <= 100 < n  # the report keeps a few; every one is in the errors file
        errors = pd.read_csv(tmp_path / f"f{n}.csv.errors.csv")
        assert len(errors) == n and list(errors["line"][:2]) == [2, 3]
        return size

    small, large = peak(2_000), peak(20_000)
    # a kept record is several hundred bytes: 18,000 more would add megabytes; streamed, the peak stays put
    assert large - small < 1_000_000, (small, large)


def test_huge_json_integer_is_one_named_failure(tmp_path, capsys):
    big = '{"id": "big", "stance": "s", "text": "Text.", "count": ' + "9" * 5000 + "}"
    src = _jsonl(tmp_path / "c.jsonl", [ARTICLES[0], big, '{"id": ' + "7" * 5000 + ', "stance": "s"}', ARTICLES[1]])
    code, err = _features(capsys, src, "-o", tmp_path / "f.csv")
    assert code == 3 and "Traceback" not in err
    errors = pd.read_csv(tmp_path / "f.csv.errors.csv", keep_default_na=False)
    assert list(errors["line"]) == [2, 3] and list(errors["id"]) == ["big", ""]
    assert all("4300 digits" in p for p in errors["problem"])
    assert list(dict.fromkeys(pd.read_csv(tmp_path / "f.csv")["doc_id"])) == ["a0", "a1"]


def _lists(corpus: Path, name: str, text: str) -> Path:
    (corpus / "lexicons").mkdir(exist_ok=True)
    (corpus / "lexicons" / name).write_text(text, encoding="utf-8")
    return corpus / "lexicons" / name


@pytest.mark.parametrize("pattern, problem", [("^(a+)+$", "exponential time"), ("^(?:a|aa)*b", "exponential time"),
                                              ("^(x)\\1", "back-references"), ("^(unclosed", "not a valid")])
def test_user_regular_expressions_are_checked_when_loaded(make_corpus, tmp_path, capsys, pattern, problem):
    d = make_corpus(TWO_DOCS)
    _lists(d, "cleaning_patterns.csv", f'kind,pattern,reason,source\nboilerplate,"^Ad$",Ad.,Web\n'
                                       f'boilerplate,"{pattern}",Bad.,Test\n')
    code, err = _features(capsys, d, "-o", tmp_path / "f.csv", "--lexicons", d / "lexicons")
    assert code == 2
    _one_clear_line(err, "cleaning_patterns.csv", "line 3", problem)
    assert not (tmp_path / "f.csv").exists()


def test_pattern_check_accepts_the_shipped_patterns_and_bounded_nesting():
    from rhetoric.base.safety import pattern_problem
    from rhetoric.language.cleaning import cleaning_patterns

    assert [p for p in cleaning_patterns()["pattern"] if pattern_problem(p)] == []
    assert pattern_problem(r"^(?: [A-Z]+){0,3}\s+-") is None and pattern_problem(r"^(?:[A-Z]+ )+-") is not None


#: Passes the load-time screen (its repetition is bounded by 10) but is polynomial of degree 10: seconds on a line
#: of a few thousand characters, years on a long one.
SLOW_PATTERN = "^(?:.*a){10}!x"


@pytest.mark.parametrize("workers", [1, 2])
def test_a_slow_user_pattern_stops_within_its_time_limit(make_corpus, tmp_path, capsys, workers):
    import time

    from rhetoric.base.safety import PATTERN_SECONDS

    d = make_corpus([TWO_DOCS[0], {"id": "long", "stance": "con", "text": "Intro here.\n" + "a " * 20000 + "\nEnd."}])
    _lists(d, "cleaning_patterns.csv", f'kind,pattern,reason,source\nboilerplate,"^Ad$",Ad.,Web\n'
                                       f'boilerplate,"{SLOW_PATTERN}",Slow.,Test\n')
    out = tmp_path / "f.csv"
    out.write_text("earlier\n")
    t0 = time.perf_counter()
    code, err = _features(capsys, d, "-o", out, "--lexicons", d / "lexicons", "--workers", workers)
    assert code == 2 and time.perf_counter() - t0 < 30 * PATTERN_SECONDS
    _one_clear_line(err, "cleaning_patterns.csv", "line 3", SLOW_PATTERN,
                    f"took longer than {PATTERN_SECONDS:g} s on document long")
    assert out.read_text() == "earlier\n" and sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "f.csv"]


def test_user_patterns_match_as_the_shipped_ones_do(make_corpus, tmp_path, capsys):
    """The shipped patterns given as a user's list (run by ``regex`` with the time limit) remove the same spans."""
    import shutil

    from rhetoric.base.paths import data_file

    docs = [{"id": "a", "stance": "pro", "title": "A title", "text": "A title\nTEHRAN - Talks failed. Iran waits.\n"
             "Advertisement\nChina could help.\nLeave a Comment\n"},
            {"id": "b", "stance": "con", "text": "BEIJING (Reuters) -- It is clear. The U.S. may act.\nRead more:\n"}]
    d = make_corpus(docs)
    lists = tmp_path / "lists"
    lists.mkdir()
    shutil.copyfile(data_file("cleaning_patterns.csv"), lists / "cleaning_patterns.csv")
    assert _features(capsys, d, "-o", tmp_path / "project.csv")[0] == 0
    assert _features(capsys, d, "-o", tmp_path / "user.csv", "--lexicons", lists)[0] == 0
    project, user = (tmp_path / "project.csv").read_bytes(), (tmp_path / "user.csv").read_bytes()
    assert project == user and b"TEHRAN" not in project and b"Advertisement" not in project


def test_a_slow_user_pattern_in_a_notebook_is_one_line_and_exit_2(fake, make_corpus, tmp_path, capsys, monkeypatch):
    corpus, out = make_corpus(TWO_DOCS), tmp_path / "out"
    assert _run(corpus, out) == NAMES
    before = _outputs(out)

    class CellError(Exception):  # what nbclient raises for a cell's exception: its name and value
        ename = "PatternTimeout"
        evalue = ("/lists/cleaning_patterns.csv: line 3, pattern '^(?:.*a){10}!x': pattern took longer than 1 s "
                  "on document long")

    def execute(nb, cwd, timeout=900):
        raise CellError("a cell failed")

    monkeypatch.setattr(runner, "execute_notebook", execute)
    code, err = _run_cli(capsys, "--corpus", corpus, "--out", out, "--force")
    assert code == 2 and "Traceback" not in err
    _one_clear_line(err.split("executing ...", 1)[1], "rhetoric: error:", "cleaning_patterns.csv: line 3",
                    "took longer than 1 s on document long", "01-a.ipynb", "previous outputs are kept")
    assert _outputs(out) == before


def test_a_corpus_own_word_lists_are_used_only_when_asked(make_corpus, tmp_path, capsys):
    d = make_corpus(TWO_DOCS)
    _lists(d, "rhetorical_markers.csv", "term,category,reason\nwashington,contrast,A test entry.\n")
    code, err = _features(capsys, d, "-o", tmp_path / "plain.csv")
    assert code == 0
    notes = [ln for ln in err.splitlines() if "lexicons" in ln]
    assert len(notes) == 1 and "NOT used" in notes[0] and f"--lexicons {d / 'lexicons'}" in notes[0]
    code, err = _features(capsys, d, "-o", tmp_path / "own.csv", "--lexicons", d / "lexicons")
    assert code == 0 and "NOT used" not in err
    plain, own = pd.read_csv(tmp_path / "plain.csv"), pd.read_csv(tmp_path / "own.csv")
    assert plain["contrast"].sum() == 0 and own["contrast"].sum() == 1  # "Washington", only with the corpus's list


def test_run_and_audit_leave_a_corpus_own_lists_unused_and_say_so(fake, make_corpus, tmp_path, capsys):
    d = make_corpus(TWO_DOCS)
    _lists(d, "rhetorical_markers.csv", "term,category\nhello,contrast\n")  # invalid: not even loaded unasked
    code, err = _run_cli(capsys, "--corpus", d, "--out", tmp_path / "out")
    assert code == 0 and [name for name, _ in fake] == NAMES
    assert all("LEXICONS_DIR" not in src for _, src in fake)  # the notebooks get the project's lists
    assert sum("NOT used" in ln for ln in err.splitlines()) == 1
    code = main(["kwic", "China", "--corpus", str(d)])
    err = capsys.readouterr().err
    assert code == 0 and sum("NOT used" in ln for ln in err.splitlines()) == 1


# ------------------------------------------------------------------------------------ 5. one line, exit 2


def test_metadata_row_with_extra_fields_is_one_line(make_corpus, tmp_path, capsys, fake):
    d = make_corpus(TWO_DOCS)
    (d / "metadata.csv").write_text("id,file,stance\na,a.txt,pro,EXTRA\nb,b.txt,con,MORE\n")
    code, err = _features(capsys, d, "-o", tmp_path / "f.csv")
    assert code == 2
    _one_clear_line(err, "metadata.csv", "line 2 has 4 fields but the header has 3")
    code, err = _run_cli(capsys, "--corpus", d, "--out", tmp_path / "out")
    assert code == 2 and fake == []
    _one_clear_line(err, "line 2 has 4 fields")


def test_symlink_loop_in_the_corpus_is_one_line_in_features(make_corpus, tmp_path, capsys):
    d = make_corpus(TWO_DOCS)
    (d / "b.txt").unlink()
    (d / "b.txt").symlink_to(d / "b.txt")
    code, err = _features(capsys, d, "-o", tmp_path / "f.csv")
    assert code == 2
    _one_clear_line(err, "b.txt", "cannot be resolved")


@pytest.mark.parametrize("name", sorted(__import__("rhetoric.io.wordlists", fromlist=["LEXICONS"]).LEXICONS))
def test_every_shipped_list_is_valid_as_a_user_list(name, tmp_path):
    import shutil

    from rhetoric.base.paths import data_file
    from rhetoric.io.wordlists import active_directory, read_table, use_lexicons

    folder = tmp_path / "lexicons"
    folder.mkdir()
    shutil.copyfile(data_file(name), folder / name)
    project = read_table(name)
    previous = active_directory()
    try:
        assert use_lexicons(folder) == [name]
        assert read_table(name).equals(project)  # the same table, read as the corpus's own
    finally:
        use_lexicons(previous)


def test_wildcard_without_a_letter_is_refused(make_corpus, tmp_path, capsys):
    d = make_corpus(TWO_DOCS)
    _lists(d, "rhetorical_markers.csv", "term,category,reason\nbut,contrast,A contrast.\n.*,contrast,Anything.\n")
    code, err = _features(capsys, d, "-o", tmp_path / "f.csv", "--lexicons", d / "lexicons")
    assert code == 2
    _one_clear_line(err, "rhetorical_markers.csv", "line 3", "'.*'", "not regular expressions")


def test_headline_only_article_is_reported(tmp_path, capsys):
    headline = {"id": "h", "stance": "s", "title": "Only a headline", "text": "Only a headline\n"}
    src = _jsonl(tmp_path / "c.jsonl", [ARTICLES[0], headline, ARTICLES[1]])
    code, err = _features(capsys, src, "-o", tmp_path / "f.csv")
    assert code == 3 and "article h (line 2) skipped: gave no sentence" in err
    errors = pd.read_csv(tmp_path / "f.csv.errors.csv")
    assert list(errors["id"]) == ["h"] and "only a headline" in errors["problem"][0]


def test_the_same_file_listed_twice_is_one_document(make_corpus, tmp_path, capsys):
    d = make_corpus(TWO_DOCS)
    (d / "metadata.csv").write_text("id,file,stance\na,a.txt,pro\nb,b.txt,con\nc,./a.txt,con\n")
    code, err = _features(capsys, d, "-o", tmp_path / "f.csv")
    assert code == 2
    _one_clear_line(err, "'a' and 'c' name the same file")


# ------------------------------------------------------------------------------------ 6. properties

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PROPERTY = settings(max_examples=25, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
#: Where a symlink may lead in a layout: the (stand-in) project and its protected folders, the corpus, the word
#: lists, and free places.
TARGETS = ["proj", "proj/notebooks", "proj/figures", "proj/seeds", "corpus", "corpus/sub", "lists", "free",
           "free/deeper"]


def _tree(*roots: Path) -> dict[str, bytes]:
    """Every entry under ``roots`` (symlinks as their target), with the bytes of files."""
    found = {}
    for root in roots:
        if root.is_file():
            found[str(root)] = root.read_bytes()
        for p in sorted(root.rglob("*")):
            found[str(p)] = (b"->" + os.readlink(p).encode()) if p.is_symlink() else \
                p.read_bytes() if p.is_file() else b"dir"
    return found


def _resolved_or_self(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def _layout(out: Path, lists: Path, links: dict[str, str], base: Path) -> None:
    if "lists" in links:
        lists.parent.mkdir(parents=True, exist_ok=True)
        lists.symlink_to(base / links["lists"], target_is_directory=True)
    else:
        lists.mkdir(parents=True, exist_ok=True)
        (lists / "tone_misreads.csv").write_text("word,reason\nunited,Names a country.\n")
    if "out" in links:
        if not out.exists() and not out.is_symlink():
            out.parent.mkdir(parents=True, exist_ok=True)
            out.symlink_to(base / links["out"], target_is_directory=True)
    else:
        out.mkdir(parents=True, exist_ok=True)
        for sub in ("notebooks", "figures"):
            if f"out/{sub}" in links and not (out / sub).exists():
                (out / sub).symlink_to(base / links[f"out/{sub}"], target_is_directory=True)


@settings(PROPERTY, max_examples=80)
@given(out_at=st.sampled_from(["free/out", "out", "proj/build/out", "corpus/out", "lists/out", "free"]),
       links=st.dictionaries(st.sampled_from(["out", "out/notebooks", "out/figures", "lists"]),
                             st.sampled_from(TARGETS), max_size=3),
       lists_given=st.booleans(), lists_in_out=st.booleans())
def test_property_no_symlink_layout_lets_a_run_touch_its_inputs(fake, tmp_path_factory, monkeypatch, out_at, links,
                                                                 lists_given, lists_in_out):
    """Random symlink layouts around a stand-in project: the run is refused, or it leaves the project, the corpus
    and the word lists exactly as they were."""
    import rhetoric.base.paths
    from rhetoric.base.errors import InputError

    from conftest import write_corpus

    base = tmp_path_factory.mktemp("layout")
    proj = base / "proj"
    for sub in ("notebooks", "figures", "seeds"):
        (proj / sub).mkdir(parents=True)
        (proj / sub / "committed.txt").write_text(f"committed {sub}\n")
    (proj / "README.md").write_text("The project.\n")
    corpus = write_corpus(base / "corpus", TWO_DOCS)
    (corpus / "sub").mkdir()
    (base / "free" / "deeper").mkdir(parents=True)
    out = base / out_at
    lists = out / "lists" if lists_in_out and lists_given else base / "lists"
    try:  # some layouts cannot be built whole (a folder under a symlink loop): the run gets what exists
        _layout(out, lists, links, base)
    except OSError:
        pass
    # a run may write under the project root (ROOT/build/out), never into its committed folders or files
    watched = [proj / "notebooks", proj / "figures", proj / "seeds", proj / "README.md", corpus]
    if lists_given:  # the word lists are an input only when given
        watched.append(_resolved_or_self(lists))
    before = _tree(*[w for w in watched if w.exists()])
    with monkeypatch.context() as m:
        for module, name, value in ((runner, "ROOT", proj), (runner, "NOTEBOOKS", proj / "notebooks"),
                                    (runner, "FIGURES", proj / "figures"),
                                    (rhetoric.base.paths, "SEEDS", proj / "seeds")):
            m.setattr(module, name, value)
        m.setattr(runner, "_library_digest", lambda: "library")  # the library is not under the stand-in root
        try:
            runner.run(corpus, out, lexicons_dir=lists if lists_given else None, log=lambda msg: None)
        except InputError:
            pass
    assert _tree(*[w for w in watched if w.exists()]) == before


def _versioned_executor(version: str, fail_at: int | None, how: str):
    """A stand-in for notebook 01-a writing version ``version`` of its outputs through start()'s staging folder,
    failing (``how``) before its ``fail_at``-th write."""
    from rhetoric.report.figure_files import clear_figures, record_figure
    from rhetoric.report.findings_store import clear_findings, record_findings
    from rhetoric.report.tables import write_table
    from rhetoric.run.notebook import output_root

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

    from rhetoric.run import staging
    from rhetoric.run.runner import Interrupted, RunError

    from conftest import write_corpus

    base = tmp_path_factory.mktemp("swap")
    corpus, out, ref = write_corpus(base / "corpus", TWO_DOCS), base / "out", base / "ref"
    with monkeypatch.context() as m:
        m.setattr(runner, "execute_notebook", _versioned_executor("v1", None, how))
        runner.run(corpus, out, only=["01-a"], log=lambda msg: None)
    shutil.copytree(out, ref, symlinks=True)
    with monkeypatch.context() as m:
        m.setattr(runner, "execute_notebook", _versioned_executor("v2", None, how))
        runner.run(corpus, ref, only=["01-a"], force=True, log=lambda msg: None)
    old, new = _outputs(out / "figures"), _outputs(ref / "figures")
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
            runner.run(corpus, out, only=["01-a"], force=True, log=lambda msg: None)
        except (RunError, Interrupted, SystemExit):
            pass
    staging.recover(out / "figures")  # what the next run does first
    now = _outputs(out / "figures")
    assert now in (old, new)
    if fail_at is not None:
        assert now == old
    assert not [p for p in out.iterdir() if p.name.startswith(".rhetoric-")]


def test_nbclient_answering_ctrl_c_itself_is_an_interruption(monkeypatch):
    """nbclient shuts the kernel down on SIGINT/SIGTERM and the cell then fails with a bare AssertionError (what
    the issue saw: "failed ... AssertionError", exit 1): execute_notebook reports it as an interruption."""
    import nbclient

    class Client:
        def __init__(self, nb, **kw):
            pass

        def execute(self, **kw):
            self._async_cleanup_kernel_future = object()  # what nbclient's signal handler leaves behind
            raise AssertionError

    monkeypatch.setattr(nbclient, "NotebookClient", Client)
    with pytest.raises(KeyboardInterrupt):
        runner.execute_notebook(None, cwd=Path("."))


def test_a_signal_nbclient_answers_as_the_notebook_ends_is_an_interruption_by_that_signal(monkeypatch):
    """The fuzzing harness's case: SIGTERM (or Ctrl-C) while nbclient shuts the kernel down at the end; nbclient
    returned normally and the run went on (exit 0, a traceback of its second clean-up); now it is interrupted."""
    import asyncio

    import nbclient
    from jupyter_core.utils import ensure_event_loop

    class Client:
        def __init__(self, nb, **kw):
            pass

        def execute(self, **kw):
            loop = ensure_event_loop()
            loop.add_signal_handler(signal.SIGTERM, lambda: None)  # as nbclient's setup does
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                loop.run_until_complete(asyncio.sleep(0.2))  # the handler runs on the loop
            finally:
                loop.remove_signal_handler(signal.SIGTERM)

    monkeypatch.setattr(nbclient, "NotebookClient", Client)
    with pytest.raises(runner.Signalled) as got:
        runner.execute_notebook(None, cwd=Path("."))
    assert got.value.signum == signal.SIGTERM


@pytest.mark.slow
def test_keyness_labels_are_capped_for_many_groups():
    import matplotlib.pyplot as plt
    import numpy as np

    from rhetoric.report import plots

    rng = np.random.default_rng(0)
    groups = [f"g{k:02d}" for k in range(30)]  # 30 groups of 10 candidate labels each
    table = pd.DataFrame([{"group": g, "term": f"t{t}", "total": int(rng.integers(1, 500)),
                           "z": float(rng.normal(0, 2)), "function_word": t % 7 == 0, "q_bh": 1.0}
                          for g in groups for t in range(30)])
    fig = plots.keyness_plot(table, groups)
    assert 0 < len(fig.axes[0].texts) <= plots.MAX_KEYNESS_LABELS
    labels = [(score, k) for k, score in enumerate([3, 1, 2, 5, 4])]
    assert plots.capped_labels(labels) == labels  # under the cap: all, in order
    plt.close(fig)


def test_capped_labels_keep_the_highest_in_order(monkeypatch):
    from rhetoric.report import plots

    monkeypatch.setattr(plots, "MAX_KEYNESS_LABELS", 3)
    labels = [(score, k) for k, score in enumerate([3, 1, 2, 5, 4])]
    assert plots.capped_labels(labels) == [(3, 0), (5, 3), (4, 4)]


def test_hard_link_to_a_file_outside_the_corpus_is_refused(make_corpus, tmp_path, capsys):
    from rhetoric.base.errors import CorpusError
    from rhetoric.io.corpus import load_corpus

    (tmp_path / "secret.txt").write_text("The secret. Not for the corpus.")
    d = make_corpus(TWO_DOCS)
    (d / "b.txt").unlink()
    os.link(tmp_path / "secret.txt", d / "b.txt")
    with pytest.raises(CorpusError, match="hard link with 1 name"):
        load_corpus(d)
    code, err = _features(capsys, d, "-o", tmp_path / "f.csv")
    assert code == 2 and "The secret" not in err
    (tmp_path / "secret.txt").unlink()  # both names inside the corpus: an ordinary corpus
    os.link(d / "b.txt", d / "b-copy.txt.bak")
    assert load_corpus(d).raw["b"].startswith("The secret")
