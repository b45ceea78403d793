"""Progress of a long command: articles done out of the total, with percentage, rate and time left.

On a terminal, a tqdm bar redrawn in place; anywhere else (a log file, a pipe, CI) plain lines, one at most every
``interval`` seconds and one at the end, never a carriage return. The total may be set later
(:meth:`Progress.set_total`), when counting the input finishes; until then the count alone is shown.
"""
from __future__ import annotations

import sys
import threading
import time

from tqdm import tqdm


class Progress:
    """A progress display (see the module docstring)."""

    def __init__(self, *, enabled: bool = True, stream=None, interval: float = 10.0, unit: str = "articles",
                 desc: str = "rhetoric features"):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.interval = interval
        self.unit, self.desc = unit, desc
        self.total: int | None = None
        self.n = 0
        self.postfix = ""
        self.t0 = time.perf_counter()
        self._last = self.t0
        isatty = getattr(self.stream, "isatty", None)
        self.terminal = bool(isatty and isatty())
        self._bar = None
        self._lock = threading.Lock()
        self._closed = False
        if enabled and self.terminal:
            self._bar = tqdm(desc=self.desc, unit=f" {unit}", file=self.stream, dynamic_ncols=True,
                             mininterval=0.5)

    def set_total(self, total: int | None) -> None:
        with self._lock:
            if total is None or self._closed:
                return
            self.total = total
            if self._bar is not None:
                self._bar.total = total
                self._bar.refresh()

    def update(self, k: int, postfix: str = "") -> None:
        """``k`` more done; ``postfix`` (say, the rate in words) is shown after the count."""
        self.n += k
        self.postfix = postfix or self.postfix
        if self._bar is not None:
            if postfix:
                self._bar.set_postfix_str(postfix, refresh=False)
            self._bar.update(k)
        elif self.enabled and time.perf_counter() - self._last >= self.interval:
            self._line()

    def line(self) -> str:
        """The plain progress line: ``desc: n/total articles (pct%), elapsed, about T left, postfix``."""
        elapsed = time.perf_counter() - self.t0
        parts = [f"{self.desc}: {self.n:,}"]
        if self.total:
            parts[0] += f"/{self.total:,} {self.unit} ({100 * min(self.n / self.total, 1):.0f}%)"
        else:
            parts[0] += f" {self.unit}"
        parts.append(f"{tqdm.format_interval(elapsed)} elapsed")
        if self.total and 0 < self.n < self.total:
            parts.append(f"about {tqdm.format_interval(elapsed / self.n * (self.total - self.n))} left")
        if self.postfix:
            parts.append(self.postfix)
        return ", ".join(parts)

    def _line(self) -> None:
        self._last = time.perf_counter()
        print(self.line(), file=self.stream, flush=True)

    def close(self, done: bool = True) -> None:
        """End the display; ``done``: the input was read to its end, so what was counted is the total (the
        count of lines is an estimate: a blank line or a line in pieces counts once)."""
        if done and self.n:
            self.set_total(self.n)
        with self._lock:
            self._closed = True
        if self._bar is not None:
            self._bar.close()
        elif self.enabled and self.n:
            self._line()
