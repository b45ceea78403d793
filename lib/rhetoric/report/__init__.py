"""What a reader sees: labels, figures and their files, findings as sentences, annotated text, the HTML edition.

    ``labels``        every identifier turned into words for people (``label_of``, ``labels_of``, ``relabel``)
    ``style``         journal sizes, one style, the colour-blind palette; a new figure in that style
    ``figure_files``  byte-identical saving of every figure, its manifest, the figure as a notebook output
    ``layout``        the layout checker: text cut off, legends over data, crowded axes, text over lines
    ``layout_panels``  the layout checks on what a panel plots: constant panels, mostly empty panels
    ``layout_marks``  the layout checks on texts, marks and colours: stray titles, overprinted labels, unlabelled
                      highlighted points, colour scales far wider than the data
    ``gallery``       every saved figure with its caption: ``figures/README.md`` and the overview's gallery
    ``plots``         the project's figures: result tables in, matplotlib figures out
    ``period_plot``   each measure by period and group: small multiples, a line and band per group
    ``tables``        result tables as a notebook shows them: short, headers in words, numbers formatted; CSV, LaTeX
    ``latex``         a result table as a LaTeX longtable that compiles and fits a 6.5-inch text width
    ``findings``      findings as sentences computed from a notebook's own tables, by the declared rule
    ``findings_store``  ``findings.csv``: every statement the notebooks recorded; its lists for a notebook
    ``readme``        the README's generated blocks (findings at a glance, sharing links) and the pages it links
    ``annotate``      one document as static HTML with its markers highlighted
    ``edition``       the executed notebooks as a static HTML edition (``make html``)

Every figure is drawn headless: the Agg backend is chosen here, once, before any module of the package imports
pyplot (deterministic output; notebooks display the PNG the package hands them).
"""
import matplotlib

matplotlib.use("Agg")
