"""Executing one notebook (``rhetoric.run.kernel``): its kernel starts quietly (no transport warning), real errors
still surface, a signal nbclient answers itself is an interruption, parameters are injected the papermill way."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
import zmq

from rhetoric.run import kernel
from rhetoric.run.kernel import kernel_config

SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path

    import nbformat

    from rhetoric.run.kernel import execute_notebook

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


@pytest.mark.slow  # a kernel: the full tier only
def test_notebook_execution_prints_no_kernel_warning(tmp_path):
    done = _execute("print('hello from the kernel')", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "hello from the kernel" in done.stdout
    assert "without encryption" not in done.stderr
    assert "WARNING" not in done.stderr, done.stderr


@pytest.mark.slow  # a kernel: the full tier only
def test_a_failing_cell_still_fails_loudly(tmp_path):
    done = _execute("raise ValueError('boom in a cell')", tmp_path)
    assert done.returncode != 0
    assert "boom in a cell" in done.stderr


def test_nbclient_answering_ctrl_c_itself_is_an_interruption(monkeypatch):
    """nbclient shuts the kernel down on SIGINT/SIGTERM and the cell then fails with a bare AssertionError (what
    the issue saw: "failed ... AssertionError", exit 1): execute_notebook reports it as an interruption."""
    import nbclient

    class Client:
        def __init__(self, nb, **kw):
            pass

        def execute(self, **kw):
            self._async_cleanup_kernel_future = object()  # what nbclient's signal handler leaves behind
            raise AssertionError

    monkeypatch.setattr(nbclient, "NotebookClient", Client)
    with pytest.raises(KeyboardInterrupt):
        kernel.execute_notebook(None, cwd=Path("."))


def test_a_signal_nbclient_answers_as_the_notebook_ends_is_an_interruption_by_that_signal(monkeypatch):
    """The fuzzing harness's case: SIGTERM (or Ctrl-C) while nbclient shuts the kernel down at the end; nbclient
    returned normally and the run went on (exit 0, a traceback of its second clean-up); now it is interrupted."""
    import asyncio

    import nbclient
    from jupyter_core.utils import ensure_event_loop

    class Client:
        def __init__(self, nb, **kw):
            pass

        def execute(self, **kw):
            loop = ensure_event_loop()
            loop.add_signal_handler(signal.SIGTERM, lambda: None)  # as nbclient's setup does
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                loop.run_until_complete(asyncio.sleep(0.2))  # the handler runs on the loop
            finally:
                loop.remove_signal_handler(signal.SIGTERM)

    monkeypatch.setattr(nbclient, "NotebookClient", Client)
    with pytest.raises(kernel.Signalled) as got:
        kernel.execute_notebook(None, cwd=Path("."))
    assert got.value.signum == signal.SIGTERM


def test_parameter_injection_follows_papermill_convention():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"),
                                         nbformat.v4.new_code_cell("A = None", metadata={"tags": ["parameters"]}),
                                         nbformat.v4.new_code_cell("print(A)")])
    out = kernel.inject_parameters(nb, {"A": "../corpus"})
    assert out.cells[2].metadata["tags"] == ["injected-parameters"]
    assert out.cells[2].source.endswith("A = '../corpus'")
    assert len(kernel.inject_parameters(out, {"A": "x"}).cells) == 4  # re-injection replaces, never stacks


def test_groups_are_injected_as_typed():
    """Moved from tests/analysis/test_aggregate.py."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("GROUPS = None", metadata={"tags": ["parameters"]})])
    injected = kernel.inject_parameters(nb, {"GROUPS": "y,x"})
    assert "GROUPS = 'y,x'" in injected.cells[1].source
    with pytest.raises(kernel.RunError, match="no cell tagged 'parameters'"):
        kernel.inject_parameters(nbformat.v4.new_notebook(), {"GROUPS": "y"})


def test_strip_volatile_keeps_what_does_not_change():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7", "mimetype": "text/x-python"}
    nb.metadata["papermill"] = {"duration": 1.5}
    nb.cells[0].metadata["execution"] = {"iopub.status.busy": "2026-01-01"}
    nb.cells[0]["id"] = ""
    kernel.strip_volatile(nb)
    assert nb.metadata["language_info"] == {"name": "python", "mimetype": "text/x-python"}
    assert "papermill" not in nb.metadata and nb.metadata["kernelspec"] == kernel.KERNELSPEC
    assert nb.cells[0].metadata == {} and nb.cells[0]["id"] == "cell-00"


def test_the_project_kernel_is_registered_and_named_in_every_notebook():
    """The runner's kernel is the project's (this Python), and every committed notebook names it, so another
    Jupyter asks for it by name."""
    import json
    import sys
    from pathlib import Path

    from jupyter_client.kernelspec import KernelSpecManager

    from rhetoric.base.paths import ROOT
    from rhetoric.run import kernel

    assert kernel.ensure_kernel() == kernel.KERNEL_NAME == "rhetoric"
    spec = KernelSpecManager().get_kernel_spec(kernel.KERNEL_NAME)
    assert Path(spec.argv[0]).resolve() == Path(sys.executable).resolve()
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        assert json.loads(path.read_text(encoding="utf-8"))["metadata"]["kernelspec"] == kernel.KERNELSPEC, path
