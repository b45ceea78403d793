"""What the development modules share (``rhetoric_dev.sampling``, ``rhetoric_dev.sheets``): the benchmark skip, the
hits of several instruments in one pass, the seeded pick, and coding sheets refused inside the repository."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rhetoric.analysis import devsample
from rhetoric.base.paths import ROOT
from rhetoric.instruments import argument, frames
from rhetoric.io.articles import Article
from rhetoric_dev import sampling, sheets

ARTICLES = [Article(doc_id=f"d{k}", stance="s", text=text) for k, text in enumerate([
    "The treaty talks stalled. Senators called for an independent inquiry.",
    "Troops were sent to fight the militants. The plan failed, according to officials.",
    "Oil and natural gas prices fell.",
])]


def test_seeded_pick_by_hand():
    assert sampling.seeded_pick(0, 10, 7) == []
    assert sampling.seeded_pick(3, 10, 7) == [0, 1, 2]  # fewer rows than asked: all of them, in order
    picked = sampling.seeded_pick(50, 10, 7)
    assert picked == sorted(np.random.default_rng(7).choice(50, size=10, replace=False))
    assert len(set(picked)) == 10 and picked == sampling.seeded_pick(50, 10, 7)  # the seed names the draw


def test_hits_by_instrument_equals_one_pass_per_instrument():
    finders = {"frames": lambda sents, toks: frames.frame_hits(toks),
               "markers": lambda sents, toks: argument.marker_hits(toks)}
    together = sampling.hits_by_instrument(ARTICLES, finders)
    assert set(together) == {"frames", "markers"}
    for name, find in finders.items():
        alone = devsample.hits_in(ARTICLES, find)
        pd.testing.assert_frame_equal(together[name], alone)
    assert {"troops", "natural gas"} <= set(together["frames"]["matched"].str.lower())  # issue 34: not "treaty"
    assert "called for" in set(together["markers"]["matched"].str.lower())


def test_bench_absent_says_so(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(sampling, "BENCH", tmp_path / "allsides-10k.jsonl.gz")
    assert sampling.bench_absent()
    assert capsys.readouterr().out == f"skipped: the benchmark corpus is not at {tmp_path / 'allsides-10k.jsonl.gz'}\n"
    (tmp_path / "allsides-10k.jsonl.gz").write_bytes(b"")
    assert not sampling.bench_absent() and capsys.readouterr().out == ""


def test_sheets_only_outside_the_repository(tmp_path):
    sheet = pd.DataFrame({"doc_id": ["d0"], "left": ["The "], "hit": ["treaty"], "right": [" talks"]})
    written = sheets.write_sheet(sheet, tmp_path / "queue" / "frames.csv")
    assert pd.read_csv(written, dtype=str).equals(sheet)
    for inside in (ROOT / "sheet.csv", ROOT / "lib" / "rhetoric" / "data" / "queue" / "frames.csv"):
        with pytest.raises(SystemExit, match="write it outside the repository"):
            sheets.write_sheet(sheet, inside)
        assert not inside.exists()
    (tmp_path / "link").symlink_to(ROOT)  # a symlink leading into the repository is inside it too
    with pytest.raises(SystemExit):
        sheets.outside_repository(tmp_path / "link" / "sheet.csv")
