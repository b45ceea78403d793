"""What the benchmarks share: CPU time of a whole process tree with its peak memory, the load average, and corpora
cut from the benchmark's 10,000 articles (``../shared/bench/allsides-10k.jsonl.gz``, read in place, never copied).

The machine is shared, so wall-clock time swings with other people's jobs; CPU time (of the whole process tree:
``getrusage`` of the reaped children) does much less. Every benchmark prints the load average before and after.
"""
from __future__ import annotations

import csv
import gzip
import itertools
import json
import os
import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import psutil

from rhetoric.base.paths import BENCH

#: The seed of the study corpus drawn from the benchmark (:func:`build_corpus`).
SEED = 20261206


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float


def children_cpu() -> float:
    """User + system CPU seconds of every child process reaped so far (and their children)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> tuple[Run, bytes]:
    """Wall and CPU seconds (the process and every process it started) and peak resident memory (MB)."""
    cpu0, t0 = children_cpu(), time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd)
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
    out, err = proc.communicate()
    stop.set()
    thread.join()
    wall, cpu = time.perf_counter() - t0, children_cpu() - cpu0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} ... failed ({proc.returncode}): {err.decode()[-2000:]}")
    return Run(wall, cpu, peak), out


def load_average() -> str:
    """The 1, 5 and 15 minute load averages and the number of cores, for the lines printed before and after."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min; {os.cpu_count()} cores)"


def first_articles(n: int, path: Path) -> Path:
    """The first ``n`` lines of the benchmark corpus written to ``path`` (gzip when it ends in ``.gz``)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with gzip.open(BENCH, "rt", encoding="utf-8") as src, opener(path, "wt", encoding="utf-8") as dst:
        for line in itertools.islice(src, n):
            dst.write(line)
    return path


def build_corpus(n: int, directory: Path, columns: tuple[str, ...] = ()) -> Path:
    """``n`` benchmark articles, a seeded draw balanced over the three leanings (a leaning with too few articles
    gives its shortfall to the others), as a corpus folder; ``columns`` adds those fields of the benchmark records
    to ``metadata.csv`` (e.g. ``("outlet", "date")``: the 400-article grouped corpus the tests use)."""
    with gzip.open(BENCH, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    by_group: dict[str, list[dict]] = {}
    for r in sorted(records, key=lambda r: str(r["id"])):
        if r.get("text", "").strip():
            by_group.setdefault(str(r["stance"]), []).append(r)
    rng = np.random.default_rng(SEED)
    groups = sorted(by_group)
    takes = {g: n // len(groups) + (1 if k < n % len(groups) else 0) for k, g in enumerate(groups)}
    short = sum(max(0, takes[g] - len(by_group[g])) for g in groups)
    for g in groups:  # a group with too few articles gives its shortfall to the others, in order
        takes[g] = min(takes[g], len(by_group[g]))
        extra = min(short, len(by_group[g]) - takes[g])
        takes[g], short = takes[g] + extra, short - extra
    chosen = []
    for g in groups:
        pool = by_group[g]
        chosen += [pool[i] for i in sorted(rng.choice(len(pool), size=takes[g], replace=False))]
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "metadata.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "file", "stance", "title", *columns])
        for r in chosen:
            w.writerow([r["id"], f"{r['id']}.txt", r["stance"], r.get("title") or "",
                        *(r.get(c) or "" for c in columns)])
            (directory / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
    return directory
