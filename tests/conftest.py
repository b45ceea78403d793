"""Shared fixtures: the seed corpus and a builder for small corpora written to a temporary directory; the fast-path
tests' tricky texts and fixed benchmark sample."""
from __future__ import annotations

import csv
import gzip
import itertools
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import settings

from rhetoric.base.paths import BENCH
from rhetoric.io.articles import Article
from rhetoric.io.corpus import load_corpus

#: The test tier: ``quick`` (``make test-quick``: slow tests deselected, property tests with a tenth of their
#: examples) or ``full`` (``make test``, CI). Hypothesis is derandomised in both, so a run is repeatable.
TIER = os.environ.get("RHETORIC_TEST_TIER", "full")
settings.register_profile("full", derandomize=True, deadline=None)
settings.register_profile("quick", derandomize=True, deadline=None)
settings.load_profile(TIER)


def examples(n: int) -> int:
    """``n`` examples for a property test in the full tier, a tenth (at least 5) in the quick tier."""
    return n if TIER == "full" else max(5, n // 10)


@pytest.fixture(autouse=True)
def _project_actor_list():
    """Each test starts and ends with the project's actor list: a notebook session (or a test) that chose a
    corpus-derived list must not change what the next test's feature table counts."""
    from rhetoric.instruments import actors

    actors.use_actor_list("project")
    yield
    actors.use_actor_list("project")


@pytest.fixture(autouse=True)
def _default_study_settings():
    """Each test ends with the default frame families and no recurring lines in force: a notebook session puts its
    study's families (``--frames``) and its corpus's boilerplate in force for its process, which must not change
    what the next test measures."""
    from rhetoric.instruments import frames
    from rhetoric.language.cleaning import boilerplate_in_force, use_boilerplate

    yield
    frames.set_families(None)
    if boilerplate_in_force():
        use_boilerplate(None)


@pytest.fixture(scope="session")
def seeds():
    return load_corpus()


#: Sentences the session tests' synthetic articles are drawn from (hedges, boosters, frames, actors, a proposal).
SESSION_SENTENCES = ["The talks may fail, officials said.", "China will certainly act now.",
                     "Iran is a threat to peace.", "We must cooperate on trade and security.",
                     "Perhaps the deal helps; it could collapse.", "Critics argue the plan is clearly wrong.",
                     "The economy grew by 3 percent last year.", "Washington and Beijing should talk about Iran."]


def session_docs(k: int, groups: tuple[str, ...] = ("a", "b")) -> list[dict]:
    """``k`` seeded synthetic articles of 6-9 of :data:`SESSION_SENTENCES`, the groups in turn."""
    import numpy as np

    rng = np.random.default_rng(k)
    return [{"id": f"d{i:03d}", "stance": groups[i % len(groups)],
             "text": " ".join(rng.choice(SESSION_SENTENCES, size=6 + i % 4))} for i in range(k)]


@pytest.fixture(scope="module")
def six(tmp_path_factory):
    """Six synthetic articles in two groups (:func:`session_docs`) as a corpus, with their feature table."""
    from rhetoric.instruments.features import sentence_features

    corpus = load_corpus(write_corpus(tmp_path_factory.mktemp("six"), session_docs(6)))
    return corpus, sentence_features(corpus)


@pytest.fixture(scope="session")
def bench400(tmp_path_factory) -> Path:
    """400 benchmark articles, a seeded draw balanced over the three leanings, with their outlets and dates (the
    grouped, clustered real corpus of the tests), written to a temporary folder; skipped when the benchmark is not
    beside the project."""
    if not BENCH.is_file():
        pytest.skip("benchmark corpus not beside the project (../shared/bench/)")
    from benchmarks.common import build_corpus

    return build_corpus(400, tmp_path_factory.mktemp("bench400"), columns=("outlet", "date"))


def write_corpus(directory: Path, docs: list[dict], *, columns=None) -> Path:
    """Write ``metadata.csv`` and one text file per doc (keys: id, stance, text, and optional metadata)."""
    directory.mkdir(parents=True, exist_ok=True)
    columns = columns or ["id", "file", "stance", "title"]
    with (directory / "metadata.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for d in docs:
            row = {"file": f"{d['id']}.txt", "title": "", **d}
            writer.writerow(row)
            if "text" in d:
                data = d["text"] if isinstance(d["text"], bytes) else d["text"].encode("utf-8")
                (directory / row["file"]).write_bytes(data)
    return directory


def with_address(cff: str, url: str) -> str:
    """CITATION.cff's text with ``repository-code`` set to ``url`` (replaced, or added where absent)."""
    if re.search(r"(?m)^repository-code: ", cff):
        return re.sub(r"(?m)^repository-code: .*$", f'repository-code: "{url}"', cff)
    return cff.rstrip("\n") + f'\nrepository-code: "{url}"\n'


@pytest.fixture
def make_corpus(tmp_path):
    def _make(docs, name="corpus", **kw):
        return write_corpus(tmp_path / name, docs, **kw)
    return _make


TWO_DOCS = [
    {"id": "a", "stance": "pro", "text": "Washington can act now. China could help.\nThe U.S. and China may agree."},
    {"id": "b", "stance": "con", "text": "Beijing will not move. It is clear that talks failed.\nIran waits."},
]


@pytest.fixture
def one_text(make_corpus):
    """``one_text(text) -> (corpus, sentences, tokens)`` of a one-article corpus."""
    from rhetoric.language.tokens import sentences, tokens

    def _make(text):
        corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": text}]))
        sents = sentences(corpus)
        return corpus, sents, tokens(corpus, sents)
    return _make


# --- the fast paths' tests: tricky texts, the seeds' sentences and a fixed benchmark sample ---------------

#: The fixed benchmark sample: every 100th of the first 5,000 articles (50 articles, about 40,000 words).
SAMPLE_STEP, SAMPLE_END = 100, 5000
#: Texts each fast path must handle as the plain library call does: punctuation, quotes, odd Unicode, idioms.
TRICKY = [
    "", " ", "A.", "..", "Ends with a period.", "Ends with dots...", "He said: “No.”", 'He said "no."',
    "She asked, ‘why?’ (Really!)", "It's 'tis the season; gimme, gonna, gotta, lemme, wanna, cannot.",
    "GİMME ıt, cannot İS ſo; more'n d'ye 'twas", "Rock 'n' roll -- and more -- and “quotes”.",
    "Price: $3.88, 25% (approx.) & more; @user #tag", "Tabs\tand\nnewlines\u00a0and\u2003spaces  .",
    "A sentence ending in a quote.” ", "a. b. c.", "U.S.-China ties—and Iran–Israel", "``odd'' quotes",
    "Won't can't shan't don't isn't it?!", "*stars* and {braces} [brackets] <angles>", "...", ". . .",
    "It is not bad, but it is not good either.", "Never so good; without a doubt the best.",
    "At least it is VERY GOOD!!! Not the least bit bad?? kind of ok", "No good, no bad or nor ugly.",
    "The bomb, the shit, bad ass, to die for, kiss of death, yeah right.", "I ♥ it :) :-( ;) <3 xD (!)",
    "Really really very extremely good :( ( ! ) ! )", "END-OF-SENTENCE in the middle", "Emoji 😁 and 💘 here",
    "sort of good, kind of bad, just enough", "This isn’t what ‘they’ said — “it’s” fine.",
]


def seed_sentences(seeds) -> list[str]:
    """The text of every sentence of the seeds."""
    from rhetoric.language.tokens import sentences

    return sentences(seeds)["text"].tolist()


def bench_sample() -> list[Article]:
    """The fixed benchmark sample as articles (the test is skipped when the benchmark is not beside the project)."""
    if not BENCH.is_file():
        pytest.skip("benchmark corpus not beside the project (../shared/bench/)")
    out = []
    with gzip.open(BENCH, "rt", encoding="utf-8") as fh:
        for number, line in enumerate(itertools.islice(fh, 0, SAMPLE_END, SAMPLE_STEP), start=1):
            rec = json.loads(line)
            out.append(Article(doc_id=str(rec["id"]), stance=str(rec["stance"]), text=rec["text"],
                               title=str(rec.get("title") or ""), line=number))
    return out
