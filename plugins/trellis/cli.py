"""The `trellis` command. It reuses the plugin's pipeline and imports nothing of MkDocs,
so `trellis check` starts fast enough for a pre-commit hook."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .clock import BadSourceDateEpoch


def _analyse(path: str):
    """The shared pipeline on the journal a path names, or None after saying why not."""
    from .pipeline import analyse, locate, week_start

    journal_dir, project = locate(Path(path))
    if not journal_dir.is_dir():
        print(f"trellis: {journal_dir} is not a folder: give the project folder (with mkdocs.yml) "
              "or the journal folder", file=sys.stderr)
        return None
    try:
        return analyse(journal_dir, shown_base=Path.cwd() if _inside(journal_dir, Path.cwd()) else project,
                       week_start=week_start(project))
    except BadSourceDateEpoch as err:
        print(f"trellis: {err}", file=sys.stderr)
        return None


def _check(args: argparse.Namespace) -> int:
    analysis = _analyse(args.path)
    if analysis is None:
        return 2
    out = sys.stdout
    for found in analysis.findings:
        out.write(f"{found}\n")
    out.write(f"trellis check: {analysis.summary()}\n")
    if analysis.errors or (args.strict and analysis.warnings):
        return 1
    return 0


def _status(args: argparse.Namespace) -> int:
    from .status import status_rows, status_table

    analysis = _analyse(args.path)
    if analysis is None:
        return 2
    rows = status_rows(analysis)
    if args.json:
        json.dump({"today": analysis.today.isoformat(), "goals": rows}, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(status_table(rows, analysis.today))
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
    status = commands.add_parser("status", help="print each goal's progress, pace, buffer and streak")
    status.add_argument("path", nargs="?", default=".", help="project folder (with mkdocs.yml) or journal folder")
    status.add_argument("--json", action="store_true", help="print JSON, one object per goal, for scripts and badges")
    status.set_defaults(run=_status)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
