"""`make scale-table`: regenerate data/allsides-10k-article-features.csv.gz from the benchmark corpus.

Runs the feature table over ../shared/bench/allsides-10k.jsonl.gz (2 workers), summarises it per article
(rhetoric.analysis.aggregate.per_article: every registered measure) and joins the numeric metadata: id, outlet,
leaning (AllSides), topic, date.
No titles, no text: the table can be committed, and notebook 06 reads it so that `make run` needs no
corpus. Written as gzip with a zero timestamp, so the same input gives the same bytes; beside it, the
fingerprint of the instruments that made it (``rhetoric.run.features.fingerprint``), which a test compares with
the instruments in use.

    python -m benchmarks.scale_table [--out DIR]    (default: the committed table in data/)
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from pathlib import Path

import pandas as pd

from rhetoric.analysis.aggregate import per_article
from rhetoric.base.paths import BENCH, ROOT
from rhetoric.run.features import fingerprint
from rhetoric.run.features.stream import build_features
from rhetoric.run.settings import Settings

CORPUS = BENCH
TABLE = ROOT / "data" / "allsides-10k-article-features.csv.gz"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=TABLE.parent,
                        help=f"where {TABLE.name} is written (default data/)")
    args = parser.parse_args(argv)
    target = args.out / TABLE.name
    if not CORPUS.is_file():
        print(f"{CORPUS.name} not found beside the project (../shared/bench/); the committed table is kept")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "features.parquet"
        stats = build_features(Settings(command="features", corpus=CORPUS, out=out, workers=2))
        table = per_article(pd.read_parquet(out))
    meta = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            meta.append({"doc_id": rec["id"], "outlet": rec.get("outlet", ""), "leaning": rec.get("stance", ""),
                         "topic": rec.get("topic", ""), "date": rec.get("date", "")})
    table = pd.DataFrame(meta).merge(table, on="doc_id", how="inner")
    target.parent.mkdir(parents=True, exist_ok=True)
    csv = table.to_csv(index=False, lineterminator="\n", float_format="%.6g").encode()
    with open(target, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as fh:
        fh.write(csv)
    value = fingerprint.write(args.out / fingerprint.REFERENCE_FINGERPRINT.name)  # the instruments that made it
    print(f"wrote {len(table)} articles to {target} (instruments' fingerprint {value}); {stats.failed} failed",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
