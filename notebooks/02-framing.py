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
# # 02 · Framing: actors, frames, framing functions and the words that set each article apart
#
# **In this notebook.** How does each article define the situation, whom does it make the protagonists,
# and which words carry the difference? We count actor mentions and what actors are said to do, tag
# sentences with frames from a codebook, code Entman's four framing functions by rule, and compute keyness
# (Monroe et al. 2008). Each dictionary is then checked against hand-coded sentences, misfits shown.
#
# **Reads:** the corpus; `lib/rhetoric/data/actors.csv`, `frames.csv`, `frame_terms.csv`,
# `entman_cues.csv`, `gold_frames.csv` (codebook: `gold_codebook.md`).
# **Writes:** `figures/02-actor-salience.*`, `02-actor-network.*`, `02-frame-salience.*`,
# `02-frame-trajectory.*`, `02-keyness.*`, and the tables `02-frame-salience.csv|tex`.
#
# **Known limits.** Frames and functions are read from words, not meaning: a dictionary sees "strike" in
# "strike group" and misses a frame carried without its terms. The terms were written by reading these
# two articles, so the validation below is in-sample and flatters the dictionary. With one article per
# stance, every difference describes two texts.

# %%
import pandas as pd
from IPython.display import Markdown, display

from rhetoric import actors, findings, frames, keyness, notebook, plots, validation, validity
from rhetoric.provenance import provenance
from rhetoric.tokens import sentences, tokens

# %% tags=["parameters"]
# Parameters: `rhetoric run --corpus DIR --out DIR` overrides these (papermill-style 'parameters' cell).
CORPUS_DIR = None  # None: the project's seeds/
OUTPUT_DIR = None  # None: the project root (figures go to figures/)
KEYNESS_TOP = 15   # distinctive terms listed per stance group

# %%
nb = notebook.start("02-framing.ipynb", CORPUS_DIR, OUTPUT_DIR)
corpus, docs = nb.corpus, nb.corpus.documents
sents = sentences(corpus)
toks = tokens(corpus, sents)
mentions = actors.actor_mentions(toks)
notebook.corpus_card(corpus)[["doc_id", "stance", "title"]]

# %% [markdown]
# ## 1. Actors
#
# The actor list is data: every alias with a note on what it refers to (`actors.csv`). Aliases are
# matched case-sensitively on word tokens and on the parts of hyphenated tokens ("China-U.S."), so
# "U.S." counts and the pronoun "us" does not.

# %%
actors.actor_aliases().groupby("actor")["alias"].agg(", ".join).to_frame("aliases")

# %%
salience = actors.actor_salience(mentions, sents)
salience.pivot(index="actor", columns="doc_id", values="per_1000_words").round(1)

# %%
shown = salience[salience.groupby("actor")["mentions"].transform("sum") > 0]
fig = plots.grouped_bars(shown, docs, "actor", "per_1000_words", xlabel="Mentions per 1,000 words",
                         width="single", height=3.0, horizontal=True)
nb.save(fig, "02-actor-salience", "Actor mentions per 1,000 words in each article (aliases in actors.csv).")

# %% [markdown]
# **Co-occurrence.** Two actors co-occur when one sentence names both; edge labels count such sentences.

# %%
edges = actors.cooccurrence(mentions)
fig = plots.actor_network(edges, salience, docs)
nb.save(fig, "02-actor-network", "Actors named in the same sentence. Node size: mentions; edge width and "
        "label: number of sentences naming both.")

# %% [markdown]
# **What actors do or can do.** Actor + modal ("China can bolster") and actor + verb ("Beijing showed")
# constructions, read by transparent rules (`rhetoric.actors`; verb forms from `lemminflect`). The
# summary counts them by actor and modal; the full table lists each with its words, so misreadings are
# visible (for instance a noun after an actor read as a verb, "U.S. interests").

# %%
actions = actors.actor_actions(mentions, toks, sents)
summary = (actions.assign(kind=actions["construction"].where(actions["construction"] == "verb",
                                                             "modal: " + actions["modal"]))
           .groupby(["doc_id", "actor", "kind"]).size().unstack("kind", fill_value=0))
summary

# %%
actions[["doc_id", "sentence_id", "actor", "construction", "modal", "verb", "negated", "phrase"]]

# %% [markdown]
# ## 2. Frames
#
# The codebook: seven Policy Frames Codebook dimensions that apply (Boydstun et al. 2014) and three
# international-relations frames these texts need. Each indicator term has its reason in `frame_terms.csv`.

# %%
terms = frames.frame_terms()
book = frames.codebook().merge(terms.groupby("frame")["term"].agg(lambda t: ", ".join(t)).rename("terms"),
                               on="frame")
book[["frame", "label", "definition", "source", "terms"]]

# %%
hits = frames.frame_hits(toks)
counts = frames.frame_counts(sents, hits)
frame_sal = frames.frame_salience(sents, counts)
labels = dict(zip(frames.codebook()["frame"], frames.codebook()["label"]))
nb.table(frame_sal.assign(label=frame_sal["frame"].map(labels))[
    ["doc_id", "label", "hits", "per_1000_words", "share_of_sentences"]],
    "02-frame-salience", caption="Frame salience: indicator hits per 1,000 words and share of sentences.")
frame_sal.pivot(index="frame", columns="doc_id", values="share_of_sentences").round(2)

# %%
fig = plots.grouped_bars(frame_sal.assign(frame=frame_sal["frame"].map(labels)), docs, "frame",
                         "share_of_sentences", xlabel="Share of sentences with the frame", width="single",
                         height=3.2, horizontal=True)
nb.save(fig, "02-frame-salience", "Share of each article's sentences carrying each frame (dictionary).")

# %% [markdown]
# **Trajectory.** Where in each article each frame appears: the share of sentences carrying the frame in
# each tenth of the article.

# %%
traj = frames.frame_trajectory(sents, counts)
fig = plots.frame_trajectory(traj, frames.frame_names(), labels, docs)
nb.save(fig, "02-frame-trajectory", "Frame trajectory: share of sentences with each frame, by tenth of "
        "each article.")

# %% [markdown]
# ## 3. Entman's four framing functions
#
# Problem definition, causal interpretation, moral evaluation and treatment recommendation (Entman
# 1993), each coded when one of its cues occurs (`entman_cues.csv`, with reasons).

# %%
ent_hits = frames.entman_hits(toks)
functions = frames.entman_functions(sents, ent_hits)
by_doc = functions.groupby(sents["doc_id"]).mean().rename(columns=frames.ENTMAN_LABELS)
by_doc.round(2)

# %%
examples = sents[["doc_id", "sentence_id", "text"]].join(functions)
examples[examples["treatment"]].groupby("doc_id").head(2)[["doc_id", "sentence_id", "text"]]

# %% [markdown]
# ## 4. Keyness: the words that set each stance apart
#
# Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), natural logs. The
# prior is general English (word frequencies from the pinned `wordfreq` package; CC BY-SA 4.0), scaled so
# that its total a₀ equals the mean words per stance group. Positive z: more in the first group. With
# more than two stance groups, each group is compared with the rest.

# %%
group_of = dict(zip(docs["doc_id"], docs["stance"]))
groups = sorted(set(group_of.values()))
key = keyness.keyness(toks, group_of)
top = keyness.top_terms(key, KEYNESS_TOP)
top[["group", "term", "count", "count_rest", "delta", "z"]]

# %%
fig = plots.keyness_plot(key, groups)
nb.save(fig, "02-keyness", "Keyness (Monroe et al. 2008): z of the log-odds ratio with an informative "
        "(general-English) prior against frequency; the most distinctive terms of each group labelled; "
        "dashed lines at |z| = 1.96.")


# %% [markdown]
# **How the prior's scale moves the list.** Overlap of the top terms under a₀ ten times smaller and larger,
# and under Monroe's flat fallback prior (a_w = 0.01), with the list above.

# %%
def overlap(other):
    alt = keyness.top_terms(other, KEYNESS_TOP)
    return {g: len(set(top.loc[top.group == g, "term"]) & set(alt.loc[alt.group == g, "term"]))
            for g in groups}

a0 = toks[toks["is_word"]].shape[0] / len(groups)
pd.DataFrame({f"a0 / 10 ({a0 / 10:.0f})": overlap(keyness.keyness(toks, group_of, a0=a0 / 10)),
              f"a0 x 10 ({a0 * 10:.0f})": overlap(keyness.keyness(toks, group_of, a0=a0 * 10)),
              "flat prior": overlap(keyness.keyness(toks, group_of, prior="flat"))}).rename_axis(
    f"shared of top {KEYNESS_TOP}")

# %% [markdown]
# **Keyword in context** for each group's three most distinctive terms:

# %%
for g in groups:
    members = [d for d, s in group_of.items() if s == g]
    for term in top.loc[top.group == g, "term"].head(3):
        display(Markdown(f"**{term}** ({g})"))
        display(keyness.kwic(toks, sents, term, members).head(6))

# %% [markdown]
# ## 5. Validation against hand-coded sentences
#
# A sample of 40 seed sentences (20 per article) was coded by hand for frames and Entman functions from
# the codebook definitions (`gold_codebook.md`), before looking at the dictionary's output. Below:
# precision, recall, F1 and Cohen's kappa per label, then every sentence where dictionary and hand codes
# disagree. One coder and an in-sample dictionary: read these as an upper bound on how well the
# instrument measures.

# %%
checked = validity.frame_validation(sents, toks)
if checked is None:
    display(Markdown(notebook.skipped_note("Validation of frames and Entman functions")))
else:
    display(checked["frames"].round(2))

# %%
if checked is not None:
    display(checked["entman"].round(2))

# %% [markdown]
# **Misfits:** the sentences where the dictionary's frames differ from the hand codes (missed = coded by
# hand, not found; added = found, not coded by hand).

# %%
if checked is not None:
    misfit = validation.misfits(checked["table"], "gold_frames", "dict_frames")
    display(misfit[["doc_id", "sentence_id", "missed", "added", "text"]])

# %%
if checked is not None:
    display(Markdown(notebook.bullet_list(findings.validation_sentences(checked["frames"], "frame dictionary")
                                          + findings.validation_sentences(checked["entman"], "Entman cues"))))

# %% [markdown]
# ## Key findings
#
# Computed from the tables above (`rhetoric.findings.framing_findings`):

# %%
nb.record([f["finding"] for f in findings.framing_findings(corpus)])

# %% [markdown]
# **Key points.** Actors, frames and framing functions are counted by documented word lists whose every
# entry has a reason; the validation shows where they fail. Keyness uses a general-English prior so that
# function words do not dominate.
#
# ← [01 · Corpus](01-corpus.ipynb) · [03 · Sentiment](03-sentiment.ipynb) →
#
# ## Provenance

# %%
provenance(corpus)
