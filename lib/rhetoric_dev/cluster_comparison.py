"""The figures of issue 36's note on one corpus: articles vs outlets as units, duplicates, boilerplate, time.

For a corpus folder with repeated outlets (``outlet``) and a group column (``stance``): the core measures'
omnibus permutation p with articles as units beside the p with outlets as units and the mixed model's, the
words on power, the hint the notebooks would show, the near-duplicates and recurring lines found, and the time
table and figure (written to ``--out``). The feature table is computed here (or read from ``--features``, a
table ``rhetoric features`` wrote for the same corpus). Nothing is written into the repository::

    .venv/bin/python -m rhetoric_dev.cluster_comparison BENCH400 --out /tmp/bench400-clusters
    .venv/bin/python -m rhetoric_dev.cluster_comparison ../shared/dev/narrative-frames --out /tmp/nf-clusters

where BENCH400 is the grouped benchmark corpus the tests use (``benchmarks.common.build_corpus(400, BENCH400,
columns=("outlet", "date"))``: 400 articles, three leanings, their outlets and dates).
"""
from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path

import pandas as pd

from rhetoric.analysis.aggregate import group_comparison, per_article
from rhetoric.analysis.clusters import cluster_hint, cluster_map, power_note
from rhetoric.analysis.mixed_model import mixed_model_check
from rhetoric.analysis.periods import period_table
from rhetoric.analysis.resampling import format_p
from rhetoric.instruments.registry import measures as registered
from rhetoric.io.corpus import load_corpus
from rhetoric.language.boilerplate import recurring_lines
from rhetoric.language.duplicates import duplicates

SEED = 36


def side_by_side(articles: pd.DataFrame, documents: pd.DataFrame, column: str, n: int) -> pd.DataFrame:
    """Per core measure: the omnibus p with articles as units, with ``column`` as unit, and the mixed model's."""
    core = [m for m in registered() if m.core]
    group_of = dict(zip(documents["doc_id"], documents["stance"]))
    clusters = cluster_map(documents, column)
    free = group_comparison(articles, group_of, core, seed=SEED, n=n).drop_duplicates("measure")
    held = group_comparison(articles, group_of, core, seed=SEED, n=n, clusters=clusters,
                            cluster_column=column).drop_duplicates("measure")
    mixed = mixed_model_check(articles, group_of, clusters, core, cluster_column=column)
    out = pd.DataFrame({"measure": free["measure"].to_numpy(),
                        "p_articles": free["p_permutation"].to_numpy(), "q_articles": free["q_bh"].to_numpy(),
                        f"p_{column}s": held["p_permutation"].to_numpy(), f"q_{column}s": held["q_bh"].to_numpy()})
    return out.merge(mixed[["measure", "p_mixed", "icc", "converged", "note"]], on="measure", how="left")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--features", type=Path, help="a feature table of the same corpus (CSV or Parquet)")
    parser.add_argument("--cluster", default="outlet")
    parser.add_argument("--resamples", type=int, default=10_000)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(args.corpus)
    docs = corpus.documents
    cpu = time.process_time()
    if args.features:
        table = pd.read_parquet(args.features) if args.features.suffix == ".parquet" else pd.read_csv(args.features)
    else:
        from rhetoric.instruments.features import sentence_features

        table = sentence_features(corpus)
    articles = per_article(table)
    print(f"{len(docs)} articles, {docs['stance'].nunique()} groups, {docs[args.cluster].nunique()} "
          f"{args.cluster}s; features {time.process_time() - cpu:.1f} CPU-s")
    print("hint:", cluster_hint(docs))
    units = docs.groupby("stance")[args.cluster].nunique().to_dict()
    print("power:", power_note(units, unit=args.cluster) or "(enough outlets per group)")
    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 60)
    compared = side_by_side(articles, docs, args.cluster, args.resamples)
    compared.to_csv(args.out / "clustered-p.csv", index=False)
    shown = compared.copy()
    for c in [c for c in shown.columns if c.startswith(("p_", "q_"))]:
        shown[c] = shown[c].map(format_p)
    print(shown.to_string(index=False))
    found = duplicates(corpus)
    found.to_csv(args.out / "duplicates.csv", index=False)
    print(f"near-duplicates: {len(found)}, across groups: {int(found['cross_group'].sum())}")
    print(found.to_string(index=False))
    lines = recurring_lines(corpus, by=args.cluster, duplicates=found)
    lines.drop(columns="example").to_csv(args.out / "recurring-lines.csv", index=False)
    print(f"recurring lines: {len(lines)}")
    print(lines[["by", "scope", "articles", "scope_articles", "share"]].to_string(index=False))
    over_time = period_table(articles, docs, seed=SEED, clusters=cluster_map(docs, args.cluster),
                             cluster_column=args.cluster)
    over_time.to_csv(args.out / "measures-over-time.csv", index=False)
    print("time:", over_time.attrs.get("rule") or over_time.attrs.get("why_empty"), "|", over_time.attrs.get("dates"))
    if len(over_time):
        from rhetoric.report.period_plot import period_figure

        fig = period_figure(over_time)
        fig.savefig(args.out / "measures-over-time.png", dpi=200)
        print("figure:", args.out / "measures-over-time.png")
    with open("/proc/loadavg", encoding="ascii") as fh:
        print(f"CPU {time.process_time() - cpu:.1f} s in all; load average {' '.join(fh.read().split()[:3])}")


if __name__ == "__main__":
    main()
