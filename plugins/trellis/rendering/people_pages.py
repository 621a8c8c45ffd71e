"""A page per contact the view shows, and the journal's pages: one a month, each entry's day on it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..model import Entry, Finding
from ..pipeline import Analysis
from ..privacy.view import View
from ..rules.contacts import link_is_safe
from .spec import PageSpec


def contact_pages(analysis: Analysis, view: View, common: dict, by_file: dict[str, list[Finding]]) -> list[PageSpec]:
    journal, figures, today = analysis.journal, analysis.figures, analysis.today
    pages = []
    for contact in journal.contacts.values():
        if not view.shows_contact_page(contact):
            continue
        timeline = sorted(
            figures.interactions_by_contact.get(contact.id, []),
            key=lambda i: (i.date or dt.date.min, i.entry_id, i.index),
            reverse=True,
        )
        stage, touch, findings = (
            figures.stage(contact.id),
            figures.touches[contact.id],
            by_file.get(contact.source.shown, []),
        )
        # everyone the page names: their names, and whether they have a page, show on it
        named = sorted({contact.introduced_by or "", *contact.knows, *(c for i in timeline for c in i.with_ids)} - {""})
        inputs = (
            view.audience,
            today,
            contact,
            stage,
            touch,
            tuple(timeline),
            tuple(findings),
            tuple((cid, journal.contacts.get(cid)) for cid in named),
            tuple(map(common["company_page"], [contact.company, *(p.company for p in contact.past_companies)])),
        )
        pages.append(
            PageSpec(
                f"contacts/{contact.id}.md",
                view.contact_label(contact.id),
                "contact.html",
                context={
                    **common,
                    "contact": contact,
                    "stage": stage,
                    "timeline": timeline,
                    "last": touch.last,
                    "touch": touch,
                    "next_follow_up": figures.next_follow_ups.get(contact.id),
                    "links": {k: v for k, v in view.contact_links(contact).items() if link_is_safe(v)},
                    "private": view.contact_private_fields(contact),
                    "purpose": view.contact_purpose(contact),
                    "past": view.contact_past_companies(contact),
                    "findings": findings,
                    "introduced_by": contact.introduced_by if contact.introduced_by in journal.contacts else None,
                    "knows": [k for k in contact.knows if k in journal.contacts],
                },
                inputs=inputs,
            )
        )
    return pages


def journal_pages(entries: list[Entry], view: View, common: dict) -> list[PageSpec]:
    months: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.date and view.shows_entry(entry):
            months[entry.date.strftime("%Y-%m")].append(entry)
    ordered = sorted(months, reverse=True)
    pages = [
        PageSpec(
            "journal/index.md",
            "Journal",
            "journal.html",
            in_nav=True,
            context={
                **common,
                "months": [(m, dt.date.fromisoformat(m + "-01"), len(months[m])) for m in ordered],
            },
        )
    ]
    contacts = view.journal.contacts
    for month in ordered:
        first = dt.date.fromisoformat(month + "-01")
        shown = sorted(months[month], key=lambda e: (e.date, e.id), reverse=True)
        named = sorted({cid for e in shown for i in e.interactions for cid in i.with_ids})
        # public entry texts are redacted against every private name: those count too
        inputs = (view.audience, tuple(shown), tuple((cid, contacts.get(cid)) for cid in named), view.redaction_key)
        pages.append(
            PageSpec(
                f"journal/{month}.md",
                first.strftime("%B %Y"),
                "month.html",
                context={
                    **common,
                    "month": first,
                    "entries": shown,
                },
                inputs=inputs,
            )
        )
    return pages
