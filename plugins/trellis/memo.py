"""What `mkdocs serve` keeps from one rebuild to the next, in one object.

Every save rebuilds the whole site; most of what a rebuild works out is what the last one
worked out. The plugin holds one `ServeMemo` for the life of the process and hands each
compartment to the code that fills it: the figures of the graph, each person's part of the
monthly reviews, the goals' git history, the calendar's events, the generated pages' HTML.

One rule for all of them: a value is kept with the inputs it was worked out from and reused
while they are equal (`Kept.get`); a compartment that is told to `forget_unused` keeps only
what was asked for since it was last told, so a deleted contact or page is forgotten. A
build that is not served gets the same objects, used once.

This module imports nothing of Trellis, so that metrics, loading and interchange can take a
compartment without importing the plugin.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

MISSING = object()  # what `Kept.find` gives when nothing is kept for those inputs


class Kept:
    """One compartment of the memo: values by key, each with the inputs it was worked out from."""

    def __init__(self) -> None:
        self._values: dict[Hashable, tuple[Any, Any]] = {}  # key -> (inputs, value)
        self._used: set[Hashable] = set()  # keys asked for since the last forget_unused

    def get(self, key: Hashable, inputs: Any, compute: Callable[[], Any]) -> Any:
        """The value kept for `key` while its inputs are `inputs`; else `compute()`, kept."""
        value = self.find(key, inputs)
        if value is MISSING:
            value = compute()
        self.keep(key, inputs, value)
        return value

    def find(self, key: Hashable, inputs: Any) -> Any:
        """The value kept for `key` if it was worked out from `inputs`, else `MISSING`."""
        known = self._values.get(key)
        return known[1] if known is not None and known[0] == inputs else MISSING

    def keep(self, key: Hashable, inputs: Any, value: Any) -> None:
        self._values[key] = (inputs, value)
        self._used.add(key)

    def forget_unused(self) -> None:
        """Keep only what was kept or asked for since the last call."""
        self._values = {k: v for k, v in self._values.items() if k in self._used}
        self._used = set()

    def __len__(self) -> int:
        return len(self._values)


class ServeMemo:
    """Every value kept across `mkdocs serve` rebuilds, one compartment a kind.

    The plugin's other long-lived objects keep what is not a value of the journal: the load
    cache (records by file, loading/cache.py), the generated pages' output and search entries
    and the theme's compiled templates (plugin/serve_cache.py), the pages' source files
    (plugin/page_sources.py), the user's markdown converted (rendering).
    """

    def __init__(self) -> None:
        # figures of the graph by name (graph, clusters, positions, ...), while its inputs are
        # unchanged: an edited reflection does not move the map. A handful of names: never forgotten
        self.figures = Kept()
        # what a monthly review works out for each person (metrics/review.py), forgotten at each review
        self.review_timelines = Kept()
        self.review_stock = Kept()
        # the goals folder's `git log`, while the commit checked out is the same (the last one only)
        self.history = Kept()
        # the calendar's events as text by the event, forgotten at each calendar
        self.calendar = Kept()
        # each generated page's HTML by its address, forgotten after each build (serve only)
        self.pages = Kept()
