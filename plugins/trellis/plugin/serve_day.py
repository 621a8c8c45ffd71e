"""Under `mkdocs serve`, a new day rebuilds the owner view, though no file changed.

MkDocs rebuilds when a watched file changes; "today" is read when a build starts
(`on_config`). Left open overnight (as people keep the dashboard open), the owner view kept
yesterday's date until the next save: the Today page said "What to do on Monday" on Tuesday,
with Monday's follow-ups due "today" and Tuesday's not yet. A thread asks the clock every
POLL_SECONDS; on a new day it writes a file in a folder of its own, outside the journal, that
the server watches, and the server rebuilds as for any save. With SOURCE_DATE_EPOCH pinned the
day never changes. Nothing is written into `journal/`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from .. import clock

POLL_SECONDS = 60.0


class DayWatch:
    """One thread per `mkdocs serve`, started from on_serve and stopped at shutdown."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._folder: Path | None = None

    def start(self, server, built_for: Callable[[], dt.date | None]) -> None:
        """Watch the day for `server` (MkDocs' LiveReloadServer); `built_for`: the day of the last build."""
        if self._thread is not None:
            return
        self._folder = Path(tempfile.mkdtemp(prefix="trellis-day-"))
        server.watch(str(self._folder))
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, args=(built_for,), name="trellis-day", daemon=True)
        self._thread.start()

    def _run(self, built_for: Callable[[], dt.date | None]) -> None:
        assert self._folder is not None
        while not self._stop.wait(POLL_SECONDS):
            try:
                day = clock.today()
            except clock.BadSourceDateEpoch:  # said by the build that read it
                continue
            if built_for() not in (None, day):
                (self._folder / "today").write_text(day.isoformat(), encoding="utf-8")

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
