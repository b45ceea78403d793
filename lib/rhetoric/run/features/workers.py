"""Where the feature table's chunks are computed: this process, a pool of worker processes, or a Dask cluster.

Nothing outlives the command: every worker process (a pool's, a local Dask cluster's) watches its parent and
ends as soon as the command's process is gone, however it died (``SIGKILL`` included; :func:`watch_parent`); a
Dask scheduler that cannot be reached within :data:`SCHEDULER_TIMEOUT` seconds is one clear error; a worker that
dies mid-chunk is :class:`WorkerLost` (exit status 1, nothing written).

Dask is an optional engine: it is imported only when asked for (``--engine dask``, ``--scheduler``).
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from rhetoric.base.errors import InputError

#: Seconds to wait for a Dask scheduler given with ``--scheduler`` before giving up.
SCHEDULER_TIMEOUT = 5


class WorkerLost(RuntimeError):
    """A worker process died (killed, out of memory) while processing a chunk: nothing is written."""


def watch_parent(interval: float = 0.5) -> None:
    """End this process (``os._exit``) as soon as its parent is gone: a daemon thread polls the parent id,
    which changes when the parent dies, however it died (``SIGKILL`` included). Run in every worker process
    (pool workers, local Dask workers), never in the command's own process, so no worker outlives the
    command. Idempotent."""
    if any(t.name == "rhetoric-parent-watch" for t in threading.enumerate()):
        return
    ppid = os.getppid()

    def watch() -> None:
        while os.getppid() == ppid:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="rhetoric-parent-watch", daemon=True).start()


def one_line(exc: BaseException) -> str:
    """The first line of an error's message (or its type's name)."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _dask(workers: int, scheduler: str | None) -> tuple[Callable, Callable]:
    from dask.distributed import Client, LocalCluster  # optional engine, loaded only when asked for

    if scheduler:
        quiet = [logging.getLogger(n) for n in ("distributed", "distributed.client", "distributed.comm")]
        levels = [lg.level for lg in quiet]
        for lg in quiet:
            lg.setLevel(logging.CRITICAL)
        try:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
        except Exception as exc:  # noqa: BLE001 - an address that cannot be reached or parsed
            raise InputError(scheduler, f"cannot connect to a Dask scheduler there ({one_line(exc)}); is it "
                             "running, and is the address right?") from None
        finally:
            for lg, level in zip(quiet, levels):
                lg.setLevel(level)
        return client.submit, client.close
    # Ctrl-C reaches every process of the terminal's group: the workers are started with SIGINT ignored (Python
    # then installs no KeyboardInterrupt handler in them), so only this process is interrupted and closes them,
    # and the cluster's own logs are silenced, so an interruption is the command's one line, not 50 to 90 lines
    # of worker tracebacks and shutdown warnings (issue 37)
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main_thread else None
    try:
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.CRITICAL)
    finally:
        if main_thread:
            signal.signal(signal.SIGINT, previous)
    client = Client(cluster)
    try:  # the workers are this process's children (their nannies run in this process)
        client.run(watch_parent)
    except Exception:  # noqa: BLE001 - best effort: Dask's own watch of the parent still applies
        pass
    return client.submit, lambda: (client.close(), cluster.close())


def executor(workers: int, engine: str, scheduler: str | None) -> tuple[Callable[..., Future] | None, Callable]:
    """A ``submit`` function for the chunks (``None``: the serial path, in this process) and a closer."""
    if engine == "dask" or scheduler:
        return _dask(workers, scheduler)
    if workers > 1:
        processes = ProcessPoolExecutor(max_workers=workers, initializer=watch_parent)
        return processes.submit, lambda: processes.shutdown(cancel_futures=True)
    return None, lambda: None


def pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` fresh processes (``forkserver``: a Jupyter kernel's threads are not forked) that end
    with this process; a context manager that ends them on leaving it."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver"),
                               initializer=watch_parent)


def result(future):
    """A chunk's result; a worker that died is :class:`WorkerLost`."""
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise WorkerLost(f"a worker process died ({one_line(exc)}); nothing was written") from None
    except Exception as exc:
        if type(exc).__name__ in ("KilledWorker", "CommClosedError", "FutureCancelledError"):
            raise WorkerLost(f"a Dask worker was lost ({one_line(exc)}); nothing was written") from None
        raise
