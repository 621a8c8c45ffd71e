"""How a contact detail is read in a folded text where it is not written as stored: a phone
by its digits, whatever the separators and prefixes; an e-mail address with words or spaces
for its @ and dots (the rules are in `matching`'s docstring)."""

from __future__ import annotations

import re

from .folding import _word
from .keys import _Key

_MAIL_PART = re.compile(r"[a-z0-9_%+-]+")
_MAIL_AT = re.compile(r" ?(?:@|[(\[{<] ?(?:at|@) ?[)\]}>]) ?| at ")
_MAIL_DOT = re.compile(r" ?(?:\.|[(\[{<] ?(?:dot|\.) ?[)\]}>]) ?| dot ")


def mail_parts(text: str, start: int) -> tuple[list[str], list[int], int | None]:
    """An address written with words or spaces for its @ and dots, read from `start`: its
    parts, where each ends, and how many stand before the @ (None: no @)."""
    parts: list[str] = []
    position, at = start, None
    ends = []
    while len(parts) < 12:
        part = _MAIL_PART.match(text, position)
        if part is None:
            break
        parts.append(part.group())
        position = part.end()
        ends.append(position)
        if at is None:
            sign = _MAIL_AT.match(text, position)
            if sign is not None and _MAIL_PART.match(text, sign.end()):
                at = len(parts)
                position = sign.end()
                continue
        dot = _MAIL_DOT.match(text, position)
        if dot is None:
            break
        position = dot.end()
    return parts, ends, at


def mail_end(text: str, mail: tuple[list[str], list[int], int | None], addresses: frozenset[str]) -> int | None:
    """Where an address written with words or spaces for its @ and dots ("hana (at) example
    (dot) com", "hana [at] example [dot] com", "hana at example dot com", "hana @ example
    . com") ends, if it is one of `addresses` (`mail`: `mail_parts`)."""
    parts, ends, at = mail
    if at is None:
        return None
    local = ".".join(parts[:at])
    for n in range(len(parts), at + 1, -1):
        if f"{local}@{'.'.join(parts[at:n])}" in addresses:
            end = ends[n - 1]
            return end if end >= len(text) or not _word(text[end]) else None
    return None


# separators: space, dot, slash, brackets, and every dash (020–7946–0000 with en dashes)
_PHONE_RUN = re.compile(r"(\+)?[0-9](?:[ .\-/()\u2010-\u2015\u2212]{0,2}[0-9])*")
_GROUP = re.compile(r"[0-9]+")


def phone_candidates(text: str, phones: dict):
    """Where a private phone number is written in a folded text, by its digits (see `matching`)."""
    for run in _PHONE_RUN.finditer(text):
        if sum(c.isdigit() for c in run.group()) < 7:
            continue
        plus = run.group(1) is not None
        groups = [(g.group(), run.start() + g.start(), run.start() + g.end()) for g in _GROUP.finditer(run.group())]
        for a in range(len(groups)):
            digits = ""
            for b in range(a, min(len(groups), a + 20)):
                digits += groups[b][0]
                if len(digits) > 22:
                    break
                if len(digits) < 7:
                    continue
                for national, prefixes, person in phones.get(digits[-7:], ()):
                    if not digits.endswith(national):
                        continue
                    prefix = digits[: len(digits) - len(national)]
                    if (
                        prefix in ("", "0")
                        or prefix in prefixes
                        or (plus and a == 0 and len(prefix) <= 5)
                        or prefix.startswith("00")
                        and len(prefix) <= 6
                    ):
                        key = _Key("phone", [person], f"the phone number in {person.origin or person.id}")
                        start = groups[a][1] - (1 if plus and a == 0 else 0)
                        if start > 0 and text[start - 1] == "(" and ")" in text[start : groups[b][2]]:
                            start -= 1  # "(020) 7946 0000": the bracket goes with the number
                        yield start, groups[b][2], key, False
