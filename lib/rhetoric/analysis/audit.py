"""Check an instrument on your own corpus: a sample of a measure's hits to hand-code, its precision, and KWIC.

A dictionary measure counts *hits*: words or phrases its instrument found in a sentence. Whether those hits
carry the construct in a corpus the instrument was not built on is an empirical question, answered by reading
a random sample of them. :func:`draw_sheet` draws such a sample for one registered measure (seeded, stratified
by group with proportional allocation and at least :data:`MIN_PER_GROUP` hits per group where a group has
them), each hit with its document, group, sentence, character offsets into the raw file, the matched words and
its sentence with the hit marked ``[[...]]``, and empty ``label`` (1 correct, 0 wrong) and ``note`` columns.
:func:`score_sheet` reads the coded sheet back: precision per category, per group and overall, with Wilson
95% intervals. The overall precision is that of the coded sample (unweighted): the allocation is proportional
except where a small group was topped up to its minimum.

The hits are the instrument's own hit finders, exactly what the feature-table column of the measure counts
(context rules, vetoes and the writer's-voice rule applied): frames :func:`~rhetoric.instruments.frames.frame_hits`,
Entman's functions :func:`~rhetoric.instruments.frames.entman_hits`, metadiscourse (hedges from the uncertainty
detector) :func:`~rhetoric.instruments.hedging.markers`, modals and conditionals
:func:`~rhetoric.instruments.hedging.modals` / :func:`~rhetoric.instruments.hedging.conditionals`, argument
markers :func:`~rhetoric.instruments.argument.marker_hits`. Measures that are not counts of hits (readability
formulas, tone means, sentence length, questions) have nothing to audit this way; :func:`kwic` shows any word
or phrase in context instead.

One measure is audited for agreement instead of precision: :data:`TONE_MEASURE` (``target_tone``, the tone toward
each actor mention, :mod:`rhetoric.instruments.target_tone`). Its sheet has one row per mention of the actor list
in force (the corpus's own with ``--lexicons``, the project's on its own corpus, else the actors the corpus names
most often), the mention marked in its sentence, the instrument's ``tone`` and ``score`` in the last columns (hide
them while coding, so they do not lead), and ``label`` for the coder's -1, 0 or 1;
:func:`tone_agreement` scores it: per class precision, recall and F1, macro-F1 and accuracy, with bootstrap 95%
intervals over documents.
"""
from __future__ import annotations

import difflib
import io
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from rhetoric.analysis.agreement import wilson_interval
from rhetoric.base.errors import InputError
from rhetoric.instruments import actors, argument, frames, hedging, registry, target_tone
from rhetoric.io.corpus import Corpus, is_project_corpus
from rhetoric.io.outputs import restore_formulas
from rhetoric.language.matching import match_terms
from rhetoric.language.tokens import measured_lower, sentences_and_tokens, split_words

#: The columns of an audit sheet, in order.
SHEET_COLUMNS = ["measure", "category", "group", "doc_id", "sentence_id", "start", "end", "term", "matched",
                 "context", "label", "note"]
#: The columns of a keyword-in-context table.
KWIC_COLUMNS = ["doc_id", "group", "sentence_id", "start", "end", "left", "match", "right"]
#: Hits drawn from each group at least (or all it has), whatever its share of the hits.
MIN_PER_GROUP = 5
#: How a hit is marked in its sentence.
MARK = ("[[", "]]")
#: Articles tokenised at a time (memory stays bounded on a large corpus).
CHUNK = 64
#: The tone toward actor mentions: audited for agreement (labels -1, 0, 1), not precision.
TONE_MEASURE = "target_tone"
#: Resamples of documents for the intervals of :func:`tone_agreement`, and their seed.
TONE_RESAMPLES, TONE_SEED = 2000, 20261207


@dataclass(frozen=True)
class Finder:
    """A measure's hits: ``find(sents, toks)`` returns the instrument's hits with a ``category`` column, and
    those whose category is ``category`` are the measure's."""

    instrument: str
    category: str
    find: Callable[[pd.DataFrame, pd.DataFrame], pd.DataFrame]


def _frames(sents, toks):
    return frames.frame_hits(toks).rename(columns={"frame": "category"})


def _entman(sents, toks):
    return frames.entman_hits(toks).rename(columns={"function": "category"})


def _metadiscourse(sents, toks):
    return hedging.markers(toks, sents)


def _modal_types(sents, toks):
    return hedging.modals(toks, sents).rename(columns={"type": "category"})


def _modal_readings(sents, toks):
    return hedging.modals(toks, sents).rename(columns={"reading": "category"})


def _conditionals(sents, toks):
    hits = hedging.conditionals(toks)
    return hits.assign(term=hits["matched"].str.lower(), category="conditionals")


def _markers(sents, toks):
    return argument.marker_hits(toks, sents)


def _target_tone(sents, toks):
    """Every actor mention (names) with the target-tone instrument's tone: the hits of :data:`TONE_MEASURE`."""
    mentions = actors.actor_mentions(toks)
    toned = target_tone.score_mentions(toks, mentions[mentions["kind"] == "name"])
    return toned.assign(category=TONE_MEASURE, term=toned["actor"], matched=toned["alias"])


def finder(measure: str) -> Finder:
    """The hit finder of the registered measure called ``measure`` (or of :data:`TONE_MEASURE`); an
    :class:`InputError` naming it when it is not registered or is not a count of hits."""
    if measure == TONE_MEASURE:
        return Finder("target_tone", TONE_MEASURE, _target_tone)
    try:
        m = registry.get(measure)
    except KeyError:
        names = {**{m.column: m.name for m in registry.measures() if m.column},
                 **{m.name: m.name for m in registry.measures()}}
        close = [n for n in names.values() if measure.lower() in n][:5] or list(dict.fromkeys(
            names[c] for c in difflib.get_close_matches(measure, list(names), 3)))
        hint = f" (did you mean {', '.join(close)}?)" if close else " (rhetoric audit --help lists those with hits)"
        raise InputError(measure, f"no registered measure of that name{hint}") from None
    col = m.column
    if m.builder == "frames" and col.startswith("frame_"):
        return Finder("frames", col.removeprefix("frame_"), _frames)
    if m.builder == "entman" and col.startswith("entman_"):
        return Finder("entman", col.removeprefix("entman_"), _entman)
    if m.builder == "metadiscourse":
        by_column = {v: k for k, v in hedging.FEATURE_NAMES.items()}
        if col in by_column:
            return Finder(m.instrument, by_column[col], _metadiscourse)
        kind = col.removeprefix("modal_")
        if kind in hedging.MODAL_TYPES:
            return Finder("modals", kind, _modal_types)
        if kind in ("epistemic", "deontic"):
            return Finder("modals", kind, _modal_readings)
        if col == "conditionals":
            return Finder("modals", "conditionals", _conditionals)
    if m.builder == "argument" and col in argument.MARKER_CATEGORIES:
        return Finder("argument", col, _markers)
    raise InputError(measure, f"the measure has no hits to audit ({m.label}: not a count of words an instrument "
                     "found); read words in context with rhetoric kwic WORD --corpus DIR")


def auditable() -> list[str]:
    """The registered measures that count hits (what :func:`finder` accepts), in registry order."""
    out = []
    for m in registry.measures():
        try:
            finder(m.name)
        except InputError:
            continue
        out.append(m.name)
    return out


def _chunks(corpus: Corpus, size: int = CHUNK) -> Iterator[Corpus]:
    docs = corpus.documents
    for k in range(0, len(docs), size):
        part = docs.iloc[k:k + size].reset_index(drop=True)
        yield Corpus(directory=corpus.directory, documents=part,
                     raw={d: corpus.raw[d] for d in part["doc_id"]})


def _marked(text: str, a: int, b: int, width: int | None) -> str:
    """``text`` with ``[a, b)`` marked; with ``width``, at most that many characters either side (``…``)."""
    if width is not None:  # cut before copying: a sentence may be thousands of characters long
        text, a, b = text[max(a - width - 1, 0):b + width + 1], min(a, width + 1), min(a, width + 1) + (b - a)
    left, right = text[:a], text[b:]
    if width is not None:
        left = ("…" + left[-width:]) if len(left) > width else left
        right = (right[:width] + "…") if len(right) > width else right
    return " ".join(f"{left}{MARK[0]}{text[a:b]}{MARK[1]}{right}".split())


#: Characters of a hit's sentence shown either side of it on an audit sheet (``…`` where cut): enough for any
#: ordinary sentence, and a bound on the sheet's memory, which holds a context for every hit before the draw (issue
#: 37: a 1,000,000-character article of 83,000 hits in sentences of 4,500 characters took 2.5 GB without it).
CONTEXT_CHARS = 300


def measure_hits(corpus: Corpus, measure: str, width: int | None = CONTEXT_CHARS) -> pd.DataFrame:
    """Every hit of ``measure`` in ``corpus``: the sheet's columns (``label`` and ``note`` empty), sorted by
    group, document, offset (so a draw does not depend on the order of ``metadata.csv``); ``width`` characters of
    the sentence either side of each (``None``: the whole sentence)."""
    found = finder(measure)
    group = dict(zip(corpus.documents["doc_id"], corpus.documents["stance"]))
    parts = []
    for part in _chunks(corpus):
        sents, toks = sentences_and_tokens(part)
        hits = found.find(sents, toks)
        hits = hits[hits["category"] == found.category]
        if hits.empty:
            continue
        # each hit's sentence by position: one Python string per sentence, shared by its hits (a table of the
        # sentences per hit copied each sentence once per hit: gigabytes for long sentences dense with hits)
        row_of = {key: i for i, key in enumerate(zip(sents["doc_id"].tolist(), sents["sentence_id"].tolist()))}
        texts, starts = sents["text"].tolist(), sents["start"].tolist()
        rows = [row_of[key] for key in zip(hits["doc_id"].tolist(), hits["sentence_id"].tolist())]
        spans = list(zip(rows, hits["start"].tolist(), hits["end"].tolist()))
        context = [_marked(texts[r], a - starts[r], b - starts[r], width) for r, a, b in spans]
        if found.instrument == "target_tone":  # the mention as written (an alias matches parts of a token too)
            matched = [texts[r][a - starts[r]:b - starts[r]] for r, a, b in spans]
        else:
            matched = hits["matched"].to_numpy()
        parts.append(pd.DataFrame({
            "measure": measure, "category": found.category, "group": hits["doc_id"].map(group).to_numpy(),
            "doc_id": hits["doc_id"].to_numpy(), "sentence_id": hits["sentence_id"].to_numpy(),
            "start": hits["start"].to_numpy(), "end": hits["end"].to_numpy(), "term": hits["term"].to_numpy(),
            "matched": matched, "context": context, "label": "", "note": "",
            **({"tone": hits["tone"].to_numpy(), "score": hits["score"].round(4).to_numpy()}
               if found.instrument == "target_tone" else {})}))
    columns = [*SHEET_COLUMNS, *(("tone", "score") if found.instrument == "target_tone" else ())]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("sentence_id", "start", "end", "tone") else
                                          "float64" if c == "score" else object) for c in columns})
    table = pd.concat(parts, ignore_index=True)[columns]
    return table.sort_values(["group", "doc_id", "start", "end"], kind="mergesort").reset_index(drop=True)


def allocation(sizes: dict[str, int], n: int, minimum: int = MIN_PER_GROUP) -> dict[str, int]:
    """How many of ``n`` draws each group gets: in proportion to its ``sizes`` (largest remainders), each
    raised to ``minimum`` (or all it has), the excess taken back from the groups furthest above their minimum,
    so the total is ``min(n, sum(sizes))`` (more only when the minima alone exceed ``n``)."""
    total = sum(sizes.values())
    if total <= n:
        return dict(sizes)
    names = sorted(sizes)
    exact = {g: n * sizes[g] / total for g in names}
    quota = {g: int(np.floor(exact[g])) for g in names}
    for g in sorted(names, key=lambda g: (-(exact[g] - quota[g]), g))[:n - sum(quota.values())]:
        quota[g] += 1
    floor = {g: min(minimum, sizes[g]) for g in names}
    quota = {g: max(quota[g], floor[g]) for g in names}
    excess = sum(quota.values()) - n
    while excess > 0:
        room = {g: quota[g] - floor[g] for g in names if quota[g] > floor[g]}
        if not room:
            break
        g = max(sorted(room), key=lambda g: room[g])
        quota[g] -= 1
        excess -= 1
    return quota


def draw_sheet(hits: pd.DataFrame, n: int, seed: int, minimum: int = MIN_PER_GROUP) -> pd.DataFrame:
    """A seeded random sample of about ``n`` of ``hits`` (from :func:`measure_hits`), stratified by group
    (:func:`allocation`); the same hits and seed give the same sheet. Rows in (group, document, offset) order."""
    if n < 1:
        raise InputError("--n", f"must be at least 1 (got {n})")
    rng = np.random.default_rng(seed)
    sizes = hits["group"].value_counts().to_dict()
    quota = allocation({str(g): int(k) for g, k in sizes.items()}, n, minimum)
    picked = []
    for g in sorted(quota):
        part = hits[hits["group"] == g]
        idx = rng.choice(len(part), size=quota[g], replace=False)
        picked.append(part.iloc[np.sort(idx)])
    if not picked:
        return hits.iloc[0:0]
    return pd.concat(picked, ignore_index=True)[[*SHEET_COLUMNS, *[c for c in hits.columns if c not in SHEET_COLUMNS]]]


@contextmanager
def actor_list(corpus: Corpus, lexicons: Path | str | None) -> Iterator[None]:
    """The actor list a run would use on ``corpus`` active inside the block (as
    :func:`rhetoric.run.notebook.start` chooses it: the ``actors.csv`` of ``lexicons``, the project's list on the
    project's corpus, else the actors the corpus names most often), the previous one afterwards."""
    previous = dict(actors._SOURCE)
    if lexicons is not None and (Path(lexicons) / "actors.csv").is_file():
        actors.use_actor_list("own")
    elif is_project_corpus(corpus):
        actors.use_actor_list("project")
    else:
        actors.use_actor_list("corpus", derive=lambda: sentences_and_tokens(corpus)[1])
    try:
        yield
    finally:
        actors.use_actor_list(previous["source"], derive=previous.get("derive"), listing=previous.get("listing"))


def is_tone_sheet(sheet: pd.DataFrame) -> bool:
    """A sheet of :data:`TONE_MEASURE` (labels -1, 0, 1)."""
    return "measure" in sheet.columns and bool(len(sheet)) and set(sheet["measure"]) == {TONE_MEASURE}


def read_sheet(path: Path | str) -> pd.DataFrame:
    """A coded sheet with its labels checked: ``label`` is 0, 1 or empty (not coded), or for a sheet of
    :data:`TONE_MEASURE` -1, 0, 1 or empty; anything else is one :class:`InputError` naming the line. Adds
    ``coded`` (bool) and ``correct`` (0/1; for a tone sheet, the coder's label equals the instrument's tone)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "does not exist" if not path.exists() else "is not a file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
        sheet = restore_formulas(pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False))
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(path, f"cannot be read as a CSV audit sheet ({' '.join(str(exc).split())})") from None
    missing = [c for c in ("category", "label") if c not in sheet.columns]
    if missing:
        raise InputError(path, f"missing column(s) {', '.join(missing)}: not an audit sheet (rhetoric audit "
                         "MEASURE writes one)")
    labels = sheet["label"].str.strip()
    tone = is_tone_sheet(sheet)
    allowed = ["", "-1", "0", "1"] if tone else ["", "0", "1"]
    bad = labels[~labels.isin(allowed)]
    if len(bad):
        i = bad.index[0]
        what = "-1 (negative), 0 (neutral), 1 (positive)" if tone else "1 (correct), 0 (wrong)"
        raise InputError(path, f"line {i + 2}: label '{bad.iloc[0]}' is not {what} or empty "
                         f"(not coded){f'; {len(bad) - 1} more such line(s)' if len(bad) > 1 else ''}")
    sheet, labels = _one_row_per_hit(sheet, labels, path)
    if tone:
        if "tone" not in sheet.columns or not sheet["tone"].str.strip().isin(["-1", "0", "1"]).all():
            raise InputError(path, "a target_tone sheet needs its column tone (-1, 0 or 1 on every line), as "
                             "rhetoric audit target_tone writes it")
        return sheet.assign(coded=labels != "", correct=(labels == sheet["tone"].str.strip()).astype(int))
    return sheet.assign(coded=labels != "", correct=(labels == "1").astype(int))


#: What names one hit on a sheet: a row repeating these is the same hit again.
HIT_KEY = ("measure", "category", "doc_id", "start", "end")


def _one_row_per_hit(sheet: pd.DataFrame, labels: pd.Series, path: Path) -> tuple[pd.DataFrame, pd.Series]:
    """Each hit once (issue 37: a sheet whose rows were pasted twice was scored "56 of 56 coded" for 28 hits): rows
    repeating a hit (:data:`HIT_KEY`) are counted once, keeping the coded one; two different labels for one hit are
    an :class:`InputError` naming their lines. How many rows were dropped is in ``sheet.attrs["duplicates"]``."""
    key = [c for c in HIT_KEY if c in sheet.columns]
    if not {"doc_id", "start", "end"} <= set(key):
        return sheet, labels
    ids = sheet[key].apply(lambda c: c.str.strip())
    coded = labels != ""
    clash = ids[coded].assign(label=labels[coded]).drop_duplicates().duplicated(key, keep=False)
    if clash.any():
        first = ids[coded][clash].iloc[0]
        same = ids.index[(ids == first).all(axis=1)]
        lines = ", ".join(str(i + 2) for i in same[:10])
        raise InputError(path, f"lines {lines} code the same hit ({first['doc_id']}, characters {first['start']}-"
                         f"{first['end']}) with different labels ({', '.join(sorted(set(labels[same]) - {''}))}): "
                         "give each hit one label")
    order = (~coded).astype(int).sort_values(kind="mergesort").index  # coded rows first, else sheet order
    keep = ids.loc[order].drop_duplicates().index.sort_values()
    out = sheet.loc[keep].reset_index(drop=True)
    out.attrs["duplicates"] = len(sheet) - len(keep)
    return out, labels.loc[keep].reset_index(drop=True)


def tone_agreement(sheet: pd.DataFrame, n: int = TONE_RESAMPLES, seed: int = TONE_SEED) -> pd.DataFrame:
    """Agreement of the instrument's tone with the coder's labels on a coded :data:`TONE_MEASURE` sheet (from
    :func:`read_sheet`): a row per class (the coder's label as truth: precision, recall and F1 of the instrument),
    ``macro`` (mean F1 over the classes) and ``accuracy``; ``coded`` (the coder's labels of the class), each
    figure with a percentile 95% interval from ``n`` resamples of documents (``seed``)."""
    coded = sheet[sheet["coded"]]
    gold = coded["label"].str.strip().astype(int).to_numpy()
    pred = coded["tone"].str.strip().astype(int).to_numpy()
    docs = sorted(set(coded["doc_id"]))
    position = {d: k for k, d in enumerate(docs)}
    per_doc = np.zeros((len(docs), 3, 3))
    np.add.at(per_doc, (coded["doc_id"].map(position).to_numpy().astype(int), gold + 1, pred + 1), 1)

    def measures(m: np.ndarray) -> np.ndarray:
        """precision, recall, F1 per class, then macro-F1 and accuracy (last axis), of confusion matrices."""
        tp = np.diagonal(m, axis1=-2, axis2=-1)
        predicted, actual = m.sum(axis=-2), m.sum(axis=-1)
        with np.errstate(divide="ignore", invalid="ignore"):
            p = np.where(predicted > 0, tp / np.maximum(predicted, 1), np.nan)
            r = np.where(actual > 0, tp / np.maximum(actual, 1), np.nan)
            f = np.where(p + r > 0, 2 * p * r / np.where(p + r > 0, p + r, 1), 0.0)
            f = np.where(np.isnan(p) | np.isnan(r), np.nan, f)
            total = m.sum(axis=(-2, -1))
            accuracy = np.where(total > 0, tp.sum(axis=-1) / np.maximum(total, 1), np.nan)
        return np.concatenate([p, r, f, np.nanmean(f, axis=-1, keepdims=True) if f.size else f[..., :1],
                               accuracy[..., None]], axis=-1)

    rows = []
    if len(docs):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a class absent from a resample: no F1 there
            point = measures(per_doc.sum(axis=0))
            rng = np.random.default_rng(seed)
            draws = rng.integers(0, len(docs), size=(n, len(docs)))
            weights = np.stack([np.bincount(d, minlength=len(docs)) for d in draws])
            boot = measures(np.einsum("bd,dij->bij", weights, per_doc))
            low, high = np.nanpercentile(boot, 2.5, axis=0), np.nanpercentile(boot, 97.5, axis=0)
    else:
        point = low = high = np.full(11, np.nan)
    support = np.bincount(gold + 1, minlength=3) if len(gold) else np.zeros(3, dtype=int)
    for k, name in enumerate(("negative", "neutral", "positive")):
        rows.append({"by": "class", "value": name, "coded": int(support[k]),
                     **{f"{w}{s}": v[i * 3 + k] for i, w in enumerate(("precision", "recall", "f1"))
                        for s, v in (("", point), ("_low", low), ("_high", high))}})
    for name, i in (("macro-F1", 9), ("accuracy", 10)):
        rows.append({"by": "all", "value": name, "coded": int(len(gold)), "f1": point[i], "f1_low": low[i],
                     "f1_high": high[i]})
    columns = ["by", "value", "coded", "precision", "precision_low", "precision_high", "recall", "recall_low",
               "recall_high", "f1", "f1_low", "f1_high"]
    return pd.DataFrame(rows, columns=columns)


def score_sheet(sheet: pd.DataFrame) -> pd.DataFrame:
    """Precision of the coded hits of ``sheet`` (from :func:`read_sheet`): one row per category, per group
    (when the sheet has groups) and overall, with ``by, value, coded, correct, precision, ci_low, ci_high``
    (Wilson 95%)."""
    coded = sheet[sheet["coded"]]
    levels = [("category", g, p) for g, p in coded.groupby("category", sort=True)]
    if "group" in coded.columns:
        levels += [("group", g, p) for g, p in coded.groupby("group", sort=True)]
    levels.append(("all", "all", coded))
    rows = []
    for by, value, part in levels:
        n, k = len(part), int(part["correct"].sum())
        low, high = wilson_interval(k, n)
        rows.append({"by": by, "value": value, "coded": n, "correct": k,
                     "precision": k / n if n else float("nan"), "ci_low": low, "ci_high": high})
    return pd.DataFrame(rows, columns=["by", "value", "coded", "correct", "precision", "ci_low", "ci_high"])


def _phrase(term: str) -> str:
    """A word or phrase as the word lists spell terms: its tokens as the tokenizer splits running text (``U.S.``
    one token, ``Iran’s`` two: ``iran 's``), lower-cased, ’ read as ' (as tokens are matched), separated by
    spaces (a final ``*`` kept as a wildcard ending). Each word is split followed by another word, as in a
    sentence: alone, a final full stop would be read as the sentence's end (issue 37: ``kwic 'U.S.'`` found
    nothing)."""
    words = []
    for word in term.split():
        star = word.endswith("*") and len(word) > 1
        core = word[:-1] if star else word
        spans = split_words(core + " x")[:-1]  # the word inside a sentence; the stand-in word after it dropped
        parts = [measured_lower(core[a:b]).replace("’", "'") for a, b in spans] or [measured_lower(core)]
        if star:
            parts[-1] += "*"
        words += parts
    return " ".join(words)


def is_measure(term: str) -> bool:
    """Whether ``term`` is the name of a registered measure."""
    return any(m.name == term for m in registry.measures())


def kwic(corpus: Corpus, term: str, width: int = 60) -> pd.DataFrame:
    """Keyword in context on a whole corpus: every occurrence of a word or phrase (tokens matched as the word
    lists match them, case-insensitive, a final ``*`` a wildcard ending), or, for a registered measure's
    name, every hit of the measure; ``width`` characters of the sentence either side."""
    if width < 1:
        raise InputError("--width", f"must be at least 1 (got {width})")
    found = finder(term) if is_measure(term) else None
    phrase = "" if found else _phrase(term)
    if found is None and not phrase.strip("* "):
        raise InputError(term or "TERM", "give a word or phrase (or a measure name) to look for")
    group = dict(zip(corpus.documents["doc_id"], corpus.documents["stance"]))
    rows = []
    for part in _chunks(corpus):
        sents, toks = sentences_and_tokens(part)
        if found is not None:
            hits = found.find(sents, toks)
            hits = hits[hits["category"] == found.category]
        else:
            hits = match_terms(toks, [phrase])
        if hits.empty:
            continue
        row_of = {key: i for i, key in enumerate(zip(sents["doc_id"].tolist(), sents["sentence_id"].tolist()))}
        texts, starts = sents["text"].tolist(), sents["start"].tolist()  # one string per sentence (see measure_hits)
        for h in hits.itertuples(index=False):
            r = row_of[(h.doc_id, h.sentence_id)]
            text, s = texts[r], starts[r]
            a, b = h.start - s, h.end - s
            left, right = " ".join(text[:a].split()), " ".join(text[b:].split())
            left = ("…" + left[-width:]) if len(left) > width else left
            right = (right[:width] + "…") if len(right) > width else right
            rows.append((h.doc_id, group[h.doc_id], int(h.sentence_id), int(h.start), int(h.end), left,
                         text[a:b], right))
    table = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    return table.sort_values(["group", "doc_id", "start"], kind="mergesort").reset_index(drop=True)
