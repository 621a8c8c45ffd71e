"""What every test shares (this file applies to every folder under tests/): the pinned date, the
hand-written journal and project writers, one `trellis` runner, one `mkdocs build` and one `mkdocs
serve` helper, the example journal's sites built once a session, and the `build` marker. The
hand-made journals several test files share are in tests/journals.py.

Tests are filed by what they protect, in folders that mirror the package: loading, rules, metrics,
privacy, site (pages, charts, engines, the browser), plugin (serve), commands, interchange
(import, export, calendar) and packaging. `python -m pytest -m "not build"` is the quick loop."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 23)
# a goal that keeps every SMART rule (it supports a vision goal the test journal may lack)
GOOD_GOAL = """
---
title: TITLE
supports: vision
measure: {count: new-contacts}
target: 5
per: week
start: 2026-11-01
due: 2026-12-31
actions: [Go to the JS meetup]
---
"""
EPOCH = str(int(dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc).timestamp()))


@pytest.fixture
def pinned_today(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return TODAY


@pytest.fixture
def write_journal(tmp_path):
    """Write files under tmp_path/journal (keys like "goals/x.md") and a mkdocs.yml; returns the project."""

    def write(files: dict[str, str]) -> Path:
        for rel, text in files.items():
            path = tmp_path / "journal" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
        return tmp_path

    return write


def write_project(root: Path, files: dict[str, str | bytes], config: str | None, *, folder: str = "journal") -> Path:
    """A project at root: `files` under root/folder (text dedented, bytes as they are) and
    mkdocs.yml from `config` (dedented); returns root."""
    for rel, content in files.items():
        path = root / folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    if config is not None:  # None: files alone
        (root / "mkdocs.yml").write_text(textwrap.dedent(config).lstrip("\n"), encoding="utf-8")
    return root


def site_text(site: Path) -> str:
    """Every output file and file name of a built site as one text: gzip decompressed, and each
    file both as written and with HTML entities unescaped (every form a marker can take)."""
    import gzip
    import html

    parts = []
    for path in sorted(site.rglob("*")):
        parts.append(path.relative_to(site).as_posix())
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            text = data.decode("utf-8", errors="replace")
            parts += [text, html.unescape(text)]
    return "\n".join(parts)


def git(project: Path, *args: str, day: str | None = None) -> subprocess.CompletedProcess:
    """git in `project`, with no user configuration, a fixed identity and, given `day`, that date."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if day:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T12:00:00+0000"
    return subprocess.run(
        [shutil.which("git") or "git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder (a built site), by its path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(project: Path, audience: str, *extra: str, site: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", "TRELLIS_AUDIENCE": audience}
    site = site or project / f"site-{audience}"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site), *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def mkdocs_build(project: Path, site: Path, env: dict) -> subprocess.CompletedProcess:
    """`mkdocs build` with the audience left to the build (public) and `env` added (e.g.
    TRELLIS_REPOSITORY_VISIBILITY): the public-repository tests' build."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def trellis(
    *args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 300, **more_env: str
) -> subprocess.CompletedProcess:
    """`trellis ARGS` in a new process (this interpreter, `python -m trellis.cli`), at the tests' pinned
    date, its output captured as text; `env` and keyword arguments add to (or override) the environment."""
    full = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", **(env or {}), **more_env}
    return subprocess.run(
        [sys.executable, "-m", "trellis.cli", *args], cwd=cwd, env=full, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Callable[[str], Path]:
    """The example journal's site in an audience ("public", "owner"), built once per test session (per
    xdist worker) at the pinned date, for the tests that only read it: never write into it."""
    built: dict[str, Path] = {}

    def site(audience: str) -> Path:
        if audience not in built:
            out = tmp_path_factory.mktemp(f"example-{audience}")
            run = build(ROOT, audience, site=out)
            assert run.returncode == 0, run.stderr[-2000:]
            built[audience] = out
        return built[audience]

    return site


def serve_rebuilds(project: Path, site: Path) -> Callable[[], Any]:
    """A build a call, in this process, as `mkdocs serve` rebuilds: the plugins started once for
    serve, then each call loads the configuration and builds into `site`, with the memos kept across
    rebuilds; each call returns that build's Trellis plugin."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    started: list[bool] = []

    def rebuild() -> Any:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        if not started:
            config.plugins.on_startup(command="serve", dirty=False)
            started.append(True)
        mkdocs_build(config)
        return config.plugins["trellis"]

    return rebuild


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now (the system's choice, so parallel tests do not collide)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url: str) -> tuple[int, str]:
    """The status and text of a GET (0 and "" while nothing answers)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, ""
    except OSError:
        return 0, ""


def wait_for(predicate: Callable[[], bool], seconds: float) -> bool:
    """Whether `predicate` came true within `seconds` (asked every half second)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def serve(project: Path, port: int, *, env: dict | None = None, stderr=subprocess.PIPE) -> subprocess.Popen:
    """`mkdocs serve` of a project on 127.0.0.1:port, in the owner view (TRELLIS_AUDIENCE unset) at the
    pinned date; `env` adds to the environment. Stop it with stop_serving."""
    full = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    full.pop("TRELLIS_AUDIENCE", None)
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        env=full,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        text=True,
    )


def stop_serving(server: subprocess.Popen) -> str:
    """Stop a server `serve` (or a test) started and return what it wrote on standard error."""
    server.terminate()
    try:
        _, err = server.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        _, err = server.communicate()
    return err or ""


# --- the `build` marker: tests that run a build, a server or a command in another process ---------
# Applied here, from what each test's code reaches (its own code, the helpers of tests/ it calls, its
# fixtures), so that no test is marked by hand and a new one is marked as soon as it builds:
# `python -m pytest -m "not build"` is the quick loop (the loader, the rules, the figures, the
# privacy matchers, the commands run in this process); `python -m pytest` runs everything.

TESTS = Path(__file__).resolve().parent
# a subprocess (mkdocs build/serve, trellis, git, pip, npm...) or MkDocs run in this process
_BUILDING_NAMES = frozenset({"subprocess", "Popen", "mkdocs.commands.build", "mkdocs.commands.serve"})


def _in_tests(obj: object) -> bool:
    code = getattr(obj, "__code__", None)
    return code is not None and Path(code.co_filename).resolve().is_relative_to(TESTS)


def _builds(func: object, seen: set[int]) -> bool:
    """Whether `func` (a function written in tests/) or anything of tests/ it calls starts a
    process or runs MkDocs."""
    if id(func) in seen or not _in_tests(func):
        return False
    seen.add(id(func))
    codes = [func.__code__]
    names: set[str] = set()
    while codes:  # the function and the functions, lambdas and comprehensions inside it
        code = codes.pop()
        names.update(code.co_names)
        codes.extend(c for c in code.co_consts if isinstance(c, type(code)))
    if names & _BUILDING_NAMES:
        return True
    module_globals = getattr(func, "__globals__", {})
    for name in names:
        called = module_globals.get(name)
        if isinstance(called, type):  # a helper class of tests/: its methods
            if any(_builds(m, seen) for m in vars(called).values() if callable(m)):
                return True
        elif callable(called) and _builds(called, seen):
            return True
    return False


def pytest_collection_modifyitems(config, items):
    for item in items:
        seen: set[int] = set()
        fixtures = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
        funcs = [getattr(item, "function", None)] + [defs[-1].func for defs in fixtures.values() if defs]
        if any(_builds(f, seen) for f in funcs if f is not None):
            item.add_marker(pytest.mark.build)
