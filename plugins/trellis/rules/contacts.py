"""Rules for contacts/*.md."""

from __future__ import annotations

from typing import Iterator
from urllib.parse import urlsplit

from ..model import STAGES, Contact, Finding, Journal
from .catalog import finding

SAFE_LINK_SCHEMES = ("http", "https", "mailto")


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
        yield finding("CONTACT-1", src, line("name"), "no name", "add name: the person's full name")
    if contact.introduced_by and contact.introduced_by not in journal.contacts:
        yield finding("CONTACT-3", src, line("introduced_by"),
                      f"introduced_by '{contact.introduced_by}' is not in contacts/",
                      f"create contacts/{contact.introduced_by}.md or fix the id")
    for index, other in enumerate(contact.knows):
        if other not in journal.contacts:
            yield finding("CONTACT-4", src, line("knows", index), f"knows '{other}', who is not in contacts/",
                          f"create contacts/{other}.md or fix the id")
    if contact.stage is not None and contact.stage not in STAGES:
        yield finding("CONTACT-6", src, line("stage"), f"stage '{contact.stage}' is not a stage",
                      "write contact, acquaintance or ally, or remove it to let Trellis compute the stage")
    for name, address in contact.links.items():
        if not link_is_safe(address):
            yield finding("CONTACT-7", src, line("links", name), f"link '{name}' is not a web address",
                          "write an address that starts with https://")
