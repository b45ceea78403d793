"""The library's map matches the house: every module is listed in its package's docstring, every listed
module exists, and the layers contract holds (import-linter, as ``make lint`` runs it)."""
from __future__ import annotations

import importlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import rhetoric

PACKAGE = Path(rhetoric.__file__).parent
SUBPACKAGES = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
#: Every package below the top, nested ones included (``run.features``).
PACKAGES = sorted(".".join(p.parent.relative_to(PACKAGE).parts) for p in PACKAGE.glob("*/**/__init__.py"))


def _listed(docstring: str) -> set[str]:
    return set(re.findall(r"^\s{4}``([a-z_]+)``", docstring, re.M))


def test_top_level_map_lists_every_layer():
    assert _listed(rhetoric.__doc__) == {*SUBPACKAGES, "cli"}


@pytest.mark.parametrize("package", PACKAGES)
def test_every_module_is_in_its_package_map(package):
    folder = PACKAGE.joinpath(*package.split("."))
    modules = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"} | {
        p.parent.name for p in folder.glob("*/__init__.py")}
    doc = importlib.import_module(f"rhetoric.{package}").__doc__ or ""
    assert _listed(doc) == modules


def test_no_module_left_at_the_top():
    assert {p.stem for p in PACKAGE.glob("*.py")} == {"__init__", "cli"}


def test_layers_contract_holds():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("import-linter is not installed in this environment")
    done = subprocess.run([exe, "--no-cache"], capture_output=True, text=True, cwd=PACKAGE.parent.parent)
    assert done.returncode == 0, done.stdout + done.stderr


def test_notice_names_every_transcribed_source():
    """Every fast-path module names its source, version and licence in its header, and NOTICE and LICENSES/
    carry the same (Apache-2.0 and MIT require the notice to travel with copies of substantial parts)."""
    root = PACKAGE.parent.parent
    notice = (root / "NOTICE").read_text(encoding="utf-8")
    expected = {"nltk_words": ("NLTK 3.10.4", "NLTK-Apache-2.0.txt"),
                "vader": ("vaderSentiment 3.3.2", "vaderSentiment-MIT.txt"),
                "pattern": ("TextBlob 0.20.1", "pattern-BSD-3-Clause.txt"),
                "textstat_counts": ("textstat 0.7.13", "textstat-MIT.txt")}
    externals = {p.stem for p in (PACKAGE / "externals").glob("*.py")} - {"__init__", "switch"}
    assert externals == set(expected)
    for module, (source, licence) in expected.items():
        header = importlib.import_module(f"rhetoric.externals.{module}").__doc__
        assert source in header and licence in header, module
        assert f"{module}.py" in notice and source in notice and licence in notice, module
        assert (root / "LICENSES" / licence).is_file(), licence
