"""The private texts the guard protects as text (sentences, runs of 8 words: `passages`): contacts'
notes, want and give, interaction summaries, the text of entries without `public: true`, the lines
of contact files that could not be read, and job applications' notes. `View.passages` makes them
once a view."""

from __future__ import annotations

from ..model import Journal
from .passages import Passages

# where a job application's notes came from, as the guard names it (applications are never public)
APPLICATION_NOTES = "the notes of the job application "


def private_passages(journal: Journal) -> Passages:
    """The journal's private texts, each with where it came from as the guard names it."""
    texts: list[tuple[str, str]] = []
    purposes: list[tuple[str, str]] = []
    contacts = list(journal.contacts.values())
    contacts += [w.contact for w in journal.withheld if w.contact is not None]
    for contact in contacts:
        texts.append((contact.notes, f"the notes of {contact.source.shown}"))
        for key in ("want", "give"):  # each item a line of its own: a unit, as a line of notes is
            purposes.append(("\n".join(getattr(contact, key)), f"the {key}: of {contact.source.shown}"))
    for withheld in journal.withheld:
        texts.append(
            (
                "\n".join(withheld.texts),
                f"a line of {withheld.source.shown} (a contact file Trellis could not read)",
            )
        )
    for entry in journal.entries:
        for interaction in entry.interactions:
            texts.append((interaction.summary, f"an interaction summary in {entry.source.shown}"))
        if not entry.public:
            texts.append((entry.text, f"the text of {entry.source.shown} (public is not true)"))
    for application in journal.applications.values():  # owner only, notes and all
        purposes.append((application.notes, f"{APPLICATION_NOTES}{application.source.shown}"))
    # what the user published on purpose in a public entry is theirs to show; what they
    # hope for from a person, or can offer them, and a job application's notes are not,
    # even pasted into a public entry (SPEC: applications are never in the public site)
    return Passages(texts, public_texts=[e.text for e in journal.entries if e.public], kept=purposes)
