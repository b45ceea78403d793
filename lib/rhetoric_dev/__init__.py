"""Instrument development: fitting, provenance, re-audits and dev-data evaluations, outside the product's layers.

This package imports the library (``rhetoric``) and is never imported by it (an import-linter contract, checked by
``make lint``). Each module that regenerates a committed data file says which files it writes, and a make target
runs it (``make help-dev`` lists them). Each module's docstring is its protocol; each runs as
``python -m rhetoric_dev.<module>``.

Modules:

* ``dictionaries``: the development protocol of the dictionary instruments (samples DEVELOP, CHECK, REST, the
  held-out queue; the term decision rule; precision tables), which the modules below share;
* ``hedges``: the hedge (uncertainty) detector chosen and fitted across the genres of the Szeged corpus;
* ``booster_rules``: the booster context rules judged again on development text;
* ``semeval_frames``: the frame dictionary against the human coders of SemEval-2023 Task 3;
* ``frame_presence``: frames against people's codes article by article (issue 34): seed-read terms confirmed on
  human-coded articles, calibrated presence per frame (Policy Frames on SemEval-2023, generic frames on the
  Narrative Frames Corpus), cross-validated evidence before and after, ``docs/frames.md``;
* ``tone_misreads``: the words VADER misreads in news prose, by a rule fixed in advance;
* ``writer_voice``: the writer's-voice rule of proposal and verdict markers, checked and audited;
* ``term_provenance``: the ``origin`` and ``evidence`` of every dictionary term, and the re-derivation of
  seed-read terms;
* ``reaudit``: the re-audit of the revised word lists on held-out text;
* ``sampling``, ``sheets``: what the modules share (the benchmark skip, hits of several instruments in one pass,
  seeded picks; coding sheets written only outside the repository);
* ``regenerated``: regenerated data files compared with the committed ones (``make dev-check``).
"""
