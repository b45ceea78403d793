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
# # 02 · Framing: actors, frames, framing functions and the words that set the articles apart
#
# **In this notebook.** How does each article define the situation, whom does it make the protagonists, and
# which words carry the difference? We count actor mentions and what actors are said to do, tag sentences with
# the frames of the Policy Frames Codebook (and three international-relations frames), code Entman's four
# framing functions by cue, and compute keyness (Monroe et al. 2008). Each dictionary's validity is shown
# next to its results: precision audited on held-out news outside the study texts, and, for the project's own
# corpus, an in-sample check against its gold set (sentences coded by a language model during development, the
# one that built the instruments: automated coding, no second coder).
#
# **Reads:** the corpus; the word lists `actors.csv`, `frames.csv`, `frame_terms.csv`, `generic_frames.csv`,
# `generic_frame_terms.csv`, `entman_cues.csv`, the presence models `frame_presence.csv` and their evidence
# `frame_presence_evaluation.csv`,
# `frame_validity_semeval.csv` (human-coded frame validity),
# `spelling_variants.csv`, `function_words.csv` (each entry with its reason; a corpus may bring its own); the
# audit files `audit_frames.csv` and `audit_entman.csv`; for the project's own corpus, `gold_frames.csv`.
# **Writes:** `figures/02-actor-salience.*`, `02-actor-network.*`, `02-frame-salience.*`,
# `02-frame-trajectory.*`, `02-keyness.*`, tables `02-frame-presence.csv`, `02-frame-salience.csv|tex`,
# `02-keyness.csv|tex`.
#
# **Known limits.** Frames and functions are read from words, not meaning: a dictionary sees "strike" in a
# labour dispute and misses a frame carried without its terms. The dictionaries were developed and audited on
# news outside the study texts (`instrument_changes.csv` records every change and its reason), so the audit
# figures below are the ones to read; the in-sample check flatters.

# %%
from IPython.display import Markdown, display

from rhetoric.analysis import agreement, frame_presence, frame_validity, keyness, validity, verdict
from rhetoric.instruments import actors, frames, registry
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
SEED = 20250602  # bootstrap intervals and permutation tests
N_RESAMPLES = 10_000
KEYNESS_TOP = 15  # distinctive terms listed per group

# %%
nb = notebook.start("02-framing.ipynb", CORPUS_DIR, OUTPUT_DIR, LEXICONS_DIR, groups=GROUPS,
                    frames=FRAMES, cluster=CLUSTER, drop_duplicates=DROP_DUPLICATES)
corpus, docs = nb.corpus, nb.corpus.documents
display(nb.describe())
table = nb.features()
sents, toks = nb.tables()
mentions = nb.mentions()  # found once per run (the actor list in force)
evidence = validity.instrument_evidence()

# %% [markdown]
# ## 1. Actors
#
# The actor list is data: every alias with a note on what it refers to. The project's own list (`actors.csv`)
# was written for the project's own corpus and is used only there; another corpus brings its own list
# (`actors.csv` in its `--lexicons` folder) or, without one, gets its most frequent proper names as actors (said below).
# Aliases are matched case-sensitively on word tokens and on the parts of hyphenated tokens, so an
# abbreviation such as "U.S." counts and the pronoun "us" does not. The actors compared side by side are
# those the list marks `main` (or, for a list without that column, the four mentioned most).

# %%
display(Markdown(actors.actor_list_note()))
aliases = actors.actor_aliases()
aliases.assign(actor=labels.labels_of(aliases["actor"], "actor")).groupby("actor", sort=False)["alias"].agg(
    ", ".join).to_frame("aliases")

# %%
salience = actors.actor_salience(mentions, sents)
main = actors.main_actors(mentions)
display(Markdown("**Main actors:** " + ", ".join(labels.labels_of(main, "actor")) + "."))
nb.table(labels.relabel(salience, "actor", "actor"), "02-actor-salience", caption="Actor mentions per article.",
         latex=not nb.by_group)
nb.by_document(labels.relabel(salience, "actor", "actor"), "actor", "per_1000_words").round(1)

# %%
shown = salience[salience.groupby("actor")["mentions"].transform("sum") > 0]
fig = plots.category_dots(labels.relabel(shown, "actor", "actor"), docs, "actor", "per_1000_words",
                          xlabel="Mentions per 1,000 words", zero=0)
nb.save(fig, "02-actor-salience", "Actor mentions per 1,000 words in each article (actors: "
        f"{actors.actor_source_label()}). " + plots.form_note(docs))

# %% [markdown]
# **Co-occurrence.** Two actors co-occur when one sentence names both; edge labels count such sentences.

# %%
edges = actors.cooccurrence(mentions)
fig = plots.actor_network(edges, salience, docs)
nb.save(fig, "02-actor-network", "Actors named in the same sentence. Node size: mentions; edge width: number "
        "of sentences naming both, and a label of that number where it has room. " + ("One panel per group (its articles pooled)."
                                                      if plots.group_form(docs) else "One panel per article."))

# %% [markdown]
# **What actors do or can do.** Actor + modal ("the Council can act") and actor + verb ("Smith showed")
# constructions, read by transparent rules (`rhetoric.instruments.actors`; verb forms from `lemminflect`). Coordinated
# actors share one construction ("Smith and the Council can" counts once, for both). The table lists each
# with its words, so misreadings are visible (the first 20 here).

# %%
actions = actors.actor_actions(mentions, toks, sents)
nb.progress("actor constructions", len(actions))
summary = (actions.assign(kind=actions["construction"].where(actions["construction"] == "verb",
                                                             "modal: " + actions["modal"]),
                          actor=labels.labels_of(actions["actor"], "actor"))
           .assign(unit=lambda t: nb.unit(t["doc_id"]))
           .groupby(["unit", "actor", "kind"]).size().unstack("kind", fill_value=0))
summary.head(40)

# %%
nb.show(actions[["doc_id", "sentence_id", "actor", "construction", "modal", "verb", "negated", "phrase"]],
        caption="What the actors are said to do: each modal or verb construction with an actor as its subject.")

# %% [markdown]
# ## 2. Frames
#
# Three frame families exist: the generic news frames (Semetko & Valkenburg 2000: conflict, human interest,
# economic consequences, morality, resolution), the dimensions of the Policy Frames Codebook (Boydstun et al.
# 2014) and three international-relations frames of this project. A study measures the families that fit it:

# %%
display(Markdown(frame_presence.families_note()))

# %% [markdown]
# ### Which articles carry each frame: presence calibrated on people's codes
#
# A study reports which articles carry a frame and how often. Each frame of a calibrated family gets a score
# per article (a logistic model of its hits per 1,000 words) and a present/absent decision whose threshold was
# chosen on human-coded development articles (`instruments/presence.py`, `frame_presence.csv`). Beside each
# result: its agreement with people per article (cross-validated on those development articles: the coders'
# and the tool's prevalence, ROC AUC) and per hit (the held-out audit), and whether it passed the declared rule.

# %%
presence_rows = frame_presence.presence_table(table)
for family in dict.fromkeys(presence_rows["family"]):
    display(Markdown(frame_presence.summary(family)))
frame_presence_table = frame_presence.corpus_presence(presence_rows, validity.audit_precision("frames"))
display(nb.table(frame_presence_table, "02-frame-presence",
                 caption="Frame presence per article (calibrated) beside each frame's agreement with people.",
                 latex=False))
display(Markdown(frame_presence.failing_note(frame_presence_table)))

# %% [markdown]
# ### The dictionaries
#
# The Policy Frames and international-relations codebook in force, each frame with its definition; every
# indicator term has its reason in `frame_terms.csv` (the generic frames' cues in `generic_frame_terms.csv`).
# A sentence carries a frame when one of its terms occurs (a sentence may carry several).

# %%
terms = frames.frame_terms()
book = frames.codebook().merge(terms.groupby("frame")["term"].agg(lambda t: ", ".join(t)).rename("terms"),
                               on="frame", how="left")
book[[c for c in ("label", "pfc_code", "definition", "source", "terms") if c in book.columns]]

# %%
counts = table[[c for c in table.columns if c.startswith("frame_")]]
frame_sal = frames.frame_salience(sents, counts)
frame_labels = frames.frame_labels()
nb.table(frame_sal.assign(label=frame_sal["frame"].map(frame_labels))[
    ["doc_id", "label", "hits", "per_1000_words", "share_of_sentences"]],
    "02-frame-salience", caption="Frame salience: indicator hits per 1,000 words and share of sentences.",
    latex=not nb.by_group)
nb.show(nb.by_document(frame_sal.assign(frame=frame_sal["frame"].map(frame_labels)), "frame",
                       "share_of_sentences"), of="02-frame-salience",
        caption="Share of sentences carrying each frame, one column per article (or per group: the mean of its "
                "articles).")

# %%
fig = plots.category_dots(frame_sal.assign(frame=frame_sal["frame"].map(frame_labels)), docs, "frame",
                          "share_of_sentences", xlabel="Share of sentences with the frame", zero=0,
                          width="onehalf")
nb.save(fig, "02-frame-salience", "Share of each article's sentences carrying each frame (dictionary). "
        + plots.form_note(docs))

# %% [markdown]
# **Trajectory.** Where in each article each frame appears: the share of sentences carrying the frame in each
# tenth of the article (by group when the corpus has more than four articles).

# %%
traj = frames.frame_trajectory(sents, counts)
fig = plots.frame_trajectory(traj, frames.frame_names(), frame_labels, docs)
nb.save(fig, "02-frame-trajectory", "Frame trajectory: share of sentences with each frame, by tenth of each "
        "article" + ("; one panel per group, the mean of its articles." if len(docs) > 4 else "; one panel per "
                     "article."))

# %% [markdown]
# ### How well the frame dictionary measures
#
# **Out of sample (the figures to read).** Hits of the frozen dictionary in news articles of the benchmark's
# held-out half (never used to develop it), drawn at random and judged in context by automated coding by a
# language model that did not build the dictionary (not by people): hit precision per frame with a Wilson 95%
# interval, and the agreement between two independent automated runs on a subset (overview). Recall cannot be
# read from hits (a frame carried without its terms is missed); it is measured against human coders below.

# %%
frame_audit = validity.audit_precision("frames")
if frame_audit is None:
    display(Markdown("_No held-out audit of the frame dictionary is committed yet._"))
else:
    display(frame_audit.assign(category=frame_audit["category"].map(lambda f: frame_labels.get(f, f))).round(2))

# %% [markdown]
# **Against human coders (article level, with recall).** The trained human annotators of SemEval-2023 Task 3
# (Piskorski, Stefanovitch, Da San Martino & Nakov 2023; research-use data) marked the Policy Frames Codebook
# dimensions they found in each of 230 English news articles, several per article. The frozen dictionary gives
# each article a score per frame, the share of its sentences with a hit, and marks a frame present by a rule
# declared before any result (one threshold for all frames, chosen on a development half of the articles split
# by a fixed hash of the id). The table shows the other half, on which nothing was chosen: precision and recall
# with Wilson 95% intervals, F1 and the ROC AUC of the score with bootstrap intervals (a fixed random stream)
# (`frame_validity_semeval.csv`; procedure and both halves in `frame_validity_semeval.md`, generated by
# `scripts/dev_semeval_frames.py`). The labels are per article, so this measures whether a frame is found
# anywhere in an article, not sentence by sentence; the three international-relations frames have no human label.

# %%
if not frame_validity.applies():
    display(Markdown("_This corpus brings its own frame lists: the human-coded check describes the project's "
                     "dictionary, not these._"))
else:
    display(Markdown(frame_validity.summary()))
    display(nb.show(frame_validity.report_table(),
                    caption="The frame dictionary against the SemEval coders' frame labels (evaluation half), "
                            "frame by frame."))

# %% [markdown]
# **In-sample (the project's own corpus only).** 40 sentences of the project's own articles coded for frames and
# Entman functions from the codebook definitions (`gold_codebook.md`): precision, recall, F1 and Cohen's kappa per
# label. Who coded: a language model during development, the one that built the dictionary (automated coding, no
# second coder), and the codes were made for an earlier version of the codebook: an optimistic, in-sample check,
# never the measure's validity.

# %%
checked = validity.frame_validation(sents, toks)
if checked is None:
    display(Markdown(notebook.skipped_note("The in-sample check of frames and Entman functions")))
else:
    display(checked["frames"].round(2))
    display(agreement.misfits(checked["table"], "gold_frames", "dict_frames")[
        ["doc_id", "sentence_id", "missed", "added", "text"]].head(15))

# %% [markdown]
# ## 3. Entman's four framing functions
#
# Problem definition, causal interpretation, moral evaluation and treatment recommendation (Entman 1993), each
# coded when one of its cues occurs (`entman_cues.csv`, with reasons). Share of sentences per article, and
# the cue precision audited on held-out news:

# %%
functions = table[[f"entman_{f}" for f in frames.ENTMAN_FUNCTIONS]] > 0
functions.columns = frames.ENTMAN_FUNCTIONS
display(nb.summarise(functions.groupby(sents["doc_id"]).mean()).rename(columns=frames.ENTMAN_LABELS).round(2))
entman_audit = validity.audit_precision("entman")
if entman_audit is not None:
    display(entman_audit.assign(category=entman_audit["category"].map(
        lambda f: frames.ENTMAN_LABELS.get(f, f))).round(2))
if checked is not None:
    display(Markdown("In-sample check on the project's own corpus (optimistic):"))
    display(checked["entman"].round(2))

# %%
examples = sents[["doc_id", "sentence_id", "text"]].join(functions)
examples[examples["treatment"]].groupby("doc_id").head(2)[["doc_id", "sentence_id", "text"]].head(20)

# %% [markdown]
# ## 4. Keyness: the words that set each group apart (exploratory)
#
# Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), natural logs. The prior
# is general English (`wordfreq`, CC BY-SA 4.0), looked up by each term's own form (a form wordfreq would fold
# into another word, like "a." into "a", gets the smallest prior, never its neighbour's), with a total a₀ equal
# to the mean words per group, scaled to each side's size: so a term is key for a group only where it is
# relatively more frequent than in the rest.
# Spelling variants are merged first ("U.S." and "US" are one country, not a stance; `spelling_variants.csv`).
# Every term is a test, so each z gets a two-sided p and a Benjamini-Hochberg q across the terms compared;
# function words (`function_words.csv`) are shown apart. With few and short texts, few terms survive the
# correction: the lists are then exploratory, ranked by z, and say so.

# %%
group_of = nb.groups
groups = nb.group_order
key = keyness.keyness(toks, group_of) if len(groups) >= 2 else None
nb.progress("keyness", 0 if key is None else len(key), "term-group rows")
if key is None:
    display(Markdown("**Keyness skipped:** it compares groups, and this corpus has one."))
else:
    fdr = keyness.fdr_summary(key)
    display(Markdown(f"{fdr['tested']} terms tested per comparison; {fdr['passing']} pass Benjamini-Hochberg at "
                     f"q < {fdr['alpha']}" + (": the lists below are exploratory." if not fdr["passing"] else ".")))
    content = keyness.top_terms(key[~key["function_word"]], KEYNESS_TOP)
    function = keyness.top_terms(key[key["function_word"]], 5)
    nb.table(content[["group", "term", "count", "count_rest", "z", "q_bh"]], "02-keyness",
             caption="Most distinctive content words per group (keyness z, informative prior; BH q-values).")
    display(nb.show(content[["group", "term", "count", "count_rest", "delta", "z", "q_bh"]], of="02-keyness",
                    caption="The most distinctive content words of each group against the rest (keyness z, "
                            "Benjamini-Hochberg q)."))
    display(Markdown("Function words among the most distinctive (style, not topic):"))
    display(nb.show(function[["group", "term", "count", "count_rest", "z", "q_bh"]],
                    caption="The most distinctive function words of each group (style, not topic)."))

# %%
if key is not None:
    fig = plots.keyness_plot(key, groups, names=nb.group_labels,
                             spelled=keyness.display_terms(toks, key["term"].unique()))  # proper nouns capitalised
    nb.save(fig, "02-keyness", "Keyness (Monroe et al. 2008): z of the log-odds ratio with an informative "
            "(general-English) prior against frequency; the most distinctive content words of each group "
            "labelled (a label that would overprint another is left out), function words in grey italics; "
            "labelled terms passing a Benjamini-Hochberg correction "
            "ringed (every term's q is in 02-keyness.csv)." + (" One panel per group, against the rest."
                                                               if 2 < len(groups) <= plots.MAX_KEYNESS_PANELS else ""))

# %% [markdown]
# **How the prior's scale moves the list.** Overlap of the top content words under a₀ ten times smaller and
# larger, and under Monroe's flat fallback prior (a_w = 0.01), with the list above.

# %%
if key is not None:
    display(keyness.prior_sensitivity(toks, group_of, KEYNESS_TOP, table=key))

# %% [markdown]
# **Keyword in context** for each group's three most distinctive content words:

# %%
if key is not None:
    for g in groups:
        members = [d for d, s in group_of.items() if s == g]
        for term in content.loc[content.group == g, "term"].head(3):
            display(Markdown(f"**{notebook.md(term)}** ({notebook.md(g)})"))
            display(keyness.term_in_context(toks, sents, term, members).head(6))

# %% [markdown]
# ## Key findings
#
# Computed by one function for every notebook (`findings.rule_findings`), by the rule the project declares for
# calling a difference a difference, applied to every measure of this notebook's families
# (`findings.FAMILY_NOTEBOOK`): each difference that clears the rule is a finding when its instrument passed
# validation, and is otherwise listed apart as *described only*, with the check it failed.
# Each finding carries its instrument's out-of-sample validity; the actor + modal constructions (computed
# here) are judged by the same rule. The most frequent frame and keyness are described beside them.

# %%
display(Markdown(f"*Rule:* {verdict.THRESHOLD}"))
display(Markdown(findings.sensitivity_note(corpus)))
actor_modal = actors.constructions_per_sentence(table, actions, "modal")
framed = table.assign(actor_modal=actor_modal.to_numpy())
profile, rule_groups = verdict.rule_tables(framed, group_of, [registry.derived("actor_modal_per_1000")],
                                             groups_table=nb.group_table(N_RESAMPLES), blocks=nb.blocks,
                                             order=nb.group_order, n=N_RESAMPLES)
without_seed_terms = verdict.seed_term_profile(corpus)  # the seeds only (None for any other corpus)
judged = findings.rule_findings(corpus, profile, rule_groups, evidence, notebook="02-framing",
                                without_seed_terms=without_seed_terms)
display(nb.record(judged["finding"] + findings.framing_findings(corpus, frame_sal, frame_labels, key, evidence,
                                                                without_seed_terms)))
nb.record(judged["described"], kind="described")

# %%
nb.record(findings.frame_validity(checked, evidence), kind="validity")

# %% [markdown]
# **Key points.** Actors, frames and framing functions are counted by documented word lists whose every entry
# has a reason; the audit on held-out news says how often a hit is right. Keyness merges spelling variants,
# corrects for the number of terms tested and shows function words apart.
#
# ← [01 · Corpus](01-corpus.ipynb) · [03 · Sentiment](03-sentiment.ipynb) →
#
# ## Provenance

# %%
provenance(corpus, nb)
