"""The fast paths' switch (``rhetoric.externals.switch``): the environment variable, per-thread ``plain()``, the
accepted library versions (the lock's pins), and the fall-back to the plain library calls with a warning."""
from __future__ import annotations

import pandas as pd
import pytest

from rhetoric.base.paths import LOCK
from rhetoric.externals import nltk_words, switch
from rhetoric.instruments import sentiment
from rhetoric.language import tokens


def test_switch_environment_and_context(monkeypatch):
    monkeypatch.delenv(switch.PLAIN_ENV, raising=False)
    assert switch.enabled()
    with switch.plain():
        assert not switch.enabled()
        with switch.plain():
            assert not switch.enabled()
        assert not switch.enabled()
    assert switch.enabled()
    monkeypatch.setenv(switch.PLAIN_ENV, "1")
    assert not switch.enabled()
    monkeypatch.setenv(switch.PLAIN_ENV, "0")
    assert switch.enabled()


def _clear_fast_caches():
    for cached in (nltk_words.word_tokenizer, sentiment._fast_vader, sentiment._fast_pattern):
        cached.cache_clear()
    switch._warned.clear()


def test_other_library_version_falls_back_to_plain_calls_with_a_warning(monkeypatch, seeds):
    """A library version other than the accepted one: no fast path is built, each says so once with a
    FastPathWarning, and the plain calls run (the same values)."""
    _clear_fast_caches()
    try:
        with monkeypatch.context() as m:
            m.setattr(switch, "package_version", lambda name: "0.0.0")
            with pytest.warns(switch.FastPathWarning) as caught:
                assert nltk_words.word_tokenizer() is None
                assert sentiment._fast_vader() is None and sentiment._fast_pattern() is None
            said = " ".join(str(w.message) for w in caught)
            assert "word tokenizer" in said and "VADER" in said and "Pattern" in said and "0.0.0" in said
            text = "China can’t wait, but it’s not bad."
            assert tokens.split_words(text) == list(tokens.word_tokenizer().span_tokenize(
                text.translate(tokens.STRAIGHTEN_FOR_TOKENS)))
            assert sentiment.vader_polarity(text) == sentiment.vader().polarity_scores(
                sentiment.as_vader_reads(text))
            assert sentiment.pattern_scores(pd.Series([text])).iloc[0].tolist() == list(sentiment.pattern()(
                sentiment.as_vader_reads(text))[:2])
    finally:
        _clear_fast_caches()
    assert nltk_words.word_tokenizer() is not None


def test_accepted_versions_equal_the_lock():
    """The versions the fast paths accept are the lock's pins: a version bump of the lock without a check of
    the transcribed code fails here, not silently in the feature table."""
    pins = dict(line.split("==", 1) for line in LOCK.read_text().splitlines() if "==" in line and
                not line.startswith("#"))
    pins = {name.strip().lower(): version.split(";")[0].strip() for name, version in pins.items()}
    for distribution, version in switch.ACCEPTED.items():
        assert pins.get(distribution.lower()) == version, distribution


def test_switch_is_per_thread():
    import threading

    seen = {}
    with switch.plain():
        worker = threading.Thread(target=lambda: seen.setdefault("other", switch.enabled()))
        worker.start()
        worker.join()
        seen["this"] = switch.enabled()
    assert seen == {"other": True, "this": False}
