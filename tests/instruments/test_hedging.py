"""Hedging detector on hand-checked sentences: context rules, multi-word items, quotes, modals."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.instruments import hedging
from rhetoric.language.tokens import sentences, tokens
from rhetoric.report import annotate

from conftest import examples


@pytest.fixture
def detect(one_text):
    def _detect(text):
        _, sents, toks = one_text(text)
        return sents, toks, hedging.markers(toks, sents, hedges="lexicon")
    return _detect


def _found(marks, category):
    return list(marks.loc[marks["category"] == category, "matched"].str.lower())


@pytest.mark.parametrize("text, hedges, boosters", [
    ("The talks may resume.", ["may"], []),
    ("In May the talks resumed. They met on May 5.", [], []),
    ("May 2026 saw talks.", [], []),
    ("Russia's military might is vast.", [], []),
    ("About 300 people came, some 40 in all.", ["about", "some"], []),
    ("They talked about the conflict.", [], []),
    ("It is not clear whether talks will work.", ["not clear", "whether"], []),
    ("It is clear that talks failed. Indeed, they did.", [], ["it is clear that", "indeed"]),
    ("The data did not demonstrate a link.", [], []),
    ("The study demonstrates that a link exists.", [], ["demonstrates"]),
    ("China could not agree.", [], []),
    ("China could agree.", ["could"], []),
    ("Cooperation in certain areas grew. They are certain of it.", [], ["certain"]),
    ("Whether through trade or force, China acts. Nobody knows whether it will.", ["whether"], []),
    ("More broadly, the region is broadly stable.", ["broadly"], []),
    ("A potential threat has limited potential for harm.", ["potential"], []),
    ("Iran is reportedly close, and it is believed to be near.", ["reportedly", "is believed"], []),
])
def test_hedges_and_boosters(detect, text, hedges, boosters):
    _, _, marks = detect(text)
    assert _found(marks, "hedge") == hedges
    assert _found(marks, "booster") == boosters


def test_self_mentions_are_first_person_singular(detect):
    # first person plural is pronoun_we (rhetorical_markers.csv), so the two families stay disjoint
    _, _, marks = detect("The US and the U.S. told us that we agree, and I told my editor.")
    assert _found(marks, "self_mention") == ["i", "my"]


def test_quoted_markers_are_flagged(detect):
    _, _, marks = detect("He said the deal “may collapse soon” but it may not.")
    assert list(marks["quoted"]) == [True, False]


def test_modals_types_readings_and_conditionals(detect):
    sents, toks, _ = detect("China can convene talks. It may be true. Washington must act. This would allow "
                            "peace if both agree. Conversely, should the talks fail, the will of the people "
                            "that can be measured matters.")
    mods = hedging.modals(toks, sents)
    got = list(zip(mods["matched"].str.lower(), mods["type"], mods["reading"]))
    assert got == [("can", "possibility", "dynamic"), ("may", "possibility", "epistemic"),
                   ("must", "necessity", "deontic"), ("would", "prediction", "prediction"),
                   ("can", "possibility", "dynamic")]
    conds = hedging.conditionals(toks)
    assert list(conds["matched"].str.lower()) == ["if", "should"]
    assert list(conds["with_would"]) == [True, False]


def test_feature_columns_count_occurrences(detect):
    sents, toks, _ = detect("Perhaps it may work, and it may not. Clearly it will.")
    cols = hedging.feature_columns(sents, toks)
    assert list(cols["hedges"]) == [3, 0]
    assert list(cols["boosters"]) == [0, 1]
    assert list(cols["modal_possibility"]) == [2, 0] and list(cols["modal_prediction"]) == [0, 1]


def test_annotated_html_is_static_and_escaped(seeds):
    from rhetoric.language.cleaning import body_paragraphs

    sents = sentences(seeds)
    toks = tokens(seeds, sents)
    doc = "diplomat-2025-06"
    page = annotate.annotate_html(seeds.raw[doc], body_paragraphs(seeds).query("doc_id == @doc"),
                                 hedging.markers(toks, sents).query("doc_id == @doc"),
                                 hedging.modals(toks, sents).query("doc_id == @doc"), title="t")
    assert "<script" not in page and 'title="hedge: may"' in page and "booster" in page


@pytest.mark.parametrize("text, hedges", [
    ("The alleged plot is widely believed to be real.", ["alleged", "widely believed"]),
    ("Critics say the plan is considered risky by some experts.", ["critics say", "is considered", "some experts"]),
    ("The minister is considered a moderate.", ["is considered"]),
])
def test_weasel_cues(detect, text, hedges):
    _, _, marks = detect(text)
    assert _found(marks, "hedge") == hedges


_BOILER_WORDS = ["Newsletter", "SUBSCRIBE", "sign up", "Signed Up", "e-mail address", "Click here", "cookies",
                 "Terms of Use", "media caption", "your inbox", "follow us"]
_FOLD_TEXTS = ["ſubscribe now", "SIGN UP for İt", "clıck here", "cooKies", "sign upı", "COOKİES"]


def test_boilerplate_lower_case_search_equals_ignorecase():
    """The lower-cased search (the fast one) agrees with the IGNORECASE pattern, the characters ``re`` folds
    differently from ``str.lower`` included, and a word boundary after "sign up"."""
    for text in [*_BOILER_WORDS, *_FOLD_TEXTS, "sign upstairs", "Sign Up.", "no boilerplate here", ""]:
        assert hedging._is_boilerplate(text) == bool(hedging._BOILERPLATE.search(text)), text


@settings(max_examples=examples(300), derandomize=True, deadline=None)
@given(st.lists(st.one_of(st.sampled_from([*_BOILER_WORDS, *_FOLD_TEXTS, " ", ".", "’", "“", "É", "ß"]),
                          st.text(max_size=6)), max_size=8))
def test_boilerplate_equivalence_generated(parts):
    text = "".join(parts)
    assert hedging._is_boilerplate(text) == bool(hedging._BOILERPLATE.search(text))


def _quote_state_by_character(text: str, inside: bool):
    """The quote-state rule read character by character (how it was first written)."""
    spans, start = [], 0
    for k, ch in enumerate(text):
        if ch == "“" or (ch == '"' and not inside):
            if not inside:
                start, inside = k, True
        elif ch == "”" or ch == '"':
            spans.append((start if inside else 0, k + 1))
            inside = False
    if inside:
        spans.append((start, len(text)))
    return spans, inside


def test_quote_state_hand_checked():
    assert hedging._quote_state('He said "no" twice.', False) == ([(8, 12)], False)
    assert hedging._quote_state("“We will act,” he said", False) == ([(0, 14)], False)
    assert hedging._quote_state("and then stop.” Next", True) == ([(0, 15)], False)
    assert hedging._quote_state("no quotes here", True) == ([(0, 14)], True)
    assert hedging._quote_state("opens “here", False) == ([(6, 11)], True)


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet=["“", "”", '"', "a", " ", "’"], max_size=40), st.booleans())
def test_quote_state_equals_the_character_loop(text, inside):
    assert hedging._quote_state(text, inside) == _quote_state_by_character(text, inside)


# --- metadiscourse (non-hedge rows), its context rules and the writer's voice ----------------------------

@pytest.fixture
def tables(one_text):
    """``tables(text) -> (sentences, tokens)`` of a one-article corpus (conftest's ``one_text``)."""
    return lambda text: one_text(text)[1:]


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
