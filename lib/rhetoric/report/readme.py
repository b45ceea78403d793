"""The README's generated parts, and the pages it links to instead of holding them.

``update(fig_dir)`` (called by ``rhetoric run`` on the project's own corpus) rewrites, each only when it differs:

* the README block ``findings`` ("findings at a glance"): a short table, at most :data:`GLANCE_ROWS` rows,
  of the core measures whose difference clears the declared rule (:data:`rhetoric.analysis.verdict.THRESHOLD`),
  computed from notebook 05's tables (``05-profile.csv``, ``group-comparison.csv``), each with the validity
  of its instrument; and a link to the full list;
* ``figures/findings.md``: every finding the notebooks recorded (``figures/findings.csv``,
  :mod:`rhetoric.report.findings_store`), by notebook;
* the README block ``sharing``: nbviewer and Binder links and badges, formed from the one address in
  ``CITATION.cff`` (``repository-code``); empty while the address is not set (no placeholder shown to readers);
* ``docs/measures.md``: the measure registry as a table (it used to sit in the middle of the README);
* the block ``semeval`` (in ``docs/guide.md``, where the README's reference material lives): the frame
  dictionary against trained human annotators (SemEval-2023 Task 3), its averages and every frame whose recall
  or precision falls below 0.5, read from ``frame_validity_semeval.csv``
  (:func:`rhetoric.analysis.frame_validity.summary`).

A block is the text between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->``; a README without the markers
is left as it is.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from rhetoric.analysis import frame_validity
from rhetoric.analysis.validity import instrument_evidence, measure_evidence, measure_validated
from rhetoric.analysis.verdict import THRESHOLD, judge_measure, seed_term_share
from rhetoric.base.atomic_files import atomic_write
from rhetoric.base.escape import code, md
from rhetoric.base.paths import README
from rhetoric.base.project import sharing_links
from rhetoric.instruments.features import feature_columns
from rhetoric.instruments.registry import measures
from rhetoric.report.findings_store import read_findings

GLANCE_ROWS = 10
FINDINGS_PAGE = "findings.md"
MEASURES_PAGE = Path("docs") / "measures.md"
#: The reference material moved out of the README (it holds the ``semeval`` block).
GUIDE_PAGE = "docs/guide.md"


def block(text: str, name: str, body: str) -> str:
    """``text`` with the block ``name`` replaced by ``body`` (unchanged when the markers are missing)."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    if start not in text or end not in text:
        return text
    return re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: f"{start}\n{body}\n{end}", text, flags=re.S)


def _read(path: Path) -> pd.DataFrame | None:
    return pd.read_csv(path, keep_default_na=True) if path.is_file() else None


def _value(r, fmt: str) -> str:
    interval = f" [{fmt.format(r.ci_low)}, {fmt.format(r.ci_high)}]" if r.ci_low == r.ci_low else ""
    return f"{fmt.format(r.estimate)}{interval}"


def short_validity(measure, evidence: pd.DataFrame | None) -> str:
    """The instrument's validity in a table cell: a count or formula; not validated outside the study texts;
    or its held-out hit precision for the measure's own category."""
    if measure.family in ("size", "readability") or measure.instrument in ("tokens", ""):
        return "a count or formula"
    row = measure_evidence(measure, evidence)
    precision = (f"held-out precision {row.value:.2f} [{row.ci_low:.2f}, {row.ci_high:.2f}], {int(row.n)} hits"
                 if row is not None else "")
    if not measure_validated(measure, evidence):
        return ("not validated outside the study texts: described, not a finding"
                + (f" ({precision})" if precision else ""))
    return precision or "validated outside the study texts"


#: Written by notebook 05 on the project's own articles: its profile with the seed-read terms left out.
WITHOUT_SEED_TERMS = "05-profile-without-seed-terms.csv"


def glance_rows(fig_dir: Path, evidence: pd.DataFrame | None = None) -> list[dict]:
    """Every registered measure whose difference clears the declared rule, from notebook 05's tables, judged
    by the one rule the notebooks use (:func:`rhetoric.analysis.verdict.judge_measure`: groups compared
    (q < 0.05) where every group has two or more documents, else the articles' 95% intervals; the instrument's
    validation; on the seeds, leave-seed-terms-out): findings first, then what is described only."""
    profile, groups = _read(fig_dir / "05-profile.csv"), _read(fig_dir / "group-comparison.csv")
    if profile is None:
        return []
    without = _read(fig_dir / WITHOUT_SEED_TERMS)
    evidence = instrument_evidence() if evidence is None else evidence
    rows = []
    for m in measures():
        intervals = profile[profile["measure"] == m.name]
        grows = groups[groups["measure"] == m.name] if groups is not None else profile.iloc[0:0]
        if intervals.empty:
            continue
        verdict = judge_measure(m, intervals, grows, evidence, without)
        if verdict.kind not in ("finding", "described"):
            continue
        fmt = "{:+.3f}" if m.family == "tone" else "{:.2f}" if m.aggregation == "share" else "{:.1f}"
        tested = len(grows) and (grows["test"] != "none").all()
        if tested:
            part = grows[grows["in_test"].astype(str) != "False"] if "in_test" in grows else grows
            part = part.set_index("group")
            hi, lo = part["estimate"].idxmax(), part["estimate"].idxmin()
            values = f"{code(hi)} {_value(part.loc[hi], fmt)}; {code(lo)} {_value(part.loc[lo], fmt)}"
            values += f" (q = {float(part['q_bh'].iloc[0]):.3f})"
        else:
            part = intervals.dropna(subset=["estimate"]).set_index("doc_id")
            hi, lo = part["estimate"].idxmax(), part["estimate"].idxmin()
            values = f"{code(hi)} {_value(part.loc[hi], fmt)}; {code(lo)} {_value(part.loc[lo], fmt)}"
        finding = verdict.kind == "finding"
        seeded = seed_term_share(m, intervals, without)  # the seeds: how much rests on seed-read terms
        validity = short_validity(m, evidence) if finding else "described only, not a finding: " + verdict.note
        rows.append({"measure": f"{md(m.label)} ({m.unit})", "higher in": code(hi) if finding else "—",
                     "values": values, "kind": verdict.kind,
                     "validity": f"{validity}; {seeded}" if seeded else validity})
    return sorted(rows, key=lambda r: r["kind"] != "finding")


def glance_markdown(fig_dir: Path, evidence: pd.DataFrame | None = None, link: str = "figures/findings.md") -> str:
    """The README's findings block: the short table of the differences that clear the rule on an instrument that
    passed validation (findings only), how many more are described only, and the link to every finding."""
    judged = glance_rows(fig_dir, evidence)
    rows = [r for r in judged if r["kind"] == "finding"]
    described = len(judged) - len(rows)
    n_all = len(read_findings(fig_dir, "finding"))
    lines = []
    if rows:
        lines += ["| measure | higher in | highest; lowest, with 95% intervals | validity of the instrument |",
                  "| --- | --- | --- | --- |"]
        lines += [f"| {r['measure']} | {r['higher in']} | {r['values']} | {r['validity']} |"
                  for r in rows[:GLANCE_ROWS]]
        if len(rows) > GLANCE_ROWS:
            lines += ["", f"and {len(rows) - GLANCE_ROWS} more differences that clear the rule."]
    else:
        lines.append("None: no registered measure's difference clears the declared rule on an instrument that passed "
                     "validation.")
    if described:
        many = described != 1
        lines += ["", f"{described} more difference{'s' if many else ''} clear{'' if many else 's'} the rule but "
                      f"{'are' if many else 'is'} described only, not a finding (the instrument has not passed "
                      "validation, or the difference needs the terms first read off the seeds)."]
    lines += ["", f"Every finding of the notebooks ({n_all}), with the differences that do not clear the rule and "
                  f"where the articles fall among reference news: [{link}]({link})."]
    return "\n".join(lines)


def findings_page(fig_dir: Path) -> str:
    """``figures/findings.md``: every recorded finding, by notebook, linked to it."""
    table = read_findings(fig_dir, "finding")
    lines = ["# Findings", "", "Generated by `rhetoric run` (`make run`) from the findings each notebook records "
             "(`findings.csv`); do not edit by hand. " + THRESHOLD, ""]
    for nb, part in table.groupby("notebook", sort=True):
        lines += [f"## [`{nb}`](../notebooks/{nb})", ""]
        lines += [f"- {r.finding}" for r in part.itertuples()]
        lines.append("")
    return "\n".join(lines)


def measures_markdown() -> str:
    """The registry as a Markdown table: per-article column, feature-table column, family, label, unit."""
    lines = ["| per-article column | feature-table column(s) | family | measure | per article |",
             "| --- | --- | --- | --- | --- |"]
    for m in measures():
        source = f"`{m.column}`" if m.column else "textstat counts: `tx_words, syllables, ...`"
        lines.append(f"| `{m.name}` | {source} | {m.family} | {m.label} | {m.unit} |")
    others = [c for c in feature_columns() if c not in {m.column for m in measures()}
              and c not in ("doc_id", "stance", "paragraph_id", "sentence_id", "start", "end", "text")]
    lines += ["", "Other feature-table columns: " + ", ".join(f"`{c}`" for c in others) + "."]
    return "\n".join(lines)


def measures_page() -> str:
    """``docs/measures.md``: the registry as a table, from the registry."""
    return "\n".join([
        "# Measures", "",
        "Generated from the measure registry (`lib/rhetoric/instruments/registry.py`, "
        "`lib/rhetoric/data/measures.csv` and the frame and Entman codebooks) by `rhetoric run` (`make run`); do "
        "not edit by hand. Each measure, its feature-table column, and how it becomes one number per article (the "
        "per-article table that `rhetoric.analysis.aggregate.per_article` and notebook 06 use).", "",
        measures_markdown(), ""])


def sharing_markdown(root: Path) -> str:
    """Badges and links to read the notebooks on nbviewer and run them on Binder, from CITATION.cff's address."""
    links = sharing_links(root)
    if not links.ready:  # nothing shown to readers until the address is set (docs/guide.md#sharing says how)
        return ""
    return "\n".join([
        f"[![nbviewer](https://img.shields.io/badge/render-nbviewer-orange.svg)]({links.nbviewer}) "
        f"[![Binder](https://mybinder.org/badge_logo.svg)]({links.binder})", "",
        f"Read the executed notebooks on [nbviewer]({links.nbviewer}); run them in the browser on "
        f"[Binder]({links.binder}) (`environment.yml`, the locked set). Repository: <{links.repository}>."])


def semeval_markdown() -> str:
    """The README's ``semeval`` block: the frame dictionary against SemEval-2023's annotators, every number read
    from the committed table (recall and precision failures both)."""
    if not frame_validity.committed():
        return "The SemEval-2023 validity table (`frame_validity_semeval.csv`) is not committed."
    return frame_validity.summary()


def _write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text.encode("utf-8"))


def update(fig_dir, readme: Path = README, evidence: pd.DataFrame | None = None) -> None:
    """Rewrite the README's generated blocks and the pages it links to (each only when it differs)."""
    fig_dir, readme = Path(fig_dir), Path(readme)
    _write_if_changed(fig_dir / FINDINGS_PAGE, findings_page(fig_dir))
    _write_if_changed(readme.parent / MEASURES_PAGE, measures_page())
    if not readme.is_file():
        return
    text = readme.read_text(encoding="utf-8")
    link = (fig_dir / FINDINGS_PAGE).resolve()
    link = link.relative_to(readme.parent.resolve()).as_posix() if link.is_relative_to(readme.parent.resolve()) \
        else str(link)
    new = block(text, "findings", glance_markdown(fig_dir, evidence, link))
    new = block(new, "sharing", sharing_markdown(readme.parent))
    new = block(new, "semeval", semeval_markdown())
    if new != text:
        atomic_write(readme, new.encode("utf-8"))
    guide = readme.parent / GUIDE_PAGE  # the reference material the README links to holds the semeval block
    if guide.is_file():
        _write_if_changed(guide, block(guide.read_text(encoding="utf-8"), "semeval", semeval_markdown()))
