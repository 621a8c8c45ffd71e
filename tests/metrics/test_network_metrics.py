"""The network figures: dormancy, the graph, super-connectors, communities, warm paths, layout, composition."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TODAY
from trellis.loading import load_journal
from trellis.metrics import Figures
from trellis.metrics.network import (
    ME,
    betweenness,
    build_graph,
    communities,
    community_of,
    composition,
    describe_path,
    layout,
    super_connectors,
    warm_paths,
)
from trellis.metrics.ties import Touch, last_contact, reach_out_order, touches
from trellis.model import Contact, Entry, Interaction, Journal, Plan, Source

D = dt.date


def by_contact(journal: Journal) -> dict[str, list[Interaction]]:
    return Figures(journal, TODAY).interactions_by_contact


def journal_of(contacts: dict[str, dict], meetings: list[tuple[str, ...]] = (), plan: Plan | None = None) -> Journal:
    """A journal in memory: contacts by id with their fields, and one dated interaction per tuple of ids."""
    journal = Journal(root=Path("/journal"), plan=plan)
    for cid, fields in contacts.items():
        journal.contacts[cid] = Contact(id=cid, source=Source(Path(f"/{cid}.md"), cid, cid), **fields)
    entry = Entry(id="2026-11-01", source=Source(Path("/e.md"), "e", "e"), date=D(2026, 11, 1))
    for n, people in enumerate(meetings):
        entry.interactions.append(Interaction(list(people), "coffee", "mutual", "", None, entry.date, entry.id, n))
    journal.entries.append(entry)
    return journal


def graph_of(journal: Journal):
    return build_graph(journal, by_contact(journal))


# --- dormancy -------------------------------------------------------------------------


def test_dormancy_counts_a_back_filled_entry_from_its_own_date(write_journal):
    project = write_journal(
        {
            "contacts/ada.md": "---\nname: Ada\nmet: 2026-01-10\nkeep_in_touch: 30d\n---\n",
            "contacts/bob.md": "---\nname: Bob\nmet: 2026-10-01\n---\n",
            "contacts/cy.md": "---\nname: Cy\nmet: 2026-06-01\nkeep_in_touch: 60d\n---\n",
            "contacts/dee.md": "---\nname: Dee\n---\n",
            "contacts/eve.md": "---\nname: Eve\nkeep_in_touch: 30\n---\n",
            "contacts/fay.md": "---\nname: Fay\n---\n",
            "entries/2026-10-01.md": "---\ninteractions:\n  - {with: ada, channel: call, direction: outbound}\n---\n",
            "entries/2026-08-01.md": "---\ninteractions:\n  - {with: dee, channel: call, direction: outbound}\n---\n",
            "entries/2026-10-24.md": "---\ninteractions:\n  - {with: eve, channel: call, direction: inbound}\n---\n",
            # planned ahead: after today, so it does not count yet
            "entries/2026-12-01.md": "---\ninteractions:\n  - {with: ada, channel: call, direction: outbound}\n---\n",
        }
    )
    # written last, about an older day: back-filled
    late = project / "journal/entries/note-written-late.md"
    late.write_text("---\ndate: 2026-09-10\ninteractions:\n  - {with: ada, channel: email, direction: outbound}\n---\n")
    os.utime(late, (2_000_000_000, 2_000_000_000))
    journal = load_journal(project / "journal")
    assert not journal.findings
    interactions = by_contact(journal)

    # Ada: 2026-09-10 (back-filled), 2026-10-01, 2026-12-01 (future): the last up to today is 10-01,
    # whatever order the list is in
    ada, fay = journal.contacts["ada"], journal.contacts["fay"]
    assert last_contact(ada, interactions["ada"], TODAY) == D(2026, 10, 1)
    assert last_contact(ada, list(reversed(interactions["ada"])), TODAY) == D(2026, 10, 1)
    assert last_contact(ada, [], TODAY) == D(2026, 1, 10)  # nothing logged: the day you met
    assert last_contact(fay, [], TODAY) is None  # neither

    found = touches(journal, interactions, TODAY)
    assert list(found) == ["ada", "bob", "cy", "dee", "eve", "fay"]
    # Ada: 2026-10-01 to 2026-11-23 is 30 (rest of October) + 23 = 53 days; 53 - 30 = 23 overdue; 23 / 30 periods
    assert found["ada"] == Touch("ada", D(2026, 10, 1), 30, 23, pytest.approx(23 / 30), True)
    # Bob: never spoken to, met 2026-10-01: 53 days of his 90, not dormant
    assert found["bob"] == Touch("bob", D(2026, 10, 1), 90, 0, 0.0, False)
    # Cy: met 2026-06-01: 29 (rest of June) + 31 + 31 + 30 + 31 + 23 = 175 days; 175 - 60 = 115; 115 / 60
    assert found["cy"] == Touch("cy", D(2026, 6, 1), 60, 115, pytest.approx(115 / 60), True)
    # Dee: 2026-08-01: 30 (rest of August) + 30 + 31 + 23 = 114 days; 114 - 90 = 24; 24 / 90
    assert found["dee"] == Touch("dee", D(2026, 8, 1), 90, 24, pytest.approx(24 / 90), True)
    # Eve: 2026-10-24 is exactly 30 days ago, her period: due, not yet dormant
    assert found["eve"] == Touch("eve", D(2026, 10, 24), 30, 0, 0.0, False)
    # Fay: no interaction and no met date: nothing to measure from
    assert found["fay"] == Touch("fay", None, 90, 0, 0.0, False)

    # most periods overdue first: Cy 1.92, Ada 0.77, Dee 0.27
    assert [t.contact_id for t in reach_out_order(found)] == ["cy", "ada", "dee"]


def test_reach_out_order_breaks_ties_by_id():
    tied = [
        Touch("zed", D(2026, 1, 1), 30, 30, 1.0, True),
        Touch("amy", D(2026, 1, 1), 30, 30, 1.0, True),
        Touch("kim", D(2026, 11, 1), 30, 0, 0.0, False),
        Touch("max", D(2026, 3, 1), 10, 30, 3.0, True),
    ]
    assert [t.contact_id for t in reach_out_order(tied)] == ["max", "amy", "zed"]


# --- the graph ------------------------------------------------------------------------


def test_graph_edges_carry_their_reasons():
    journal = journal_of(
        {
            "ada": {"company": "Stripe ", "knows": ["bob", "ghost"]},  # ghost: no such contact
            "bob": {"company": "  STRIPE"},
            "cy": {"introduced_by": "ada"},
            "dee": {"knows": ["dee"]},  # herself: no self-loop
            "eve": {"company": "Acme", "knows": ["cy"]},
        },
        meetings=[("cy", "dee", "eve"), ("cy", "dee"), ("cy",)],
    )
    graph = graph_of(journal)
    assert list(graph.nodes) == [ME, "ada", "bob", "cy", "dee", "eve"]
    assert "ghost" not in graph
    assert not [(a, b) for a, b in graph.edges if a == b]
    # interactions: cy in all three, dee in two, eve in one
    assert {n: graph.nodes[n]["interactions"] for n in graph} == {
        ME: 3,
        "ada": 0,
        "bob": 0,
        "cy": 3,
        "dee": 2,
        "eve": 1,
    }
    assert graph.edges[ME, "cy"] == {"kinds": ("interaction",), "weight": 3}
    assert graph.edges[ME, "ada"] == {"kinds": ("contact",), "weight": 1}  # known, never met in the journal
    # "Stripe " and "  STRIPE" are one company; ada also knows bob: two reasons, weight 2
    assert graph.edges["ada", "bob"] == {"kinds": ("company", "knows"), "weight": 2}
    assert graph.edges["ada", "cy"] == {"kinds": ("introduced",), "weight": 1}
    # cy and dee shared two interactions (1 each); cy and eve one, plus eve knows cy
    assert graph.edges["cy", "dee"] == {"kinds": ("interaction",), "weight": 2}
    assert graph.edges["cy", "eve"] == {"kinds": ("interaction", "knows"), "weight": 2}
    assert graph.edges["dee", "eve"] == {"kinds": ("interaction",), "weight": 1}
    # 5 owner edges + ada-bob, ada-cy, cy-dee, cy-eve, dee-eve
    assert graph.number_of_edges() == 10


def two_triangles() -> Journal:
    # ann-abe-amy and ben-bea-bob are triangles; joe knows amy and bob, and met amy once;
    # zoe knows nobody. Only amy and joe have interactions with the owner.
    return journal_of(
        {
            "ann": {"knows": ["abe", "amy"]},
            "abe": {"knows": ["amy"]},
            "amy": {},
            "ben": {"knows": ["bea", "bob"]},
            "bea": {"knows": ["bob"]},
            "bob": {},
            "joe": {"knows": ["amy", "bob"]},
            "zoe": {},
        },
        meetings=[("amy", "joe"), ("amy",)],
    )


def test_super_connectors_bridge_groups_of_contacts():
    graph = graph_of(two_triangles())
    # Without the owner (8 contacts, (7 * 6) / 2 = 21 pairs): every path between the 3 x 3
    # people of the two triangles goes amy-joe-bob, so joe is on 9 of them: 9 / 21. amy is on
    # the paths from ann and abe to joe, ben, bea, bob: 2 x 4 = 8, and bob likewise: 8 / 21.
    assert super_connectors(graph) == [
        ("joe", pytest.approx(9 / 21)),
        ("amy", pytest.approx(8 / 21)),
        ("bob", pytest.approx(8 / 21)),
    ]
    assert super_connectors(graph, limit=1) == [("joe", pytest.approx(9 / 21))]
    # With the owner tied to everyone, any two contacts are two steps apart through the owner:
    # joe is left with half of the amy-bob pair, out of (8 * 7) / 2 = 28 pairs. That is why
    # super-connectors are measured without the owner.
    assert betweenness(graph)["joe"] == pytest.approx(0.5 / 28)


def test_communities_leave_the_owner_out():
    clusters = communities(graph_of(two_triangles()))
    # Modularity with weights (m = 9; amy-joe weighs 2: a tie and an interaction): joe with
    # ann-abe-amy gives (5/9 - (11/18)^2) + (3/9 - (7/18)^2) = 0.364, better than with
    # ben-bea-bob (0.272) or alone (0.290). zoe has no tie: a cluster of her own.
    assert clusters == [["abe", "amy", "ann", "joe"], ["bea", "ben", "bob"], ["zoe"]]
    assert community_of(clusters) == {"abe": 0, "amy": 0, "ann": 0, "joe": 0, "bea": 1, "ben": 1, "bob": 1, "zoe": 2}


# --- warm paths -----------------------------------------------------------------------


def test_warm_paths():
    journal = journal_of(
        {
            "grace": {"company": "Acme"},  # talked to
            "hal": {},  # talked to
            "ada": {"company": "Stripe", "knows": ["grace"]},
            "sam": {"company": "stripe ", "knows": ["hal"]},
            "linus": {"company": "GitLab"},  # talked to
            "bea": {"company": "GitLab", "knows": ["grace"]},
            "fig": {"company": "Figma", "knows": ["ada"]},
            "ken": {"company": "Automattic"},  # never talked to, no ties
        },
        meetings=[("grace",), ("hal",), ("linus",)],
    )
    graph = graph_of(journal)
    found = warm_paths(graph, journal, ["Stripe", "GitLab", "Figma", "Automattic", "Vercel"])
    assert [(w.company, w.path, w.target) for w in found] == [
        # ada (via grace) and sam (via hal) are both two steps away: grace < hal decides
        ("Stripe", (ME, "grace", "ada"), "ada"),
        # linus is talked to: direct, though bea (via grace) sorts first
        ("GitLab", (ME, "linus"), "linus"),
        # fig knows ada, who knows grace
        ("Figma", (ME, "grace", "ada", "fig"), "fig"),
        # ken works there, but the owner's edge to him is only a contact file: no path
        ("Automattic", (), "ken"),
        # nobody there
        ("Vercel", (), None),
    ]


def test_describe_path():
    names = {"grace": "Grace", "ada": "Ada", "fig": "Fig", "x": "an engineer in fintech"}
    label = names.__getitem__
    assert describe_path((ME, "ada"), label, "Stripe") == "You know Ada at Stripe"
    assert describe_path((ME, "grace", "ada"), label, "Stripe") == "Grace can introduce you to Ada at Stripe"
    assert describe_path((ME, "grace", "ada", "fig"), label, "Figma") == "Grace → Ada → Fig at Figma"
    assert describe_path((ME, "x", "ada"), label) == "An engineer in fintech can introduce you to Ada"
    assert describe_path((), label, "Vercel") == ""


# --- layout ---------------------------------------------------------------------------


def check_layout(graph):
    first, second = layout(graph), layout(graph)
    assert first == second
    assert list(first) == list(graph.nodes)
    assert first[ME] == (500.0, 500.0)
    for x, y in first.values():
        assert 0 <= x <= 1000 and 0 <= y <= 1000
        assert round(x, 1) == x and round(y, 1) == y
    return first


def test_layout_is_deterministic_and_inside_the_square():
    check_layout(graph_of(two_triangles()))
    assert layout(graph_of(journal_of({}))) == {ME: (500.0, 500.0)}


def test_large_layout_needs_no_scipy():
    # 600 contacts: past networkx's 500-node switch to its SciPy solver
    contacts = {f"c{n:03d}": {"company": f"Co {n % 40}", "knows": [f"c{(n * 7) % 600:03d}"]} for n in range(600)}
    graph = graph_of(journal_of(contacts, meetings=[(f"c{n:03d}",) for n in range(0, 600, 3)]))
    positions = check_layout(graph)
    assert len(set(positions.values())) == len(positions)  # nobody on top of anybody


# --- composition ----------------------------------------------------------------------


def test_composition_counts_and_gaps():
    plan = Plan(
        source=Source(Path("/plan.md"), "plan", "plan"),
        want={
            "roles": ["recruiter", "engineering manager", "developer"],
            "sectors": ["fintech", "edtech"],
            "locations": ["remote", "Berlin"],
            "skills": ["react", "typescript"],
            "companies": ["gitlab"],
        },
        dream_companies=["Stripe", "GitLab", "Automattic"],
    )
    journal = journal_of(
        {
            "a": {
                "role": "Senior Developer",
                "sector": "Fintech",
                "location": "Berlin, Germany",
                "skills": ["React", "TypeScript"],
                "company": "Stripe",
            },
            "b": {
                "role": "Developer",
                "sector": "fintech",
                "location": "London",
                "skills": ["react", "react"],
                "company": "stripe",
            },
            "c": {
                "role": "Recruiter",
                "sector": "EdTech",
                "location": "Remote",
                "skills": ["python"],
                "company": "GitLab",
            },
            "d": {"role": "Chef", "sector": "Food", "location": "Paris", "skills": ["cooking"]},
            "e": {},
            "f": {"role": "  developer"},
            "g": {"skills": ["Reactive programming"]},
        },
        plan=plan,
    )
    found = composition(journal, plan)
    assert found.total == 7
    # roles by meaning (roles.py): "Senior Developer" (a), "Developer" (b) and "  developer" (f) are
    # developers; a chef is no role Trellis knows: "other", last, and its title listed for the owner
    assert found.roles == (("developer", 3), ("recruiter", 1), ("other", 1))
    assert found.other_titles == (("Chef", 1),)
    assert found.sectors == (("Fintech", 2), ("EdTech", 1), ("Food", 1))
    assert found.locations == (("Berlin, Germany", 1), ("London", 1), ("Paris", 1), ("Remote", 1))
    # b lists react twice: one contact, counted once
    assert found.skills == (("React", 2), ("cooking", 1), ("python", 1), ("Reactive programming", 1), ("TypeScript", 1))
    # whole words: "developer" is in a, b and f's roles; "react" is not in "Reactive programming"
    assert [(w.quality, w.value, w.count) for w in found.wanted] == [
        ("roles", "recruiter", 1),
        ("roles", "engineering manager", 0),
        ("roles", "developer", 3),
        ("sectors", "fintech", 2),
        ("sectors", "edtech", 1),
        ("locations", "remote", 1),
        ("locations", "Berlin", 1),
        ("skills", "react", 2),
        ("skills", "typescript", 1),
        ("companies", "gitlab", 1),
    ]
    assert [w.value for w in found.gaps] == ["engineering manager"]
    assert found.dream_companies == (("Stripe", 2), ("GitLab", 1), ("Automattic", 0))
    # d (a chef in food, in Paris), e (nothing) and g (no wanted skill) fit none of the plan
    assert found.unmatched == ("d", "e", "g")


def test_composition_without_a_plan():
    found = composition(journal_of({"a": {"role": "Developer"}}), None)
    assert (found.total, found.roles, found.wanted, found.dream_companies, found.unmatched) == (
        1,
        (("developer", 1),),
        (),
        (),
        (),
    )


def test_results_do_not_depend_on_the_hash_seed():
    # string hashing (set order) changes between Python runs; two builds must still agree
    script = """
import json, sys
from pathlib import Path
from trellis.metrics.network import build_graph, communities, layout, super_connectors, warm_paths
from trellis.model import Contact, Entry, Interaction, Journal, Source
journal = Journal(root=Path("/j"))
for n in range(120):
    cid = f"c{n:03d}"
    journal.contacts[cid] = Contact(cid, Source(Path("/c"), cid, cid), company=f"Co {n % 9}",
                                    knows=[f"c{(n * 7 + 3) % 120:03d}"])
entry = Entry("e", Source(Path("/e"), "e", "e"))
entry.interactions = [Interaction([f"c{n:03d}"], None, None, "", None, None, "e", n) for n in range(0, 120, 5)]
journal.entries.append(entry)
found = {}
for i in journal.interactions:
    for cid in i.with_ids:
        found.setdefault(cid, []).append(i)
graph = build_graph(journal, found)
print(json.dumps([communities(graph), layout(graph), super_connectors(graph),
                  [w.path for w in warm_paths(graph, journal, ["Co 4", "co 8"])]]))
"""
    runs = [
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1] and runs[0].startswith("[[[")
