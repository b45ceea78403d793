"""`make bench`: what a user's study costs, the whole sequence against its feature table, in one run.

On the same benchmark articles (a corpus of N articles in the three AllSides leanings, written to a temporary
folder) and on the two seeds, in one run, each command in its own process:

1. ``rhetoric features`` (the per-sentence feature table) and ``rhetoric run --force`` (every notebook),
   each timed by the CPU time of its whole process tree (kernels included) with wall time and peak resident
   memory beside it;
2. the **added cost** of each over its run on the seeds, and their ratio: how many times the feature
   table's added cost the sequence adds (issue 21's target: at most 3x on 400 articles);
3. with ``--steps``: the profile by notebook and by step on both corpora (the kernel's CPU time for each code
   cell, recorded by an IPython ``pre/post_run_cell`` hook injected into a copy of each notebook, the run's
   shared tables in force as in ``rhetoric run``), and the steps that add the most over the seeds.

The load average is printed before and after: on a shared machine, believe a figure only when both are low,
and compare ratios taken in the same run. Nothing is asserted; this is a measurement, not a test.

    .venv/bin/python -m benchmarks.bench_sequence --articles 400 [--steps] [--top 15]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from benchmarks.common import build_corpus, load_average, timed
from rhetoric.base.paths import BENCH, SEEDS
from rhetoric.run.kernel import execute_notebook, inject_parameters
from rhetoric.run.plan import notebook_paths
from rhetoric.run.shared_tables import run_folder

TARGET_RATIO, STRETCH_RATIO = 3.0, 1.5

#: Injected first into each notebook copy (``--steps``): the kernel's CPU seconds per executed cell.
_HOOK = """\
import time as _bench_time
_bench_steps, _bench_t0 = [], [0.0]
def _bench_pre(info):
    _bench_t0[0] = _bench_time.process_time()
def _bench_post(result):
    src = (result.info.raw_cell or "").strip().splitlines()
    _bench_steps.append((src[0][:80] if src else "", _bench_time.process_time() - _bench_t0[0]))
get_ipython().events.register("pre_run_cell", _bench_pre)
get_ipython().events.register("post_run_cell", _bench_post)
"""
_REPORT = "import json as _bench_json; print('BENCH-STEPS ' + _bench_json.dumps(_bench_steps))"


def _features(corpus: Path, tmp: Path):
    return timed([sys.executable, "-m", "rhetoric.cli", "features", str(corpus), "-o", str(tmp / "f.csv"),
                   "--no-progress"])[0]


def _sequence(corpus: Path, out: Path):
    return timed([sys.executable, "-m", "rhetoric.cli", "run", "--corpus", str(corpus), "--out", str(out),
                   "--force"])[0]


def steps(corpus: Path, tmp: Path) -> list[tuple[str, str, float]]:
    """``(notebook, first line of the cell, kernel CPU seconds)`` for every code cell of every notebook."""
    tmp.mkdir(parents=True, exist_ok=True)
    out = tmp / "steps-out"
    rows = []
    with run_folder(tmp):  # as in `rhetoric run`: the tables the notebooks share are computed once
        for path in notebook_paths():
            nb = nbformat.read(path, as_version=4)
            nb = inject_parameters(nb, {"CORPUS_DIR": str(corpus), "OUTPUT_DIR": str(out)})
            nb.cells.insert(0, nbformat.v4.new_code_cell(_HOOK))
            nb.cells.append(nbformat.v4.new_code_cell(_REPORT))
            execute_notebook(nb, cwd=path.parent)
            text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.get("output_type") == "stream")
            for first, cpu in json.loads(text.split("BENCH-STEPS ", 1)[1]):
                if not first.startswith(("import time as _bench_time", "import json as _bench_json")):
                    rows.append((path.stem, first, cpu))
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400, help="benchmark articles in the study corpus")
    parser.add_argument("--steps", action="store_true", help="also profile every notebook by step (cell)")
    parser.add_argument("--top", type=int, default=15, help="how many of the costliest steps to list")
    args = parser.parse_args(argv)
    if not BENCH.is_file():
        raise SystemExit(f"{BENCH} is not beside the project: nothing to measure")
    print(f"load average before: {load_average()}")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = build_corpus(args.articles, tmp / "corpus")
        t0 = time.perf_counter()
        f_seed, f_n = _features(SEEDS, tmp), _features(corpus, tmp)
        r_seed, r_n = _sequence(SEEDS, tmp / "out-seeds"), _sequence(corpus, tmp / "out-n")
        print(f"\n{'':34}{'CPU s':>9}{'wall s':>9}{'peak MB':>9}")
        for name, run in (("features, 2 seeds", f_seed), (f"features, {args.articles} articles", f_n),
                          ("run (sequence), 2 seeds", r_seed), (f"run (sequence), {args.articles} articles", r_n)):
            print(f"{name:34}{run.cpu:9.1f}{run.wall:9.1f}{run.peak_mb:9.0f}")
        added_f, added_r = f_n.cpu - f_seed.cpu, r_n.cpu - r_seed.cpu
        ratio = added_r / added_f if added_f > 0 else float("nan")
        verdict = "met" if ratio <= TARGET_RATIO else "missed"
        print(f"\nadded CPU over the seeds: features {added_f:.1f} s, sequence {added_r:.1f} s")
        print(f"sequence / features, added cost: {ratio:.1f}x (target <= {TARGET_RATIO:g}x: {verdict}; "
              f"stretch {STRETCH_RATIO:g}x); measured in {time.perf_counter() - t0:.0f} s wall")
        if args.steps:
            rows, base = steps(corpus, tmp / "steps-n"), steps(SEEDS, tmp / "steps-seeds")
            seeds_cpu: dict[tuple[str, str], float] = {}
            for nb, first, cpu in base:
                seeds_cpu[(nb, first)] = seeds_cpu.get((nb, first), 0.0) + cpu
            by_nb: dict[str, list[float]] = {}
            for nb, _first, cpu in rows:
                by_nb.setdefault(nb, [0.0, 0.0])[0] += cpu
            for nb, _first, cpu in base:
                by_nb.setdefault(nb, [0.0, 0.0])[1] += cpu
            print(f"\nkernel CPU by notebook (s): {args.articles} articles, 2 seeds, added")
            for nb, (cpu_n, cpu_s) in by_nb.items():
                print(f"  {nb:32}{cpu_n:8.1f}{cpu_s:8.1f}{cpu_n - cpu_s:8.1f}")
            total_n, total_s = sum(v[0] for v in by_nb.values()), sum(v[1] for v in by_nb.values())
            print(f"  {'all':32}{total_n:8.1f}{total_s:8.1f}{total_n - total_s:8.1f}")
            added = [(nb, first, cpu - seeds_cpu.get((nb, first), 0.0), cpu) for nb, first, cpu in rows]
            print(f"\nthe {args.top} steps that add the most over the seeds (added s, s on {args.articles} articles):")
            for nb, first, extra, cpu in sorted(added, key=lambda r: -r[2])[:args.top]:
                print(f"  {extra:7.1f} {cpu:7.1f}  {nb:26} {first}")
    print(f"\nload average after: {load_average()}")


if __name__ == "__main__":
    main()
