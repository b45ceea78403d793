"""Writing whole or not at all, and reading user CSV files by one rule (``rhetoric.base.atomic_files``)."""
from __future__ import annotations

import os

import pandas as pd
import pytest

from rhetoric.base import atomic_files
from rhetoric.base.errors import CorpusError


def test_atomic_write_leaves_no_half_file(tmp_path, monkeypatch):
    path = tmp_path / "sub" / "f.txt"
    atomic_files.atomic_write(path, b"whole")
    assert path.read_bytes() == b"whole" and oct(path.stat().st_mode & 0o777) == "0o644"

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_files.os, "replace", fail)
    with pytest.raises(OSError):
        atomic_files.atomic_write(path, b"new")
    assert path.read_bytes() == b"whole" and sorted(p.name for p in path.parent.iterdir()) == ["f.txt"]


def test_replace_rows_keeps_every_other_row_sorted(tmp_path):
    path = tmp_path / "t.csv"
    columns = ["notebook", "name", "n"]
    atomic_files.replace_rows(path, pd.DataFrame({"notebook": ["02", "02"], "name": ["b", "a"], "n": [2, 10]}),
                              {"notebook": "02"}, columns, ["notebook", "n"], numeric=("n",))
    atomic_files.replace_rows(path, pd.DataFrame({"notebook": ["01"], "name": ["c"], "n": [1]}), {"notebook": "01"},
                              columns, ["notebook", "n"], numeric=("n",))
    atomic_files.replace_rows(path, pd.DataFrame({"notebook": ["02"], "name": ["d"], "n": [3]}), {"notebook": "02"},
                              columns, ["notebook", "n"], numeric=("n",))
    assert path.read_text() == "notebook,name,n\n01,c,1\n02,d,3\n"
    assert list(atomic_files.read_rows(tmp_path / "none.csv", columns).columns) == columns


def test_read_csv_strict_one_encoding_rule(tmp_path):
    path = tmp_path / "m.csv"
    path.write_bytes(b"\xef\xbb\xbf id ,file\na,\n")  # a byte-order mark, a header name to strip, an empty cell
    table = atomic_files.read_csv_strict(path)
    assert list(table.columns) == ["id", "file"] and table.iloc[0].tolist() == ["a", ""]
    path.write_bytes(b"id,file\n\xff,a.txt\n")
    with pytest.raises(CorpusError, match="m.csv: is not UTF-8"):
        atomic_files.read_csv_strict(path)
    path.write_text("id,file\na,b,c\n")
    with pytest.raises(CorpusError, match="line 2 has 3 fields but the header has 2"):
        atomic_files.read_csv_strict(path)
    assert os.path.exists(path)


def test_a_staged_folder_replaces_its_destination_whole_or_not_at_all(tmp_path):
    dest = tmp_path / "html"
    dest.mkdir()
    (dest / "old.html").write_text("old")
    with atomic_files.staged_folder(dest) as work:
        (work / "new.html").write_text("new")
        assert [p.name for p in dest.iterdir()] == ["old.html"]  # nothing changes until the block ends
    assert [p.name for p in dest.iterdir()] == ["new.html"]
    for failure in (OSError(28, "No space left on device"), KeyboardInterrupt()):
        with pytest.raises(type(failure)), atomic_files.staged_folder(dest) as work:
            (work / "half.html").write_text("half")
            raise failure
        assert [p.name for p in dest.iterdir()] == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html"]  # no staging or old folder left
    with atomic_files.staged_folder(tmp_path / "fresh") as work:  # no destination yet
        (work / "a").write_text("a")
    assert (tmp_path / "fresh" / "a").read_text() == "a"


def test_swap_folder_puts_the_old_back_when_the_second_rename_fails(tmp_path, monkeypatch):
    dest, new, aside = tmp_path / "d", tmp_path / "n", tmp_path / "a"
    dest.mkdir()
    (dest / "x").write_text("old")
    new.mkdir()
    real = os.rename
    monkeypatch.setattr(os, "rename", lambda a, b: (_ for _ in ()).throw(OSError(28, "full"))
                        if a == new else real(a, b))
    with pytest.raises(OSError):
        atomic_files.swap_folder(new, dest, aside)
    assert (dest / "x").read_text() == "old" and not aside.exists()
