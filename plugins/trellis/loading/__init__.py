"""Files to records: read each journal file's frontmatter into a typed record.

Nothing here raises on bad input. Every problem becomes a `Finding` with the file and
the line of the key it is about. The steps, a module each:

* `safe_yaml`: a file's frontmatter to values, every key with its line;
* `fields`: values coerced to each field's type, within bounds;
* `records`: the record builders of each kind, ids and kinds of paths;
* `applications`: the builder of a job application (owner only);
* `files`: which files the journal holds;
* `cache`: parsed files kept between `mkdocs serve` rebuilds;
* `parallel`: a one-off read of a big journal shared between processes;
* `nesting`: markdown nested too deeply to render (a record's body, an ordinary page);
* `salvage`: what can still be known of a contact file that could not be read;
* `history`: each goal's adjustments, from `git log` (read only when asked for).

This module puts them together: `load_journal`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..catalog import finding
from ..model import Journal, Plan, Source
from . import parallel, salvage
from .cache import LoadCache
from .fields import date_bounds_problem
from .files import journal_files, links_outside, ordinary_pages, walk
from .parallel import no_cycle_collection
from .records import load_file, record_id, record_kind
from .safe_yaml import split_file

__all__ = [
    "LoadCache",
    "date_bounds_problem",
    "journal_files",
    "load_file",
    "load_journal",
    "ordinary_pages",
    "record_id",
    "record_kind",
    "split_file",
]


def load_journal(root: Path, shown_base: Path | None = None, cache: LoadCache | None = None) -> Journal:
    with no_cycle_collection():
        return _load_journal(root, shown_base, cache)


ONE_OF = {"goals": "goal", "contacts": "contact", "entries": "entry", "applications": "application"}


def _load_journal(root: Path, shown_base: Path | None, cache: LoadCache | None) -> Journal:
    """Read every record under the journal folder `root`.

    `shown_base` is the folder paths are shown relative to in findings (the project, so a
    finding reads "journal/goals/x.md:3"); by default the journal's parent.
    """
    root = Path(root).resolve()
    base = Path(shown_base).resolve() if shown_base else root.parent
    journal = Journal(root=root)
    first_of: dict[tuple[str, str], Source] = {}
    seen: set[str] = set()
    # shown paths: the journal's own path relative to `base`, then the file's path inside it
    try:
        shown_root = root.relative_to(base).as_posix()
    except ValueError:
        shown_root = root.as_posix()
    shown_root = "" if shown_root == "." else shown_root + "/"
    files, links = walk(root, journal.files)
    # pages and images linked in from outside are published like the journal's own: said too
    journal.pages, page_links = ordinary_pages(root, journal.files)
    journal.links = links + page_links
    journal.findings.extend(links_outside(links + page_links, root.parent, shown_root, root))
    if cache is None:  # one-off reads (trellis check) need no stamps
        loaded = parallel.load_files(files, shown_root)
    else:
        seen.update(path for path, _ in files)
        loaded = [cache.get(path, rel, shown_root + rel) for path, rel in files]
    for (path, rel), (record, found) in zip(files, loaded):
        journal.findings.extend(found)
        if record is None:
            if found:
                journal.unread.append((rel, found[0]))
            if record_kind(rel) == "contacts" and found:  # fail closed: the person stays known, as private
                source = Source(path=path, shown=shown_root + rel, rel=rel)
                journal.withheld.append(salvage.salvage(path, record_id(rel), source, found[0]))
            continue
        if isinstance(record, Plan):
            journal.plan = record
            continue
        kind = record_kind(rel)
        assert kind is not None  # a record was built from the file: it is a record's path
        earlier = first_of.get((kind, record.id))
        if earlier is not None:
            taken = finding(
                "FILE-6",
                record.source,
                1,
                f"{ONE_OF[kind]} id '{record.id}' is also used by {earlier.shown}",
                "rename one of the two files: a record's id is its file name",
            )
            journal.findings.append(taken)
            journal.unread.append((rel, taken))  # left out like a file that could not be read: said so
            if kind == "contacts":
                journal.withheld.append(salvage.duplicate(record, taken))
            continue
        first_of[(kind, record.id)] = record.source
        if kind == "goals":
            journal.goals[record.id] = record
        elif kind == "contacts":
            journal.contacts[record.id] = record
        elif kind == "applications":
            journal.applications[record.id] = record
        else:
            journal.entries.append(record)
    if cache is not None:
        cache.forget_missing(seen)
    journal.entries.sort(key=lambda e: (e.date or dt.date.min, e.id))
    return journal
