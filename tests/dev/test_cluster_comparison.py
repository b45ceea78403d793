"""Issue 36's note figures on a corpus: a small corpus by hand, and the 400 benchmark articles with their outlets."""
from __future__ import annotations

import warnings

import pandas as pd
import pytest

from rhetoric_dev import cluster_comparison

from conftest import write_corpus

WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]


def test_the_command_writes_every_table_and_the_figure(tmp_path, capsys):
    docs = []
    for k in range(16):
        group, outlet = ("left", f"L{k % 4}") if k < 8 else ("right", f"R{k % 4}")
        text = (f"The {WORDS[k % 8]} report may suggest that officials clearly failed. We must act now, they said. "
                f"Is it {WORDS[(k + 3) % 8]}?\nFooter of outlet {outlet} here.")
        docs.append({"id": f"d{k}", "stance": group, "outlet": outlet, "date": f"2020-0{1 + k % 6}-15",
                     "text": text})
    corpus = write_corpus(tmp_path / "c", docs, columns=["id", "file", "stance", "title", "outlet", "date"])
    cluster_comparison.main([str(corpus), "--out", str(tmp_path / "out"), "--resamples", "200"])
    said = capsys.readouterr().out
    assert "Articles are not independent here" in said and "Few outlets per group" in said
    for name in ("clustered-p.csv", "duplicates.csv", "recurring-lines.csv", "measures-over-time.csv",
                 "measures-over-time.png"):
        assert (tmp_path / "out" / name).is_file(), name
    compared = pd.read_csv(tmp_path / "out" / "clustered-p.csv")
    assert {"p_articles", "p_outlets", "p_mixed"} <= set(compared.columns) and len(compared) == 13


@pytest.mark.slow
def test_bench400_grouped_by_leaning_with_outlets_as_clusters(bench400):
    from rhetoric.analysis.aggregate import per_article
    from rhetoric.instruments.features import sentence_features
    from rhetoric.io.corpus import load_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(bench400)
    docs = corpus.documents
    # an outlet that AllSides rated differently over the years (ProPublica: center and left) cannot be a cluster of
    # one group: its articles are left out, as a study would correct or drop them
    mixed = docs.groupby("outlet")["stance"].nunique().loc[lambda n: n > 1].index
    docs = docs[~docs["outlet"].isin(mixed)]
    articles = per_article(sentence_features(corpus))
    articles = articles[articles["doc_id"].isin(docs["doc_id"])]
    compared = cluster_comparison.side_by_side(articles, docs, "outlet", n=2000)
    assert len(compared) == 13 and compared["converged"].all() and compared["p_outlets"].notna().all()
    from rhetoric.analysis.aggregate import group_comparison
    from rhetoric.analysis.clusters import cluster_hint, cluster_map

    table = group_comparison(articles, dict(zip(docs["doc_id"], docs["stance"])), seed=1, n=500,
                             clusters=cluster_map(docs, "outlet"), cluster_column="outlet")
    units = table.drop_duplicates("group").set_index("group")["n_units"].to_dict()
    assert units == docs.groupby("stance")["outlet"].nunique().to_dict() and (table["analysis_unit"] == "outlet").all()
    assert "`rhetoric run --cluster outlet`" in cluster_hint(docs)
