"""One public story (issue 27): the network page's sections count roles alike, dream companies and
pace figures leave the public view when plan.md says `public_pace: false` (what `trellis init` writes)."""

from __future__ import annotations

import html
import re

import pytest
from conftest import build, site_text, write_project

PLAN = """
---
vision: A backend role in climate tech
want:
  roles: [developer, engineering manager, recruiter]
  sectors: [fintech]
  companies: [Marmotworks]
dream_companies: [Zephyrine Labs, Quokkasoft]
---
"""
GOAL = """
---
title: Have two conversations with engineers every week
supports: vision
measure: {count: interactions}
target: 2
per: week
start: 2026-11-02
due: 2026-12-31
actions: [Ask one person a week]
---
"""


def _contact(name: str, role: str, company: str = "", sector: str = "fintech", public: bool = False) -> str:
    return (
        f"---\nname: {name}\nrole: {role}\ncompany: {company}\nsector: {sector}\n"
        f"public: {'true' if public else 'false'}\n---\n"
    )


FILES = {
    "index.md": "# Home\n",
    "goals/vision.md": "---\ntitle: A backend role in climate tech\nkind: vision\n---\n",
    "goals/talks.md": GOAL,
    "contacts/sam-staff.md": _contact("Sam Staff", "Staff Engineer", "Ledgerline"),
    "contacts/bea-backend.md": _contact("Bea Backend", "Backend Engineer", "Ledgerline"),
    "contacts/rio-sre.md": _contact("Rio Sre", "SRE", "Ledgerline"),
    # at a dream company: the plan wants them, whatever the letters of their title say
    "contacts/hal-head.md": _contact("Hal Head", "Head of Engineering", "Zephyrine Labs"),
    "contacts/pat-public.md": _contact("Pat Public", "Talent Acquisition Partner", "Hireworks", "hr", public=True),
    "contacts/chef-cho.md": _contact("Chef Cho", "Chef", "Noodle Bar", "food"),
    "entries/2026/2026-11-10.md": "---\ninteractions:\n  - {with: [sam-staff, hal-head], channel: coffee,"
    " direction: mutual}\n---\n",
    "entries/2026/2026-11-17.md": "---\ninteractions:\n  - {with: pat-public, channel: call, direction: inbound}\n---\n",
}
CONFIG = "site_name: Story\ndocs_dir: journal\ntheme: {name: material}\nplugins: [search, trellis]\n"
PRIVATE_COMPANIES = ("Zephyrine", "Quokkasoft", "Marmotworks")


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The journal's public site (its plan as `trellis init` writes it: `public_pace: false`), its
    owner site, and the public site of the same journal whose plan publishes the dream companies
    and says nothing of pace (the figures are public then, as the progress page has them)."""
    closed = PLAN.replace("---\nvision", "---\npublic_pace: false\nvision")
    default = write_project(tmp_path_factory.mktemp("story"), {**FILES, "plan.md": closed}, CONFIG)
    opted = PLAN.replace("---\nvision", "---\npublic_dream_companies: true\nvision")
    opted_in = write_project(tmp_path_factory.mktemp("opted"), {**FILES, "plan.md": opted}, CONFIG)
    for project, audience in ((default, "public"), (default, "owner"), (opted_in, "public")):
        run = build(project, audience)
        assert run.returncode == 0, run.stderr[-3000:]
    return default / "site-public", default / "site-owner", opted_in / "site-public"


def _page(site, name: str) -> str:
    return html.unescape((site / name / "index.html").read_text(encoding="utf-8"))


def _against_the_plan(network: str) -> dict[tuple[str, str], str]:
    table = network.split('id="wanted"')[1].split("</table>")[0]
    return {(q, v): n for q, v, n in re.findall(r"<td>(\w+)</td><td>([^<]*)</td><td>([^<]*)</td>", table)}


def _composition_roles(network: str) -> dict[str, int]:
    roles = re.search(r"<h3>Roles</h3><p>(.*?)</p>", network).group(1)
    return {role.strip(): int(n) for role, n in re.findall(r"([^,()]+?) \((\d+)\)", roles)}


def test_against_the_plan_and_the_composition_count_roles_alike(sites):
    public, owner, _ = sites
    for site in (public, owner):
        network = _page(site, "network")
        wanted, roles = _against_the_plan(network), _composition_roles(network)
        # Staff Engineer, Backend Engineer and SRE are developers in both sections
        assert wanted[("roles", "developer")] == "3" and roles["developer"] == 3, (wanted, roles)
        # every wanted role reads the same number in both, or none in both
        for (quality, value), n in wanted.items():
            if quality == "roles":
                assert (int(n) if n.isdigit() else 0) == roles.get(value, 0), (value, n, roles)
    # in public, the one unnamed engineering manager is counted nowhere (k-anonymity), the named
    # recruiter is; the chef is "other" in both views
    public_roles = _composition_roles(_page(public, "network"))
    assert public_roles == {"developer": 3, "recruiter": 1, "other": 2}
    assert _against_the_plan(_page(public, "network"))[("roles", "engineering manager")] == "no one to show yet"


def test_a_head_of_engineering_at_a_dream_company_matches_the_plan(sites):
    _, owner, _ = sites
    network = _page(owner, "network")
    assert _against_the_plan(network)[("roles", "engineering manager")] == "1"
    unmatched = network.split("Matching none of the wanted qualities")[1].split("</p>")[0]
    assert "Chef Cho" in unmatched and "Hal Head" not in unmatched
    assert "(1)" in unmatched
    # the owner sees the titles read as no role, to map them in plan.md; the public does not
    assert "Titles read as no role" in network and "Chef" in network.split("Titles read as no role")[1]
    assert "Titles read as no role" not in _page(sites[0], "network")


def test_the_dream_companies_are_in_no_public_file_unless_the_plan_publishes_them(sites):
    public, owner, opted_in = sites
    text = site_text(public).lower()
    assert not [c for c in PRIVATE_COMPANIES if c.lower() in text]
    assert 'id="warm-paths"' not in _page(public, "network")
    # the owner sees them, marked as not published
    assert "Quokkasoft" in _page(owner, "network") and "Marmotworks" in _page(owner, "plan")
    assert "not published" in _page(owner, "plan").split('id="dream"')[1]
    # public_dream_companies: true
    network, plan = _page(opted_in, "network"), _page(opted_in, "plan")
    assert re.search(r"<td[^>]*>Quokkasoft</td><td[^>]*>0</td>", network)
    assert ("companies", "Marmotworks") in _against_the_plan(network)
    assert "Zephyrine Labs, Quokkasoft" in plan and "Marmotworks" in plan


def test_pace_and_habit_figures_stay_the_owner_s_when_the_plan_says_so(sites):
    public, owner, opted_in = sites
    habit = re.compile(r"habit \d+%|trellis-status--(?:ahead|behind|on-track|overdue|done)|Buffer|the ideal line")
    progress, goal = _page(public, "progress"), _page(public, "goals/talks")
    assert not habit.search(progress) and not habit.search(goal)
    assert "/ 2 conversations" not in progress  # the quota of the week
    assert '<svg class="trellis-chart__svg"' not in goal and 'id="adjust"' not in progress
    assert "Have two conversations with engineers every week" in progress  # the goal itself is there
    for site in (owner, opted_in):
        progress, goal = _page(site, "progress"), _page(site, "goals/talks")
        assert habit.search(progress) and "Buffer" in goal and '<svg class="trellis-chart__svg"' in goal
