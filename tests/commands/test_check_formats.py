"""`trellis check --format github|json`: every finding, in a form GitHub and other tools read;
the default text and the exit codes are as they were."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import ROOT
from trellis import cli
from trellis.commands.check import github_line
from trellis.model import Finding

# a finding of each kind of file, errors and warnings, and a file that is no YAML at all
BROKEN = {
    "goals/broken.md": "---\ntitle: Network more\nsupports: remote-role\nmeasure: {count: friends}\ntarget: five\n"
    "start: 2026-11-01\ndue: 2026-12-31\nactions: [Go]\nstatus: finished\n---\n",
    "contacts/zed-broken.md": "---\nname: Zed\nstage: friend\nlinks: {site: 'javascript:alert(1)'}\n---\n",
    "entries/2026/2026-11-22.md": "---\ninteractions:\n  - with: nobody\n    channel: pigeon\n    direction: outbund\n---\n",
    "entries/2026/2026-11-20.md": "---\ndate: [unclosed\n---\n",
    "plan.md": "---\nvision: x\nreview: sometimes\nwant: {hobbies: [chess]}\n---\n",
}
GITHUB = re.compile(r"^::(error|warning) file=([^,]*),line=(\d+),title=([^:]*)::(.*)$")


@pytest.fixture
def broken(tmp_path, monkeypatch, pinned_today):
    shutil.copytree(ROOT / "journal", tmp_path / "journal")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for rel, text in BROKEN.items():
        (tmp_path / "journal" / rel).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *args):
    code = cli.main(["check", *args])
    return code, capsys.readouterr().out


TEXT = re.compile(r"^(.+?):(\d+): (error|warning) ([A-Z]+-[A-Z0-9]+): ")


def text_findings(out: str) -> list[tuple]:
    return [(m.group(1), int(m.group(2)), m.group(3), m.group(4)) for m in map(TEXT.match, out.splitlines()) if m]


def test_github_format_is_one_workflow_command_per_finding(broken, capsys):
    code, text = run(capsys, ".")
    expected = text_findings(text)
    assert {rule.split("-")[0] for *_, rule in expected} >= {"SMART", "GOAL", "CONTACT", "ENTRY", "PLAN", "FILE"}
    assert {severity for _, _, severity, _ in expected} == {"error", "warning"}
    github_code, out = run(capsys, "--format", "github", ".")
    lines = [line for line in out.splitlines() if line.startswith("::")]
    parsed = [GITHUB.match(line) for line in lines]
    assert all(parsed), lines
    assert [(m.group(2), int(m.group(3)), m.group(1), m.group(4)) for m in parsed] == expected
    assert code == github_code == 1
    assert out.splitlines()[-1] == text.splitlines()[-1]  # the summary line, as in the text form


def test_json_format_is_a_versioned_list_with_the_documented_keys(broken, capsys):
    _, text = run(capsys, ".")
    code, out = run(capsys, "--format", "json", ".")
    document = json.loads(out)
    assert document["version"] == 1 and document["summary"] == text.splitlines()[-1].removeprefix("trellis check: ")
    assert all(set(f) == {"file", "line", "rule", "severity", "message", "fix"} for f in document["findings"])
    assert [(f["file"], f["line"], f["severity"], f["rule"]) for f in document["findings"]] == text_findings(text)
    shown = [
        f"{f['file']}:{f['line']}: {f['severity']} {f['rule']}: {f['message']}: {f['fix']}"
        for f in document["findings"]
    ]
    assert shown == text.splitlines()[:-1]
    assert code == 1


def test_formats_keep_the_exit_codes(tmp_path, capsys, pinned_today):
    shutil.copytree(ROOT / "journal", tmp_path / "journal")
    plan = tmp_path / "journal" / "plan.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("review: monthly", "review: sometimes"), encoding="utf-8")
    for fmt in ("text", "github", "json"):
        assert cli.main(["check", "--format", fmt, str(tmp_path)]) == 0  # warnings only
        assert cli.main(["check", "--strict", "--format", fmt, str(tmp_path)]) == 1
    capsys.readouterr()
    code, out = run(capsys, "--format", "json", str(tmp_path / "nowhere"))
    assert code == 2 and out == ""


def test_github_escapes_data_and_properties():
    found = Finding("journal/a,b:c%.md", 3, "error", "SMART-M1", "50% of\r\nit: x", "fix, it")
    assert github_line(found) == (
        "::error file=journal/a%2Cb%3Ac%25.md,line=3,title=SMART-M1::50%25 of%0D%0Ait: x: fix, it\n"
    )
    assert github_line(Finding("f.md", 1, "warning", "FILE-7", "m", "f")).startswith("::warning file=f.md,line=1,")
