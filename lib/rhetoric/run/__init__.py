"""Running: the notebooks and the feature table as commands a user runs.

    ``notebook``    what every notebook does alike (``start``, ``Session.save``, ``Session.record``)
    ``provenance``  versions, resources and corpus checksums for the provenance cell
    ``runner``      ``rhetoric run``: the notebooks executed headless, cached, reproducible
    ``staging``     a notebook's outputs replace the old ones only when it succeeds (staging and swap)
    ``shared_tables`` tables one run computes once and every notebook of it reads (feature table, groups)
    ``pairing``     the jupytext text copies of the notebooks
    ``stream``      ``rhetoric features``: the feature table streamed over many articles, in parallel
"""
