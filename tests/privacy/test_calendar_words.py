"""Month names, weekday names, common words and the site's own labels are not taken for a private
person's first name (issue 30): contacts named Jan, Jun, April and May (real first names, all in
real exports) turned the public heatmap's labels into "Dec, an engineer, Feb, ..." and the owner's
"I hope to finish the portfolio by April." into "... by an engineer.". A first name that is also
such a word is replaced only where the text is about a person ("met May", "Hi Jan", "coffee with
Jun", "May said"); the full name, the id and every other form still are, and the guard agrees
with the redactor both ways.

Properties at the Matcher/redactor/guard level (many examples), then a real public and owner build.
"""

from __future__ import annotations

import json
import re

import markdown
import pytest
from conftest import ROOT, build, site_text
from hypothesis import given, settings
from hypothesis import strategies as st
from journals import BARE
from trellis.privacy.context import PERSON_AFTER, PERSON_BEFORE, PERSON_JOINS
from trellis.privacy.guard import Guard
from trellis.privacy.keys import Person
from trellis.privacy.matching import Matcher
from trellis.privacy.passages import Passages
from trellis.privacy.redaction import redact_html, redact_text, visible_text
from trellis.privacy.spellings import COMMON_WORDS, calendar_words

LABEL = "an engineer in fintech"
MONTHS = "January February March April May June July August September October November December".split()
SHORT_MONTHS = [m[:3] for m in MONTHS]
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
SHORT_WEEKDAYS = [d[:3] for d in WEEKDAYS]
# first names drawn for the contacts: the calendar's words, common words, and the site's labels
FIRST_NAMES = sorted(
    set(MONTHS + SHORT_MONTHS + WEEKDAYS + SHORT_WEEKDAYS + ["Sept", "Thurs"])
    | {w.capitalize() for w in COMMON_WORDS}
    | {"Progress", "Status", "Pace", "Stage", "Month", "Streak"}
)
FAMILY = ["Lindqvist", "Novak", "Tanaka", "Ludgate", "Okafor", "Quillan", "Varga", "Zeller"]

# ordinary words with no person context: none says "met", "with", "hi"... before a name
ORDINARY = [
    w
    for w in """the a an of in on for at as and but not so if than this that it we you they i our my is are
    was were be been have has had do does did will would can could may might must should mark grace rose
    hope joy art bill frank sue drew pat rob guy amber summer autumn chase hunter crystal holly ivy lily
    pearl penny ginger sandy cliff dale glen lane reed miles max page king earl duke prince rich grant ward
    dean don eve nick sage river storm rain star sunny major period deadline project team review plan
    goal week month year today tomorrow yesterday meetup talk conference design product market price report
    budget window table chair paper number time work life day thing school state family group country
    problem hand part place case point company system program question night home water room area money
    story fact right study book job business issue side kind head house service power hour game line end
    level office health history result change morning reason research moment portfolio finish progress
    status pace stage streak""".split()
    if w not in PERSON_BEFORE | PERSON_AFTER | PERSON_JOINS | {"to", "from", "by"}
]
# the calendar's words as a text uses them, and the site's own labels
CALENDAR_PHRASES = [
    "by April",
    "in May",
    "since June",
    "until Jan 5",
    "in early Jun",
    "last August",
    "every Monday",
    "on Sunday",
    "Mon, Wed, Fri",
    "Dec, Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov",
    "in April and May",
    "from March to May",
    "on May 17",
    "Jan '26",
    "April's numbers",
    "Sept. and Oct.",
]
OPENINGS = ["May the team grow", "April showers came", "June was busy", "Jan was cold", "Will it rain", "Mark the date"]
HEATMAP = (
    '<svg><text class="trellis-chart__label" x="30" y="12">Dec</text>'
    '<text class="trellis-chart__label" x="82" y="12">Jan</text>'
    '<text class="trellis-chart__label" x="134" y="12">Jun</text>'
    '<text class="trellis-chart__label" x="26" y="29" text-anchor="end">Mon</text>'
    '<text class="trellis-chart__label" x="26" y="55" text-anchor="end">Wed</text></svg>'
    "<table><thead><tr><th>Month</th><th>Days journaled</th><th>Interactions</th></tr></thead>"
    "<tbody><tr><td>2026-01</td><td>3</td><td>4</td></tr></tbody></table>"
)


def contacts(first_names: list[str]) -> list[Person]:
    return [
        Person(name=f"{first} {FAMILY[n % len(FAMILY)]}", id=f"{first}-{FAMILY[n % len(FAMILY)]}".lower(), label=LABEL)
        for n, first in enumerate(first_names)
    ]


def guard_leaks(matcher: Matcher, page: str) -> list:
    """What the guard stops on: the page as HTML, and its words as the search index holds them."""
    guard = Guard(matcher, Passages([]))
    index = json.dumps({"docs": [{"location": "", "text": visible_text(page)}]})
    return guard.leaks([("page/index.html", page), ("search/search_index.json", index)])


@st.composite
def owner_text(draw):
    sentences = []
    for _ in range(draw(st.integers(1, 5))):
        words = draw(st.lists(st.sampled_from(ORDINARY), min_size=2, max_size=10))
        if draw(st.booleans()):
            words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(CALENDAR_PHRASES)))
        sentence = " ".join(words)
        sentence = sentence[0].upper() + sentence[1:]
        if draw(st.booleans()):
            sentence = draw(st.sampled_from(OPENINGS)) + " " + sentence[0].lower() + sentence[1:]
        sentences.append(sentence + draw(st.sampled_from([".", "!", "?"])))
    joints = st.sampled_from([" ", "\n\n", "  \n", "\n\n- ", "\n\n## "])
    text = sentences[0]
    for sentence in sentences[1:]:
        text += draw(joints) + sentence
    return text + "\n"


@settings(max_examples=300, deadline=None)
@given(
    first_names=st.lists(st.sampled_from(FIRST_NAMES), min_size=1, max_size=6, unique=True),
    text=owner_text(),
)
def test_the_owners_text_naming_no_one_is_published_unchanged_whatever_the_first_names(first_names, text):
    matcher = Matcher(contacts(first_names))
    page = markdown.markdown(text, extensions=["tables"]) + HEATMAP
    redacted = redact_html(page, matcher)
    assert redacted.html == page
    assert not redacted.findings
    assert not guard_leaks(matcher, page)
    for line in text.splitlines():  # a title or a description: plain text
        assert redact_text(line, matcher) == line


PERSON_CONTEXTS = [
    "Coffee with {first} {family} went well.",
    "I met {first} yesterday.",
    "Hi {first}, thanks for the intro!",
    "Dear {first},",
    "Talked to {first} about the role.",
    "Got a note from {first} today.",
    "I was introduced by {first} last week.",
    "{first} said the team is hiring.",
    "Lunch: {first} and I talked.",
    "Coffee with {first}.",
    "Coffee with Pedro and {first}, then lunch.",
    "We met {first} {family}'s team.",
    "{family}, {first} wrote back.",
    "COFFEE WITH {FIRST} {FAMILY}",
    "Coffee with {first}\n{family}.",
    "See {id} on the wiki.",
]


@settings(max_examples=300, deadline=None)
@given(first=st.sampled_from(FIRST_NAMES), family=st.sampled_from(FAMILY), context=st.sampled_from(PERSON_CONTEXTS))
def test_a_first_name_about_a_person_is_still_replaced_and_the_guard_agrees(first, family, context):
    person = Person(name=f"{first} {family}", id=f"{first}-{family}".lower(), label=LABEL)
    matcher = Matcher([person])
    text = context.format(first=first, family=family, FIRST=first.upper(), FAMILY=family.upper(), id=person.id)
    page = markdown.markdown(text)
    redacted = redact_html(page, matcher)
    shown = visible_text(redacted.html)
    # neither the family name nor the first name (as a word, with its capital) nor the id is left
    assert family.lower() not in shown.lower() and person.id not in shown, shown
    assert not re.search(rf"(?<![\w]){re.escape(first)}(?![\w])", shown), shown
    assert LABEL in shown
    assert not guard_leaks(matcher, redacted.html)  # what the redactor wrote passes the guard...
    assert guard_leaks(matcher, page)  # ...and the page as written does not


@pytest.mark.parametrize(
    "text",
    [
        "I hope to finish the portfolio by April.",
        "Dec, Jan, Feb, Mar, Apr, May, Jun, Jul",
        "Mon Wed Fri",
        "May the team grow. In June we ship. Jan was cold.",
        "Status: Progress at a steady Pace.",
        "Compared to April and May, June was quiet.",
    ],
)
def test_calendar_words_and_labels_are_kept(text):
    matcher = Matcher(contacts(["Jan", "Jun", "April", "May", "June", "Mon", "Progress", "Pace", "Status"]))
    assert matcher.replace(text) == text
    page = markdown.markdown(text)
    assert redact_html(page, matcher).html == page and not guard_leaks(matcher, page)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Coffee with May Lindqvist", f"Coffee with {LABEL}"),
        ("met May yesterday", f"met {LABEL} yesterday"),
        ("Hi Jan, see you Mon", f"Hi {LABEL}, see you Mon"),
        ("Coffee with Jun on Jun 3", f"Coffee with {LABEL} on Jun 3"),
        ("I met Jan, Jun and April in May.", f"I met {LABEL}, {LABEL} and {LABEL} in May."),
        ("April said it went well by April.", f"{LABEL} said it went well by April."),
        ("MAY LINDQVIST", LABEL),
        ("Lindqvist, May", LABEL),
        ("may-lindqvist", LABEL),
    ],
)
def test_a_person_and_the_month_in_one_text(text, expected):
    people = [
        Person(name="May Lindqvist", id="may-lindqvist", label=LABEL),
        Person(name="Jan Novak", id="jan-novak", label=LABEL),
        Person(name="Jun Tanaka", id="jun-tanaka", label=LABEL),
        Person(name="April Ludgate", id="april-ludgate", label=LABEL),
    ]
    assert Matcher(people).replace(text) == expected


def test_the_site_language_adds_its_calendar_and_english_stays():
    assert calendar_words("en_GB") == calendar_words("en") == calendar_words("xx")
    assert {"jan", "jun", "april", "may", "sun", "sept", "thurs", "monday"} <= calendar_words()


# ------------------------------------------------------------------ real builds

MONTHS_JOURNAL = {
    **BARE,
    "index.md": "# Home\n\nI hope to finish the portfolio by April.\n\nMay the team grow; Jan was cold.\n",
    "contacts/jan-novak.md": "---\nname: Jan Novak\nrole: Engineer\nsector: fintech\nmet: 2026-11-02\n---\n",
    "contacts/jun-tanaka.md": "---\nname: Jun Tanaka\nrole: Engineer\nsector: fintech\n---\n",
    "contacts/april-ludgate.md": "---\nname: April Ludgate\nrole: Engineer\nsector: fintech\n---\n",
    "contacts/may-lindqvist.md": "---\nname: May Lindqvist\nrole: Engineer\nsector: fintech\n---\n",
    "entries/2026/2026-11-21.md": "---\npublic: true\n---\nCoffee with May Lindqvist. I met May yesterday, "
    "and Jun said hello.\n",
}


def _heatmap_months(page: str) -> list[str]:
    svg = page.split("trellis-chart--heatmap", 1)[1].split("</svg>", 1)[0]
    return [label for label in re.findall(r'<text class="trellis-chart__label"[^>]*>([^<]*)</text>', svg)]


@pytest.mark.build
def test_contacts_named_after_months_leave_the_sites_labels_and_words(write_journal):
    project = write_journal(MONTHS_JOURNAL)
    for audience in ("public", "owner"):
        run = build(project, audience)
        assert run.returncode == 0, run.stderr[-3000:]
        site = project / f"site-{audience}"
        progress = (site / "progress" / "index.html").read_text()
        # the twelve months from Dec 2025 to Nov 2026, then the weekdays: as Trellis wrote them
        labels = _heatmap_months(progress)
        assert labels[:12] == [*SHORT_MONTHS[11:], *SHORT_MONTHS[:11]], labels
        assert labels[12:15] == ["Mon", "Wed", "Fri"], labels
        # (the owner's home is the Today dashboard: their index.md is under home/)
        home = (site / ("index.html" if audience == "public" else "home/index.html")).read_text()
        assert "I hope to finish the portfolio by April." in home
        assert "May the team grow; Jan was cold." in home
    public = project / "site-public"
    month = (public / "journal" / "2026-11" / "index.html").read_text()
    # the four engineers in fintech are shown by their role (a label of lower-case words)
    assert re.search(r"Coffee with an? [a-z ]+\. I met an? [a-z ]+ yesterday, and an? [a-z ]+ said hello", month)
    text = site_text(public)
    for name in ("Lindqvist", "Novak", "Tanaka", "Ludgate", "met May", "Jun said"):
        assert name not in text, name
    owner_month = (project / "site-owner" / "journal" / "2026-11" / "index.html").read_text()
    assert "I met May yesterday, and Jun said hello." in owner_month


@pytest.mark.build
def test_every_word_of_the_sites_own_labels_is_read_as_the_label(example_site):
    """The capitalised words of every chart label and column header Trellis writes (the example
    journal's sites, both views) are words the matcher reads as the label, not as a first name
    (but the people's own names in those cells): add a new label's word to SITE_WORDS."""
    names = {
        w.lower()
        for path in (ROOT / "journal" / "contacts").glob("*.md")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("name:")
        for w in re.findall(r"[A-Za-z]+", line[5:])
    }
    ordinary = Matcher([]).ordinary
    for audience in ("public", "owner"):
        site = example_site(audience)
        words = set()
        for page in site.rglob("*.html"):
            for cell in re.finditer(r"<(text|th)\b[^>]*>(.*?)</\1>", page.read_text(), re.S):
                words |= {w.lower() for w in re.findall(r"\b[A-Z][a-z]+\b", re.sub(r"<[^>]+>", " ", cell.group(2)))}
        assert words - names - ordinary == set(), audience
