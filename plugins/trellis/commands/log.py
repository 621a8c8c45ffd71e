"""`trellis log WHO... [TEXT]`: one conversation added to the day's entry, in one command.

The entry is the day's file (`entries/YEAR/DAY.md`, or another file of the journal dated that
day); a new one is written as `trellis new entry` writes it. Both go through `writing`: a new
file is created atomically and never over another; an existing one gets one list item added
to its text (`log_append`), read back, then put in place atomically. Nothing is written when
a person is unknown or ambiguous, a day can't be read, or the entry file can't be parsed
(that file is named with its line, and left byte for byte as it was).

Which words are people and which the summary: with `-m TEXT`, every word is a person; else,
of two words or more, the last is the summary when it names nobody and is a phrase (has a
space) or is close to no one's name (a close one is a typo, said as such).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import writing
from ..decoding import visible
from ..loading import date_bounds_problem, load_journal, record_id
from ..model import Entry, Journal
from . import log_words as words
from .log_append import CannotAppend, append, check_appended
from .new import entry_path, entry_text, new_contact


@dataclass
class Request:
    """What the command line asked for."""

    who: list[str]
    summary: str | None
    channel: str | None
    direction: str
    follow_up: str | None
    date: str | None
    public: bool
    new_contact: bool

    @classmethod
    def of(cls, args: Any) -> Request:
        """The request `trellis log`'s parsed arguments make (log_args.py defines them)."""
        return cls(**{name: getattr(args, name) for name in cls.__dataclass_fields__})


def _say(text: str) -> None:
    print(visible(f"trellis log: {text}"), file=sys.stderr)  # a name can't retitle the terminal


def split_words(journal: Journal, given: list[str], summary: str | None) -> tuple[list[str], str]:
    """(WHO, TEXT) from the positional words (see the module's docstring)."""
    if summary is not None or len(given) < 2:
        return given, summary or ""
    last = given[-1]
    found = words.find(journal, last)
    if not found.contacts and (" " in last.strip() or not found.close):
        return given[:-1], last
    return given, ""


def _day(text: str | None, today: dt.date, option: str, ahead: bool) -> dt.date | str:
    """The day an option names, or the line saying why it can't be used."""
    if text is None:
        return today
    try:
        day = words.parse_day(text, today, ahead)
    except words.NotADay as err:
        return f"{option} {err}"
    problem = date_bounds_problem(day)
    if problem is not None:
        return f"{option} {text}: {problem.rule}: {problem.why}: {problem.fix}"
    return day


def _people(journal: Journal, who: list[str], create: bool) -> tuple[list[str], list[str]] | str:
    """(ids found, names to create), or the message that says who is unknown or ambiguous."""
    ids: list[str] = []
    new: list[str] = []
    problems: list[str] = []
    for word in who:
        if not word.strip():
            problems.append("an empty WHO names nobody")
            continue
        found = words.find(journal, word)
        if len(found.contacts) > 1:
            problems.append(f"'{word}' could be {words.listed(found.contacts)}: write the id")
        elif found.contacts:
            ids.append(found.contacts[0].id)
        elif create:
            new.append(" ".join(word.split()))
        else:
            guess = f"did you mean {words.listed(found.close)}? If not, " if found.close else ""
            problems.append(
                f"no contact is '{word}': {guess}add --new-contact to create one "
                f'(or trellis new contact "{word}" with its details)'
            )
    if problems:
        return "; ".join(problems)
    return list(dict.fromkeys(ids)), new


def _target(journal: Journal, day: dt.date, shown: Callable[[Path], str]) -> tuple[Path, Entry | None] | str:
    """The day's entry file (and its record when it is one), or why it can't be written to."""
    path = entry_path(journal.root, day)
    for rel, problem in journal.unread:
        if rel.startswith("entries/") and (record_id(rel).startswith(day.isoformat()) or journal.root / rel == path):
            return (
                f"{problem.shown}:{problem.line}: {problem.rule}: {problem.message}: {problem.fix}; "
                "the file is left as it is: fix it (trellis check lists it) and log again"
            )
    dated = [e for e in journal.entries if e.date == day]
    dated.sort(key=lambda e: (Path(e.source.path) != path, e.source.rel))
    if dated:
        return Path(dated[0].source.path), dated[0]
    if path.exists():
        return f"{shown(path)} is there but is not dated {day.isoformat()}: correct its date:, or log with --date"
    return path, None


def run(journal_dir: Path, today: dt.date, request: Request, shown: Callable[[Path], str]) -> int:
    journal = load_journal(journal_dir)
    who, summary = split_words(journal, request.who, request.summary)
    if not who:
        _say("say who: an id, a name or a first name, e.g. trellis log ada 'coffee about the platform team'")
        return 2
    day = _day(request.date, today, "--date", ahead=False)
    follow_up = _day(request.follow_up, today, "--follow-up", ahead=True)
    for problem in (day, follow_up):
        if isinstance(problem, str):
            _say(problem)
            return 2
    assert isinstance(day, dt.date)
    channel = request.channel
    said: list[str] = []
    if channel is None:
        named = words.channel_in(summary)
        if len(named) > 1:
            _say(f"the summary names {' and '.join(named)}: give --channel to say which it was")
            return 2
        channel = named[0] if named else words.DEFAULT_CHANNEL
        said.append(f"channel {channel} ({'from the summary' if named else 'none named'}; --channel sets it)")
    people = _people(journal, who, request.new_contact)
    if isinstance(people, str):
        _say(people + "; nothing was written")
        return 1
    ids, to_create = people
    target = _target(journal, day, shown)
    if isinstance(target, str):
        _say(target)
        return 1
    path, entry = target
    old = path.read_bytes().decode("utf-8") if entry is not None else entry_text(day, request.public)
    try:  # the text is checked before any contact is created: a file it can't add to stops it all
        append(old, {"with": "x", "channel": channel, "direction": request.direction})
    except CannotAppend as err:
        _say(f"{shown(path)}:{err.line}: {err.why}: {err.fix}; the file is left as it is")
        return 1
    for name in to_create:
        created = new_contact(journal_dir, name, today)
        ids.append(created.stem)
        print(shown(created))
    item: dict[str, Any] = {"with": ids[0] if len(ids) == 1 else ids, "channel": channel}
    item["direction"] = request.direction
    if summary.strip():
        item["summary"] = " ".join(summary.split())
    if isinstance(follow_up, dt.date) and request.follow_up is not None:
        item["follow_up"] = follow_up
    try:
        text = append(old, item)
        check_appended(old, text, item, shown(path))
    except CannotAppend as err:
        _say(f"{shown(path)}:{err.line}: {err.why}: {err.fix}; the file is left as it is")
        return 1
    if entry is None:
        try:
            writing.create(path, text)
        except writing.FileExists:  # written by something else since the journal was read
            _say(f"{shown(path)} appeared meanwhile: log again")
            return 1
    else:
        writing.replace(path, text)
        if request.public and not entry.public:
            said.append("the entry stays private: --public marks a new entry only; set public: true in it yourself")
    follow = f", follow up {item['follow_up'].isoformat()}" if "follow_up" in item else ""
    print(visible(f"{shown(path)}: {', '.join(ids)} ({channel}, {request.direction}){follow}"))
    for line in said:
        _say(line)
    return 0
