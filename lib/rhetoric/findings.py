"""Findings as sentences computed from results (never typed in).

Each ``*_findings`` function computes one notebook's headline statements; the notebook displays them and
records them in ``figures/findings.csv`` (:func:`record_findings`). ``00-overview`` (executed last) and the
README's "findings at a glance" block read that file, so they show exactly what the notebooks computed.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from . import sentiment, stats
from .corpus import Corpus
from .features import feature_columns
from .files import read_rows, replace_rows
from .frames import dominant_frames
from .paths import README
from .registry import measures
from .sentiment import VADER_NYT
from .text import code, md

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

    ``intervals``: the measure's rows of :func:`rhetoric.aggregate.article_intervals` (``doc_id, estimate,
    ci_low, ci_high``); ``groups``: its rows of :func:`rhetoric.aggregate.group_comparison` (tested when every
    group has two or more documents). Ties are reported as ties. ``validity`` (the instrument's out-of-seed
    evidence) is appended when given.
    """
    def value(r) -> str:
        interval = f" [{_fmt(r.ci_low, fmt)}, {_fmt(r.ci_high, fmt)}]" if r.ci_low == r.ci_low else ""
        return f"{_fmt(r.estimate, fmt)}{unit}{interval}"

    rows = intervals.dropna(subset=["estimate"]).set_index("doc_id")
    tail = f" ({validity})" if validity else ""
    lower, label = label, label[:1].upper() + label[1:]
    if rows.empty:
        return f"{label}: not defined for this corpus."
    if len(rows) == 1:
        d = rows.index[0]
        return f"{label}: {value(rows.iloc[0])} in {doc_label(corpus, d)}, the only article.{tail}"
    if groups is not None and len(groups) and (groups["test"] != "none").all():
        g = groups.set_index("group")
        q, p = float(g["q_bh"].iloc[0]), float(g["p_permutation"].iloc[0])
        means = "; ".join(f"{code(k)} {value(r)} (n = {int(r.n_docs)})" for k, r in g.iterrows())
        stats = f"permutation p = {p:.3f}, q = {q:.3f}, {g['effect'].iloc[0]} = {g['effect_size'].iloc[0]:.2f}"
        if q < 0.05:
            hi, lo = g["estimate"].idxmax(), g["estimate"].idxmin()
            return (f"{label} differs between groups (document means {means}; {stats}): highest in {code(hi)}, "
                    f"lowest in {code(lo)}.{tail}")
        return f"No clear difference in {lower} between groups (document means {means}; {stats}).{tail}"
    shown = rows.assign(text=[_fmt(v, fmt) for v in rows["estimate"]])
    top = shown[shown["text"] == shown.loc[shown["estimate"].idxmax(), "text"]].index.tolist()
    bottom = shown[shown["text"] == shown.loc[shown["estimate"].idxmin(), "text"]].index.tolist()
    if top == list(rows.index):
        return f"{label} is the same in every article ({value(rows.iloc[0])}, as rounded).{tail}"
    separated = rows.loc[top, "ci_low"].min() > rows.loc[bottom, "ci_high"].max()
    if len(rows) == 2:
        hi, lo = top[0], bottom[0]
        if separated:
            return (f"{label} is higher in {doc_label(corpus, hi)} ({value(rows.loc[hi])}) than in "
                    f"{doc_label(corpus, lo)} ({value(rows.loc[lo])}).{tail}")
        return (f"No clear difference in {lower} between {doc_label(corpus, hi)} ({value(rows.loc[hi])}) "
                f"and {doc_label(corpus, lo)} ({value(rows.loc[lo])}): the intervals overlap.{tail}")
    tie_hi = " (tie)" if len(top) > 1 else ""
    tie_lo = " (tie)" if len(bottom) > 1 else ""
    verdict = "the intervals of the two ends do not overlap" if separated else "the intervals of the two ends overlap"
    return (f"{label} across {len(rows)} articles: highest in {_names(corpus, top)}{tie_hi} "
            f"({value(rows.loc[top[0]])}), lowest in {_names(corpus, bottom)}{tie_lo} ({value(rows.loc[bottom[0]])}); "
            f"{verdict}.{tail}")


def corpus_findings(corpus: Corpus, size: pd.DataFrame, read: pd.DataFrame, diversity: pd.DataFrame) -> list[str]:
    """Notebook 01: sentence length, readability (the project's, on Punkt sentences) and lexical diversity,
    from the tables the notebook computed (each indexed by or holding ``doc_id``)."""
    size, read, div = (t.set_index("doc_id") for t in (size, read, diversity))
    return [compare(corpus, size["words_per_sentence_mean"], "Mean sentence length", unit=" words"),
            compare(corpus, read["Flesch-Kincaid grade"], "Flesch-Kincaid grade"),
            compare(corpus, div["MTLD"], "Lexical diversity (MTLD)")]


def _share(x: float) -> str:
    return f"{100 * x:.0f}%"


def framing_findings(corpus: Corpus, frame_salience: pd.DataFrame, labels: dict[str, str], actions: pd.DataFrame,
                     sents: pd.DataFrame, functions: pd.DataFrame, key: pd.DataFrame | None) -> list[str]:
    """Notebook 02: the most frequent frame, actor + modal constructions, treatment cues and keyness, from the
    notebook's frame salience, actor actions, Entman functions and keyness tables."""
    top = dominant_frames(frame_salience, top=1)
    out = ["Most frequent frame (share of sentences): " + "; ".join(
        f"{doc_label(corpus, r.doc_id)}: {labels[r.frame]} ({_share(r.share_of_sentences)})"
        for r in top.itertuples()) + "."]
    modal = actions[actions["construction"] == "modal"].groupby("doc_id").size().reindex(corpus.doc_ids,
                                                                                         fill_value=0)
    words = sents.groupby("doc_id")["n_words"].sum()
    out.append(compare(corpus, 1000 * modal / words,
                       "Actor + modal constructions (\"China can ...\") per 1,000 words", fmt="{:.1f}"))
    treat = functions["treatment"].groupby(sents["doc_id"]).mean()
    out.append(compare(corpus, 100 * treat, "The share of sentences with a treatment-recommendation cue",
                       fmt="{:.0f}", unit="%"))
    if key is not None:
        out.append("Most distinctive words (keyness z, informative prior): " + "; ".join(
            f"{g}: {', '.join(grp['term'])}" for g, grp in key.groupby("group", sort=True)) + ".")
    return out


def sentiment_findings(corpus: Corpus, scored: pd.DataFrame, by_doc: pd.DataFrame, contributions: pd.DataFrame,
                       neutralised: pd.DataFrame, misread: set[str]) -> list[str]:
    """Notebook 03: mean tone, the two-document test the notebook ran (``by_doc`` from
    :func:`rhetoric.stats.compare_groups` with the notebook's seed), the words behind positive tone and the
    effect of neutralising the misread words (``neutralised``: per document, before and after)."""
    mean = scored.groupby("doc_id", sort=False)["vader_compound"].mean()
    out = [compare(corpus, mean, "Mean VADER tone (compound)", fmt="{:+.3f}")]
    if "p_permutation" in by_doc.attrs:
        out.append(stats.comparison_sentence(by_doc, "Mean VADER compound", fmt="{:+.3f}"))
    top = contributions[contributions["total_valence"] > 0].groupby("doc_id", sort=False).head(5)
    for doc_id, g in top.groupby("doc_id", sort=False):
        share = g["word"].isin(misread).sum()
        out.append(f"In {doc_label(corpus, doc_id)}, the five words adding most positive VADER valence are "
                   f"{', '.join(g['word'])}; {share} of them are words the lexicon misreads in foreign-policy "
                   "prose (policy_words.csv).")
    out.append("With the valence of the policy words in policy_words.csv set to zero, mean compound moves "
               + "; ".join(f"from {r.vader_compound:+.3f} to {r.vader_without_misread:+.3f} in "
                           f"{doc_label(corpus, d)}" for d, r in neutralised.iterrows()) + ".")
    out.append(f"VADER's published validity on opinion editorials is r = {sentiment.VADER_NYT['r_vader']} with "
               "human ratings (Hutto & Gilbert 2014): tone is a weak instrument here, and not a measure of stance.")
    return out


def hedging_findings(corpus: Corpus, rate_table: pd.DataFrame) -> list[str]:
    """Notebook 04: hedge and booster rates with the notebook's permutation tests, and boosters per hedge, from
    the notebook's rate table (:func:`rhetoric.hedging.rates`, with its seed)."""
    out = []
    for measure in ("hedges", "boosters"):
        g = rate_table[rate_table["measure"] == measure]
        values = g.set_index("doc_id")["per_1000_words"]
        text = compare(corpus, values, f"The rate of {measure} (per 1,000 words)", fmt="{:.1f}")
        if "p_permutation" in g:
            text += (f" Permutation p = {g['p_permutation'].iloc[0]:.3f}, Cliff's delta = "
                     f"{g['cliffs_delta'].iloc[0]:.2f} (sentences, not articles, are the units).")
        out.append(text)
    counts = rate_table.pivot(index="doc_id", columns="measure", values="count")
    ratio = counts["boosters"] / counts["hedges"].replace(0, float("nan"))
    out.append(compare(corpus, ratio, "Boosters per hedge", fmt="{:.2f}"))
    return out


def comparison_findings(corpus: Corpus, table: pd.DataFrame, std: pd.DataFrame, mismatch: pd.DataFrame) -> list[str]:
    """Notebook 05: proposal and verdict rates, the largest standardised differences (``std`` as the notebook
    computed it, with its seed) and where tone and argument part ways (``mismatch``)."""
    words = table.groupby("doc_id", sort=False)["n_words"].sum()
    out = []
    for col, label in (("proposal", "Proposal language (can, could, would allow ...) per 1,000 words"),
                       ("verdict", "Verdict language (clearly, fundamentally, demonstrated, failed ...) "
                                   "per 1,000 words")):
        out.append(compare(corpus, 1000 * table.groupby("doc_id", sort=False)[col].sum() / words, label,
                           fmt="{:.1f}"))
    spread = std.groupby("measure")["estimate"].agg(lambda e: e.max() - e.min()).sort_values(ascending=False,
                                                                                              kind="mergesort")
    parts = []
    for measure in spread.index[:3]:
        g = std[std["measure"] == measure].set_index("doc_id")["estimate"]
        parts.append(f"{measure} (highest in `{g.idxmax()}`, {g.max():+.2f} SD; lowest in `{g.idxmin()}`, "
                     f"{g.min():+.2f} SD)")
    out.append("Largest standardised differences between the articles: " + "; ".join(parts) + ".")
    counts = mismatch.groupby(["doc_id", "mismatch"]).size()
    if len(counts):
        out.append("Tone and argument part ways in " + "; ".join(
            f"{n} sentence(s) of `{d}` ({m})" for (d, m), n in counts.items()) + ".")
    return out


def frame_validity(checked: dict | None) -> list[str]:
    """Notebook 02's validity statements (recorded as kind 'validity'), from its frame and Entman validation."""
    if checked is None:
        return []
    return (validation_sentences(checked["frames"], "frame dictionary")[:1]
            + validation_sentences(checked["entman"], "Entman cues")[:1])


def tone_validity(checked: dict | None) -> list[str]:
    """Notebook 03's validity statement, from its hand-rated check (and VADER's published figures)."""
    if checked is None:
        return [f"VADER's published validity: r = {VADER_NYT['r_vader']} with human ratings on opinion "
                "editorials (Hutto & Gilbert 2014); the hand-rated check covers the seed articles only."]
    tv = checked["scores"].iloc[0]
    return [f"VADER against hand-rated tone on {int(tv['n'])} seed sentences: r = {tv['pearson_r']:.2f}, "
            f"three-class macro-F1 {tv['macro_f1']:.2f} (published on NYT editorials: r = "
            f"{VADER_NYT['r_vader']}, F1 {VADER_NYT['f1_vader']})."]


def hedge_validity(checked: dict | None) -> list[str]:
    """Notebook 04's validity statement, from its hedge validation."""
    if checked is None:
        return []
    from .validity import USED_DETECTOR

    final = checked["scores"][checked["scores"]["detector"] == USED_DETECTOR].set_index("category")
    return [f"In-sample check on the annotation of every seed sentence: sentence-level F1 "
            f"{final.at['hedges', 'sentence_f1']:.2f} for hedges (uncertainty detector, developed on other text) "
            f"and {final.at['boosters', 'sentence_f1']:.2f} for boosters (the seeds' annotation was made by the "
            "project's coder; the booster rules were refined on it earlier, so that figure flatters)."]


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
