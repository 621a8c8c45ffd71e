"""Rules for contacts/*.md."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..catalog import finding
from ..model import STAGES, Contact, Finding, Journal
from .people import unknown_contact_fix

if TYPE_CHECKING:
    from ..metrics import Figures

SAFE_LINK_SCHEMES = ("http", "https", "mailto")
STAGE_FIX = "write contact, acquaintance or ally, or remove it to let Trellis compute the stage"
NAME_FIX = "add name: the person's full name"
PURPOSE_AFTER_DAYS = 30  # CONTACT-8: how long a new tie may go without saying what it is for


def link_is_safe(address: str) -> bool:
    """Whether a link may become an href: http(s) or mailto, never javascript: or data:."""
    try:
        scheme = urlsplit(address.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_LINK_SCHEMES


def check_contact(contact: Contact, journal: Journal) -> Iterator[Finding]:
    src, line = contact.source, contact.source.line
    if not contact.name and "name" not in contact.invalid:
        yield finding("CONTACT-1", src, line("name"), "no name", NAME_FIX)
    if contact.introduced_by and contact.introduced_by not in journal.contacts:
        yield finding(
            "CONTACT-3",
            src,
            line("introduced_by"),
            f"introduced_by '{contact.introduced_by}' is not in contacts/",
            unknown_contact_fix(
                journal, contact.introduced_by, f"create contacts/{contact.introduced_by}.md or fix the id"
            ),
        )
    for index, other in enumerate(contact.knows):
        if other not in journal.contacts:
            yield finding(
                "CONTACT-4",
                src,
                line("knows", index),
                f"knows '{other}', who is not in contacts/",
                unknown_contact_fix(journal, other, f"create contacts/{other}.md or fix the id"),
            )
    if contact.stage is not None and contact.stage not in STAGES:
        yield finding("CONTACT-6", src, line("stage"), f"stage '{contact.stage}' is not a stage", STAGE_FIX)
    for name, address in contact.links.items():
        if not link_is_safe(address):
            yield finding(
                "CONTACT-7",
                src,
                line("links", name),
                f"link '{name}' is not a web address",
                "write an address that starts with https://",
            )


def check_purpose(contact: Contact, figures: Figures) -> Iterator[Finding]:
    """CONTACT-8: a tie still at stage contact (as the page shows it: computed, or set by hand)
    more than 30 days after you met (`met:`, else the first interaction up to today), with
    neither `want:` nor `give:`. A relationship without a purpose is the first to go dormant."""
    if contact.want or contact.give:
        return
    dates = [i.date for i in figures.interactions_by_contact.get(contact.id, []) if i.date and i.date <= figures.today]
    since = contact.met or min(dates, default=None)
    if since is None or (figures.today - since).days <= PURPOSE_AFTER_DAYS:
        return
    if figures.stage(contact.id).name != "contact":
        return
    days = (figures.today - since).days
    yield finding(
        "CONTACT-8",
        contact.source,
        contact.source.line("met"),
        f"still a contact {days} days after {'you met' if contact.met else 'your first interaction'} "
        f"({since.isoformat()}), and nothing says what the relationship is for",
        "add want: (what you hope for from them: advice, a referral...) or give: (what you can "
        "offer them): a relationship without a purpose is the first to go dormant",
    )
