"""Loading and where to write: a command's input as one object, checked tables, the word lists, the output rule.

    ``source``     a command's input (a corpus directory or JSON Lines): counted, listed, its metadata read once
    ``corpus``     ``load_corpus(dir)``: metadata and text files, checked before anything is returned
    ``group_labels``  a corpus's optional ``group_labels.csv``: the groups' display names, order and colours
    ``articles``   articles one at a time from JSON Lines; a few as an in-memory corpus
    ``wordlists``  the data files (``read_table``), a corpus's own word lists, frequency stop words
    ``outputs``    the one rule for every command's output path, checked before anything is written
"""
