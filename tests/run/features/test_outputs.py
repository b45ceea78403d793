"""The feature table's outputs (``rhetoric.run.features.outputs``): replaced only by a complete, non-empty table;
failures streamed to ``OUT.errors.csv``, complete before the table moves into place; no temporary file outlives the
command, even one killed outright; a full or read-only disk is one clear line (issues 13, 20, 24)."""
from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from rhetoric.run.features import outputs as feature_outputs
from rhetoric.run.features.outputs import printable

from command_helpers import ARTICLES, build, features, jsonl, one_clear_line
from conftest import TWO_DOCS


@pytest.mark.parametrize("where, err_no", [("write", errno.ENOSPC), ("create", errno.EROFS)])
def test_full_or_read_only_disk_is_exit_2_and_keeps_the_earlier_output(make_corpus, tmp_path, capsys,
                                                                      monkeypatch, where, err_no):
    d = make_corpus(TWO_DOCS)
    out = tmp_path / "f.csv"
    assert features(capsys, d, "-o", out)[0] == 0
    good = out.read_bytes()

    def fail(*args, **kwargs):
        raise OSError(err_no, os.strerror(err_no))

    if where == "write":
        monkeypatch.setattr(feature_outputs.TableWriter, "_write", fail)
    else:
        monkeypatch.setattr(feature_outputs.tempfile, "mkstemp", fail)
    code, err = features(capsys, d, "-o", out)
    assert code == 2
    one_clear_line(err, "f.csv", os.strerror(err_no))
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_failure_report_escapes_control_characters(tmp_path, capsys):
    src = jsonl(tmp_path / "c.jsonl", ['{"id": "evil\\u001b[2J", "stance": "s", "text": 5}', ARTICLES[0]])
    code, err = features(capsys, src, "-o", tmp_path / "f.csv")
    assert code == 3 and "\x1b" not in err and "evil\\x1b[2J" in err


def test_sigterm_during_features_removes_the_temporary_table(tmp_path):
    """A real ``kill``: the command ends, its temporary table is gone, the earlier output stands. Event-driven: the
    signal goes when the child has made its temporary table (its marker: the run is under way), not after a sleep."""
    src = jsonl(tmp_path / "c.jsonl", [{**ARTICLES[k % 6], "id": f"x{k}"} for k in range(30000)])
    out = tmp_path / "f.csv"
    out.write_text("earlier output\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-m", "rhetoric.cli", "features", str(src), "-o", str(out),
                             "--no-progress", "--chunk-size", "4"], stderr=subprocess.PIPE, env=env, cwd=tmp_path)

    def under_way() -> bool:
        return bool(list(tmp_path.glob(".f.csv.*.tmp")))

    deadline = time.monotonic() + 600  # a bound on a broken child, not a timing assertion
    while not under_way() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None and under_way()  # mid-run: 30,000 articles take far longer than starting
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 128 + signal.SIGTERM, (proc.returncode, err)
    assert len([ln for ln in err.decode().splitlines() if ln.strip()]) == 1
    assert out.read_text() == "earlier output\n"
    assert not list(tmp_path.glob(".f.csv*"))


def test_temporary_files_of_a_killed_run_are_removed_by_the_next(tmp_path, capsys):
    src = jsonl(tmp_path / "c.jsonl", ARTICLES[:2])
    dead = 2 ** 22 + 12345  # above the default pid_max: no such process
    (tmp_path / f".f.csv.{dead}.abcd1234.tmp").write_bytes(b"x" * 1000)  # left by SIGKILL
    (tmp_path / f".f.csv.errors.csv.{dead}.abcd1234.tmp").write_bytes(b"line,id,problem\n")
    assert features(capsys, src, "-o", tmp_path / "f.csv")[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl", "f.csv"]


def test_errors_file_is_complete_before_the_table_is_replaced(tmp_path, capsys):
    """The errors file cannot be written (its temporary name is too long for the file system): the earlier
    table must stand (it used to be replaced first, and the command then said it could not write)."""
    name = "x" * 234 + ".csv"  # the table's temporary name fits in 255 bytes, the errors file's does not
    out = tmp_path / name
    out.write_text("earlier output\n")
    src = jsonl(tmp_path / "c.jsonl", [ARTICLES[0], "not json", ARTICLES[1]])
    code, err = features(capsys, src, "-o", out)
    assert code == 2 and "Traceback" not in err
    assert out.read_text() == "earlier output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl", name]


def test_failure_records_are_streamed_not_kept(tmp_path, monkeypatch):
    import tracemalloc

    def peak(n: int) -> int:
        src = jsonl(tmp_path / f"c{n}.jsonl", [ARTICLES[0], *(["{}"] * n)])
        tracemalloc.start()
        stats = build(src, tmp_path / f"f{n}.csv", progress=False)
        size = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert len(stats.failures) <= 100 < n  # the report keeps a few; every one is in the errors file
        errors = pd.read_csv(tmp_path / f"f{n}.csv.errors.csv")
        assert len(errors) == n and list(errors["line"][:2]) == [2, 3]
        return size

    small, large = peak(2_000), peak(20_000)
    # a kept record is several hundred bytes: 18,000 more would add megabytes; streamed, the peak stays put
    assert large - small < 1_000_000, (small, large)


def test_temporaries_of_live_processes_are_kept(tmp_path):
    out = tmp_path / "f.csv"
    mine = tmp_path / f".f.csv.{os.getpid()}.abcd.tmp"  # this process is alive: its file is in use
    mine.write_text("x")
    dead = tmp_path / f".f.csv.{2 ** 22 + 12345}.abcd.tmp"
    dead.write_text("x")
    assert feature_outputs.remove_stale_temporaries(out) == [dead]
    assert mine.exists() and not dead.exists()


def test_printable_escapes_control_characters():
    assert printable("evil\x1b[2J\x00ok\u0085") == "evil\\x1b[2J\\x00ok\\x85"
    assert feature_outputs.failure(3, "a\x07", "bad\nline") == {"line": 3, "id": "a\\x07", "problem": "bad\\x0aline"}
