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
# # 05 · Rhetorical comparison: the articles and their groups side by side
#
# **In this notebook.** What a reader of the paper sees: how the articles, and the groups they belong to, argue
# differently, measured with uncertainty and with the sentences that show it. The profile of every registered
# measure; the comparison of groups with documents as the units; a standardised view over families that count
# no word twice; the argument's structure (proposals and verdicts, voices); how each article positions the main
# actors; where lexicon tone and argument part ways; a two-column paper figure; findings and limits.
#
# **Reads:** the corpus and every instrument of notebooks 01-04 (through the library's measure registry).
# **Writes:** `figures/05-comparison.*` (the paper figure), `figures/05-group-comparison.*`, and the tables
# `figures/05-profile.csv|tex`, `figures/group-comparison.csv`, `figures/group-pairwise.csv`,
# `figures/05-actor-positioning.csv|tex`, `figures/05-family-overlap.csv|tex`, `figures/articles.csv` (one row
# per article: its metadata and every measure) and `figures/groups.csv` (one row per group: the mean of every
# measure, its SD across the group's articles and a 95% interval of the mean); with clusters
# `figures/05-mixed-model.csv`, and with dates spanning periods `figures/05-periods.*`. Beyond eight articles the
# per-article tables are CSV only, and the notebook shows them summarised by group.

# %%
from IPython.display import Markdown, display

from rhetoric.analysis import clusters, comparison, mixed_model, periods, validity, verdict
from rhetoric.instruments import actors, argument, registry, sentiment
from rhetoric.report import findings, labels, period_plot, plots
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
SEED = 20250605  # bootstrap and permutation
N_RESAMPLES = 10_000

# %%
nb = notebook.start("05-rhetorical-comparison.ipynb", CORPUS_DIR, OUTPUT_DIR, LEXICONS_DIR, groups=GROUPS,
                    frames=FRAMES, cluster=CLUSTER, drop_duplicates=DROP_DUPLICATES)
corpus, docs = nb.corpus, nb.corpus.documents
display(nb.describe())
table = nb.features()
sents, toks = nb.tables()
evidence = validity.instrument_evidence()
notebook.corpus_card(corpus)[["doc_id", "label", "stance", "title", "outlet", "date"]].head(20)

# %% [markdown]
# ## 1. The rhetorical profile
#
# Every registered measure (`rhetoric.instruments.registry`: `measures.csv` and the frame and Entman codebooks) for each
# article, with a bootstrap 95% interval over its sentences: sentence length, readability, tone, metadiscourse,
# modals, conditionals, pronouns, questions, contrast, attribution, proposal and verdict language, frame
# salience and framing functions; and lexical diversity (document-level: no interval).

# %%
prof = comparison.profile(table, nb.diversity(), seed=SEED, n=nb.interval_resamples(N_RESAMPLES))
nb.progress("profile", len(prof), "estimates")
nb.table(prof, "05-profile", caption="Rhetorical profile of each article: estimate and bootstrap 95% interval "
         "over sentences (document-level measures have no interval).", latex=not nb.by_group)
nb.show(nb.by_document(prof, ["family", "label", "unit"], "estimate"), of="05-profile",
        caption="Every measure's estimate, one column per article (or per group: the mean of its articles).")

# %% [markdown]
# ## 2. Groups compared, by the unit of analysis
#
# The unit of analysis is the article, or the cluster the group belongs to: when the metadata have an outlet-like
# column whose values repeat and each hold one group (an outlet's bias rating), the outlet is the unit by default
# (`rhetoric run --cluster COLUMN` names another, `--cluster none` makes it the article); the sentence under
# the table says which, with the number of units per group.
# For every registered measure: each group's mean of its documents' values with a bootstrap 95% interval over
# the group's units (with a `block` column, whole blocks are resampled); a permutation test over units
# (group labels shuffled, within blocks when the metadata has them: the difference in means for two groups,
# exactly enumerated when the relabellings are few; the between-group variation for more), the
# Benjamini-Hochberg q-value across all registered measures (one family for the whole run's registered measures:
# the same q wherever a measure appears in any notebook; the derived measures of notebooks 02 and 03 form a
# family of their own there, named where their q is reported), and an effect size (Hedges' g for two groups, eta squared for more). A group
# of one document is described and left out of the test (`in_test`), which still runs among the other groups.
# Groups are those of the `groups` setting (`rhetoric run --groups A,B`), in its order; default: all, sorted.

# %%
articles = nb.articles()
core_measures = [m for m in registry.measures() if m.core and m.aggregation in ("rate", "mean", "share")]
nb.table(notebook.articles_table(corpus, articles), "articles", latex=False)
nb.table(notebook.groups_table(corpus, articles), "groups", latex=False)
groups = nb.group_table(N_RESAMPLES)  # computed once per run's inputs: one BH family, declared here
nb.progress("groups compared", groups["measure"].nunique(), "measures")
nb.table(groups, "group-comparison", caption="Groups compared on every registered measure: group mean of its "
         "documents with a bootstrap 95% interval over documents (or blocks); permutation test over documents "
         "(within blocks when given), Benjamini-Hochberg q across all registered measures, effect size.")
display(Markdown(notebook.scope_note(nb.group_sizes, nb.cluster_column)))
display(Markdown(clusters.unit_note(groups, docs, nb.cluster_column)))
display(Markdown(findings.multiple_testing_note(groups, N_RESAMPLES)))
nb.show(groups[["label", "group", "n_docs", "analysis_unit", "n_units", "estimate", "ci_low", "ci_high", "in_test",
                "p_permutation", "q_bh", "effect_size", "note"]], of="group-comparison",
        caption="Groups compared: group mean with its bootstrap 95% interval, permutation p, Benjamini-Hochberg q "
                "and effect size, measure by measure.")

# %% [markdown]
# **Model-based cross-check (with clusters).** A linear mixed model per core measure with the group as a fixed
# effect and a random intercept per cluster (statsmodels; likelihood-ratio test of the group), beside the
# permutation p over clusters. The two rest on different assumptions; where they disagree, read neither as
# settled. `icc` is the share of the variance between clusters.

# %%
if nb.clusters is None:
    display(Markdown("**No mixed-model cross-check:** the unit of analysis is the article (no clusters)."))
else:
    mixed = mixed_model.mixed_model_check(articles, nb.groups, nb.clusters, core_measures,
                                          cluster_column=nb.cluster_column, order=nb.group_order)
    permuted = groups.drop_duplicates("measure").set_index("measure")["p_permutation"]
    mixed = mixed.assign(p_permutation=mixed["measure"].map(permuted))
    display(nb.table(mixed, "05-mixed-model", caption="Mixed-model cross-check of the core measures (random "
                     "intercept per cluster, likelihood-ratio test of the group) beside the permutation p over "
                     "clusters.", latex=False))

# %% [markdown]
# **Pairwise contrasts.** A test over all groups says that groups differ, not which. For every measure and every
# pair of groups with two or more documents: the difference in document means with a bootstrap 95% interval
# (documents resampled within each group; with blocks, whole blocks), a permutation p (labels shuffled between
# the two groups, within blocks when given), `q_holm`: Holm-adjusted across the measure's pairs, `q_bh`:
# Benjamini-Hochberg across every pair of every measure, and Hedges' g. All pairs are written to
# `figures/group-pairwise.csv` (p as `p_permutation` and Holm's q as `q_holm`, the names `group-comparison.csv`
# uses); the table shows the pairs of the core measures, the smallest p first.

# %%
pairs = nb.pairwise_table(N_RESAMPLES).rename(columns=notebook.PAIRWISE_NAMES)  # the names group-comparison uses
nb.table(pairs, "group-pairwise", caption="Every pair of groups on every registered measure: difference in "
         "document means with a bootstrap 95% interval; permutation p; q (Holm) within the measure's pairs; q "
         "(Benjamini-Hochberg) across all pairs; Hedges' g.")
core_pairs = pairs[pairs["measure"].isin([m.name for m in registry.measures() if m.core])
                   & pairs["p_permutation"].notna()]
if len(core_pairs):
    display(nb.show(core_pairs.sort_values(["p_permutation", "measure"], kind="mergesort")[
        ["label", "group_a", "group_b", "n_a", "n_b", "difference", "ci_low", "ci_high", "p_permutation", "q_holm",
         "q_bh", "effect_size"]], of="group-pairwise",
        caption="Pairs of groups on the core measures, the smallest p first: difference in means with its bootstrap "
                "95% interval, permutation p, Holm's and Benjamini-Hochberg q, Hedges' g."))
else:
    display(Markdown("**No pairwise test:** fewer than two groups have two or more documents; the pairs are "
                     "described in `group-pairwise.csv`."))

# %%
core = [m for m in registry.measures() if m.core and m.aggregation in ("rate", "mean", "share")]
shown = groups[groups["measure"].isin([m.name for m in core])]
if (nb.group_sizes >= 2).any() and len(nb.group_sizes) >= 2:
    fig = plots.group_comparison_plot(shown, docs, articles)
    display(nb.save(fig, "05-group-comparison", "Groups compared on the core measures: each group's mean of its "
                    "documents, standardised across documents, with a bootstrap 95% interval over the group's "
                    "documents (none for a group of one document)."))
else:
    display(Markdown("**No group figure:** every group has a single article, so a group's mean is its article's "
                     "value; the articles are compared in the profile, the standardised view and the paper figure."))

# %% [markdown]
# **Measures over time.** Where the metadata's `date` column holds ISO 8601 dates spanning more than one period,
# each core measure by period (month, quarter or year, chosen by the span) and group: the mean of the articles
# with a bootstrap 95% interval (whole clusters resampled when they are the unit). Cells are described, not tested.

# %%
over_time = periods.period_table(articles, docs, core_measures, seed=SEED, n=nb.interval_resamples(N_RESAMPLES),
                                 clusters=nb.clusters, cluster_column=nb.cluster_column or "cluster")
if over_time.empty:
    display(Markdown(f"**No measures over time:** {over_time.attrs.get('why_empty', 'no dated articles')}."))
elif over_time["period"].nunique() < 2:
    display(Markdown(f"**No measures over time:** every dated article falls in one period ({over_time.attrs['rule']})."))
else:
    display(Markdown(f"**Periods:** {over_time.attrs['rule']}."))
    nb.table(over_time, "05-periods", caption="Core measures by period and group: mean of the articles with a "
             "bootstrap 95% interval.", latex=False)
    display(nb.save(period_plot.period_figure(over_time), "05-periods", "Core measures by period and group: "
                    "each group's mean of its articles per period, with a bootstrap 95% interval as a band."))

# %% [markdown]
# ## 3. One scale for many measures, no word counted twice
#
# One word can be counted by several instruments ("could" as hedge, possibility modal, proposal language and
# actor + modal), and then one difference shows up as several. Every marker family is defined in its data file
# with a source; the table below lists every pair of families that count the same word occurrence in this
# corpus (token by token). The registry marks as *core*
# the families meant to share none; modal types, conditionals and readings stay outside the core because they
# classify the same words grammatically.

# %%
overlap = comparison.family_overlap(comparison.family_hits(sents, toks, nb.markers()))
nb.table(overlap, "05-family-overlap", caption="Word occurrences counted by two marker families.")
core_columns = [m.column for m in core]
display(Markdown("Pairs among the **core** families: "
                 + (", ".join(f"{r.family_a}/{r.family_b} ({r.shared_tokens})" for r in overlap.itertuples()
                              if r.family_a in core_columns and r.family_b in core_columns) or "none") + "."))
nb.show(overlap, of="05-family-overlap", caption="Word occurrences counted by two marker families.")

# %% [markdown]
# **Standardised view.** Each article's mean of the core measures minus the corpus mean, in units of the
# corpus standard deviation across sentences (per-sentence rates per 1,000 words), with a bootstrap 95%
# interval over the article's sentences.

# %%
std = comparison.standardised(table, core, seed=SEED)
nb.show(nb.by_document(std, "measure", "estimate"),
        caption="Standardised view: each core measure's article mean minus the corpus mean, in corpus standard "
                "deviations across sentences (one column per article, or per group: the mean of its articles).")

# %% [markdown]
# ## 4. Argument structure
#
# **Proposal against verdict.** Proposal language is the writer proposing a course of action: a proposal verb or
# noun with the writer as its agent ("we urge", "I would recommend", "our proposal"), an impersonal "it is time",
# or a sentence-opening imperative ("Push for ..."); "Xi urges", "calls for restraint" and bare modals ("should
# consider") are not counted. Verdict language is the writer pronouncing an outcome ("failed", "backfired",
# "in the end"), not inside a quotation or after an attribution ("officials said the plan failed"). Both count
# only in the writer's own voice (`rhetoric.instruments.argument`). Examples of each, per article: exactly the
# hits the measures count.

# %%
hits = argument.marker_hits(toks, sents)  # the writer's-voice rule applied, as in the feature table
comparison.marker_examples(hits, sents, ["proposal", "verdict"])

# %% [markdown]
# **Claims and evidence; whose voices.** Sentences that quote someone or attribute a claim to a source
# (reports, observers, analysts, official statements), with the actors named in them:

# %%
mentions = nb.mentions()  # found once per run (the actor list in force)
voices = comparison.quotations(sents, mentions, hits)
display(voices.head(20))
nb.summarise(voices.groupby("doc_id").agg(sentences_citing=("sentence_id", "size"),
                                          with_quotation=("quoted", lambda q: int((q != "").sum()))).reindex(
    corpus.doc_ids, fill_value=0).rename_axis("doc_id"))

# %% [markdown]
# **How each article positions the main actors** (the actors the list marks `main`): mentions, what the actor
# can or could do (modal constructions with the actor as subject), the tone of the sentences naming it, and how
# hedged or boosted those sentences are.

# %%
actions = actors.actor_actions(mentions, toks, sents)
main = actors.main_actors(mentions)
positioning = comparison.actor_positioning(table, mentions, actions, main)
display(Markdown(actors.actor_list_note()))
nb.table(labels.relabel(positioning, "actor", "actor"), "05-actor-positioning",
         caption="How each article positions the main actors.", latex=not nb.by_group)
nb.show(nb.by_document(labels.relabel(positioning, "actor", "actor"), "actor", "mentions_per_1000"),
        of="05-actor-positioning", caption="Mentions of the main actors per 1,000 words, one column per article (or "
                                           "per group: the mean of its articles).")

# %% [markdown]
# ## 5. Tone against argument
#
# Where lexicon tone and the argument's function part ways: proposal sentences that VADER reads as negative
# (a proposal may name the harm it wants to prevent) and verdict sentences it reads as positive (a verdict may
# name the good outcome that did not come). For each kind, the words behind the score (the first eight):

# %%
mismatch = comparison.tone_against_stance(table)
display(mismatch.assign(unit=nb.unit(mismatch["doc_id"])).groupby(["unit", "mismatch"]).size().rename(
    "sentences").reset_index().head(40))
for r in mismatch.groupby(["doc_id", "mismatch"], sort=False).head(1).head(8).itertuples():
    display(Markdown(f"**{notebook.md(nb.labels[r.doc_id])} #{r.sentence_id}, {r.mismatch}** (compound "
                     f"{r.vader_compound:+.3f}): {notebook.md(r.text)}"))
    display(sentiment.explain(r.text).drop(columns="position"))

# %% [markdown]
# ## 6. The paper figure
#
# Two-column width (7.2 in): (A) the core measures, (B) frame salience, (C) how often the main actors are named.
# For two documents, A shows the difference between them in each measure's own units (their standardised values
# would only mirror each other); for more, the standardised profile. Per article (with the number of "can/could"
# constructions that make the actor the subject written on its bar) for a few articles in groups of one; per
# group (the group mean of its articles with a bootstrap interval over them, the articles as faint dots) when
# groups have several articles. A measure, frame or actor with the same value in every article is not drawn;
# the caption names it.

# %%
frame_profile = plots.frame_shares(prof)
without_seed_terms = verdict.seed_term_profile(corpus)  # the seeds only (None for any other corpus)
difference = (comparison.document_difference(table, core, seed=SEED, n=N_RESAMPLES)
              if plots.paper_figure_shows_difference(docs) else None)
# in the group form, panel A standardises as the group comparison does: by the spread across articles
figure_std = (comparison.standardised(table, core, seed=SEED, spread="documents")
              if plots.paper_figure_by_group(docs) else std)
fig, not_drawn = plots.comparison_figure(figure_std, frame_profile, positioning, docs, seed=SEED,
                                         difference=difference)
if plots.paper_figure_by_group(docs):
    caption = ("How the groups argue: each group's mean of its articles, with a bootstrap 95% interval over them "
               "(faint dots: the articles). (A) Standardised mean of the core per-sentence measures (article "
               "mean minus the mean of all articles, in standard deviations across articles, as in "
               "05-group-comparison). (B) Share of sentences carrying each frame "
               "(dictionary). (C) Mentions of the main actors per 1,000 words ('can/could' constructions are not "
               "shown here: see the actor positioning table). Individual articles are not named.")
elif difference is not None:
    caption = ("How the two articles argue. (A) The difference between them (the second article minus the first, "
               "as the panel's title says) in each core per-sentence measure, in its own units: rates per 1,000 "
               "words on one axis, each mean per sentence on its own; bootstrap 95% interval (each article's "
               "sentences resampled; sentences are not independent, so the interval describes the texts); largest "
               "first. (B) Share of sentences carrying each frame (dictionary; 95% interval). (C) Mentions of the "
               "main actors per 1,000 words; the number on a bar counts 'can/could' constructions with the actor "
               "as subject.")
else:
    caption = ("How the articles argue. (A) Standardised mean of the core per-sentence measures (article minus "
               "corpus mean, in corpus standard deviations; bootstrap 95% interval). (B) Share of sentences "
               "carrying each frame (dictionary; 95% interval). (C) Mentions of the main actors per 1,000 words; "
               "the number on a bar counts 'can/could' constructions with the actor as subject.")
seeded = findings.seed_term_caption(frame_profile, without_seed_terms)
nb.save(fig, "05-comparison", caption + (f" {not_drawn}" if not_drawn else "") + (f" {seeded}" if seeded else "")
        + f" Actors: {actors.actor_source_label()}.")

# %% [markdown]
# ## 7. Findings and limits
#
# **Findings**, computed by one function for every notebook (`findings.rule_findings`), by the rule the project
# declares for calling a difference a difference, applied to every measure of this notebook's families
# (`findings.FAMILY_NOTEBOOK`; the other families' findings are stated in notebooks 01-04, from the same tables):
# one finding per comparison the corpus allows (groups when they have several documents each, otherwise
# articles), each with the validity of the instrument it rests on; a difference that clears the rule on an
# instrument that has not passed validation is listed apart as *described only*, with the check it failed.

# %%
display(Markdown(f"*Rule:* {verdict.THRESHOLD}"))
display(Markdown(findings.sensitivity_note(corpus)))
profile, rule_groups = verdict.rule_tables(table, nb.groups, groups_table=nb.group_table(N_RESAMPLES),
                                             blocks=nb.blocks, order=nb.group_order, n=N_RESAMPLES)
if without_seed_terms is not None:  # the project's own articles: kept for the README's table at a glance
    nb.table(without_seed_terms, "05-profile-without-seed-terms",
             caption="The profile with every term first read off the project's own articles left out of the word lists.")
judged = findings.rule_findings(corpus, profile, rule_groups, evidence, notebook="05-rhetorical-comparison",
                                without_seed_terms=without_seed_terms)
display(nb.record(judged["finding"] + findings.comparison_findings(corpus, mismatch)))
nb.record(judged["described"], kind="described")

# %% [markdown]
# **Limits.**
#
# - *Units.* What the corpus allows is stated at the top: with one article per group, sentence-level intervals
#   describe variation within the texts and are not estimates about groups; with groups of several articles,
#   documents are the units and groups are compared by permutation over documents.
# - *Lexicon instruments.* Frames, framing functions, tone, hedges and the markers here are word lists or
#   models over words. Their validity is computed and stated where each is built: notebooks 02 (frames, Entman
#   cues), 03 (tone) and 04 (hedges, boosters); the overview gathers those statements.
#
# **Key points.** The profile, the group comparison, the standardised view and the figure describe the
# arguments measure by measure; the findings are generated from them, and every number traces to sentences
# through the notebooks that compute it.
#
# ← [04 · Hedging](04-hedging.ipynb) · [06 · At scale](06-at-scale.ipynb) →
#
# ## Provenance

# %%
provenance(corpus, nb)
