"""A corpus's optional ``group_labels.csv``: display names, order and colours of its groups.

Beside ``metadata.csv``, one row per group (a value of the metadata's ``stance`` column)::

    group,label,order,colour
    left_bias,Left-leaning outlets,1,#1f77b4
    right_bias,Right-leaning outlets,2,#d62728

``group`` and ``label`` are required; ``order`` (whole numbers) and ``colour`` (a colour matplotlib knows: a name
or ``#rrggbb``) may be left out or empty. Every legend, axis, table and sentence names a group by its label;
without the file, by its code as given. The file is read through :func:`rhetoric.base.atomic_files.read_csv_strict`
(the one rule for a user's CSV files) and checked here: any problem is a
:class:`~rhetoric.base.errors.CorpusError` naming the file and the problem (``rhetoric`` exits 2).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from matplotlib.colors import is_color_like

from rhetoric.base.atomic_files import read_csv_strict
from rhetoric.base.errors import CorpusError

GROUP_LABELS = "group_labels.csv"
REQUIRED = ("group", "label")
OPTIONAL = ("order", "colour")


@dataclass(frozen=True)
class GroupLabels:
    """Display names (``labels``: code -> label), an order (``order``: codes, those of the file first in the
    order given, then any other group sorted) and colours (``colours``: code -> colour, where given)."""

    labels: dict[str, str] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    colours: dict[str, str] = field(default_factory=dict)

    def label(self, group: str) -> str:
        return self.labels.get(group, group)


def read_group_labels(directory: Path | str, groups) -> GroupLabels:
    """The corpus directory's ``group_labels.csv`` checked against its ``groups`` (the metadata's stance values);
    an empty :class:`GroupLabels` when there is no such file."""
    path = Path(directory) / GROUP_LABELS
    groups = sorted(set(groups))
    if not path.exists():
        return GroupLabels(order=groups)
    if not path.is_file():
        raise CorpusError(path, "is not a file (a CSV file with columns group,label[,order,colour] was expected)")
    table = read_csv_strict(path)
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise CorpusError(path, f"missing required column(s): {', '.join(missing)} (columns: group,label,order,colour)")
    unknown = [c for c in table.columns if c not in REQUIRED + OPTIONAL]
    if unknown:
        raise CorpusError(path, f"unknown column(s): {', '.join(unknown)} (columns: group,label,order,colour)")
    labels, ranks, colours = {}, {}, {}
    for line, row in enumerate(table.to_dict("records"), start=2):
        group, label = row["group"].strip(), " ".join(row["label"].split())
        if not group or not label:
            raise CorpusError(path, f"line {line}: empty group or label")
        if any(ord(ch) < 32 for ch in row["group"] + row["label"]):
            raise CorpusError(path, f"line {line}: control character in group or label")
        if group in labels:
            raise CorpusError(path, f"line {line}: group '{group}' listed twice")
        if group not in groups:
            raise CorpusError(path, f"line {line}: group '{group}' is not a stance in metadata.csv "
                              f"(stances: {', '.join(groups)})")
        order = (row.get("order") or "").strip()
        if order:
            try:
                ranks[group] = int(order)
            except ValueError:
                raise CorpusError(path, f"line {line}: order '{order}' is not a whole number") from None
        colour = (row.get("colour") or "").strip()
        if colour:
            if not is_color_like(colour):
                raise CorpusError(path, f"line {line}: colour '{colour}' is not a colour (a name or #rrggbb)")
            colours[group] = colour
        labels[group] = label
    twice = sorted({v for v in labels.values() if list(labels.values()).count(v) > 1})
    if twice:
        raise CorpusError(path, f"label(s) given to more than one group: {', '.join(twice)}")
    order = sorted(ranks, key=lambda g: (ranks[g], g)) + sorted(g for g in groups if g not in ranks)
    return GroupLabels(labels=labels, order=order, colours=colours)
