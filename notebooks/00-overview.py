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
# # 00 · Overview: how the articles of a corpus argue
#
# **In this notebook.** What the corpus is and what it allows us to compare, the research questions, the map of
# the notebooks (what each reads and writes), the headline findings computed by the notebooks that follow, the
# gallery of every figure, and how far each instrument can be trusted. Start here; every finding links to the
# notebook where it is computed and, from there, to the sentences behind it.

# %%
from IPython.display import Markdown, display

from rhetoric.analysis import validity, verdict
from rhetoric.report import findings_store
from rhetoric.report.gallery import gallery
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

# %%
nb = notebook.start("00-overview.ipynb", CORPUS_DIR, OUTPUT_DIR, LEXICONS_DIR, groups=GROUPS,
                    frames=FRAMES, cluster=CLUSTER, drop_duplicates=DROP_DUPLICATES)
corpus = nb.corpus
display(nb.describe())
notebook.corpus_card(corpus).head(20)

# %% [markdown]
# ## Research questions
#
# 1. **Framing.** How does each article define the situation, whom does it make the protagonists, and which
#    words set its group apart? ([02](02-framing.ipynb))
# 2. **Sentiment.** What tone does each article take, toward whom, and how far can lexicon tone be trusted on
#    opinion and news writing? ([03](03-sentiment.ipynb))
# 3. **Hedging.** How strongly does each article commit to its claims, where, and about which actors?
#    ([04](04-hedging.ipynb))
# 4. **Rhetorical comparison.** Side by side, measured with uncertainty: how do the articles, and the groups
#    they belong to, argue differently? ([05](05-rhetorical-comparison.ipynb))
# 5. **At scale.** Are the articles unusual among news on the same subjects? ([06](06-at-scale.ipynb))
#
# ## The notebooks
#
# | notebook | question | reads | writes |
# | --- | --- | --- | --- |
# | [01 · Corpus](01-corpus.ipynb) | what the corpus allows, word lists in use, cleaning, sentences, readability, vocabulary | corpus, cleaning patterns | `figures/01-*` |
# | [02 · Framing](02-framing.ipynb) | actors, frames, Entman functions, keyness; their validity | corpus, actor list, frame codebook and terms, Entman cues, audits | `figures/02-*` |
# | [03 · Sentiment](03-sentiment.ipynb) | tone per sentence and toward actors; misreads; its validity | corpus, VADER and Pattern lexicons, misread list | `figures/03-*` |
# | [04 · Hedging](04-hedging.ipynb) | hedges, boosters, modality; the detectors' validity | corpus, uncertainty detector, metadiscourse lexicon, audits | `figures/04-*` |
# | [05 · Rhetorical comparison](05-rhetorical-comparison.ipynb) | every measure side by side; groups compared | the measure registry | `figures/05-*`, `figures/group-comparison.csv` |
# | [06 · At scale](06-at-scale.ipynb) | the articles among news on the same subjects | `data/allsides-10k-article-features.csv.gz` | `figures/06-*` |
#
# All logic lives in the `rhetoric` library (`lib/rhetoric`); the notebooks call it. `make run` executes them
# in order (this overview last, since it gathers the others' results); the per-sentence feature table behind
# them is `rhetoric features CORPUS_DIR -o OUT.csv`.
#
# ## Headline findings
#
# The sentences each notebook computed and recorded (`figures/findings.csv`), the same as the README's
# "findings at a glance"; each links to the notebook that computes it. A difference is called a difference only
# by the rule the notebooks declare:

# %%
display(Markdown(f"*Rule:* {verdict.THRESHOLD}"))
display(Markdown(findings_store.findings_block(nb.figures, link_prefix="")))

# %% [markdown]
# ## How far to trust the instruments
#
# The validity statements the notebooks recorded where each instrument is built (held-out audits, annotated
# corpora, published figures, and, for the project's own corpus, in-sample checks labelled so; its gold sets were
# coded by a language model during development, the one that built the instruments: automated coding, no second
# coder):

# %%
display(Markdown(notebook.bullet_list(list(findings_store.read_findings(nb.figures, "validity")["finding"]))))

# %% [markdown]
# Every piece of evidence outside the study texts the project holds, by instrument (the same table on any
# corpus: it comes from the committed audit and evaluation files):

# %%
evidence = validity.instrument_evidence()
nb.table(evidence, "00-instrument-evidence", caption="Evidence of validity outside the study texts, by "
         "instrument: held-out audits, annotated corpora and published figures.")

# %% [markdown]
# Who coded the held-out audits: **automated coding by a language model**, not trained human coders (`audits.md`).
# Agreement between two independent automated runs (the second labelled 40 hits per instrument without seeing
# the first run's labels): percent agreement, Cohen's kappa with the prevalence of "right" and the negatives each
# run gave (kappa is unstable when negatives are few), and Gwet's AC1 beside it. Two runs of one model can share
# its misreadings, so this is not inter-coder reliability between people:

# %%
validity.coder_agreement()

# %% [markdown]
# ## Gallery
#
# Every figure the notebooks save (PDF, SVG and 300-dpi PNG in `figures/`; captions also in
# `figures/README.md`), shown at screen resolution.

# %%
display(*gallery(nb.figures))

# %% [markdown]
# **Key points.** What the corpus allows (stated at the top) decides what a difference can mean; every number is
# computed in the notebooks linked above and traceable to sentences by their offsets into the raw files.
#
# [01 · Corpus](01-corpus.ipynb) →
#
# ## Provenance

# %%
provenance(corpus, nb)
