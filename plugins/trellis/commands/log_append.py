"""One interaction added to an entry's text, the rest of the file kept byte for byte.

The frontmatter is edited as text, not read and dumped again (a YAML round trip drops the
user's comments, order and quoting): a list item goes at the end of the `interactions:`
block, indented as its items are, or the key is added before the closing `---`. The result
is read back and must hold what the file held plus the one new item, else nothing is written.
"""

from __future__ import annotations

import re
from typing import Any

from .. import writing
from ..loading.safe_yaml import Unreadable, split_text
from ..model import Source

_KEY = re.compile(r"^interactions[ \t]*:(?P<rest>.*)$")
_TOP_KEY = re.compile(r"^[^\s#-][^:]*:")


class CannotAppend(Exception):
    """The entry's text has no place for a new item that Trellis can write safely."""

    def __init__(self, line: int, why: str, fix: str):
        super().__init__(why)
        self.line, self.why, self.fix = line, why, fix


def item_lines(item: dict[str, Any], dash: str = "  ", keys: str = "    ") -> list[str]:
    """The YAML lines of one list item: `dash` before its `- `, `keys` before its other keys."""
    lines: list[str] = []
    for key, value in item.items():
        text = writing.yaml_value(value)
        lines.append(f"{keys if lines else dash + '- '}{key}: {text}")
    return lines


def _value_and_comment(rest: str) -> tuple[str, str]:
    at = rest.find(" #") if not rest.lstrip().startswith("#") else rest.find("#")
    return (rest, "") if at < 0 else (rest[:at], rest[at:].strip())


def append(text: str, item: dict[str, Any]) -> str:
    """`text` with `item` at the end of its `interactions:` list. Raises CannotAppend."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    if not lines or lines[0].lstrip("\ufeff").strip() != "---":
        raise CannotAppend(
            1, "the file does not start with a frontmatter line ---", "start it with --- as new entries do"
        )
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if close is None:
        raise CannotAppend(len(lines), "the frontmatter has no closing ---", "end the frontmatter with a line ---")
    at = next((i for i in range(1, close) if _KEY.match(lines[i])), None)
    if at is None:
        lines[close:close] = ["interactions:", *item_lines(item)]
        return newline.join(lines)
    value, comment = _value_and_comment(_KEY.match(lines[at]).group("rest"))  # type: ignore[union-attr]
    end = at + 1  # the lines after the key that belong to its block: indented, or a `- ` item
    while end < close and (lines[end][:1] in (" ", "\t", "-") or not lines[end].strip()):
        end += 1
    while end > at + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1  # blank lines and comments after the last item stay after the new one
    if value.strip() in ("", "[]", "~", "null") and end == at + 1:
        lines[at] = "interactions:" + (f"  {comment}" if comment else "")
        lines[at + 1 : at + 1] = item_lines(item)
        return newline.join(lines)
    if value.strip():
        raise CannotAppend(
            at + 1,
            "interactions: is written on one line ([...])",
            "write it as a list, one '- with:' item a line as trellis new entry does, then run trellis log again",
        )
    first = next((line for line in lines[at + 1 : end] if line.lstrip().startswith("- ")), None)
    if first is None:
        raise CannotAppend(at + 1, "interactions: holds no list", "write it as a list of '- with:' items")
    dash = first[: len(first) - len(first.lstrip())]
    lines[end:end] = item_lines(item, dash, dash + "  ")
    return newline.join(lines)


def check_appended(old: str, new: str, item: dict[str, Any], shown: str) -> None:
    """Read `new` back: it must hold `old`'s values plus `item`, and `old`'s body. Raises
    CannotAppend when not (the file is then left as it is)."""
    try:
        old_values, old_body = split_text(old.removeprefix("\ufeff"), Source(path="", shown=shown, rel=""))
        new_values, new_body = split_text(new.removeprefix("\ufeff"), Source(path="", shown=shown, rel=""))
    except Unreadable as err:
        raise CannotAppend(err.finding.line, err.finding.message, err.finding.fix) from None
    had = old_values.get("interactions") or []
    expected = {**old_values, "interactions": [*had, item]}
    if new_values != expected or new_body != old_body or list(new_values) != list(expected):
        raise CannotAppend(
            1, "the new interaction could not be added without changing the rest", "add it by hand this time"
        )
