"""A page as the guard reads it, each distinct line and tag of a site read once a build (issue 31).

The guard reads every page of a public build (`guard.Guard.leaks`) three ways: folded, for the
matcher; as words, for the private passages; and as a reader sees it (a name split by markup).
The pages of a site are mostly the same HTML: the theme's frame around every page, a chart's
axes and bars, a table's rows, the same tags with other numbers and words. So `PageReader` cuts
a page before each "<" that begins a line, and a line it has not read before, before each "<";
it reads each distinct line and tag once a build (a new `Guard`, and so a new reader, each build
and each `mkdocs serve` rebuild; it forgets them past `_KEPT_CHARS` characters), and a page's readings are its pieces' put together: the same
texts as reading the page whole (tests/privacy/test_page_reading.py: thousands of pages made of
hostile parts, and every page of the example's sites). The matcher and the passages' automaton
then read the whole page's texts, so what they find does not depend on where the page was cut.

Why a piece read alone reads as it does inside its page:

- the fold (`folding.fold_scan`): nothing it decodes holds a "<" (an entity, a JSON or a
  %-escape), so no escape runs across a cut, and a piece begins with "<", which no run of
  spaces and no accent continues. The same text and the same spans, to the character.
- the passages' words (`passages.projection`): no tag or word runs past a "<".
- the visible text (`visible.read_visible`): a piece that leaves something open (a comment, a
  script, a footnote marker, a tag with an unclosed quote, a "<" that begins no tag) takes in
  the ones after it until it does not, `_MERGES` at most (then the page is read whole). Its
  visible text is then what the page's reading gives for it.
- the fold of the visible text: each piece's folded alone, and where two pieces' spaces meet,
  one (the fold of a text never holds two in a row). Where an escape may run on from one
  piece's visible text into the next ("&am<b>p;", "%C3<i>%A9") or an accent begins a piece
  (it belongs to the letter before, also over what folds to nothing: a zero-width space, a soft
  hyphen, written as such or escaped), the visible text is folded whole. The same folded text;
  a space's span may end sooner than in the whole (no match begins or ends on a space).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from operator import attrgetter

from .folding import Folded, PositionedFolded, _combining, fold_scan
from .frames import cut_lines
from .passages import projection
from .visible import read_visible

# a visible text that ends where an escape may begin and go on in the next piece's text ("&am",
# "%C3", "\\u00"): no escape is longer, and none holds a space
_OPEN_TAIL = re.compile(r"[&\\%]\S{0,40}\Z")
_SPACES = re.compile(" {2,}")

# how many pieces in a row one that leaves something open may take in before the page is read whole
_MERGES = 64
# how many distinct pieces each generation of a reader's memory keeps (`_Memory`), and how many
# characters of them: past either, it forgets them all and starts again. What is kept of a piece
# is about ten bytes a character (its texts and spans): a site's pages are mostly distinct lines,
# and one-line (minified) pages all are
_KEPT = 200_000
_KEPT_CHARS = 1 << 22


@dataclass(frozen=True, slots=True, eq=False)  # (compared by identity: `None in pieces` calls no Python code)
class _Piece:
    folded: Folded  # fold_scan(its text), or its pieces' joined (a line's)
    words: str  # its passages' projection
    visible: str  # what a reader sees of it
    visible_folded: Folded  # fold_scan(visible), or its pieces' joined
    closed: bool  # read alone as inside any page (`read_visible`)
    open_tail: bool  # its visible text ends where an escape may begin (`_OPEN_TAIL`)
    open_head: bool  # an accent comes before its visible text's first folded character (`_accent_first`)
    hits: list  # where the matcher's keys stand in its fold (a line's: `PageReader(keys_in)`)


# a line that leaves something open: read again with the lines after it
_OPEN_LINE = _Piece(Folded("", [], []), "", "", Folded("", [], []), False, False, False, [])
# a line a piece of which stays open for more than `_MERGES` pieces: no line after it closes it
# (its pieces are a prefix of theirs put together), so the page is read whole at once
_ENDLESS_LINE = _Piece(Folded("", [], []), "", "", Folded("", [], []), False, False, False, [])


class _Endless(Exception):
    """A piece stays open for more than `_MERGES` pieces: whatever follows, it stays so."""


_FOLDED_TEXT = attrgetter("folded.text")
_WORDS = attrgetter("words")
_VISIBLE = attrgetter("visible")
_VISIBLE_FOLDED_TEXT = attrgetter("visible_folded.text")
_CLOSED = attrgetter("closed")
_OPEN_TAILS = attrgetter("open_tail")
_OPEN_HEADS = attrgetter("open_head")
_HITS = attrgetter("hits")


@dataclass(frozen=True)
class PageReading:
    """A page's four readings: the same as reading the page whole."""

    folded: Folded  # fold_scan(page)
    words: str  # projection(fold_scan(page).text)
    visible: str  # visible_text(page)
    visible_folded: Folded  # fold_scan(visible_text(page)): the same text
    hits: list | None  # where the matcher's keys stand in `folded` (None: not known, look)


def _accent_first(visible: str, folded: Folded) -> bool:
    """Whether an accent comes in a visible text before its first folded character (after what
    folds to nothing: a zero-width space, a soft hyphen, written as such or escaped): the fold of
    a text it follows gives it to that text's last character."""
    end = folded.position(0)[0] if folded.text else len(visible)
    return any(map(_combining, visible[:end]))


def _pieces_accent_first(pieces: list[_Piece]) -> bool:
    """`_accent_first` of pieces' visible texts put together, from theirs."""
    for piece in pieces:
        if piece.open_head or piece.visible_folded.text:
            return piece.open_head
    return False


def _tags(line: str) -> list[str]:
    """A line cut before each "<"."""
    parts = line.split("<")
    texts = ["<" + part for part in parts]
    texts[0] = parts[0]
    return texts


class _Memory:
    """The pieces a reader keeps (its lines, or its tags), in two generations: a piece read once is
    young; found again, it is old (the frame's lines, a table's rows). The reader's memories share
    a budget a generation (`_Budget`): past `_KEPT` pieces or `_KEPT_CHARS` characters, all of that
    generation is forgotten, so a site's distinct lines (most of a page's body, every line of a
    minified page) come and go while what pages share stays."""

    def __init__(self, budget: _Budget) -> None:
        self._old: dict[str, _Piece] = {}
        self._young: dict[str, _Piece] = {}
        self._budget = budget
        budget.memories.append(self)

    def __len__(self) -> int:
        return len(self._old) + len(self._young)

    def __iter__(self):
        yield from self._old
        yield from self._young

    def many(self, texts: list[str]) -> list[_Piece | None]:
        """The pieces kept for `texts` (None where none is)."""
        pieces: list[_Piece | None] = list(map(self._old.get, texts))
        if None in pieces and self._young:
            pieces = [piece or self.get(text) for piece, text in zip(pieces, texts, strict=True)]
        return pieces

    def get(self, text: str) -> _Piece | None:
        piece = self._old.get(text)
        if piece is None and (piece := self._young.pop(text, None)) is not None:
            self._budget.spend(len(text), old=True)
            self._old[text] = piece
        return piece

    def keep(self, text: str, piece: _Piece) -> None:
        self._budget.spend(len(text), old=False)
        self._young[text] = piece


class _Budget:
    """What a reader's memories keep, a generation: pieces and characters."""

    def __init__(self) -> None:
        self.memories: list[_Memory] = []
        self._pieces = [0, 0]  # young, old
        self._chars = [0, 0]

    def spend(self, chars: int, *, old: bool) -> None:
        """One more piece of `chars` characters in a generation; past the bounds, it is forgotten."""
        n = int(old)
        if self._pieces[n] >= _KEPT or self._chars[n] + chars > _KEPT_CHARS:
            for memory in self.memories:
                (memory._old if old else memory._young).clear()
            self._pieces[n] = self._chars[n] = 0
        self._pieces[n] += 1
        self._chars[n] += chars


class PageReader:
    """Pages read by pieces, each distinct piece once: a page by its lines, a line not read
    before by its tags (a chart's bars, a table's rows: the same tags, other numbers and words)."""

    def __init__(self, keys_in: Callable[[str], list] | None = None) -> None:
        """`keys_in`: where the matcher's keys stand in a folded text (`Matcher.keys_in`), read
        for each distinct line once (None where a key may hold a "<" and so run across lines)."""
        budget = _Budget()
        self._lines = _Memory(budget)
        self._tags = _Memory(budget)
        self._keys_in = keys_in

    def read(self, page: str) -> PageReading | None:
        """The page's readings from its pieces; None where a piece leaves something open
        for longer than `_MERGES` pieces (read the page whole)."""
        try:
            joined = self._joined(cut_lines(page), self._lines, self._read_line)
        except _Endless:
            return None
        if joined is None:
            return None
        pieces, lengths = joined
        texts = list(map(_FOLDED_TEXT, pieces))
        hits = None
        if self._keys_in is not None:
            at = list(accumulate(map(len, texts), initial=0))
            hits = [(end + at[n], key) for n, found in enumerate(map(_HITS, pieces)) if found for end, key in found]
        return PageReading(*self._put_together(pieces, lengths, "".join(texts)), hits)

    def _put_together(self, pieces: list[_Piece], lengths: list[int], folded: str) -> tuple[Folded, str, str, Folded]:
        """The readings of pieces put together (a page's of its lines, a line's of its tags):
        the fold, the passages' words, the visible text and its fold. `folded`: their folds' texts joined."""
        visible = "".join(map(_VISIBLE, pieces))
        return (
            _JoinedRuns(pieces, lengths, folded, "folded"),
            " ".join(filter(None, map(_WORDS, pieces))),
            visible,
            self._visible_folded(pieces, visible),
        )

    def _joined(
        self, texts: list[str], known: _Memory, read: Callable[[str], _Piece]
    ) -> tuple[list[_Piece], list[int]] | None:
        """The pieces of `texts` (read, or known), each that leaves something open taking in the
        ones after it until it does not, with their lengths; None where that goes on past the
        last (texts after them may close it); `_Endless` where it goes on for more than `_MERGES`
        pieces, or a piece is an `_ENDLESS_LINE`."""
        pieces = known.many(texts)
        if None not in pieces and all(map(_CLOSED, pieces)):
            return pieces, list(map(len, texts))  # type: ignore[return-value]
        # in order, each read when it comes (a piece open for good makes the rest needless)
        out: list[_Piece] = []
        lengths: list[int] = []
        n, count = 0, len(texts)
        while n < count:
            text, piece = texts[n], pieces[n]
            n += 1
            if piece is None:
                piece = read(text)
            merges = 0
            while not piece.closed:
                if merges == _MERGES or piece is _ENDLESS_LINE:
                    raise _Endless
                if n == count:
                    return None
                text += texts[n]
                n += 1
                merges += 1
                piece = known.get(text) or read(text)
            out.append(piece)
            lengths.append(len(text))
        return out, lengths

    def _read_line(self, text: str) -> _Piece:
        """A line read from its tags' pieces."""
        try:
            joined = self._joined(_tags(text), self._tags, self._read_tag)
        except _Endless:
            self._lines.keep(text, _ENDLESS_LINE)
            return _ENDLESS_LINE
        if joined is None:
            line = _OPEN_LINE
        else:
            pieces, lengths = joined
            folded = "".join(map(_FOLDED_TEXT, pieces))
            readings = self._put_together(pieces, lengths, folded)
            line = _Piece(
                *readings,
                True,
                _OPEN_TAIL.search(readings[2]) is not None,
                _pieces_accent_first(pieces),
                self._keys_in(folded) if self._keys_in is not None else [],
            )
        self._lines.keep(text, line)
        return line

    def _read_tag(self, text: str) -> _Piece:
        """A piece that begins with a "<" (or the line's text before its first), read."""
        folded = fold_scan(text)
        visible, closed = read_visible(text)
        seen = fold_scan(visible)
        piece = _Piece(
            folded,
            projection(folded.text),
            visible,
            seen,
            closed,
            _OPEN_TAIL.search(visible) is not None,
            _accent_first(visible, seen),
            [],
        )
        self._tags.keep(text, piece)
        return piece

    @staticmethod
    def _visible_folded(pieces: list[_Piece], visible: str) -> Folded:
        """The fold of the page's visible text from its pieces': each piece's folded alone, the
        spaces where two meet run together (the fold of a text never holds two), unless an
        escape may run across two pieces (then the text is folded whole)."""
        if any(map(_OPEN_TAILS, pieces)) or any(map(_OPEN_HEADS, pieces)):
            shown = [piece for piece in pieces if piece.visible]
            for before, after in zip(shown, shown[1:]):
                if after.open_head or before.open_tail and not after.visible[0].isspace():
                    return fold_scan(visible)
        text = "".join(map(_VISIBLE_FOLDED_TEXT, pieces))
        if "  " in text:
            text = _SPACES.sub(" ", text)
        return _JoinedRuns(pieces, list(map(len, map(_VISIBLE, pieces))), text, "visible_folded")


class _JoinedRuns(PositionedFolded):
    """The fold of a page from its pieces' folds (`PageReading.folded`, `.visible_folded`): the
    text is theirs joined (where spaces meet, one: `PageReader._visible_folded`), and a folded
    character's span is its piece's, moved to where the piece begins in the page. The map from
    one to the other is made when a span is first asked for (where something matched)."""

    def __init__(self, pieces: list[_Piece], lengths: list[int], text: str, which: str):
        self.text = text
        self._pieces, self._lengths, self._which = pieces, lengths, which
        self._at: list[int] = []

    def _map(self) -> None:
        """Where each piece's fold begins in the pieces' folds joined (`_at`) and in the
        original (`_original`); where spaces ran together, where the joined text is further on
        than this one (`_runs`, `_shifts`: from folded character _runs[k] on, _shifts[k] more)."""
        folds = list(map(attrgetter(self._which), self._pieces))
        self._folds = folds
        self._at = list(accumulate(map(len, map(attrgetter("text"), folds)), initial=0))
        self._original = list(accumulate(self._lengths, initial=0))
        self._runs, self._shifts = [0], [0]
        joined = "".join(folded.text for folded in folds) if len(self.text) != self._at[-1] else ""
        for run in _SPACES.finditer(joined):
            # the run's first space stays (the piece before's, as in the whole text's fold)
            self._runs.append(run.start() + 1 - self._shifts[-1])
            self._shifts.append(self._shifts[-1] + run.end() - run.start() - 1)

    def position(self, index: int) -> tuple[int, int]:
        """The span in the original of folded character `index`."""
        if not self._at:
            self._map()
        index += self._shifts[bisect_right(self._runs, index) - 1]
        part = bisect_right(self._at, index) - 1
        start, stop = self._folds[part].position(index - self._at[part])
        return start + self._original[part], stop + self._original[part]

    def span(self, start: int, stop: int) -> tuple[int, int]:
        return self.position(start)[0], self.position(stop - 1)[1]
