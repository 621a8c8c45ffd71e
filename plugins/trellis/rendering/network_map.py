"""The network map: an inline SVG drawn at build time from a seeded layout.

Nodes are coloured by stage (fill) and by cluster (ring), sized by the number of
interactions; a legend explains both. Every node has a `<title>` (shown on hover) with
the name the audience may see, and leads to the contact's page where one exists (through
map.js). Nothing
in the SVG carries a contact id: nodes are numbered, so a public map holds no names of
people who did not agree, not even as file names. `map.js` adds pan and zoom; without it
the map is a still picture that reads the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
from markupsafe import Markup, escape

from ..metrics.network import ME
from ..model import STAGES

SIZE = 1000  # the layout's square
PAD = 30
CLUSTER_CLASSES = 8  # ring colours; clusters beyond share them, in order
MAX_TIES = 4000  # contact-to-contact lines drawn at most, heaviest first: the map must stay light at 3,000
LABELLED = 12  # people with the most interactions get a visible label
LABEL_WIDTH, LABEL_HEIGHT = 150, 40  # room a label needs, in layout units, so labels never overlap


@dataclass(frozen=True)
class MapNode:
    label: str  # as the audience may see it
    stage: str
    cluster: int | None
    interactions: int
    href: str | None


def _radius(interactions: int, scale: float) -> float:
    return round(scale * min(7 + 3 * math.sqrt(interactions), 24), 1)


def _scale(count: int) -> float:
    """Smaller circles in a crowd: full size up to 150 people, a third of it from about 1,700."""
    return max(min(math.sqrt(150 / max(count, 1)), 1.0), 0.3)


def map_svg(
    graph: nx.Graph, positions: dict[str, tuple[float, float]], nodes: dict[str, MapNode], owner_label: str = "You"
) -> Markup:
    if len(nodes) == 0:
        return Markup('<p class="trellis-muted">No contacts yet: the map appears with the first one.</p>')
    # nodes are numbered, drawn and picked in the order given (the caller's: one that says
    # nothing about names), never in the order of their ids, which sort by name
    number = {cid: n for n, cid in enumerate(nodes)}
    scale = _scale(len(nodes))
    body: list[str] = []

    def xy(node: str) -> tuple[float, float]:
        x, y = positions[node]
        return round(x, 1), round(y, 1)

    # ties between contacts, heaviest first; the owner's ties only where there was an interaction
    ties = sorted(
        ((a, b, d) for a, b, d in graph.edges(data=True) if ME not in (a, b) and a in nodes and b in nodes),
        key=lambda e: (-e[2].get("weight", 1), min(number[e[0]], number[e[1]]), max(number[e[0]], number[e[1]])),
    )
    body.append('<g class="trellis-map__ties">')
    for cid in nodes:
        if nodes[cid].interactions and ME in positions:
            (x1, y1), (x2, y2) = xy(ME), xy(cid)
            width = round(min(0.6 + 0.35 * nodes[cid].interactions, 3), 2)
            body.append(
                f'<line class="trellis-map__tie trellis-map__tie--me" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" '
                f'stroke-width="{width}"/>'
            )
    for a, b, data in ties[:MAX_TIES]:
        (x1, y1), (x2, y2) = xy(a), xy(b)
        kinds = " ".join(f"trellis-map__tie--{k}" for k in data.get("kinds", ()))
        body.append(f'<line class="trellis-map__tie {kinds}" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>')
    body.append("</g>")

    # the people you talk to most get a visible label, unless it would sit on another one
    labelled: list[str] = []
    for cid in sorted(nodes, key=lambda c: (-nodes[c].interactions, number[c])):
        if len(labelled) == LABELLED or not nodes[cid].interactions:
            break
        x, y = xy(cid)
        if all(
            abs(x - xy(o)[0]) > LABEL_WIDTH or abs(y - xy(o)[1]) > LABEL_HEIGHT
            for o in labelled + [ME]
            if o in positions
        ):
            labelled.append(cid)
    body.append('<g class="trellis-map__nodes">')
    if ME in positions:
        x, y = xy(ME)
        body.append(
            f'<g class="trellis-map__node trellis-map__node--me"><circle cx="{x}" cy="{y}" r="16"/>'
            f"<title>{escape(owner_label)}</title>"
            f'<text class="trellis-map__label" x="{x}" y="{round(y + 34, 1)}" text-anchor="middle">'
            f"{escape(owner_label)}</text></g>"
        )
    for cid in nodes:
        node = nodes[cid]
        x, y = xy(cid)
        r = _radius(node.interactions, scale)
        ring = f" trellis-map__node--cluster{node.cluster % CLUSTER_CLASSES}" if node.cluster is not None else ""
        count = f"{node.interactions} interaction{'' if node.interactions == 1 else 's'}"
        title = f"{node.label}: {node.stage}, {count}"
        inner = f'<circle cx="{x}" cy="{y}" r="{r}"/><title>{escape(title)}</title>'
        if cid in labelled:
            inner += (
                f'<text class="trellis-map__label" x="{x}" y="{round(y + r + 16, 1)}" text-anchor="middle">'
                f"{escape(_short(node.label))}</text>"
            )
        classes = f"trellis-map__node trellis-map__node--{node.stage}{ring}"
        if node.href:
            # not an SVG <a>: material's instant navigation rewrites every link's href, which an
            # SVG link does not allow; map.js follows data-href on click and on Enter
            body.append(
                f'<g class="{classes} trellis-map__node--link" data-href="{escape(node.href)}" '
                f'data-node="{number[cid]}" role="link" tabindex="0" aria-label="{escape(title)}">{inner}</g>'
            )
        else:
            body.append(f'<g class="{classes}" data-node="{number[cid]}">{inner}</g>')
    body.append("</g>")

    total = len(nodes)
    by_stage = {s: sum(1 for n in nodes.values() if n.stage == s) for s in STAGES}
    clusters = len({n.cluster for n in nodes.values() if n.cluster is not None})
    description = (
        f"{total} people around you: "
        + ", ".join(f"{by_stage[s]} {s}" for s in STAGES)
        + f"; {clusters} clusters. Larger circles: more interactions. Lines: who knows whom."
    )
    svg = [
        # kept out of the search index (the People list names everyone the audience sees)
        '<figure class="trellis-map" data-trellis-map data-search-exclude="true">',
        f'<svg class="trellis-map__svg" viewBox="{-PAD} {-PAD} {SIZE + 2 * PAD} {SIZE + 2 * PAD}" '
        f'role="group" aria-labelledby="trellis-map-title trellis-map-desc">',  # a group: it holds links
        '<title id="trellis-map-title">The network map</title>',
        f'<desc id="trellis-map-desc">{escape(description)}</desc>',
        '<g class="trellis-map__view">',
        *body,
        "</g>",
        "</svg>",
        _legend(by_stage),
        "</figure>",
    ]
    return Markup("\n".join(svg))


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _legend(by_stage: dict[str, int]) -> str:
    items = "".join(
        f'<li><svg width="14" height="14" aria-hidden="true"><circle class="trellis-map__swatch '
        f'trellis-map__node--{s}" cx="7" cy="7" r="6"/></svg> {escape(s)} ({n})</li>'
        for s, n in by_stage.items()
    )
    return (
        f'<figcaption class="trellis-map__legend"><ul>{items}'
        "<li>ring colour: cluster</li><li>size: interactions</li></ul>"
        '<span class="trellis-map__hint">Drag to pan, scroll or use + and − to zoom.</span></figcaption>'
    )


__all__ = ["MapNode", "map_svg"]
