"""`make bench`: how long the notebook run takes, against what it cannot go below.

Prints, with the environment ready:
1. the wall time of a full `rhetoric run --force` (every notebook executed, in a copy of the project so
   the working tree is untouched);
2. the floor: the same number of notebooks that only import the stack the notebooks use (every third-party
   library and the library itself; a fresh kernel each, as in the run);
3. a second `make run` with nothing changed (target: re-executes nothing, under 3 s).
Targets: run within 1.5x of the floor; the no-change run under 3 s.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from rhetoric.base.paths import ROOT
from rhetoric.run.kernel import execute_notebook
from rhetoric.run.plan import notebook_paths

#: Everything the notebooks import (third-party stack and the library), and nothing else.
IMPORTS = """\
import numpy, pandas, scipy.stats, matplotlib, seaborn, networkx, nltk, punkt, textstat, wordfreq, simplemma
import lemminflect, lexicalrichness, vaderSentiment.vaderSentiment, textblob.en.sentiments
import rhetoric.report.figure_files, rhetoric.run.notebook, rhetoric.language.tokens
import rhetoric.report.plots, rhetoric.report.findings
"""


def _timed(cmd: list[str], **kw) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - t0


def main() -> None:
    n = len(notebook_paths())
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "project"
        for rel in files:
            if (ROOT / rel).is_file():
                (repo / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / rel, repo / rel)
        env = {**os.environ, "PYTHONPATH": str(repo / "lib")}
        run = [sys.executable, "-m", "rhetoric.cli", "run"]
        _timed(run, cwd=repo, env=env)  # warm-up: builds the offline cmudict, fills OS caches
        full = _timed([*run, "--force"], cwd=repo, env=env)

        t0 = time.perf_counter()
        for _ in range(n):
            nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(IMPORTS)])
            execute_notebook(nb, cwd=Path(tmp))
        floor = time.perf_counter() - t0

    _timed(["make", "run"], cwd=ROOT)  # brings the working tree's run state up to date
    unchanged = _timed(["make", "run"], cwd=ROOT)
    print(f"notebooks:                      {n}")
    print(f"full run (all executed):        {full:6.1f} s")
    print(f"floor (import-only notebooks):  {floor:6.1f} s")
    print(f"ratio full / floor:             {full / floor:6.2f}  (target <= 1.5) "
          f"{'OK' if full / floor <= 1.5 else 'MISSED'}")
    print(f"make run, nothing changed:      {unchanged:6.2f} s (target < 3 s) "
          f"{'OK' if unchanged < 3 else 'MISSED'}")


if __name__ == "__main__":
    main()
