"""What an executed notebook's cells may show: no error ever; in a committed run, nothing on stderr and no
absolute path (it would leak a user's home or the machine's folders when the notebook is shared)."""
from __future__ import annotations

import json
import re

from rhetoric.run.kernel import RunError

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_HOMES = re.compile(r"(?:/home/[a-z][\w.-]*|/Users/[\w.-]+|/root/[\w.-]+)")


def leaks(text: str, roots: list[str]) -> list[str]:
    """The absolute paths in ``text``: any of ``roots``, and home folders."""
    return [r for r in roots if r and r in text] + _HOMES.findall(text)


def check_cell_outputs(nb, name: str, roots: list[str], strict: bool) -> None:
    """Errors always fail; in a committed (``strict``) run, so do stderr output and absolute paths."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                raise RunError(f"{name}: a cell raised {out.get('ename')}: {out.get('evalue')}")
            if not strict:
                continue
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                raise RunError(f"{name}: a cell wrote to stderr (a warning?): {out.get('text', '')[:300]}")
            leaked = leaks(json.dumps(out), roots)
            if leaked:
                raise RunError(f"{name}: an output holds an absolute path ({leaked[0]}); "
                               "it would leak when the notebook is shared")


def failure_summary(exc: BaseException) -> str:
    """The last line of a cell's traceback ("ValueError: ..."), without terminal colours."""
    ename, evalue = getattr(exc, "ename", ""), getattr(exc, "evalue", "")
    if ename:
        return f"{ename}: {evalue}".strip()
    lines = [ln.strip() for ln in without_colours(str(exc)).splitlines() if ln.strip()]
    return lines[-1] if lines else type(exc).__name__


def without_colours(text: str) -> str:
    """``text`` without terminal colour codes (a cell's traceback, as kept in the error log)."""
    return _ANSI.sub("", text)
