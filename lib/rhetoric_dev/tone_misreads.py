"""Rebuild the list of words VADER misreads in news prose, by a rule fixed in advance, on development text.

The rule (parameters in ``rhetoric.instruments.misreads.RULE``; full text in ``lib/rhetoric/data/tone_misreads.md``):

1. Domain: news and opinion on international affairs, the ``international`` stratum of the benchmark's
   ``dev`` half. Sample: N = 200 articles, ``devsample.sample(articles, "dev", "international", 200,
   seed=20251201)``, cut into sentences by ``rhetoric.language.tokens``.
2. Candidates: every token VADER scores (lexicon word, valence after rules non-zero) is an occurrence, its
   sign the sign of its lexicon valence. Per sign, the K = 30 words with the largest summed |valence after
   rules| over the sample. K is the same for both signs.
3. Draw: M = 10 occurrences per candidate (all, if fewer), ``default_rng([20251202, *word.encode()])``.
4. Judgement, in context, by a coder: 1 = NON-EVALUATIVE, the word does not carry the affect the lexicon
   scores (part of a name; a fixed term naming a category, field, institution or process; a discourse
   device; a grammatical use; another, neutral sense); 0 = EVALUATIVE, used in the sense the lexicon
   scores (``eval``: expresses the writer's or a source's evaluation, attitude or affect; ``event``:
   denotes an act, event or state whose valence is what the word means, e.g. a war, a killing, help).
5. Threshold: a misread when at least T = 7 of the M = 10 checked occurrences are non-evaluative (no
   verdict with fewer than 5 checked). Misreads are listed.
6. Second pass, ``general`` stratum (dev, N = 200, seed 20251204, K = 15 per sign, same M and T); every
   listed word not among the general candidates is checked there as well. ``domain = general`` when a
   word is a misread in both strata, ``international`` when only in international prose.
7. Stability: a second international dev sample of 200 articles, disjoint from the first (seed 20251203);
   candidate overlap, and new candidates judged by the same rule on that sample.

Why: N = 200 leaves each top-30 word well over 10 occurrences and leaves disjoint articles for step 7;
K = 30 per sign reaches well down the ranking (the top 30 carry 42% of positive and 49% of negative
|valence| in the sample) at 600 judgements; M = 10 separates a word
used mostly one way from a mixed one; T = 7 neutralises a word only when its misreads outnumber its
evaluative uses by more than two to one (zeroing it also removes its evaluative uses).

Usage (the benchmark corpus is read in place from ../shared/bench; nothing of its text enters the repo):

    .venv/bin/python -m rhetoric_dev.tone_misreads                # candidates, draws, verdicts, effects
    .venv/bin/python -m rhetoric_dev.tone_misreads --write        # also rewrite the list's numbers and the
                                                                  # effect table in lib/rhetoric/data
    .venv/bin/python -m rhetoric_dev.tone_misreads --audit-from DIR   # build the audit file from the
                                                                  # coder's labels_<pass>.csv in DIR

Coding sheets with context (``draw_<pass>.csv``) go to ``--workdir`` (default ``../devwork/tone``, outside
the repository). Deterministic: the same files and numbers on every run. Exits 0 with a message when the
benchmark corpus is absent.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from rhetoric.analysis import devsample
from rhetoric.base.atomic_files import atomic_write
from rhetoric.base.paths import DATA, ROOT, data_file
from rhetoric.instruments import misreads
from rhetoric.instruments.misreads import RULE
from rhetoric.instruments.sentiment import as_vader_reads, vader, vader_class
from rhetoric.io.articles import chunk_corpus
from rhetoric.io.wordlists import read_table
from rhetoric.language.tokens import sentences_and_tokens
from rhetoric_dev import term_provenance
from rhetoric_dev.sampling import bench_absent
from rhetoric_dev.sheets import outside_repository, write_sheet

CODER = "tone-agent"
PASSES = {  # name: (stratum, sample seed)
    "international": ("international", RULE.sample_seed),
    "general": ("general", RULE.general_sample_seed),
    "stability": ("international", RULE.stability_seed),
}


def sentences_of(articles) -> pd.DataFrame:
    parts = []
    for k in range(0, len(articles), 50):
        sents, _ = sentences_and_tokens(chunk_corpus(articles[k:k + 50]))
        parts.append(sents[["doc_id", "sentence_id", "start", "end", "text"]])
    return pd.concat(parts, ignore_index=True)


def samples(articles) -> dict[str, list]:
    first = devsample.sample(articles, "dev", "international", RULE.n_articles, seed=RULE.sample_seed)
    taken = {a.doc_id for a in first}
    rest = [a for a in articles if a.doc_id not in taken]
    return {"international": first,
            "general": devsample.sample(articles, "dev", "general", RULE.general_n_articles,
                                        seed=RULE.general_sample_seed),
            "stability": devsample.sample(rest, "dev", "international", RULE.n_articles, seed=RULE.stability_seed)}


def check_offsets(occ: pd.DataFrame, raw: dict[str, str]) -> None:
    bad = [r for r in occ.itertuples() if as_vader_reads(raw[r.doc_id][r.start:r.end]).lower() != r.word]
    if bad:
        raise SystemExit(f"{len(bad)} occurrences whose offsets do not give the word, e.g. {bad[0]}")


def coverage(occ: pd.DataFrame, cands: pd.DataFrame) -> dict[str, float]:
    total = occ.assign(a=occ["valence"].abs()).groupby("sign")["a"].sum()
    top = cands.groupby("sign")["abs_valence"].sum()
    return {s: float(top.get(s, 0) / total[s]) for s in total.index}


def sheet(drawn: pd.DataFrame, articles, pass_name: str) -> pd.DataFrame:
    """The coding sheet: drawn occurrences with their context (for the workdir, never the repository)."""
    stratum, seed = PASSES[pass_name]
    ctx = devsample.contexts(drawn, articles, width=240)
    ctx.insert(0, "pass", pass_name)
    return ctx.assign(stratum=stratum, split="dev", sample_seed=seed)


def audit_from(workdir: Path, draws: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Join the coder's ``labels_<pass>.csv`` (word, doc_id, start, label, note) onto the draws."""
    rows = []
    for name, drawn in draws.items():
        path = workdir / f"labels_{name}.csv"
        if not path.is_file():
            print(f"  (no {path.name}: pass {name} not coded yet)")
            continue
        labels = pd.read_csv(path, dtype={"doc_id": str, "note": str}, keep_default_na=False)
        labels["word"] = labels["word"].str.lower()
        stratum, seed = PASSES[name]
        merged = drawn.merge(labels[["word", "doc_id", "start", "label", "note"]], on=["word", "doc_id", "start"],
                             how="left", validate="one_to_one")
        missing = merged["label"].isna().sum()
        if missing:
            raise SystemExit(f"{path.name}: {missing} drawn occurrences have no label")
        bad = ~merged["note"].str.split(":").str[0].isin(misreads.NON_EVALUATIVE_CODES + misreads.EVALUATIVE_CODES)
        if bad.any():
            raise SystemExit(f"{path.name}: notes without a code: {merged.loc[bad, 'note'].head().tolist()}")
        code_label = merged["note"].str.split(":").str[0].isin(misreads.NON_EVALUATIVE_CODES).astype(int)
        if (code_label != merged["label"].astype(int)).any():
            raise SystemExit(f"{path.name}: a label disagrees with its note code")
        rows.append(merged.assign(stratum=stratum, split="dev", sample_seed=seed, coder=CODER,
                                  label=merged["label"].astype(int)))
    audit = pd.concat(rows, ignore_index=True)[misreads.AUDIT_COLUMNS]
    order = {name: k for k, name in enumerate(PASSES)}
    key = audit["sample_seed"].map({seed: order[n] for n, (_, seed) in PASSES.items()})
    return audit.assign(_k=key).sort_values(["_k", "sign", "word", "doc_id", "start"], kind="mergesort") \
        .drop(columns="_k").reset_index(drop=True)


def effect_rows(label: str, stratum: str, seed: int, sents: pd.DataFrame, variants: dict[str, set[str]]):
    texts = sents["text"].reset_index(drop=True)
    base = misreads.neutralised_compound(texts, set())
    base_class = vader_class(base)
    rows = []
    for variant, words in variants.items():
        after = base if not words else misreads.neutralised_compound(texts, words)
        cls = vader_class(after)
        rows.append({"sample": label, "stratum": stratum, "sample_seed": seed,
                     "articles": sents["doc_id"].nunique(), "sentences": len(sents), "variant": variant,
                     "words": len(words), "mean_compound": round(float(after.mean()), 4),
                     "change": round(float(after.mean() - base.mean()), 4),
                     "share_class_changed": round(float((cls != base_class).mean()), 4),
                     "share_positive": round(float((cls == "positive").mean()), 4),
                     "share_negative": round(float((cls == "negative").mean()), 4)})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=ROOT.parent / "devwork" / "tone")
    parser.add_argument("--write", action="store_true", help="rewrite the list's numbers and the effect table")
    parser.add_argument("--audit-from", type=Path, help="build the audit file from labels_<pass>.csv here")
    parser.add_argument("--out", type=Path, default=DATA,
                        help="where --write and --audit-from write their files (default lib/rhetoric/data)")
    args = parser.parse_args(argv)
    if bench_absent():
        return 0
    workdir = outside_repository(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    pd.set_option("display.width", 160)

    articles = devsample.bench_articles()
    picked = samples(articles)
    raw = {a.doc_id: a.text for a in articles}
    sents, occ, cands = {}, {}, {}
    for name, arts in picked.items():
        sents[name] = sentences_of(arts)
        occ[name] = misreads.lexicon_occurrences(sents[name])
        check_offsets(occ[name], raw)
        k = RULE.general_k if name == "general" else RULE.k
        cands[name] = misreads.candidates(occ[name], k)
        cov = coverage(occ[name], cands[name])
        print(f"\n== {name}: {len(arts)} dev articles of the {PASSES[name][0]} stratum (seed {PASSES[name][1]}), "
              f"{len(sents[name])} sentences, {len(occ[name])} scored lexicon tokens; the top {k} words of each "
              f"sign carry {cov['positive']:.0%} of positive and {cov['negative']:.0%} of negative |valence|")

    # Draws. International: its candidates. Stability: candidates not already judged in the first sample.
    # General: its candidates and the listed words that are not among them (needs the international verdicts).
    draws = {"international": misreads.draw_occurrences(occ["international"], list(cands["international"]["word"]),
                                                        RULE.m, RULE.draw_seed)}
    new = [w for w in cands["stability"]["word"] if w not in set(cands["international"]["word"])]
    draws["stability"] = misreads.draw_occurrences(occ["stability"], new, RULE.m, RULE.draw_seed)
    general_words = list(cands["general"]["word"])
    audit_path = data_file(misreads.AUDIT_FILE)
    audit = misreads.read_audit() if audit_path.is_file() else None
    if args.audit_from:
        partial = audit_from(args.audit_from, {"international": draws["international"]})
        listed_now = set(misreads.list_from_audit(partial)["word"])
    else:
        listed_now = set(misreads.list_from_audit(audit)["word"]) if audit is not None else set()
    general_words += sorted(listed_now - set(general_words))
    draws["general"] = misreads.draw_occurrences(occ["general"], general_words, RULE.m, RULE.draw_seed)
    for name in PASSES:
        path = workdir / f"draw_{name}.csv"
        write_sheet(sheet(draws[name], articles, name), path)
        print(f"  coding sheet for {name}: {len(draws[name])} occurrences -> {path}")

    if args.audit_from:
        audit = audit_from(args.audit_from, draws)
        atomic_write(args.out / misreads.AUDIT_FILE, audit.to_csv(index=False).encode("utf-8"))
        print(f"\nwrote {args.out / misreads.AUDIT_FILE} ({len(audit)} judged occurrences)")
    if audit is None:
        print("\nno audit file yet: code the sheets, then run with --audit-from DIR")
        return 0

    # The audit must hold exactly the drawn occurrences.
    for name, (_stratum, seed) in PASSES.items():
        got = audit[audit["sample_seed"] == seed][["word", "doc_id", "start"]]
        want = draws[name][["word", "doc_id", "start"]]
        if len(got) and (len(got) != len(want) or not got.merge(want).shape[0] == len(want)):
            raise SystemExit(f"audit rows of pass {name} are not the drawn occurrences: rerun --audit-from")

    verdict = misreads.verdicts(audit)
    listed = misreads.list_from_audit(audit)
    for name, (_stratum, seed) in PASSES.items():
        v = verdict[verdict["sample_seed"] == seed].set_index("word")
        if v.empty:
            continue
        table = cands[name].set_index("word").join(v[["checked", "non_evaluative", "share", "misread"]])
        if name == "general":
            extra = v.loc[[w for w in v.index if w not in table.index]]
            table = pd.concat([table, extra[["sign", "checked", "non_evaluative", "share", "misread"]]])
        print(f"\n== verdicts, {name} pass (T = {RULE.t} of M = {RULE.m}):")
        print(table.reset_index()[["sign", "rank", "word", "lexicon", "occurrences", "abs_valence", "checked",
                                   "non_evaluative", "share", "misread"]].to_string(index=False))

    # Broad reading (sensitivity only): the `event` code counted as non-evaluative too.
    intl_audit = audit[audit["sample_seed"] == RULE.sample_seed]
    broad = intl_audit.assign(label=(intl_audit["label"].astype(int) == 1)
                              | intl_audit["note"].str.startswith("event"))
    broad_list = set(misreads.list_from_audit(pd.concat([broad, audit[audit["sample_seed"] != RULE.sample_seed]]))
                     ["word"])
    print(f"\nlisted ({len(listed)}): " + ", ".join(f"{r.word} ({r.sign[:3]}, {r.non_evaluative}/{r.checked}, "
                                                   f"{r.domain})" for r in listed.itertuples()))
    print(f"broad reading, `event` uses counted as non-evaluative ({len(broad_list)}; sensitivity, not listed): "
          + ", ".join(sorted(broad_list)))
    gv = verdict[(verdict["sample_seed"] == RULE.general_sample_seed) & verdict["misread"]]
    print("general-pass misreads that are not international candidates (reported, not listed): "
          + (", ".join(w for w in gv["word"] if w not in set(cands["international"]["word"])) or "none"))
    sv = verdict[verdict["sample_seed"] == RULE.stability_seed]
    c1, c2 = set(cands["international"]["word"]), set(cands["stability"]["word"])
    stable_listed = (set(listed["word"]) & c2) | set(sv.loc[sv["misread"], "word"])
    shared = {s: len(c1 & c2 & set(cands["stability"].loc[cands["stability"]["sign"] == s, "word"]))
              for s in ("positive", "negative")}
    print(f"\n== stability: candidates shared by the two international samples: {len(c1 & c2)} of {len(c1)} "
          f"(positive {shared['positive']}, negative {shared['negative']}); only in the first: "
          f"{', '.join(sorted(c1 - c2))}; only in the second: {', '.join(sorted(c2 - c1))}")
    print(f"   listed words that are candidates in the second sample too: {len(set(listed['word']) & c2)} of "
          f"{len(listed)}; new candidates judged there: {len(sv)}, of which misreads: "
          f"{', '.join(sorted(sv.loc[sv['misread'], 'word'])) or 'none'}; so the rule on the second sample lists "
          f"{len(stable_listed)} words (shared candidates keep their first-sample verdict)\n")

    # Effects on the development text.
    words = set(listed["word"])
    pos = set(listed.loc[listed["sign"] == "positive", "word"])
    neg = set(listed.loc[listed["sign"] == "negative", "word"])
    gen = set(listed.loc[listed["domain"] == "general", "word"])
    rows = []
    for name in ("international", "stability"):
        variants = {"none": set(), "listed": words, "listed_positive_only": pos, "listed_negative_only": neg}
        if name == "international":
            variants["broad_reading_sensitivity"] = broad_list
        rows += effect_rows(f"{name} dev sample", "international", PASSES[name][1], sents[name], variants)
    rows += effect_rows("general dev sample", "general", RULE.general_sample_seed, sents["general"],
                        {"none": set(), "listed_general_domain": gen,
                         "listed_general_domain_positive_only": gen & pos,
                         "listed_general_domain_negative_only": gen & neg})
    effect = pd.DataFrame(rows)
    print("\n== effect on development text (mean sentence compound; class: >= 0.05 positive, <= -0.05 negative)")
    print(effect.drop(columns=["stratum"]).to_string(index=False))

    if args.write:
        write_list(listed, verdict, occ["international"], args.out)
        atomic_write(args.out / misreads.EFFECT_FILE, effect.to_csv(index=False).encode("utf-8"))
        print(f"\nwrote {misreads.LIST_FILE} and {misreads.EFFECT_FILE} to {args.out}")
    return 0


def write_list(listed: pd.DataFrame, verdict: pd.DataFrame, occ: pd.DataFrame, out: Path = DATA) -> None:
    """Rewrite the numbers of ``tone_misreads.csv``, keeping the coder's ``typical_sense`` and ``reason``; its
    ``origin`` and ``evidence`` columns are derived as :mod:`rhetoric_dev.term_provenance` derives them."""
    path = data_file(misreads.LIST_FILE)
    prose = read_table(misreads.LIST_FILE).set_index("word") if path.is_file() else pd.DataFrame()
    counts = occ["word"].value_counts()
    gv = verdict[verdict["sample_seed"] == RULE.general_sample_seed].set_index("word")
    rows = []
    for r in listed.sort_values(["sign", "share", "word"], ascending=[False, False, True]).itertuples():
        rows.append({"word": r.word, "vader_valence": vader().lexicon[r.word], "sign": r.sign, "domain": r.domain,
                     "dev_occurrences": int(counts[r.word]), "checked": int(r.checked),
                     "non_evaluative": int(r.non_evaluative), "share_non_evaluative": round(float(r.share), 2),
                     "typical_sense": prose.at[r.word, "typical_sense"] if r.word in prose.index else "",
                     "reason": prose.at[r.word, "reason"] if r.word in prose.index else "",
                     "general_checked": int(gv.at[r.word, "checked"]) if r.word in gv.index else 0,
                     "general_non_evaluative": int(gv.at[r.word, "non_evaluative"]) if r.word in gv.index else 0,
                     "general_share": round(float(gv.at[r.word, "share"]), 2) if r.word in gv.index else ""})
    table = term_provenance.derive(misreads.LIST_FILE, pd.DataFrame(rows))
    atomic_write(out / misreads.LIST_FILE, table.to_csv(index=False).encode("utf-8"))


if __name__ == "__main__":
    sys.exit(main())
