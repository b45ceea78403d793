"""Actor lists derived from a corpus (:func:`rhetoric.instruments.actors.derived_actors`, ``names_as_actors``):
spellings of one actor merged, places, demonyms and things left out, hand-checked on a small text and checked on a
benchmark sample and the climate development corpus."""
from __future__ import annotations

import warnings

import pytest

from rhetoric.base.paths import SHARED
from rhetoric.instruments import actors
from rhetoric.io.corpus import load_corpus
from rhetoric.language.tokens import sentences_and_tokens

TEXT = """\
Headline about nothing
On Monday President Donald Trump said the U.S. would leave. Later Trump said that the US and America agree.
Officials said the United States will act. Mr. Trump spoke in Paris. Critics in California said Trump lied.
The Environmental Protection Agency said rules would change. Then the EPA said it would wait.
The GOP said no. Republicans said they would fight. Democrats said they would win. American voters said no.
Aides said Alexandria Ocasio-Cortez will speak. Ocasio-Cortez said the Green New Deal is needed.
Ocasio-Cortez argued that the Green New Deal will pass. Paris is lovely. California is large.
Analysts said the Green New Deal would cost money. Fans love the Zephyr Quartet.
"""


@pytest.fixture
def derived(make_corpus):
    corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "title": "Headline about nothing", "text": TEXT}]))
    return actors.derived_actors(sentences_and_tokens(corpus)[1])


def spellings(table, label: str) -> dict[str, int]:
    row = table[table["label"] == label].iloc[0]
    return {s.rpartition(" ")[0]: int(s.rpartition(" ")[2]) for s in row["spellings"].split("; ")}


def test_spellings_of_one_actor_are_merged_by_hand(derived):
    assert list(derived.columns) == actors.DERIVED_COLUMNS
    # a country's names; a surname with the full name (titles never part of a name); an acronym with its name;
    # a party's names
    assert spellings(derived, "United States") == {"U.S.": 1, "US": 1, "America": 1, "United States": 1}
    assert spellings(derived, "Trump") == {"Trump": 3, "Donald Trump": 1}
    assert spellings(derived, "EPA") == {"Environmental Protection Agency": 1, "EPA": 1}
    assert spellings(derived, "Republicans") == {"GOP": 1, "Republicans": 1}
    assert spellings(derived, "Ocasio-Cortez") == {"Ocasio-Cortez": 2, "Alexandria Ocasio-Cortez": 1}
    entity = dict(zip(derived["label"], derived["entity"]))
    assert entity["United States"] == "country" and entity["Republicans"] == "party"
    assert entity["EPA"] == "organisation" and entity["Trump"] == "person"
    # most mentioned first
    assert derived["mentions"].is_monotonic_decreasing


def test_places_demonyms_things_and_names_without_agency_are_left_out(derived):
    labels = set(derived["label"])
    assert not labels & {"Paris", "California", "American", "Green New Deal", "Monday", "Officials", "Headline"}
    assert "Zephyr Quartet" not in labels  # never the subject of a verb or a speaker here
    every = {s.rpartition(" ")[0] for row in derived["spellings"] for s in row.split("; ")}
    assert not every & {"Paris", "California", "American", "Mr. Trump", "President Donald Trump"}


def test_names_as_actors_is_an_actor_list_whose_aliases_find_mentions(make_corpus):
    corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "title": "Headline about nothing", "text": TEXT}]))
    toks = sentences_and_tokens(corpus)[1]
    listing = actors.names_as_actors(toks, n=3, main=2)
    assert list(listing.columns) == ["actor", "label", "main", "alias", "kind", "note", "entity", "mentions"]
    assert listing["actor"].nunique() == 3
    assert set(listing.loc[listing["main"] == "1", "actor"]) == set(listing["actor"].unique()[:2])
    assert (listing["note"].str.contains("derived from the corpus")).all()
    actors.use_actor_list("given", derive=lambda: actors.names_as_actors(toks))
    try:
        mentions = actors.actor_mentions(toks)
        found = mentions.groupby("actor").size()
        # a hyphenated name is matched through its parts ("Ocasio-Cortez" is one token)
        assert found["ocasio_cortez"] == 3 and found["trump"] == 4 and found["usa"] == 4
        assert "Ocasio Cortez" in set(actors.actor_aliases()["alias"])
    finally:
        actors.use_actor_list("project")


def test_empty_and_nameless_corpora(make_corpus):
    corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": "no names here at all."}]))
    table = actors.derived_actors(sentences_and_tokens(corpus)[1])
    assert table.empty and list(table.columns) == actors.DERIVED_COLUMNS
    assert actors.names_as_actors(sentences_and_tokens(corpus)[1]).empty


def test_gazetteer_rows_have_reasons():
    for name in ("actor_gazetteer.csv", "demonyms.csv"):
        table = actors.read_project_table(name)
        assert (table["reason"].str.len() > 20).all() and (table["source"] != "").all()
    assert actors.countries()["U.S."] == ("usa", "United States")
    assert actors.countries()["Iran"][0] == "irn"
    assert {"Paris", "California", "Arctic"} <= actors.places() and "China" not in actors.places()


def _derived_list(folder):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(folder)
    return actors.derived_actors(sentences_and_tokens(corpus)[1])


def _assert_no_duplicates_and_no_places(table):
    listed = table.head(actors.CORPUS_ACTORS)
    keys = {}
    for actor, row in zip(listed["actor"], listed["spellings"]):
        for s in row.split("; "):
            key = s.rpartition(" ")[0].replace(".", "").lower()
            assert keys.setdefault(key, actor) == actor, f"{key} spelled for two actors"
    countries = actors.countries()
    labels = set(listed["label"])
    assert not {lab for lab in labels if lab in actors.places() and lab not in countries}
    assert len({countries[lab][0] for lab in labels if lab in countries}) == len([lab for lab in labels
                                                                                  if lab in countries])


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "dev" / "narrative-frames").is_dir(), reason="development data absent")
def test_climate_corpus_list_has_no_duplicate_spellings_and_no_places():
    table = _derived_list(SHARED / "dev" / "narrative-frames")
    _assert_no_duplicates_and_no_places(table)
    top = set(table.head(actors.CORPUS_ACTORS)["label"])
    assert {"Trump", "United States", "EPA", "Democrats", "Republicans", "Ocasio-Cortez"} <= top
    assert not top & {"Paris", "California", "US", "U.S.", "America", "Green New Deal"}
    ranked = list(table["label"])
    assert "IPCC" in ranked[:12] and "Thunberg" in ranked  # named less often than the ten in the list


@pytest.mark.slow
def test_benchmark_sample_list_has_no_duplicate_spellings_and_no_places(bench400):
    table = _derived_list(bench400)
    _assert_no_duplicates_and_no_places(table)
    assert not set(table.head(actors.CORPUS_ACTORS)["label"]) & {"Washington", "American", "York", "Department"}
