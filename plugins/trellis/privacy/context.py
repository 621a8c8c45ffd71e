"""Where a text is about a person: what lets a first name that is also a calendar word ("May",
"Jan"), an ordinary word ("Will", "Grace") or a word of the site's own labels stand for a person
when it stands alone (matching.py's "first-name" rule). The words are folded, as `fold` folds."""

from __future__ import annotations

import re
from typing import Protocol

from .folding import Folded


class _Matcher(Protocol):
    """What of a `matching.Matcher` the rule reads: its keys and its first-name rule."""

    calendar: frozenset[str]
    _keys: dict

    def _first_name_here(self, original: str, folded: Folded, start: int, stop: int, depth: int = 0) -> bool: ...


# What makes a text about a person, for a first name that is also a calendar or common word
# (folded): the word before it (a greeting, a verb of meeting or reaching someone: "Hi May",
# "met May", "coffee with May"), the two words before it ("talked to May", "a note from June",
# "introduced by April"), or the word after it (a verb of saying: "May said", "and I": "May and I")
PERSON_BEFORE = frozenset(
    """
hi hello hey dear thanks thank thx cheers congrats congratulations welcome bye goodbye
met meet meets meeting with w/ called call calling phoned rang emailed email e-mailed mailed
messaged message texted text pinged ping dmed dm'd asked ask asking told tell telling thanked
introduced introduce invited invite interviewed visited saw seeing joined contacted contact
reminded remind hired helped congratulated owe owes sent send gave give showed wished hugged
cc mentor mentored coached
""".split()
)
PERSON_TO = frozenset(
    """talked talk talking spoke speak speaking wrote write writing written out introduced intro
introduction sent send said say mentioned mention referred refer forwarded forward pitched explained
listened chatted chat replied reply responded respond hello hi thanks goodbye bye""".split()
)
PERSON_FROM = frozenset(
    """heard hear hearing note message email e-mail mail call text intro introduction referral feedback
advice invitation invite reply letter card gift news word thanks hello tip tips recommendation dm""".split()
)
PERSON_BY = frozenset(
    """introduced referred recommended invited interviewed hosted sent written organised organized
mentored coached hired""".split()
)
PERSON_AFTER = frozenset(
    """said says told tells asked asks wrote writes replied replies answered emailed texted messaged
mentioned suggested suggests recommended recommends introduced offered offers agreed invited shared
promised pinged referred explained thinks thought knows knew wants wanted hired helped""".split()
)
# words that join two people: "met Will and Grace, then Rose"
PERSON_JOINS = frozenset("and or & then plus nor".split())


_WORD_BEFORE = re.compile(r"[^\W_][\w'&/-]*|&")
_AFTER = re.compile(r"(?:'s?)?[ ,]*([a-z]+)(?: (i|me)(?!\w))?")


def words_before(original: str, folded: Folded, position: int) -> list[tuple[str, int, str]]:
    """The (up to) four words before `position` in the same sentence and line, nearest first:
    (word, where it starts, what stands between it and the next)."""
    text = folded.text
    out: list[tuple[str, int, str]] = []
    for token in reversed(list(_WORD_BEFORE.finditer(text, max(0, position - 80), position))):
        gap = text[token.end() : position]
        if (
            re.search(r"[.!?:;|•>#=+\-–—]", gap)
            or "\u2028" in original[folded.stops[token.end() - 1] : folded.starts[position]]
        ):
            break
        out.append((token.group(), token.start(), gap))
        position = token.start()
        if len(out) == 4:
            break
    return out


def about_a_person(matcher: _Matcher, original: str, folded: Folded, start: int, stop: int, depth: int = 0) -> bool:
    """Whether the text is about a person where a first name that is also a calendar or common
    word stands (`PERSON_*` above): after a greeting or a verb of meeting ("Hi May",
    "met May", "coffee with May"), after "talked to", "a note from", "introduced by", before a
    verb of saying ("May said") or "and I", in a possessive (but a calendar word: "April's
    numbers"), or joined by "and", "or", "then" or a comma to a name or to a capitalised word
    that is itself about a person ("met Will and Grace, then Rose"). A line break or the end
    of a sentence between them cuts the context: "Dec, Jan, Feb", "by April." are the words."""
    text = folded.text
    after = _AFTER.match(text, stop)
    if after and (after.group(1) in PERSON_AFTER or after.group(1) == "and" and after.group(2)):
        return True
    if text.startswith("'", stop) and text[start:stop] not in matcher.calendar:
        return True
    words = words_before(original, folded, start)
    if not words:
        return False
    word, _, gap = words[0]
    second = words[1][0] if len(words) > 1 else ""
    if (
        word in PERSON_BEFORE
        or word == "to"
        and second in PERSON_TO
        or word == "from"
        and second in PERSON_FROM
        or word == "by"
        and second in PERSON_BY
    ):
        return True
    if depth >= 3:
        return False
    if word in PERSON_JOINS and len(words) > 1:  # "Will and Grace": is Will a person?
        words = words[1:]
    elif "," not in gap:  # "Will, Grace"
        return False
    word, at, _ = words[0]
    end = at + len(word)
    for _, begin, _ in words:  # a name, an id or a first name ending there
        key = matcher._keys.get(text[begin:end])
        if key is not None and key.who and not key.shield:
            if key.kind in ("name", "id"):
                return True
            if key.kind == "first-name":
                return matcher._first_name_here(original, folded, begin, end, depth + 1)
    capital = original[folded.starts[at] : folded.stops[at]][:1].isupper()
    return capital and about_a_person(matcher, original, folded, at, end, depth + 1)
