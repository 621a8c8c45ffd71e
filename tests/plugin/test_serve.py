"""`mkdocs serve`: the owner view, a half-written file, recovery, and journal/ left alone."""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import EPOCH, GOOD_GOAL

GOAL = GOOD_GOAL.lstrip().replace("supports: vision", "why: Referrals.")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, ""
    except OSError:
        return 0, ""


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_serve_survives_a_half_written_file_and_recovers(write_journal):
    project = write_journal({"index.md": "# Home\n", "goals/g.md": GOAL.replace("TITLE", "Meet five recruiters")})
    goal = project / "journal" / "goals" / "g.md"
    port = _port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("TRELLIS_AUDIENCE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert _wait_for(lambda: _get(f"{base}/progress/")[0] == 200, 90), "serve did not come up"
        assert _get(f"{base}/checks/")[0] == 200  # the owner view
        goal.write_text("---\ntitle: Meet five rec\nmeasure: {count: new-")  # saved mid-word
        assert _wait_for(lambda: "FILE-2" in _get(f"{base}/checks/")[1], 60), "the finding never showed"
        assert server.poll() is None
        goal.write_text(GOAL.replace("TITLE", "Meet seven hiring managers"))
        assert _wait_for(lambda: "Meet seven hiring managers" in _get(f"{base}/goals/g/")[1], 60)
        assert "FILE-2" not in _get(f"{base}/checks/")[1]
        before = hashlib.sha256(goal.read_bytes()).hexdigest()
        time.sleep(1)
        assert hashlib.sha256(goal.read_bytes()).hexdigest() == before
        assert sorted(p.name for p in (project / "journal").rglob("*")) == ["g.md", "goals", "index.md"]
    finally:
        server.terminate()
        try:
            _, err = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            _, err = server.communicate()
    assert "Traceback" not in err
