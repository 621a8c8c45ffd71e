"""What `trellis log`'s words mean: people (WHO), days (WHEN, `--date`) and the channel.

People are found as a user names them: an id, the full name, the first name, the family
name, the name in ASCII ("Zoe Odegard" for "Zoë Ødegård"), all compared folded (case,
accents, runs of spaces). A word that means two people, or nobody, is never guessed at: the
command says who it could be (the did-you-mean of `trellis check`, first names included).

Days are ISO dates, durations (`3d`, `2w`, `1m`) and weekday names, against the project's
clock (`clock.today()`, `SOURCE_DATE_EPOCH`): a follow-up lies ahead (`friday` is the next
Friday, never today), the day of a conversation lies behind (`--date friday` is the last one).
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

from anyascii import anyascii

from ..model import WEEKDAYS, Contact, Journal
from ..rules.people import MAX_SUGGESTIONS, close_contacts, name_key

_DURATION = re.compile(r"^(\d{1,4})\s*(d|days?|w|weeks?|m|months?|y|years?)$")
_SHORT_DAYS = {name[:3]: i for i, name in enumerate(WEEKDAYS)}
DAY_FORMS = "write YYYY-MM-DD, a duration (3d, 2w, 1m) or a weekday (friday)"

# words of a summary that name a channel ("coffee with Ada"): the channel `trellis log` takes
# when --channel is not given; none named gives `other`, two different ones ask for --channel
CHANNEL_WORDS = {
    "coffee": "coffee",
    "lunch": "coffee",
    "breakfast": "coffee",
    "dinner": "coffee",
    "drinks": "coffee",
    "call": "call",
    "called": "call",
    "phone": "call",
    "phoned": "call",
    "email": "email",
    "e-mail": "email",
    "emailed": "email",
    "mail": "email",
    "video": "video",
    "zoom": "video",
    "linkedin": "linkedin",
    "twitter": "twitter",
    "tweet": "twitter",
    "slack": "slack",
    "meetup": "meetup",
    "event": "event",
    "conference": "event",
}
DEFAULT_CHANNEL = "other"


class NotADay(ValueError):
    pass


def _months_later(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_day(text: str, today: dt.date, ahead: bool = True) -> dt.date:
    """The day `text` names: ahead of today (a follow-up) or, `ahead=False`, behind it (when a
    conversation was). Raises NotADay."""
    word = " ".join(text.casefold().split()).removeprefix("next ").removeprefix("last ")
    sign = 1 if ahead else -1
    try:
        return dt.date.fromisoformat(word)
    except ValueError:
        pass
    if word in ("today", "tomorrow", "yesterday"):
        return today + dt.timedelta(days={"today": 0, "tomorrow": 1, "yesterday": -1}[word])
    match = _DURATION.match(word)
    try:
        if match:
            n, unit = int(match.group(1)), match.group(2)[0]
            if unit in "dw":
                return today + dt.timedelta(days=sign * n * (7 if unit == "w" else 1))
            return _months_later(today, sign * n * (12 if unit == "y" else 1))
    except (OverflowError, ValueError):
        raise NotADay(f"'{text}' is too far away") from None
    weekday = WEEKDAYS.index(word) if word in WEEKDAYS else _SHORT_DAYS.get(word)
    if weekday is not None:
        if ahead:
            return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
        return today - dt.timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    raise NotADay(f"'{text}' is not a day: {DAY_FORMS}")


def channel_in(summary: str) -> list[str]:
    """The channels the words of a summary name, in the order named."""
    words = re.findall(r"[\w]+(?:-[\w]+)*", summary.casefold())
    return list(dict.fromkeys(CHANNEL_WORDS[w] for w in words if w in CHANNEL_WORDS))


def _loose(text: str) -> str:
    """A name or a word compared loosely: folded, accents gone, any script in ASCII."""
    return name_key(anyascii(name_key(text)))


def _words(contact: Contact) -> list[str]:
    return _loose(contact.name).split()


@dataclass
class Found:
    """What one WHO means: one contact, several (ambiguous), or none (with the close ones)."""

    word: str
    contacts: list[Contact] = field(default_factory=list)
    close: list[Contact] = field(default_factory=list)


def find(journal: Journal, word: str) -> Found:
    """The contacts `word` names: by id, then full name, then first name, then family name."""
    people = sorted(journal.contacts.values(), key=lambda c: c.source.rel)
    typed = word.strip()
    by_id = [c for c in people if c.id.casefold() == typed.casefold()]
    if by_id:
        return Found(word, by_id)
    loose = _loose(typed.replace("_", " "))
    as_id = _loose(typed.replace("-", " ").replace("_", " "))
    for key in (
        lambda c: _loose(c.name) == loose,
        lambda c: _loose(c.id.replace("-", " ")) == as_id,
        lambda c: " " not in loose and _words(c)[:1] == [loose],
        lambda c: " " not in loose and len(_words(c)) > 1 and _words(c)[-1] == loose,
    ):
        matched = [c for c in people if key(c)]
        if matched:
            return Found(word, matched)
    return Found(word, [], _close(journal, typed, loose))


def _close(journal: Journal, typed: str, loose: str) -> list[Contact]:
    """Up to three contacts close to a word that names nobody: by id or full name (as
    `trellis check` suggests), then by first name."""
    close = close_contacts(journal, typed)
    firsts: dict[str, list[Contact]] = {}
    for contact in journal.contacts.values():
        for first in _words(contact)[:1]:
            firsts.setdefault(first, []).append(contact)
    for first in difflib.get_close_matches(loose, list(firsts), n=MAX_SUGGESTIONS, cutoff=0.7):
        close += [c for c in sorted(firsts[first], key=lambda c: c.id) if c not in close]
    return close[:MAX_SUGGESTIONS]


def listed(contacts: list[Contact], joiner: str = "or") -> str:
    shown = [f"{c.id} ({c.name})" if c.name and c.name != c.id else c.id for c in contacts]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} {joiner} {shown[-1]}"
