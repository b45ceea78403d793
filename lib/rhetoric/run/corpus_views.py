"""The corpus as a notebook shows it: what it is and allows, in words; per-document tables for reading (display
labels, or group summaries beyond :data:`~rhetoric.report.plots.MAX_DOCS_SHOWN` documents); the tables for the
paper (every metadata column, per article and per group)."""
from __future__ import annotations

import html
import re
from pathlib import Path

import numpy as np
import pandas as pd
from IPython.display import Markdown
from scipy.stats import t as student_t

from rhetoric.base.escape import code, md
from rhetoric.io.corpus import Corpus, read_metadata
from rhetoric.language.boilerplate import MIN_ARTICLES, MIN_SHARE
from rhetoric.language.duplicates import SHINGLE_WORDS, THRESHOLD
from rhetoric.report.labels import document_labels
from rhetoric.report.plots import MAX_DOCS_SHOWN


class CorpusViews:
    """Views of a :class:`rhetoric.run.session.Session`'s corpus (a mixin: ``corpus`` and the groups are the
    session's)."""

    def describe(self) -> Markdown:
        """Markdown describing the corpus and what the notebooks compare, generated from its metadata (and the
        corpus's own ``study.md`` when it has one)."""
        text = describe_corpus(self.corpus, unit=self.cluster_column)
        if self.corpus.study is not None:  # read when the corpus was loaded, by the one input rule
            text = study_markdown(self.corpus.study) + "\n\n" + text
        return Markdown(text)

    @property
    def by_group(self) -> bool:
        """True when tables and figures summarise groups (more than ``MAX_DOCS_SHOWN`` documents)."""
        return len(self.corpus.documents) > MAX_DOCS_SHOWN

    def unit(self, doc_ids) -> list[str]:
        """The unit each document is shown under: its display label, or its group when tables summarise groups."""
        if self.by_group:
            return [self.group_labels.get(self.groups.get(d, d), self.groups.get(d, d)) for d in doc_ids]
        return [self.labels.get(d, d) for d in doc_ids]

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
        out = out.reindex([g for g in self.group_order if g in out.index])
        return out.rename(index=self.group_labels)

    def by_document(self, table: pd.DataFrame, index, values: str, columns: str = "doc_id") -> pd.DataFrame:
        """A long per-document table (``doc_id`` column) for reading: up to ``MAX_DOCS_SHOWN`` documents, one
        column per document under its display label; beyond, one column per group holding the mean of its
        documents (headed "group (n = k), mean"). The long table itself is what goes to CSV."""
        docs = self.corpus.documents
        if len(docs) <= MAX_DOCS_SHOWN:
            wide = table.pivot_table(index=index, columns=columns, values=values, sort=False, dropna=False)
            wide = wide.dropna(how="all")  # dropna=False keeps every document and every index combination
            order = [d for d in docs["doc_id"] if d in wide.columns]
            return wide[order].rename(columns=self.labels)
        sizes = self.group_sizes
        grouped = table.assign(_group=table[columns].map(self.groups))
        wide = grouped.pivot_table(index=index, columns="_group", values=values, aggfunc="mean", sort=False)
        ordered = [g for g in self.group_order if g in wide.columns]
        wide = wide[ordered + sorted(set(wide.columns) - set(ordered))]
        wide.columns.name = "group"
        names = self.group_labels
        return wide.rename(columns={g: f"{names.get(g, g)} (n = {int(sizes[g])}), mean" for g in wide.columns})


def study_markdown(text: str) -> str:
    """A corpus's ``study.md`` as Markdown that holds no live markup: its Markdown (headings, emphasis, lists,
    links) is kept, but HTML is shown as typed (``<`` and ``&`` escaped) and ``$`` is escaped so no viewer
    renders LaTeX math; links may not use ``javascript:`` or ``data:`` URLs."""
    text = html.escape(text.strip(), quote=False).replace("$", "\\$")
    return re.sub(r"\]\(\s*(?:javascript|vbscript|data):", "](#", text, flags=re.IGNORECASE)


def describe_corpus(corpus: Corpus, unit: str | None = None) -> str:
    """What the corpus is and what can be compared, in words, from its metadata alone (``unit``: the cluster
    column taken as the unit of analysis, ``None``: the document)."""
    docs = corpus.documents
    sizes = docs.groupby("stance").size().sort_index()
    n, k = len(docs), len(sizes)
    groups = "; ".join(f"{md(g)} ({c} article{'s' if c != 1 else ''})" for g, c in sizes.items())
    lines = [f"**This corpus:** {n} article{'s' if n != 1 else ''} in {k} group{'s' if k != 1 else ''} "
             f"(the `stance` column of its metadata): {groups}."]
    lines.append(scope_note(sizes, unit))
    if "block" in docs.columns and (docs["block"] != "").any():
        named = docs.loc[docs["block"] != "", "block"]
        lines.append(f"**Matched sets:** {named.nunique()} blocks (the `block` column) hold {len(named)} of the "
                     f"{n} articles; group labels are permuted within blocks and the bootstrap resamples whole "
                     "blocks (articles without a block are permuted among themselves and resampled one by one).")
    return "\n\n".join(lines)


def scope_note(sizes: pd.Series, unit: str | None = None) -> str:
    """What a corpus of these group sizes allows: the unit of comparison (``unit``: the cluster column taken as
    the unit of analysis, ``None``: the document) and what cannot be computed."""
    n, k = int(sizes.sum()), len(sizes)
    name = md(unit) if unit else "document"
    if n == 1:
        return ("**One article:** every measure describes it; nothing can be compared (no group comparison, no "
                "keyness, no test). The analyses that describe a single text still run.")
    if k == 1:
        return (f"**One group ({n} articles):** articles are described and compared with each other, but there "
                "are no groups to compare (no group comparison, no keyness between groups).")
    if (sizes >= 2).all():
        return (f"**Groups are compared with the {name} as the unit:** each group's mean of its documents with a "
                f"bootstrap interval over its {name}s, and a permutation test over {name}s ({k} groups).")
    singles = [md(g) for g, c in sizes.items() if c == 1]
    if len(singles) == k:
        return ("**One article per group:** a group is its article, so every difference describes articles, not "
                "groups or the camps they stand for. Sentence-level intervals and tests describe variation within "
                "the texts; they are not estimates about groups.")
    tested = k - len(singles)
    among = (f"the tests run among the other {tested} groups" if tested >= 2 else
             "only one group has several articles, so nothing is tested")
    return (f"**Some groups have a single article ({', '.join(singles)}):** those groups are described and left out "
            f"of the tests; {among}, with the {name} as the unit.")


def metadata_table(corpus: Corpus) -> pd.DataFrame:
    """Every column of the corpus's ``metadata.csv`` as written (``id`` renamed ``doc_id``), in corpus order."""
    written = corpus.metadata if corpus.metadata is not None else read_metadata(Path(corpus.directory))
    meta = written.rename(columns={"id": "doc_id"})
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
    """Per group (``stance``): the number of articles, then for every numeric column of ``articles`` the mean
    (under the column's name), the standard deviation across the group's articles (``NAME_sd``) and a 95%
    interval of the mean (``NAME_ci_low``, ``NAME_ci_high``: Student's t with n - 1 degrees of freedom; empty
    for a group of one article)."""
    group_of = dict(zip(corpus.documents["doc_id"], corpus.documents["stance"]))
    values = articles.assign(group=articles["doc_id"].map(group_of)).drop(columns="doc_id")
    grouped = values.groupby("group", sort=True)
    mean, sd, n = grouped.mean(numeric_only=True), grouped.std(numeric_only=True, ddof=1), grouped.size()
    half = sd.mul(student_t.ppf(0.975, (n - 1).where(n > 1)), axis=0).div(np.sqrt(n), axis=0)
    parts = {"n_articles": n}
    for c in mean.columns:
        parts.update({c: mean[c], f"{c}_sd": sd[c], f"{c}_ci_low": mean[c] - half[c],
                      f"{c}_ci_high": mean[c] + half[c]})
    table = pd.DataFrame(parts)
    table.index.name = "group"
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
    return (f"**Skipped on this corpus:** {what} needs a coded annotation (a gold set) of the corpus's own "
            "sentences; the project has one for its own corpus only (coded by a language model during development).")



def duplicates_note(found: pd.DataFrame | None, dropped: bool) -> str:
    """In words, the near-duplicate articles of a corpus (:func:`rhetoric.language.duplicates.duplicates`): how
    many, the pairs across groups (named: the same text under two groups is a syndicated story or a labelling
    error) and whether they were dropped (``rhetoric run --drop-duplicates``) or kept."""
    rule = (f"near-duplicates: shingles of {SHINGLE_WORDS} words, Jaccard similarity at least {THRESHOLD:g} "
            "(`rhetoric.language.duplicates`)")
    if found is None:
        return f"Near-duplicate articles were not looked for ({rule})."
    if found.empty:
        return f"**No near-duplicate articles** ({rule})."
    sets = found["duplicate_of"].nunique()
    text = (f"**{len(found)} near-duplicate article{'s' if len(found) != 1 else ''}** of {sets} other"
            f"{'s' if sets != 1 else ''} ({rule}), listed in `01-duplicates.csv`. ")
    cross = found[found["cross_group"].astype(bool)]
    if len(cross):
        pairs = "; ".join(f"{code(r.doc_id)} ({md(str(r.group))}) = {code(r.duplicate_of)} "
                          f"({md(str(r.duplicate_of_group))})" for r in cross.head(10).itertuples(index=False))
        text += (f"**{len(cross)} across groups** (the same text under two groups: a syndicated story or a "
                 f"labelling error): {pairs}{'; ...' if len(cross) > 10 else ''}. ")
    text += ("They were dropped before anything was measured, the first of each set in corpus order kept "
             "(`--drop-duplicates`)." if dropped else
             "They are kept and counted as articles of their own: `rhetoric run --drop-duplicates` keeps one of "
             "each set.")
    return text


def boilerplate_note(lines: tuple[str, ...]) -> str:
    """In words, the recurring lines in force for cleaning (:func:`rhetoric.language.cleaning.boilerplate_in_force`):
    how many, and where they are listed (the cleaning audit, kind ``boilerplate``)."""
    if not lines:
        return ("**No recurring lines** (boilerplate found from the corpus: a line in at least "
                f"{MIN_ARTICLES} articles and {MIN_SHARE:.0%} of an outlet's, or of the corpus's, articles).")
    return (f"**{len(lines)} recurring line{'s' if len(lines) != 1 else ''}** set aside as boilerplate (a line in at "
            f"least {MIN_ARTICLES} articles and {MIN_SHARE:.0%} of an outlet's, or of the corpus's, articles; raw "
            "text and offsets unchanged): each is a row of kind `boilerplate` in the cleaning audit above, with "
            "how many articles carry it.")
