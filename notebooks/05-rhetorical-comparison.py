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
# # 05 · Rhetorical comparison: the two arguments side by side
#
# **In this notebook.** What a reader of the paper sees: how the pro-cooperation and the skeptical piece
# argue differently, measured, with uncertainty, and with the sentences that show it. One profile table of
# every measure; the argument's structure (claims, evidence, voices, proposals and verdicts); how each
# piece positions China, the U.S., Iran and Israel; where lexicon tone and argument part ways; a
# two-column paper figure; findings and limits.
#
# **Reads:** the corpus and every instrument of notebooks 01-04 (through the library), plus
# `lib/rhetoric/data/rhetorical_markers.csv`. **Writes:** `figures/05-comparison.*` (the paper figure),
# `figures/05-profile.csv|tex`, `figures/05-actor-positioning.csv|tex`.
#
# **Limits first.** Two documents, one per stance: every difference describes these two texts, not
# stances, outlets or countries. All instruments are lexicons with rules; their validity is reported in
# notebooks 02-04 and summarised at the end.

# %%
import pandas as pd
from IPython.display import Markdown, display

from rhetoric import actors, comparison, findings, notebook, plots, sentiment
from rhetoric.provenance import provenance
from rhetoric.tokens import sentences, tokens

# %% tags=["parameters"]
# Parameters: `rhetoric run --corpus DIR --out DIR` overrides these (papermill-style 'parameters' cell).
CORPUS_DIR = None  # None: the project's seeds/
OUTPUT_DIR = None  # None: the project root (figures go to figures/)
SEED = 20250605    # bootstrap
N_RESAMPLES = 10_000
MAIN_ACTORS = ["china", "us", "iran", "israel"]

# %%
nb = notebook.start("05-rhetorical-comparison.ipynb", CORPUS_DIR, OUTPUT_DIR)
corpus, docs = nb.corpus, nb.corpus.documents
measures = comparison.sentence_measures(corpus)
sents = sentences(corpus)
toks = tokens(corpus, sents)
notebook.corpus_card(corpus)[["doc_id", "stance", "title", "outlet", "date"]]

# %% [markdown]
# ## 1. The rhetorical profile
#
# Every measure for each article: readability and lexical diversity (document-level: no interval);
# sentence length, tone, metadiscourse, modals, conditionals, pronouns, questions, contrast, attribution,
# proposal and verdict language (per 1,000 words) and frame salience (share of sentences), each with a
# bootstrap 95% interval over sentences.

# %%
prof = comparison.profile(corpus, measures, seed=SEED, n=N_RESAMPLES)
wide = prof.pivot_table(index=["family", "measure", "unit"], columns="doc_id", values="estimate", sort=False)
nb.table(prof, "05-profile", caption="Rhetorical profile of each article: estimate and bootstrap 95% CI over "
         "sentences (document-level measures have no interval).")
wide.round(2)

# %% [markdown]
# **Standardised view.** To compare across measures on one scale: each article's mean minus the corpus mean,
# in units of the corpus standard deviation across sentences (per-sentence rates per 1,000 words).

# %%
std_columns = {"n_words": "words per sentence", "vader_compound": "tone (VADER)", "hedges": "hedges",
               "boosters": "boosters", "attitude_markers": "attitude markers",
               "modal_possibility": "possibility modals", "modal_prediction": "prediction modals",
               "modal_necessity": "necessity modals", "conditionals": "conditionals", "contrast": "contrast",
               "attribution": "attribution", "proposal": "proposal language", "verdict": "verdict language",
               "pronoun_they": "they / their"}
std = comparison.standardised(measures, std_columns, seed=SEED)
std.pivot(index="measure", columns="doc_id", values="estimate").round(2)

# %% [markdown]
# ## 2. Argument structure
#
# **Proposal against verdict.** Proposal language offers courses of action ("can", "could", "would allow");
# verdict language pronounces outcomes ("clearly", "fundamentally", "demonstrated", "failed"). Examples of
# each, per article:

# %%
hits = comparison.marker_hits(toks)
pv = prof[prof["measure"].isin(["proposal language", "verdict language"])]
display(pv.pivot(index="measure", columns="doc_id", values="estimate").round(1))
examples = hits[hits["category"].isin(["proposal", "verdict"])].merge(
    sents[["doc_id", "sentence_id", "text"]], on=["doc_id", "sentence_id"])
examples.groupby(["doc_id", "category"], sort=False).head(3)[["doc_id", "category", "matched", "text"]]

# %% [markdown]
# **Claims and evidence; whose voices.** Sentences that quote someone or attribute a claim to a source
# (reports, observers, analysts, official statements), with the actors named in them:

# %%
mentions = actors.actor_mentions(toks)
voices = comparison.quotations(sents, mentions, hits)
voices

# %%
summary = voices.groupby("doc_id").agg(sentences_citing=("sentence_id", "size"),
                                      with_quotation=("quoted", lambda q: int((q != "").sum())))
summary.reindex(corpus.doc_ids, fill_value=0)

# %% [markdown]
# **How each piece positions the main actors** (from the framing, sentiment and hedging instruments):
# mentions, what the actor can or could do (modal constructions with the actor as subject), the tone of
# the sentences naming it, and how hedged or boosted those sentences are.

# %%
actions = actors.actor_actions(mentions, toks, sents)
positioning = comparison.actor_positioning(measures, mentions, actions, MAIN_ACTORS)
nb.table(positioning, "05-actor-positioning", caption="How each article positions the main actors.")
positioning.round(2)

# %% [markdown]
# ## 3. Tone against stance
#
# Where lexicon tone and the argument's function part ways: proposal sentences that VADER reads as
# negative (they name the war they want to avoid) and verdict sentences it reads as positive (they name
# the agreement that did not happen). For each, the words behind the score:

# %%
mismatch = comparison.tone_against_stance(measures)
display(mismatch.groupby(["doc_id", "mismatch"]).size().rename("sentences").reset_index())
for r in mismatch.groupby(["doc_id", "mismatch"], sort=False).head(1).itertuples():
    display(Markdown(f"**{r.doc_id} #{r.sentence_id}, {r.mismatch}** (compound {r.vader_compound:+.3f}): "
                     f"{r.text}"))
    display(sentiment.explain(r.text).drop(columns="position"))

# %% [markdown]
# ## 4. The paper figure
#
# Two-column width (7.2 in): (A) the standardised profile, (B) frame salience, (C) how often each article
# names the main actors and how many "can/could" proposals it gives each as subject.

# %%
frame_profile = prof[prof["family"] == "frames"]
fig = plots.comparison_figure(std, frame_profile, positioning, docs)
nb.save(fig, "05-comparison", "How the two articles argue. (A) Standardised mean of per-sentence measures "
        "(article minus corpus mean, in corpus standard deviations; bootstrap 95% CI). (B) Share of sentences "
        "carrying each frame (dictionary; 95% CI). (C) Mentions of the main actors per 1,000 words; white "
        "numbers: 'can/could' constructions with the actor as subject.")

# %% [markdown]
# ## 5. Findings and limits
#
# **Findings** (computed from the tables above, `rhetoric.findings.comparison_findings`):

# %%
nb.record([f["finding"] for f in findings.comparison_findings(corpus)])

# %% [markdown]
# **Limits.**
#
# - *Two documents.* With one article per stance, sentence-level intervals and tests describe variation
#   within these texts; they do not generalise to stances, outlets or countries, and sentences within an
#   article are not independent.
# - *Lexicon instruments.* Frames, framing functions, tone, hedges and the markers here are word lists with
#   rules. Their validity on these texts, computed in the earlier notebooks:

# %%
nb.record(findings.validity_summary(corpus), kind="validity")

# %% [markdown]
# **Key points.** The profile, the standardised view and the figure describe two arguments measure by
# measure; the findings above are generated from them, and every number traces to sentences through the
# notebooks that compute it.
#
# ← [04 · Hedging](04-hedging.ipynb) · [00 · Overview](00-overview.ipynb) →
#
# ## Provenance

# %%
provenance(corpus)
