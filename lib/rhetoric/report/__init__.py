"""What a reader sees: labels, figures and their files, findings as sentences, annotated text, the HTML edition.

    ``labels``        every identifier turned into words for people (``label_of``, ``labels_of``, ``relabel``)
    ``figure_files``  journal sizes, one style, byte-identical saving, layout checks, manifest and gallery
    ``plots``         the project's figures: result tables in, matplotlib figures out
    ``period_plot``   each measure by period and group: small multiples, a line and band per group
    ``tables``        result tables as a notebook shows them: short, headers in words, numbers formatted
    ``findings``      findings as sentences computed from a notebook's own tables; the README block
    ``readme``        the README's generated blocks (findings at a glance, sharing links) and the pages it links
    ``annotate``      one document as static HTML with its markers highlighted
    ``edition``       the executed notebooks as a static HTML edition (``make html``)
"""
