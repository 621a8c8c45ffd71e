"""One definition of "this text names a private person", for the redactor and the guard.

The keys (every written form of every person) are made in `keys.py` from the spellings of
`spellings.py`, on texts folded as `folding.py` folds them; this module finds them.

`Matcher(people, markers, public_names)` is built once per build. `find(text)` gives the
non-overlapping `Match`es (leftmost, then longest) as positions in the ORIGINAL text, so a
replacement lands exactly; `replace` swaps each person's match for their label; `scan`
is the guard's variant over a whole output file (HTML entities, JSON `\\u` escapes and
URL %-encoding decoded as well); the guard folds a piece once (`folding.fold_scan`) and
hands the fold to `find_folded` and to `Passages.first_folded`. `Passages` protects notes
and summaries as text.

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
  function word) is read on from the first name (a trigger: see `_Key.triggers`), and so is a
  family name's initial after the first name ("Hanako S.", "Hanako S": a capital letter; without
  its dot not "I" or "A"), which the first-name rule below would read as someone else's name.
  A family name alone is NOT a match: too many are words or page furniture ("Page",
  "King", "Journal").
- "id": the id as written (`ada-lovelace`), with _ (`ada_lovelace`) and glued
  (`adalovelace`, a common handle); only ids of two or more words (a one-word id is the
  first name, below).
- "first-name": a first name alone (3+ letters, or a one-word name). The rule: it is
  written with a capital ("Ada", "ADA"; never "ada"), it is not directly followed by
  another capitalised word that is not a function word (then it is someone else's full
  name: "Ada Smith", "Ken Chenoweth"), and if it is also an ordinary English word
  (`COMMON_WORDS`: Will, Grace, Mark, Rose, May...), a calendar word (month and weekday
  names and their short forms, `calendar_words`: Jan, Jun, April, Sun...) or a word of the
  site's own labels (`SITE_WORDS`: Month, Status, Progress...) it must not be in
  capitals and the text there must be about a person (`context.py`: "Hi May", "met Will",
  "coffee with Jun", "talked to Grace", "May said", "Will's", "met Will and Grace, then Rose"
  yes; "Will you", "I will mark the grace period", "WILL", "by April.", "Dec, Jan, Feb", "Rose
  garden" no). Trade-off: a lower-case first name, a common-word name where nothing says it is
  a person, or a first name before another capitalised name is left as written (and the guard
  does not stop on it: it is the same definition); write the full name or the id where it
  must be hidden. A contraction after it is a function word ("Ada I'm late"). A first name shared by two private people maps to both (`who` holds
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

import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import ahocorasick

from .context import about_a_person
from .detail_forms import mail_end, mail_parts, phone_candidates
from .folding import Folded, _unspaced, _word, fold, fold_text
from .keys import NEUTRAL_LABEL, Keys, Person, _Key
from .spellings import COMMON_WORDS, SITE_WORDS, calendar_words

# what the matcher finds that is a way to reach or identify a person, not their name: never
# replaced by a label (a role in place of an address reads as nonsense), so the guard stops on it
DETAIL_KINDS = ("email", "phone", "birthday", "link")

# words that may follow a first name in a title-case heading without making a full name
_FUNCTION_WORDS = frozenset(
    """
and or but nor the a an of at in on to for with from by about as is was are were and's
said says asked told met meets called wrote who whom whose that this then than again
today yesterday tomorrow i we you he she they it me us him her them my our your his its
their not no yes if so also too very just
""".split()
)
# what makes a day and month without a year a birthday: within BIRTH_WINDOW characters of it
_BIRTH_WORDS = re.compile(
    r"(?<![^\W\d_])(?:birthdays?|born|b-?days?|date of birth|birth ?date|d\.?o\.?b|"
    r"geburtstag|anniversaire|cumpleanos|aniversario|verjaardag)(?![^\W\d_])"
)
BIRTH_WINDOW = 80
_TIME_AFTER = re.compile(r"t\d")  # folded: "1990-03-14T09:00" is "1990-03-14t09:00"
_YEAR_AFTER = re.compile(r",? ?(?:\d{4}|'\d{2})(?!\d)|[/.-]\d{2,4}(?!\d)")

_URL_HEAD = re.compile(r"(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?\Z")
_URL_TAIL = re.compile(r"[/?#][^\s\"'<>]*")


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


class Matcher:
    """Every private person (and marker) of a journal, found in any text in one pass."""

    def __init__(
        self,
        people: Iterable[Person],
        markers: Mapping[str, str] | None = None,
        public_names: Iterable[str] = (),
        public_ids: Iterable[str] = (),
        language: str = "en",
    ):
        self.people = list(people)
        # a first name alone that is also one of these words is a name only where the text is
        # about a person (`context.py`): the calendar's (in the site's language), COMMON_WORDS
        # and the words of Trellis' own labels
        self.calendar = calendar_words(language)
        self.ordinary = COMMON_WORDS | self.calendar | SITE_WORDS
        keys = Keys(self.people, markers, public_names, public_ids)
        self._keys, self._phones = keys.keys, keys.phones
        self._automaton = ahocorasick.Automaton()
        for key, value in self._keys.items():
            self._automaton.add_word(key, (len(key), value))
        self.empty = not self._keys
        # (a marker may hold markup: a key found across a "<" where a page is cut, `keys_in`)
        self.keys_hold_markup = any("<" in key for key in self._keys)
        self._families: dict[int, tuple[set[str], list[int]]] = {}  # a key's family names, by id (`_families_after`)
        self._kinds: dict[int, tuple[list, list, list]] = {}  # a key's triggers by kind, by id (`_trigger_kinds`)
        if not self.empty:
            self._automaton.make_automaton()

    @property
    def blind(self) -> bool:
        """Whether `find` finds nothing in any text: no keys, no phones."""
        return self.empty and not self._phones

    # matching ------------------------------------------------------------------------

    def find(self, text: str, *, mode: str = "text") -> list[Match]:
        """Every match in `text`, leftmost first and then the longest, none overlapping."""
        if not text or (self.empty and not self._phones):
            return []
        return self.find_folded(text, fold_text(text, mode))

    def find_folded(self, text: str, folded: Folded, hits: list | None = None) -> list[Match]:
        """`find` in a text already folded (`fold_text(text, mode)`): the guard folds a piece of
        a file once, for the matcher and the private passages alike. `hits`: `keys_in(folded.text)`,
        where the caller has them (`page_reading` keeps each line's)."""
        if not text or (self.empty and not self._phones):
            return []
        candidates = list(self._candidates(text, folded, hits))
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
        name that is also an ordinary word (grace-period/, may-2026/, jan/), which is read as the word."""
        for word in re.split(r"[^\w]+|_", fold(path)):
            key = self._keys.get(word)
            if key is not None and key.kind == "first-name" and word not in self.ordinary and key.who:
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

    def keys_in(self, folded: str) -> list:
        """Where the keys stand in a folded text, as the automaton finds them: (end, (length,
        key)), by end, overlapping. A key never holds a "<" (`keys_hold_markup` says where one
        does): those of a text cut before a "<" are then its pieces', moved to where each begins."""
        return list(self._automaton.iter(folded)) if not self.empty else []

    def _candidates(self, original: str, folded: Folded, hits: list | None = None):
        text = folded.text
        size = len(text)
        if not self.empty:
            for end, (length, key) in self._automaton.iter(text) if hits is None else hits:
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
            yield from phone_candidates(text, self._phones)

    def _first_name_here(self, original: str, folded: Folded, start: int, stop: int, depth: int = 0) -> bool:
        s, e = folded.span(start, stop)
        written = html.unescape(original[s:e]) if "&" in original[s:e] else original[s:e]
        letters = [c for c in written if c.isalpha()]
        if not letters or not letters[0].isupper():
            return False
        text = folded.text
        # followed by another capitalised word: someone else's full name ("Ken Chenoweth")
        after = re.match(r" ([^\W\d_][\w'-]*)", text[stop : stop + 40])
        # ("I'm", "We'll": a contraction of a function word is one)
        if after and after.group(1).split("'")[0] not in _FUNCTION_WORDS and after.group(1) not in self.ordinary:
            n = stop + 1
            s2, e2 = folded.span(n, n + 1)
            nxt = html.unescape(original[s2:e2])
            if nxt[:1].isupper():
                return False
        word = text[start:stop]
        if word not in self.ordinary:
            return True
        if len(letters) > 1 and all(c.isupper() for c in letters):
            return False  # "WILL" in a heading in capitals: the word
        if word in self.calendar and re.match(r" ?[0-9']", text[stop : stop + 2]):
            return False  # "May 17", "Jan '26": the date
        return about_a_person(self, original, folded, start, stop, depth)

    _MIDDLE = re.compile(r" ([^\W\d_][\w'.-]*|[\"“'(][^\"”'()]{1,24}[\"”')])")

    def _triggered(self, original: str, folded: Folded, start: int, stop: int, key: _Key):
        """What each of the key's triggers reads on from this occurrence. A first name shared by
        many people has a trigger each (their family names, their initials): what follows the
        first name (its middle words, an initial, an address's parts) is read once for all, and
        a kind of trigger is not gone through where nothing of its kind follows (most places)."""
        text = folded.text
        middle, initials, mails = self._trigger_kinds(key)
        found: list[tuple[int, int, _Key]] = []  # (the trigger's place in key.triggers, end, key to report)
        if middle:
            middles = self._families_after(text, self._middle_ends(original, folded, stop), key)
            if middles:
                for n, reported, data in middle:
                    # the first middle word that one of this person's family names follows
                    end = next((p + 1 + len(f) for p, there in middles for f in data if f in there), None)
                    if end is not None:
                        found.append((n, end, reported))
        if initials:
            initial = self._initial_end(original, folded, stop)
            if initial is not None:
                letter = text[stop + 1]
                found += [(n, initial, reported) for n, reported, data in initials if letter in data]
        if mails:
            mail = mail_parts(text, start)
            if mail[2] is not None:  # (an @ read: else no address ends there)
                for n, reported, data in mails:
                    if (end := mail_end(text, mail, data)) is not None:
                        found.append((n, end, reported))
        found.sort(key=lambda f: f[0])  # in the triggers' order, as they were read one by one
        for _, end, reported in found:
            yield start, end, reported, text.startswith("'", end)

    def _trigger_kinds(self, key: _Key) -> tuple[list, list, list]:
        """The key's triggers by kind ("middle", "initial", "mail"), each with its place."""
        kinds = self._kinds.get(id(key))
        if kinds is None:
            kinds = self._kinds[id(key)] = ([], [], [])
            for n, (how, reported, data) in enumerate(key.triggers):
                kinds[0 if how == "middle" else 1 if how == "initial" else 2].append((n, reported, data))
        return kinds

    def _middle_ends(self, original: str, folded: Folded, stop: int) -> list[int]:
        """Where each of the (up to two) middle names or initials after a first name ends: each
        written with a capital, not a function word ("Hana K. Sato", 'Hana "Kimi" Sato')."""
        text, position = folded.text, stop
        ends: list[int] = []
        for _ in range(2):
            middle = self._MIDDLE.match(text, position)
            if middle is None or middle.group(1).rstrip(".") in _FUNCTION_WORDS:
                break
            s, e = folded.span(middle.start(1), middle.end(1))
            written = html.unescape(original[s:e]) if "&" in original[s:e] else original[s:e]
            letter = next((c for c in written if c.isalpha()), "")
            if not letter.isupper():
                break
            position = middle.end()
            ends.append(position)
        return ends

    def _families_after(self, text: str, middles: list[int], key: _Key) -> list[tuple[int, set[str]]]:
        """After each middle word (of `_middle_ends`), the family names of the key's people that
        follow it as a whole word ("Hana K. Sato"); a middle word that none follows is left out."""
        if not middles:
            return []
        families = self._families.get(id(key))
        if families is None:
            names = {f for how, _, data in key.triggers if how == "middle" for f in data}
            families = self._families[id(key)] = (names, sorted({len(f) for f in names}))
        names, lengths = families
        found = []
        for position in middles:
            if text[position : position + 1] != " ":
                continue
            there = set()
            for length in lengths:
                end = position + 1 + length
                if text[position + 1 : end] in names and (
                    end >= len(text) or not _word(text[end]) or _unspaced(text[end])
                ):
                    there.add(text[position + 1 : end])
            if there:
                found.append((position, there))
        return found

    _INITIAL = re.compile(r" ([^\W\d_])(\.?)")

    def _initial_end(self, original: str, folded: Folded, stop: int) -> int | None:
        """Where "Hanako S." (the first name, then a letter written as a capital, with or
        without its dot) ends, read on from the first name's end: whose initial it is, is the
        folded letter at `stop + 1`. Without the dot, "I" and "A" are the words ("May I
        come?"), and a letter glued to more is a word ("Hanako Sato")."""
        text = folded.text
        initial = self._INITIAL.match(text, stop)
        if initial is None:
            return None
        end = initial.end()
        if not initial.group(2) and (initial.group(1) in "ia" or end < len(text) and _word(text[end])):
            return None
        s, e = folded.span(initial.start(1), initial.end(1))
        written = html.unescape(original[s:e]) if "&" in original[s:e] else original[s:e]
        return end if written[:1].isupper() else None

    @staticmethod
    def _birthday_here(text: str, start: int, stop: int) -> bool:
        """Whether a birthday's day and month, written without a year, is one here: not part of a
        date with a year (that is another day, or the full birthday's own key), and within
        BIRTH_WINDOW characters of a word that says birthday ("her birthday is 14 March")."""
        if _YEAR_AFTER.match(text, stop) or re.search(r"\d[/.-]\Z", text[max(0, start - 3) : start]):
            return False
        return _BIRTH_WORDS.search(text, max(0, start - BIRTH_WINDOW), stop + BIRTH_WINDOW) is not None
