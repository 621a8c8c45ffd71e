"""What `trellis upgrade` prints and its exit code (the plan and the writing are in `plan`)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from ... import distribution
from .. import managed
from . import plan


def run(
    project: Path, journal_dir: Path, today: dt.date, *, force: bool, dry_run: bool, shown: Callable[[Path], str]
) -> int:
    """0: up to date (or brought there); 1: a managed file you edited was kept, with a diff to merge."""
    say = "trellis upgrade"
    if not managed.is_managed_project(project):
        print(
            f"{say}: {shown(project)} is no project trellis init made (it has no {managed.MANIFEST}, no publishing "
            f"workflow and no Trellis line in requirements.txt): trellis upgrade manages only the files init "
            "writes (trellis editor adds the editor set-up to any journal)",
            file=sys.stderr,
        )
        return 2
    try:
        journal_rel = journal_dir.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        print(
            f"{say}: the journal ({shown(journal_dir)}) is not inside the project ({shown(project)}): "
            "trellis upgrade manages the files beside mkdocs.yml only",
            file=sys.stderr,
        )
        return 2
    newer = managed.written_by_newer(project, distribution.version())
    if newer and not force:
        print(
            f"{say}: Trellis {newer} wrote this project's managed files, and this Trellis is older "
            f"({distribution.version()}): upgrading would take that version's changes out. Install Trellis {newer} "
            "or later (pip install -r requirements.txt), or run trellis upgrade --force to go back",
            file=sys.stderr,
        )
        return 1
    the_plan = plan.plan(project, journal_rel, today, force=force)
    out = sys.stdout
    verb = "would " if dry_run else ""
    for change in the_plan.changes:
        rel = change.rel
        if change.action in ("current", "yours"):  # nothing new from Trellis for it
            continue
        if change.action == "update":
            out.write(f"{rel}: {verb}update to Trellis {the_plan.version}'s version\n")
        elif change.action == "create":
            out.write(f"{rel}: {verb}create (new in Trellis {the_plan.version})\n")
        elif change.action == "restore":
            out.write(f"{rel}: {verb}create again (you had removed it; --force brings it back)\n")
        elif change.action == "force":
            backup = plan.backup_path(project / rel, today).name
            out.write(
                f"{rel}: you edited it; {verb}replace it with Trellis {the_plan.version}'s version "
                f"(--force), keeping yours as {backup}\n"
            )
        elif change.action == "merge":
            out.write(
                f"{rel}: {verb}add {len(change.added)} pattern{'s' * (len(change.added) != 1)} "
                f"({', '.join(change.added)}); none of yours is removed\n"
            )
        elif change.action == "exclude":
            out.write(
                f"{rel}: {verb}add exclude_docs for the journal's records, so that a build without Trellis "
                "(the plugin missing or switched off, or an engine that ignores it) publishes none of them; "
                "the rest of mkdocs.yml is kept as it is\n"
            )
        elif change.action == "refresh":
            out.write(f"{rel}: {verb}refresh (a schema copy Trellis generates)\n")
        elif change.action == "removed":
            out.write(f"{rel}: you removed it, and it stays removed (trellis upgrade --force creates it again)\n")
            continue
        elif change.action == "other":
            out.write(
                f"{rel}: is a link or a folder, not a file Trellis wrote: left as it is, even with --force "
                f"(replace it with a file, or remove it, and run trellis upgrade again)\n"
            )
            continue
        elif change.action == "edited":
            out.write(
                f"{rel}: you edited it, so it was kept as it is; Trellis {the_plan.version}'s version "
                "differs as below: merge it by hand, or run trellis upgrade --force to replace it "
                "(yours is kept as a .bak file next to it)\n"
            )
        out.write(plan.diff(change))
    if the_plan.recommendations:
        out.write(
            "mkdocs.yml is yours (trellis upgrade adds only a missing exclude_docs to it); this version's "
            "template also has these settings, which you may copy into it:\n"
        )
        for block in the_plan.recommendations:
            out.write("".join(f"    {line}\n" for line in block.splitlines()))
    for note in the_plan.journal_notes:
        out.write(f"{note}\n")
    writes = the_plan.writes
    if not dry_run and the_plan.anything:
        plan.apply(the_plan, today)
    kept = [c for c in the_plan.changes if c.action in ("edited", "other")]
    yours = [c.rel for c in the_plan.changes if c.action == "yours"]
    all_trellis = not (kept or yours or any(c.action == "removed" for c in the_plan.changes))
    if writes:
        done = f"{'would change' if dry_run else 'changed'} {len(writes)} file{'s' * (len(writes) != 1)}"
    elif the_plan.manifest_changes:
        done = f"{'would record' if dry_run else 'recorded'} the managed files in {managed.MANIFEST}" + (
            f"; they are Trellis {the_plan.version}'s" if all_trellis else ""
        )
    elif all_trellis:
        done = f"nothing to change: the managed files are Trellis {the_plan.version}'s"
    else:
        done = "nothing to change"
    if kept:
        done += f"; kept {len(kept)} you changed ({', '.join(c.rel for c in kept)})"
    if yours:  # shown with a diff once, when this version of Trellis' file was new
        done += f"; {', '.join(yours)} {'is' if len(yours) == 1 else 'are'} your own edit, kept"
    dry = "; wrote nothing (--dry-run)" if dry_run and the_plan.anything else ""
    untouched = (
        f"{journal_rel}/ was" if any(c.action == "exclude" for c in writes) else f"{journal_rel}/ and mkdocs.yml were"
    )
    out.write(f"{say}: {done}{dry}; {untouched} not touched\n")
    # 1: a diff the user has to merge was shown; a link or a folder is their set-up, said each time
    return 1 if any(c.action == "edited" for c in kept) else 0
