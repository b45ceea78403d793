"""Argument markers: contrast, attribution and evidentials, pronouns, proposal and verdict language, questions.

The markers are data (``data/rhetorical_markers.csv``: term, category, reason, and optional ``not_before`` /
``not_after`` vetoes), matched like every word list (:func:`rhetoric.language.matching.match_terms`). They were
developed on the benchmark's development half and audited there (``instrument_changes.csv``). The marker
families are disjoint from each other and from the metadiscourse families (see :mod:`rhetoric.instruments.families`):
proposal language holds no bare modals, verdict language no boosters, and first person plural is
``pronoun_we`` while self-mentions are singular. A question is a sentence whose last character, after closing
quotes and brackets, is a question mark.

Proposal and verdict markers are the writer's claims, so they count only in the writer's own voice
(:func:`writers_voice`): never inside a quotation, transcribed speech or boilerplate (the metadiscourse
``writer_voice`` rule, ``data/metadiscourse_rules.md``); a proposal or verdict marker after an attribution
marker of its sentence ("Activists say it's time ...", "Officials said the plan failed") reports someone else's
words; and a proposal verb or noun counts only when the writer is its agent: a first-person subject before the verb ("we
urge", "I would recommend"), a first-person possessive before the noun ("our proposal"), an impersonal "it is
time", or a sentence-initial imperative in the base form ("Push for ...", "Call on ..."). "Xi urges both
sides to ...", "calls for restraint" and "China's proposal" report someone else's proposal and are not
counted. The rule was developed on the benchmark's development half (``rhetoric_dev.writer_voice``) and
audited on its audit half (``data/audit_writer_voice.csv``).
"""
from __future__ import annotations

import pandas as pd

from rhetoric.instruments import uncertainty
from rhetoric.instruments.hedging import TokenIndex
from rhetoric.io.wordlists import data_cache, read_table
from rhetoric.language.constraints import apply_vetoes
from rhetoric.language.matching import counts_by_sentence, match_terms

MARKER_CATEGORIES = ["contrast", "attribution", "proposal", "verdict", "pronoun_we", "pronoun_they"]
#: Categories counted only in the writer's own voice (see the module docstring).
WRITER_CATEGORIES = ("proposal", "verdict")
#: Proposal terms that need no agent check: impersonal frames that only the writer can utter.
IMPERSONAL_PROPOSALS = frozenset({"it is time", "it 's time"})
#: Nominal proposal terms: the writer's only after a first-person possessive ("our proposal").
PROPOSAL_NOUNS = frozenset({"proposal", "proposals", "recommendation", "recommendations"})
#: Base-form proposal verbs: the writer's when they open the sentence (an imperative, "Push for ...").
IMPERATIVE_PROPOSALS = frozenset({"recommend", "call for", "call on", "urge", "push for"})
_FIRST_PERSON = frozenset({"i", "we"})
_FIRST_POSSESSIVE = frozenset({"my", "our"})
#: How far before a proposal verb its first-person subject may stand ("we would therefore urge").
_SUBJECT_WINDOW = 3


@data_cache
def rhetorical_markers() -> pd.DataFrame:
    """``term, category, reason`` for contrast, attribution, pronoun, proposal and verdict markers."""
    return read_table("rhetorical_markers.csv")


def marker_hits(toks: pd.DataFrame, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every argument-marker hit (context vetoes applied, :mod:`rhetoric.language.constraints`), with its
    ``category``; with ``sents``, proposal and verdict hits only in the writer's own voice (:func:`writers_voice`).

    A word the hedge detector reads as an uncertainty cue counts as a hedge only: a marker hit covering such a
    token is dropped ("we propose that ..." is a hedge, not also proposal language), so no word occurrence
    counts in two families."""
    table = rhetorical_markers()
    hits = apply_vetoes(match_terms(toks, list(table["term"])), toks, table)
    hits = hits.merge(table[["term", "category"]], on="term", how="left")
    cues = uncertainty.cue_hits(toks)
    if not hits.empty and not cues.empty:
        hedged = set(zip(cues["doc_id"].tolist(), cues["token_id"].tolist()))
        keep = [not any((d, t + k) in hedged for k in range(n))
                for d, t, n in zip(hits["doc_id"].tolist(), hits["token_id"].tolist(), hits["n_tokens"].tolist())]
        hits = hits[keep].reset_index(drop=True)
    if sents is None or hits.empty:
        return hits
    return hits[writers_voice(hits, toks, sents)].reset_index(drop=True)


def _proposal_is_writers(term: str, i: int, lower: list[str], first_word: int) -> bool:
    """Whether a proposal hit at token ``i`` of a sentence (``lower``: its lower-cased tokens) is the writer's."""
    if term in IMPERSONAL_PROPOSALS:
        return True
    before = lower[max(0, i - _SUBJECT_WINDOW):i]
    if term in PROPOSAL_NOUNS:
        return bool(_FIRST_POSSESSIVE.intersection(lower[max(0, i - 2):i]))
    return (i == first_word and term in IMPERATIVE_PROPOSALS) or bool(_FIRST_PERSON.intersection(before))


def writers_voice(hits: pd.DataFrame, toks: pd.DataFrame, sents: pd.DataFrame) -> list[bool]:
    """For each marker hit: False when it is a proposal or verdict marker that is not in the writer's own voice
    (inside a quotation, transcribed speech or boilerplate; after an attribution marker of its sentence; or a
    proposal whose agent is not the writer, see the module docstring); True otherwise (other categories are not
    checked). ``hits`` must hold every marker category of the sentences (attribution included)."""
    index = TokenIndex(toks)
    voices = index.voices_of(sents)
    attributed: dict[tuple[str, int], int] = {}  # the first attribution marker of each sentence
    for doc_id, sid, tid, category in zip(hits["doc_id"].tolist(), hits["sentence_id"].tolist(),
                                          hits["token_id"].tolist(), hits["category"].tolist()):
        if category == "attribution":
            key = (doc_id, sid)
            attributed[key] = min(tid, attributed.get(key, tid))
    sent_start = dict(zip(zip(sents["doc_id"].tolist(), sents["sentence_id"].tolist()), sents["start"].tolist()))
    out = []
    for doc_id, sid, tid, start, term, category in zip(hits["doc_id"].tolist(), hits["sentence_id"].tolist(),
                                                       hits["token_id"].tolist(), hits["start"].tolist(),
                                                       hits["term"].tolist(), hits["category"].tolist()):
        if category not in WRITER_CATEGORIES:
            out.append(True)
            continue
        ok = voices.writer(doc_id, sid, start - sent_start[(doc_id, sid)]) and not (
            attributed.get((doc_id, sid), tid) < tid)
        if ok and category == "proposal":
            i, _tokens, lower, first_word = index.window(doc_id, sid, tid)
            ok = _proposal_is_writers(term, i, lower, first_word)
        out.append(ok)
    return out


def is_question(texts: pd.Series) -> pd.Series:
    """1 where a sentence ends in a question mark (closing quotes and brackets ignored), else 0."""
    return texts.str.rstrip("”\"’' )").str.endswith("?").astype("int64")


def argument_columns(sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    """Feature-table columns: hits per argument-marker category, and ``questions`` (0/1)."""
    table = counts_by_sentence(sents, marker_hits(toks, sents), "category", MARKER_CATEGORIES)
    table["questions"] = is_question(sents["text"])
    return table
