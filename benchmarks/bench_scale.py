"""`make bench` (scale part): the feature table over the 10,000-article benchmark corpus, in CPU time.

The machine is shared, so wall-clock time swings with other people's jobs; CPU time (of the whole process
tree: ``getrusage`` of the reaped children) does much less, and every comparison is a ratio within one run.
The load average is printed before and after: take figures only when both are low.

One run, on the same articles:

1. ``rhetoric features`` serially (the fast paths): CPU and wall time, words per CPU second, peak memory;
2. the same with the fast paths off (``RHETORIC_PLAIN=1``): its CPU time, and whether the two CSV files
   are identical byte for byte (every row, every column of every article);
3. the naive way (NLTK, VADER, TextBlob and textstat called separately per article, each re-tokenising),
   in its own process like the others: CPU and wall time, and ours / naive as a ratio of CPU times;
4. ``--workers 2``: wall-clock speed-up over serial, output identical to serial; peak memory of the whole
   process tree (sampled every 0.1 s) on the whole corpus and on half of it.

Targets (issue 14): >= 90,000 words per CPU second; >= 2.0x the naive way (goal 2.5x); >= 1.8x on 2 workers;
< 1.5 GB peak; identical output. The corpus is read from ../shared/bench/ (never copied here); the
benchmark is skipped when it is absent.

    python -m benchmarks.bench_scale [--articles N] [--no-plain] [--no-workers]
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
from pathlib import Path

from benchmarks.common import Run, first_articles, load_average, timed
from rhetoric.base.paths import BENCH, ROOT

TARGET_RATE, TARGET_NAIVE, GOAL_NAIVE, TARGET_SPEEDUP, TARGET_MB = 90_000, 2.0, 2.5, 1.8, 1536


def _features(source: Path, out: Path, workers: int = 1, plain: bool = False) -> Run:
    env = {k: v for k, v in os.environ.items() if k != "RHETORIC_PLAIN"}
    if plain:
        env["RHETORIC_PLAIN"] = "1"
    cmd = [sys.executable, "-m", "rhetoric.cli", "features", str(source), "-o", str(out), "--no-progress",
           "--workers", str(workers)]
    return timed(cmd, env)[0]


def _subset(n: int | None, directory: Path) -> Path:
    return BENCH if n is None else first_articles(n, directory / f"first-{n}.jsonl.gz")


def _words(table: Path) -> int:
    import pandas as pd

    return int(pd.read_csv(table, usecols=["n_words"])["n_words"].sum())


def naive(source: Path) -> int:
    """The naive way: each library called separately per article, each tokenising for itself (its word count)."""
    import punkt
    import textstat
    from nltk.tokenize import NLTKWordTokenizer
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from rhetoric.base.resources import ensure_cmudict
    from rhetoric.instruments.hedging import lexicon

    ensure_cmudict()
    vader, words_tok = SentimentIntensityAnalyzer(), NLTKWordTokenizer()
    lex = lexicon()
    hedges = set(lex.loc[lex["category"] == "hedge", "term"])
    boosters = set(lex.loc[lex["category"] == "booster", "term"])
    total = 0
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            for sentence in punkt.sent_tokenize(text):
                words = [w for w in words_tok.tokenize(sentence) if any(c.isalnum() for c in w)]
                total += len(words)
                _ = (vader.polarity_scores(sentence), TextBlob(sentence).sentiment,
                     sum(w.lower() in hedges for w in words), sum(w.lower() in boosters for w in words))
            _ = (textstat.flesch_reading_ease(text), textstat.gunning_fog(text), textstat.smog_index(text))
    return total


def _mark(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, help="use the first N articles (default: all)")
    parser.add_argument("--no-plain", action="store_true", help="skip the run with the fast paths off")
    parser.add_argument("--no-workers", action="store_true", help="skip the 2-worker and memory runs")
    parser.add_argument("--naive-only", help=argparse.SUPPRESS)  # internal: the naive way in its own process
    args = parser.parse_args()
    if args.naive_only:
        print(naive(Path(args.naive_only)))
        return
    if not BENCH.is_file():
        print(f"scale benchmark skipped: {BENCH.name} not found beside the project (../shared/bench/)")
        return
    print(f"load average before: {load_average()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = _subset(args.articles, tmp)
        fast = _features(source, tmp / "fast.csv")
        words = _words(tmp / "fast.csv")
        naive_run, out = timed([sys.executable, "-m", "benchmarks.bench_scale", "--naive-only", str(source)],
                               cwd=ROOT)
        naive_words = int(out.decode().split()[-1])
        plain = identical = None
        if not args.no_plain:
            plain = _features(source, tmp / "plain.csv", plain=True)
            identical = (tmp / "fast.csv").read_bytes() == (tmp / "plain.csv").read_bytes()
        two = half = None
        if not args.no_workers:
            two = _features(source, tmp / "two.csv", workers=2)
            same_parallel = (tmp / "fast.csv").read_bytes() == (tmp / "two.csv").read_bytes()
            half = _features(_subset((args.articles or 10_000) // 2, tmp), tmp / "half.csv", workers=2)
    print(f"load average after:  {load_average()}")
    rate = words / fast.cpu
    ratio = naive_run.cpu / fast.cpu
    print(f"corpus: {source.name}, {words:,} words (the feature table's count; the naive way counts "
          f"{naive_words:,})")
    print(f"feature table, serial:  CPU {fast.cpu:7.1f} s  wall {fast.wall:7.1f} s  {rate:9,.0f} words per CPU "
          f"second (target >= {TARGET_RATE:,}) {_mark(rate >= TARGET_RATE)}")
    print(f"naive way, same articles: CPU {naive_run.cpu:5.1f} s  wall {naive_run.wall:7.1f} s  "
          f"{words / naive_run.cpu:9,.0f} words per CPU second")
    print(f"ours / naive (CPU time): {ratio:.2f}x (target >= {TARGET_NAIVE}x, goal {GOAL_NAIVE}x) "
          f"{_mark(ratio >= TARGET_NAIVE)}")
    if plain is not None:
        print(f"fast paths off (plain library calls): CPU {plain.cpu:7.1f} s  wall {plain.wall:7.1f} s  "
              f"{words / plain.cpu:9,.0f} words per CPU second; fast / plain {plain.cpu / fast.cpu:.2f}x")
        print(f"fast and plain output identical, byte for byte: {identical}")
    if two is not None:
        speedup = fast.wall / two.wall
        print(f"2 workers: wall {two.wall:7.1f} s  CPU {two.cpu:7.1f} s  speed-up {speedup:.2f}x over serial wall "
              f"(target >= {TARGET_SPEEDUP}x) {_mark(speedup >= TARGET_SPEEDUP)}; output identical to serial: "
              f"{same_parallel}")
        peak = max(fast.peak_mb, two.peak_mb, half.peak_mb)
        print(f"peak memory: serial {fast.peak_mb:,.0f} MB; 2 workers: whole corpus {two.peak_mb:,.0f} MB, half "
              f"{half.peak_mb:,.0f} MB (target < {TARGET_MB:,} MB) {_mark(peak < TARGET_MB)}")


if __name__ == "__main__":
    main()
