"""Findings as sentences computed from results (never typed in).

Each ``*_findings`` function computes one notebook's headline statements; the notebook displays them and
records them in ``figures/findings.csv`` (:func:`record_findings`). ``00-overview`` (executed last) and the
README's "findings at a glance" block read that file, so they show exactly what the notebooks computed.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from rhetoric.analysis.keyness import fdr_summary, top_terms
from rhetoric.analysis.resampling import p_text
from rhetoric.analysis.validity import (
    USED_DETECTOR,
    fisher_interval,
    instrument_evidence,
    measure_note,
    measure_validated,
    validity_note,
)
from rhetoric.base.atomic_files import read_rows, replace_rows
from rhetoric.base.escape import code, md
from rhetoric.base.paths import README
from rhetoric.instruments.features import feature_columns
from rhetoric.instruments.readability import overlap_summary
from rhetoric.instruments.registry import get, measures
from rhetoric.instruments.sentiment import VADER_NYT
from rhetoric.io.corpus import Corpus

START, END = "<!-- findings:start -->", "<!-- findings:end -->"


def doc_label(corpus: Corpus, doc_id: str) -> str:
    """'the pro-cooperation article (`diplomat-2025-06`)', with the corpus's text escaped for Markdown."""
    stance = corpus.documents.set_index("doc_id").at[doc_id, "stance"]
    return f"the {md(stance)} article ({code(doc_id)})"


def compare(corpus: Corpus, values: pd.Series, what: str, fmt: str = "{:.1f}", unit: str = "") -> str:
    """A sentence naming the document with the highest and the lowest value of a measure."""
    values = values.dropna()
    if values.empty:
        return f"{what}: not defined for this corpus."
    hi, lo = values.idxmax(), values.idxmin()
    if fmt.format(values[hi]) == fmt.format(values[lo]):
        return (f"{what} is about the same in every article ({fmt.format(values[hi])}{unit}"
                f"{'' if len(values) == 2 else f', {len(values)} articles'}).")
    if len(values) == 2:
        return (f"{what} is higher in {doc_label(corpus, hi)} ({fmt.format(values[hi])}{unit}) than in "
                f"{doc_label(corpus, lo)} ({fmt.format(values[lo])}{unit}).")
    return (f"{what} is highest in {doc_label(corpus, hi)} ({fmt.format(values[hi])}{unit}) and lowest in "
            f"{doc_label(corpus, lo)} ({fmt.format(values[lo])}{unit}), across {len(values)} articles.")


#: The declared threshold for calling a difference a difference (stated in every notebook that applies it).
THRESHOLD = ("A difference between articles is reported only when their bootstrap 95% intervals over sentences "
             "do not overlap; a difference between groups of documents only when the permutation test over "
             "documents gives a Benjamini-Hochberg q < 0.05 across the measures compared. Anything else is "
             "reported as no clear difference.")


def _fmt(value: float, fmt: str) -> str:
    return "n/a" if value != value else fmt.format(value)


def _names(corpus: Corpus, doc_ids: list[str]) -> str:
    return " and ".join(doc_label(corpus, d) for d in doc_ids)


def measure_statement(corpus: Corpus, label: str, intervals: pd.DataFrame, groups: pd.DataFrame | None = None,
                      *, fmt: str = "{:.1f}", unit: str = "", validity: str = "") -> str:
    """One finding about one measure, at the level the corpus allows, by the rule in :data:`THRESHOLD`.

    ``intervals``: the measure's rows of :func:`rhetoric.analysis.aggregate.article_intervals` (``doc_id, estimate,
    ci_low, ci_high``); ``groups``: its rows of :func:`rhetoric.analysis.aggregate.group_comparison` (tested when every
    group has two or more documents). Ties are reported as ties. ``validity`` (the instrument's out-of-seed
    evidence) is appended when given.
    """
    def value(r) -> str:
        interval = f" [{_fmt(r.ci_low, fmt)}, {_fmt(r.ci_high, fmt)}]" if r.ci_low == r.ci_low else ""
        return f"{_fmt(r.estimate, fmt)}{unit}{interval}"

    rows = intervals.dropna(subset=["estimate"]).set_index("doc_id")
    tail = f" ({validity})" if validity else ""  # before the final period
    lower, label = label, label[:1].upper() + label[1:]
    if rows.empty:
        return f"{label}: not defined for this corpus."
    if len(rows) == 1:
        d = rows.index[0]
        return f"{label}: {value(rows.iloc[0])} in {doc_label(corpus, d)}, the only article{tail}."
    if groups is not None and "in_test" in groups.columns:  # groups of one document are described, not tested
        groups = groups[groups["in_test"].astype(bool)]
    if groups is not None and len(groups) and (groups["test"] != "none").all():
        g = groups.set_index("group")
        q, p = float(g["q_bh"].iloc[0]), float(g["p_permutation"].iloc[0])
        means = "; ".join(f"{code(k)} {value(r)} (n = {int(r.n_docs)})" for k, r in g.iterrows())
        stats = (f"permutation {p_text(p)}, {p_text(q, 'q')}, {g['effect'].iloc[0]} = "
                 f"{g['effect_size'].iloc[0]:.2f}")
        if q < 0.05:
            hi, lo = g["estimate"].idxmax(), g["estimate"].idxmin()
            return (f"{label} differs between groups (document means {means}; {stats}): highest in {code(hi)}, "
                    f"lowest in {code(lo)}{tail}.")
        return f"No clear difference in {lower} between groups (document means {means}; {stats}){tail}."
    shown = rows.assign(text=[_fmt(v, fmt) for v in rows["estimate"]])
    top = shown[shown["text"] == shown.loc[shown["estimate"].idxmax(), "text"]].index.tolist()
    bottom = shown[shown["text"] == shown.loc[shown["estimate"].idxmin(), "text"]].index.tolist()
    if top == list(rows.index):
        return f"{label} is the same in every article ({value(rows.iloc[0])}, as rounded){tail}."
    separated = rows.loc[top, "ci_low"].min() > rows.loc[bottom, "ci_high"].max()
    if len(rows) == 2:
        hi, lo = top[0], bottom[0]
        if separated:
            return (f"{label} is higher in {doc_label(corpus, hi)} ({value(rows.loc[hi])}) than in "
                    f"{doc_label(corpus, lo)} ({value(rows.loc[lo])}){tail}.")
        return (f"No clear difference in {lower} between {doc_label(corpus, hi)} ({value(rows.loc[hi])}) "
                f"and {doc_label(corpus, lo)} ({value(rows.loc[lo])}): the intervals overlap{tail}.")
    tie_hi = " (tie)" if len(top) > 1 else ""
    tie_lo = " (tie)" if len(bottom) > 1 else ""
    verdict = "the intervals of the two ends do not overlap" if separated else "the intervals of the two ends overlap"
    return (f"{label} across {len(rows)} articles: highest in {_names(corpus, top)}{tie_hi} "
            f"({value(rows.loc[top[0]])}), lowest in {_names(corpus, bottom)}{tie_lo} ({value(rows.loc[bottom[0]])}); "
            f"{verdict}{tail}.")


def corpus_findings(corpus: Corpus, intervals: pd.DataFrame, groups: pd.DataFrame, diversity: pd.DataFrame,
                    overlap: pd.DataFrame, group_of: dict[str, str]) -> list[str]:
    """Notebook 01: sentence length and readability (with intervals, by :data:`THRESHOLD`), lexical diversity
    (document-level, described) and vocabulary overlap, from the tables the notebook computed."""
    out = [measure_statement(corpus, intervals[intervals["measure"] == name]["label"].iloc[0],
                             intervals[intervals["measure"] == name], groups[groups["measure"] == name])
           for name in dict.fromkeys(intervals["measure"])]
    mtld = diversity.set_index("doc_id")["MTLD"].dropna()
    if len(mtld) == 1:
        out.append(f"Lexical diversity (MTLD) is {mtld.iloc[0]:.1f} in {doc_label(corpus, mtld.index[0])}.")
    elif len(mtld) > 1:
        out.append(f"Lexical diversity (MTLD, document-level, no interval: described, not compared) ranges from "
                   f"{mtld.min():.1f} in {doc_label(corpus, mtld.idxmin())} to {mtld.max():.1f} in "
                   f"{doc_label(corpus, mtld.idxmax())}.")
    if len(overlap) == 1:
        r = overlap.iloc[0]
        out.append(f"The two articles share {int(r.shared)} content lemmas (Jaccard {r.jaccard:.2f}).")
    elif len(overlap) > 1:
        parts = [f"{r.pairs}: {r.mean_jaccard:.2f} over {int(r.n_pairs)} pairs"
                 for r in overlap_summary(overlap, group_of).itertuples()]
        out.append("Mean Jaccard overlap of content lemmas, " + "; ".join(parts) + ".")
    return out


def _share(x: float) -> str:
    return f"{100 * x:.0f}%"


def _most_frequent(corpus: Corpus, shares: pd.Series, labels: dict[str, str], unit: str) -> str:
    """'unit: Frame A (57%)' or 'Frame A and Frame B (tie, 20%)'."""
    if shares.empty or shares.max() == 0:
        return f"{unit}: no frame"
    top = shares[shares.round(4) == round(shares.max(), 4)]
    names = " and ".join(labels.get(f, f) for f in sorted(top.index))
    return f"{unit}: {names} ({'tie, ' if len(top) > 1 else ''}{_share(shares.max())})"


def framing_findings(corpus: Corpus, frame_salience: pd.DataFrame, labels: dict[str, str],
                     intervals: pd.DataFrame, groups: pd.DataFrame, key: pd.DataFrame | None,
                     evidence: pd.DataFrame | None = None) -> list[str]:
    """Notebook 02: the most frequent frame (per article, or per group beyond eight articles; ties as ties), the
    treatment-recommendation and actor + modal comparisons (by :data:`THRESHOLD`, with validity), and keyness
    (exploratory unless terms pass the correction), from the notebook's own tables."""
    group_of = dict(zip(corpus.documents["doc_id"], corpus.documents["stance"]))
    if corpus.documents.shape[0] <= 8:
        parts = [_most_frequent(corpus, g.set_index("frame")["share_of_sentences"], labels, doc_label(corpus, d))
                 for d, g in frame_salience.groupby("doc_id", sort=False)]
    else:
        mean = frame_salience.assign(group=frame_salience["doc_id"].map(group_of)).groupby(
            ["group", "frame"])["share_of_sentences"].mean()
        parts = [_most_frequent(corpus, mean[g], labels, f"group {code(g)} (mean over its articles)")
                 for g in sorted(mean.index.get_level_values(0).unique())]
    out = ["Most frequent frame (share of sentences; frame dictionary, "
           f"{validity_note('frames', evidence)}): " + "; ".join(parts) + "."]
    notes = {"entman_treatment_share": measure_note(get("entman_treatment_share"), evidence),
             "actor_modal_per_1000": "rule-based reading, not validated outside the study texts"}
    for name in dict.fromkeys(intervals["measure"]):
        rows = intervals[intervals["measure"] == name]
        out.append(measure_statement(corpus, rows["label"].iloc[0], rows, groups[groups["measure"] == name],
                                     fmt="{:.2f}" if rows["unit"].iloc[0] == "share of sentences" else "{:.1f}",
                                     validity=notes.get(name, "")))
    if key is not None:
        fdr = fdr_summary(key)
        top = top_terms(key[~key["function_word"]], 5)
        lead = (f"Keyness, exploratory ({fdr['tested']} terms tested, none passes Benjamini-Hochberg q < "
                f"{fdr['alpha']})" if not fdr["passing"] else
                f"Keyness ({fdr['passing']} of {fdr['tested']} terms pass Benjamini-Hochberg q < {fdr['alpha']})")
        out.append(lead + "; most distinctive content words by z: " + "; ".join(
            f"{md(g)}: {', '.join(grp['term'])}" for g, grp in top.groupby("group", sort=True)) + ".")
    return out


def sentiment_findings(corpus: Corpus, intervals: pd.DataFrame, groups: pd.DataFrame, contributions: pd.DataFrame,
                       by_doc: pd.DataFrame | None, tone_validity: list[str]) -> list[str]:
    """Notebook 03: tone before and after neutralising the misread words (by :data:`THRESHOLD`, each with VADER's
    validity), the words that move tone most, and the two-document test the notebook ran (with its seed)."""

    note = "; ".join(tone_validity)
    out = []
    for name in dict.fromkeys(intervals["measure"]):
        rows = intervals[intervals["measure"] == name]
        out.append(measure_statement(corpus, rows["label"].iloc[0], rows, groups[groups["measure"] == name],
                                     fmt="{:+.3f}", validity=note if name == "vader_compound" else ""))
    if by_doc is not None and "p_permutation" in by_doc.attrs:
        out.append(comparison_sentence(by_doc, "Mean VADER compound", fmt="{:+.3f}"))
    if corpus.documents.shape[0] <= 8:
        for doc_id, g in contributions.groupby("doc_id", sort=False):
            top = g[g["total_valence"] > 0].head(5)
            if len(top):
                out.append(f"In {doc_label(corpus, doc_id)}, the five words adding most positive VADER valence are "
                           f"{', '.join(md(w) for w in top['word'])}; {int(top['on_misread_list'].sum())} of them "
                           "are on the misread list (words VADER misreads in news prose, chosen on other text).")
    return out


def hedging_findings(corpus: Corpus, intervals: pd.DataFrame, groups: pd.DataFrame, table: pd.DataFrame,
                     evidence: pd.DataFrame | None = None) -> list[str]:
    """Notebook 04: hedge and booster rates (by :data:`THRESHOLD`, each with its detector's out-of-seed
    validity) and boosters per hedge (described), from the notebook's own tables."""
    out = []
    for name in dict.fromkeys(intervals["measure"]):
        rows = intervals[intervals["measure"] == name]
        out.append(measure_statement(corpus, rows["label"].iloc[0] + " per 1,000 words", rows,
                                     groups[groups["measure"] == name],
                                     validity=measure_note(get(name), evidence)))
    sums = table.groupby("doc_id", sort=False)[["hedges", "boosters"]].sum()
    ratio = (sums["boosters"] / sums["hedges"].replace(0, float("nan"))).dropna()
    if len(ratio) and len(ratio) <= 8:
        out.append("Boosters per hedge (described, no interval): " + "; ".join(
            f"{doc_label(corpus, d)} {v:.2f}" for d, v in ratio.items()) + ".")
    return out


def clears_threshold(intervals: pd.DataFrame, groups: pd.DataFrame | None) -> bool:
    """Whether a measure's difference clears :data:`THRESHOLD`: groups tested with q < 0.05, or (otherwise) the
    highest and lowest articles' 95% intervals do not overlap."""
    if groups is not None and "in_test" in groups.columns:  # groups of one document are described, not tested
        groups = groups[groups["in_test"].astype(bool)]
    if groups is not None and len(groups) and (groups["test"] != "none").all():
        return bool(groups["q_bh"].iloc[0] < 0.05)
    rows = intervals.dropna(subset=["estimate"])
    if len(rows) < 2:
        return False
    hi, lo = rows.loc[rows["estimate"].idxmax()], rows.loc[rows["estimate"].idxmin()]
    return bool(hi["ci_low"] > lo["ci_high"])


def comparison_findings(corpus: Corpus, core: list, intervals: pd.DataFrame, groups: pd.DataFrame,
                        std: pd.DataFrame, mismatch: pd.DataFrame, evidence: pd.DataFrame | None = None) -> list[str]:
    """Notebook 05: one finding per core measure whose difference clears :data:`THRESHOLD` and whose instrument is
    validated outside the study texts (with that validity); differences on measures that are not validated are
    named as such, described, not found; one line names the core measures with no clear difference; and where
    tone and argument part ways (described)."""
    out, unclear, unvalidated = [], [], []
    for m in core:
        rows, grows = intervals[intervals["measure"] == m.name], groups[groups["measure"] == m.name]
        if rows.empty:
            continue
        if not clears_threshold(rows, grows):
            unclear.append(m.label)
        elif measure_validated(m, evidence):
            fmt = "{:+.3f}" if m.aggregation == "mean" and m.family == "tone" else "{:.1f}"
            out.append(measure_statement(corpus, f"{m.label} ({m.unit})", rows, grows, fmt=fmt,
                                         validity=measure_note(m, evidence)))
        else:
            unvalidated.append(f"{m.label} ({measure_note(m, evidence)})")
    if unvalidated:
        out.append("Differences that clear the rule but rest on an instrument not validated outside the study "
                   "texts (described, not findings): " + "; ".join(unvalidated) + ".")
    if unclear:
        out.append("No clear difference (by the declared rule) in: " + ", ".join(unclear) + ".")
    counts = mismatch.groupby(["doc_id", "mismatch"]).size()
    if len(counts) and corpus.documents.shape[0] <= 8:
        out.append("Tone and argument part ways (described) in " + "; ".join(
            f"{n} sentence(s) of {code(d)} ({m})" for (d, m), n in counts.items()) + ".")
    return out


def placement_findings(corpus: Corpus, percentiles: pd.DataFrame, unusual: float, n_reference: int,
                       evidence: pd.DataFrame | None, measures: dict) -> list[str]:
    """Notebook 06: placements outside the middle of the reference set (mid-rank percentile below ``unusual``
    or above ``100 - unusual``), one finding per measure, each with its instrument's validity; or one line
    saying none is."""
    extreme = percentiles[(percentiles["pct_reference"] < unusual) | (percentiles["pct_reference"] > 100 - unusual)]
    middle = 100 - 2 * unusual
    if extreme.empty:
        return [f"No article falls outside the middle {middle:.0f}% of the {n_reference:,} reference articles on "
                f"any of the {percentiles['name'].nunique()} measures that can support a finding."]
    out = []
    for name, part in extreme.groupby("name", sort=False):
        m = measures[name]
        note = measure_note(m, evidence)
        placed = "; ".join(f"{code(r.doc_id)} {r.value:.3g} (percentile {r.pct_reference:.1f})"
                           for r in part.itertuples())
        tail = f" ({note})" if note else ""
        out.append(f"{m.label[:1].upper() + m.label[1:]}, {m.unit}, outside the middle {middle:.0f}% of "
                   f"{n_reference:,} reference articles on the same subjects: {placed}{tail}.")
    return out


def _audit_statement(instrument: str, what: str, evidence: pd.DataFrame | None) -> list[str]:
    evidence = instrument_evidence() if evidence is None else evidence
    part = evidence[(evidence["instrument"] == instrument) & (evidence["metric"] == "hit precision")]
    if part.empty:
        return [f"{what}: no held-out precision audit committed."]
    overall = part[part["category"] == "all"].iloc[0]
    by_cat = part[part["category"] != "all"].sort_values(["value", "category"], kind="mergesort")
    worst = by_cat.iloc[0] if len(by_cat) else None
    text = (f"{what}: hit precision {overall.value:.2f} [{overall.ci_low:.2f}, {overall.ci_high:.2f}] on "
            f"{int(overall.n)} hits in held-out news (benchmark audit half, coders who did not build it)")
    if worst is not None:
        text += f"; lowest category {worst.category}: {worst.value:.2f} [{worst.ci_low:.2f}, {worst.ci_high:.2f}]"
    return [text + "."]


def frame_validity(checked: dict | None, evidence: pd.DataFrame | None = None) -> list[str]:
    """Notebook 02's validity statements (kind 'validity'): the held-out audits of the frame and Entman
    dictionaries, then, for the seeds, the in-sample check, labelled so."""
    out = _audit_statement("frames", "Frame dictionary", evidence)
    out += _audit_statement("entman", "Entman cues", evidence)
    if checked is not None:
        out += ["In-sample (seeds, optimistic): " + validation_sentences(checked["frames"], "frame dictionary")[0],
                "In-sample (seeds, optimistic): " + validation_sentences(checked["entman"], "Entman cues")[0]]
    return out


def tone_validity(checked: dict | None) -> list[str]:
    """VADER's validity, as every tone finding cites it: the published figure (with its interval), and for the
    seeds the hand check on these texts (r with a Fisher interval)."""
    low, high = fisher_interval(VADER_NYT["r_vader"], VADER_NYT["sentences"])
    out = [f"VADER's published validity: r = {VADER_NYT['r_vader']:.2f} [{low:.2f}, {high:.2f}] with the mean "
           f"human rating on {VADER_NYT['sentences']:,} sentences of NYT opinion editorials (Hutto & Gilbert 2014)"]
    if checked is not None:
        tv = checked["scores"].iloc[0]
        out.append(f"VADER's hand check on {int(tv['n'])} sentences of these texts (one coder): r = "
                   f"{tv['pearson_r']:.2f} [{tv['r_low']:.2f}, {tv['r_high']:.2f}], three-class macro-F1 "
                   f"{tv['macro_f1']:.2f}")
    return out


def hedge_validity(checked: dict | None, evidence: pd.DataFrame | None = None) -> list[str]:
    """Notebook 04's validity statements: the hedge detector across genres and on held-out news, the boosters'
    held-out audit, then (seeds only) the in-sample check, labelled so."""
    evidence = instrument_evidence() if evidence is None else evidence
    note = validity_note("hedges", evidence)
    out = [note[:1].upper() + note[1:] + "."]
    out += _audit_statement("boosters", "Boosters", evidence)
    if checked is not None:
        final = checked["scores"][checked["scores"]["detector"] == USED_DETECTOR].set_index("category")
        out.append(f"In-sample (seeds, one coder): sentence-level F1 {final.at['hedges', 'sentence_f1']:.2f} for "
                   f"hedges (detector developed on other text and a different definition of uncertainty) and "
                   f"{final.at['boosters', 'sentence_f1']:.2f} for boosters (rules refined on this annotation: "
                   "optimistic).")
    return out


def validation_sentences(scores: pd.DataFrame, instrument: str) -> list[str]:
    """Plain statements of an instrument's agreement with hand codes, from a ``label_scores`` table."""
    micro = scores[scores["label"] == "all (micro)"].iloc[0]
    labels = scores[(scores["label"] != "all (micro)") & (scores["gold"] > 0)].dropna(subset=["f1"])
    best = labels.sort_values(["f1", "label"], ascending=[False, True], kind="mergesort").iloc[0]
    worst = labels.sort_values(["f1", "label"], ascending=[True, True], kind="mergesort").iloc[0]
    return [f"Agreement of the {instrument} with the hand codes: micro-averaged F1 {micro.f1:.2f} "
            f"(precision {micro.precision:.2f}, recall {micro.recall:.2f}) over {int(micro.n)} "
            f"sentence-label decisions.",
            f"Best label: {best.label} (F1 {best.f1:.2f}, kappa {best.kappa:.2f}); worst: {worst.label} "
            f"(F1 {worst.f1:.2f}, kappa {worst.kappa:.2f})."]


FINDINGS_FILE = "findings.csv"
FINDINGS_COLUMNS = ["notebook", "kind", "order", "finding"]


def record_findings(out_dir, notebook: str, kind: str, statements: list[str]) -> None:
    """Replace ``notebook``'s statements of ``kind`` in ``out_dir/findings.csv`` (sorted, so the file is stable)."""
    new = pd.DataFrame({"notebook": notebook, "kind": kind, "order": range(len(statements)), "finding": statements})
    replace_rows(Path(out_dir) / FINDINGS_FILE, new, {"notebook": notebook, "kind": kind}, FINDINGS_COLUMNS,
                 ["notebook", "kind", "order"], numeric=("order",))


def clear_findings(out_dir, notebook: str) -> None:
    """Remove every statement ``notebook`` recorded (a notebook starting afresh records its own again)."""
    path = Path(out_dir) / FINDINGS_FILE
    if path.is_file():
        replace_rows(path, pd.DataFrame(columns=FINDINGS_COLUMNS), {"notebook": notebook}, FINDINGS_COLUMNS,
                     ["notebook", "kind", "order"], numeric=("order",))


def read_findings(out_dir, kind: str | None = None) -> pd.DataFrame:
    """The recorded statements (all, or of one ``kind``: 'finding' or 'validity'), in notebook order."""
    table = read_rows(Path(out_dir) / FINDINGS_FILE, FINDINGS_COLUMNS)
    return table if kind is None else table[table["kind"] == kind].reset_index(drop=True)


def findings_markdown(findings: pd.DataFrame, link_prefix: str = "notebooks/") -> str:
    lines = [f"- {r.finding} ([{r.notebook}]({link_prefix}{r.notebook}))" for r in findings.itertuples()]
    return "\n".join(lines)


MEASURES_START, MEASURES_END = "<!-- measures:start -->", "<!-- measures:end -->"


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


def _replace_block(text: str, start: str, end: str, body: str) -> str:
    if start not in text or end not in text:
        return text
    return re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: f"{start}\n{body}\n{end}", text, flags=re.S)


def update_readme(fig_dir, readme=README) -> None:
    """Regenerate the README's generated blocks: the findings (from the notebooks' recorded findings) and the
    list of measures (from the registry)."""
    text = readme.read_text(encoding="utf-8")
    new = _replace_block(text, START, END, findings_markdown(read_findings(fig_dir, "finding")))
    new = _replace_block(new, MEASURES_START, MEASURES_END, measures_markdown())
    if new != text:
        readme.write_text(new, encoding="utf-8")


def comparison_sentence(out: pd.DataFrame, what: str, fmt: str = "{:.2f}") -> str:
    """One sentence reporting a two-group comparison from :func:`compare_groups`."""
    if "p_permutation" not in out.attrs:
        return f"{what}: no two-group test (the corpus has {len(out)} groups)."
    a, b = (code(g) for g in out.attrs["groups"])
    return (f"{what}: difference {a} − {b} = {fmt.format(out.attrs['difference'])} "
            f"(permutation {p_text(out.attrs['p_permutation'])}, Cohen's d = {out.attrs['cohens_d']:.2f}, "
            f"Cliff's delta = {out.attrs['cliffs_delta']:.2f}; sentences are not independent, so p is "
            f"optimistic).")
