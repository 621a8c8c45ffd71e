"""Companies: the places the job hunt is about, with the people there now and before, the warm
paths in and the applications there. Owner only, like every figure drawn from applications:
the company pages (rendering/company_pages.py) read it through `Figures.companies`.

* **Which companies.** A dream company (plan.md's `dream_companies`), a company with an
  application, and a company two or more people in the journal work at or worked at
  (`company:` and `past_companies:`, each person counted once). Names are compared loosely,
  as `Figures.applications_by_company` compares them (`fold`: "acme pay " is "Acme Pay").
* **Its name** is the plan's spelling for a dream company, else the spelling written most
  often (applications and contacts alike), the first in sort order among equals.
* **Its ID** (`companies/ID/`) is a slug of its name: lower case, accents dropped, every run of
  anything but a-z and 0-9 one hyphen ("Acme Pay" is `acme-pay`, "Café Ünion" is
  `cafe-union`), cut at 60 characters. When two companies make the same slug ("Acme-Pay" and "Acme Pay!" are two
  companies to `fold`), the one whose folded name sorts first keeps it and each other gets a
  hyphen and six hex digits of the SHA-1 of its folded name (`acme-pay-1a2b3c`); a name with
  no letter or digit (a name in another script) is `company-` and those digits, and a company
  named "Index" gets the digits too (`companies/` is the index's address). So an ID
  depends on the company's own name only, and stays as it is while no other company with the
  same slug and an earlier name appears.
* **People there** are grouped by stage (`stages.stage_of`): ally, acquaintance, contact, and
  known: a contact never talked to (no interaction and no `met:`, "known versus met"), who is
  not someone to ask a favour of yet. Each group: the latest contact first, then by name.
* **Warm paths** are those of the network page (`network.reach`: first through people you
  have interacted with, then along any tie), to each person there now or before: someone who
  left still knows the team. One path a person, ranked by tie strength, then recency: the
  stage of the person you would ask (the path's first step: ally first), then fewer
  introductions, then the latest last contact with them, then people there now before people
  who left, then by name.
* **The next step** is the earliest `next:` of an open application there, overdue ones
  included (they come first: they are the most pressing).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..model import Application, Journal, fold

GROUPS = ("ally", "acquaintance", "contact", "known")
SLUG_MAX = 60  # characters: a file name has at most 255 bytes, and an address is read by people
TAKEN = frozenset({"index"})  # companies/index.md is the index: a company "Index" gets digits


@dataclass(frozen=True)
class Former:
    """Someone who worked at the company before (`past_companies:`), as what and until when."""

    contact_id: str
    role: str
    until: dt.date | None


@dataclass(frozen=True)
class Company:
    id: str  # the page's address: companies/ID/
    key: str  # the folded name every record is matched by
    name: str
    dream: bool
    now: tuple[str, ...]  # contact ids of the people there now, by id
    before: tuple[Former, ...]  # who worked there, latest `until` first (undated last)
    applications: tuple[Application, ...]  # in file order

    @property
    def open_applications(self) -> tuple[Application, ...]:
        return tuple(a for a in self.applications if a.is_open)

    @property
    def next_step(self) -> Application | None:
        """The open application whose `next:` comes first (overdue ones too), or None."""
        dated = [a for a in self.open_applications if a.next is not None]
        return min(dated, key=lambda a: (a.next, a.id)) if dated else None

    @property
    def people(self) -> int:
        return len(self.now) + len(self.before)


@dataclass(frozen=True)
class Way:
    """A warm path to one person at the company: ME first, them last."""

    path: tuple[str, ...]
    target: str
    former: bool  # they worked there before

    @property
    def asked(self) -> str:
        """The person you would ask: the path's first step."""
        return self.path[1]


def slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:SLUG_MAX].rstrip("-")


def _digits(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]


def company_ids(keys: list[str], names: Mapping[str, str]) -> dict[str, str]:
    """Each company's ID by its folded name (module doc: stable and collision-safe)."""
    by_slug: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        by_slug[slug(names[key])].append(key)
    ids = {}
    for made, holders in by_slug.items():
        for n, key in enumerate(sorted(holders)):
            if not made:
                ids[key] = f"company-{_digits(key)}"
            else:
                ids[key] = made if n == 0 and made not in TAKEN else f"{made}-{_digits(key)}"
    return ids


def companies(journal: Journal, applications_by_company: Mapping[str, list[Application]]) -> dict[str, Company]:
    """Every company with a page, by folded name: the dream companies in the plan's order,
    then the others by name."""
    dream = {fold(c): c.strip() for c in (journal.plan.dream_companies if journal.plan else []) if fold(c)}
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    now: dict[str, set[str]] = defaultdict(set)
    before: dict[str, dict[str, Former]] = defaultdict(dict)
    for cid in sorted(journal.contacts):
        contact = journal.contacts[cid]
        key = fold(contact.company)
        if key:
            now[key].add(cid)
            spellings[key][contact.company.strip()] += 1
        for past in contact.past_companies:
            old = fold(past.company)
            if not old or old == key:  # back where they were: there now
                continue
            spellings[old][past.company.strip()] += 1
            seen = before[old].get(cid)
            # worked there twice: the latest stint is the one shown
            if seen is None or (past.until or dt.date.min) > (seen.until or dt.date.min):
                before[old][cid] = Former(cid, past.role, past.until)
    for key, applications in applications_by_company.items():
        for application in applications:
            spellings[key][application.company.strip()] += 1
    keys = set(dream) | set(applications_by_company)
    keys |= {k for k in set(now) | set(before) if len(now.get(k, ())) + len(before.get(k, {})) >= 2}

    def name(key: str) -> str:
        if key in dream:
            return dream[key]
        return min(spellings[key].items(), key=lambda kv: (-kv[1], kv[0]))[0]

    names = {key: name(key) for key in keys}
    ids = company_ids(sorted(keys), names)
    ordered = list(dream) + sorted((k for k in keys if k not in dream), key=lambda k: (names[k].casefold(), k))
    found = {}
    for key in ordered:
        formers = before.get(key, {}).values()
        found[key] = Company(
            ids[key],
            key,
            names[key],
            key in dream,
            tuple(sorted(now.get(key, ()))),
            tuple(
                sorted(formers, key=lambda f: (f.until is None, -(f.until or dt.date.min).toordinal(), f.contact_id))
            ),
            tuple(applications_by_company.get(key, ())),
        )
    return found


def by_stage(
    people: tuple[str, ...], stage: Callable[[str], str], last: Callable[[str], dt.date | None]
) -> list[tuple[str, list[str]]]:
    """The people in `GROUPS`, each group's latest contact first (then by id); empty groups left out.
    `stage`: a contact's stage name; `last`: their last contact (None: never talked to: known)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for cid in people:
        name = stage(cid)
        groups["known" if name == "contact" and last(cid) is None else name].append(cid)
    out = []
    for group in GROUPS:
        members = sorted(groups.get(group, []), key=lambda c: (-(last(c) or dt.date.min).toordinal(), c))
        if members:
            out.append((group, members))
    return out


def ways_in(
    company: Company,
    path_to: Callable[[str], tuple[str, ...]],
    stage_rank: Callable[[str], int],
    last: Callable[[str], dt.date | None],
) -> tuple[list[Way], list[str]]:
    """The warm paths to the people there now and before, ranked (module doc), and the people
    no path reaches yet. `path_to`: a person's warm path, () when none reaches them (`network.path_to`)."""
    ways, unreached = [], []
    targets = [(cid, False) for cid in company.now] + [(f.contact_id, True) for f in company.before]
    for cid, former in targets:
        path = path_to(cid)
        if path:
            ways.append(Way(path, cid, former))
        else:
            unreached.append(cid)

    def rank(way: Way) -> tuple:
        recent = last(way.asked)
        return (-stage_rank(way.asked), len(way.path), -(recent or dt.date.min).toordinal(), way.former, way.target)

    return sorted(ways, key=rank), unreached


__all__ = ["GROUPS", "Company", "Former", "Way", "by_stage", "companies", "company_ids", "slug", "ways_in"]
