"""The `trellis` command. It reuses the plugin's pipeline and imports nothing of MkDocs,
so `trellis check` starts fast enough for a pre-commit hook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .clock import BadSourceDateEpoch


def _check(args: argparse.Namespace) -> int:
    from .pipeline import analyse, locate

    journal_dir, project = locate(Path(args.path))
    if not journal_dir.is_dir():
        print(f"trellis: {journal_dir} is not a folder: give the project folder (with mkdocs.yml) "
              "or the journal folder", file=sys.stderr)
        return 2
    try:
        analysis = analyse(journal_dir, shown_base=Path.cwd() if _inside(journal_dir, Path.cwd()) else project)
    except BadSourceDateEpoch as err:
        print(f"trellis: {err}", file=sys.stderr)
        return 2
    out = sys.stdout
    for found in analysis.findings:
        out.write(f"{found}\n")
    out.write(f"trellis check: {analysis.summary()}\n")
    if analysis.errors or (args.strict and analysis.warnings):
        return 1
    return 0


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="trellis", description="Check and publish a networking journal.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the journal without building (exit 1 on errors)")
    check.add_argument("path", nargs="?", default=".", help="project folder (with mkdocs.yml) or journal folder")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.set_defaults(run=_check)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
