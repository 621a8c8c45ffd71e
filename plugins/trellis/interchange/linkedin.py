"""`trellis import linkedin`: LinkedIn's Connections.csv as it really is.

A preamble before the header in recent exports, found by its columns; BOM or none; CRLF or LF;
quoted fields with commas; "07 Feb 2026" or "1/8/18, 6:14 PM" dates, and the forms Excel
re-saves them in.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path

from ..decoding import decode_text, visible
from ..loading import date_bounds_problem
from .people import ImportFileError, Person, Problem, tidy, web_address

LINKEDIN_COLUMNS = {
    "first name": "first",
    "last name": "last",
    "url": "url",
    "profile url": "url",
    "email address": "email",
    "company": "company",
    "position": "position",
    "connected on": "connected",
}
# LinkedIn writes "07 Feb 2026" (and until 2018 "1/8/18, 6:14 PM", month first); Excel
# re-saves them as "5-Jan-26", "23-Apr-2023", "16.09.2021", "2021-09-16" or "16/09/2021"
_DATE_FORMATS = (
    "%d %b %Y",
    "%d %B %Y",
    "%d-%b-%y",
    "%d-%b-%Y",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%Y-%m-%d",
    "%b %d, %Y",
    "%B %d, %Y",
)
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
FIELD_LIMIT = 1 << 20  # characters in one cell; LinkedIn's are short, Excel's at most 32,767


def parse_date(text: str, day_first: bool = False) -> dt.date | None:
    """A "Connected On" date in any form LinkedIn or Excel writes it; `day_first` for
    slashed dates with a four-digit year ("16/09/2021"), whose order only the file tells."""
    text = " ".join(text.split())
    text = re.sub(r",?\s+\d{1,2}:\d{2}(:\d{2})?\s*([AP]M)?$", "", text, flags=re.IGNORECASE)
    slashed = _SLASHED.fullmatch(text)
    if slashed:
        first, second, year = (int(g) for g in slashed.groups())
        year += 2000 if year < 100 else 0  # LinkedIn's "1/8/18": no connection predates 2000
        month, day = (second, first) if day_first and len(slashed.group(3)) == 4 else (first, second)
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _day_first(values: list[str], delimiter: str) -> bool:
    """Whether the file's four-digit slashed dates put the day first: any first part over 12
    says so, any second part over 12 says not; else Excel's European re-save (semicolons)
    is taken to be day first."""
    for value in values:
        match = _SLASHED.match(value.strip())
        if match and len(match.group(3)) == 4:
            if int(match.group(1)) > 12:
                return True
            if int(match.group(2)) > 12:
                return False
    return delimiter == ";"


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return [c.strip().lstrip("\ufeff").strip() for c in next(csv.reader([line], delimiter=delimiter), [])]
    except csv.Error:
        return []


def _header(lines: list[str]) -> tuple[int, str, dict[str, int]]:
    """The line holding LinkedIn's column names (after a preamble, or Excel's "sep=;"), its
    delimiter, and where each known column is; ImportFileError naming the columns found."""
    for index, line in enumerate(lines[:100]):
        for delimiter in (",", ";", "\t"):
            names = {c.lower(): i for i, c in enumerate(_cells(line, delimiter))}
            if {"first name", "last name"} <= names.keys():
                return index, delimiter, {LINKEDIN_COLUMNS[n]: i for n, i in names.items() if n in LINKEDIN_COLUMNS}
    first = next((line for line in lines if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first.count)
    found = [c for c in _cells(first, delimiter) if c][:12]
    columns = ", ".join(visible(c[:40]) for c in found) or "none"
    raise ImportFileError(
        f"no column named First Name and Last Name: this does not look like LinkedIn's "
        f"Connections.csv (the first row's columns: {columns}); export it again from "
        f"LinkedIn (Settings, Data privacy, Get a copy of your data, Connections)"
    )


def _rows(
    lines: list[str], start: int, delimiter: str, width: int, problems: list[Problem]
) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each row from `lines[start]` on. A quote left open swallows
    the rows after it into one field: a row spanning lines where a later line reads as a
    row by itself is that, reported, and reading starts again on the line after it."""
    position = start
    while position < len(lines):
        reader = csv.reader(iter(lines[position:]), delimiter=delimiter)
        restart = None
        while True:
            before = reader.line_num
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                line = position + before + 1
                reason = (
                    f"a cell longer than {FIELD_LIMIT:,} characters"
                    if "field limit" in str(err)
                    else " ".join(str(err).split())
                )
                problems.append(
                    Problem(line, f"{reason}: row skipped; shorten that cell and import again", skipped=True)
                )
                restart = position + max(reader.line_num, before + 1)
                break
            first = position + before
            spanned = reader.line_num - before
            if spanned > 1 and any(
                len(_cells(lines[k], delimiter)) >= width for k in range(first + 1, first + spanned)
            ):
                problems.append(
                    Problem(
                        first + 1,
                        f"a quote opened on this line is not closed (the {spanned - 1} "
                        f"lines after it were read as one cell): row skipped, the lines after it "
                        f"read again; close or remove the quote and import again",
                        skipped=True,
                    )
                )
                restart = first + 1
                break
            yield first + 1, row
        if restart is None:
            return
        position = restart


def _spans(numbers: list[int], most: int = 12) -> str:
    """ "lines 2-3, 5" for [2, 3, 5]; the first `most` spans, then how many lines more."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    shown = ", ".join(f"{a}-{b}" if b > a else f"{a}" for a, b in spans[:most])
    more = sum(b - a + 1 for a, b in spans[most:])
    word = "line" if len(numbers) == 1 else "lines"
    return f"{word} {shown}" + (f" and {more} more" if more else "")


def read_linkedin(path: Path) -> tuple[list[Person], list[Problem]]:
    text, replaced, fallback = decode_text(path.read_bytes())
    lines = list(io.StringIO(text, newline=""))
    at, delimiter, header = _header(lines)
    people: list[Person] = []
    problems = [
        Problem(n, "a byte that is not text in this file's encoding was read as \ufffd: check this row")
        for n in replaced
    ]
    if fallback:  # Excel's re-save with a row pasted in later: said once, at its first line
        problems.append(
            Problem(
                fallback[0],
                f"{_spans(fallback)} read as Windows-1252, the rest of the file as UTF-8 (each line in "
                f"the encoding it is in): check the names on {'it' if len(fallback) == 1 else 'them'}",
            )
        )
    limit = csv.field_size_limit()
    csv.field_size_limit(FIELD_LIMIT)
    try:
        rows = [
            (line, [c.strip() for c in row])
            for line, row in _rows(lines, at + 1, delimiter, max(header.values()) + 1, problems)
            if any(c.strip() for c in row)
        ]
    finally:
        csv.field_size_limit(limit)

    def cell(cells: list[str], key: str) -> str:
        i = header.get(key)
        return tidy(cells[i]) if i is not None and i < len(cells) else ""

    day_first = _day_first([cell(cells, "connected") for _, cells in rows], delimiter)
    for row_line, cells in rows:
        name = tidy(f"{cell(cells, 'first')} {cell(cells, 'last')}")
        if not name:
            problems.append(Problem(row_line, "no first or last name: skipped", skipped=True))
            continue
        email = cell(cells, "email")
        person = Person(
            row_line,
            name=name,
            company=cell(cells, "company"),
            role=cell(cells, "position"),
            emails=[email] if "@" in email else [],
            how_met="LinkedIn",
        )  # not "urn:li:member:..."
        if cell(cells, "url"):
            person.links["linkedin"] = web_address(cell(cells, "url"))
        if cell(cells, "connected"):
            # `connected:`, not `met:`: a connection is known, not met (no dormancy until you talk)
            person.connected = parse_date(cell(cells, "connected"), day_first)
            if person.connected is None:
                problems.append(
                    Problem(row_line, f"'{cell(cells, 'connected')}' is not a date: {name} imported without connected")
                )
            elif (far := date_bounds_problem(person.connected)) is not None:  # `trellis check` would refuse it
                problems.append(
                    Problem(row_line, f"'{cell(cells, 'connected')}' {far.why}: {name} imported without connected")
                )
                person.connected = None
        people.append(person)
    problems.sort(key=lambda p: p.line)
    return people, problems
