"""Text into sentences and words with offsets into the raw text, and word lists matched on them.

    ``cleaning``      headline, dateline and boilerplate spans set aside, with an audit of each
    ``sentence_cap``  no sentence longer than 1,000 words (``cap_sentences``)
    ``tokens``        Punkt sentences and NLTK word tokens (``sentences``, ``tokens``)
    ``matching``      word lists matched on tokens (``match_terms``, ``counts_by_sentence``, ``one_pass``)
    ``constraints``   context vetoes of a term (``not_before``/``not_after``)
"""
