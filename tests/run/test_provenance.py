"""What produced a notebook's numbers (``rhetoric.run.provenance``)."""
from __future__ import annotations

import platform

from rhetoric.run.provenance import PACKAGES, provenance


def test_provenance_lists_python_packages_resources_and_every_document(seeds):
    table = provenance(seeds)
    assert list(table.columns) == ["kind", "item", "version or checksum"]
    assert table.iloc[0].tolist() == ["python", "Python", platform.python_version()]
    packages = table[table["kind"] == "package"]
    assert list(packages["item"]) == PACKAGES and packages["version or checksum"].str.len().min() > 0
    files = table[table["kind"] == "corpus file"]
    assert len(files) == len(seeds.documents)
    assert all(v == f"sha256 {s}" for v, s in zip(files["version or checksum"], seeds.documents["sha256"]))
    assert (table["kind"] == "resource").any()


def test_provenance_records_the_study_settings(make_corpus, tmp_path):
    """The frame families measured, the unit of analysis and the near-duplicates (``rhetoric run --frames``,
    ``--cluster``, ``--drop-duplicates``) are rows of the table when the session is given."""
    import pandas as pd

    from rhetoric.instruments import frames
    from rhetoric.io.corpus import load_corpus
    from rhetoric.run.session import Session
    from rhetoric.run.settings import Settings

    corpus = load_corpus(make_corpus([{"id": "a", "stance": "x", "text": "One text here."},
                                      {"id": "b", "stance": "y", "text": "Another text here."}]))
    found = pd.DataFrame({"doc_id": ["b"], "duplicate_of": ["a"], "similarity": [0.9]})
    session = Session(corpus=corpus, notebook="01.ipynb", out_dir=tmp_path, duplicates_found=found,
                      settings=Settings(command="notebook", drop_duplicates=True))
    with frames.use_families("generic"):
        table = provenance(corpus, session).set_index("item")
    assert table.at["frame families (--frames)", "version or checksum"] == "generic"
    assert table.at["unit of analysis (--cluster)", "version or checksum"] == "article"
    assert table.at["near-duplicate articles (--drop-duplicates)", "version or checksum"] == (
        "1 found; dropped (one of each set kept)")
    assert "setting" not in set(provenance(corpus)["kind"])
