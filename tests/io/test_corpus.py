"""Loading a corpus, and each kind of bad input: a clear error naming the file, nothing written; files stay inside
their corpus (issues 13, 20, 24)."""
from __future__ import annotations

import os

import pytest

from rhetoric.base.errors import CorpusError, CorpusWarning
from rhetoric.cli import main
from rhetoric.io.corpus import MAX_ARTICLE_CHARS, load_corpus

from command_helpers import fake_runner, features, one_clear_line, run_cli
from conftest import TWO_DOCS


def test_seed_metadata_matches_sources(seeds):
    docs = seeds.documents.set_index("doc_id")
    assert set(docs["stance"]) == {"pro-cooperation", "skeptical"}
    # sha256 as received, from ../shared/seeds/SOURCES.md: the copies are byte for byte
    assert docs.loc["diplomat-2025-06", "sha256"].startswith("31d912fda0c07ec8")
    assert docs.loc["tehran-2026-05", "sha256"].startswith("b27f738d1da9a306")
    # unknowns stay empty, never invented
    assert docs.loc["tehran-2026-05", "outlet"] == "" and docs.loc["tehran-2026-05", "date"] == ""


def test_small_corpus_loads(make_corpus):
    corpus = load_corpus(make_corpus(TWO_DOCS))
    assert corpus.doc_ids == ["a", "b"]


def _expect(directory, fragment, name):
    with pytest.raises(CorpusError) as info:
        load_corpus(directory)
    message = str(info.value)
    assert fragment in message and name in message
    return message


def test_missing_metadata(tmp_path):
    (tmp_path / "x.txt").write_text("Text.")
    _expect(tmp_path, "missing metadata.csv", "metadata.csv")


def test_missing_required_column(make_corpus):
    d = make_corpus(TWO_DOCS, columns=["id", "file", "title"])
    _expect(d, "missing required column(s): stance", "metadata.csv")


def test_empty_required_field(make_corpus):
    d = make_corpus([{**TWO_DOCS[0], "stance": ""}, TWO_DOCS[1]])
    _expect(d, "empty required field 'stance' on line(s) 2", "metadata.csv")


def test_listed_file_missing(make_corpus):
    d = make_corpus(TWO_DOCS)
    (d / "b.txt").unlink()
    _expect(d, "does not exist", "b.txt")


@pytest.mark.parametrize("text", ["", "   \n\t\n"])
def test_empty_or_whitespace_text(make_corpus, text):
    d = make_corpus([TWO_DOCS[0], {**TWO_DOCS[1], "text": text}])
    _expect(d, "is empty", "b.txt")


def test_not_utf8(make_corpus):
    d = make_corpus([TWO_DOCS[0], {**TWO_DOCS[1], "text": "caf\xe9 au lait".encode("latin-1")}])
    _expect(d, "is not UTF-8 text", "b.txt")


def test_duplicate_ids(make_corpus):
    d = make_corpus([TWO_DOCS[0], {**TWO_DOCS[1], "id": "a", "file": "b.txt"}])
    (d / "b.txt").write_text("Other text.")
    _expect(d, "duplicate id(s): a", "metadata.csv")


def test_unlisted_text_file_warns(make_corpus):
    d = make_corpus(TWO_DOCS)
    (d / "stray.txt").write_text("Not listed.")
    with pytest.warns(CorpusWarning, match="stray.txt: text file not listed"):
        load_corpus(d)


def test_bad_input_writes_nothing(make_corpus, tmp_path, capsys):
    d = make_corpus([TWO_DOCS[0], {**TWO_DOCS[1], "text": " "}])
    out = tmp_path / "out" / "features.csv"
    assert main(["features", str(d), "-o", str(out)]) == 2
    assert "b.txt: is empty" in capsys.readouterr().err
    assert not out.exists()
    run_out = tmp_path / "run-out"
    assert main(["run", "--corpus", str(d), "--out", str(run_out)]) == 2
    assert not run_out.exists()


def test_corpus_file_above_the_size_limit_is_refused(make_corpus):
    d = make_corpus([TWO_DOCS[0], {**TWO_DOCS[1], "text": "x" * (MAX_ARTICLE_CHARS + 1)}])
    with pytest.raises(CorpusError, match="b.txt: is 1,000,001 characters long"):
        load_corpus(d)


@pytest.mark.parametrize("entry", ["../secret.txt", "../../etc/passwd", "/ABS/secret.txt", "sub/../../secret.txt"])
def test_corpus_file_must_stay_inside_the_corpus(make_corpus, tmp_path, entry, capsys):
    (tmp_path / "secret.txt").write_text("The secret.")  # every entry names an existing file outside
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "passwd").write_text("The secret.")
    entry = entry.replace("/ABS", str(tmp_path))
    d = make_corpus([TWO_DOCS[0], {"id": "b", "stance": "s", "file": entry}], name="deep/corpus")
    (d / "sub").mkdir()
    with pytest.raises(CorpusError) as info:
        load_corpus(d)
    message = str(info.value)
    assert entry in message and "metadata.csv" in message and "does not exist" not in message
    assert "absolute path" in message or "leads out of the corpus" in message
    code, err = features(capsys, d, "-o", tmp_path / "f.csv")
    assert code == 2 and "The secret" not in err
    one_clear_line(err, entry)
    assert not (tmp_path / "f.csv").exists()


def test_symlink_leading_out_of_the_corpus_is_refused(make_corpus, tmp_path):
    (tmp_path / "secret.txt").write_text("The secret.")
    d = make_corpus([TWO_DOCS[0], {"id": "b", "stance": "s", "file": "b.txt"}])
    (d / "b.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(CorpusError, match="symlink leading out of the corpus directory"):
        load_corpus(d)
    (d / "b.txt").unlink()
    (d / "b.real").write_text(TWO_DOCS[0]["text"])
    (d / "b.txt").symlink_to(d / "b.real")  # a symlink that stays inside is fine (to another file: issue 24)
    assert load_corpus(d).raw["b"] == TWO_DOCS[0]["text"]


def test_directory_named_as_a_file_is_called_a_directory(make_corpus, capsys, tmp_path):
    d = make_corpus([TWO_DOCS[0], {"id": "b", "stance": "s", "file": "sub"}])
    (d / "sub").mkdir()
    with pytest.raises(CorpusError, match="is a directory, not a text file"):
        load_corpus(d)
    code, err = features(capsys, tmp_path / "corpus" / "a.txt", "-o", tmp_path / "f.csv")
    assert code == 3  # a text file given as JSON Lines: each line is named
    with pytest.raises(CorpusError, match="is a file, not a corpus directory"):
        load_corpus(d / "a.txt")


def test_only_a_bom_is_an_empty_file(make_corpus):
    d = make_corpus([TWO_DOCS[0], {**TWO_DOCS[1], "text": "\ufeff\n"}])
    with pytest.raises(CorpusError, match="b.txt: is empty"):
        load_corpus(d)


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x0b"])
def test_control_characters_are_refused_naming_file_and_line(make_corpus, char):
    d = make_corpus([TWO_DOCS[0], {**TWO_DOCS[1], "text": f"Fine line.\nBad{char} line."}])
    with pytest.raises(CorpusError) as info:
        load_corpus(d)
    message = str(info.value)
    assert "b.txt" in message and f"U+{ord(char):04X}" in message and "line 2, column 4" in message


def test_tab_form_feed_and_crlf_are_fine(make_corpus):
    corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": "One\tword.\r\nTwo.\x0c\r\n"}]))
    assert corpus.raw["a"].startswith("One\t")


def test_control_characters_in_ids_are_refused(tmp_path):
    d = tmp_path / "c"
    d.mkdir()
    (d / "a.txt").write_text("Text.")
    (d / "metadata.csv").write_text('id,file,stance\n"a\x1b[31m",a.txt,s\n')
    with pytest.raises(CorpusError, match="control character or line break in required field 'id' on line"):
        load_corpus(d)


def test_symlink_loop_in_the_corpus_is_one_line_in_features(make_corpus, tmp_path, capsys):
    d = make_corpus(TWO_DOCS)
    (d / "b.txt").unlink()
    (d / "b.txt").symlink_to(d / "b.txt")
    code, err = features(capsys, d, "-o", tmp_path / "f.csv")
    assert code == 2
    one_clear_line(err, "b.txt", "cannot be resolved")


def test_the_same_file_listed_twice_is_one_document(make_corpus, tmp_path, capsys):
    d = make_corpus(TWO_DOCS)
    (d / "metadata.csv").write_text("id,file,stance\na,a.txt,pro\nb,b.txt,con\nc,./a.txt,con\n")
    code, err = features(capsys, d, "-o", tmp_path / "f.csv")
    assert code == 2
    one_clear_line(err, "'a' and 'c' name the same file")


def test_hard_link_to_a_file_outside_the_corpus_is_refused(make_corpus, tmp_path, capsys):
    (tmp_path / "secret.txt").write_text("The secret. Not for the corpus.")
    d = make_corpus(TWO_DOCS)
    (d / "b.txt").unlink()
    os.link(tmp_path / "secret.txt", d / "b.txt")
    with pytest.raises(CorpusError, match="hard link with 1 name"):
        load_corpus(d)
    code, err = features(capsys, d, "-o", tmp_path / "f.csv")
    assert code == 2 and "The secret" not in err
    (tmp_path / "secret.txt").unlink()  # both names inside the corpus: an ordinary corpus
    os.link(d / "b.txt", d / "b-copy.txt.bak")
    assert load_corpus(d).raw["b"].startswith("The secret")


def test_metadata_row_with_extra_fields_is_one_line(make_corpus, tmp_path, capsys, monkeypatch):
    fake = fake_runner(tmp_path, monkeypatch)
    d = make_corpus(TWO_DOCS)
    (d / "metadata.csv").write_text("id,file,stance\na,a.txt,pro,EXTRA\nb,b.txt,con,MORE\n")
    code, err = features(capsys, d, "-o", tmp_path / "f.csv")
    assert code == 2
    one_clear_line(err, "metadata.csv", "line 2 has 4 fields but the header has 3")
    code, err = run_cli(capsys, "--corpus", d, "--out", tmp_path / "out")
    assert code == 2 and fake == []
    one_clear_line(err, "line 2 has 4 fields")


def test_corpus_that_is_a_file_is_named_as_such(make_corpus, tmp_path, capsys, monkeypatch):
    fake_runner(tmp_path, monkeypatch)
    corpus = make_corpus(TWO_DOCS)
    assert main(["run", "--corpus", str(corpus / "a.txt"), "--out", str(tmp_path / "out")]) == 2
    assert "is a file, not a corpus directory" in capsys.readouterr().err


# ------------------------------------------------------------------ the one input rule: study.md, metadata, word lists


def test_study_md_is_read_by_the_one_input_rule(make_corpus, tmp_path):
    """Issue 37: a study.md linking out of the corpus was printed in every notebook and the edition."""
    from rhetoric.io.corpus import read_study

    d = make_corpus(TWO_DOCS)
    assert read_study(d) is None and load_corpus(d).study is None
    (d / "study.md").write_text("Tom & Jerry, a study.\n", encoding="utf-8")
    assert load_corpus(d).study == "Tom & Jerry, a study.\n"
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0\n")
    (d / "study.md").unlink()
    (d / "study.md").symlink_to(secret)
    with pytest.raises(CorpusError, match="symlink leading out"):
        load_corpus(d)
    (d / "study.md").unlink()
    os.link(secret, d / "study.md")
    with pytest.raises(CorpusError, match="hard link"):
        load_corpus(d)
    (d / "study.md").unlink()
    (d / "study.md").write_bytes(b"caf\xe9\n")
    with pytest.raises(CorpusError, match="not UTF-8"):
        load_corpus(d)
    (d / "study.md").write_text("bell \x07\n")
    with pytest.raises(CorpusError, match="control character"):
        load_corpus(d)


def test_study_md_not_utf8_is_refused_before_anything_runs(make_corpus, tmp_path, monkeypatch, capsys):
    executed = fake_runner(tmp_path, monkeypatch)
    d = make_corpus(TWO_DOCS)
    (d / "study.md").write_bytes(b"\xff\xfe study")
    code, err = run_cli(capsys, "--corpus", d, "--out", tmp_path / "out")
    assert code == 2 and executed == []
    one_clear_line(err, "study.md", "not UTF-8")
    assert not (tmp_path / "out").exists()


def test_metadata_and_word_lists_linking_out_are_refused(make_corpus, tmp_path):
    from rhetoric.io.wordlists import check_lexicons

    d = make_corpus(TWO_DOCS)
    moved = tmp_path / "elsewhere.csv"
    os.replace(d / "metadata.csv", moved)
    (d / "metadata.csv").symlink_to(moved)
    with pytest.raises(CorpusError, match="symlink leading out"):
        load_corpus(d)
    lists = tmp_path / "lists"
    lists.mkdir()
    outside = tmp_path / "tm.csv"
    outside.write_text("word,reason\nunited,Names a country.\n")
    (lists / "tone_misreads.csv").symlink_to(outside)
    with pytest.raises(CorpusError, match="symlink leading out"):
        check_lexicons(lists)


@pytest.mark.parametrize("char", ["\x85", "\x9b", "\u202e", "\u2066", "\x7f"])
@pytest.mark.parametrize("column", ["id", "stance", "label", "block"])
def test_c1_controls_and_direction_overrides_in_names_are_refused(tmp_path, char, column):
    """Issue 37: C1 controls and bidirectional overrides in ids, groups and labels were printed raw."""
    d = tmp_path / "c"
    d.mkdir()
    (d / "a.txt").write_text("Text.")
    row = {"id": "a", "file": "a.txt", "stance": "s", "label": "A", "block": "b1"}
    row[column] = f"x{char}y"
    (d / "metadata.csv").write_text("id,file,stance,label,block\n" + ",".join(row.values()) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=f"field '{column}' on line.s. 2 .U\\+{ord(char):04X}"):
        load_corpus(d)


def test_c1_controls_in_jsonl_ids_are_refused():
    from rhetoric.io.articles import parse_line

    got = parse_line(1, b'{"id": "a\\u202eb", "stance": "s", "text": "Text."}')
    assert isinstance(got, tuple) and "U+202E" in got[2]


def test_metadata_rows_naming_one_file_are_refused_before_any_path_is_resolved(tmp_path, monkeypatch):
    """Issue 37: a million rows naming one file were refused only after 75 s (each listed path resolved first)."""
    from rhetoric.io import source as source_module
    from rhetoric.io.corpus import read_metadata

    d = tmp_path / "c"
    d.mkdir()
    (d / "a.txt").write_text("It may rain.")
    (d / "metadata.csv").write_text("id,file,stance\n" + "".join(f"d{i},a.txt,s\n" for i in range(5000)))
    monkeypatch.setattr(source_module, "resolved", lambda p: pytest.fail("a listed path was resolved"))
    with pytest.raises(CorpusError, match="listed more than once: a.txt"):
        read_metadata(d)
