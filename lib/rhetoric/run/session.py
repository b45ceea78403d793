"""A notebook's session: its corpus, its settings, where its outputs go, and what the corpus allows.

:class:`Session` holds what :func:`rhetoric.run.notebook.start` set up and answers for the corpus as a whole
(its groups in order, their sizes, the blocks, the display labels, samples and resamples fitted to its size). Its
other methods come in three rooms: the tables shared across the run (:mod:`rhetoric.run.session_tables`), the
corpus as shown (:mod:`rhetoric.run.corpus_views`) and what the notebook writes (:mod:`rhetoric.run.session_outputs`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from IPython.display import Markdown, display

from rhetoric.analysis.clusters import cluster_map, default_cluster
from rhetoric.io.corpus import Corpus
from rhetoric.report.labels import document_labels
from rhetoric.run.corpus_views import CorpusViews
from rhetoric.run.session_outputs import SessionOutputs
from rhetoric.run.session_tables import SessionTables
from rhetoric.run.settings import NO_CLUSTER, Settings

#: Per-article intervals (:meth:`Session.interval_resamples`): the notebook's resamples up to ``INTERVAL_DOCS``
#: documents, at most ``LARGE_CORPUS_RESAMPLES`` beyond. The Monte Carlo standard error of a 2.5% bound from B
#: resamples of a normal-shaped bootstrap distribution (SD s) is sqrt(0.025 * 0.975 / B) / phi(1.96) * s, about
#: 2.67 s / sqrt(B): at 1,000 resamples about 4% of the interval's half-width (1.96 s), at 10,000 about 1.4%.
#: Enough to describe an article; the tests (group comparison, pairwise contrasts) keep their full number.
INTERVAL_DOCS, LARGE_CORPUS_RESAMPLES = 50, 1_000


@dataclass
class Session(SessionTables, CorpusViews, SessionOutputs):
    """A notebook's corpus, where its outputs go, and what the corpus allows (groups, sizes, own corpus)."""

    corpus: Corpus
    notebook: str
    out_dir: Path
    #: The word lists the corpus's own replace (their file names).
    lexicons: list[str] = field(default_factory=list)
    #: The groups compared, in order (the ``groups`` setting); ``None``: every group, sorted.
    order: list[str] | None = None
    settings: Settings = field(default_factory=lambda: Settings(command="notebook"), repr=False)
    _features: pd.DataFrame | None = field(default=None, repr=False)
    _tables: tuple[pd.DataFrame, pd.DataFrame] | None = field(default=None, repr=False)
    _sentences: pd.DataFrame | None = field(default=None, repr=False)
    _fresh: tuple[pd.DataFrame, pd.DataFrame] | None = field(default=None, repr=False)
    _group_tables: dict = field(default_factory=dict, repr=False)
    #: The near-duplicates of the corpus as given (:func:`rhetoric.language.duplicates.duplicates`), dropped from
    #: :attr:`corpus` when the settings say ``drop_duplicates``; ``None``: not looked for.
    duplicates_found: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def groups(self) -> dict[str, str]:
        """``doc_id`` -> group (the ``stance`` column of the metadata)."""
        return dict(zip(self.corpus.documents["doc_id"], self.corpus.documents["stance"]))

    @property
    def group_order(self) -> list[str]:
        """The groups compared, in order: the ``groups`` setting (``rhetoric run --groups A,B``), else sorted."""
        present = set(self.corpus.documents["stance"])
        if self.order:
            return list(self.order)
        given = [g for g in self.corpus.group_labels.order if g in present]
        return given + sorted(present - set(given))

    @property
    def group_labels(self) -> dict[str, str]:
        """Group code -> display name (the corpus's ``group_labels.csv``; the code itself for a group it does not
        name)."""
        return {g: self.corpus.group_labels.label(g) for g in sorted(set(self.corpus.documents["stance"]))}

    @property
    def group_colours(self) -> dict[str, str]:
        """Group code -> colour, for the groups ``group_labels.csv`` gives one."""
        return dict(self.corpus.group_labels.colours)

    @property
    def group_sizes(self) -> pd.Series:
        """Documents per group, groups in :attr:`group_order`."""
        return self.corpus.documents.groupby("stance").size().reindex(self.group_order, fill_value=0)

    @property
    def blocks(self) -> dict[str, str] | None:
        """``doc_id`` -> block (the optional ``block`` column: matched sets), or ``None`` when no document has one."""
        docs = self.corpus.documents
        if "block" not in docs.columns or not (docs["block"] != "").any():
            return None
        return dict(zip(docs["doc_id"], docs["block"]))

    @property
    def cluster_column(self) -> str | None:
        """The metadata column whose values are the units of analysis: the ``cluster`` setting (``rhetoric run
        --cluster COLUMN``; ``"none"``: ``None``), else :func:`rhetoric.analysis.clusters.default_cluster` (e.g.
        ``outlet`` when its values repeat and each holds one group); ``None``: every article its own unit."""
        chosen = self.settings.cluster
        if chosen == NO_CLUSTER:
            return None
        return chosen if chosen is not None else default_cluster(self.corpus.documents)

    @property
    def clusters(self) -> dict[str, str] | None:
        """``doc_id`` -> its unit of analysis (:attr:`cluster_column`'s value), or ``None`` without clusters."""
        column = self.cluster_column
        return cluster_map(self.corpus.documents, column) if column is not None else None

    @property
    def analysis_unit(self) -> str:
        """What one unit of the group comparison is, in words: ``article``, or the cluster column's name."""
        return self.cluster_column or "article"

    @property
    def labels(self) -> dict[str, str]:
        """``doc_id`` -> display label (the metadata's ``label`` column, else the id and its group)."""
        return document_labels(self.corpus.documents)

    def document_sample(self, k: int, seed: int) -> list[str] | None:
        """``None`` up to ``k`` documents (every document is used); beyond, the ids of a random sample of ``k``
        documents (``random_state=seed``), sorted: where a step describes a sample of a large corpus."""
        ids = self.corpus.documents["doc_id"]
        return sorted(ids.sample(k, random_state=seed)) if len(ids) > k else None

    def interval_resamples(self, n: int) -> int:
        """Resamples for each article's bootstrap interval over its sentences: ``n`` (the notebook's setting) up to
        :data:`INTERVAL_DOCS` documents, at most :data:`LARGE_CORPUS_RESAMPLES` beyond, where the articles'
        intervals describe each text and the group comparison (still ``n`` resamples) carries the rule. Says so
        to the reader (a statement in the notebook, not a progress line) when it lowers ``n``."""
        docs = len(self.corpus.documents)
        if docs <= INTERVAL_DOCS or n <= LARGE_CORPUS_RESAMPLES:
            return n
        display(Markdown(f"*Per-article intervals: {LARGE_CORPUS_RESAMPLES:,} resamples each ({docs:,} documents; "
                         f"{n:,} up to {INTERVAL_DOCS} documents; the group comparison keeps {n:,}).*"))
        return LARGE_CORPUS_RESAMPLES
