"""The feature table at scale (``rhetoric features``): streamed input, bounded memory, processes or a Dask cluster,
the same rows whichever engine ran; and the feature table of a loaded corpus in worker processes
(``rhetoric run --workers N``).

    ``stream``    ``build_features``: the input streamed in chunks through the feature table into the output
    ``outputs``   the table and its failures written to temporary files, moved into place only when complete
    ``workers``   worker processes and Dask clusters that never outlive the command
    ``progress``  articles done out of the total, a bar on a terminal and plain lines elsewhere
    ``fingerprint``  the hash of the feature table's inputs (word lists and code) a committed table was made with
"""
