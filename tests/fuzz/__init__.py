"""The fuzzing rounds of issues 20 and 24 (:mod:`fuzz.rounds`): run whole by ``make fuzz``, a few quick cases in
process by ``tests/test_hardening.py::test_fuzz_case``; tests/ is on the path (pyproject.toml), so ``from fuzz import
rounds`` imports them."""
