"""Words VADER misreads in news prose, chosen by a rule on development text, and tone without them.

VADER (Hutto & Gilbert 2014) scores words by the affect its raters gave them out of context. In news on
international affairs many frequent lexicon words are used in another sense: part of a name ("united" in
a country's name), a fixed term for a category or a policy field ("great" in "great power", "security"
as the defence field), a discourse device ("hand" in "on the other hand") or a grammatical use ("like"
as a preposition). Such an occurrence adds valence that nothing in the text expresses.

The list in ``data/tone_misreads.csv`` was built by the rule in :data:`RULE` (stated in full in
``data/tone_misreads.md`` and in ``rhetoric_dev.tone_misreads``) on articles of the ``dev`` half of the
benchmark corpus, never on the study texts, with the same K, M and T for positive and negative words. The
coder's verdict on every checked occurrence is in ``data/audit_tone_misreads.csv`` (ids and offsets only);
:func:`list_from_audit` recomputes the list from it.

* :func:`misread_words` reads the frozen list; :func:`neutralised_compound` is VADER's compound with those
  words' valence set to zero (:func:`rhetoric.instruments.sentiment.compound_without`, every other rule unchanged).
* :func:`lexicon_occurrences` finds every scored VADER lexicon word in a sentence table, with its offsets
  in the raw text: the unit the rule ranks and draws.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass

import numpy as np
import pandas as pd

from rhetoric.base.paths import data_file
from rhetoric.instruments.sentiment import as_vader_reads, compound_without, explain_rows
from rhetoric.io.wordlists import read_table


@dataclass(frozen=True)
class Rule:
    """The parameters of the rule, fixed before any occurrence was judged."""

    #: Articles in the development sample of the international stratum (dev split), and its seed.
    n_articles: int = 200
    sample_seed: int = 20251201
    #: Candidates per sign (the same for positive and negative words).
    k: int = 30
    #: Occurrences judged per candidate, drawn with a per-word generator seeded by (draw_seed, word).
    m: int = 10
    draw_seed: int = 20251202
    #: A candidate is a misread when at least ``t`` of its ``m`` checked occurrences are non-evaluative.
    t: int = 7
    #: Fewer checked occurrences than this: no verdict (never listed).
    min_checked: int = 5
    #: Second pass, general stratum (dev split): same M and T, fewer candidates per sign.
    general_n_articles: int = 200
    general_sample_seed: int = 20251204
    general_k: int = 15
    #: Stability check: a second international dev sample, disjoint from the first.
    stability_seed: int = 20251203

    @property
    def share(self) -> float:
        return self.t / self.m


RULE = Rule()
LIST_FILE = "tone_misreads.csv"
AUDIT_FILE = "audit_tone_misreads.csv"
EFFECT_FILE = "tone_misreads_effect.csv"
LIST_COLUMNS = ["word", "vader_valence", "sign", "domain", "dev_occurrences", "checked", "non_evaluative",
                "share_non_evaluative", "typical_sense", "reason"]
#: After :data:`LIST_COLUMNS`: the same word's check in the general-stratum pass.
GENERAL_COLUMNS = ["general_checked", "general_non_evaluative", "general_share"]
#: Last: where each word came from and the stored evidence (``rhetoric_dev.term_provenance``).
PROVENANCE_COLUMNS = ["origin", "evidence"]
AUDIT_COLUMNS = ["word", "doc_id", "start", "end", "sign", "stratum", "label", "note", "split", "sample_seed",
                 "coder"]
#: Codes that open an audit note. Label 1 (non-evaluative: VADER misreads it) and label 0 (evaluative).
NON_EVALUATIVE_CODES = ("name", "term", "discourse", "function", "sense")
EVALUATIVE_CODES = ("eval", "event")
DOMAINS = ("international", "general")
OCCURRENCE_COLUMNS = ["doc_id", "sentence_id", "start", "end", "word", "lexicon", "valence", "sign"]

_TOKEN = re.compile(r"\S+")


def lexicon_occurrences(sents: pd.DataFrame) -> pd.DataFrame:
    """Every VADER lexicon word that adds valence to a sentence, one row each, with raw-text offsets.

    ``sents`` is a sentence table (``doc_id, sentence_id, start, text``; ``start`` is the sentence's offset
    in the raw article). Rows: ``doc_id, sentence_id, start, end, word`` (lower case, as VADER looks it up),
    ``lexicon`` (valence in the lexicon), ``valence`` (after VADER's rules, :func:`sentiment.explain`) and
    ``sign`` (``positive``/``negative``, from the lexicon valence).
    """
    rows = []
    for doc_id, sid, s_start, text in zip(sents["doc_id"], sents["sentence_id"], sents["start"], sents["text"]):
        found = explain_rows(text)[0]
        if not found:
            continue
        spans = [m.span() for m in _TOKEN.finditer(text)]
        for pos, word, lex, val in ((r["position"], r["word"], r["lexicon"], r["valence"]) for r in found):
            a, b = spans[pos]
            raw = as_vader_reads(text[a:b])
            lead = len(raw) - len(raw.lstrip(string.punctuation)) if len(word) != len(raw) else 0
            start = int(s_start) + a + lead
            rows.append((doc_id, int(sid), start, start + len(word), word.lower(), float(lex), float(val),
                         "positive" if lex > 0 else "negative"))
    return pd.DataFrame(rows, columns=OCCURRENCE_COLUMNS)


def candidates(occ: pd.DataFrame, k: int) -> pd.DataFrame:
    """The ``k`` positive and ``k`` negative words with the largest summed |valence after rules|.

    Columns: ``sign, rank, word, lexicon, occurrences, abs_valence`` (ties broken by the word).
    """
    table = (occ.assign(abs_valence=occ["valence"].abs())
             .groupby(["sign", "word"], sort=True)
             .agg(lexicon=("lexicon", "first"), occurrences=("word", "size"), abs_valence=("abs_valence", "sum"))
             .reset_index())
    parts = []
    for sign in ("positive", "negative"):
        part = (table[table["sign"] == sign].sort_values(["abs_valence", "word"], ascending=[False, True],
                                                         kind="mergesort").head(k).reset_index(drop=True))
        part.insert(1, "rank", range(1, len(part) + 1))
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def word_rng(seed: int, word: str) -> np.random.Generator:
    """A generator for one word: independent of which other words are candidates."""
    return np.random.default_rng([seed, *word.encode("utf-8")])


def draw_occurrences(occ: pd.DataFrame, words: list[str], m: int, seed: int) -> pd.DataFrame:
    """``m`` occurrences of each word (all, if fewer), drawn from its occurrences in (doc_id, start) order."""
    parts = []
    for word in words:
        mine = occ[occ["word"] == word].sort_values(["doc_id", "start"], kind="mergesort").reset_index(drop=True)
        if len(mine) > m:
            mine = mine.iloc[sorted(word_rng(seed, word).choice(len(mine), size=m, replace=False))]
        parts.append(mine)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=OCCURRENCE_COLUMNS)


def verdicts(audit: pd.DataFrame, rule: Rule = RULE) -> pd.DataFrame:
    """Per (sample_seed, word): ``checked, non_evaluative, share, misread`` from an audit table."""
    table = audit.assign(label=audit["label"].astype(int))
    out = (table.groupby(["sample_seed", "stratum", "word", "sign"], sort=True)
           .agg(checked=("label", "size"), non_evaluative=("label", "sum")).reset_index())
    out["share"] = out["non_evaluative"] / out["checked"]
    out["misread"] = (out["checked"] >= rule.min_checked) & (out["share"] >= rule.share)
    return out


def list_from_audit(audit: pd.DataFrame, rule: Rule = RULE) -> pd.DataFrame:
    """The words the rule lists: misreads among the international candidates of the development sample.

    Columns: ``word, sign, checked, non_evaluative, share, domain`` where ``domain`` is ``general`` when
    the word is also a misread in the general-stratum pass and ``international`` otherwise.
    """
    v = verdicts(audit, rule)
    intl = v[(v["stratum"] == "international") & (v["sample_seed"].astype(int) == rule.sample_seed)]
    gen = v[(v["stratum"] == "general") & (v["sample_seed"].astype(int) == rule.general_sample_seed)]
    general_misreads = set(gen.loc[gen["misread"], "word"])
    listed = intl[intl["misread"]].copy()
    listed["domain"] = ["general" if w in general_misreads else "international" for w in listed["word"]]
    return listed[["word", "sign", "checked", "non_evaluative", "share", "domain"]].reset_index(drop=True)


def read_audit() -> pd.DataFrame:
    return pd.read_csv(data_file(AUDIT_FILE), dtype={"doc_id": str, "note": str}, keep_default_na=False)


def misread_words(domain: str | None = None) -> set[str]:
    """The words VADER misreads, from ``data/tone_misreads.csv``.

    ``domain`` names the kind of text being scored. ``None`` or ``"international"``: every listed word (the
    list was built on international prose, so each is a misread there). ``"general"``: only the words that
    are misreads in general news as well (``domain == "general"`` in the file).
    """
    table = read_table(LIST_FILE)
    if domain is None or domain == "international":
        return set(table["word"])
    if domain == "general":
        return set(table.loc[table["domain"] == "general", "word"])
    raise ValueError(f"unknown domain {domain!r}: use None, 'international' or 'general'")


def neutralised_compound(texts: pd.Series, words, plain: pd.Series | None = None) -> pd.Series:
    """VADER compound of each text with the valence of ``words`` set to zero (index kept).

    Each text is read as :func:`rhetoric.instruments.sentiment.vader_scores` reads it; with no words this equals the
    plain compound. ``plain``: the texts' plain compounds (same index, e.g. the feature table's
    ``vader_compound``), taken as they are for every text in which no word of ``words`` occurs even as part of a
    longer word (so none can be one of VADER's tokens); only the others are scored again.
    """
    words = {w.lower() for w in words}
    if plain is None or not words:
        return pd.Series([compound_without(t, words) for t in texts], index=texts.index, dtype=float,
                         name="vader_compound")
    found = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    values = [compound_without(t, words) if found.search(as_vader_reads(t).lower()) else p
              for t, p in zip(texts, plain.reindex(texts.index))]
    return pd.Series(values, index=texts.index, dtype=float, name="vader_compound")
