"""Findings as sentences computed from results (never typed in).

:func:`rule_findings` states every measure's difference as the declared rule judges it
(:mod:`rhetoric.analysis.verdict`), each notebook its own families (:data:`FAMILY_NOTEBOOK`); each other
``*_findings`` function computes one notebook's further statements, and the ``*_validity`` functions its
instruments' validity. The notebook displays them and records them in ``figures/findings.csv``
(:mod:`rhetoric.report.findings_store`), which ``00-overview`` (executed last) and the README's "findings at a
glance" block read, so they show exactly what the notebooks computed.
"""
from __future__ import annotations

import pandas as pd

from rhetoric.analysis.keyness import fdr_summary, top_terms
from rhetoric.analysis.placement import expected_outside, outside_middle
from rhetoric.analysis.resampling import p_text
from rhetoric.analysis.validity import (
    AUDIT_CODERS,
    SEED_GOLD_CODERS,
    USED_DETECTOR,
    agreement_note,
    fisher_interval,
    instrument_evidence,
    measure_note,
    validity_note,
)
from rhetoric.analysis.verdict import (
    groups_tested,
    judge_measure,
    number_format,
    seed_term_share,
    value_text,
)
from rhetoric.base.escape import code, md
from rhetoric.instruments.readability import overlap_summary
from rhetoric.instruments.registry import derived, derived_measures, get, measures
from rhetoric.instruments.sentiment import VADER_NYT
from rhetoric.io.corpus import Corpus, is_project_corpus


def group_text(corpus: Corpus, group: str) -> str:
    """A group as a sentence names it: its display name from the corpus's ``group_labels.csv`` (escaped for
    Markdown), else its code as a code span."""
    labels = getattr(corpus, "group_labels", None)
    name = labels.label(group) if labels is not None else group
    return md(name) if name != group else code(group)


def _clustered_unit(row) -> str | None:
    """The cluster column a group-comparison row was tested over (``analysis_unit``), or ``None`` for articles."""
    unit = str(getattr(row, "analysis_unit", "") or "")
    return unit if unit and unit not in ("article", "document", "nan") else None


def units_text(row) -> str:
    """A group's size in a sentence reporting a test: ``n = 40`` (articles, the unit), or with clusters
    ``n = 40 articles, 6 outlets`` (the units the test counts)."""
    unit = _clustered_unit(row)
    if unit is None:
        return f"n = {int(row.n_docs)}"
    return f"n = {int(row.n_docs)} articles, {int(row.n_units)} {unit}{'s' if int(row.n_units) != 1 else ''}"


def over_text(g: pd.DataFrame) -> str:
    """`` over outlets`` when a group table was tested over clusters (its ``analysis_unit``), else ``""``."""
    unit = _clustered_unit(g.iloc[0]) if len(g) else None
    return f" over {unit}s" if unit else ""

def doc_label(corpus: Corpus, doc_id: str) -> str:
    """'the pro-cooperation article (`diplomat-2025-06`)', with the corpus's text escaped for Markdown; a group
    named in ``group_labels.csv`` by its display name."""
    stance = corpus.documents.set_index("doc_id").at[doc_id, "stance"]
    labels = getattr(corpus, "group_labels", None)
    return f"the {md(labels.label(stance) if labels is not None else stance)} article ({code(doc_id)})"


def _names(corpus: Corpus, doc_ids: list[str]) -> str:
    return " and ".join(doc_label(corpus, d) for d in doc_ids)


def family_note(groups: pd.DataFrame) -> str:
    """Beside a q-value: the Benjamini-Hochberg family it was computed in, when it is not the run's family of
    every registered measure (derived measures are tested in a family of their own: ``bh_family``)."""
    if "bh_family" not in groups.columns:
        return ""
    named = [f for f in groups["bh_family"].tolist() if isinstance(f, str) and f]
    return f" (Benjamini-Hochberg within {named[0]})" if named else ""


def multiple_testing_note(groups: pd.DataFrame, n_resamples: int) -> str:
    """Notebook 05's statement of the run's Benjamini-Hochberg families, from the run's group table."""
    tested = int(groups.attrs.get("family", 0))
    extra = ", ".join(f"`{m.name}`" for m in derived_measures())
    if tested == 0:
        return ("**Multiple testing:** no group test in this run (fewer than two groups with two or more "
                "documents), so no q-value.")
    return (f"**Multiple testing:** one Benjamini-Hochberg family for the registered measures of the run: the "
            f"{tested} registered measures tested ({n_resamples:,} resamples each). The derived measures ({extra}) "
            "are tested in a family of their own in the notebook that computes them, named wherever their q is "
            "reported.")


def measure_statement(corpus: Corpus, label: str, intervals: pd.DataFrame, groups: pd.DataFrame | None = None,
                      *, fmt: str = "{:.1f}", unit: str = "", validity: str = "") -> str:
    """One finding about one measure, at the level the corpus allows, by the rule in
    :data:`~rhetoric.analysis.verdict.THRESHOLD`.

    ``intervals``: the measure's rows of :func:`rhetoric.analysis.aggregate.article_intervals` (``doc_id, estimate,
    ci_low, ci_high``); ``groups``: its rows of :func:`rhetoric.analysis.aggregate.group_comparison` (tested when every
    group has two or more documents). Ties are reported as ties. ``validity`` (the instrument's out-of-seed
    evidence) is appended when given.
    """
    def value(r) -> str:
        interval = f" [{value_text(r.ci_low, fmt)}, {value_text(r.ci_high, fmt)}]" if r.ci_low == r.ci_low else ""
        return f"{value_text(r.estimate, fmt)}{unit}{interval}"

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
        means = "; ".join(f"{group_text(corpus, k)} {value(r)} ({units_text(r)})" for k, r in g.iterrows())
        stats = (f"permutation{over_text(g)} {p_text(p)}, {p_text(q, 'q')}{family_note(g)}, {g['effect'].iloc[0]} = "
                 f"{g['effect_size'].iloc[0]:.2f}")
        if q < 0.05:
            hi, lo = g["estimate"].idxmax(), g["estimate"].idxmin()
            return (f"{label} differs between groups (document means {means}; {stats}): highest in "
                    f"{group_text(corpus, hi)}, lowest in {group_text(corpus, lo)}{tail}.")
        return f"No clear difference in {lower} between groups (document means {means}; {stats}){tail}."
    shown = rows.assign(text=[value_text(v, fmt) for v in rows["estimate"]])
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


# --- The rule, applied by one function to every measure ------------------------------------------------------

#: The notebook that states the rule's findings for each measure family: every family of the registry exactly
#: once (``tests/report/test_findings.py`` checks), so no notebook chooses which measures become findings. A derived
#: measure (``derived_measures.csv``) is stated by the notebook that computes it and passes it in ``extra``.
FAMILY_NOTEBOOK = {"size": "01-corpus", "readability": "01-corpus", "framing": "02-framing",
                   "tone": "03-sentiment", "stance": "04-hedging", "modality": "04-hedging",
                   "engagement": "05-rhetorical-comparison", "argument": "05-rhetorical-comparison"}


def sensitivity_note(corpus: Corpus) -> str:
    """What the leave-seed-terms-out check does, for the notebooks: said only where it applies (the project's
    own articles, whose reading gave the first word lists); empty for any other corpus."""
    if not is_project_corpus(corpus):
        return ""
    return ("*Leave-seed-terms-out:* on these two articles every dictionary-based difference is also judged with the "
            "terms first read off them left out of the word lists (`findings.seed_term_profile`); a difference "
            "that clears the rule only with them is described, not a finding.")


def _measure(name: str):
    try:
        return get(name)
    except KeyError:
        return derived(name)


def _label(measure) -> str:
    return f"{measure.label}, {measure.unit}," if "(" in measure.unit else f"{measure.label} ({measure.unit})"


def _described(corpus: Corpus, measure, rows: pd.DataFrame, grows: pd.DataFrame, reason: str) -> str:
    """The values of a difference that clears the rule on an instrument that failed validation (no comparative
    wording), and the check it failed."""
    fmt = number_format(measure)

    def value(r) -> str:
        return f"{value_text(r.estimate, fmt)} [{value_text(r.ci_low, fmt)}, {value_text(r.ci_high, fmt)}]"

    if groups_tested(grows):
        g = grows.set_index("group")
        vals = "; ".join(f"{group_text(corpus, k)} {value(r)} ({units_text(r)})" for k, r in g.iterrows())
        over = over_text(g)
        vals += f"; q = {float(g['q_bh'].iloc[0]):.3f}{family_note(g)}" + (f" (permutation{over})" if over else "")
    else:
        vals = "; ".join(f"{code(r.doc_id)} {value(r)}" for r in rows.dropna(subset=["estimate"]).itertuples())
    return f"{_label(measure)}: {vals}. Failed check: {reason}"


def rule_findings(corpus: Corpus, profile: pd.DataFrame, groups: pd.DataFrame,
                  evidence: pd.DataFrame | None = None, *, notebook: str | None = None,
                  without_seed_terms: pd.DataFrame | None = None) -> dict[str, list[str]]:
    """Every measure's difference judged by :data:`~rhetoric.analysis.verdict.THRESHOLD`, by one rule for every
    notebook (:func:`~rhetoric.analysis.verdict.judge_measure`).

    ``profile`` and ``groups`` are :func:`~rhetoric.analysis.verdict.rule_tables` (or any tables with their
    columns). The measures judged are those whose family :data:`FAMILY_NOTEBOOK` assigns to ``notebook`` plus any
    derived measure in the tables (all measures when ``notebook`` is ``None``); measures without intervals
    (document-level) are left to the notebook that describes them. Returns ``{"finding": [...], "described": [...]}``:

    * ``finding``: one statement per measure whose difference clears the rule and whose instrument can carry a
      finding (:func:`rhetoric.analysis.validity.measure_validated`), with its validity; then one line naming
      the measures with no clear difference.
    * ``described``: each measure whose difference clears the rule but whose instrument failed validation,
      with its values and the check it failed (:func:`rhetoric.analysis.validity.validation_failure`);
      never worded as a difference.

    ``without_seed_terms`` (:func:`~rhetoric.analysis.verdict.seed_term_profile`, the seeds only): the
    leave-seed-terms-out check. A difference between the two articles that clears the rule only with the terms
    first read off these articles is described, not a finding; a finding that survives says so, with its values
    without those terms.
    """
    evidence = instrument_evidence() if evidence is None else evidence
    registered = {m.name for m in measures()}
    found, described, unclear = [], [], []
    for name in dict.fromkeys(profile["measure"]):
        m = _measure(name)
        if notebook is not None and name in registered and FAMILY_NOTEBOOK.get(m.family) != notebook:
            continue
        rows, grows = profile[profile["measure"] == name], groups[groups["measure"] == name]
        verdict = judge_measure(m, rows, grows, evidence, without_seed_terms)
        seeded = seed_term_share(m, rows, without_seed_terms)  # on the seeds: how much rests on seed-read terms
        if verdict.kind == "unclear":
            unclear.append(f"{m.label} ({seeded})" if seeded else m.label)
        elif verdict.kind == "finding":
            note = "; ".join(n for n in (verdict.note, seeded) if n)
            found.append(measure_statement(corpus, _label(m), rows, grows, fmt=number_format(m), validity=note))
        elif verdict.kind == "described":
            why = ("only with the terms first read off these two articles" if verdict.seed_terms
                   else "its instrument has not passed validation")
            note = f"{verdict.note}; {seeded}" if seeded else verdict.note
            described.append((_described(corpus, m, rows, grows, note), why))
    if described:
        described = [f"Described only, not a finding (the difference clears the rule, but {why}): {d}."
                     for d, why in described]
    if unclear:
        found.append("No clear difference (by the declared rule) in: " + ", ".join(unclear) + ".")
    return {"finding": found, "described": described}


def seed_term_caption(frame_profile: pd.DataFrame, without_seed_terms: pd.DataFrame | None) -> str:
    """For the paper figure's caption on the seeds: the share of the frame sentences drawn in panel B (summed over
    the frames, per article) that count only through terms first read off the seeds; empty for any other corpus.
    ``frame_profile``: the per-article rows of the ``frame_*_share`` measures (``measure_id`` or ``measure``
    their name); ``without_seed_terms``: :func:`~rhetoric.analysis.verdict.seed_term_profile`."""
    if without_seed_terms is None or frame_profile.empty:
        return ""
    names = frame_profile["measure_id"] if "measure_id" in frame_profile else frame_profile["measure"]
    shown = frame_profile.assign(name=names.to_numpy())
    shown = shown[shown["name"].str.fullmatch(r"frame_.+_share")]
    alone = without_seed_terms.set_index(["doc_id", "measure"])["estimate"]
    parts = []
    for doc_id, rows in shown.groupby("doc_id", sort=False):
        total = float(rows["estimate"].sum())
        less = sum(float(alone.get((doc_id, n), e)) for n, e in zip(rows["name"], rows["estimate"]))
        parts.append(f"{code(doc_id)} {100 * (total - less) / total:.0f}%" if total else f"{code(doc_id)} no frame")
    return ("In B, the share of frame sentences (summed over the frames) that count only through terms first read "
            "off these articles: " + ", ".join(parts) + ".")


def corpus_findings(corpus: Corpus, diversity: pd.DataFrame, overlap: pd.DataFrame,
                    group_of: dict[str, str]) -> list[str]:
    """Notebook 01, beside :func:`rule_findings`: lexical diversity (document-level, described) and vocabulary
    overlap, from the tables the notebook computed."""
    out = []
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


def _most_frequent(corpus: Corpus, shares: pd.Series, labels: dict[str, str], unit: str,
                   without: pd.Series | None = None) -> str:
    """'unit: Frame A (57%)' or 'Frame A and Frame B (tie, 20%)'; with ``without`` (the article's frame shares
    without the seed-read terms, by frame), the share of each top frame's sentences that count only through
    them."""
    if shares.empty or shares.max() == 0:
        return f"{unit}: no frame"
    top = shares[shares.round(4) == round(shares.max(), 4)]
    names = " and ".join(labels.get(f, f) for f in sorted(top.index))
    seeded = ""
    if without is not None:
        parts = [f"{100 * (shares[f] - without.get(f, shares[f])) / shares[f]:.0f}%" for f in sorted(top.index)]
        seeded = f"; from terms first read off the seeds: {', '.join(parts)} of it"
    return f"{unit}: {names} ({'tie, ' if len(top) > 1 else ''}{_share(shares.max())}{seeded})"


def framing_findings(corpus: Corpus, frame_salience: pd.DataFrame, labels: dict[str, str],
                     key: pd.DataFrame | None, evidence: pd.DataFrame | None = None,
                     without_seed_terms: pd.DataFrame | None = None) -> list[str]:
    """Notebook 02, beside :func:`rule_findings`: the most frequent frame (per article, or per group beyond eight
    articles; ties as ties; described, with the dictionary's validity; on the seeds, with
    ``without_seed_terms`` (:func:`~rhetoric.analysis.verdict.seed_term_profile`), the share of it from terms
    first read off them) and keyness (exploratory unless terms pass the correction), from the notebook's own
    tables."""
    group_of = dict(zip(corpus.documents["doc_id"], corpus.documents["stance"]))

    def without(doc_id: str) -> pd.Series | None:
        if without_seed_terms is None:
            return None
        rows = without_seed_terms[(without_seed_terms["doc_id"] == doc_id)
                                  & without_seed_terms["measure"].str.fullmatch(r"frame_.+_share")]
        return pd.Series(rows["estimate"].to_numpy(dtype=float),
                         index=rows["measure"].str.removeprefix("frame_").str.removesuffix("_share"))

    if corpus.documents.shape[0] <= 8:
        parts = [_most_frequent(corpus, g.set_index("frame")["share_of_sentences"], labels, doc_label(corpus, d),
                                without(d))
                 for d, g in frame_salience.groupby("doc_id", sort=False)]
    else:
        mean = frame_salience.assign(group=frame_salience["doc_id"].map(group_of)).groupby(
            ["group", "frame"])["share_of_sentences"].mean()
        parts = [_most_frequent(corpus, mean[g], labels, f"group {group_text(corpus, g)} (mean over its articles)")
                 for g in sorted(mean.index.get_level_values(0).unique())]
    out = ["Most frequent frame (described; share of sentences; frame dictionary, "
           f"{validity_note('frames', evidence)}): " + "; ".join(parts) + "."]
    if key is not None:
        fdr = fdr_summary(key)
        top = top_terms(key[~key["function_word"]], 5)
        if not fdr["passing"]:
            out.append(f"Keyness, exploratory only ({fdr['tested']} terms tested, none passes Benjamini-Hochberg q "
                       f"< {fdr['alpha']}, so no word is shown to set a group apart); highest z, exploratory: "
                       + "; ".join(f"{md(g)}: {', '.join(grp['term'])}" for g, grp in top.groupby("group", sort=True))
                       + ".")
        else:
            passing = top[top["q_bh"] < fdr["alpha"]]
            out.append(f"Keyness ({fdr['passing']} of {fdr['tested']} terms pass Benjamini-Hochberg q < "
                       f"{fdr['alpha']}); passing content words among the top by z: " + ("; ".join(
                           f"{md(g)}: {', '.join(grp['term'])}" for g, grp in passing.groupby("group", sort=True))
                           or "none") + ".")
    return out


def sentiment_findings(corpus: Corpus, contributions: pd.DataFrame, by_doc: pd.DataFrame | None) -> list[str]:
    """Notebook 03, beside :func:`rule_findings`: the two-document test the notebook ran (with its seed) and the
    words that move tone most (described)."""
    out = []
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


def hedging_findings(corpus: Corpus, table: pd.DataFrame) -> list[str]:
    """Notebook 04, beside :func:`rule_findings`: boosters per hedge (described, no interval)."""
    out = []
    sums = table.groupby("doc_id", sort=False)[["hedges", "boosters"]].sum()
    ratio = (sums["boosters"] / sums["hedges"].replace(0, float("nan"))).dropna()
    if len(ratio) and len(ratio) <= 8:
        out.append("Boosters per hedge (described, no interval): " + "; ".join(
            f"{doc_label(corpus, d)} {v:.2f}" for d, v in ratio.items()) + ".")
    return out


def comparison_findings(corpus: Corpus, mismatch: pd.DataFrame) -> list[str]:
    """Notebook 05, beside :func:`rule_findings`: where tone and argument part ways (described)."""
    out = []
    counts = mismatch.groupby(["doc_id", "mismatch"]).size()
    if len(counts) and corpus.documents.shape[0] <= 8:
        out.append("Tone and argument part ways (described) in " + "; ".join(
            f"{n} sentence(s) of {code(d)} ({m})" for (d, m), n in counts.items()) + ".")
    return out


def placement_findings(corpus: Corpus, judged: pd.DataFrame, percentiles: pd.DataFrame, reference: str,
                       n_reference: int, evidence: pd.DataFrame | None, measures: dict, alpha: float = 0.05,
                       middle: float = 0.90, seed_check: tuple[int, int] | None = None) -> list[str]:
    """Notebook 06: how many placements fall outside the middle ``middle`` of the reference set beside how
    many would by chance (``(1 - middle) * m * n``), then each (article, family) placement that is unusual by
    the multiplicity-aware rule of :mod:`rhetoric.analysis.placement` (``judged``, its
    :func:`~rhetoric.analysis.placement.judge_placements` table),
    with the instrument's validity; or one line saying none is. ``reference`` names the reference set.
    ``seed_check`` (the seeds only: :func:`~rhetoric.analysis.placement.outside_without_seed_terms`): how many of
    the placements outside the middle stay there without the terms first read off the seeds, said beside the
    count."""
    n_measures, n_docs = percentiles["name"].nunique(), percentiles["doc_id"].nunique()
    observed, expected = outside_middle(percentiles, middle), expected_outside(n_measures, n_docs, middle)
    share = f"{100 * middle:.0f}%"
    out = [f"{observed} of {len(percentiles.dropna(subset=['pct_reference']))} placements ({n_measures} measures "
           f"× {n_docs} articles) fall outside the middle {share} of {n_reference:,} {reference}; about "
           f"{expected:.1f} would by chance alone, so that count is not by itself a finding."]
    if seed_check is not None:
        stay, outside = seed_check
        out[0] += (f" With the terms first read off these articles left out of their word lists (the reference "
                   f"measured as before), {stay} of those {outside} placements stay outside the middle {share}; "
                   f"{outside - stay} rest on those terms.")
    rule = (f"two-sided mid-rank p, Bonferroni within a family of measures (the readability formulas are one), "
            f"Benjamini-Hochberg q < {alpha} over {len(judged)} article-family pairs")
    unusual = judged[judged["unusual"]]
    if unusual.empty:
        out.append(f"No placement is unusual by the multiplicity-aware rule ({rule}).")
        return out
    for r in unusual.itertuples():
        m = measures[r.extreme]
        note = measure_note(m, evidence)
        fam = f" (most extreme of {r.measures} in the family {r.family})" if r.measures > 1 else ""
        out.append(f"{m.label[:1].upper() + m.label[1:]}{fam}, {m.unit}: {code(r.doc_id)} {r.value:.3g} is at "
                   f"percentile {r.pct_reference:.1f} of {n_reference:,} {reference}, unusual by the rule "
                   f"({rule}; q = {r.q_bh:.3f}){f' ({note})' if note else ''}.")
    return out


def _audit_statement(instrument: str, what: str, evidence: pd.DataFrame | None) -> list[str]:
    evidence = instrument_evidence() if evidence is None else evidence
    part = evidence[(evidence["instrument"] == instrument) & (evidence["metric"] == "hit precision")]
    if part.empty:
        return [f"{what}: no held-out precision audit committed."]
    overall = part[part["category"] == "all"].iloc[0]
    by_cat = part[part["category"] != "all"].sort_values(["value", "category"], kind="mergesort")
    worst = by_cat.iloc[0] if len(by_cat) else None
    agree = agreement_note(instrument)
    where = ("the re-audit of the revised word lists on held-out news (benchmark audit half: the first audit's hits "
             "still current and a reproducible random top-up"
             if "re-audit" in str(overall.evidence) else "held-out news (benchmark audit half")
    text = (f"{what}: hit precision {overall.value:.2f} [{overall.ci_low:.2f}, {overall.ci_high:.2f}] on "
            f"{int(overall.n)} hits in {where}; {AUDIT_CODERS} that did not build "
            f"it{'; ' + agree if agree else ''})")
    if worst is not None:
        text += f"; lowest category {worst.category}: {worst.value:.2f} [{worst.ci_low:.2f}, {worst.ci_high:.2f}]"
    return [text + "."]


def frame_validity(checked: dict | None, evidence: pd.DataFrame | None = None) -> list[str]:
    """Notebook 02's validity statements (kind 'validity'): the held-out audits of the frame and Entman
    dictionaries, then, for the seeds, the in-sample check, labelled so."""
    out = _audit_statement("frames", "Frame dictionary", evidence)
    out += _audit_statement("entman", "Entman cues", evidence)
    if checked is not None:
        lead = f"In-sample (seeds' gold set, {SEED_GOLD_CODERS}; optimistic): "
        out += [lead + validation_sentences(checked["frames"], "frame dictionary")[0],
                lead + validation_sentences(checked["entman"], "Entman cues")[0]]
    return out


def tone_validity(checked: dict | None) -> list[str]:
    """VADER's validity, as every tone finding cites it: the published figure (with its interval), and for the
    seeds the in-sample check on these texts (r with a Fisher interval)."""
    low, high = fisher_interval(VADER_NYT["r_vader"], VADER_NYT["sentences"])
    out = [f"VADER's published validity: r = {VADER_NYT['r_vader']:.2f} [{low:.2f}, {high:.2f}] with the mean "
           f"human rating on {VADER_NYT['sentences']:,} sentences of NYT opinion editorials (Hutto & Gilbert 2014)"]
    if checked is not None:
        tv = checked["scores"].iloc[0]
        out.append(f"VADER's in-sample check on {int(tv['n'])} sentences of these texts ({SEED_GOLD_CODERS}): "
                   f"r = "
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
        out.append(f"In-sample (seeds' gold set, {SEED_GOLD_CODERS}): sentence-level F1 "
                   f"{final.at['hedges', 'sentence_f1']:.2f} for "
                   f"hedges (detector developed on other text and a different definition of uncertainty) and "
                   f"{final.at['boosters', 'sentence_f1']:.2f} for boosters (rules first refined on this annotation, "
                   "then re-derived on development text: optimistic).")
    return out


def validation_sentences(scores: pd.DataFrame, instrument: str) -> list[str]:
    """Plain statements of an instrument's agreement with the seeds' gold codes, from a ``label_scores`` table."""
    micro = scores[scores["label"] == "all (micro)"].iloc[0]
    labels = scores[(scores["label"] != "all (micro)") & (scores["gold"] > 0)].dropna(subset=["f1"])
    best = labels.sort_values(["f1", "label"], ascending=[False, True], kind="mergesort").iloc[0]
    worst = labels.sort_values(["f1", "label"], ascending=[True, True], kind="mergesort").iloc[0]
    return [f"Agreement of the {instrument} with the gold codes ({SEED_GOLD_CODERS}): micro-averaged F1 "
            f"{micro.f1:.2f} "
            f"(precision {micro.precision:.2f}, recall {micro.recall:.2f}) over {int(micro.n)} "
            f"sentence-label decisions.",
            f"Best label: {best.label} (F1 {best.f1:.2f}, kappa {best.kappa:.2f}); worst: {worst.label} "
            f"(F1 {worst.f1:.2f}, kappa {worst.kappa:.2f})."]


def comparison_sentence(out: pd.DataFrame, what: str, fmt: str = "{:.2f}") -> str:
    """One sentence reporting a two-group comparison from :func:`compare_groups`."""
    if "p_permutation" not in out.attrs:
        return f"{what}: no two-group test (the corpus has {len(out)} groups)."
    a, b = (code(g) for g in out.attrs["groups"])
    return (f"{what}, described with sentences as the units (the declared rule judges articles and groups): "
            f"{a} − {b} = {fmt.format(out.attrs['difference'])} "
            f"(permutation {p_text(out.attrs['p_permutation'])}, Cohen's d = {out.attrs['cohens_d']:.2f}, "
            f"Cliff's delta = {out.attrs['cliffs_delta']:.2f}; sentences are not independent, so p is "
            f"optimistic).")
