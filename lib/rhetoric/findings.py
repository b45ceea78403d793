"""Headline findings as sentences computed from results (never typed in), for notebooks and the README.

Each ``*_findings`` function returns rows ``(notebook, finding)``; :func:`headline_findings` collects
them. The README's "findings at a glance" block and ``00-overview`` both come from here.
"""
from __future__ import annotations

import re

import pandas as pd

from .corpus import Corpus
from .paths import README

START, END = "<!-- findings:start -->", "<!-- findings:end -->"


def doc_label(corpus: Corpus, doc_id: str) -> str:
    """'the pro-cooperation article (diplomat-2025-06)'."""
    stance = corpus.documents.set_index("doc_id").at[doc_id, "stance"]
    return f"the {stance} article (`{doc_id}`)"


def compare(corpus: Corpus, values: pd.Series, what: str, fmt: str = "{:.1f}", unit: str = "") -> str:
    """A sentence naming the document with the highest and the lowest value of a measure."""
    values = values.dropna()
    if values.empty:
        return f"{what}: not defined for this corpus."
    hi, lo = values.idxmax(), values.idxmin()
    if len(values) == 2:
        return (f"{what} is higher in {doc_label(corpus, hi)} ({fmt.format(values[hi])}{unit}) than in "
                f"{doc_label(corpus, lo)} ({fmt.format(values[lo])}{unit}).")
    return (f"{what} is highest in {doc_label(corpus, hi)} ({fmt.format(values[hi])}{unit}) and lowest in "
            f"{doc_label(corpus, lo)} ({fmt.format(values[lo])}{unit}), across {len(values)} articles.")


def corpus_findings(corpus: Corpus) -> list[dict]:
    from .cleaning import body_paragraphs
    from .readability import lexical_diversity, readability, size_table
    from .tokens import sentences, tokens

    paras = body_paragraphs(corpus)
    sents = sentences(corpus, paras)
    size = size_table(corpus, paras, sents).set_index("doc_id")
    read = readability(corpus, paras).set_index("doc_id")
    div = lexical_diversity(tokens(corpus, sents)).set_index("doc_id")
    nb = "01-corpus.ipynb"
    return [
        {"notebook": nb, "finding": compare(corpus, size["words_per_sentence_mean"],
                                            "Mean sentence length", unit=" words")},
        {"notebook": nb, "finding": compare(corpus, read["Flesch-Kincaid grade"], "Flesch-Kincaid grade")},
        {"notebook": nb, "finding": compare(corpus, div["MTLD"], "Lexical diversity (MTLD)")},
    ]


def _share(x: float) -> str:
    return f"{100 * x:.0f}%"


def framing_findings(corpus: Corpus) -> list[dict]:
    from . import actors, frames, keyness
    from .tokens import sentences, tokens

    sents = sentences(corpus)
    toks = tokens(corpus, sents)
    counts = frames.frame_counts(sents, frames.frame_hits(toks))
    labels = dict(zip(frames.codebook()["frame"], frames.codebook()["label"]))
    top = frames.dominant_frames(frames.frame_salience(sents, counts), top=1)
    nb = "02-framing.ipynb"
    out = [{"notebook": nb, "finding": "Most frequent frame (share of sentences): " + "; ".join(
        f"{doc_label(corpus, r.doc_id)}: {labels[r.frame]} ({_share(r.share_of_sentences)})"
        for r in top.itertuples()) + "."}]
    mentions = actors.actor_mentions(toks)
    actions = actors.actor_actions(mentions, toks, sents)
    modal = actions[actions["construction"] == "modal"].groupby("doc_id").size().reindex(corpus.doc_ids,
                                                                                         fill_value=0)
    words = sents.groupby("doc_id")["n_words"].sum()
    out.append({"notebook": nb, "finding": compare(corpus, 1000 * modal / words,
                                                   "Actor + modal constructions (\"China can ...\") per 1,000 words",
                                                   fmt="{:.1f}")})
    treat = frames.entman_functions(sents, frames.entman_hits(toks))["treatment"].groupby(sents["doc_id"]).mean()
    out.append({"notebook": nb, "finding": compare(corpus, 100 * treat,
                                                   "The share of sentences with a treatment-recommendation cue",
                                                   fmt="{:.0f}", unit="%")})
    group_of = dict(zip(corpus.documents["doc_id"], corpus.documents["stance"]))
    if len(set(group_of.values())) >= 2:
        key = keyness.top_terms(keyness.keyness(toks, group_of), 5)
        out.append({"notebook": nb, "finding": "Most distinctive words (keyness z, informative prior): " + "; ".join(
            f"{g}: {', '.join(grp['term'])}" for g, grp in key.groupby("group", sort=True)) + "."})
    return out


def validation_sentences(scores: pd.DataFrame, instrument: str) -> list[str]:
    """Plain statements of an instrument's agreement with hand codes, from a ``label_scores`` table."""
    micro = scores[scores["label"] == "all (micro)"].iloc[0]
    labels = scores[(scores["label"] != "all (micro)") & (scores["gold"] > 0)].dropna(subset=["f1"])
    best = labels.sort_values(["f1", "label"], ascending=[False, True], kind="mergesort").iloc[0]
    worst = labels.sort_values(["f1", "label"], ascending=[True, True], kind="mergesort").iloc[0]
    return [f"Agreement of the {instrument} with the hand codes: micro-averaged F1 {micro.f1:.2f} "
            f"(precision {micro.precision:.2f}, recall {micro.recall:.2f}) over {int(micro.n)} "
            f"sentence-label decisions.",
            f"Best label: {best.label} (F1 {best.f1:.2f}, kappa {best.kappa:.2f}); worst: {worst.label} "
            f"(F1 {worst.f1:.2f}, kappa {worst.kappa:.2f})."]


def headline_findings(corpus: Corpus) -> pd.DataFrame:
    """Every notebook's headline findings, in notebook order."""
    rows = corpus_findings(corpus) + framing_findings(corpus)
    return pd.DataFrame(rows, columns=["notebook", "finding"])


def findings_markdown(findings: pd.DataFrame, link_prefix: str = "notebooks/") -> str:
    lines = [f"- {r.finding} ([{r.notebook}]({link_prefix}{r.notebook}))" for r in findings.itertuples()]
    return "\n".join(lines)


def update_readme(corpus: Corpus, readme=README) -> None:
    """Regenerate the README block between the findings markers from the computed results."""
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        return
    block = f"{START}\n{findings_markdown(headline_findings(corpus))}\n{END}"
    new = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    if new != text:
        readme.write_text(new, encoding="utf-8")
