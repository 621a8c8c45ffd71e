"""By hand: betweenness on the network graph, networkx against rustworkx and igraph (issue 31).

    python bench/generate.py /tmp/j3000                      # and any other shape
    python bench/graph_bench.py /tmp/j3000 [/tmp/heavy ...]  # a project folder each

For each journal: the graph's size, then the seconds each way takes (best of `--repeat`) and
whether its top ten super-connectors are networkx's exact ones. networkx exact is skipped past
`--nx-exact-max` nodes (minutes in pure Python). Run with `--threads 1` to pin rustworkx and
igraph to one core (RAYON_NUM_THREADS), as on a loaded machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from pathlib import Path


def best(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def top(scores: dict[str, float], n: int = 10) -> list[str]:
    from trellis.metrics.network import is_hub

    ranked = [(c, s) for c, s in scores.items() if s > 1e-12 and not is_hub(c)]
    return [c for c, _ in sorted(ranked, key=lambda cs: (-round(cs[1], 9), cs[0]))[:n]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", type=Path, nargs="+")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--nx-exact-max", type=int, default=3500)
    parser.add_argument("--threads", type=int, default=0, help="rustworkx's threads (0: all cores)")
    args = parser.parse_args()
    if args.threads:
        os.environ["RAYON_NUM_THREADS"] = str(args.threads)

    import igraph
    import networkx as nx
    import rustworkx as rx
    from trellis.loading import load_journal
    from trellis.metrics import Figures
    from trellis.metrics import network as net

    for project in args.projects:
        journal = load_journal(project / "journal")
        figures = Figures(journal, dt.date(2026, 11, 23))
        graph = net.contacts_only(figures.graph)
        n, m = graph.number_of_nodes(), graph.number_of_edges()
        nodes = list(graph)
        index = {node: i for i, node in enumerate(nodes)}
        edges = [(index[a], index[b]) for a, b in graph.edges()]
        print(f"\n{project.name}: {n} nodes, {m} edges")

        def with_rustworkx():
            g = rx.PyGraph()
            g.add_nodes_from(nodes)
            g.add_edges_from_no_data(edges)
            found = rx.graph_betweenness_centrality(g, normalized=True)
            return {nodes[i]: found[i] for i in range(n)}

        def with_igraph():
            g = igraph.Graph(n=n, edges=edges, directed=False)
            raw = g.betweenness(directed=False)
            scale = 2 / ((n - 1) * (n - 2))
            return {nodes[i]: raw[i] * scale for i in range(n)}

        ways = [
            ("networkx sampled (as built)", lambda: net.betweenness(graph), 1),
            ("rustworkx exact", with_rustworkx, args.repeat),
            ("igraph exact", with_igraph, args.repeat),
        ]
        if n <= args.nx_exact_max:
            ways.insert(1, ("networkx exact", lambda: nx.betweenness_centrality(graph, normalized=True), 1))
        reference = None
        results = {}
        for name, fn, repeat in ways:
            seconds, scores = best(fn, repeat)
            results[name] = scores
            if name == "networkx exact":
                reference = scores
            print(f"  {name:30} {seconds:7.2f} s")
        reference = reference or results["rustworkx exact"]
        for name, scores in results.items():
            gap = max(abs(scores[c] - reference[c]) for c in reference)
            same = top(scores) == top(reference)
            print(f"  {name:30} top ten {'same' if same else 'DIFFERENT'}; largest score gap {gap:.2e}")


if __name__ == "__main__":
    main()
