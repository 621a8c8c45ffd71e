"""Writing into the journal: the only module that does, for `trellis new` and `trellis import`.

Promises: a file is never overwritten by a new one (creation is an atomic link that fails
if the name is taken); an existing file only ever gets empty fields filled in, written to
a temporary file and renamed over the old one, so a crash leaves the old file or the new
one, never half of either. The user's lines, comments and order are kept byte for byte:
filling a field adds or replaces one line, nothing else.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from anyascii import anyascii

from .loading import journal_files, record_id


class FileExists(Exception):
    """The file is already there: Trellis never overwrites a journal file."""


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


def _temporary(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def create(path: Path, text: str) -> None:
    """Write a new file atomically; FileExists if the name is taken (even by a race)."""
    if path.exists():
        raise FileExists(path)
    temporary = _temporary(path, text)
    try:
        os.link(temporary, path)  # fails if `path` appeared meanwhile: never overwrites
    except FileExistsError:
        raise FileExists(path) from None
    finally:
        os.unlink(temporary)


def replace(path: Path, text: str) -> None:
    """Rewrite an existing file atomically (temporary file, then rename)."""
    temporary = _temporary(path, text)
    try:
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def yaml_value(value: Any) -> str:
    """One YAML scalar or flow value, quoted where needed: imported text is stored as written."""
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000).strip().removesuffix("\n...")


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
            have = {m.group(1) for line in lines[at + 1:block_end] if (m := re.match(r"^\s+([\w-]+):\s*\S", line))}
            new = [f"  {k}: {yaml_value(v)}" for k, v in value.items() if k not in have]
            filled += [f"links.{k}" for k in value if k not in have]
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
    if body and not newline.join(lines[close + 1:]).strip():
        lines[close + 1:] = body.rstrip("\n").split("\n") + [""]
        filled.append("notes")
    return newline.join(lines), filled


def _has_block_value(lines: list[str], at: int, close: int) -> bool:
    """`key:` followed by indented lines holds a block value (a list or mapping), not nothing."""
    return at + 1 < close and lines[at + 1].startswith((" ", "\t", "-")) and bool(lines[at + 1].strip())
