"""The `mkdocs serve` cache of parsed files, kept on the plugin between rebuilds."""

from __future__ import annotations

import os
from typing import Any

from ..model import Finding
from .records import load_file


class LoadCache:
    """Parsed files kept between `mkdocs serve` rebuilds, re-read only when a file changed."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[tuple[int, int], Any, list[Finding]]] = {}
        self.reads = 0  # files parsed since the cache was made (tests and the benchmark read it)

    def get(self, path: str, rel: str, shown: str) -> tuple[Any, list[Finding]]:
        try:
            st = os.stat(path)
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = (-1, -1)
        hit = self._files.get(path)
        if hit and hit[0] == stamp:
            return hit[1], hit[2]
        self.reads += 1
        record, found = load_file(path, rel, shown)
        self._files[path] = (stamp, record, found)
        return record, found

    def forget_missing(self, seen: set[str]) -> None:
        for path in [p for p in self._files if p not in seen]:
            del self._files[path]
