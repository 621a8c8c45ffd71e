"""A goal page's own rendering, timed alone: its template and its spec (issue 31's goal-page margin).

    python bench/goal_page.py PROJECT [--audience public|owner] [--rounds 7]

Builds PROJECT (a folder with mkdocs.yml, e.g. `python bench/generate.py /tmp/gt --heldout`)
once in this process, as `mkdocs build` does, keeping what the goal pages were rendered with.
It times the goal pages' templates in the build, then, with the build's caches warm (as a
goal page finds them at the margin), again:

  template   Renderer.render of a goal page (goal.html and its macros, the public view's
             redaction of each printed value), ms a goal page: in the build (but the first,
             which compiles the templates), then again (the page's `link` has its addresses)
  specs      rendering.site_pages again (every page's spec, the goal pages' included), ms
  of which   "what counted" (pages._counted), the charts (charts.burnup_chart, period_chart)
             and the SMART card (pages.smart_card), ms a goal page

best of --rounds, CPU time (each stage its best round), with what the build keeps frozen out of
the collector's reach as in a build. It also prints a digest of the goal pages' HTML, to compare
before and after a change that must not change a byte. Nothing here is a test: run it by hand.
"""

from __future__ import annotations

import argparse
import functools
import gc
import hashlib
import logging
import os
import tempfile
import time
from collections import defaultdict
from pathlib import Path


def _best(rounds: int, run) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path)
    parser.add_argument("--audience", choices=("public", "owner"), default="public")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    os.environ["TRELLIS_AUDIENCE"] = args.audience
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795392000")  # the generator's "today"
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from trellis.plugin import generated
    from trellis.rendering import Renderer, charts, pages

    renders: list[tuple] = []
    analysed: list[tuple] = []
    render, site_pages = Renderer.render, generated.site_pages

    in_build = [0.0]

    def keep_render(self, spec, link, value=None, fragment=None):
        start = time.process_time()
        html = render(self, spec, link, value, fragment)
        if spec.template == "goal.html":
            if renders:  # the first compiles the templates
                in_build[0] += time.process_time() - start
            renders.append(((self, spec, link, value, fragment), html))
        return html

    def keep_site_pages(analysis, view):
        analysed.append((analysis, view))
        return site_pages(analysis, view)

    Renderer.render = keep_render  # type: ignore[method-assign]
    generated.site_pages = keep_site_pages
    try:
        with tempfile.TemporaryDirectory() as site:
            config = load_config(str(args.project / "mkdocs.yml"), site_dir=site)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
    finally:
        Renderer.render = render  # type: ignore[method-assign]
        generated.site_pages = site_pages

    # as in a build (plugin/collection.py), what the build keeps is out of the collector's reach:
    # a full collection walking it would land in whichever timing it falls on
    gc.collect()
    gc.freeze()
    goals = len(renders)
    digest = hashlib.sha256("\0".join(html for _, html in renders).encode()).hexdigest()[:16]
    again = [render(*call) for call, _ in renders]
    same = all(a == html for a, (_, html) in zip(again, renders, strict=True))
    print(
        f"{args.project} ({args.audience}): {goals} goal pages, HTML digest {digest}, rendered again the same: {same}"
    )

    print(f"  template  {in_build[0] * 1000 / (goals - 1):6.3f} ms a goal page in the build (after the first)")
    template = _best(args.rounds, lambda: [render(*call) for call, _ in renders])
    print(f"  template  {template * 1000 / goals:6.3f} ms a goal page again (each page's links already worked out)")

    analysis, view = analysed[-1]
    spent: dict[str, float] = defaultdict(float)

    def timed(owner, name: str, label: str):
        original = getattr(owner, name)

        @functools.wraps(original)
        def wrapper(*a, **k):
            start = time.process_time()
            try:
                return original(*a, **k)
            finally:
                spent[label] += time.process_time() - start

        setattr(owner, name, wrapper)
        return owner, name, original

    specs = _best(args.rounds, lambda: site_pages(analysis, view))
    print(f"  specs     {specs * 1000:6.1f} ms, every page's (site_pages)")
    undo = [
        timed(pages, "_counted", "what counted"),
        timed(charts, "burnup_chart", "charts"),
        timed(charts, "period_chart", "charts"),
        timed(pages, "smart_card", "SMART card"),
    ]
    best: dict[str, float] = {}
    try:
        for _ in range(args.rounds):
            spent.clear()
            site_pages(analysis, view)
            for label, seconds in spent.items():
                best[label] = min(best.get(label, seconds), seconds)
    finally:
        for owner, name, original in undo:
            setattr(owner, name, original)
    for label, seconds in best.items():
        print(f"  of which  {seconds * 1000 / goals:6.3f} ms a goal page: {label}")


if __name__ == "__main__":
    main()
