"""Checking an instrument on one's own corpus from the command line: ``rhetoric audit MEASURE`` draws a seeded,
group-stratified sample of the measure's hits with their context, ``rhetoric audit --score`` gives precision
with Wilson intervals from the hand-coded sheet, ``rhetoric kwic`` shows any word or measure in context."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from rhetoric.analysis import audit
from rhetoric.base.errors import InputError
from rhetoric.cli import main, parser
from rhetoric.io.corpus import load_corpus

#: Three groups of very unequal size: contrast markers ("but", "however", "although") in every article.
SENTENCES = ["The plan was cheap, but it failed.", "However, the vote went ahead.",
             "Sanctions hurt, although exports grew.", "Talks stalled but did not end."]


def _docs() -> list[dict]:
    docs = []
    for k in range(12):  # group "big": 12 articles, 8 contrast markers each
        docs.append({"id": f"big{k:02d}", "stance": "big", "text": " ".join(SENTENCES * 2) + f" Day {k} ended."})
    for k in range(2):  # group "small": 2 articles, 4 each
        docs.append({"id": f"small{k}", "stance": "small", "text": " ".join(SENTENCES)})
    docs.append({"id": "one", "stance": "tiny", "text": "Prices rose, but wages did not. Sanctions bite."})
    return docs


@pytest.fixture
def corpus(make_corpus):
    return make_corpus(_docs())


def _sheet(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_sample_is_reproducible_stratified_and_has_the_columns(corpus, tmp_path, capsys):
    outs = [tmp_path / f"sheet{k}.csv" for k in range(3)]
    for out, seed in zip(outs, ["3", "3", "4"]):
        assert main(["audit", "contrast_per_1000", "--corpus", str(corpus), "--n", "20", "--seed", seed,
                     "-o", str(out)]) == 0
    assert "wrote 20 of 105 hits" in capsys.readouterr().err  # 12*8 + 2*4 + 1
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert outs[0].read_bytes() != outs[2].read_bytes()
    sheet = _sheet(outs[0])
    assert list(sheet.columns) == audit.SHEET_COLUMNS
    assert (sheet["label"] == "").all() and (sheet["note"] == "").all()
    assert set(sheet["measure"]) == {"contrast_per_1000"} and set(sheet["category"]) == {"contrast"}
    # proportional (96, 8, 1 hits of 105 -> 18.3, 1.5, 0.2), each group raised to 5 or all it has, total kept
    assert sheet["group"].value_counts().to_dict() == {"big": 14, "small": 5, "tiny": 1}
    raw = {d["id"]: d["text"] for d in _docs()}
    for row in sheet.itertuples():
        assert raw[row.doc_id][int(row.start):int(row.end)] == row.matched
        assert f"[[{row.matched}]]" in row.context
        assert row.context.replace("[[", "").replace("]]", "") in raw[row.doc_id]
    assert sheet["doc_id"].map(lambda d: d.rstrip("0123456789")).tolist() == \
        sheet["group"].map({"big": "big", "small": "small", "tiny": "one"}).tolist()


def test_allocation_is_proportional_with_a_minimum_per_group():
    assert audit.allocation({"a": 100, "b": 10, "c": 2}, 20) == {"a": 13, "b": 5, "c": 2}
    assert audit.allocation({"a": 50, "b": 50}, 10) == {"a": 5, "b": 5}
    assert audit.allocation({"a": 3, "b": 4}, 10) == {"a": 3, "b": 4}  # fewer hits than n: all of them
    assert audit.allocation({"a": 900, "b": 100}, 100) == {"a": 90, "b": 10}


def _wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def test_scoring_a_hand_coded_sheet(tmp_path, capsys):
    sheet = pd.DataFrame({"measure": "m", "category": ["x", "x", "x", "x", "y", "y", "y"],
                          "group": ["g", "g", "h", "h", "g", "h", "h"], "doc_id": "d",
                          "label": ["1", "1", "1", "0", "1", "0", ""], "note": ""})
    path = tmp_path / "coded.csv"
    sheet.to_csv(path, index=False)
    assert main(["audit", "--score", str(path)]) == 0
    out = capsys.readouterr().out
    assert "6 of 7 hits coded (1 not coded, left out)" in out
    table = audit.score_sheet(audit.read_sheet(path)).set_index(["by", "value"])
    for key, k, n in [(("category", "x"), 3, 4), (("category", "y"), 1, 2), (("group", "g"), 3, 3),
                      (("group", "h"), 1, 3), (("all", "all"), 4, 6)]:
        row = table.loc[key]
        low, high = _wilson(k, n)
        assert (row["coded"], row["correct"]) == (n, k)
        assert row["precision"] == pytest.approx(k / n)
        assert (row["ci_low"], row["ci_high"]) == (pytest.approx(low, abs=1e-9), pytest.approx(high, abs=1e-9))
    low, high = _wilson(4, 6)
    assert f"0.667 {low:.3f}-{high:.3f}" in out


def test_a_bad_label_is_one_line_naming_it(tmp_path, capsys):
    path = tmp_path / "coded.csv"
    pd.DataFrame({"category": ["x", "x", "x"], "label": ["1", "0", "yes"]}).to_csv(path, index=False)
    assert main(["audit", "--score", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "line 4" in err and "'yes'" in err


def test_kwic_finds_a_word_with_its_context(corpus, tmp_path, capsys):
    out = tmp_path / "kwic.csv"
    assert main(["kwic", "sanctions", "--corpus", str(corpus), "--width", "20", "-o", str(out)]) == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(table) == 12 * 2 + 2 + 1
    one = table[table["doc_id"] == "one"].iloc[0]
    assert (one["group"], one["left"], one["match"], one["right"]) == ("tiny", "", "Sanctions", "bite.")
    assert main(["kwic", "wages did", "--corpus", str(corpus)]) == 0
    printed = capsys.readouterr().out
    assert "Prices rose, but" in printed and "not." in printed and printed.count("\n") == 2  # header + 1 hit
    assert main(["kwic", "contrast_per_1000", "--corpus", str(corpus), "-o", str(out)]) == 0  # a measure's hits
    assert len(pd.read_csv(out)) == 105


def test_unknown_measures_measures_without_hits_and_outputs_inside_the_corpus_are_refused(corpus, tmp_path,
                                                                                         capsys):
    out = tmp_path / "sheet.csv"
    assert main(["audit", "hedgez", "--corpus", str(corpus), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no registered measure" in err and "hedges_per_1000" in err
    assert main(["audit", "flesch_reading_ease", "--corpus", str(corpus), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no hits to audit" in err and "rhetoric kwic" in err
    assert main(["audit", "hedges_per_1000", "--corpus", str(corpus), "-o", str(corpus / "sheet.csv")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "inside the corpus" in err
    assert not out.exists() and not (corpus / "sheet.csv").exists()


@pytest.mark.parametrize("command", ["audit", "kwic"])
def test_help_has_description_examples_and_defaults(capsys, command):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = capsys.readouterr().out
    sub = parser()._subparsers._group_actions[0].choices[command]
    assert sub.description.split()[0] in text
    assert text.split("examples:", 1)[1].count(f"rhetoric {command}") >= 2
    flat = " ".join(text.split())
    assert "(default: 200)" in flat if command == "audit" else "(default: 60)" in flat
    if command == "audit":
        assert "frame_security_share" in text.split("measures with hits:", 1)[1]


def test_the_hits_are_what_each_measure_counts(make_corpus):
    """For every measure that can be audited, its hits per sentence are its feature-table column."""
    from rhetoric.instruments.features import sentence_features
    from rhetoric.instruments.registry import get
    from rhetoric.io.corpus import load_corpus

    text = ("We must act now, and I think the army may perhaps deploy if the war spreads. According to officials, "
            "the economy could suffer, but we propose that Congress should pass the budget. Clearly the attack "
            "was wrong; they blame the government for the crisis and we urge a ceasefire.\n"
            "You might say the election was unfair. Surely the court will rule, although the law is unclear.")
    corpus = load_corpus(make_corpus([*_docs()[:2], {"id": "rich", "stance": "big", "text": text}]))
    table = sentence_features(corpus)
    counted = 0
    for name in audit.auditable():
        hits = audit.measure_hits(corpus, name)
        per_sentence = hits.groupby(["doc_id", "sentence_id"]).size()
        column = table.set_index(["doc_id", "sentence_id"])[get(name).column]
        expected = column[column > 0].astype(int)
        assert per_sentence.sort_index().to_dict() == expected.sort_index().to_dict(), name
        counted += len(hits) > 0
    assert counted >= 15  # the text exercises most instruments, so the comparison is not of empty tables


def test_target_tone_sheet_and_its_agreement(make_corpus, tmp_path, capsys):
    # a corpus without an actor list: the actors it names most often, each mention with the instrument's tone
    text = ("Critics accused Smith of lying. Voters praised Jones. Smith said the plan works. Jones said no. "
            "Smith spoke again. Jones met Smith.")
    d = make_corpus([{"id": f"d{k}", "stance": "g1" if k < 3 else "g2", "text": text} for k in range(5)])
    out = tmp_path / "tone.csv"
    assert main(["audit", "target_tone", "--corpus", str(d), "--n", "12", "--seed", "2", "-o", str(out)]) == 0
    sheet = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(sheet.columns) == [*audit.SHEET_COLUMNS, "tone", "score"] and len(sheet) == 12
    assert set(sheet["measure"]) == {"target_tone"} and set(sheet["matched"]) <= {"Smith", "Jones"}
    assert sheet["context"].str.contains(r"\[\[(?:Smith|Jones)\]\]").all()
    assert set(sheet["tone"]) <= {"-1", "0", "1"}
    # coded: the coder agrees on every mention but two, disagrees there
    labels = sheet["tone"].tolist()
    labels[0] = {"-1": "1", "0": "-1", "1": "0"}[labels[0]]
    labels[1] = ""
    sheet.assign(label=labels).to_csv(out, index=False)
    coded = audit.read_sheet(out)
    assert coded["coded"].sum() == 11 and coded["correct"].sum() == 10
    table = audit.tone_agreement(coded, n=200)
    accuracy = table[table["value"] == "accuracy"].iloc[0]
    assert accuracy["f1"] == pytest.approx(10 / 11) and accuracy["coded"] == 11
    assert table[table["by"] == "class"]["coded"].sum() == 11
    assert main(["audit", "--score", str(out)]) == 0
    assert "macro-F1" in capsys.readouterr().out
    # a label other than -1, 0, 1 or empty is one line naming it
    sheet.assign(label=["2"] + [""] * 11).to_csv(out, index=False)
    assert main(["audit", "--score", str(out)]) == 2
    assert "line 2" in capsys.readouterr().err


def test_a_sheet_context_is_bounded_and_cut_as_the_whole_sentence_would_be(make_corpus):
    """Issue 37: audit on a 1,000,000-character article held its long sentence once per hit (2.5 GB)."""
    text = "we may go and it might rain " * 400  # one long sentence, dense with hedges
    corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": text}, {"id": "b", "stance": "t",
                                                                                "text": "It may rain."}]))
    hits = audit.measure_hits(corpus, "hedges_per_1000")
    assert len(hits) > 100
    limit = 2 * (audit.CONTEXT_CHARS + 1) + len("[[might]]")
    assert hits["context"].str.len().max() <= limit
    whole = audit.measure_hits(corpus, "hedges_per_1000", width=None)
    for cut, full in zip(hits["context"], whole["context"]):
        core = cut.strip("…").strip()
        assert core in full
    for a, b, w in [(0, 1, 2), (8, 9, 2), (30, 31, 5), (8, 9, 100)]:
        t = "a b c d e f g h i j k l m n o p"
        left, right = t[:a], t[b:]
        left = ("…" + left[-w:]) if len(left) > w else left
        right = (right[:w] + "…") if len(right) > w else right
        assert audit._marked(t, a, b, w) == " ".join(f"{left}[[{t[a:b]}]]{right}".split())


def test_kwic_matches_a_term_the_way_the_tokenizer_splits_text():
    """Issue 37: ``kwic 'U.S.'`` and ``kwic 'Iran’s'`` found nothing in the seeds."""
    corpus = load_corpus()
    assert audit._phrase("U.S.") == "u.s." and audit._phrase("Iran’s") == audit._phrase("Iran's") == "iran 's"
    assert len(audit.kwic(corpus, "U.S.")) == len(audit.kwic(corpus, "u.s.")) > 0
    assert len(audit.kwic(corpus, "Iran’s")) > 0
    assert audit._phrase("nuclear*") == "nuclear*" and audit._phrase("United States") == "united states"


def _coded_sheet(tmp_path, rows):
    path = tmp_path / "sheet.csv"
    table = pd.DataFrame(rows, columns=["measure", "category", "group", "doc_id", "start", "end", "label"])
    table.to_csv(path, index=False)
    return path


def test_score_counts_a_repeated_hit_once_and_refuses_conflicting_labels(tmp_path, capsys):
    """Issue 37: duplicated rows were counted twice ("56 of 56 coded" for 28 hits); conflicting labels accepted."""
    rows = [["m", "hedge", "a", "d1", 0, 3, "1"], ["m", "hedge", "a", "d1", 4, 9, "0"],
            ["m", "hedge", "b", "d2", 0, 3, ""]]
    path = _coded_sheet(tmp_path, rows + rows + [["m", "hedge", "b", "d2", 0, 3, "1"]])
    sheet = audit.read_sheet(path)
    assert len(sheet) == 3 and sheet.attrs["duplicates"] == 4 and int(sheet["coded"].sum()) == 3
    assert main(["audit", "--score", str(path)]) == 0
    assert "3 of 3 hits coded; 4 repeated row(s) of a hit counted once" in capsys.readouterr().out
    clash = _coded_sheet(tmp_path, rows + [["m", "hedge", "a", "d1", 0, 3, "0"]])
    with pytest.raises(InputError, match=r"lines 2, 5 code the same hit \(d1, characters 0-3\) with different labels"):
        audit.read_sheet(clash)
