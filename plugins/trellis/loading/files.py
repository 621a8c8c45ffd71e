"""Which files a journal holds: record files (symlinked folders followed, loops walked
once), the ordinary pages beside them, and the symlinks that lead out of the project."""

from __future__ import annotations

import os
from pathlib import Path

from ..catalog import finding
from ..model import RECORD_FOLDERS, Finding, Source
from .records import is_record_name, record_kind


def journal_files(root: Path) -> list[tuple[str, str]]:
    """(absolute path, path inside the journal) of every record file, sorted.

    Strings, not Paths: a journal has thousands of files, and `trellis check` is meant to
    cost little more than parsing them."""
    return walk(root)[0]


def walk(root: Path, every: list[str] | None = None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(record files, symlinks met on the way as (path inside the journal, target)); `every`,
    if given, gets the path inside the journal of every file met in the record folders (dot
    files left out), records or not.

    Symlinked folders are followed, as MkDocs follows them when it copies the site: a
    contact kept in another repository and linked in is read, counted and protected like
    any other, never published by MkDocs behind Trellis' back. A folder already walked
    (a link that loops) is walked once.
    """
    found: list[tuple[str, str]] = []
    links: list[tuple[str, str]] = []
    top = str(root)
    if os.path.isfile(os.path.join(top, "plan.md")):
        found.append((os.path.join(top, "plan.md"), "plan.md"))
        if os.path.islink(found[0][0]):
            links.append(("plan.md", os.path.realpath(found[0][0])))
    prefix = len(top) + 1
    walked: set[str] = set()
    for folder in RECORD_FOLDERS:
        start = os.path.join(top, folder)
        if os.path.islink(start):
            links.append((folder, os.path.realpath(start)))
        for dirpath, dirnames, filenames in os.walk(start, followlinks=True):
            real = os.path.realpath(dirpath)
            if real in walked:
                dirnames[:] = []
                continue
            walked.add(real)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            rel_dir = dirpath[prefix:].replace(os.sep, "/")  # string work: thousands of files
            for name in dirnames:
                if os.path.islink(os.path.join(dirpath, name)):
                    links.append((f"{rel_dir}/{name}", os.path.realpath(os.path.join(dirpath, name))))
            for name in filenames:
                if is_record_name(name):
                    path = os.path.join(dirpath, name)
                    found.append((path, f"{rel_dir}/{name}"))
                    if os.path.islink(path):
                        links.append((f"{rel_dir}/{name}", os.path.realpath(path)))
                if every is not None and not name.startswith("."):
                    every.append(f"{rel_dir}/{name}")
    found.sort(key=lambda item: item[1])
    return found, links


def ordinary_pages(root: Path, every: list[str] | None = None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(absolute path, path inside the journal) of every markdown file that is not a record:
    the pages MkDocs renders itself (index.md, about/me.md), and the symlinks met on the way as
    (path inside the journal, target): any file or folder, an image linked in is published
    too. Record folders are not entered (`walk` reads them). `every`, if given, gets the path
    inside the journal of every file met (dot files left out)."""
    top = str(root)
    found, links = [], []
    walked: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(top, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in walked:  # a link that loops: walked once
            dirnames[:] = []
            continue
        walked.add(real)
        rel_dir = os.path.relpath(dirpath, top).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not (rel_dir == "" and d in RECORD_FOLDERS)
        )
        for name in dirnames + sorted(filenames):
            path = os.path.join(dirpath, name)
            # any file or folder (an image linked in is published too); the plan is a record,
            # whose link walk() names
            if os.path.islink(path) and rel_dir + name != "plan.md":
                links.append((rel_dir + name, os.path.realpath(path)))
        for name in sorted(filenames):
            if is_record_name(name) and record_kind(rel_dir + name) is None:
                found.append((os.path.join(dirpath, name), rel_dir + name))
            if every is not None and not name.startswith("."):
                every.append(rel_dir + name)
    return found, links


def links_outside(links: list[tuple[str, str]], project: Path, shown_root: str, root: Path) -> list[Finding]:
    """A warning for each symlink in the journal that points outside the project."""
    home = os.path.realpath(project)
    out = []
    for rel, target in links:
        if target != home and not target.startswith(home + os.sep):
            source = Source(path=os.path.join(str(root), rel), shown=shown_root + rel, rel=rel)
            out.append(
                finding(
                    "FILE-9",
                    source,
                    1,
                    f"a symlink to {target}, outside the project",
                    "its files are read and published like the journal's own; "
                    "keep them in the project, or make sure this is what you mean",
                )
            )
    return out
