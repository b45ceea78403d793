"""Measurements, not tests: what the notebook run, the feature table and the whole sequence cost (``make bench``,
``make bench-scale``, ``make bench-run``), and the benchmark's per-article table (``make scale-table``).

Each benchmark is a module run from the project root (``python -m benchmarks.bench_scale``); what they share (CPU
time of a process tree, the load average, the benchmark corpus cut to N articles) is :mod:`benchmarks.common`. The
library never imports this package (an import-linter contract).
"""
