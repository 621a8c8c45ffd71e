"""Print a digest of the example journal's public and owner sites, to prove a move changed nothing.

    python scripts/site_digest.py                  # one line per view: its digest and file count
    python scripts/site_digest.py --save before.json
    python scripts/site_digest.py --compare before.json   # exit 1 and name every file that differs

Builds journal/ with mkdocs.yml twice (TRELLIS_AUDIENCE=public, then owner) at a fixed
SOURCE_DATE_EPOCH, so "today" and every date MkDocs writes (sitemap, gzip headers) are pinned,
and hashes every file of each site by its path. A refactoring (issue 26) must leave both digests
as they were; a change of behaviour belongs in a commit of its own, with the new digest said.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PINNED_TODAY = "1795392000"  # 2026-11-23, the day the example journal's figures are told for
VIEWS = ("public", "owner")


def build(view: str, site: Path) -> dict[str, str]:
    """Build one view into `site` and return {path inside the site: sha256 of its bytes}."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": PINNED_TODAY, "TRELLIS_AUDIENCE": view, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        env=env,
        check=True,
    )
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def digest(files: dict[str, str]) -> str:
    return hashlib.sha256("".join(f"{path}\0{sha}\n" for path, sha in sorted(files.items())).encode()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path, help="write every file's hash to this JSON file")
    parser.add_argument("--compare", type=Path, help="compare with a file --save wrote; exit 1 on any difference")
    args = parser.parse_args()
    sites: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for view in VIEWS:
            sites[view] = build(view, Path(tmp) / view)
            print(f"{view}: {digest(sites[view])} ({len(sites[view])} files)")
    if args.save:
        args.save.write_text(json.dumps(sites, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        differing = [
            f"{view}: {path}"
            for view in VIEWS
            for path in sorted(set(before.get(view, {})) | set(sites[view]))
            if before.get(view, {}).get(path) != sites[view].get(path)
        ]
        for line in differing:
            print(f"differs  {line}")
        print("same as before" if not differing else f"{len(differing)} files differ")
        return 1 if differing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
