"""Rhetorical comparison: markers, standardised view, tone-against-stance, and the runner's order."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.analysis import comparison
from rhetoric.instruments import argument
from rhetoric.instruments.features import sentence_features
from rhetoric.instruments.registry import Measure
from rhetoric.io.corpus import load_corpus
from rhetoric.language.tokens import sentences, tokens

from conftest import examples


def test_markers_and_questions(make_corpus):
    # rebuilt lists (data/rhetorical_markers.csv): a bare modal ("could") is no longer proposal language,
    # and "would allow" was dropped on dev evidence (4/10); "would help" and "urged" are proposals
    text = ("China could help, but Washington failed. Would they agree? According to analysts, "
            "this would help talks; our plan differs from theirs. Senators urged restraint.")
    corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": text}]))
    hits = argument.marker_hits(tokens(corpus, sentences(corpus)))
    got = list(zip(hits["matched"].str.lower(), hits["category"]))
    # "would" in "this would help" is an uncertainty cue for the hedge detector, so it counts as a hedge only;
    # "theirs" was a seed-read term too rare on development text to be re-derived (instrument_changes.csv)
    assert got == [("but", "contrast"), ("failed", "verdict"), ("they", "pronoun_they"),
                   ("according to", "attribution"), ("analysts", "attribution"),
                   ("our", "pronoun_we"), ("urged", "proposal")]
    table = sentence_features(corpus)
    assert list(table["questions"]) == [0, 1, 0, 0]
    # "Senators urged restraint" reports the senators' proposal, not the writer's: not counted (writer's voice)
    assert list(table["proposal"]) == [0, 0, 0, 0] and list(table["verdict"]) == [1, 0, 0, 0]
    assert list(table["hedges"]) == [0, 1, 1, 0]


def test_standardised_hand_computed():
    measures = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "n_words": [10, 10, 10, 10],
                             "vader_compound": [1.0, 1.0, -1.0, -1.0]})
    tone = Measure(name="tone", column="vader_compound", builder="sentiment", family="tone", label="tone",
                   aggregation="mean")
    std = comparison.standardised(measures, [tone], seed=1, n=200).set_index("doc_id")
    sd = pd.Series([1.0, 1.0, -1.0, -1.0]).std(ddof=1)  # 1.1547
    assert std.at["a", "estimate"] == pytest.approx(1 / sd)
    assert std.at["b", "estimate"] == pytest.approx(-1 / sd)
    assert std.at["a", "ci_low"] == std.at["a", "ci_high"]  # no spread within the article


def test_standardised_across_documents_hand_computed():
    """spread="documents": document means 1, 0 and -0.5 (mean 1/6, SD 0.7638): (1 - 1/6) / 0.7638 = 1.0911."""
    measures = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c", "c"], "n_words": [10] * 6,
                             "vader_compound": [1.0, 1.0, 0.5, -0.5, -0.5, -0.5]})
    tone = Measure(name="tone", column="vader_compound", builder="sentiment", family="tone", label="tone",
                   aggregation="mean")
    std = comparison.standardised(measures, [tone], seed=1, n=200, spread="documents").set_index("doc_id")
    sd = pd.Series([1.0, 0.0, -0.5]).std(ddof=1)
    assert sd == pytest.approx(0.7638, abs=1e-4)
    assert std.at["a", "estimate"] == pytest.approx((1 - 1 / 6) / sd) == pytest.approx(1.0911, abs=1e-4)
    assert std.at["c", "estimate"] == pytest.approx((-0.5 - 1 / 6) / sd)
    with pytest.raises(ValueError, match="spread"):
        comparison.standardised(measures, [tone], seed=1, n=10, spread="groups")


def test_tone_against_stance():
    measures = pd.DataFrame({"doc_id": ["a"] * 3, "sentence_id": [0, 1, 2], "text": ["x", "y", "z"],
                             "proposal": [1, 0, 1], "verdict": [0, 1, 0], "vader_compound": [-0.5, 0.6, 0.4]})
    out = comparison.tone_against_stance(measures)
    assert list(zip(out["sentence_id"], out["mismatch"])) == [(0, "proposal, negative tone"),
                                                            (1, "verdict, positive tone")]


@pytest.mark.parametrize("text, counted", [
    ("We urge Washington to act now.", {"proposal": 1}),
    ("I would recommend a pause.", {"proposal": 1}),
    ("It is time to talk.", {"proposal": 1}),
    ("Push for a deal before the summer.", {"proposal": 1}),
    ("Xi urges both sides to deescalate.", {"proposal": 0}),
    ("Between calls for restraint and war, there is a third path.", {"proposal": 0}),
    ("China's proposal went nowhere.", {"proposal": 0}),
    ("Our proposal is simple.", {"proposal": 1}),
    ("Calls for a ceasefire have grown louder.", {"proposal": 0}),
    ("Activists say it's time for new blood.", {"proposal": 0}),
    ('"It was a failure," the minister said.', {"verdict": 0}),
    ("Officials said the plan failed.", {"verdict": 0}),
    ("The plan failed.", {"verdict": 1}),
])
def test_proposal_and_verdict_only_in_the_writers_voice(one_text, text, counted):
    """Hand-made sentences (not the seeds): reported, quoted and attributed proposals and verdicts are not the
    writer's and are not counted; first-person, impersonal and imperative proposals are."""
    from rhetoric.instruments.argument import argument_columns

    _, sents, toks = one_text(text)
    columns = argument_columns(sents, toks)
    for category, n in counted.items():
        assert int(columns[category].sum()) == n, (text, category)


def test_document_difference_uses_the_profiles_draws():
    """A document with no hedges at all resamples to 0 every time, so the difference's interval is exactly the
    other document's profile interval: the same draws as ``article_intervals``, in the measure's own units."""
    import numpy as np

    from rhetoric.analysis.aggregate import article_intervals

    rng = np.random.default_rng(0)
    table = pd.DataFrame({"doc_id": ["a"] * 12 + ["b"] * 9, "n_words": rng.integers(5, 30, 21),
                          "hedges": [0] * 12 + list(rng.integers(0, 4, 9)),
                          "vader_compound": rng.uniform(-1, 1, 21)})
    hedges = Measure(name="hedges_per_1000", column="hedges", builder="hedging", family="stance", label="hedges",
                     aggregation="rate")
    tone = Measure(name="tone", column="vader_compound", builder="sentiment", family="tone", label="tone",
                   aggregation="mean")
    diff = comparison.document_difference(table, [hedges, tone], seed=7, n=500).set_index("name")
    prof = article_intervals(table, [hedges, tone], seed=7, n=500).set_index(["measure", "doc_id"])
    h = diff.loc["hedges_per_1000"]
    assert (h["doc_a"], h["doc_b"], h["unit"]) == ("a", "b", "per 1,000 words")
    assert h["estimate_a"] == 0 and h["difference"] == pytest.approx(prof.loc[("hedges_per_1000", "b"), "estimate"])
    assert (h["ci_low"], h["ci_high"]) == pytest.approx((prof.loc[("hedges_per_1000", "b"), "ci_low"],
                                                         prof.loc[("hedges_per_1000", "b"), "ci_high"]))
    t = diff.loc["tone"]
    b_minus_a = prof.loc[("tone", "b"), "estimate"] - prof.loc[("tone", "a"), "estimate"]
    assert t["difference"] == pytest.approx(b_minus_a) and t["ci_low"] < t["difference"] < t["ci_high"]
    with pytest.raises(ValueError, match="exactly two"):
        comparison.document_difference(table[table["doc_id"] == "a"], [tone], seed=7, n=50)


def test_actor_positioning_and_voices_hand_checked():
    measures = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "sentence_id": [0, 1, 2, 0], "n_words": [10, 10, 20, 5],
                             "vader_compound": [0.5, -0.5, 0.0, 0.2], "hedges": [1, 0, 0, 0],
                             "boosters": [0, 0, 2, 0]})
    mentions = pd.DataFrame({"doc_id": ["a", "a", "a", "a", "b"], "sentence_id": [0, 0, 2, 9, 0],
                             "actor": ["china", "china", "china", "china", "iran"],
                             "alias": ["China", "Beijing", "China", "China", "Iran"]})
    actions = pd.DataFrame({"doc_id": ["a", "a", "a"], "actor": ["china"] * 3,
                            "construction": ["modal", "modal", "verb"], "modal": ["can", "must", None],
                            "negated": [False, True, False]})
    out = comparison.actor_positioning(measures, mentions, actions, ["china", "iran"]).set_index(["doc_id", "actor"])
    assert list(out.index) == [("a", "china"), ("a", "iran"), ("b", "china"), ("b", "iran")]
    china = out.loc[("a", "china")]
    assert china["mentions_per_1000"] == 100.0  # 4 mentions in 40 words (one in a sentence not in the table)
    assert (china["sentences"], china["modal_constructions"], china["can_could"]) == (2, 2, 1)
    assert (china["verb_constructions"], china["negated"]) == (1, 1)
    assert china["mean_tone"] == 0.25 and china["share_hedged"] == 0.5 and china["share_boosted"] == 0.5
    assert out.loc[("a", "iran"), "sentences"] == 0 and np.isnan(out.loc[("a", "iran"), "mean_tone"])
    assert out.loc[("b", "iran"), "mentions_per_1000"] == 200.0 and out.loc[("b", "iran"), "mean_tone"] == 0.2

    sents = pd.DataFrame({"doc_id": ["a", "a", "a"], "sentence_id": [0, 1, 2],
                          "text": ["China said “we will act” and “soon”.", "Nothing here.",
                                   "Beijing, officials said."]})
    hits = pd.DataFrame({"doc_id": ["a", "a", "a"], "sentence_id": [0, 2, 2], "category": ["attribution"] * 3,
                         "matched": ["said", "officials", "said"]})
    voices = comparison.quotations(sents, mentions, hits)
    assert voices["sentence_id"].tolist() == [0, 2]
    assert voices.iloc[0][["quoted", "attribution", "actors_named"]].tolist() == ["we will act | soon", "said",
                                                                                  "China, Beijing"]
    assert voices.iloc[1][["quoted", "attribution", "actors_named"]].tolist() == ["", "officials, said", "China"]


def test_marker_examples_are_exactly_the_counted_hits(make_corpus):
    # "Xi urges ...", "calls for restraint" and a verdict after an attribution are not the writer's: the measure
    # does not count them, so no example row may show them; "We urge" and "It is time" are counted and shown
    text = ("Xi urges both sides to talk. The ministry calls for restraint. We urge both sides to talk. "
            "Officials said the plan failed. It is time to act. The plan failed.")
    corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": text}]))
    sents = sentences(corpus)
    toks = tokens(corpus, sents)
    examples = comparison.marker_examples(argument.marker_hits(toks, sents), sents, ["proposal", "verdict"])
    table = sentence_features(corpus)
    counted = {(r.sentence_id, c) for r in table.itertuples() for c in ("proposal", "verdict")
               if getattr(r, c) > 0}
    shown = set(zip(examples["sentence_id"], examples["category"]))
    assert shown == counted == {(2, "proposal"), (4, "proposal"), (5, "verdict")}
    assert list(examples["matched"].str.lower()) == ["urge", "it is time", "failed"]


def test_notebooks_show_argument_hits_as_counted():
    # every notebook that illustrates argument markers with example rows draws them with the writer's-voice
    # rule (marker_hits with the sentences), as the feature table counts them
    sources = sorted(Path(__file__).resolve().parents[2].joinpath("notebooks").glob("[0-9][0-9]-*.py"))
    calls = [(p.name, m.group(1)) for p in sources for m in re.finditer(r"marker_hits\(([^)]*)\)", p.read_text())]
    assert calls, "no notebook calls marker_hits: update this test"
    assert all("sents" in args for _, args in calls), calls


@pytest.mark.parametrize("text, expected", [
    ('He said "we will act" and left.', ["we will act"]),          # straight quotes, one pair
    ("He said “we will act” and left.", ["we will act"]),          # curly quotes
    ('“No,” he said, "never."', ["No,", "never."]),                # both kinds in one sentence
    ("China's view and the allies’ view differ.", []),             # apostrophes are not quotes
    ('It is 5" wide.', []),                                        # an unpaired mark quotes nothing
    ('a "b" c "d', ["b"]),                                         # the last mark has no partner
    ('An empty "" pair.', []),
])
def test_quoted_hand_checked(text, expected):
    assert comparison.quoted(text) == expected


_PLAIN = st.text(alphabet=st.characters(blacklist_characters='"“”\n', blacklist_categories=("Cs",)), max_size=20)


@settings(max_examples=examples(200), deadline=None, derandomize=True)
@given(st.lists(st.tuples(_PLAIN, _PLAIN.filter(bool), st.booleans()), max_size=5), _PLAIN)
def test_quoted_finds_exactly_the_quoted_pieces(pieces, tail):
    # any text built as plain text with quoted pieces (straight or curly marks, apostrophes allowed anywhere)
    # gives back exactly the quoted pieces, in order; text without double quote marks quotes nothing
    text = "".join(f"{before}{'“' + inside + '”' if curly else chr(34) + inside + chr(34)}"
                   for before, inside, curly in pieces) + tail
    assert comparison.quoted(text) == [inside for _, inside, _ in pieces]
    assert comparison.quoted("".join(before for before, _, _ in pieces) + tail) == []


def test_quotations_reads_straight_quotes(make_corpus):
    text = 'The minister said "we will not yield" on Monday. Nothing else happened.'
    corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": text}]))
    sents = sentences(corpus)
    hits = argument.marker_hits(tokens(corpus, sents), sents)
    empty = pd.DataFrame(columns=["doc_id", "sentence_id", "alias"])
    voices = comparison.quotations(sents, empty, hits)
    assert list(voices["quoted"]) == ["we will not yield"]
