"""`trellis check --format github|json`: the findings where other tools read them.

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
from collections.abc import Iterable

from .model import Finding

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
