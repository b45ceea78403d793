"""Where the chunks are computed (``rhetoric.run.features.workers``): worker processes and Dask clusters never
outlive the command; an unreachable scheduler is one line; every engine gives the same rows (issues 13, 20)."""
from __future__ import annotations

import pytest

from rhetoric.run.features.workers import WorkerLost, one_line, result

from command_helpers import ARTICLES, build, features, jsonl, one_clear_line


@pytest.mark.slow
def test_unreachable_scheduler_is_one_line_and_leaves_nothing(tmp_path, capsys):
    out = tmp_path / "out" / "f.csv"
    code, err = features(capsys, jsonl(tmp_path / "c.jsonl", ARTICLES[:1]), "-o", out,
                          "--scheduler", "tcp://127.0.0.1:1")
    assert code == 2
    one_clear_line(err, "tcp://127.0.0.1:1", "cannot connect to a Dask scheduler")
    assert not (tmp_path / "out").exists()
    code, err = features(capsys, tmp_path / "c.jsonl", "-o", out, "--scheduler", "not-an-address")
    assert code == 2
    one_clear_line(err, "not-an-address")


WORKERS_SCRIPT = """
import sys, time
from rhetoric.run.features.workers import executor
if __name__ == "__main__":
    submit, close = executor(2, sys.argv[1], None)
    for f in [submit(time.sleep, 0.1) for _ in range(4)]:
        f.result()
    print("ready", flush=True)
    time.sleep(600)
"""


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["processes", "dask"])
def test_workers_end_when_the_command_is_killed(tmp_path, engine):
    import signal
    import subprocess
    import sys

    import psutil

    script = tmp_path / "hold.py"
    script.write_text(WORKERS_SCRIPT)
    proc = subprocess.Popen([sys.executable, str(script), engine], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, cwd=tmp_path)
    try:
        assert proc.stdout.readline().strip() == b"ready"
        children = psutil.Process(proc.pid).children(recursive=True)
        assert children
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    # a generous bound, not a timing assertion: orphaned workers used to stay for good
    _, alive = psutil.wait_procs(children, timeout=60)
    for p in alive:
        p.kill()
    assert alive == []


@pytest.mark.slow
def test_dask_local_cluster_gives_identical_rows(tmp_path):
    src = jsonl(tmp_path / "c.jsonl", ARTICLES)
    build(src, tmp_path / "s.csv", chunk_size=2, progress=False)
    build(src, tmp_path / "d.csv", engine="dask", workers=2, chunk_size=2, progress=False)
    assert (tmp_path / "s.csv").read_bytes() == (tmp_path / "d.csv").read_bytes()


def test_a_dead_worker_is_worker_lost():
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    future = Future()
    future.set_exception(BrokenProcessPool("A process in the process pool was terminated abruptly\nmore"))
    with pytest.raises(WorkerLost, match="a worker process died .A process in the process pool was terminated"):
        result(future)
    other = Future()
    other.set_exception(ValueError("a chunk's own error"))
    with pytest.raises(ValueError):
        result(other)
    assert one_line(RuntimeError("first\nsecond")) == "first" and one_line(RuntimeError()) == "RuntimeError"
