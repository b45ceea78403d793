"""The command line as a reader meets it: version, help with descriptions, examples and defaults, the settings it
builds for each command, one clear line for bad arguments, and the project's citation metadata. (The progress
display is tested in tests/run/features/test_progress.py.)"""
from __future__ import annotations

import re
import signal
import threading
import tomllib

import pytest
import yaml

from rhetoric.base import project
from rhetoric.base.paths import ROOT
from rhetoric.cli import Terminated, _terminated, main, parser

from command_helpers import features, one_clear_line
from conftest import TWO_DOCS

PYPROJECT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _help(capsys, *args: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


def test_version_is_pyprojects(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"rhetoric {PYPROJECT_VERSION}"


@pytest.mark.parametrize("command", ["features", "run"])
def test_every_subcommand_has_description_examples_and_defaults(capsys, command):
    text = _help(capsys, command)
    sub = parser()._subparsers._group_actions[0].choices[command]
    assert sub.description and sub.description.split()[0] in text
    examples = text.split("examples:", 1)[1]
    assert examples.count(f"rhetoric {command}") >= 2
    for action in sub._actions:  # every option with a value has its default in its help, unless it is unset
        if action.option_strings and action.default not in (None, False) and action.dest != "help":
            options = text.split("\noptions:", 1)[1]
            line = options.split(f"  {action.option_strings[-1]}", 1)[1].split("\n  -", 1)[0]
            assert "default" in line, action.option_strings


def test_help_is_plain_text(capsys):
    texts = [_help(capsys), _help(capsys, "features"), _help(capsys, "run")]
    for text in texts:
        assert "``" not in text and ":func:" not in text and ":mod:" not in text
    assert "--only NAME [NAME ...]" in texts[2]
    assert "[ONLY ...]" not in texts[2]
    assert "(default: 32)" in texts[1] and "(default: processes)" in texts[1]


def test_only_needs_a_name():
    with pytest.raises(SystemExit):
        parser().parse_args(["run", "--only"])
    assert parser().parse_args(["run", "--only", "01-corpus", "02-framing"]).only == ["01-corpus", "02-framing"]


def test_citation_is_complete_and_matches_pyproject():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert str(cff["version"]) == PYPROJECT_VERSION
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", str(cff["date-released"]))
    assert cff["authors"] and all(a.get("name") or a.get("family-names") for a in cff["authors"])
    assert cff["license"] and cff["title"] and cff["cff-version"]
    # the address only once it is real: no placeholder flows into generated citations
    assert "repository-code" not in cff or (str(cff["repository-code"]).startswith("https://")
                                            and cff["repository-code"] != project.PLACEHOLDER_REPOSITORY)
    assert "seed" not in cff["title"].lower() and "China" not in cff["title"]  # the software, not the seed study


def test_sharing_links_from_the_one_address(tmp_path):
    from conftest import with_address

    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    (tmp_path / "CITATION.cff").write_text(cff, encoding="utf-8")
    if project.repository(tmp_path) is None:  # the placeholder: no link pointing at OWNER/REPO
        assert not project.sharing_links(tmp_path).ready
    published = with_address(cff, "https://github.com/someone/rhetoric")
    (tmp_path / "CITATION.cff").write_text(published, encoding="utf-8")
    links = project.sharing_links(tmp_path)
    assert links.nbviewer == "https://nbviewer.org/github/someone/rhetoric/blob/main/notebooks/00-overview.ipynb"
    assert links.binder == "https://mybinder.org/v2/gh/someone/rhetoric/main?labpath=notebooks/00-overview.ipynb"
    assert "https://github.com/someone/rhetoric" in project.cite_text(tmp_path)
    placeholder = with_address(cff, project.PLACEHOLDER_REPOSITORY)
    (tmp_path / "CITATION.cff").write_text(placeholder, encoding="utf-8")
    assert project.sharing_links(tmp_path) == project.Links(None, None, None)


def test_commit_unknown_outside_git(tmp_path):
    assert project.commit(tmp_path) == project.Commit("unknown", "unknown")
    here = project.commit()
    assert here.sha == "unknown" or re.fullmatch(r"[0-9a-f]{40}", here.sha)


def test_make_lab_as_root_hides_the_copies_and_encrypts_kernels():
    import fnmatch
    import os
    import shlex
    import shutil
    import subprocess

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    done = subprocess.run(["make", "-s", "-n", "lab", "READY="], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    argv = shlex.split(done.stdout.strip().splitlines()[-1])
    assert argv[1:3] == ["lab", "notebooks/"]
    assert ("--allow-root" in argv) == (os.geteuid() == 0)
    assert "--KernelManager.transport_encryption=auto" in argv
    (hide,) = [a.split("=", 1)[1] for a in argv if a.startswith("--ContentsManager.hide_globs=")]
    globs = yaml.safe_load(hide.replace("'", '"'))
    from jupyter_server.services.contents.filemanager import FileContentsManager

    assert set(FileContentsManager().hide_globs) <= set(globs)  # the defaults kept
    names = [p.name for p in (ROOT / "notebooks").iterdir()]
    hidden = {n for n in names if any(fnmatch.fnmatch(n, g) for g in globs)}
    assert hidden == {n for n in names if n.endswith(".py")} and hidden


def test_missing_input_and_bad_arguments_are_one_line(tmp_path, capsys, make_corpus):
    code, err = features(capsys, tmp_path / "nope.jsonl", "-o", tmp_path / "f.csv")
    assert code == 2
    one_clear_line(err, "nope.jsonl", "does not exist")
    code, err = features(capsys, make_corpus(TWO_DOCS), "-o", tmp_path / "f.csv", "--workers", "0")
    assert code == 2
    one_clear_line(err, "--workers")


def test_each_command_builds_its_settings():
    from rhetoric.cli import settings

    built = settings(parser().parse_args(["features", "in.jsonl", "-o", "f.csv", "--workers", "3", "--no-progress"]))
    assert (built.command, built.corpus.name, built.out.name, built.workers, built.progress) == (
        "features", "in.jsonl", "f.csv", 3, False)
    args = ["run", "--corpus", "c", "--out", "o", "--groups", "b,a", "--only", "01-corpus"]
    built = settings(parser().parse_args(args))
    assert (built.command, built.groups, built.only, built.resamples) == ("run", ("b", "a"), ("01-corpus",), None)
    built = settings(parser().parse_args(["kwic", "China", "--corpus", "c", "--width", "10"]))
    assert (built.command, built.width, built.out) == ("kwic", 10, None) and not built.validated


def test_sigterm_landing_in_a_finalizer_is_delivered_again():
    """Python prints and drops an exception raised in a ``__del__`` (the garbage collector runs them anywhere), so a
    SIGTERM handled there would be lost and the command would go on; the handler sends the signal again instead,
    and it ends the command outside the finalizer."""
    class Dying:
        def __del__(self):
            signal.raise_signal(signal.SIGTERM)  # handled here, inside the finalizer

    previous = signal.signal(signal.SIGTERM, _terminated)
    never = threading.Event()
    try:
        with pytest.raises(Terminated):
            Dying()  # dropped at once
            never.wait(30)  # the signal sent again ends the wait (the timeout only bounds a failure)
    finally:
        signal.signal(signal.SIGTERM, previous)
