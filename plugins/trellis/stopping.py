"""How a `trellis` command ends when the system stops it: in one clear line, with nothing left.

A signal that ends a command (SIGTERM from `timeout` or a shutdown, SIGHUP from a closed
terminal) becomes the `Stopped` exception (`signals.py`), so that the command unwinds like
Ctrl-C does: its temporary files are removed and it says what it had written. An OSError (a full
disk, a permission, a read-only disk, a file that vanished) becomes one line naming the
user's file, the system's reason and what to do. SIGKILL runs nothing: the temporary
files it leaves are found by the next command (`clear_leftovers`).
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from . import writing

EXIT_SYSTEM = 74  # sysexits.h's EX_IOERR: the system refused a read or a write


def _what_to_do(err: OSError, folder: str) -> str:
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
