"""Articles that are not independent: when the group is a property of an outlet, the outlet is the unit.

A bias rating (AllSides, Media Bias/Fact Check) belongs to an outlet, not to an article: the articles of one
outlet share its house style, editors and topics, so fifty articles from five outlets are closer to five
replications than to fifty. Testing them as fifty understates the uncertainty (the design effect of
clustered samples: Kish 1965, *Survey Sampling*, ch. 5) and makes differences between outlets look like
differences between groups. The group comparison (:func:`rhetoric.analysis.aggregate.group_comparison`) takes
the outlet as the unit when told so (``clusters``); this module says when to tell it and what it then allows:

* :func:`cluster_hint`: finds a metadata column (``outlet`` and the like) within which the groups are
  constant and that repeats, and returns the sentence saying that articles are not independent and how to
  declare it (``rhetoric run --cluster outlet``);
* :func:`cluster_map`: ``doc_id`` -> cluster from a documents table's column;
* :func:`power_note`: with few clusters per group (under :data:`FEW_CLUSTERS`, Field & Welsh 2007 and the
  methods guide's rule of thumb) the test among clusters has little power, and with very few the smallest p
  it can give is above the usual thresholds: said in words, never hidden by falling back to articles.
"""
from __future__ import annotations

from math import comb, factorial, prod

import pandas as pd

from rhetoric.base.escape import code

#: Metadata columns that name a cluster of articles (looked for in this order). ``cluster`` is the generic one.
CLUSTER_COLUMNS = ("cluster", "outlet", "source", "publisher", "site", "domain")
#: Fewer clusters than this in a group: the test among clusters has little power (said so).
FEW_CLUSTERS = 10


def cluster_map(documents: pd.DataFrame, column: str) -> dict[str, str]:
    """``doc_id`` -> the document's value in ``column`` (an empty value: the document is a cluster of its own,
    see :func:`rhetoric.analysis.aggregate.design`). A column the table lacks is an error naming it."""
    if column not in documents.columns:
        have = ", ".join(c for c in documents.columns if c in CLUSTER_COLUMNS) or "none"
        raise KeyError(f"no column '{column}' to take as clusters (cluster-like columns present: {have})")
    return {str(d): str(v).strip() for d, v in zip(documents["doc_id"], documents[column].fillna(""))}


def constant_within(documents: pd.DataFrame, column: str, group_column: str = "stance") -> bool:
    """True when every non-empty value of ``column`` holds documents of one group only."""
    named = documents[documents[column].fillna("").astype(str).str.strip() != ""]
    return bool(len(named)) and bool((named.groupby(column)[group_column].nunique() <= 1).all())


def default_cluster(documents: pd.DataFrame, group_column: str = "stance",
                    columns: tuple[str, ...] = CLUSTER_COLUMNS) -> str | None:
    """The column a run takes as the unit of analysis when none is declared (``rhetoric run --cluster``
    unset), or ``None``: the first of ``columns`` that ``documents`` has with some values, when some value holds
    two or more articles, the groups number two or more and each value's articles all belong to one group (the
    condition of :func:`cluster_hint`), and the corpus declares no blocks (a ``block`` column with values:
    blocks and clusters are not combined)."""
    if documents[group_column].nunique() < 2:
        return None
    if "block" in documents.columns and (documents["block"].fillna("").astype(str).str.strip() != "").any():
        return None
    for column in columns:
        if column not in documents.columns:
            continue
        values = documents[column].fillna("").astype(str).str.strip()
        if not (values != "").any():
            continue
        repeats = values[values != ""].value_counts().max() >= 2
        return column if repeats and constant_within(documents, column, group_column) else None
    return None


def cluster_problem(documents: pd.DataFrame, column: str, group_column: str = "stance") -> str | None:
    """Why ``column`` cannot be the unit of analysis of ``documents`` (one line), or ``None``: the column is
    missing, has no values, holds articles of two groups under one value, or meets declared blocks."""
    if column not in documents.columns:
        have = ", ".join(c for c in documents.columns if c in CLUSTER_COLUMNS) or "none"
        return f"no metadata column '{column}' (cluster-like columns present: {have})"
    values = documents[column].fillna("").astype(str).str.strip()
    if not (values != "").any():
        return f"the metadata column '{column}' has no values"
    if not constant_within(documents, column, group_column):
        mixed = documents[values != ""].groupby(column)[group_column].nunique()
        return (f"'{mixed[mixed > 1].index[0]}' of column '{column}' holds articles of two groups: the group is not "
                f"a property of the {column}, so it cannot be the unit of analysis")
    if "block" in documents.columns and (documents["block"].fillna("").astype(str).str.strip() != "").any():
        return "the corpus declares blocks (the block column): blocks and clusters are not combined"
    return None


def cluster_hint(documents: pd.DataFrame, group_column: str = "stance", declared: str | None = None,
                 columns: tuple[str, ...] = CLUSTER_COLUMNS) -> str | None:
    """The sentence (Markdown) saying that the articles are not independent and how to declare it, or ``None``.

    Said when, in the first of ``columns`` that ``documents`` has with some values, some value holds two or more
    articles, the groups (``group_column``) number two or more and each value's articles all belong to one
    group: the group is then a property of that column (an outlet's bias rating), not of each article. Nothing
    is said when clusters are already ``declared`` (the column's name) or when every value is unique (each
    article its own outlet: independent as far as the metadata tell). When a repeated value holds two groups (the
    group is not a property of that column, which therefore cannot be the unit), the sentence says so, names
    those values and what to do."""
    if declared or documents[group_column].nunique() < 2:
        return None
    for column in columns:
        if column not in documents.columns:
            continue
        values = documents[column].fillna("").astype(str).str.strip()
        named = documents[values != ""]
        if named.empty:
            continue
        sizes = values[values != ""].value_counts()
        if sizes.max() < 2:
            return None
        if not constant_within(documents, column, group_column):
            spread = named.groupby(column)[group_column].nunique()
            mixed = sorted(str(v) for v in spread[spread > 1].index)
            shown = ", ".join(code(m) for m in mixed[:5]) + (", ..." if len(mixed) > 5 else "")
            return (f"**Articles may not be independent here.** `{column}` repeats ({int(sizes.size):,} values for "
                    f"{len(named):,} articles), but {len(mixed):,} of its values hold articles of two or more groups "
                    f"({shown}), so the {column} cannot be the unit of analysis and the article is: if articles of "
                    f"one {column} share its style, every p and q below understates the uncertainty. Correct the "
                    f"groups or leave out those {column}s, then declare `rhetoric run --cluster {column}`.")
        per_group = named.groupby(group_column)[column].nunique()
        few = ", ".join(f"{g} {int(k)}" for g, k in per_group.items())
        return (f"**Articles are not independent here.** The {len(documents):,} articles come from "
                f"{int(sizes.size):,} values of `{column}` ({few} per group), and every `{column}` holds articles of "
                f"one group only: the group is a property of the {column}, and articles of one {column} share its "
                f"style, so they are not independent replications of their group. Treating them as independent "
                f"understates the uncertainty of every group comparison. Declare the {column} as the unit of "
                f"analysis with `rhetoric run --cluster {column}`: group labels are then permuted among "
                f"{column}s and whole {column}s resampled.")
    return None


def relabellings(units: list[int]) -> int:
    """How many distinct assignments of group labels to clusters there are with ``units`` clusters per group
    (the multinomial coefficient): the permutation test's whole reference set."""
    return factorial(sum(units)) // prod(factorial(u) for u in units)


def smallest_p(units: list[int]) -> float:
    """The smallest p a permutation test among clusters can give, ``units`` clusters per tested group: one over
    the number of distinct relabellings (two over it for two groups of equal size, whose mirror relabelling
    gives the same absolute difference). A lower bound for more groups (ties make it larger)."""
    if len(units) < 2:
        return 1.0
    total = comb(sum(units), units[0]) if len(units) == 2 else relabellings(units)
    mirrored = len(units) == 2 and units[0] == units[1]
    return min(1.0, (2 if mirrored else 1) / total)


def power_note(units: dict[str, int], unit: str = "outlet", threshold: int = FEW_CLUSTERS) -> str:
    """In words, what the number of clusters per group (``units``: group -> clusters) allows, or ``""`` when
    every group tested has at least ``threshold``.

    With fewer, the test among clusters has little power: a real difference may give a large p, which then
    reads "not shown", never "no difference", and the analysis is not redone with articles as units to
    recover power (that is the error clustering corrects). A group of one cluster is described, not tested.
    When the relabellings are so few that the smallest possible p exceeds 0.05, no difference can be shown at
    all, and the sentence says so."""
    tested = {g: k for g, k in units.items() if k >= 2}
    few = {g: k for g, k in tested.items() if k < threshold}
    singles = [g for g, k in units.items() if k == 1]
    parts = []
    if few:
        listed = ", ".join(f"{g} {k}" for g, k in few.items())
        parts.append(f"Few {unit}s per group ({listed}; fewer than {threshold}): the test among {unit}s has little "
                     f"power, so a real difference between groups may well give a large p. Read a large p as "
                     f"\"not shown\", not as \"no difference\"; the articles are not taken as units instead, "
                     f"because that understates the uncertainty.")
    if len(tested) >= 2:
        floor = smallest_p(list(tested.values()))
        if floor > 0.05:
            parts.append(f"With {' and '.join(str(k) for k in tested.values())} {unit}s, the smallest p the test "
                         f"can give is {floor:.2g}: no difference between these groups can reach p < 0.05.")
    if singles:
        parts.append(f"{', '.join(singles)}: one {unit}, described, not tested.")
    return " ".join(parts)


def unit_note(groups: pd.DataFrame, documents: pd.DataFrame, declared: str | None,
              group_column: str = "stance") -> str:
    """The sentence (Markdown) every report of a group test stands beside: the unit of analysis of a group
    comparison table (:func:`rhetoric.analysis.aggregate.group_comparison`: its ``analysis_unit`` and
    ``n_units``), how many units each group has, how the test treats them and, with clusters, what their number
    allows (:func:`power_note`); without clusters, :func:`cluster_hint` when the metadata suggest them."""
    if groups.empty:
        return "No group comparison: there is nothing to test."
    first = groups.drop_duplicates("group")
    unit = str(first["analysis_unit"].iloc[0])
    units = {str(g): int(k) for g, k in zip(first["group"], first["n_units"])}
    counts = ", ".join(f"{g} {k}" for g, k in units.items())
    if sum(k >= 2 for k in units.values()) < 2:
        what = "article" if declared is None else unit
        return (f"**Unit of analysis: the {what}** ({counts}). Fewer than two groups have two or more {what}s, so "
                "no group test is run: the groups are described.")
    if declared is None:
        text = (f"**Unit of analysis: the article** ({sum(units.values()):,} articles: {counts}). Group labels are "
                "permuted among articles and articles resampled; every p and q below counts articles.")
        hint = cluster_hint(documents, group_column)
        return f"{text} {hint}" if hint else text
    text = (f"**Unit of analysis: the {unit}** ({sum(units.values()):,} values of `{declared}`: {counts}; "
            f"{len(documents):,} articles). The group is a property of the {unit}, so articles of one {unit} are not "
            f"independent: group labels are permuted among {unit}s, whole {unit}s resampled, and every p and q "
            f"below counts {unit}s (the estimates are still the means of the articles).")
    power = power_note(units, unit=unit)
    return f"{text} {power}" if power else text
