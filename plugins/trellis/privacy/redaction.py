"""Private names replaced in rendered HTML, as text: never as markup, never in code or URLs.

The replacement (a role copied from someone's own LinkedIn profile) is escaped with
`html.escape` where it lands, a text node, so `<img onerror=...>` as a role shows as
those characters. Only text nodes are rewritten; text inside <code>, <pre>, <kbd>,
<samp>, <script>, <style> and every attribute value (href, src, title, alt...) is left as
written, and a private person found there is returned as a `Finding`, for the build to
stop on, not rewritten (a rewritten URL or code sample would be wrong and would hide the
problem).

The HTML is cut into tags, comments and text by a tokenizer that keeps every byte, so the
output equals the input except for the replaced runs of text. Text nodes separated only
by inline tags (<em>, <a>, <span>...) are matched as one run, as a reader sees them
("Ada <em>Lovelace</em>" is the full name; the label goes where the name starts and the
rest of the name is removed from the following nodes, their tags stay). So are nodes
separated by what a reader does not see as a break of the text: a line break (`<br>`,
read as a space), a comment, a footnote marker (`Ada<sup id="fnref:1">...</sup>
Lovelace`, read as nothing). A block tag starts a new run, which counts as the start of a
sentence for first names; a name a reader sees whole across blocks (a first and a last
name in two cells of a table row, the end of one list item and the start of the next) is
not rewritten (the label would land in one cell and empty another): it is a `Finding`,
found in the page's visible text (`visible_text`) after the runs are rewritten.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from .matching import DETAIL_KINDS, Match, Matcher

PROTECTED = frozenset({"code", "pre", "kbd", "samp"})  # as written, reported
RAW_TEXT = frozenset({"script", "style"})  # not text at all; reported
INLINE = frozenset(
    """a abbr b bdi bdo big cite data del dfn em font i ins mark q s small span
strong sub sup time tt u var wbr""".split()
)
# inside a run, read as a space: a line break, and a superscript or subscript ("Ada² Lovelace":
# "Ada" stands alone, it is not "Ada2")
BREAKS = frozenset({"br", "sub", "sup"})
# a line break reads as U+2028, a space to the matcher ("Ada<br>Lovelace" is one name) that still
# shows a line starts there: "Done<br>Will it rain?" opens with the word, not Will Turner
LINE_BREAK = "\u2028"


def _read_as(name: str) -> str:
    return LINE_BREAK if name == "br" else " " if name in BREAKS else ""


# a deleted text and the text inserted in its place are two texts, not one word:
# "<del>Hana</del><ins>a friend</ins>" (pymdownx.critic's substitution) is "Hana", then "a friend"
_SUBSTITUTION = re.compile(r"</del\s*>(?=<ins[\s>])", re.I)


# a footnote marker as Python-Markdown (and so MkDocs, material) writes it: not part of the text
_FOOTNOTE_REF = re.compile(r"""<sup\s[^>]*\bid\s*=\s*["']?fnref[^>]*>.*?</sup\s*>""", re.S | re.I)

# `(?=(X))\1` is an atomic group (`(?>X)`), which Python has only from 3.11: a run of
# attribute text is taken whole, so an unclosed quote in a long tag cannot backtrack for ever
_TOKEN = re.compile(
    r"""
    <!--.*?(?:-->|\Z)
  | <!\[CDATA\[.*?(?:\]\]>|\Z)
  | <[!?][^>]*>?
  | </?[A-Za-z][^\s/>]*(?:(?=([^>"']+))\1|"[^"]*"|'[^']*')*>
""",
    re.S | re.X,
)
_TAG_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
_ATTRIBUTE = re.compile(r"""([^\s"'=<>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


@dataclass(frozen=True)
class Finding:
    """A private person in a place that is not rewritten."""

    where: str  # "code", "pre", "script", "attribute href of <a>" ...
    offset: int  # position in the HTML
    text: str  # what was found, as written
    match: Match

    def __str__(self) -> str:
        return f"{self.match.origin} in {self.where}: {self.text!r}"


@dataclass(frozen=True)
class Redacted:
    html: str
    findings: list[Finding]


class MarkupStop(ValueError):
    """What Trellis was to print names a person where text is not rewritten (code, an address):
    the build stops on it (`markup_stop_message`)."""

    def __init__(self, findings: list[Finding]):
        super().__init__(f"{len(findings)} findings")
        self.findings = findings


def _default_label(match: Match) -> str | None:
    return match.label if match.who else None


def redact_html(
    source: str,
    matcher: Matcher,
    label_for: Callable[[Match], str | None] | None = None,
    find: Callable[[str, str], list[Match]] | None = None,
) -> Redacted:
    """`source` (a page body, or a whole page) with private people replaced in its text nodes.
    `find(text, mode)`, if given, stands for `matcher.find` on each run and attribute (a memo)."""
    find = find or (lambda text, mode: matcher.find(text, mode=mode))
    result, findings, _ = redact_nodes(source, find, label_for or _default_label)
    findings += _split_across_blocks(result, matcher)
    return Redacted(result, findings)


# what could start a tag or a comment: in a text node, a tag the piece left unclosed (`frames.py`)
_TOKEN_START = re.compile(r"<[A-Za-z!?]|</[A-Za-z]")
# a footnote marker's opening tag: without its `</sup>` in the piece, the marker goes on past it
_FOOTNOTE_OPEN = re.compile(r"""<sup\s[^>]*\bid\s*=\s*["']?fnref""", re.I)


def redact_nodes(
    source: str, find: Callable[[str, str], list[Match]], label_for: Callable[[Match], str | None], cuts: bool = False
) -> tuple[str, list[Finding], bool]:
    """`redact_html` but for names split across blocks: the HTML, what was found where it is not
    rewritten, and (with `cuts`) whether `source` ends where a page may be cut: nothing left
    open (code, a comment, a script, a footnote marker, a tag) and no `<` in a text node that
    could start a tag, so that a block tag after it is read as it is in the whole page
    (`frames.py`). Without `cuts` the last is False."""
    clean = cuts
    out: list[str] = []
    findings: list[Finding] = []
    # (start, stop, None) of each text node of the current run, (start, stop, read as) of a tag in it
    run: list[tuple[int, int, str | None]] = []
    stack: list[str] = []  # open protected elements

    def flush() -> None:
        if run:
            out.extend(_redact_run(source, run, find, label_for))
            run.clear()

    def report(start: int, stop: int, where: str) -> None:
        for match in find(source[start:stop], "markup"):
            if match.who or match.kind == "marker":
                findings.append(
                    Finding(where, start + match.start, source[start + match.start : start + match.stop], match)
                )

    position = 0
    size = len(source)
    while position < size:
        token = _TOKEN.search(source, position)
        text_stop = token.start() if token else size
        if text_stop > position:
            if clean and _TOKEN_START.search(source, position, text_stop):
                clean = False
            if stack:
                report(position, text_stop, stack[-1])
                flush()
                out.append(source[position:text_stop])
            else:
                run.append((position, text_stop, None))
        if token is None:
            break
        raw = token.group()
        position = token.end()
        name_match = _TAG_NAME.match(raw)
        if name_match is None:  # comment, doctype, processing instruction: not shown
            if clean and not _closed(raw):
                clean = False
            if raw.startswith("<!--") and run and not stack:
                run.append((token.start(), token.end(), ""))  # "Ada<!-- x --> Lovelace" reads as one name
            else:
                flush()
                out.append(raw)
            continue
        footnote = _FOOTNOTE_REF.match(source, token.start()) if raw[:4].lower() == "<sup" else None
        if clean and footnote is None and raw[:4].lower() == "<sup" and _FOOTNOTE_OPEN.match(source, token.start()):
            clean = False
        if clean and footnote is not None and stack:  # (`visible_text` reads it as a marker there)
            clean = False
        if footnote is not None and not stack:  # the marker goes as written, read as nothing
            report(token.start(), footnote.end(), "a footnote marker")
            if run:
                run.append((token.start(), footnote.end(), ""))
            else:
                out.append(footnote.group())
            position = footnote.end()
            continue
        name = name_match.group(1).lower()
        closing = raw.startswith("</")
        if not closing:
            for attribute in _ATTRIBUTE.finditer(raw):
                group = next(g for g in (2, 3, 4) if attribute.group(g) is not None)
                report(
                    token.start() + attribute.start(group),
                    token.start() + attribute.end(group),
                    f"attribute {attribute.group(1).lower()} of <{name}>",
                )
        if name in INLINE or name in BREAKS:
            if run:  # the tag sits inside the run: it is written out between the run's nodes
                run.append(
                    (token.start(), token.end(), " " if _SUBSTITUTION.match(source, token.start()) else _read_as(name))
                )
            elif name in BREAKS:
                run.append(
                    (token.start(), token.end(), _read_as(name))
                )  # "<br>Lovelace" may follow "Ada" in a node to come
            else:
                out.append(raw)
            continue
        flush()
        out.append(raw)
        if name in RAW_TEXT and not closing and not raw.endswith("/>"):
            end = re.compile(rf"</{name}\s*>", re.I).search(source, position)
            stop = end.start() if end else size
            if end is None:
                clean = False
            report(position, stop, name)
            out.append(source[position:stop])
            position = stop
        elif name in PROTECTED:
            if closing:
                if name in stack:
                    while stack and stack.pop() != name:
                        pass
            elif not raw.endswith("/>"):
                stack.append(name)
    flush()
    return "".join(out), findings, clean and not stack


def _closed(raw: str) -> bool:
    """Whether a comment, CDATA section, doctype or processing instruction ends in the text
    read (one left open runs on to the end, wherever that is)."""
    if raw.startswith("<!--"):
        return len(raw) >= 7 and raw.endswith("-->")
    if raw.startswith("<![CDATA["):
        return len(raw) >= 12 and raw.endswith("]]>")
    return raw.endswith(">")


def _redact_run(source: str, pieces: list[tuple[int, int, str | None]], find, label_for) -> list[str]:
    """The run's text nodes (and the tags between them) with matches replaced."""
    joined = "".join(source[a:b] if read is None else read for a, b, read in pieces)
    edits = []  # (start, stop, escaped label) in `joined`
    for match in find(joined, "markup"):
        label = label_for(match)
        if label is not None:
            edits.append((match.start, match.stop, html.escape(label)))
    if not edits:
        return [source[a:b] for a, b, _ in pieces]
    out, offset, edit = [], 0, 0
    for start, stop, read in pieces:
        size = (stop - start) if read is None else len(read)
        node_start, node_stop = offset, offset + size
        offset = node_stop
        while edit < len(edits) and edits[edit][1] <= node_start:
            edit += 1
        if read is not None:  # a tag: written as it is; a name that starts in what it reads as starts here
            n = edit
            while n < len(edits) and edits[n][0] < node_stop:
                if edits[n][0] >= node_start:
                    out.append(edits[n][2])
                n += 1
            out.append(source[start:stop])
            continue
        position, n = node_start, edit
        while n < len(edits) and edits[n][0] < node_stop:
            e_start, e_stop, label = edits[n]
            if e_start >= position:
                out.append(joined[position:e_start])
                out.append(label)  # the label goes where the name starts
            position = max(position, min(e_stop, node_stop))
            n += 1
        out.append(joined[position:node_stop])
    return out


def visible_text(source: str, breaks: list[int] | None = None) -> str:
    """The text of HTML as a reader sees it, for finding a name split by markup: inline tags,
    comments and footnote markers read as nothing, a line break and every other tag as a
    space (a table row's cells, one after the other), script and style as a space; character
    references are left for the matcher to decode. `breaks`, if given, gets the position in
    the result of each space a block tag became (where a reader sees a new cell or block)."""
    out: list[str] = []
    length = 0
    position, size = 0, len(source)
    while position < size:
        token = _TOKEN.search(source, position)
        stop = token.start() if token else size
        if stop > position:
            out.append(source[position:stop])
            length += stop - position
        if token is None:
            break
        raw = token.group()
        position = token.end()
        name_match = _TAG_NAME.match(raw)
        if name_match is None:
            continue  # comment, doctype: nothing
        if raw[:4].lower() == "<sup":
            footnote = _FOOTNOTE_REF.match(source, token.start())
            if footnote is not None:
                position = footnote.end()
                continue
        name = name_match.group(1).lower()
        if name in BREAKS:
            out.append(" ")
            length += 1
            continue
        if name in INLINE:
            continue
        if breaks is not None:
            breaks.append(length)
        out.append(" ")
        length += 1
        if name in RAW_TEXT and not raw.startswith("</") and not raw.endswith("/>"):
            end = re.compile(rf"</{name}\s*>", re.I).search(source, position)
            position = end.start() if end else size
    return "".join(out)


def _split_across_blocks(page_html: str, matcher: Matcher) -> list[Finding]:
    """A private name, id, address... that a reader sees whole only across blocks (two cells of a
    row, two list items): the runs, read one by one, did not rewrite it. A first name alone is
    never one (a cell or item starts a sentence)."""
    if matcher.empty or "<" not in page_html:
        return []
    breaks: list[int] = []
    text = visible_text(page_html, breaks)
    return split_names(text, lambda: breaks, matcher) if breaks else []


def split_names(text: str, breaks: Callable[[], list[int]], matcher: Matcher) -> list[Finding]:
    """`_split_across_blocks` in a page's visible text; `breaks()` gives its blocks' breaks
    (asked for only when the text holds a name: `frames.py` puts them together then)."""
    found = []
    for match in matcher.find(text, mode="markup"):
        if match.kind == "first-name" or not (match.who or match.kind == "marker"):
            continue
        n = bisect.bisect_left(breaks(), match.start)
        if n < len(breaks()) and breaks()[n] < match.stop:
            found.append(
                Finding(
                    "two cells or blocks that a reader sees as one name (write the name in one "
                    "piece, or their role instead)",
                    -1,
                    " ".join(text[match.start : match.stop].split()),
                    match,
                )
            )
    return found


def redact_text(text: str, matcher: Matcher, label_for: Callable[[Match], str | None] | None = None) -> str:
    """A plain text (a title, a description, a meta value) with private people replaced by
    their label, as plain text: the caller escapes it for where it goes."""
    return matcher.replace(text, label_for or _default_label)


def markup_stop_message(page: str, findings: list) -> str:
    """Why a public build stops on a page that holds something private where Trellis does not
    rewrite text (code, a link's address, an attribute): an unnamed person, or anyone's contact
    detail (a `mailto:` autolink of a public contact's address is the address)."""
    # as a reader sees it: Python-Markdown writes an autolink's address as character references
    shown = "\n".join(f"  {f.match.origin} in {f.where}: {html.unescape(f.text)!r}" for f in findings[:10])
    details = [f for f in findings if f.match.kind in DETAIL_KINDS]
    if len(details) == len(findings):
        return (
            f"Trellis stopped the public build: {page} holds a contact's e-mail, phone, birthday or "
            f"profile link where Trellis does not rewrite text (code, a link's address, an attribute):\n"
            f"{shown}\nTake it out of the page: a contact's e-mail, phone and birthday are never published, "
            "even for people who agreed to be named (public: true is consent to be named, not to publish "
            "an address)."
        )
    return (
        f"Trellis stopped the public build: {page} names a person who did not agree to be "
        f"named where Trellis does not rewrite text (code, a link's address, an attribute, a name split "
        f"across table cells or blocks):\n{shown}\n"
        "Write them out of that code or address (or use their role), or set public: true in their file "
        "if they agreed."
    )
