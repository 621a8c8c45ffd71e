"""Field coercion: a YAML value into the type a record's field holds, within bounds.

A coercer returns the typed value, `BAD` (the wrong kind of value) or an `OutOfBounds`
(the right kind, beyond what Trellis can compute with). `read_fields` applies a record
kind's schema (a `Field` per key) and turns every refusal into a finding with the key's
line: a misspelt key, a wrong type, a YAML 1.1 boolean, a date or number out of bounds.
These bounds are checked once, here, and every later step relies on them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..catalog import finding
from ..model import Finding, MonthDay, Source
from .nesting import MAX_MARKDOWN_DEPTH, TOO_DEEP_NOTE, too_deep

# the words YAML 1.1 reads as true or false, and which
YAML11_BOOLEANS = {**dict.fromkeys(("yes", "on", "y"), True), **dict.fromkeys(("no", "off", "n"), False)}

_DURATION = re.compile(r"^\s*(\d+)\s*(d|w|m|y)?\s*$", re.IGNORECASE)
_DURATION_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
# The values every later step can compute with: a date a year of periods away from either
# bound, a number whose sums and ratios stay finite, a duration that ends in a real date.
# Beyond them a value is a finding (FILE-10, FILE-11), never an OverflowError in a page.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2199, 12, 31)
LARGEST_NUMBER = 1e12
SMALLEST_NUMBER = 1e-6  # in size, but for 0: a ratio of two numbers stays finite (1e12 / 1e-320 is not)
LONGEST_DAYS = 36_500  # a hundred years


def type_name(value: Any) -> str:
    return {dict: "mapping", list: "list", str: "text", bool: "true/false", type(None): "empty value"}.get(
        type(value), "number" if isinstance(value, (int, float)) else type(value).__name__
    )


def short(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# A coercer turns a YAML value into the field's type, or returns BAD (the wrong kind of
# value) or an OutOfBounds (the right kind, beyond what Trellis can compute with).
BAD = object()


@dataclass(frozen=True)
class OutOfBounds:
    rule: str  # FILE-10 (dates) or FILE-11 (numbers, durations)
    why: str  # e.g. "is after 2199-12-31"
    fix: str


def date_bounds_problem(day: dt.date) -> OutOfBounds | None:
    """Why a date lies outside the years Trellis handles, or None: also for dates given on the command line."""
    if EARLIEST_DATE <= day <= LATEST_DATE:
        return None
    side = f"is before {EARLIEST_DATE.isoformat()}" if day < EARLIEST_DATE else f"is after {LATEST_DATE.isoformat()}"
    return OutOfBounds("FILE-10", side, f"write a date from {EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}")


def _bounded_date(day: dt.date) -> Any:
    return date_bounds_problem(day) or day


def _bounded_number(value: int | float) -> Any:
    try:
        number = float(value)
    except OverflowError:  # an int of hundreds of digits
        number = math.inf
    if math.isnan(number) or (math.isinf(number) and isinstance(value, float)):  # .nan, .inf
        return OutOfBounds("FILE-11", "is not a finite number", "write a plain number, e.g. 5")
    if abs(number) > LARGEST_NUMBER or 0 < abs(number) < SMALLEST_NUMBER:
        size = f"more than {LARGEST_NUMBER:,.0f}" if abs(number) > 1 else f"less than {SMALLEST_NUMBER:.6f}"
        return OutOfBounds(
            "FILE-11",
            f"is {size} in size",
            f"write a number from {SMALLEST_NUMBER:.6f} to {LARGEST_NUMBER:,.0f} in size (or 0)",
        )
    return value


def as_text(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (bool, int, float, dt.date)) and not isinstance(value, dict):
        return str(value)
    return BAD


_ISO_DATE = re.compile(r"([0-9]{4})(-?)(?:([0-9]{2})\2([0-9]{2})|W([0-9]{2})(?:\2([0-9]))?)\Z")


def iso_date(text: str) -> dt.date:
    """The ISO 8601 dates Python 3.11's `date.fromisoformat` reads (2026-11-22, 20261122,
    2026-W47-1, 2026W471, 2026-W47), read the same on 3.10, whose `fromisoformat` takes only
    the first: a journal must check alike on every Python Trellis supports."""
    found = _ISO_DATE.match(text)
    if not found:
        raise ValueError(f"not an ISO date: {text!r}")
    year, _, month, day, week, weekday = found.groups()
    if week is not None:
        return dt.date.fromisocalendar(int(year), int(week), int(weekday or 1))
    return dt.date(int(year), int(month), int(day))


def as_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return _bounded_date(value.date())
    if isinstance(value, dt.date):
        return _bounded_date(value)
    if isinstance(value, str):
        try:
            return _bounded_date(iso_date(value.strip()))
        except ValueError:
            return BAD
    return BAD


def as_texts(value: Any) -> Any:
    if isinstance(value, list):
        items = [as_text(v) for v in value if v is not None]
        return BAD if any(i is BAD for i in items) else [i for i in items if i]
    single = as_text(value)
    return BAD if single is BAD else ([single] if single else [])


def as_addresses(value: Any) -> Any:
    """`email:` or `phone:`: one value, or a list of them (all private)."""
    return as_texts(value)


def as_private_texts(value: Any) -> Any:
    """`want:` or `give:`: text or a list of texts, private like the notes. Whatever else is
    written there is read as text too ("key: value" of a mapping, nested lists flattened),
    never dropped: the privacy guard must know every word of it."""
    if value is None:
        return []
    texts = as_texts(value)
    if texts is not BAD:
        return texts
    if isinstance(value, dict):
        return [f"{k}: {t}" if t else str(k) for k, v in value.items() for t in (as_private_texts(v) or [""])]
    if isinstance(value, list):
        return [t for v in value if v is not None for t in as_private_texts(v)]
    return [str(value)]


_MONTH_DAY = re.compile(r"--(\d{2})-?(\d{2})")


def as_birthday(value: Any) -> Any:
    """A date, or `--MM-DD` (vCard 4's form) for a birthday whose year is not known."""
    if isinstance(value, str) and (match := _MONTH_DAY.fullmatch(value.strip())):
        try:
            return MonthDay(int(match.group(1)), int(match.group(2)))
        except ValueError:
            return BAD
    return as_date(value)


def as_bool(value: Any) -> Any:
    return value if isinstance(value, bool) else BAD


def as_number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return BAD
    return _bounded_number(value)


def as_target(value: Any) -> Any:
    """A goal's target: a stage's name or a number (SMART-M1 judges which), a number within bounds."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _bounded_number(value)
    return value


def _mapping(value: Any, coerce: Callable[[Any], Any], keep: Callable[[Any], bool]) -> Any:
    """A mapping whose every value `coerce` reads (BAD if one can't be), keys as text; entries
    whose value `keep` refuses are left out."""
    if not isinstance(value, dict):
        return BAD
    out = {}
    for k, v in value.items():
        item = coerce(v)
        if item is BAD:
            return BAD
        if keep(item):
            out[str(k)] = item
    return out


def as_links(value: Any) -> Any:
    return _mapping(value, as_text, bool)  # an empty address is no link


def as_filter(value: Any) -> Any:
    return _mapping(value, as_texts, lambda texts: True)


def as_days(value: Any) -> Any:
    if isinstance(value, bool):
        return BAD
    days = BAD
    if isinstance(value, int):
        days = value if value > 0 else BAD
    elif isinstance(value, str):
        m = _DURATION.match(value)
        if m and int(m.group(1)) > 0:
            days = int(m.group(1)) * _DURATION_DAYS[(m.group(2) or "d").lower()]
    if isinstance(days, int) and days > LONGEST_DAYS:  # not BAD
        return OutOfBounds(
            "FILE-11",
            f"is more than {LONGEST_DAYS:,} days (a hundred years)",
            "write a duration of at most 100y, e.g. 30d, 6w or 3m",
        )
    return days


def as_any(value: Any) -> Any:
    return value


_EXPECTED: dict[Callable[[Any], Any], tuple[str, str]] = {
    as_text: ("text", 'write it as text, e.g. "key: some words"'),
    as_date: ("a date", "write a real date as YYYY-MM-DD, e.g. 2026-11-22"),
    as_texts: ("a list of words", "write a list, e.g. [react, typescript]"),
    as_bool: ("true or false", "write true or false"),
    as_number: ("a number", "write a plain number, e.g. 5"),
    as_links: ("a mapping of names to addresses", 'write e.g. {linkedin: "https://..."}'),
    as_filter: ("a mapping of fields to lists", "write e.g. {tags: [web]}"),
    as_days: ("a duration", "write a number of days, weeks or months, e.g. 30d, 6w or 3m"),
    as_addresses: ("text or a list of texts", "write one value, or a list, e.g. [ada@example.com, ada@work.example]"),
    as_birthday: ("a date", "write YYYY-MM-DD, or --MM-DD when the year is not known, e.g. --05-17"),
}


@dataclass
class Field:
    coerce: Callable[[Any], Any]
    rule: str = "FILE-8"  # the rule that reports a value this field can't read


def read_fields(
    values: dict, schema: dict[str, Field], source: Source, found: list[Finding], path: tuple = ()
) -> tuple[dict, set[str]]:
    """Coerce known keys; report wrong types and misspelt keys. Returns (values, invalid keys)."""
    out: dict[str, Any] = {}
    invalid: set[str] = set()
    for key, raw in values.items():
        spec = schema.get(key)
        if spec is None:
            close = difflib.get_close_matches(key, schema, n=1, cutoff=0.75)
            if close and close[0] not in values:
                found.append(
                    finding(
                        "FILE-7",
                        source,
                        source.line(*path, key),
                        f"unknown key '{short(key)}'",
                        f"did you mean '{close[0]}'?",
                    )
                )
            continue
        if raw is None:
            continue  # an empty value is the same as an absent one
        value = spec.coerce(raw)
        if spec.coerce is as_bool and isinstance(raw, str) and raw.strip().lower() in YAML11_BOOLEANS:
            invalid.add(key)  # fail closed: the field keeps its default (false: not public)
            read_as = str(YAML11_BOOLEANS[raw.strip().lower()]).lower()
            found.append(
                finding(
                    "FILE-12",
                    source,
                    source.line(*path, key),
                    f"{'.'.join(map(str, path + (key,)))} is '{short(raw.strip())}', which YAML 1.1 reads as {read_as}; "
                    f"Trellis reads only true or false, so it counts as false",
                    f"write {key}: {read_as} if you mean it",
                )
            )
            continue
        if isinstance(value, OutOfBounds):
            invalid.add(key)
            found.append(out_of_bounds(value, source, path + (key,), raw))
            continue
        if value is BAD:
            invalid.add(key)
            wanted, how = _EXPECTED[spec.coerce]
            what = (
                "is not a real date"
                if spec.coerce in (as_date, as_birthday) and isinstance(raw, str)
                else f"should be {wanted}, not {type_name(raw)}"
            )
            found.append(
                finding(
                    spec.rule,
                    source,
                    source.line(*path, key),
                    f"{'.'.join(map(str, path + (key,)))} ({short(raw)}) {what}",
                    how,
                )
            )
            continue
        out[key] = value
    return out, invalid


def out_of_bounds(problem: OutOfBounds, source: Source, key: tuple, raw: Any) -> Finding:
    fix = problem.fix
    if key == ("due",) and problem.why.startswith("is after"):  # 9999-12-31, the "no deadline" idiom
        fix += (
            "; a goal needs a real due date (for a habit: the day you will review it), "
            "and a big picture without one is a vision goal (kind: vision)"
        )
    shown = raw.isoformat() if isinstance(raw, dt.date) else short(raw)
    return finding(problem.rule, source, source.line(*key), f"{'.'.join(map(str, key))} ({shown}) {problem.why}", fix)


def renderable(body: str, source: Source, found: list[Finding]) -> str:
    """The markdown body, or a note in its place when it nests too deeply to render (FILE-13):
    never handed to Python-Markdown, and never shown raw (privacy first: nothing of it leaks)."""
    text = body.strip()
    deep = too_deep(body, source, source.body_line - 1)  # the body starts with the rest of the closing '---' line
    if deep is None:
        return text
    found.append(deep)
    return TOO_DEEP_NOTE.format(limit=MAX_MARKDOWN_DEPTH)
