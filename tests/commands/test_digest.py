"""`trellis digest` (issue 28, the weekly nudge): the example journal's week, worked out by hand from
its files, and the `--github-issue` step of the workflow run with a fake `gh` on PATH."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EPOCH, ROOT, trellis

SITE = "http://127.0.0.1:8000/"


def _lines(out: str, heading: str) -> list[str]:
    """The list items under a `### heading...` of the digest."""
    block = out.split("### " + heading, 1)[1].split("\n### ", 1)[0]
    return [line for line in block.splitlines() if line.startswith("- ")]


def test_the_example_journals_digest_matches_the_hand_worked_week():
    done = trellis("digest", str(ROOT))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    # EPOCH is 2026-11-23, a Monday; the journal's weeks start on Monday
    assert out.startswith("## Reach out this week: Monday, 2026-11-23\n")
    assert f"[Today]({SITE})" in out and f"[Reach out]({SITE}reach-out/)" in out
    # Cadence goals, by goal id; nobody is talked to on 2026-11-23 (no entry of that day):
    # - daily-nurture: 1 interaction a day, none today -> 1 more; the three most overdue ties first:
    #   Elena (met 2026-10-08, keep_in_touch 30d: 46 - 30 = 16 days overdue), Nadia (met 2026-10-21:
    #   33 - 30 = 3), then Bruno, whose want/give are in contacts/bruno-alves.md;
    # - weekly-dormant-ties: 2 interactions a week with contacts tagged reconnect, none since Monday
    #   -> 2 more; the first three tagged reconnect by the reach-out order: Bruno, Grace, Marta;
    # - weekly-new-connections: 5 new web contacts a week, none since Monday -> 5 more.
    # 1 + 2 + 5 = 8 reach-outs left.
    assert "### Cadence goals: 8 reach-outs left" in out
    nurture, dormant_ties, new = _lines(out, "Cadence goals")
    assert nurture.startswith(
        f"- **1 more** for [Nurture one relationship every day with one real conversation]({SITE}goals/daily-nurture/)"
    )
    assert (
        f"[Elena Popescu]({SITE}contacts/elena-popescu/), [Nadia Haddad]({SITE}contacts/nadia-haddad/), [Bruno Alves]"
        in nurture
    )
    assert (
        "(you hope for a referral for the front-end role his team is hiring for, "
        "you can offer feedback on the design system rewrite)" in nurture
    )
    assert dormant_ties.startswith(
        f"- **2 more** for [Revive two dormant ties every week]({SITE}goals/weekly-dormant-ties/) (week of 2026-11-23)"
    )
    assert [name in dormant_ties for name in ("[Bruno Alves]", "[Grace Obi]", "[Marta Silva]")] == [True] * 3
    assert new.startswith("- **5 more** for [Make five new connections in web development every week]")
    assert "meet someone new" in new
    # Follow-ups: the only open one is 2026-11-20's with Kwame, follow_up 2026-11-29: in 6 days
    assert "### Follow-ups: 0 overdue, 0 due today" in out
    assert _lines(out, "Follow-ups") == [
        f"- 2026-11-29 (in 6 days): [Kwame Mensah]({SITE}contacts/kwame-mensah/): Caught up on the meetup"
    ]
    # Dormant ties: Elena 16 days overdue, Nadia 3 (worked out above); nobody else past keep_in_touch
    assert _lines(out, "Dormant ties: 2") == [
        f"- [Elena Popescu]({SITE}contacts/elena-popescu/): last in touch 2026-10-08, every 30 days, 16 days overdue",
        f"- [Nadia Haddad]({SITE}contacts/nadia-haddad/): last in touch 2026-10-21, every 30 days, 3 days overdue",
    ]
    # Goals behind pace: none (the manual goals started late or are level goals with no pace due yet)
    assert "### Goals behind pace: 0\n\nNo active goal is behind its pace." in out


def test_site_url_sets_the_links_and_nothing_is_written(tmp_path):
    before = {p: p.stat().st_mtime_ns for p in (ROOT / "journal").rglob("*")}
    done = trellis("digest", str(ROOT), "--site-url", "http://laptop.local:9000/journal")
    assert done.returncode == 0, done.stderr
    assert "[Reach out](http://laptop.local:9000/journal/reach-out/)" in done.stdout
    assert SITE not in done.stdout
    assert {p: p.stat().st_mtime_ns for p in (ROOT / "journal").rglob("*")} == before


def test_a_name_is_text_not_markdown(write_journal):
    project = write_journal(
        {
            "contacts/odd.md": "---\nname: '*Bold* [x](http://evil.example)'\nmet: 2026-01-01\nkeep_in_touch: 30d\n---\n",
        }
    )
    done = trellis("digest", str(project))
    assert done.returncode == 0, done.stderr
    assert r"\*Bold\* \[x\](http://evil.example)" in done.stdout


# --github-issue, as the workflow's scheduled job runs it ------------------------------------


FAKE_GH = """#!{python}
import json, sys
from pathlib import Path
log = Path({log!r})
calls = json.loads(log.read_text()) if log.exists() else []
calls.append({{"args": sys.argv[1:], "stdin": sys.stdin.read() if "--body-file" in sys.argv else None}})
log.write_text(json.dumps(calls))
args = sys.argv[1:]
if args[:2] == ["repo", "view"]:
    print(json.dumps({{"visibility": {visibility!r}}}))
elif args[:2] == ["issue", "list"]:
    print(json.dumps({issues!r}))
"""


def _fake_gh(tmp_path: Path, visibility: str, issues: list) -> tuple[dict, Path]:
    bin_dir, log = tmp_path / "bin", tmp_path / "gh-calls.json"
    bin_dir.mkdir(parents=True)
    gh = bin_dir / "gh"
    gh.write_text(FAKE_GH.format(python=sys.executable, log=str(log), visibility=visibility, issues=issues))
    gh.chmod(gh.stat().st_mode | stat.S_IEXEC)
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "GITHUB_REPOSITORY": "maya/journal"}
    return env, log


def _calls(log: Path) -> list[dict]:
    return json.loads(log.read_text()) if log.exists() else []


def test_the_job_refuses_a_public_repository_and_posts_nothing(tmp_path):
    env, log = _fake_gh(tmp_path, "PUBLIC", [])
    done = trellis("digest", str(ROOT), "--github-issue", env=env)
    assert done.returncode == 1
    assert "refusing to post: maya/journal is public" in done.stderr
    assert [c["args"][:2] for c in _calls(log)] == [["repo", "view"]]  # asked, and nothing else
    assert "Elena" not in done.stdout + done.stderr


def test_the_events_word_that_the_repository_is_public_is_enough_to_refuse(tmp_path):
    env, log = _fake_gh(tmp_path, "PRIVATE", [])
    done = trellis("digest", str(ROOT), "--github-issue", env=env, TRELLIS_REPOSITORY_VISIBILITY="public")
    assert done.returncode == 1 and "is public" in done.stderr
    assert _calls(log) == []


def test_no_repository_named_no_post(tmp_path):
    env, log = _fake_gh(tmp_path, "PRIVATE", [])
    env["GITHUB_REPOSITORY"] = ""
    done = trellis("digest", str(ROOT), "--github-issue", env=env)
    assert done.returncode == 1 and "GITHUB_REPOSITORY is not set" in done.stderr
    assert _calls(log) == []


def test_a_private_repository_gets_one_issue_created_then_updated(tmp_path):
    env, log = _fake_gh(tmp_path, "PRIVATE", [{"number": 3, "title": "something else"}])
    done = trellis("digest", str(ROOT), "--github-issue", env=env)
    assert done.returncode == 0, done.stderr
    create = _calls(log)[-1]
    assert create["args"] == [
        "issue",
        "create",
        "--repo",
        "maya/journal",
        "--title",
        "Trellis: this week's reach-out",
        "--body-file",
        "-",
    ]
    assert create["stdin"].startswith("## Reach out this week: Monday, 2026-11-23")
    assert all("maya/journal" in c["args"] for c in _calls(log))  # only ever the journal's own repository

    env2, log2 = _fake_gh(tmp_path / "again", "PRIVATE", [{"number": 7, "title": "Trellis: this week's reach-out"}])
    done = trellis("digest", str(ROOT), "--github-issue", env=env2)
    assert done.returncode == 0, done.stderr
    calls = _calls(log2)
    assert [c["args"][:3] for c in calls] == [
        ["repo", "view", "maya/journal"],
        ["issue", "list", "--repo"],
        ["issue", "edit", "7"],
        ["issue", "comment", "7"],
    ]
    assert not any(c["args"][:2] == ["issue", "create"] for c in calls)
    assert calls[2]["stdin"] == create["stdin"]
    assert "updated issue #7" in done.stdout


@pytest.mark.parametrize("visibility", ["INTERNAL", "nonsense"])
def test_anything_but_private_is_refused(tmp_path, visibility):
    env, log = _fake_gh(tmp_path, visibility, [])
    done = trellis("digest", str(ROOT), "--github-issue", env=env)
    assert done.returncode == 1
    assert not any(c["args"][0] == "issue" for c in _calls(log))


# the workflow trellis init writes, and trellis upgrade brings to older journals ------------------

WORKFLOW = ".github/workflows/publish.yml"
BEFORE_DIGEST = ROOT / "tests" / "fixtures" / "workflow-before-digest" / "publish.yml"  # the workflow until issue 28
PUBLIC_REPO = "git@github.com:ada/ada.github.io.git"


def _init(folder: Path) -> Path:
    done = trellis("init", str(folder), "--name", "Ada Example", "--public-repo", PUBLIC_REPO)
    assert done.returncode == 0, done.stderr
    return folder


def _digest_job(project: Path) -> tuple[dict, dict]:
    workflow = yaml.safe_load((project / WORKFLOW).read_text())
    return workflow, workflow["jobs"]["digest"]


def test_the_workflow_schedules_the_digest_with_issues_write_only(tmp_path):
    workflow, job = _digest_job(_init(tmp_path / "p"))
    on = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert on["schedule"] == [{"cron": "17 6 * * 1"}] and "workflow_dispatch" in on
    assert workflow["permissions"] == {"contents": "read"}  # the publish job asks for nothing more
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    assert "schedule" in job["if"] and "schedule" not in workflow["jobs"]["publish"]["if"]
    [post] = [s for s in job["steps"] if "trellis digest" in s.get("run", "")]
    assert post["run"].strip() == "trellis digest --github-issue"  # the repository is GITHUB_REPOSITORY alone
    assert post["env"] == {"GH_TOKEN": "${{ github.token }}"}


def _run_step(project: Path, tmp_path: Path, visibility: str) -> tuple[subprocess.CompletedProcess, list[dict]]:
    """The digest step's commands, run in the project as the job runs them, with a fake gh."""
    _workflow, job = _digest_job(project)
    [post] = [s for s in job["steps"] if "trellis digest" in s.get("run", "")]
    env, log = _fake_gh(tmp_path, visibility, [])
    env["PATH"] += os.pathsep + str(Path(sys.executable).parent)  # `trellis`, as pip installs it
    done = subprocess.run(
        ["bash", "-e", "-c", post["run"]],
        cwd=project,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", **env, "GH_TOKEN": "t"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done, _calls(log)


def test_the_workflows_digest_step_refuses_a_public_repository(tmp_path):
    done, calls = _run_step(_init(tmp_path / "p"), tmp_path / "gh", "PUBLIC")
    assert done.returncode != 0 and "refusing to post" in done.stderr
    assert not any(c["args"][0] == "issue" for c in calls)


def test_the_workflows_digest_step_posts_to_a_private_repository(tmp_path):
    done, calls = _run_step(_init(tmp_path / "p"), tmp_path / "gh", "PRIVATE")
    assert done.returncode == 0, done.stderr
    assert [c["args"][:2] for c in calls] == [["repo", "view"], ["issue", "list"], ["issue", "create"]]
    assert calls[-1]["stdin"].startswith("## Reach out this week: Monday, 2026-11-23")


def test_upgrade_brings_the_digest_job_to_a_journal_with_the_earlier_workflow(tmp_path):
    project, new = _init(tmp_path / "old"), _init(tmp_path / "new")
    shutil.rmtree(project / ".trellis")  # no record: the workflow is known by its hash alone
    old = BEFORE_DIGEST.read_text().replace("__PUBLIC_REPO__", PUBLIC_REPO)
    (project / WORKFLOW).write_text(old)
    done = trellis("upgrade", str(project))
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{WORKFLOW}: update" in done.stdout
    assert (project / WORKFLOW).read_text() == (new / WORKFLOW).read_text()
    assert "trellis digest --github-issue" in (project / WORKFLOW).read_text()
    assert f"PUBLIC_REPO: {PUBLIC_REPO}" in (project / WORKFLOW).read_text()


def test_files_that_could_not_be_read_are_said_first(write_journal):
    project = write_journal({"contacts/broken.md": "---\nname: [unclosed\n---\n"})
    done = trellis("digest", str(project))
    assert done.returncode == 0, done.stderr
    assert "**1 journal file could not be read**, so nothing in it is counted" in done.stdout
    assert f"[Checks]({SITE}checks/)" in done.stdout
