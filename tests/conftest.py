from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 23)
# a goal that keeps every SMART rule (it supports a vision goal the test journal may lack)
GOOD_GOAL = """
---
title: TITLE
supports: vision
measure: {count: new-contacts}
target: 5
per: week
start: 2026-11-01
due: 2026-12-31
actions: [Go to the JS meetup]
---
"""
EPOCH = str(int(dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc).timestamp()))


@pytest.fixture
def pinned_today(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return TODAY


@pytest.fixture
def write_journal(tmp_path):
    """Write files under tmp_path/journal (keys like "goals/x.md") and a mkdocs.yml; returns the project."""

    def write(files: dict[str, str]) -> Path:
        for rel, text in files.items():
            path = tmp_path / "journal" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
        return tmp_path

    return write


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder (a built site), by its path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(project: Path, audience: str, *extra: str, site: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", "TRELLIS_AUDIENCE": audience}
    site = site or project / f"site-{audience}"
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site), *extra], env=env, capture_output=True, text=True, timeout=300)
