"""Python's cyclic garbage collector during a build (issue 31).

A build makes millions of small objects and keeps many of them to its end: the journal's
records and figures, MkDocs' pages and files, the theme's compiled templates, the guard's
readings. CPython's collector runs after every 700 new objects and, every so often, reads
every object still alive: about a sixth of a public build's time on a journal of 3,000 files,
spent finding that what the build keeps is still kept (it makes few reference cycles). From the
build's start (`on_config`) to its end, `Collection.hold` has the collector run less often and
moves what is alive out of its reach (`gc.freeze`), again once the journal is read; `release`
puts both back, at the build's end or its error, so that a `mkdocs serve` between rebuilds,
and whatever runs after the build in the same process, has the collector as it was. Nothing is
kept longer than to the build's end: what becomes garbage is freed at once where it makes no
cycle (reference counting), and with the next collection after `release` where it does.
"""

from __future__ import annotations

import gc

# the collector's thresholds while a build holds it: a young collection every 10,000 new objects
# (not 700), an older one every 50 of those, the oldest every 50 of these (and only when a
# quarter more objects than it last saw are waiting: CPython's own rule)
_DURING_A_BUILD = (10_000, 50, 50)


class Collection:
    """The collector held for one build, and given back."""

    def __init__(self) -> None:
        self._thresholds: tuple[int, int, int] | None = None

    def hold(self) -> None:
        """What is alive now is out of the collector's reach, and it runs less often, until
        `release` (called again: what is alive then too, the journal read)."""
        if self._thresholds is None:
            if not gc.isenabled():
                return
            self._thresholds = gc.get_threshold()
            gc.set_threshold(*_DURING_A_BUILD)
        gc.freeze()

    def release(self) -> None:
        """The collector as it was before `hold` (nothing if it was not held)."""
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            gc.unfreeze()
            self._thresholds = None
