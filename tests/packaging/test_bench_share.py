"""bench/share.py and bench/plain.py, the benchmark's yardsticks (issue 31), still run: MkDocs'
functions they time are found, and their stages add up to the build. Run on a tiny journal;
the benchmark itself is run by hand (bench/README.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import EPOCH, ROOT

sys.path.insert(0, str(ROOT / "bench"))
from generate import Shape, generate  # noqa: E402
from plain import plain_pages_project  # noqa: E402


def _share(project, out, *audience: str) -> dict:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, str(ROOT / "bench" / "share.py"), str(project), "--json", str(out), *audience]
    run = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(out.read_text())


def test_share_splits_a_build_into_stages_and_plain_pages_build_as_many_pages(tmp_path):
    project = generate(tmp_path / "tiny", contacts=12, entries=10, shape=Shape(goals=6))
    result = _share(project, tmp_path / "public.json", "--audience", "public")
    stages = {stage: sum(v[0] for v in kinds.values()) for stage, kinds in result["stages"].items()}
    # every second of the build is counted to one stage: they add up to the build (to a millisecond)
    assert abs(sum(stages.values()) - result["wall"]) < 1e-3
    for stage in ("trellis: loading and figures", "trellis: page templates", "trellis: privacy guard"):
        assert stages.get(stage, 0) > 0, stage
    for stage in ("mkdocs: page template", "search: indexing", "mkdocs: writing pages"):
        assert stages.get(stage, 0) > 0, stage
    # 6 generated goals and the vision: a page each, all counted as goal pages
    assert result["page_kinds"]["goals"] == 7 and sum(result["page_kinds"].values()) == result["pages"]

    plain = plain_pages_project(project, tmp_path / "plain", result["pages"])
    built = _share(plain, tmp_path / "plain.json")
    assert built["pages"] == result["pages"]
    assert not any(stage.startswith("trellis") for stage in built["stages"])
