"""The network page: the map, stages, super-connectors, the dream companies' warm paths and the
qualities the plan wants, as the view allows."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from ..metrics import network
from ..metrics.counters import holds
from ..model import STAGES, WANT_FIELDS, fold
from ..pipeline import Analysis
from ..privacy.view import View
from .network_map import MapNode, map_svg
from .spec import PageSpec


def network_page(analysis: Analysis, view: View, common: dict) -> PageSpec:
    journal, figures = analysis.journal, analysis.figures
    contacts = journal.contacts
    funnel = Counter(figures.stage(cid).name for cid in contacts)
    cluster_of = network.community_of(figures.clusters)

    def href(cid: str) -> str | None:
        return f"contacts/{cid}.md" if view.shows_contact_page(contacts[cid]) else None

    order = figures.anonymous_order
    # ring colours go to clusters in an order that, like the nodes', says nothing about names
    rings = {
        n: ring
        for ring, n in enumerate(
            sorted(
                range(len(figures.clusters)),
                key=lambda n: (-len(figures.clusters[n]), min(map(order, figures.clusters[n]))),
            )
        )
    }
    nodes = {
        cid: MapNode(
            view.contact_label(cid),
            figures.stage(cid).name,
            rings[cluster_of[cid]] if len(figures.clusters[cluster_of[cid]]) > 1 else None,
            figures.graph.nodes[cid].get("interactions", 0),
            href(cid),
        )
        for cid in sorted(contacts, key=order)
        if cid in figures.graph
    }
    clusters = []
    for n in sorted(rings, key=rings.__getitem__):  # listed in the rings' order, not by their first id
        members = figures.clusters[n]
        if len(members) < 2:
            continue
        companies = Counter(fold(contacts[c].company) and contacts[c].company.strip() for c in members)
        sectors = Counter(contacts[c].sector.strip() for c in members if contacts[c].sector.strip())
        clusters.append(
            (
                len(members),
                [c for c, _ in companies.most_common(3) if c and view.shows_quality("company", c)],
                [s for s, _ in sectors.most_common(2) if view.shows_quality("sector", s)],
            )
        )
    # the dream companies are the owner's unless the plan publishes them (View.shows_dream_companies)
    warm = (
        [
            (w, network.describe_path(w.path, view.path_label(w.path), w.company), n)
            for w, n in _dream_companies(journal, figures, view)
        ]
        if view.shows_dream_companies
        else []
    )
    # the page's largest input, the graph, is summed up by what it is computed from; the
    # contacts (the same objects while their files are unchanged) and their stages give the rest
    inputs = (
        view.audience,
        view.redaction_key,
        analysis.today,
        figures.graph_inputs,
        tuple(contacts.values()),
        tuple(figures.stage(cid) for cid in contacts),
        journal.plan,
        common["unread"],
        common["company_page"].inputs,
    )
    return PageSpec(
        "network.md",
        "Network",
        "network.html",
        in_nav=True,
        inputs=inputs,
        context={
            **common,
            "total": len(contacts),
            "funnel": [(s, funnel.get(s, 0)) for s in STAGES],
            "composition": figures.composition,
            "warm": warm,
            "clusters": clusters,
            "wanted": _wanted(journal, figures, view),
            # the titles read as no role, for the owner to map in plan.md's roles_map
            "other_titles": figures.composition.other_titles if view.owner else (),
            "super_connectors": [(cid, score) for cid, score in figures.super_connectors],
            "map": lambda link: map_svg(
                figures.graph, figures.positions, {cid: _linked(n, link) for cid, n in nodes.items()}
            ),
            # in public, a value too rare to say nothing of its unnamed holders is counted as "other"
            "qualities": [
                (heading, view.tally(quality))
                for heading, quality in (
                    ("Roles", "role"),
                    ("Sectors", "sector"),
                    ("Companies", "company"),
                    ("Locations", "location"),
                    ("Skills", "skills"),
                )
            ],
            "named": sorted((c for c in contacts.values() if view.shows_contact_page(c)), key=lambda c: c.name.lower()),
        },
    )


def _dream_companies(journal, figures, view: View) -> list[tuple[network.WarmPath, int]]:
    """Each dream company's warm path and how many people are there, as this audience may see
    them: in public, one or two unnamed people at a company are neither counted nor a path's
    end (View.countable), so the row reads as it would without them."""
    paths = figures.warm_paths
    staff: dict[str, set[str]] = defaultdict(set)
    for contact in journal.contacts.values():
        staff[fold(contact.company)].add(contact.id)
    shown = [view.countable(staff.get(fold(w.company), ())) if fold(w.company) else set() for w in paths]
    if any(len(s) != len(staff.get(fold(w.company), ())) for s, w in zip(shown, paths) if fold(w.company)):
        paths = network.warm_paths(figures.graph, journal, [w.company for w in paths], eligible=set().union(*shown))
    return [(w, len(s)) for w, s in zip(paths, shown)]


def _wanted(journal, figures, view: View) -> list[tuple[network.Wanted, int]]:
    """The plan's wanted qualities with how many people have each, as this audience may see
    them (View.countable: one or two unnamed holders are not counted in public); roles by
    meaning, as the composition counts them, so the two sections agree. Wanted companies are
    dream companies by another name: in public only where the plan publishes those."""
    wanted = [w for w in figures.composition.wanted if w.quality != "companies" or view.shows_dream_companies]
    if view.owner:
        return [(w, w.count) for w in wanted]
    out = []
    for w in wanted:
        field_ = WANT_FIELDS[w.quality]
        holders = {c.id for c in journal.contacts.values() if holds(c, field_, w.value, view.roles)}
        out.append((w, len(view.countable(holders))))
    return out


def _linked(node: MapNode, link) -> MapNode:
    """The node with its page's address relative to the network page (the plugin knows it at render)."""
    return replace(node, href=link(node.href) if node.href else None)
