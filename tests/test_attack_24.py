"""Issue 24 attacked: values and targets nobody listed, each a break found and fixed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import EPOCH


def trellis(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    full = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run([sys.executable, "-m", "trellis.cli", *args], cwd=cwd, env=full,
                          capture_output=True, text=True, timeout=300)


# --- init --public-repo: the value lands in the workflow's env, where GitHub evaluates ${{ }} ---------

@pytest.mark.parametrize("value", [
    "${{ github.event.head_commit.message }}",  # a commit message would choose where the site goes
    "git@github.com:ada/${{ secrets.PAGES_DEPLOY_KEY }}.git",  # a secret into the log and the push URL
    "'${{ github.token }}'",
    "$(touch pwned)",
    "ada/ada.github.io",  # no host: not an address git pushes to
    "-oProxyCommand=touch pwned",
])
def test_init_refuses_a_public_repo_that_is_no_git_address(tmp_path, value):
    run = trellis("init", str(tmp_path / "p"), "--public-repo", value)
    assert run.returncode != 0
    assert "--public-repo" in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert not (tmp_path / "p" / ".github").exists(), "nothing written"


@pytest.mark.parametrize("value", ["git@github.com:ada/ada.github.io.git", "https://github.com/ada/ada.github.io.git",
                                   "ssh://git@github.com/ada/ada.github.io.git", "github-pages:ada/site.git"])
def test_init_writes_a_git_address_into_the_workflow_as_given(tmp_path, value):
    run = trellis("init", str(tmp_path / "p"), "--public-repo", value)
    assert run.returncode == 0, run.stderr
    workflow = yaml.safe_load((tmp_path / "p/.github/workflows/publish.yml").read_text())
    assert workflow["env"]["PUBLIC_REPO"] == value
