"""How a `trellis` command ends when the system stops it: in one clear line, with nothing left.

A signal that ends a command (SIGTERM from `timeout` or a shutdown, SIGHUP from a closed
terminal) becomes the `Stopped` exception, so that the command unwinds like Ctrl-C does:
its temporary files are removed and it says what it had written. An OSError (a full
disk, a permission, a read-only disk, a file that vanished) becomes one line naming the
user's file, the system's reason and what to do. SIGKILL runs nothing: the temporary
files it leaves are found by the next command (`clear_leftovers`).
"""

from __future__ import annotations

import errno
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

EXIT_SYSTEM = 74  # sysexits.h's EX_IOERR: the system refused a read or a write
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


def _what_to_do(err: OSError, folder: str) -> str:
    from . import writing  # writing holds its temporary files with signals_held: imported late

    code = err.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return f"the disk is full: free some space (df -h {folder})"
    if code in (errno.EACCES, errno.EPERM):
        return (
            f"you may not {'write' if isinstance(err, writing.CannotWrite) else 'use'} that: "
            f"check the owner and permissions of {folder} (ls -ld {folder})"
        )
    if code == errno.EROFS:
        return "the disk is mounted read-only: make it writable, or work on a copy of the journal"
    if code in (errno.ENOENT, errno.ENOTDIR):
        return f"a file or folder vanished while the command ran: check that {folder} is there"
    if code == errno.EISDIR:
        return "a folder has that name: give a file name"
    return "fix that"


def os_error_line(command: str, err: OSError, shown: Callable[[Path], str], wrote: list[Path]) -> str:
    """The one line an OSError gives: the user's file, the system's reason, what to do."""
    from . import writing

    path = Path(err.filename) if err.filename else None
    reason = err.strerror or str(err)
    folder = shown(path.parent) if path else "."
    if isinstance(err, writing.CannotWrite):
        what = f"cannot write {shown(err.path)}: {reason}"
    else:
        what = f"{shown(path)}: {reason}" if path else reason
    again = "then run the same command again"
    if wrote and command == "trellis init":
        again = f"then delete the {len(wrote)} files it wrote (listed above) and run it again"
    elif wrote:
        again += f": it keeps the {len(wrote)} files written above and completes the rest"
    return f"{command}: {what}: {_what_to_do(err, folder)}, {again}"


def clear_leftovers(folder: Path, shown: Callable[[Path], str], recursive: bool = True) -> list[str]:
    """Remove the temporary files a killed command left under `folder`; a line for each."""
    from . import writing

    said = []
    for path, abandoned in writing.leftovers(folder, recursive):
        target = shown(writing.target_of(path))
        if not abandoned:
            said.append(
                f"left {shown(path)}, a copy of {target} being written: the process that writes it "
                "still runs; if no trellis command runs, delete it (it may hold private data)"
            )
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as err:
            said.append(
                f"cannot remove {shown(path)}, an unfinished copy of {target} that a stopped command "
                f"left: {err.strerror or err}: delete it by hand (it may hold private data)"
            )
            continue
        said.append(
            f"removed {shown(path)}, an unfinished copy of {target} that a stopped trellis command "
            "left (it may have held private data)"
        )
    return said


def quiet_broken_pipe() -> None:
    """Standard output's reader went away (`trellis export json | head`): say nothing more there."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
    except OSError:
        pass


def unwritable_site(site_dir: str) -> str | None:
    """Why a build could not write its site into `site_dir` (one line, what to do), or None.

    MkDocs writes the site itself, and an OSError there ends in its traceback; asked before
    the build, the usual cases (a read-only disk, a folder of another user's, a full disk) get
    one clear line. A disk that fills up during the build is still MkDocs' to report."""
    import tempfile

    folder = Path(site_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".trellis-write-test-"):
            pass
    except OSError as err:
        reason = err.strerror or str(err)
        return (
            f"cannot write the site into {site_dir}: {reason}: {_what_to_do(err, str(folder))}, "
            "or build into another folder (mkdocs build -d FOLDER)"
        )
    return None
