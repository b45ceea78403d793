"""One settings object for every command (``rhetoric.run.settings``): the constraint table, validation in one place
and in a stated order, the word lists in force as a context, picklable for worker processes."""
from __future__ import annotations

import pickle
import warnings
from pathlib import Path

import pandas as pd
import pytest

from rhetoric.base.errors import CorpusError, CorpusWarning, InputError
from rhetoric.cli import main
from rhetoric.io.wordlists import active_directory, use_lexicons
from rhetoric.run import settings as settings_module
from rhetoric.run.settings import CONSTRAINTS, Choice, Interval, Settings

from command_helpers import NAMES, fake_runner, features, one_clear_line, run_cli
from conftest import TWO_DOCS, write_corpus


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """Stand-in notebooks and a fake executor (``command_helpers.fake_runner``)."""
    return fake_runner(tmp_path, monkeypatch)

LISTS = "term,category,reason\nhello,contrast,A test marker.\n"


@pytest.fixture
def project_lists():
    yield
    use_lexicons(None)


def _lists(folder, text=LISTS):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rhetorical_markers.csv").write_text(text, encoding="utf-8")
    return folder


def test_interval_and_choice_say_what_is_wrong():
    assert Interval(1).problem(0) == "must be at least 1 (got 0)"
    assert Interval(100, note="default 10,000").problem(99) == "must be at least 100 (default 10,000)"
    assert Interval(1, high=64).problem(65) == "must be at most 64 (got 65)"  # a ceiling is one entry
    assert Interval(1, high=64).problem(64) is None and Interval(1).problem(10**9) is None
    assert "whole number" in Interval(1).problem("2") and "whole number" in Interval(1).problem(True)
    assert Choice(("processes", "dask")).problem("threads") == "must be one of processes, dask (got 'threads')"


def test_every_option_of_the_table_is_a_setting():
    fields = set(Settings.__dataclass_fields__)
    assert set(CONSTRAINTS) <= fields
    for option in CONSTRAINTS.values():
        assert option.flag.startswith("--") and set(option.commands) <= set(settings_module.COMMANDS)


@pytest.mark.parametrize("command, given, flag, problem", [
    ("features", {"workers": 0}, "--workers", "must be at least 1 (got 0)"),
    ("features", {"chunk_size": 0}, "--chunk-size", "must be at least 1 (got 0)"),
    ("features", {"engine": "threads"}, "--engine", "must be one of processes, dask"),
    ("run", {"workers": 0, "out": "x"}, "--workers", "must be at least 1 (got 0)"),
    ("run", {"resamples": 99, "out": "x"}, "--resamples", "must be at least 100 (default 10,000)"),
    ("run", {"groups": "a"}, "--groups", "needs --out"),
    ("run", {"resamples": 500}, "--resamples", "needs --out"),
    ("run", {"lexicons": "lists"}, "--lexicons", "needs --out"),
    ("run", {"only": ["nope"]}, "--only", "no notebook named 'nope' (the notebooks: 01-corpus"),
    ("audit", {"n": 0}, "--n", "must be at least 1 (got 0)"),
    ("kwic", {"width": 0}, "--width", "must be at least 1 (got 0)"),
])
def test_each_option_is_checked_before_anything_is_read(tmp_path, command, given, flag, problem):
    out = given.pop("out", None if command == "run" else tmp_path / "o.csv")
    with pytest.raises(InputError) as info:
        corpus = None if command == "run" else tmp_path / "not-read"  # --corpus needs --out too
        Settings(command=command, corpus=corpus, out=out, **given).validate()
    assert str(info.value).startswith(f"{flag}: {problem}")


def test_options_of_other_commands_are_not_checked(tmp_path):
    corpus = write_corpus(tmp_path / "c", TWO_DOCS)
    checked = Settings(command="kwic", corpus=corpus, workers=0, n=0).validate()  # not kwic's options
    assert checked.validated and checked.source.is_corpus


def test_validation_opens_the_input_once_and_keeps_what_was_given(tmp_path):
    corpus = write_corpus(tmp_path / "c", TWO_DOCS)
    given = Settings(command="features", corpus=str(corpus), out=str(tmp_path / "f.csv"), groups=None)
    checked = given.validate()
    assert not given.validated and checked.validated and checked.validate() is checked
    assert checked.corpus == corpus and checked.source.path == corpus and checked.out == tmp_path / "f.csv"
    assert checked == given  # the same settings, now checked (the opened input is not a setting)


def test_groups_are_parsed_once_and_checked_against_the_corpus(tmp_path):
    corpus = write_corpus(tmp_path / "c", [{"id": "a", "stance": "x", "text": "One sentence here."},
                                           {"id": "b", "stance": "y", "text": "Another sentence here."}])
    assert Settings(command="notebook", corpus=corpus, groups=" y , x,y ").groups == ("y", "x")
    assert Settings(command="notebook", corpus=corpus, groups=["x"]).validate().groups == ("x",)
    with pytest.raises(InputError, match=r"--groups: no group 'z' in the corpus \(its groups: x, y\)"):
        Settings(command="run", corpus=corpus, out=tmp_path / "out", groups="x,z").validate()
    with pytest.raises(InputError, match="no group named"):
        Settings(command="notebook", corpus=corpus, groups=",").validate()
    assert not (tmp_path / "out").exists()


def test_run_checks_the_groups_setting_before_anything_runs(tmp_path):
    """Moved from tests/analysis/test_aggregate.py: ``rhetoric run --groups`` is checked once, up front."""
    from rhetoric.run.runner import run

    corpus = write_corpus(tmp_path / "c", [{"id": "a", "stance": "x", "text": "One sentence here."},
                                           {"id": "b", "stance": "y", "text": "Another sentence here."}])
    with pytest.raises(InputError, match="needs --out"):
        run(Settings(corpus=corpus, groups="x,y"))
    with pytest.raises(InputError, match="no group 'z'"):
        run(Settings(corpus=corpus, out=tmp_path / "out", groups="x,z"))
    assert not (tmp_path / "out").exists()


def test_workers_must_be_at_least_one(tmp_path):
    from rhetoric.run.runner import run

    with pytest.raises(InputError, match="--workers"):
        run(Settings(out=tmp_path / "out", workers=0, only=["01-corpus"]))


def test_bad_word_lists_are_one_error_when_validated(tmp_path, project_lists):
    corpus = write_corpus(tmp_path / "c", TWO_DOCS)
    lists = _lists(tmp_path / "lists", "term,category\nhello,contrast\n")
    for command in ("features", "audit", "kwic", "notebook"):
        out = tmp_path / "o.csv" if command != "notebook" else None
        with pytest.raises(CorpusError, match="rhetorical_markers.csv: missing column"):
            Settings(command=command, corpus=corpus, out=out, lexicons=lists).validate()
        assert active_directory() is None  # validation never switches the lists


def test_word_lists_in_force_inside_the_block_and_restored_after(tmp_path, project_lists):
    corpus = write_corpus(tmp_path / "c", TWO_DOCS)
    lists = _lists(tmp_path / "lists")
    checked = Settings(command="kwic", corpus=corpus, lexicons=lists).validate()
    assert checked.lexicons == lists.resolve()
    with checked.word_lists() as replaced:
        assert replaced == ["rhetorical_markers.csv"] and active_directory() == lists.resolve()
        with checked.word_lists():  # already in force: nothing switched, nothing restored
            assert active_directory() == lists.resolve()
        assert active_directory() == lists.resolve()
    assert active_directory() is None
    with pytest.raises(RuntimeError), checked.word_lists():
        raise RuntimeError("a failing command")
    assert active_directory() is None  # restored on an error too
    assert checked.use_word_lists() == ["rhetorical_markers.csv"] == checked.use_word_lists()  # for good
    assert active_directory() == lists.resolve()


def test_a_corpus_own_lists_are_used_only_when_given(tmp_path, project_lists):
    corpus = write_corpus(tmp_path / "c", TWO_DOCS)
    _lists(corpus / "lexicons")
    with pytest.warns(CorpusWarning, match="NOT used"):
        plain = Settings(command="kwic", corpus=corpus).validate()
    assert plain.lexicons is None and plain.use_word_lists() == [] and active_directory() is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # given: no warning; a notebook never warns
        own = Settings(command="kwic", corpus=corpus, lexicons=corpus / "lexicons").validate()
        Settings(command="notebook", corpus=corpus).validate()
    assert own.use_word_lists() == ["rhetorical_markers.csv"]


def test_settings_cross_to_worker_processes_without_what_was_read(tmp_path):
    corpus = write_corpus(tmp_path / "c", TWO_DOCS)
    checked = Settings(command="notebook", corpus=corpus, workers=2).validate()
    assert checked.source.corpus().doc_ids == ["a", "b"]
    copy = pickle.loads(pickle.dumps(checked))
    assert copy == checked and copy.source.path == corpus and copy.source._corpus is None


def test_unknown_command_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown command"):
        Settings(command="serve")


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


def _corpus_lists(corpus: Path, name: str, text: str) -> Path:
    (corpus / "lexicons").mkdir(exist_ok=True)
    (corpus / "lexicons" / name).write_text(text, encoding="utf-8")
    return corpus / "lexicons" / name


def test_a_corpus_own_word_lists_are_used_only_when_asked(make_corpus, tmp_path, capsys):
    d = make_corpus(TWO_DOCS)
    _corpus_lists(d, "rhetorical_markers.csv", "term,category,reason\nwashington,contrast,A test entry.\n")
    code, err = features(capsys, d, "-o", tmp_path / "plain.csv")
    assert code == 0
    notes = [ln for ln in err.splitlines() if "lexicons" in ln]
    assert len(notes) == 1 and "NOT used" in notes[0] and f"--lexicons {d / 'lexicons'}" in notes[0]
    code, err = features(capsys, d, "-o", tmp_path / "own.csv", "--lexicons", d / "lexicons")
    assert code == 0 and "NOT used" not in err
    plain, own = pd.read_csv(tmp_path / "plain.csv"), pd.read_csv(tmp_path / "own.csv")
    assert plain["contrast"].sum() == 0 and own["contrast"].sum() == 1  # "Washington", only with the corpus's list


def test_run_and_audit_leave_a_corpus_own_lists_unused_and_say_so(fake, make_corpus, tmp_path, capsys):
    d = make_corpus(TWO_DOCS)
    _corpus_lists(d, "rhetorical_markers.csv", "term,category\nhello,contrast\n")  # invalid: not even loaded unasked
    code, err = run_cli(capsys, "--corpus", d, "--out", tmp_path / "out")
    assert code == 0 and [name for name, _ in fake] == NAMES
    assert all("LEXICONS_DIR" not in src for _, src in fake)  # the notebooks get the project's lists
    assert sum("NOT used" in ln for ln in err.splitlines()) == 1
    code = main(["kwic", "China", "--corpus", str(d)])
    err = capsys.readouterr().err
    assert code == 0 and sum("NOT used" in ln for ln in err.splitlines()) == 1


# --- the study's options: frame families, the unit of analysis, near-duplicates ---------------------------------

OUTLETS = [{"id": f"d{i}", "stance": "left" if i < 4 else "right", "outlet": f"o{i // 2}",
            "text": f"Article {i} says one thing. It then says another {i}."} for i in range(8)]
OUTLET_COLUMNS = ["id", "file", "stance", "title", "outlet"]


@pytest.mark.parametrize("given, flag, problem", [
    ({"frames": "generic,spin"}, "--frames", "unknown frame family spin: choose from generic, policy, international"),
    ({"frames": ","}, "--frames", "no frame family named"),
    ({"cluster": "outlet"}, "--cluster", "needs --out"),
    ({"frames": "generic"}, "--frames", "needs --out"),
    ({"drop_duplicates": True}, "--drop-duplicates", "needs --out"),
])
def test_study_options_are_checked_before_anything_is_read(tmp_path, given, flag, problem):
    needs_out = "needs --out" in problem  # in place on the seeds: the committed notebooks stay as they are
    out, corpus = (None, None) if needs_out else (tmp_path / "out", tmp_path / "not-read")
    with pytest.raises(InputError) as info:
        Settings(command="run", corpus=corpus, out=out, **given).validate()
    assert str(info.value).startswith(f"{flag}: {problem}")
    assert not (tmp_path / "out").exists()


def test_frames_are_parsed_once_in_family_order():
    assert Settings(frames=" policy, generic ").frames == ("policy", "generic")  # parsed; order kept as given
    assert Settings(frames="all").frames == ("generic", "policy", "international")
    assert Settings().frames is None and Settings().drop_duplicates is False and Settings().cluster is None


@pytest.mark.parametrize("cluster, problem", [
    ("publisher", "no metadata column 'publisher' (cluster-like columns present: outlet)"),
    ("title", "the metadata column 'title' has no values"),
    ("stance", None),
    ("outlet", None),
    ("none", None),
])
def test_the_cluster_column_is_checked_against_the_corpus(tmp_path, cluster, problem):
    corpus = write_corpus(tmp_path / "c", OUTLETS, columns=OUTLET_COLUMNS)
    given = Settings(command="run", corpus=corpus, out=tmp_path / "out", cluster=cluster)
    if problem is None:
        assert given.validate().cluster == cluster
        return
    with pytest.raises(InputError) as info:
        given.validate()
    assert str(info.value) == f"--cluster: {problem}"


def test_a_cluster_holding_two_groups_is_refused(tmp_path):
    mixed = [{**d, "outlet": "same" if d["id"] in ("d3", "d4") else d["outlet"]} for d in OUTLETS]
    corpus = write_corpus(tmp_path / "c", mixed, columns=OUTLET_COLUMNS)
    with pytest.raises(InputError, match="--cluster: 'same' of column 'outlet' holds articles of two groups"):
        Settings(command="run", corpus=corpus, out=tmp_path / "out", cluster="outlet").validate()
    # the groups asked for are the ones that count: left alone, 'same' holds one group
    assert Settings(command="run", corpus=corpus, out=tmp_path / "out", cluster="outlet",
                    groups="left").validate().cluster == "outlet"


def test_bad_study_options_are_one_line_and_exit_2(tmp_path, capsys):
    corpus = write_corpus(tmp_path / "c", OUTLETS, columns=OUTLET_COLUMNS)
    for args, fragment in ((["--frames", "spin"], "--frames: unknown frame family spin"),
                           (["--cluster", "nope"], "--cluster: no metadata column 'nope'")):
        code, err = run_cli(capsys, "--corpus", corpus, "--out", tmp_path / "out", *args)
        assert code == 2
        one_clear_line(err, fragment)
    assert not (tmp_path / "out").exists()


def test_study_options_reach_every_notebook(tmp_path):
    from rhetoric.run.plan import parameters

    corpus = write_corpus(tmp_path / "c", OUTLETS, columns=OUTLET_COLUMNS)
    given = Settings(corpus=corpus, out=tmp_path / "out", frames="generic", cluster="outlet",
                     drop_duplicates=True).validate()
    params = parameters(given, tmp_path / "out" / "notebooks", tmp_path / "out")
    assert (params["FRAMES"], params["CLUSTER"], params["DROP_DUPLICATES"]) == ("generic", "outlet", True)
    plain = parameters(Settings(corpus=corpus, out=tmp_path / "o2").validate(), tmp_path, tmp_path)
    assert not {"FRAMES", "CLUSTER", "DROP_DUPLICATES"} & set(plain)
    for path in sorted((Path(__file__).parents[2] / "notebooks").glob("0*.py")):  # each notebook passes them on
        text = path.read_text(encoding="utf-8")
        assert "frames=FRAMES, cluster=CLUSTER, drop_duplicates=DROP_DUPLICATES" in text, path.name


# ------------------------------------------------------------------------------------- ceilings (issue 37)


@pytest.mark.parametrize("args, flag, fragment", [
    (["run", "--corpus", "{c}", "--out", "{o}", "--workers", "9"], "--workers", "at most 8"),
    (["run", "--corpus", "{c}", "--out", "{o}", "--resamples", "1000000000"], "--resamples", "at most 100,000"),
    (["kwic", "China", "--corpus", "{c}", "--width", "100000000"], "--width", "at most 1,000"),
    (["audit", "hedges_per_1000", "--corpus", "{c}", "-o", "{o}.csv", "--seed", "-1"], "--seed", "at least 0"),
    (["audit", "hedges_per_1000", "--corpus", "{c}", "-o", "{o}.csv", "--n", "10000000"], "--n", "at most 10,000"),
    (["features", "{c}", "-o", "{o}.csv", "--workers", "12"], "--workers", "at most 8"),
])
def test_every_ceiling_is_one_line_and_exit_2_before_anything_runs(make_corpus, tmp_path, capsys, fake, args, flag,
                                                                   fragment):
    corpus, out = make_corpus(TWO_DOCS), tmp_path / "out"
    argv = [a.format(c=corpus, o=out) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert flag in err and fragment in err, err
    assert not list(tmp_path.glob("out*")) and fake == []


def test_more_groups_than_the_ceiling_are_refused_unless_chosen(tmp_path, capsys, fake):
    many = [{"id": f"d{i}", "stance": f"g{i:02d}", "text": TWO_DOCS[i % 2]["text"]}
            for i in range(settings_module.MAX_GROUPS + 1)]
    corpus = write_corpus(tmp_path / "many", many)
    code, err = run_cli(capsys, "--corpus", corpus, "--out", tmp_path / "out")
    assert code == 2 and "21 groups to compare" in err and "--groups" in err and fake == []
    Settings(corpus=corpus, out=tmp_path / "out", groups="g00,g01").validate()  # chosen: within the ceiling


def test_blocks_in_which_no_label_can_move_are_refused_before_any_notebook(tmp_path, capsys, fake):
    """Issue 37: one article per block made every permutation p exactly 1 while the notebook said "within blocks"."""
    docs = [{"id": f"d{i}", "stance": "ab"[i % 2], "block": f"b{i}", "text": TWO_DOCS[i % 2]["text"]} for i in range(4)]
    corpus = write_corpus(tmp_path / "blocks", docs, columns=["id", "file", "stance", "block"])
    code, err = run_cli(capsys, "--corpus", corpus, "--out", tmp_path / "out")
    assert code == 2 and fake == []
    assert len(err.strip().splitlines()) == 1 and "no block holds documents of two groups" in err
    matched = [{**d, "block": f"b{i // 2}"} for i, d in enumerate(docs)]  # each block: one article of each group
    Settings(corpus=write_corpus(tmp_path / "matched", matched, columns=["id", "file", "stance", "block"]),
             out=tmp_path / "out").validate()


def test_a_group_name_with_a_comma_can_be_chosen(tmp_path, capsys, fake):
    """Issue 37: a group named with a comma could never be chosen with --groups."""
    from rhetoric.cli import group_names

    assert group_names('"Left, far",Right') == ["Left, far", "Right"]
    assert group_names("A, B") == ["A", "B"]
    docs = [{"id": f"d{i}", "stance": ["Left, far", "Right", "Centre"][i % 3], "text": TWO_DOCS[i % 2]["text"]}
            for i in range(6)]
    corpus = write_corpus(tmp_path / "c", docs)
    code, err = run_cli(capsys, "--corpus", corpus, "--out", tmp_path / "out", "--groups", '"Left, far"',
                        "--groups", "Right")
    assert code == 0, err
    assert fake and all("GROUPS = ['Left, far', 'Right']" in injected for _, injected in fake)
    code, err = run_cli(capsys, "--corpus", corpus, "--out", tmp_path / "out2", "--groups", "Left, far")
    assert code == 2 and "no group 'Left'" in err  # unquoted: two names, as before
