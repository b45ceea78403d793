"""Fast paths transcribed from libraries (licences in ``NOTICE`` and ``LICENSES/``), same output, and their switch.

    ``switch``           on/off (``RHETORIC_PLAIN=1``, ``with plain():`` per thread); accepted library versions
    ``nltk_words``       NLTK's word tokenizer (Apache-2.0)
    ``vader``            VADER's ``polarity_scores`` (MIT)
    ``pattern``          Pattern's sentiment as TextBlob ships it (MIT; Pattern BSD-3-Clause)
    ``textstat_counts``  textstat's per-word counts, cached and packed (calls textstat, copies none of it)
"""
