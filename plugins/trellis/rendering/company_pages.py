"""The company pages (owner only): `companies/ID/` for every company the hunt is about
(metrics/companies.py says which), and their index `companies/`, out of the navigation like
the contact pages, reached from the network page's warm paths and from the contact pages.

A big company stays readable: a stage group of more than `OPEN_MAX` people is folded (its count
in the summary), at most `SHOWN_MAX` people a group are listed and the rest counted, and the
`WAYS_MAX` best warm paths are shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..metrics.companies import Company, by_stage
from ..model import Application, fold
from ..pipeline import Analysis
from ..privacy.view import View
from ..rules.contacts import link_is_safe
from .spec import PageSpec

OPEN_MAX = 12  # a group of more people is folded
SHOWN_MAX = 100  # people listed a group; the rest are counted
WAYS_MAX = 10  # warm paths listed


class CompanyLinks:
    """The address of a company's page by its name as any record writes it, or None: the
    owner's only (the View's "companies" page), so a public page never links one."""

    def __init__(self, analysis: Analysis, view: View):
        shown = analysis.figures.companies if view.shows_page("companies") else {}
        self._ids = {key: company.id for key, company in shown.items()}
        self.inputs = tuple(sorted(self._ids.items()))  # a page that links them is reused while these hold

    def __call__(self, name: str | None) -> str | None:
        found = self._ids.get(fold(name))
        return f"companies/{found}.md" if found else None


@dataclass(frozen=True)
class Person:
    contact_id: str
    role: str
    last: dt.date | None


@dataclass(frozen=True)
class Group:
    name: str
    people: tuple[Person, ...]  # at most SHOWN_MAX
    total: int

    @property
    def folded(self) -> bool:
        return self.total > OPEN_MAX


def company_pages(analysis: Analysis, view: View, common: dict) -> list[PageSpec]:
    if not view.shows_page("companies"):
        return []
    figures, today = analysis.figures, analysis.today
    contacts = analysis.journal.contacts
    found = list(figures.companies.values())
    pages = [
        PageSpec(
            "companies/index.md",
            "Companies",
            "companies.html",
            owner_only=True,
            context={**common, "companies": found},
        )
    ]

    def person(cid: str, role: str) -> Person:
        return Person(cid, role, figures.last_contact(cid))

    for company in found:
        groups = [
            Group(name, tuple(person(cid, contacts[cid].role) for cid in members[:SHOWN_MAX]), len(members))
            for name, members in _groups(company, figures)
        ]
        ways, unreached = figures.ways_in(company)
        applications = _in_order(company.applications, today)
        named = sorted(
            {*company.now, *(f.contact_id for f in company.before), *(c for w in ways[:WAYS_MAX] for c in w.path[1:])}
            | {c for a in applications for c in (a.via, *a.contacts) if c}
        )
        inputs = (
            view.audience,
            today,
            company,
            tuple(groups),
            tuple((w, figures.last_contact(w.asked)) for w in ways[:WAYS_MAX]),  # whom to ask, and when last
            len(ways),
            tuple(unreached),
            tuple((cid, contacts.get(cid), figures.stage(cid) if cid in contacts else None) for cid in named),
            common["unread"],
        )
        pages.append(
            PageSpec(
                f"companies/{company.id}.md",
                company.name,
                "company.html",
                owner_only=True,
                inputs=inputs,
                context={
                    **common,
                    "company": company,
                    "groups": groups,
                    "before": company.before[:SHOWN_MAX],
                    "ways": ways[:WAYS_MAX],
                    "more_ways": len(ways) - WAYS_MAX,
                    "unreached": len(unreached),
                    "applications": applications,
                    "next_step": company.next_step,
                    "timeline": timeline,
                    "safe_link": link_is_safe,
                    "stage_of": lambda cid: figures.stage(cid).name,
                    "last_of": figures.last_contact,
                },
            )
        )
    return pages


def _groups(company: Company, figures) -> list[tuple[str, list[str]]]:
    return by_stage(company.now, lambda cid: figures.stage(cid).name, figures.last_contact)


def _in_order(applications: tuple[Application, ...], today: dt.date) -> list[Application]:
    """Open applications first, the next step soonest (none last), then the closed ones, the
    latest change first."""

    def latest(a: Application) -> dt.date:
        return max([c.date for c in a.history] + ([a.applied] if a.applied else []), default=dt.date.min)

    open_ = sorted((a for a in applications if a.is_open), key=lambda a: (a.next is None, a.next or today, a.id))
    closed = sorted((a for a in applications if not a.is_open), key=lambda a: (-latest(a).toordinal(), a.id))
    return open_ + closed


def timeline(application: Application) -> list[tuple[dt.date | None, str]]:
    """Where an application went, oldest first: its history, the `applied:` day when the history
    does not hold it, and where it stands now when no dated line says so."""
    steps: list[tuple[dt.date | None, str]] = [(c.date, c.status) for c in application.history]
    if application.applied and (application.applied, "applied") not in steps:
        steps.append((application.applied, "applied"))
    steps.sort(key=lambda s: s[0] or dt.date.max)
    if not steps or steps[-1][1] != application.current:
        steps.append((None, application.current))
    return steps
