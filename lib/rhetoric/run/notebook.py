"""What every notebook does the same way: set up from its parameters, navigate, state findings, cite sources."""
from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from rhetoric.analysis.aggregate import group_comparison, pairwise_contrasts, per_article
from rhetoric.base.atomic_files import read_csv_strict
from rhetoric.base.errors import CorpusWarning, InputError
from rhetoric.base.escape import code, md  # noqa: F401 - re-exported for the notebooks
from rhetoric.base.paths import ROOT
from rhetoric.instruments import actors, hedging, readability
from rhetoric.io.corpus import METADATA, Corpus, is_project_corpus, load_corpus  # noqa: F401 - re-exported
from rhetoric.io.wordlists import active_directory, use_lexicons
from rhetoric.language.tokens import run_tables
from rhetoric.report.figure_files import clear_figures, save_figure
from rhetoric.report.findings_store import clear_findings, record_findings
from rhetoric.report.labels import document_labels
from rhetoric.report.plots import MAX_DOCS_SHOWN
from rhetoric.report.style import use_style
from rhetoric.report.tables import readable, write_table
from rhetoric.run.shared_tables import WORKERS_ENV, key_of, shared
from rhetoric.run.stream import corpus_features

#: Set to a file path, progress lines (:meth:`Session.progress`) are also appended there, for a runner to follow.
PROGRESS_LOG = "RHETORIC_PROGRESS_LOG"


@dataclass
class Session:
    """A notebook's corpus, where its outputs go, and what the corpus allows (groups, sizes, own corpus)."""

    corpus: Corpus
    notebook: str
    out_dir: Path
    lexicons: list[str] = field(default_factory=list)
    order: list[str] | None = None
    _features: pd.DataFrame | None = field(default=None, repr=False)
    _tables: tuple[pd.DataFrame, pd.DataFrame] | None = field(default=None, repr=False)
    _sentences: pd.DataFrame | None = field(default=None, repr=False)
    _fresh: tuple[pd.DataFrame, pd.DataFrame] | None = field(default=None, repr=False)
    _group_tables: dict = field(default_factory=dict, repr=False)

    @property
    def figures(self) -> Path:
        return self.out_dir / "figures"

    @property
    def groups(self) -> dict[str, str]:
        """``doc_id`` -> group (the ``stance`` column of the metadata)."""
        return dict(zip(self.corpus.documents["doc_id"], self.corpus.documents["stance"]))

    @property
    def group_order(self) -> list[str]:
        """The groups compared, in order: the ``groups`` setting (``rhetoric run --groups A,B``), else sorted."""
        return list(self.order) if self.order else sorted(self.corpus.documents["stance"].unique())

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

    def _key(self, *extra) -> str:
        """What a table shared across the run's notebooks (:mod:`rhetoric.run.shared_tables`) depends on: the
        documents, the word lists and actor list in force, and ``extra``."""
        folder = active_directory()
        return key_of(str(Path(self.corpus.directory).resolve()), tuple(self.corpus.documents["doc_id"]),
                      tuple(self.corpus.documents["stance"]), None if folder is None else str(folder),
                      tuple(self.lexicons), actors.actor_source(), *extra)

    def articles(self) -> pd.DataFrame:
        """The per-article table of every registered measure (:func:`rhetoric.analysis.aggregate.per_article`)."""
        if "articles" not in self._group_tables:
            self._group_tables["articles"] = shared("articles", self._key(),
                                                    lambda: per_article(self.features()))
        return self._group_tables["articles"].copy(deep=False)

    def group_table(self, n: int = 10_000) -> pd.DataFrame:
        """The run's group comparison (:func:`rhetoric.analysis.aggregate.group_comparison`) of every registered
        measure: one Benjamini-Hochberg family for the run, declared here (all registered measures' omnibus
        p-values), with the run's seed (:data:`GROUP_SEED`), the ``groups`` setting and the blocks. The same
        inputs give the same table in every notebook, so a measure has the same q wherever it appears; select
        rows from it rather than testing a subset anew. Computed once per notebook; each call returns a copy
        (shallow: pandas copies on write, so a change to it never reaches the table kept here)."""
        key = ("groups", n)
        if key not in self._group_tables:
            self._group_tables[key] = shared(
                "groups", self._key(n, GROUP_SEED, tuple(self.group_order), repr(self.blocks)),
                lambda: group_comparison(self.articles(), self.groups, seed=GROUP_SEED, n=n, blocks=self.blocks,
                                         order=self.group_order))
        return self._group_tables[key].copy(deep=False)

    def pairwise_table(self, n: int = 10_000) -> pd.DataFrame:
        """Every pair of groups on every registered measure (:func:`rhetoric.analysis.aggregate.pairwise_contrasts`:
        Holm within a measure's pairs, Benjamini-Hochberg across the run's pairs), like :meth:`group_table`."""
        key = ("pairs", n)
        if key not in self._group_tables:
            self._group_tables[key] = shared(
                "pairs", self._key(n, GROUP_SEED + 1, tuple(self.group_order), repr(self.blocks)),
                lambda: pairwise_contrasts(self.articles(), self.groups, seed=GROUP_SEED + 1, n=n,
                                           blocks=self.blocks, order=self.group_order))
        return self._group_tables[key].copy(deep=False)

    def describe(self):
        """Markdown describing the corpus and what the notebooks compare, generated from its metadata (and the
        corpus's own ``study.md`` when it has one)."""
        from IPython.display import Markdown

        study = Path(self.corpus.directory) / STUDY_FILE
        text = describe_corpus(self.corpus)
        if study.is_file():
            text = study_markdown(study.read_text(encoding="utf-8")) + "\n\n" + text
        return Markdown(text)

    @property
    def labels(self) -> dict[str, str]:
        """``doc_id`` -> display label (the metadata's ``label`` column, else the id and its group)."""
        return document_labels(self.corpus.documents)

    def progress(self, step: str, count: int | None = None, unit: str = "") -> None:
        """A plain, deterministic progress line (``[01-corpus] tokenised: 12,345 sentences``) printed in the
        notebook and, when the environment names a log file (:data:`PROGRESS_LOG`), appended to it."""
        amount = "" if count is None else f": {count:,}" + (f" {unit}" if unit else "")
        line = f"[{Path(self.notebook).stem}] {step}{amount}"
        print(line, flush=True)
        log = os.environ.get(PROGRESS_LOG)
        if log:
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(line + "\n")

    def features(self) -> pd.DataFrame:
        """The per-sentence feature table of the corpus (every registered measure), computed once per run
        (:mod:`rhetoric.run.shared_tables`; once per notebook outside ``rhetoric run``)."""
        if self._features is None:
            workers = int(os.environ.get(WORKERS_ENV) or 1)
            self._features = shared("features", self._key(), lambda: corpus_features(self.corpus, workers))
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

    def _once(self, name: str, compute):
        """``compute()`` for this corpus, computed once per run under ``name`` (:func:`shared`) and kept by this
        session; callers return copies of it."""
        if name not in self._group_tables:
            self._group_tables[name] = shared(name, self._key(), compute)
        return self._group_tables[name]

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

    def document_sample(self, k: int, seed: int) -> list[str] | None:
        """``None`` up to ``k`` documents (every document is used); beyond, the ids of a random sample of ``k``
        documents (``random_state=seed``), sorted: where a step describes a sample of a large corpus."""
        ids = self.corpus.documents["doc_id"]
        return sorted(ids.sample(k, random_state=seed)) if len(ids) > k else None

    def interval_resamples(self, n: int) -> int:
        """Resamples for each article's bootstrap interval over its sentences: ``n`` (the notebook's setting) up to
        :data:`INTERVAL_DOCS` documents, at most :data:`LARGE_CORPUS_RESAMPLES` beyond, where the articles'
        intervals describe each text and the group comparison (still ``n`` resamples) carries the rule. Says so
        in a progress line when it lowers ``n``."""
        docs = len(self.corpus.documents)
        if docs <= INTERVAL_DOCS or n <= LARGE_CORPUS_RESAMPLES:
            return n
        self.progress(f"per-article intervals: {LARGE_CORPUS_RESAMPLES:,} resamples each ({docs:,} documents; "
                      f"{n:,} up to {INTERVAL_DOCS} documents; the group comparison keeps {n:,})")
        return LARGE_CORPUS_RESAMPLES

    @property
    def by_group(self) -> bool:
        """True when tables and figures summarise groups (more than ``MAX_DOCS_SHOWN`` documents)."""
        return len(self.corpus.documents) > MAX_DOCS_SHOWN

    def unit(self, doc_ids) -> list[str]:
        """The unit each document is shown under: its display label, or its group when tables summarise groups."""
        names = self.groups if self.by_group else self.labels
        return [names.get(d, d) for d in doc_ids]

    def summarise(self, table: pd.DataFrame) -> pd.DataFrame:
        """A per-document table (``doc_id`` index or column) for reading: rows under display labels, or, beyond
        ``MAX_DOCS_SHOWN`` documents, one row per group: its number of documents and the mean of each numeric
        column over them."""
        table = table.reset_index() if "doc_id" not in table.columns else table
        if not self.by_group:
            return table.assign(doc_id=self.unit(table["doc_id"])).rename(columns={"doc_id": "document"}).set_index(
                "document")
        grouped = table.assign(group=table["doc_id"].map(self.groups))
        out = grouped.groupby("group", sort=True).mean(numeric_only=True)
        out.insert(0, "documents", grouped.groupby("group", sort=True).size())
        return out

    def by_document(self, table: pd.DataFrame, index, values: str, columns: str = "doc_id") -> pd.DataFrame:
        """A long per-document table (``doc_id`` column) for reading: up to ``MAX_DOCS_SHOWN`` documents, one
        column per document under its display label; beyond, one column per group holding the mean of its
        documents (headed "group (n = k), mean"). The long table itself is what goes to CSV."""
        docs = self.corpus.documents
        if len(docs) <= MAX_DOCS_SHOWN:
            wide = table.pivot_table(index=index, columns=columns, values=values, sort=False, dropna=False)
            order = [d for d in docs["doc_id"] if d in wide.columns]
            return wide[order].rename(columns=self.labels)
        sizes = self.group_sizes
        grouped = table.assign(_group=table[columns].map(self.groups))
        wide = grouped.pivot_table(index=index, columns="_group", values=values, aggfunc="mean", sort=False)
        wide = wide[sorted(wide.columns)]
        wide.columns.name = "group"
        return wide.rename(columns={g: f"{g} (n = {int(sizes[g])}), mean" for g in wide.columns})

    def save(self, fig, name: str, caption: str):
        """Save through the shared figure helper and return the image to display."""
        return save_figure(fig, name, caption, notebook=self.notebook, out_dir=self.figures)

    def table(self, table: pd.DataFrame, name: str, caption: str = "", latex: bool = True):
        """Write ``table`` in full (``figures/NAME.csv``, and ``.tex`` unless ``latex`` is false: a table that grows
        with the corpus is CSV only) and return what the notebook shows: at most 20 rows with words for headers,
        formatted numbers and a link to the full CSV (:func:`rhetoric.report.tables.readable`)."""
        write_table(table, name, self.figures, caption=caption, latex=latex)
        return readable(table, name, link=f"../{self.figures.name}/{name}.csv")

    def show(self, table: pd.DataFrame, of: str = ""):
        """A view of a result (a pivot, a selection) shown as :meth:`table` shows one: at most 20 rows, headers
        in words, formatted numbers; ``of`` names the written table it comes from (``figures/OF.csv``), linked."""
        if not isinstance(table.index, pd.RangeIndex):
            table = table.reset_index()
        table = table.rename(columns=str)
        return readable(table, of or "table", link=f"../{self.figures.name}/{of}.csv" if of else "")

    def record(self, statements: list[str], kind: str = "finding"):
        """Record this notebook's computed statements in ``figures/findings.csv`` (replacing its earlier
        ones of that kind) and return them as Markdown to display. The overview and the README read them
        from there, so every finding shown anywhere is the sentence a notebook computed."""
        from IPython.display import Markdown

        record_findings(self.figures, self.notebook, kind, statements)
        return Markdown(bullet_list(statements) if statements else "_Nothing to record for this corpus._")


#: The seed of the run's group comparison and pairwise contrasts: one for the run, whatever the notebook.
GROUP_SEED = 20250605

#: Per-article intervals (:meth:`Session.interval_resamples`): the notebook's resamples up to ``INTERVAL_DOCS``
#: documents, at most ``LARGE_CORPUS_RESAMPLES`` beyond. The Monte Carlo standard error of a 2.5% bound from B
#: resamples of a normal-shaped bootstrap distribution (SD s) is sqrt(0.025 * 0.975 / B) / phi(1.96) * s, about
#: 2.67 s / sqrt(B): at 1,000 resamples about 4% of the interval's half-width (1.96 s), at 10,000 about 1.4%.
#: Enough to describe an article; the tests (group comparison, pairwise contrasts) keep their full number.
INTERVAL_DOCS, LARGE_CORPUS_RESAMPLES = 50, 1_000

#: A corpus may describe its study in words: Markdown shown at the top of the overview and notebooks.
STUDY_FILE = "study.md"


def study_markdown(text: str) -> str:
    """A corpus's ``study.md`` as Markdown that holds no live markup: its Markdown (headings, emphasis, lists,
    links) is kept, but HTML is shown as typed (``<`` and ``&`` escaped) and ``$`` is escaped so no viewer
    renders LaTeX math; links may not use ``javascript:`` or ``data:`` URLs."""
    import html
    import re

    text = html.escape(text.strip(), quote=False).replace("$", "\\$")
    return re.sub(r"\]\(\s*(?:javascript|vbscript|data):", "](#", text, flags=re.IGNORECASE)


def lexicon_folder(corpus_dir: str | Path | None, lexicons_dir: str | Path | None) -> Path | None:
    """The corpus's own word lists: ``lexicons_dir`` if given, else none (the project's lists). A ``lexicons/``
    folder inside the corpus is used only when given as ``lexicons_dir`` (``rhetoric run`` says when one is left
    unused; a warning here would fail the notebook, which runs with no output on stderr)."""
    return Path(lexicons_dir) if lexicons_dir is not None else None


def parse_groups(groups: str | list[str] | None) -> list[str] | None:
    """The ``groups`` setting as a list (``"A,B"`` or ``["A", "B"]``), blanks dropped; ``None`` when not set."""
    if groups is None:
        return None
    names = groups.split(",") if isinstance(groups, str) else list(groups)
    names = list(dict.fromkeys(str(g).strip() for g in names if str(g).strip()))
    return names or None


def select_groups(corpus: Corpus, groups: list[str] | None) -> Corpus:
    """``corpus`` restricted to the documents of ``groups`` (all when ``None``); an unknown group is an
    :class:`~rhetoric.base.errors.InputError` naming the groups the corpus has."""
    if not groups:
        return corpus
    have = sorted(corpus.documents["stance"].unique())
    unknown = [g for g in groups if g not in have]
    if unknown:
        raise InputError("--groups", f"no group {', '.join(map(repr, unknown))} in the corpus (its groups: "
                         f"{', '.join(have)})")
    docs = corpus.documents[corpus.documents["stance"].isin(groups)].reset_index(drop=True)
    return Corpus(directory=corpus.directory, documents=docs, raw={d: corpus.raw[d] for d in docs["doc_id"]})


def start(notebook: str, corpus_dir: str | None, output_dir: str | None,
          lexicons_dir: str | None = None, groups: str | list[str] | None = None) -> Session:
    """Load the corpus named by the notebook's parameters (default: the seeds), keep the documents of the
    ``groups`` setting (``"A,B"``: only these groups, in this order; ``None``: every group, sorted), switch
    to the corpus's own word lists if it brings any, and set the style."""
    pd.set_option("display.max_colwidth", 200)
    pd.set_option("display.precision", 3)
    pd.set_option("display.max_rows", 80)
    use_style()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # shown by `rhetoric run` before the notebooks start
        corpus = load_corpus(corpus_dir)
    order = parse_groups(groups)
    corpus = select_groups(corpus, order)
    replaced = use_lexicons(lexicon_folder(corpus_dir, lexicons_dir))
    out = output_root(output_dir)
    session = Session(corpus=corpus, notebook=notebook, out_dir=out, lexicons=replaced, order=order)
    # The project's actor list was written for its own corpus: another corpus gets its own list, or its most
    # frequent proper names (tokenised once, when an actor is first looked up).
    if "actors.csv" in replaced:
        actors.use_actor_list("own")
    elif is_project_corpus(corpus):
        actors.use_actor_list("project")
    else:  # the list is made once per run (:meth:`Session.corpus_actors`), from the run's shared token table
        actors.use_actor_list("corpus", derive=lambda: session.tables()[1], listing=session.corpus_actors)
    clear_findings(session.figures, notebook)  # what this run records replaces everything it recorded before
    clear_figures(session.figures, notebook)
    return session


def output_root(output_dir: str | Path | None) -> Path:
    """Where a notebook writes ``figures/``: ``output_dir`` (default: the project root), or the staging directory
    ``rhetoric run`` names in :data:`rhetoric.run.staging.STAGING_ENV` (its outputs replace the old ones only when
    the notebook succeeds)."""
    import os

    from rhetoric.run.staging import STAGING_ENV

    staged = os.environ.get(STAGING_ENV)
    if staged:
        return Path(staged)
    return Path(output_dir) if output_dir is not None else ROOT


def describe_corpus(corpus: Corpus) -> str:
    """What the corpus is and what can be compared, in words, from its metadata alone."""
    docs = corpus.documents
    sizes = docs.groupby("stance").size().sort_index()
    n, k = len(docs), len(sizes)
    groups = "; ".join(f"{md(g)} ({c} article{'s' if c != 1 else ''})" for g, c in sizes.items())
    lines = [f"**This corpus:** {n} article{'s' if n != 1 else ''} in {k} group{'s' if k != 1 else ''} "
             f"(the `stance` column of its metadata): {groups}."]
    lines.append(scope_note(sizes))
    if "block" in docs.columns and (docs["block"] != "").any():
        named = docs.loc[docs["block"] != "", "block"]
        lines.append(f"**Matched sets:** {named.nunique()} blocks (the `block` column) hold {len(named)} of the "
                     f"{n} articles; group labels are permuted within blocks and the bootstrap resamples whole "
                     "blocks (articles without a block are permuted among themselves and resampled one by one).")
    return "\n\n".join(lines)


def scope_note(sizes: pd.Series) -> str:
    """What a corpus of these group sizes allows: the unit of comparison and what cannot be computed."""
    n, k = int(sizes.sum()), len(sizes)
    if n == 1:
        return ("**One article:** every measure describes it; nothing can be compared (no group comparison, no "
                "keyness, no test). The analyses that describe a single text still run.")
    if k == 1:
        return (f"**One group ({n} articles):** articles are described and compared with each other, but there "
                "are no groups to compare (no group comparison, no keyness between groups).")
    if (sizes >= 2).all():
        return (f"**Groups are compared with the document as the unit:** each group's mean with a bootstrap "
                f"interval over its documents, and a permutation test over documents ({k} groups).")
    singles = [md(g) for g, c in sizes.items() if c == 1]
    if len(singles) == k:
        return ("**One article per group:** a group is its article, so every difference describes articles, not "
                "groups or the camps they stand for. Sentence-level intervals and tests describe variation within "
                "the texts; they are not estimates about groups.")
    tested = k - len(singles)
    among = (f"the tests run among the other {tested} groups" if tested >= 2 else
             "only one group has several articles, so nothing is tested")
    return (f"**Some groups have a single article ({', '.join(singles)}):** those groups are described and left out "
            f"of the tests; {among}, with the document as the unit.")


def metadata_table(corpus: Corpus) -> pd.DataFrame:
    """Every column of the corpus's ``metadata.csv`` as written (``id`` renamed ``doc_id``), in corpus order."""
    meta = read_csv_strict(Path(corpus.directory) / METADATA).rename(columns={"id": "doc_id"})
    meta["doc_id"] = meta["doc_id"].str.strip()
    return meta.set_index("doc_id").reindex(corpus.doc_ids).reset_index()


def articles_table(corpus: Corpus, articles: pd.DataFrame) -> pd.DataFrame:
    """The wide per-article table for the paper (``articles.csv``): ``doc_id``, the display ``label``, every
    column of the metadata, then ``sentences``, ``words`` and every measure of ``articles`` (one row per article,
    :func:`rhetoric.analysis.aggregate.per_article`)."""
    meta = metadata_table(corpus)
    label = meta["doc_id"].map(document_labels(corpus.documents))
    meta = meta.drop(columns="label", errors="ignore")
    meta.insert(1, "label", label)
    return meta.merge(articles, on="doc_id", how="left", suffixes=("", " (measure)"))


def groups_table(corpus: Corpus, articles: pd.DataFrame) -> pd.DataFrame:
    """Per group (``stance``): the number of articles, then the mean of every column of ``articles``."""
    group_of = dict(zip(corpus.documents["doc_id"], corpus.documents["stance"]))
    values = articles.assign(group=articles["doc_id"].map(group_of)).drop(columns="doc_id")
    table = values.groupby("group", sort=True).mean(numeric_only=True)
    table.insert(0, "n_articles", values.groupby("group", sort=True).size())
    return table.reset_index()


def corpus_card(corpus: Corpus) -> pd.DataFrame:
    """The documents table as a reader needs it: id, display label, stance, title, outlet, date, file, checksum."""
    cols = ["doc_id", "stance", "title", "outlet", "date", "file", "n_chars"]
    card = corpus.documents[cols].copy()
    card.insert(1, "label", card["doc_id"].map(document_labels(corpus.documents)))
    card["sha256 (first 12)"] = corpus.documents["sha256"].str[:12]
    return card


def bullet_list(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def skipped_note(what: str) -> str:
    return (f"**Skipped on this corpus:** {what} needs a hand-coded annotation of the corpus's own sentences; the "
            "project has one for its own corpus only.")
