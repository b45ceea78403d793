"""Develop, cross-validate and freeze the target-tone instrument (:mod:`rhetoric.instruments.target_tone`) on NewsMTSC.

Data (read-only, never copied into the repository): ``../shared/dev/newsmtsc/train.jsonl``, the training split of
NewsMTSC (Hamborg & Donnay 2021, EACL; MIT licence): 7,758 sentences of political news, each target mention with the
sentiment toward it as crowd coders judged it (polarity 2/4/6 = negative/neutral/positive). The authors' test sets
are not read here, nor anywhere in the project's development.

Unit: one labelled target (its primary mention; the automatically found coreferent ``further_mentions`` are not
used). Article: the part of ``primary_gid`` before the sentence number (``allsides_1000_401``,
``polusa_v1_113704059_-1``); every fold, inner and outer, keeps an article's sentences together.

Rules compared (out-of-fold for the model; the two old rules have nothing to fit):

* ``sentence_vader``: the sentence's VADER compound at +-0.05 (what ``rhetoric.analysis.actor_tone.actor_tone`` reads);
* ``sentence_vader_misreads``: the same with the project's misread words neutralised
  (:func:`rhetoric.instruments.sentiment.compound_without`);
* ``target_tone``: the instrument: :func:`rhetoric.instruments.target_tone.mention_features` of the mention in its
  sentence, read by :func:`~rhetoric.instruments.target_tone.text_context` exactly as ``rhetoric target-tone`` reads
  a mention; a multinomial logistic regression (scikit-learn, lbfgs, L2); features kept when they occur in at
  least :data:`MIN_ARTICLES` training articles; C chosen from :data:`C_GRID` by macro-F1 in an inner grouped
  :data:`INNER_FOLDS`-fold CV inside each outer training set (nested), outer :data:`OUTER_FOLDS` folds grouped by
  article.

Figures: macro-F1 and per-class precision, recall and F1, each with a percentile 95% interval from
:data:`BOOTSTRAP` resamples of articles (seed :data:`SEED`), on all targets and on the targets of sentences whose
coders gave their targets different tones (``subset = mixed``: where target-dependence is all that counts).

Freezing: C chosen by grouped CV on the whole split, refitted on all of it, weights rounded to 10 significant
digits. Writes ``lib/rhetoric/data/target_tone_model.csv`` (the weights, each row with the number of training
articles it occurs in and what it is), ``target_tone_cv.csv`` (the evaluation) and ``target_tone_cv_predictions.csv``
(per target: article id, sentence number, offsets, the coders' label and each rule's out-of-fold label: ids and
numbers only, from which the evaluation is recomputed exactly). Byte-identical on a rerun.

How the features came about (said so that the figures are read for what they are): the feature families were
chosen by comparing about fifteen variants with the same grouped cross-validation (lexicon valence by side and
distance; role, attribution and quotation cues; window words; sentence words; clause words, bigrams, distance
weighting, coreferent mentions as extra training rows, class weights: the last five were dropped, adding
nothing). Only C is chosen inside the folds, so the cross-validated figures are somewhat optimistic; NewsMTSC's
two test sets, which nobody developing it has seen, are the independent check.

Usage: ``python -m rhetoric_dev.target_tone`` (about a minute of CPU; also rewrites the figures block of
``docs/target-tone.md``); ``--bench CORPUS`` instead measures the CPU time of the target tone beside the feature table.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from rhetoric.base.atomic_files import atomic_write
from rhetoric.base.paths import DATA, DEV, ROOT
from rhetoric.instruments import target_tone as tt

TRAIN = DEV / "newsmtsc" / "train.jsonl"
MODEL_OUT = DATA / tt.MODEL_FILE
CV_OUT = DATA / tt.CV_FILE
PREDICTIONS_OUT = DATA / "target_tone_cv_predictions.csv"
POLARITY = {2.0: -1, 4.0: 0, 6.0: 1}
OUTER_FOLDS = 5
INNER_FOLDS = 4
C_GRID = (0.02, 0.05, 0.1, 0.2)
MIN_ARTICLES = 3
BOOTSTRAP = 2000
SEED = 20261207
SIGNIFICANT = 10
RULES = ("sentence_vader", "sentence_vader_misreads", "target_tone")
CV_COLUMNS = ["rule", "subset", "class", "support", "precision", "precision_low", "precision_high", "recall",
              "recall_low", "recall_high", "f1", "f1_low", "f1_high", "targets", "articles"]
PREDICTION_COLUMNS = ["article", "sentence", "start", "end", "gold", "fold", *RULES, "mixed"]
_GID = re.compile(r"^(allsides_\d+_\d+|polusa_v1_\d+_-?\d+)_(\d+)_")


@dataclass
class Targets:
    """Every labelled target of the split: features, label, article, and the two old rules' labels."""

    features: list[dict[str, float]]
    gold: np.ndarray
    article: np.ndarray
    sentence: np.ndarray
    start: np.ndarray
    end: np.ndarray
    old: dict[str, np.ndarray]
    mixed: np.ndarray  # the sentence's targets carry different labels


def article_of(gid: str) -> tuple[str, int]:
    """The article and sentence number of a ``primary_gid``."""
    m = _GID.match(gid)
    if m is None:
        raise ValueError(f"primary_gid {gid!r}: no article and sentence number")
    return m.group(1), int(m.group(2))


def vader_class(compound: float, threshold: float = 0.05) -> int:
    return 1 if compound >= threshold else -1 if compound <= -threshold else 0


def load(path: Path = TRAIN) -> Targets:
    from rhetoric.instruments.sentiment import compound_without, vader_polarity

    misread = set(tt.misread_list())
    feats, gold, article, sentence, start, end, plain, neutral, mixed = [], [], [], [], [], [], [], [], []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            text = row["sentence_normalized"]
            art, number = article_of(row["primary_gid"])
            c_plain = vader_class(vader_polarity(text)["compound"])
            c_neutral = vader_class(compound_without(text, misread))
            labels = {POLARITY[t["polarity"]] for t in row["targets"]}
            for t in row["targets"]:
                context = tt.text_context(text, t["from"], t["to"])
                if context is None:
                    raise ValueError(f"{row['primary_gid']}: target {t['from']}-{t['to']} covers no token")
                feats.append(tt.mention_features(*context))
                gold.append(POLARITY[t["polarity"]])
                article.append(art)
                sentence.append(number)
                start.append(t["from"])
                end.append(t["to"])
                plain.append(c_plain)
                neutral.append(c_neutral)
                mixed.append(len(labels) > 1)
    return Targets(features=feats, gold=np.array(gold), article=np.array(article), sentence=np.array(sentence),
                   start=np.array(start), end=np.array(end),
                   old={"sentence_vader": np.array(plain), "sentence_vader_misreads": np.array(neutral)},
                   mixed=np.array(mixed))


def folds(groups: np.ndarray, k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    from sklearn.model_selection import GroupKFold

    return list(GroupKFold(n_splits=k).split(np.zeros(len(groups)), groups=groups))


def vocabulary(feats: list[dict[str, float]], groups: np.ndarray, rows: np.ndarray) -> tuple[list[str], dict]:
    """The features occurring in at least :data:`MIN_ARTICLES` articles among ``rows``, sorted, and the number of
    articles each occurs in."""
    seen: dict[str, set] = {}
    for i in rows:
        for name, value in feats[i].items():
            if value:
                seen.setdefault(name, set()).add(groups[i])
    counts = {name: len(arts) for name, arts in seen.items() if len(arts) >= MIN_ARTICLES}
    return sorted(counts), counts


def design(feats: list[dict[str, float]], rows: np.ndarray, names: list[str]):
    """The rows' features as a sparse matrix over ``names`` (the library's own :meth:`Model.matrix`)."""
    index = tt.Model(names, np.zeros((len(names), len(tt.CLASSES))), np.zeros(len(tt.CLASSES)))
    return index.matrix([feats[i] for i in rows])


def fit(feats, gold, groups, rows: np.ndarray, c: float):
    """A logistic regression fitted on ``rows`` with its vocabulary: ``(model, names, article counts)``."""
    from sklearn.linear_model import LogisticRegression

    names, counts = vocabulary(feats, groups, rows)
    clf = LogisticRegression(C=c, max_iter=5000, tol=1e-8)
    clf.fit(design(feats, rows, names), gold[rows])
    return clf, names, counts


def predict(clf, names, feats, rows: np.ndarray) -> np.ndarray:
    return clf.predict(design(feats, rows, names))


def macro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    return float(np.mean(per_class(confusion(gold, pred))[2]))


def confusion(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """3x3 counts, gold class by predicted class, in :data:`CLASSES` order."""
    m = np.zeros((3, 3))
    np.add.at(m, (gold + 1, pred + 1), 1)
    return m


def per_class(m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision, recall and F1 of each class from confusion matrices (``(..., 3, 3)``); 0 where undefined."""
    tp = np.diagonal(m, axis1=-2, axis2=-1)
    predicted, actual = m.sum(axis=-2), m.sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(predicted > 0, tp / predicted, 0.0)
        r = np.where(actual > 0, tp / actual, 0.0)
        f = np.where(p + r > 0, 2 * p * r / (p + r), 0.0)
    return p, r, f


def choose_c(feats, gold, groups, rows: np.ndarray, k: int) -> tuple[float, dict[float, float]]:
    """C of :data:`C_GRID` with the best macro-F1 in a grouped ``k``-fold CV inside ``rows`` (the smaller C on a
    tie), and each C's score."""
    scores = {}
    inner = folds(groups[rows], k)
    for c in C_GRID:
        pred = np.zeros(len(rows), dtype=np.int64)
        for tr, te in inner:
            clf, names, _ = fit(feats, gold, groups, rows[tr], c)
            pred[te] = predict(clf, names, feats, rows[te])
        scores[c] = macro_f1(gold[rows], pred)
    best = max(C_GRID, key=lambda c: (round(scores[c], 10), -c))
    return best, scores


def cross_validate(data: Targets, log=print) -> tuple[np.ndarray, np.ndarray, list[float]]:
    """Nested grouped CV: the out-of-fold labels of the instrument, each target's outer fold, the C of each fold."""
    pred = np.zeros(len(data.gold), dtype=np.int64)
    fold_of = np.zeros(len(data.gold), dtype=np.int64)
    chosen = []
    for k, (tr, te) in enumerate(folds(data.article, OUTER_FOLDS)):
        c, scores = choose_c(data.features, data.gold, data.article, tr, INNER_FOLDS)
        clf, names, _ = fit(data.features, data.gold, data.article, tr, c)
        pred[te] = predict(clf, names, data.features, te)
        fold_of[te] = k
        chosen.append(c)
        log(f"fold {k + 1}/{OUTER_FOLDS}: C={c} (inner macro-F1 "
            + ", ".join(f"{key}: {v:.3f}" for key, v in scores.items())
            + f"), outer macro-F1 {macro_f1(data.gold[te], pred[te]):.3f}")
    return pred, fold_of, chosen


def evaluation(predictions: pd.DataFrame, n_boot: int = BOOTSTRAP, seed: int = SEED) -> pd.DataFrame:
    """The evaluation table (:data:`CV_COLUMNS`) from the per-target predictions (:data:`PREDICTION_COLUMNS`, plus
    ``mixed``): per rule, subset and class (and macro), the point estimate and a percentile 95% interval over
    ``n_boot`` resamples of articles (the same resamples for every rule and subset)."""
    articles = sorted(set(predictions["article"]))
    position = {a: k for k, a in enumerate(articles)}
    art = predictions["article"].map(position).to_numpy()
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(articles), size=(n_boot, len(articles)))
    weights = np.zeros((n_boot, len(articles)))
    for b in range(n_boot):
        weights[b] = np.bincount(draws[b], minlength=len(articles))
    gold = predictions["gold"].to_numpy()
    rows = []
    for subset, mask in (("all", np.ones(len(gold), dtype=bool)), ("mixed", predictions["mixed"].to_numpy())):
        for rule in RULES:
            pred = predictions[rule].to_numpy()
            per_article = np.zeros((len(articles), 3, 3))
            np.add.at(per_article, (art[mask], gold[mask] + 1, pred[mask] + 1), 1)
            point = per_class(per_article.sum(axis=0))
            boot = per_class(np.einsum("ba,aij->bij", weights, per_article))
            support = per_article.sum(axis=(0, 2))
            n_articles = len(set(art[mask].tolist()))
            for k, name in enumerate([*tt.CLASS_NAMES, "macro"]):
                values = [(point[i][k] if k < 3 else point[i].mean(),
                           boot[i][:, k] if k < 3 else boot[i].mean(axis=1)) for i in range(3)]
                row = {"rule": rule, "subset": subset, "class": name,
                       "support": int(support[k]) if k < 3 else int(mask.sum())}
                for (est, dist), what in zip(values, ("precision", "recall", "f1")):
                    lo, hi = np.percentile(dist, [2.5, 97.5])
                    row.update({what: round(float(est), 4), f"{what}_low": round(float(lo), 4),
                                f"{what}_high": round(float(hi), 4)})
                row.update(targets=int(mask.sum()), articles=n_articles)
                rows.append(row)
    return pd.DataFrame(rows, columns=CV_COLUMNS)


def describe(feature: str) -> str:
    """What a feature is, in words (the note of its row in the model file)."""
    fixed = {
        "in_quote": "the mention is inside a quotation", "quote_in_sentence": "the sentence holds a quotation",
        "pron": "the mention is a personal pronoun", "first": "the mention opens the sentence",
        "possessive": "the mention is possessive (X's)", "titled": "a title or party label stands before the mention",
        "sent": "VADER-normalised sum of the sentence's lexicon valence outside the mention (misreads at zero, "
                "negation within 3 words)",
        "psent": "summed Pattern polarity of the sentence outside the mention, clipped to [-1, 1]",
        "v+clause": "positive VADER valence in the mention's clause (/4)",
        "v-clause": "negative VADER valence in the mention's clause (absolute, /4)",
        "v+quote": "positive VADER valence inside a quotation the mention is not part of (/4)",
        "v-quote": "negative VADER valence inside a quotation the mention is not part of (absolute, /4)",
        "against": "the mention follows 'against'",
    }
    if feature in fixed:
        return fixed[feature]
    bands = {"n": "1-3", "m": "4-8", "f": "9 or more"}
    m = re.fullmatch(r"([vp])([+-])([LR])([nmf])", feature)
    if m:
        lexicon = "VADER valence (/4)" if m.group(1) == "v" else "Pattern polarity"
        sign = "positive" if m.group(2) == "+" else "negative (absolute)"
        side = "left" if m.group(3) == "L" else "right"
        return f"{sign} {lexicon} of words {bands[m.group(4)]} tokens to the {side} of the mention"
    kind, _, rest = feature.partition(":")
    if kind in ("agent", "patient"):
        role = "subject (agent or speaker)" if kind == "agent" else "object (the one acted upon)"
        return f"the mention is the {role} of a '{rest}' cue (target_tone_cues.csv)"
    kind, _, rest = feature.partition("=")
    if kind in ("agent", "patient"):
        return f"the mention is the {'subject' if kind == 'agent' else 'object'} of the verb '{rest}'"
    words = {"L": "one of the 4 words before the mention", "R": "one of the 4 words after the mention",
             "S": "a word of the sentence outside the mention"}
    kind, _, word = feature.partition(":")
    if kind in words:
        return f"'{word}' is {words[kind]}"
    return "a feature of rhetoric.instruments.target_tone.mention_features"


def _number(value: float) -> str:
    return f"{float(value):.{SIGNIFICANT}g}"


def model_table(clf, names: list[str], counts: dict[str, int], c: float, data: Targets, scores: dict) -> str:
    """The model file's text: the intercept row (with the provenance), then one row per feature, by name."""
    order = [list(clf.classes_).index(k) for k in tt.CLASSES]
    coef, intercept = clf.coef_[order], clf.intercept_[order]
    provenance = (
        "Multinomial logistic regression (scikit-learn LogisticRegression, lbfgs, L2, C="
        f"{c}) over rhetoric.instruments.target_tone.mention_features of every labelled target of NewsMTSC's training "
        f"split (Hamborg & Donnay 2021, EACL; MIT licence; {len(data.gold)} targets in "
        f"{len(set(data.article.tolist()))} articles); features kept when they occur in >= {MIN_ARTICLES} articles; "
        f"C chosen from {', '.join(map(str, C_GRID))} by macro-F1 in a {OUTER_FOLDS}-fold CV grouped by article ("
        + ", ".join(f"{k}: {v:.4f}" for k, v in scores.items())
        + f"); weights rounded to {SIGNIFICANT} significant digits; python -m rhetoric_dev.target_tone")
    lines = [",".join(["feature", *tt.CLASS_NAMES, "articles", "note"])]

    def row(feature, weights, articles, note) -> str:
        cells = [feature, *map(_number, weights), str(articles), note]
        return ",".join(_csv(cell) for cell in cells)

    lines.append(row("(intercept)", intercept, len(set(data.article.tolist())), provenance))
    for k, name in enumerate(names):
        lines.append(row(name, coef[:, k], counts[name], describe(name)))
    return "\n".join(lines) + "\n"


def _csv(cell: str) -> str:
    if any(ch in cell for ch in ',"\n\r'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def bench(corpus_dir: Path, repeats: int = 2) -> dict[str, float]:
    """CPU time of the feature table of a corpus, and of the tone toward every actor mention computed from the same
    tables (the actor list a run would use: the corpus's derived list), alternated ``repeats`` times with the
    tables' memos cleared; prints both with the load average before and after. Returns the medians."""
    import statistics
    import warnings

    from rhetoric.analysis.actor_tone import mention_tone
    from rhetoric.instruments import actors
    from rhetoric.instruments.features import sentence_features
    from rhetoric.io.corpus import load_corpus
    from rhetoric.language import tokens

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(corpus_dir)
    before = _loadavg()
    sents, toks = tokens.feature_tables(corpus)
    listing = actors.names_as_actors(toks)
    actors.use_actor_list("given", derive=lambda: listing)
    words = int(sents["n_words"].sum())
    sentence_features(corpus.__class__(directory=corpus.directory, documents=corpus.documents.iloc[:2],
                                       raw=corpus.raw))  # warm: lexicons, models and caches loaded once
    mention_tone(toks.iloc[:0], actors.actor_mentions(toks.iloc[:0]))
    times: dict[str, list[float]] = {"table": [], "mentions": [], "tone": []}
    try:
        for _ in range(repeats):
            tokens._TABLES_MEMO.clear()
            tokens._SPLIT_MEMO.clear()
            t0 = time.process_time()
            sentence_features(corpus)
            times["table"].append(time.process_time() - t0)
            sents, toks = tokens.feature_tables(corpus)  # remembered: the tables the feature table used
            t0 = time.process_time()
            mentions = actors.actor_mentions(toks)
            times["mentions"].append(time.process_time() - t0)
            t0 = time.process_time()
            toned = mention_tone(toks, mentions)
            times["tone"].append(time.process_time() - t0)
    finally:
        actors.use_actor_list("project")
    median = {k: statistics.median(v) for k, v in times.items()}
    table_rate = words / median["table"]
    with_tone = words / (median["table"] + median["tone"])
    print(f"{corpus_dir}: {len(corpus.documents)} articles, {words} words, {len(toned)} name mentions of "
          f"{listing['actor'].nunique()} derived actors; CPU s (median of {repeats}): feature table "
          f"{median['table']:.2f} ({table_rate:,.0f} words per CPU second), actor mentions {median['mentions']:.2f} "
          f"(found once per run already), target tone {median['tone']:.2f}; with the tone: {with_tone:,.0f} words per "
          f"CPU second ({100 * (1 - with_tone / table_rate):.1f}% fewer); load average before {before}, after "
          f"{_loadavg()}", file=sys.stderr)
    return {**median, "words": words, "mentions_scored": len(toned)}


DOC = ROOT / "docs" / "target-tone.md"
DOC_MARKERS = ("<!-- cv:start -->", "<!-- cv:end -->")
RULE_NAMES = {"sentence_vader": "sentence VADER (old rule)", "sentence_vader_misreads": "sentence VADER, misreads "
              "neutralised", "target_tone": "target tone (this instrument)"}


def doc_block(table: pd.DataFrame) -> str:
    """The evaluation as a Markdown table: F1 with its interval per rule, subset and class."""
    lines = ["| rule | targets | macro-F1 | negative F1 | neutral F1 | positive F1 |",
             "| --- | --- | --- | --- | --- | --- |"]
    for subset, what in (("all", "all"), ("mixed", "coded differently in one sentence")):
        part = table[table["subset"] == subset]
        for rule in RULES:
            rows = part[part["rule"] == rule].set_index("class")
            cells = [f"{rows.loc[c, 'f1']:.3f} [{rows.loc[c, 'f1_low']:.3f}, {rows.loc[c, 'f1_high']:.3f}]"
                     for c in ("macro", *tt.CLASS_NAMES)]
            n = int(rows.loc["macro", "targets"])
            lines.append(f"| {RULE_NAMES[rule]} | {what}: {n:,} in {int(rows.loc['macro', 'articles']):,} articles | "
                         + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_doc(table: pd.DataFrame, path: Path = DOC) -> None:
    """Replace the block between :data:`DOC_MARKERS` of ``docs/target-tone.md`` by :func:`doc_block`."""
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(DOC_MARKERS[0])
    _, _, tail = rest.partition(DOC_MARKERS[1])
    atomic_write(path, f"{head}{DOC_MARKERS[0]}\n{doc_block(table)}\n{DOC_MARKERS[1]}{tail}".encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rhetoric_dev.target_tone", description=__doc__.split("\n")[0])
    parser.add_argument("--train", type=Path, default=TRAIN, help="NewsMTSC's train.jsonl")
    parser.add_argument("--out", type=Path, default=DATA, help="where the three files are written")
    parser.add_argument("--bench", type=Path, metavar="CORPUS",
                        help="instead: the CPU time of the feature table and of the target tone on this corpus")
    args = parser.parse_args(argv)
    if args.bench is not None:
        bench(args.bench)
        return 0
    if not args.train.is_file():
        print(f"{args.train}: not found (the development data beside the project)", file=sys.stderr)
        return 2
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    t0 = time.process_time()
    data = load(args.train)
    print(f"{len(data.gold)} targets in {len(set(data.article.tolist()))} articles; features in "
          f"{time.process_time() - t0:.1f} CPU s", file=sys.stderr)
    pred, fold_of, chosen = cross_validate(data, log=lambda s: print(s, file=sys.stderr))
    predictions = pd.DataFrame({"article": data.article, "sentence": data.sentence, "start": data.start,
                                "end": data.end, "gold": data.gold, "fold": fold_of, **data.old,
                                "target_tone": pred})
    table = evaluation(predictions.assign(mixed=data.mixed))
    c, scores = choose_c(data.features, data.gold, data.article, np.arange(len(data.gold)), OUTER_FOLDS)
    clf, names, counts = fit(data.features, data.gold, data.article, np.arange(len(data.gold)), c)
    args.out.mkdir(parents=True, exist_ok=True)
    atomic_write(args.out / tt.MODEL_FILE, model_table(clf, names, counts, c, data, scores).encode("utf-8"))
    atomic_write(args.out / tt.CV_FILE, table.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    if args.out == DATA:
        write_doc(table)
    atomic_write(args.out / PREDICTIONS_OUT.name,
                 predictions.assign(mixed=data.mixed.astype(int)).to_csv(index=False, lineterminator="\n")
                 .encode("utf-8"))
    shown = table[table["class"] == "macro"][["rule", "subset", "f1", "f1_low", "f1_high"]]
    print(shown.to_string(index=False), file=sys.stderr)
    print(f"outer C: {chosen}; frozen C={c}, {len(names)} features; {time.process_time() - t0:.0f} CPU s; "
          f"wrote {tt.MODEL_FILE}, {tt.CV_FILE}, {PREDICTIONS_OUT.name} in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
