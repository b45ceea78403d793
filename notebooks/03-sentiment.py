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
# # 03 · Sentiment: tone through each article, toward each actor, and how far to trust it
#
# **In this notebook.** We score every sentence with VADER (the reference implementation) and, for
# robustness, with the Pattern lexicon that TextBlob ships; follow tone through each article and toward
# each actor; show which words produce the scores; and check the instrument against hand-rated sentences
# and its published validity. The central caution: **lexicon tone is not stance.**
#
# **Reads:** the corpus; VADER's and Pattern's lexicons (pinned packages); `lib/rhetoric/data/actors.csv`,
# `policy_words.csv`, `gold_tone.csv` (codebook: `gold_codebook.md`).
# **Writes:** `figures/03-tone-distribution.*`, `03-tone-trajectory.*`, `03-lexicon-agreement.*`,
# `03-actor-tone.*`, table `03-tone-by-article.csv|tex`.
#
# **How far to trust it (published).** On 5,190 sentences from 500 New York Times opinion editorials,
# VADER's compound correlated r = 0.49 with the mean human rating (three-class F1 0.55); a single human
# rater reached r = 0.75 (F1 0.65) (Hutto & Gilbert 2014). Opinion writing is where lexicon sentiment is
# weakest; every result below should be read with that figure in mind.

# %%
import pandas as pd
from IPython.display import Markdown, display

from rhetoric import actors, findings, notebook, plots, sentiment, stats, validation, validity
from rhetoric.lexicon import read_table
from rhetoric.provenance import provenance
from rhetoric.tokens import sentences, tokens

# %% tags=["parameters"]
# Parameters: `rhetoric run --corpus DIR --out DIR` overrides these (papermill-style 'parameters' cell).
CORPUS_DIR = None  # None: the project's seeds/
OUTPUT_DIR = None  # None: the project root (figures go to figures/)
SEED = 20250602    # bootstrap, permutation and jitter
N_RESAMPLES = 10_000

# %%
nb = notebook.start("03-sentiment.ipynb", CORPUS_DIR, OUTPUT_DIR)
corpus, docs = nb.corpus, nb.corpus.documents
sents = sentences(corpus)
scored = pd.concat([sents, sentiment.vader_scores(sents["text"]), sentiment.pattern_scores(sents["text"])],
                   axis=1)
scored["vader_class"] = sentiment.vader_class(scored["vader_compound"])
display(Markdown(f"{len(scored)} sentences scored. VADER reads each sentence as written (curly "
                 "apostrophes straightened so that its negation rule sees \"n't\")."))

# %% [markdown]
# ## 1. Tone per article
#
# Mean compound with a bootstrap 95% interval over sentences, and the shares of VADER's three classes
# (compound ≥ 0.05 positive, ≤ −0.05 negative).

# %%
by_doc = stats.compare_groups(scored, "vader_compound", seed=SEED, n=N_RESAMPLES)
shares = scored.groupby("doc_id", sort=False)["vader_class"].value_counts(normalize=True).unstack(fill_value=0)
tone = by_doc.merge(shares.reset_index(), on="doc_id")
nb.table(tone, "03-tone-by-article", caption="VADER compound per article: mean with bootstrap 95% CI over "
         "sentences, and shares of the three classes.")

# %%
fig = plots.tone_distribution(scored, docs, seed=SEED)
nb.save(fig, "03-tone-distribution", "VADER compound of every sentence, by article; bars mark the means, "
        "the grey band the neutral class (|compound| < 0.05).")

# %% [markdown]
# ## 2. Tone through each article
#
# Compound by sentence position; the line is a centred rolling mean over five sentences.

# %%
fig = plots.tone_trajectory(scored, docs)
nb.save(fig, "03-tone-trajectory", "VADER compound by position in each article (dots: sentences; line: "
        "rolling mean over five sentences).")

# %% [markdown]
# ## 3. The extremes, and why they scored as they did
#
# The most positive and most negative sentences of each article, then for each the lexicon words behind
# the score: valence in VADER's lexicon, valence after VADER's rules, and the rules that changed it.

# %%
cols = ["doc_id", "sentence_id", "vader_compound", "text"]
extremes = pd.concat([scored.sort_values(["vader_compound", "sentence_id"], ascending=[False, True])
                      .groupby("doc_id", sort=False).head(2),
                      scored.sort_values(["vader_compound", "sentence_id"]).groupby("doc_id", sort=False).head(2)])
extremes[cols]

# %%
for r in extremes.itertuples():
    display(Markdown(f"**{r.doc_id} #{r.sentence_id}** (compound {r.vader_compound:+.3f}): {r.text}"))
    display(sentiment.explain(r.text).drop(columns="position"))

# %% [markdown]
# ## 4. A second, independent lexicon
#
# Pattern (TextBlob) polarity and subjectivity. Pattern's lexicon is mostly adjectives, so many policy
# sentences score exactly 0 on it. Agreement: correlations and the share of sentences on which the two
# agree in sign (both positive, both negative, or both within ±0.05 of zero).

# %%
agree = pd.DataFrame({
    "pearson_r": scored.groupby("doc_id", sort=False).apply(
        lambda g: g["vader_compound"].corr(g["pattern_polarity"]), include_groups=False),
    "spearman_rho": scored.groupby("doc_id", sort=False).apply(
        lambda g: g["vader_compound"].corr(g["pattern_polarity"], method="spearman"), include_groups=False),
    "same_sign": scored.groupby("doc_id", sort=False).apply(
        lambda g: (sentiment.vader_class(g["vader_compound"]) ==
                   sentiment.vader_class(g["pattern_polarity"])).mean(), include_groups=False),
    "pattern_zero": scored.groupby("doc_id", sort=False)["pattern_polarity"].apply(lambda s: (s == 0).mean()),
    "mean_subjectivity": scored.groupby("doc_id", sort=False)["pattern_subjectivity"].mean(),
})
agree

# %%
fig = plots.lexicon_agreement(scored, docs)
nb.save(fig, "03-lexicon-agreement", "Two lexicons, one dot per sentence: VADER compound against Pattern "
        "polarity.")

# %% [markdown]
# Where they disagree most (opposite signs, largest gap first):

# %%
opposite = scored[(scored["vader_compound"] * scored["pattern_polarity"]) < 0].copy()
opposite["gap"] = (opposite["vader_compound"] - opposite["pattern_polarity"]).abs()
opposite.sort_values(["gap", "sentence_id"], ascending=[False, True]).head(6)[
    ["doc_id", "sentence_id", "vader_compound", "pattern_polarity", "text"]]

# %% [markdown]
# ## 5. Tone toward actors
#
# The tone of the sentences that name each actor (actor list from notebook 02), with bootstrap 95%
# intervals where an actor is named in at least three sentences. This is the tone of the *sentence*, not
# of what is said about the actor: target-level sentiment is a harder task (NewsMTSC, Hamborg & Donnay
# 2021: macro-F1 about 0.83 for the best models), which a lexicon does not attempt.

# %%
mentions = actors.actor_mentions(tokens(corpus, sents))
at = sentiment.actor_tone(scored, mentions, seed=SEED, n=N_RESAMPLES)
at

# %%
shown = at[at["sentences"] >= 3]
fig = plots.interval_dots(shown, docs, "actor", estimate="mean_compound",
                          xlabel="Mean VADER compound of sentences naming the actor (95% CI)")
nb.save(fig, "03-actor-tone", "Tone of the sentences naming each actor (actors named in at least three "
        "sentences), with bootstrap 95% intervals.")

# %% [markdown]
# ## 6. Tone is not stance
#
# A piece skeptical of cooperation can score more positive than one advocating it. Which words carry
# each article's positive tone? The summed VADER valence (after rules) of each lexicon word:

# %%
contrib = sentiment.word_contributions(scored)
contrib.groupby("doc_id", sort=False).head(10)

# %% [markdown]
# Many of these words mean something else in foreign-policy prose. The list (`policy_words.csv`) gives
# each word's sense in these texts and why the lexicon misreads it; beside it, the lexicons' values:

# %%
policy = read_table("policy_words.csv")
policy.merge(sentiment.lexicon_values(list(policy["word"])), on="word")[
    ["word", "vader_lexicon", "pattern_polarity", "sense_in_these_texts", "reason"]]

# %% [markdown]
# **What these words do to the comparison:** each article's mean compound recomputed with the valence of
# every word in the list above set to zero (every other VADER rule unchanged). Some (war, crisis) are
# negative in meaning too; they are included because their valence belongs to the topic, not to the
# writer's attitude.

# %%
misread = {w for w, v in zip(policy["word"], sentiment.lexicon_values(list(policy["word"]))["vader_lexicon"])
           if pd.notna(v)}
scored["vader_without_misread"] = [sentiment.compound_without(t, misread) for t in scored["text"]]
neutralised = scored.groupby("doc_id", sort=False)[["vader_compound", "vader_without_misread"]].mean()
neutralised.round(3)

# %% [markdown]
# ## 7. How far to trust it here: a hand-rated check
#
# 40 seed sentences (the framing sample) were rated by hand for tone (−1, 0, +1; `gold_codebook.md`).
# Below: the correlation of VADER's compound with the hand ratings (compare VADER's published r = 0.49 on
# editorials), three-class agreement, and the sentences where VADER and the hand ratings part ways.

# %%
checked = validity.tone_validation(sents, scored)
if checked is None:
    display(Markdown(notebook.skipped_note("The hand-rated tone check")))
else:
    display(checked["scores"].round(2))
    display(validation.confusion(checked["table"]["hand_class"], checked["table"]["vader_class"], "hand", "VADER"))

# %%
if checked is not None:
    wrong = checked["table"][checked["table"]["hand_class"] != checked["table"]["vader_class"]]
    display(wrong[["doc_id", "sentence_id", "tone", "vader_compound", "note", "text"]])

# %% [markdown]
# ## 8. Statistics, and the two-document caveat
#
# Named before it is run: a two-sided permutation test of the difference in mean compound between the two
# articles (sentence labels shuffled, 10,000 permutations), with Cohen's d and Cliff's delta as effect
# sizes. Sentences within an article are not independent, so the intervals are too narrow and the p-value
# too small; and with one article per stance, nothing here estimates a difference between stances.

# %%
display(Markdown(stats.comparison_sentence(by_doc, "Mean VADER compound", fmt="{:+.3f}")))
by_doc

# %% [markdown]
# ## Key findings
#
# Computed from the tables above (`rhetoric.findings.sentiment_findings`):

# %%
nb.record([f["finding"] for f in findings.sentiment_findings(corpus)])

# %% [markdown]
# **Key points.** Lexicon tone describes the words, not the argument: place names ("United States"),
# domains ("security"), categories ("great power") and connectives ("on one hand") move the score. Report
# VADER's validity (r = 0.49 on editorials) and the hand-rated check beside any tone result.
#
# ← [02 · Framing](02-framing.ipynb) · [04 · Hedging](04-hedging.ipynb) →
#
# ## Provenance

# %%
provenance(corpus)
