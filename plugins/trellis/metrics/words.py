"""Whether a value holds a wanted one as whole words: how goal filters, the plan's wanted
qualities and the job-hunt counters compare what a user wrote with what a record says."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import fold


@lru_cache(maxsize=1024)
def _words(wanted: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(fold(wanted)) + r"(?!\w)")


def has_quality(have: str | list[str], wanted: str) -> bool:
    """Whether a field (a contact's, an application's) holds the wanted value as whole words,
    ignoring case and spacing: "developer" is in "Senior Developer", "react" is not in "reactive".
    Goal filters and the plan's wanted qualities match people and applications the same way."""
    values = have if isinstance(have, list) else [have]
    return any(_holds(v, wanted) for v in values if v)


@lru_cache(maxsize=65536)
def _holds(value: str, wanted: str) -> bool:
    # a journal asks about few distinct values (channels, companies, roles) a great many times
    return bool(fold(wanted)) and bool(_words(wanted).search(fold(value)))
