"""The two index pages: `contacts/`, everyone the audience may see, and `goals/`, every goal.

The contacts index must hold up on a journal of thousands of people (a LinkedIn export): one
row a person, made of figures already computed for their own pages (stage, last contact, next
follow-up), no per-row lookup beyond a dictionary's. The table is plain HTML in name order; a
small script in the page (`_sortable.html`) sorts it by any column, and without it the table
reads as it is.

In public the contacts index lists the people who agreed to be named (`public: true`) with what
their own pages show, and says nothing of anyone else: no row, no count. With nobody to list,
there is no public page at all (an empty list in the navigation says only that the owner hides
everyone). The goals index shows what the progress page shows, titles redacted the same way.

A record file named `index.md` or `README.md` (a contact or goal with that id) has its page at
the folder's address: the record keeps it and the index is left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Goal, fold
from ..pipeline import Analysis
from ..privacy.view import View
from .spec import PageSpec

_FOLDER_PAGES = ("index", "readme")  # record ids MkDocs would serve at the folder's own address


@dataclass(frozen=True)
class ContactRow:
    id: str
    label: str
    stage: str
    stage_rank: int
    company: str
    role: str
    last: dt.date | None
    next_follow_up: dt.date | None


def _takes_folder_address(ids) -> bool:
    return any(rid.lower() in _FOLDER_PAGES for rid in ids)


def contacts_index(analysis: Analysis, view: View, common: dict) -> PageSpec | None:
    journal, figures = analysis.journal, analysis.figures
    if _takes_folder_address(journal.contacts):
        return None
    touches, follow_ups = figures.touches, figures.next_follow_ups
    rows = []
    for contact in journal.contacts.values():
        if not view.shows_contact_page(contact):  # public: only who agreed to be named
            continue
        stage = figures.stage(contact.id)
        rows.append(
            ContactRow(
                contact.id,
                view.contact_label(contact.id),
                stage.name,
                stage.rank,
                contact.company,
                contact.role,
                touches[contact.id].last,
                follow_ups.get(contact.id),
            )
        )
    if not rows and not view.owner:
        return None
    rows.sort(key=lambda r: (fold(r.label), r.id))
    return PageSpec(
        "contacts/index.md",
        "Contacts",
        "contacts.html",
        in_nav=True,
        context={**common, "rows": rows},
        # every row is a page of its own in the search index: the list would repeat them all, in
        # one entry as long as the journal (a tenth of the index, and of a save's rebuild, at 3,000)
        searchable=False,
        # the rows are the whole page: equal rows, equal HTML under `mkdocs serve`
        inputs=(view.audience, common["today"], tuple(rows), common["unread"]),
    )


def goals_index(view: View, common: dict, goal_rows: list, goal_title: Callable[[Goal], str]) -> PageSpec | None:
    """Every goal, the big picture first (`goal_rows` comes in the progress page's order)."""
    if _takes_folder_address(goal.id for goal, _ in goal_rows):
        return None
    titles = tuple(goal_title(goal) for goal, _ in goal_rows)
    return PageSpec(
        "goals/index.md",
        "Goals",
        "goals.html",
        in_nav=True,
        context={**common, "goal_rows": goal_rows, "goal_title": goal_title},
        inputs=(view.audience, view.redaction_key, common["today"], tuple(goal_rows), titles, common["unread"]),
    )
