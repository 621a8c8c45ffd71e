"""Markdown depth and bytes: text nested deeper than Python-Markdown can recurse, and files
that are not text, are findings (file and line) in `trellis check` and in both builds; the
build neither hangs nor crashes, and shows a note or leaves the page out, never the text."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from conftest import EPOCH, build, site_text
from journals import BARE
from trellis.loading.nesting import MAX_MARKDOWN_DEPTH, nesting

DEEP_LIST = "\n".join("    " * i + f"- DEEPMARKER {i}" for i in range(2000))
DEEP_QUOTE = ">" * 3000 + " DEEPMARKER"
DEEP_HTML = "<div>" * 2000 + "DEEPMARKER" + "</div>" * 2000
BASE = BARE


def _check(project):
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run(
        [sys.executable, "-m", "trellis.cli", "check", str(project)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_measure_counts_lists_quotes_and_html_and_skips_code():
    assert nesting("- a\n    - b\n        - c\n")[0] == 2
    assert nesting("> > > quoted")[0] == 3
    assert nesting("<div><section><span>x</span></section></div><br><img src=x>")[0] == 3
    assert nesting("```\n" + " " * 4000 + "code\n```\n")[0] == 0  # code is not parsed into blocks
    depth, line = nesting("ok\n" + DEEP_LIST)
    assert depth == 1999 and line == 1 + MAX_MARKDOWN_DEPTH + 1  # the first line past the limit
    ordinary = "# Notes\n\n- one\n    - two\n        - three\n\n> a quote\n> > inside\n\n<details><summary>x</summary>y</details>\n"
    assert nesting(ordinary)[0] < 10


@pytest.mark.parametrize("deep", [DEEP_LIST, DEEP_QUOTE, DEEP_HTML], ids=["list", "quote", "html"])
def test_a_deep_public_entry_and_page_are_findings_and_the_build_is_quick(write_journal, deep):
    project = write_journal(
        {
            **BASE,
            "about.md": "# About\n\n" + deep + "\n",
            "entries/2026/2026-11-21.md": f"---\npublic: true\n---\nA day.\n\n{deep}\n",
        }
    )
    run = _check(project)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    lines = run.stdout.splitlines()
    assert any(line.startswith("journal/entries/2026/2026-11-21.md:") and "error FILE-13" in line for line in lines)
    first_too_deep = 3 + (MAX_MARKDOWN_DEPTH + 1 if deep is DEEP_LIST else 0)  # the line, not just the file
    assert any(line.startswith(f"journal/about.md:{first_too_deep}: error FILE-13") for line in lines), lines
    for audience in ("public", "owner"):
        started = time.monotonic()
        run = build(project, audience)
        assert time.monotonic() - started < 60
        assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-2000:]
        assert "journal/entries/2026/2026-11-21.md" in run.stderr and "FILE-13" in run.stderr
        site = project / f"site-{audience}"
        assert "DEEPMARKER" not in site_text(site)  # neither rendered nor shown raw
        assert "Not shown: this text nests more than" in (site / "journal" / "2026-11" / "index.html").read_text()
        assert not (site / "about" / "index.html").exists()  # the page MkDocs could not render is left out
        assert (site / "index.html").is_file()


def test_a_deep_goal_note_is_not_rendered(write_journal):
    goal = "---\ntitle: Meet five engineers\nkind: smart\n---\n" + DEEP_LIST + "\n"
    project = write_journal({**BASE, "goals/g.md": goal})
    run = build(project, "owner")
    assert run.returncode == 0 and "FILE-13" in run.stderr and "Traceback" not in run.stderr
    assert "DEEPMARKER" not in site_text(project / "site-owner")


@pytest.mark.parametrize("where", ["photo.md", "entries/photo.md", "notes/photo.md"])
def test_a_file_that_is_not_text_is_a_finding_not_a_traceback(write_journal, where):
    project = write_journal(BASE)
    (project / "journal" / where).parent.mkdir(parents=True, exist_ok=True)
    (project / "journal" / where).write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8)
    run = _check(project)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"journal/{where}:1: error FILE-1: " in run.stdout
    for audience in ("public", "owner"):
        run = build(project, audience)
        assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-2000:]
        assert f"journal/{where}:1: error FILE-1" in run.stderr
        assert not (project / f"site-{audience}" / where.replace(".md", "")).exists()


def test_a_page_outside_the_journal_folder_is_read_by_the_build(tmp_path):
    (tmp_path / "docs" / "journal" / "goals").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "docs" / "photo.md").write_bytes(b"\xff\xfe\x00binary")
    (tmp_path / "docs" / "deep.md").write_text(DEEP_QUOTE + "\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - search\n  - trellis:\n      journal_dir: journal\n"
    )
    run = build(tmp_path, "public")
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-2000:]
    assert "docs/photo.md:1: error FILE-1" in run.stderr and "docs/deep.md:1: error FILE-13" in run.stderr
    assert "DEEPMARKER" not in site_text(tmp_path / "site-public")
