"""Where a build's time goes: Trellis' share and MkDocs' own work, by stage and kind of page (issue 31).

    python bench/share.py PROJECT [--audience public|owner] [--json OUT.json] [--profile OUT.prof]

Builds PROJECT (a folder with mkdocs.yml: one written by generate.py, or plain.py's plain
pages) once, in this process, as `mkdocs build` does, and splits the build's time, wall and
CPU, into stages. Each stage is a function wrapped with a timer; time is counted to the
innermost stage running (exclusive), so the stages add up to the build:

  trellis: ...   everything under one of the Trellis plugin's MkDocs events (every callable
                 MkDocs registered for the plugin is wrapped, CombinedEvent parts included),
                 with what it calls (YAML, networkx, igraph, Jinja, Markdown); inside it,
                 loading and figures (pipeline.analyse), the page specs (generated.page_files,
                 of which the charts and "what counted"), Trellis' page templates
                 (Renderer.render), the redaction of bodies (public.redacted) and of whole
                 pages (public.redacted_frame), the privacy guard (site_leaks)
  mkdocs: ...    the rest: reading the docs folder, each page's Markdown (_populate_page,
                 without the plugins' events in it), each page's theme template
                 (_build_page), writing files, copying the theme's files, the theme's other
                 templates (404, sitemap), anchor checks, the rest of MkDocs
  search: ...    material's search plugin: indexing each page, writing the index

Trellis' share is the sum of the trellis stages: the build's total minus MkDocs' and
material's own work. Time spent in a page's stages is also kept by kind of page (goals,
contacts, journal months, reviews, other pages), so a goal page's cost can be read by stage.
`--profile` also runs the build under cProfile and writes the profile: there the share is
the cumulative time of `under_trellis` (the one function every wrapped event goes through),
which cProfile inflates less for C code (YAML, igraph) than for Python (redaction, Jinja),
so the timers, run without the profiler, are the figures to quote.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import json
import logging
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

OTHER = "mkdocs: other"
PAGE_TEMPLATE = "mkdocs: page template"


def page_kind(page) -> str:
    """goals, contacts, journal, review... for a page two folders deep; "other pages" for the rest."""
    url = page.url or ""
    return url.split("/")[0] if url.count("/") > 1 else "other pages"


class Ledger:
    """Wall and CPU seconds by (stage, kind of page), counted to the innermost stage."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.kind = "(site)"
        self.wall: dict[tuple[str, str], float] = defaultdict(float)
        self.cpu: dict[tuple[str, str], float] = defaultdict(float)
        self.pages: Counter = Counter()
        self._mark = (time.perf_counter(), time.process_time())

    def flush(self) -> None:
        now = (time.perf_counter(), time.process_time())
        key = (self.stack[-1] if self.stack else OTHER, self.kind)
        self.wall[key] += now[0] - self._mark[0]
        self.cpu[key] += now[1] - self._mark[1]
        self._mark = now

    def enter(self, stage: str, kind: str | None = None) -> str:
        self.flush()
        self.stack.append(stage)
        previous = self.kind
        if kind is not None:
            self.kind = kind
        return previous

    def leave(self, kind: str) -> None:
        self.flush()
        self.stack.pop()
        self.kind = kind

    def restart(self) -> None:
        self.wall.clear()
        self.cpu.clear()
        self.pages.clear()
        self._mark = (time.perf_counter(), time.process_time())


def under_trellis(ledger: Ledger, method, *args, **kwargs):
    """Every event of the Trellis plugin runs through here (one function: cProfile's cumulative
    time of it is Trellis' share in a profile)."""
    kind = ledger.enter("trellis: events (other)")
    try:
        return method(*args, **kwargs)
    finally:
        ledger.leave(kind)


def _timed(ledger: Ledger, stage: str, original, sets_kind: bool):
    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        kind = ledger.enter(stage, page_kind(args[0]) if sets_kind else None)
        if stage == PAGE_TEMPLATE:
            ledger.pages[ledger.kind] += 1
        try:
            return original(*args, **kwargs)
        finally:
            ledger.leave(kind)

    return wrapper


def _stages() -> list[tuple[object, str, str, bool]]:
    """(module or class, attribute, stage, whether its first argument is the page being built)."""
    from material.plugins.search.plugin import SearchIndex
    from mkdocs import utils
    from mkdocs.commands import build
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    stages: list[tuple[object, str, str, bool]] = [
        (build, "get_files", "mkdocs: reading the docs folder", False),
        (build, "_populate_page", "mkdocs: markdown", True),
        (build, "_build_page", PAGE_TEMPLATE, True),
        (build, "_build_theme_template", "mkdocs: theme's other templates", False),
        (Files, "copy_static_files", "mkdocs: copying the theme's files", False),
        (Page, "validate_anchor_links", "mkdocs: anchor checks", False),
        (utils, "write_file", "mkdocs: writing pages", False),
        (SearchIndex, "add_entry_from_context", "search: indexing", False),
        (SearchIndex, "generate_search_index", "search: writing the index", False),
    ]
    try:
        from trellis.plugin import generated, hooks, public
        from trellis.plugin.site_guard import SiteGuard
        from trellis.rendering import Renderer, charts, pages
    except ImportError:  # a plain project: no Trellis
        return stages
    stages += [
        (hooks, "analyse", "trellis: loading and figures", False),
        (generated, "page_files", "trellis: page specs (other)", False),
        (charts, "period_chart", "trellis: charts", False),
        (charts, "burnup_chart", "trellis: charts", False),
        (charts, "heatmap_chart", "trellis: charts", False),
        (pages, "_counted", "trellis: what counted", False),
        (Renderer, "render", "trellis: page templates", False),
        (public, "redacted", "trellis: redaction of bodies", False),
        (public, "redacted_frame", "trellis: redaction of whole pages", False),
        # the guard's worker reads pages on the other core while they are written: this stage is
        # what the build does for the guard (handing pages, then waiting for the worker's answer,
        # or reading the site itself where there is no worker), not the worker's CPU
        (SiteGuard, "start", "trellis: privacy guard", False),
        (SiteGuard, "page", "trellis: privacy guard", False),
        (SiteGuard, "leaks", "trellis: privacy guard", False),
    ]
    return stages


def build(project: Path, audience: str | None, profile: str | None = None) -> dict:
    """Build PROJECT once in this process; its ledger as a dict (see `report`)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # as `mkdocs build -q`
    if audience:
        os.environ["TRELLIS_AUDIENCE"] = audience
    ledger = Ledger()
    undo = []
    for owner, name, stage, sets_kind in _stages():
        original = getattr(owner, name)
        setattr(owner, name, _timed(ledger, stage, original, sets_kind))
        undo.append((owner, name, original))
    with tempfile.TemporaryDirectory() as site:
        config = load_config(str(project / "mkdocs.yml"), site_dir=site)
        trellis = config.plugins.get("trellis")
        if trellis is not None:
            for event, methods in config.plugins.events.items():
                config.plugins.events[event] = [
                    functools.partial(under_trellis, ledger, m) if getattr(m, "__self__", None) is trellis else m
                    for m in methods
                ]
        profiler = cProfile.Profile() if profile else None
        ledger.restart()
        start = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
            if profiler:
                profiler.disable()
        ledger.flush()
        wall, cpu = time.perf_counter() - start[0], time.process_time() - start[1]
        pages = sum(1 for _ in Path(site).rglob("index.html"))
    for owner, name, original in undo:
        setattr(owner, name, original)
    if profiler and profile:
        profiler.dump_stats(profile)
    stages: dict[str, dict[str, list[float]]] = defaultdict(dict)
    for (stage, kind), seconds in ledger.wall.items():
        stages[stage][kind] = [seconds, ledger.cpu[(stage, kind)]]
    return {
        "audience": audience,
        "wall": wall,
        "cpu": cpu,
        "pages": pages,
        "page_kinds": dict(ledger.pages),
        "stages": stages,
    }


def totals(result: dict) -> dict[str, list[float]]:
    """Wall and CPU seconds by stage, every kind of page together."""
    out: dict[str, list[float]] = {}
    for stage, by_kind in result["stages"].items():
        out[stage] = [sum(v[0] for v in by_kind.values()), sum(v[1] for v in by_kind.values())]
    return out


def trellis_share(result: dict) -> tuple[float, float]:
    """Wall and CPU seconds under Trellis' events."""
    spent = [v for k, v in totals(result).items() if k.startswith("trellis")]
    return sum(v[0] for v in spent), sum(v[1] for v in spent)


def report(result: dict) -> str:
    wall, cpu = result["wall"], result["cpu"]
    lines = [
        f"{result['audience'] or 'plain'}: {result['pages']} pages, build {wall:.2f} s wall, {cpu:.2f} s CPU "
        f"(in this process, imports and start-up not counted)"
    ]
    tw, tc = trellis_share(result)
    lines.append(
        f"  Trellis' share {tw:.2f} s wall ({tw / wall:.0%}), {tc:.2f} s CPU ({tc / cpu:.0%}); "
        f"MkDocs and material {wall - tw:.2f} s wall, {cpu - tc:.2f} s CPU"
    )
    for stage, (w, c) in sorted(totals(result).items(), key=lambda kv: -kv[1][1]):
        lines.append(f"    {stage:<40} {w:7.2f} s {c:7.2f} s CPU")
    per_kind = result["page_kinds"]
    if per_kind:
        lines.append("  per page, CPU ms, by kind of page (the stages of each page; site-wide work not included):")
        for kind, count in sorted(per_kind.items(), key=lambda kv: -kv[1]):
            parts = {
                stage: by_kind[kind][1] / count * 1000
                for stage, by_kind in result["stages"].items()
                if kind in by_kind and by_kind[kind][1] > 0
            }
            shown = ", ".join(
                f"{s.split(': ', 1)[1]} {ms:.1f}" for s, ms in sorted(parts.items(), key=lambda kv: -kv[1])
            )
            lines.append(f"    {kind:<12} {count:>5} pages  {sum(parts.values()):6.1f} ms: {shown}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--audience", choices=["public", "owner"], help="Trellis' view (none for a plain project)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--profile", help="run under cProfile and write its stats here")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))
    result = build(args.project.resolve(), args.audience, args.profile)
    print(report(result), flush=True)
    if args.json:
        args.json.write_text(json.dumps(result))


if __name__ == "__main__":
    main()
