"""From the feature table to articles, groups, comparisons and the instruments' validity.

    ``aggregate``   per-article values of every measure; bootstrap intervals; group comparison, pairwise contrasts
    ``resampling``  resample matrices shared by all measures (blocks too); Holm, Benjamini-Hochberg; p as printed
    ``stats``       bootstrap, permutation tests, effect sizes
    ``comparison``  the rhetorical profile, the standardised view, voices, actor positioning
    ``actor_tone``  target tone toward each actor per document (with its validity); the old sentence rule
    ``keyness``     log-odds with an informative prior (Monroe et al. 2008), vs rest and pairwise; KWIC
    ``agreement``   precision, recall, F1, kappa, Wilson intervals; agreement of two tone lexicons
    ``validity``    each instrument against its hand-coded gold set and its audits
    ``sensitivity``  leave-seed-terms-out: dictionary measures recomputed without seed-origin terms
    ``frame_validity``  the frame dictionary against human-coded Policy Frames (SemEval-2023 Task 3)
    ``devsample``   development and audit samples of the benchmark corpus (instruments are built there)
    ``audit``       check an instrument on your own corpus: a sample of a measure's hits to code, precision; KWIC
    ``placement``   where articles fall in a reference corpus: per-family, multiplicity-aware judgement
"""
