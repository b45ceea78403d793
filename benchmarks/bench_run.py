"""The whole sequence on a large corpus: ``rhetoric run --workers N`` on N benchmark articles, in one process tree.

Issue 21's target for 10,000 benchmark articles: the whole sequence under 20 minutes wall on 2 workers, peak
memory under 4 GB. This script builds the corpus (the same seeded draw over the three leanings as
``bench_sequence``, :func:`benchmarks.common.build_corpus`; at 10,000 it is every non-empty benchmark article),
runs ``rhetoric run --force`` on it, and prints wall time, CPU time of the whole process tree (kernels and
workers included), the peak resident memory summed over the tree (sampled every 0.1 s), and the load average
before and after. The progress log of
the run (``RHETORIC_PROGRESS_LOG``) is kept beside the output with the time of each line, so where the time went
can be read afterwards. Nothing is asserted: a measurement, not a test.

    .venv/bin/python -m benchmarks.bench_run --articles 10000 --workers 2 [--keep DIR]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from benchmarks.common import build_corpus, children_cpu, load_average

TARGET_WALL_MIN, TARGET_GB = 20, 4


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build the corpus and write the outputs here (kept)")
    args = parser.parse_args(argv)
    print(f"load average before: {load_average()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        base = args.keep or Path(tmp_name)
        corpus = base / "corpus"
        if not (corpus / "metadata.csv").is_file():
            build_corpus(args.articles, corpus)
        n = sum(1 for _ in (corpus / "metadata.csv").open(encoding="utf-8")) - 1
        log = base / "progress.log"
        log.unlink(missing_ok=True)
        env = {**os.environ, "RHETORIC_PROGRESS_LOG": str(log)}
        cmd = [sys.executable, "-m", "rhetoric.cli", "run", "--corpus", str(corpus), "--out", str(base / "out"),
               "--force", "--workers", str(args.workers)]
        cpu0, t0 = children_cpu(), time.perf_counter()
        proc = psutil.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
        peak, largest, stamps = 0.0, 0.0, []
        by_notebook: dict[str, float] = {}  # the largest process's peak while each notebook ran
        output: list[str] = []
        current = ["(start)"]
        stop = threading.Event()

        def read() -> None:  # the runner's own lines ("[2/7] 02-framing.ipynb: executing ..."), as they come
            for raw in proc.stdout:
                line = raw.decode(errors="replace").rstrip()
                output.append(line)
                stamps.append((time.perf_counter() - t0, line))
                if line.endswith("executing ..."):
                    current[0] = line.split("] ", 1)[-1].split(":", 1)[0]

        def sample() -> None:
            nonlocal peak, largest
            seen = 0
            while not stop.is_set():
                if log.is_file():
                    lines = log.read_text(encoding="utf-8").splitlines()
                    stamps.extend((time.perf_counter() - t0, line) for line in lines[seen:])
                    seen = len(lines)
                try:
                    rss = [p.memory_info().rss for p in [proc, *proc.children(recursive=True)] if p.is_running()]
                    peak, largest = max(peak, sum(rss) / 2**20), max(largest, max(rss) / 2**20)
                    by_notebook[current[0]] = max(by_notebook.get(current[0], 0.0), max(rss) / 2**20)
                except (psutil.Error, ValueError):
                    pass
                time.sleep(0.1)

        threads = [threading.Thread(target=sample, daemon=True), threading.Thread(target=read, daemon=True)]
        for thread in threads:
            thread.start()
        threads[1].join()
        proc.wait()
        stop.set()
        threads[0].join()
        wall, cpu = time.perf_counter() - t0, children_cpu() - cpu0
        print(f"load average after: {load_average()}")
        print(f"rhetoric run --workers {args.workers} on {n:,} articles: exit {proc.returncode}")
        print(f"  wall {wall / 60:.1f} min (target < {TARGET_WALL_MIN}), CPU {cpu:.0f} s (process tree), "
              f"peak {peak / 1024:.2f} GB summed over the tree (target < {TARGET_GB}), largest process "
              f"{largest / 1024:.2f} GB")
        print("\nlargest process's peak (GB) while each notebook ran:")
        for name, mb in by_notebook.items():
            print(f"  {name:30} {mb / 1024:6.2f}")
        print("\nprogress (seconds since start):")
        for at, line in sorted(stamps, key=lambda s: s[0]):
            print(f"  {at:8.1f}  {line}")
        if proc.returncode != 0:
            print("\nlast output:\n" + "\n".join(output)[-3000:])


if __name__ == "__main__":
    main()
