"""A big company ties its people through one hidden hub: edges grow with the people, and the pages mean what they did."""

from __future__ import annotations

from conftest import TODAY
from trellis.metrics.network import COMPANY_CLIQUE_MAX, ME, is_hub
from trellis.pipeline import analyse

BIG = COMPANY_CLIQUE_MAX * 4


def big_company_journal(write_journal):
    files = {
        "plan.md": "---\ndream_companies: [Startup]\n---\n",
        "contacts/zed.md": "---\nname: Zed Small\ncompany: Startup\nknows: [carol]\n---\n",
        "contacts/carol.md": "---\nname: Carol Big\ncompany: BigCo\n---\n",
        "contacts/bob.md": "---\nname: Bob Big\ncompany: bigco\n---\n",  # case does not matter
        "entries/2026-11-02.md": "---\ndate: 2026-11-02\ninteractions:\n  - with: bob\n    channel: call\n"
        "    direction: mutual\n---\n",
    }
    for n in range(BIG - 2):
        files[f"contacts/p{n:03}.md"] = f"---\nname: Person {n}\ncompany: BigCo\n---\n"
    files.update({f"contacts/small-{n}.md": f"---\nname: Small {n}\ncompany: Tiny\n---\n" for n in range(3)})
    return analyse(write_journal(files) / "journal", today=TODAY)


def test_a_big_company_is_a_star_not_a_clique(write_journal):
    figures = big_company_journal(write_journal).figures
    graph = figures.graph
    people = BIG + 4
    # owner ties, one per person at BigCo, zed-carol, and the small company's clique of three
    assert graph.number_of_edges() == people + BIG + 1 + 3
    assert graph.number_of_edges() < BIG * (BIG - 1) // 2
    assert sorted(n for n in graph if is_hub(n)) == ["@company:bigco"]


def test_colleagues_at_a_big_company_stay_one_step_apart_on_warm_paths(write_journal):
    """You talk to Bob; Carol works with him, and Carol knows Zed at your dream company."""
    (warm,) = big_company_journal(write_journal).figures.warm_paths
    assert warm.path == (ME, "bob", "carol", "zed") and warm.target == "zed"


def test_the_hub_is_never_shown_scored_or_clustered(write_journal):
    figures = big_company_journal(write_journal).figures
    contacts = set(figures.journal.contacts)
    assert set(figures.positions) == contacts | {ME}
    assert {cid for cluster in figures.clusters for cid in cluster} == contacts
    assert all(not is_hub(cid) for cid, _ in figures.super_connectors)
    assert figures.super_connectors[0][0] == "carol"  # the one who bridges BigCo and Startup
    bigco = {cid for cid, c in figures.journal.contacts.items() if c.company.lower() == "bigco"}
    assert any(bigco <= set(cluster) for cluster in figures.clusters)  # colleagues still cluster together
