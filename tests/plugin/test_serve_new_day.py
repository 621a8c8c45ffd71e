"""`mkdocs serve` left open overnight: the next day's dashboard is the next day's (issue 27).

Found by the attack session: the issue's user kept `mkdocs serve` open for two weeks. MkDocs
rebuilds only when a file changes, so on the morning after, with nothing saved yet, the Today
page still said "What to do on Monday" on Tuesday, with Monday's follow-ups "due today" and
Tuesday's not yet due. The clock is the test's: a `sitecustomize` the served process loads
reads "today" from a file, and checks the day every second instead of every minute.
"""

from __future__ import annotations

import os
import textwrap

from conftest import free_port, http_get, serve, stop_serving, wait_for
from journals import BARE

CLOCK = """
import datetime as dt
import os
import pathlib

import trellis.clock
import trellis.plugin.serve_day

_day = pathlib.Path(os.environ["TRELLIS_TEST_DAY_FILE"])
trellis.clock.today = lambda environ=os.environ: dt.date.fromisoformat(_day.read_text().strip())
trellis.plugin.serve_day.POLL_SECONDS = 1.0
"""


def test_the_dashboard_turns_to_the_new_day_without_a_save(write_journal, tmp_path):
    project = write_journal(
        {
            **BARE,
            "contacts/ann.md": "---\nname: Ann Alpha\nmet: 2026-10-01\n---\n",
            "entries/2026/2026-11-20.md": "---\ninteractions:\n"
            "  - {with: ann, channel: call, direction: outbound, follow_up: 2026-11-24}\n---\n",
        }
    )
    clock = tmp_path / "clock"
    clock.mkdir()
    (clock / "sitecustomize.py").write_text(textwrap.dedent(CLOCK), encoding="utf-8")
    day = clock / "today"
    day.write_text("2026-11-23")
    env = {
        "PYTHONPATH": os.pathsep.join([str(clock), os.environ.get("PYTHONPATH", "")]),
        "TRELLIS_TEST_DAY_FILE": str(day),
    }
    port = free_port()
    server = serve(project, port, env=env)
    home = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "What to do on Monday, 2026-11-23" in http_get(home)[1], 90), "serve did not come up"
        assert "0 follow-ups overdue, 0 due today" in http_get(home)[1]
        day.write_text("2026-11-24")  # midnight: nothing in the journal changes
        assert wait_for(lambda: "What to do on Tuesday, 2026-11-24" in http_get(home)[1], 30), "still yesterday"
        assert "0 follow-ups overdue, 1 due today" in http_get(home)[1]
        assert server.poll() is None
    finally:
        err = stop_serving(server)
    assert "Traceback" not in err, err[-3000:]
