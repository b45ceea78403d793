"""The foundation every layer may use: paths, errors, safe writing, text constants, offline resources.

    ``paths``           every path, anchored on this package (and ``../shared`` beside the project)
    ``errors``          ``CorpusError``, ``InputError``, ``OutputError``: the path and the problem, one line
    ``atomic_files``    writing whole or not at all (``atomic_write``); shared CSV tables (``replace_rows``)
    ``escape``          corpus text made safe for Markdown (``md``, ``code``)
    ``text_constants``  quote straightening tables, negation words
    ``resources``       offline linguistic resources from pinned packages; package versions
    ``safety``          places compared after resolving symlinks; user regular expressions checked
    ``project``         the project's version, citation, commit and sharing links, each from the one place it is set
"""
