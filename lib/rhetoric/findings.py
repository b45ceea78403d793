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


def headline_findings(corpus: Corpus) -> pd.DataFrame:
    """Every notebook's headline findings, in notebook order."""
    rows = corpus_findings(corpus)
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
