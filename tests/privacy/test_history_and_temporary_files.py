"""Git history, the review and serve's temporary files leak nothing and crash nothing (found in attack
round 19).

Attacks on issue 19 and 20 (a second pair of eyes): goals' history from git, the monthly
review, the calendar, the page sources a build keeps in the temporary folder, findings
printed for GitHub."""

from __future__ import annotations

import html
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import EPOCH, GOOD_GOAL, build, free_port, git, mkdocs_build, serve, site_text
from journals import BARE

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")

ADA = "---\nname: Ada Lovelace\nrole: Engineering Manager\nsector: fintech\nemail: ada@example.com\n---\nNotes.\n"


def _commit(project, day: str) -> None:
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "change", day=day)


@needs_git
def test_an_old_goal_version_with_free_text_in_a_field_neither_leaks_nor_blocks_every_public_build(write_journal):
    """Last month the goal said `status: waiting on Ada Lovelace (ada@example.com)`; the user
    has since fixed the file. The goal page's history showed the old value: the guard stopped
    every public build on an e-mail the user can no longer edit (it is in git's history), and
    a name of a contact whose file is gone would have been published. Only what the field can
    hold is shown."""
    bad = (
        GOOD_GOAL.replace("TITLE", "Meet five recruiters in fintech every week")
        .replace(
            "actions:",
            "status: waiting on Ada Lovelace (ada@example.com) and Zebulon Quartermaine\ndue_note: x\nactions:",
        )
        .replace("target: 5", "target: five with Zebulon Quartermaine")
    )
    project = write_journal({**BARE, "goals/g.md": bad, "contacts/ada-lovelace.md": ADA})
    git(project, "init", "-q")
    _commit(project, "2026-10-01")
    (project / "journal" / "goals" / "g.md").write_text(
        GOOD_GOAL.replace("TITLE", "Meet five recruiters in fintech every week").lstrip(), encoding="utf-8"
    )
    _commit(project, "2026-11-02")
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    text = site_text(project / "site-public")
    for private in ("ada@example.com", "Ada Lovelace", "Zebulon", "Quartermaine", "waiting on"):
        assert private not in text
    page = html.unescape((project / "site-public" / "goals" / "g" / "index.html").read_text(encoding="utf-8"))
    assert "2026-11-02" in page and "target a value that is not valid → 5" in page


def test_the_review_of_a_stage_goal_with_per_does_not_crash_the_owner_view(write_journal):
    """`per: month` on a stage goal (a careless copy of a recurring goal): progress judges it
    as a stage goal, the monthly review took it for a recurring count and `mkdocs serve`
    died with a TypeError."""
    goal = (
        "---\ntitle: Move Ada Lovelace to ally by the end of the year\nsupports: vision\n"
        "measure: {count: stage, contact: ada-lovelace}\ntarget: ally\nper: month\nstart: 2026-11-01\n"
        "due: 2026-12-31\nactions: [Coffee]\n---\n"
    )
    entry = (
        "---\ndate: 2026-11-20\ninteractions:\n  - with: ada-lovelace\n    channel: coffee\n"
        "    direction: mutual\n---\n"
    )
    project = write_journal(
        {
            **BARE,
            "goals/ada.md": goal,
            "contacts/ada-lovelace.md": ADA,
            "entries/2026-11-20.md": entry,
        }
    )
    run = build(project, "owner")
    assert run.returncode == 0, run.stderr[-3000:]
    review = (project / "site-owner" / "review" / "2026-11" / "index.html").read_text(encoding="utf-8")
    assert "acquaintance" in review


# A hook that reads every page's source as mkdocs-rss-plugin and mkdocs-static-i18n do (they call
# Path(page.file.abs_src_path)): only then is a generated page's source written (page_sources.py).
READS_SOURCES = """
import json
from pathlib import Path

read = {}

def on_page_markdown(markdown, page, **kwargs):
    with open(page.file.abs_src_path, encoding="utf-8") as source:
        read[page.file.src_uri] = [page.file.abs_src_path, source.read(), page.file.generated_by]

def on_post_build(config, **kwargs):
    (Path(config.config_file_path).parent / "read.json").write_text(json.dumps(read), encoding="utf-8")
"""

# What Trellis' temporary folders hold at the build's end (after it they are gone)
SEES_TEMPORARY_FOLDER = """
import json
import tempfile
from pathlib import Path

def on_post_build(config, **kwargs):
    tmp = Path(tempfile.gettempdir())
    folders = sorted(p.name for p in tmp.glob("trellis-pages-*"))
    files = sorted(p.relative_to(tmp).as_posix() for p in tmp.glob("trellis-pages-*/**/*") if p.is_file())
    (Path(config.config_file_path).parent / "seen.json").write_text(
        json.dumps({"folders": folders, "files": files}), encoding="utf-8"
    )
"""


def _with_hooks(project, **hooks: str):
    """The project's mkdocs.yml with these hooks (name: its code) beside it, each in NAME.py."""
    for name, code in hooks.items():
        (project / f"{name}.py").write_text(code, encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"hooks: [{', '.join(f'{name}.py' for name in hooks)}]\n")
    return project


def _build_with_tmp(project, tmp, audience: str):
    tmp.mkdir(exist_ok=True)
    run = mkdocs_build(project, project / f"site-{audience}", {"TRELLIS_AUDIENCE": audience, "TMPDIR": str(tmp)})
    assert run.returncode == 0, run.stderr[-3000:]
    return run


@pytest.mark.parametrize("audience", ["public", "owner"])
def test_a_build_whose_plugins_read_no_page_source_writes_none(write_journal, tmp_path, audience):
    """Only other plugins read a generated page's source file (Trellis holds the text itself), and
    writing hundreds of files is a tenth of a second or more: none is written until one is read.
    The folder is still made at the build's start (making it removes the folders a killed process
    left) and removed at its end."""
    project = _with_hooks(
        write_journal({"index.md": "# Home\n", "contacts/ada-lovelace.md": ADA}), seen=SEES_TEMPORARY_FOLDER
    )
    tmp = tmp_path / "tmp"
    _build_with_tmp(project, tmp, audience)
    seen = json.loads((project / "seen.json").read_text(encoding="utf-8"))
    assert len(seen["folders"]) == 1 and seen["files"] == []
    assert list(tmp.iterdir()) == []


def test_a_plugin_reading_a_generated_page_s_source_finds_its_frontmatter(write_journal, tmp_path):
    """mkdocs-rss-plugin, mkdocs-static-i18n, git-revision-date-localized and material's tags read
    `page.file.abs_src_path`: there is a file there, outside the journal, holding the page's title
    and description, written when the plugin first asked for it; removed at the build's end."""
    project = _with_hooks(
        write_journal({"index.md": "# Home\n", "contacts/ada-lovelace.md": ADA}),
        reads=READS_SOURCES,
        seen=SEES_TEMPORARY_FOLDER,
    )
    tmp = tmp_path / "tmp"
    _build_with_tmp(project, tmp, "owner")
    read = json.loads((project / "read.json").read_text(encoding="utf-8"))
    seen = json.loads((project / "seen.json").read_text(encoding="utf-8"))
    path, text, generated_by = read["contacts/ada-lovelace.md"]
    assert generated_by == "trellis"
    folder = tmp / seen["folders"][0]
    assert path == str(folder / "contacts" / "ada-lovelace.md")
    assert text.startswith("---\n") and json.loads(text.split("\n")[1])["title"] == "Ada Lovelace"
    generated = {uri for uri, (_, _, by) in read.items() if by == "trellis"}
    assert len(generated) > 5 and {f"{folder.name}/{uri}" for uri in generated} == set(seen["files"])
    assert read["index.md"][0] == str(project / "journal" / "index.md")  # the user's own page, where it is
    assert list(tmp.iterdir()) == []


def _serve(project, tmp):
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp)}
    env.pop("TRELLIS_AUDIENCE", None)
    port = free_port()
    server = serve(project, port, env=env)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/contacts/ada-lovelace/", timeout=5) as response:
                if response.status == 200:
                    return server, env
        except OSError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.5)
    server.kill()
    pytest.fail("serve did not come up: " + server.communicate()[1][-2000:])


def _holding(tmp, text: str) -> list[str]:
    return sorted(
        p.relative_to(tmp).as_posix()
        for p in tmp.rglob("*")
        if p.is_file() and text in p.read_text(encoding="utf-8", errors="replace")
    )


@pytest.mark.skipif(os.name != "posix", reason="signals")
def test_a_killed_serve_leaves_no_contact_names_in_the_temporary_folder(write_journal, tmp_path):
    """`mkdocs serve` keeps a page source per generated page (contacts' names in the titles) once
    another plugin reads them (here a hook, as rss and i18n do), and MkDocs a copy of the whole
    owner view (e-mails, notes). `kill` (SIGTERM, as an editor or a task runner stops it) ran no
    clean-up and left both; SIGKILL leaves them whatever runs, so the next build removes
    Trellis' folder of a process that is gone."""
    project = _with_hooks(write_journal({"index.md": "# Home\n", "contacts/ada-lovelace.md": ADA}), reads=READS_SOURCES)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    server, env = _serve(project, tmp)
    assert _holding(tmp, "Ada Lovelace")
    server.send_signal(signal.SIGTERM)
    _, err = server.communicate(timeout=30)
    assert "Traceback" not in err
    assert _holding(tmp, "Ada Lovelace") == [] and _holding(tmp, "ada@example.com") == []

    server, env = _serve(project, tmp)
    server.kill()
    server.communicate(timeout=30)
    assert any("trellis-pages-" in p for p in _holding(tmp, "Ada Lovelace"))  # SIGKILL runs nothing
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert not any("trellis-pages-" in p for p in _holding(tmp, "Ada Lovelace"))
    for left in tmp.glob("mkdocs_*"):  # MkDocs' own copy, which only MkDocs could know to be stale
        shutil.rmtree(left)


def test_a_value_with_a_line_break_or_an_escape_prints_as_one_line_in_check_and_in_the_build_log(write_journal):
    """A finding quotes the value it judges: `channel: "coffee\\n::error::..."` (or an imported
    name) printed a line of its own, which GitHub's runner reads as a workflow command in the
    text output of `trellis check` and in the log of the build `trellis publish` runs there;
    an escape sequence (`\\x1b]0;...`) reached the terminal. Only --format github escaped them."""
    entry = (
        '---\ndate: 2026-11-20\ninteractions:\n  - with: "nobody\\n::error title=forged::pwned"\n'
        '    channel: "coffee\\r\\n::add-mask::secret"\n    direction: "out\\u001b]0;retitled\\u0007"\n---\n'
    )
    project = write_journal({"index.md": "# Home\n", "entries/2026-11-20.md": entry})
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    check = subprocess.run(
        [sys.executable, "-m", "trellis.cli", "check", str(project)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    run = build(project, "owner")
    assert run.returncode == 0, run.stderr[-3000:]
    for output in (check.stdout + check.stderr, run.stdout + run.stderr):
        lines = output.splitlines()
        assert not [line for line in lines if line.lstrip().startswith("::")], output
        assert "\x1b" not in output and "\x07" not in output
        assert any("coffee\\r\\n::add-mask::secret" in line for line in lines)
        assert any("\\x1b]0;retitled\\x07" in line for line in lines)


@needs_git
def test_the_history_of_a_goal_whose_file_name_git_quotes_and_holds_an_accent(tmp_path):
    """git quotes a file name with a `"` (or a tab, a backslash) and, with core.quotepath=off,
    writes its accents as they are inside the quotes: `goals/café "sprint".md` was read back
    as `café` with a replacement character, so its goal page said no change was committed."""
    from trellis.loading.history import read_history

    goals = tmp_path / "journal" / "goals"
    goals.mkdir(parents=True)
    name = 'café "sprint"'
    (goals / f"{name}.md").write_text(GOOD_GOAL.lstrip(), encoding="utf-8")
    git(tmp_path, "init", "-q")
    _commit(tmp_path, "2026-10-01")
    (goals / f"{name}.md").write_text(GOOD_GOAL.lstrip().replace("target: 5", "target: 3"), encoding="utf-8")
    _commit(tmp_path, "2026-11-02")
    history = read_history(tmp_path / "journal")
    assert [(a.day.isoformat(), a.kind) for a in history.of(name)] == [
        ("2026-10-01", "created"),
        ("2026-11-02", "adjusted"),
    ]
