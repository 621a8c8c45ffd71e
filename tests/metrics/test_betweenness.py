"""Betweenness by igraph (issue 31): the same scores and super-connectors as networkx's exact
betweenness, on a generated journal with a big company (its hub) and on the example journal."""

from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx
import pytest
from conftest import TODAY
from trellis.loading import load_journal
from trellis.metrics import Figures, network
from trellis.metrics.network import betweenness, contacts_only, is_hub, super_connectors

ROOT = Path(__file__).resolve().parents[2]


def ranking(scores: dict[str, float], limit: int) -> list[tuple[str, float]]:
    kept = [(cid, s) for cid, s in scores.items() if s > 1e-12 and not is_hub(cid)]
    return sorted(kept, key=lambda cs: (-round(cs[1], 9), cs[0]))[:limit]


def graph_of(project: Path):
    journal = load_journal(project / "journal")
    return Figures(journal, TODAY).graph


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> nx.Graph:
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import Shape, generate

    # companies of about 40: some pass COMPANY_CLIQUE_MAX, so hubs are in the graph
    project = generate(tmp_path_factory.mktemp("g") / "g", 400, 500, shape=Shape(company_size=40, people=3))
    return graph_of(project)


def test_generated_graph_has_hubs(generated):
    assert any(is_hub(node) for node in generated)


def test_scores_are_networkx_exact_betweenness(generated):
    contacts = contacts_only(generated)
    expected = nx.betweenness_centrality(contacts, normalized=True)
    found = betweenness(contacts)
    assert found.keys() == expected.keys()
    assert max(abs(found[n] - expected[n]) for n in expected) < 1e-12


def test_super_connectors_on_a_generated_journal_are_networkx_exact_ranking(generated):
    expected = ranking(nx.betweenness_centrality(contacts_only(generated), normalized=True), 10)
    found = super_connectors(generated, limit=10)
    assert [cid for cid, _ in found] == [cid for cid, _ in expected]
    assert [s for _, s in found] == pytest.approx([s for _, s in expected], abs=1e-12)


def test_super_connectors_on_the_example_journal_are_networkx_exact_ranking():
    graph = graph_of(ROOT)
    expected = ranking(nx.betweenness_centrality(contacts_only(graph), normalized=True), 5)
    assert super_connectors(graph) == [(cid, pytest.approx(s, abs=1e-12)) for cid, s in expected]
    assert len(expected) == 5


def test_past_the_work_limit_sources_are_sampled_with_a_fixed_seed(generated, monkeypatch):
    contacts = contacts_only(generated)
    size = contacts.number_of_nodes() + contacts.number_of_edges()
    monkeypatch.setattr(network, "WORK", size * 200)  # 200 of about 400 sources
    first, again = betweenness(contacts), betweenness(contacts)
    assert first == again  # the same sources every time
    exact = nx.betweenness_centrality(contacts, normalized=True)
    assert first != pytest.approx(exact, abs=1e-12)  # an estimate ...
    # ... of the same size: the sums of the walked sources scaled up to every source
    assert sum(first.values()) == pytest.approx(sum(exact.values()), rel=0.2)
    assert ranking(first, 1)[0][0] == ranking(exact, 1)[0][0]
