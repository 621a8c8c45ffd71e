"""`trellis import vcard`: vCard files as real clients write them, mended line by line for
vobject, then read one card at a time, so a broken card is reported and the others still import.

vobject parses vCard 3.0 and 4.0 as the RFCs write them, and real files are not like that.
Before vobject sees a card, this module reads its bytes and mends what vobject is too strict
about (each case is a client seen in the wild; tests/fixtures/vcards-real holds them):

- any line end: CRLF, LF, CR, and iOS's CR CR LF (vobject takes the extra CR for a blank
  line and loses the folding after it);
- vCard 2.1's quoted-printable, whose soft line breaks (`=` at a line's end, Outlook and
  Android) vobject does not join, and its CHARSET= (SHIFT_JIS, ISO-8859-1...), which vobject
  ignores: both decoded here, and the value handed on as plain text;
- a line of a folded value that is not indented (base64 photos of 2.1 clients);
- inline photos, logos, sounds and keys: dropped unread (nothing Trellis keeps, and the
  largest part of a phone's export);
- `PROFILE:VCARD` (Lotus Notes, RFC 2425): vobject takes PROFILE for its own keyword and
  refuses the card;
- unescaped commas in one-value properties (`TITLE:Director, Engineering`,
  `FN:Mr. John Richter, James Doe Sr.`, `ORG:Company, The`): vobject splits them into a list
  and keeps the first part, so they are escaped here;
- `\\:` (`URL:http\\://...`, Gmail and Apple): not an escape in any vCard version, and
  vobject keeps the backslash; the colon is unescaped here.
- a card inside a card (vCard 2.1's `AGENT`, Android's nested cards): each is a card of its
  own, and the one around it goes on after it (vobject would stop at the inner END);
- a quoted-printable soft line break just before `END:VCARD` (or `BEGIN:VCARD`): the card
  ends there, it is not joined into the value;
- a line that is no property (`# a comment`, a value a 2.1 client went on with after a
  trailing backslash): joined to the value that ended in the backslash, else left out and
  reported (`MendedCard.ignored`), so one stray line does not lose the whole card.

Each mended card keeps, for every line, the line of the file it came from, so an error of
vobject's points at the user's file.
"""

from __future__ import annotations

import base64
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..decoding import as_utf8, decode_charset, decode_line, visible
from .people import ImportFileError, Person, Problem
from .vcard_card import person_of

_LINE_END = re.compile(rb"\r*\n|\r")
# the start of a property: an optional group ("item1."), a name, then parameters or the value
_PROPERTY = re.compile(rb"^(?:[A-Za-z0-9-]+\.)?[A-Za-z0-9-]+[;:]")
_CARD_EDGE = re.compile(rb"^\s*(?:BEGIN|END)\s*:\s*VCARD\s*$", re.IGNORECASE)
_INLINE_DATA = {"PHOTO", "LOGO", "SOUND", "KEY", "AGENT"}
# properties holding one text value (or, for ORG, components of one): a bare comma is text
_ONE_VALUE = {"FN", "TITLE", "ROLE", "NOTE", "EMAIL", "TEL", "URL", "BDAY", "X-ABLABEL", "LABEL", "UID"}


@dataclass
class MendedCard:
    line: int  # the line of the file its BEGIN:VCARD is on
    text: str = ""  # the card as vobject can read it, CRLF line ends
    lines: list[int] = field(default_factory=list)  # the file's line for each line of `text`
    replaced: list[int] = field(default_factory=list)  # lines where a byte was not text
    ignored: list[int] = field(default_factory=list)  # lines left out: no property, no value to go on
    error: tuple[int, str] | None = None  # (line, reason) when the card cannot be read


def _split_property(line: bytes) -> tuple[bytes, bytes] | None:
    """(name and parameters, value) of a property line: split at the first colon outside a
    quoted parameter value (`X-COUCHDB-UUID="..."`)."""
    quoted = False
    for i, byte in enumerate(line):
        if byte == 0x22:
            quoted = not quoted
        elif byte == 0x3A and not quoted:
            return line[:i], line[i + 1 :]
    return None


def _params(head: bytes) -> tuple[str, list[str]]:
    """The property's name (group dropped, upper case) and its parameters as written."""
    parts = head.decode("utf-8", errors="replace").split(";")
    name = parts[0].rsplit(".", 1)[-1].upper()
    return name, parts[1:]


def _is_quoted_printable(params: list[str]) -> bool:
    return any(p.strip().upper() in ("ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE") for p in params)


def _is_binary(params: list[str]) -> bool:
    return any(p.strip().upper() in ("ENCODING=BASE64", "ENCODING=B", "BASE64", "ENCODING=b") for p in params)


def _charset(params: list[str]) -> str | None:
    for p in params:
        key, _, value = p.partition("=")
        if key.strip().upper() == "CHARSET" and value.strip():
            return value.strip().strip('"')
    return None


def _escape_commas(value: str) -> str:
    """Bare commas escaped, escapes kept, and `\\:` written as the colon it means."""
    out, i = [], 0
    while i < len(value):
        char = value[i]
        if char == "\\" and i + 1 < len(value):
            pair = value[i : i + 2]
            out.append(":" if pair == "\\:" else pair)
            i += 2
            continue
        out.append("\\," if char == "," else char)
        i += 1
    return "".join(out)


def _unescape_colons(value: str) -> str:
    return re.sub(r"(?<!\\)((?:\\\\)*)\\:", r"\1:", value)


def _logical_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(the file's line number, one unfolded property line), joining folded lines, soft
    line breaks of quoted-printable, and the unindented lines of base64 data."""
    current: bytes | None = None
    start = 0
    soft_break = binary = False
    for number, line in enumerate(_LINE_END.split(data), 1):
        if current is not None and soft_break and not _CARD_EDGE.match(line):
            current += b"\n" + line  # quopri joins "=\n" itself
            soft_break = line.endswith(b"=")
            continue
        if not line.strip():
            continue  # a blank line ends a 2.1 base64 value; nothing else
        if current is not None and line[:1] in (b" ", b"\t"):
            current += line[1:]
            continue
        if current is not None and binary and not _PROPERTY.match(line):
            current += line  # base64 data that a 2.1 client did not indent
            continue
        if current is not None:
            yield start, current
        current, start = line, number
        head = _split_property(line)
        name, params = _params(head[0]) if head else ("", [])
        soft_break = _is_quoted_printable(params) and line.endswith(b"=")
        binary = name in _INLINE_DATA or _is_binary(params)
    if current is not None:
        yield start, current


def mend(data: bytes) -> Iterator[MendedCard]:
    """Each BEGIN:VCARD ... END:VCARD of the file, mended for vobject (see the module)."""
    data = as_utf8(data)
    card: MendedCard | None = None
    out: list[str] = []
    outer: list[tuple[MendedCard, list[str]]] = []  # the cards around a card inside a card
    for number, raw in _logical_lines(data):
        parts = _split_property(raw)
        if not _PROPERTY.match(raw):  # no property starts here
            if card is None:
                continue
            if out[-1].endswith("\\") and not out[-1].endswith("\\\\"):  # a 2.1 value going on after a backslash
                out[-1] = out[-1][:-1] + "\\n" + decode_line(raw)[0]
            else:  # a comment, or a stray line: left out, said, and the card read without it
                card.ignored.append(number)
            continue
        if parts is None:
            if (
                card is not None
            ):  # a property vobject could not place (a quote left open): kept, so its error names the line
                out.append(decode_line(raw)[0])
                card.lines.append(number)
            continue
        head, value = parts
        name, params = _params(head)
        upper = value.strip().upper()
        if name == "BEGIN" and upper == b"VCARD":
            if card is not None:  # a card inside this one: read it, then go on with this one
                outer.append((card, out))
            card, out = MendedCard(line=number), ["BEGIN:VCARD"]
            card.lines.append(number)
            continue
        if card is None:
            continue
        if name == "END" and upper == b"VCARD":
            out.append("END:VCARD")
            card.lines.append(number)
            card.text = "\r\n".join(out) + "\r\n"
            yield card
            card, out = outer.pop() if outer else (None, [])
            continue
        if name in _INLINE_DATA or name == "PROFILE":
            continue
        if _is_binary(params):
            try:
                value = base64.b64decode(value.strip(), validate=True)
            except ValueError:
                card.error = card.error or (number, f"{name} is marked base64 but is not")
                continue
            params = [p for p in params if not _is_binary([p])]
        charset = _charset(params)
        if _is_quoted_printable(params):
            value = quopri.decodestring(value)
            text = decode_charset(value, charset) if charset else decode_line(value)[0]
            # quoted-printable text holds real line breaks; in a content line they are "\n"
            text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
            params = [p for p in params if p.strip().upper() not in ("ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE")]
        else:
            if charset:
                text = decode_charset(value, charset)
            else:
                text, bad = decode_line(value)
                if bad:
                    card.replaced.append(number)
        params = [p for p in params if p.partition("=")[0].strip().upper() != "CHARSET"]
        # vCard 2.1 writes types bare (`TEL;CELL;PREF:`); vobject drops a parameter without
        # "=", and with it which address is preferred
        params = [p if "=" in p else f"TYPE={p.strip()}" for p in params if p.strip()]
        if name in _ONE_VALUE:
            text = _escape_commas(text)
        elif name == "ORG":
            text = ";".join(_escape_commas(part) for part in re.split(r"(?<!\\);", text))
        else:
            text = _unescape_colons(text)
        out.append(";".join([head.decode("utf-8", errors="replace").split(";")[0], *params]) + ":" + text)
        card.lines.append(number)
    while card is not None:  # no END:VCARD before the file ends: read what is there
        out.append("END:VCARD")
        card.lines.append(card.lines[-1])
        card.text = "\r\n".join(out) + "\r\n"
        yield card
        card, out = outer.pop() if outer else (None, [])


def _error_line(card: MendedCard) -> int:
    """The file's line of the first line vobject cannot parse (its own line count is not the file's)."""
    import vobject

    for text, line in zip(card.text.split("\r\n"), card.lines):
        try:
            vobject.base.textLineToContentLine(text)
        except Exception:  # vobject raises several kinds
            return line
    return card.line


def read_vcard(path: Path) -> tuple[list[Person], list[Problem]]:
    import vobject

    people, problems = [], []
    for card in mend(path.read_bytes()):
        problems += [
            Problem(n, "a byte that is not text in this file's encoding was read as \ufffd: check this card")
            for n in card.replaced
        ]
        problems += [
            Problem(n, "a line that is no vCard property (a comment?): left out, the rest of the card read")
            for n in card.ignored
        ]
        if card.error:
            problems.append(Problem(card.error[0], f"unreadable card ({card.error[1]}): skipped", skipped=True))
            continue
        try:
            person = person_of(vobject.readOne(card.text), card.line, problems)
        except Exception as err:  # vobject raises several kinds; any of them means this card is unreadable
            reason = visible(" ".join(str(err).split())[:80])
            problems.append(Problem(_error_line(card), f"unreadable card ({reason}): skipped", skipped=True))
            continue
        if person is not None:
            people.append(person)
    if not people and not problems:
        raise ImportFileError("no BEGIN:VCARD ... END:VCARD card found: is this a vCard (.vcf) file?")
    return people, problems
