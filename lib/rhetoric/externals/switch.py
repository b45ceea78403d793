"""The switch for the fast paths, and the library versions they accept.

Each fast path (:mod:`~rhetoric.externals.nltk_words`, :mod:`~rhetoric.externals.vader`,
:mod:`~rhetoric.externals.pattern`, :mod:`~rhetoric.externals.textstat_counts`) transcribes a hot spot of a
library at one version (:data:`ACCEPTED`, which a test checks against ``requirements.lock``). With another
version installed the fast path turns itself off, says so once with a :class:`FastPathWarning`, and the
callers make the library's own call, so results never depend on it.

:func:`enabled` is false when the environment variable ``RHETORIC_PLAIN`` is set to anything but ``""``/``"0"``
(the whole process), or inside ``with plain():`` (the calling thread only: another thread keeps its own
setting), so a test or a benchmark can compare both paths in one process.
"""
from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from rhetoric.base.resources import package_version

#: Environment variable forcing the plain library calls everywhere (``RHETORIC_PLAIN=1``).
PLAIN_ENV = "RHETORIC_PLAIN"
#: The library version each fast path was transcribed from and checked against (equal to the lock's pins).
ACCEPTED = {"nltk": "3.10.4", "vaderSentiment": "3.3.2", "textblob": "0.20.1", "textstat": "0.7.13"}

_local = threading.local()
_warned: set[str] = set()
_warned_lock = threading.Lock()


class FastPathWarning(RuntimeWarning):
    """A fast path turned itself off; the plain library call gives the same results, more slowly."""


def enabled() -> bool:
    """Whether the fast paths are on (default); off with ``RHETORIC_PLAIN=1`` or inside ``with plain():``."""
    return not getattr(_local, "depth", 0) and os.environ.get(PLAIN_ENV, "") in ("", "0")


@contextmanager
def plain() -> Iterator[None]:
    """Force the plain library calls in this thread for the length of a ``with`` block."""
    _local.depth = getattr(_local, "depth", 0) + 1
    try:
        yield
    finally:
        _local.depth -= 1


def turned_off(what: str, reason: str) -> None:
    """Warn once per fast path that it is off and why (the plain call is used instead)."""
    with _warned_lock:
        if what in _warned:
            return
        _warned.add(what)
    warnings.warn(f"rhetoric: the fast path for {what} is off ({reason}); the plain library call is used "
                  "(same results, slower)", FastPathWarning, stacklevel=3)


def accepted(distribution: str, what: str) -> bool:
    """Whether the installed ``distribution`` is the version the fast path for ``what`` transcribes; if not,
    warn (once) that the fast path is off."""
    installed = package_version(distribution)
    if installed == ACCEPTED[distribution]:
        return True
    turned_off(what, f"{distribution} {installed} is installed, the fast path was written for "
                     f"{ACCEPTED[distribution]}")
    return False
