"""Running: the feature table and the notebooks as commands a user runs, over one settings object.

    ``settings``        one object for a command's settings, validated once (a constraint per option); word lists
    ``features``        wing 1, the feature table (``rhetoric features``): streaming, outputs, workers, progress

Wing 2, the notebooks (``rhetoric run`` and what each notebook calls):

    ``runner``          ``rhetoric run``: plan, execute one notebook, finish
    ``plan``            which notebooks, where their outputs go, their parameters, which are stale
    ``cache``           the digests a notebook's re-execution depends on, and the run state
    ``kernel``          one notebook executed in a fresh kernel: parameters in, volatile metadata out, signals
    ``cell_outputs``    what an executed notebook's cells may show (no error, no absolute path)
    ``staging``         a notebook's outputs replace the old ones only when it succeeds (staging and swap)
    ``pairing``         the jupytext text copies of the notebooks
    ``shared_tables``   tables one run computes once and every notebook of it reads
    ``notebook``        what every notebook calls: ``start`` and the helpers its cells use
    ``session``         a notebook's session: its corpus, settings, groups and sizes
    ``session_tables``  the session's tables, shared across the run (features, tokens, groups, markers)
    ``corpus_views``    the corpus as the notebooks show it (descriptions, per-document and per-group tables)
    ``session_outputs`` what a session writes and shows (figures, tables, findings, progress lines)
    ``provenance``      versions, resources and corpus checksums for the provenance cell
"""
