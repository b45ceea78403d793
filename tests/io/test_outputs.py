"""The one output rule (``rhetoric.io.outputs.check_output``) for every command: ``features -o``, ``audit -o``,
``kwic -o`` and ``run --out``. An output is never an input, never inside the corpus, the word lists or the committed
project, never a directory where a file is expected, never unwritable; compared after resolving symlinks, both ways
(issues 13, 20 and 24)."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rhetoric.base.paths
from rhetoric.base.errors import OutputError
from rhetoric.base.paths import FIGURES, NOTEBOOKS, ROOT, SEEDS
from rhetoric.cli import main
from rhetoric.io.outputs import check_output, errors_path
from rhetoric.io.source import Source
from rhetoric.run import cache, runner
from rhetoric.run.settings import Settings

from command_helpers import ARTICLES, fake_runner, features, jsonl, one_clear_line, run_cli
from conftest import TWO_DOCS

COMMITTED = (NOTEBOOKS, FIGURES)


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """Stand-in notebooks and a fake executor (``command_helpers.fake_runner``)."""
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


# ------------------------------------------------------------------------------------- one rule, every command


def test_one_rule_for_a_file_and_a_folder(make_corpus, tmp_path):
    d = make_corpus(TWO_DOCS)
    source = Source.open(d)
    lists = tmp_path / "lists"
    lists.mkdir()
    (lists / "tone_misreads.csv").write_text("word,reason\nunited,Names a country.\n")
    (tmp_path / "dir.csv").mkdir()
    out = tmp_path / "f.csv"
    assert check_output(out, source=source, lexicons=lists, formats=(".csv",)) == out
    assert check_output(tmp_path / "F.CSV", source=source, formats=(".csv",)) == tmp_path / "F.CSV"
    assert check_output(tmp_path / "results", source=source, lexicons=lists, folder=True) == tmp_path / "results"
    files = {"is the corpus's metadata.csv": d / "metadata.csv", "is a word list of this run": lists / "x.csv",
             "is inside the corpus directory": d / "new.csv", "is inside the word-list folder": lists / "new.csv",
             "is inside the project's figures/": FIGURES / "new.csv",
             "is inside the project's library": ROOT / "lib" / "rhetoric" / "new.csv",
             "unsupported output format ('.txt')": tmp_path / "f.txt", "is a directory": tmp_path / "dir.csv"}
    (lists / "x.csv").symlink_to(lists / "tone_misreads.csv")  # the same file by another name
    for problem, path in files.items():
        with pytest.raises(OutputError) as info:
            check_output(path, source=source, lexicons=lists, formats=(".csv",))
        assert problem in str(info.value), (problem, str(info.value))
    folders = {"is the project root": ROOT, "is inside the project's seeds/": SEEDS / "x",
               "is inside the corpus directory": d / "results", "is inside the word-list folder": lists / "results",
               "is a file, not a directory": tmp_path / "f.txt"}
    (tmp_path / "f.txt").write_text("a file")
    for problem, path in folders.items():
        with pytest.raises(OutputError) as info:
            check_output(path, source=source, lexicons=lists, folder=True)
        assert problem in str(info.value), (problem, str(info.value))
    assert errors_path(out) == tmp_path / "f.csv.errors.csv"
    errors_path(out).mkdir()
    with pytest.raises(OutputError, match="f.csv.errors.csv: is a directory"):  # a companion file is checked too
        check_output(out, source=source, formats=(".csv",), companions=(errors_path(out),))


@pytest.mark.parametrize("command", ["features", "audit", "kwic"])
def test_no_command_writes_into_the_word_list_folder(make_corpus, tmp_path, capsys, command):
    """``audit -o`` and ``kwic -o`` used to write into the ``--lexicons`` folder while ``features`` refused it."""
    corpus = make_corpus(TWO_DOCS)
    lists = tmp_path / "lists"
    lists.mkdir()
    (lists / "tone_misreads.csv").write_text("word,reason\nunited,Names a country.\n")
    out = lists / "out.csv"
    args = {"features": ["features", str(corpus), "-o", str(out), "--no-progress"],
            "audit": ["audit", "hedges_per_1000", "--corpus", str(corpus), "--n", "5", "-o", str(out)],
            "kwic": ["kwic", "China", "--corpus", str(corpus), "-o", str(out)]}[command]
    assert main([*args, "--lexicons", str(lists)]) == 2
    one_clear_line(capsys.readouterr().err, "out.csv", "inside the word-list folder")
    assert [p.name for p in lists.iterdir()] == ["tone_misreads.csv"]


# ----------------------------------------------------------------------------- a file output (features, audit, kwic)


def test_output_that_is_the_corpus_metadata_is_refused(make_corpus, capsys):
    d = make_corpus(TWO_DOCS)
    before = (d / "metadata.csv").read_bytes()
    code, err = features(capsys, d, "-o", d / "metadata.csv")
    assert code == 2
    one_clear_line(err, "metadata.csv", "destroy the input")
    assert (d / "metadata.csv").read_bytes() == before


def test_output_inside_the_corpus_directory_is_refused(make_corpus, capsys):
    d = make_corpus(TWO_DOCS)
    code, err = features(capsys, d, "-o", d / "features.csv")
    assert code == 2
    one_clear_line(err, "inside the corpus directory")
    assert sorted(p.name for p in d.iterdir()) == ["a.txt", "b.txt", "metadata.csv"]


def test_output_inside_the_word_list_folder_is_refused(tmp_path, capsys):
    lists = tmp_path / "lists"
    lists.mkdir()
    (lists / "tone_misreads.csv").write_text("word,reason\nunited,Names a country.\n")
    src = jsonl(tmp_path / "c.jsonl", ARTICLES[:1])
    code, err = features(capsys, src, "-o", lists / "f.csv", "--lexicons", lists)
    assert code == 2
    one_clear_line(err, "inside the word-list folder")
    assert [p.name for p in lists.iterdir()] == ["tone_misreads.csv"]


def test_jsonl_named_csv_as_its_own_output_is_refused(tmp_path, capsys):
    src = jsonl(tmp_path / "articles.csv", ARTICLES[:2])
    before = src.read_bytes()
    code, err = features(capsys, src, "-o", src)
    assert code == 2
    one_clear_line(err, "articles.csv", "the input file")
    assert src.read_bytes() == before
    # the same file by another name (a symlink, a hard link) is the input too
    (tmp_path / "link.csv").symlink_to(src)
    os.link(src, tmp_path / "hard.csv")
    for alias in ("link.csv", "hard.csv"):
        assert features(capsys, src, "-o", tmp_path / alias)[0] == 2
    assert src.read_bytes() == before


def test_listed_file_in_a_subfolder_is_an_input_too(make_corpus, tmp_path, capsys):
    d = make_corpus(TWO_DOCS)
    (d / "texts").mkdir()
    (d / "a.txt").rename(d / "texts" / "a.txt")
    meta = (d / "metadata.csv").read_text().replace("a.txt", "texts/a.txt")
    (d / "metadata.csv").write_text(meta)
    (tmp_path / "alias.csv").symlink_to(d / "texts" / "a.txt")
    assert features(capsys, d, "-o", tmp_path / "alias.csv")[0] == 2
    assert (d / "texts" / "a.txt").read_text() == TWO_DOCS[0]["text"]


def test_unknown_output_extension_is_exit_2(make_corpus, tmp_path, capsys):
    code, err = features(capsys, make_corpus(TWO_DOCS), "-o", tmp_path / "f.xlsx")
    assert code == 2
    one_clear_line(err, "f.xlsx", "unsupported output format")
    assert list(tmp_path.glob("*f.xlsx*")) == []


def test_output_that_is_a_directory_is_exit_2(make_corpus, tmp_path, capsys):
    (tmp_path / "out.csv").mkdir()
    code, err = features(capsys, make_corpus(TWO_DOCS), "-o", tmp_path / "out.csv")
    assert code == 2
    one_clear_line(err, "out.csv", "is a directory")


def test_output_under_a_file_is_exit_2(make_corpus, tmp_path, capsys):
    (tmp_path / "plain").write_text("x")
    code, err = features(capsys, make_corpus(TWO_DOCS), "-o", tmp_path / "plain" / "f.csv")
    assert code == 2
    one_clear_line(err, "is a file, not a directory")


@pytest.mark.parametrize("where", ["seeds", "notebooks", "figures", "lib/rhetoric/data"])
def test_features_never_writes_into_the_committed_project(make_corpus, tmp_path, capsys, where):

    (tmp_path / "link").symlink_to(ROOT / where)  # a symlinked folder leads there too
    for out in (ROOT / where / "fuzz-out.csv", tmp_path / "link" / "fuzz-out.csv"):
        code, err = features(capsys, make_corpus(TWO_DOCS), "-o", out)
        assert code == 2
        one_clear_line(err, "is inside the project's", "never written")
        assert not (ROOT / where / "fuzz-out.csv").exists()


@pytest.mark.parametrize("command", ["audit", "kwic"])
@pytest.mark.parametrize("where", ["seeds", "figures", "lib/rhetoric/data"])
def test_audit_and_kwic_never_write_into_the_committed_project(make_corpus, tmp_path, capsys, command, where):

    corpus = make_corpus(TWO_DOCS)
    (tmp_path / "link").symlink_to(ROOT / where)
    for out in (ROOT / where / "fuzz-out.csv", tmp_path / "link" / "fuzz-out.csv"):
        args = (["audit", "hedges_per_1000", "--corpus", str(corpus), "--n", "5", "--seed", "1", "-o", str(out)]
                if command == "audit" else ["kwic", "China", "--corpus", str(corpus), "-o", str(out)])
        assert main(args) == 2
        one_clear_line(capsys.readouterr().err, "is inside the project's", "never written")
        assert not (ROOT / where / "fuzz-out.csv").exists()


# ------------------------------------------------------------------------------------- a folder output (run --out)


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


@pytest.mark.parametrize("link, target", [("notebooks", NOTEBOOKS), ("figures", FIGURES), ("notebooks", ROOT)])
def test_out_whose_subfolder_is_a_symlink_into_the_project_is_refused(fake, make_corpus, tmp_path, capsys, link,
                                                                      target):
    out = tmp_path / "out"
    out.mkdir()
    (out / link).symlink_to(target)
    before = _committed_names()
    code, err = run_cli(capsys, "--corpus", make_corpus(TWO_DOCS), "--out", out)
    assert code == 2 and fake == []
    one_clear_line(err, str(out), "resolves to")
    assert _committed_names() == before


def test_out_that_is_a_symlink_into_the_project_is_refused(fake, make_corpus, tmp_path, capsys):
    (tmp_path / "out").symlink_to(FIGURES)
    code, err = run_cli(capsys, "--corpus", make_corpus(TWO_DOCS), "--out", tmp_path / "out")
    assert code == 2 and fake == []
    one_clear_line(err, "figures/")


def test_corpus_inside_the_output_is_refused(fake, make_corpus, tmp_path, capsys):
    out = tmp_path / "out"
    corpus = make_corpus(TWO_DOCS, name="out/figures")  # the case: its README.md became the gallery
    (corpus / "README.md").write_text("The corpus's own readme.\n")
    before = _snapshot(corpus)
    code, err = run_cli(capsys, "--corpus", corpus, "--out", out)
    assert code == 2 and fake == []
    one_clear_line(err, "contains the corpus directory")
    assert _snapshot(corpus) == before
    # the same through a symlink: OUT/figures leads into the corpus
    other = tmp_path / "other"
    other.mkdir()
    (other / "figures").symlink_to(corpus)
    code, err = run_cli(capsys, "--corpus", corpus, "--out", other)
    assert code == 2 and fake == [] and _snapshot(corpus) == before


@pytest.mark.parametrize("layout", ["equal", "lists inside out", "out inside lists"])
def test_out_and_word_lists_never_overlap(fake, make_corpus, tmp_path, capsys, layout):
    out = tmp_path / "out"
    lists = {"equal": out, "lists inside out": out / "lists", "out inside lists": tmp_path / "lists"}[layout]
    if layout == "out inside lists":
        out = lists / "results"
    lists.mkdir(parents=True)
    (lists / "tone_misreads.csv").write_text("word,reason\nunited,Names a country.\n")
    code, err = run_cli(capsys, "--corpus", make_corpus(TWO_DOCS), "--out", out, "--lexicons", lists)
    assert code == 2 and fake == []
    one_clear_line(err, "word-list folder")
    assert [p.name for p in lists.iterdir()] == ["tone_misreads.csv"] or layout != "equal"
    assert not (lists / cache.STATE_FILE).exists()


def test_out_that_is_a_symlink_loop_is_one_line(fake, make_corpus, tmp_path, capsys):
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    code, err = run_cli(capsys, "--corpus", make_corpus(TWO_DOCS), "--out", tmp_path / "loop")
    assert code == 2 and fake == []
    one_clear_line(err, "loop")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_out_is_refused_before_anything_runs(fake, make_corpus, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        code, err = run_cli(capsys, "--corpus", make_corpus(TWO_DOCS), "--out", out)
    finally:
        out.chmod(0o755)
    assert code == 2 and fake == []
    one_clear_line(err, "read-only")


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
        for name, value in (("ROOT", proj), ("NOTEBOOKS", proj / "notebooks"), ("FIGURES", proj / "figures"),
                            ("SEEDS", proj / "seeds")):
            m.setattr(rhetoric.base.paths, name, value)
        m.setattr(cache, "library_digest", lambda: "library")  # the library is not under the stand-in root
        try:
            runner.run(Settings(corpus=corpus, out=out, lexicons=lists if lists_given else None),
                       log=lambda msg: None)
        except InputError:
            pass
    assert _tree(*[w for w in watched if w.exists()]) == before


def test_an_out_folder_of_another_user_is_refused(make_corpus, tmp_path, monkeypatch):
    """Issue 37: whoever owns ``--out`` could replace what the run leaves there between two notebooks."""
    d = make_corpus(TWO_DOCS)
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    real_uid = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: real_uid + 1)  # as if another user made the folder
    with pytest.raises(OutputError, match="belongs to another user"):
        check_output(theirs, source=Source.open(d), folder=True)
    check_output(tmp_path / "new", source=Source.open(d), folder=True)  # a folder the run creates is its own
    monkeypatch.undo()
    assert check_output(theirs, source=Source.open(d), folder=True) == theirs


# ------------------------------------------------------------------------- formulas in a CSV a person opens (issue 37)


def test_formula_starts_are_neutralised_and_numbers_stay_numbers():
    from rhetoric.io.outputs import neutralise_formulas, restore_formulas

    table = pd.DataFrame({"id": ["=HYPERLINK(\"x\")", "+1", "-0.3", "-x", "@SUM(A1)", "\t=1", "\r=1", "'=1", "plain",
                                 None],
                          "score": [-0.3, 1.0, 2.0, -4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]})
    out = neutralise_formulas(table)
    assert list(out["id"])[:9] == ["'=HYPERLINK(\"x\")", "+1", "-0.3", "'-x", "'@SUM(A1)", "'\t=1", "'\r=1", "''=1",
                                   "plain"]
    assert out["score"].tolist() == table["score"].tolist()  # a numeric column is never touched
    assert list(neutralise_formulas(pd.DataFrame({"=g (n = 3)": [1]})).columns) == ["'=g (n = 3)"]
    pd.testing.assert_frame_equal(restore_formulas(out), table)


@given(st.lists(st.text(max_size=8), min_size=1, max_size=6))
def test_neutralising_formulas_is_reversible_and_leaves_no_formula(cells):
    from rhetoric.io.outputs import _NUMBER, FORMULA_START, neutralise_formulas, restore_formulas

    table = pd.DataFrame({"t": pd.Series(cells, dtype=object)})
    out = neutralise_formulas(table)
    assert all(v[:1] not in "=+-@\t\r" or v == "" or _NUMBER.match(v) for v in out["t"])
    assert all(not FORMULA_START.match(v) or v.startswith("'") or _NUMBER.match(v) for v in out["t"])
    pd.testing.assert_frame_equal(restore_formulas(out), table)


def test_the_audit_sheet_neutralises_ids_and_reads_them_back(make_corpus, tmp_path, capsys):
    docs = [{**TWO_DOCS[0], "id": "=HYPERLINK(\"x\";\"a\")", "file": "a.txt"},
            {**TWO_DOCS[1], "id": "@b", "stance": "-con", "file": "b.txt"}]
    corpus = make_corpus(docs)
    sheet = tmp_path / "sheet.csv"
    assert main(["audit", "hedges_per_1000", "--corpus", str(corpus), "--n", "5", "-o", str(sheet)]) == 0
    raw = pd.read_csv(sheet, dtype=str, keep_default_na=False)
    assert not [v for c in raw.columns for v in raw[c] if v and v[0] in "=+-@" and not v.lstrip("-").isdigit()]
    assert "'=HYPERLINK" in sheet.read_text()
    coded = raw.assign(label="1")
    coded.to_csv(sheet, index=False)
    assert main(["audit", "--score", str(sheet)]) == 0
    from rhetoric.analysis.audit import read_sheet
    back = read_sheet(sheet)
    assert set(back["doc_id"]) <= {d["id"] for d in docs}


@pytest.mark.parametrize("command", ["audit", "kwic"])
@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EROFS])
def test_a_full_or_read_only_disk_is_one_line_for_audit_and_kwic(make_corpus, tmp_path, capsys, monkeypatch,
                                                                   command, error):
    """Issue 37: ``audit -o``/``kwic -o`` on a full or read-only disk gave a traceback and exit 1."""
    from rhetoric.io import outputs

    corpus = make_corpus(TWO_DOCS)
    out = tmp_path / "out.csv"
    out.write_text("earlier\n")

    def failing(path, data):
        raise OSError(error, os.strerror(error), str(path))

    monkeypatch.setattr(outputs, "atomic_write", failing)
    args = {"audit": ["audit", "hedges_per_1000", "--corpus", str(corpus), "--n", "5", "-o", str(out)],
            "kwic": ["kwic", "China", "--corpus", str(corpus), "-o", str(out)]}[command]
    assert main(args) == 2
    one_clear_line(capsys.readouterr().err, "out.csv", os.strerror(error))
    assert out.read_text() == "earlier\n"
