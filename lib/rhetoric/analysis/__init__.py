"""From the feature table to articles, groups, comparisons and the instruments' validity.

    ``aggregate``   per-article values of every measure; bootstrap intervals; group comparison, pairwise contrasts
    ``resampling``  resample matrices shared by all measures (blocks too); Holm, Benjamini-Hochberg; p as printed
    ``clusters``    when articles are not independent (outlets): the hint, the cluster map, few clusters in words
    ``mixed_model`` a mixed model with a random intercept per cluster, the cross-check of the clustered test
    ``periods``     each measure by period (month, quarter or year) and group, with intervals, where there are dates
    ``stats``       bootstrap, permutation tests, effect sizes
    ``comparison``  the rhetorical profile, the standardised view, voices, actor positioning
    ``actor_tone``  target tone toward each actor per document (with its validity); the old sentence rule
    ``keyness``     log-odds with an informative prior (Monroe et al. 2008), vs rest and pairwise; a term in context
    ``agreement``   precision, recall, F1, kappa, Wilson intervals; agreement of two tone lexicons
    ``validity``    each instrument against its gold set (seeds only; coded by a language model) and its audits
    ``verdict``     the declared rule: when a difference is a finding (the tables it reads, one measure judged)
    ``sensitivity``  leave-seed-terms-out: dictionary measures recomputed without seed-origin terms
    ``frame_validity``  the frame dictionary against human-coded Policy Frames (SemEval-2023 Task 3)
    ``frame_presence``  calibrated frame presence per article, its cross-validated evidence, the pass rule
    ``devsample``   development and audit samples of the benchmark corpus (instruments are built there)
    ``audit``       check an instrument on your own corpus: a sample of a measure's hits to code, precision; KWIC
    ``placement``   where articles fall in a reference corpus: per-family, multiplicity-aware judgement
"""
