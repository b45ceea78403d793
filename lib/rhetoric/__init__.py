"""rhetoric: how opinion articles argue, measured sentence by sentence and traceable to the text.

The library in one screen, layer by layer. Each module imports the project's modules it uses at its top;
the exceptions are ``cli`` and ``runner`` (kept light, so that a run with nothing to do starts at once) and
``fastpath``, which calls back into ``sentiment`` (that one import sits inside the function):

**1. Loading** — a corpus directory or JSON Lines into checked tables; the raw text is never modified.
    ``paths``       every path, anchored on this package (and ``../shared`` beside the project)
    ``errors``      ``CorpusError``, ``InputError``, ``OutputError``: the path and the problem, one line
    ``files``       writing whole or not at all (``atomic_write``), shared CSV tables (``replace_rows``)
    ``corpus``      ``load_corpus(dir)``: metadata and text files, checked before anything is returned
    ``articles``    articles one at a time from JSON Lines or a directory; a few as an in-memory corpus
    ``cleaning``    headline, dateline and boilerplate spans set aside, with an audit of each

**2. Tokens and word lists** — sentences and words with offsets into the raw text.
    ``text``        shared text constants: quote straightening, negation words
    ``tokens``      Punkt sentences and NLTK word tokens (``sentences``, ``tokens``)
    ``lexicon``     data files (``read_table``) and frequency stop words
    ``resources``   offline linguistic resources from pinned packages; package versions
    ``matching``    word lists matched on tokens (``match_terms``, ``counts_by_sentence``)

**3. Measures (instruments)** — each a data file plus a column builder ``(sentences, tokens) -> DataFrame``.
    ``readability`` textstat's counts on Punkt sentences; lexical diversity; vocabulary overlap
    ``actors``      actor mentions, co-occurrence, what actors do (actor + modal / verb)
    ``frames``      Policy Frames Codebook frames and Entman's functions by dictionary
    ``sentiment``   VADER and Pattern tone, VADER explained word by word
    ``hedging``     Hyland's metadiscourse (hedges, boosters ...), modals, conditionals
    ``argument``    contrast, attribution, pronouns, proposal and verdict markers, questions
    ``registry``    every measure declared once: column, family, label, unit, aggregation, instrument
    ``features``    the per-sentence feature table: every builder of the registry, in order

**4. Analysis** — from the feature table to articles, groups, comparisons and their validity.
    ``aggregate``   per-article values of every measure; bootstrap intervals over sentences
    ``stats``       bootstrap, permutation tests, effect sizes
    ``comparison``  the rhetorical profile, the standardised view, voices, actor positioning
    ``keyness``     log-odds with an informative prior (Monroe et al. 2008)
    ``agreement``   precision, recall, F1, kappa, Wilson intervals (the metrics)
    ``validity``    each instrument against its hand-coded gold set (the checks)
    ``devsample``   development and audit samples of the benchmark corpus (instruments are built there)
    ``findings``    findings as sentences computed from a notebook's own tables; the README block

**5. Figures, notebooks and running** — what a reader and a user touch.
    ``figures``     journal sizes, one style, byte-identical saving, the figure manifest and gallery
    ``plots``       the project's figures: result tables in, matplotlib figures out
    ``notebook``    what every notebook does alike (``start``, ``Session.save``, ``Session.record``)
    ``provenance``  versions, resources and corpus checksums for the provenance cell
    ``runner``      ``rhetoric run``: the notebooks executed headless, cached, reproducible
    ``scale``       ``rhetoric features``: the feature table streamed over many articles, in parallel
    ``cli``         the ``rhetoric`` command

A new measure: a data file or a builder function, one row in ``data/measures.csv`` (or a codebook row),
and a test; it then reaches the feature table, the per-article table, the notebooks and the README.
"""
