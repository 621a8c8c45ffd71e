"""Roles by meaning (issue 27, roles.py): every job title in the real exports the tests hold
reads as a documented role, or as "other" on purpose; the plan's wanted roles and its own
mappings go through the same table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from trellis.interchange.linkedin import read_linkedin
from trellis.interchange.vcard import read_vcard
from trellis.loading import load_journal
from trellis.metrics.network import composition
from trellis.roles import BUILT_IN, OTHER, ROLES, reference_table, taxonomy

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
_RAW = re.compile(r"(?:[\w-]+\.)?(?:TITLE|ROLE)(?:;[^:]*)?:(.*)")

# Every title the exports hold, and the role it must read as. A title added to a fixture and
# missing here fails the test: decide what it is (a role, a rule of the table, or "other").
EXPECTED = {
    # LinkedIn Connections.csv (Position)
    "Professor": "researcher",
    "Distinguished Engineer": "developer",
    "Engineering Manager": "engineering manager",
    "Data Scientist": "data specialist",
    "Recruiter": "recruiter",
    "Fellow": OTHER,
    # vCards (TITLE, ROLE)
    "Director of Software Engineering": "engineering manager",
    "Generic Accountant": "finance specialist",
    "Money Counter": OTHER,
    "Counting Money": OTHER,
    "The Job Title": OTHER,
    "TheProfession": OTHER,
    "TheJobTitle": OTHER,
    "TheTitle": OTHER,
    "Title1": OTHER,
    "Title2": OTHER,
}
# the titles read as no role on purpose, and why
DELIBERATELY_OTHER = {
    "Fellow": "a research fellow, an engineering fellow or a fellowship holder: no one role",
    "Money Counter": "ez-vcard's made-up job: a cashier? a treasurer? too vague to guess",
    "Counting Money": "the same, as a vCard ROLE",
    "The Job Title": "Outlook's placeholder text",
    "TheProfession": "Outlook's placeholder text",
    "TheJobTitle": "Gmail's and Outlook 2007's placeholder text",
    "TheTitle": "Thunderbird's placeholder text",
    "Title1": "FullContact's placeholder text",
    "Title2": "FullContact's placeholder text (a second TITLE, kept in the notes)",
}


def _titles_in_exports() -> set[str]:
    """Every Position of the LinkedIn exports, and every TITLE and ROLE of the vCards: as the
    importers read them (what reaches `role:`), and as written (a ROLE beside a TITLE)."""
    titles: set[str] = set()
    for path in sorted(FIXTURES.glob("*.csv")):
        people, _ = read_linkedin(path)
        titles |= {p.role for p in people if p.role}
    for path in sorted(FIXTURES.rglob("*.vcf")):
        people, _ = read_vcard(path)
        titles |= {p.role for p in people if p.role}
        for line in path.read_bytes().decode("utf-8", "replace").splitlines():
            found = _RAW.match(line)
            if found and found.group(1).strip():
                titles.add(found.group(1).strip())
    return titles


def test_every_title_in_the_test_exports_reads_as_a_documented_role_or_other_on_purpose():
    titles = _titles_in_exports()
    assert titles == set(EXPECTED), f"new or gone titles: {sorted(titles ^ set(EXPECTED))}"
    roles = taxonomy()
    assert {title: roles.classify(title) for title in titles} == {t: EXPECTED[t] for t in titles}
    assert {t for t, role in EXPECTED.items() if role == OTHER} == set(DELIBERATELY_OTHER)
    assert all(role in BUILT_IN for role in EXPECTED.values() if role != OTHER)


def test_the_example_journal_has_no_title_read_as_other():
    journal = load_journal(ROOT / "journal")
    found = composition(journal, journal.plan)
    assert found.other_titles == ()
    assert dict(found.roles)["developer"] == 11  # Developer, Developer Advocate and Tech Lead


@pytest.mark.parametrize(
    "title, role",
    [
        ("Staff Engineer", "developer"),
        ("Backend Engineer", "developer"),
        ("SRE", "developer"),
        ("Sr. Software Engineer, Payments", "developer"),
        ("Tech Lead", "developer"),
        ("Head of Engineering", "engineering manager"),
        ("VP Engineering", "engineering manager"),
        ("Vice President of Engineering", "engineering manager"),
        ("Engineering Lead", "engineering manager"),
        ("EM (my mentor)", "engineering manager"),
        ("Talent Acquisition Partner", "recruiter"),
        ("Head of Talent", "recruiter"),
        ("Member of Technical Staff", "developer"),
        ("QA Engineer", "developer"),
        ("Co-Founder & CTO", "founder"),
        ("Chief Technology Officer", "executive"),
        ("Product Designer", "designer"),
        ("Product Engineer", "developer"),
        ("Product Marketing Manager", "marketer"),
        ("Senior Product Manager", "product manager"),
        ("Sales Engineer", "salesperson"),
        ("Business Development Manager", "salesperson"),
        ("HR Business Partner", "people partner"),
        ("Software Engineering Intern", "developer"),
        ("", OTHER),
    ],
)
def test_common_titles_and_seniority_words(title, role):
    assert taxonomy().classify(title) == role


def test_a_wanted_role_names_a_role_by_any_of_its_names_and_other_values_match_words():
    roles = taxonomy()
    assert roles.role_named("developer") == roles.role_named("Engineers") == "developer"
    assert roles.role_named("product manager") == roles.role_named("PM") == "product manager"
    assert roles.role_named("engineering manager") == roles.role_named("hiring managers") == "engineering manager"
    assert roles.role_named("staff engineer") is None and roles.role_named("senior") is None


def test_the_plan_s_own_mappings_come_first_and_may_name_a_role_of_their_own():
    roles = taxonomy({"platform engineer": "other", "Fellow": "developer", "climate scientist": "scientist"})
    assert roles.classify("Fellow") == "developer"
    assert roles.classify("Senior Platform Engineer") == OTHER  # before the table's "engineer"
    assert roles.classify("Climate Scientist") == "scientist"
    assert roles.role_named("scientists") == "scientist"
    assert "scientist" in roles.names and roles.names[-1] == OTHER


def test_the_reference_prints_the_table_as_it_is():
    text = (ROOT / "docs" / "reference" / "roles.md").read_text(encoding="utf-8")
    assert reference_table() in text, "docs/reference/roles.md: paste trellis.roles.reference_table()"
    documented = re.findall(r"^\| `([^`]+)` \|", text, re.M)
    assert documented == [role.name for role in ROLES]


def test_a_goal_filter_on_role_counts_by_meaning_with_the_plan_s_mappings():
    import datetime as dt

    from trellis.metrics.counters import counted_items
    from trellis.model import Contact, Goal, Journal, Measure, Plan, Source

    plan = Plan(Source(Path("/p.md"), "plan.md", "plan.md"), roles_map={"people scout": "recruiter"})
    journal = Journal(root=Path("/journal"), plan=plan)
    for cid, role in (("tap", "Talent Acquisition Partner"), ("scout", "People Scout"), ("dev", "Staff Engineer")):
        source = Source(Path(f"/{cid}.md"), cid, cid)
        journal.contacts[cid] = Contact(id=cid, source=source, role=role, met=dt.date(2026, 11, 2))
    goal = Goal("g", Source(Path("/g.md"), "g", "g"), measure=Measure("new-contacts", {"role": ["recruiters"]}))
    assert sorted(c for item in counted_items(journal, goal) for c in item.contacts) == ["scout", "tap"]
