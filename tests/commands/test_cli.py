"""`trellis check`: a line a finding, a summary, exit codes for a pre-commit hook."""

from __future__ import annotations

import re

from conftest import trellis

GOAL = """---
title: Make five new connections in web development every week
why: Referrals.
measure: {count: new-contacts}
target: 5
per: week
start: 2026-11-01
due: DUE
actions: [Go to the JS meetup]
---
"""


def check(cwd, *args):
    return trellis("check", *args, cwd=cwd, timeout=60)


def project(tmp_path, due):
    (tmp_path / "journal" / "goals").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ndocs_dir: journal\nplugins: [search, trellis]\n")
    (tmp_path / "journal" / "goals" / "g.md").write_text(GOAL.replace("DUE", due))
    return tmp_path


def test_clean_journal_exits_0(tmp_path):
    run = check(project(tmp_path, "2026-12-31"))
    assert run.returncode == 0 and run.stdout.strip().endswith("no problems in 1 records")


def test_errors_exit_1_with_specs_lines(tmp_path):
    run = check(project(tmp_path, "2026-10-01"))
    assert run.returncode == 1
    lines = run.stdout.strip().splitlines()
    assert re.fullmatch(
        r"journal/goals/g\.md:8: error SMART-T2: due \(2026-10-01\) is before start \(2026-11-01\): "
        r"move one of them",
        lines[0],
    )
    assert lines[-1] == "trellis check: 1 error in 1 records"


def test_warnings_exit_0_unless_strict(tmp_path):
    root = project(tmp_path, "2028-01-01")  # SMART-T3: more than 12 months
    assert "warning SMART-T3" in check(root).stdout
    assert check(root).returncode == 0
    assert check(root, "--strict").returncode == 1


def test_path_may_be_the_project_or_the_journal(tmp_path):
    root = project(tmp_path, "2026-10-01")
    elsewhere = tmp_path.parent
    for path in (root, root / "journal"):
        run = check(elsewhere, str(path))
        assert run.returncode == 1 and "SMART-T2" in run.stdout


def test_ctrl_c_stops_a_command_with_one_line_not_a_traceback(tmp_path, monkeypatch, capsys):
    from trellis import cli

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_analyse", interrupted)
    assert cli.main(["check", str(tmp_path)]) == 130
    assert capsys.readouterr().err == "trellis: interrupted\n"


def test_a_bad_source_date_epoch_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    from trellis import cli

    (tmp_path / "journal" / "goals").mkdir(parents=True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "abc")
    for argv in (["check", str(tmp_path)], ["new", "entry", "--path", str(tmp_path)]):
        assert cli.main(argv) == 2
        assert capsys.readouterr().err.startswith("trellis: SOURCE_DATE_EPOCH='abc' is not a number")
    assert not (tmp_path / "journal" / "entries").exists()
