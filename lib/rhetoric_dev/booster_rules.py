"""The booster context rules re-derived on development text: what each rule removes and keeps, and the decision.

Run ``.venv/bin/python -m rhetoric_dev.booster_rules --queue DIR`` to write the coding queue (every sampled hit
with its context, outside the repository: no article text is committed) and the unlabelled gold rows;
``--summary`` recomputes ``data/booster_rules_dev.csv`` from the labels in ``data/audit_dev_booster_rules.csv``
(the labels are data; the script only recomputes). Deterministic. ``--queue`` skips with a message and exit
status 0 when ``../shared/bench`` is absent.

PROTOCOL (written and committed before any hit was drawn or read)
=================================================================
Why: the booster context rules of the metadiscourse list (``negated_booster``, ``not_question``,
``predicative_certain``, ``sure_certainty``, ``clausal_that``; ``data/metadiscourse_rules.md``) were refined on
the gold set of the two seed articles (``gold_hedges.csv``, coded by a language model during
development). The seeds must never be where a rule is
chosen, so each rule is judged again here on development text only; the seed gold is afterwards only the
in-sample check.

Rules under audit: every context rule in the ``rule`` cell of a ``booster`` row of ``metadiscourse.csv`` as it
stood before this audit (commit 6e23e82), :data:`RULE_TERMS`. (``not_after_more`` is attached to the hedge
"broadly" only, not to any booster; the hedge rows are a comparison list, the hedge measure is the uncertainty
detector: it is not audited here.)

Text: the DEVELOP sample of ``rhetoric_dev.dictionaries`` (300 international + 300 general articles of the
benchmark's ``dev`` split, ``devsample.sample(..., seed=DEVELOP_SEED)``, drawn from the ``dev`` articles not in
CHECK). The ``audit`` split and the seeds are never looked at.

Hits: the booster terms matched exactly as the instrument matches them (every non-hedge term of
``metadiscourse.csv``, longest match first, as ``hedging.markers`` does), without rules. For each rule R and each
hit of a term that carries R:
  * removed by R: R disallows the hit (whatever the term's other rules say);
  * kept: every rule of the term allows the hit (the hit the instrument counts).
Sample: per rule and side, up to :data:`PER_SIDE` hits drawn with ``numpy.random.default_rng(SAMPLE_SEED)``
from the hits sorted by (doc_id, start) (a fresh generator per rule and side, rules in sorted order).

Coding: each sampled hit is read in its context (about 160 characters either side) and labelled 1 when the
matched words carry a booster in context -- they express the writer's (or a quoted speaker's) certainty or
commitment to the proposition, closing off alternatives (Hyland 2005: boosters) -- and 0 otherwise, with a
short note. The coder is automated coding by a language model (one run), not a trained human coder.

Decision (fixed here, before any result):
  * KEEP the rule when at least :data:`MIN_REMOVED` hits were removed by it on DEVELOP (in the sample) and, among
    the sampled removed hits, the share of misfires (label 0) is at least :data:`MISFIRE_SHARE`;
  * otherwise the rule is NOT SUPPORTED on development text and is removed from the booster rows (fewer than
    :data:`MIN_REMOVED` removed hits: no development evidence that it is needed; a lower misfire share: it
    removes too many real boosters).
  The kept side (precision of what the rule lets through) is reported beside the decision but does not enter it.

ADDENDUM (after the audit): the check of Hyland's lists against public copies later dropped two audited booster
terms ("demonstrating", "proven": not in Hyland's list, seed-read, too few DEVELOP hits to re-derive). :func:`find`
still matches them, so the stored draw reproduces from the lexicon as it was audited.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from rhetoric.analysis import devsample
from rhetoric.base.paths import DATA
from rhetoric.instruments import hedging
from rhetoric.language.matching import match_terms
from rhetoric_dev import dictionaries as dd
from rhetoric_dev.sampling import bench_absent, seeded_pick
from rhetoric_dev.sheets import write_sheet

LABELS = DATA / "audit_dev_booster_rules.csv"
SUMMARY = DATA / "booster_rules_dev.csv"

SAMPLE_SEED = 20261206
PER_SIDE = 20
MIN_REMOVED = 3
MISFIRE_SHARE = 0.6
CODER = "automated coding by a language model (one run)"
COLUMNS = ["rule", "term", "doc_id", "start", "end", "matched", "removed_by_rule", "label", "note", "split",
           "sample_seed", "coder"]
SUMMARY_COLUMNS = ["rule", "removed_sampled", "removed_misfires", "kept_sampled", "kept_correct", "decision",
                   "reason"]

_NEGATED = ["clearly", "clear", "indeed", "in fact", "actually", "of course", "undoubtedly", "undeniably", "certainly",
            "definitely", "surely", "obviously", "obvious", "evidently", "evident", "really", "decidedly", "doubtless",
            "incontrovertibly", "indisputably", "conclusively"]
#: The booster rules under audit and the booster terms that carried each (metadiscourse.csv at commit 6e23e82).
RULE_TERMS: dict[str, list[str]] = {
    "negated_booster": _NEGATED,
    "not_question": ["really"],
    "predicative_certain": ["certain"],
    "sure_certainty": ["sure"],
    "clausal_that": ["demonstrates", "demonstrated", "demonstrating", "proves", "proved", "proven", "show", "shows",
                     "showed", "shown", "established"],
}


def rules_of_term() -> dict[str, list[str]]:
    """Each audited term's rules (as they stood before the audit)."""
    out: dict[str, list[str]] = {}
    for rule, terms in RULE_TERMS.items():
        for t in terms:
            out.setdefault(t, []).append(rule)
    return out


def find(sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    """Bare booster hits of the audited terms with one ``allow_<rule>`` column per rule (None: rule not attached)."""
    table = hedging.lexicon()
    words = table[table["category"] != "hedge"][["term", "category"]]
    per_term = rules_of_term()
    # the lexicon as audited: audited booster terms dropped from it since (demonstrating, proven) matched too
    gone = [t for t in per_term if t not in set(words["term"])]
    words = pd.concat([words, pd.DataFrame({"term": gone, "category": "booster"})], ignore_index=True)
    hits = match_terms(toks, list(words["term"])).merge(words, on="term", how="left")
    hits = hits[(hits["category"] == "booster") & hits["term"].isin(per_term)].reset_index(drop=True)
    index = hedging.TokenIndex(toks)
    allow: dict[str, list] = {r: [] for r in RULE_TERMS}
    for doc_id, sid, tid, term in zip(hits["doc_id"], hits["sentence_id"], hits["token_id"], hits["term"]):
        i, tokens, lower, first_word = index.window(doc_id, sid, tid)
        for rule in RULE_TERMS:
            allow[rule].append(hedging._rule_allows(rule, i, tokens, lower, first_word)
                               if rule in per_term[term] else None)
    return hits.assign(**{f"allow_{r}": v for r, v in allow.items()})


def develop_articles() -> list:
    return dd.samples(devsample.bench_articles())["develop"]


def draw(hits: pd.DataFrame) -> pd.DataFrame:
    """The sampled hits per rule and side, in gold-file shape (label and note empty)."""
    per_term = rules_of_term()
    parts = []
    for rule in sorted(RULE_TERMS):
        mine = hits[hits["term"].isin(RULE_TERMS[rule])].sort_values(["doc_id", "start"], kind="mergesort")
        removed = mine[mine[f"allow_{rule}"] == False]  # noqa: E712 (None for other rules)
        kept = mine[[all(row[f"allow_{r}"] for r in per_term[t])
                     for t, (_, row) in zip(mine["term"], mine.iterrows())]]
        for flag, side in ((1, removed), (0, kept)):
            side = side.reset_index(drop=True)
            got = side.iloc[seeded_pick(len(side), PER_SIDE, SAMPLE_SEED)]
            parts.append(pd.DataFrame({"rule": rule, "term": got["term"], "doc_id": got["doc_id"],
                                       "start": got["start"], "end": got["end"], "matched": got["matched"],
                                       "removed_by_rule": flag, "label": "", "note": "", "split": "dev",
                                       "sample_seed": SAMPLE_SEED, "coder": CODER}))
    return pd.concat(parts, ignore_index=True)[COLUMNS]


def summary(labels: pd.DataFrame) -> pd.DataFrame:
    """Per rule: sampled removed hits and misfires among them, sampled kept hits and correct ones, decision."""
    rows = []
    for rule in sorted(RULE_TERMS):
        mine = labels[labels["rule"] == rule]
        removed = mine[mine["removed_by_rule"].astype(int) == 1]["label"].astype(int)
        kept = mine[mine["removed_by_rule"].astype(int) == 0]["label"].astype(int)
        misfires = int((removed == 0).sum())
        if len(removed) < MIN_REMOVED:
            decision = "not supported on development text"
            reason = f"removes {len(removed)} hits on DEVELOP, fewer than {MIN_REMOVED}"
        elif misfires / len(removed) >= MISFIRE_SHARE:
            decision = "keep"
            reason = (f"{misfires} of {len(removed)} sampled removed hits are misfires "
                      f"({misfires / len(removed):.2f} >= {MISFIRE_SHARE})")
        else:
            decision = "not supported on development text"
            reason = (f"only {misfires} of {len(removed)} sampled removed hits are misfires "
                      f"({misfires / len(removed):.2f} < {MISFIRE_SHARE}): it removes real boosters")
        rows.append({"rule": rule, "removed_sampled": len(removed), "removed_misfires": misfires,
                     "kept_sampled": len(kept), "kept_correct": int(kept.sum()), "decision": decision,
                     "reason": reason})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queue", type=Path, help="write the coding queue (with contexts) to this directory and "
                                                   "the unlabelled rows to data/ when none are stored")
    parser.add_argument("--summary", action="store_true", help="recompute data/booster_rules_dev.csv from labels")
    parser.add_argument("--out", type=Path, default=DATA,
                        help="with --summary: where booster_rules_dev.csv is written (default lib/rhetoric/data)")
    args = parser.parse_args(argv)
    if args.queue:
        if bench_absent():
            return 0
        articles = develop_articles()
        hits = devsample.hits_in(articles, find)
        for rule in sorted(RULE_TERMS):
            mine = hits[hits["term"].isin(RULE_TERMS[rule])]
            print(f"{rule}: {len(mine)} hits on DEVELOP, removed by the rule {(mine[f'allow_{rule}'] == False).sum()}")  # noqa: E712
        drawn = draw(hits)
        write_sheet(devsample.contexts(drawn, articles), args.queue / "booster_rules_queue.csv")
        if not LABELS.is_file():
            drawn.to_csv(LABELS, index=False, lineterminator="\n")
        else:
            stored = pd.read_csv(LABELS, dtype={"doc_id": str}, keep_default_na=False)
            same = stored[["rule", "doc_id", "start", "removed_by_rule"]].astype(str).values.tolist() == \
                drawn[["rule", "doc_id", "start", "removed_by_rule"]].astype(str).values.tolist()
            print("stored label rows match the draw" if same else "stored label rows DIFFER from the draw")
        print(f"queue: {len(drawn)} hits written to {args.queue}")
    if args.summary:
        labels = pd.read_csv(LABELS, dtype={"doc_id": str}, keep_default_na=False)
        table = summary(labels)
        args.out.mkdir(parents=True, exist_ok=True)
        table.to_csv(args.out / SUMMARY.name, index=False, lineterminator="\n")
        print(table.to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
