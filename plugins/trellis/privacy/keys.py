"""Every written form of every private person, as the keys the matcher's automaton reads:
a name's variants (family name first, an initial, a title), a first name alone, an id with
any separator, an e-mail, a profile link, a birthday's dates; a phone by its digits. A
public person's name is a key too: it shields the private names inside it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from anyascii import anyascii

from .folding import _unspaced, _word, fold
from .spellings import (
    _PARTICLES,
    _TITLES,
    _TRANSLITERATIONS,
    _digits,
    _given,
    _name_forms,
    _name_words,
    _romanised,
    birthday_day_forms,
    birthday_forms,
    normalise_link,
)

MAX_KEY = 200  # characters of a folded key; longer markers are cut (issue 14)
MIN_FIRST_NAME = 3  # "Al" or "Jo" alone are too often something else
NEUTRAL_LABEL = "someone"
_GENERIC_HOSTS = frozenset(
    """linkedin.com github.com gitlab.com twitter.com x.com facebook.com
instagram.com mastodon.social medium.com youtube.com bsky.app""".split()
)


class DayOfYear(Protocol):
    """A birthday without its year (a `model.MonthDay`, known here by its fields): a month and a day."""

    @property
    def month(self) -> int: ...

    @property
    def day(self) -> int: ...


@dataclass(frozen=True)
class Person:
    """A private person as the matcher knows them."""

    name: str = ""
    id: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    birthday: dt.date | DayOfYear | None = None  # a DayOfYear: a birthday without its year
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


@dataclass
class _Key:
    kind: str
    who: list[Person] = field(default_factory=list)
    origin: str = ""
    cut: bool = False  # cut to MAX_KEY: its end need not be a word boundary
    shield: bool = False  # a public name: hides the private matches inside it
    # what this word may begin that no fixed key can spell: (how, key to report, data), where
    # how is "middle" (a first name, then a middle name or initial, then a family name: data
    # is the family names), "initial" (a first name, then a family name's initial: data is the
    # initials) or "mail" (an e-mail written with at/dot: data is the addresses)
    triggers: list = field(default_factory=list)
    # a birthday's day and month: a match only beside a word like "birthday" (the last field:
    # keys are also built with positional fields)
    yearless: bool = False


class Keys:
    """The keys of every private person (and marker), and the phones by their last 7 digits."""

    def __init__(
        self,
        people: Iterable[Person],
        markers: Mapping[str, str] | None = None,
        public_names: Iterable[str] = (),
        public_ids: Iterable[str] = (),
    ):
        people = list(people)
        self.keys: dict[str, _Key] = {}
        self.phones: dict[str, list[tuple[str, frozenset[str], Person]]] = {}
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
        for person in people:
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
                    # "Hanako S.": the first name and a family name's initial (not a particle's)
                    initials = frozenset(f[0] for f in families if f.split()[0] not in _PARTICLES and f[0].isalpha())
                    self._trigger(first, ("initial", name_key, initials))
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
                for written in birthday_forms(person.birthday):
                    self._add(written, "birthday", person, f"the birthday in {where}")
            if person.birthday is not None:
                for written in birthday_day_forms(person.birthday.month, person.birthday.day):
                    self._add(written, "birthday", person, f"the birthday in {where}")
                    self.keys[written].yearless = True
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
        known = self.keys.get(word)
        if known is None:
            known = self.keys[word] = _Key("trigger")
        known.triggers.append(trigger)

    def _add(self, key: str, kind: str, person: Person | None, origin: str, shield: bool = False) -> None:
        key = key.strip()
        cut = len(key) > MAX_KEY
        key = key[:MAX_KEY]
        if not key:
            return
        known = self.keys.get(key)
        if (
            known is None or known.shield and not shield or known.kind == "trigger"
        ):  # a private person wins over a public name
            triggers = known.triggers if known is not None else []
            known = self.keys[key] = _Key(kind, [], origin, cut, shield, triggers)
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
                self.phones.setdefault(national[-7:], []).append((national, frozenset(prefixes), person))
