"""Progress of ``rhetoric features`` (``rhetoric.run.features.progress``): a bar on a terminal, plain lines without a
carriage return elsewhere, with the total, the percentage and the time left."""
from __future__ import annotations

import io
import json
import re

from rhetoric.cli import main
from rhetoric.run.features import progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_plain_lines_off_a_terminal(monkeypatch):
    out = io.StringIO()
    clock = iter(range(0, 10_000, 5))
    monkeypatch.setattr(progress.time, "perf_counter", lambda: float(next(clock)))
    bar = progress.Progress(stream=out, interval=10)
    bar.set_total(40)
    for _ in range(4):
        bar.update(10, "1,000 words/s")
    bar.close()
    text = out.getvalue()
    assert "\r" not in text and "\x1b" not in text
    lines = text.splitlines()
    assert len(lines) >= 2
    # the clock ticks 5 s a call: the first line is due at 10 s (20 of 40 done, 20 s for 20: 20 s left)
    assert lines[0] == "rhetoric features: 20/40 articles (50%), 00:20 elapsed, about 00:20 left, 1,000 words/s"
    assert lines[-1].startswith("rhetoric features: 40/40 articles (100%)") and "left" not in lines[-1]


def test_progress_bar_on_a_terminal_shows_total_percentage_and_time_left():
    out = _Terminal()
    bar = progress.Progress(stream=out)
    bar.set_total(8)
    bar.update(2, "10 words/s")
    bar.close(done=False)
    text = out.getvalue()
    assert "\r" in text  # redrawn in place
    assert re.search(r"25%\|.*\| 2/8 \[\d\d:\d\d<\d\d:\d\d", text), text


def test_progress_disabled_writes_nothing():
    out = io.StringIO()
    bar = progress.Progress(enabled=False, stream=out, interval=0)
    bar.set_total(3)
    bar.update(3)
    bar.close()
    assert out.getvalue() == ""


def test_features_progress_in_a_log_has_total_and_no_carriage_return(tmp_path, capsys):
    records = [{"id": f"a{k}", "stance": "s", "text": f"The U.S. may act on Iran in round {k}. China said no."}
               for k in range(3)]
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert main(["features", str(src), "-o", str(tmp_path / "f.csv"), "--chunk-size", "1"]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err
    assert "rhetoric features: 3/3 articles (100%)" in err
