"""Rules for applications/*.md (one job application a file, owner only).

The statuses and the pipeline's order are the model's (`APPLICATION_STATUSES`,
`PIPELINE_RANK`): interested, then applied or referred (one place: a referral comes before
or after the application), screening, interviewing, offer, accepted. Rejected, withdrawn and
ghosted end an application at any step, so they have no place in that order.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..catalog import finding
from ..model import APPLICATION_STATUSES, PIPELINE_RANK, Application, Finding, Journal
from .contacts import link_is_safe
from .people import unknown_contact_fix

if TYPE_CHECKING:
    from ..metrics import Figures

STATUS_FIX = "write one of " + ", ".join(APPLICATION_STATUSES)
COMPANY_FIX = "add company: the employer, e.g. Stripe"


def check_application(application: Application, journal: Journal, figures: Figures) -> Iterator[Finding]:
    src, line = application.source, application.source.line
    if not application.company and "company" not in application.invalid:
        yield finding("APPLICATION-1", src, line("company"), "no company", COMPANY_FIX)
    if application.status and application.status not in APPLICATION_STATUSES:
        yield finding(
            "APPLICATION-2", src, line("status"), f"status '{application.status}' is not a status", STATUS_FIX
        )
    for step in application.history:
        if step.status not in APPLICATION_STATUSES:
            yield finding(
                "APPLICATION-2",
                src,
                _step_line(application, step.date),
                f"history: {step.date.isoformat()}: '{step.status}' is not a status",
                STATUS_FIX,
            )
    yield from _order(application)
    yield from _people(application, journal)
    today = figures.today
    if application.next and application.next < today and application.is_open:
        yield finding(
            "APPLICATION-7",
            src,
            line("next"),
            f"the next step ({application.next.isoformat()}) is past and the application is still "
            f"{application.current}",
            "do it and write the step after it as next:, or set status: to where it stands "
            "(rejected, withdrawn, ghosted...)",
        )
    if application.via and application.via in journal.contacts:
        contact = journal.contacts[application.via]
        talked = any(i.date and i.date <= today for i in figures.interactions_by_contact.get(contact.id, []))
        if contact.met is None and not talked:
            yield finding(
                "APPLICATION-8",
                src,
                line("via"),
                f"referred via '{contact.id}', whom you never met: no interaction with them and no met: date",
                f"log the conversation in an entry (trellis log {contact.id}), add met: to "
                f"contacts/{contact.id}.md, or correct via:",
            )
    if application.link and not (link_is_safe(application.link) and application.link.lower().startswith("http")):
        yield finding(
            "APPLICATION-9",
            src,
            line("link"),
            "link is not a web address",
            "write the job posting's address, starting with https://",
        )


def _step_line(application: Application, day: object) -> int:
    """The line of a history step: a mapping's key, or a list item's."""
    key, source = str(day), application.source
    first = source.line("history")  # fills the line map when it is still to be read
    return next((n for k, n in source.lines.items() if k[:1] == ("history",) and k[-1] == key), first)


def _order(application: Application) -> Iterator[Finding]:
    """APPLICATION-5: a status earlier in the pipeline dated after a later one; APPLICATION-6:
    `applied` after the day of the offer."""
    src = application.source
    latest = None  # the step furthest along the pipeline so far, in date order
    for step in application.history:
        rank = PIPELINE_RANK.get(step.status)
        if rank is None:
            continue
        if latest is not None and rank < PIPELINE_RANK[latest.status] and step.date > latest.date:
            yield finding(
                "APPLICATION-5",
                src,
                _step_line(application, step.date),
                f"history: {step.status} on {step.date.isoformat()} comes after {latest.status} on "
                f"{latest.date.isoformat()}",
                f"check the dates: {step.status} comes before {latest.status} in the pipeline; "
                "correct the date or the status",
            )
            continue
        if latest is None or rank >= PIPELINE_RANK[latest.status]:
            latest = step
    offers = [step.date for step in application.history if step.status == "offer"]
    if application.applied and offers and application.applied > min(offers):
        yield finding(
            "APPLICATION-6",
            src,
            src.line("applied"),
            f"applied {application.applied.isoformat()} is after the offer of {min(offers).isoformat()}",
            "correct applied: (the day you applied) or the offer's date in history:",
        )


def _people(application: Application, journal: Journal) -> Iterator[Finding]:
    """APPLICATION-4: `via` or `contacts` naming no contact file (with "did you mean")."""
    src = application.source
    if application.via and application.via not in journal.contacts:
        yield finding(
            "APPLICATION-4",
            src,
            src.line("via"),
            f"via '{application.via}' is not in contacts/",
            unknown_contact_fix(journal, application.via, f"create contacts/{application.via}.md or fix the id"),
        )
    for index, other in enumerate(application.contacts):
        if other not in journal.contacts:
            yield finding(
                "APPLICATION-4",
                src,
                src.line("contacts", index),
                f"contacts names '{other}', who is not in contacts/",
                unknown_contact_fix(journal, other, f"create contacts/{other}.md or fix the id"),
            )
