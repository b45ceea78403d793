"""Figures and narrative at scale: every plotting function the notebooks use, on a realistic corpus built at test
time from the AllSides benchmark (300 news articles in three unbalanced groups plus a group of one article), has
no layout problem and takes its group form; the same functions on a few documents take their document form and
name documents by their display label; a corpus that is not the project's gets no actor of the project's list."""
from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from rhetoric.base.paths import SHARED
from rhetoric.io.corpus import load_corpus
from rhetoric.report.layout import MAX_TICK_LABELS, layout_problems

BENCH = SHARED / "bench" / "allsides-10k.jsonl.gz"
#: Group sizes of the scale corpus: unbalanced, and one group of a single article.
SIZES = {"left": 150, "right": 100, "center": 49}
SINGLE = "lone"


def build_corpus(directory: Path, sizes: dict[str, int], single: str | None = None, label: bool = True) -> Path:
    """The first articles of each stance in the benchmark (long enough to be articles), written as a corpus with a
    display ``label``; with ``single``, one more article (the next ``center`` one) forms a group of its own."""
    want = dict(sizes)
    if single:
        want["center"] = want.get("center", 0) + 1
    rows = []
    with gzip.open(BENCH, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if want.get(d["stance"], 0) > 0 and len(d["text"]) > 400:
                want[d["stance"]] -= 1
                rows.append(d)
            if not any(want.values()):
                break
    if single:
        last = max(i for i, d in enumerate(rows) if d["stance"] == "center")
        rows[last] = {**rows[last], "stance": single}
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "metadata.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["id", "file", "stance", "title", "outlet", "date", *(["label"] if label else [])])
        for d in rows:
            (directory / f"{d['id']}.txt").write_text(d["text"], encoding="utf-8")
            writer.writerow([d["id"], f"{d['id']}.txt", d["stance"], " ".join(d["title"].split()), d["outlet"],
                             d["date"], *([f"{d['outlet']}, {d['date']}"] if label else [])])
    return directory


needs_bench = pytest.mark.skipif(not BENCH.is_file(), reason="the AllSides benchmark (../shared/bench) is absent")


class Tables:
    """What the notebooks compute before they draw, on one corpus (bootstrap resamples kept small)."""

    def __init__(self, directory: Path, out: Path | None = None):
        from rhetoric.analysis import actor_tone, comparison
        from rhetoric.analysis.aggregate import article_intervals, per_article
        from rhetoric.instruments import actors, frames, hedging, registry
        from rhetoric.instruments.readability import lexical_diversity
        from rhetoric.run import notebook

        self.session = session = notebook.start("02-framing.ipynb", str(directory),
                                                 str(out or directory.parent / "out"))
        self.corpus, self.docs = session.corpus, session.corpus.documents
        self.table = session.features()
        self.sents, self.toks = session.tables()
        self.mentions = actors.actor_mentions(self.toks)
        self.salience = actors.actor_salience(self.mentions, self.sents)
        self.edges = actors.cooccurrence(self.mentions)
        counts = self.table[[c for c in self.table.columns if c.startswith("frame_")]]
        self.frame_sal = frames.frame_salience(self.sents, counts)
        self.frame_labels = frames.frame_labels()
        self.traj = frames.frame_trajectory(self.sents, counts)
        self.scored = self.table[["doc_id", "sentence_id", "text", "vader_compound", "pattern_polarity"]]
        self.at = actor_tone.actor_tone(self.scored, self.mentions, seed=1, n=100)
        readable = [m for m in registry.measures() if m.family == "readability"]
        self.read_intervals = article_intervals(self.table, readable, seed=1, n=100)
        core = [m for m in registry.measures() if m.core and m.aggregation in ("rate", "mean", "share")]
        self.std = comparison.standardised(self.table, core, seed=1, n=100)
        self.diff = comparison.document_difference(self.table, core, seed=1, n=100) if len(self.docs) == 2 else None
        self.prof = comparison.profile(self.table, lexical_diversity(self.toks), seed=1, n=100)
        mods = hedging.modals(self.toks, self.sents)
        self.per_type = (mods.groupby(["doc_id", "type"]).size().rename("count").reset_index()
                         .merge(self.sents.groupby("doc_id")["n_words"].sum().rename("words").reset_index(),
                                on="doc_id"))
        self.per_type["per_1000_words"] = 1000 * self.per_type["count"] / self.per_type["words"]
        actions = actors.actor_actions(self.mentions, self.toks, self.sents)
        main = actors.main_actors(self.mentions)
        self.positioning = comparison.actor_positioning(self.table, self.mentions, actions, main)
        self.articles = per_article(self.table)


@pytest.fixture(scope="module")
def scale(tmp_path_factory):
    if not BENCH.is_file():
        pytest.skip("the AllSides benchmark (../shared/bench) is absent")
    return _tables(build_corpus(tmp_path_factory.mktemp("scale") / "corpus", SIZES, single=SINGLE))


@pytest.fixture(scope="module")
def few(tmp_path_factory):
    if not BENCH.is_file():
        pytest.skip("the AllSides benchmark (../shared/bench) is absent")
    return _tables(build_corpus(tmp_path_factory.mktemp("few") / "corpus", {"left": 2, "right": 2, "center": 1}))


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    """The project's two seed articles (one per group)."""
    from rhetoric.base.paths import SEEDS

    return _tables(SEEDS, tmp_path_factory.mktemp("two") / "out")


def _tables(directory: Path, out: Path | None = None) -> Tables:
    from rhetoric.instruments import actors

    try:
        return Tables(directory, out)
    finally:
        actors.use_actor_list("project")  # what the session chose for this corpus does not leak into other tests


def figures(t: Tables) -> dict:
    """Every figure the notebooks draw from these tables, by the name the notebooks save it under."""
    from rhetoric.analysis import keyness
    from rhetoric.analysis.aggregate import group_comparison
    from rhetoric.instruments import frames, registry
    from rhetoric.report import labels, plots

    docs = t.docs
    frame_sal = t.frame_sal.assign(frame=t.frame_sal["frame"].map(t.frame_labels))
    key = keyness.keyness(t.toks, t.session.groups) if len(set(t.session.groups.values())) > 1 else None
    tone = t.at[t.at["sentences"] >= 3].rename(columns={"mean_compound": "estimate"})
    frame_profile = plots.frame_shares(t.prof)  # the shares only, as notebook 05 draws panel B
    core = [m for m in registry.measures() if m.core and m.aggregation in ("rate", "mean", "share")]
    groups = group_comparison(t.articles, t.session.groups, core, seed=1, n=100)
    reference = t.articles.assign(leaning=np.where(np.arange(len(t.articles)) % 2, "a", "b"))
    placed = {m.name: m.label for m in core[:4]}
    makers = {
        "01-sentence-lengths": lambda: plots.sentence_lengths(t.sents, docs, seed=1),
        "01-readability": lambda: plots.interval_panels(t.read_intervals, docs, "label", by="unit",
                                                        note="bootstrap 95% interval over sentences"),
        "02-actor-salience": lambda: plots.category_dots(labels.relabel(t.salience, "actor", "actor"), docs,
                                                         "actor", "per_1000_words", zero=0),
        "02-actor-network": lambda: plots.actor_network(t.edges, t.salience, docs),
        "02-frame-salience": lambda: plots.category_dots(frame_sal, docs, "frame", "share_of_sentences", zero=0,
                                                         width="onehalf"),
        "02-frame-trajectory": lambda: plots.frame_trajectory(t.traj, frames.frame_names(), t.frame_labels, docs),
        "02-keyness": lambda: plots.keyness_plot(key, sorted(set(t.session.groups.values()))),
        "03-tone-distribution": lambda: plots.tone_distribution(t.scored, docs, seed=1),
        "03-tone-trajectory": lambda: plots.tone_trajectory(t.scored, docs),
        "03-lexicon-agreement": lambda: plots.lexicon_agreement(t.scored, docs),
        "03-actor-tone": lambda: plots.interval_dots(labels.relabel(tone, "actor", "actor"), docs, "actor"),
        "04-modal-types": lambda: plots.category_dots(labels.relabel(t.per_type, "type", "modal_type"), docs, "type",
                                                      "per_1000_words", zero=0),
        "05-group-comparison": lambda: plots.group_comparison_plot(groups, docs, t.articles),
        "05-comparison": lambda: plots.comparison_figure(t.std, frame_profile, t.positioning, docs,
                                                         difference=t.diff)[0],
        "06-placement": lambda: plots.corpus_placement(reference, t.articles, placed, docs, order=["a", "b"]),
    }
    return makers


def _ticks(fig, axis: str = "y") -> list[str]:
    fig.canvas.draw()
    return [t.get_text() for ax in fig.get_axes() for t in getattr(ax, f"get_{axis}ticklabels")() if t.get_text()]


@needs_bench
@pytest.mark.slow
def test_every_figure_has_a_group_form_without_layout_problems(scale):
    from rhetoric.report import plots

    docs = scale.docs
    assert len(docs) == 300 and plots.group_form(docs)
    problems = {}
    for name, make in figures(scale).items():
        fig = make()
        found = layout_problems(fig)
        if found:
            problems[name] = found
        for ax in fig.get_axes():  # no axis names documents one by one
            for axis in (ax.xaxis, ax.yaxis):
                shown = [t.get_text() for t in axis.get_ticklabels() if t.get_text()]
                assert len(shown) <= MAX_TICK_LABELS, (name, len(shown))
                assert not set(shown) & set(docs["doc_id"]) and not set(shown) & set(docs["label"]), name
        if name in ("01-sentence-lengths", "03-tone-distribution"):  # one row per group, with its size
            assert _ticks(fig) == ["center (n = 49)", "left (n = 150)", "lone (n = 1)", "right (n = 100)"]
        plt.close(fig)
    assert problems == {}, "\n".join(f"{k}: {v}" for k, p in problems.items() for v in p)


@needs_bench
@pytest.mark.slow
def test_few_documents_take_the_document_form_with_labels(few):
    from rhetoric.report import plots

    docs = few.docs
    assert not plots.group_form(docs)
    makers = figures(few)
    for name in ("01-sentence-lengths", "03-tone-distribution"):
        fig = makers[name]()
        assert _ticks(fig) == list(docs["label"]), name  # display labels, in corpus order, never raw ids
        assert layout_problems(fig) == [], name
        plt.close(fig)
    fig = makers["02-actor-network"]()
    assert [ax.get_title() for ax in fig.get_axes() if ax.get_title()][:1] in ([docs["label"].iloc[0]],
                                                                              [docs["label"].iloc[0]
                                                                               + ": no actor named"])
    plt.close(fig)
    fig = makers["05-comparison"]()  # groups of two documents: the paper figure summarises groups
    assert plots.paper_figure_by_group(docs)
    assert layout_problems(fig) == []
    plt.close(fig)


@pytest.mark.slow
def test_every_figure_of_the_two_seed_articles_has_no_layout_problem(two):
    """The figures the notebooks draw for the project's own two articles: no text cut off or over lines, no
    legend over data, no crowded axis, no panel of a constant, no mostly empty panel."""

    problems = {}
    for name, make in figures(two).items():
        fig = make()
        found = layout_problems(fig)
        if found:
            problems[name] = found
        plt.close(fig)
    assert problems == {}


@pytest.mark.slow
def test_two_documents_paper_figure_shows_their_difference(two):
    from rhetoric.report import plots

    docs = two.docs
    assert len(docs) == 2 and plots.paper_figure_shows_difference(docs) and not plots.paper_figure_by_group(docs)
    frame_profile = plots.frame_shares(two.prof)
    fig, note = plots.comparison_figure(two.std, frame_profile, two.positioning, docs, difference=two.diff)
    diff = two.diff
    equal = diff[diff["estimate_a"] == diff["estimate_b"]]
    varying = diff[diff["estimate_a"] != diff["estimate_b"]]
    panel_a = [ax for ax in fig.get_axes() if ax.get_xlabel().startswith("Difference, ")]
    shown = [t.get_text() for ax in panel_a for t in ax.get_yticklabels()]
    assert sorted(shown) == sorted(varying["measure"])  # every measure that differs, once; no constant row
    for ax in panel_a:  # largest difference first, in the panel's unit
        rows = [t.get_text() for t in ax.get_yticklabels()]
        values = varying.set_index("measure").loc[rows, "difference"].to_list()
        assert values == sorted(values, reverse=True)
    rates = [ax for ax in panel_a if ax.get_xlabel() == "Difference, per 1,000 words"]
    assert len(rates) == 1
    assert {t.get_text() for t in rates[0].get_yticklabels()} == set(varying.loc[varying["unit"] == "per 1,000 words",
                                                                                  "measure"])
    # the difference is drawn at its value, with its interval
    first = rates[0].get_yticklabels()[0].get_text()
    row = varying.set_index("measure").loc[first]
    assert rates[0].lines[0].get_xdata()[0] == pytest.approx(row["difference"])
    for measure in equal["measure"]:
        assert measure in note
    # the legend says what a colour means in A: the side that is higher, not "the articles"
    (legend,) = fig.legends
    assert legend.get_title().get_text().startswith("in A, the colour of the higher article")
    assert layout_problems(fig) == []
    plt.close(fig)


def test_paper_figure_drops_constant_rows_and_says_so():
    """Synthetic tables: a frame and a measure equal in both documents are not drawn, and the note names them."""
    from rhetoric.report import plots

    docs = pd.DataFrame({"doc_id": ["a", "b"], "stance": ["x", "y"], "label": ["Article A", "Article B"]})
    diff = pd.DataFrame({"family": "f", "measure": ["hedges", "boosters", "self-mentions", "tone"],
                         "name": ["h", "b", "s", "t"], "unit": ["per 1,000 words"] * 3 + ["mean per sentence"],
                         "doc_a": "a", "doc_b": "b", "estimate_a": [4.0, 1.0, 0.0, 0.1],
                         "estimate_b": [1.0, 3.0, 0.0, 0.3], "difference": [-3.0, 2.0, 0.0, 0.2],
                         "ci_low": [-5.0, 0.5, 0.0, -0.1], "ci_high": [-1.0, 3.5, 0.0, 0.5]})
    frames = pd.DataFrame({"measure": ["Economic", "Economic", "Morality", "Morality"], "doc_id": ["a", "b"] * 2,
                           "estimate": [0.1, 0.3, 0.0, 0.0], "ci_low": [0.0, 0.1, 0.0, 0.0],
                           "ci_high": [0.2, 0.5, 0.0, 0.0]})
    positioning = pd.DataFrame({"doc_id": ["a", "b", "a", "b"], "actor": ["us", "us", "cn", "cn"],
                                "mentions_per_1000": [5.0, 2.0, 3.0, 3.0], "can_could": [1, 0, 0, 0]})
    fig, note = plots.comparison_figure(pd.DataFrame(columns=["measure", "doc_id", "estimate", "ci_low",
                                                              "ci_high"]), frames, positioning, docs,
                                        difference=diff)
    ticks = {t.get_text() for ax in fig.get_axes() for t in ax.get_yticklabels()}
    assert {"hedges", "boosters", "tone", "Economic"} <= ticks and not {"self-mentions", "Morality"} & ticks
    assert "self-mentions (0)" in note and "Morality (0)" in note and "cn (3 per 1,000 words)" in note
    assert [ax.get_xlabel() for ax in fig.get_axes()][:2] == ["Difference, per 1,000 words", "Difference, tone"]
    assert "y minus x" in [ax.get_title(loc="right") for ax in fig.get_axes()]
    assert layout_problems(fig) == []
    plt.close(fig)


def test_panel_b_takes_the_frame_shares_only():
    """Issue 34's calibrated ``_score``/``_present`` measures share the ``frame_`` prefix: panel B draws the shares
    of the families in force, one short label each (the generic frames marked, so Morality is not drawn twice)."""
    from rhetoric.instruments import frames
    from rhetoric.report import plots

    measures = ["frame_morality_share", "frame_morality_score", "frame_morality_present", "generic_morality_share",
                "generic_morality_present", "frame_rivalry_share", "hedges_per_1000", "entman_cause_share"]
    prof = pd.DataFrame({"measure": measures, "doc_id": "a", "estimate": 0.1})
    with frames.use_families("generic,policy"):
        got = plots.frame_shares(prof)
    assert list(got["measure"]) == ["Morality", "Morality (generic)"]
    with frames.use_families("policy,international"):
        got = plots.frame_shares(prof)
    assert list(got["measure"]) == ["Morality", "Great-power rivalry"]


def test_group_means_match_a_hand_computation():
    from rhetoric.analysis.stats import bootstrap_ratio_ci
    from rhetoric.report.plots import group_means

    docs = pd.DataFrame({"doc_id": list("abcde"), "stance": ["x", "x", "x", "y", "z"]})
    values = pd.DataFrame({"doc_id": list("abcde"), "value": [1.0, 2.0, 6.0, 4.0, np.nan]})
    means = group_means(values, docs, seed=3, n=500).set_index("group")
    assert list(means.index) == ["x", "y"]  # a group without a value is left out
    assert means.at["x", "estimate"] == pytest.approx(3.0) and means.at["x", "n_docs"] == 3
    assert (means.at["x", "ci_low"], means.at["x", "ci_high"]) == bootstrap_ratio_ci([1.0, 2.0, 6.0], n=500,
                                                                                     seed=3)[1:]
    assert means.at["y", "estimate"] == 4.0 and np.isnan(means.at["y", "ci_low"])  # one document: no interval


def test_group_colours_are_fixed_by_sorted_names():
    from rhetoric.report.plots import group_colours, group_markers

    a = group_colours(["right", "left", "center"])
    b = group_colours(["center", "right", "left", "left"])
    assert a == b and len(set(a.values())) == 3
    many = [f"g{k:02d}" for k in range(20)]
    marks = group_markers(many)
    styles = {(group_colours(many)[g], marks[g]) for g in many}
    assert len(styles) == 20  # hues repeat after eight groups, the marker does not


def test_document_labels_fall_back_to_the_id_and_group():
    from rhetoric.report.labels import document_labels

    docs = pd.DataFrame({"doc_id": ["a", "b"], "stance": ["x", "y"], "label": ["Outlet A, May", " "]})
    assert document_labels(docs) == {"a": "Outlet A, May", "b": "b (y)"}
    assert document_labels(docs.drop(columns="label")) == {"a": "a (x)", "b": "b (y)"}


def test_seed_labels_are_short_and_used(seeds):
    from rhetoric.report.labels import document_labels

    names = document_labels(seeds.documents)
    assert all(0 < len(v) <= 45 for v in names.values()) and set(names.values()).isdisjoint(seeds.doc_ids)


def test_markdown_escaping_keeps_quotes_and_neutralises_html():
    from rhetoric.base.escape import md

    text = "It's \"clear\" <b>bold</b> & [link](x) *star* #1"
    out = md(text)
    assert "It's \"clear\"" in out and "&#x27;" not in out and "&quot;" not in out
    assert "<b>" not in out and "&lt;b&gt;" in out and "&amp;" in out
    assert r"\[link\]\(x\)" in out and r"\*star\*" in out and r"\#1" in out


# --- narrative and actors on a corpus that is not the project's ------------------------------------------


#: Words and sentences that belong to the project's own study (its actor list and its results).
SEED_WORDS = ["United States", "China", "Iran", "Israel", "war they want to avoid", "first round",
              "agreement that did not happen"]


def _project_actor_labels() -> set[str]:
    from rhetoric.io.wordlists import _read, lexicon_path

    return set(_read(lexicon_path("actors.csv"))["label"])


def test_other_corpus_gets_actors_from_its_own_names(make_corpus, tmp_path):
    from rhetoric.instruments import actors
    from rhetoric.run import notebook

    text = ("Officials said on Monday that the plan would pass. Critics of Maria Lopez disagreed. The council met "
            "Maria Lopez again. Later the Harbor Authority said that Maria Lopez and the Harbor Authority agreed. "
            "Then Maria Lopez spoke. The Harbor Authority spoke too.")
    d = make_corpus([{"id": "a", "stance": "x", "text": text}, {"id": "b", "stance": "y", "text": text}])
    try:
        nb = notebook.start("02-framing.ipynb", str(d), str(tmp_path / "out"))
        assert actors.actor_source() == "corpus"
        table = actors.actor_aliases()
        assert list(table["label"][:2]) == ["Maria Lopez", "Harbor Authority"]
        assert "Monday" not in set(table["label"]) and "Officials" not in set(table["label"])
        assert not set(table["label"]) & _project_actor_labels()
        note = actors.actor_list_note()
        assert "Maria Lopez" in note and "actors.csv" in note
        assert not any(w in note for w in SEED_WORDS)
        mentions = actors.actor_mentions(nb.tables()[1])
        assert actors.main_actors(mentions)[:2] == ["maria_lopez", "harbor_authority"]
        assert set(nb.features()["actors"].str.split(";").explode()) - {""} <= set(table["actor"])
    finally:
        actors.use_actor_list("project")
    notebook.start("02-framing.ipynb", None, str(tmp_path / "seeds-out"))
    try:
        assert actors.actor_source() == "project" and "China" in set(actors.actor_aliases()["label"])
    finally:
        actors.use_actor_list("project")


def test_notebook_prose_is_generic():
    """The Markdown cells of notebooks 00-05 are the same on every corpus: none states a result of the project's
    own study (what varies with the corpus is computed in code cells)."""
    root = Path(__file__).resolve().parents[2] / "notebooks"
    for path in sorted(root.glob("0[0-5]-*.py")):
        prose = []
        for cell in path.read_text(encoding="utf-8").split("# %%")[1:]:
            if cell.startswith(" [markdown]"):
                prose.append(cell)
        text = " ".join(" ".join(prose).replace("\n#", " ").split())
        for phrase in ("war they want to avoid", "agreement that did not happen", "review of the first round"):
            assert phrase not in text, (path.name, phrase)


def test_articles_table_has_every_metadata_column_and_measure(make_corpus):
    from rhetoric.analysis.aggregate import per_article
    from rhetoric.instruments.features import sentence_features
    from rhetoric.run import notebook

    d = make_corpus([{"id": "a", "stance": "x", "text": "One sentence here. Another one.", "topic": "t1",
                      "label": "Article A"},
                     {"id": "b", "stance": "y", "text": "A third sentence. And a fourth.", "topic": "t2"}],
                    columns=["id", "file", "stance", "title", "topic", "label"])
    corpus = load_corpus(d)
    articles = per_article(sentence_features(corpus))
    wide = notebook.articles_table(corpus, articles)
    assert list(wide["doc_id"]) == ["a", "b"] and list(wide["label"]) == ["Article A", "b (y)"]
    assert {"file", "stance", "title", "topic"} <= set(wide.columns)
    assert set(articles.columns) <= set(wide.columns) and len(wide) == 2
    per_group = notebook.groups_table(corpus, articles)
    assert list(per_group["group"]) == ["x", "y"] and list(per_group["n_articles"]) == [1, 1]
    first = [c for c in articles.columns if c != "doc_id"][0]
    assert {first, f"{first}_sd", f"{first}_ci_low", f"{first}_ci_high"} <= set(per_group.columns)
    assert per_group[f"{first}_sd"].isna().all()  # one article per group: no spread, no interval


def test_groups_table_spread_and_interval_by_hand(make_corpus):
    """Three articles of values 1, 2, 3: mean 2, SD 1, interval 2 -/+ t(0.975, 2) / sqrt(3) = 2 -/+ 2.484."""
    from rhetoric.io.corpus import load_corpus
    from rhetoric.run import notebook

    corpus = load_corpus(make_corpus([{"id": f"d{k}", "stance": "g", "text": "Words here."} for k in range(3)]))
    articles = pd.DataFrame({"doc_id": ["d0", "d1", "d2"], "m": [1.0, 2.0, 3.0]})
    row = notebook.groups_table(corpus, articles).iloc[0]
    assert row["n_articles"] == 3 and row["m"] == 2.0 and row["m_sd"] == 1.0
    assert abs(row["m_ci_low"] - (2 - 2.4841)) < 1e-3 and abs(row["m_ci_high"] - (2 + 2.4841)) < 1e-3


def test_session_tables_show_documents_or_group_summaries(make_corpus, tmp_path, capfd, monkeypatch):
    from rhetoric.instruments import actors
    from rhetoric.run import notebook

    def corpus(n, name):
        return make_corpus([{"id": f"d{k}", "stance": "x" if k % 2 else "y", "text": f"Sentence {k}. More words."}
                            for k in range(n)], name=name)

    log = tmp_path / "progress.log"
    monkeypatch.setenv(notebook.PROGRESS_LOG, str(log))
    try:
        small = notebook.start("01-corpus.ipynb", str(corpus(3, "small")), str(tmp_path / "o1"))
        long = pd.DataFrame({"doc_id": ["d0", "d1", "d2"], "measure": "m", "value": [1.0, 2.0, 4.0]})
        wide = small.by_document(long, "measure", "value")
        assert list(wide.columns) == ["d0 (y)", "d1 (x)", "d2 (y)"] and not small.by_group
        big = notebook.start("01-corpus.ipynb", str(corpus(10, "big")), str(tmp_path / "o2"))
        long = pd.DataFrame({"doc_id": [f"d{k}" for k in range(10)], "measure": "m", "value": range(10)})
        wide = big.by_document(long, "measure", "value")
        assert big.by_group and list(wide.columns) == ["x (n = 5), mean", "y (n = 5), mean"]
        assert wide.loc["m"].tolist() == [5.0, 4.0]  # mean of 1, 3, 5, 7, 9 and of 0, 2, 4, 6, 8
        summary = big.summarise(long.drop(columns="measure"))
        assert summary["documents"].tolist() == [5, 5] and summary["value"].tolist() == [5.0, 4.0]
        big.progress("tokenised", 12345, "tokens")
    finally:
        actors.use_actor_list("project")
    # the progress line goes to the process's standard error, never to the cell output (stdout, sys.stderr)
    out, err = capfd.readouterr()
    assert "tokenised" not in out and err.splitlines()[-1] == "[01-corpus] tokenised: 12,345 tokens"
    assert log.read_text().splitlines()[-1] == "[01-corpus] tokenised: 12,345 tokens"


class _Regrouped(Tables):
    """The scale corpus's tables with its documents spread over ``k`` groups of unequal size."""

    def __init__(self, base: Tables, k: int):  # noqa: D107 - no recomputation, only new groups
        self.__dict__.update(base.__dict__)
        names = [f"group {i % k + 1:02d}" for i in range(len(base.docs))]
        self.docs = base.docs.assign(stance=names)
        self.session = type("S", (), {"groups": dict(zip(self.docs["doc_id"], self.docs["stance"]))})()


@needs_bench
@pytest.mark.slow
def test_twenty_groups_and_one_group_stay_readable(scale):
    from rhetoric.report import plots

    for k in (20, 1):
        t = _Regrouped(scale, k)
        assert plots.group_form(t.docs)
        problems = {}
        for name, make in figures(t).items():
            if k == 1 and name in ("02-keyness", "05-group-comparison"):
                continue  # they compare groups: the notebooks skip them for one group
            fig = make()
            found = layout_problems(fig)
            if found:
                problems[name] = found
            plt.close(fig)
        assert problems == {}, k


@pytest.fixture
def hostile_corpus(tmp_path):
    """Every string field of a corpus (ids, titles, groups, study.md) carries HTML, Markdown, LaTeX and $...$
    (``command_helpers.HOSTILE``; issue 24)."""
    from command_helpers import write_hostile_corpus

    return write_hostile_corpus(tmp_path / "hostile")


def test_corpus_strings_are_drawn_as_text_in_every_figure(hostile_corpus, tmp_path):
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    from rhetoric.io.corpus import load_corpus
    from rhetoric.language.tokens import sentences
    from rhetoric.report import plots
    from rhetoric.report.figure_files import read_manifest, save_figure

    from command_helpers import HOSTILE

    plt.rcdefaults()  # the library's guard, not the notebooks' style, must hold
    corpus = load_corpus(hostile_corpus)
    docs, sents = corpus.documents, sentences(corpus)
    long = pd.DataFrame([{"doc_id": d, "category": f"{HOSTILE} c{j}", "value": float(j)}
                         for d in docs["doc_id"] for j in range(2)])
    figures = {"lengths": plots.sentence_lengths(sents, docs, seed=1),
               "dots": plots.category_dots(long, docs, "category", "value", xlabel=HOSTILE)}
    for name, fig in figures.items():
        texts = fig.findobj(Text)
        save_figure(fig, name, f"Caption {HOSTILE}", notebook="01-x.ipynb", out_dir=tmp_path / "figs", show=False)
        assert not any(t.get_parse_math() for t in texts)
        assert any("$\\input{x}$" in t.get_text() for t in texts)  # shown as typed
    assert list(read_manifest(tmp_path / "figs")["name"]) == ["dots", "lengths"]
    svg = (tmp_path / "figs" / "lengths.svg").read_text()
    assert "<script" not in svg


@pytest.mark.slow
def test_keyness_labels_are_capped_for_many_groups():
    import matplotlib.pyplot as plt
    import numpy as np

    from rhetoric.report import plots

    rng = np.random.default_rng(0)
    groups = [f"g{k:02d}" for k in range(30)]  # 30 groups of 10 candidate labels each
    table = pd.DataFrame([{"group": g, "term": f"t{t}", "total": int(rng.integers(1, 500)),
                           "z": float(rng.normal(0, 2)), "function_word": t % 7 == 0, "q_bh": 1.0}
                          for g in groups for t in range(30)])
    fig = plots.keyness_plot(table, groups)
    assert 0 < len(fig.axes[0].texts) <= plots.MAX_KEYNESS_LABELS
    labels = [(score, k) for k, score in enumerate([3, 1, 2, 5, 4])]
    assert plots.capped_labels(labels) == labels  # under the cap: all, in order
    plt.close(fig)


def test_capped_labels_keep_the_highest_in_order(monkeypatch):
    from rhetoric.report import plots

    monkeypatch.setattr(plots, "MAX_KEYNESS_LABELS", 3)
    labels = [(score, k) for k, score in enumerate([3, 1, 2, 5, 4])]
    assert plots.capped_labels(labels) == [(3, 0), (5, 3), (4, 4)]


def test_group_labels_name_order_and_colour_the_groups_in_legends():
    """A corpus's group_labels.csv (carried in the documents' attrs) gives legends their names, order and hues."""
    from matplotlib.colors import to_rgb

    from rhetoric.report import plots

    docs = pd.DataFrame({"doc_id": [f"d{k}" for k in range(30)], "stance": ["left_bias", "right_bias"] * 15})
    docs.attrs.update(group_labels={"left_bias": "Left-leaning", "right_bias": "Right-leaning"},
                      group_order=["right_bias", "left_bias"], group_colours={"left_bias": "#123456"})
    handles, names = plots._group_handles(docs)
    assert names == ["Right-leaning (n = 15)", "Left-leaning (n = 15)"]
    assert plots.group_colours(docs["stance"])["left_bias"] == tuple(to_rgb("#123456"))
    values = pd.DataFrame({"doc_id": docs["doc_id"], "value": np.arange(30.0)})
    fig, ax = plt.subplots()
    plots._group_distribution(ax, values, docs, "value", seed=0)
    assert [t.get_text() for t in ax.get_yticklabels()] == names
    plt.close(fig)


def test_keyness_beyond_two_groups_has_a_panel_per_group_and_labels_every_ring():
    """Four groups: one panel each (its terms against the rest), titled by the group's display name; every
    ringed (significant, labelled) term keeps its label, and the layout checker reports nothing."""
    from rhetoric.report import plots
    from rhetoric.report.layout_marks import HIGHLIGHT

    rng = np.random.default_rng(3)
    groups = ["left", "center", "right", "lone"]
    table = pd.DataFrame([{"group": g, "term": f"term{t}", "total": int(rng.integers(2, 400)),
                           "z": float(rng.normal(0, 3)), "function_word": t % 9 == 0,
                           "q_bh": float(rng.uniform(0, 0.1))} for g in groups for t in range(60)])
    fig = plots.keyness_plot(table, groups, names={"left": "Left-leaning"}, spelled={"term1": "Term1"})
    titled = [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")]
    assert titled == ["Left-leaning vs the rest", "center vs the rest", "right vs the rest", "lone vs the rest"]
    rings = [c for ax in fig.axes for c in ax.collections if c.get_gid() == HIGHLIGHT and c.get_visible()]
    assert rings and layout_problems(fig) == []
    plt.close(fig)
