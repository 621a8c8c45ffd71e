"""Where a build's time goes around the search index and the public view's redaction (issue 31).

    python bench/search_time.py PROJECT [--audience public owner] [--profile OUT.prof]

Builds PROJECT (a folder with mkdocs.yml, e.g. one written by generate.py) in this process,
once per audience, and prints: the whole build's wall time; the time material's search plugin
spent indexing pages (on_page_context), in all and for the heaviest kinds of page; the size of
search/search_index.json; Trellis' redaction of generated bodies (on_page_content) and of the
whole page (on_post_page); and the privacy guard (on_post_build), each in wall and CPU seconds
(this process's CPU time: on a shared machine, compare the CPU times of runs made side by side).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import tempfile
import time
from collections import defaultdict
from pathlib import Path


def timed(owner: type, name: str, totals: dict, key=None):
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent = time.perf_counter() - start
            totals[name] += spent
            totals[f"cpu:{name}"] += time.process_time() - cpu
            if key is not None:
                totals[f"{name}:{key(*args, **kwargs)}"] += spent

    setattr(owner, name, wrapper)
    return lambda: setattr(owner, name, original)


def kind(page) -> str:
    url = page.url or "(home)"
    head = url.split("/")[0]
    return head if url.count("/") > 1 else url.rstrip("/") or "(home)"


def build(project: Path, audience: str, profile: str | None) -> None:
    from material.plugins.search.plugin import SearchIndex
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from trellis.plugin import hooks, public

    totals: dict[str, float] = defaultdict(float)
    undo = [
        timed(SearchIndex, "add_entry_from_context", totals, key=lambda self, page: kind(page)),
        timed(hooks.TrellisPlugin, "on_page_content", totals),
        timed(public, "redacted_frame", totals),
        timed(hooks, "site_leaks", totals),
    ]
    os.environ["TRELLIS_AUDIENCE"] = audience
    with tempfile.TemporaryDirectory() as site:
        config = load_config(str(project / "mkdocs.yml"), site_dir=site)
        config.plugins.on_startup(command="build", dirty=False)
        start, cpu = time.perf_counter(), time.process_time()
        profiler = cProfile.Profile() if profile else None
        if profiler:
            profiler.enable()
        mkdocs_build(config)
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile.replace(".prof", f"-{audience}.prof"))
        wall = time.perf_counter() - start
        cpu = time.process_time() - cpu
        config.plugins.on_shutdown()
        index = Path(site) / "search" / "search_index.json"
        size = index.stat().st_size
        network = Path(site) / "network" / "index.html"
        network_kb = network.stat().st_size / 1024 if network.exists() else 0
    for restore in undo:
        restore()
    print(
        f"{audience}: build {wall:.2f} s ({cpu:.2f} s CPU), search index {size / 1024:,.0f} KB, network page {network_kb:,.0f} KB"
    )
    print(f"  search indexing {totals['add_entry_from_context']:.2f} s")
    heavy = sorted(
        ((k.split(":", 1)[1], v) for k, v in totals.items() if k.startswith("add_entry_from_context:")),
        key=lambda kv: -kv[1],
    )
    for name, spent in heavy[:6]:
        print(f"    {name:<24} {spent:.2f} s")
    for name, what in (
        ("on_page_content", "generated bodies rendered and redacted (on_page_content)"),
        ("redacted_frame", "whole-page redaction (redacted_frame)"),
        ("site_leaks", "privacy guard (site_leaks)"),
    ):
        print(f"  {what} {totals[name]:.2f} s ({totals['cpu:' + name]:.2f} s CPU)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--audience", nargs="+", default=["public", "owner"], choices=["public", "owner"])
    parser.add_argument("--profile", help="also write a cProfile file per audience (NAME-public.prof...)")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    for audience in args.audience:
        build(args.project.resolve(), audience, args.profile)


if __name__ == "__main__":
    main()
