"""The instruments: each a data file plus a column builder ``(sentences, tokens) -> DataFrame``.

    ``registry``     every measure declared once: column, family, label, unit, aggregation, instrument
    ``features``     the per-sentence feature table: every builder of the registry, in order
    ``readability``  the readability formulas (named, with references); textstat's counts on Punkt sentences;
                     lexical diversity; vocabulary overlap
    ``actors``       actor mentions, co-occurrence, what actors do (actor + modal / verb)
    ``frames``       Policy Frames Codebook and international frames, Entman's functions; frame families in force
    ``generic_frames``  the generic news frames (Semetko & Valkenburg 2000) by cues from their questions
    ``presence``     article-level frame presence: scores and decisions calibrated on people's codes
    ``sentiment``    VADER and Pattern tone, VADER explained word by word
    ``misreads``     words the tone lexicon misreads in policy text, and tone with them neutralised
    ``target_tone``  tone toward one mention (logistic regression trained on NewsMTSC), and ``rhetoric target-tone``
    ``hedging``      Hyland's metadiscourse (hedges, boosters ...), modals, conditionals
    ``uncertainty``  the hedge detector (logistic regression trained on the Szeged corpus)
    ``argument``     contrast, attribution, pronouns, proposal and verdict markers, questions
    ``families``     the construct families and the check that their word lists are disjoint
"""
