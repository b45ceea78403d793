"""Executing one notebook in a fresh kernel, reproducibly: parameters in, volatile metadata out, signals noted.

* :func:`inject_parameters` passes a run's parameters the papermill way: a cell tagged ``injected-parameters``
  inserted after the cell tagged ``parameters`` (a few lines of our own rather than papermill, which stamps
  timestamps and durations into the notebook and would break byte-identical re-runs).
* :func:`ensure_kernel` registers the project's kernel (:data:`KERNEL_NAME`) in this environment where it is
  missing or names another Python.
* :func:`execute_notebook` runs every cell in a fresh kernel of the project (nbclient), started with CurveZMQ transport
  encryption where available (:func:`kernel_config`), and says by which signal it was interrupted
  (:class:`Signalled`) when nbclient answered ``SIGINT`` or ``SIGTERM`` itself.
* :func:`strip_volatile` removes what changes between runs of the same code (timings, kernel and Python patch
  versions).
* :func:`noting_signals` records ``SIGINT`` and ``SIGTERM`` while a notebook runs.
"""
from __future__ import annotations

import asyncio
import copy
import signal
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

import nbclient
import nbformat
import zmq
from jupyter_core.utils import ensure_event_loop
from traitlets.config import Config

#: The project's kernel: registered in the environment (``make setup``, ``make lab``, :func:`ensure_kernel`), named
#: in every notebook's metadata, and the kernel ``rhetoric run`` executes the notebooks in. Opened in another
#: Jupyter, a notebook asks for this kernel by name instead of silently using another Python.
KERNEL_NAME = "rhetoric"
KERNELSPEC = {"display_name": "Python 3 (rhetoric)", "language": "python", "name": KERNEL_NAME}
_KEEP_LANGUAGE_INFO = ("name", "mimetype", "file_extension", "pygments_lexer", "codemirror_mode",
                       "nbconvert_exporter")


class RunError(RuntimeError):
    """A notebook failed, or produced output that must not be committed (an absolute path, an error)."""


def inject_parameters(nb, parameters: dict[str, object]):
    """Insert a cell tagged ``injected-parameters`` after the ``parameters`` cell (papermill's convention)."""
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if "injected-parameters" not in c.metadata.get("tags", [])]
    where = next((i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), None)
    if where is None:
        raise RunError("the notebook has no cell tagged 'parameters' to override")
    source = "# Parameters injected by `rhetoric run`\n" + "\n".join(
        f"{k} = {v!r}" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    cell.id = "injected-parameters"
    nb.cells.insert(where + 1, cell)
    return nb


def strip_volatile(nb):
    """Remove what changes between runs of the same code: timings, kernel and Python patch versions."""
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    info = nb.metadata.get("language_info", {})
    nb.metadata["language_info"] = {k: info[k] for k in _KEEP_LANGUAGE_INFO if k in info}
    for key in ("widgets", "papermill", "execution"):
        nb.metadata.pop(key, None)
    for i, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
        if not cell.get("id") or cell.get("id") == "":
            cell["id"] = f"cell-{i:02d}"
    return nb


@contextmanager
def noting_signals():
    """Record ``SIGINT`` and ``SIGTERM`` while a notebook runs (and raise :class:`KeyboardInterrupt` for both):
    nbclient may turn the interruption into another error, and the record says what really happened. Only in
    the main thread (where signal handlers can be set)."""
    caught: dict = {}
    if threading.current_thread() is not threading.main_thread():
        yield caught
        return

    def handler(signum, frame):
        caught.setdefault("signal", signum)
        raise KeyboardInterrupt(signal.Signals(signum).name)

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield caught
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def ensure_kernel() -> str:
    """The name of the kernel to execute the notebooks in: :data:`KERNEL_NAME`, registered in this environment
    (``sys.prefix``) running this Python where it is missing or runs another; ``python3`` (ipykernel's own,
    this Python too) where the environment cannot be written to."""
    from ipykernel.kernelspec import install
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
        if spec.argv and Path(spec.argv[0]).resolve() == Path(sys.executable).resolve():
            return KERNEL_NAME
    except NoSuchKernel:
        pass
    try:
        install(kernel_name=KERNEL_NAME, display_name=KERNELSPEC["display_name"], prefix=sys.prefix)
    except OSError:
        return "python3"
    return KERNEL_NAME


def kernel_config() -> Config:
    """Kernel-manager settings for executing notebooks: CurveZMQ transport encryption where available.

    ipykernel >= 7 warns on stderr at every start ("Kernel is running over TCP without encryption") unless
    the kernel manager provisions CurveZMQ keys, which jupyter_client >= 8.10 does with
    ``transport_encryption="auto"`` for kernelspecs that declare ``supported_encryption: curve`` (ipykernel's
    does). Without libzmq's Curve support, or with a jupyter_client that predates the setting, the kernel
    runs unencrypted as before and says so: the warning is answered at its cause, never filtered out.
    """
    return Config({"KernelManager": {"transport_encryption": "auto"}}) if zmq.has("curve") else Config()


class Signalled(KeyboardInterrupt):
    """``SIGINT`` or ``SIGTERM`` (``signum``) taken by nbclient's own handler while a notebook ran."""

    def __init__(self, signum: int | None):
        super().__init__(f"{signal.Signals(signum).name if signum else 'a signal'} while the notebook ran")
        self.signum = signum


def execute_notebook(nb, cwd: Path, timeout: int = 900):
    """Run every cell of ``nb`` in a fresh kernel of the project (:func:`ensure_kernel`) with ``cwd`` as working
    directory.

    nbclient answers ``SIGINT`` and ``SIGTERM`` itself while it runs (an event-loop handler that shuts the kernel
    down, leaving a cell to fail with a bare ``AssertionError``, or, when the signal comes as the notebook ends,
    letting it return normally while a second clean-up fails on its own): either way the run was interrupted,
    and :class:`Signalled` says by which signal; the failed clean-up is collected, so it prints no traceback."""
    client = nbclient.NotebookClient(nb, timeout=timeout, kernel_name=ensure_kernel(), record_timing=False,
                            resources={"metadata": {"path": str(cwd)}}, config=kernel_config())
    loop = ensure_event_loop()  # the loop nbclient runs on (jupyter_core's loop of this thread)
    signals: list[int] = []
    add_handler = loop.add_signal_handler

    def noted(sig, callback, *args):  # nbclient's handler, with the signal it answers noted
        return add_handler(sig, lambda *a: (signals.append(sig), callback(*a)), *args)

    loop.add_signal_handler = noted
    kernel_log = tempfile.TemporaryFile()  # the kernel process's own stderr (its log, not a cell's output)
    interrupted = False
    try:
        try:
            client.execute(stderr=kernel_log)
        except BaseException as exc:
            answered = signals or getattr(client, "_async_cleanup_kernel_future", None) is not None
            interrupted = answered or isinstance(exc, KeyboardInterrupt)
            if answered and not isinstance(exc, KeyboardInterrupt):
                raise Signalled(signals[0] if signals else None) from exc
            raise
        finally:
            del loop.add_signal_handler  # the loop's own method again
            _collect(loop, getattr(client, "_async_cleanup_kernel_future", None))
        if signals:  # the signal came as the notebook ended: still an interruption (its outputs are not kept)
            interrupted = True
            raise Signalled(signals[0])
        return nb
    finally:
        # passed on, except when the run was interrupted: a kernel shut down in the middle of a request logs a
        # traceback of its closed socket, which says nothing about the notebook
        kernel_log.seek(0)
        said = kernel_log.read().decode("utf-8", "replace")
        kernel_log.close()
        if said and not interrupted:
            sys.stderr.write(said)


def _collect(loop, future) -> None:
    """Let nbclient's signal-triggered clean-up finish and take its outcome (a second clean-up after the first
    fails on ``km`` being gone; left uncollected, asyncio would print that traceback)."""
    if not isinstance(future, asyncio.Future):
        return
    if not future.done() and not loop.is_running() and not loop.is_closed():
        try:
            loop.run_until_complete(asyncio.wait([future], timeout=30))
        except BaseException:  # noqa: BLE001 - best effort: the kernel is shut down by the first clean-up
            pass
    if future.done() and not future.cancelled():
        future.exception()
