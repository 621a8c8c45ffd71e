"""The application builder: `applications/*.md` (one job application a file) into an `Application`.

Its own module beside `records.py` (the other kinds), reading with the same field coercions
(`fields.py`): a value of the wrong type is a finding with its key's line and the field keeps
its default. `history:` is read here: a mapping of dates to statuses
(`{2026-11-02: applied, 2026-11-10: screening}`), or a list of such one-line mappings; every
date that is not a date is a finding (APPLICATION-3) on its own line and the step is left out.
Whether a status is known and the steps are in order is judged by the rules
(`rules/applications.py`), which need the journal's contacts too.
"""

from __future__ import annotations

from typing import Any

from ..catalog import finding
from ..model import Application, Finding, Source, StatusChange
from .fields import (
    BAD,
    Field,
    OutOfBounds,
    as_any,
    as_date,
    as_text,
    as_texts,
    out_of_bounds,
    read_fields,
    short,
    type_name,
)

APPLICATION = {
    "company": Field(as_text),
    "role": Field(as_text),
    "link": Field(as_text),
    "applied": Field(as_date, "APPLICATION-3"),
    "status": Field(as_text),
    "history": Field(as_any, "APPLICATION-3"),  # read by _history
    "via": Field(as_text),
    "contacts": Field(as_texts),
    "next": Field(as_date, "APPLICATION-3"),
}
HISTORY_FIX = "write the dated status changes as a mapping, e.g. history: {2026-11-02: applied, 2026-11-10: screening}"


def build_application(rid: str, values: dict, body: str, source: Source, found: list[Finding]) -> Application:
    v, invalid = read_fields(values, APPLICATION, source, found)
    history, whole = _history(v.get("history"), source, found)
    return Application(
        id=rid,
        source=source,
        company=v.get("company", ""),
        role=v.get("role", ""),
        link=v.get("link", ""),
        applied=v.get("applied"),
        status=v.get("status") or None,
        history=history,
        via=v.get("via") or None,
        contacts=v.get("contacts", []),
        next=v.get("next"),
        notes=body.strip(),  # never rendered: applications have no page of their own yet
        invalid=invalid | (set() if whole else {"history"}),
    )


def _history(raw: Any, source: Source, found: list[Finding]) -> tuple[list[StatusChange], bool]:
    """The steps `history:` holds, sorted by date (stable: two steps of a day keep their order),
    and whether all of it could be read."""
    if raw is None:
        return [], True
    whole = True
    if isinstance(raw, dict):
        pairs: list[tuple[tuple, Any, Any]] = [(("history", str(k)), k, v) for k, v in raw.items()]
    elif isinstance(raw, list):  # a list of one-line mappings: each item read, or named, on its own
        pairs = []
        for i, item in enumerate(raw):
            if isinstance(item, dict) and len(item) == 1:
                pairs += [(("history", i, str(k)), k, v) for k, v in item.items()]
                continue
            what = f"{len(item)} steps on one line" if isinstance(item, dict) else short(str(item))
            found.append(
                finding(
                    "FILE-8",
                    source,
                    source.line("history", i),
                    f"history[{i}] should be one date and its status, not {what}",
                    "write each step on a line of its own, e.g. - 2026-11-10: screening",
                )
            )
            whole = False
    else:
        found.append(
            finding(
                "FILE-8",
                source,
                source.line("history"),
                f"history should be a mapping of dates to statuses, not {type_name(raw)}",
                HISTORY_FIX,
            )
        )
        return [], False
    steps: list[StatusChange] = []
    for key, day, status in pairs:
        date = as_date(day)
        text = as_text(status) if status is not None else BAD
        if isinstance(date, OutOfBounds):
            found.append(out_of_bounds(date, source, key, day))
        elif date is BAD:
            found.append(
                finding(
                    "APPLICATION-3",
                    source,
                    source.line(*key),
                    f"history: {short(str(day))} is not a real date",
                    "write each step's date as YYYY-MM-DD, e.g. 2026-11-10: screening",
                )
            )
        elif text is BAD or not str(text).strip():
            found.append(
                finding(
                    "FILE-8",
                    source,
                    source.line(*key),
                    f"history: {date.isoformat()} names no status",
                    "write the status reached that day, e.g. 2026-11-10: screening",
                )
            )
        else:
            steps.append(StatusChange(date, str(text).strip()))
            continue
        whole = False
    steps.sort(key=lambda step: step.date)
    return steps, whole
