"""Contact details are private for everyone; aggregates never pick out one or two unnamed people (issue 25).

`public: true` is consent to be named, not to publish an address (docs/guide/privacy.md): a public contact's
e-mail, phone and birthday stop a public build wherever they are written, in any spelling,
as a private contact's do; their name and their web profile links are published. A dream
company, or a quality the plan wants, held by one or two unnamed people reads in public as if
they were not there. Every test builds a real site and reads every file it wrote.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil

import pytest
from conftest import ROOT, build, site_text
from trellis.loading import load_journal
from trellis.privacy.audience import Audience
from trellis.privacy.guard import leaks
from trellis.privacy.view import View

AMARA = """
    ---
    name: Amara Diallo
    role: Engineering Manager
    sector: fintech
    company: Ledgerline
    email: amara.diallo@example.com
    phone: "+44 20 7946 0000"
    birthday: 1990-03-14
    links:
      linkedin: https://www.linkedin.com/in/amara-diallo-example
      mail: mailto:amara.diallo@example.com
      whatsapp: https://wa.me/442079460000
    public: true
    ---
    Met at JSConf; prefers e-mail to calls.
    """
ENTRY = """
    ---
    date: 2026-11-20
    public: true
    interactions:
      - {with: amara-diallo, channel: coffee, direction: mutual}
    ---
    Coffee with Amara Diallo about hiring. {text}
    """
BASE = {
    "index.md": "# Home\n\nI keep in touch with Amara Diallo.\n",
    "contacts/amara-diallo.md": AMARA,
    "entries/2026-11-20.md": ENTRY.replace("{text}", ""),
}
# what must never be in the site, in any file: the address, the phone's digits in any grouping,
# the birthday; checked on every file as written and with entities unescaped (site_text)
NEVER = [
    re.compile(p, re.I)
    for p in (
        r"amara\.diallo(?:@|%40|\\u0040|&#64;|&#x40;)",
        r"mailto:amara",
        r"tel:\+?44",
        r"wa\.me",
        r"7946\D{0,3}0000",
        r"1990-03-14",
        r"14(?:th)? (?:of )?march,? 1990",
        r"march 14(?:th)?,? 1990",
        r"14/03/1990",
    )
]


def _gone(site) -> list[str]:
    text = site_text(site)
    return [p.pattern for p in NEVER if p.search(text)]


def test_a_public_contact_is_named_and_none_of_their_details_is_published(write_journal):
    project = write_journal(BASE)
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    site = project / "site-public"
    assert _gone(site) == []
    # consent to be named: the name is published, on their page, in the journal and the network
    contact = (site / "contacts" / "amara-diallo" / "index.html").read_text()
    assert "Amara Diallo" in contact and "Amara Diallo" in (site / "journal" / "2026-11" / "index.html").read_text()
    assert "Amara Diallo" in (site / "index.html").read_text()
    # their own web profile is theirs to be found by; a mailto: or a link holding the phone is not
    assert 'href="https://www.linkedin.com/in/amara-diallo-example"' in contact
    # the owner sees every link and detail, marked as private
    owner = build(project, "owner")
    assert owner.returncode == 0, owner.stderr[-3000:]
    page = (project / "site-owner" / "contacts" / "amara-diallo" / "index.html").read_text()
    assert "amara.diallo@example.com" in html.unescape(page) and "wa.me/442079460000" in page


# (case, files on top of BASE, what the message must name)
PLACES = [
    (
        "public entry, e-mail",
        {"entries/2026-11-20.md": ENTRY.replace("{text}", "Write to her at amara.diallo@example.com.")},
        "journal/entries/2026-11-20.md",
    ),
    (
        "public entry, phone with (0)",
        {"entries/2026-11-20.md": ENTRY.replace("{text}", "Call +44 (0)20 7946 0000.")},
        "journal/entries/2026-11-20.md",
    ),
    (
        "public entry, birthday",
        {"entries/2026-11-20.md": ENTRY.replace("{text}", "She was born 14 March 1990.")},
        "journal/entries/2026-11-20.md",
    ),
    (
        "public entry, birthday without year",
        {"entries/2026-11-20.md": ENTRY.replace("{text}", "Her birthday is March 14th, so I sent a card.")},
        "journal/entries/2026-11-20.md",
    ),
    # a birthday Trellis could not read (CONTACT-2) is guarded as far as it can be read
    (
        "birthday the loader could not read",
        {
            "contacts/amara-diallo.md": AMARA.replace("birthday: 1990-03-14", "birthday: 14 March 1990"),
            "entries/2026-11-20.md": ENTRY.replace("{text}", "Cake on 14/03/1990, her birthday."),
        },
        "journal/entries/2026-11-20.md",
    ),
    ("page, autolink", {"about.md": "# About\n\nWrite to <amara.diallo@example.com>.\n"}, "about.md"),
    ("page, mailto link", {"about.md": "# About\n\n[Write to Amara](mailto:Amara.Diallo@Example.com)\n"}, "about.md"),
    (
        "page, percent-encoded mailto",
        {"about.md": "# About\n\n[Write](mailto:amara.diallo%40example.com)\n"},
        "about.md",
    ),
    ("page, tel link", {"about.md": "# About\n\n[Call Amara](tel:+44-20-7946-0000)\n"}, "about.md"),
    ("page, character references", {"about.md": "# About\n\namara.diallo&#64;example&#46;com\n"}, "site/about/"),
    ("page title", {"about.md": "---\ntitle: Amara (amara.diallo@example.com)\n---\nHello.\n"}, "site/about/"),
    # a file's name is published too (an image is read by its name only)
    (
        "image named by the address",
        {"img/amara.diallo@example.com.png": "not really a picture"},
        "site/img/amara.diallo@example.com.png",
    ),
    # a heading's anchor id holds it too: an attribute, stopped as the page is rendered
    ("page heading", {"about.md": "# About\n\n## Amara, born 1990-03-14\n\nHello.\n"}, "about.md"),
]


@pytest.mark.parametrize("case,files,named", PLACES, ids=[p[0] for p in PLACES])
def test_a_public_contacts_detail_stops_the_build_wherever_it_is_written(write_journal, case, files, named):
    project = write_journal({**BASE, **files})
    run = build(project, "public")
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr[-3000:]
    message = run.stderr
    assert "Trellis stopped the public build" in message and named in message, message[-3000:]
    assert "journal/contacts/amara-diallo.md" in message  # whose detail it is
    # the fix: take it out; not "set public: true" (she is public already)
    assert "never published" in message
    assert "Or set public: true" not in message


# every spelling the guard must know, as an output file holds it (HTML, JSON, a URL)
SPELLINGS = [
    "amara.diallo@example.com",
    "AMARA.DIALLO@EXAMPLE.COM",
    "amara.diallo&#64;example.com",
    "&#97;&#109;&#97;&#114;&#97;.diallo&#x40;example.com",
    '{"text": "amara.diallo\\u0040example.com"}',
    "mailto:amara.diallo%40example.com",
    "+44 20 7946 0000",
    "+44 (0)20 7946 0000",
    "+442079460000",
    "0044 20 7946 0000",
    "020 7946 0000",
    "(020) 7946 0000",
    "020-7946-0000",
    "020.7946.0000",
    "020\u20137946\u20130000",
    "2079460000",
    "tel:%2B442079460000",
    "+44&nbsp;20&nbsp;7946&nbsp;0000",
    "1990-03-14",
    "1990/03/14",
    "14/03/1990",
    "03/14/1990",
    "14.03.1990",
    "14 March 1990",
    "14th March 1990",
    "14th of March, 1990",
    "March 14, 1990",
    "Mar 14 1990",
    "Mar. 14, 1990",
    "14-Mar-1990",
    "her birthday is 14 March",
    "born on March 14th",
    "DOB: 14/03",
]


def test_the_guard_knows_a_public_contacts_details_in_every_spelling(write_journal):
    project = write_journal(BASE)
    view = View(load_journal(project / "journal"), Audience.PUBLIC)
    missed = [s for s in SPELLINGS if not leaks(view, [("page/index.html", f"<p>Reach her: {s}.</p>")])]
    assert missed == []


# ordinary numbers and dates: none is anyone's detail, and a public entry keeps them as written
ORDINARY = (
    "The meetup on 14 March 2026 had 120 people; the next is on March 14 at 18:30 in room 1990. "
    "My own line is 020 7946 0001, order 7946-0000-12 shipped, pi is 3.14, and 14/03/2026 was a Saturday."
)


def test_ordinary_numbers_and_dates_are_left_as_written(write_journal):
    project = write_journal(
        {
            **BASE,
            "entries/2026-11-20.md": ENTRY.replace("{text}", ORDINARY),
            "about.md": f"# About\n\n{ORDINARY}\n\nMy birthday is in spring.\n",
        }
    )
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    site = project / "site-public"
    for page in (site / "journal" / "2026-11" / "index.html", site / "about" / "index.html"):
        assert ORDINARY in html.unescape(page.read_text()), page


def test_the_example_journal_still_builds_in_public(tmp_path):
    project = tmp_path / "example"
    shutil.copytree(ROOT / "journal", project / "journal")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    network = (project / "site-public" / "network" / "index.html").read_text()
    # its public contacts are named; none of their addresses is anywhere
    assert "Amara Diallo" in network and "@example.com" not in site_text(project / "site-public")


# --------------------------------------------------------------------------- aggregates


def _person(name: str, company: str, role: str, public: bool = False) -> str:
    return f"---\nname: {name}\nrole: {role}\nsector: design\ncompany: {company}\npublic: {str(public).lower()}\n---\n"


def _aggregates_journal(write_journal):
    people = {
        "solo-one": ("Sol Ono", "Solo Co", "Founder"),
        "duo-one": ("Dee Uno", "Duo Co", "Designer"),
        "duo-two": ("Dee Dos", "Duo Co", "Designer"),
        "trio-one": ("Tri Ana", "Trio Co", "Developer"),
        "trio-two": ("Tri Bea", "Trio Co", "Developer"),
        "trio-three": ("Tri Cai", "Trio Co", "Developer"),
        "mix-one": ("Max Ibsen", "Mixed Co", "Recruiter"),
    }
    files = {
        "index.md": "# Home\n",
        "plan.md": "---\nvision: A design role\ndream_companies: [Solo Co, Duo Co, Trio Co, Mixed Co]\n"
        "want: {roles: [designer, developer]}\npublic_dream_companies: true\n---\n",
        "contacts/pat-named.md": _person("Pat Named", "Mixed Co", "Recruiter", public=True),
    }
    for cid, (name, company, role) in people.items():
        files[f"contacts/{cid}.md"] = _person(name, company, role)
    everyone = ", ".join(["pat-named", *people])
    files["entries/2026-11-20.md"] = (
        f"---\ninteractions:\n  - {{with: [{everyone}], channel: event, direction: mutual}}\n---\n"
    )
    return write_journal(files), [name for name, _, _ in people.values()]


def _rows(page: str) -> dict[str, tuple[str, str]]:
    table = page.split('id="warm-paths"')[1].split("</table>")[0]
    return {
        c: (n, p)
        # the owner's company cell links the company's page (issue 29)
        for c, n, p in re.findall(
            r"<tr[^>]*><td[^>]*>(?:<a [^>]*>)?([^<]*)(?:</a>)?</td><td[^>]*>(\d+)</td><td[^>]*>(.*?)</td></tr>", table
        )
    }


def test_a_dream_company_of_one_or_two_unnamed_people_shows_no_count_or_path_in_public(write_journal):
    project, names = _aggregates_journal(write_journal)
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    page = html.unescape((project / "site-public" / "network" / "index.html").read_text())
    rows = _rows(page)
    # one or two unnamed people: the row reads as if nobody were there ("You know someone at
    # Solo Co" is its founder); three: counted, and "someone" is one of three
    assert rows["Solo Co"] == ("0", "no one to show yet"), rows
    assert rows["Duo Co"] == ("0", "no one to show yet"), rows
    assert rows["Trio Co"] == ("3", "You know someone at Trio Co"), rows
    # a named person counts and is a path's end; the one unnamed colleague beside them does not count
    assert rows["Mixed Co"] == ("1", "You know Pat Named at Mixed Co"), rows
    wanted = dict(re.findall(r"<td>roles</td><td>(\w+)</td><td>([^<]*)</td>", page))
    assert wanted == {"designer": "no one to show yet", "developer": "3"}, wanted
    companies = re.search(r"<h3>Companies</h3><p>(.*?)</p>", page).group(1)
    assert "Trio Co (3)" in companies and "Solo Co" not in companies and "Duo Co" not in companies
    text = site_text(project / "site-public")
    assert not [n for n in names if n in text]

    owner = build(project, "owner")
    assert owner.returncode == 0, owner.stderr[-3000:]
    rows = _rows(html.unescape((project / "site-owner" / "network" / "index.html").read_text()))
    assert {c: n for c, (n, _) in rows.items()} == {"Solo Co": "1", "Duo Co": "2", "Trio Co": "3", "Mixed Co": "2"}
    assert rows["Solo Co"][1] == "You know Sol Ono at Solo Co"


def test_countable_takes_unnamed_people_only_in_groups_of_three(write_journal):
    project, _ = _aggregates_journal(write_journal)
    journal = load_journal(project / "journal")
    public, owner = View(journal, Audience.PUBLIC), View(journal, Audience.OWNER)
    assert public.countable({"solo-one"}) == set() and owner.countable({"solo-one"}) == {"solo-one"}
    assert public.countable({"duo-one", "duo-two", "pat-named"}) == {"pat-named"}
    assert public.countable({"duo-one", "duo-two", "solo-one"}) == {"duo-one", "duo-two", "solo-one"}


# --------------------------------------------------------------------------- properties of the matcher

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from trellis.privacy.keys import Person  # noqa: E402
from trellis.privacy.matching import Matcher  # noqa: E402
from trellis.privacy.spellings import birthday_day_forms, birthday_forms  # noqa: E402

BIRTHDAY = dt.date(1990, 3, 14)
DETAILS = Matcher(
    [
        Person(
            emails=("amara.diallo@example.com",),
            phones=("+44 20 7946 0000",),
            birthday=BIRTHDAY,
            origin="journal/contacts/amara-diallo.md",
        )
    ]
)
_DATE_FORMS = [
    lambda d: d.isoformat(),
    lambda d: d.strftime("%d %B %Y"),
    lambda d: d.strftime("%B %d, %Y"),
    lambda d: d.strftime("%d/%m/%Y"),
    lambda d: d.strftime("%m/%d/%Y"),
    lambda d: d.strftime("%d.%m.%Y"),
    lambda d: f"{d.day} {d.strftime('%b')}",
    lambda d: f"{d.strftime('%B')} {d.day}",
]
_SENTENCES = ["We met on {} at the meetup.", "Her birthday is {}.", "Born {}, she says.", "Due {} (a Friday)."]


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from(_DATE_FORMS),
    st.sampled_from(_SENTENCES),
)
def test_any_other_date_in_any_form_is_no_birthday(day, form, sentence):
    if (day.month, day.day) == (BIRTHDAY.month, BIRTHDAY.day):
        day = day.replace(day=13)
    assert [m for m in DETAILS.scan(sentence.format(form(day)))] == []


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(birthday_forms(BIRTHDAY)), st.sampled_from(["", "<p>", "see ", "(", '"text":"']))
def test_the_birthday_in_any_of_its_forms_is_found_anywhere(form, before):
    assert [m.kind for m in DETAILS.scan(f"{before}{form.title()}, and more")] == ["birthday"]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(birthday_day_forms(BIRTHDAY.month, BIRTHDAY.day)))
def test_the_birthday_without_its_year_is_found_only_beside_a_word_for_it(form):
    assert [m.kind for m in DETAILS.scan(f"Her birthday is {form}.")] == ["birthday"]
    assert DETAILS.scan(f"The meetup is on {form} at six.") == []


@settings(max_examples=300, deadline=None)
@given(st.text("0123456789", min_size=7, max_size=14), st.sampled_from(["", " ", "-", ".", "  "]))
def test_numbers_that_do_not_end_in_the_phones_digits_are_left_alone(digits, separator):
    written = separator.join(digits[n : n + 3] for n in range(0, len(digits), 3))
    if "7946" in digits:  # room for a near miss of the number itself; the rest is noise
        return
    assert DETAILS.scan(f"Order {written} shipped, {digits[::-1]} to go.") == []


@given(
    st.sampled_from(["", "0", "44", "44 (0)", "+44 ", "0044 ", "+44-"]), st.sampled_from(["", " ", "-", ".", "\u2013"])
)
def test_the_phone_with_any_prefix_and_separator_is_found(prefix, separator):
    written = prefix + separator.join(["20", "7946", "0000"])
    assert [m.kind for m in DETAILS.scan(f"Call {written} today.")] == ["phone"], written


def test_a_phone_or_birthday_stored_in_an_odd_way_is_still_guarded(write_journal):
    # an export's phone without its +, a phone or birthday the loader could not read (FILE-8,
    # CONTACT-2): the person's all the same, public or not
    project = write_journal(
        {
            "contacts/amara-diallo.md": "---\nname: Amara Diallo\nphone: 442079460000\npublic: true\n---\n",
            "contacts/bo-li.md": '---\nname: Bo Li\nphone:\n  work: "+44 20 7946 0002"\n  home: 020 7946 0003\n'
            "birthday: March 9th\n---\n",
        }
    )
    view = View(load_journal(project / "journal"), Audience.PUBLIC)
    for text, whose in (
        ("Call 020 7946 0000.", "amara-diallo"),
        ("Call +44 (0)20 7946 0002.", "bo-li"),
        ("Call 02079460003.", "bo-li"),
        ("Her birthday is 9 March.", "bo-li"),
    ):
        assert [what for _, what in leaks(view, [("page/index.html", f"<p>{text}</p>")])] == [
            f"the {'birthday' if 'birthday' in text else 'phone number'} in journal/contacts/{whose}.md"
        ], text
    assert leaks(view, [("page/index.html", "<p>We met on 9 March at 020 7946 0001.</p>")]) == []
