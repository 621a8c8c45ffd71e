"""Shell completion of contact ids and names (`trellis log <Tab>`), through argcomplete.

A completion runs at each Tab, so it reads only what it lists: each contact file's name
(the file name is the id) and its `name:` line, no YAML, no analysis. Enable it once with
`eval "$(register-python-argcomplete trellis)"` (bash or zsh; see docs/guide/commands.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..model import MARKDOWN_SUFFIXES
from ..rules.people import name_key

_NAME = re.compile(r"""^name:[ \t]*(?P<q>["']?)(?P<name>.*?)(?P=q)[ \t]*(?:#.*)?$""")


def contact_names(journal_dir: Path) -> list[tuple[str, str]]:
    """(id, name) of each contact file under `contacts/`, from its frontmatter's `name:` line."""
    found = []
    folder = journal_dir / "contacts"
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if not path.name.lower().endswith(MARKDOWN_SUFFIXES) or path.name.startswith(".") or not path.is_file():
            continue
        name = ""
        try:
            with path.open(encoding="utf-8-sig", errors="replace") as handle:
                if handle.readline().strip() == "---":
                    for line in handle:
                        if line.strip() in ("---", "..."):
                            break
                        match = _NAME.match(line.rstrip("\r\n"))
                        if match:
                            name = match.group("name").strip()
                            break
        except OSError:
            continue
        found.append((path.name[: path.name.rfind(".")], name))
    return found


def completions(pairs: Iterable[tuple[str, str]], prefix: str) -> list[str]:
    """The ids and names that start with `prefix` (case and accents aside); a name by its first
    name or its family name."""
    typed = name_key(prefix)
    out: list[str] = []
    for cid, name in pairs:
        if cid.startswith(prefix) or name_key(cid).startswith(typed):
            out.append(cid)
        if name and any(name_key(" ".join(name.split()[i:])).startswith(typed) for i in range(len(name.split()))):
            out.append(name)
    return list(dict.fromkeys(out))


def contact_completer(prefix: str, parsed_args: Any = None, **_: Any) -> list[str]:
    """argcomplete's completer for WHO: the journal `--path` names (default: here)."""
    from ..locating import journal_at, locate

    try:
        given = journal_at(Path(getattr(parsed_args, "path", None) or ".").resolve())
        if given is None:
            return []
        journal_dir, _project = locate(given)
        return completions(contact_names(journal_dir), prefix)
    except Exception:  # noqa: BLE001 - a completion never fails the shell: it offers nothing
        return []
