"""Writing into the journal: the only module that does, for `trellis new` and `trellis import`.

Promises: a file is never overwritten by a new one (creation is an atomic link that fails
if the name is taken); an existing file only ever gets empty fields filled in, written to
a temporary file and renamed over the old one, so a crash leaves the old file or the new
one, never half of either. The user's lines, comments and order are kept byte for byte:
filling a field adds or replaces one line, nothing else.

A temporary file is `.NAME.PID.XXXXXXXX.tmp` beside the file it becomes (PID: the process
writing it), with that file's private text. A process killed with SIGKILL leaves it
behind: `leftovers` finds those whose process is gone, for the next command to remove.
A failed write raises `CannotWrite`, naming the user's file, never the temporary one.
New files get the mode the user's umask gives (not mkstemp's 0600); a rewritten file
keeps its own.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from anyascii import anyascii

from .loading import journal_files, record_id
from .signals import signals_held


class FileExists(Exception):
    """The file is already there: Trellis never overwrites a journal file."""


class CannotWrite(OSError):
    """The system refused a write (no space, permission, read-only, a folder vanished).

    An OSError whose `filename` is the user's file and whose errno and strerror are the
    system's; the temporary file it was going through is already removed."""

    def __init__(self, path: Path, error: OSError):
        super().__init__(error.errno, error.strerror or str(error), str(path))
        self.path = path


# What this process has written, in order, and the temporary files it has open: for the
# command to say what was done before it stopped, and to remove what it leaves.
written: list[Path] = []
_live_temporaries: set[Path] = set()
TEMPORARY_NAME = re.compile(r"^\.(?P<name>.+?)\.(?:(?P<pid>\d+)\.)?[a-z0-9_]{8}\.tmp$")  # mkstemp's 8 characters
_ABANDONED_AFTER_SECONDS = 3600  # no write takes an hour: past that, a live PID is another process's


def slug(text: str) -> str:
    """A file name from a person's name: "Zoë O'Brien-Smith" -> "zoe-obrien-smith", any script transliterated."""
    ascii_text = anyascii(text).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60].strip("-")


def taken_ids(journal_dir: Path, kind: str) -> set[str]:
    """The ids a new record of this kind may not take: the name of every record file in
    its folder, subfolders included (a record's id is its file name, and two alike are
    FILE-6), and of any other file at the folder's top."""
    ids = {record_id(rel) for _, rel in journal_files(journal_dir) if rel.startswith(kind + "/")}
    folder = journal_dir / kind
    if folder.is_dir():
        ids |= {p.stem for p in folder.iterdir() if p.is_file()}
    return ids


def free_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... the first one not taken."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _umask() -> int:
    try:  # Linux says it without changing it
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere it can only be read by setting it, back at once
    os.umask(mask)
    return mask


def _temporary(path: Path, text: str, mode: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    # a signal between creating the file and noting it would leave it untracked (seen under
    # load): the command's signals wait, pending, until it is noted
    with signals_held():
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
        temporary = Path(name)
        _live_temporaries.add(temporary)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        _discard(temporary)
        raise
    return temporary


def _discard(temporary: Path) -> None:
    temporary.unlink(missing_ok=True)
    _live_temporaries.discard(temporary)


def create(path: Path, text: str) -> None:
    """Write a new file atomically; FileExists if the name is taken (even by a race)."""
    if path.exists():
        raise FileExists(path)
    temporary = None
    try:
        temporary = _temporary(path, text, 0o666 & ~_umask())
        try:
            os.link(temporary, path)  # fails if `path` appeared meanwhile: never overwrites
        except FileExistsError:
            raise FileExists(path) from None
        written.append(path)
    except OSError as err:
        raise CannotWrite(path, err) from err
    finally:
        if temporary is not None:
            _discard(temporary)


def replace(path: Path, text: str) -> None:
    """Rewrite an existing file atomically (temporary file, then rename); it keeps its mode."""
    temporary = None
    try:
        temporary = _temporary(path, text, stat.S_IMODE(os.stat(path).st_mode))
        os.replace(temporary, path)
        _live_temporaries.discard(temporary)
        written.append(path)
    except OSError as err:
        raise CannotWrite(path, err) from err
    finally:
        if temporary is not None and temporary in _live_temporaries:
            _discard(temporary)


def remove_temporaries() -> list[Path]:
    """Remove the temporary files this process still has (it is stopping); the ones removed."""
    removed = []
    for temporary in list(_live_temporaries):
        try:
            temporary.unlink()
            removed.append(temporary)
        except FileNotFoundError:
            pass
        except OSError:  # a read-only disk: `leftovers` finds it next time
            continue
        _live_temporaries.discard(temporary)
    return removed


def _process_runs(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except OSError:  # no such call here: assume the worst
        return True
    return True


def leftovers(folder: Path, recursive: bool = True) -> list[tuple[Path, bool]]:
    """Temporary files of Trellis under `folder` that no running write owns: (path, abandoned).

    Abandoned ones (their process is gone, or they are over an hour old, or they are of
    this process but not among its open ones) are safe to remove; the others might still
    be written by a command running now."""
    found: list[tuple[Path, bool]] = []
    try:
        walker = os.walk(folder) if recursive else [(str(folder), [], os.listdir(folder))]
    except OSError:
        return found
    for where, _, names in walker:
        for name in names:
            match = TEMPORARY_NAME.match(name)
            if not match or not (match.group("pid") or match.group("name").lower().endswith(".md")):
                continue  # an old one (no PID) only beside a record: another tool's .x.tmp is not ours
            path = Path(where) / name
            if path in _live_temporaries or not path.is_file():
                continue
            pid = int(match.group("pid")) if match.group("pid") else None
            try:
                old = time.time() - path.stat().st_mtime > _ABANDONED_AFTER_SECONDS
            except OSError:
                continue
            abandoned = pid is None or pid == os.getpid() or old or not _process_runs(pid)
            found.append((path, abandoned))
    return found


def target_of(temporary: Path) -> Path:
    """The file a temporary file was to become."""
    match = TEMPORARY_NAME.match(temporary.name)
    return temporary.with_name(match.group("name")) if match else temporary


def yaml_value(value: Any) -> str:
    """One YAML scalar or flow value, quoted where needed: imported text is stored as written."""
    return (
        yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000).strip().removesuffix("\n...")
    )


def frontmatter_text(fields: dict[str, Any], body: str = "") -> str:
    lines = ["---"]
    for key, value in fields.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {yaml_value(v)}" for k, v in value.items()]
        else:
            lines.append(f"{key}: {yaml_value(value)}")
    lines.append("---")
    text = "\n".join(lines) + "\n"
    return text + (body.rstrip("\n") + "\n" if body.strip() else "")


_EMPTY = re.compile(r"""^(?P<key>[A-Za-z_][\w-]*):\s*(?:""|''|~|null)?\s*(?:#.*)?$""")


def fill_fields(text: str, values: dict[str, Any], body: str | None = None) -> tuple[str, list[str]]:
    """The file's text with `values` written where the frontmatter lacks them or leaves them empty.

    `values` maps a key to a value, or "links" to a mapping of link names. Returns the new
    text and the keys filled. Keys the file already has a value for are never touched;
    a `links:` written as a flow mapping is left alone. `body` fills an empty body.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    if not lines or lines[0].lstrip("\ufeff").strip() != "---":
        return text, []
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        return text, []
    filled: list[str] = []
    top: dict[str, int] = {}  # top-level key -> its line
    for i in range(1, close):
        match = re.match(r"^([A-Za-z_][\w-]*):", lines[i])
        if match:
            top[match.group(1)] = i
    insert: list[str] = []
    for key, value in values.items():
        if value in (None, "", [], {}):
            continue
        if key == "links":
            if "links" not in top:
                insert += ["links:"] + [f"  {k}: {yaml_value(v)}" for k, v in value.items()]
                filled += [f"links.{k}" for k in value]
                continue
            at = top["links"]
            if _EMPTY.match(lines[at]):
                lines[at] = "links:"
            elif lines[at].split(":", 1)[1].strip():
                continue  # a flow mapping: not ours to rewrite
            block_end = at + 1
            while block_end < close and (lines[block_end].startswith((" ", "\t")) or not lines[block_end].strip()):
                block_end += 1
            have = {m.group(1) for line in lines[at + 1 : block_end] if (m := re.match(r"^\s+([\w-]+):\s*\S", line))}
            held = {yaml_value(v) for v in _block_values(lines[at + 1 : block_end])}  # an address under another name
            value = {k: v for k, v in value.items() if k not in have and yaml_value(v) not in held}
            new = [f"  {k}: {yaml_value(v)}" for k, v in value.items()]
            filled += [f"links.{k}" for k in value]
            lines[block_end:block_end] = new
            close += len(new)
            top = {k: (i + len(new) if i >= block_end else i) for k, i in top.items()}
            continue
        if key in top:
            if _EMPTY.match(lines[top[key]]) and not _has_block_value(lines, top[key], close):
                lines[top[key]] = f"{key}: {yaml_value(value)}"
                filled.append(key)
            continue
        insert.append(f"{key}: {yaml_value(value)}")
        filled.append(key)
    lines[close:close] = insert
    close += len(insert)
    if body and not newline.join(lines[close + 1 :]).strip():
        lines[close + 1 :] = body.rstrip("\n").split("\n") + [""]
        filled.append("notes")
    return newline.join(lines), filled


def _block_values(lines: list[str]) -> list[Any]:
    """The values of a block mapping's lines (`  website: https://...`), as YAML reads them."""
    values = []
    for line in lines:
        match = re.match(r"^\s+[\w-]+:\s*(\S.*)$", line)
        if match:
            try:
                values.append(yaml.safe_load(match.group(1)))
            except yaml.YAMLError:
                continue
    return values


def _has_block_value(lines: list[str], at: int, close: int) -> bool:
    """`key:` followed by indented lines holds a block value (a list or mapping), not nothing."""
    return at + 1 < close and lines[at + 1].startswith((" ", "\t", "-")) and bool(lines[at + 1].strip())
