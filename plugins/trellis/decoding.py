"""Bytes of an exported file into text, a line at a time, and text made safe to print.

Exports come in whatever encoding their tool used: UTF-8 with or without a mark, UTF-16
from Windows tools, Windows-1252 from Excel's re-saves, and now and then a UTF-8 file with
one stray byte from a copy and paste, or a Windows-1252 file with UTF-8 lines pasted in.
The encoding is decided per line, whatever the other lines are: a line that is UTF-8 is read
as UTF-8; one that holds UTF-8 sequences and a stray byte as UTF-8, that byte lost (U+FFFD);
any other as Windows-1252. So one bad byte costs one character, and neither encoding
garbles the lines of the other, whichever has more lines.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def as_utf8(data: bytes) -> bytes:
    """The file's bytes with any byte order mark dropped, UTF-16 and UTF-32 turned into
    UTF-8 (so what follows reads bytes alike); other bytes as they are."""
    for bom, encoding in _BOMS:  # UTF-32 LE before UTF-16 LE: its mark starts with UTF-16's
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").encode("utf-8")
    if len(data) >= 4 and data[1] == 0 and data[3] == 0 and data[0] and data[2]:
        return data.decode("utf-16-le", errors="replace").encode("utf-8")  # UTF-16 without a mark
    if len(data) >= 4 and data[0] == 0 and data[2] == 0 and data[1] and data[3]:
        return data.decode("utf-16-be", errors="replace").encode("utf-8")
    return data


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_line(line: bytes) -> tuple[str, bool]:
    """One line as text, and whether a byte had to be replaced (shown as U+FFFD): UTF-8 if it
    is; UTF-8 with a stray byte if it holds UTF-8 sequences; else Windows-1252."""
    try:
        return line.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQUENCE.search(line):  # UTF-8 with a stray byte: that byte is lost, not the line
        return line.decode("utf-8", errors="replace"), True
    text = line.decode("cp1252", errors="replace")
    return text, "\ufffd" in text  # 0x81, 0x8D, 0x8F, 0x90 and 0x9D mean nothing in Windows-1252


class Decoded(NamedTuple):
    text: str
    replaced: list[int]  # lines where a byte was not text (shown as U+FFFD)
    fallback: list[int]  # lines read as Windows-1252 in a file whose other lines are UTF-8


def decode_text(data: bytes) -> Decoded:
    """A whole file as text, each line in its own encoding (see the module)."""
    data = as_utf8(data)
    try:
        return Decoded(data.decode("utf-8"), [], [])
    except UnicodeDecodeError:
        pass
    parts, replaced, fallback = [], [], []
    utf8_lines = 0  # lines with non-ASCII text read as UTF-8
    for number, line in enumerate(data.split(b"\n"), 1):
        text, bad = decode_line(line)
        parts.append(text)
        if bad:
            replaced.append(number)
        elif max(line, default=0) > 0x7F:
            if text.encode("utf-8") == line:
                utf8_lines += 1
            else:
                fallback.append(number)
    return Decoded("\n".join(parts), replaced, fallback if utf8_lines else [])


def decode_charset(data: bytes, charset: str) -> str:
    """A value in the character set its file names (vCard 2.1's CHARSET=SHIFT_JIS); the file's
    own reading when the name is unknown or the bytes are not in it."""
    try:
        return data.decode(codecs.lookup(charset).name)
    except (LookupError, UnicodeDecodeError):
        return decode_line(data)[0]


_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def visible(text: str) -> str:
    """Text from a file as it may be printed to a terminal: control characters (an escape
    sequence can retitle the terminal or hide a line), line breaks and bidirectional
    overrides shown as escapes (`\\x1b`, `\\n`, `\\u202e`), everything else as it is."""

    def escape(match: re.Match) -> str:
        char = match.group()
        code = ord(char)
        return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")

    return _INVISIBLE.sub(escape, text)
