"""Issue 31's figures on the held-out shape: each view against plain material, Trellis' share,
and what one more goal page costs. Run by hand: `python bench/run.py --shape heldout [--quick]`
(or this file, with the same options).

For the held-out journal (generate.py HELDOUT: 1,200 contacts, 1,650 entries, 150 goals,
companies of about 60, a fifth of the entries public) and the same journal with 10 goals
(the same contacts and entries), in each view:

  Trellis    a build in a fresh process (bench/share.py: `mkdocs build`'s steps in one
             process, each stage timed), wall and CPU seconds of the whole process (start-up
             and imports included, as a user waits for them), and its pages
  plain      MkDocs and material building as many plain pages (bench/plain.py: same theme,
             search on, pages outside the nav), the same way
  share      Trellis' share of the build: the time under the Trellis plugin's events, that
             is the build minus MkDocs' and material's own work (share.py says how)
  margin     one more goal page: (build with 150 goals - build with 10) / the pages between
             them, against one more plain page: (plain with as many pages as the 150-goal
             build - plain with as many as the 10-goal one) / the same number of pages,
             inside the build (start-up and imports are the same in both): CPU of every process
             of the build (the guard's worker included) and wall; the extra goal pages' time
             by stage; and a goal page's own stages, measured in the 150-goal build

Every build runs --repeat times, the builds taking turns so that each meets the same moments
of a shared machine: in each round a view's 150- and 10-goal builds run one after the other,
then the two plain builds. A build's figure is the best (least) of its runs, CPU and wall
each; a margin is the median of the rounds' differences. The machine's load average is
printed before and after: where it is high, read CPU seconds. A margin is the difference of
two builds of about 10 s: on a shared machine, read it with its runs' spread in mind.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import HELDOUT, generate  # noqa: E402
from plain import plain_pages_project  # noqa: E402
from share import totals, trellis_share  # noqa: E402

EPOCH = "1795392000"  # 2026-11-23, the generator's "today"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV.update({"SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"})
VIEWS = ("public", "owner")


def run_share(project: Path, audience: str | None, out: Path) -> dict:
    """One build in a fresh process: its ledger, and the whole process's wall and CPU seconds."""
    cmd = [sys.executable, str(HERE / "share.py"), str(project), "--json", str(out)]
    if audience:
        cmd += ["--audience", audience]
    start = time.perf_counter()
    child = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    errors = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{errors[-2000:]}")
    result = json.loads(out.read_text())
    result["process_wall"], result["process_cpu"] = wall, usage.ru_utime + usage.ru_stime
    return result


class Runs:
    """A build's runs: the least wall and CPU of the whole process, the ledger of its least-CPU run."""

    def __init__(self) -> None:
        self.results: list[dict] = []

    def add(self, result: dict) -> None:
        self.results.append(result)

    @property
    def wall(self) -> float:
        return min(r["process_wall"] for r in self.results)

    @property
    def cpu(self) -> float:
        return min(r["process_cpu"] for r in self.results)

    @property
    def ledger(self) -> dict:
        return min(self.results, key=lambda r: r["process_cpu"])

    @property
    def pages(self) -> int:
        return self.results[0]["pages"]


def load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def measure(work: Path, repeat: int) -> dict[str, Runs]:
    """Every build `repeat` times; in each round, a view's 150- and 10-goal builds run one after
    the other, then the two plain builds, so each pair meets the same moment of the machine."""
    shape = HELDOUT["shape"]
    journals = {
        "150": generate(work / "goals150", HELDOUT["contacts"], HELDOUT["entries"], shape=shape),
        "10": generate(work / "goals10", HELDOUT["contacts"], HELDOUT["entries"], shape=replace(shape, goals=10)),
    }
    runs: dict[str, Runs] = {}
    plains: dict[str, Path] = {}
    out = work / "result.json"
    for _ in range(repeat):
        for view in VIEWS:
            for name, project in journals.items():
                runs.setdefault(f"{view} {name}", Runs()).add(run_share(project, view, out))
            for name in journals:
                key = f"{view} {name}"
                if key not in plains:  # as many pages as Trellis' build of that view made
                    plains[key] = plain_pages_project(journals["150"], work / f"plain-{view}-{name}", runs[key].pages)
                runs.setdefault(f"plain {key}", Runs()).add(run_share(plains[key], None, out))
    return runs


def _stage_cpu(ledger: dict) -> dict[str, float]:
    return {stage: v[1] for stage, v in totals(ledger).items()}


def margin(many: Runs, few: Runs) -> tuple[float, float, tuple[dict, dict]]:
    """Seconds of one more page, CPU (of every process of the build: the guard's worker reads a
    public build's pages on the other core) and wall inside the build, the median of the rounds'
    differences (each round's two builds ran one after the other); the median round's ledgers."""
    extra = many.pages - few.pages
    rounds = sorted(
        zip(many.results, few.results, strict=True), key=lambda pair: pair[0]["process_cpu"] - pair[1]["process_cpu"]
    )
    walls = sorted(a["wall"] - b["wall"] for a, b in rounds)
    middle = rounds[len(rounds) // 2]
    return (middle[0]["process_cpu"] - middle[1]["process_cpu"]) / extra, walls[len(walls) // 2] / extra, middle


def report(runs: dict[str, Runs]) -> str:
    lines = [
        "builds: the whole process (`mkdocs build`, start-up included), best of the runs; Trellis' share:",
        "CPU under its events, inside the build (bench/share.py)",
        f"{'build':<20} {'pages':>6} {'wall s':>7} {'CPU s':>6} {'ms/page':>8} "
        f"{'plain wall':>10} {'plain CPU':>9} {'x plain':>8} {'share CPU':>10} {'share':>6}",
    ]
    for view in VIEWS:
        for name in ("150", "10"):
            b, p = runs[f"{view} {name}"], runs[f"plain {view} {name}"]
            share = trellis_share(b.ledger)[1]
            lines.append(
                f"{view + ', ' + name + ' goals':<20} {b.pages:>6} {b.wall:>7.2f} {b.cpu:>6.2f} "
                f"{b.cpu / b.pages * 1000:>8.1f} {p.wall:>10.2f} {p.cpu:>9.2f} {b.cpu / p.cpu:>7.2f}x "
                f"{share:>10.2f} {share / b.ledger['cpu']:>6.0%}"
            )
    lines.append("")
    lines.append("where the 150-goal builds' time goes, in-build CPU s (share of the build), its least-CPU run:")
    for view in VIEWS:
        ledger = runs[f"{view} 150"].ledger
        spent = sorted(_stage_cpu(ledger).items(), key=lambda kv: -kv[1])
        shown = ", ".join(f"{s} {c:.2f} ({c / ledger['cpu']:.0%})" for s, c in spent if c >= 0.005)
        lines.append(f"  {view} ({ledger['cpu']:.2f} s): {shown}")
    lines.append("")
    lines.append("one more goal page (150 goals against 10) and one more plain page, ms inside the build,")
    lines.append("the median of the rounds' differences, CPU of all the build's processes (wall inside the build):")
    for view in VIEWS:
        many, few = runs[f"{view} 150"], runs[f"{view} 10"]
        goal, goal_wall, (a, b) = margin(many, few)
        plain, plain_wall, _ = margin(runs[f"plain {view} 150"], runs[f"plain {view} 10"])
        lines.append(
            f"  {view}: {many.pages - few.pages} more pages; a goal page {goal * 1000:.1f} ms ({goal_wall * 1000:.1f}), "
            f"a plain page {plain * 1000:.1f} ms ({plain_wall * 1000:.1f}): {goal / plain:.2f}x CPU, "
            f"{goal_wall / plain_wall:.2f}x wall"
        )
        sa, sb = _stage_cpu(a), _stage_cpu(b)
        extra = many.pages - few.pages
        parts = {s: (sa.get(s, 0.0) - sb.get(s, 0.0)) / extra * 1000 for s in set(sa) | set(sb)}
        shown = ", ".join(f"{s} {ms:.1f}" for s, ms in sorted(parts.items(), key=lambda kv: -kv[1]) if abs(ms) >= 0.05)
        lines.append(f"    by stage, CPU ms: {shown}")
        lines.append(f"    a goal page's own stages in the 150-goal build, CPU ms: {_per_page(many.ledger, 'goals')}")
        plain_page = _per_page(runs[f"plain {view} 150"].ledger, "pages")
        lines.append(f"    a plain page's own stages in its build of as many pages, CPU ms: {plain_page}")
    return "\n".join(lines)


def _per_page(ledger: dict, kind: str) -> str:
    count = ledger["page_kinds"].get(kind, 0)
    if not count:
        return "-"
    parts = {s: k[kind][1] / count * 1000 for s, k in ledger["stages"].items() if kind in k}
    shown = ", ".join(f"{s} {ms:.1f}" for s, ms in sorted(parts.items(), key=lambda kv: -kv[1]) if ms >= 0.05)
    return f"{sum(parts.values()):.1f} ({shown})"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one run of each build (about 2 minutes)")
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else args.repeat
    print(f"held-out shape (issue 31), {repeat} run(s) of each build; load average before: {load()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="trellis-heldout-") as work:
        runs = measure(Path(work), repeat)
    if args.json:
        args.json.write_text(json.dumps({key: r.results for key, r in runs.items()}))
    print(report(runs))
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
