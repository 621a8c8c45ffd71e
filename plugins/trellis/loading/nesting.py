"""Markdown the renderers can take: how deep a text nests, measured before Python-Markdown recurses.

Python-Markdown parses nested lists and blockquotes recursively, and a list nested 400
levels deep (4 spaces a level) ran for seconds and ended in a RecursionError; 2,000 levels
ran for minutes. So a text is measured first, in one linear pass, and one that nests deeper
than `MAX_MARKDOWN_DEPTH` is never handed to it: it is a finding (FILE-13) with its line.
The measure over-counts on purpose (every 4 columns of indentation and every `>` count as
a level, and so does every HTML element still open), so that nothing it lets through
can be deep; no page a person writes comes near the limit. Emphasis recurses too
(`*a *b *c ... c* b* a*`, or 2,000 asterisks around a word, ended the build in a
RecursionError): within a paragraph, every `*` or `_` that can only open emphasis (a
space or the line's start before it, a character after) adds a level on top of the
line's block level, and every one that can only close it takes one away.

The same goes for the journal's ordinary pages (index.md, about.md), which MkDocs renders:
one that is too deep, or that is not UTF-8 text at all (a photo saved as `photo.md`), is a
finding, and the build leaves it out of the site instead of ending in a traceback.
"""

from __future__ import annotations

import re

from ..catalog import finding
from ..model import Finding, Source

MAX_MARKDOWN_DEPTH = 100
_QUOTES = re.compile(r"[ \t]*(?:>[ \t]*)+")
_FENCE = re.compile(r"[ \t>]*(```|~~~)")
# an HTML tag: opening (not self-closed) or closing; elements that are never closed do not nest
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")
# a run of emphasis marks; one that can only open emphasis or only close it is told by its neighbours
_EMPHASIS = re.compile(r"[*_]+")
_NEW_BLOCK = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)]|#{1,6})(?:[ \t]|$)")
# an autolink (`<https://...>`, `<ada@example.org>`) is a link, not an element left open
_AUTOLINK = re.compile(r"<[^\s<>]*[:@][^\s<>]*>")
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
    "p",
    "li",
    "dt",
    "dd",
    "option",
    "tr",
    "td",
    "th",
}  # the last ones may be left unclosed in HTML
TOO_DEEP_NOTE = "*(Not shown: this text nests more than {limit} levels deep. `trellis check` says where.)*"


def nesting(text: str, limit: int = MAX_MARKDOWN_DEPTH) -> tuple[int, int]:
    """(deepest level, the 0-based line where it first passes `limit`, else where it is
    reached), over-counted as said above."""
    deepest, where, html_depth, fenced, emphasis = 0, 0, 0, None, 0
    for number, line in enumerate(text.split("\n")):
        fence = _FENCE.match(line)
        if fence:
            if fenced is None:
                fenced = fence.group(1)
            elif fence.group(1) == fenced:
                fenced = None
            continue
        if fenced is not None:
            continue  # code: shown as it is, never parsed into blocks
        quotes = _QUOTES.match(line)
        marks = quotes.group(0).count(">") if quotes else 0
        rest = line[quotes.end() :] if quotes else line
        columns = len(rest.expandtabs(4)) - len(rest.expandtabs(4).lstrip(" "))
        level = marks + columns // 4
        if not rest.strip() or _NEW_BLOCK.match(rest):
            emphasis = 0  # a blank line, a list item or a heading starts a block: emphasis left open ends
        elif "*" in rest or "_" in rest:
            opened = emphasis
            for run in _EMPHASIS.finditer(rest):
                before = rest[run.start() - 1] if run.start() else " "
                after = rest[run.end()] if run.end() < len(rest) else " "
                if before.isspace() and not after.isspace():
                    emphasis += len(run.group())
                    opened = max(opened, emphasis)
                elif after.isspace() and not before.isspace():
                    emphasis = max(emphasis - len(run.group()), 0)
            level += opened
        if "<" in line:
            for tag in _TAG.finditer(line):
                if tag.group(2).lower() in _VOID or tag.group(3) or _AUTOLINK.fullmatch(tag.group(0)):
                    continue
                html_depth = max(html_depth - 1, 0) if tag.group(1) else html_depth + 1
                level = max(level, html_depth)
        if level > deepest:
            if deepest <= limit:
                where = number
            deepest = level
    return deepest, where


def could_nest_deeply(text: str) -> bool:
    """A cheap bound first: a level needs a '>', a '<' or 4 columns of indentation."""
    marks = text.count(">") + text.count("<") + text.count("*") + text.count("_")
    return 4 * marks + text.count(" ") + 4 * text.count("\t") > 4 * MAX_MARKDOWN_DEPTH


def too_deep(text: str, source: Source, first_line: int) -> Finding | None:
    """The finding about a markdown text that starts at `first_line` of its file, if it nests too deeply."""
    if not could_nest_deeply(text):
        return None
    depth, line = nesting(text)
    if depth <= MAX_MARKDOWN_DEPTH:
        return None
    return finding(
        "FILE-13",
        source,
        first_line + line,
        f"the markdown nests more than the {MAX_MARKDOWN_DEPTH} levels Trellis renders from here on "
        f"({depth} in all: lists, quotes, HTML or emphasis inside each other)",
        "flatten it: fewer levels of indentation, '>', nested HTML or '*'; until then it is not shown",
    )


def page_problem(path: str, shown: str, rel: str) -> Finding | None:
    """Why an ordinary page (not a record) can't be rendered: not UTF-8 text, or nested too deeply."""
    source = Source(path=path, shown=shown, rel=rel)
    try:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return finding(
            "FILE-1",
            source,
            1,
            f"the page is not UTF-8 text ({err.reason} at byte {err.start})",
            "save it with UTF-8 encoding, or, if it is not a page (a photo), give it its own suffix "
            "(.jpg, .png); until then it is left out of the site",
        )
    except OSError as err:
        return finding(
            "FILE-1",
            source,
            1,
            f"the page can't be read ({err.strerror})",
            "check that it exists and is readable; until then it is left out of the site",
        )
    return too_deep(text, source, 1)
