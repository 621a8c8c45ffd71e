"""`trellis digest`: the week's reach-out in Markdown (`text`), printed, or posted as one issue of
the journal's own private repository (`github_issue`). Owner-only content: never written into a site.

This module holds only the command's arguments, so that `cli` builds its parser without loading
the pipeline."""

from __future__ import annotations

from collections.abc import Callable

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"  # where `mkdocs serve` serves the owner view


def add_parser(commands, run: Callable) -> None:
    """`trellis digest [PATH] [--site-url URL] [--github-issue]` on the `trellis` parser."""
    digest = commands.add_parser(
        "digest",
        help="print the week's reach-out in Markdown (suggestions for your cadence goals, follow-ups, "
        "dormant ties, goals behind pace), with links to the owner view; names people: never published",
    )
    digest.add_argument("path", nargs="?", default=".", help="project folder (with mkdocs.yml) or journal folder")
    digest.add_argument(
        "--site-url",
        default=DEFAULT_SITE_URL,
        metavar="URL",
        help=f"where the links point: the owner view, as mkdocs serve serves it (default: {DEFAULT_SITE_URL})",
    )
    digest.add_argument(
        "--github-issue",
        action="store_true",
        help="in GitHub Actions: open or update one issue with the digest in this repository "
        "(GITHUB_REPOSITORY), with gh; refused unless the repository is private",
    )
    digest.set_defaults(run=run)
