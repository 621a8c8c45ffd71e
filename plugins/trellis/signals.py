"""Stopping signals, held or raised: what SIGTERM, SIGHUP and Ctrl-C do to a `trellis` command
and to `mkdocs serve`.

A signal that ends a command (SIGTERM from `timeout` or a shutdown, SIGHUP from a closed
terminal) becomes the `Stopped` exception, so that the command unwinds like Ctrl-C does. Steps
a signal must not cut in two (a temporary file made and not yet noted, a fork) hold the signals
until they are done. This module imports nothing of Trellis: the loader, the writer and the
command line all hold or raise signals, and each imports it from below (`stopping.py` says how
a command ends; it used to hold this too, which made the circle loading -> stopping -> writing
-> loading).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

STOPPING_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
HELD_SIGNALS = {*STOPPING_SIGNALS, signal.SIGINT}


class Stopped(BaseException):
    """A signal asked the command to end (a BaseException, as KeyboardInterrupt: no
    `except Exception` on the way may swallow it)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.name = signal.Signals(signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # as a shell reports a process a signal ended


# the stopping signal received, if any: Python drops an exception raised where it cannot be
# passed on (a callback run after a fork, a __del__: "Exception ignored in ..."), and the
# command must still end as stopped
received: int | None = None


def _stop(signum: int, frame: object) -> None:
    global received
    received = signum
    raise Stopped(signum)


def raise_if_stopped() -> None:
    """Raise Stopped for a signal whose exception was lost on the way."""
    if received is not None:
        raise Stopped(received)


@contextmanager
def signals_held() -> Iterator[None]:
    """The command's stopping signals (and Ctrl-C) wait, pending, while the block runs, and
    arrive after it: for steps a signal must not cut in two (a temporary file made and not yet
    noted; a fork, whose callbacks drop any exception)."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS) if hasattr(signal, "pthread_sigmask") else None
    try:
        yield
    finally:
        if held is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)


@contextmanager
def signals_stop_the_command() -> Iterator[None]:
    """SIGTERM and SIGHUP raise Stopped while the block runs; the old handlers come back after."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return
    global received
    received = None
    old = {signum: signal.signal(signum, _stop) for signum in STOPPING_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in old.items():
            signal.signal(signum, handler)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def signals_interrupt() -> dict:
    """Under `mkdocs serve`: SIGTERM and SIGHUP end it as Ctrl-C does, so that MkDocs removes
    its temporary copy of the owner view (every page, e-mails and notes) and Trellis its page
    sources; the default action of these signals ends Python without cleaning anything. Only
    a default handler is replaced (never one another program set), only from the main
    thread. Returns the handlers replaced, for `restore_signals`."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    old = {}
    for signum in STOPPING_SIGNALS:
        if signal.getsignal(signum) is signal.SIG_DFL:
            old[signum] = signal.signal(signum, _interrupt)
    return old


def restore_signals(old: dict) -> None:
    if threading.current_thread() is not threading.main_thread():
        return
    for signum, handler in old.items():
        if signal.getsignal(signum) is _interrupt:
            signal.signal(signum, handler)
