"""What "today" is: the date progress, pace, dormancy and due dates are judged against.

`SOURCE_DATE_EPOCH` (the reproducible-builds convention) pins it, so two builds of one
journal on one day, or a test run next year, give the same result; else the clock.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping


class BadSourceDateEpoch(ValueError):
    pass


def today(environ: Mapping[str, str] = os.environ) -> dt.date:
    pinned = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if pinned:
        try:
            return dt.datetime.fromtimestamp(int(pinned), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise BadSourceDateEpoch(
                f"SOURCE_DATE_EPOCH={pinned!r} is not a number of seconds since 1970: "
                "set it to e.g. $(date +%s), or unset it to use today's date"
            ) from None
    return dt.date.today()
