"""One build's redaction for the public view: each distinct text folded and matched once.

A public build prints the same strings again and again: a person's label on every page that
names them, a company in every row, the theme's nav and footer around every page, the same
attribute values (`class="md-nav__link"`) in every frame. `Redactor` keeps what the matcher
found in each distinct text for the build it belongs to (the `View` makes one; a new build,
and every `mkdocs serve` rebuild, makes a new View), so a text is folded and matched once.

It also redacts the values Trellis' own pages print (`value`): the page templates call it
for every `{{ ... }}` they print (`rendering.Renderer`), so a generated page is made of
values redacted where they are made and its HTML is not redacted again, but for the user's
markdown rendered into it (goal notes, public entries, the plan), which is redacted as HTML
(`fragment`). The privacy guard still reads every output file (fail closed).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from .frames import Frames
from .matching import Match, Matcher
from .redaction import Finding, MarkupStop, Redacted, redact_html

# a letter of any script: what a name, a first name or an id needs (a text without one may hold a
# phone or a birthday, which are never replaced: the guard stops on them)
_LETTER = re.compile(r"[^\W\d_]")


class Address(str):
    """A value a page template prints as a link's target: the `link` of Trellis' pages and a public
    contact's profile links (`View.contact_links`). Never rewritten (a broken link would hide the
    problem): if it names someone, the build stops (`Redactor.value`). Any other value is text,
    however it reads: a tag `#Zebulon`, `w/Zebulon`, a URL written in `how_met:`, replaced as
    text as when the whole page was redacted."""

    __slots__ = ()


class Redactor:
    """The public view's redaction of one build, with what the matcher found in each text kept."""

    def __init__(self, matcher: Matcher, label_for: Callable[[Match], str | None]):
        self.matcher = matcher
        self.label_for = label_for
        self._found: dict[tuple[str, str], list[Match]] = {}
        self._texts: dict[str, str] = {}
        self._printed: dict[str, str] = {}
        self._frames = Frames(matcher, self.find, label_for)

    def find(self, text: str, mode: str = "text") -> list[Match]:
        """`matcher.find`, once per distinct text and mode."""
        key = (mode, text)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self.matcher.find(text, mode=mode)
        return found

    def _replaced(self, text: str, mode: str, escape: bool) -> str:
        out, position = [], 0
        for match in self.find(text, mode):
            label = self.label_for(match)
            if label is None:
                continue
            out += [text[position : match.start], html.escape(label) if escape else label]
            position = match.stop
        if not out:
            return text
        out.append(text[position:])
        return "".join(out)

    def text(self, text: str) -> str:
        """A plain text with people replaced by their label, as plain text (`View.redact`)."""
        done = self._texts.get(text)
        if done is None:
            done = self._texts[text] = self._replaced(text, "text", False) if _LETTER.search(text) else text
        return done

    def printed(self, text: str) -> str:
        """A value the theme prints as it is, into HTML (`View.redact_printed`): labels escaped."""
        done = self._printed.get(text)
        if done is None:
            # (a name may be written with character references only: `&#72;&#97;&#110;&#97;`)
            maybe = _LETTER.search(text) is not None or "&" in text
            done = self._printed[text] = self._replaced(text, "markup", True) if maybe else text
        return done

    def html(self, source: str) -> Redacted:
        """Rendered HTML redacted in its text nodes (`redaction.redact_html`), each run and
        attribute value matched once per build."""
        return redact_html(source, self.matcher, self.label_for, find=self.find)

    def page(self, source: str) -> Redacted:
        """A whole page (the theme's frame around a body) redacted as `html` does, each
        distinct piece of it once per build (`frames.py`)."""
        return self._frames.redact(source)

    def value(self, value: str) -> str:
        """A value one of Trellis' page templates prints (into a text node or an attribute), as
        plain text: the template escapes it. An `Address` (a link's target) is never rewritten: if
        it names someone, the build stops (MarkupStop), as it did on a person in an href."""
        done = self.text(value)
        if done != value and isinstance(value, Address):
            named = [m for m in self.find(value) if self.label_for(m) is not None]
            raise MarkupStop([Finding("an address Trellis printed", -1, value[m.start : m.stop], m) for m in named])
        return done

    def fragment(self, rendered: str) -> str:
        """The user's markdown as rendered into one of Trellis' pages, redacted as HTML; a person
        where text is not rewritten (code, a link's address) stops the build (MarkupStop)."""
        done = self.html(rendered)
        if done.findings:
            raise MarkupStop(done.findings)
        return done.html
