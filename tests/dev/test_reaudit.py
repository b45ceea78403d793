"""The re-audit of the revised word lists (``data/audits.md``, ``rhetoric_dev.reaudit``).

The held-out audits of frames, Entman cues, metadiscourse (attitude, self-mention, engagement) and argument
markers mark each row ``current`` (still a hit of the current instruments) and carry a seeded top-up. These
tests check that precision is computed over exactly the current rows and recomputes from the files by hand,
and (with the benchmark beside the project) that every row precision is computed from is a hit of the
instruments as they are now: a term dropped or a rule changed later without a re-audit fails here.
"""
from __future__ import annotations

import math
import subprocess

import pandas as pd
import pytest

from rhetoric.analysis import validity
from rhetoric.analysis.devsample import GOLD_COLUMNS
from rhetoric.base.paths import BENCH, DATA, ROOT
from rhetoric_dev import reaudit

REAUDITED = ["frames", "entman", "metadiscourse", "argument"]
KEY = ["doc_id", "start", "end", "category"]
needs_bench = pytest.mark.skipif(not BENCH.is_file(), reason="the AllSides benchmark (../shared/bench) is absent")


def raw(instrument: str) -> pd.DataFrame:
    return pd.read_csv(DATA / validity.AUDITS[instrument][0], dtype=str, keep_default_na=False)


def wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """The Wilson score interval written out (not the project's function)."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def retired_since(instrument: str, top: pd.DataFrame) -> None:
    """Top-up rows were current hits when drawn: one marked not current was retired by a later change, so its
    term (as the row names it) is one ``instrument_changes.csv`` records as removed from its category."""
    changes = pd.read_csv(DATA / "instrument_changes.csv", dtype=str, keep_default_na=False)
    removed = set(zip(changes.loc[changes["change"] == "removed", "category"],
                      changes.loc[changes["change"] == "removed", "term"]))
    for r in top[top["current"] == "no"].itertuples(index=False):
        assert (r.category, r.term) in removed, f"{instrument}: top-up row {r.term} ({r.category}) retired unexplained"


def test_retired_rows_need_a_recorded_removal():
    """The check above fails for a retired top-up row whose term was never removed (hand-made rows)."""
    made = pd.DataFrame({"category": ["rivalry", "security"], "term": ["geopolitic*", "war"], "current": "no"})
    retired_since("frames", made.iloc[:1])
    with pytest.raises(AssertionError, match="retired unexplained"):
        retired_since("frames", made.iloc[1:])


@pytest.mark.parametrize("instrument", REAUDITED)
def test_reaudit_files_are_well_formed(instrument):
    table = raw(instrument)
    assert list(table.columns) == [*GOLD_COLUMNS, "current"]  # ids, offsets, matched words: no text column
    assert set(table["current"]) <= {"yes", "no"}
    assert set(table["label"]) <= {"0", "1"}
    seeds = table["sample_seed"].astype(int)
    assert set(seeds) <= {validity.FIRST_AUDIT_SEED, validity.REAUDIT_SEED, validity.REFILL_SEED}
    top = table[seeds != validity.FIRST_AUDIT_SEED]
    retired_since(instrument, top)
    assert (table.loc[seeds == validity.REFILL_SEED, "current"] == "yes").all()  # drawn from current hits
    assert top["coder"].str.contains("automated coding by a language model, one run").all()
    assert (top["split"] == "audit").all()
    assert not table.duplicated(KEY).any()
    # no top-up or refill row repeats a hit of the first audit
    first = set(map(tuple, table.loc[seeds == validity.FIRST_AUDIT_SEED, KEY].values))
    assert not first & set(map(tuple, top[KEY].values))


@pytest.mark.parametrize("instrument", REAUDITED)
def test_precision_recomputes_from_the_files(instrument):
    """validity.audit_precision counts the current rows only; per category and overall, by hand."""
    table = raw(instrument)
    current = table[table["current"] == "yes"]
    got = validity.audit_precision(instrument).set_index("category")
    assert set(got.index) == {*current["category"], "all"}
    for category, part in [*current.groupby("category"), ("all", current)]:
        n, k = len(part), int((part["label"] == "1").sum())
        low, high = wilson(k, n)
        row = got.loc[category]
        assert (int(row.hits_checked), int(row.correct)) == (n, k)
        assert row.precision == pytest.approx(k / n, abs=1e-12)
        assert (row.ci_low, row.ci_high) == pytest.approx((low, high), abs=1e-9)
    # the first audit as first computed: every row of seed 404, current or not
    first = table[table["sample_seed"].astype(int) == validity.FIRST_AUDIT_SEED]
    original = validity.audit_precision(instrument, "original").set_index("category")
    assert int(original.at["all", "hits_checked"]) == len(first)
    assert int(original.at["all", "correct"]) == int((first["label"] == "1").sum())


def test_reaudit_table_counts_rows_left_and_added():
    table = validity.reaudit_table().set_index(["instrument", "category"])
    for instrument in REAUDITED:
        raw_rows = raw(instrument)
        first = raw_rows["sample_seed"].astype(int) == validity.FIRST_AUDIT_SEED
        row = table.loc[(instrument, "all")]
        assert row.left == int((first & (raw_rows["current"] == "no")).sum())
        assert row.added == int((~first & (raw_rows["current"] == "yes")).sum())  # top-up rows retired since leave
        assert row.first_n - row.left + row.added == row.reaudit_n == int((raw_rows["current"] == "yes").sum())
    evidence = validity.instrument_evidence()
    for instrument in REAUDITED:
        assert set(evidence.loc[evidence["instrument"] == instrument, "evidence"]) == {validity.AUDIT_EVIDENCE[True]}


@needs_bench
@pytest.mark.slow
def test_every_audited_row_is_a_current_hit():
    """Each row precision is computed from is a hit of the current instrument (same span and category, same
    matched words), and each row marked not current is not: the re-audit describes the word lists as they are."""
    from rhetoric.analysis import devsample

    tables = {name: raw(name) for name in REAUDITED}
    ids = set().union(*(set(t["doc_id"]) for t in tables.values()))
    articles = [a for a in devsample.bench_articles() if a.doc_id in ids]
    assert {a.doc_id for a in articles} == ids
    for name, table in tables.items():
        hits = devsample.hits_in(articles, validity.current_finder(name))
        found = {(d, int(s), int(e), c): m for d, s, e, c, m in
                 zip(hits["doc_id"], hits["start"], hits["end"], hits["category"], hits["matched"])}
        for r in table.itertuples(index=False):
            key = (r.doc_id, int(r.start), int(r.end), r.category)
            if r.current == "yes":
                assert key in found, f"{name}: audited row {key} ({r.term}) is no hit of the current instrument"
                assert found[key] == r.matched, (name, key)
            else:
                assert key not in found, f"{name}: row {key} ({r.term}) marked not current is a current hit"
        counts = hits.drop_duplicates(["doc_id", "start", "end", "category"])["category"].value_counts()
        rows = table[table["current"] == "yes"]["category"].value_counts()
        for category, available in counts.items():
            assert rows.get(category, 0) >= min(5, available), (name, category)


def _has_first_audit_commit() -> bool:
    done = subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{reaudit.FIRST_AUDIT_COMMIT}^{{commit}}"],
                          capture_output=True)
    return done.returncode == 0


@needs_bench
@pytest.mark.slow
@pytest.mark.skipif(not _has_first_audit_commit(), reason="the first audit's commit is not in this checkout")
def test_reaudit_script_reproduces_the_committed_files():
    """rhetoric_dev.reaudit: the first audit reproduces from seed 404 on the first instruments' hits, and the
    committed ``current`` column and top-up rows are the ones it derives (seed 606)."""
    from rhetoric.analysis import devsample

    assert reaudit.check(reaudit.recompute(devsample.bench_articles()))
