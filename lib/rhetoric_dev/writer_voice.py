"""The writer's-voice rule of proposal and verdict markers (rhetoric.instruments.argument.writers_voice):
its development check and its held-out audit sample.

    .venv/bin/python -m rhetoric_dev.writer_voice            # development check: counts on the dev half
    .venv/bin/python -m rhetoric_dev.writer_voice --draw     # also draw the audit sample (audit half) to code
    .venv/bin/python -m rhetoric_dev.writer_voice --score    # the rule against the coded audit sample
                                                             # (writes data/audit_writer_voice_scores.csv)

The development check runs the frozen marker lists over a seeded sample of the benchmark's development half
and counts, per category, the hits the rule keeps (the writer's) and drops (reported or quoted), with a seeded
sample of both for reading (printed). ``--draw`` writes ``lib/rhetoric/data/audit_writer_voice.csv``: a
seeded sample of proposal and verdict hits from the audit half, each with its sentence and the rule's
decision, and empty ``label``/``coder`` columns for the automated coder (who sees the sentence and the
definition, not the rule's decision column when coding). Nothing here reads the seed articles.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from rhetoric.analysis import devsample
from rhetoric.analysis.agreement import wilson_interval
from rhetoric.base.atomic_files import atomic_write
from rhetoric.base.paths import DATA, data_file
from rhetoric.instruments import argument
from rhetoric_dev.sampling import bench_absent

DEV_SEED, DEV_ARTICLES = 11, 400
AUDIT_SEED, AUDIT_ARTICLES, AUDIT_PER_CELL = 404, 1500, 20
CATEGORIES = ("proposal", "verdict")


def _find(sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    hits = argument.marker_hits(toks)
    if hits.empty:
        return hits
    hits = hits.assign(writer=argument.writers_voice(hits, toks, sents))
    hits = hits[hits["category"].isin(CATEGORIES)].reset_index(drop=True)
    text = dict(zip(zip(sents["doc_id"], sents["sentence_id"]), sents["text"]))
    return hits.assign(sentence=[text[(d, s)] for d, s in zip(hits["doc_id"], hits["sentence_id"])])


def hits_of(split: str, n: int, seed: int) -> pd.DataFrame:
    articles = devsample.sample(devsample.bench_articles(), split, "any", n, seed=seed)
    return devsample.hits_in(articles, _find)


def score() -> pd.DataFrame:
    """The rule against the automated coders' labels of the audit sample, per category and coding run:
    precision of what the rule counts (its sampled cell), recall weighted by the cells' sizes in the audit half
    (the sample is stratified by the rule's decision), and the agreement of the two runs."""
    sample = pd.read_csv(data_file("audit_writer_voice.csv"), keep_default_na=False)
    rows = []
    for category, part in sample.groupby("category"):
        counted = part["rule_counts"].astype(str) == "True"
        for run in ("label_run1", "label_run2"):
            writer = part[run] == "writer"
            tp, fp = int((writer & counted).sum()), int((~writer & counted).sum())
            miss_share = (writer & ~counted).sum() / max(1, (~counted).sum())
            hit_share = tp / max(1, counted.sum())
            n_counted = int(part.loc[counted, "cell_hits"].max()) if counted.any() else 0
            n_dropped = int(part.loc[~counted, "cell_hits"].max()) if (~counted).any() else 0
            true_counted, missed = hit_share * n_counted, miss_share * n_dropped
            low, high = wilson_interval(tp, tp + fp)
            rows.append({"category": category, "run": run, "sampled": len(part), "precision": hit_share,
                         "precision_low": low, "precision_high": high,
                         "recall_weighted": (true_counted / (true_counted + missed) if true_counted + missed
                                             else float("nan")),
                         "audit_hits_counted": n_counted, "audit_hits_dropped": n_dropped})
        rows[-1]["runs_agree"] = rows[-2]["runs_agree"] = float((part["label_run1"] == part["label_run2"]).mean())
    return pd.DataFrame(rows).round(3)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--draw", action="store_true", help="write the audit sample (audit half)")
    parser.add_argument("--score", action="store_true", help="score the rule against the coded audit sample")
    parser.add_argument("--out", type=Path, default=DATA,
                        help="with --score: where audit_writer_voice_scores.csv is written (default lib/rhetoric/data)")
    args = parser.parse_args(argv)
    if args.score:
        table = score()
        scores = table.to_csv(index=False, lineterminator="\n").encode()
        atomic_write(args.out / "audit_writer_voice_scores.csv", scores)
        print(table.to_string(index=False))
        return
    if bench_absent():
        return
    dev = hits_of("dev", DEV_ARTICLES, DEV_SEED)
    print(f"development half, {DEV_ARTICLES} articles (seed {DEV_SEED}):")
    print(dev.groupby(["category", "writer"]).size().rename("hits").to_string())
    rng = np.random.default_rng(DEV_SEED)
    for (category, writer), part in dev.groupby(["category", "writer"]):
        pick = part.iloc[sorted(rng.choice(len(part), size=min(10, len(part)), replace=False))]
        print(f"\n--- {category}, counted={writer}")
        for r in pick.itertuples():
            print(f"  [{r.term}] {r.sentence[:200]}")
    if args.draw:
        audit = hits_of("audit", AUDIT_ARTICLES, AUDIT_SEED)
        rng = np.random.default_rng(AUDIT_SEED)
        rows = []
        for (_category, writer), part in audit.groupby(["category", "writer"]):
            pick = part.iloc[sorted(rng.choice(len(part), size=min(AUDIT_PER_CELL, len(part)), replace=False))]
            rows.append(pick.assign(rule_counts=writer, cell_hits=len(part)))
        sample = pd.concat(rows, ignore_index=True)[["category", "doc_id", "sentence_id", "start", "term",
                                                       "sentence", "rule_counts", "cell_hits"]]
        sample = sample.assign(split="audit", sample_seed=AUDIT_SEED, label_run1="", label_run2="", coder="")
        atomic_write(data_file("audit_writer_voice.csv"), sample.to_csv(index=False, lineterminator="\n").encode())
        print(f"\nwrote {len(sample)} hits to audit_writer_voice.csv")


if __name__ == "__main__":
    main()
