"""rhetoric: how opinion articles argue, measured sentence by sentence and traceable to the text.

The library is a stack of layers, one subpackage each; a module imports from its own layer and the layers
below, never from a layer above (an import-linter contract in ``pyproject.toml``, run by ``make lint`` and
``make test``). Each subpackage's docstring lists its modules; a test checks that every module is listed.

    ``cli``          the ``rhetoric`` command (``rhetoric run``, ``rhetoric features``)
    ``run``          running the notebooks and the streamed feature table
    ``report``       labels, figures, findings as sentences, the HTML edition
    ``analysis``     articles, groups, comparisons, keyness, validity
    ``instruments``  the measures: a data file plus a column builder each, declared in one registry
    ``language``     sentences and words with offsets; word lists matched on them
    ``io``           loading corpora, articles and word lists, checked
    ``externals``    output-identical fast paths transcribed from libraries (with their licences)
    ``base``         paths, errors, safe writing, text constants, offline resources

``cli`` and ``runner`` import the rest inside their functions, so that a run with nothing to do starts at
once. A new measure: a data file or a builder function, one row in ``data/measures.csv`` (or a codebook row),
and a test; it then reaches the feature table, the per-article table, the notebooks and the README.
"""
