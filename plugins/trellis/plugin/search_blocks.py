"""What a reader does not search stays out of the search plugin's reading (issue 31).

Trellis' templates mark the blocks a reader never searches (the network map's SVG, the
charts with their tables of numbers, a goal's table of what counted) with
`data-search-exclude="true"`, the attribute material's search plugin honours: it leaves
such an element out of the index. It still parses all of it with `html.parser`, though (a
megabyte of map costs a fifth of a second, every chart a few milliseconds), so for
Trellis' own pages the marked blocks are cut out of `page.content` just before the search
plugin reads it and put back just after, each where it was, as one comment stands in for
it. The marker is never printed: the blocks put back are without it, so a page's HTML is
the same with search on or off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARK = ' data-search-exclude="true"'
_OPEN = re.compile(r'<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*? data-search-exclude="true"[^>]*>')
_PLACE = "<!--trellis-search-excluded-{}-->"


@dataclass(frozen=True)
class Blocks:
    """A page's body as the search plugin reads it, and the blocks cut out of it."""

    light: str  # the body with a comment where each block was
    blocks: tuple[str, ...]  # each block, without the marker

    def restored(self, html: str) -> str:
        """`html` (the light body, perhaps rewritten by the search plugin) with its blocks back."""
        for n, block in enumerate(self.blocks):
            html = html.replace(_PLACE.format(n), block, 1)
        return html


def _end(html: str, tag: str, start: int) -> int | None:
    """Where the element opened at `start` closes (just after its end tag), nested ones counted."""
    pattern = re.compile(rf"<(/?){tag}\b[^>]*>", re.IGNORECASE)
    depth = 0
    for found in pattern.finditer(html, start):
        if found.group(0).endswith("/>"):
            continue
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return found.end()
    return None


def cut(html: str) -> tuple[str, Blocks | None]:
    """The body without markers (as printed), and its blocks cut out for the search plugin
    (None where nothing is marked)."""
    if MARK not in html:
        return html, None
    light: list[str] = []
    blocks: list[str] = []
    printed: list[str] = []
    at = 0
    while (found := _OPEN.search(html, at)) is not None:
        end = _end(html, found.group(1), found.start())
        if end is None:  # not closed: left to the search plugin, which skips it too
            break
        before = html[at : found.start()]
        block = html[found.start() : end].replace(MARK, "")
        light += [before, _PLACE.format(len(blocks))]
        printed += [before, block]
        blocks.append(block)
        at = end
    rest = html[at:].replace(MARK, "")
    light.append(rest)
    printed.append(rest)
    return "".join(printed), Blocks("".join(light), tuple(blocks))
