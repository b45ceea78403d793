"""`make bench` (scale part): the feature table over the 10,000-article benchmark corpus.

Prints words per second (serial, and with 2 workers, per core), the speed-up from 1 to 2 workers, peak
memory of the whole process tree (sampled every 0.1 s) on half and on all of the corpus, and the throughput
of the naive way (NLTK, VADER, TextBlob and textstat called separately per article, each re-tokenising).
Targets (issue 7): >= 40,000 words/s per core, >= 3x the naive way, >= 1.7x on 2 workers, < 1.5 GB peak.
The corpus is read from ../shared/bench/ (never copied here); the benchmark is skipped when it is absent.

    python scripts/bench_scale.py [--articles N] [--naive-articles M]
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from rhetoric.paths import ROOT

CORPUS = ROOT.parent / "shared" / "bench" / "allsides-10k.jsonl.gz"


def _subset(n: int | None, directory: Path) -> Path:
    if n is None:
        return CORPUS
    path = directory / f"first-{n}.jsonl.gz"
    with gzip.open(CORPUS, "rt", encoding="utf-8") as src, gzip.open(path, "wt", encoding="utf-8") as dst:
        for line in itertools.islice(src, n):
            dst.write(line)
    return path


def _run(source: Path, out: Path, workers: int) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of the whole process tree of one `rhetoric features` run."""
    cmd = [sys.executable, "-m", "rhetoric.cli", "features", str(source), "-o", str(out), "--no-progress",
           "--workers", str(workers)]
    t0 = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            try:
                procs = [proc, *proc.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()) / 2**20)
            except psutil.Error:
                pass
            time.sleep(0.1)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _, err = proc.communicate()
    stop.set()
    thread.join()
    if proc.returncode != 0:
        raise SystemExit(f"rhetoric features failed ({proc.returncode}): {err.decode()[-2000:]}")
    return time.perf_counter() - t0, peak


def _words(table: Path) -> int:
    import pandas as pd

    return int(pd.read_csv(table, usecols=["n_words"])["n_words"].sum())


def naive(source: Path, n: int) -> tuple[float, int]:
    """The naive way: each library called separately per article, each tokenising for itself."""
    import punkt
    import textstat
    from nltk.tokenize import NLTKWordTokenizer
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from rhetoric.hedging import lexicon
    from rhetoric.resources import ensure_cmudict

    ensure_cmudict()
    vader, words_tok = SentimentIntensityAnalyzer(), NLTKWordTokenizer()
    lex = lexicon()
    hedges = set(lex.loc[lex["category"] == "hedge", "term"])
    boosters = set(lex.loc[lex["category"] == "booster", "term"])
    total = 0
    t0 = time.perf_counter()
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        for line in itertools.islice(fh, n):
            text = json.loads(line)["text"]
            for sentence in punkt.sent_tokenize(text):
                words = [w for w in words_tok.tokenize(sentence) if any(c.isalnum() for c in w)]
                total += len(words)
                _ = (vader.polarity_scores(sentence), TextBlob(sentence).sentiment,
                     sum(w.lower() in hedges for w in words), sum(w.lower() in boosters for w in words))
            _ = (textstat.flesch_reading_ease(text), textstat.gunning_fog(text), textstat.smog_index(text))
    return time.perf_counter() - t0, total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, help="use the first N articles (default: all)")
    parser.add_argument("--naive-articles", type=int, default=400, help="articles for the naive baseline")
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"scale benchmark skipped: {CORPUS.name} not found beside the project (../shared/bench/)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = _subset(args.articles, tmp)
        half = _subset((args.articles or 10_000) // 2, tmp)
        t1, m1 = _run(source, tmp / "serial.csv", 1)
        words = _words(tmp / "serial.csv")
        t2, m2 = _run(source, tmp / "two.csv", 2)
        identical = (tmp / "serial.csv").read_bytes() == (tmp / "two.csv").read_bytes()
        th, mh = _run(half, tmp / "half.csv", 2)
        tn, wn = naive(source, args.naive_articles)
    rate1, rate2, naive_rate = words / t1, words / t2, wn / tn
    print(f"corpus: {source.name}, {words:,} words")
    print(f"serial (1 process):         {t1:7.1f} s  {rate1:9,.0f} words/s per core   (target >= 40,000) "
          f"{'OK' if rate1 >= 40_000 else 'MISSED'}")
    print(f"2 workers:                  {t2:7.1f} s  {rate2 / 2:9,.0f} words/s per core   speed-up {t1 / t2:.2f}x "
          f"(target >= 1.7x) {'OK' if t1 / t2 >= 1.7 else 'MISSED'}")
    print(f"serial and parallel output identical: {identical}")
    print(f"naive way ({args.naive_articles} articles):    {naive_rate:9,.0f} words/s   ours / naive = "
          f"{rate1 / naive_rate:.2f}x (target >= 3x) {'OK' if rate1 / naive_rate >= 3 else 'MISSED'}")
    print(f"peak memory, 2 workers: half corpus {mh:,.0f} MB, whole corpus {m2:,.0f} MB; serial {m1:,.0f} MB "
          f"(target < 1,536 MB) {'OK' if max(m1, m2, mh) < 1536 else 'MISSED'}")


if __name__ == "__main__":
    main()
