"""How a text is compared: folded (NFKC, look-alike letters, accents, case, every kind of
space; see `matching`'s docstring), each folded character remembering the span of the
original it came from, so that a match lands on the original text."""

from __future__ import annotations

import html
import re
import unicodedata
import urllib.parse
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

# look-alike letters, by case (a capital and a small letter can look like different Latin ones)
_HOMOGLYPHS = str.maketrans(
    {
        # Cyrillic capitals and small letters
        "А": "A",
        "В": "B",
        "Е": "E",
        "Ѕ": "S",
        "І": "I",
        "Ј": "J",
        "К": "K",
        "М": "M",
        "Н": "H",
        "О": "O",
        "Р": "P",
        "С": "C",
        "Т": "T",
        "Х": "X",
        "У": "Y",
        "Ү": "Y",
        "Ԛ": "Q",
        "Ԝ": "W",
        "а": "a",
        "е": "e",
        "ё": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "у": "y",
        "х": "x",
        "і": "i",
        "ї": "i",
        "ѕ": "s",
        "ј": "j",
        "һ": "h",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        "ӏ": "l",
        "ү": "y",
        # Greek
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Ζ": "Z",
        "Η": "H",
        "Ι": "I",
        "Κ": "K",
        "Μ": "M",
        "Ν": "N",
        "Ο": "O",
        "Ρ": "P",
        "Τ": "T",
        "Υ": "Y",
        "Χ": "X",
        "α": "a",
        "ο": "o",
        "ε": "e",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "γ": "y",
        "ϲ": "c",
    }
)
# ... and once casefolded, each small letter of those scripts as its capital's look-alike, unless
# it has its own ("в" is "b" as "В" is: a Cyrillic name in capitals, "ИВАН ПЕТРОВ", is "Иван
# Петров", as "ADA" is "Ada"; Greek "ν" stays "v"): a text and its capitals fold alike
_SMALL_HOMOGLYPHS = str.maketrans(
    {
        **{chr(k).casefold(): v.casefold() for k, v in _HOMOGLYPHS.items() if chr(k) != chr(k).casefold()},
        **{chr(k): v.casefold() for k, v in _HOMOGLYPHS.items() if chr(k) == chr(k).casefold()},
    }
)
_APOSTROPHES = frozenset("’‘ʼ＇´ʹ′ʻ`")  # ` too: "O`Brien" on some keyboards
_HYPHENS = frozenset("‐‑")  # hyphen, non-breaking hyphen: ids keep their "-"


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    """What one original character becomes in the folded text ("" for nothing)."""
    if char in _APOSTROPHES:
        return "'"
    if char in _HYPHENS:
        return "-"
    if char.isspace():
        return " "
    out = []
    for c in unicodedata.normalize("NFKC", char.translate(_HOMOGLYPHS)).translate(_HOMOGLYPHS):
        if c in _APOSTROPHES:
            out.append("'")
            continue
        if c.isspace():
            out.append(" ")
            continue
        if unicodedata.category(c) == "Cf":  # soft hyphen, zero-width, bidi marks
            continue
        for d in unicodedata.normalize("NFD", c):
            if unicodedata.category(d) in ("Mn", "Me"):
                continue
            for e in d.casefold().translate(_SMALL_HOMOGLYPHS):
                if e.isascii():
                    out.append(e)
                elif e.isdecimal():
                    out.append(str(unicodedata.decimal(e)))
                elif unicodedata.name(e, "").startswith("LATIN"):
                    out.append(anyascii(e).lower())
                else:
                    out.append(e)
    return "".join(out)


def _combining(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me")


# tokens of the original text: ASCII words with single spaces (folded by lower(), one to
# one, fast), other space runs, HTML entities, JSON escapes, %-escapes, anything else
_PLAIN = r"(?P<plain>[!-~]+(?: [!-~]+)*)"
_PLAIN_MARKUP = r"(?P<plain>[!-%'-~]+(?: [!-%'-~]+)*)"
_PLAIN_SCAN = r"(?P<plain>[!-$'-\[\]-~]+(?: [!-$'-\[\]-~]+)*)"
_ENTITY = r"(?P<entity>&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};))"
# (and JavaScript's \x40: a script, a theme override's, writes an address that way too)
_JSON = r"(?P<json>\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\\[nrtbf\"/\\])"
_PERCENT = r"(?P<percent>(?:%[0-9A-Fa-f]{2})+)"
_REST = r"(?P<space>\s+)|(?P<other>.)"
_TOKENS = {
    "text": re.compile("|".join((_PLAIN, _REST)), re.S),
    "markup": re.compile("|".join((_PLAIN_MARKUP, _ENTITY, _REST)), re.S),
    "scan": re.compile("|".join((_PLAIN_SCAN, _ENTITY, _JSON, _PERCENT, _REST)), re.S),
}
_JSON_SIMPLE = {"n": " ", "r": " ", "t": " ", "b": "", "f": " ", '"': '"', "/": "/", "\\": "\\"}


def _decode(kind: str, raw: str) -> str:
    if kind == "entity":
        return html.unescape(raw)
    if kind == "percent":
        return urllib.parse.unquote(raw)
    if raw[1] in _JSON_SIMPLE:
        return _JSON_SIMPLE[raw[1]]
    return (
        raw.encode("ascii")
        .decode("unicode_escape", errors="replace")
        .encode("utf-16", "surrogatepass")
        .decode("utf-16", errors="replace")
    )


@dataclass
class Folded:
    """A text folded for matching, with the original span of each folded character."""

    text: str
    starts: Sequence[int]
    stops: Sequence[int]

    def span(self, start: int, stop: int) -> tuple[int, int]:
        return self.starts[start], self.stops[stop - 1]

    def position(self, index: int) -> tuple[int, int]:
        """The span in the original of folded character `index`."""
        return self.starts[index], self.stops[index]


def fold_text(text: str, mode: str = "text") -> Folded:
    """`text` folded. mode "text": as written; "markup": HTML entities decoded too (a text
    node or attribute as it stands in HTML); "scan": entities, JSON escapes and %-escapes."""
    out: list[str] = []
    starts: list[int] = []
    stops: list[int] = []
    last_space = False
    for token in _TOKENS[mode].finditer(text):
        kind = token.lastgroup
        p, q = token.span()
        if kind == "plain":
            if text.startswith("\\", q - 1) and text.startswith(("\n", "\r"), q):
                q -= 1  # a backslash at the end of a line is Markdown's hard line break: no character
                if q == p:
                    continue
            out.append(text[p:q].lower())
            starts.extend(range(p, q))
            stops.extend(range(p + 1, q + 1))
            last_space = False
            continue
        if kind == "space":
            if not last_space:
                out.append(" ")
                starts.append(p)
                stops.append(q)
                last_space = True
            continue
        raw = token.group()
        if kind == "other":
            folded = _fold_char(raw)
            if not folded:
                if _combining(raw) and stops:  # an accent belongs to the letter before it
                    stops[-1] = q
                continue
        else:  # an escape: what it stands for, every character of it mapped to the whole escape
            assert kind is not None, "every alternative of a token pattern is a named group"
            folded = "".join(_fold_char(c) for c in _decode(kind, raw))
        for c in folded:
            if c == " ":
                if last_space:
                    stops[-1] = q
                    continue
                last_space = True
            else:
                last_space = False
            out.append(c)
            starts.append(p)
            stops.append(q)
    return Folded("".join(out), starts, stops)


# where `fold_scan` stops reading ASCII one for one: any character that is not plain (a letter,
# digit or sign that folds to itself in lower case) nor a space: an escape's first character
# (& \\ %), every other kind of space, control characters, and every character that is not ASCII.
# (One character class: the regular expression engine skips to the next one without trying
# each alternative of a pattern at every character.)
_SPECIAL = re.compile(r"[^ !-$'-\[\]-~]")
_ESCAPES = {
    "&": re.compile(_ENTITY),
    "\\": re.compile(_JSON),
    "%": re.compile(_PERCENT),
}
_SPACES = re.compile(r"\s+")


class _Positions(Sequence[int]):
    """The starts (or stops) of a `FoldedRuns`, worked out when asked for."""

    def __init__(self, folded: Folded, stop: bool):
        self._folded, self._stop = folded, stop

    def __len__(self) -> int:
        return len(self._folded.text)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._folded.position(index)[self._stop]


class PositionedFolded(Folded):
    """A `Folded` that works out a folded character's span when asked (`position`), not a
    number per character kept: `starts` and `stops` are made from it when read."""

    @property
    def starts(self) -> Sequence[int]:  # type: ignore[override]
        return _Positions(self, False)

    @property
    def stops(self) -> Sequence[int]:  # type: ignore[override]
        return _Positions(self, True)


class FoldedRuns(PositionedFolded):
    """A `Folded` whose map to the original is kept as runs, not a number per character: a run
    of characters that each stand for one original character in order (start, start + 1, ...),
    or of characters that all stand for one original span (an escape, a space run, a letter
    and its accents). What `fold_scan` makes: the same text and the same positions as
    `fold_text(text, "scan")`, for much less work and memory on a text that is mostly ASCII
    (HTML, JSON)."""

    def __init__(self, text: str, at: list[int], starts: list[int], stops: list[int | None]):
        self.text = text  # (`starts` and `stops`, made when asked for: most folds are never asked)
        # run r begins at folded character at[r]; its first character's span starts at starts[r];
        # stops[r] is None for a run of characters one for one, else the stop of every character's span
        self._at, self._starts, self._stops = at, starts, stops

    def position(self, index: int) -> tuple[int, int]:
        """The span in the original of folded character `index`."""
        run = bisect_right(self._at, index) - 1
        start, stop = self._starts[run], self._stops[run]
        if stop is None:
            start += index - self._at[run]
            return start, start + 1
        return start, stop

    def span(self, start: int, stop: int) -> tuple[int, int]:
        return self.position(start)[0], self.position(stop - 1)[1]


def fold_scan(text: str) -> FoldedRuns:
    """`fold_text(text, "scan")`, the same text and positions (tested), kept as runs: the guard
    folds every byte of a public site this way."""
    out: list[str] = []
    at: list[int] = []
    starts: list[int] = []
    stops: list[int | None] = []
    size = 0  # folded characters so far
    last_space = False
    position, end = 0, len(text)
    find = _SPECIAL.search

    def reach(stop: int) -> None:
        """The last folded character's span now ends at `stop` (an escape's space after a space,
        an accent after its letter)."""
        length = size - at[-1]
        if length == 1:
            stops[-1] = stop
            return
        first = starts[-1] + length - 1 if stops[-1] is None else starts[-1]
        at.append(size - 1)
        starts.append(first)
        stops.append(stop)

    while position < end:
        special = find(text, position)
        p = special.start() if special is not None else end
        double = text.find("  ", position, p)
        if double >= 0:  # a run of spaces starts here
            p = double
        elif p < end and p > position and text[p - 1] == " " and text[p].isspace():
            p -= 1  # a run of spaces starts with the space before
        if p > position:  # ASCII and single spaces: one for one, in lower case
            if last_space and text[position] == " ":  # a space after a space: none (fold_text's)
                position += 1
            if p > position:
                out.append(text[position:p].lower())
                at.append(size)
                starts.append(position)
                stops.append(None)
                size += p - position
                last_space = text[p - 1] == " "
        if p >= end:
            break
        char = text[p]
        if char.isspace():
            q = _SPACES.match(text, p).end()  # type: ignore[union-attr]
            if not last_space:
                out.append(" ")
                at.append(size)
                starts.append(p)
                stops.append(q)
                size += 1
                last_space = True
            position = q
            continue
        escape = _ESCAPES.get(char)
        token = escape.match(text, p) if escape is not None else None
        if token is not None:
            q = token.end()
            kind = token.lastgroup
            assert kind is not None, "every escape pattern is a named group"
            folded = "".join(_fold_char(c) for c in _decode(kind, token.group()))
        else:
            q = p + 1
            folded = _fold_char(char)
            if not folded:
                if _combining(char) and size:  # an accent belongs to the letter before it
                    reach(q)
                position = q
                continue
        position = q
        for c in folded:
            if c == " ":
                if last_space:
                    reach(q)
                    continue
                last_space = True
            else:
                last_space = False
            out.append(c)
            if not (stops and stops[-1] == q and starts[-1] == p):  # the token's first character
                at.append(size)
                starts.append(p)
                stops.append(q)
            size += 1
    return FoldedRuns("".join(out), at, starts, stops)


def fold(text: str) -> str:
    """The folded form of a text, as keys are stored (no leading or trailing space)."""
    return fold_text(text).text.strip()


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


# Scripts written without spaces between words (Chinese, Japanese kana and kanji, Thai, Lao,
# Khmer, Myanmar): a name there sits between letters, so "a letter on each side" cannot mean
# "inside another word", and a name of one word ("王芳", "佐藤花子") is a whole name.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff65-\uff9f\U00020000-\U0003134f]"
)


def _unspaced(char: str) -> bool:
    return _UNSPACED.match(char) is not None
