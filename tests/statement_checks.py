"""Checks of what executed notebooks *say* against the data they computed (issue 32), for tests/test_statements.py.

Each check reads a run's output directory (``OUT/notebooks/*.ipynb`` executed, ``OUT/figures/*.csv``) and returns
a list of problems (empty: every statement checked holds):

* :func:`rule_statement_problems`: every comparative statement of the declared rule that a notebook recorded
  (``figures/findings.csv``: "... is higher in ...", "... differs between groups ...", "... across N articles:
  highest in ...") names a measure whose difference passed :func:`rhetoric.analysis.verdict.judge_measure` on the
  run's own tables (``05-profile.csv``, ``group-comparison.csv``, ``05-profile-without-seed-terms.csv``), and every
  number it quotes is that table's value as the rule prints it. A comparative statement that names no registered
  measure cannot be checked and is a problem.
* :func:`example_row_problems`: every row of notebook 05's proposal/verdict example table is a hit the measure
  counts (``argument.marker_hits`` with the sentences).
* :func:`hidden_table_problems`: no table is shown as "no values for this corpus" while its CSV has a value.
* :func:`coder_problems`: "by a person" appears nowhere; every paragraph (Markdown cell or output) that cites
  coders, coding, kappa or agreement with codes names the coder's kind.
"""
from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from rhetoric.analysis.resampling import p_text
from rhetoric.analysis.validity import instrument_evidence
from rhetoric.analysis.verdict import judge_measure, number_format, value_text
from rhetoric.instruments import argument
from rhetoric.instruments.registry import measures
from rhetoric.io.corpus import load_corpus
from rhetoric.language.boilerplate import recurring_lines
from rhetoric.language.cleaning import use_boilerplate
from rhetoric.language.duplicates import duplicates
from rhetoric.language.tokens import sentences, tokens

PROFILE, GROUPS, WITHOUT = "05-profile.csv", "group-comparison.csv", "05-profile-without-seed-terms.csv"
#: Wording of a comparison the declared rule must have passed.
COMPARATIVE = re.compile(r"\b(is higher in|is lower in|differs between|highest in|lowest in)\b")
_NUMBER = re.compile(r"(?<![\w.])[-+−]?\d[\d,]*(?:\.\d+)?")


def _read(path: Path) -> pd.DataFrame | None:
    return pd.read_csv(path, keep_default_na=True) if path.is_file() else None


def _numbers(text: str) -> list[str]:
    return [n.replace("−", "-").replace(",", "") for n in _NUMBER.findall(text)]


def _label(m) -> str:  # as findings._label writes a measure's name in a statement, capitalised
    text = f"{m.label}, {m.unit}," if "(" in m.unit else f"{m.label} ({m.unit})"
    return text[:1].upper() + text[1:]


def _allowed_numbers(m, rows: pd.DataFrame, grows: pd.DataFrame) -> set[str]:
    """Every number the rule may print for measure ``m`` from its table rows."""
    fmt = number_format(m)
    out: set[str] = set()
    for col in ("estimate", "ci_low", "ci_high"):
        for table in (rows, grows):
            if col in table.columns:
                out |= {value_text(float(v), fmt).replace("+", "") for v in table[col] if v == v}
    if len(grows):
        for col in ("p_permutation", "q_bh"):
            if col in grows.columns:
                out |= {n for v in grows[col].dropna() for n in _numbers(p_text(float(v)))}
        out |= {f"{float(v):.2f}" for v in grows.get("effect_size", pd.Series(dtype=float)).dropna()}
        out |= {str(int(v)) for v in grows.get("n_docs", pd.Series(dtype=float)).dropna()}
    return out


def rule_statement_problems(out: Path, corpus_dir: Path | None = None) -> list[str]:
    """See the module docstring. ``corpus_dir`` is unused (the tables name everything)."""
    figures = Path(out) / "figures"
    recorded = _read(figures / "findings.csv")
    profile = _read(figures / PROFILE)
    if recorded is None or profile is None:
        return [f"{figures}: no findings.csv or {PROFILE} to check against"]
    groups = _read(figures / GROUPS)
    groups = groups if groups is not None else profile.iloc[0:0]
    without = _read(figures / WITHOUT)
    evidence = instrument_evidence()
    by_label = sorted(((_label(m), m) for m in measures()), key=lambda lm: -len(lm[0]))
    problems = []
    for r in recorded[recorded["kind"] == "finding"].itertuples():
        text = str(r.finding)
        if not COMPARATIVE.search(text) or text.startswith(("No clear difference", "Keyness", "Most frequent")):
            continue
        found = [(label, m) for label, m in by_label if text.startswith(label + " ")]
        if not found:
            if not text.startswith(("Tone and argument",)):
                problems.append(f"{r.notebook}: a comparison naming no registered measure: {text[:160]}")
            continue
        label, m = found[0]
        rows, grows = profile[profile["measure"] == m.name], groups[groups["measure"] == m.name]
        verdict = judge_measure(m, rows, grows, evidence, without)
        if verdict.kind != "finding":
            problems.append(f"{r.notebook}: '{label}' is stated as a difference, but the rule says "
                            f"{verdict.kind}: {text[:160]}")
            continue
        # the quoted numbers: everything after the measure's name up to its validity (the tail in parentheses
        # after the last value: it quotes the instrument's evidence, checked elsewhere)
        body = text[len(label):]
        if " differs between groups" in body:
            body = body[:body.find("): highest in") + 1]
        elif " than in " in body:  # up to the second article's value and interval
            second = re.search(r" than in .*?\([^()`]*\[[^\]]*\]\)", body)
            body = body[:second.end()] if second else body
        allowed = _allowed_numbers(m, rows, grows)
        quoted = [n for n in _numbers(re.sub(r"`[^`]*`", "", body)) if n.lstrip("-+") not in ("95",)]
        wrong = [n for n in quoted if n.lstrip("+") not in allowed and n not in allowed]
        if wrong:
            problems.append(f"{r.notebook}: numbers not in the tables for '{label}': {wrong}: {text[:160]}")
    return problems


def _outputs(nb: dict) -> list[tuple[int, str, str]]:
    """(cell index, mime type, text) of every output of a notebook."""
    out = []
    for i, cell in enumerate(nb["cells"]):
        for o in cell.get("outputs", []):
            if "text" in o:
                out.append((i, "stream", "".join(o["text"])))
            for mime, data in o.get("data", {}).items():
                if mime.startswith("text/"):
                    out.append((i, mime, "".join(data) if isinstance(data, list) else data))
    return out


def _notebooks(out: Path) -> dict[str, dict]:
    paths = sorted((Path(out) / "notebooks").glob("*.ipynb"))
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in paths}


def _html_rows(table_html: str) -> list[list[str]]:
    rows = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", table_html, flags=re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, flags=re.S)
        rows.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


def example_row_problems(out: Path, corpus_dir: Path) -> list[str]:
    """Notebook 05's proposal/verdict examples are exactly hits the measures count."""
    nbs = _notebooks(out)
    nb = next((v for k, v in nbs.items() if k.startswith("05-")), None)
    if nb is None:
        return ["no notebook 05 in the run"]
    cells = [i for i, c in enumerate(nb["cells"]) if "marker_examples(" in "".join(c.get("source", ""))]
    if not cells:
        return ["notebook 05 shows no proposal/verdict examples (marker_examples): nothing to check"]
    shown = [t for i, mime, t in _outputs(nb) if i == cells[0] and mime == "text/html"]
    corpus = load_corpus(corpus_dir)
    # the run sets recurring lines (by outlet, the default scope) aside before measuring: so does the check
    use_boilerplate(recurring_lines(corpus, by="outlet", duplicates=duplicates(corpus)))
    try:
        sents = sentences(corpus)
        hits = argument.marker_hits(tokens(corpus, sents), sents)
    finally:
        use_boilerplate(None)
    counted = set(zip(hits["doc_id"], hits["sentence_id"].astype(int), hits["category"], hits["matched"]))
    problems = []
    for table in shown:
        rows = _html_rows(table)
        if not rows:
            continue
        head, body = rows[0], rows[1:]
        idx = {h: k for k, h in enumerate(head)}
        shift = len(body[0]) - len(head) if body else 0  # an index column has no header cell of its own
        for row in body:
            get = {h: row[k + shift] for h, k in idx.items() if h}
            key = (get.get("doc_id"), int(get.get("sentence_id", -1)), get.get("category"), get.get("matched"))
            if key not in counted:
                problems.append(f"notebook 05 shows an example the measure does not count: {key}")
    return problems


_HIDDEN = re.compile(r"<em>([^<:]+): no values for this corpus \(every numeric cell is empty\)")


def hidden_table_problems(out: Path, corpus_dir: Path | None = None) -> list[str]:
    """No table is hidden as empty while its CSV under ``figures/`` has a numeric value."""
    problems = []
    for name, nb in _notebooks(out).items():
        for _, _, text in _outputs(nb):
            for table in _HIDDEN.findall(text):
                csv = Path(out) / "figures" / f"{table.strip()}.csv"
                if not csv.is_file():
                    continue
                data = pd.read_csv(csv)
                numeric = [c for c in data.columns if pd.api.types.is_numeric_dtype(data[c])
                           and not pd.api.types.is_bool_dtype(data[c])]
                if any(data[c].notna().any() for c in numeric) or (not numeric and len(data)):
                    problems.append(f"{name}: {table} is hidden as empty, but {csv.name} has values")
    return problems


#: A paragraph citing who coded (or an agreement with codes) ...
CITES_CODERS = re.compile(r"\b(coders?|coded by|hand[- ]coded|kappa|inter-coder|rated by|gold set|gold codes)\b",
                          re.I)
#: ... must name the coder's kind.
CODER_KIND = re.compile(r"language model|automated|human|annotators|crowd|you, by hand|trained", re.I)


def _paragraphs(text: str) -> list[str]:
    # a table's headers ("kappa", "coder") are data; the prose around it says who coded
    text = re.sub(r"<table.*?</table>", " ", text, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    parts = re.split(r"\n\s*\n|\n- |\n\* |\n\d+\. ", text)
    return [p.strip() for p in parts if p.strip()]


def coder_problems(out: Path, corpus_dir: Path | None = None) -> list[str]:
    """"by a person" nowhere; every paragraph that cites coders names their kind."""
    problems = []
    for name, nb in _notebooks(out).items():
        texts = ["".join(c.get("source", "")) for c in nb["cells"] if c.get("cell_type") == "markdown"]
        texts += [t for _, mime, t in _outputs(nb) if mime in ("text/markdown", "text/html", "stream")]
        for text in texts:
            for para in _paragraphs(text):
                if re.search(r"by a person", para, re.I):
                    problems.append(f"{name}: 'by a person': {para[:160]}")
                elif CITES_CODERS.search(para) and not CODER_KIND.search(para):
                    problems.append(f"{name}: cites coders without their kind: {para[:200]}")
    return problems


CHECKS = (rule_statement_problems, example_row_problems, hidden_table_problems, coder_problems)


def all_problems(out: Path, corpus_dir: Path) -> list[str]:
    return [p for check in CHECKS for p in check(out, corpus_dir)]


def bench_corpus(directory: Path, bench: Path, n: int = 300, seed: int = 32) -> Path:
    """A grouped corpus of ``n`` benchmark articles (a seeded sample, equal per leaning: left, center, right as
    the ``stance``; the outlet kept): ``metadata.csv`` and one text file per article."""
    records = []
    with gzip.open(bench, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("stance") in ("left", "center", "right") and len(rec.get("text", "")) > 800:
                records.append({"id": rec["id"], "stance": rec["stance"], "outlet": rec.get("outlet", ""),
                                "text": rec["text"]})
    rng = np.random.default_rng(seed)
    chosen = []
    for leaning in ("left", "center", "right"):
        pool = [r for r in records if r["stance"] == leaning]
        chosen += [pool[k] for k in sorted(rng.choice(len(pool), size=n // 3, replace=False))]
    directory.mkdir(parents=True, exist_ok=True)
    pd.DataFrame([{"id": r["id"], "file": f"{r['id']}.txt", "stance": r["stance"], "title": "",
                   "outlet": r["outlet"]} for r in chosen]).to_csv(directory / "metadata.csv", index=False)
    for r in chosen:
        (directory / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
    return directory
