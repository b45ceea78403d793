"""`make bench` (gap part): where the command line's feature table spends the CPU time the library call does not.

On the same benchmark articles (the first N of ``../shared/bench/allsides-10k.jsonl.gz`` written to a
temporary JSON Lines file), in one run:

1. ``rhetoric features SRC -o OUT.csv`` in its own process: CPU time of the process tree;
2. the same command on one article: what starting the process costs (interpreter, imports, the linguistic
   resources loaded on first use);
3. in one fresh process, the command's steps one by one with the library's own functions, each timed by
   CPU time: reading and parsing the JSON lines, building each chunk's corpus (cleaning), the feature table
   (:func:`rhetoric.instruments.features.sentence_features`, first chunk separately: resources load there),
   writing the CSV.

The in-process speed is words per CPU second of the feature-table step alone, with warm resources; the
command line's is words per CPU second of step 1. Their gap is explained when start-up + reading + cleaning
+ writing account for it. Nothing is asserted.

    python -m benchmarks.bench_gap [--articles 1000]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import first_articles, load_average, timed
from rhetoric.base.paths import BENCH
from rhetoric.run.settings import CHUNK_ARTICLES

_STEPS = r"""
import json, sys, time, io
t0 = time.process_time()
from rhetoric.run.features import stream
from rhetoric.io.articles import chunk_corpus
from rhetoric.io.source import Source
from rhetoric.instruments.features import sentence_features
t_import = time.process_time() - t0
src, size = sys.argv[1], int(sys.argv[2])
t0 = time.process_time()
articles = [a for a in Source.open(src).articles() if not isinstance(a, tuple)]
t_read = time.process_time() - t0
chunks = [articles[i:i + size] for i in range(0, len(articles), size)]
t0 = time.process_time()
corpora = [chunk_corpus(c) for c in chunks]
t_corpus = time.process_time() - t0
t0 = time.process_time()
tables = [sentence_features(corpora[0])]
t_first = time.process_time() - t0
t0 = time.process_time()
tables += [sentence_features(c) for c in corpora[1:]]
t_rest = time.process_time() - t0
t0 = time.process_time()
buf = io.StringIO()
for k, t in enumerate(tables):
    t.to_csv(buf, index=False, header=k == 0, lineterminator="\n")
t_write = time.process_time() - t0
words = int(sum(t["n_words"].sum() for t in tables))
words_rest = int(sum(t["n_words"].sum() for t in tables[1:]))
print(json.dumps(dict(imports=t_import, read=t_read, corpus=t_corpus, first_chunk=t_first, rest=t_rest,
                      write=t_write, words=words, words_rest=words_rest)))
"""


def _subset(n: int, directory: Path) -> Path:
    return first_articles(n, directory / f"bench-{n}.jsonl")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args(argv)
    if not BENCH.is_file():
        raise SystemExit(f"{BENCH} is not beside the project: nothing to measure")
    print(f"load average before: {load_average()}")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "one").mkdir()
        src, one = _subset(args.articles, tmp), _subset(1, tmp / "one")
        cli = timed([sys.executable, "-m", "rhetoric.cli", "features", str(src), "-o", str(tmp / "f.csv"),
                      "--no-progress"])[0]
        start = timed([sys.executable, "-m", "rhetoric.cli", "features", str(one), "-o", str(tmp / "one.csv"),
                        "--no-progress"])[0]
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", _STEPS, str(src), str(CHUNK_ARTICLES)], capture_output=True,
                             text=True, check=True).stdout
        steps = json.loads(out.strip().splitlines()[-1])
        wall_steps = time.perf_counter() - t0
    words = steps["words"]
    warm = steps["words_rest"] / steps["rest"]
    print(f"\n{args.articles:,} articles, {words:,} words (chunks of {CHUNK_ARTICLES} articles)")
    print(f"command line, whole run:          CPU {cli.cpu:7.1f} s  {words / cli.cpu:9,.0f} words per CPU second")
    print(f"command line on one article:      CPU {start.cpu:7.1f} s  (start-up: interpreter, imports, resources)")
    print(f"in process, step by step ({wall_steps:.0f} s wall):")
    for name in ("imports", "read", "corpus", "first_chunk", "rest", "write"):
        print(f"  {name:12} {steps[name]:7.2f} s")
    print(f"in process, feature table with warm resources: {warm:9,.0f} words per CPU second")
    print(f"command line minus warm feature table: {cli.cpu - words / warm:6.1f} s; start-up + read + corpus + "
          f"write: {start.cpu + steps['read'] + steps['corpus'] + steps['write']:6.1f} s "
          f"(first chunk, resources loading: {steps['first_chunk']:.1f} s)")
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    main()
