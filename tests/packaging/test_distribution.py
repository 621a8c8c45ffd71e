"""What `trellis init` writes in requirements.txt for each way Trellis can be installed (PEP 610's
direct_url.json as pip records it), what pip and the journal's workflow do with it, and the
version: one source, printed by `trellis --version`, the same in the wheel's METADATA.

The real installs (a wheel, a git+file:// URL) are in tests/packaging/test_wheel_end_to_end.py."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import trellis
from packaging.requirements import Requirement as Pep508
from trellis import __version__
from trellis.distribution import LOCAL_MARK, from_direct_url, requirement

ROOT = Path(__file__).resolve().parents[2]
COMMIT = "8d1a3c6e2f0b4a5d9e7c1b3a5f7d9e1c3b5a7f90"


def pip_reads(line: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """pip on a requirements.txt holding `line`, as the journal's CI runs it (nothing installed:
    --dry-run, and --no-index so that no test reaches the package index)."""
    (tmp_path / "requirements.txt").write_text(f"# a comment, as init writes\n{line}\n")
    return subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "-r", "requirements.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )


def test_a_release_from_the_index_is_pinned_to_its_version():
    found = from_direct_url(None, "1.4.2")
    assert (found.line, found.note, found.installable) == ("trellis-journal==1.4.2", "", True)


@pytest.mark.parametrize(
    "url, subdirectory, expected",
    [
        (
            "https://github.com/ada/trellis.git",
            None,
            f"trellis-journal @ git+https://github.com/ada/trellis.git@{COMMIT}",
        ),
        (
            "ssh://git@github.com/ada/trellis.git",
            None,
            f"trellis-journal @ git+ssh://git@github.com/ada/trellis.git@{COMMIT}",
        ),
        (
            "https://${GH_TOKEN}@github.com/ada/trellis",
            "tools/trellis",
            f"trellis-journal @ git+https://${{GH_TOKEN}}@github.com/ada/trellis@{COMMIT}#subdirectory=tools/trellis",
        ),
    ],
)
def test_a_vcs_install_is_its_url_at_the_exact_commit(url, subdirectory, expected):
    direct = {"url": url, "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "main"}}
    if subdirectory:
        direct["subdirectory"] = subdirectory
    found = from_direct_url(direct, "0.1.0")
    assert found.line == expected and found.installable and found.note == ""
    parsed = Pep508(found.line)  # pip's grammar: the name, and a URL at the commit, not the branch asked for
    assert parsed.name == "trellis-journal" and COMMIT in parsed.url and "main" not in parsed.url


def test_credentials_in_the_url_never_reach_the_committed_file():
    direct = {
        "url": "https://ada:ghp_secret123@github.com/ada/trellis",
        "vcs_info": {"vcs": "git", "commit_id": COMMIT},
    }
    found = from_direct_url(direct, "0.1.0")
    assert found.line == f"trellis-journal @ git+https://github.com/ada/trellis@{COMMIT}"
    assert "credentials" in found.note and "secret" not in found.note


def test_a_repository_on_this_machine_is_written_and_init_says_ci_cannot_reach_it():
    direct = {"url": "file:///home/ada/src/trellis", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}
    found = from_direct_url(direct, "0.1.0")
    assert found.line == f"trellis-journal @ git+file:///home/ada/src/trellis@{COMMIT}"
    assert "on this machine" in found.note and "--requirement" in found.note


def test_an_archive_on_the_web_keeps_its_hash():
    url = "https://example.org/dist/trellis_journal-0.2.0-py3-none-any.whl"
    found = from_direct_url({"url": url, "archive_info": {"hashes": {"sha256": "ab" * 32}}}, "0.2.0")
    assert found.line == f"trellis-journal @ {url}#sha256={'ab' * 32}" and found.installable
    legacy = from_direct_url({"url": url, "archive_info": {"hash": f"sha256={'cd' * 32}"}}, "0.2.0")
    assert legacy.line == f"trellis-journal @ {url}#sha256={'cd' * 32}"


@pytest.mark.parametrize(
    "direct, said",
    [
        (
            {"url": "file:///home/ada/trellis", "dir_info": {"editable": True}},
            "an editable checkout (/home/ada/trellis)",
        ),
        ({"url": "file:///home/ada/trellis", "dir_info": {}}, "a local folder (/home/ada/trellis)"),
        ({"url": "file:///tmp/trellis_journal-0.1.0-py3-none-any.whl", "archive_info": {}}, "a file on this machine"),
        ({"url": 3}, "can't be read"),
        ("unreadable", "can't be read"),
        ({"url": "https://example.org/x", "vcs_info": {"vcs": "git"}}, "a file on this machine"),  # no commit: no pin
    ],
)
def test_what_ci_cannot_install_fails_in_pip_with_the_explanation(direct, said, tmp_path):
    found = from_direct_url(direct, "0.3.0")
    assert not found.installable and said in found.note and "--requirement" in found.note
    assert found.line.startswith(LOCAL_MARK) and "trellis-journal==0.3.0" in found.line
    run = pip_reads(found.line, tmp_path)
    assert run.returncode != 0
    assert found.line in run.stderr and "Invalid requirement" in run.stderr  # the whole sentence, never a lookup


def test_the_workflow_fails_first_with_an_annotation_and_otherwise_runs_pip(tmp_path):
    project = tmp_path / "journal"
    assert trellis("init", str(project), "--requirement", "trellis-journal==0.1.0").returncode == 0
    steps = yaml.safe_load((project / ".github/workflows/publish.yml").read_text())["jobs"]["publish"]["steps"]
    install = next(step["run"] for step in steps if step.get("name") == "Install Trellis")
    stub = tmp_path / "bin"
    stub.mkdir()
    (stub / "python").write_text('#!/bin/sh\necho "python $*" > "$STUB_LOG"\n')
    (stub / "python").chmod(0o755)
    env = {**os.environ, "PATH": f"{stub}{os.pathsep}{os.environ['PATH']}", "STUB_LOG": str(tmp_path / "log")}

    run = subprocess.run(["bash", "-e", "-c", install], cwd=project, env=env, capture_output=True, text=True)
    assert run.returncode == 0 and (tmp_path / "log").read_text() == "python -m pip install -r requirements.txt\n"

    local = from_direct_url({"url": "file:///x", "dir_info": {}}, "0.1.0").line
    text = (project / "requirements.txt").read_text()
    (project / "requirements.txt").write_text(text.replace("trellis-journal==0.1.0", local))
    (tmp_path / "log").unlink()
    run = subprocess.run(["bash", "-e", "-c", install], cwd=project, env=env, capture_output=True, text=True)
    assert run.returncode == 1 and run.stdout == f"::error file=requirements.txt::{local}\n"
    assert not (tmp_path / "log").exists()  # pip never ran


def test_init_writes_the_requirement_it_is_given_and_refuses_what_pip_cannot_read(tmp_path):
    spec = f"trellis-journal @ git+https://github.com/ada/trellis@{COMMIT}"
    run = trellis("init", str(tmp_path / "a"), "--requirement", spec)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "a/requirements.txt").read_text().splitlines()[-1] == spec
    assert "cannot install" not in run.stdout  # the user chose the line: nothing to warn about
    for bad in ("trellis-journal==0.1.0\n--index-url https://evil.example/", "", "   ", "# trellis-journal"):
        run = trellis("init", str(tmp_path / "b"), "--requirement", bad)
        assert run.returncode == 2 and len(run.stderr.splitlines()) == 1 and "--requirement" in run.stderr, bad
        assert not (tmp_path / "b").exists()


def test_init_in_this_checkout_says_why_the_journals_ci_cannot_install_it(tmp_path):
    """The tests run from a source tree (an editable install, or PYTHONPATH ahead of one)."""
    found = requirement()
    assert not found.installable
    run = trellis("init", str(tmp_path / "j"))
    assert run.returncode == 0, run.stderr
    said = [line for line in run.stdout.splitlines() if "cannot install" in line]
    assert len(said) == 1 and "--requirement" in said[0]
    assert (tmp_path / "j/requirements.txt").read_text().splitlines()[-1] == found.line


def test_version_has_one_source_and_the_command_and_the_wheel_agree(tmp_path):
    from importlib.metadata import version

    pyproject = (ROOT / "pyproject.toml").read_text()
    assert re.search(r"^version\s*=", pyproject, re.MULTILINE) is None and 'dynamic = ["version"]' in pyproject
    run = trellis("--version")
    assert run.returncode == 0 and run.stdout == f"trellis {version('trellis-journal')}\n"
    assert version("trellis-journal") == __version__
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env=env,
    )
    (wheel,) = tmp_path.glob("*.whl")
    metadata = zipfile.ZipFile(wheel).read(f"trellis_journal-{__version__}.dist-info/METADATA").decode()
    assert f"\nVersion: {__version__}\n" in metadata
    (sdist,) = tmp_path.glob("*.tar.gz")
    # the changelog ships in both, as the repository has it
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert "## [Unreleased]" in changelog
    assert zipfile.ZipFile(wheel).read("trellis/CHANGELOG.md").decode() == changelog
    with tarfile.open(sdist) as archive:
        assert archive.extractfile(f"trellis_journal-{__version__}/CHANGELOG.md").read().decode() == changelog


def test_every_address_of_this_repository_is_the_one_in_pyproject():
    """One URL to set when the repository moves: the README's install command, the manual's
    pre-commit example and the schemas' links all use pyproject's Repository."""
    from trellis.commands.schemas import DOCS

    (repository,) = re.findall(r'^Repository = "([^"]+)"$', (ROOT / "pyproject.toml").read_text(), re.MULTILINE)
    readme = (ROOT / "README.md").read_text()
    assert f'pip install "trellis-journal @ git+{repository}"' in readme
    readme += "".join(page.read_text() for page in sorted((ROOT / "docs").rglob("*.md")))
    assert f"- repo: {repository}  " in (ROOT / "docs" / "guide" / "commands.md").read_text()
    assert DOCS == f"{repository}#"
    found = set(re.findall(r"https://github\.com/[\w.-]+/trellis\b", readme + DOCS))
    assert found == {repository}, found
