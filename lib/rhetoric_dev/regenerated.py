"""Compare regenerated data files with the committed ones (``make dev-check``): byte for byte, except the hedge
detector's and the target-tone model's weights, which a refit reproduces only up to the solver's tolerance.

``uncertainty_model.csv`` holds the weights of a logistic regression fitted with newton-cg (``tol=1e-6``): the solver
stops when the largest gradient component is below its tolerance, which leaves weakly constrained weights free by a
few 1e-5 between BLAS kernels of different CPUs. Its features, notes and order must be the same and each weight within
:data:`rhetoric_dev.hedges.REFIT_WEIGHT_TOLERANCE`. ``target_tone_model.csv`` (multinomial logistic regression, lbfgs,
weights rounded to 10 significant digits) differs between refits by a few 1e-7 (measured: at most 2.8e-7): its
features, article counts, notes and order must be the same and each class weight within
:data:`TONE_WEIGHT_TOLERANCE`. Every other file must be the same bytes.

    python -m rhetoric_dev.regenerated NEW COMMITTED [NEW COMMITTED ...]

prints one line per pair (``identical``, ``within tolerance`` with the largest weight difference, or ``DIFFERS``)
and exits 1 when any pair differs.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from rhetoric.instruments import uncertainty
from rhetoric_dev.hedges import REFIT_WEIGHT_TOLERANCE

#: The target-tone model file and the largest difference of a class weight between two refits taken as the same
#: model (lbfgs stops at its gradient tolerance; a few 1e-7 measured between refits, so 1e-5 leaves a margin while
#: any real change of the model, a feature or a C, moves weights by far more).
TONE_MODEL_FILE = "target_tone_model.csv"
TONE_WEIGHT_TOLERANCE = 1e-5
TONE_CLASSES = ("negative", "neutral", "positive")


def _tone_weights(data: bytes) -> tuple[list[tuple[str, str, str]], list[tuple[float, ...]]]:
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    return ([(r["feature"], r["articles"], r["note"]) for r in rows],
            [tuple(float(r[c]) for c in TONE_CLASSES) for r in rows])


def _weights(data: bytes) -> list[tuple[str, float, str]]:
    rows = csv.DictReader(io.StringIO(data.decode("utf-8")))
    return [(r["feature"], float(r["weight"]), r["note"]) for r in rows]


def compare(new: Path, committed: Path) -> tuple[bool, str]:
    """(same, what): whether ``new`` stands for ``committed``, and how it compares."""
    if not new.is_file():
        return False, "not regenerated"
    a, b = new.read_bytes(), committed.read_bytes()
    if a == b:
        return True, "identical"
    if committed.name == TONE_MODEL_FILE:
        try:
            (keys_a, w_a), (keys_b, w_b) = _tone_weights(a), _tone_weights(b)
        except (KeyError, ValueError, UnicodeDecodeError):
            return False, "DIFFERS"
        if keys_a != keys_b:
            return False, "DIFFERS (features, articles or notes)"
        gap = max(abs(x - y) for ra, rb in zip(w_a, w_b) for x, y in zip(ra, rb))
        if gap <= TONE_WEIGHT_TOLERANCE:
            return True, f"within tolerance (largest weight difference {gap:.1e} <= {TONE_WEIGHT_TOLERANCE:g})"
        return False, f"DIFFERS (largest weight difference {gap:.1e} > {TONE_WEIGHT_TOLERANCE:g})"
    if committed.name != uncertainty.MODEL_FILE:
        return False, "DIFFERS"
    try:
        ours, theirs = _weights(a), _weights(b)
    except (KeyError, ValueError, UnicodeDecodeError):  # not a weight table at all
        return False, "DIFFERS"
    if [(f, n) for f, _, n in ours] != [(f, n) for f, _, n in theirs]:
        return False, "DIFFERS (features or notes)"
    gap = max(abs(x - y) for (_, x, _), (_, y, _) in zip(ours, theirs))
    if gap <= REFIT_WEIGHT_TOLERANCE:
        return True, f"within tolerance (largest weight difference {gap:.1e} <= {REFIT_WEIGHT_TOLERANCE:g})"
    return False, f"DIFFERS (largest weight difference {gap:.1e} > {REFIT_WEIGHT_TOLERANCE:g})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", nargs="+", type=Path, metavar="NEW COMMITTED")
    args = parser.parse_args(argv)
    if len(args.pairs) % 2:
        parser.error("give the files in pairs: NEW COMMITTED")
    ok = True
    for new, committed in zip(args.pairs[::2], args.pairs[1::2]):
        same, what = compare(new, committed)
        ok &= same
        print(f"{what}: {committed}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
