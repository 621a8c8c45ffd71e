"""The written forms of a person that the matcher looks for: a name's spellings (German and
Nordic letters in ASCII and back, hyphens, Chinese names in pinyin), a birthday's dates and
a profile link as compared."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from itertools import islice, product

from anyascii import anyascii

from .folding import fold

_TITLES = ("mr", "mrs", "ms", "mx", "miss", "dr", "prof", "sir", "dame")

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


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# The calendar's words, in each language a site may be written in: month and weekday names and
# their short forms. A first name that is one of them ("Jan", "Jun", "April", "May") is read as the
# calendar word unless the text is about a person (matching.py). English is always read: Trellis
# writes its own labels in English (the heatmap's "Jan ... Dec" and "Mon Wed Fri", the charts'
# dates, made by strftime in the C locale). Another language is one more row, keyed by the theme's
# `language` ("de", "fr"; "pt_BR" reads "pt"), folded as `fold` folds (lower case, no accents):
#   "de": "januar februar maerz marz april mai juni juli august september oktober november dezember
#          jan feb mrz apr jun jul aug sep sept okt nov dez montag dienstag mittwoch donnerstag
#          freitag samstag sonntag mo di mi do fr sa so".split()
# and the site's language passed to `Matcher(..., language=...)` (the View builds the matcher).
CALENDAR_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [*_MONTHS, *(m[:3] for m in _MONTHS), "sept", *_WEEKDAYS, *(d[:3] for d in _WEEKDAYS)]
        + "tues weds thur thurs".split()
    ),
}


def calendar_words(language: str = "en") -> frozenset[str]:
    """The calendar's words of a site written in `language` (a theme's `language`), and English."""
    code = re.split(r"[-_]", (language or "en").lower())[0]
    return CALENDAR_WORDS["en"] | CALENDAR_WORDS.get(code, frozenset())


# the capitalised words of the labels Trellis writes on its own pages (chart labels, column
# headers; in English, whatever the site's language): a first name alone that is one of them is
# read as the label unless the text is about a person, like a calendar word. A test builds the
# example journal and finds every such word here (tests/privacy/test_calendar_words.py)
SITE_WORDS = frozenset(
    """amount buffer change channel company day days due end every goal initiated interactions
last met month name next overdue pace people period progress role stage start status streak
this value wanted warm who you less more level before open outcome by""".split()
)

# first names that are also ordinary English words ("I will mark the grace period"): like the
# calendar's words, a first name alone only where the text is about a person (matching.py)
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


def _digits(text: str) -> str:
    return "".join(c for c in fold(text) if c.isdigit())


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
