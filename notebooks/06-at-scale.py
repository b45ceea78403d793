# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: -jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 06 · At scale: the two seed articles among 10,000 news and opinion articles
#
# **In this notebook.** Are the seeds unusual? We place the two seed articles among 10,000 articles of
# the AllSides corpus (Baly et al. 2020), grouped by the outlet's leaning (left, center, right), on the
# study's per-article measures: sentence length, tone, hedges, boosters, modals and frames.
#
# **Reads:** `data/allsides-10k-article-features.csv.gz`, a committed per-article table of numeric
# features (ids, outlet, leaning, topic, date and measures; no titles, no text), made by
# `make scale-table` from `../shared/bench/allsides-10k.jsonl.gz` with the same feature table as every
# other notebook (`rhetoric features`); and the seed corpus, measured live. **Writes:**
# `figures/06-placement.*`, `figures/06-percentiles.csv|tex`.
#
# **Limits.** The corpus's leaning is its *outlet's* AllSides rating, not the article's stance, and its
# articles are mostly U.S. domestic news, not foreign-policy opinion. Where a seed falls is description,
# not classification. The seeds are opinion pieces; most corpus articles are news reports.

# %%
import pandas as pd
from IPython.display import Markdown, display

from rhetoric import notebook, plots
from rhetoric.features import sentence_features
from rhetoric.paths import ROOT
from rhetoric.provenance import provenance
from rhetoric.scale import per_article

# %% tags=["parameters"]
# Parameters: `rhetoric run --corpus DIR --out DIR` overrides these (papermill-style 'parameters' cell).
CORPUS_DIR = None  # None: the project's seeds/ (the articles placed among the large corpus)
OUTPUT_DIR = None  # None: the project root (figures go to figures/)
LARGE_TABLE = "data/allsides-10k-article-features.csv.gz"  # relative to the project root
INTERNATIONAL_TOPICS = ["middle_east", "foreign_policy", "world", "national_security", "north_korea",
                        "us_military", "terrorism", "china", "russia", "iran"]

# %%
nb = notebook.start("06-at-scale.ipynb", CORPUS_DIR, OUTPUT_DIR)
corpus, docs = nb.corpus, nb.corpus.documents
large = pd.read_csv(ROOT / LARGE_TABLE, keep_default_na=False)
seeds = per_article(sentence_features(corpus))
display(Markdown(f"The large corpus: {len(large):,} articles from {large['outlet'].nunique()} outlets, "
                 f"{int(large['words'].sum()):,} words; {int(large['topic'].isin(INTERNATIONAL_TOPICS).sum()):,} "
                 "of them on international topics."))
large.groupby("leaning")[["words", "sentences"]].agg(["count", "median"])

# %% [markdown]
# ## 1. Distributions by leaning, and where the seeds fall

# %%
measures = {"words_per_sentence": "words per sentence", "vader_compound": "mean VADER compound",
            "hedges_per_1000": "hedges per 1,000 words", "boosters_per_1000": "boosters per 1,000 words",
            "modal_prediction_per_1000": "prediction modals per 1,000 words",
            "modal_possibility_per_1000": "possibility modals per 1,000 words",
            "frame_diplomacy_share": "share of sentences: diplomacy", "frame_security_share": "share: security",
            "frame_rivalry_share": "share: great-power rivalry"}
fig = plots.corpus_placement(large, seeds, measures, docs, order=["left", "center", "right"])
nb.save(fig, "06-placement", "Per-article measures in 10,000 AllSides articles by outlet leaning (box: "
        "quartiles, whiskers: 1.5 IQR), with the two seed articles as lines.")

# %% [markdown]
# ## 2. Percentiles
#
# The share of corpus articles with a lower value than each seed (`pct_*`): overall, among articles on
# international topics, and within each leaning.

# %%
rows = []
international = large[large["topic"].isin(INTERNATIONAL_TOPICS)]
for seed in seeds.itertuples():
    for col, label in measures.items():
        value = getattr(seed, col)
        row = {"doc_id": seed.doc_id, "measure": label, "seed_value": value,
               "pct_all": 100 * (large[col] < value).mean(),
               "pct_international": 100 * (international[col] < value).mean()}
        for g in ["left", "center", "right"]:
            row[f"pct_{g}"] = 100 * (large.loc[large["leaning"] == g, col] < value).mean()
        rows.append(row)
percentiles = pd.DataFrame(rows)
nb.table(percentiles, "06-percentiles", caption="Where each seed article falls among 10,000 AllSides articles: "
         "percentile overall, by outlet leaning and among international topics.")
percentiles.round(1)

# %% [markdown]
# ## Key findings
#
# Computed from the percentile table:

# %%
extreme = percentiles.assign(distance=(percentiles["pct_all"] - 50).abs()).sort_values(
    ["doc_id", "distance", "measure"], ascending=[True, False, True], kind="mergesort").groupby("doc_id").head(3)
nb.record([
    f"`{r.doc_id}`: {r.measure} = {r.seed_value:.3g}; {r.pct_all:.1f}% of the 10,000 AllSides articles score "
    f"lower ({r.pct_international:.1f}% of those on international topics)." for r in extreme.itertuples()])

# %% [markdown]
# **Key points.** The seeds are placed, not classified: the corpus's labels are outlet leanings, and
# its articles are mostly domestic news. The measures come from the same feature table as notebooks 01-05.
# The frame dictionaries were written for these two texts' subject (notebook 02), so extreme frame shares
# are partly built in; the marker and tone measures are not topic-specific.
#
# ← [05 · Rhetorical comparison](05-rhetorical-comparison.ipynb) · [00 · Overview](00-overview.ipynb) →
#
# ## Provenance

# %%
display(Markdown(f"Large-corpus table: `{LARGE_TABLE}`, made by `make scale-table` (scripts/scale_table.py) "
                 "from AllSides articles released with Baly et al. (2020), Apache-2.0; article texts remain "
                 "their publishers' copyright and are not in this repository."))
provenance(corpus)
