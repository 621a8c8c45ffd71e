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


def write_project(root: Path, files: dict[str, str | bytes], config: str | None, *, folder: str = "journal") -> Path:
    """A project at root: `files` under root/folder (text dedented, bytes as they are) and
    mkdocs.yml from `config` (dedented); returns root."""
    for rel, content in files.items():
        path = root / folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    if config is not None:  # None: files alone
        (root / "mkdocs.yml").write_text(textwrap.dedent(config).lstrip("\n"), encoding="utf-8")
    return root


def site_text(site: Path) -> str:
    """Every output file and file name of a built site as one text: gzip decompressed, and each
    file both as written and with HTML entities unescaped (every form a marker can take)."""
    import gzip
    import html

    parts = []
    for path in sorted(site.rglob("*")):
        parts.append(path.relative_to(site).as_posix())
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            text = data.decode("utf-8", errors="replace")
            parts += [text, html.unescape(text)]
    return "\n".join(parts)


def git(project: Path, *args: str, day: str | None = None) -> subprocess.CompletedProcess:
    """git in `project`, with no user configuration, a fixed identity and, given `day`, that date."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if day:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T12:00:00+0000"
    return subprocess.run(
        [shutil.which("git") or "git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder (a built site), by its path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(project: Path, audience: str, *extra: str, site: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", "TRELLIS_AUDIENCE": audience}
    site = site or project / f"site-{audience}"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site), *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
