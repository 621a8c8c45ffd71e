"""Private people replaced in Markdown's headings, before it is rendered (`View.redact_headings`).

A heading's text becomes its anchor id and the page's table of contents, which redacting the
rendered text nodes (`redaction.py`) would not reach; a tab's title likewise. The label is
written as character references, so Markdown reads it as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .matching import Match, Matcher
from .redaction import INLINE, _default_label

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^( {0,3}#{1,6}(?:[ \t]+|$))(.*)$")
_SETEXT_LINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
# a tab's title (pymdownx.tabbed's `=== "Title"`, pymdownx.blocks.tab's `/// tab | Title`): with
# the extension's slugify option it becomes the tab's id, as a heading's text its anchor
# a heading written in HTML: with md_in_html's `markdown` attribute, toc makes its id from the text too
_HTML_HEADING = re.compile(r"^( {0,3}<h[1-6](?:\s[^>]*)?>)(.*?)(</h[1-6]\s*>\s*)$", re.I)
_TAB = re.compile(r'^(\s*===[!+]{0,2}[ \t]+")(.*)("[ \t]*)$|^(\s*/{3,}[ \t]*tab[ \t]*\|[ \t]*)(.*)()$')
# parts of a heading left as written: code spans, link targets, autolinks and raw tags
_KEPT = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^>]*>|\{[^}]*\}\s*$")


def _inert(label: str) -> str:
    """A label Markdown reads as plain text: every character but letters, digits and spaces
    as a character reference (so `<`, `[`, `*`, `_` and `` ` `` are never syntax)."""
    return "".join(c if c.isalnum() and c.isascii() or c == " " else f"&#{ord(c)};" for c in label)


# emphasis markers and inline tags in a heading's markdown: "*Ada* Lovelace" is the full name once read
_MARKS = re.compile(r"\*+|(?<![^\W_])_+|_+(?![^\W_])|~~|==|\^\^|</?(?:" + "|".join(sorted(INLINE)) + r")\b[^>]*>", re.I)


def _names(text: str, matcher: Matcher) -> int:
    return sum(m.kind != "first-name" for m in matcher.find(text))


def _redact_heading_text(text: str, matcher: Matcher, label_for) -> str:
    plain = _MARKS.sub("", text)
    if plain != text and _names(plain, matcher) > _names(text, matcher):
        # a name split by emphasis or an inline tag: the heading without them (its anchor is made
        # from the text; otherwise "Lunch with *Ada* Lovelace" kept Lovelace there, and on the page)
        text = plain
    out, position = [], 0
    for kept in list(_KEPT.finditer(text)) + [None]:
        stop = kept.start() if kept else len(text)
        segment = text[position:stop]
        edited, at = [], 0
        for match in matcher.find(segment):
            label = label_for(match)
            if label is None:
                continue
            edited += [segment[at : match.start], _inert(label)]
            at = match.stop
        out.append("".join(edited) + segment[at:])
        if kept:
            out.append(kept.group(0))
            position = kept.end()
    return "".join(out)


def redact_markdown_headings(
    markdown: str, matcher: Matcher, label_for: Callable[[Match], str | None] | None = None
) -> str:
    """Markdown with private people replaced in its headings only (ATX `# ...` and setext
    underlined ones), outside fenced code. A heading's text becomes its anchor id and the
    table of contents, which redacting the rendered text nodes would not reach."""
    label_for = label_for or _default_label
    lines = markdown.split("\n")
    fence = None
    for n, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        atx = _ATX.match(line)
        tab = _TAB.match(line) or _HTML_HEADING.match(line)
        if tab:
            head, title, tail = (
                (tab.group(1), tab.group(2), tab.group(3))
                if tab.group(1) is not None
                else (tab.group(4), tab.group(5), tab.group(6))
            )
            lines[n] = head + _redact_heading_text(title, matcher, label_for) + tail
        elif atx:
            lines[n] = atx.group(1) + _redact_heading_text(atx.group(2), matcher, label_for)
        elif (
            n + 1 < len(lines)
            and line.strip()
            and _SETEXT_LINE.match(lines[n + 1])
            and not line.lstrip().startswith(("-", "*", "+", ">", "|"))
        ):
            lines[n] = _redact_heading_text(line, matcher, label_for)
    return "\n".join(lines)
