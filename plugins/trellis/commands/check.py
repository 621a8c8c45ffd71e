"""`trellis check`: the findings, in the terminal or where other tools read them, and the exit code.

Besides the journal's own findings, check fails on a project whose git tracks an owner build's
folder (`owner_build`) and on a public repository that shows private data (`exposed`, which
`trellis publish` asks too).

`text`: one finding a line, then the summary.

`github`: one GitHub Actions workflow command per finding (`::error file=F,line=N,title=RULE::...`,
warnings as `::warning`), so a workflow run shows each finding on its line of the commit.
Data is escaped as GitHub's runner unescapes it: `%`, CR and LF in the message, and also `:`
and `,` in the properties.

`json`: a versioned document, `{"version": 1, "findings": [...], "summary": "..."}`, each finding
`{"file", "line", "rule", "severity", "message", "fix"}`. A key is only ever added under version 1;
one renamed or removed raises the version.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

from ..model import Finding
from ..pipeline import Analysis
from ..privacy.repository import repository_exposure, repository_is_public
from .owner_build import tracked, tracked_message

JSON_VERSION = 1


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(found: Finding) -> str:
    command = "error" if found.severity == "error" else "warning"
    return (
        f"::{command} file={_property(found.shown)},line={found.line},title={_property(found.rule)}::"
        f"{_data(f'{found.message}: {found.fix}')}\n"
    )


def github_lines(findings: Iterable[Finding]) -> list[str]:
    return [github_line(found) for found in findings]


def finding_record(found: Finding) -> dict:
    return {
        "file": found.shown,
        "line": found.line,
        "rule": found.rule,
        "severity": found.severity,
        "message": found.message,
        "fix": found.fix,
    }


def findings_json(findings: Iterable[Finding], summary: str) -> str:
    document = {"version": JSON_VERSION, "findings": [finding_record(f) for f in findings], "summary": summary}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def print_findings(analysis: Analysis, fmt: str) -> None:
    """The findings and the summary on standard output, as `--format` asks."""
    out = sys.stdout
    if fmt == "github":
        out.writelines(github_lines(analysis.findings))
        out.write(f"trellis check: {analysis.summary()}\n")
    elif fmt == "json":
        out.write(findings_json(analysis.findings, analysis.summary()))
    else:
        for found in analysis.findings:
            out.write(f"{found}\n")
        out.write(f"trellis check: {analysis.summary()}\n")


def exit_code(analysis: Analysis, project: Path, strict: bool) -> int:
    """1 when git tracks an owner build, the public repository shows private data, or the journal
    has errors (warnings too with `--strict`); else 0. Each refusal says why on standard error."""
    if owner_builds_in_git(project) or exposed(analysis.journal, "trellis check"):
        return 1
    if analysis.errors or (strict and analysis.warnings):
        return 1
    return 0


def owner_builds_in_git(project: Path) -> bool:
    """Whether git tracks files of an owner build's folder (owner_build); says so if it does."""
    found = tracked(project)
    for folder, count in sorted(found.items()):
        print(f"trellis check: error: {tracked_message(folder, count)}", file=sys.stderr)
    return bool(found)


def exposed(journal, command: str) -> bool:
    """Whether the journal's repository is public and shows private data; says so if it does."""
    if not repository_is_public():
        return False
    exposure = repository_exposure(journal)
    if exposure:
        print(f"{command}: error: {exposure.message()}", file=sys.stderr)
    return bool(exposure)
