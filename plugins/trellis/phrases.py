"""Many fixed phrases found in a text at once, in time linear in the text.

The privacy guard looks for every private string of a journal (thousands of names,
addresses, summaries) in every output file, and the public view replaces every private
name in the texts it publishes. A regular expression alternation of thousands of phrases
tries each of them at each position; an Aho-Corasick automaton (pyahocorasick) reads the
text once. Matching ignores case (both sides are casefolded).
"""

from __future__ import annotations

from typing import Callable, Iterable

import ahocorasick


class Phrases:
    def __init__(self, phrases: Iterable[str]):
        self._automaton = ahocorasick.Automaton()
        for phrase in phrases:
            key = phrase.casefold()
            if key and key not in self._automaton:
                self._automaton.add_word(key, key)
        self.empty = len(self._automaton) == 0
        if not self.empty:
            self._automaton.make_automaton()

    def first(self, text: str) -> str | None:
        """The first phrase (casefolded) that stands in the text as whole words.

        Whole words, so a private "Ken Chen 29" is not found inside a public "Ken Chen 2967".
        """
        if self.empty or not text:
            return None
        for _, _, phrase in self._whole_words(text.casefold()):
            return phrase
        return None

    def replace_words(self, text: str, replacement: Callable[[str], str]) -> str:
        """Each phrase that stands as whole words replaced (the longest, leftmost first).

        `replacement` gets the phrase casefolded. The text is matched casefolded, as `first`
        does, so whatever the guard would find is replaced.
        """
        if self.empty or not text:
            return text
        folded = text.casefold()
        origin = None
        if len(folded) != len(text):  # a letter folds to two ("ß" to "ss", "İ" to "i̇"): map positions back
            pieces = [char.casefold() for char in text]
            origin = [n for n, piece in enumerate(pieces) for _ in piece]
        spans = sorted(self._whole_words(folded), key=lambda s: (s[0], -(s[1] - s[0])))
        if not spans:
            return text
        out, position = [], 0
        for start, stop, phrase in spans:  # leftmost first, the longest of those; no overlaps
            if origin is not None:
                start, stop = origin[start], origin[stop - 1] + 1
            if start < position:
                continue
            out += [text[position:start], replacement(phrase)]
            position = stop
        out.append(text[position:])
        return "".join(out)

    def _whole_words(self, folded: str):
        """(start, stop, phrase) of each occurrence not glued to a letter or digit on either side."""
        for end, phrase in self._automaton.iter(folded):
            start = end - len(phrase) + 1
            glued_before = start > 0 and _word(folded[start - 1]) and _word(phrase[0])
            glued_after = end + 1 < len(folded) and _word(folded[end + 1]) and _word(phrase[-1])
            if not (glued_before or glued_after):
                yield start, end + 1, phrase


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"
