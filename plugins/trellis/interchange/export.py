"""`trellis export json|vcard`: the journal out again, for backups, phones and other tools.

Both are the owner's: they hold everything, private fields included, and are written only
where the owner asks (standard output or `-o FILE`), never into a site. JSON is one document
(plan, goals, contacts, entries with their interactions and texts, and the job applications
with their history and notes, which are owner only everywhere); vCard 3.0
carries what a phone or a CRM understands and `trellis import vcard` reads back: name,
company, role, e-mail, phone, links, birthday and notes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from ..model import Contact, Journal, MonthDay

_SKIP = {"source", "invalid"}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name not in _SKIP}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in (sorted(value) if isinstance(value, set) else value)]
    if isinstance(value, (dt.date, MonthDay)):
        return value.isoformat()
    return value


def journal_json(journal: Journal) -> str:
    document = {
        "format": "trellis-journal",
        "version": 1,
        "plan": _plain(journal.plan) if journal.plan else None,
        "goals": [_plain(journal.goals[k]) | {"file": journal.goals[k].source.rel} for k in sorted(journal.goals)],
        "contacts": [
            _plain(journal.contacts[k]) | {"file": journal.contacts[k].source.rel} for k in sorted(journal.contacts)
        ],
        "entries": [_plain(e) | {"file": e.source.rel} for e in journal.entries],
        "applications": [
            _plain(journal.applications[k]) | {"file": journal.applications[k].source.rel}
            for k in sorted(journal.applications)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def contact_vcard(contact: Contact) -> str:
    import vobject

    card = vobject.vCard()
    card.add("fn").value = contact.name or contact.id
    given, _, family = (contact.name or contact.id).rpartition(" ")  # "Ada King Lovelace": family Lovelace
    card.add("n").value = vobject.vcard.Name(family=family if given else "", given=given or family)
    if contact.company:
        card.add("org").value = [contact.company]
    if contact.role:
        card.add("title").value = contact.role
    for email in contact.emails:
        card.add("email").value = email
    for phone in contact.phones:
        card.add("tel").value = phone
    for key, url in contact.links.items():  # every link, `work` and `home` typed, so an import names them alike
        if isinstance(url, str) and url:
            line = card.add("url")
            line.value = url
            if key in ("work", "home"):
                line.type_param = key.upper()
    if contact.birthday:
        card.add("bday").value = contact.birthday.isoformat()
    if contact.notes:
        card.add("note").value = contact.notes
    return card.serialize()


def journal_vcards(journal: Journal) -> str:
    return "".join(contact_vcard(journal.contacts[k]) for k in sorted(journal.contacts))
