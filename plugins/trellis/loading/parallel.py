"""A one-off read of a big journal (`trellis check`) shared between processes.

Other processes (forked, one per core, up to four) parse a share of the files each and
send back plain values; this process makes every record. A worker ends with the
command, whatever ends it.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from contextlib import contextmanager
from typing import Any

from ..model import Finding, Source
from ..signals import HELD_SIGNALS, signals_held
from .records import build_record, load_file, parse


@contextmanager
def no_cycle_collection():
    """Python's cycle collector paused while thousands of records are made.

    Every few hundred new objects it walks the ones still alive, and loading keeps all
    of them: on 6,000 files that was about a tenth of the whole `trellis check`. Records hold
    no reference cycles, so nothing piles up meanwhile; the collector runs again after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# Above this many files, a one-off read (`trellis check`) shares the parsing with other
# processes, one per core (Linux, where a process starts by forking: elsewhere starting
# one costs more than it saves). Below it, a second process is not worth its start.
PARALLEL_FROM = 1500


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (containers limit them)
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _may_fork() -> bool:
    # forking copies only the thread that forks: a process with other threads (a server) reads alone
    return sys.platform == "linux" and threading.active_count() == 1


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_PARENT_POLL_SECONDS = 0.2


def _start_worker(parent: int) -> None:
    """In a parsing process: end when the command ends, however it ends.

    Ctrl-C is for the command, which stops; the parse has nothing to say. A command killed
    by a signal (SIGKILL, SIGTERM from `timeout`, SIGHUP from a closed terminal) runs no
    clean-up, and a worker blocked writing its result to the pipe would wait for ever: on
    Linux the kernel kills it with its parent (PR_SET_PDEATHSIG); everywhere, a thread
    sees the parent change (an orphan is adopted by another process) and ends it.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):  # the command's own handlers (clean-up) are not for a worker
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # forked while the command held its signals
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD_SIGNALS)
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the thread below is enough
        pass
    if os.getppid() != parent:  # the parent died before the line above: nothing would signal us
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="trellis-parent-watch", daemon=True).start()


def _stop_workers(pool: Any) -> None:
    """Kill a pool's processes now (not after their share is parsed and sent)."""
    kill = getattr(pool, "kill_workers", None)  # Python 3.14
    if kill is not None:
        kill()
    else:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.kill()
    # A worker killed while it sent its share leaves half a message in the result pipe. The
    # pool's thread reading that pipe waited for the rest for ever, since this process holds
    # the pipe's writing end too (it never writes there), and so did the pool's shutdown:
    # Ctrl-C at that moment hung `trellis check`. With this end closed, the thread reads the
    # end of the pipe once the killed workers are gone, and stops.
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None:
        writer.close()


def _parse_chunk(files: list[tuple[str, str]], shown_root: str) -> list[tuple]:
    """Another process's share: each file's parse, with its Source as a plain tuple."""
    with no_cycle_collection():
        parsed = [parse(path, rel, shown_root + rel) for path, rel in files]
    return [
        ((s.first_line, s.body_line, s.lines, s.fill_lines, s.text), values, body, failure)
        for s, values, body, failure in parsed
    ]


def load_files(files: list[tuple[str, str]], shown_root: str) -> list[tuple[Any, list[Finding]]]:
    """load_file for every file, in order; in parallel when there are many and cores to spare.

    The other processes only parse (the C loader's time, most of the work) and send back
    plain values; records are made here: sending records would cost more than making them."""
    workers = min(_cores(), 4) if len(files) >= PARALLEL_FROM and _may_fork() else 1
    if workers < 2:
        return [load_file(path, rel, shown_root + rel) for path, rel in files]
    import concurrent.futures
    import multiprocessing

    # This process also makes every record (a record costs about a seventh of a parse), so
    # it parses fewer files: all finish together when m*(7+1) = 7*c, c being each other
    # process's share, (len - m) / (workers - 1).
    mine = 7 * len(files) // (8 * (workers - 1) + 7)
    size = -(-(len(files) - mine) // (workers - 1))
    chunks = [files[n : n + size] for n in range(mine, len(files), size)]
    try:
        # a signal during a fork lands in a callback that drops its exception (logging's lock
        # release after the fork): SIGHUP was lost and `trellis check` went on to exit 0.
        # Held, it arrives after the forks, where it stops the command.
        with signals_held():
            pool = concurrent.futures.ProcessPoolExecutor(
                len(chunks),
                mp_context=multiprocessing.get_context("fork"),
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
            others = [pool.submit(_parse_chunk, chunk, shown_root) for chunk in chunks]
    except (OSError, ValueError, RuntimeError):  # no processes here (a sandbox): one is enough
        return [load_file(path, rel, shown_root + rel) for path, rel in files]
    with pool:
        loaded = [load_file(path, rel, shown_root + rel) for path, rel in files[:mine]]
        try:
            for chunk, future in zip(chunks, others):
                for (path, rel), (lines, values, body, failure) in zip(chunk, future.result()):
                    source = Source(
                        path=path,
                        shown=shown_root + rel,
                        rel=rel,
                        first_line=lines[0],
                        body_line=lines[1],
                        lines=lines[2],
                        fill_lines=lines[3],
                        text=lines[4],
                    )
                    loaded.append(build_record(source, values, body, failure))
        except concurrent.futures.process.BrokenProcessPool:
            return [load_file(path, rel, shown_root + rel) for path, rel in files]
        except BaseException:  # Ctrl-C, a signal the command made an exception, a bug: no worker outlives the read
            _stop_workers(pool)
            raise
    return loaded
