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
# # 03 · Sentiment: tone through each article, toward each actor, and how far to trust it
#
# **In this notebook.** We score every sentence with VADER (the reference implementation) and, for
# robustness, with the Pattern lexicon that TextBlob ships; follow tone through each article and toward each
# actor; show which words produce the scores; and neutralise the words VADER misreads in news prose, by a rule
# developed on other text, to show how much of the tone is topic. The central caution: **lexicon tone is not
# stance.**
#
# **Reads:** the corpus; VADER's and Pattern's lexicons (pinned packages); the word lists `actors.csv` and
# `tone_misreads.csv` (built by a stated rule on development news: `tone_misreads.md`); for the project's own
# corpus, `gold_tone.csv`. **Writes:** `figures/03-tone-distribution.*`, `03-tone-trajectory.*`,
# `03-lexicon-agreement.*`, `03-actor-tone.*`, table `03-tone-by-article.csv|tex`.

# %%
import pandas as pd
from IPython.display import Markdown, display

from rhetoric.analysis import actor_tone, agreement, stats, validity, verdict
from rhetoric.analysis.aggregate import article_intervals
from rhetoric.instruments import misreads, registry, sentiment
from rhetoric.io.wordlists import read_table
from rhetoric.report import findings, labels, plots
from rhetoric.run import notebook
from rhetoric.run.provenance import provenance

# %% tags=["parameters"]
# Parameters: `rhetoric run --corpus DIR --out DIR` overrides these (papermill-style 'parameters' cell).
CORPUS_DIR = None  # None: the project's seeds/
OUTPUT_DIR = None  # None: the project root (figures go to figures/)
LEXICONS_DIR = None  # None: the project's word lists (a corpus's own lexicons/ folder is used only when given here)
GROUPS = None  # None: every group, sorted; "A,B": only these groups, in this order (`rhetoric run --groups`)
FRAMES = None  # None: all three frame families for seeds/, "generic,policy" otherwise (`rhetoric run --frames`)
CLUSTER = None  # None: outlet-like column when its values repeat within groups; "none": articles (`--cluster`)
DROP_DUPLICATES = False  # True: near-duplicate articles dropped, one of each set kept (`--drop-duplicates`)
SEED = 20250603  # bootstrap, permutation and jitter
N_RESAMPLES = 10_000

# %%
nb = notebook.start("03-sentiment.ipynb", CORPUS_DIR, OUTPUT_DIR, LEXICONS_DIR, groups=GROUPS,
                    frames=FRAMES, cluster=CLUSTER, drop_duplicates=DROP_DUPLICATES)
corpus, docs = nb.corpus, nb.corpus.documents
display(nb.describe())
table = nb.features()
scored = table[["doc_id", "sentence_id", "text", "n_words", "vader_compound", "vader_pos", "vader_neu",
                "vader_neg", "pattern_polarity", "pattern_subjectivity"]].copy()
scored["vader_class"] = sentiment.vader_class(scored["vader_compound"])
checked = validity.tone_validation(nb.sentences(), scored)

# %% [markdown]
# ## How far to trust it
#
# On 5,190 sentences from 500 New York Times opinion editorials, VADER's compound correlated r = 0.49 with the
# mean human rating (three-class F1 0.55); a single human rater reached r = 0.75 (F1 0.65) (Hutto & Gilbert
# 2014). Opinion writing is where lexicon sentiment is weakest. For the project's own corpus, 40 sentences were
# also rated (−1, 0, +1; `gold_codebook.md`) by a language model during development, the one that built the
# instruments (automated coding, no second coder): VADER was not built on them, but the rater was not independent
# of the project, so read the figure as a rough check on these texts. Both figures stand beside every tone result below.

# %%
tone_validity = findings.tone_validity(checked)
display(Markdown(notebook.bullet_list(tone_validity)))
if checked is not None:
    display(checked["scores"].round(2))
    display(agreement.confusion(checked["table"]["hand_class"], checked["table"]["vader_class"], "hand", "VADER"))

# %% [markdown]
# ## 1. Tone per article
#
# Mean compound with a bootstrap 95% interval over sentences, and the shares of VADER's three classes
# (compound ≥ 0.05 positive, ≤ −0.05 negative).

# %%
tone_measures = [registry.get("vader_compound"), registry.get("pattern_polarity")]
tone = article_intervals(table, tone_measures, seed=SEED, n=nb.interval_resamples(N_RESAMPLES))
shares = scored.groupby("doc_id", sort=False)["vader_class"].value_counts(normalize=True).unstack(fill_value=0)
by_article = tone.pivot(index="doc_id", columns="measure", values="estimate").join(shares)
nb.table(tone[["doc_id", "label", "estimate", "ci_low", "ci_high", "n_sentences"]], "03-tone-by-article",
         caption="Mean tone per article (VADER compound, Pattern polarity) with bootstrap 95% intervals over "
         "sentences.", latex=not nb.by_group)
nb.show(nb.summarise(by_article), of="03-tone-by-article",
        caption="Mean tone and the shares of negative, neutral and positive sentences (VADER), by article or group.")

# %%
fig = plots.tone_distribution(scored, docs, seed=SEED)
nb.save(fig, "03-tone-distribution", ("Mean VADER compound of each article, by group (box: quartiles of the "
        "articles; the grey band marks the neutral class, |compound| < 0.05)." if plots.group_form(docs) else
        "VADER compound of every sentence, by article; black bars mark the means, the grey band the neutral class "
        "(|compound| < 0.05).") + " " + plots.form_note(docs))

# %% [markdown]
# ## 2. Tone through each article
#
# Compound by sentence position; the line is a centred rolling mean over five sentences.

# %%
fig = plots.tone_trajectory(scored, docs, seed=SEED)
nb.save(fig, "03-tone-trajectory", ("VADER compound by tenth of the article: per group, the mean over its articles "
        "of each article's mean compound in that tenth, with a bootstrap 95% band over the articles."
        if plots.group_form(docs) else "VADER compound by position in each article (dots: sentences; line: "
        "rolling mean over five sentences).") + " " + plots.form_note(docs))

# %% [markdown]
# ## 3. The extremes, and why they scored as they did
#
# The most positive and most negative sentences of each article (of each group, beyond eight articles), then
# for each the lexicon words behind the score: valence in VADER's lexicon, valence after VADER's rules, and the
# rules that changed it.

# %%
cols = ["doc_id", "sentence_id", "vader_compound", "text"]
scored["unit"] = nb.unit(scored["doc_id"])
extremes = pd.concat([scored.sort_values(["vader_compound", "doc_id", "sentence_id"], ascending=[False, True, True],
                                         kind="mergesort").groupby("unit", sort=True).head(1),
                      scored.sort_values(["vader_compound", "doc_id", "sentence_id"], kind="mergesort")
                      .groupby("unit", sort=True).head(1)]).head(16)
extremes[["unit", *cols]]

# %%
for r in extremes.itertuples():
    display(Markdown(f"**{notebook.md(nb.labels[r.doc_id])} #{r.sentence_id}** (compound {r.vader_compound:+.3f}): "
                     f"{notebook.md(r.text)}"))
    display(sentiment.explain(r.text).drop(columns="position"))


# %% [markdown]
# ## 4. A second, independent lexicon
#
# Pattern (TextBlob) polarity and subjectivity. Pattern's lexicon is mostly adjectives, so many policy
# sentences score exactly 0 on it. Agreement: correlations and the share of sentences on which the lexicons
# agree in class (both positive, both negative, or both within ±0.05 of zero).

# %%
agreement.lexicon_agreement(scored).round(3)

# %%
fig = plots.lexicon_agreement(scored, docs)
nb.save(fig, "03-lexicon-agreement", "Two lexicons, one dot per sentence: VADER compound against Pattern "
        "polarity" + (", coloured by group (articles not told apart)." if plots.group_form(docs) else
                      ", coloured by article."))

# %% [markdown]
# ## 5. Tone toward actors
#
# The tone *toward* each actor, not the tone of the sentences that name it: "X slammed Y" is negative toward Y
# and says little of X. Each mention of an actor of the list in use (said in notebook 02: for another corpus its
# own list or its derived names) gets a tone (-1, 0, 1) from the target-dependent instrument
# (`instruments/target_tone.py`: the words around the mention by distance and side, negation, the misread list,
# the mention's role as subject or object of an evaluative verb, attribution and quotation; a logistic model
# developed on NewsMTSC, Hamborg & Donnay 2021, and frozen). Per article and actor: the mean tone of its mentions
# with a bootstrap 95% interval over the sentences naming it (where at least three do). Its agreement with
# people, cross-validated on the development split, per class beside the old sentence-VADER rule:

# %%
mentions = nb.mentions()  # found once per run (the actor list in force)
toned = actor_tone.mention_tone(nb.tables()[1], mentions)
at = actor_tone.target_tone(toned, seed=SEED, n=nb.interval_resamples(N_RESAMPLES))
display(Markdown(f"**Validity of tone toward actors.** {actor_tone.validity_note()}."))
target_validity = actor_tone.validity()
display(nb.show(target_validity[target_validity["rule"].isin(["target_tone", "sentence_vader"])][
    ["rule", "class", "support", "precision", "recall", "f1", "f1_low", "f1_high"]].reset_index(drop=True),
    caption="Agreement with NewsMTSC's human annotators (training split, cross-validated, folds by article): the "
            "target-tone instrument beside sentence-level VADER, per class, F1 with its 95% interval."))
nb.show(at.assign(actor=labels.labels_of(at["actor"], "actor")).head(30),
        caption="Tone toward each actor per article (target-tone instrument): mean tone of its mentions, with a "
                "bootstrap 95% interval over the sentences that name it (first 30 rows).")

# %%
shown = at[at["sentences"] >= 3].rename(columns={"mean_tone": "estimate"})
if shown.empty:
    display(Markdown("**No actor-tone figure:** no actor is named in three or more sentences of an article."))
else:
    fig = plots.interval_dots(labels.relabel(shown, "actor", "actor"), docs[docs["doc_id"].isin(shown["doc_id"])],
                              "actor", xlabel="Mean tone toward the actor, -1 to 1\n(95% interval over sentences)",
                              seed=SEED)
    display(nb.save(fig, "03-actor-tone", "Tone toward each actor (target-dependent instrument; actors named in at "
                    "least three sentences of an article): the mean tone of its mentions, -1 negative to 1 "
                    "positive, with bootstrap 95% intervals over the sentences naming it. Validity: "
                    + actor_tone.validity_note() + ". "
                    + plots.form_note(docs[docs["doc_id"].isin(shown["doc_id"])])))

# %% [markdown]
# ## 6. Tone is not stance
#
# Which words carry each article's tone? The summed VADER valence (after rules) of each lexicon word, the most
# positive and the most negative per article (per group beyond eight articles):

# %%
contrib = sentiment.word_contributions(scored)
nb.progress("word contributions", len(contrib), "article-word rows")
listed = misreads.misread_words()
contrib = contrib.assign(on_misread_list=contrib["word"].isin(listed))
by_unit = (contrib.assign(unit=nb.unit(contrib["doc_id"])).groupby(["unit", "word"], as_index=False)
           .agg(occurrences=("occurrences", "sum"), total_valence=("total_valence", "sum"),
                on_misread_list=("on_misread_list", "first"))
           .sort_values(["unit", "total_valence", "word"], ascending=[True, False, True], kind="mergesort"))
pd.concat([by_unit[by_unit["total_valence"] > 0].groupby("unit", sort=False).head(6),
           by_unit[by_unit["total_valence"] < 0].sort_values(["unit", "total_valence"], kind="mergesort").groupby(
               "unit", sort=False).head(6)]).sort_values(["unit", "total_valence"], ascending=[True, False]).head(48)

# %% [markdown]
# Many of these words mean something else in news prose: part of a name ("united"), a fixed term for a field
# ("security", "intelligence", "defense"), a grammatical use ("like", "no"). The list of such **misreads** was
# built on development news, never on the study texts, by a rule fixed in advance and applied to positive and
# negative words alike (`tone_misreads.md`): of the 30 words of each sign that moved tone most in 200
# international news articles, a word is listed when at least 7 of 10 of its occurrences, read in context,
# carried none of the affect VADER scores. The occurrences were read by automated coding: one language-model run
# (coder `tone-agent`), no second coder. The frequent negative words ("war", "attack") mostly mean what they
# say and stay. The list in use here:

# %%
misread_table = read_table("tone_misreads.csv")
misread_table[[c for c in ("word", "vader_valence", "sign", "domain", "checked", "non_evaluative",
                           "typical_sense") if c in misread_table.columns]]

# %% [markdown]
# **What the misreads do to the comparison:** each article's mean compound recomputed with the valence of
# every listed word set to zero (every other VADER rule unchanged), with bootstrap intervals over sentences.

# %%
table["vader_neutralised"] = misreads.neutralised_compound(  # sentences without a listed word keep their compound
    table["text"], listed, plain=table["vader_compound"]).to_numpy()
neutral_measure = registry.derived("vader_neutralised")
tone_measures = [registry.get("vader_compound"), neutral_measure]
before_after = article_intervals(table, tone_measures, seed=SEED, n=nb.interval_resamples(N_RESAMPLES))
nb.summarise(before_after.pivot(index="doc_id", columns="label", values="estimate")).round(3)

# %% [markdown]
# ## 7. Statistics between documents and groups
#
# Named before it is run. When the corpus holds exactly two documents: a two-sided permutation test of the
# difference in mean compound between them (sentence labels shuffled, 10,000 permutations), with Cohen's d
# and Cliff's delta;
# sentences within an article are not independent, so the intervals are too narrow and the p-value too small,
# and the test describes two texts. With groups of several articles: the documents are the units (the group
# comparison of notebook 05).

# %%
if len(docs) == 2:
    by_doc = stats.compare_groups(scored, "vader_compound", seed=SEED, n=N_RESAMPLES)
    display(Markdown(findings.comparison_sentence(by_doc, "Mean VADER compound", fmt="{:+.3f}")))
else:
    by_doc = None
    display(Markdown(f"No two-document test: the corpus has {len(docs)} articles."))
groups = nb.group_table(N_RESAMPLES)  # the run's one comparison of every measure (one BH family)
groups = groups[groups["measure"].isin([m.name for m in tone_measures])]
groups[["label", "group", "n_docs", "estimate", "ci_low", "ci_high", "p_permutation", "q_bh", "note"]]

# %% [markdown]
# ## Key findings
#
# Computed by one function for every notebook (`findings.rule_findings`), by the rule the project declares for
# calling a difference a difference, applied to every measure of this notebook's families
# (`findings.FAMILY_NOTEBOOK`): each difference that clears the rule is a finding when its instrument passed
# validation, and is otherwise listed apart as *described only*, with the check it failed.
# Each tone finding carries VADER's published validity (the in-sample check, automated coding, is recorded with the
# validity statements); the tone with the misreads neutralised (computed here) is judged by the same rule.

# %%
display(Markdown(f"*Rule:* {verdict.THRESHOLD}"))
display(Markdown(findings.sensitivity_note(corpus)))
profile, rule_groups = verdict.rule_tables(table, nb.groups, [neutral_measure],
                                             groups_table=nb.group_table(N_RESAMPLES), blocks=nb.blocks,
                                             order=nb.group_order, n=N_RESAMPLES)
judged = findings.rule_findings(corpus, profile, rule_groups, notebook="03-sentiment",
                                without_seed_terms=verdict.seed_term_profile(corpus))
display(nb.record(judged["finding"] + findings.sentiment_findings(corpus, contrib, by_doc)))
nb.record(judged["described"], kind="described")

# %%
nb.record(tone_validity, kind="validity")

# %% [markdown]
# **Key points.** Lexicon tone describes the words, not the argument: names, fields and grammatical words move
# the score. The misread list, built on other text by a symmetric rule, shows how much; the published validity
# and the in-sample check (coded by a language model) stand beside every tone result.
#
# ← [02 · Framing](02-framing.ipynb) · [04 · Hedging](04-hedging.ipynb) →
#
# ## Provenance

# %%
provenance(corpus, nb)
