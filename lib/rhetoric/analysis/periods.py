"""Measures over time: each measure by period and group, with intervals, where the corpus has dates.

The metadata's ``date`` column is read strictly as ISO 8601 (``2019-07-20``, ``2019-07``, ``2019``, with or
without a time): a date in another form (``07/20/2019``: July or the 7th of a 20th month?) is **counted and
named, never guessed**, and so is a date less precise than the period (a bare year when periods are quarters).

* **Period, by the span of the dates** (first to last parseable date): up to :data:`MONTHS_UP_TO` days, months;
  up to :data:`QUARTERS_UP_TO` days (six years), quarters; beyond, years. So a study of one news cycle is read
  by month, a study of a few years by quarter, a decade by year: a dozen to about two dozen periods, each with
  enough articles per group to say something. A study can choose (``period``).
* **Per period and group:** the number of articles (and clusters), the mean of the articles' values of each
  measure (as the group comparison estimates it), and a bootstrap 95% percentile interval: articles resampled
  within the cell, or whole clusters (outlets) when declared (:func:`rhetoric.analysis.aggregate.group_comparison`
  says why). A cell of one unit gets its value and no interval. Cells are described, not tested: with many
  periods, differences between any two would be many tests.
* **Nothing** when there is no ``date`` column or no parseable date: the table is empty and its ``attrs`` say why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from rhetoric.analysis.aggregate import _group_means_boot, _quantiles
from rhetoric.instruments.registry import Measure
from rhetoric.instruments.registry import measures as registered

#: Dates spanning at most this many days are read by month ...
MONTHS_UP_TO = 548  # 18 months
#: ... at most this many by quarter, beyond by year.
QUARTERS_UP_TO = 2192  # 6 years
PERIODS = ("month", "quarter", "year")
PERIOD_COLUMNS = ["measure", "label", "unit", "period", "period_start", "group", "n_docs", "analysis_unit", "n_units",
                  "estimate", "ci_low", "ci_high"]
_PRECISION = [(re.compile(r"^\d{4}$"), "year"), (re.compile(r"^\d{4}-\d{2}$"), "month")]


@dataclass
class Dates:
    """The documents' dates as read: ``when`` (``doc_id`` -> timestamp, parseable dates only), ``precision``
    (``doc_id`` -> "day", "month" or "year"), ``missing`` (ids with an empty date), ``unparseable`` (``doc_id`` ->
    the value that is not ISO 8601)."""

    when: dict[str, pd.Timestamp] = field(default_factory=dict)
    precision: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    unparseable: dict[str, str] = field(default_factory=dict)

    def note(self, limit: int = 5) -> str:
        """In words: how many dates were read, and which were missing or not understood (named)."""
        parts = [f"{len(self.when):,} of {len(self.when) + len(self.missing) + len(self.unparseable):,} articles "
                 "have a date read as ISO 8601"]
        if self.missing:
            parts.append(f"{len(self.missing):,} have none")
        if self.unparseable:
            shown = ", ".join(f"{d} ('{v}')" for d, v in list(self.unparseable.items())[:limit])
            more = f" and {len(self.unparseable) - limit:,} more" if len(self.unparseable) > limit else ""
            parts.append(f"{len(self.unparseable):,} have a date that is not ISO 8601 (YYYY-MM-DD), left out rather "
                         f"than guessed: {shown}{more}")
        return "; ".join(parts) + "."


def read_dates(documents: pd.DataFrame, column: str = "date") -> Dates:
    """Each document's date, read strictly as ISO 8601 (see the module docstring)."""
    out = Dates()
    if column not in documents.columns:
        return out
    for doc, value in zip(documents["doc_id"], documents[column].fillna("").astype(str).str.strip()):
        if not value:
            out.missing.append(doc)
            continue
        stamp = pd.to_datetime(pd.Series([value]), format="ISO8601", errors="coerce", utc=True).iloc[0]
        if pd.isna(stamp):
            out.unparseable[doc] = value
            continue
        out.when[doc] = stamp.tz_convert(None)
        out.precision[doc] = next((p for rx, p in _PRECISION if rx.match(value)), "day")
    return out


def choose_period(dates: Dates) -> str:
    """``month``, ``quarter`` or ``year`` by the span of the parseable dates (see the module docstring)."""
    if not dates.when:
        return "year"
    stamps = list(dates.when.values())
    span = (max(stamps) - min(stamps)).days
    return "month" if span <= MONTHS_UP_TO else "quarter" if span <= QUARTERS_UP_TO else "year"


def period_of(stamp: pd.Timestamp, period: str) -> tuple[str, pd.Timestamp]:
    """(label, first day) of the period holding ``stamp``: ``2019-07``, ``2019-Q3`` or ``2019``."""
    if period == "month":
        return f"{stamp.year}-{stamp.month:02d}", pd.Timestamp(stamp.year, stamp.month, 1)
    if period == "quarter":
        q = (stamp.month - 1) // 3 + 1
        return f"{stamp.year}-Q{q}", pd.Timestamp(stamp.year, 3 * q - 2, 1)
    if period == "year":
        return f"{stamp.year}", pd.Timestamp(stamp.year, 1, 1)
    raise ValueError(f"unknown period {period!r} (use one of {', '.join(PERIODS)})")


_FINER = {"day": 0, "month": 1, "year": 3}
_NEEDS = {"month": 1, "quarter": 2, "year": 3}


def period_table(articles: pd.DataFrame, documents: pd.DataFrame, measures: list[Measure] | None = None, *,
                 seed: int, n: int = 2_000, group_column: str = "stance", date_column: str = "date",
                 clusters: dict[str, str] | None = None, cluster_column: str = "cluster",
                 period: str | None = None, level: float = 0.95) -> pd.DataFrame:
    """Each measure (default: the registry's core measures) by period and group (long format,
    :data:`PERIOD_COLUMNS`; periods in time order, groups sorted), with a bootstrap interval per cell.

    ``articles``: the per-article table (:func:`rhetoric.analysis.aggregate.per_article`); ``documents``: the
    corpus's documents (``doc_id``, ``group_column``, ``date_column``); ``clusters``: ``doc_id`` -> cluster when
    declared (intervals then resample clusters; a document without one is its own). ``period``: month, quarter or
    year; default chosen by the span (:func:`choose_period`). ``attrs``: ``period``, ``rule`` (the choice in
    words), ``dates`` (:meth:`Dates.note`), ``too_coarse`` (ids whose date is less precise than the period, left
    out), ``why_empty`` (when there is no table)."""
    measures = [m for m in registered() if m.core] if measures is None else measures
    measures = [m for m in measures if m.name in articles.columns]
    empty = pd.DataFrame(columns=PERIOD_COLUMNS)
    if date_column not in documents.columns:
        empty.attrs["why_empty"] = f"no {date_column} column: no measures over time"
        return empty
    dates = read_dates(documents, date_column)
    if not dates.when:
        empty.attrs.update(why_empty=f"no parseable {date_column}: no measures over time", dates=dates.note())
        return empty
    chosen = period or choose_period(dates)
    stamps = list(dates.when.values())
    span = (max(stamps) - min(stamps)).days
    rule = (f"{chosen}s: the dates span {span:,} days (months up to {MONTHS_UP_TO}, quarters up to "
            f"{QUARTERS_UP_TO}, years beyond)" if period is None else f"{chosen}s, as chosen")
    coarse = sorted(d for d, p in dates.precision.items() if _FINER[p] > _NEEDS[chosen])
    group_of = dict(zip(documents["doc_id"], documents[group_column]))
    table = articles[articles["doc_id"].isin(dates.when.keys()) & ~articles["doc_id"].isin(coarse)]
    labels = [period_of(dates.when[d], chosen) for d in table["doc_id"]]
    cell = pd.DataFrame({"period": [p for p, _ in labels], "start": [s for _, s in labels],
                         "group": table["doc_id"].map(group_of).to_numpy()})
    keys = cell.drop_duplicates().sort_values(["start", "group"], kind="mergesort").reset_index(drop=True)
    code_of = {(r.period, r.group): k for k, r in enumerate(keys.itertuples(index=False))}
    codes = np.array([code_of[(p, g)] for p, g in zip(cell["period"], cell["group"])], dtype=np.int64)
    x = table[[m.name for m in measures]].to_numpy(dtype=float)
    unit = cluster_column if clusters is not None else "article"
    if clusters is not None:
        named = [clusters.get(d) or f"\0{d}" for d in table["doc_id"]]
        cluster_codes = pd.factorize(pd.Series(named), sort=False)[0].astype(np.int64)
    else:
        cluster_codes = np.arange(len(table), dtype=np.int64)
    rows = []
    for k, key in enumerate(keys.itertuples(index=False)):
        inside = codes == k
        units = len(np.unique(cluster_codes[inside]))
        for j, m in enumerate(measures):
            ok = inside & ~np.isnan(x[:, j])
            value = float(x[ok, j].mean()) if ok.any() else np.nan
            rows.append({"measure": m.name, "label": m.label, "unit": m.unit, "period": key.period,
                         "period_start": key.start, "group": key.group, "n_docs": int(inside.sum()),
                         "analysis_unit": unit, "n_units": int(units), "estimate": value, "ci_low": np.nan,
                         "ci_high": np.nan})
        if units < 2:
            continue
        # each cell and measure its own seeded draw ([seed, cell, measure]): a cell's interval does not depend on
        # which other cells or measures the table holds
        for j in range(len(measures)):
            ok = inside & ~np.isnan(x[:, j])
            if len(np.unique(cluster_codes[ok])) < 2:
                continue
            boot = _group_means_boot(x[ok][:, [j]], np.zeros(int(ok.sum()), dtype=np.int64), None, [0],
                                     np.random.default_rng([seed, k, j]), n,
                                     cluster_codes[ok] if clusters is not None else None)[0]
            low, high = _quantiles(boot, level)
            rows[-len(measures) + j].update(ci_low=float(low[0]), ci_high=float(high[0]))
    out = pd.DataFrame(rows, columns=PERIOD_COLUMNS)
    order = {m.name: i for i, m in enumerate(measures)}
    out = out.sort_values(["measure", "period_start", "group"], key=lambda s: s.map(order) if s.name == "measure"
                          else s, kind="mergesort").reset_index(drop=True)
    out.attrs.update(period=chosen, rule=rule, dates=dates.note(), too_coarse=coarse)
    return out
