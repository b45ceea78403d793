"""Who the articles make the protagonists: actor mentions, salience, co-occurrence, and what actors do.

Actors and their aliases are data (``data/actors.csv``, each alias with a note). Aliases are matched
case-sensitively on word tokens, and on the parts of hyphenated tokens ("China-U.S." names China and the
U.S.; "Iran-Israel" names Iran and Israel), so every mention has offsets into the raw file.

What an actor does or can do ("China can ...", "Washington seeks ...") is read by transparent rules, not
a parser: after a mention that is not possessive ("China’s"), skipping coordinated actors ("the U.S. and
China"), adverbs and negation, a modal (can, could, may, might, must, should, will, would, shall) gives an
*actor + modal* construction with the verb after it; otherwise an inflected verb form ("seeks", "showed",
"has") gives an *actor + verb* construction; after do/have/be the main verb is read ("did not offer" gives
offer, negated; "has expressed" gives express). Verb forms come from ``lemminflect``'s English lexicon. A bare
form ("file", "offer") counts only after a coordinated, plural subject ("Washington and Beijing
coordinate"). These rules miss subjects separated from their verb by a clause, and they read "the Iran
file" correctly only because "file" is a bare form; the notebook shows the table so a reader can judge.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations

import numpy as np
import pandas as pd
from lemminflect import getAllLemmas

from rhetoric.base.text_constants import NEGATION
from rhetoric.io.wordlists import clear_caches, data_cache, read_table
from rhetoric.language.matching import match_aliases
from rhetoric.language.tokens import column_list, sentence_slices

MODALS = {"can", "could", "may", "might", "must", "should", "will", "would", "shall", "ca", "wo"}
_SKIP = {"also", "still", "already", "only", "itself", "themselves", "both", "then", "thus", "now",
         "immediately", "merely", "ultimately", "effectively", "consistently", "simply", "even"}
_POSSESSIVE = {"’s", "'s", "’", "'"}
_AUXILIARIES = {"do", "have", "be"}
_COORD = {"and", "the", "both"}
_PART = re.compile(r"[^-–]+")

MENTION_COLUMNS = ["doc_id", "sentence_id", "token_id", "actor", "alias", "kind", "start", "end"]
ACTION_COLUMNS = ["doc_id", "sentence_id", "actor", "alias", "construction", "modal", "verb", "head_token", "negated",
                  "phrase", "sentence"]


#: Where the actor list in use comes from: "project" (``data/actors.csv``, written for the project's own corpus),
#: "own" (the corpus's ``lexicons/actors.csv``) or "corpus" (its most frequent proper names: :func:`names_as_actors`).
_SOURCE: dict[str, object] = {"source": "project", "derive": None}
#: A corpus without an actor list of its own gets its this many most frequent proper names as actors ...
CORPUS_ACTORS = 8
#: ... of which this many, the most frequent, are compared side by side (``main``).
CORPUS_MAIN_ACTORS = 4
#: Capitalised words that are not names of actors: titles before a name, months, days, the pronoun I.
NOT_NAMES = frozenset(
    "Mr. Mrs. Ms. Dr. Mr Mrs Ms Dr Sen. Rep. Gov. Gen. Lt. Col. Sgt. Prof. St. Jr. Sr. President Vice Prime Minister "
    "Secretary Senator Representative Governor Mayor Chairman Chief Justice Judge General Speaker Leader I "
    "January February March April May June July August September October November December Jan. Feb. Mar. Apr. "
    "Aug. Sept. Sep. Oct. Nov. Dec. Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())


def use_actor_list(source: str = "project", derive=None, listing=None) -> None:
    """Choose where :func:`actor_aliases` reads actors from: ``"project"`` or ``"own"`` (the active word lists,
    see :mod:`rhetoric.io.wordlists`), or ``"corpus"``: ``derive()`` returns the token table whose most frequent
    proper names become the actors (called once, when the list is first needed). ``"given"``: ``derive()``
    returns the list itself (an :func:`actor_aliases` table): how a worker process computing part of a feature
    table gets the list its parent is using. For ``"corpus"``, ``listing()`` (when given) returns the finished
    list instead (the same :func:`names_as_actors` of ``derive()``, e.g. made once and shared by a run's
    notebooks)."""
    if source not in ("project", "own", "corpus", "given"):
        raise ValueError(f"unknown actor list source {source!r}")
    if source in ("corpus", "given") and derive is None:
        raise ValueError(f"a {source} actor list needs derive (the corpus's tokens, or the list itself)")
    _SOURCE.update(source=source, derive=derive, listing=listing)
    clear_caches()


def actor_source() -> str:
    """Where the actor list in use comes from: "project", "own" or "corpus" (see :func:`use_actor_list`)."""
    return str(_SOURCE["source"])


@data_cache
def actor_aliases() -> pd.DataFrame:
    """The actor list: ``actor, label, main, alias, kind, note`` (``data/actors.csv``, a corpus's own list, or
    the corpus's most frequent proper names when :func:`use_actor_list` chose them)."""
    if _SOURCE["source"] == "corpus":
        listing = _SOURCE.get("listing")
        return listing().copy() if listing is not None else names_as_actors(_SOURCE["derive"]())
    if _SOURCE["source"] == "given":
        return _SOURCE["derive"]().copy()
    return read_table("actors.csv")


def proper_names(toks: pd.DataFrame) -> pd.Series:
    """How often each proper name occurs: runs of capitalised word tokens, not opening a sentence, each of whose
    words the corpus writes capitalised at least as often as in lower case (so "The" or "But" after a quotation
    does not count), titles, months and days left out ("President Joe Biden" gives "Joe Biden"). Names are
    counted as written: "Biden" and "Joe Biden" are two names. Most frequent first, ties by name."""
    if toks.empty:
        return pd.Series(dtype="int64", name="count")
    token = toks["token"].astype(str)
    capital = token.str.match(r"^[A-Z][A-Za-z.'’&-]*$") & token.str.contains(r"[a-z]|^[A-Z.&]{2,}$", regex=True)
    counts_upper = token[capital].value_counts()
    counts_lower = toks.loc[~capital, "lower"].value_counts()
    first = toks.groupby(["doc_id", "sentence_id"], sort=False)["token_id"].transform("min") == toks["token_id"]
    usable = capital & ~first & ~token.isin(NOT_NAMES)
    usable &= token.map(counts_upper).fillna(0).to_numpy() >= token.str.lower().map(counts_lower).fillna(0).to_numpy()
    same_sentence = ((toks["doc_id"] == toks["doc_id"].shift()) & (toks["sentence_id"] == toks["sentence_id"].shift())
                     & (toks["token_id"] == toks["token_id"].shift() + 1))
    starts = usable & ~(usable.shift(fill_value=False) & same_sentence)
    # each run of usable tokens joined: runs are consecutive rows (their number only grows), so cut the list of
    # usable tokens where the number changes (grouping by it joined each of the corpus's runs in Python,
    # through a pandas group each: most of the time of this function on ten thousand articles)
    run = starts.cumsum()[usable].to_numpy()
    words = token[usable].tolist()
    bounds = np.r_[0, np.flatnonzero(np.diff(run)) + 1, len(run)].tolist()
    names = [" ".join(words[a:b]) for a, b in zip(bounds[:-1], bounds[1:])] if words else []
    counts = pd.Series(names, dtype="object").value_counts()
    order = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return pd.Series(dict(order), dtype="int64", name="count")


def names_as_actors(toks: pd.DataFrame, n: int = CORPUS_ACTORS, main: int = CORPUS_MAIN_ACTORS) -> pd.DataFrame:
    """An actor list made of the corpus's ``n`` most frequent proper names (:func:`proper_names`), the first
    ``main`` marked as compared side by side: the default for a corpus that brings no actor list of its own."""
    names = proper_names(toks).head(n)
    rows = [{"actor": re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or f"name_{k}", "label": name,
             "main": "1" if k < main else "", "alias": name, "kind": "name",
             "note": f"the corpus's most frequent proper names: {count} occurrences written so"}
            for k, (name, count) in enumerate(names.items())]
    return pd.DataFrame(rows, columns=["actor", "label", "main", "alias", "kind", "note"])


def actor_source_label() -> str:
    """The actor list in use in a few words, for captions."""
    return {"project": "the project's actor list", "own": "the corpus's own actor list",
            "corpus": "the corpus's most frequent proper names"}[actor_source()]


def actor_list_note() -> str:
    """What the actor list in use is, in words, for the notebooks' actor sections (Markdown)."""
    source = actor_source()
    table = actor_aliases()
    named = ", ".join(dict.fromkeys(table["label"] if "label" in table.columns else table["actor"])) or "none"
    if source == "corpus":
        return (f"**Actors from the corpus itself:** no actor list was supplied, so the actors are this corpus's "
                f"{len(table)} most frequent proper names (runs of capitalised words that do not open a sentence, "
                f"counted as written; titles, months and days left out): {named}. The first "
                f"{min(CORPUS_MAIN_ACTORS, len(table))} are compared side by side. To study chosen actors with "
                "their aliases, put an `actors.csv` (columns `actor, label, main, alias, kind, note`) in the "
                "corpus's `lexicons/` folder.")
    if source == "own":
        return f"**Actors: the corpus's own list** (`lexicons/actors.csv`): {named}."
    return f"**Actors: the project's list** (`data/actors.csv`, written for the project's own corpus): {named}."


@data_cache
def _alias_index() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """First word of each alias -> [(alias words, actor, alias)], longest alias first."""
    index: dict[str, list] = {}
    for r in actor_aliases().itertuples():
        words = tuple(r.alias.split())
        index.setdefault(words[0], []).append((words, r.actor, r.alias, r.kind))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def actor_mentions(toks: pd.DataFrame) -> pd.DataFrame:
    """One row per actor mention: ``doc_id, sentence_id, token_id, actor, alias, kind, start, end``.

    ``kind`` is 'name' or 'adjective' ("Chinese"); ``start``/``end`` are offsets into the raw file. Tokens
    are split at hyphens and dashes first ("China-U.S." names China and the U.S.).
    """
    index = _alias_index()
    rows = match_aliases(toks, index)  # the loop below in one scan of the table (None: fast paths off)
    if rows is not None:
        return pd.DataFrame(rows, columns=MENTION_COLUMNS)
    tokens, starts, tids = toks["token"].tolist(), toks["start"].tolist(), toks["token_id"].tolist()
    rows = []
    for doc_id, sid, first, stop in sentence_slices(toks):
        words, begin, end, tid = [], [], [], []
        for k in range(first, stop):
            t = tokens[k]
            if "-" in t or "–" in t:
                for m in _PART.finditer(t):
                    words.append(m.group(0)), begin.append(starts[k] + m.start())
                    end.append(starts[k] + m.end()), tid.append(tids[k])
            else:
                words.append(t), begin.append(starts[k]), end.append(starts[k] + len(t)), tid.append(tids[k])
        i = 0
        while i < len(words):
            hit = next((e for e in index.get(words[i], ()) if tuple(words[i:i + len(e[0])]) == e[0]), None)
            if hit is None:
                i += 1
                continue
            n = len(hit[0])
            rows.append((doc_id, sid, tid[i], hit[1], hit[2], hit[3], begin[i], end[i + n - 1]))
            i += n
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def sentence_actors(sents: pd.DataFrame, mentions: pd.DataFrame) -> pd.Series:
    """Per sentence, the actor ids it names, sorted and joined by ';' (empty when none)."""
    named = mentions.groupby(["doc_id", "sentence_id"])["actor"].agg(lambda a: ";".join(sorted(set(a))))
    keys = pd.MultiIndex.from_frame(sents[["doc_id", "sentence_id"]])
    return pd.Series(named.reindex(keys).fillna("").to_numpy(), index=sents.index, name="actors")


def actor_labels() -> dict[str, str]:
    """Actor id -> name for people (the ``label`` column of the actor list; the id where a list has none)."""
    table = actor_aliases()
    if "label" not in table.columns:
        return {a: a for a in table["actor"]}
    return {a: (lab or a) for a, lab in zip(table["actor"], table["label"])}


def main_actors(mentions: pd.DataFrame, n: int = 4) -> list[str]:
    """The actors compared side by side: those marked ``main`` = 1 in the actor list, in list order; for a list
    without that column (or none marked), the ``n`` actors mentioned most often (ties by id)."""
    table = actor_aliases()
    if "main" in table.columns:
        marked = list(dict.fromkeys(table.loc[table["main"].str.strip() == "1", "actor"]))
        if marked:
            return marked
    counts = mentions.groupby("actor").size()
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [a for a, _ in ordered[:n]]


def actor_columns(sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    """Feature-table column ``actors``: the actor ids a sentence names, sorted, ';'-separated, empty when none."""
    return sentence_actors(sents, actor_mentions(toks)).to_frame()


def actor_salience(mentions: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    """Mentions per actor per document, per 1,000 words, and share of sentences naming the actor."""
    words = sents.groupby("doc_id", sort=False)["n_words"].sum()
    n_sents = sents.groupby("doc_id", sort=False).size()
    counts = mentions.groupby(["doc_id", "actor"]).size().rename("mentions")
    in_sents = mentions.drop_duplicates(["doc_id", "sentence_id", "actor"]).groupby(["doc_id", "actor"]).size()
    grid = pd.MultiIndex.from_product([list(words.index), sorted(actor_aliases()["actor"].unique())],
                                      names=["doc_id", "actor"])
    table = pd.DataFrame({"mentions": counts.reindex(grid, fill_value=0),
                          "sentences": in_sents.reindex(grid, fill_value=0)}).reset_index()
    table["per_1000_words"] = 1000 * table["mentions"] / table["doc_id"].map(words)
    table["share_of_sentences"] = table["sentences"] / table["doc_id"].map(n_sents)
    return table


def cooccurrence(mentions: pd.DataFrame) -> pd.DataFrame:
    """Edges ``doc_id, actor_a, actor_b, sentences``: how many sentences name both actors."""
    named: dict[tuple, set] = {}  # each sentence's actors, from plain columns (a pandas group per sentence cost
    for doc_id, sid, actor in zip(mentions["doc_id"].tolist(), mentions["sentence_id"].tolist(),  # the most)
                                  mentions["actor"].tolist()):
        if not (pd.isna(doc_id) or pd.isna(sid)):  # as grouping: a mention without its keys is left out
            named.setdefault((doc_id, sid), set()).add(actor)
    rows = [(doc_id, a, b) for (doc_id, _), found in named.items() for a, b in combinations(sorted(found), 2)]
    edges = pd.DataFrame(rows, columns=["doc_id", "actor_a", "actor_b"])
    return (edges.groupby(["doc_id", "actor_a", "actor_b"], sort=True).size().rename("sentences")
            .reset_index())


@lru_cache(maxsize=4096)
def verb_lemma(word: str, inflected_only: bool = True) -> str | None:
    """The verb lemma of ``word`` if ``lemminflect`` knows it as a verb (inflected forms only, by default)."""
    lemmas = getAllLemmas(word.lower())
    verb = lemmas.get("VERB") or lemmas.get("AUX")
    if not verb:
        return None
    if inflected_only and verb[0] == word.lower() and word.lower() not in {"is", "are", "was", "were"}:
        return None
    return verb[0]


@lru_cache(maxsize=4096)
def _can_be_adjective(word: str) -> bool:
    return "ADJ" in getAllLemmas(word)


def actor_actions(mentions: pd.DataFrame, toks: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    """What each actor does or can do: one row per actor + modal or actor + verb construction.

    Columns: ``doc_id, sentence_id, actor, alias, construction ('modal'|'verb'), modal, verb, head_token``
    (token id of the modal or verb: coordinated actors share it), ``negated``, ``phrase`` (raw text from the
    mention to the verb) and ``sentence``. Empty tables give an empty result with these columns.
    """
    names = mentions[mentions["kind"] == "name"]
    if names.empty or toks.empty:
        return pd.DataFrame([], columns=ACTION_COLUMNS)
    # each sentence's rows: its run of rows (token tables are in text order), else its rows grouped
    slices = sentence_slices(toks)
    runs = {(doc_id, sid): (first, stop) for doc_id, sid, first, stop in slices}
    positions = None if len(runs) == len(slices) else toks.groupby(["doc_id", "sentence_id"], sort=False).indices
    # the table's own strings and its integer arrays, read for the sentences that name an actor only
    strings = {c: column_list(toks, c) for c in ("lower", "token")}
    numbers = {c: toks[c].to_numpy() for c in ("start", "end", "token_id")}
    by_sentence: dict = {}  # the sentence of the last mention only: mentions come in text order

    def sentence(key) -> dict[str, list]:
        """One sentence's tokens as lists (built once per run of mentions in the same sentence)."""
        if key not in by_sentence:
            by_sentence.clear()
            if positions is None:
                first, stop = runs[key]
                rows_of = slice(first, stop)
                values = {c: v[rows_of] for c, v in strings.items()}
            else:
                rows_of = positions[key]
                values = {c: [v[i] for i in rows_of] for c, v in strings.items()}
            by_sentence[key] = {**values, **{c: a[rows_of].tolist() for c, a in numbers.items()}}
        return by_sentence[key]

    keys = list(zip(sents["doc_id"], sents["sentence_id"]))
    text, start_of = dict(zip(keys, sents["text"])), dict(zip(keys, sents["start"]))
    mention_tokens = {(r.doc_id, r.sentence_id, r.token_id) for r in mentions.itertuples()}
    rows = []
    for m in names.itertuples():
        sent = sentence((m.doc_id, m.sentence_id))
        lower, token, starts, ends, ids = sent["lower"], sent["token"], sent["start"], sent["end"], sent["token_id"]
        n = len(lower)
        pos = ids.index(m.token_id)
        # advance past the whole mention (multi-word aliases end at m.end)
        while pos + 1 < n and starts[pos + 1] < m.end:
            pos += 1
        j, plural, negated = pos + 1, False, False
        if j < n and lower[j] in _POSSESSIVE:
            continue
        while j < n:
            if lower[j] in _COORD or (m.doc_id, m.sentence_id, int(ids[j])) in mention_tokens:
                plural = plural or lower[j] == "and"
                j += 1
            elif lower[j] in _SKIP or lower[j].endswith("ly") and lower[j] not in {"apply", "rely", "supply"}:
                j += 1
            elif lower[j] in NEGATION:
                negated = True
                j += 1
            else:
                break
        if j >= n:
            continue
        modal, verb = None, None
        if lower[j] in MODALS:
            modal = {"ca": "can", "wo": "will"}.get(lower[j], lower[j])
            k = j + 1
            while k < n and (lower[k] in _SKIP or lower[k] in NEGATION or lower[k].endswith("ly")):
                negated = negated or lower[k] in NEGATION
                k += 1
            verb = verb_lemma(token[k], inflected_only=False) if k < n else None
            end = int(ends[min(k, n - 1)])
        else:
            verb = verb_lemma(token[j], inflected_only=not plural)
            if verb is None:
                continue
            end = int(ends[j])
            if verb in _AUXILIARIES:  # "did not offer", "has expressed": read through to the main verb
                k = j + 1
                while k < n and (lower[k] in _SKIP or lower[k] in NEGATION or lower[k].endswith("ly")):
                    negated = negated or lower[k] in NEGATION
                    k += 1
                main = verb_lemma(token[k], inflected_only=False) if k < n else None
                if main is not None and lower[k] not in _POSSESSIVE and main not in {"be"} | {verb}:
                    if verb != "be" or (lower[k].endswith(("ed", "en", "ing")) and not _can_be_adjective(lower[k])):
                        verb, end = main, int(ends[k])
        key = (m.doc_id, m.sentence_id)
        offset = int(start_of[key])
        rows.append({"doc_id": m.doc_id, "sentence_id": m.sentence_id, "actor": m.actor, "alias": m.alias,
                     "construction": "modal" if modal else "verb", "modal": modal or "", "verb": verb or "",
                     "head_token": int(ids[j]), "negated": negated,
                     "phrase": text[key][m.start - offset:end - offset], "sentence": text[key]})
    return pd.DataFrame(rows, columns=ACTION_COLUMNS)


def constructions_per_sentence(sents: pd.DataFrame, actions: pd.DataFrame, construction: str = "modal") -> pd.Series:
    """Actor + modal (or + verb) constructions per sentence, each counted once per modal or verb token: "the
    U.S. and China can" is one construction with two actors, not two (index of ``sents``)."""
    part = actions[actions["construction"] == construction].drop_duplicates(["doc_id", "sentence_id", "head_token"])
    counts = part.groupby(["doc_id", "sentence_id"]).size()
    keys = pd.MultiIndex.from_frame(sents[["doc_id", "sentence_id"]])
    return pd.Series(counts.reindex(keys, fill_value=0).to_numpy(), index=sents.index, name=f"actor_{construction}")
