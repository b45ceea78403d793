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
