"""Trellis as a stranger gets it: the wheel alone, in a fresh virtual environment, starts a
journal, checks it, builds both views strictly and publishes the public one; and the
requirements.txt line `init` writes after a git-URL install installs the same commit in
another fresh environment, as the journal's CI does.

    python -m pytest tests/packaging/test_wheel_end_to_end.py                      # builds sdist, then wheel
    TRELLIS_WHEEL=dist/trellis_journal-X.Y.Z-py3-none-any.whl \\
    TRELLIS_SDIST=dist/trellis_journal-X.Y.Z.tar.gz python -m pytest tests/packaging/test_wheel_end_to_end.py

Without TRELLIS_WHEEL the test builds the sdist from this checkout and then the wheel from
the unpacked sdist (as `python -m build` and pip do), so an sdist that can't build a working
wheel fails here. TRELLIS_WHEEL tests an already-built wheel instead (the release workflow's);
the git-URL part always installs from a repository made of the sdist's files (TRELLIS_SDIST,
or one built from this checkout). Everything runs from a temporary folder, with no
PYTHONPATH and this checkout's virtual environment off PATH; the dependencies come from the
package index. Slow (two virtual environments, shared by the module's tests): marked `slow`,
and run by default.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from conftest import site_text
from trellis.distribution import LOCAL_MARK

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PRIVATE_EMAIL = "lin.private-marker@example.org"
PRIVATE_NOTE = "Zebra-quartz private note marker"


def _clean_env(venv: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of a user's shell: nothing that points Python at this checkout, no
    user git configuration, and `venv` (if any) first on PATH instead of this checkout's."""
    drop = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "SOURCE_DATE_EPOCH", "PIP_REQUIRE_VIRTUALENV")
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("TRELLIS_")}
    ours = Path(sys.prefix).resolve()
    path = [p for p in env.get("PATH", "").split(os.pathsep) if p and not Path(p).resolve().is_relative_to(ours)]
    if venv is not None:
        path.insert(0, str(venv / "bin"))
    env.update(
        PATH=os.pathsep.join(path),
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Ada",
        GIT_AUTHOR_EMAIL="ada@example.com",
        GIT_COMMITTER_NAME="Ada",
        GIT_COMMITTER_EMAIL="ada@example.com",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        NO_MKDOCS_2_WARNING="1",
        **extra,
    )
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str], ok: bool = True) -> subprocess.CompletedProcess:
    run = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if ok:
        assert run.returncode == 0, f"{' '.join(args)}\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    return run


def _git(cwd: Path, *args: str) -> str:
    return _run(["git", *args], cwd, _clean_env()).stdout


class Venv:
    def __init__(self, folder: Path, work: Path):
        self.folder, self.work = folder, work
        _run([sys.executable, "-m", "venv", str(folder)], work, _clean_env())
        # the pip a venv bundles may be older than a user's (setup-python brings a current one):
        # Python 3.11's, pip 23.2, refuses 'name @ git+file:///...' as "looks like a path"
        self.pip("--upgrade", "pip")

    def run(self, *args: str, cwd: Path | None = None, ok: bool = True, **env: str) -> subprocess.CompletedProcess:
        command = [str(self.folder / "bin" / args[0]), *args[1:]]
        return _run(command, cwd or self.work, _clean_env(self.folder, **env), ok=ok)

    def pip(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        return self.run("python", "-m", "pip", "install", "--quiet", *args, cwd=cwd)


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """A folder outside this checkout, where every command of this module runs."""
    folder = tmp_path_factory.mktemp("stranger")
    assert not folder.resolve().is_relative_to(ROOT)
    return folder


@pytest.fixture(scope="module")
def sdist_tree(work) -> Path:
    """The sdist (TRELLIS_SDIST, or built from this checkout), unpacked."""
    given = os.environ.get("TRELLIS_SDIST")
    if given:
        sdist = Path(given).resolve()
    else:
        out = work / "sdist"
        _run([sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(out)], ROOT, _clean_env())
        (sdist,) = out.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(work / "unpacked", filter="data") if hasattr(tarfile, "data_filter") else archive.extractall(
            work / "unpacked"
        )  # noqa: S202 (our own sdist)
    (tree,) = (work / "unpacked").iterdir()
    return tree


@pytest.fixture(scope="module")
def wheel(work, sdist_tree) -> Path:
    """TRELLIS_WHEEL, or the wheel built from the unpacked sdist alone."""
    given = os.environ.get("TRELLIS_WHEEL")
    if given:
        return Path(given).resolve()
    out = work / "wheel"
    _run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)], sdist_tree, _clean_env())
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def venv(work, wheel) -> Venv:
    """A fresh virtual environment with the wheel installed (its dependencies from the index)."""
    env = Venv(work / "venv", work)
    env.pip(str(wheel))
    return env


def _wheel_version(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA")]
        metadata = archive.read(name).decode()
    return next(line.split(": ", 1)[1] for line in metadata.splitlines() if line.startswith("Version: "))


def test_the_wheel_runs_from_the_virtual_environment_alone(venv, wheel):
    where = venv.run("python", "-c", "import trellis, trellis.plugin; print(trellis.__file__)").stdout.strip()
    assert Path(where).resolve().is_relative_to(venv.folder.resolve()), where
    installed = venv.run("python", "-c", "import importlib.metadata as m; print(m.version('trellis-journal'))")
    version = _wheel_version(wheel)
    assert installed.stdout.strip() == version
    assert venv.run("trellis", "--version").stdout == f"trellis {version}\n"
    # what ships beside the code: the page templates, the schemas, the changelog
    files = venv.run(
        "python",
        "-c",
        "import trellis, pathlib; p = pathlib.Path(trellis.__file__).parent; "
        "print((p / 'CHANGELOG.md').is_file(), (p / 'templates/project/mkdocs.yml').is_file(), "
        "(p / 'schema/goal.json').is_file())",
    ).stdout
    assert files.split() == ["True", "True", "True"]


def test_init_check_strict_builds_and_publish_from_the_wheel(venv, work):
    bare = work / "public.git"
    _git(work, "init", "--quiet", "--bare", str(bare))
    project = work / "my-journal"
    run = venv.run(
        "trellis",
        "init",
        str(project),
        "--name",
        "Ada Example",
        "--site-url",
        "https://ada.example/",
        "--public-repo",
        str(bare),
    )
    assert "cannot install" in run.stdout  # a wheel file on this machine: the journal's CI can't fetch it
    assert (project / "requirements.txt").read_text().splitlines()[-1].startswith(LOCAL_MARK)
    # two people met today (one would make init's five-a-week goal look out of reach), kept private
    today = dt.date.today().isoformat()
    for slug, name, email in (("lin-park", "Lin Park", PRIVATE_EMAIL), ("sam-okafor", "Sam Okafor", "sam@example.org")):
        (project / f"journal/contacts/{slug}.md").write_text(
            f"---\nname: {name}\nrole: Engineer\nemail: {email}\nmet: {today}\nwant: advice\n---\n{PRIVATE_NOTE}.\n"
        )
    _git(project, "init", "--quiet", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "--quiet", "-m", "start the journal")

    venv.run("trellis", "check", "--strict", cwd=project)
    venv.run(
        "mkdocs", "build", "--strict", "--site-dir", str(work / "public-site"), cwd=project, TRELLIS_AUDIENCE="public"
    )
    venv.run(
        "mkdocs", "build", "--strict", "--site-dir", str(work / "owner-site"), cwd=project, TRELLIS_AUDIENCE="owner"
    )
    owner, public = site_text(work / "owner-site"), site_text(work / "public-site")
    assert PRIVATE_EMAIL in owner and PRIVATE_EMAIL not in public and "Lin Park" not in public

    venv.run("trellis", "publish", "--to", str(bare), cwd=project)
    published = _git(bare, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert "index.html" in published and ".nojekyll" in published
    # no file of the project under its own name or under its name in the journal folder
    sources = [p for p in project.rglob("*") if p.is_file() and ".git" not in p.relative_to(project).parts]
    names = {p.relative_to(project).as_posix() for p in sources}
    names |= {p.relative_to(project / "journal").as_posix() for p in sources if p.is_relative_to(project / "journal")}
    assert not names & set(published), names & set(published)
    assert not [name for name in published if name.endswith((".md", ".yml", ".txt"))]
    grep = _run(
        ["git", "grep", "-I", "-i", "-e", PRIVATE_EMAIL, "-e", "lin park", "gh-pages"], bare, _clean_env(), ok=False
    )
    assert grep.returncode == 1 and grep.stdout == "", grep.stdout  # 1: nothing found


def test_requirements_after_a_git_url_install_install_that_commit_elsewhere(venv, work, sdist_tree):
    """Runs last: it replaces the wheel in the module's environment with a git-URL install."""
    repo = work / "trellis-repo"
    shutil.copytree(sdist_tree, repo)
    _git(repo, "init", "--quiet", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "--quiet", "-m", "Trellis, as released in the sdist")
    commit = _git(repo, "rev-parse", "HEAD").strip()
    url = repo.resolve().as_uri()
    # installed from the branch: the line must name the commit pip checked out, not the branch
    venv.pip("--force-reinstall", "--no-deps", f"trellis-journal @ git+{url}@main")
    _git(repo, "commit", "--quiet", "--allow-empty", "-m", "later work on main")

    project = work / "journal-from-git"
    run = venv.run("trellis", "init", str(project))
    line = (project / "requirements.txt").read_text().splitlines()[-1]
    assert line == f"trellis-journal @ git+{url}@{commit}"
    assert "on this machine" in run.stdout  # a file:// URL: the journal's CI could not reach it

    ci = Venv(work / "ci-venv", work)  # the journal's CI: a fresh environment and requirements.txt
    ci.pip("-r", "requirements.txt", cwd=project)
    record = ci.run(
        "python",
        "-c",
        "import importlib.metadata as m; print(m.distribution('trellis-journal').read_text('direct_url.json'))",
    ).stdout
    assert json.loads(record)["vcs_info"]["commit_id"] == commit
    where = ci.run("python", "-c", "import trellis; print(trellis.__file__)").stdout.strip()
    assert Path(where).resolve().is_relative_to(ci.folder.resolve())
    ci.run("trellis", "check", cwd=project)
