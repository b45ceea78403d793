"""Findings as sentences computed from results (never typed in).

Each ``*_findings`` function computes one notebook's headline statements; the notebook displays them and
records them in ``figures/findings.csv`` (:func:`record_findings`). ``00-overview`` (executed last) and the
README's "findings at a glance" block read that file, so they show exactly what the notebooks computed.
"""
from __future__ import annotations

import re

import pandas as pd

from .corpus import Corpus
from .paths import README

START, END = "<!-- findings:start -->", "<!-- findings:end -->"


def doc_label(corpus: Corpus, doc_id: str) -> str:
    """'the pro-cooperation article (diplomat-2025-06)'."""
    stance = corpus.documents.set_index("doc_id").at[doc_id, "stance"]
    return f"the {stance} article (`{doc_id}`)"


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


def corpus_findings(corpus: Corpus) -> list[dict]:
    from .cleaning import body_paragraphs
    from .readability import lexical_diversity, readability, size_table
    from .tokens import sentences, tokens

    paras = body_paragraphs(corpus)
    sents = sentences(corpus, paras)
    size = size_table(corpus, paras, sents).set_index("doc_id")
    read = readability(corpus, paras).set_index("doc_id")
    div = lexical_diversity(tokens(corpus, sents)).set_index("doc_id")
    nb = "01-corpus.ipynb"
    return [
        {"notebook": nb, "finding": compare(corpus, size["words_per_sentence_mean"],
                                            "Mean sentence length", unit=" words")},
        {"notebook": nb, "finding": compare(corpus, read["Flesch-Kincaid grade"], "Flesch-Kincaid grade")},
        {"notebook": nb, "finding": compare(corpus, div["MTLD"], "Lexical diversity (MTLD)")},
    ]


def _share(x: float) -> str:
    return f"{100 * x:.0f}%"


def framing_findings(corpus: Corpus) -> list[dict]:
    from . import actors, frames, keyness
    from .tokens import sentences, tokens

    sents = sentences(corpus)
    toks = tokens(corpus, sents)
    counts = frames.frame_counts(sents, frames.frame_hits(toks))
    labels = dict(zip(frames.codebook()["frame"], frames.codebook()["label"]))
    top = frames.dominant_frames(frames.frame_salience(sents, counts), top=1)
    nb = "02-framing.ipynb"
    out = [{"notebook": nb, "finding": "Most frequent frame (share of sentences): " + "; ".join(
        f"{doc_label(corpus, r.doc_id)}: {labels[r.frame]} ({_share(r.share_of_sentences)})"
        for r in top.itertuples()) + "."}]
    mentions = actors.actor_mentions(toks)
    actions = actors.actor_actions(mentions, toks, sents)
    modal = actions[actions["construction"] == "modal"].groupby("doc_id").size().reindex(corpus.doc_ids,
                                                                                         fill_value=0)
    words = sents.groupby("doc_id")["n_words"].sum()
    out.append({"notebook": nb, "finding": compare(corpus, 1000 * modal / words,
                                                   "Actor + modal constructions (\"China can ...\") per 1,000 words",
                                                   fmt="{:.1f}")})
    treat = frames.entman_functions(sents, frames.entman_hits(toks))["treatment"].groupby(sents["doc_id"]).mean()
    out.append({"notebook": nb, "finding": compare(corpus, 100 * treat,
                                                   "The share of sentences with a treatment-recommendation cue",
                                                   fmt="{:.0f}", unit="%")})
    group_of = dict(zip(corpus.documents["doc_id"], corpus.documents["stance"]))
    if len(set(group_of.values())) >= 2:
        key = keyness.top_terms(keyness.keyness(toks, group_of), 5)
        out.append({"notebook": nb, "finding": "Most distinctive words (keyness z, informative prior): " + "; ".join(
            f"{g}: {', '.join(grp['term'])}" for g, grp in key.groupby("group", sort=True)) + "."})
    return out


def sentiment_findings(corpus: Corpus) -> list[dict]:
    from . import sentiment, stats
    from .lexicon import read_table
    from .tokens import sentences

    sents = sentences(corpus)
    scored = pd.concat([sents, sentiment.vader_scores(sents["text"])], axis=1)
    mean = scored.groupby("doc_id", sort=False)["vader_compound"].mean()
    nb = "03-sentiment.ipynb"
    out = [{"notebook": nb, "finding": compare(corpus, mean, "Mean VADER tone (compound)", fmt="{:+.3f}")}]
    by_doc = stats.compare_groups(scored, "vader_compound", seed=20250602)
    if "p_permutation" in by_doc.attrs:
        out.append({"notebook": nb, "finding": stats.comparison_sentence(by_doc, "Mean VADER compound",
                                                                         fmt="{:+.3f}")})
    policy = read_table("policy_words.csv")
    misread = {w for w in policy["word"] if w in sentiment.vader().lexicon}
    contrib = sentiment.word_contributions(scored)
    top = contrib[contrib["total_valence"] > 0].groupby("doc_id", sort=False).head(5)
    for doc_id, g in top.groupby("doc_id", sort=False):
        share = g["word"].isin(misread).sum()
        out.append({"notebook": nb, "finding": f"In {doc_label(corpus, doc_id)}, the five words adding most "
                    f"positive VADER valence are {', '.join(g['word'])}; {share} of them are words the lexicon "
                    f"misreads in foreign-policy prose (policy_words.csv)."})
    scored["without"] = [sentiment.compound_without(t, misread) for t in scored["text"]]
    without = scored.groupby("doc_id", sort=False)["without"].mean()
    out.append({"notebook": nb, "finding": "With the valence of the policy words in policy_words.csv set to zero, "
                "mean compound moves " + "; ".join(f"from {mean[d]:+.3f} to {without[d]:+.3f} in "
                                                   f"{doc_label(corpus, d)}" for d in corpus.doc_ids) + "."})
    out.append({"notebook": nb, "finding": f"VADER's published validity on opinion editorials is r = "
                f"{sentiment.VADER_NYT['r_vader']} with human ratings (Hutto & Gilbert 2014): tone is a weak "
                "instrument here, and not a measure of stance."})
    return out


def hedging_findings(corpus: Corpus) -> list[dict]:
    from . import hedging
    from .tokens import sentences, tokens

    sents = sentences(corpus)
    cols = hedging.feature_columns(sents, tokens(corpus, sents))
    table = hedging.rates(sents, cols[["hedges", "boosters"]], seed=20250603)
    nb = "04-hedging.ipynb"
    out = []
    for measure, g in table.groupby("measure", sort=False):
        values = g.set_index("doc_id")["per_1000_words"]
        text = compare(corpus, values, f"The rate of {measure} (per 1,000 words)", fmt="{:.1f}")
        if "p_permutation" in g:
            text += (f" Permutation p = {g['p_permutation'].iloc[0]:.3f}, Cliff's delta = "
                     f"{g['cliffs_delta'].iloc[0]:.2f} (sentences, not articles, are the units).")
        out.append({"notebook": nb, "finding": text})
    ratio = (cols["boosters"].groupby(sents["doc_id"]).sum() /
             cols["hedges"].groupby(sents["doc_id"]).sum().replace(0, float("nan")))
    out.append({"notebook": nb, "finding": compare(corpus, ratio, "Boosters per hedge", fmt="{:.2f}")})
    return out


def comparison_findings(corpus: Corpus) -> list[dict]:
    from . import comparison

    measures = comparison.sentence_measures(corpus)
    nb = "05-rhetorical-comparison.ipynb"
    words = measures.groupby("doc_id", sort=False)["n_words"].sum()
    out = []
    for col, label in (("proposal", "Proposal language (can, could, would allow ...) per 1,000 words"),
                       ("verdict", "Verdict language (clearly, fundamentally, demonstrated, failed ...) per 1,000 words")):
        out.append({"notebook": nb, "finding": compare(corpus, 1000 * measures.groupby("doc_id", sort=False)[col].sum()
                                                       / words, label, fmt="{:.1f}")})
    std = comparison.standardised(measures, {"hedges": "hedges", "boosters": "boosters", "proposal": "proposal language",
                                             "verdict": "verdict language", "contrast": "contrast markers",
                                             "attribution": "attribution", "vader_compound": "tone (VADER)",
                                             "modal_prediction": "prediction modals",
                                             "modal_possibility": "possibility modals"}, seed=20250605)
    spread = std.groupby("measure")["estimate"].agg(lambda e: e.max() - e.min()).sort_values(ascending=False,
                                                                                              kind="mergesort")
    parts = []
    for measure in spread.index[:3]:
        g = std[std["measure"] == measure].set_index("doc_id")["estimate"]
        parts.append(f"{measure} (highest in `{g.idxmax()}`, {g.max():+.2f} SD; lowest in `{g.idxmin()}`, "
                     f"{g.min():+.2f} SD)")
    out.append({"notebook": nb, "finding": "Largest standardised differences between the articles: "
                + "; ".join(parts) + "."})
    mismatch = comparison.tone_against_stance(measures)
    counts = mismatch.groupby(["doc_id", "mismatch"]).size()
    if len(counts):
        out.append({"notebook": nb, "finding": "Tone and argument part ways in " + "; ".join(
            f"{n} sentence(s) of `{d}` ({m})" for (d, m), n in counts.items()) + "."})
    return out


def validity_summary(corpus: Corpus) -> list[str]:
    """One line per instrument: how well it measured on the seeds (or that the gold sets do not apply)."""
    from . import validity
    from .sentiment import VADER_NYT, pattern_scores, vader_scores
    from .tokens import sentences, tokens

    sents = sentences(corpus)
    toks = tokens(corpus, sents)
    lines = []
    fv = validity.frame_validation(sents, toks)
    if fv is None:
        return [f"The hand-coded gold sets cover the two seed articles only; on this corpus the instruments are "
                f"unvalidated. Published reference: VADER r = {VADER_NYT['r_vader']} with human ratings on "
                "opinion editorials (Hutto & Gilbert 2014)."]
    lines += validation_sentences(fv["frames"], "frame dictionary")[:1]
    lines += validation_sentences(fv["entman"], "Entman cues")[:1]
    scored = pd.concat([sents, vader_scores(sents["text"]), pattern_scores(sents["text"])], axis=1)
    tv = validity.tone_validation(sents, scored)["scores"].iloc[0]
    lines.append(f"VADER against hand-rated tone on {int(tv['n'])} seed sentences: r = {tv['pearson_r']:.2f}, "
                 f"three-class macro-F1 {tv['macro_f1']:.2f} (published on NYT editorials: r = "
                 f"{VADER_NYT['r_vader']}, F1 {VADER_NYT['f1_vader']}).")
    hv = validity.hedge_validation(sents, toks)["scores"]
    final = hv[hv["detector"] == "with context rules"].set_index("category")
    lines.append(f"Hedge detector against the annotation of every seed sentence: sentence-level F1 "
                 f"{final.at['hedges', 'sentence_f1']:.2f} for hedges and {final.at['boosters', 'sentence_f1']:.2f} "
                 "for boosters (in-sample: the context rules were refined on this annotation).")
    return lines


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
    from pathlib import Path

    from .files import atomic_write

    path = Path(out_dir) / FINDINGS_FILE
    table = read_findings(out_dir)
    table = table[~((table["notebook"] == notebook) & (table["kind"] == kind))]
    new = pd.DataFrame({"notebook": notebook, "kind": kind, "order": range(len(statements)), "finding": statements})
    table = pd.concat([table, new], ignore_index=True).astype({"order": "int64"})
    table = table.sort_values(["notebook", "kind", "order"], kind="mergesort")[FINDINGS_COLUMNS]
    atomic_write(path, table.to_csv(index=False, lineterminator="\n").encode())


def read_findings(out_dir, kind: str | None = None) -> pd.DataFrame:
    """The recorded statements (all, or of one ``kind``: 'finding' or 'validity'), in notebook order."""
    from pathlib import Path

    path = Path(out_dir) / FINDINGS_FILE
    if not path.is_file():
        return pd.DataFrame(columns=FINDINGS_COLUMNS)
    table = pd.read_csv(path, dtype={"notebook": str, "kind": str, "finding": str}, keep_default_na=False)
    return table if kind is None else table[table["kind"] == kind].reset_index(drop=True)


def findings_markdown(findings: pd.DataFrame, link_prefix: str = "notebooks/") -> str:
    lines = [f"- {r.finding} ([{r.notebook}]({link_prefix}{r.notebook}))" for r in findings.itertuples()]
    return "\n".join(lines)


def update_readme(fig_dir, readme=README) -> None:
    """Regenerate the README block between the findings markers from the notebooks' recorded findings."""
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        return
    block = f"{START}\n{findings_markdown(read_findings(fig_dir, 'finding'))}\n{END}"
    new = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    if new != text:
        readme.write_text(new, encoding="utf-8")
