"""A corpus's own word lists: checked (terms, columns, regular expressions that cannot backtrack exponentially),
used in place of the project's, and reset (issues 13, 24)."""
from __future__ import annotations

from pathlib import Path

import pytest

from rhetoric.base.errors import CorpusError
from rhetoric.instruments import actors
from rhetoric.io import wordlists as lexicon
from rhetoric.io.corpus import load_corpus
from rhetoric.language.tokens import sentences, tokens
from rhetoric.report import labels

from command_helpers import features, one_clear_line
from conftest import TWO_DOCS

ACTORS = "actor,label,main,alias,kind,note\npresident,U.S. president,1,Obama,name,Barack Obama.\n"


@pytest.fixture
def project_lists():
    yield
    lexicon.use_lexicons(None)


def test_corpus_actor_list_replaces_the_projects(make_corpus, tmp_path, project_lists):
    corpus_dir = make_corpus([{"id": "a", "stance": "s", "text": "Obama met China's leaders. Iran waited."}])
    (corpus_dir / "lexicons").mkdir()
    (corpus_dir / "lexicons" / "actors.csv").write_text(ACTORS, encoding="utf-8")
    corpus = load_corpus(corpus_dir)
    toks = tokens(corpus, sentences(corpus))
    assert set(actors.actor_mentions(toks)["actor"]) == {"china", "iran"}  # the project's list
    assert "NOT used" in lexicon.unused_corpus_lists(corpus_dir, None)  # a corpus's own folder is used only when given
    assert lexicon.use_lexicons(corpus_dir / "lexicons") == ["actors.csv"]
    assert list(actors.actor_mentions(toks)["actor"]) == ["president"]
    assert labels.label_of("president", "actor") == "U.S. president"
    sources = lexicon.lexicon_sources().set_index("list")
    assert sources.at["actors.csv", "source"] == "corpus" and sources.at["frames.csv", "source"] == "project"
    lexicon.use_lexicons(None)
    assert set(actors.actor_mentions(toks)["actor"]) == {"china", "iran"}


@pytest.mark.parametrize("name, content, problem", [
    ("actors.csv", "actor,alias\nus,U.S.\n", "missing column(s) kind, note"),
    ("actors.csv", "actor,alias,kind,note\n", "lists no entries"),
    ("actors.csv", "actor,alias,kind,note\nus,,name,x\n", "empty 'alias' on line(s) 2"),
    ("frame_terms.csv", b"frame,term,reason\nsecurity,\xff,x\n", "is not UTF-8"),
    ("actor.csv", "actor,alias,kind,note\nus,U.S.,name,x\n", "replace no list: actor.csv"),
])
def test_bad_corpus_lists_are_named_and_change_nothing(tmp_path, name, content, problem, project_lists):
    folder = tmp_path / "lexicons"
    folder.mkdir()
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(CorpusError) as err:
        lexicon.use_lexicons(folder)
    assert problem in str(err.value) and name in str(err.value)
    assert lexicon.active_directory() is None


# --- the project's word lists and codebooks: columns and a reason on every row ---------------------------

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


def test_check_lexicons_checks_without_switching(tmp_path, project_lists):
    folder = tmp_path / "lexicons"
    folder.mkdir()
    (folder / "actors.csv").write_text(ACTORS, encoding="utf-8")
    assert lexicon.check_lexicons(folder) == ["actors.csv"] and lexicon.active_directory() is None
    assert [p.name for p in lexicon.listed_lexicons(folder)] == ["actors.csv"]
    with pytest.raises(CorpusError, match="is not a directory of word lists"):
        lexicon.check_lexicons(folder / "actors.csv")


def _lists(corpus: Path, name: str, text: str) -> Path:
    (corpus / "lexicons").mkdir(exist_ok=True)
    (corpus / "lexicons" / name).write_text(text, encoding="utf-8")
    return corpus / "lexicons" / name


@pytest.mark.parametrize("pattern, problem", [("^(a+)+$", "exponential time"), ("^(?:a|aa)*b", "exponential time"),
                                              ("^(x)\\1", "back-references"), ("^(unclosed", "not a valid")])
def test_user_regular_expressions_are_checked_when_loaded(make_corpus, tmp_path, capsys, pattern, problem):
    d = make_corpus(TWO_DOCS)
    _lists(d, "cleaning_patterns.csv", f'kind,pattern,reason,source\nboilerplate,"^Ad$",Ad.,Web\n'
                                       f'boilerplate,"{pattern}",Bad.,Test\n')
    code, err = features(capsys, d, "-o", tmp_path / "f.csv", "--lexicons", d / "lexicons")
    assert code == 2
    one_clear_line(err, "cleaning_patterns.csv", "line 3", problem)
    assert not (tmp_path / "f.csv").exists()


@pytest.mark.parametrize("name", sorted(__import__("rhetoric.io.wordlists", fromlist=["LEXICONS"]).LEXICONS))
def test_every_shipped_list_is_valid_as_a_user_list(name, tmp_path):
    import shutil

    from rhetoric.base.paths import data_file
    from rhetoric.io.wordlists import active_directory, read_table, use_lexicons

    folder = tmp_path / "lexicons"
    folder.mkdir()
    shutil.copyfile(data_file(name), folder / name)
    project = read_table(name)
    previous = active_directory()
    try:
        assert use_lexicons(folder) == [name]
        assert read_table(name).equals(project)  # the same table, read as the corpus's own
    finally:
        use_lexicons(previous)


def test_wildcard_without_a_letter_is_refused(make_corpus, tmp_path, capsys):
    d = make_corpus(TWO_DOCS)
    _lists(d, "rhetorical_markers.csv", "term,category,reason\nbut,contrast,A contrast.\n.*,contrast,Anything.\n")
    code, err = features(capsys, d, "-o", tmp_path / "f.csv", "--lexicons", d / "lexicons")
    assert code == 2
    one_clear_line(err, "rhetorical_markers.csv", "line 3", "'.*'", "not regular expressions")
