"""Trellis' benchmark: prints the figures issue 7 asks for, side by side, in one run.

    python bench/run.py                      # 1,000, 3,000 and 6,000 files
    python bench/run.py --sizes 1000 3000 --no-material --no-serve
    python bench/run.py --shape heldout [--quick]   # issue 31's figures only (bench/heldout.py)

For each size (half contacts, half entries, from bench/generate.py, seeded):
  check      `trellis check` wall time and CPU time (all its processes), and a bare C-loader
             parse of the same frontmatter (also a fresh process), with the ratio of wall times
  public     `mkdocs build` of the public view, with Trellis
  owner      `mkdocs build` of the owner view, with Trellis
  plain      MkDocs and material building as many plain pages as the public build made, then
             as the owner build made (bench/plain.py: same theme, search on, the pages outside
             the nav), without Trellis: what any site of that many pages costs
  material   the same markdown built as ordinary pages by mkdocs-material, without Trellis,
             every file in the nav (only up to --material-max files: it grows faster than linearly)
  blog       material's blog plugin with the entries as posts (same limit)
  serve      under `mkdocs serve`, from saving one entry to the changed month page being
             served (best of three saves); mkdocs serve writes its site into a temporary folder
  serve RAM  the same with that folder in memory (TMPDIR=/dev/shm, as where /tmp is a tmpfs):
             MkDocs empties and rewrites the whole site at every save, and on a slow disk
             that, not Trellis, is most of the time
  peak MB    the largest resident memory of the builds above
  network KB the owner's network page (the map inline), uncompressed
  layout s   the map's layout and its communities, in this process
Times are the best of --repeat runs. Nothing here is a test: run it by hand.

Then the shapes of issue 18 (--no-shapes leaves them out), each row check, bare parse, public
and owner build, peak MB, and its ratio to the row it doubles:
  heavy      five years of a heavy user (bench/generate.py HEAVY: 2,000 contacts, 1,800
             entries of one to three people, 300 goals most closed, companies of 50, 40
             dream companies), with the serve time of saving one entry
  x2 NAME    the heavy journal with one dimension doubled (files, goals, people per
             interaction, company size, years, dream companies, public share)
  goals      3,000 files with 10 goals, then with 160: what 150 more goals add
  6000/300   6,000 files with 300 goals: check against a bare parse
  linkedin   a LinkedIn-like import (no entries, companies of very unequal size) of 500
             and of 4,500 people, owner build
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dataclasses import replace  # noqa: E402

import heldout  # noqa: E402
from generate import HEAVY, Shape, generate  # noqa: E402
from plain import plain_pages_project  # noqa: E402

BARE_PARSE = r"""
import sys, yaml
from pathlib import Path
for p in sorted(Path(sys.argv[1]).rglob("*.md")):
    text = p.read_text(encoding="utf-8")
    if text.startswith("---"):
        yaml.load(text[3:text.find("\n---", 3)], Loader=yaml.CSafeLoader)
"""
EPOCH = "1795392000"  # 2026-11-23, the generator's "today"
# compiled bytecode kept, as on a user's machine (some sandboxes set PYTHONDONTWRITEBYTECODE,
# which makes every fresh process compile every module it imports)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV.update({"SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"})


def timed(cmd: list[str], env: dict | None = None, timeout: float = 1800) -> tuple[float, float]:
    """(wall seconds, peak MB of this child) of one run; raises on failure.

    The peak is this child's own (os.wait4): RUSAGE_CHILDREN's maxrss is the largest of every
    child so far, so a big journal's figure stuck to every row after it."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(cmd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=errors)
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        _, status, usage = os.wait4(child.pid, 0)
        timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        if child.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{errors.read().decode(errors='replace')[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def check_against_bare(project: Path, repeat: int) -> tuple[float, float, float]:
    """(check wall s, check CPU s, bare parse wall s), best of `repeat` each. The two commands
    take turns, so both meet the same moments of a noisy machine. CPU time is the sum over
    processes: `trellis check` shares a big journal between cores, and its wall time is what
    a pre-commit hook waits for."""
    check = [sys.executable, "-m", "trellis.cli", "check", str(project)]
    bare = [sys.executable, "-c", BARE_PARSE, str(project / "journal")]
    walls, cpus, bares = [], [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        walls.append(timed(check)[0])
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        bares.append(timed(bare)[0])
    return min(walls), min(cpus), min(bares)


def best(cmd: list[str], repeat: int, env: dict | None = None, timeout: float = 1800) -> tuple[float, float]:
    runs = [timed(cmd, env, timeout) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def plain_material_project(project: Path, out: Path, blog: bool) -> Path:
    """The same markdown as ordinary pages (or entries as blog posts), built without Trellis."""
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    shutil.copytree(project / "journal", docs)
    plugins = "  - search\n"
    if blog:
        posts = docs / "blog" / "posts"
        posts.mkdir(parents=True)
        (docs / "blog" / "index.md").write_text("# Blog\n")
        for n, entry in enumerate(sorted((docs / "entries").rglob("*.md"))):
            text = entry.read_text()
            date = re.search(r"date: (\S+)", text).group(1)
            body = text.split("\n---\n", 1)[1]
            (posts / f"{n}.md").write_text(f"---\ndate: {date}\n---\n# Entry {n}\n\n{body}")
        shutil.rmtree(docs / "entries")
        plugins += "  - blog\n"
    (out / "mkdocs.yml").write_text(
        f"site_name: plain\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\nplugins:\n{plugins}"
    )
    return out


def layout_seconds(project: Path) -> float:
    """The map's layout alone (communities included, as a build computes them), best of three."""
    import datetime as dt

    from trellis.metrics import network
    from trellis.pipeline import analyse

    figures = analyse(project / "journal", today=dt.date(2026, 11, 23)).figures
    graph = figures.graph
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        network.layout(graph, clusters=network.communities(graph))
        runs.append(time.perf_counter() - start)
    return min(runs)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_reload(project: Path, tmpdir: str | None = None) -> float:
    """Seconds from saving an entry to its month page served with the change (best of three)."""
    port = free_port()
    env = {**ENV, "TRELLIS_AUDIENCE": "owner", **({"TMPDIR": tmpdir} if tmpdir else {})}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        entry = sorted((project / "journal" / "entries").rglob("*.md"))[-1]
        month = re.search(r"(\d{4}-\d{2})-\d{2}", entry.name).group(1)
        url = f"http://127.0.0.1:{port}/journal/{month}/"

        def page() -> str:
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    return r.read().decode()
            except OSError:
                return ""

        deadline = time.time() + 600
        while "trellis" not in page().lower():
            if time.time() > deadline or server.poll() is not None:
                raise RuntimeError("mkdocs serve did not start")
            time.sleep(0.2)
        original = entry.read_text()
        times = []
        for n in range(3):
            marker = f"benchmark-edit-{n}-{time.time_ns()}"
            start = time.perf_counter()
            entry.write_text(original.replace("A day of networking", f"{marker} A day of networking"))
            while marker not in page():
                if time.perf_counter() - start > 300:
                    raise RuntimeError("the change never appeared")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
        entry.write_text(original)
        return min(times)
    finally:
        server.terminate()
        server.wait(timeout=30)


def shape_row(project: Path, repeat: int, serve: bool = False) -> dict:
    """check, bare parse, public and owner build (and serve) of one journal, printed as one row."""
    check, _, bare = check_against_bare(project, repeat)
    site = project.parent / f"site-{project.name}"
    row = {"check": check, "bare": bare}
    peak = 0.0
    for audience in ("public", "owner"):
        cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
        row[audience], mb = best(cmd, repeat, {**ENV, "TRELLIS_AUDIENCE": audience})
        peak = max(peak, mb)
    row["peak"] = peak
    row["serve"] = serve_reload(project) if serve else float("nan")
    shutil.rmtree(site, ignore_errors=True)
    return row


def print_shape(name: str, row: dict, base: dict | None = None) -> None:
    def ratio(key: str) -> str:
        return f"{row[key] / base[key]:.2f}x" if base and key in base and key in row else "-"

    cells = [
        f"{name:<22}",
        f"{row['check']:>7.2f}",
        f"{row['bare']:>7.2f}",
        f"{row['check'] / row['bare']:>6.2f}",
        f"{row['public']:>8.2f}",
        f"{row.get('owner', float('nan')):>8.2f}",
        f"{row['peak']:>6.0f}",
        f"{row['serve']:>6.2f}",
        f"{ratio('check'):>7}",
        f"{ratio('public'):>7}",
        f"{ratio('owner'):>7}",
    ]
    print("  ".join(cells), flush=True)


# issue 18: the heavy journal with one thing doubled at a time
DOUBLED = {
    "files": lambda c, e, s: (2 * c, 2 * e, s),
    "goals": lambda c, e, s: (c, e, replace(s, goals=2 * s.goals)),
    "people/interaction": lambda c, e, s: (c, e, replace(s, people=2 * s.people)),
    "company size": lambda c, e, s: (c, e, replace(s, company_size=2 * s.company_size)),
    "years": lambda c, e, s: (c, e, replace(s, years=2 * s.years)),
    "dream companies": lambda c, e, s: (c, e, replace(s, dream=2 * s.dream)),
    "public share": lambda c, e, s: (
        c,
        e,
        replace(s, public_contacts=2 * s.public_contacts, public_entries=2 * s.public_entries),
    ),
}


def shapes(work: Path, repeat: int, serve: bool) -> None:
    print("\nshapes (issue 18): seconds, peak MB, and the ratio to the row it is compared with")
    print(
        f"{'journal':<22}  "
        + "  ".join(
            f"{h:>{w}}"
            for h, w in (
                ("check", 7),
                ("bare", 7),
                ("ratio", 6),
                ("public", 8),
                ("owner", 8),
                ("MB", 6),
                ("serve", 6),
                ("check×", 7),
                ("public×", 7),
                ("owner×", 7),
            )
        )
    )
    contacts, entries, shape = HEAVY["contacts"], HEAVY["entries"], HEAVY["shape"]
    heavy = shape_row(generate(work / "heavy", contacts, entries, shape=shape), repeat, serve)
    print_shape("heavy", heavy)
    for name, double in DOUBLED.items():
        c, e, s = double(contacts, entries, shape)
        project = generate(work / "doubled", c, e, shape=s)
        print_shape(f"x2 {name}", shape_row(project, repeat), heavy)
    few = shape_row(generate(work / "g10", 1500, 1500, shape=Shape(goals=10)), repeat)
    print_shape("3000 files, 10 goals", few)
    many = shape_row(generate(work / "g160", 1500, 1500, shape=Shape(goals=160, done=0.45, dropped=0.3)), repeat)
    print_shape("3000 files, 160 goals", many, few)
    print_shape(
        "6000 files, 300 goals",
        shape_row(generate(work / "g300", 3000, 3000, shape=Shape(goals=300, done=0.45, dropped=0.3)), repeat),
    )
    small = shape_row(generate(work / "li500", 500, 0, shape=Shape(linkedin=True)), repeat)
    print_shape("linkedin 500 people", small)
    print_shape(
        "linkedin 4500 people", shape_row(generate(work / "li4500", 4500, 0, shape=Shape(linkedin=True)), repeat), small
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Trellis' benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 6000], help="files per journal")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--material-max", type=int, default=3000, help="largest size built without Trellis")
    parser.add_argument("--no-material", action="store_true")
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--no-shapes", action="store_true", help="leave out issue 18's rows")
    parser.add_argument("--only-shapes", action="store_true", help="only issue 18's rows")
    parser.add_argument("--shape", choices=["heldout"], help="only issue 31's figures on its held-out shape")
    parser.add_argument("--quick", action="store_true", help="with --shape: one run of each build (a few minutes)")
    parser.add_argument("--json", help="with --shape: also write every run's figures here")
    args = parser.parse_args()
    if args.shape == "heldout":
        more = (["--quick"] if args.quick else []) + (["--json", args.json] if args.json else [])
        heldout.main(["--repeat", str(args.repeat), *more])
        return
    work = Path(tempfile.mkdtemp(prefix="trellis-bench-"))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )
    header = (
        "files",
        "check s",
        "check CPU s",
        "bare s",
        "ratio",
        "public s",
        "owner s",
        "plain pub s",
        "plain own s",
        "material s",
        "blog s",
        "serve s",
        "serve RAM s",
        "peak MB",
        "network KB",
        "layout s",
    )
    print("  ".join(f"{h:>10}" for h in header))
    try:
        for size in [] if args.only_shapes else args.sizes:
            project = generate(work / f"j{size}", contacts=size // 2, entries=size - size // 2)
            check, check_cpu, bare = check_against_bare(project, args.repeat)
            site = work / "site"
            builds = {}
            pages = {}
            peak = 0.0
            for audience in ("public", "owner"):
                cmd = [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "-q",
                    "-f",
                    str(project / "mkdocs.yml"),
                    "-d",
                    str(site),
                ]
                builds[audience], mb = best(cmd, args.repeat, {**ENV, "TRELLIS_AUDIENCE": audience})
                pages[audience] = sum(1 for _ in site.rglob("index.html"))
                peak = max(peak, mb)
            network_kb = (site / "network" / "index.html").stat().st_size / 1024
            plain = {}
            for audience, count in pages.items():  # as many plain pages as each view has
                project_dir = plain_pages_project(project, work / "plain-pages", count)
                cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project_dir / "mkdocs.yml")]
                plain[audience], mb = best(cmd + ["-d", str(work / "plain-site")], args.repeat)
                peak = max(peak, mb)
            material = blog = float("nan")
            if not args.no_material and size <= args.material_max:
                for kind in ("material", "blog"):
                    plain = plain_material_project(project, work / f"plain-{kind}", kind == "blog")
                    cmd = [
                        sys.executable,
                        "-m",
                        "mkdocs",
                        "build",
                        "-q",
                        "-f",
                        str(plain / "mkdocs.yml"),
                        "-d",
                        str(work / "plain-site"),
                    ]
                    seconds, mb = timed(cmd, timeout=3600)
                    peak = max(peak, mb)
                    material, blog = (seconds, blog) if kind == "material" else (material, seconds)
            serve = float("nan") if args.no_serve else serve_reload(project)
            ram = "/dev/shm" if os.path.isdir("/dev/shm") else None
            in_ram = float("nan") if args.no_serve or not ram else serve_reload(project, ram)
            row = (
                size,
                check,
                check_cpu,
                bare,
                check / bare,
                builds["public"],
                builds["owner"],
                plain["public"],
                plain["owner"],
                material,
                blog,
                serve,
                in_ram,
                peak,
                network_kb,
                layout_seconds(project),
            )
            print("  ".join(f"{v:>10}" if isinstance(v, int) else f"{v:>10.2f}" for v in row), flush=True)
        if not args.no_shapes:
            shapes(work, args.repeat, not args.no_serve)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
