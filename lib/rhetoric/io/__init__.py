"""Loading: a corpus directory or JSON Lines into checked tables, and the word lists; raw text never modified.

    ``corpus``     ``load_corpus(dir)``: metadata and text files, checked before anything is returned
    ``articles``   articles one at a time from JSON Lines or a directory; a few as an in-memory corpus
    ``wordlists``  the data files (``read_table``), a corpus's own word lists, frequency stop words
"""
