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
# # 04 · Hedging and stance: how sure each article sounds, and about what
#
# **In this notebook.** How much does each article commit to its claims, where, and about which actors?
# We find Hyland's (2005) interactional metadiscourse (hedges, boosters, attitude markers, self-mentions,
# engagement markers), modals by type and reading, and conditionals; compare rates per 1,000 words with
# uncertainty; show every marker in place in each article; and validate hedges and boosters against a
# hand-coded annotation of every seed sentence.
#
# **Reads:** the corpus; `lib/rhetoric/data/metadiscourse.csv` and `modals.csv` (each entry with its source,
# notes and context rule); `gold_hedges.csv` (codebook: `gold_codebook.md`).
# **Writes:** `figures/04-marker-rates.*`, `04-modal-types.*`, table `04-marker-rates.csv|tex`.
#
# **Known limits.** A word list with context rules, not a parser: it cannot tell whose certainty a word
# expresses ("the White House was clear that") or whether a word describes rather than asserts ("a clear
# reason"). Reference scale: in the CoNLL-2010 shared task the best sentence-level uncertainty detectors
# reached F1 86.4 on biomedical text and 60.2 on Wikipedia; word lists alone do worse.

# %%
import pandas as pd
from IPython.display import HTML, Markdown, display

from rhetoric import actors, findings, hedging, notebook, plots, validity
from rhetoric.cleaning import body_paragraphs
from rhetoric.provenance import provenance
from rhetoric.tokens import sentences, tokens

# %% tags=["parameters"]
# Parameters: `rhetoric run --corpus DIR --out DIR` overrides these (papermill-style 'parameters' cell).
CORPUS_DIR = None  # None: the project's seeds/
OUTPUT_DIR = None  # None: the project root (figures go to figures/)
SEED = 20250603    # bootstrap and permutation
N_RESAMPLES = 10_000

# %%
nb = notebook.start("04-hedging.ipynb", CORPUS_DIR, OUTPUT_DIR)
corpus, docs = nb.corpus, nb.corpus.documents
sents = sentences(corpus)
toks = tokens(corpus, sents)
marks = hedging.markers(toks, sents)
mods = hedging.modals(toks, sents)
conds = hedging.conditionals(toks)
columns = hedging.feature_columns(sents, toks)

# %% [markdown]
# ## 1. The lexicon
#
# Entries per category, with their sources; the context rules are named per entry in the data file and
# described in `rhetoric.hedging`.

# %%
lex = hedging.lexicon()
lex.groupby("category").agg(entries=("term", "size"), with_context_rule=("rule", lambda r: int((r != "").sum())),
                            examples=("term", lambda t: ", ".join(list(t)[:8])))

# %% [markdown]
# ## 2. Rates per 1,000 words, with uncertainty
#
# Named before it is run: for each measure, a bootstrap 95% interval over sentences for each article's
# rate, and a two-sided permutation test of the difference (sentence labels shuffled, 10,000 times), with
# Cohen's d and Cliff's delta on per-sentence rates. Sentences are not independent and there is one
# article per stance: these describe two texts.

# %%
measures = columns[["hedges", "boosters", "attitude_markers", "self_mentions", "engagement_markers",
                    "modal_possibility", "modal_necessity", "modal_prediction", "conditionals"]]
rate_table = hedging.rates(sents, measures, seed=SEED, n=N_RESAMPLES)
nb.table(rate_table, "04-marker-rates", caption="Metadiscourse markers, modals and conditionals per 1,000 "
         "words: bootstrap 95% CI over sentences; permutation p and effect sizes for the difference.")

# %%
fig = plots.interval_dots(rate_table, docs, "measure", estimate="per_1000_words",
                          xlabel="Per 1,000 words (bootstrap 95% CI over sentences)", zero=None)
nb.save(fig, "04-marker-rates", "Hedges, boosters, other metadiscourse markers, modals by type and "
        "conditionals per 1,000 words in each article, with bootstrap 95% intervals.")

# %% [markdown]
# **Whose words?** Markers inside quotation marks are someone else's. They are kept (and counted in the
# feature table), and listed here:

# %%
marks[marks["quoted"]][["doc_id", "sentence_id", "category", "matched"]]

# %% [markdown]
# ## 3. Modality by type and reading
#
# Possibility, necessity and prediction modals (Biber's classes, as in Le Foll's Multi-Feature Tagger),
# and their reading where rules can tell: epistemic (how likely), deontic (what ought to be done),
# dynamic (what an actor can do: the proposal "China can ...") and prediction (will/would). The
# conditionals found ("if", "unless", inverted "should") are listed with whether "would" follows.

# %%
modal_counts = mods.groupby(["doc_id", "type", "reading"]).size().unstack("doc_id", fill_value=0)
modal_counts

# %%
per_type = (mods.groupby(["doc_id", "type"]).size().rename("count").reset_index()
            .merge(sents.groupby("doc_id")["n_words"].sum().rename("words").reset_index(), on="doc_id"))
per_type["per_1000_words"] = 1000 * per_type["count"] / per_type["words"]
fig = plots.grouped_bars(per_type, docs, "type", "per_1000_words", ylabel="Modals per 1,000 words",
                         width="single", height=2.4)
nb.save(fig, "04-modal-types", "Possibility, necessity and prediction modals per 1,000 words.")

# %%
conds.merge(sents[["doc_id", "sentence_id", "text"]], on=["doc_id", "sentence_id"])[
    ["doc_id", "sentence_id", "matched", "with_would", "text"]]

# %% [markdown]
# ## 4. About whom? Actors in hedged and boosted sentences
#
# For each actor, the sentences naming it (actor list from notebook 02) and how many of them carry a hedge
# or a booster.

# %%
mentions = actors.actor_mentions(toks)
named = mentions[["doc_id", "sentence_id", "actor"]].drop_duplicates()
flags = pd.concat([sents[["doc_id", "sentence_id"]], (columns[["hedges", "boosters"]] > 0)], axis=1)
about = named.merge(flags, on=["doc_id", "sentence_id"]).groupby(["doc_id", "actor"]).agg(
    sentences=("sentence_id", "size"), hedged=("hedges", "sum"), boosted=("boosters", "sum"))
about["share_hedged"] = about["hedged"] / about["sentences"]
about["share_boosted"] = about["boosted"] / about["sentences"]
about.round(2)

# %% [markdown]
# ## 5. Every marker in place
#
# Each article rendered with its markers colour-coded (hover for the category and entry). Modals that are
# neither hedges nor boosters are shaded grey, so proposal language ("can", "would") is visible too.

# %%
paragraphs = body_paragraphs(corpus)
titles = dict(zip(docs["doc_id"], docs["title"]))
for doc_id in corpus.doc_ids:
    display(HTML(hedging.annotate_html(
        corpus.raw[doc_id], paragraphs[paragraphs["doc_id"] == doc_id], marks[marks["doc_id"] == doc_id],
        mods[mods["doc_id"] == doc_id], title=f"{doc_id}: {titles[doc_id] or '(no title)'}")))

# %% [markdown]
# ## 6. Validation against a hand-coded annotation of every sentence
#
# Every sentence of both seeds was annotated by hand for hedges and boosters (functional definitions after
# Hyland; `gold_codebook.md`). Scores at two levels: sentences (does it carry at least one?) and cues
# (each cue word). Shown twice: the bare word list, and the list with its context rules. Several rules
# (certain, whether, broadly, potential, claim, demonstrate) were written after a first comparison with
# this annotation; they are general rules of English usage, but the scores are in-sample and flatter the
# detector. The held-out check on news sentences others annotated is the fairer test.

# %%
checked = validity.hedge_validation(sents, toks)
if checked is None:
    display(Markdown(notebook.skipped_note("Validation of hedges and boosters")))
else:
    display(checked["scores"].round(2))

# %% [markdown]
# **Misses and false alarms** of the final detector, with the coder's note:

# %%
if checked is not None:
    display(checked["errors"])

# %% [markdown]
# ## Key findings
#
# Computed from the tables above (`rhetoric.findings.hedging_findings`):

# %%
nb.record([f["finding"] for f in findings.hedging_findings(corpus)])

# %% [markdown]
# **Key points.** Rates come with bootstrap intervals over sentences; the annotated text shows every
# marker in place; the validation shows what the detector misreads: attributed certainty and descriptive
# uses of certainty words.
#
# ← [03 · Sentiment](03-sentiment.ipynb) · [05 · Rhetorical comparison](05-rhetorical-comparison.ipynb) →
#
# ## Provenance

# %%
provenance(corpus)
