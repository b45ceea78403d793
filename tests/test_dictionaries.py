"""The rebuilt dictionary instruments on hand-checked sentences: context vetoes, frames, families, data files."""
from __future__ import annotations

import pandas as pd
import pytest

from rhetoric.io.corpus import load_corpus
from rhetoric.language import constraints
from rhetoric.language.matching import match_terms
from rhetoric.language.tokens import sentences, tokens


@pytest.fixture
def tables(make_corpus):
    def _tables(text):
        corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": text}]))
        sents = sentences(corpus)
        return sents, tokens(corpus, sents)
    return _tables


# --- constraints: not_before / not_after vetoes ---------------------------------------------------------------

def test_veto_words_after_and_before_a_hit(tables):
    _, toks = tables("Make sure the joint session ends. I am sure joint drills help.")
    table = pd.DataFrame({"term": ["sure", "joint"], "not_before": ["", "session; chiefs of staff"],
                          "not_after": ["make; makes; made; making", ""]})
    hits = match_terms(toks, list(table["term"]))
    kept = constraints.apply_vetoes(hits, toks, table)
    assert list(hits["matched"]) == ["sure", "joint", "sure", "joint"]
    assert list(kept["matched"]) == ["sure", "joint"]
    assert list(kept["sentence_id"]) == [1, 1]


def test_veto_phrases_wildcards_and_sentence_bounds(tables):
    _, toks = tables("The Joint Chiefs of Staff met. Joint. Chiefs agree.")
    table = pd.DataFrame({"term": ["joint"], "not_before": ["chief* of staff; chief*"], "not_after": [""]})
    kept = constraints.apply_vetoes(match_terms(toks, ["joint"]), toks, table)
    # the first "Joint" is vetoed; the second stands alone: the next sentence's "Chiefs" cannot veto it
    assert list(kept["sentence_id"]) == [1]


def test_tables_without_veto_columns_pass_everything(tables):
    _, toks = tables("Sure, make sure.")
    hits = match_terms(toks, ["sure"])
    assert constraints.apply_vetoes(hits, toks, pd.DataFrame({"term": ["sure"]})).equals(hits)
    assert constraints.vetoes(pd.DataFrame({"term": ["sure"], "not_before": [""], "not_after": [""]})) == {}


# --- frames -----------------------------------------------------------------------------------------------------

def _frames_of(tables, text):
    from rhetoric.instruments import frames

    _, toks = tables(text)
    hits = frames.frame_hits(toks)
    return {sid: set(g["frame"]) for sid, g in hits.groupby("sentence_id")}, hits


@pytest.mark.parametrize("text, not_frames", [
    ("Obama's powers as president grew.", {"rivalry"}),
    ("The president spoke to a joint session of Congress.", {"diplomacy"}),
    ("The Strategic National Stockpile ran out of masks.", {"security", "rivalry"}),
    ("There is fierce competition in the workplace.", {"rivalry"}),
    ("The site tracks engagement data on every post.", {"diplomacy"}),
    ("Police fired tear gas at the crowd.", {"energy"}),
    ("He wants to wage war on the press.", {"economic"}),
    ("Settlements in the West Bank grew.", {"economic"}),
    ("The senator met Bill Clinton.", {"policy"}),
    ("Iran's nuclear program worries Israel.", {"policy"}),
    ("The Heritage Foundation published a report.", {"cultural_identity"}),
    ("It is a trade war between the two largest economies.", {"security"}),
])
def test_frames_not_found_where_the_words_mean_something_else(tables, text, not_frames):
    found, _ = _frames_of(tables, text)
    assert not (set().union(*found.values()) if found else set()) & not_frames


@pytest.mark.parametrize("text, frame", [
    ("Taxes and the cost of the program will rise.", "economic"),
    ("Hospitals face a shortage of ventilators.", "capacity"),
    ("Opponents call the policy immoral.", "morality"),
    ("The rule is a form of discrimination.", "fairness"),
    ("The Supreme Court ruled the law unconstitutional.", "legality"),
    ("The bill would repeal the mandate.", "policy"),
    ("Police arrested two suspects after the shooting.", "crime"),
    ("Troops were sent to fight the militants.", "security"),
    ("The pandemic strained public health.", "health"),
    ("Rising rents push families into homelessness and eviction.", "quality_of_life"),
    ("They see it as an attack on their culture and traditions.", "cultural_identity"),
    ("A new poll shows most Americans oppose the plan.", "public_opinion"),
    ("Republicans and Democrats traded blame before the election.", "political"),
    ("The treaty was signed by NATO allies.", "external_regulation"),
    ("The Strategic National Stockpile ran out of masks.", "health"),
    ("Social Security faces a funding gap.", "economic"),
    ("The U.N. Security Council met on Monday.", "external_regulation"),
    ("The great powers are locked in strategic competition.", "rivalry"),
    ("Peace talks with the Taliban resumed.", "diplomacy"),
    ("Oil and natural gas prices fell.", "energy"),
])
def test_each_frame_found_on_a_real_case(tables, text, frame):
    found, _ = _frames_of(tables, text)
    assert frame in found.get(0, set())


def test_frame_layers_each_count_a_word_once(tables):
    # (issue 34: "treaty" and "talks" were seed-read terms that human-coded articles did not confirm)
    _, hits = _frames_of(tables, "The embassy talks stalled.")
    assert sorted(zip(hits["matched"], hits["frame"])) == [("embassy", "diplomacy"), ("embassy", "external_regulation")]


# --- Entman's framing functions --------------------------------------------------------------------------------

def _functions_of(tables, text):
    from rhetoric.instruments import frames
    _, toks = tables(text)
    hits = frames.entman_hits(toks)
    return {(m.lower(), c) for m, c in zip(hits["matched"], hits["function"])}


@pytest.mark.parametrize("text, absent", [
    ("He should have known better.", ("should", "treatment")),
    ("MUST WATCH the video of the summit.", ("must", "treatment")),
    ("Reuters contributed to this report.", ("contributed to", "cause")),
    ("The Communications Decency Act protects platforms.", ("decency", "moral")),
    ("The answer lies in better schools.", ("lies", "moral")),
    ("It was a wake-up call for the party.", ("call for", "treatment")),
    ("Voters resist the urge to punish incumbents.", ("urge", "treatment")),
    ("Demand for coal has dropped.", ("demand", "treatment")),
])
def test_entman_cues_vetoed_or_dropped_where_they_misfire(tables, text, absent):
    assert absent not in _functions_of(tables, text)


@pytest.mark.parametrize("text, expected", [
    ("The shutdown is a crisis for federal workers.", ("crisis", "problem")),
    ("Prices rose because of the drought.", ("because of", "cause")),
    ("Separating children from their parents is immoral.", ("immoral", "moral")),
    # "should" was dropped (a seed-read cue, 6/10 on development text); "must" was re-derived (7/10)
    ("Congress must pass the bill this week.", ("must", "treatment")),
    ("Senators called for an independent inquiry.", ("called for", "treatment")),
    ("The protesters' demands include direct elections.", ("demands", "treatment")),
])
def test_entman_cues_found_on_real_cases(tables, text, expected):
    assert expected in _functions_of(tables, text)


# --- metadiscourse (non-hedge rows) and its context rules -----------------------------------------------------

def _meta(tables, text, category):
    from rhetoric.instruments import hedging
    sents, toks = tables(text)
    marks = hedging.markers(toks, sents)
    return list(marks.loc[marks["category"] == category, "matched"].str.lower())


@pytest.mark.parametrize("text, expected", [
    # a quotation opened in one sentence and closed in a later one is not the writer's voice
    ("He said: “We will win. I know it. You will see.” I disagree.", ["i"]),
    # a paragraph of transcribed speech, then the writer
    ("AMY GOODMAN: I asked you about it.\nI did not hear the answer.", ["i"]),
    # a multi-paragraph quotation that is not closed at the end of its first paragraph
    ("“I will not resign,\n“and you cannot make me,” he said. I doubt it.", ["i"]),
])
def test_self_mentions_only_in_the_writers_voice(tables, text, expected):
    assert _meta(tables, text, "self_mention") == expected


@pytest.mark.parametrize("text, expected", [
    ("Thank you for subscribing. Imagine a world without borders.", ["imagine"]),
    ("13. Do you believe the inquiry was fair?\nYou may think so.", ["you"]),
    ("Let's start with the wall. You know the rest.", ["let ’s", "you"]),
])
def test_engagement_only_in_the_writers_voice(tables, text, expected):
    got = [m.replace("’", "'") for m in _meta(tables, text, "engagement")]
    assert got == [e.replace("’", "'") for e in expected]


def test_booster_rules_sure_and_really(tables):
    text = ("Make sure you vote. To be sure, it is hard. Sure, it is possible. I am sure it works. "
            "He wasn't so sure. Is he really willing? It really works. It doesn't really matter.")
    assert _meta(tables, text, "booster") == ["sure", "really"]


# --- argument markers ------------------------------------------------------------------------------------------

def _markers_of(tables, text):
    from rhetoric.instruments.argument import marker_hits
    _, toks = tables(text)
    hits = marker_hits(toks)
    return {(m.lower(), c) for m, c in zip(hits["matched"], hits["category"])}


@pytest.mark.parametrize("text, absent", [
    ("China could agree, and Washington can act.", ("could", "proposal")),
    ("China could agree, and Washington can act.", ("can", "proposal")),
    ("Make no mistake, the talks continue.", ("mistake", "verdict")),
    ("Ventilators are in short supply.", ("in short", "verdict")),
    ("He used email while at the State Department.", ("while", "contrast")),
    ("It feels as though a crescendo is near.", ("though", "contrast")),
    ("Her stated goals differ.", ("stated", "attribution")),
    ("Some analysts doubt it.", ("analysts", "attribution")),
    ("It is said that the plan works.", ("said", "attribution")),
    ("In our view the plan works.", ("our", "pronoun_we")),
    ("Voters resist the urge to punish incumbents.", ("urge", "proposal")),
    ("It is all but certain.", ("but", "contrast")),
    ("The plan clearly failed.", ("clearly", "verdict")),
])
def test_markers_vetoed_or_dropped_where_they_misfire(tables, text, absent):
    assert absent not in _markers_of(tables, text)


@pytest.mark.parametrize("text, expected", [
    ("Senators called for an independent inquiry.", ("called for", "proposal")),
    ("The governor proposed a new tax.", ("proposed", "proposal")),
    ("The repeal effort backfired.", ("backfired", "verdict")),
    ("While he opposes the plan, he will vote for it.", ("while", "contrast")),
    ("The plan failed, according to officials.", ("according to", "attribution")),
    ("We owe them our thanks.", ("we", "pronoun_we")),
    ("We owe them our thanks.", ("them", "pronoun_they")),
])
def test_markers_found_on_real_cases(tables, text, expected):
    assert expected in _markers_of(tables, text)


# --- the families are disjoint -------------------------------------------------------------------------------

def test_no_term_is_shared_between_families():
    from rhetoric.instruments import families
    overlaps = families.term_overlaps()
    assert overlaps[overlaps["resolved_by"] == ""].empty, overlaps[overlaps["resolved_by"] == ""]
    assert not (overlaps["kind"] == "same term").any()


def test_no_word_occurrence_counts_in_two_families(tables):
    from rhetoric.instruments import families
    sents, toks = tables("In our view, some analysts say the plan failed. It is said that critics say we know. "
                         "Clearly, we should consider it; they could propose a fix. I am sure. You know what "
                         "we think about it, mind you. Not sure? To a certain extent it is reported that it "
                         "failed, yet Consider this: our proposals, in short, backfired.")
    assert families.token_overlaps(sents, toks).empty


# --- the data files --------------------------------------------------------------------------------------------

_DATA = {
    "frames.csv": ["frame", "label", "definition", "source", "pfc_code", "pfc_dimension"],
    "frame_terms.csv": ["frame", "term", "reason", "not_before", "not_after"],
    "entman_cues.csv": ["function", "term", "reason", "not_before", "not_after"],
    "metadiscourse.csv": ["term", "category", "source", "notes", "rule"],
    "rhetorical_markers.csv": ["term", "category", "reason", "not_before", "not_after"],
    "instrument_changes.csv": ["instrument", "category", "term", "change", "reason", "evidence"],
}
_REASON = {"frames.csv": "definition", "frame_terms.csv": "reason", "entman_cues.csv": "reason",
           "metadiscourse.csv": "notes", "rhetorical_markers.csv": "reason", "instrument_changes.csv": "reason"}


@pytest.mark.parametrize("name", sorted(_DATA))
def test_data_files_have_their_columns_and_reasons(name):
    from rhetoric.io.wordlists import read_table
    table = read_table(name)
    assert list(table.columns[:len(_DATA[name])]) == _DATA[name]
    assert (table[_REASON[name]].astype(str).str.strip() != "").all()
    if name == "instrument_changes.csv":
        assert set(table["change"]) <= {"added", "removed", "constrained", "moved", "re-derived", "confirmed"}
        assert (table["evidence"].astype(str).str.strip() != "").all()


def test_frames_map_to_the_policy_frames_codebook():
    from rhetoric.io.wordlists import read_table
    frames = read_table("frames.csv")
    pfc = frames[frames["pfc_code"].astype(str).str.strip() != ""]
    assert sorted(int(c) for c in pfc["pfc_code"]) == list(range(1, 15))
    project_frames = frames.loc[frames["pfc_code"].astype(str).str.strip() == "", "frame"]
    assert set(project_frames) == {"rivalry", "diplomacy", "energy"}


@pytest.mark.parametrize("instrument", ["frames", "entman", "boosters", "metadiscourse", "markers"])
def test_audit_gold_files(instrument):
    from rhetoric.io.wordlists import read_table
    gold = read_table(f"audit_dev_{instrument}.csv")
    assert list(gold.columns[:12]) == ["instrument", "category", "doc_id", "start", "end", "term", "matched", "label",
                                       "note", "split", "sample_seed", "coder"]
    assert set(gold["split"]) == {"dev"} and set(gold["coder"]) == {"developer"}
    assert set(gold["label"].astype(int)) <= {0, 1}


@pytest.mark.parametrize("text, expected", [
    # 'Name:Answer' without a space after the colon is a transcript line
    ("Cory Booker:I think you need more people pushing.\nI disagree with him.", ["i"]),
    # a transcript naming its speakers on lines of their own (the name recurs)
    (("I spoke to him in May.\nSean Illing\nDo you find that I am right?\nDaniel Markovits\nI think you are.\n"
      "Sean Illing\nThanks."), ["i"]),
    # a headline quotation in straight single quotes
    ("'They killed my mother, killed my father': families flee. I met them in May.", ["i"]),
])
def test_writer_voice_transcripts_and_straight_quotes(tables, text, expected):
    assert _meta(tables, text, "self_mention") == expected


def test_writer_voice_accented_speaker_label(tables):
    text = "JUAN GONZÁLEZ: Matt, I was going to ask you about it.\nI doubt he answered."
    assert _meta(tables, text, "self_mention") == ["i"]
    assert _meta(tables, text, "engagement") == []
