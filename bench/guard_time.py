"""CPU time of the privacy guard alone on a built public site (issue 31).

    python bench/guard_time.py PROJECT SITE [--runs 5] [--profile OUT.prof]

PROJECT is a folder with journal/ and mkdocs.yml (e.g. written by generate.py), SITE its public
build (`TRELLIS_AUDIENCE=public mkdocs build -d SITE`). Loads the journal, makes the public view,
its matcher and passages once (not timed), then times `site_leaks` over SITE, skipping the files
the installed theme brings (as the plugin does), RUNS times: CPU seconds (time.process_time, so
other users of a shared machine count less than in wall time) and the peak of Python's memory
the guard's reading takes above the files' texts (tracemalloc, in a run of its own: it slows
the reading). Prints what the guard found, which must be nothing on a site that built.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import time
import tracemalloc
from pathlib import Path


def theme_files(project: Path, site: Path) -> set[str]:
    """The site's files that an installed theme brings (the plugin's `_theme_outputs`, by where they lie)."""
    from mkdocs.config import load_config
    from trellis.privacy import surfaces

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    skip = set()
    for folder in surfaces.package_theme_dirs(config.theme.dirs, config.theme.custom_dir):
        for dirpath, _, names in os.walk(folder):
            for name in names:
                rel = (Path(dirpath) / name).relative_to(folder).as_posix()
                # (a template the theme renders, 404.html, sitemap.xml, is the site's: read)
                if (site / rel).is_file() and not rel.endswith(".html") and rel not in config.theme.static_templates:
                    skip.add(rel)
    return skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", help="also write a cProfile file of one more run")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from trellis.loading import load_journal
    from trellis.privacy.audience import Audience
    from trellis.privacy.guard import leaks, site_leaks
    from trellis.privacy.site_text import site_files
    from trellis.privacy.view import View

    view = View(load_journal(args.project / "journal"), Audience.PUBLIC)
    view.matcher, view.passages()  # made once per build, before the guard runs
    skip = theme_files(args.project, args.site)
    times = []
    for _ in range(args.runs):
        start = time.process_time()
        found = site_leaks(view, args.site, skip)
        times.append(time.process_time() - start)
    # the guard's own memory: the files read beforehand (reading a compressed file asks for a
    # 64 MB buffer it never fills, which tracemalloc counts and the process's memory does not)
    files = list(site_files(args.site, skip))
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    leaks(view, files)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        site_leaks(view, args.site, skip)
        profiler.disable()
        profiler.dump_stats(args.profile)
    shown = ", ".join(f"{t:.2f}" for t in times)
    print(
        f"guard: {len(skip)} theme files skipped; CPU s per run: {shown} (best {min(times):.2f}); peak {peak / 2**20:.0f} MB"
    )
    print(f"found: {found}")


if __name__ == "__main__":
    main()
