"""The command line as a reader meets it: version, help with descriptions, examples and defaults, the
progress display (a bar on a terminal, plain lines elsewhere), and the project's citation metadata."""
from __future__ import annotations

import gzip
import io
import json
import re
import signal
import threading
import tomllib

import pytest
import yaml

from rhetoric.base import project
from rhetoric.base.paths import ROOT
from rhetoric.cli import Terminated, _terminated, main, parser
from rhetoric.run import stream

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


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_plain_lines_off_a_terminal(monkeypatch):
    out = io.StringIO()
    clock = iter(range(0, 10_000, 5))
    monkeypatch.setattr(stream.time, "perf_counter", lambda: float(next(clock)))
    bar = stream.Progress(stream=out, interval=10)
    bar.set_total(40)
    for _ in range(4):
        bar.update(10, "1,000 words/s")
    bar.close()
    text = out.getvalue()
    assert "\r" not in text and "\x1b" not in text
    lines = text.splitlines()
    assert len(lines) >= 2
    # the clock ticks 5 s a call: the first line is due at 10 s (20 of 40 done, 20 s for 20: 20 s left)
    assert lines[0] == "rhetoric features: 20/40 articles (50%), 00:20 elapsed, about 00:20 left, 1,000 words/s"
    assert lines[-1].startswith("rhetoric features: 40/40 articles (100%)") and "left" not in lines[-1]


def test_progress_bar_on_a_terminal_shows_total_percentage_and_time_left():
    out = _Terminal()
    bar = stream.Progress(stream=out)
    bar.set_total(8)
    bar.update(2, "10 words/s")
    bar.close(done=False)
    text = out.getvalue()
    assert "\r" in text  # redrawn in place
    assert re.search(r"25%\|.*\| 2/8 \[\d\d:\d\d<\d\d:\d\d", text), text


def test_progress_disabled_writes_nothing():
    out = io.StringIO()
    bar = stream.Progress(enabled=False, stream=out, interval=0)
    bar.set_total(3)
    bar.update(3)
    bar.close()
    assert out.getvalue() == ""


def test_count_articles(tmp_path):
    records = [json.dumps({"id": f"a{k}", "stance": "s", "text": "Words here."}) for k in range(5)]
    plain = tmp_path / "a.jsonl"
    plain.write_text("\n".join(records[:3]) + "\n\n" + "\n".join(records[3:]), encoding="utf-8")  # no final \n
    packed = tmp_path / "a.jsonl.gz"
    with gzip.open(packed, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(records) + "\n")
    assert stream.count_articles(plain) == 5
    assert stream.count_articles(packed) == 5
    assert stream.count_articles(tmp_path / "missing.jsonl") is None


def test_features_progress_in_a_log_has_total_and_no_carriage_return(tmp_path, capsys):
    records = [{"id": f"a{k}", "stance": "s", "text": f"The U.S. may act on Iran in round {k}. China said no."}
               for k in range(3)]
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert main(["features", str(src), "-o", str(tmp_path / "f.csv"), "--chunk-size", "1"]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err
    assert "rhetoric features: 3/3 articles (100%)" in err


def test_citation_is_complete_and_matches_pyproject():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert str(cff["version"]) == PYPROJECT_VERSION
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", str(cff["date-released"]))
    assert cff["authors"] and all(a.get("name") or a.get("family-names") for a in cff["authors"])
    assert cff["license"] and cff["title"] and cff["cff-version"]
    assert str(cff["repository-code"]).startswith("https://")


def test_sharing_links_from_the_one_address(tmp_path):
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    (tmp_path / "CITATION.cff").write_text(cff, encoding="utf-8")
    if project.repository(tmp_path) is None:  # the placeholder: no link pointing at OWNER/REPO
        assert not project.sharing_links(tmp_path).ready
    published = re.sub(r"(?m)^repository-code: .*$", 'repository-code: "https://github.com/someone/rhetoric"', cff)
    (tmp_path / "CITATION.cff").write_text(published, encoding="utf-8")
    links = project.sharing_links(tmp_path)
    assert links.nbviewer == "https://nbviewer.org/github/someone/rhetoric/blob/main/notebooks/00-overview.ipynb"
    assert links.binder == "https://mybinder.org/v2/gh/someone/rhetoric/main?labpath=notebooks/00-overview.ipynb"
    assert "https://github.com/someone/rhetoric" in project.cite_text(tmp_path)
    placeholder = re.sub(r"(?m)^repository-code: .*$", f'repository-code: "{project.PLACEHOLDER_REPOSITORY}"', cff)
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


def test_run_progress_names_share_and_time_left():
    from rhetoric.run.runner import Outcome, time_left

    todo = ["01-a.ipynb", "02-b.ipynb", "03-c.ipynb", "00-overview.ipynb"]
    done = [Outcome("00-x.ipynb", False, 0.0), Outcome("01-a.ipynb", True, 20.0), Outcome("02-b.ipynb", True, 40.0)]
    assert time_left(done, todo, 3, 5) == " (60%, about 60 s left)"  # two left at 30 s each
    slow = [Outcome("01-a.ipynb", True, 300.0)]
    assert time_left(slow, todo, 1, 4) == " (25%, about 15 min left)"
    assert time_left(done + [Outcome("03-c.ipynb", True, 30.0), Outcome("00-overview.ipynb", True, 5.0)], todo,
                     5, 5) == " (100%)"


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

