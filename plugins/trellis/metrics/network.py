"""The network: the graph of who knows whom, and what the graph says.

Pure functions over records. Names and privacy are the caller's business: everything here
speaks in contact ids, and `describe_path` takes the caller's (privacy-aware) `label`.
How a single tie stands (last contact, dormancy, the ally rule) is `ties.py`'s.

Choices:

* **The graph.** One node per contact plus the owner, `ME`. The owner knows every contact
  (weight = interactions, at least 1). Contacts are tied by `knows` (either side),
  `introduced_by`, sharing an interaction, and sharing a company (case- and
  space-insensitive). An edge's weight is 1 per reason, where each shared interaction
  counts once, so people seen together often pull together in layouts and communities.
* **Big companies.** A company of up to `COMPANY_CLIQUE_MAX` people in the journal ties
  each two of them; a bigger one ties each of them to one hub node of the company
  (`company_hub`), not to each other: a clique of 300 is 45,000 edges, and a LinkedIn
  import of 4,500 people took most of a minute to build in the owner view. Hubs are never
  shown, scored or counted as people: warm paths step over them (colleagues stay one step
  apart), super-connectors and clusters leave them out, the map draws no line for them.
  Betweenness then runs through the hub between colleagues, so a person who bridges a
  big company and another group is still found. Each tie to the hub weighs (k - 1) / 2
  for a company of k, so the star weighs what the clique did and colleagues still cluster
  together.
* **Super-connectors and communities** are computed on the contacts alone. The owner is
  tied to everyone, so with the owner every two contacts are two steps apart and the
  owner's hub merges every cluster; without it, betweenness names the people who bridge
  groups of your contacts that would otherwise not meet, and Louvain finds the groups.
* **Warm paths** go out only through people you have actually interacted with (a contact
  file alone is not a relationship to ask a favour on), then along any tie. The shortest
  path wins; among equals, the one whose ids sort first. Nobody at the company: no target;
  somebody there but no path: the first of them by id is the target and the path is empty.
* **Betweenness** is computed by igraph (compiled C; networkx's pure Python took 5 to 8 s,
  sampled, on 3,000-file journals: bench/graph_bench.py). It is exact while the work (a walk
  of the whole graph per node: nodes x (nodes + edges)) is at most `WORK`, which holds every
  shape the benchmark makes up to 4,500 contacts (3,000 contacts and 20,000 ties: 0.8 s of
  CPU). Beyond, it walks from `WORK // (nodes + edges)` sources (at least 50) drawn with a
  fixed seed and scales the sums up: an estimate, where near-equal super-connectors may swap
  places as the journal grows.
* **Layout.** Below 500 nodes: a seeded spring layout (50 iterations) with the owner fixed
  at the centre. From 500 nodes networkx's spring layout needs SciPy (not a dependency)
  and a dense one is slow, so larger graphs get a cheap deterministic layout: communities
  as wedges of a disc (area by size), people you talk to most nearest the centre,
  contacts with no tie to another contact in an outer ring.
* **Composition** counts roles by meaning (`roles.py`: a Staff Engineer is a developer) and
  matches a wanted role the same way when it names one; any other wanted value matches as
  whole words, case-insensitively (`Berlin` matches "Berlin, Germany"). Dream companies match
  a contact's company exactly (case- and space-insensitive), as warm paths do, and someone at
  one is never "matching none of the wanted qualities".
"""

from __future__ import annotations

import inspect
import math
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import igraph  # type: ignore[import-untyped]  # no py.typed
import networkx as nx
import numpy as np

from ..model import Interaction, Journal, Plan, fold
from ..roles import OTHER
from .counters import holds, roles_of, wanted_values

ME = "@me"  # the owner's node: no contact file is named "@me.md" (build_graph leaves one out if it is)
HUB = "@company:"  # a big company's hub node is this and the folded company name (no contact id starts with "@")
COMPANY_CLIQUE_MAX = 30  # colleagues tied pairwise up to this many; a hub beyond (at most 435 edges a company)
SEED = 7
# exact betweenness walks the whole graph once per node: sample sources past this work
WORK = 100_000_000  # sources x (nodes + edges): about a second of igraph on the project's machine
MIN_SAMPLES = 50
SPRING_MAX_NODES = 500  # networkx's spring layout needs SciPy from here on


def company_hub(company: str) -> str:
    return HUB + fold(company)


def is_hub(node: str) -> bool:
    return node.startswith(HUB)


def build_graph(journal: Journal, interactions_by_contact: dict[str, list[Interaction]]) -> nx.Graph:
    ids = sorted(c for c in journal.contacts if c != ME and not is_hub(c))
    known = set(ids)
    counts = {cid: len(interactions_by_contact.get(cid, [])) for cid in ids}
    everyone = {id(i) for cid in ids for i in interactions_by_contact.get(cid, [])}
    graph = nx.Graph()
    graph.add_node(ME, interactions=len(everyone))
    for cid in ids:
        graph.add_node(cid, interactions=counts[cid])
    for cid in ids:  # the owner's edges first, then contact pairs in sorted order
        graph.add_edge(ME, cid, kinds=("interaction",) if counts[cid] else ("contact",), weight=max(counts[cid], 1))

    reasons: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def tie(a: str, b: str, kind: str, once: bool = True) -> None:
        if a != b and a in known and b in known:
            pair = (a, b) if a < b else (b, a)
            reasons[pair][kind] = 1 if once else reasons[pair][kind] + 1

    by_company = defaultdict(list)
    for cid in ids:
        contact = journal.contacts[cid]
        for other in contact.knows:
            tie(cid, other, "knows")
        if contact.introduced_by:
            tie(cid, contact.introduced_by, "introduced")
        if fold(contact.company):
            by_company[fold(contact.company)].append(cid)
    hubs = {}
    for company, members in by_company.items():
        if len(members) > COMPANY_CLIQUE_MAX:
            hubs[company_hub(company)] = members
            continue
        for a, b in combinations(members, 2):
            tie(a, b, "company")
    for interaction in journal.interactions:
        for a, b in combinations(sorted(set(interaction.with_ids)), 2):
            tie(a, b, "interaction", once=False)
    for pair in sorted(reasons):
        kinds = reasons[pair]
        graph.add_edge(*pair, kinds=tuple(sorted(kinds)), weight=sum(kinds.values()))
    for hub in sorted(hubs):  # after every person, so a graph without big companies is as it always was
        graph.add_node(hub, interactions=0, hub=True)
        # the star weighs what the clique did: k(k-1)/2 in all, so colleagues cluster together
        weight = (len(hubs[hub]) - 1) / 2
        for cid in hubs[hub]:
            graph.add_edge(hub, cid, kinds=("company",), weight=weight)
    return graph


def contacts_only(graph: nx.Graph) -> nx.Graph:
    return graph.subgraph([n for n in graph if n != ME]).copy()  # a copy: algorithms walk a view far slower


def betweenness(graph: nx.Graph) -> dict[str, float]:
    """Each node's share of the shortest paths between two other nodes (unweighted), normalized
    as networkx's `betweenness_centrality` is: exact up to `WORK`, sampled beyond (module doc)."""
    nodes = list(graph)
    n = len(nodes)
    if n < 3:  # no node lies between two others
        return dict.fromkeys(nodes, 0.0)
    index = {node: i for i, node in enumerate(nodes)}
    found = igraph.Graph(n=n, edges=[(index[a], index[b]) for a, b in graph.edges()], directed=False)
    size = n + graph.number_of_edges()
    k = max(MIN_SAMPLES, WORK // size)
    if n * size <= WORK or k >= n:
        raw, scale = found.betweenness(directed=False), 1.0
    else:  # the paths from k sources to every node, scaled up to all n sources
        sources = sorted(random.Random(SEED).sample(range(n), k))
        raw, scale = found.betweenness(directed=False, sources=sources, targets=range(n)), n / k
    # igraph counts each unordered pair once; networkx's normalized score divides by the pairs
    scale *= 2 / ((n - 1) * (n - 2))
    return {node: raw[i] * scale for i, node in enumerate(nodes)}


def super_connectors(
    graph: nx.Graph, limit: int = 5, order: Callable[[str], Any] | None = None
) -> list[tuple[str, float]]:
    """Contacts who bridge groups of your contacts: betweenness without the owner (see module doc).
    Equal scores are listed (and cut at `limit`) in `order`: by default ids, which sort by name;
    the network page passes an order that tells nothing."""
    order = order or str
    scores = [(cid, s) for cid, s in betweenness(contacts_only(graph)).items() if s > 1e-12 and not is_hub(cid)]
    # rounded for the comparison so float noise never reorders equal scores
    return sorted(scores, key=lambda cs: (-round(cs[1], 9), order(cs[0])))[:limit]


def communities(graph: nx.Graph) -> list[list[str]]:
    found = nx.community.louvain_communities(contacts_only(graph), seed=SEED, weight="weight")
    people = (sorted(n for n in c if not is_hub(n)) for c in found)  # a hub joins its colleagues' cluster
    return sorted((c for c in people if c), key=lambda c: (-len(c), c[0]))


def community_of(clusters: list[list[str]]) -> dict[str, int]:
    return {cid: n for n, cluster in enumerate(clusters) for cid in cluster}


@dataclass(frozen=True)
class WarmPath:
    company: str  # as the plan writes it
    path: tuple[str, ...]  # ME first, the target last; () when there is none
    target: str | None  # None when nobody at the company is in the journal


def reach(graph: nx.Graph) -> tuple[dict[str, str | None], dict[str, int]]:
    """Everyone a warm path reaches: each person's parent on their path from ME (`path_to`) and
    the order they were reached in, which ranks (length, path). The warm paths of the network
    page and of the company pages (metrics/companies.py) read it."""
    # One breadth-first search from ME, each level visited in the order of its paths and
    # neighbours in id order: the first visit to a node is along its shortest path whose ids
    # sort first, and the visiting order itself ranks (length, path).
    # A big company's hub is stepped over: its people are each other's neighbours, as in a
    # clique, and the first of them reached visits them all, so each hub is opened once.
    parent: dict[str, str | None] = {ME: None}
    order: dict[str, int] = {ME: 0}
    opened: set[str] = set()
    level = [ME] if ME in graph else []

    def neighbours(node: str) -> Iterable[str]:
        for c in graph[node]:
            if not is_hub(c):
                yield c
            elif c not in opened:
                opened.add(c)
                yield from (m for m in graph[c] if m != node)

    while level:
        following = []
        for node in level:
            near = set(c for c in neighbours(node) if node != ME or graph.nodes[c].get("interactions", 0) > 0)
            for other in sorted(near):
                if other not in parent:
                    parent[other], order[other] = node, len(order)
                    following.append(other)
        level = following
    return parent, order


def path_to(parent: dict[str, str | None], target: str) -> tuple[str, ...]:
    """The warm path to `target` (ME first, the target last) in `reach`'s parents; () when none reaches them."""
    if target not in parent:
        return ()
    path = []
    hop: str | None = target
    while hop is not None:
        path.append(hop)
        hop = parent[hop]
    return tuple(reversed(path))


def warm_paths(
    graph: nx.Graph, journal: Journal, companies: Iterable[str], eligible: Container[str] | None = None
) -> list[WarmPath]:
    """A warm path to each company. `eligible`: who may be a path's target (the public view
    leaves out a company's one or two unnamed people); anyone may be on the way."""
    parent, order = reach(graph)
    out = []
    staff: dict[str, list[str]] = defaultdict(list)  # one pass over the contacts, not one per dream company
    for cid, c in journal.contacts.items():
        if cid != ME and fold(c.company) and (eligible is None or cid in eligible):
            staff[fold(c.company)].append(cid)
    for company in companies:
        there = sorted(staff.get(fold(company), []))
        reachable = [cid for cid in there if cid in parent]
        if not reachable:
            out.append(WarmPath(company, (), there[0] if there else None))
            continue
        target = min(reachable, key=order.__getitem__)
        out.append(WarmPath(company, path_to(parent, target), target))
    return out


def describe_path(path: tuple[str, ...], label: Callable[[str], str], company: str = "") -> str:
    """ "You know Ada at Stripe", "Grace can introduce you to Ada at Stripe", "Grace → Linus → Ada at Stripe"."""
    names = [label(p) for p in path if p != ME]
    at = f" at {company}" if company else ""
    if not names:
        return ""
    if len(names) == 1:
        return f"You know {names[0]}{at}"
    text = f"{names[0]} can introduce you to {names[1]}" if len(names) == 2 else " → ".join(names)
    return text[:1].upper() + text[1:] + at  # a sentence starts with a capital ("An engineer in fintech...")


# Fruchterman-Reingold, the force method: networkx 3.5 added `method` (its "auto" may pick
# another); 3.4, the last release for Python 3.10, has only this one and no such argument
_FORCE = {"method": "force"} if "method" in inspect.signature(nx.spring_layout).parameters else {}


def layout(
    graph: nx.Graph,
    seed: int = SEED,
    clusters: list[list[str]] | None = None,
    order: Callable[[str], Any] | None = None,
) -> dict[str, tuple[float, float]]:
    """Positions in [0, 1000] x [0, 1000], ME at (500, 500), rounded to 0.1 so the output is stable.

    `seed` moves the spring layout's starting points; the large layout has no randomness.
    `clusters` (from `communities`) saves computing them again for a large graph.
    `order` sorts the nodes where the layout must pick one first (starting points, ties):
    by default their ids, which sort by name; the map passes an order that tells nothing.
    """
    if len(graph) == 0:
        return {}
    order = order or str
    if len(graph) < SPRING_MAX_NODES:
        start = np.random.RandomState(seed).uniform(-1, 1, (len(graph), 2))
        init = {node: tuple(xy) for node, xy in zip(sorted(graph, key=order), start)}
        fixed = None
        if ME in graph:
            init[ME], fixed = (0.0, 0.0), [ME]
        raw = (
            nx.spring_layout(graph, pos=init, fixed=fixed, iterations=50, weight="weight", seed=seed, **_FORCE)
            if len(graph) > 1
            else init
        )
    else:
        raw = _wedges(graph, clusters if clusters is not None else communities(graph), order)
    shown = [node for node in graph if not is_hub(node)]  # a hub pulls its colleagues together, unseen
    xy = np.array([raw[node] for node in shown], dtype=float)  # in the graph's (sorted) order
    centre = xy[shown.index(ME)] if ME in graph else xy.mean(axis=0)
    # scaled about the owner, not the bounding box, so ME sits exactly at the centre; 20 units of margin
    xy = np.round(500 + 480 * (xy - centre) / (float(np.abs(xy - centre).max()) or 1.0), 1)
    return {node: (float(x), float(y)) for node, (x, y) in zip(shown, xy)}


def _wedges(
    graph: nx.Graph, clusters: list[list[str]], order: Callable[[str], Any] = str
) -> dict[str, tuple[float, float]]:
    # Points of a sunflower (Vogel) spiral fill the unit disc evenly; the inner ones go to
    # contacts tied to other contacts, a wedge per community, the outer ring to the rest.
    # wedges go round in `order` too: clusters sort by their smallest id, which says whose name
    # sorts first (the network page's list and ring colours follow the same order)
    grouped = sorted((c for c in clusters if len(c) > 1), key=lambda c: (-len(c), min(map(order, c))))
    alone = sorted(
        (c[0] for c in clusters if len(c) == 1), key=lambda c: (-graph.nodes[c].get("interactions", 0), order(c))
    )
    n = sum(len(c) for c in clusters)
    index = np.arange(1, n + 1)
    radius = np.sqrt(index / n)
    angle = np.mod(index * math.pi * (3 - math.sqrt(5)), 2 * math.pi)
    inner = sum(len(c) for c in grouped)
    pos: dict[str, tuple[float, float]] = {ME: (0.0, 0.0)} if ME in graph else {}

    def place(members: list[str], points: np.ndarray) -> None:
        for cid, p in zip(members, points):
            pos[cid] = (radius[p] * math.cos(angle[p]), radius[p] * math.sin(angle[p]))

    by_angle = np.argsort(angle[:inner], kind="stable")
    start = 0
    for cluster in grouped:
        wedge = by_angle[start : start + len(cluster)]
        start += len(cluster)
        closest = sorted(cluster, key=lambda c: (-graph.nodes[c].get("interactions", 0), order(c)))
        place(closest, wedge[np.argsort(radius[wedge], kind="stable")])
    place(alone, np.arange(inner, n))
    return pos


@dataclass(frozen=True)
class Wanted:
    quality: str  # roles | sectors | locations | skills | companies
    value: str  # as the plan writes it
    count: int  # contacts who have it

    @property
    def gap(self) -> bool:
        return self.count == 0


@dataclass(frozen=True)
class Composition:
    total: int
    roles: tuple[tuple[str, int], ...]  # (role by meaning, roles.py; contacts), most first, "other" last
    sectors: tuple[tuple[str, int], ...]  # (first spelling seen, contacts), most first
    locations: tuple[tuple[str, int], ...]
    skills: tuple[tuple[str, int], ...]
    wanted: tuple[Wanted, ...]  # in the plan's order
    dream_companies: tuple[tuple[str, int], ...]  # in the plan's order
    unmatched: tuple[str, ...]  # contacts with none of the wanted qualities (none when nothing is wanted)
    other_titles: tuple[tuple[str, int], ...] = ()  # the job titles read as "other", most first: roles_map's work

    @property
    def gaps(self) -> tuple[Wanted, ...]:
        return tuple(w for w in self.wanted if w.gap)


def _values(contact, field: str) -> list[str]:
    value = getattr(contact, field)
    return [v for v in (value if isinstance(value, list) else [value]) if fold(v)]


def composition(journal: Journal, plan: Plan | None) -> Composition:
    people = [journal.contacts[cid] for cid in sorted(journal.contacts)]
    roles = roles_of(journal)

    def count(field: str) -> tuple[tuple[str, int], ...]:
        spelling: dict[str, str] = {}  # the first spelling seen, by contact id
        counts: dict[str, int] = defaultdict(int)
        for contact in people:
            for value in _values(contact, field):
                spelling.setdefault(fold(value), " ".join(value.split()))
            for key in {fold(v) for v in _values(contact, field)}:  # once per contact
                counts[key] += 1
        return tuple(sorted(((spelling[k], n) for k, n in counts.items()), key=lambda sn: (-sn[1], fold(sn[0]))))

    # roles by meaning: every titled contact is one role, "other" included (last)
    by_role = Counter(roles.classify(c.role) for c in people if fold(c.role))
    role_rows = sorted(((r, n) for r, n in by_role.items() if r != OTHER), key=lambda rn: (-rn[1], rn[0]))
    role_rows += [(OTHER, by_role[OTHER])] if by_role[OTHER] else []
    other_titles = Counter(" ".join(c.role.split()) for c in people if fold(c.role) and roles.classify(c.role) == OTHER)

    want = wanted_values(plan)
    has = {c.id: [holds(c, field, v, roles) for _, v, field in want] for c in people}
    wanted = tuple(Wanted(q, v, sum(has[c.id][n] for c in people)) for n, (q, v, _) in enumerate(want))
    dream_names = {fold(name) for name in (plan.dream_companies if plan else []) if fold(name)}
    # someone at a dream company is someone the plan wants, whatever their title
    unmatched = tuple(
        c.id for c in people if (want or dream_names) and not any(has[c.id]) and fold(c.company) not in dream_names
    )
    staff = Counter(fold(c.company) for c in people)
    dream = tuple((name, staff[fold(name)]) for name in (plan.dream_companies if plan else []) if fold(name))
    return Composition(
        len(people),
        tuple(role_rows),
        count("sector"),
        count("location"),
        count("skills"),
        wanted,
        dream,
        unmatched,
        tuple(sorted(other_titles.items(), key=lambda tn: (-tn[1], fold(tn[0])))),
    )
