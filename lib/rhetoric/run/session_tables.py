"""A notebook session's tables: computed once per run and shared by the run's notebooks, kept per session.

Each table (the feature table, the sentence and token tables from one tokenisation pass, the per-article table,
the run's group comparison and pairwise contrasts, the actor mentions, the markers, lexical diversity, a
corpus-derived actor list) is read from the run's folder of shared tables when a notebook before this one left it
there (:func:`rhetoric.run.shared_tables.shared`), else computed and left there; outside ``rhetoric run`` it is
computed once per session. Each accessor returns a copy (shallow: pandas copies on write), so a notebook's change
never reaches the table kept here.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from rhetoric.analysis.aggregate import group_comparison, pairwise_contrasts, per_article
from rhetoric.instruments import actors, frames, hedging, readability
from rhetoric.io.wordlists import active_directory
from rhetoric.language.cleaning import boilerplate_in_force
from rhetoric.language.tokens import run_tables
from rhetoric.run.features.stream import corpus_features
from rhetoric.run.shared_tables import key_of, shared

#: The seed of the run's group comparison and pairwise contrasts: one for the run, whatever the notebook.
GROUP_SEED = 20250605


#: The pairwise table's columns under the names the group comparison's file uses for the same quantities (one name
#: per column across the written files): its permutation p and its Holm-adjusted q.
PAIRWISE_NAMES = {"p": "p_permutation", "q": "q_holm"}


class SessionTables:
    """The tables of a :class:`rhetoric.run.session.Session` (a mixin: ``corpus``, ``lexicons``, ``settings``, the
    groups and the private caches are the session's)."""

    def _key(self, *extra) -> str:
        """What a table shared across the run's notebooks (:mod:`rhetoric.run.shared_tables`) depends on: the
        documents, the word lists, actor list, frame families and recurring lines in force, and ``extra``."""
        folder = active_directory()
        return key_of(str(Path(self.corpus.directory).resolve()), tuple(self.corpus.documents["doc_id"]),
                      tuple(self.corpus.documents["stance"]), None if folder is None else str(folder),
                      tuple(self.lexicons), actors.actor_source(), frames.families(), boilerplate_in_force(), *extra)

    def _once(self, name: str, compute):
        """``compute()`` for this corpus, computed once per run under ``name`` (:func:`shared`) and kept by this
        session; callers return copies of it."""
        if name not in self._group_tables:
            self._group_tables[name] = shared(name, self._key(), compute)
        return self._group_tables[name]

    def features(self) -> pd.DataFrame:
        """The per-sentence feature table of the corpus (every registered measure), computed once per run
        (:mod:`rhetoric.run.shared_tables`; once per notebook outside ``rhetoric run``), by the settings' workers
        (``rhetoric run --workers N``: :func:`rhetoric.run.features.stream.corpus_features`)."""
        if self._features is None:
            self._features = shared("features", self._key(), lambda: corpus_features(self.corpus, self.settings))
            self.progress("features computed", len(self._features), "sentences")
        return self._features.copy(deep=False)

    def _tokenised(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Both tables from one tokenisation pass, kept only until :meth:`tables` or :meth:`sentences` holds them."""
        if self._fresh is None:
            self._fresh = run_tables(self.corpus)
        return self._fresh

    def sentences(self) -> pd.DataFrame:
        """The corpus's sentence table (as :meth:`tables` gives it), without reading the token table: on a large
        corpus the tokens take about 100 bytes each, twenty times the sentences' share."""
        if self._tables is not None:
            return self._tables[0].copy(deep=False)
        if self._sentences is None:
            self._sentences = shared("sentences", self._key(), lambda: self._tokenised()[0])
        return self._sentences.copy(deep=False)

    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The corpus's sentence and token tables from one tokenisation pass
        (:func:`rhetoric.language.tokens.sentences_and_tokens`, the tokens with their ``lemma`` and ``is_stop``
        columns), computed once per run (once per notebook outside ``rhetoric run``; kept as two tables, so a
        notebook that needs only the sentences reads only those); each call returns copies."""
        if self._tables is None:
            sents = self.sentences()
            self._tables = (sents, shared("tokens", self._key(), lambda: self._tokenised()[1]))
            self._sentences, self._fresh = None, None
            self.progress("tokenised", len(self._tables[1]), "tokens")
        return self._tables[0].copy(deep=False), self._tables[1].copy(deep=False)

    def mentions(self) -> pd.DataFrame:
        """Every actor mention in the corpus (:func:`rhetoric.instruments.actors.actor_mentions` of
        :meth:`tables`' tokens, with the actor list in force), found once per run; each call returns a copy."""
        return self._once("mentions", lambda: actors.actor_mentions(self.tables()[1])).copy(deep=False)

    def markers(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """The corpus's metadiscourse markers, modals and conditionals (:func:`rhetoric.instruments.hedging.markers`,
        :func:`~rhetoric.instruments.hedging.modals` and :func:`~rhetoric.instruments.hedging.conditionals` of
        :meth:`tables`: :func:`~rhetoric.instruments.hedging.marker_tables`), found once per run (notebook 04
        shows them, 05 counts their overlaps); copies."""
        def find():
            sents, toks = self.tables()
            return hedging.marker_tables(toks, sents)
        return tuple(t.copy(deep=False) for t in self._once("markers", find))

    def diversity(self) -> pd.DataFrame:
        """Each document's lexical diversity (:func:`rhetoric.instruments.readability.lexical_diversity` of
        :meth:`tables`' tokens), computed once per run (notebooks 01 and 05 show it); a copy."""
        return self._once("diversity", lambda: readability.lexical_diversity(self.tables()[1])).copy(deep=False)

    def corpus_actors(self) -> pd.DataFrame:
        """The actor list made of the corpus's most frequent proper names
        (:func:`rhetoric.instruments.actors.names_as_actors` of :meth:`tables`), made once per run."""
        return shared("actors", self._key(), lambda: actors.names_as_actors(self.tables()[1]))

    def articles(self) -> pd.DataFrame:
        """The per-article table of every registered measure (:func:`rhetoric.analysis.aggregate.per_article`)."""
        if "articles" not in self._group_tables:
            self._group_tables["articles"] = shared("articles", self._key(), lambda: per_article(self.features()))
        return self._group_tables["articles"].copy(deep=False)

    def group_table(self, n: int = 10_000) -> pd.DataFrame:
        """The run's group comparison (:func:`rhetoric.analysis.aggregate.group_comparison`) of every registered
        measure: one Benjamini-Hochberg family for the run, declared here (all registered measures' omnibus
        p-values), with the run's seed (:data:`GROUP_SEED`), the ``groups`` setting, the blocks and the clusters
        (:attr:`~rhetoric.run.session.Session.clusters`: the unit of analysis). The same
        inputs give the same table in every notebook, so a measure has the same q wherever it appears; select
        rows from it rather than testing a subset anew. Computed once per notebook; each call returns a copy
        (shallow: pandas copies on write, so a change to it never reaches the table kept here)."""
        key = ("groups", n)
        if key not in self._group_tables:
            self._group_tables[key] = shared(
                "groups", self._key(n, GROUP_SEED, tuple(self.group_order), repr(self.blocks),
                                    repr(self.clusters), self.cluster_column),
                lambda: group_comparison(self.articles(), self.groups, seed=GROUP_SEED, n=n, blocks=self.blocks,
                                         clusters=self.clusters, cluster_column=self.cluster_column or "cluster",
                                         order=self.group_order))
        return self._group_tables[key].copy(deep=False)

    def pairwise_table(self, n: int = 10_000) -> pd.DataFrame:
        """Every pair of groups on every registered measure (:func:`rhetoric.analysis.aggregate.pairwise_contrasts`:
        Holm within a measure's pairs, Benjamini-Hochberg across the run's pairs), like :meth:`group_table`."""
        key = ("pairs", n)
        if key not in self._group_tables:
            self._group_tables[key] = shared(
                "pairs", self._key(n, GROUP_SEED + 1, tuple(self.group_order), repr(self.blocks),
                                   repr(self.clusters), self.cluster_column),
                lambda: pairwise_contrasts(self.articles(), self.groups, seed=GROUP_SEED + 1, n=n,
                                           blocks=self.blocks, clusters=self.clusters,
                                           cluster_column=self.cluster_column or "cluster", order=self.group_order))
        return self._group_tables[key].copy(deep=False)
