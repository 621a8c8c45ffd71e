"""One definition of "this text names a private person", for the redactor and the guard.

`Matcher(people, markers, public_names)` is built once per build. `find(text)` gives the
non-overlapping `Match`es (leftmost, then longest) as positions in the ORIGINAL text, so a
replacement lands exactly; `replace` swaps each person's match for their label; `scan`
is the guard's variant over a whole output file (HTML entities, JSON `\\u` escapes and
URL %-encoding decoded as well). `Passages` protects notes and summaries as text.

How a text is compared (`fold`): NFKC (full-width letters, ligatures), Cyrillic and Greek
look-alike letters mapped to Latin, accents dropped (NFD without combining marks; ø ł đ
æ œ þ through anyascii, Latin letters only), casefolded; soft hyphens, zero-width and
bidi characters (Unicode "Cf") ignored; every kind of space and line break, in runs, one
space; ’ ‘ ʼ ＇ ´ are '. Each folded character remembers the span of the original it
came from (an entity or a letter with its combining accents is one span). One
Aho-Corasick automaton reads the folded text once: time linear in the text for any
number of people. No key is longer than `MAX_KEY` characters (pyahocorasick crashes
freeing an automaton with a key of about a million characters, issue 14): a longer marker
is cut, and its cut end is not required to stand at a word boundary.

Whole words only: a match must not be glued to a letter, digit or _ ("Ken Chen" is not in
"Ken Chenoweth"); a public person's name that contains a private one ("Ada Lovelace-Smith",
public) shields it.

Who counts as the person (kind):
- "name": the full name; first and family name without the middle ones; family name
  first ("Lovelace Ada", "Lovelace, Ada"); an initial ("A. Lovelace"); a title with the
  family name (Mr, Mrs, Ms, Mx, Miss, Dr, Prof, Sir, Dame, with or without a dot). Every
  family-name candidate is each tail of the name ("García Márquez" and "Márquez") and
  each run of its later words that does not begin or end with a particle ("García" of
  Ana García Márquez; never "de"). Each word in each spelling (`_name_forms`): German
  and Nordic letters in ASCII and back ("Mueller" = "Müller"), a hyphen as a space
  ("Jean Luc" as a first name; "Lovelace Smith" as two family names). A name in Chinese
  characters in pinyin (`_romanised`, anyascii's readings, as ids are made). A middle
  name or initial ("Hana K. Sato", 'Hana "Kimi" Sato'; written with a capital, not a
  function word) is read on from the first name (a trigger: see `_Key.triggers`).
  A family name alone is NOT a match: too many are words or page furniture ("Page",
  "King", "Journal").
- "id": the id as written (`ada-lovelace`), with _ (`ada_lovelace`) and glued
  (`adalovelace`, a common handle); only ids of two or more words (a one-word id is the
  first name, below).
- "first-name": a first name alone (3+ letters, or a one-word name). The rule: it is
  written with a capital ("Ada", "ADA"; never "ada"), it is not directly followed by
  another capitalised word that is not a function word (then it is someone else's full
  name: "Ada Smith", "Ken Chenoweth"), and if it is also an ordinary English word
  (`COMMON_WORDS`: Will, Grace, Mark, Rose...) it must stand mid-sentence and not in
  capitals ("I met Will" yes; "Will you", "I will mark the grace period", "WILL" no).
  Trade-off: a lower-case first name, a common-word name at the start of a sentence,
  or a first name before another capitalised name is left as written (and the guard
  does not stop on it: it is the same definition); write the full name or the id where it
  must be hidden. A contraction after it is a function word ("Ada I'm late"). A first
  name that is a month is the month next to a date or a preposition of time ("in May"). A first name shared by two private people maps to both (`who` holds
  both; the default label is then "someone"); one shared with a public person is not
  matched alone (it may be the public one).
- "email": casefolded, also inside `mailto:`, through entities (`&#97;...`, as
  Python-Markdown obfuscates autolinks), with %40 or \\u0040 for @ (`scan`), and
  written with words or spaces ("ada (at) example (dot) com", "[at]", "{at}", " at ",
  " @ ", " . "), read on from the first word of its local part.
- "phone": by its digits (7 or more), whatever the separators, not part of a longer run
  of digits: the national number, alone or after a trunk 0, a country code written with
  + or 00, or the phone's own country code ("+44 20 7946 0000" = "020 7946 0000" =
  "2079460000" = "0044 20 7946 0000" = "+44 (0)20 7946 0000").
- "link": a profile address without scheme, `www.`, query, fragment or trailing slash
  (`linkedin.com/in/ada-lovelace-123`), any case; a bare well-known host is not a marker.
- "birthday": the date with its year: 1990-05-17, 1990/05/17, 1990.05.17, 17 May 1990,
  17th May 1990, 17th of May 1990, 17 May, 1990, May 17, 1990, May 17 1990, 17-May-1990,
  17.05.1990, 17/05/1990, 05/17/1990, 17-05-1990 (month names full, three letters or with a
  dot, "Sept"; day and month with or without a leading zero). Without its year ("17 May",
  "May 17th", "17/05") only within BIRTH_WINDOW characters of a word that says birthday
  ("birthday", "born", "b-day", "date of birth", "DOB"...) and not followed by a year:
  "17 May" alone is any meeting's date, and with a few hundred contacts every day of the
  year is somebody's birthday. A birthday stored without a year (`--05-17`) is matched so.
  Not matched: two-digit years (17.05.90: too close to version numbers and scores).
- "marker": any other private string given (e.g. what was recovered from a broken file).

Possessives: "Ada Lovelace's", "Lovelace’s" match the name; the match stops before the
apostrophe, so the replacement keeps the user's "'s" as written: "an engineering manager
in fintech's advice" is the English group genitive ("the Queen of England's hat"), which
reads correctly and keeps the user's apostrophe style.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, islice, product

import ahocorasick
from anyascii import anyascii

MAX_KEY = 200  # characters of a folded key; longer markers are cut (issue 14)
MIN_FIRST_NAME = 3  # "Al" or "Jo" alone are too often something else
NEUTRAL_LABEL = "someone"

# first names that are also ordinary English words: alone, only mid-sentence, capitalised
COMMON_WORDS = frozenset(
    """
will grace mark rose may june april august bill art joy hope faith amber frank sue drew
pat jack rob guy sky dawn iris ruby jade summer autumn winter victor chase hunter crystal
honey ray gene carol holly ivy lily daisy violet heather jasmine olive pearl penny ginger
candy sandy rusty buck cliff dale glen heath lane wade reed miles max page bishop cash
king earl duke prince rich sterling grant ward dean don eve nick norm peg bob sally ken
hazel fern basil sage river storm rain star sunny melody harmony liberty destiny mason
carter cooper taylor baker porter archer tucker piper harper major rod sunday
""".split()
)
# words that may follow a first name in a title-case heading without making a full name
_FUNCTION_WORDS = frozenset(
    """
and or but nor the a an of at in on to for with from by about as is was are were and's
said says asked told met meets called wrote who whom whose that this then than again
today yesterday tomorrow i we you he she they it me us him her them my our your his its
their not no yes if so also too very just
""".split()
)
# first names that are also months, or their short forms: the month where a date or a
# preposition of time is next to it
_MONTH_NAMES = frozenset("jan april may june august".split())
_MONTH_BEFORE = frozenset(
    """in of since until till by from through last next this early late mid end each every
during before after around in-between""".split()
)
_TITLES = ("mr", "mrs", "ms", "mx", "miss", "dr", "prof", "sir", "dame")
_GENERIC_HOSTS = frozenset(
    """linkedin.com github.com gitlab.com twitter.com x.com facebook.com
instagram.com mastodon.social medium.com youtube.com bsky.app""".split()
)
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

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
            for e in d.casefold():
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
    import html

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
    starts: list[int]
    stops: list[int]

    def span(self, start: int, stop: int) -> tuple[int, int]:
        return self.starts[start], self.stops[stop - 1]


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


def fold(text: str) -> str:
    """The folded form of a text, as keys are stored (no leading or trailing space)."""
    return fold_text(text).text.strip()


_URL_HEAD = re.compile(r"(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?\Z")
_URL_TAIL = re.compile(r"[/?#][^\s\"'<>]*")


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


def normalise_link(url: str) -> str:
    """A profile address as compared: no scheme, www., query, fragment, trailing slash."""
    url = fold(urllib.parse.unquote(url.strip()))
    url = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url)
    url = re.sub(r"^www\.", "", url)
    url = re.split(r"[?#]", url, maxsplit=1)[0]
    return url.rstrip("/")


def _day_month_words(day: int, month: int) -> set[str]:
    """A day and month written in words: "14 march", "14th of mar", "march 14th", "sept. 3"."""
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    name = _MONTHS[month - 1]
    months = {name, name[:3], name[:3] + "."} | ({"sept", "sept."} if month == 9 else set())
    forms = set()
    for mon in months:
        for dd in {str(day), f"{day:02d}", f"{day}{suffix}"}:
            forms |= {f"{dd} {mon}", f"{dd} of {mon}", f"{mon} {dd}"}
    return forms


def birthday_forms(day: dt.date) -> list[str]:
    """The written forms of a birthday with its year that are matched (see the module docstring)."""
    d, m, y = day.day, day.month, day.year
    forms = {day.isoformat()}
    for words in _day_month_words(d, m):
        forms |= {f"{words} {y}", f"{words}, {y}"}
    for mon in {_MONTHS[m - 1], _MONTHS[m - 1][:3]}:
        forms |= {f"{dd}-{mon}-{y}" for dd in {str(d), f"{d:02d}"}}  # 14-Mar-1990, as spreadsheets write it
    for dd in {str(d), f"{d:02d}"}:
        for mm in {str(m), f"{m:02d}"}:
            forms |= {
                f"{dd}/{mm}/{y}",
                f"{mm}/{dd}/{y}",
                f"{dd}.{mm}.{y}",
                f"{dd}-{mm}-{y}",
                f"{y}-{mm}-{dd}",
                f"{y}/{mm}/{dd}",
                f"{y}.{mm}.{dd}",
            }
    # ISO 8601's other spellings of the same day: basic (19900314, as file names and exports write
    # it) and week dates (1990-W11-3, 1990W113); a time after a date is read in `_candidates`
    week_year, week, weekday = day.isocalendar()
    forms |= {f"{y}{m:02d}{d:02d}", f"{week_year}-w{week:02d}-{weekday}", f"{week_year}w{week:02d}{weekday}"}
    return sorted(forms)  # already folded: lower-case ASCII


def birthday_day_forms(month: int, day: int) -> list[str]:
    """A birthday's written forms without the year ("14 March", "March 14th", "14/03"): matched
    only beside a word that says it is a birthday (`_BIRTH_WORDS`), never as any date."""
    forms = _day_month_words(day, month)
    for dd in {str(day), f"{day:02d}"}:
        for mm in {str(month), f"{month:02d}"}:
            forms |= {f"{dd}/{mm}", f"{mm}/{dd}"}
    return sorted(forms)


# what makes a day and month without a year a birthday: within BIRTH_WINDOW characters of it
_BIRTH_WORDS = re.compile(
    r"(?<![^\W\d_])(?:birthdays?|born|b-?days?|date of birth|birth ?date|d\.?o\.?b|"
    r"geburtstag|anniversaire|cumpleanos|aniversario|verjaardag)(?![^\W\d_])"
)
BIRTH_WINDOW = 80
_TIME_AFTER = re.compile(r"t\d")  # folded: "1990-03-14T09:00" is "1990-03-14t09:00"
_YEAR_AFTER = re.compile(r",? ?(?:\d{4}|'\d{2})(?!\d)|[/.-]\d{2,4}(?!\d)")


def _digits(text: str) -> str:
    return "".join(c for c in fold(text) if c.isdigit())


@dataclass(frozen=True)
class Person:
    """A private person as the matcher knows them."""

    name: str = ""
    id: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    birthday: dt.date | None = None  # or a model.MonthDay (.month and .day): a birthday without its year
    label: str = NEUTRAL_LABEL  # what replaces them: "an engineering manager in fintech"
    origin: str = ""  # where they are written, e.g. "journal/contacts/ada-lovelace.md"


def person_from_contact(contact, label: str) -> Person:
    """A `model.Contact` as a `Person` (no import of the model here: any object with its fields)."""
    return Person(
        name=contact.name or "",
        id=contact.id or "",
        emails=tuple(e for e in (getattr(contact, "emails", None) or [contact.email]) if e),
        phones=tuple(p for p in (getattr(contact, "phones", None) or [contact.phone]) if p),
        links=tuple(v for v in (contact.links or {}).values() if isinstance(v, str) and v),
        # a birthday without a year ("--05-17", model.MonthDay) is matched beside "birthday" only
        birthday=contact.birthday if hasattr(contact.birthday, "month") else None,
        label=label,
        origin=contact.source.shown,
    )


@dataclass(frozen=True)
class Match:
    """One occurrence, on the original text: text[start:stop]."""

    start: int
    stop: int
    kind: str  # name | first-name | id | email | phone | link | birthday | marker
    who: tuple[Person, ...] = ()  # the people it may be (empty for a marker)
    origin: str = ""  # what it is and where it comes from, for a guard's message
    possessive: bool = False  # followed by 's or ' (kept in the text)

    @property
    def label(self) -> str:
        labels = {p.label for p in self.who}
        return labels.pop() if len(labels) == 1 else NEUTRAL_LABEL


@dataclass
class _Key:
    kind: str
    who: list[Person] = field(default_factory=list)
    origin: str = ""
    cut: bool = False  # cut to MAX_KEY: its end need not be a word boundary
    shield: bool = False  # a public name: hides the private matches inside it
    # what this word may begin that no fixed key can spell: (how, key to report, data), where
    # how is "middle" (a first name, then a middle name or initial, then a family name: data
    # is the family names) or "mail" (an e-mail written with at/dot: data is the addresses)
    triggers: list = field(default_factory=list)
    # a birthday's day and month: a match only beside a word like "birthday" (the last field:
    # keys are also built with positional fields)
    yearless: bool = False


# Surname-particles: a family name of several words is matched by each of its parts, but
# never by a part that begins or ends with one of these ("Ana de", "Ana García y")
_PARTICLES = frozenset(
    """de del della der den di da das do dos du la le las los van von vom zu
y e i bin binti ibn al el ten ter st""".split()
)
# German and Nordic letters as they are written in ASCII: "Müller" is "Mueller" too
_TRANSLITERATIONS = str.maketrans(
    {
        "ü": "ue",
        "Ü": "Ue",
        "ö": "oe",
        "Ö": "Oe",
        "ä": "ae",
        "Ä": "Ae",
        "ß": "ss",
        "å": "aa",
        "Å": "Aa",
        "ø": "oe",
        "Ø": "Oe",
        "æ": "ae",
        "Æ": "Ae",
    }
)
# ... and back: a name written "Mueller" is "Müller" on a page (which folds to "muller")
_DIGRAPHS = re.compile(r"(?<=[b-df-hj-np-tv-z])(?:ue|oe|ae)|aa")
MAX_FORMS = 16  # spellings of one name (transliterations, hyphens), each with its variants
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+\Z")
# surnames whose reading differs from the character's usual one (anyascii reads the usual)
_SURNAME_READINGS = {
    "曾": "zeng",
    "单": "shan",
    "區": "ou",
    "区": "ou",
    "仇": "qiu",
    "解": "xie",
    "查": "zha",
    "朴": "piao",
    "盖": "ge",
    "乐": "yue",
    "覃": "qin",
    "种": "chong",
    "繁": "po",
    "尉": "yu",
    "万": "wan",
    "秘": "bi",
    "召": "shao",
    "长": "chang",
    "重": "chong",
    "相": "xiang",
}


def _name_words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s,]+", fold(name)) if w]


def _given(words: list[str]) -> list[str]:
    """A name's words from its given name on: a leading title ("mr.", "dr") is not one."""
    return words[1:] if len(words) > 1 and words[0].rstrip(".") in _TITLES else words


def _name_forms(name: str) -> list[list[str]]:
    """The spellings of a name as words, the name as written first: German and Nordic
    letters written in ASCII ("Mueller") or back ("Muller" for "Mueller"), and the hyphens of
    a name as spaces (a first name stays one: "Jean Luc"; a family name's parts are each one:
    "Lovelace Smith")."""
    words = _name_words(name)
    ascii_words = _name_words(name.translate(_TRANSLITERATIONS))
    if len(ascii_words) != len(words):  # (cannot happen: the letters it maps are no separators)
        ascii_words = words
    # each word in each of its spellings ("Kamue Übka" is a mixed one), the name as written first
    # a word in another script also in anyascii's romanisation ("Иван Петров": "Ivan Petrov",
    # "さとう": "satou"), as `trellis new contact` romanises an id
    roman = _name_words(anyascii(name))
    if len(roman) != len(words):  # (a script written without spaces: `_romanised` reads it)
        roman = words
    options = [
        list(dict.fromkeys((w, a, _DIGRAPHS.sub(lambda m: m.group()[0], w), r)))
        for w, a, r in zip(words, ascii_words, roman)
    ]
    forms: list[list[str]] = []
    for form in (list(f) for f in islice(product(*options), MAX_FORMS)):
        if not form:
            continue
        split = [" ".join(p for p in form[0].split("-") if p)] + [p for w in form[1:] for p in w.split("-") if p]
        for candidate in (form, split):
            if candidate and candidate[0] and candidate not in forms:
                forms.append(candidate)
    return forms[:MAX_FORMS]


def _romanised(word: str) -> set[str]:
    """A name in Chinese characters as it is written in pinyin, without tones (anyascii's
    readings, the ones `trellis new contact` gives the id): the family name (the first one or
    two characters) and the given name, in both orders, the given name in one word, hyphenated
    or spaced, and all in one word ("王芳": "wang fang", "fang wang", "wangfang")."""
    if not (2 <= len(word) <= 4 and _HAN.match(word)):
        return set()
    syllables = [fold(anyascii(c)) for c in word]
    out = set()
    for split in (1, 2) if len(word) >= 3 else (1,):
        families = {"".join(syllables[:split])}
        if split == 1 and word[0] in _SURNAME_READINGS:
            families.add(_SURNAME_READINGS[word[0]])
        rest = syllables[split:]
        givens = {"".join(rest), "-".join(rest), " ".join(rest)}
        for family in families:
            out.add(family + "".join(rest))
            for given in givens:
                out |= {f"{family} {given}", f"{given} {family}", f"{family}, {given}"}
    return out


class Matcher:
    """Every private person (and marker) of a journal, found in any text in one pass."""

    def __init__(
        self,
        people: Iterable[Person],
        markers: Mapping[str, str] | None = None,
        public_names: Iterable[str] = (),
        public_ids: Iterable[str] = (),
    ):
        self.people = list(people)
        self._keys: dict[str, _Key] = {}
        self._phones: dict[str, list[tuple[str, frozenset[str], Person]]] = {}
        for ident in public_ids:  # a public "will-turner-smith" (in addresses) is not a private "will-turner"
            if re.search(r"[-_]", ident):
                self._add(fold(ident), "public", None, "", shield=True)
        public_first, public_full = set(), set()
        for name in public_names:
            words = _name_words(name)
            if len(words) > 1:
                self._add(" ".join(words), "public", None, "", shield=True)
                public_full.add(" ".join(words))
            if words:
                public_first.add(words[0])
        first_names: dict[str, list[Person]] = {}
        for person in self.people:
            where = person.origin or person.id or "a contact"
            words = _name_words(person.name)
            name_key = _Key("name", [person], f"the name in {where}")
            # alone, a first name only as written, in ASCII letters or romanised: "Michal" is a
            # spelling of Michael beside his family name, and someone else on their own
            # (a name an address book wrote with its title, "Mr. John Doe": the first name is John;
            # "Mr." alone is everyone's "Mr. Smith")
            alone = {
                _given(w)[0]
                for w in (
                    words,
                    _name_words(person.name.translate(_TRANSLITERATIONS)),
                    _name_words(anyascii(person.name)),
                )
                if _given(w)
            }
            alone |= {w.replace("-", " ") for w in alone}
            for form in _name_forms(person.name):
                first = _given(form)[0] if _given(form) else ""
                if (
                    (len(form) == 1 and len(first) >= 2 or len(form) > 1 and len(first) >= MIN_FIRST_NAME)
                    and first in alone
                    and all(p is not person for p in first_names.get(first, ()))
                ):
                    first_names.setdefault(first, []).append(person)
                if len(_given(form)) > 1:
                    variants, families = self._name_variants(_given(form))
                    for variant in variants | {" ".join(form)}:
                        # a short form that is exactly a public person's name is that person
                        # ("Sophie Kumar" beside a private "Sophie Kumar 2"); the whole name wins
                        if variant not in public_full or variant == " ".join(form):
                            self._add(variant, "name", person, f"the name in {where}")
                    self._trigger(first, ("middle", name_key, tuple(sorted(families, key=len, reverse=True))))
                elif len(form) > 1:  # "Dr. Hana": the name as written
                    self._add(" ".join(form), "name", person, f"the name in {where}")
            if len(words) == 1 and len(words[0]) >= 2 and any(map(_unspaced, words[0])):
                self._add(words[0], "name", person, f"the name in {where}")  # "王芳": the whole name
                for variant in _romanised(person.name.strip()):
                    self._add(variant, "name", person, f"the name in {where}")
            ident = fold(person.id)
            if re.search(r"[-_]", ident):
                parts = [p for p in re.split(r"[-_]+", ident) if p]
                # and with dots, as a handle is written: instagram.com/hana.sato
                # or with any other mark a reader reads as a gap between the two names ("Hana/Sato",
                # "Hana·Sato", "Hana–Sato"; a search `separator:` splits them into the name too)
                for variant in {ident, "".join(parts), *(sep.join(parts) for sep in "-_./+~·–—")}:
                    self._add(variant, "id", person, f"the id of {where}")
            for email in person.emails:
                email = fold(email)
                if "@" in email:
                    for variant in {email, email.replace("@", "%40")}:
                        self._add(variant, "email", person, f"the e-mail in {where}")
                    # "hana.sato (at) example (dot) com": found from the local part's first word
                    local = email.split("@")[0]
                    # (a one-letter first word, "a.sato", would be read on from every "a": its
                    # address is found with its dots written as dots only)
                    lead = local.split(".")[0] if len(local.split(".")[0]) >= 2 else local
                    if len(lead) >= 2 and _word(lead[0]) and _word(lead[-1]):
                        self._trigger(
                            lead, ("mail", _Key("email", [person], f"the e-mail in {where}"), frozenset({email}))
                        )
            for link in person.links:
                link = normalise_link(link)
                if len(link) >= 4 and link not in _GENERIC_HOSTS:
                    self._add(link, "link", person, f"a profile link in {where}")
            if isinstance(person.birthday, dt.date):
                for form in birthday_forms(person.birthday):
                    self._add(form, "birthday", person, f"the birthday in {where}")
            if person.birthday is not None:
                for form in birthday_day_forms(person.birthday.month, person.birthday.day):
                    self._add(form, "birthday", person, f"the birthday in {where}")
                    self._keys[form].yearless = True
            for phone in person.phones:
                self._add_phone(phone, person, f"the phone number in {where}")
        for first, who in first_names.items():
            if first in public_first:
                continue  # it may be the public person: not a match alone
            for person in who:
                self._add(first, "first-name", person, f"the first name in {person.origin or person.id}")
        for marker, origin in (markers or {}).items():
            marker = fold(marker)
            if len(marker) >= 3:
                self._add(marker, "marker", None, origin)
        self._automaton = ahocorasick.Automaton()
        for key, value in self._keys.items():
            self._automaton.add_word(key, (len(key), value))
        self.empty = not self._keys
        if not self.empty:
            self._automaton.make_automaton()

    @staticmethod
    def _name_variants(words: list[str]) -> tuple[set[str], set[str]]:
        """The fixed spellings of a name of several words, and its family names: each tail
        ("García López", "López") and each run of the later words that neither begins nor
        ends with a particle ("García" of Ana García López, "Kimura" of Hana Kimura Sato)."""
        first, full, rest = words[0], " ".join(words), words[1:]
        variants = {full, f"{first} {words[-1]}"}
        families = {" ".join(words[n:]) for n in range(1, len(words))}
        families |= {
            " ".join(rest[i:j])
            for i in range(len(rest))
            for j in range(i + 1, len(rest) + 1)
            if rest[i] not in _PARTICLES and rest[j - 1] not in _PARTICLES
        }
        # a family name has letters: "Sophie Kumar 2" (a second Sophie Kumar) is not "Dr 2" or "2 Sophie"
        families = {f for f in families if any(c.isalpha() for c in f)}
        for n in range(1, len(words)):
            # (the same rule as a family name: "Sophie Kumar 2" is not "2 Sophie Kumar", a count
            # before the public Sophie Kumar in a table)
            if any(c.isalpha() for c in "".join(words[n:])):
                variants.add(f"{' '.join(words[n:])} {' '.join(words[:n])}")
        for family in families:
            variants |= {f"{first} {family}", f"{family} {first}", f"{family}, {first}", f"{first[0]}. {family}"}
            for title in _TITLES:
                variants |= {f"{title} {family}", f"{title}. {family}"}
        return variants, families

    def _trigger(self, word: str, trigger: tuple) -> None:
        """`word` begins what `trigger` reads on from it (see `_Key.triggers`)."""
        word = word.strip()
        if not word or len(word) > MAX_KEY:
            return
        known = self._keys.get(word)
        if known is None:
            known = self._keys[word] = _Key("trigger")
        known.triggers.append(trigger)

    def _add(self, key: str, kind: str, person: Person | None, origin: str, shield: bool = False) -> None:
        key = key.strip()
        cut = len(key) > MAX_KEY
        key = key[:MAX_KEY]
        if not key:
            return
        known = self._keys.get(key)
        if (
            known is None or known.shield and not shield or known.kind == "trigger"
        ):  # a private person wins over a public name
            triggers = known.triggers if known is not None else []
            known = self._keys[key] = _Key(kind, [], origin, cut, shield, triggers)
        elif shield:
            return
        if person is not None and all(p is not person for p in known.who):  # identity: equality compares every field
            known.who.append(person)

    def _add_phone(self, phone: str, person: Person, origin: str) -> None:
        folded = fold(phone)
        digits = _digits(phone)
        prefixes = set()
        international = folded.startswith("+") or digits.startswith("00")
        # 11 digits or more with no + and no trunk 0 is most often a country code written without
        # its + (exports write "442079460000"); it may also be a long national number (a Chinese
        # mobile): both are matched
        guessed = not international and len(digits) >= 11 and not digits.startswith("0")
        rest = digits[2:] if digits.startswith("00") else digits
        if international or guessed:
            group = re.match(r"\+?\s*(?:00)?(\d+)[\s.\-/(]", folded)
            codes = [group.group(1)] if group and len(group.group(1)) <= 3 else [rest[:n] for n in (1, 2, 3)]
            nationals = []
            for code in codes:
                national = rest[len(code) :]
                national = national.lstrip("0")
                prefixes |= {code, code + "0"}
                nationals.append(national)
            if guessed:
                nationals.append(digits)
        else:
            nationals = [digits[1:] if digits.startswith("0") else digits]
        for national in nationals:
            if len(national) >= 7:
                self._phones.setdefault(national[-7:], []).append((national, frozenset(prefixes), person))

    # matching ------------------------------------------------------------------------

    def find(self, text: str, *, mode: str = "text") -> list[Match]:
        """Every match in `text`, leftmost first and then the longest, none overlapping."""
        if not text or (self.empty and not self._phones):
            return []
        folded = fold_text(text, mode)
        candidates = list(self._candidates(text, folded))
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2].shield))
        found, position = [], 0
        for start, stop, key, possessive in candidates:
            if start < position:
                continue
            position = stop
            if key.shield:
                continue
            s, e = folded.span(start, stop)
            found.append(Match(s, e, key.kind, tuple(key.who), key.origin, possessive))
        return found

    def first(self, text: str, *, mode: str = "text") -> Match | None:
        found = self.find(text, mode=mode)
        return found[0] if found else None

    def first_name_in_address(self, path: str) -> Match | None:
        """A private first name written as a word of a file's address, where every word is lower
        case ("blog/coffee-with-hana/"): a slug made from a title or a file name. Not a first
        name that is also an ordinary word (grace-period/, may-2026/), which is read as the word."""
        for word in re.split(r"[^\w]+|_", fold(path)):
            key = self._keys.get(word)
            if (
                key is not None
                and key.kind == "first-name"
                and word not in COMMON_WORDS
                and word not in _MONTH_NAMES
                and key.who
            ):
                return Match(0, len(word), key.kind, tuple(key.who), key.origin)
        return None

    def scan(self, file_text: str) -> list[Match]:
        """The guard over a whole output file: escapes of HTML, JSON and URLs decoded."""
        return self.find(file_text, mode="scan")

    def replace(self, text: str, label_for: Callable[[Match], str | None] | None = None, *, mode: str = "text") -> str:
        """`text` with each person's match replaced by `label_for(match)` (default: their
        label, "someone" when the match may be several people with different labels).
        A match without a person (a marker) or for which `label_for` gives None stays."""
        label_for = label_for or (lambda m: m.label if m.who else None)
        out, position = [], 0
        for match in self.find(text, mode=mode):
            label = label_for(match)
            if label is None:
                continue
            out += [text[position : match.start], label]
            position = match.stop
        out.append(text[position:])
        return "".join(out)

    def _candidates(self, original: str, folded: Folded):
        text = folded.text
        size = len(text)
        if not self.empty:
            for end, (length, key) in self._automaton.iter(text):
                start, stop = end + 1 - length, end + 1
                if (
                    start > 0
                    and _word(text[start - 1])
                    and _word(text[start])
                    and not (_unspaced(text[start - 1]) or _unspaced(text[start]))
                ):
                    continue
                # a public name shields even glued to what follows: "Grace Popescu 107Last contact"
                # in the search index (tags taken out) is still the public Grace Popescu 107
                if (
                    not key.cut
                    and not key.shield
                    and stop < size
                    and _word(text[stop])
                    and _word(text[stop - 1])
                    and not (_unspaced(text[stop]) or _unspaced(text[stop - 1]))
                    # a birthday with a time after it is that day: 1990-03-14T09:00 (ISO 8601,
                    # as <time datetime> and JSON-LD write it)
                    and not (key.kind == "birthday" and _TIME_AFTER.match(text, stop))
                ):
                    continue
                if key.triggers:
                    yield from self._triggered(original, folded, start, stop, key)
                if (
                    key.kind == "trigger"
                    or key.kind == "first-name"
                    and not self._first_name_here(original, folded, start, stop)
                ):
                    continue
                if key.yearless and not self._birthday_here(text, start, stop):
                    continue
                if key.kind == "link":  # the whole address goes: scheme, www., path, query
                    before = _URL_HEAD.search(text, max(0, start - 40), start)
                    start = before.start() if before else start
                    tail = _URL_TAIL.match(text, stop)
                    stop = tail.end() if tail else stop
                possessive = text.startswith("'", stop)
                yield start, stop, key, possessive
        if self._phones:
            yield from self._phone_candidates(text)

    def _first_name_here(self, original: str, folded: Folded, start: int, stop: int) -> bool:
        import html

        s, e = folded.span(start, stop)
        written = html.unescape(original[s:e]) if "&" in original[s:e] else original[s:e]
        letters = [c for c in written if c.isalpha()]
        if not letters or not letters[0].isupper():
            return False
        text = folded.text
        # followed by another capitalised word: someone else's full name ("Ken Chenoweth")
        after = re.match(r" ([^\W\d_][\w'-]*)", text[stop : stop + 40])
        # ("I'm", "We'll": a contraction of a function word is one)
        if after and after.group(1).split("'")[0] not in _FUNCTION_WORDS and after.group(1) not in COMMON_WORDS:
            n = stop + 1
            s2, e2 = folded.span(n, n + 1)
            nxt = html.unescape(original[s2:e2])
            if nxt[:1].isupper():
                return False
        word = text[start:stop]
        if word in _MONTH_NAMES:  # "May 17", "in May", "17 May": the month, not May Chen
            before = text[max(0, start - 24) : start].split()
            if (
                re.match(r" ?[0-9']", text[stop : stop + 2])
                or before
                and (before[-1] in _MONTH_BEFORE or before[-1].rstrip(",.").isdigit())
            ):
                return False
        if word not in COMMON_WORDS:
            return True
        if len(letters) > 1 and all(c.isupper() for c in letters):
            return False  # "WILL" in a heading in capitals: the word
        n = start - 1
        while n >= 0 and text[n] in " \"'([{*_«“‘":
            n -= 1
        if n >= 0 and "\u2028" in original[folded.stops[n] : folded.starts[start]]:
            return False  # after a line break (<br>, as the redactor reads it): a line's first word
        return n >= 0 and text[n] not in '.!?:;>#-–—*+|•"\n'

    _MIDDLE = re.compile(r" ([^\W\d_][\w'.-]*|[\"“'(][^\"”'()]{1,24}[\"”')])")
    _MAIL_PART = re.compile(r"[a-z0-9_%+-]+")
    _MAIL_AT = re.compile(r" ?(?:@|[(\[{<] ?(?:at|@) ?[)\]}>]) ?| at ")
    _MAIL_DOT = re.compile(r" ?(?:\.|[(\[{<] ?(?:dot|\.) ?[)\]}>]) ?| dot ")

    def _triggered(self, original: str, folded: Folded, start: int, stop: int, key: _Key):
        text = folded.text
        for how, found, data in key.triggers:
            end = (
                self._after_middle(original, folded, stop, data)
                if how == "middle"
                else self._mail_end(text, start, data)
            )
            if end is not None:
                yield start, end, found, text.startswith("'", end)

    def _after_middle(self, original: str, folded: Folded, stop: int, families: tuple[str, ...]) -> int | None:
        """Where "Hana K. Sato" (one or two middle names or initials, each written with a
        capital, then a family name) ends, read on from the first name's end."""
        import html

        text, position = folded.text, stop
        for _ in range(2):
            middle = self._MIDDLE.match(text, position)
            if middle is None or middle.group(1).rstrip(".") in _FUNCTION_WORDS:
                return None
            s, e = folded.span(middle.start(1), middle.end(1))
            written = html.unescape(original[s:e]) if "&" in original[s:e] else original[s:e]
            letter = next((c for c in written if c.isalpha()), "")
            if not letter.isupper():
                return None
            position = middle.end()
            for family in families:
                end = position + 1 + len(family)
                if (
                    text.startswith(family, position + 1)
                    and text[position] == " "
                    and (end >= len(text) or not _word(text[end]) or _unspaced(text[end]))
                ):
                    return end
        return None

    def _mail_end(self, text: str, start: int, addresses: frozenset[str]) -> int | None:
        """Where an address written with words or spaces for its @ and dots ("hana (at) example
        (dot) com", "hana [at] example [dot] com", "hana at example dot com", "hana @ example
        . com") ends, if it is one of `addresses`."""
        parts, position, at = [], start, None
        ends = []
        while len(parts) < 12:
            part = self._MAIL_PART.match(text, position)
            if part is None:
                break
            parts.append(part.group())
            position = part.end()
            ends.append(position)
            if at is None:
                sign = self._MAIL_AT.match(text, position)
                if sign is not None and self._MAIL_PART.match(text, sign.end()):
                    at = len(parts)
                    position = sign.end()
                    continue
            dot = self._MAIL_DOT.match(text, position)
            if dot is None:
                break
            position = dot.end()
        if at is None:
            return None
        local = ".".join(parts[:at])
        for n in range(len(parts), at + 1, -1):
            if f"{local}@{'.'.join(parts[at:n])}" in addresses:
                end = ends[n - 1]
                return end if end >= len(text) or not _word(text[end]) else None
        return None

    @staticmethod
    def _birthday_here(text: str, start: int, stop: int) -> bool:
        """Whether a birthday's day and month, written without a year, is one here: not part of a
        date with a year (that is another day, or the full birthday's own key), and within
        BIRTH_WINDOW characters of a word that says birthday ("her birthday is 14 March")."""
        if _YEAR_AFTER.match(text, stop) or re.search(r"\d[/.-]\Z", text[max(0, start - 3) : start]):
            return False
        return _BIRTH_WORDS.search(text, max(0, start - BIRTH_WINDOW), stop + BIRTH_WINDOW) is not None

    # separators: space, dot, slash, brackets, and every dash (020–7946–0000 with en dashes)
    _PHONE_RUN = re.compile(r"(\+)?[0-9](?:[ .\-/()\u2010-\u2015\u2212]{0,2}[0-9])*")
    _GROUP = re.compile(r"[0-9]+")

    def _phone_candidates(self, text: str):
        for run in self._PHONE_RUN.finditer(text):
            if sum(c.isdigit() for c in run.group()) < 7:
                continue
            plus = run.group(1) is not None
            groups = [
                (g.group(), run.start() + g.start(), run.start() + g.end()) for g in self._GROUP.finditer(run.group())
            ]
            for a in range(len(groups)):
                digits = ""
                for b in range(a, min(len(groups), a + 20)):
                    digits += groups[b][0]
                    if len(digits) > 22:
                        break
                    if len(digits) < 7:
                        continue
                    for national, prefixes, person in self._phones.get(digits[-7:], ()):
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


# notes and summaries ----------------------------------------------------------------------

MIN_WORDS = 6  # a unit (line or sentence) of fewer words is not scanned: "- Berlin", "React"
MIN_CHARS = 40  # ... unless it is this long with at least MIN_CHARS_WORDS words
MIN_CHARS_WORDS = 3
SHINGLE = 8  # a longer unit is found by any run of this many consecutive words

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_TAG = re.compile(r"<[a-z/!?][^<>]*>")
_ATTRIBUTE_VALUE = re.compile(r"=\s*(?:\"([^\"]*)\"|'([^']*)')")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_PROJECTION = re.compile(r"<[a-z/!?][^<>]*>|[^\W_]+(?:'[^\W_]+)*")  # tags and words of a folded text


def _unit_words(unit: str) -> list[str]:
    unit = _TAG.sub(" ", _MD_LINK.sub(r"\1", unit))
    return _WORD.findall(fold(unit))


class Passages:
    """Private texts (notes, summaries, private entries), protected as text, not word by word.

    Each line of a text, and each sentence of a line, is a unit. A unit of fewer than
    MIN_WORDS words (and shorter than MIN_CHARS characters) is not scanned: one word or
    a short phrase ("Berlin", "React", "Journal", "Met at JSConf") is no secret and is on
    public pages for other reasons. A unit of up to SHINGLE words is found whole; a longer
    one by each window of SHINGLE consecutive words, so a partial quote of 8 words is
    found. Trade-off: a private phrase of 5 words, or a quote of 7 words of a long note,
    gets through; a public page quoting 8 words of a private note in the same order stops
    the build. Words are compared folded (as `fold`), ignoring punctuation, markdown marks,
    HTML tags and entities; a window found in `public_texts` (what the user published
    on purpose) is not a marker, unless it comes from a `kept` text (a contact's want and
    give: what you hope for from a person is never the portfolio's, even pasted into a
    public entry).
    """

    def __init__(
        self, texts: Iterable[tuple[str, str]], public_texts: Iterable[str] = (), kept: Iterable[tuple[str, str]] = ()
    ):
        keys: dict[str, tuple[str, bool]] = {}
        kept_keys: set[str] = set()
        every = chain(
            ((text, origin, False) for text, origin in texts), ((text, origin, True) for text, origin in kept)
        )
        for text, origin, keep in every:
            for line in (text or "").splitlines():
                units = [line] + (_SENTENCE_END.split(line) if _SENTENCE_END.search(line) else [])
                for unit in units:
                    words = _unit_words(unit)
                    chars = sum(map(len, words)) + len(words) - 1
                    if len(words) < MIN_WORDS and not (chars >= MIN_CHARS and len(words) >= MIN_CHARS_WORDS):
                        continue
                    windows = (
                        [words]
                        if len(words) <= SHINGLE
                        else [words[n : n + SHINGLE] for n in range(len(words) - SHINGLE + 1)]
                    )
                    for window in windows:
                        key = " ".join(window)
                        cut = len(key) > MAX_KEY
                        keys.setdefault(key[:MAX_KEY], (origin, cut))
                        if keep:
                            kept_keys.add(key[:MAX_KEY])
        self._keys = keys
        self._automaton = self._build(keys)
        # what the user published on purpose is theirs to show (but for what is kept)
        public = {k for text in public_texts for k in self._found(text, mode="text")} - kept_keys
        if public:
            for key in public:
                del self._keys[key]
            self._automaton = self._build(self._keys)

    @staticmethod
    def _build(keys):
        automaton = ahocorasick.Automaton()
        for key in keys:
            automaton.add_word(key, key)
        if keys:
            automaton.make_automaton()
        return automaton

    @property
    def empty(self) -> bool:
        return not self._keys

    def _projection(self, text: str, mode: str):
        """The words of a text, one space between them, "\\n" where tags or values break it;
        with each word's span in the original."""
        folded = fold_text(text, mode)
        words, spans = [], []
        for token in _PROJECTION.finditer(folded.text):
            if token.group().startswith("<"):  # a tag is not a word (inline ones sit inside sentences)
                for value in _ATTRIBUTE_VALUE.finditer(token.group()):  # meta content, alt, title
                    inner = value.group(1) if value.group(1) is not None else value.group(2)
                    base = token.start() + value.start(1 if value.group(1) is not None else 2)
                    words.append("\n")
                    spans.append(None)
                    for w in _WORD.finditer(inner):
                        words.append(w.group())
                        spans.append(folded.span(base + w.start(), base + w.end()))
                    words.append("\n")
                    spans.append(None)
                continue
            words.append(token.group())
            spans.append(folded.span(token.start(), token.end()))
        return words, spans

    def _found(self, text: str, mode: str):
        for _, _, key in self._hits(text, mode):
            yield key

    def _hits(self, text: str, mode: str):
        if self.empty or not text:
            return
        words, spans = self._projection(text, mode)
        line, starts = [], []  # the projection: words joined by " " (a break is its own "word")
        position = 0
        for w in words:
            starts.append(position)
            position += len(w) + 1
        line = " ".join(words)
        index = {s: n for n, s in enumerate(starts)}
        for end, key in self._automaton.iter(line):
            start = end + 1 - len(key)
            cut = self._keys[key][1]
            if start not in index or not cut and end + 1 < len(line) and line[end + 1] != " ":
                continue
            first = index[start]
            last = min(first + key.count(" "), len(spans) - 1)
            if spans[first] is None or spans[last] is None:
                continue
            yield spans[first][0], spans[last][1], key

    def first(self, text: str, *, mode: str = "scan") -> str | None:
        """Where the first private passage found in `text` comes from, or None: what the guard
        needs of a file, without the spans `scan` maps back (a third of the cost)."""
        if self.empty or not text:
            return None
        parts: list[str] = []
        for token in _PROJECTION.finditer(fold_text(text, mode).text):
            word = token.group()
            if word.startswith("<"):  # a tag is no word; its quoted values are read on their own
                for value in _ATTRIBUTE_VALUE.finditer(word):
                    inner = value.group(1) if value.group(1) is not None else value.group(2)
                    parts += ["\n", *_WORD.findall(inner), "\n"]
                continue
            parts.append(word)
        line = " ".join(parts)
        for end, key in self._automaton.iter(line):
            start = end + 1 - len(key)
            origin, cut = self._keys[key]
            if start > 0 and line[start - 1] != " " or not cut and end + 1 < len(line) and line[end + 1] != " ":
                continue
            return origin
        return None

    def scan(self, text: str, *, mode: str = "scan") -> list[Match]:
        """Each private passage found in an output file's text (kind "passage")."""
        found, position = [], -1
        for start, stop, key in sorted(self._hits(text, mode)):
            if start < position:
                continue
            position = stop
            found.append(Match(start, stop, "passage", (), self._keys[key][0]))
        return found


def guard(text: str, matcher: Matcher, passages: Passages | None = None) -> list[Match]:
    """Everything private in one output file's text: people's markers and private passages."""
    found = matcher.scan(text)
    if passages is not None:
        found += passages.scan(text)
    return sorted(found, key=lambda m: (m.start, m.stop))
