"""Executing a notebook starts its kernel quietly (no transport warning), and real errors still surface."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
import zmq

from rhetoric.run.runner import kernel_config

pytestmark = pytest.mark.slow  # kernels and whole notebook runs: the full tier only

SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path

    import nbformat

    from rhetoric.run.runner import execute_notebook

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(sys.argv[1])])
    execute_notebook(nb, Path.cwd(), timeout=120)
    print(nb.cells[0].outputs)
""")


def _execute(source: str, tmp_path) -> subprocess.CompletedProcess:
    """Run a one-cell notebook in a child process; the kernel inherits its stderr, which we capture."""
    return subprocess.run([sys.executable, "-c", SCRIPT, source], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300)


def test_kernel_is_provisioned_with_transport_encryption():
    if zmq.has("curve"):
        assert kernel_config().KernelManager.transport_encryption == "auto"


def test_notebook_execution_prints_no_kernel_warning(tmp_path):
    done = _execute("print('hello from the kernel')", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "hello from the kernel" in done.stdout
    assert "without encryption" not in done.stderr
    assert "WARNING" not in done.stderr, done.stderr


def test_a_failing_cell_still_fails_loudly(tmp_path):
    done = _execute("raise ValueError('boom in a cell')", tmp_path)
    assert done.returncode != 0
    assert "boom in a cell" in done.stderr
