"""A corpus's own word lists: checked, used in place of the project's, and reset."""
from __future__ import annotations

import pytest

from rhetoric.base.errors import CorpusError
from rhetoric.instruments import actors
from rhetoric.io import wordlists as lexicon
from rhetoric.io.corpus import load_corpus
from rhetoric.language.tokens import sentences, tokens
from rhetoric.report import labels
from rhetoric.run.notebook import lexicon_folder

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
    assert lexicon_folder(corpus_dir, None) is None  # a corpus's own folder is used only when given
    assert lexicon.use_lexicons(lexicon_folder(corpus_dir, corpus_dir / "lexicons")) == ["actors.csv"]
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
