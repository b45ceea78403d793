"""Re-audit of the revised word lists on held-out text: which audited hits are still current, and a top-up.

Run ``.venv/bin/python -m rhetoric_dev.reaudit`` (deterministic; prints, writes nothing; exit status 1 when the
committed files disagree with the recomputation, 0 otherwise, and 0 with a message when ``../shared/bench`` is
absent). It checks the re-audit of the frames, Entman cues, metadiscourse (attitude, self-mention,
engagement) and argument markers described in ``data/audits.md``:

1. The first held-out audit's 400 articles again: the benchmark's ``audit`` half, 200 international + 200
   general articles drawn with ``devsample.sample(..., seed=303)`` (``rhetoric_dev.dictionaries.QUEUE_SEED``).
2. The hits of the FIRST instruments on them: the code and word lists of commit :data:`FIRST_AUDIT_COMMIT`
   (the commit that added the audit files), unpacked with ``git archive`` into a temporary directory and run
   there. The first audit's rows must reproduce exactly from them with ``devsample.draw_hits(hits, 200,
   seed=404)``: that is what makes the sample a random draw within each category.
3. The hits of the CURRENT instruments as the feature table counts them
   (:func:`rhetoric.analysis.validity.current_finder`: argument markers' proposal and verdict in the writer's
   voice only). An audited row is ``current`` when a current hit has its (doc_id, start, end, category).
4. The top-up (seed :data:`rhetoric.analysis.validity.REAUDIT_SEED`), drawn from the hits of the instruments
   of commit :data:`REAUDIT_COMMIT` (the commit that drew and committed it, unpacked and run like the first
   instruments): per category the target is the first audit's allocation applied to those hits (at least 5
   or all there are; about 200 per instrument in
   proportion to each category's share of hits), and never fewer than the rows still current. The rows
   missing to the target are drawn at random from the current hits not audited, in two parts drawn
   separately: hits the first instruments also produced, and hits they did not produce ("new"), the new part
   sized in proportion to the new hits' share of the category, so the category's rows stay (up to rounding)
   a proportionally stratified random sample of its hits at the draw.
5. Retirement: a word list changed after the draw (a term removed, a rule narrowed) leaves some audited rows,
   of the first audit or of the top-up, no hit of the current instruments. They stay in the files, marked
   ``current`` no, and precision is computed over the current rows only; the draw still reproduces from
   :data:`REAUDIT_COMMIT`.

``--queue DIR`` writes the top-up hits with their contexts (160 characters either side) to DIR, outside the
repository, for coding. ``--write --labels DIR`` writes the ``current`` column into the audit files and
appends the top-up rows with the labels, notes and coder of the coded queue in DIR (ids, offsets and matched
words only: no text of the benchmark enters the repository).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from rhetoric.analysis import devsample, validity
from rhetoric.base.paths import DATA, ROOT, SHARED
from rhetoric_dev import dictionaries as dd
from rhetoric_dev.sampling import bench_absent, hits_by_instrument
from rhetoric_dev.sheets import outside_repository, write_sheet

#: The commit that added the first held-out audit files: its instruments produced the hits they were drawn from.
FIRST_AUDIT_COMMIT = "8d811ab"
#: The commit whose instruments the top-up (seed 606) was last drawn from (the metadiscourse part redrawn there
#: after yours/yourself were dropped; the other three unchanged since 46e9fe3): the hits it was drawn from.
REAUDIT_COMMIT = "6274f57"
#: The re-audited instruments: validity name -> the name the first queue used for it.
INSTRUMENTS = {"frames": "frames", "entman": "entman", "metadiscourse": "metadiscourse", "argument": "markers"}
KEY = ["doc_id", "start", "end", "category"]
#: Who coded the top-up rows.
TOPUP_CODER = "coder-e (automated coding by a language model, one run)"
#: Who coded the refill rows (another run, with the same protocol and 160 characters of context either side).
REFILL_CODER = "coder-f (automated coding by a language model, one run)"
#: The fewest current audited rows a category keeps (or all its current hits, when it has fewer).
MINIMUM = 5
CONTEXT = 160


def audit_articles(articles: list) -> list:
    """The first audit's 400 articles (audit half, seed 303)."""
    return [a for s in devsample.STRATA for a in devsample.sample(articles, "audit", s, dd.QUEUE_N[s], dd.QUEUE_SEED)]


def current_hits(picked: list) -> dict[str, pd.DataFrame]:
    """Every current hit of the four instruments on ``picked`` (one tokenisation per chunk)."""
    return hits_by_instrument(picked, {name: validity.current_finder(name) for name in INSTRUMENTS})


#: Run in the first audit's tree, with its ``scripts`` and ``lib`` folders on ``PYTHONPATH`` (:func:`first_hits`).
_FIRST_RUN = """
import sys
import dev_dictionaries as dd
from rhetoric import devsample
arts = devsample.bench_articles()
picked = [a for s in devsample.STRATA for a in devsample.sample(arts, "audit", s, dd.QUEUE_N[s], dd.QUEUE_SEED)]
for name, hits in dd.all_hits(picked).items():
    hits[["doc_id", "start", "end", "category", "term", "matched"]].to_csv(f"{sys.argv[1]}/{name}.csv", index=False)
"""


#: Run in the re-audit's tree (:func:`reaudit_hits`): its own ``scripts/reaudit.py`` names the current hits.
_REAUDIT_RUN = """
import sys
import reaudit
from rhetoric.analysis import devsample
picked = reaudit.audit_articles(devsample.bench_articles())
for name, hits in reaudit.current_hits(picked).items():
    hits[["doc_id", "start", "end", "category", "term", "matched"]].to_csv(f"{sys.argv[1]}/{name}.csv", index=False)
"""


def first_hits() -> dict[str, pd.DataFrame]:
    """The hits of the first instruments (commit :data:`FIRST_AUDIT_COMMIT`) on the same 400 articles."""
    return hits_at(FIRST_AUDIT_COMMIT, _FIRST_RUN, INSTRUMENTS)


def reaudit_hits() -> dict[str, pd.DataFrame]:
    """The hits of the instruments the top-up was drawn from (commit :data:`REAUDIT_COMMIT`), same articles."""
    return hits_at(REAUDIT_COMMIT, _REAUDIT_RUN, {name: name for name in INSTRUMENTS})


def hits_at(commit: str, script: str, names: dict[str, str]) -> dict[str, pd.DataFrame]:
    """Run ``script`` in the tree of ``commit`` (its ``lib`` and ``scripts``), which writes one file of hits per
    instrument: ``names`` maps this module's instrument name to the file name that tree writes."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        old = tmp / "first"
        old.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "lib", "scripts"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        (tmp / "shared").symlink_to(SHARED.resolve())  # the old code finds the benchmark beside its root
        out = tmp / "hits"
        out.mkdir()
        subprocess.run([sys.executable, "-c", script, str(out)], cwd=old, check=True,
                       env={"PYTHONPATH": os.pathsep.join([str(old / "scripts"), str(old / "lib")]),
                            "PATH": "/usr/bin:/bin"})
        return {name: pd.read_csv(out / f"{old_name}.csv", dtype={"doc_id": str}, keep_default_na=False)
                for name, old_name in names.items()}


def keys(table: pd.DataFrame) -> list[tuple]:
    return list(zip(table["doc_id"].astype(str), table["start"].astype(int), table["end"].astype(int),
                    table["category"].astype(str)))


def first_rows(instrument: str) -> pd.DataFrame:
    gold = validity.audit_table(validity.AUDITS[instrument][0])
    return gold[gold["sample_seed"].astype(int) == validity.FIRST_AUDIT_SEED].reset_index(drop=True)


def check_first_draw(instrument: str, old: pd.DataFrame) -> bool:
    """Whether the first audit's rows are exactly ``draw_hits(first hits, 200, seed=404)``."""
    drawn = devsample.draw_hits(old, dd.QUEUE_HITS, dd.QUEUE_DRAW_SEED)
    return keys(drawn) == keys(first_rows(instrument))


def topup(instrument: str, current: pd.DataFrame, old: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the first audit's rows with ``current`` yes/no, the seeded top-up draw of current hits not audited), with
    ``current`` the hits the draw is made from (those of :data:`REAUDIT_COMMIT`)."""
    rows = first_rows(instrument)
    cur = current.drop_duplicates(KEY).sort_values(["category", "doc_id", "start"], kind="mergesort")
    cur = cur.reset_index(drop=True)
    now = set(keys(cur))
    rows["current"] = ["yes" if k in now else "no" for k in keys(rows)]
    audited = {k for k, c in zip(keys(rows), rows["current"]) if c == "yes"}
    before = set(keys(old))
    rng = np.random.default_rng(validity.REAUDIT_SEED)
    total, picked = len(cur), []
    for _, part in cur.groupby("category", sort=True):
        pk = keys(part)
        have = sum(k in audited for k in pk)
        target = max(have, min(len(part), max(5, int(round(dd.QUEUE_HITS * len(part) / total)))))
        new = part[[k not in before for k in pk]]
        seen = part[[k in before and k not in audited for k in pk]]
        n_new = min(len(new), int(round(target * len(new) / len(part))))
        n_seen = min(len(seen), max(0, target - have - n_new))
        for pool, n, origin in ((new, n_new, "new"), (seen, n_seen, "first")):
            if n:
                idx = rng.choice(len(pool), size=n, replace=False)
                picked.append(pool.iloc[sorted(idx)].assign(hit_of=origin))
    cols = [*KEY, "term", "matched", "hit_of"]
    drawn = pd.concat(picked, ignore_index=True)[cols] if picked else pd.DataFrame(columns=cols)
    return rows, drawn


def mark_current(table: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """``table`` with ``current`` yes where a hit of ``current`` (the instruments now) has the row's (doc_id,
    start, end, category), no otherwise: rows retired by a later change of a word list stay, marked no."""
    now = set(keys(current))
    return table.assign(current=["yes" if k in now else "no" for k in keys(table)])


def refill(audited: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """The refill draw (seed :data:`rhetoric.analysis.validity.REFILL_SEED`): per category of the current hits,
    the rows missing to ``min(MINIMUM, its current hits)`` current audited rows, drawn at random from its
    current hits never audited (``audited``: every row of the file, retired ones too), in the category,
    document, offset order of :func:`topup`."""
    cur = current.drop_duplicates(KEY).sort_values(["category", "doc_id", "start"], kind="mergesort")
    cur = cur.reset_index(drop=True)
    seen = set(keys(audited))
    have = audited[audited["current"] == "yes"]["category"].value_counts()
    rng = np.random.default_rng(validity.REFILL_SEED)
    picked = []
    for category, part in cur.groupby("category", sort=True):
        missing = min(MINIMUM, len(part)) - int(have.get(category, 0))
        pool = part[[k not in seen for k in keys(part)]]
        n = min(len(pool), missing)
        if n > 0:
            idx = rng.choice(len(pool), size=n, replace=False)
            picked.append(pool.iloc[sorted(idx)])
    cols = [*KEY, "term", "matched"]
    return pd.concat(picked, ignore_index=True)[cols] if picked else pd.DataFrame(columns=cols)


def gold_rows(instrument: str, drawn: pd.DataFrame, stratum: dict,
              seed: int = validity.REAUDIT_SEED) -> pd.DataFrame:
    """A draw in the audit files' shape (label, note and coder empty; current at the draw)."""
    return pd.DataFrame({"instrument": INSTRUMENTS[instrument], "category": drawn["category"],
                         "doc_id": drawn["doc_id"], "start": drawn["start"], "end": drawn["end"],
                         "term": drawn["term"], "matched": drawn["matched"], "label": "", "note": "",
                         "split": "audit", "sample_seed": seed,
                         "stratum": drawn["doc_id"].map(stratum), "coder": "", "current": "yes"})


def recompute(articles: list) -> dict:
    picked = audit_articles(articles)
    stratum = {a.doc_id: devsample.stratum_of(a.meta.get("topic", "")) for a in picked}
    cur, at_draw, old = current_hits(picked), reaudit_hits(), first_hits()
    out = {}
    for name in INSTRUMENTS:
        rows, drawn = topup(name, at_draw[name], old[name])
        top = gold_rows(name, drawn, stratum)
        now = cur[name].drop_duplicates(KEY)
        new_hits = len(set(keys(now)) - set(keys(old[name])))
        rows, top = mark_current(rows, now), mark_current(top, now)
        more = gold_rows(name, refill(pd.concat([rows, top], ignore_index=True), now), stratum,
                         validity.REFILL_SEED)
        out[name] = {"reproduces": check_first_draw(name, old[name]), "rows": rows, "drawn": drawn,
                     "topup": top, "refill": more, "current_hits": len(cur[name]), "new_hits": new_hits,
                     "retired": int((top["current"] == "no").sum())}
    return {"picked": picked, "instruments": out}


def check(result: dict) -> bool:
    """Print the recomputation and compare it with the committed files."""
    ok = True
    for name, r in result["instruments"].items():
        gold = validity.audit_table(validity.AUDITS[name][0])
        rows = r["rows"]
        print(f"== {name}: first audit reproduces from seed 404: {r['reproduces']}; current hits "
              f"{r['current_hits']}, of which not produced by the first instruments {r['new_hits']}; first-audit "
              f"rows {len(rows)}, still current {int((rows['current'] == 'yes').sum())}; top-up "
              f"{len(r['drawn'])} (seed {validity.REAUDIT_SEED}, drawn at {REAUDIT_COMMIT}), of which retired "
              f"since {r['retired']}; refill {len(r['refill'])} (seed {validity.REFILL_SEED})")
        summary = rows.groupby("category")["current"].agg(
            first="size", left=lambda s: int((s == "no").sum())).join(
            r["drawn"].groupby("category").size().rename("added"), how="outer").fillna(0).astype(int)
        print(summary.to_string())
        ok &= bool(r["reproduces"])
        if "current" not in gold.columns:
            print("  committed file has no `current` column yet")
            ok = False
            continue
        first = gold[gold["sample_seed"].astype(int) == validity.FIRST_AUDIT_SEED]
        same_current = list(first["current"]) == list(rows["current"])
        committed = gold[gold["sample_seed"].astype(int) == validity.REAUDIT_SEED]
        same_topup = keys(committed) == keys(r["topup"])
        same_topup_current = same_topup and list(committed["current"]) == list(r["topup"]["current"])
        print(f"  committed `current` column matches: {same_current}; committed top-up rows match the draw: "
              f"{same_topup}; their `current` column matches: {same_topup_current}")
        refilled = gold[gold["sample_seed"].astype(int) == validity.REFILL_SEED]
        same_refill = keys(refilled) == keys(r["refill"]) and (refilled["current"] == "yes").all()
        print(f"  committed refill rows match the draw: {same_refill}")
        ok &= same_current and same_topup and same_topup_current and bool(same_refill)
    return ok


def write_queue(result: dict, directory: Path) -> None:
    outside_repository(directory)
    for name, r in result["instruments"].items():
        drawn = pd.concat([r["topup"], r["refill"]], ignore_index=True)
        write_sheet(devsample.contexts(drawn, result["picked"], width=CONTEXT), directory / f"{name}.csv")


def write_files(result: dict, labels: Path) -> None:
    """The ``current`` column and the coded top-up and refill rows (the queue's order), into the audit files."""
    for name, r in result["instruments"].items():
        file = validity.AUDITS[name][0]
        coded = pd.read_csv(labels / f"{name}.csv", dtype={"doc_id": str}, keep_default_na=False)
        top = pd.concat([r["topup"], r["refill"]], ignore_index=True)
        if keys(coded) != keys(top):
            raise SystemExit(f"{labels / name}.csv: rows differ from the seeded top-up and refill draws")
        if not set(coded["label"].astype(str)) <= {"0", "1"}:
            raise SystemExit(f"{labels / name}.csv: every label must be 0 or 1")
        top["label"], top["note"] = coded["label"].astype(int), coded["note"]
        top["coder"] = [TOPUP_CODER if seed == validity.REAUDIT_SEED else REFILL_CODER for seed in top["sample_seed"]]
        out = pd.concat([r["rows"], top], ignore_index=True)
        out.to_csv(DATA / file, index=False, lineterminator="\n")
        print(f"{file}: {len(r['rows'])} first-audit rows marked, {len(top)} top-up and refill rows appended")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queue", type=Path, help="write the top-up hits with contexts to this directory")
    parser.add_argument("--write", action="store_true", help="write `current` and the coded top-up rows")
    parser.add_argument("--labels", type=Path, help="with --write: the coded queue directory")
    args = parser.parse_args(argv)
    if bench_absent():
        return 0
    pd.set_option("display.width", 200, "display.max_rows", 200)
    result = recompute(devsample.bench_articles())
    if args.queue:
        write_queue(result, args.queue)
        print(f"queue written to {args.queue}")
        return 0
    if args.write:
        if args.labels is None:
            parser.error("--write needs --labels DIR")
        write_files(result, args.labels)
        return 0
    return 0 if check(result) else 1


if __name__ == "__main__":
    sys.exit(main())
