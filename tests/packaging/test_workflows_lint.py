"""Every GitHub workflow this repository has, and the one `trellis init` writes into a journal,
passes zizmor (offline) and GitHub's workflow schema (check-jsonschema's vendored copy) with no
findings; third-party actions are pinned to a full commit with the version beside it; and the
release workflow's tag check refuses a tag that is not the package's version.

zizmor and check-jsonschema come with the test extras (pip install -e '.[test]'); without one,
its tests are skipped with the reason."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
REPOSITORY_WORKFLOWS = ROOT / ".github" / "workflows"
# owner/name[/path]@<40 hex> # v1.2.3: the commit decides what runs, the comment tells a reader
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^#\s*v\d+(\.\d+)*$")
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)\s*(?P<comment>#.*)?$")


def tool(name: str) -> str | None:
    """The command installed beside this Python (the test extras' venv, even when it is not
    activated), else one on PATH."""
    beside = Path(sysconfig.get_path("scripts")) / name
    return str(beside) if beside.exists() else shutil.which(name)


ZIZMOR = tool("zizmor")
CHECK_JSONSCHEMA = tool("check-jsonschema")
needs_zizmor = pytest.mark.skipif(
    ZIZMOR is None,
    reason="zizmor is not installed (the test extras install it on Python 3.11 and newer): pip install -e '.[test]'",
)
needs_schema = pytest.mark.skipif(
    CHECK_JSONSCHEMA is None, reason="check-jsonschema is not installed: pip install -e '.[test]'"
)


def run(*command: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    # no token reaches the linters: zizmor would use one for its online audits
    clean = {k: v for k, v in os.environ.items() if k not in {"GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN"}}
    return subprocess.run(command, cwd=cwd, env={**clean, **(env or {})}, capture_output=True, text=True, timeout=300)


def zizmor(*files: Path) -> subprocess.CompletedProcess:
    # --no-config and --no-ignores: no configuration file or `# zizmor: ignore` comment can hide
    # a finding; --strict-collection: a file zizmor cannot read fails instead of being skipped
    return run(
        ZIZMOR, "--offline", "--no-config", "--no-ignores", "--strict-collection", "--format", "plain", *map(str, files)
    )


def schema(*files: Path) -> subprocess.CompletedProcess:
    return run(CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", *map(str, files))


@pytest.fixture(scope="module")
def journal_workflows(tmp_path_factory) -> list[Path]:
    """The workflows `trellis init` writes, rendered into a new project."""
    project = tmp_path_factory.mktemp("init") / "journal"
    made = run(
        sys.executable,
        "-m",
        "trellis.cli",
        "init",
        str(project),
        "--name",
        "Ada Example",
        "--site-url",
        "https://ada.example/",
        "--public-repo",
        "git@github.com:ada/ada.github.io.git",
        env={"NO_MKDOCS_2_WARNING": "1"},
    )
    assert made.returncode == 0, made.stdout + made.stderr
    written = sorted((project / ".github" / "workflows").glob("*.y*ml"))
    assert "publish.yml" in [p.name for p in written], written  # and any later one is linted too
    for path in written:
        assert not re.search(r"__[A-Z_]+__", path.read_text(encoding="utf-8")), f"{path.name}: a placeholder left"
    return written


@pytest.fixture(scope="module")
def workflows(journal_workflows) -> list[Path]:
    """Every workflow: this repository's own and the journal's."""
    own = sorted(REPOSITORY_WORKFLOWS.glob("*.y*ml"))
    assert {"tests.yml", "release.yml", "pages.yml"} <= {p.name for p in own}
    return own + journal_workflows


@needs_zizmor
def test_zizmor_finds_nothing(workflows):
    result = zizmor(*workflows)
    assert result.returncode == 0, result.stdout + result.stderr
    # each file was read and audited, not passed over
    for path in workflows:
        assert f"completed {path}" in result.stderr, result.stderr


@needs_schema
def test_every_workflow_fits_githubs_schema(workflows):
    result = schema(*workflows)
    assert result.returncode == 0, result.stdout + result.stderr


BAD_WORKFLOW = """\
on: issues
jobs:
  greet:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.issue.title }}"
"""


@needs_zizmor
def test_zizmor_here_does_report_a_bad_workflow(tmp_path):
    """The same call on a workflow with a mutable action tag and an issue title pasted into a
    shell script: it fails and names both, so a pass above means something."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    result = zizmor(bad)
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout and "template-injection" in result.stdout, result.stdout
    # an ignore comment does not hide it either
    bad.write_text(BAD_WORKFLOW.replace("@v4", "@v4  # zizmor: ignore[unpinned-uses]"), encoding="utf-8")
    assert "unpinned-uses" in zizmor(bad).stdout


@needs_schema
def test_the_schema_check_here_does_report_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(BAD_WORKFLOW.replace("runs-on: ubuntu-24.04", "runs_on: ubuntu-24.04"), encoding="utf-8")
    result = schema(broken)
    assert result.returncode != 0, result.stdout


def uses_lines(path: Path) -> list[tuple[int, str, str]]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = USES.match(line)
        if match:
            found.append((number, match["ref"], (match["comment"] or "").strip()))
    return found


def test_third_party_actions_are_pinned_to_a_commit_with_the_version_beside_it(workflows):
    versions: dict[str, set[tuple[str, str]]] = {}
    for path in workflows:
        for number, ref, comment in uses_lines(path):
            if ref.startswith("./"):
                continue  # an action of the same repository, at the same commit
            where = f"{path.name}:{number}: {ref} {comment}"
            assert PINNED.match(ref), f"{where}: pin it to a full commit SHA"
            assert VERSION_COMMENT.match(comment), f"{where}: add the version, as `# v1.2.3`"
            versions.setdefault(ref.split("@")[0], set()).add((ref.split("@")[1], comment))
    assert versions, "no action found: the pattern no longer reads the workflows"
    # one action, one commit: an update made in one file only is caught here
    for action, pins in versions.items():
        assert len(pins) == 1, f"{action} is pinned differently across the workflows: {sorted(pins)}"


def test_permissions_are_least_and_checkout_keeps_no_credentials(workflows):
    for path in workflows:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        top = workflow.get("permissions")
        assert top in ({}, {"contents": "read"}), f"{path.name}: top-level permissions {top!r}"
        for name, job in workflow["jobs"].items():
            for step in job.get("steps", []):
                if str(step.get("uses", "")).startswith("actions/checkout@"):
                    assert (step.get("with") or {}).get("persist-credentials") is False, (
                        f"{path.name}, job {name}: checkout without persist-credentials: false"
                    )


def test_only_the_release_upload_can_publish_and_it_runs_nothing_of_the_checkout():
    release = yaml.safe_load((REPOSITORY_WORKFLOWS / "release.yml").read_text(encoding="utf-8"))
    assert release[True] == {"push": {"tags": ["v*"]}}  # PyYAML reads the key `on` as True
    build, publish = release["jobs"]["build"], release["jobs"]["publish"]
    assert publish["needs"] == "build"
    assert publish["environment"]["name"] == "pypi"
    assert publish["permissions"] == {"id-token": "write"}
    assert [s["uses"].split("@")[0] for s in publish["steps"]] == [
        "actions/download-artifact",
        "pypa/gh-action-pypi-publish",
    ]
    assert "with" not in publish["steps"][1], "trusted publishing takes no password or token"
    assert build["permissions"] == {"contents": "read"}
    scripts = "\n".join(s.get("run", "") for s in build["steps"])
    for needed in (
        'twine" check --strict',
        "check-wheel-contents",
        "TRELLIS_WHEEL=",
        "TRELLIS_SDIST=",
        "tests/packaging/test_wheel_end_to_end.py",
    ):
        assert needed in scripts, needed
    assert "secrets." not in (REPOSITORY_WORKFLOWS / "release.yml").read_text(encoding="utf-8"), (
        "release.yml reads a secret: it publishes with trusted publishing, no token"
    )


def release_step(name: str) -> str:
    release = yaml.safe_load((REPOSITORY_WORKFLOWS / "release.yml").read_text(encoding="utf-8"))
    steps = [s for s in release["jobs"]["build"]["steps"] if s.get("name") == name]
    assert len(steps) == 1, name
    return steps[0]["run"]


def fake_distributions(dist: Path, wheel_version: str, sdist_version: str) -> None:
    """A wheel of trellis-journal holding only its metadata, and an sdist's name beside it."""
    dist.mkdir(parents=True)
    info = f"trellis_journal-{wheel_version}.dist-info"
    with zipfile.ZipFile(dist / f"trellis_journal-{wheel_version}-py3-none-any.whl", "w") as wheel:
        wheel.writestr("trellis/__init__.py", "")
        wheel.writestr(f"{info}/METADATA", f"Metadata-Version: 2.4\nName: trellis-journal\nVersion: {wheel_version}\n")
        wheel.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
    (dist / f"trellis_journal-{sdist_version}.tar.gz").write_bytes(b"")


@pytest.mark.parametrize(
    "tag, sdist, error",
    [
        ("v0.3.0", "0.3.0", None),
        ("v0.3.1", "0.3.0", "::error::the tag v0.3.1 is not the package's version v0.3.0"),
        ("0.3.0", "0.3.0", "::error::the tag 0.3.0 is not the package's version v0.3.0"),
        ("v0.3.0", "0.2.9", "::error::no sdist of version 0.3.0 in dist/"),
    ],
    ids=["matching", "another-version", "no-v", "sdist-of-another-version"],
)
def test_the_release_refuses_a_tag_that_is_not_the_version(tmp_path, tag, sdist, error):
    """The workflow's own step, run as GitHub runs it (bash -e -o pipefail), on a wheel of 0.3.0."""
    fake_distributions(tmp_path / "work" / "dist", "0.3.0", sdist)
    tools = tmp_path / "temp" / "tools" / "bin"
    tools.mkdir(parents=True)
    (tools / "python").symlink_to(sys.executable)
    script = textwrap.dedent(release_step("The tag is the package's version"))
    result = run(
        "bash",
        "--noprofile",
        "--norc",
        "-e",
        "-o",
        "pipefail",
        "-c",
        script,
        cwd=tmp_path / "work",
        env={"RUNNER_TEMP": str(tmp_path / "temp"), "GITHUB_REF_NAME": tag},
    )
    if error is None:
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.endswith("tag v0.3.0 = trellis-journal 0.3.0\n")
    else:
        assert result.returncode != 0
        assert result.stdout.startswith(error), result.stdout + result.stderr
