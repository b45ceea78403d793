"""Instrument development: fitting, provenance, re-audits and dev-data evaluations, outside the product's layers.

This package imports the library (``rhetoric``) and is never imported by it (an import-linter contract, checked by
``make lint``). Each module that regenerates a committed data file says which files it writes, and a make target
runs it (``make help-dev`` lists them).
"""
