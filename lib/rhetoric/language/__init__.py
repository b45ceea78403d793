"""Text into sentences and words with offsets into the raw text, and word lists matched on them.

    ``cleaning``      headline, dateline and boilerplate spans set aside, with an audit of each
    ``boilerplate``   lines recurring across an outlet's (or the corpus's) articles, found from the whole corpus
    ``duplicates``    near-duplicate articles (exact Jaccard of word 5-gram shingles); one of each set kept
    ``sentence_cap``  no sentence longer than 1,000 words (``cap_sentences``)
    ``tokens``        Punkt sentences and NLTK word tokens (``sentences``, ``tokens``)
    ``matching``      word lists matched on tokens (``match_terms``, ``counts_by_sentence``, ``one_pass``)
    ``constraints``   context vetoes of a term (``not_before``/``not_after``)
"""
