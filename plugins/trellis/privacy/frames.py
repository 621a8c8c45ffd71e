"""The theme's frame around each page, redacted once per distinct piece (issue 31).

A public build redacts every page as a whole, as HTML, with its body (already redacted) cut out
(`surfaces.around_body`): the theme's head, header, navigation, table of contents and footer,
and whatever other plugins printed there. That frame is nearly the same on every page (one nav
item marked active, the page's title, links one folder deeper), so `Frames` cuts it into pieces
and redacts each distinct piece once per build (a new View, and so new `Frames`, each build and
each `mkdocs serve` rebuild); a page is then its pieces' redacted HTML put back together.

A cut is made only where the page's redaction cannot depend on what comes before or after it,
so that the pieces give exactly what `redaction.redact_html` gives for the whole page:

- before a tag that is not inline (`<li>`, `</li>`, `<div>`, `<nav>`, `<title>`...): such a
  tag ends the run of text before it, so no name is read across it as one run. A name split
  by inline markup (`Zebulon <em>Quartermaine</em>`), by a line break, a comment or a footnote
  marker stays in one piece.
- after a piece that leaves nothing open (`redaction.redact_nodes`' last answer): no `<code>`,
  `<pre>`, `<kbd>` or `<samp>` it did not close, no script or style without its end tag, no
  comment, CDATA section or footnote marker that ends further on, no `<` in its text that could
  begin a tag ending further on (a tag cut in the middle, an attribute holding `<div>`), and its
  redaction made none either. Otherwise the piece takes in the next one, and after `_MERGES` of
  these the rest of the page is one piece.

What a reader sees across blocks (a first name at the end of one nav item and the family name
at the start of the next, a name across table cells) is not rewritten but stops the build
(`redaction.split_names`): it is read on the whole page's visible text, put together from
each piece's visible text, as `redaction.visible_text` makes it of the whole page, so a name
split between two pieces is found as it was. The privacy guard still reads every output file.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from .matching import Match, Matcher
from .redaction import (
    _TAG_NAME,
    _TOKEN,
    _TOKEN_START,
    BREAKS,
    INLINE,
    Finding,
    Redacted,
    redact_html,
    redact_nodes,
    split_names,
    visible_text,
)


def _any_of(words: list[str]) -> str:
    """A regular expression for any of `words`, as a tree of their letters (read faster than
    an alternation of every word)."""
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[:1], []).append(word[1:])
    ends = "" in heads
    tails = [re.escape(head) + _any_of(rest) for head, rest in sorted(heads.items()) if head]
    if not tails:
        return ""
    if len(tails) == 1 and not ends:
        return tails[0]
    return "(?:" + "|".join(tails) + ")" + ("?" if ends else "")


# where a page may be cut: before a tag that is not inline (it ends the run of text before it).
# Only a proposal, in lower case (a case-blind expression reads twice as slowly): a piece
# checks that it begins with such a tag (`_Piece.opens`), or it is taken into the one before
_CUT = re.compile(r"<(?!/?" + _any_of(sorted(INLINE | BREAKS)) + r"(?:[\s/>]|\Z))/?[A-Za-z]")
# how many pieces in a row may be taken into one before the rest of the page is read as one
_MERGES = 8
_RUN_ENDS = frozenset(INLINE | BREAKS)


@dataclass(frozen=True)
class _Piece:
    html: str  # redacted
    findings: list[Finding]  # offsets in the piece
    text: str  # what a reader sees of the redacted piece (`visible_text`)
    breaks: list[int]  # where a block starts in `text`
    opens: bool  # it begins with a tag that ends a run of text
    closes: bool  # it leaves nothing open: a page may be cut after it


def cut_lines(page: str) -> list[str]:
    """A page cut before each "<" that begins a line (the line break stays with the line before)."""
    parts = page.split("\n<")
    if len(parts) == 1:
        return parts
    lines = ["<" + part + "\n" for part in parts]
    lines[0] = parts[0] + "\n"
    lines[-1] = lines[-1][:-1]
    return lines


class Frames:
    """Pages redacted as HTML, piece by piece, each distinct piece once."""

    def __init__(
        self,
        matcher: Matcher,
        find: Callable[[str, str], list[Match]],
        label_for: Callable[[Match], str | None],
    ):
        self.matcher = matcher
        self.find = find
        self.label_for = label_for
        self._pieces: dict[str, _Piece] = {}
        self._lines: dict[tuple[str, bool], tuple[list[tuple[int, _Piece]] | None, bool, bool]] = {}  # `_line`'s

    def redact(self, source: str) -> Redacted:
        """`redact_html(source, ...)`, exactly, from the pieces of `source`: line by line where
        each line's pieces are its own (`_by_lines`), else cut by cut over the whole page."""
        chosen = self._by_lines(source)
        if chosen is not None:
            return self._joined(chosen)
        cuts = [m.start() for m in _CUT.finditer(source)]
        segments = [source[a:b] for a, b in zip([0, *cuts], [*cuts, len(source)])]
        if len(segments) < 3:  # no page: nothing to share
            return redact_html(source, self.matcher, self.label_for, self.find)
        return self._joined(self._chosen(segments, source)[0])

    def _chosen(self, segments: list[str], source: str) -> tuple[list[tuple[int, _Piece]], bool]:
        """The pieces `segments` (cut from `source`) are redacted as: each with the ones after it
        while it leaves something open or the next does not begin a run; after `_MERGES` of
        these, the rest of `source` as one piece (and True: the cap was reached)."""
        chosen: list[tuple[int, _Piece]] = []
        start, current = 0, segments[0]
        done = self._piece(current)
        merges = 0
        for n in range(1, len(segments)):
            segment = segments[n]
            following = self._piece(segment)
            if done.closes and following.opens:
                chosen.append((start, done))
                start += len(current)
                current, done, merges = segment, following, 0
                continue
            merges += 1
            if merges > _MERGES:  # the rest of the page as one piece
                current = source[start:]
                done = self._piece(current)
                chosen.append((start, done))
                return chosen, True
            current += segment
            done = self._piece(current)
        chosen.append((start, done))
        return chosen, False

    def _by_lines(self, source: str) -> list[tuple[int, _Piece]] | None:
        """The page's pieces from its lines' (cut before each "<" that begins one), each distinct
        line's worked out once: what the cut-by-cut reading of the whole page chooses, where each
        line but the first begins a piece (its first tag is a cut, after a piece that leaves
        nothing open) and none reaches the `_MERGES` cap; else None."""
        lines: list[str] = []
        for line in cut_lines(source):  # (a line that does not begin with a cut goes with the one before)
            if lines and _CUT.match(line) is None:
                lines[-1] += line
            else:
                lines.append(line)
        if len(lines) < 2:
            return None
        chosen: list[tuple[int, _Piece]] = []
        at, closes = 0, True
        for n, line in enumerate(lines):
            done = self._lines.get((line, n == 0))
            if done is None:
                done = self._lines[line, n == 0] = self._line(line, n == 0)
            pieces, opens, last_closes = done
            if pieces is None or n and not (closes and opens):
                return None
            chosen += [(at + offset, piece) for offset, piece in pieces] if at else pieces
            at += len(line)
            closes = last_closes
        return chosen

    def _line(self, line: str, first: bool) -> tuple[list[tuple[int, _Piece]] | None, bool, bool]:
        """A line's pieces as the page's reading chooses them from the line's start (None where a
        line but the first does not begin with a cut, or where the cap is reached), whether its
        first piece begins a run, whether its last leaves nothing open."""
        cuts = [m.start() for m in _CUT.finditer(line)]
        if first:  # (as the whole page's reading cuts it: from its start, which may be no cut)
            ends = [0, *cuts]
        elif cuts and cuts[0] == 0:
            ends = cuts
        else:
            return None, False, False
        segments = [line[a:b] for a, b in zip(ends, [*ends[1:], len(line)])]
        chosen, capped = self._chosen(segments, line)
        if capped:
            return None, False, False
        return chosen, self._piece(segments[0]).opens, chosen[-1][1].closes

    def _joined(self, chosen: list[tuple[int, _Piece]]) -> Redacted:
        findings = [
            dataclasses.replace(f, offset=f.offset + start) if start else f
            for start, piece in chosen
            for f in piece.findings
        ]
        if not self.matcher.empty and any(piece.breaks for _, piece in chosen):
            breaks: list[int] = []

            def all_breaks() -> list[int]:
                if not breaks:
                    length = 0
                    for _, piece in chosen:
                        breaks.extend(b + length for b in piece.breaks)
                        length += len(piece.text)
                return breaks

            findings += split_names("".join(piece.text for _, piece in chosen), all_breaks, self.matcher)
        return Redacted("".join(piece.html for _, piece in chosen), findings)

    def _piece(self, source: str) -> _Piece:
        done = self._pieces.get(source)
        if done is None:
            done = self._pieces[source] = self._redacted(source)
        return done

    def _redacted(self, source: str) -> _Piece:
        html, findings, closes = redact_nodes(source, self.find, self.label_for, cuts=True)
        breaks: list[int] = []
        text = visible_text(html, breaks)
        # a label that made a tag's beginning of a text ("<" then a name written as references)
        if closes and html != source and len(_TOKEN_START.findall(html)) != len(_TOKEN_START.findall(source)):
            closes = False
        token = _TOKEN.match(source)
        name = _TAG_NAME.match(token.group()) if token else None
        opens = name is not None and name.group(1).lower() not in _RUN_ENDS
        return _Piece(html, findings, text, breaks, opens, closes)
