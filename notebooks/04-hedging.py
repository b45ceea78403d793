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
# # 04 · Hedging and stance: how sure each article sounds, and about what
#
# **In this notebook.** How much does each article commit to its claims, where, and about which actors? Hedges
# come from an uncertainty detector developed on annotated text from other genres and chosen because it
# generalised best across them; boosters, attitude markers, self-mentions and engagement markers come from
# Hyland's (2005) metadiscourse with context rules; modals are classified by type and reading, conditionals
# found. We show how well each detector measures (across genres, on held-out news, and in-sample on the
# project's own corpus), compare rates per 1,000 words with uncertainty, and show every marker in place.
#
# **Reads:** the corpus; `uncertainty_cues.csv` and `uncertainty_model.csv` (the frozen detector),
# `hedge_crossgenre.csv` (its evaluation), `metadiscourse.csv` and `modals.csv` (each entry with its source,
# notes and context rule), the audit file `audit_metadiscourse.csv`; for the project's own corpus, `gold_hedges.csv`.
# **Writes:** `figures/04-marker-rates.*`, `04-modal-types.*`, table `04-marker-rates.csv|tex`.
#
# **Known limits.** Neither detector parses: they cannot tell whose certainty a word expresses ("the White
# House was clear that") or whether a word describes rather than asserts ("a clear reason").

# %%
import pandas as pd
from IPython.display import HTML, Markdown, display

from rhetoric.analysis import validity, verdict
from rhetoric.analysis.aggregate import article_intervals
from rhetoric.instruments import actors, hedging, registry, uncertainty
from rhetoric.language.cleaning import body_paragraphs
from rhetoric.report import annotate, findings, labels, plots
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
SEED = 20250604  # bootstrap and permutation
N_RESAMPLES = 10_000

# %%
nb = notebook.start("04-hedging.ipynb", CORPUS_DIR, OUTPUT_DIR, LEXICONS_DIR, groups=GROUPS,
                    frames=FRAMES, cluster=CLUSTER, drop_duplicates=DROP_DUPLICATES)
corpus, docs = nb.corpus, nb.corpus.documents
display(nb.describe())
table = nb.features()
sents, toks = nb.tables()
marks, mods, conds = nb.markers()  # found once per run: notebook 05 counts their overlaps
evidence = validity.instrument_evidence()

# %% [markdown]
# ## 1. How the hedge detector was chosen, and how well it measures
#
# **Across genres.** Three detectors were compared on the Szeged Uncertainty Corpus (Szarvas et al. 2012;
# Vincze 2015: Wikipedia and three biomedical sets, sentences annotated for uncertainty cues), each trained on
# three genres and scored on the fourth: the Hyland (2005) word list with context rules, a word list chosen on
# the training genres, and a logistic regression over candidate cue words and their function-word context.
# The criterion, fixed before scoring: the highest mean leave-one-genre-out sentence F1, the simpler detector
# on a tie within 0.01. The project's target was a cross-genre sentence F1 of at least 0.70. Sentence-level
# precision, recall and F1 with 95% intervals (Wilson; bootstrap for F1), per held-out genre; `kept` marks the
# detector in use (reference: the best CoNLL-2010 systems reached F1 86.4 on biomedical text and 60.2 on
# Wikipedia's weasel words, a harder annotation):

# %%
cross = validity.crossgenre_table()
per_genre = cross[(cross["scheme"] == "leave-one-genre-out") & ~cross["test_genre"].str.startswith("macro")]
display(per_genre.pivot(index="test_genre", columns="detector", values="f1").round(3))
per_genre[["detector", "test_genre", "n_sentences", "precision", "recall", "f1", "f1_low", "f1_high",
           "kept"]].round(3)

# %%
wiki_to_bio = cross[(cross["scheme"] == "wiki->bio") & ~cross["test_genre"].str.startswith("macro")]
wiki_to_bio.pivot(index="test_genre", columns="detector", values="f1").round(3)

# %% [markdown]
# **In held-out news (hit precision).** Hedges and boosters found by the frozen detectors in news articles of
# the benchmark's held-out half, drawn at random and judged in context by automated coding by a language model
# that did not build them (two independent runs on a subset; agreement between the runs in the overview):

# %%
for instrument in ("hedges", "boosters", "metadiscourse"):
    audit = validity.audit_precision(instrument)
    if audit is None:
        display(Markdown(f"_No held-out audit of {instrument} is committed yet._"))
    else:
        display(Markdown(f"**{instrument}**"))
        display(audit.round(2))

# %% [markdown]
# **In-sample (the project's own corpus only).** Every sentence of the project's own articles was annotated for hedges and
# boosters by a language model during development, the one that built the instruments (automated coding, no
# second coder; functional definitions
# after Hyland; `gold_codebook.md`). Scores at two levels: sentences (does
# it carry at least one?) and cues (each cue word), for the Hyland list without and with its context rules
# and for the detectors in use. The Hyland context rules were first refined on this annotation (then
# re-derived on development text: `booster_rules_dev.csv`), so its in-sample scores flatter them; the
# uncertainty detector was developed on other text, and its lower score here partly reflects the difference
# between these definitions (Szeged's uncertainty counts conditionals and "would" in
# predictions; this annotation does not).

# %%
checked = validity.hedge_validation(sents, toks)
if checked is None:
    display(Markdown(notebook.skipped_note("The in-sample check of hedges and boosters")))
else:
    display(checked["scores"].round(2))
    display(Markdown("Misses and false alarms of the detectors in use, with the in-sample coder's note (automated coding):"))
    display(checked["errors"].head(30))

# %% [markdown]
# ## 2. The word lists
#
# Entries per metadiscourse category, with their sources; the context rules are named per entry in the data
# file and described in `rhetoric.instruments.hedging`. The hedge detector's candidate words by kind of uncertainty
# (its weights are in `uncertainty_model.csv`):

# %%
lex = hedging.lexicon()
display(lex[lex["category"] != "hedge"].groupby("category").agg(
    entries=("term", "size"), with_context_rule=("rule", lambda r: int((r != "").sum())),
    examples=("term", lambda t: ", ".join(list(t)[:8]))))
cues = uncertainty.cue_table()
cues.groupby("kind").agg(candidate_forms=("term", "size"), examples=("term", lambda t: ", ".join(list(t)[:8])))

# %% [markdown]
# ## 3. Rates per 1,000 words, with uncertainty
#
# Named before it is run: for each measure, a bootstrap 95% interval over each article's sentences, and (for
# groups of several articles) a permutation test over documents in notebook 05. Sentences are not independent:
# the intervals describe the texts.

# %%
rate_measures = [m for m in registry.measures() if m.family in ("stance", "engagement", "modality")
                 and m.builder == "metadiscourse"]
rates = article_intervals(table, rate_measures, seed=SEED, n=nb.interval_resamples(N_RESAMPLES))
nb.table(rates[["doc_id", "label", "estimate", "ci_low", "ci_high", "n_sentences"]], "04-marker-rates",
         caption="Metadiscourse markers, modals and conditionals per 1,000 words, with bootstrap 95% intervals "
         "over sentences.", latex=not nb.by_group)
nb.show(nb.by_document(rates, "label", "estimate"), of="04-marker-rates",
        caption="Marker rates per 1,000 words, one column per article (or per group: the mean of its articles).")

# %%
fig = plots.interval_dots(rates, docs, "label", zero=None, seed=SEED,
                          xlabel="Per 1,000 words\n(bootstrap 95% interval over sentences)", width="onehalf")
nb.save(fig, "04-marker-rates", "Hedges, boosters, other metadiscourse markers, modals by type and "
        "conditionals per 1,000 words in each article, with bootstrap 95% intervals. " + plots.form_note(docs))

# %% [markdown]
# **Whose words?** Markers inside quotation marks are someone else's. They are kept (and counted in the
# feature table), and listed here:

# %%
marks[marks["quoted"]][["doc_id", "sentence_id", "category", "matched"]].head(20)

# %% [markdown]
# ## 4. Modality by type and reading
#
# Possibility, necessity and prediction modals (Biber's classes, as in Le Foll's Multi-Feature Tagger), and
# their reading where rules can tell: epistemic (how likely), deontic (what ought to be done), dynamic (what an
# actor can do) and prediction (will/would). The conditionals found ("if", "unless", inverted "should") are
# listed with whether "would" follows.

# %%
modal_counts = mods.assign(type=labels.labels_of(mods["type"], "modal_type"),
                           reading=labels.labels_of(mods["reading"], "reading"), unit=nb.unit(mods["doc_id"])).groupby(
    ["unit", "type", "reading"]).size().unstack("unit", fill_value=0)
modal_counts

# %%
# every article and type, zeros included (an article without a modal of a type has the rate 0, not no value)
grid = pd.MultiIndex.from_product([corpus.doc_ids, sorted(mods["type"].unique())], names=["doc_id", "type"])
per_type = (mods.groupby(["doc_id", "type"]).size().reindex(grid, fill_value=0).rename("count").reset_index()
            .merge(sents.groupby("doc_id")["n_words"].sum().rename("words").reset_index(), on="doc_id"))
per_type["per_1000_words"] = 1000 * per_type["count"] / per_type["words"]
fig = plots.category_dots(labels.relabel(per_type, "type", "modal_type"), docs, "type", "per_1000_words",
                          xlabel="Modals per 1,000 words", zero=0)
nb.save(fig, "04-modal-types", "Possibility, necessity and prediction modals per 1,000 words (zeros "
        "included). " + plots.form_note(docs))

# %%
conds.merge(sents[["doc_id", "sentence_id", "text"]], on=["doc_id", "sentence_id"])[
    ["doc_id", "sentence_id", "matched", "with_would", "text"]].head(30)

# %% [markdown]
# ## 5. About whom? Actors in hedged and boosted sentences
#
# For each actor, the sentences naming it and how many of them carry a hedge or a booster.

# %%
mentions = nb.mentions()  # found once per run (the actor list in force)
display(Markdown(actors.actor_list_note()))
named = mentions[["doc_id", "sentence_id", "actor"]].drop_duplicates()
flags = pd.concat([sents[["doc_id", "sentence_id"]], (table[["hedges", "boosters"]] > 0)], axis=1)
about = named.merge(flags, on=["doc_id", "sentence_id"]).assign(actor=lambda t: labels.labels_of(t["actor"], "actor"),
                                                             unit=lambda t: nb.unit(t["doc_id"]))
about = about.groupby(["unit", "actor"]).agg(sentences=("sentence_id", "size"), hedged=("hedges", "sum"),
                                               boosted=("boosters", "sum"))
about["share_hedged"] = about["hedged"] / about["sentences"]
about["share_boosted"] = about["boosted"] / about["sentences"]
about.round(2).head(40)

# %% [markdown]
# ## 6. Every marker in place
#
# Each article rendered with its markers colour-coded (hover for the category and entry). Modals that are
# neither hedges nor boosters are shaded grey, so proposal language ("can", "would") is visible too. (The
# first eight articles of a larger corpus.)

# %%
paragraphs = body_paragraphs(corpus)
titles = dict(zip(docs["doc_id"], docs["title"]))
for doc_id in corpus.doc_ids[:plots.MAX_DOCS_SHOWN]:
    display(HTML(annotate.annotate_html(
        corpus.raw[doc_id], paragraphs[paragraphs["doc_id"] == doc_id], marks[marks["doc_id"] == doc_id],
        mods[mods["doc_id"] == doc_id], title=f"{nb.labels[doc_id]}: {titles[doc_id] or '(no title)'}")))

# %% [markdown]
# ## Key findings
#
# Computed by one function for every notebook (`findings.rule_findings`), by the rule the project declares for
# calling a difference a difference, applied to every measure of this notebook's families
# (`findings.FAMILY_NOTEBOOK`): each difference that clears the rule is a finding when its instrument passed
# validation, and is otherwise listed apart as *described only*, with the check it failed.
# Each finding carries its detector's validity outside the study texts; boosters per hedge are described.

# %%
display(Markdown(f"*Rule:* {verdict.THRESHOLD}"))
display(Markdown(findings.sensitivity_note(corpus)))
profile, rule_groups = verdict.rule_tables(table, nb.groups, groups_table=nb.group_table(N_RESAMPLES),
                                             blocks=nb.blocks, order=nb.group_order, n=N_RESAMPLES)
judged = findings.rule_findings(corpus, profile, rule_groups, evidence, notebook="04-hedging",
                                without_seed_terms=verdict.seed_term_profile(corpus))
display(nb.record(judged["finding"] + findings.hedging_findings(corpus, table)))
nb.record(judged["described"], kind="described")

# %%
nb.record(findings.hedge_validity(checked, evidence), kind="validity")

# %% [markdown]
# **Key points.** Rates come with bootstrap intervals over sentences; the annotated text shows every marker in
# place; the hedge detector's validity is reported across genres and on held-out news, and the annotation of the
# project's own corpus is an in-sample check.
#
# ← [03 · Sentiment](03-sentiment.ipynb) · [05 · Rhetorical comparison](05-rhetorical-comparison.ipynb) →
#
# ## Provenance

# %%
provenance(corpus, nb)
