"""Who moved in a month: the `past_companies:` items whose `until` falls in it.

An item says where someone was until a day; where they went is the next item (by `until`,
the file's order breaking ties) or, after the last, their `company:` and `role:` now. A move
to another company is marked when it goes into a dream company of the plan (`dream_companies`,
case and spacing aside) or out of one; a new role at the same company is listed as such,
with no mark. Items without `until` belong to no month.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...model import fold


@dataclass(frozen=True)
class Move:
    contact_id: str
    day: dt.date  # the `until` of the item left
    from_company: str
    from_role: str
    to_company: str
    to_role: str
    into_dream: bool = False
    out_of_dream: bool = False

    @property
    def same_company(self) -> bool:
        return bool(fold(self.from_company)) and fold(self.from_company) == fold(self.to_company)


def moves(journal) -> list[Move]:
    """Every dated move of every contact, by day then contact id."""
    dream = {fold(name) for name in (journal.plan.dream_companies if journal.plan else []) if fold(name)}
    found: list[Move] = []
    for cid, contact in journal.contacts.items():
        history = sorted(contact.past_companies, key=lambda p: p.until or dt.date.min)
        for n, item in enumerate(history):
            if item.until is None:
                continue
            after = history[n + 1] if n + 1 < len(history) else None
            to_company, to_role = (after.company, after.role) if after else (contact.company, contact.role)
            left, went = fold(item.company), fold(to_company)
            found.append(
                Move(
                    cid,
                    item.until,
                    item.company,
                    item.role,
                    to_company,
                    to_role,
                    into_dream=went in dream and went != left,
                    out_of_dream=left in dream and went != left,
                )
            )
    return sorted(found, key=lambda m: (m.day, m.contact_id))
