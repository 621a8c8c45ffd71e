"""What a public repository holding the journal exposes.

GitHub Pages on a free plan publishes only from a public repository, and a public
repository shows every journal file, however careful the built site is. When the
repository is public, the journal may hold nothing private at all: the site's privacy
never reaches the repository.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..loading import record_kind
from ..model import HUNT_COUNTERS, MARKDOWN_SUFFIXES, RECORD_FOLDERS, Journal
from .files import EXPORT_SUFFIXES

VISIBILITY_VAR = "TRELLIS_REPOSITORY_VISIBILITY"  # GitHub's github.event.repository.visibility


def repository_is_public(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether the journal's own repository is public: only the word `public` says so
    (GitHub also says `private` and `internal`)."""
    return environ.get(VISIBILITY_VAR, "").strip().lower() == "public"


@dataclass
class Exposure:
    """What a public repository holding this journal shows that the public site never would."""

    files: dict[str, list[str]] = field(default_factory=dict)  # shown path -> what in it is private
    people: set[str] = field(default_factory=set)  # contact ids (or files) the exposure is about
    applications: set[str] = field(default_factory=set)  # the shown paths of job applications
    hunt_goals: set[str] = field(default_factory=set)  # the shown paths of goals counting them

    def __bool__(self) -> bool:
        return bool(self.files)

    def add(self, shown: str, what: list[str]) -> None:
        self.files.setdefault(shown, []).extend(what)

    def message(self) -> str:
        """What is exposed, by whom and which files (the first ten), and what to do.

        It names what it found: the people the private data is about, the job applications (an
        application is all private, about nobody in particular) and the goals counting them (the
        owner's too: `public: true` would not publish them), or, for none of these (an entry's
        text, an export), private data."""
        n, p, a, g = len(self.files), len(self.people), len(self.applications), len(self.hunt_goals)
        listed = "; ".join(f"{path} ({', '.join(what)})" for path, what in list(self.files.items())[:10])
        more = f"; and {n - 10} more" if n > 10 else ""
        about = [f"private data about {p} {'person' if p == 1 else 'people'}"] if p else []
        about += [f"{a} job application{'s' * (a != 1)}"] if a else []
        about += [f"{g} goal{'s' * (g != 1)} counting job applications"] if g else []
        exposed = " and ".join(about) or "private data"
        others = n > a + g  # files other than applications and their goals: contacts, entries, exports
        remedies = []
        if others:
            remedies.append(
                "remove the private data (e-mails, phones, notes, want and give, birthdays, summaries, "
                "unpublished entries) and set `public: true` only where a person or an entry agreed to be "
                "published"
            )
        if a:
            remedies.append(
                "take applications/ out of the repository (a job application is never published: it has no `public:`)"
            )
        if g:  # `public: true` does not publish such a goal: it is the owner's, like the applications
            remedies.append(
                "take the goals that count applications or referrals out of the repository (such a goal "
                "is never published either)"
            )
        remedies[1:] = [f"and {r}" for r in remedies[1:]]
        return (
            f"this repository is public ({VISIBILITY_VAR}=public), and {n} journal file{'s' * (n != 1)} "
            f"in it expose{'s' * (n == 1)} {exposed}: "
            f"{listed}{more}. Make the repository private and publish the site to a separate public "
            f"repository with `trellis publish`, or {', '.join(remedies)}"
        )


def repository_exposure(journal: Journal) -> Exposure:
    """Every journal file that would show something private if the repository were public.

    Private, as in the public site: a contact's e-mail, phone, birthday, notes, want and
    give, and any contact without `public: true` (the file name is a name); interaction
    summaries; the text of an entry without `public: true`; every job application, and every goal
    that counts them. Fail closed: a contact, entry or application
    file that could not be read, or whose id is taken twice, counts as private, so does a goal
    file that could not be read whose text says `count: applications` (or `referrals`), and so do
    exports (.csv, .vcf, .vcard, and a `trellis export json` file) anywhere in the journal and any file other than markdown
    in goals/, contacts/, entries/ or applications/ (a photo, a note). Dot files (.gitkeep) hold nothing.
    """
    found = Exposure()
    root = journal.root
    for contact in journal.contacts.values():
        src = contact.source
        what = [
            label
            for label, value in (
                ("e-mail", contact.email),
                ("phone", contact.phone),
                ("birthday", contact.birthday),
                ("notes", contact.notes),
                ("want", contact.want),
                ("give", contact.give),
            )
            if value
        ]
        if not contact.public:
            what.append("public is not true")
        if what:
            found.add(src.shown, what)
            found.people.add(contact.id)
    for entry in journal.entries:
        what = []
        summarised = [i for i in entry.interactions if i.summary]
        if summarised:
            what.append("interaction summaries")
            found.people.update(cid for i in summarised for cid in i.with_ids)
        if entry.text and not entry.public:
            what.append("text, public is not true")
        if what:
            found.add(entry.source.shown, what)
    for application in journal.applications.values():  # owner only: the whole file
        found.add(application.source.shown, ["a job application"])
        found.applications.add(application.source.shown)
    for goal in journal.goals.values():  # owner only, like the applications it counts (View.shows_goal)
        if goal.counts_applications:
            found.add(goal.source.shown, ["a goal counting job applications"])
            found.hunt_goals.add(goal.source.shown)
    loaded = {c.source.rel for c in journal.contacts.values()} | {e.source.rel for e in journal.entries}
    loaded |= {a.source.rel for a in journal.applications.values()}
    goals = {g.source.rel for g in journal.goals.values()}
    # files no record came from are named the way the records' files are (journal/...)
    sources = (
        [c.source for c in journal.contacts.values()]
        + [e.source for e in journal.entries]
        + [g.source for g in journal.goals.values()]
    )
    prefix = next((s.shown[: -len(s.rel)] for s in sources if s.shown.endswith(s.rel)), f"{root.name}/")
    own = _repository_files(journal)
    for rel in sorted(journal.files):  # (as the loader read them: through symlinked folders too)
        if record_kind(rel) in ("contacts", "entries", "applications") and rel not in loaded:
            found.add(prefix + rel, ["could not be read"])
            if rel.startswith("contacts/"):
                found.people.add(rel)
            elif rel.startswith("applications/"):
                found.applications.add(prefix + rel)
        elif record_kind(rel) == "goals" and rel not in goals and _counts_the_hunt(root / rel):
            # fail closed: a goal that could not be read is the owner's if its text says it counts the hunt
            found.add(prefix + rel, ["could not be read, and counts job applications"])
            found.hunt_goals.add(prefix + rel)
    for rel in own:
        # a record the loader read (notes.MD, x.markdown) is named above, as what it is
        read = rel.lower().endswith(MARKDOWN_SUFFIXES)
        in_records = rel.split("/", 1)[0] in RECORD_FOLDERS and "/" in rel and not read
        if in_records or rel.lower().endswith(EXPORT_SUFFIXES):
            found.add(prefix + rel, ["an export or a file Trellis does not read"])
        elif rel.lower().endswith(".json") and _is_journal_export(root / rel):
            found.add(prefix + rel, ["a trellis export json: the whole journal"])
    return found


_HUNT_COUNT = re.compile(rb"\bcount\s*:\s*[\"']?(?:%s)\b" % "|".join(HUNT_COUNTERS).encode())


def _counts_the_hunt(path) -> bool:
    """Whether a goal file Trellis could not read says `count: applications` or `referrals`."""
    try:
        with open(path, "rb") as file:
            return bool(_HUNT_COUNT.search(file.read(65536)))
    except OSError:
        return False


def _is_journal_export(path) -> bool:
    """Whether a JSON file is `trellis export json`'s (the whole journal, applications and all):
    its opening says `"format": "trellis-journal"`. Other JSON files (a page's data) are not read."""
    try:
        with open(path, "rb") as file:
            head = file.read(256)
    except OSError:
        return False
    return b'"format": "trellis-journal"' in head


def _repository_files(journal: Journal) -> list[str]:
    """The journal's files as its repository holds them, from the loader's list: a file the loader
    met through a symlinked folder is the file at the link's target when that is in the journal
    (once), and no file of the repository when it is not (the repository holds the link only).
    In the order a walk of the folder meets them: a folder's files, then its folders'."""
    root = str(journal.root)
    targets: dict[str, str | None] = {}  # a symlink's path -> its target's, or None outside the journal
    for rel, target in journal.links:
        inside = target == root or target.startswith(root + os.sep)
        targets[rel] = os.path.relpath(target, root).replace(os.sep, "/") if inside else None
    own: set[str] = set()
    for rel in journal.files:
        for _ in range(len(targets) + 1):  # a target is a real path: met again, it is the file's own
            link = max((p for p in targets if rel.startswith(p + "/")), key=len, default=None)
            if link is None:
                break
            linked = targets[link]
            if linked is None:
                break
            rel = linked + rel[len(link) :] if linked != "." else rel[len(link) + 1 :]
        if link is None or targets[link] is not None:
            own.add(rel)
    return sorted(own, key=lambda rel: (rel.split("/")[:-1], rel.rsplit("/", 1)[-1]))
