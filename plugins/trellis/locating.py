"""Where the journal is: project folder -> mkdocs.yml -> docs_dir -> journal folder, stated once
for the plugin and the `trellis` command; and the files that look like records but lie outside it.

A path given on the command line is a project folder (with mkdocs.yml or properdocs.yml) or a
journal folder, or lies inside one (`journal_at`); a project's site configuration names its
docs_dir and the plugin's journal_dir option (`locate`). A journal is `docs_dir` itself (this repository's example: `docs_dir: journal`), or a
folder inside it (`journal_dir: journal` in an existing site with `docs_dir: docs`). Paths
inside the journal (`contacts/ada.md`, what loading and rendering speak) and paths inside
docs_dir (`journal/contacts/ada.md`, what MkDocs names files) are translated here only.

Fail closed: a markdown file with frontmatter under a `contacts/`, `goals/` or `entries/`
folder is most likely a record, with e-mails, phones and notes in it. If Trellis did not
read it (the option is unset or wrong, or the plugin is switched off), MkDocs would publish
it as an ordinary page. `unread_records` finds such files so the build can stop.

No MkDocs here: `trellis` reads the same option from mkdocs.yml without importing MkDocs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .loading import record_kind
from .model import MARKDOWN_SUFFIXES, RECORD_FOLDERS

OPTION = "journal_dir"
MAX_LISTED = 10  # unread record files named in the message; the rest are counted
_BOM = b"\xef\xbb\xbf"


class JournalDirError(ValueError):
    """The journal_dir option names no folder inside docs_dir."""


def journal_folder(value: object) -> str:
    """The option's value as a folder inside docs_dir ("journal", "notes/network"), "" for docs_dir itself."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise JournalDirError(
            f"{OPTION} should be a folder inside docs_dir, e.g. {OPTION}: journal, not {type(value).__name__} {value!r}"
        )
    text = value.strip().replace("\\", "/")
    if text.startswith("/") or (len(text) > 1 and text[1] == ":"):
        raise JournalDirError(f"{OPTION} is {value!r}: give the folder relative to docs_dir, e.g. {OPTION}: journal")
    parts = [part for part in text.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise JournalDirError(
            f"{OPTION} is {value!r}: the journal must be a folder inside docs_dir "
            "(MkDocs publishes only what is in docs_dir)"
        )
    return "/".join(parts)


@dataclass(frozen=True)
class JournalPlace:
    """The journal's folder inside docs_dir: "" when the journal is docs_dir itself."""

    folder: str = ""

    def directory(self, docs_dir: Path) -> Path:
        return Path(docs_dir) / self.folder if self.folder else Path(docs_dir)

    def site_path(self, rel: str) -> str:
        """A path inside the journal as MkDocs names it (relative to docs_dir)."""
        return f"{self.folder}/{rel}" if self.folder else rel

    def journal_path(self, src_uri: str) -> str | None:
        """A file's path inside the journal, or None when it lies outside the journal folder."""
        if not self.folder:
            return src_uri
        prefix = self.folder + "/"
        return src_uri[len(prefix) :] if src_uri.startswith(prefix) else None

    def reads(self, src_uri: str) -> bool:
        """Whether Trellis reads this file of docs_dir as a record (and so never publishes it as a page)."""
        rel = self.journal_path(src_uri)
        return rel is not None and record_kind(rel) is not None


def _under_record_folder(src_uri: str) -> bool:
    folders = src_uri.split("/")[:-1]
    # casefolded: on a case-insensitive disk Trellis may read "Contacts/" as contacts/, or not
    return any(folder.casefold() in RECORD_FOLDERS for folder in folders)


def _has_frontmatter(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(_BOM) + 3)
    except OSError:
        return True  # can't tell: better not published
    return head.removeprefix(_BOM).startswith(b"---")


def unread_records(files: Iterable[tuple[str, str | None]], reads: Callable[[str], bool] | None) -> list[str]:
    """The files (src_uri, absolute path) that look like records Trellis does not read, sorted.

    `reads` says which files Trellis reads (None: it reads none, the plugin is off). Only
    markdown under a record folder is opened, and only its first bytes are read.
    """
    found = []
    for src_uri, path in files:
        if path is None or not src_uri.lower().endswith(MARKDOWN_SUFFIXES) or not _under_record_folder(src_uri):
            continue  # a page another plugin made, or not a record's kind of file
        if reads is not None and reads(src_uri):
            continue
        if _has_frontmatter(path):
            found.append(src_uri)
    return sorted(found)


def _holding_folder(src_uri: str) -> str:
    """The folder a record file's journal would be: the path before its first record folder."""
    parts = src_uri.split("/")
    for index, part in enumerate(parts[:-1]):
        if part.casefold() in RECORD_FOLDERS:
            return "/".join(parts[:index])
    return ""


def unread_records_message(unread: list[str], docs_shown: str, place: JournalPlace | None) -> str:
    """What stopped the build, which files, and what to do. `place` is None when the plugin is off."""
    listed = "\n".join(f"  {docs_shown}/{uri}" for uri in unread[:MAX_LISTED])
    if len(unread) > MAX_LISTED:
        listed += f"\n  and {len(unread) - MAX_LISTED} more"
    head = (
        f"Trellis stopped the build: {len(unread)} file(s) look like journal records (markdown with "
        "frontmatter under a contacts/, goals/, entries/ or applications/ folder) that Trellis did not read, so MkDocs "
        f"would publish them as ordinary pages, e-mails, phones and notes included:\n{listed}\n"
    )
    if place is None:
        return head + (
            "The trellis plugin is switched off (enabled: false). Switch it on, or keep these files "
            "out of the site: move them out of docs_dir, or list them in MkDocs' exclude_docs."
        )
    folders = sorted({_holding_folder(uri) for uri in unread})
    where = f"{docs_shown}/{place.folder}" if place.folder else docs_shown
    current = f"{OPTION}: {place.folder}" if place.folder else f"{OPTION} is not set"
    if len(folders) == 1:
        wanted = (
            f"set the trellis option {OPTION}: {folders[0]}"
            if folders[0]
            else f"remove the trellis option {OPTION} (the journal is then docs_dir itself)"
        )
        fix = f"If they are your journal, {wanted} in mkdocs.yml."
    else:
        fix = (
            f"A site has one journal: set the trellis option {OPTION} to the folder that holds it "
            f"(one of: {', '.join(f or '(docs_dir itself)' for f in folders)}) and move the other records into it."
        )
    return (
        head
        + f"Trellis reads records only in {where}/contacts/, goals/, entries/ and applications/ ({current}). {fix} "
        "Files that are not records: move them out of those folders, or list them in MkDocs' exclude_docs."
    )


def linked_records(files: Iterable[tuple[str, str | None]], journal_dir: Path) -> list[tuple[str, str]]:
    """(src_uri, the record it shows) for each file that is a record under another name: a symbolic
    link (of the file or of a folder above it, `journal/diary -> entries`, `notes.md ->
    entries/2026/...`) whose target lies in a record folder. MkDocs follows links, so such a file
    would be published as an ordinary page, a private entry's or a contact's notes as written;
    `files` are those Trellis does not read as records itself."""
    roots = []
    for folder in RECORD_FOLDERS:
        try:
            roots.append((folder, Path(os.path.realpath(journal_dir / folder))))
        except (OSError, ValueError):
            continue
    found = []
    for src_uri, path in files:
        if path is None:
            continue
        try:
            real = Path(os.path.realpath(path))
        except (OSError, ValueError):
            continue
        if real == Path(os.path.abspath(path)):
            continue  # no link on the way: a file where it says it is
        for folder, root in roots:
            if real.is_relative_to(root):
                found.append((src_uri, f"{folder}/{real.relative_to(root).as_posix()}"))
                break
    return sorted(found)


def linked_records_message(linked: list[tuple[str, str]], docs_shown: str) -> str:
    listed = "\n".join(f"  {docs_shown}/{uri} -> {record}" for uri, record in linked[:MAX_LISTED])
    if len(linked) > MAX_LISTED:
        listed += f"\n  and {len(linked) - MAX_LISTED} more"
    return (
        f"Trellis stopped the public build: {len(linked)} file(s) are symbolic links to journal records (or lie "
        f"in a linked folder), which MkDocs would publish as ordinary pages, private text and all:\n{listed}\n"
        "Remove the link, or write what may be public into a page of its own."
    )


class AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !!python/name and !ENV tags are none of our business."""


AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


# the names a project's site configuration goes by, in the order ProperDocs reads them
# (MkDocs 1.6 reads the last two): the first that exists is the project's
CONFIG_NAMES = ("properdocs.yml", "properdocs.yaml", "mkdocs.yml", "mkdocs.yaml")


def config_file(project: Path) -> Path | None:
    """The project's site configuration (mkdocs.yml, or properdocs.yml for ProperDocs), or None."""
    for name in CONFIG_NAMES:
        if (project / name).is_file():
            return project / name
    return None


def site_config(project: Path) -> dict:
    """The project's mkdocs.yml (or properdocs.yml) as values (read only: a command asks for it more than once)."""
    path = config_file(project)
    if path is None:
        return {}
    try:
        stat = path.stat()
    except OSError:
        return {}
    return _parsed_config(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _parsed_config(path: str, mtime_ns: int, size: int) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle.read(), Loader=AnyTagLoader) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        data = {}
    return data if isinstance(data, dict) else {}


def plugin_options(project: Path) -> dict:
    """The trellis plugin's options in the project's mkdocs.yml, so the command judges as the site does."""
    plugins = site_config(project).get("plugins") or []
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else (next(iter(p.items())) if isinstance(p, dict) and p else (p, None) for p in plugins)
    )
    for name, options in entries:
        if name == "trellis":
            return options if isinstance(options, dict) else {}
    return {}


def locate(path: Path) -> tuple[Path, Path]:
    """(journal folder, project folder) for a path given on the command line.

    A project folder (with mkdocs.yml or properdocs.yml, whose docs_dir and the plugin's
    journal_dir are used), or the journal folder itself. A journal_dir that names no
    folder inside docs_dir raises JournalDirError.
    """
    path = Path(path).resolve()
    if config_file(path) is not None:
        docs_dir = site_config(path).get("docs_dir", "docs")
        place = JournalPlace(journal_folder(plugin_options(path).get(OPTION)))
        return place.directory(path / str(docs_dir)).resolve(), path
    if (path / "journal").is_dir() and not any((path / k).is_dir() for k in RECORD_FOLDERS):
        return path / "journal", path
    return path, path.parent


def journal_at(path: Path) -> Path | None:
    """The project or journal folder a path is in: the path itself, else the nearest folder
    above it that is one (`trellis check` run in journal/entries/), else None. A folder that
    is neither is never read as a journal: it would check "0 records", `new` would write
    into it, and the clean-up of killed commands' temporary files would walk all of it."""
    for folder in (path, *path.parents):
        kinds = sum((folder / kind).is_dir() for kind in RECORD_FOLDERS)
        if config_file(folder) is not None or (folder / "plan.md").is_file():
            return folder
        # the path itself may be a journal of one kind of record; a folder above it needs two
        # (a home folder with a Contacts folder is no journal)
        if kinds >= (1 if folder == path else 2) or folder == path and (folder / "journal").is_dir():
            return folder
    return None


def located(path: Path) -> tuple[Path, Path]:
    """(journal folder, project folder) for a path as the user gave it: the project or journal
    folder it lies in (`journal_at`), else the path itself (`locate`)."""
    return locate(journal_at(path.resolve()) or path)
