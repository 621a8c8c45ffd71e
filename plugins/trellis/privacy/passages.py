"""Private texts (notes, summaries, private entries, want and give) protected as text,
not word by word: a sentence, or a run of SHINGLE words, found in any output."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import chain

import ahocorasick

from .folding import fold, fold_text
from .keys import MAX_KEY
from .matching import Match

MIN_WORDS = 6  # a unit (line or sentence) of fewer words is not scanned: "- Berlin", "React"
MIN_CHARS = 40  # ... unless it is this long with at least MIN_CHARS_WORDS words
MIN_CHARS_WORDS = 3
SHINGLE = 8  # a longer unit is found by any run of this many consecutive words

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_TAG = re.compile(r"<[a-z/!?][^<>]*>")
_ATTRIBUTE_VALUE = re.compile(r"=\s*(?:\"([^\"]*)\"|'([^']*)')")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_PROJECTION = re.compile(r"<[a-z/!?][^<>]*>|[^\W_]+(?:'[^\W_]+)*")  # tags and words of a folded text


# `Passages.first_folded`'s projection of a folded text. A tag is no word; each of its quoted
# values is a run of words of its own, between two breaks. A break is written "Z": a folded
# text never holds a capital ASCII letter, nor does a key, so none spans one; one character,
# as the "\n" of `_projection`, so that a key is found where it is found there.
_BREAK = "Z"
_BARE_TAG = re.compile(r"<[a-z/!?][^<>=]*>")  # a tag without values: "<>" parts the words around it
_tag_cache: dict[str, str] = {}  # the same tags come back on every page of a site


def _tag_values(tag: re.Match) -> str:
    """What a tag of a folded text stands for in the projection: a space (it parts the words on
    either side), and each of its quoted values (meta content, alt, title) between two breaks."""
    text = tag.group()
    shown = _tag_cache.get(text)
    if shown is None:
        values = [v.group(1) if v.group(1) is not None else v.group(2) for v in _ATTRIBUTE_VALUE.finditer(text)]
        shown = " " + "".join(f" {_BREAK} {value} {_BREAK} " for value in values) + " "
        if len(_tag_cache) >= 1 << 14:
            _tag_cache.clear()
        _tag_cache[text] = shown
    return shown


def projection(folded: str) -> str:
    """What `Passages.first_folded` reads of a folded text: its words and breaks, one space
    between them (as `Passages._projection` makes it). (A bare tag is no tag once it is "<>",
    and it stops no other: a tag is a "<" and the text up to the first ">" with no "<" in it.)
    A text cut before a "<" projects as its pieces do, joined by a space: no word or tag
    goes on past a "<"."""
    return " ".join(_WORD.findall(_TAG.sub(_tag_values, _BARE_TAG.sub("<>", folded))))


def _unit_words(unit: str) -> list[str]:
    unit = _TAG.sub(" ", _MD_LINK.sub(r"\1", unit))
    return _WORD.findall(fold(unit))


class Passages:
    """Private texts (notes, summaries, private entries), protected as text, not word by word.

    Each line of a text, and each sentence of a line, is a unit. A unit of fewer than
    MIN_WORDS words (and shorter than MIN_CHARS characters) is not scanned: one word or
    a short phrase ("Berlin", "React", "Journal", "Met at JSConf") is no secret and is on
    public pages for other reasons. A unit of up to SHINGLE words is found whole; a longer
    one by each window of SHINGLE consecutive words, so a partial quote of 8 words is
    found. Trade-off: a private phrase of 5 words, or a quote of 7 words of a long note,
    gets through; a public page quoting 8 words of a private note in the same order stops
    the build. Words are compared folded (as `fold`), ignoring punctuation, markdown marks,
    HTML tags and entities; a window found in `public_texts` (what the user published
    on purpose) is not a marker, unless it comes from a `kept` text (a contact's want and
    give: what you hope for from a person is never the portfolio's, even pasted into a
    public entry).
    """

    def __init__(
        self, texts: Iterable[tuple[str, str]], public_texts: Iterable[str] = (), kept: Iterable[tuple[str, str]] = ()
    ):
        keys: dict[str, tuple[str, bool]] = {}
        kept_keys: set[str] = set()
        every = chain(
            ((text, origin, False) for text, origin in texts), ((text, origin, True) for text, origin in kept)
        )
        for text, origin, keep in every:
            for line in (text or "").splitlines():
                units = [line] + (_SENTENCE_END.split(line) if _SENTENCE_END.search(line) else [])
                for unit in units:
                    words = _unit_words(unit)
                    chars = sum(map(len, words)) + len(words) - 1
                    if len(words) < MIN_WORDS and not (chars >= MIN_CHARS and len(words) >= MIN_CHARS_WORDS):
                        continue
                    windows = (
                        [words]
                        if len(words) <= SHINGLE
                        else [words[n : n + SHINGLE] for n in range(len(words) - SHINGLE + 1)]
                    )
                    for window in windows:
                        key = " ".join(window)
                        cut = len(key) > MAX_KEY
                        keys.setdefault(key[:MAX_KEY], (origin, cut))
                        if keep:
                            kept_keys.add(key[:MAX_KEY])
        self._keys = keys
        self._automaton = self._build(keys)
        # what the user published on purpose is theirs to show (but for what is kept)
        public = {k for text in public_texts for k in self._found(text, mode="text")} - kept_keys
        if public:
            for key in public:
                del self._keys[key]
            self._automaton = self._build(self._keys)

    @staticmethod
    def _build(keys):
        automaton = ahocorasick.Automaton()
        for key in keys:
            automaton.add_word(key, key)
        if keys:
            automaton.make_automaton()
        return automaton

    @property
    def empty(self) -> bool:
        return not self._keys

    def _projection(self, text: str, mode: str) -> tuple[list[str], list[tuple[int, int] | None]]:
        """The words of a text, one space between them, "\\n" where tags or values break it;
        with each word's span in the original (None for a break)."""
        folded = fold_text(text, mode)
        words: list[str] = []
        spans: list[tuple[int, int] | None] = []
        for token in _PROJECTION.finditer(folded.text):
            if token.group().startswith("<"):  # a tag is not a word (inline ones sit inside sentences)
                for value in _ATTRIBUTE_VALUE.finditer(token.group()):  # meta content, alt, title
                    inner = value.group(1) if value.group(1) is not None else value.group(2)
                    base = token.start() + value.start(1 if value.group(1) is not None else 2)
                    words.append("\n")
                    spans.append(None)
                    for w in _WORD.finditer(inner):
                        words.append(w.group())
                        spans.append(folded.span(base + w.start(), base + w.end()))
                    words.append("\n")
                    spans.append(None)
                continue
            words.append(token.group())
            spans.append(folded.span(token.start(), token.end()))
        return words, spans

    def _found(self, text: str, mode: str):
        for _, _, key in self._hits(text, mode):
            yield key

    def _hits(self, text: str, mode: str):
        if self.empty or not text:
            return
        words, spans = self._projection(text, mode)
        starts: list[int] = []  # where each word begins in the projection
        position = 0
        for w in words:
            starts.append(position)
            position += len(w) + 1
        line = " ".join(words)  # the projection: words joined by " " (a break is its own "word")
        index = {s: n for n, s in enumerate(starts)}
        for end, key in self._automaton.iter(line):
            start = end + 1 - len(key)
            cut = self._keys[key][1]
            if start not in index or not cut and end + 1 < len(line) and line[end + 1] != " ":
                continue
            first = index[start]
            last = min(first + key.count(" "), len(spans) - 1)
            head, tail = spans[first], spans[last]
            if head is None or tail is None:  # a break: no word of the text
                continue
            yield head[0], tail[1], key

    def first(self, text: str, *, mode: str = "scan") -> str | None:
        """Where the first private passage found in `text` comes from, or None: what the guard
        needs of a file, without the spans `scan` maps back (a third of the cost)."""
        if self.empty or not text:
            return None
        return self.first_folded(fold_text(text, mode).text)

    def first_folded(self, folded: str) -> str | None:
        """`first` in a text already folded (`fold_text(text, mode).text`): the guard folds a
        piece of a file once, for the matcher and the passages alike."""
        if self.empty or not folded:
            return None
        return self.first_projected(projection(folded))

    def first_projected(self, line: str) -> str | None:
        """`first_folded` in a folded text's `projection` (`page_reading` projects a page's pieces)."""
        if self.empty or not line:
            return None
        for end, key in self._automaton.iter(line):
            start = end + 1 - len(key)
            origin, cut = self._keys[key]
            if start > 0 and line[start - 1] != " " or not cut and end + 1 < len(line) and line[end + 1] != " ":
                continue
            return origin
        return None

    def scan(self, text: str, *, mode: str = "scan") -> list[Match]:
        """Each private passage found in an output file's text (kind "passage")."""
        found, position = [], -1
        for start, stop, key in sorted(self._hits(text, mode)):
            if start < position:
                continue
            position = stop
            found.append(Match(start, stop, "passage", (), self._keys[key][0]))
        return found
