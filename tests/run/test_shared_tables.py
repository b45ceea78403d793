"""Tables one run computes once and every notebook of it reads (``rhetoric.run.shared_tables``; issues 21, 37)."""
from __future__ import annotations

import os
import pickle
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rhetoric.run import shared_tables

LIB = Path(shared_tables.__file__).resolve().parents[1]


def _table() -> pd.DataFrame:
    return pd.DataFrame({"x": [0.1, 1 / 3, np.nan], "s": ["a", "b", None], "n": [3, 1, 2],
                         "c": pd.Categorical(["u", "v", "u"])}, index=[3, 1, 2])


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_a_table_arrow_would_change_is_computed_not_shared(tmp_path):
    mixed = pd.DataFrame({"o": pd.Series(["q", None, np.nan], dtype=object)})  # would come back as str, NaN
    calls = []
    with shared_tables.run_folder(tmp_path):
        for _ in range(2):
            got = shared_tables.shared("m", "k", lambda: calls.append(1) or mixed.copy())
    assert len(calls) == 2
    assert [type(v) for v in got["o"]] == [str, type(None), float]


def test_shared_computes_once_per_run_and_reads_back_the_same_table(tmp_path, monkeypatch):
    calls = []

    def compute():
        calls.append(1)
        return _table()

    monkeypatch.delenv(shared_tables.SHARED_ENV, raising=False)
    first = shared_tables.shared("t", "k", compute)
    shared_tables.shared("t", "k", compute)
    assert len(calls) == 2  # outside a run: computed every time
    with shared_tables.run_folder(tmp_path) as folder:
        assert os.environ[shared_tables.SHARED_ENV] == str(folder)
        assert oct(folder.stat().st_mode & 0o777) == "0o700"
        a = shared_tables.shared("t", "k", compute)
        b = shared_tables.shared("t", "k", compute)
        shared_tables.shared("t", "other", compute)  # another key: computed again
        assert len(calls) == 4
        _same(a, first)
        _same(b, first)
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
        assert not [p for p in folder.iterdir() if p.suffix == ".pickle"]
    assert not list(tmp_path.glob(f"{shared_tables.FOLDER}*"))  # the run's tables end with the run
    assert shared_tables.SHARED_ENV not in os.environ


def test_a_tuple_of_tables_is_shared_and_other_values_are_computed(tmp_path):
    calls = []
    with shared_tables.run_folder(tmp_path):
        for _ in range(2):
            pair = shared_tables.shared("pair", "k", lambda: calls.append(1) or (_table(), _table().head(1)))
            shared_tables.shared("dict", "k", lambda: calls.append(2) or {"a": 1})
        assert isinstance(pair, tuple) and len(pair) == 2
        _same(pair[1], _table().head(1))
    assert calls == [1, 2, 2]


class _Payload:
    """A pickle that, when loaded, writes a marker: what an attacker would plant."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "executed"))


def test_a_planted_file_where_the_table_would_be_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    key = "k"
    with shared_tables.run_folder(tmp_path / "out") as folder:
        evil = pickle.dumps(_Payload(marker))
        (folder / f"t-{key}{shared_tables.SUFFIX}").write_bytes(evil)
        for path in shared_tables._paths(folder, "p", key, 2):
            path.write_bytes(evil)
        (folder / f"p-{key}.count").write_text("2")
        pair = shared_tables.shared("p", key, lambda: (_table(), _table()))
        _same(pair[0], _table())
        (folder / f"t-{key}.pickle").write_bytes(evil)  # the old name too
        got = shared_tables.shared("t", key, _table)
        _same(got, _table())  # computed, the planted bytes are not a table
    assert not marker.exists()


def test_symlinks_and_a_folder_open_to_others_are_not_read(tmp_path):
    calls = []
    with shared_tables.run_folder(tmp_path / "out") as folder:
        elsewhere = tmp_path / "elsewhere.arrow"
        shared_tables.shared("t", "k", _table)
        table_path = folder / f"t-k{shared_tables.SUFFIX}"
        os.replace(table_path, elsewhere)
        table_path.symlink_to(elsewhere)  # a symlink is not followed: computed again
        shared_tables.shared("t", "k", lambda: calls.append(1) or _table())
        assert calls == [1]
        folder.chmod(0o777)  # a folder others may write is not trusted
        shared_tables.shared("u", "k", _table)
        shared_tables.shared("u", "k", lambda: calls.append(2) or _table())
        assert calls == [1, 2]
        assert not (folder / f"u-k{shared_tables.SUFFIX}").exists()
        folder.chmod(0o700)


def test_no_pickle_is_loaded_anywhere_in_the_library():
    found = [str(p) for p in LIB.rglob("*.py") if re.search(r"pickle\.loads?\(|import pickle|from pickle",
                                                             p.read_text(encoding="utf-8"))]
    assert found == []


def test_the_run_gives_its_kernels_one_blas_thread_unless_the_user_chose(tmp_path, monkeypatch):
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")  # the user's own setting is kept
    with shared_tables.run_folder(tmp_path):
        assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
        assert os.environ["OMP_NUM_THREADS"] == "3"
    assert "OPENBLAS_NUM_THREADS" not in os.environ
    assert os.environ["OMP_NUM_THREADS"] == "3"


def test_a_folder_left_by_a_killed_run_is_removed_by_the_next(tmp_path):
    stale = tmp_path / f"{shared_tables.FOLDER}old"
    stale.mkdir()
    (stale / "features-x-0.arrow").write_bytes(b"not a table")
    with shared_tables.run_folder(tmp_path) as folder:
        assert list(folder.iterdir()) == []
        assert not stale.exists()


@pytest.mark.parametrize("mode", [0o755, 0o770])
def test_private_means_closed_to_group_and_others(tmp_path, mode):
    folder = tmp_path / "f"
    folder.mkdir(mode=0o700)
    assert shared_tables._trusted(folder)
    folder.chmod(mode)
    assert not shared_tables._trusted(folder)
