"""`mkdocs serve`: the owner view, a half-written file, recovery, and journal/ left alone."""

from __future__ import annotations

import hashlib
import time

from conftest import GOOD_GOAL, free_port, http_get, serve, stop_serving, wait_for

GOAL = GOOD_GOAL.lstrip().replace("supports: vision", "why: Referrals.")


def test_serve_survives_a_half_written_file_and_recovers(write_journal):
    project = write_journal({"index.md": "# Home\n", "goals/g.md": GOAL.replace("TITLE", "Meet five recruiters")})
    goal = project / "journal" / "goals" / "g.md"
    port = free_port()
    server = serve(project, port)
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: http_get(f"{base}/progress/")[0] == 200, 90), "serve did not come up"
        assert http_get(f"{base}/checks/")[0] == 200  # the owner view
        goal.write_text("---\ntitle: Meet five rec\nmeasure: {count: new-")  # saved mid-word
        assert wait_for(lambda: "FILE-2" in http_get(f"{base}/checks/")[1], 60), "the finding never showed"
        assert server.poll() is None
        goal.write_text(GOAL.replace("TITLE", "Meet seven hiring managers"))
        assert wait_for(lambda: "Meet seven hiring managers" in http_get(f"{base}/goals/g/")[1], 60)
        assert "FILE-2" not in http_get(f"{base}/checks/")[1]
        before = hashlib.sha256(goal.read_bytes()).hexdigest()
        time.sleep(1)
        assert hashlib.sha256(goal.read_bytes()).hexdigest() == before
        assert sorted(p.name for p in (project / "journal").rglob("*")) == ["g.md", "goals", "index.md"]
    finally:
        err = stop_serving(server)
    assert "Traceback" not in err
