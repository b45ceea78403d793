"""The target-tone instrument: hand-checked features and tones, the frozen model, the two reading paths (a corpus's
token table and a text with offsets) agreeing, and ``rhetoric target-tone`` on any input."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.instruments import actors
from rhetoric.instruments import target_tone as tt
from rhetoric.io.corpus import load_corpus
from rhetoric.language.tokens import sentences_and_tokens

from conftest import examples


def features_of(text: str, mention: str, nth: int = 0) -> dict[str, float]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(mention, start + 1)
    context = tt.text_context(text, start, start + len(mention))
    assert context is not None
    return tt.mention_features(*context)


def tone(text: str, mention: str) -> int:
    start = text.index(mention)
    return tt.tone_of(text, start, start + len(mention))[0]


def test_role_features_by_hand():
    # "X slammed Y": Y is the object of a verb of blame, X its subject
    f = features_of("Trump slammed Clinton for her emails.", "Clinton")
    assert f["patient:criticize"] == 1 and f["patient=slam"] == 1 and "agent:criticize" not in f
    g = features_of("Trump slammed Clinton for her emails.", "Trump")
    assert g["agent:criticize"] == 1 and "patient:criticize" not in g
    # the passive: the mention before "was praised" is the one praised; the agent after "by"
    f = features_of("The senator was praised by voters.", "senator")
    assert f["patient:praise"] == 1
    f = features_of("Four women were murdered by Ortiz.", "Ortiz")
    assert f["agent:harm"] == 1
    # an apposition between the mention and its verb, and a second passive verb after "and"
    f = features_of("Pell, 77, was convicted and sentenced in May.", "Pell")
    assert f["patient:sanction"] == 2
    # the speaker, and the target of an evaluative noun
    assert features_of("Prices rose, according to Smith.", "Smith")["agent:say"] == 1
    assert features_of("Rubio heaped praise on the president.", "president")["patient:praise"] == 1
    # quotation: inside a quotation, and valence in a quotation the mention is not part of
    f = features_of('Jones said: "The plan is a disaster."', "Jones")
    assert "in_quote" not in f and f["quote_in_sentence"] == 1 and f["v-quote"] > 0
    assert features_of('"Ask Jones," she said.', "Jones")["in_quote"] == 1


def test_valence_by_side_distance_negation_and_the_misread_list():
    f = features_of("Smith is a good leader.", "Smith")
    assert f["v+Rn"] == pytest.approx(1.9 / 4)  # "good" (VADER 1.9), three words to the right
    assert not any(k.startswith("v") and "L" in k for k in f)
    # negation within three words flips the sign (VADER's factor)
    f = features_of("Smith is not a good leader.", "Smith")
    assert f["v-Rm"] == pytest.approx(1.9 * 0.74 / 4) and "v+Rm" not in f
    # "united" in "United States" is on the misread list: no valence
    f = features_of("Smith visited the United States.", "Smith")
    assert not any(k[:2] in ("v+", "v-") for k in f) and "sent" not in f
    # the mention's own words are never features
    f = features_of("Happy Jones met Smith.", "Happy Jones")
    assert "S:happy" not in f and "S:jones" not in f and "S:smith" in f and "v+Rn" not in f


@pytest.mark.parametrize("text, mention, expected", [
    ("Critics accused Biden of lying.", "Biden", -1),
    ("The senator was praised by voters for her courage.", "senator", 1),
    ("Trump slammed Clinton for her corrupt emails.", "Clinton", -1),
    ("Obama met Putin in Helsinki on Monday.", "Obama", 0),
])
def test_tone_toward_the_mention_by_hand(text, mention, expected):
    assert tone(text, mention) == expected


def test_the_frozen_model_is_a_softmax_of_its_weights():
    model = tt.model()
    assert model.weights.shape == (len(model.index), 3)
    feats = [features_of("Critics accused Biden of lying.", "Biden"), {}, {"no such feature": 3.0}]
    probs = model.probabilities(feats)
    assert probs.shape == (3, 3) and np.allclose(probs.sum(axis=1), 1)
    # by hand for the first: intercept + sum of value * weight, then softmax
    logits = model.intercept + sum(v * model.weights[model.index[k]] for k, v in feats[0].items() if k in model.index)
    assert np.allclose(probs[0], np.exp(logits) / np.exp(logits).sum())
    # a mention with no known feature gets the intercept's probabilities
    assert np.allclose(probs[1], probs[2])
    tone_, score = tt.decide(probs)
    assert tone_[0] == -1 and score[0] == pytest.approx(probs[0, 2] - probs[0, 0])
    assert model.probabilities([]).shape == (0, 3)


def test_every_feature_of_the_model_is_one_the_instrument_can_make():
    names = pd.read_csv(tt.data_file(tt.MODEL_FILE), usecols=["feature"], keep_default_na=False)["feature"]
    fixed = {"(intercept)", "in_quote", "quote_in_sentence", "pron", "first", "possessive", "titled", "sent", "psent",
             "v+clause", "v-clause", "v+quote", "v-quote", "against"}
    pattern = (r"^(?:[vp][+-][LR][nmf]|(?:agent|patient)[:=].+|[LRS]:.+)$")
    assert names.isin(fixed).sum() + names.str.match(pattern).sum() == len(names)
    table = pd.read_csv(tt.data_file(tt.MODEL_FILE), keep_default_na=False)
    assert list(table.columns) == ["feature", "negative", "neutral", "positive", "articles", "note"]
    assert (table["note"].str.strip() != "").all() and (table["articles"] >= 3).all()


def test_cue_list_has_a_reason_per_row_and_known_kinds():
    cues = pd.read_csv(tt.data_file(tt.CUES_FILE), keep_default_na=False)
    assert list(cues.columns) == ["term", "kind", "reason", "source"]
    assert (cues["reason"].str.len() > 20).all() and not cues.duplicated(["term", "kind"]).any()
    assert tt.cues().verbs["slammed"] == ("slam", "criticize")
    assert tt.cues().verbs["praised"] == ("praise", "praise")


def test_token_table_and_text_readings_agree(make_corpus):
    text = ("Critics accused Biden of lying. Trump slammed Clinton, and China praised Iran.\n"
            "The United States was praised by Israel's leaders; \"Iran is a threat,\" said Trump.")
    corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": text}]))
    sents, toks = sentences_and_tokens(corpus)
    mentions = actors.actor_mentions(toks)
    scored = tt.score_mentions(toks, mentions)
    assert len(scored) == len(mentions) >= 6 and set(scored["tone"]) <= {-1, 0, 1}
    raw = corpus.raw["a"]
    for r in scored.itertuples():  # each mention read again in its line of the raw text, by offsets
        line_start = raw.rfind("\n", 0, r.start) + 1
        line = raw[line_start:].split("\n")[0]
        t, s = tt.tone_of(line, r.start - line_start, r.end - line_start)
        assert (t, s) == (r.tone, pytest.approx(r.score))
    empty = tt.score_mentions(toks, mentions.iloc[:0])
    assert list(empty.columns) == [*mentions.columns, *tt.SCORE_COLUMNS] and empty.empty


def test_bad_offsets_are_named():
    assert "not a span" in tt.offsets_problem("abc", 2, 9)
    assert "not a span" in tt.offsets_problem("abc", 2, 2)
    assert "whitespace" in tt.offsets_problem("a   b", 1, 3)
    assert "integers" in tt.offsets_problem("abc", "0", 1)
    assert "integers" in tt.offsets_problem("abc", True, 2)
    assert tt.offsets_problem("abc", 0, 3) is None
    with pytest.raises(ValueError, match="not a span"):
        tt.tone_of("abc", 0, 4)


def run_cli(tmp_path, lines: list[str], capsys):
    from rhetoric.cli import main

    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    if out.exists():
        out.unlink()
    status = main(["target-tone", str(src), "-o", str(out)])
    err = capsys.readouterr().err
    table = pd.read_csv(out, dtype={"id": str}, keep_default_na=False) if out.exists() else None
    return status, table, err


def test_cli_writes_good_lines_and_names_bad_ones(tmp_path, capsys):
    lines = [json.dumps({"id": "m1", "text": "Critics accused Biden of lying.", "start": 16, "end": 21}),
             "not json", json.dumps({"id": "m2", "text": "abc", "start": 1}),
             json.dumps({"id": 3, "text": "abc", "start": 1, "end": 9}),
             json.dumps({"id": "m4", "text": "a  b", "start": 1, "end": 3}),
             json.dumps(["a list"]), "",
             json.dumps({"id": "m5", "text": "Voters praised Smith.", "start": 15, "end": 20})]
    status, table, err = run_cli(tmp_path, lines, capsys)
    assert status == 3
    assert table["id"].tolist() == ["m1", "m5"] and table["tone"].tolist() == [-1, 1]
    assert list(table.columns) == ["id", "tone", "score"] and table["score"].between(-1, 1).all()
    named = [ln for ln in err.splitlines() if ln.startswith("rhetoric: line")]
    assert [ln.split()[2] for ln in named] == ["2", "3", "4", "5", "6"]  # one line each, the blank line skipped
    assert "Traceback" not in err
    status, table, err = run_cli(tmp_path, [lines[0]], capsys)
    assert status == 0 and len(table) == 1


def test_cli_bad_paths_exit_2(tmp_path, capsys):
    from rhetoric.cli import main

    assert main(["target-tone", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o.csv")]) == 2
    src = tmp_path / "in.csv"
    src.write_text(json.dumps({"id": "a", "text": "Smith won.", "start": 0, "end": 5}) + "\n")
    assert main(["target-tone", str(src), "-o", str(src)]) == 2  # the output would destroy the input
    assert main(["target-tone", str(src), "-o", str(tmp_path / "o.txt")]) == 2
    assert main(["target-tone", str(tmp_path), "-o", str(tmp_path / "o.csv")]) == 2
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    assert main(["target-tone", str(empty), "-o", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len([ln for ln in err.splitlines() if "error" in ln]) == 5


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=120)


@settings(max_examples=examples(200))
@given(data=st.data(), text=_TEXT)
def test_any_text_and_valid_offsets_give_a_tone_and_invalid_ones_an_error(data, text):
    start = data.draw(st.integers(min_value=-3, max_value=len(text) + 3))
    end = data.draw(st.integers(min_value=-3, max_value=len(text) + 3))
    problem = tt.offsets_problem(text, start, end)
    line = json.dumps({"id": "x", "text": text, "start": start, "end": end}).encode()
    request = tt._request(1, line)
    assert (request.problem is None) == (problem is None)
    if problem is None:  # valid offsets: a tone, whatever the text
        t, s = tt.tone_of(text, start, end)
        assert t in (-1, 0, 1) and -1 <= s <= 1


@settings(max_examples=examples(50))
@given(lines=st.lists(st.one_of(
    st.builds(lambda t, a, b: json.dumps({"id": "x", "text": t, "start": a, "end": b}), _TEXT,
              st.integers(-2, 40), st.integers(-2, 40)),
    st.text(max_size=30)), min_size=1, max_size=6))
def test_score_file_never_raises_on_any_line(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("tt") / "in.jsonl"
    path.write_text("\n".join(lines).replace("\r", " ") + "\n", encoding="utf-8", errors="surrogatepass")
    table, failed = tt.score_file(path)
    assert set(table["tone"]) <= {-1, 0, 1}
    assert all(f.problem for f in failed)
    assert len(table) + len(failed) <= len(lines)
