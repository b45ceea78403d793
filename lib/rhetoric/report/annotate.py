"""One document as static HTML with every metadiscourse marker highlighted by category (notebook 04)."""
from __future__ import annotations

import html

import pandas as pd

from rhetoric.instruments.hedging import CATEGORIES, COLOURS, LABELS


def annotate_html(raw: str, body: pd.DataFrame, marks: pd.DataFrame, mods: pd.DataFrame, title: str = "") -> str:
    """One document as static HTML, every marker highlighted by category (with a legend).

    ``body`` is the document's body paragraphs (offsets into ``raw``); modals that are not already
    hedges or boosters are underlined in grey. Static HTML, no scripts: nbviewer and GitHub show it.
    """
    spans = [(int(m.start), int(m.end), m.category, m.term, bool(m.quoted)) for m in marks.itertuples()]
    taken = {(a, b) for a, b, *_ in spans}
    spans += [(int(m.start), int(m.end), "modal", f"{m.type} modal, {m.reading}", False) for m in mods.itertuples()
              if not any(a <= m.start < b for a, b in taken)]
    spans.sort()
    legend = " ".join(f'<span style="background:{COLOURS[c]};padding:0 4px;border-radius:3px">{LABELS[c]}</span>'
                      for c in [*CATEGORIES, "modal"])
    parts = ['<div style="font-family:Georgia,serif;font-size:14px;line-height:1.55;max-width:760px">',
             f"<p><b>{html.escape(title)}</b></p>" if title else "", f"<p style='font-size:12px'>{legend} "
             "&nbsp; <i>(italic: inside a quotation)</i></p>"]
    for p in body.itertuples():
        out, pos = [], int(p.start)
        for a, b, cat, term, quoted in spans:
            if a < pos or b > p.end:
                continue
            out.append(html.escape(raw[pos:a]))
            style = f"background:{COLOURS[cat]};border-radius:3px;padding:0 1px"
            if quoted:
                style += ";font-style:italic"
            out.append(f'<span style="{style}" title="{html.escape(LABELS[cat])}: {html.escape(term)}">'
                       f"{html.escape(raw[a:b])}</span>")
            pos = b
        out.append(html.escape(raw[pos:p.end]))
        parts.append(f"<p>{''.join(out)}</p>")
    parts.append("</div>")
    return "\n".join(parts)
