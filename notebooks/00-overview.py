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
# # 00 · Overview: how two opinion articles on the U.S.–China–Iran triangle argue
#
# **In this notebook.** The research questions, the corpus, the map of the notebooks (what each reads and
# writes) and the headline findings, computed from the results of the notebooks that follow. Start here;
# every finding links to the notebook where it is computed and, from there, to the sentences behind it.
#
# ## Research questions
#
# 1. **Framing.** How does each article define the situation, whom does it make the protagonists, and
#    which words set it apart? ([02](02-framing.ipynb))
# 2. **Sentiment.** What tone does each article take, toward whom, and how far can lexicon tone be trusted
#    on opinion writing? ([03](03-sentiment.ipynb))
# 3. **Hedging.** How strongly does each article commit to its claims, where, and about which actors?
#    ([04](04-hedging.ipynb))
# 4. **Rhetorical comparison.** Side by side, measured with uncertainty: how do a pro-cooperation and a
#    skeptical piece argue differently? ([05](05-rhetorical-comparison.ipynb))
#
# **The unit of replication is the article, and there are two.** Every difference reported here describes
# these two texts; none is an estimate about outlets, countries or camps.

# %%
from IPython.display import Markdown, display

from rhetoric import findings, notebook
from rhetoric.figures import gallery_for_notebooks
from rhetoric.provenance import provenance

# %% tags=["parameters"]
# Parameters: `rhetoric run --corpus DIR --out DIR` overrides these (papermill-style 'parameters' cell).
CORPUS_DIR = None  # None: the project's seeds/
OUTPUT_DIR = None  # None: the project root (figures go to figures/)

# %%
nb = notebook.start("00-overview.ipynb", CORPUS_DIR, OUTPUT_DIR)
corpus = nb.corpus
notebook.corpus_card(corpus)

# %% [markdown]
# ## The notebooks
#
# | notebook | question | reads | writes |
# | --- | --- | --- | --- |
# | [01 · Corpus](01-corpus.ipynb) | size, cleaning, sentences, readability, vocabulary | corpus | `figures/01-*` |
# | [02 · Framing](02-framing.ipynb) | actors, frames, Entman functions, keyness | corpus, actor list, frame codebook, gold frames | `figures/02-*` |
# | [03 · Sentiment](03-sentiment.ipynb) | tone per sentence and toward actors; its validity | corpus, VADER and Pattern lexicons, gold tone | `figures/03-*` |
# | [04 · Hedging](04-hedging.ipynb) | hedges, boosters, modality; validation | corpus, metadiscourse lexicon, gold hedges | `figures/04-*` |
# | [05 · Rhetorical comparison](05-rhetorical-comparison.ipynb) | every measure side by side | the library's measures | `figures/05-*` |
#
# All logic lives in the `rhetoric` library (`lib/rhetoric`); the notebooks call it. `make run` executes
# them in order; the per-sentence feature table behind them is `rhetoric features CORPUS_DIR -o OUT.csv`.
#
# ## Headline findings
#
# The sentences each notebook computed and recorded (`figures/findings.csv`), the same as the README's
# "findings at a glance"; each links to the notebook that computes it:

# %%
display(Markdown(findings.findings_markdown(findings.read_findings(nb.figures, "finding"), link_prefix="")))

# %% [markdown]
# ## Gallery
#
# Every figure the notebooks save (PDF, SVG and 300-dpi PNG in `figures/`; captions also in
# `figures/README.md`). This notebook is executed after the others so that the gallery is complete.

# %%
display(Markdown(gallery_for_notebooks(nb.figures)))

# %% [markdown]
# ## Validity of the instruments
#
# How well each instrument measured on the seeds, against hand-coded sentences (computed in notebooks
# 02-04, summarised and recorded by notebook 05):

# %%
display(Markdown(notebook.bullet_list(list(findings.read_findings(nb.figures, "validity")["finding"]))))

# %% [markdown]
# **Key points.** Two articles, one per stance; every number is computed in the notebooks linked above and
# traceable to sentences by their offsets into the raw files.
#
# [01 · Corpus](01-corpus.ipynb) →
#
# ## Provenance

# %%
provenance(corpus)
