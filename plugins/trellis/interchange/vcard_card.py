"""A card as vobject reads it, after `vcard.mend`, into a `Person`: every value kept (issue 30).

What Trellis has a field for goes into it: `FN` (else `N`, `ORG` or the e-mail) the name, the
first `ORG`'s name the company, `TITLE` (else `ROLE`) the role, every `EMAIL` and `TEL`,
every `URL` and `X-SOCIALPROFILE` a link (`linkedin`, `work`, `home`, `profile`, else
`website`, a second of a name numbered `website-2`), the first `BDAY` that is a date the
birthday. Every `NOTE` is the notes; what has no field (a `ROLE` beside the `TITLE`, a second
`TITLE`, `ORG`'s units, a second `ORG`, a `BDAY` written as text, a `URL` that is no web
address) follows them as a list, `- Role: Counting Money`, counted in `Person.kept`.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from ..loading import date_bounds_problem
from ..model import MonthDay
from .people import Person, Problem, add_unique, tidy, web_address


def _texts(card, name: str) -> list[tuple[str, dict]]:
    """Every non-empty value of a property with its parameters, spaces tidied; the
    preferred ones first (2.1's PREF, 3.0's TYPE=pref, 4.0's PREF=1)."""
    found = []
    for item in card.contents.get(name, []):
        value = item.value
        if isinstance(value, list):
            value = value[0] if value else ""
        text = tidy(str(value))
        if text:
            types = {t.lower() for t in item.params.get("TYPE", [])}
            found.append((text, item.params, "pref" not in types and "PREF" not in item.params))
    found.sort(key=lambda f: f[2])  # a stable sort: the file's order within each
    return [(text, params) for text, params, _ in found]


def _notes(card) -> list[str]:
    """Every NOTE, lines tidied, each once."""
    notes: list[str] = []
    for item in card.contents.get("note", []):
        text = "\n".join(tidy(line) for line in str(item.value).splitlines()).strip()
        if text and text not in notes:
            notes.append(text)
    return notes


def _components(value) -> list[str]:
    """ORG's components (name, then units), each tidied; a component vobject split at a comma joined again."""
    parts = value if isinstance(value, list) else [value]
    return [tidy(", ".join(p) if isinstance(p, list) else str(p)) for p in parts]


def _organisation(card) -> str:
    for item in card.contents.get("org", []):
        first = (_components(item.value) or [""])[0]
        if first:
            return first
    return ""


def _name_from_n(card) -> str:
    for item in card.contents.get("n", []):
        n = item.value
        parts = []
        for part in (n.given, n.additional, n.family):
            parts += part if isinstance(part, list) else [part]
        if tidy(" ".join(parts)):
            return tidy(" ".join(parts))
    return ""


_BDAY = re.compile(r"(\d{4}|--)-?(\d{2})-?(\d{2})(?:T.*)?")


def parse_birthday(text: str, omit_year: str | None = None) -> dt.date | MonthDay | None:
    """BDAY as clients write it: 19510101, 1951-01-01, 1980-03-22T00:00:00Z, --0804 and
    --08-04 (no year), and Apple's 1604-08-04 with X-APPLE-OMIT-YEAR=1604 (no year either)."""
    match = _BDAY.fullmatch(text.strip())
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if year == "--" or year == (omit_year or "").strip() or year == "1604":
            return MonthDay(int(month), int(day))
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


_URL_KINDS = ("work", "home", "profile")  # a URL's TYPE (or Apple's label) that names its link


def _url_kind(item, labels: dict[str, str]) -> str:
    types = {t.lower() for t in item.params.get("TYPE", [])}
    label = labels.get((item.group or "").lower(), "")
    return next((kind for kind in _URL_KINDS if kind in types or label == kind), "website")


def _links(card, person: Person, kept: list[str]) -> None:
    """Every URL (and X-SOCIALPROFILE) as a link: `linkedin` for a linkedin.com address, else
    named by its type (`work`, `home`, `profile`) or `website`, a second of a name numbered
    (`website-2`); the same address once; a value that is no web address kept in the notes."""
    labels = {
        (item.group or "").lower(): tidy(str(item.value)).strip("_$!<>").lower()
        for item in card.contents.get("x-ablabel", [])
        if item.group
    }
    items = [(item, "url") for item in card.contents.get("url", [])]
    items += [(item, "profile") for item in card.contents.get("x-socialprofile", [])]
    items.sort(  # the preferred first, as `_texts` (2.1's PREF, 3.0's TYPE=pref, 4.0's PREF=1)
        key=lambda pair: (
            "pref" not in {t.lower() for t in pair[0].params.get("TYPE", [])} and "PREF" not in pair[0].params
        )
    )
    seen: set[str] = set()
    for item, prop in items:
        value = item.value[0] if isinstance(item.value, list) and item.value else item.value
        url = tidy(str(value or ""))
        if not url:
            continue
        if not re.match(r"https?://|www\.", url, flags=re.IGNORECASE):
            kept.append(f"{'URL' if prop == 'url' else 'Profile'}: {url}")  # X-SOCIALPROFILE's "x-apple:username"
            continue
        url = web_address(url)
        same = re.sub(r"^https?://(www\.)?", "", url.lower()).rstrip("/")
        if same in seen:
            continue
        seen.add(same)
        host = urlsplit(url).netloc.lower()
        kind = "linkedin" if host.endswith("linkedin.com") else "profile" if prop != "url" else _url_kind(item, labels)
        key, n = kind, 2
        while key in person.links:
            key, n = f"{kind}-{n}", n + 1
        person.links[key] = url


def _birthday(card, person: Person, line: int, kept: list[str], problems: list[Problem]) -> None:
    """The first BDAY that is a date as `birthday`; one that is text (`circa 1800`), beyond
    the journal's dates, or another date, kept in the notes."""
    seen: set[str] = set()
    for text, params in _texts(card, "bday"):
        if text in seen:
            continue
        seen.add(text)
        day = parse_birthday(text, (params.get("X-APPLE-OMIT-YEAR") or [None])[0])
        if day is None:
            problems.append(Problem(line, f"birthday '{text}' is not a date: kept in the notes of {person.name}"))
        elif isinstance(day, dt.date) and (far := date_bounds_problem(day)) is not None:  # FILE-10
            problems.append(Problem(line, f"birthday '{text}' {far.why}: kept in the notes of {person.name}"))
        elif person.birthday is None:
            person.birthday = day
            continue
        elif day == person.birthday:
            continue  # the same day again (4.0's ALTID: a date and its text form)
        kept.append(f"Birthday: {text}")


def person_of(card, line: int, problems: list[Problem]) -> Person | None:
    emails = [re.sub(r"^mailto:", "", t, flags=re.IGNORECASE) for t, _ in _texts(card, "email")]
    name = (
        (_texts(card, "fn") or [("", {})])[0][0] or _name_from_n(card) or _organisation(card) or next(iter(emails), "")
    )
    if not name:
        problems.append(
            Problem(line, "a card with no name (FN, N), organisation (ORG) or e-mail: skipped", skipped=True)
        )
        return None
    titles = [t for t, _ in _texts(card, "title")]
    roles = [t for t, _ in _texts(card, "role")]
    person = Person(line, name=name, role=(titles + roles + [""])[0])
    # what Trellis has no field for, kept in the notes, a line each ("- Role: Counting Money")
    kept = [f"Title: {t}" for t in titles[1:]]
    kept += [f"Role: {r}" for r in dict.fromkeys(roles) if r.casefold() != person.role.casefold()]
    for item in card.contents.get("org", []):
        parts = _components(item.value)
        if not person.company and parts and parts[0]:
            person.company = parts[0]
            if units := [p for p in parts[1:] if p]:
                kept.append(f"Department: {', '.join(units)}")
        elif any(parts) and [p for p in parts if p] != [person.company]:  # the same ORG again says nothing new
            kept.append(f"Organisation: {', '.join(p for p in parts if p)}")  # past_companies may take it
    for email in emails:
        add_unique(person.emails, email)
    for phone, _ in _texts(card, "tel"):  # 4.0's uri form: tel:+1-555-0100
        add_unique(
            person.phones, re.sub(r"^tel:", "", phone, flags=re.IGNORECASE), key=lambda p: re.sub(r"\D", "", p) or p
        )
    _links(card, person, kept)
    _birthday(card, person, line, kept, problems)
    kept = list(dict.fromkeys(kept))
    person.notes = "\n\n".join(_notes(card) + (["\n".join(f"- {k}" for k in kept)] if kept else []))
    person.kept = len(kept)
    return person
