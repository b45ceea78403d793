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
#     display_name: Python 3 (rhetoric)
#     language: python
#     name: rhetoric
# ---

# %% [markdown]
# # 06 · At scale: the corpus's articles among a reference set of AllSides news articles
#
# **In this notebook.** Are the articles of this corpus unusual? We place each of them among the articles of a
# reference set drawn from the AllSides corpus (Baly et al. 2020), on every registered per-article measure,
# with mid-rank percentiles. **The reference set** is chosen, not found: for the project's own corpus, the
# AllSides news articles on international and security topics (the topics listed, each with its reason, in
# `reference_topics.csv`; a broad mix in which only some articles are about the project's own articles' subject); a corpus may
# supply its own list in its `--lexicons` folder, and without one its reference is the whole AllSides corpus,
# named as such. By default only articles of the benchmark's *audit* half are kept: the development half was
# read while the instruments were built. The full corpus is shown for context.
#
# **Chance.** With m measures and n articles, about 0.1·m·n placements fall outside the middle 90% by chance
# alone; the notebook states that number beside the count observed, judges correlated measures (the five
# readability formulas) as one family, and calls a placement unusual only by a multiplicity-aware rule
# (`rhetoric.analysis.placement`: two-sided mid-rank p, Bonferroni within a family, Benjamini-Hochberg across
# article-family pairs).
#
# **Reads:** `data/allsides-10k-article-features.csv.gz`, a committed per-article table of numeric features
# (ids, outlet, leaning, topic, date and every registered measure; no titles, no text), made by
# `make scale-table` from `../shared/bench/allsides-10k.jsonl.gz` with the feature table of every other notebook
# as it stood then (the fingerprint of the instruments' word lists and code, stored beside it, says whether
# that is the one in use here); the audit files for the frame dictionary; and this corpus, measured live. **Writes:**
# `figures/06-placement.*`, `figures/06-percentiles.csv|tex`, `figures/06-frame-check.csv|tex`.
#
# **Limits.** The reference corpus's leaning is its *outlet's* AllSides rating, not the article's stance, and
# most of its articles are news reports, not opinion. Where an article falls is description, not
# classification. A study text at the extreme of a measure built from that text would be a check on the
# instrument, not a finding: the first word lists were read off the project's own articles and later revised on
# other text (the data folder lists the terms first read off them, with their provenance), and only measures
# validated outside the study texts (or plain counts and formulas) enter the findings.

# %%
import pandas as pd
from IPython.display import Markdown, display

from rhetoric.analysis import devsample, placement, sensitivity, validity
from rhetoric.analysis.aggregate import midrank_percentile, per_article
from rhetoric.base.paths import ROOT, data_file
from rhetoric.instruments import frames, registry
from rhetoric.io.wordlists import lexicon_path, read_table
from rhetoric.report import findings, plots
from rhetoric.run import notebook
from rhetoric.run.features import fingerprint
from rhetoric.run.provenance import provenance

# %% tags=["parameters"]
# Parameters: `rhetoric run --corpus DIR --out DIR` overrides these (papermill-style 'parameters' cell).
CORPUS_DIR = None  # None: the project's seeds/ (the articles placed among the large corpus)
OUTPUT_DIR = None  # None: the project root (figures go to figures/)
LEXICONS_DIR = None  # None: the project's word lists (a corpus's own lexicons/ folder is used only when given here)
GROUPS = None  # None: every group, sorted; "A,B": only these groups, in this order (`rhetoric run --groups`)
FRAMES = None  # None: all three frame families for seeds/, "generic,policy" otherwise (`rhetoric run --frames`)
CLUSTER = None  # None: outlet-like column when its values repeat within groups; "none": articles (`--cluster`)
DROP_DUPLICATES = False  # True: near-duplicate articles dropped, one of each set kept (`--drop-duplicates`)
LARGE_TABLE = "data/allsides-10k-article-features.csv.gz"  # relative to the project root
AUDIT_ONLY = True  # keep only reference articles of the benchmark's audit half (instruments were built on the other)
ALPHA = 0.05  # Benjamini-Hochberg level over article-family placements (as for groups in the declared rule)
MIDDLE = 0.90  # the middle share of the reference whose outside is counted, beside the count expected by chance

# %%
nb = notebook.start("06-at-scale.ipynb", CORPUS_DIR, OUTPUT_DIR, LEXICONS_DIR, groups=GROUPS,
                    frames=FRAMES, cluster=CLUSTER, drop_duplicates=DROP_DUPLICATES)
corpus, docs = nb.corpus, nb.corpus.documents
display(nb.describe())
large = pd.read_csv(ROOT / LARGE_TABLE, keep_default_na=False)
display(Markdown(fingerprint.reference_note()))
own_list = lexicon_path("reference_topics.csv") != data_file("reference_topics.csv")
if own_list or notebook.is_project_corpus(corpus):
    topics = list(read_table("reference_topics.csv")["topic"])
    REFERENCE = ("AllSides news articles on the topics of this corpus's reference_topics.csv" if own_list else
                 "AllSides news articles on international and security topics")
else:
    topics, REFERENCE = None, "AllSides news articles of every topic (the whole AllSides corpus)"
chosen = placement.reference_set(large, topics, audit_only=AUDIT_ONLY)
reference = chosen["table"]
REFERENCE += " (audit half)" if AUDIT_ONLY else ""
mine = per_article(nb.features())
dev_note = (f"{chosen['in_development']:,} of the {chosen['on_topics']:,} articles "
            f"{'on those topics' if topics else 'of the corpus'} are in the development half, read while the "
            "instruments were built: " + ("left out." if AUDIT_ONLY else "kept (`AUDIT_ONLY = False`)."))
display(Markdown(f"The large corpus: {len(large):,} articles from {large['outlet'].nunique()} outlets, "
                 f"{int(large['words'].sum()):,} words. **Reference set:** {REFERENCE}, {len(reference):,} "
                 f"articles" + (f" on {len(topics)} topics ({', '.join(sorted(topics))})" if topics else "")
                 + f". {dev_note}"))
reference.groupby("leaning")[["words", "sentences"]].agg(["count", "median"])

# %% [markdown]
# ## 1. Which measures can support a finding
#
# Every registered per-article measure present in the large table. A measure can carry a finding here only when
# it is a plain count or formula (sentence length, readability), or when its instrument has evidence of validity
# outside the study texts (a held-out audit, an annotated corpus, a published figure) and, where its hits were
# audited, the 95% lower bound of the hit precision of its own category is at least 0.5.

# %%
evidence = validity.instrument_evidence()
usable = {m.name: m for m in registry.measures() if m.name in large.columns and m.instrument != "frames"}
status = pd.DataFrame([{"measure": m.label, "name": m.name, "instrument": m.instrument or "(count)",
                        "can support a finding": validity.measure_validated(m, evidence),
                        "evidence": validity.measure_note(m, evidence) or "count or formula"}
                       for m in usable.values()])
nb.table(status, "06-measure-status", caption="Which per-article measures can carry a finding, and the "
         "evidence of validity of each.")

# %% [markdown]
# ## 2. Distributions by leaning, and where the corpus's articles fall
#
# The core measures (families that count no word twice) in the reference set by outlet leaning, with this
# corpus's articles as markers in a column of their own.

# %%
shown = {m.name: m.label for m in registry.measures() if m.core and m.name in large.columns}
fig = plots.corpus_placement(reference, mine, shown, docs, order=sorted(reference["leaning"].unique()))
nb.save(fig, "06-placement", f"Per-article measures in the reference set ({REFERENCE}), by outlet leaning "
        "(box: quartiles, whiskers: 1.5 IQR, outliers not drawn), with this corpus's articles in a column of "
        f"their own. {plots.form_note(docs)}")

# %% [markdown]
# ## 3. Mid-rank percentiles
#
# For each article and measure, the percent of reference articles with a lower value, ties counting half (so a
# value of zero shared by many articles is placed in the middle of the tie, never at 0%); among the whole
# corpus for context, and within each leaning of the reference set.

# %%
leanings = sorted(reference["leaning"].unique())
percentiles = placement.percentile_table(mine, reference, large, usable, leanings)
nb.table(percentiles, "06-percentiles", caption=f"Where each article falls in the reference set ({REFERENCE}): "
         "mid-rank percentile in the reference set, in the whole AllSides corpus and within each leaning.",
         latex=not nb.by_group)
nb.show(percentiles, of="06-percentiles",
        caption=f"Mid-rank percentiles of this corpus's articles in the reference set ({REFERENCE}).")

# %% [markdown]
# ## 4. Frames: a check on the instrument, not a finding
#
# Frame shares of this corpus's articles against the reference set, beside each frame's hit precision in
# held-out news of the same stratum (the audit of the frame dictionary). A frame whose hits are often wrong in
# these articles cannot say where an article falls; even a precise one measures the topic, which the reference
# set already matches.

# %%
frame_audit = validity.audit_rows("frames")  # the re-audit: rows still current plus the top-up
frame_labels = frames.frame_labels()
precision = None
if frame_audit is not None:
    international = frame_audit[frame_audit["stratum"] == "international"]
    precision = devsample.precision(international).set_index("category") if len(international) else None
check = []
for f in frames.frame_names():
    name = f"frame_{f}_share"
    if name not in large.columns:
        continue
    row = {"frame": frame_labels.get(f, f), "reference median": reference[name].median()}
    for doc in mine.head(plots.MAX_DOCS_SHOWN).itertuples(index=False):
        row[f"{doc.doc_id} (pct)"] = midrank_percentile(reference[name], getattr(doc, name))
    if precision is not None and f in precision.index:
        row["hit precision (international audit)"] = precision.at[f, "precision"]
        row["hits checked"] = int(precision.at[f, "hits_checked"])
    check.append(row)
frame_check = pd.DataFrame(check)
nb.table(frame_check, "06-frame-check", caption="Frame shares of this corpus's articles in the reference set "
         "(mid-rank percentiles) beside each frame's hit precision in held-out international news.")
nb.show(frame_check, of="06-frame-check",
        caption="Frame shares of this corpus's articles as reference-set percentiles, beside each frame's hit "
                "precision in held-out news.")

# %% [markdown]
# ## 5. Placements judged with chance in mind
#
# Only measures that can support a finding (section 1). Each placement gets a two-sided p from its mid-rank
# percentile; the readability formulas are one family (Bonferroni within it); Benjamini-Hochberg across every
# article-family pair; a placement is unusual when q < `ALPHA`. Beside it: how many placements fall outside the
# middle 90% and how many would by chance alone (0.1 · measures · articles).

# %%
allowed = set(status.loc[status["can support a finding"], "name"])
judged_pct = percentiles[percentiles["name"].isin(allowed)]
families = {name: placement.family_of(usable[name]) for name in allowed}
judged = placement.judge_placements(judged_pct, families, len(reference), alpha=ALPHA)
n_m, n_d = judged_pct["name"].nunique(), judged_pct["doc_id"].nunique()
display(Markdown(f"Outside the middle {100 * MIDDLE:.0f}%: **{placement.outside_middle(judged_pct, MIDDLE)}** "
                 f"placements observed; **{placement.expected_outside(n_m, n_d, MIDDLE):.1f}** expected by chance "
                 f"({n_m} measures × {n_d} articles × {1 - MIDDLE:.1f}). Unusual by the rule: "
                 f"**{int(judged['unusual'].sum())}** of {len(judged)} article-family pairs."))
nb.table(judged, "06-placement-tests", caption=f"Placements in the reference set ({REFERENCE}) judged per "
         "family: two-sided mid-rank p of the most extreme measure, Bonferroni within the family, "
         "Benjamini-Hochberg q over article-family pairs.", latex=not nb.by_group)
judged.sort_values("q_bh").round(4).head(20)

# %% [markdown]
# ## Key findings
#
# Computed from the table above (`findings.placement_findings`): the count outside the middle 90% beside the
# count expected by chance, and each placement unusual by the multiplicity-aware rule, with its instrument's
# validity.

# %%
seed_check = (placement.outside_without_seed_terms(  # the seeds only: what rests on the terms read off them
    judged_pct, sensitivity.leave_seed_terms_out(corpus, list(usable.values())), reference, MIDDLE)
    if notebook.is_project_corpus(corpus) else None)
nb.record(findings.placement_findings(corpus, judged, judged_pct, REFERENCE, len(reference), evidence, usable,
                                      alpha=ALPHA, middle=MIDDLE, seed_check=seed_check))

# %% [markdown]
# **Key points.** The articles are placed, not classified, in a stated reference set; the reference labels are
# outlet leanings, and about one placement in ten falls outside the middle 90% by chance alone. Frame shares are a check on the instrument, shown with its precision in that kind
# of news.
#
# ← [05 · Rhetorical comparison](05-rhetorical-comparison.ipynb) · [00 · Overview](00-overview.ipynb) →
#
# ## Provenance

# %%
display(Markdown(f"Large-corpus table: `{LARGE_TABLE}`, made by `make scale-table` (scripts/scale_table.py) "
                 "from AllSides articles released with Baly et al. (2020), Apache-2.0; article texts remain their "
                 "publishers' copyright and are not in this repository."))
provenance(corpus, nb)
