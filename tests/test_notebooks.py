"""The notebooks end to end: executed in a copy of the project, offline, twice, and on another corpus.

The copy runs with ``PYTHONPATH`` pointing at its own ``lib/``, so paths anchor on the copy and the
working tree is never touched. The committed notebooks and figures must be exactly what a run produces.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rhetoric.base.paths import ROOT

from conftest import write_corpus

pytestmark = pytest.mark.slow  # kernels and whole notebook runs: the full tier only

OUTPUTS = ("notebooks", "figures")
OTHER_CORPUS = [
    {"id": "op-1", "stance": "hawkish", "title": "Sanctions Must Stay",
     "text": "Sanctions Must Stay\nWASHINGTON - The United States must keep pressure on Iran. Tehran has "
             "clearly refused every offer, and Washington should not reward delay. Critics say talks could "
             "work; they are wrong.\nIsrael will act if diplomacy fails. China may object, but Beijing "
             "has little leverage. The IAEA reported new enrichment last month.\nPressure works. It "
             "worked before, and it will work again if the allies hold firm."},
    {"id": "op-2", "stance": "dovish", "title": "Talk to Tehran",
     "text": "Perhaps the time has come to talk. Iran and the United States might find a narrow path "
             "if both sides step back. Beijing could host the talks; China buys much of Iran's oil.\n"
             "We should be honest: war would be a disaster for everyone. It is possible that a deal "
             "appears out of reach, but the cost of trying is small.\nA regional war would endanger "
             "energy supplies and trade. Cooperation, not confrontation, seems the wiser course."},
    {"id": "op-3", "stance": "dovish", "title": "",
     "text": "Diplomacy is slow. It is also cheaper than war. The Global South watches how great powers "
             "behave, and Beijing knows it.\nIf Washington and Beijing can agree on a contact group, "
             "Tehran may listen. Nothing is certain, yet the alternative is worse."},
]


def _project_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.split("\n")
    return [f for f in out if f and (ROOT / f).is_file()]


def _run(repo: Path, *args: str, offline: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(repo / "lib")}
    cmd = [sys.executable, "-m", "rhetoric.cli", "run", *args]
    if offline:
        cmd = ["unshare", "--net", "sh", "-c", 'ip link set lo up && exec "$0" "$@"', *cmd]
    done = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, timeout=3000)
    assert done.returncode == 0, done.stderr[-4000:]
    return done


def _can_unshare() -> str | None:
    if not shutil.which("unshare") or not shutil.which("ip"):
        return "unshare or ip is not installed"
    probe = subprocess.run(["unshare", "--net", "sh", "-c", "ip link set lo up"], capture_output=True, text=True)
    return None if probe.returncode == 0 else f"cannot make a network namespace: {probe.stderr.strip()}"


def _snapshot(repo: Path) -> dict[str, bytes]:
    files = {}
    for sub in OUTPUTS:
        for f in sorted((repo / sub).glob("*")):
            if f.is_file():
                files[f"{sub}/{f.name}"] = f.read_bytes()
    files["README.md"] = (repo / "README.md").read_bytes()
    return files


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("project")
    for rel in _project_files():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, repo / rel)
    return repo


@pytest.fixture(scope="module")
def committed() -> dict[str, bytes]:
    return _snapshot(ROOT)


@pytest.fixture(scope="module")
def first_run(copy) -> tuple[dict[str, bytes], bool]:
    """One forced run of every notebook in the copy, offline (loopback only) where a network namespace can be
    made: its outputs, and whether it ran offline. The tests below share it instead of running again."""
    offline = _can_unshare() is None
    _run(copy, "--force", offline=offline)
    return _snapshot(copy), offline


def test_offline_run_reproduces_committed_outputs(first_run, committed):
    produced, offline = first_run
    if not offline:
        pytest.skip(_can_unshare())
    assert sorted(produced) == sorted(committed)
    assert [f for f in committed if produced[f] != committed[f]] == []


def test_second_run_is_byte_identical(copy, first_run, committed):
    """A second forced run gives the first run's bytes, and both are what is committed."""
    first, _ = first_run
    _run(copy, "--force")
    assert _snapshot(copy) == first
    assert first == committed


def test_unchanged_rerun_executes_nothing(copy):
    _run(copy)  # brings the run state up to date whatever ran before
    before = _snapshot(copy)
    done = _run(copy)
    assert "executing" not in done.stderr and "unchanged, not re-executed" in done.stderr
    assert _snapshot(copy) == before


def test_other_corpus_runs_into_out_dir(copy, tmp_path):
    corpus = write_corpus(tmp_path / "mine", OTHER_CORPUS)
    before = _snapshot(copy)
    _run(copy, "--corpus", str(corpus), "--out", str(tmp_path / "out"))
    assert _snapshot(copy) == before  # committed notebooks and figures untouched
    names = sorted(p.name for p in (copy / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    assert sorted(p.name for p in (tmp_path / "out" / "notebooks").glob("*.ipynb")) == names
    assert (tmp_path / "out" / "figures" / "README.md").is_file()
    for nb in (tmp_path / "out" / "notebooks").glob("*.ipynb"):
        cells = json.loads(nb.read_text())["cells"]
        assert not [o for c in cells for o in c.get("outputs", []) if o["output_type"] == "error"]
        assert any("injected-parameters" in c["metadata"].get("tags", []) for c in cells)


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")), ids=lambda p: p.name)
def test_committed_notebook_is_shareable(path):
    """Executed, error-free, small, no leaked paths, parameters cell present, links to its neighbours."""
    text = path.read_text(encoding="utf-8")
    nb = json.loads(text)
    code = [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    assert code and all(c["execution_count"] is not None for c in code)
    assert not [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert len(text.encode()) < 2_000_000
    for leak in (str(ROOT), "/home/", "/root/", "/tmp/", "/Users/"):
        assert leak not in text
    assert any("parameters" in c["metadata"].get("tags", []) for c in nb["cells"])
    assert nb["metadata"]["kernelspec"]["name"] == "rhetoric"  # the project's kernel, named


# --- any corpus: several groups, a corpus's own word lists, one document -------------------------------------

#: What a notebook run on someone else's corpus must never say: the seed study's story.
SEED_STORY = ("two articles", "seed", "pro-cooperation", "skeptical", "u.s.–china–iran",
              "u.s.-china-iran", "diplomat-2025", "tehran-2026")
USER_ACTORS = """actor,label,main,alias,kind,note
president,U.S. president,1,Obama,name,Barack Obama as president.
president,U.S. president,1,Trump,name,Donald Trump as president.
president,U.S. president,1,Biden,name,Joe Biden as president.
congress,Congress,1,Congress,name,The U.S. Congress.
congress,Congress,1,Senate,name,The U.S. Senate.
russia,Russia,1,Russia,name,The country's name.
russia,Russia,0,Moscow,name,Metonym for the Russian government.
china,China,1,China,name,The country's name.
china,China,0,Beijing,name,Metonym for the Chinese government.
"""


def _bench_corpus(directory: Path, per_group: int = 4) -> Path:
    """A corpus of ``per_group`` articles from each AllSides leaning (international topics, 300-1,200 words),
    written to a temporary directory (never into the repository)."""
    import gzip

    from rhetoric.analysis.devsample import reference_topics
    from rhetoric.base.paths import BENCH

    if not BENCH.is_file():
        pytest.skip("the benchmark corpus is not beside the project (../shared/bench)")
    topics, chosen = set(reference_topics()), {}
    with gzip.open(BENCH, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    for r in sorted(records, key=lambda r: r["id"]):
        words = len(r["text"].split())
        if r["topic"] in topics and 300 <= words <= 1200 and len(chosen.setdefault(r["stance"], [])) < per_group:
            chosen[r["stance"]].append({"id": r["id"], "stance": r["stance"], "title": "", "text": r["text"]})
    docs = [d for group in sorted(chosen) for d in chosen[group]]
    corpus = write_corpus(directory, docs)
    (corpus / "lexicons").mkdir()
    (corpus / "lexicons" / "actors.csv").write_text(USER_ACTORS, encoding="utf-8")
    return corpus


def _spoken(out: Path) -> str:
    """Everything the run says to a reader: Markdown cells, text outputs, captions and findings (lower case)."""
    parts = []
    for nb in sorted((out / "notebooks").glob("*.ipynb")):
        for cell in json.loads(nb.read_text())["cells"]:
            if cell["cell_type"] == "markdown":
                parts.append("".join(cell["source"]))
            for o in cell.get("outputs", []):
                data = o.get("data", {})
                parts += ["".join(data.get(k, "")) for k in ("text/markdown", "text/plain")]
    parts += [(out / "figures" / f).read_text() for f in ("figures.csv", "findings.csv")]
    return "\n".join(parts).lower()


def test_multi_group_corpus_tells_its_own_story(copy, tmp_path):
    import pandas as pd

    from rhetoric.instruments import registry

    corpus = _bench_corpus(tmp_path / "allsides")
    out = tmp_path / "out"
    _run(copy, "--corpus", str(corpus), "--out", str(out), "--lexicons", str(corpus / "lexicons"))
    spoken = _spoken(out)
    assert [p for p in SEED_STORY if p in spoken] == []
    assert "12 articles in 3 groups" in spoken and "document as the unit" in spoken
    groups = pd.read_csv(out / "figures" / "group-comparison.csv", keep_default_na=False)
    names = {m.name for m in registry.measures()}
    assert set(groups["group"]) == {"left", "center", "right"}
    assert set(groups["measure"]) == names  # every registered measure, including the corpus's frames
    assert (groups.groupby("measure").size() == 3).all() and set(groups["n_docs"]) == {4}
    core = {m.name for m in registry.measures() if m.core}
    tested = groups[groups["measure"].isin(core)]
    constant = tested["note"] == "the same value in every document"  # nothing to test (e.g. no proposal at all)
    assert (tested.loc[~constant, "test"] == "permutation: between-group variation").all()
    assert (tested.loc[constant, "test"] == "none").all() and constant.sum() < len(tested) / 2
    assert tested.loc[~constant, "p_permutation"].astype(float).between(0, 1).all()
    # the corpus's own actor list was used, and it changed the actor results
    assert "u.s. president" in spoken and "lexicons/actors.csv" in spoken
    # one finding per comparison, not one per pair of documents
    findings = pd.read_csv(out / "figures" / "findings.csv", keep_default_na=False)
    assert findings.groupby("notebook").size().max() <= len(core) + 3
    manifest = pd.read_csv(out / "figures" / "figures.csv", keep_default_na=False)
    assert manifest.loc[manifest["layout_problems"] != "", ["name", "layout_problems"]].values.tolist() == []


def test_one_document_corpus_says_what_it_allows(copy, tmp_path):
    corpus = write_corpus(tmp_path / "single", OTHER_CORPUS[:1])
    out = tmp_path / "out"
    _run(copy, "--corpus", str(corpus), "--out", str(out))
    spoken = _spoken(out)
    assert "one article:" in spoken and "keyness skipped" in spoken
    for nb in (out / "notebooks").glob("*.ipynb"):
        cells = json.loads(nb.read_text())["cells"]
        assert not [o for c in cells for o in c.get("outputs", []) if o["output_type"] == "error"]


#: The realistic study: three unbalanced groups of benchmark articles, matched in blocks (the article's topic),
#: plus one group of a single article.
REALISTIC = {"left": 100, "right": 60, "center": 39}
PAIRWISE_COLUMNS = ["measure", "group_a", "group_b", "n_a", "n_b", "difference", "ci_low", "ci_high", "p_permutation",
                    "q_holm", "effect_size"]


def _realistic_corpus(directory: Path) -> Path:
    import gzip

    import numpy as np

    from rhetoric.base.paths import BENCH

    if not BENCH.is_file():
        pytest.skip("the benchmark corpus is not beside the project (../shared/bench)")
    with gzip.open(BENCH, "rt", encoding="utf-8") as fh:
        records = sorted((json.loads(line) for line in fh), key=lambda r: str(r["id"]))
    rng = np.random.default_rng(200)
    docs = []
    for group, n in REALISTIC.items():
        pool = [r for r in records if r["stance"] == group and r["text"].strip()]
        for i in sorted(rng.choice(len(pool), size=n, replace=False)):
            r = pool[i]
            docs.append({"id": f"{r['id']}", "stance": group, "title": "", "text": r["text"],
                         "block": r.get("topic") or "", "label": f"{group} {str(r['id'])[-5:]}"})
    lone = next(r for r in records if r["stance"] == "center" and r["id"] not in {d["id"] for d in docs})
    docs.append({"id": f"{lone['id']}", "stance": "wire", "title": "", "text": lone["text"], "block": "",
                 "label": "the wire article"})
    return write_corpus(directory, docs, columns=["id", "file", "stance", "title", "block", "label"])


def test_realistic_study_runs_the_whole_sequence(copy, tmp_path):
    """A few hundred articles in three unbalanced groups with blocks and a group of one: the whole sequence runs,
    no figure has a layout problem, the pairwise contrasts are written, the group of one is described and not
    tested while the others are, and nothing of the seed study appears."""
    import pandas as pd

    corpus = _realistic_corpus(tmp_path / "study")
    out = tmp_path / "out"
    _run(copy, "--corpus", str(corpus), "--out", str(out))
    from rhetoric.report.tables import reading_problems

    for nb in (out / "notebooks").glob("*.ipynb"):
        cells = json.loads(nb.read_text())["cells"]
        assert not [o for c in cells for o in c.get("outputs", []) if o["output_type"] == "error"], nb.name
        shown = ["".join(o["data"]["text/html"]) for c in cells for o in c.get("outputs", [])
                 if "text/html" in o.get("data", {})]
        assert [p for page in shown for p in reading_problems(page)] == [], nb.name  # captions, rows, words
    manifest = pd.read_csv(out / "figures" / "figures.csv", keep_default_na=False)
    assert manifest.loc[manifest["layout_problems"] != "", ["name", "layout_problems"]].values.tolist() == []
    pairs = pd.read_csv(out / "figures" / "group-pairwise.csv", keep_default_na=False)
    assert set(PAIRWISE_COLUMNS) <= set(pairs.columns)
    tested = {frozenset((a, b)) for a, b in zip(pairs.loc[pairs["p_permutation"] != "", "group_a"],
                                                  pairs.loc[pairs["p_permutation"] != "", "group_b"])}
    assert tested == {frozenset(p) for p in (("left", "right"), ("left", "center"), ("right", "center"))}
    groups = pd.read_csv(out / "figures" / "group-comparison.csv", keep_default_na=False)
    wire = groups[groups["group"] == "wire"]
    assert len(wire) and (wire["n_docs"] == 1).all()
    assert (groups.loc[groups["group"] != "wire", "p_permutation"] != "").any()
    articles = pd.read_csv(out / "figures" / "articles.csv", keep_default_na=False)
    assert len(articles) == sum(REALISTIC.values()) + 1 and {"block", "label"} <= set(articles.columns)
    spoken = _spoken(out)
    assert [p for p in SEED_STORY if p in spoken] == []


#: A real grouped study: 210 climate articles from 36 outlets in four bias groups, dated, with near-duplicates
#: (the development half of the Narrative Frames Corpus, read in place beside the project; never copied).
NARRATIVE = ROOT.parent / "shared" / "dev" / "narrative-frames"


def test_clustered_dated_study_says_what_its_data_hold(copy, tmp_path):
    """On a corpus whose groups are outlets' bias ratings: the outlet is the unit by default (analysis unit and
    units per group as the metadata give them, said in words), the mixed-model cross-check and the measures over
    time are written, the near-duplicates are those the library finds, frame presence sits beside each frame's
    agreement with people and no failed frame carries a finding, and tone toward actors carries its validity."""
    import re

    import pandas as pd

    from rhetoric.analysis import actor_tone, frame_presence
    from rhetoric.analysis.periods import choose_period, read_dates
    from rhetoric.instruments import registry
    from rhetoric.io.corpus import load_corpus
    from rhetoric.language.duplicates import duplicates

    if not (NARRATIVE / "metadata.csv").is_file():
        pytest.skip("the Narrative Frames development corpus is not beside the project (../shared/dev)")
    out = tmp_path / "out"
    _run(copy, "--corpus", str(NARRATIVE), "--out", str(out))
    for nb in (out / "notebooks").glob("*.ipynb"):
        cells = json.loads(nb.read_text())["cells"]
        assert not [o for c in cells for o in c.get("outputs", []) if o["output_type"] == "error"], nb.name
    figures = out / "figures"
    manifest = pd.read_csv(figures / "figures.csv", keep_default_na=False)
    assert manifest.loc[manifest["layout_problems"] != "", ["name", "layout_problems"]].values.tolist() == []
    spoken = _spoken(out)
    meta = pd.read_csv(NARRATIVE / "metadata.csv", dtype=str, keep_default_na=False)
    # 05: the outlet is the unit, with as many units per group as the metadata hold
    groups = pd.read_csv(figures / "group-comparison.csv", keep_default_na=False)
    assert set(groups["analysis_unit"]) == {"outlet"}
    assert groups.groupby("group")["n_units"].max().to_dict() == meta.groupby("stance")["outlet"].nunique().to_dict()
    assert "unit of analysis: the outlet" in spoken and "groups are compared with the outlet as the unit" in spoken
    assert "document as the unit" not in spoken
    core = {m.name for m in registry.measures() if m.core and m.aggregation in ("rate", "mean", "share")}
    assert set(pd.read_csv(figures / "05-mixed-model.csv")["measure"]) == core
    over_time = pd.read_csv(figures / "05-periods.csv", keep_default_na=False)
    period = choose_period(read_dates(meta.rename(columns={"id": "doc_id"})))
    pattern = {"month": r"^\d{4}-\d{2}$", "quarter": r"^\d{4}-Q[1-4]$", "year": r"^\d{4}$"}[period]
    assert over_time["period"].nunique() >= 2 and over_time["period"].map(lambda p: bool(re.match(pattern, p))).all()
    # 01: the near-duplicates the library finds, listed, those across groups called out
    found = duplicates(load_corpus(NARRATIVE))
    listed = pd.read_csv(figures / "01-duplicates.csv", keep_default_na=False)
    assert list(listed["doc_id"]) == list(found["doc_id"]) and len(found)
    assert f"{len(found)} near-duplicate article" in spoken
    assert ("across groups" in spoken) == bool(found["cross_group"].any())
    # 02: presence beside agreement; the failed frames named, none of them a finding
    presence = pd.read_csv(figures / "02-frame-presence.csv", keep_default_na=False)
    assert set(presence["family"]) == {"generic", "policy"}  # the default families for a corpus of one's own
    verdicts = frame_presence.passed().set_index("column")["passed"]
    assert list(presence["passed"]) == ["yes" if verdicts[c] else "no" for c in presence["column"]]
    failed = presence[presence["passed"] == "no"]
    assert "failed on human-coded articles" in spoken
    findings = pd.read_csv(figures / "findings.csv", keep_default_na=False)
    claimed = findings.loc[findings["kind"] == "finding", "finding"].str.lower()
    for r in failed.itertuples():
        label = ("generic frame: " if r.family == "generic" else "frame: ") + r.frame.lower()
        assert not claimed.str.startswith(label + ",").any(), label
    # 03: tone toward actors from the target-tone instrument, its validity beside it
    assert actor_tone.validity_note().lower() in spoken and "tone toward each actor (target-dependent" in spoken
