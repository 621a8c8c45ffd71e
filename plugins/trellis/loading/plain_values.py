"""Unquoted values YAML read otherwise than they were written (FILE-14).

A plain (unquoted) YAML value ends where ` #` begins: the rest of the line is a comment.
`how_met: Climate Action Tech Slack, #jobs channel` is read as "Climate Action Tech Slack,",
and nothing says so. A value left with a dangling separator (`,` `:` `;` `-` at its end) is
the other trace of a value cut short. Both are found by comparing the file's line with the
value YAML read from it, so a quoted value, a block scalar (`|`, `>`), a flow list and a
comment on its own line are never reported; neither is a comment set off by two or more
spaces after a value that ends cleanly (`due: 2026-12-31  # the review`), the way YAML files
write one on purpose.
"""

from __future__ import annotations

import re
from typing import Any

from ..catalog import finding
from ..model import Finding, Source

# `key: value` (also `- key: value` in a list), the value starting as a plain scalar does
_KEYED = re.compile(r"^[ \t]*(?:-[ \t]+)*([A-Za-z0-9_][\w.-]*)[ \t]*:[ \t]+([^\s'\"|>\[{&*!%@`#].*?)[ \t]*$")
_COMMENT = re.compile(r"([ \t]+)#")
SEPARATORS = ",:;-"


def _value_at(values: Any, path: tuple) -> Any:
    for part in path:
        try:
            values = values[part]
        except (KeyError, IndexError, TypeError):
            return None
    return values


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def cut_values(source: Source, values: dict) -> list[Finding]:
    """FILE-14 for each unquoted value of the frontmatter that YAML cut at ` #` or that ends in a
    dangling separator; nothing when the file's text is not known (an old version from git)."""
    if not source.text:
        return []
    lines = source.text.split("\n")
    candidates = []
    for number in range(source.first_line, source.body_line - 1):  # the frontmatter's lines, 1-based
        if number - 1 >= len(lines):
            break
        line = lines[number - 1]
        if "#" not in line and not line.rstrip().endswith(tuple(SEPARATORS)):
            continue  # the usual line, at the cost of two string scans
        keyed = _KEYED.match(line)
        if keyed:
            candidates.append((number, keyed.group(1), keyed.group(2)))
    if not candidates:
        return []
    source.line()  # fills source.lines
    paths = {(line, path[-1]): path for path, line in source.lines.items() if path}
    found = []
    for number, key, raw in candidates:
        path = paths.get((number, key))
        read = _value_at(values, path) if path else None
        if not isinstance(read, str) or not read:
            continue  # a number, a date, a list: not a value that lost its words
        comment = _COMMENT.search(raw)
        kept = raw[: comment.start()] if comment else raw
        if read != kept:
            continue  # not what this line alone says (a value going on over the next lines)
        if comment and (len(comment.group(1)) == 1 or kept[-1] in SEPARATORS):
            message = (
                f"`{key}` was cut at ' #': YAML read {_quoted(read)} and took "
                f"{_quoted(raw[comment.end() - 1 :])} for a comment"
            )
        elif not comment and read[-1] in SEPARATORS:
            message = f"`{key}` ends in a dangling '{read[-1]}' ({_quoted(read)}): was the rest of it cut off?"
        else:
            continue
        fix = f"quote the value: {key}: {_quoted(raw)}"
        if comment and kept[-1] not in SEPARATORS:  # it may have been meant as a comment
            fix += (
                f"; or, if '#' starts a comment, set it off with two spaces: {key}: {kept}  {raw[comment.end() - 1 :]}"
            )
        found.append(finding("FILE-14", source, number, message, fix))
    return found
