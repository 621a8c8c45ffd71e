"""MkDocs and material building N plain pages, the yardstick of issue 31 (no Trellis).

    python bench/plain.py PROJECT OUT --pages N     # then: mkdocs build -f OUT/mkdocs.yml

OUT gets a project with PROJECT's mkdocs.yml (same site name, same material theme and
palette, same `extra` and validation), the search plugin only, and N pages: `index.md`, the
only page in the nav, and N - 1 pages outside it (`not_in_nav`), as Trellis' contact, goal
and month pages are. Every page is the same plain Markdown (PAGE): a heading, two short
paragraphs, a list of five items and a table of eight rows, about 2 KB of HTML, like a
person's page or a short note. material renders the nav of every page, so pages in the nav
would make each page cost more as the site grows (the older "material, plain pages" column
of bench/README.md, 364 s at 3,000 files): outside it, a page costs what MkDocs and material
spend on any one page.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import yaml

PAGE = """# Page {n}

A plain page of the site, written by hand: a heading, two short paragraphs, a list and a
small table, about what a person's page or a short note holds. Nothing here is generated.

## Notes

Met at the meetup on testing in production; talked about hiring, on-call and the move to
a smaller team. Follow up in two weeks with the article on feature flags.

- ask about the platform team's opening
- send the notes from the talk
- introduce them to someone in payments
- read their post on incident reviews
- coffee next month

| Day | Channel | Summary |
| --- | --- | --- |
| 2026-11-02 | coffee | Talked about topic {n} |
| 2026-10-19 | email | Sent the article |
| 2026-10-05 | call | Their team's hiring plans |
| 2026-09-21 | event | Met at the meetup |
| 2026-09-07 | linkedin | Connected |
| 2026-08-24 | video | A first chat |
| 2026-08-10 | slack | Asked about the stack |
| 2026-07-27 | meetup | Heard their talk |
"""


def plain_pages_project(project: Path, out: Path, pages: int) -> Path:
    """OUT as a project of `pages` plain pages with PROJECT's theme (see the module's docstring)."""
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    (docs / "pages").mkdir(parents=True)
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    for key in ("exclude_docs", "nav", "not_in_nav", "plugins", "docs_dir"):
        config.pop(key, None)
    config.update(docs_dir="docs", plugins=["search"], nav=["index.md"], not_in_nav="/pages/\n")
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    (docs / "index.md").write_text(PAGE.format(n=0))
    for n in range(1, pages):
        (docs / "pages" / f"page-{n}.md").write_text(PAGE.format(n=n))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, help="the project whose mkdocs.yml gives the theme")
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, required=True)
    args = parser.parse_args()
    plain_pages_project(args.project, args.out, args.pages)
    print(f"wrote {args.pages} plain pages to {args.out / 'docs'}")


if __name__ == "__main__":
    main()
