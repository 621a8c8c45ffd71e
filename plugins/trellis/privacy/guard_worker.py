"""The guard on the machine's other core: a public build's pages read while MkDocs renders the
next ones (issue 31).

The guard reads every file of a public site once the build has written it (`guard.py`). Read
after the build, its reading of the pages is about a fifth of a build of thousands of journal
files; MkDocs renders pages on one core. So `GuardWorker.start` forks a process holding the
guard (its matcher and passages, made before the first page), hands it each page's final HTML
as MkDocs is about to write it (`page`), and at the build's end (`finish`) reads every built
file as the guard always did: a page whose file holds what the worker was handed is not sent
again, every other file is (the search index, the sitemap, 404.html, assets, folders), and the
worker's reading is put in the order the files lie in the site, so that what is found and said
is what the guard in one process finds and says (tested).

Where the worker cannot be trusted to have read what is published, the guard reads the site in
this process, as before, and the build only takes longer: a page whose file differs from what
it was handed (a plugin that rewrites pages after MkDocs wrote them), a page handed and never
written, a worker that failed or was lost. Nothing here decides what is private: the worker
runs the same `Guard`.

Only where `os.fork` exists (POSIX) and the process may use two cores, and only for `mkdocs
build` and in a process with no other thread (serve's server runs threads that a fork must not
copy, and `serve --clean` starts up as a build). TRELLIS_GUARD_WORKER=0 reads in
one process.
"""

from __future__ import annotations

import os
import queue
import signal
import threading
import traceback
import warnings
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection, Pipe

from ..signals import STOPPING_SIGNALS, signals_held
from .guard import Guard, Reading

_END = None  # what the build hands the worker after the last file


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def wanted() -> bool:
    """Whether this process can read with a worker: fork, two cores, not switched off, and no
    other Python thread (a fork copies only the thread that forks: a lock another holds, in the
    worker, is held for ever; `mkdocs serve --clean` starts its plugins up as a "build" and
    rebuilds in a thread beside its server's)."""
    return (
        hasattr(os, "fork")
        and os.environ.get("TRELLIS_GUARD_WORKER", "1") != "0"
        and _cores() >= 2
        and threading.active_count() == 1
    )


class GuardWorker:
    """One build's guard in a forked process: `page` for each page written, then `finish`."""

    def __init__(self, guard: Guard, connection: Connection, pid: int) -> None:
        self.guard = guard
        self._connection: Connection | None = connection
        self._pid: int | None = pid
        self._handed: dict[str, str] = {}  # a page's path in the site: the text the worker read
        self._lost = False  # a page could not be handed: the worker's reading is not the site's
        self.why_not: str = ""  # why `finish` gave no answer: the build says it at debug level

    @classmethod
    def start(cls, guard: Guard) -> GuardWorker | None:
        """The worker, forked now; None where it cannot be (the guard then reads in this process)."""
        if not wanted():
            return None
        ours, theirs = Pipe()
        build, pid = os.getpid(), -1
        try:
            # a signal during the fork lands in a callback that drops its exception (the build's
            # Ctrl-C lost), or in the worker before it reads, where it would go up the build's
            # code (MkDocs' clean-up, on_shutdown's) in the worker: held, it arrives after
            with signals_held(), warnings.catch_warnings():
                # Python 3.12 warns of a fork in a process with threads (numpy's BLAS keeps one,
                # idle); the worker only reads text with the guard's own Python code
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
                if pid == 0:  # the worker
                    _worker_signals(build)
        except BaseException as err:
            if os.getpid() != build:  # the worker, whatever was raised: never back into the build
                os._exit(1)
            ours.close()
            theirs.close()
            if pid > 0:  # forked, then the held signal arrived: the build stops, and so does its worker
                GuardWorker(guard, ours, pid).stop()
            if isinstance(err, OSError):  # no process to be had (a sandbox): read in this process
                return None
            raise
        if pid == 0:
            try:
                ours.close()
                _work(guard, theirs)  # never returns
            finally:
                os._exit(1)
        theirs.close()
        return cls(guard, ours, pid)

    def page(self, path: str, text: str) -> None:
        """A page's path in the site and the text about to be written there."""
        if self._connection is None or self._lost:
            return
        if path in self._handed or not isinstance(text, str):
            # written twice: the worker read both, which one lies there is not known; or no text
            self._lost = True
            return
        # the characters MkDocs writes, as a plain str: a plugin's own str subclass is not sent
        # (pickle may not know it), nor read as a subclass may change str's methods
        text = str.__str__(text)
        try:
            self._connection.send((path, text))
        except (OSError, ValueError):  # the worker is gone
            self._lost = True
            return
        self._handed[path] = text

    def finish(self, files: Iterable[tuple[str, str | None]]) -> list[tuple[str, str]] | None:
        """The leaks in the built site (`files`, as `site_files` reads them), or None when the
        worker's reading cannot be the site's: the caller then reads `files` with the guard."""
        if self._connection is None or self._lost:
            self.why_not = "a page could not be handed to the worker (written twice, no text, or the worker gone)"
            self.stop()
            return None
        order: dict[str, int] = {}
        try:
            for path, text in files:
                order[path] = len(order)
                handed = self._handed.pop(path, None)
                if handed is None:
                    self._connection.send((path, text))
                elif handed != text or type(handed) is not type(text):
                    # changed after it was written; or read as another kind of text than a page
                    # (an image's metadata, where a plugin named the page "card.png")
                    self.why_not = f"{path} changed after it was written"
                    self.stop()
                    return None
            if self._handed:  # handed, never written (or removed since)
                self.why_not = f"{next(iter(self._handed))} was handed and not written"
                self.stop()
                return None
            self._connection.send(_END)
            answer = self._connection.recv()
        except (OSError, EOFError, ValueError) as err:
            self.why_not = f"the worker was lost ({err!r})"
            self.stop()
            return None
        self.stop(answered=True)
        if not isinstance(answer, Reading) or not {path for path, _ in answer.found} | set(answer.printed) <= set(
            order
        ):
            self.why_not = (
                f"the worker failed: {answer}" if isinstance(answer, str) else "the worker's answer was no reading"
            )
            return None
        return self.guard.concluded(answer.in_order(order))

    def stop(self, answered: bool = False) -> None:
        """The worker ended (killed unless it `answered`: it exits then), if it runs."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._pid is not None:
            try:
                if not answered:
                    os.kill(self._pid, 9)  # SIGKILL: POSIX only, as fork is
                os.waitpid(self._pid, 0)
            except (ChildProcessError, ProcessLookupError):
                pass
            self._pid = None
        self._handed = {}


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _worker_signals(build: int) -> None:
    """The worker's signals (held by the fork): Ctrl-C, which reaches the terminal's whole group,
    is the build's, which stops and kills the worker; the build's own handlers (which raise) are
    not the worker's. A build killed (SIGKILL, the OOM killer) takes the worker along: on Linux
    the kernel kills it with the build (PR_SET_PDEATHSIG); elsewhere the pipe's end tells it,
    unless another process forked during the build holds the build's end too."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in STOPPING_SIGNALS:
        signal.signal(signum, signal.SIG_DFL)
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux
        pass
    if os.getppid() != build:  # the build died before the line above: nothing would kill the worker
        os._exit(1)


def _work(guard: Guard, connection: Connection) -> None:
    """The worker's life: read what it is handed until the end, answer its reading, exit."""
    status = 1
    try:
        connection.send(guard.read(_received(connection)))
        status = 0
    except BaseException:  # noqa: BLE001 - the build reads the site itself on any failure here
        try:
            connection.send(traceback.format_exc())
        except BaseException:  # noqa: BLE001, S110
            pass
    finally:
        os._exit(status)  # no clean-up of the build's: its temporary files, its atexit, its buffers


def _received(connection: Connection) -> Iterator[tuple[str, str | None]]:
    """The files handed, in the order handed. A thread takes them off the pipe as they come, so
    that the build never waits on the worker's reading to hand it the next page."""
    waiting: queue.SimpleQueue = queue.SimpleQueue()

    def take() -> None:
        try:
            while True:
                item = connection.recv()
                waiting.put(item)
                if item is _END:
                    return
        except BaseException as err:  # noqa: BLE001 - the build is gone: stop reading
            waiting.put(err)

    threading.Thread(target=take, daemon=True).start()
    while True:
        item = waiting.get()
        if item is _END:
            return
        if isinstance(item, BaseException):
            raise item
        yield item
