"""Tables one run computes once and every notebook of it reads (``rhetoric.run.shared_tables``; issue 21)."""
from __future__ import annotations

import os
import pickle

import numpy as np
import pandas as pd

from rhetoric.run import shared_tables


def test_shared_computes_once_per_run_and_reads_back_the_same_bytes(tmp_path, monkeypatch):
    calls = []

    def compute():
        calls.append(1)
        return pd.DataFrame({"x": [0.1, 1 / 3, np.nan], "s": ["a", "b", None]})

    monkeypatch.delenv(shared_tables.SHARED_ENV, raising=False)
    first = shared_tables.shared("t", "k", compute)
    shared_tables.shared("t", "k", compute)
    assert len(calls) == 2  # outside a run: computed every time
    with shared_tables.run_folder(tmp_path) as folder:
        assert os.environ[shared_tables.SHARED_ENV] == str(folder)
        a = shared_tables.shared("t", "k", compute)
        b = shared_tables.shared("t", "k", compute)
        shared_tables.shared("t", "other", compute)  # another key: computed again
        assert len(calls) == 4
        assert pickle.dumps(a) == pickle.dumps(b) == pickle.dumps(first)
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert not (tmp_path / shared_tables.FOLDER).exists()  # the run's tables end with the run
    assert shared_tables.SHARED_ENV not in os.environ


def test_the_run_gives_its_kernels_one_blas_thread_unless_the_user_chose(tmp_path, monkeypatch):
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")  # the user's own setting is kept
    with shared_tables.run_folder(tmp_path):
        assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
        assert os.environ["OMP_NUM_THREADS"] == "3"
    assert "OPENBLAS_NUM_THREADS" not in os.environ
    assert os.environ["OMP_NUM_THREADS"] == "3"


def test_a_folder_left_by_a_killed_run_is_removed_by_the_next(tmp_path):
    stale = tmp_path / shared_tables.FOLDER
    stale.mkdir()
    (stale / "features-x.pickle").write_bytes(b"not a pickle")
    with shared_tables.run_folder(tmp_path) as folder:
        assert list(folder.iterdir()) == []
