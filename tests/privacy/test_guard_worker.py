"""The guard's worker (issue 31): a public build's pages read in a forked process as MkDocs
writes them, and at the end what the guard in one process finds, in the same order, with the
same words; where the worker's reading may not be the site's (a page changed after it was
written, a page never written, a worker lost), the build reads the site itself."""

from __future__ import annotations

import os
import random
import signal
from pathlib import Path

import pytest
from conftest import ROOT, build
from journals import HOME, PRIVATE_PAYLOAD
from trellis.loading import load_journal
from trellis.privacy.audience import Audience
from trellis.privacy.guard import Guard, leak_message
from trellis.privacy.guard_worker import GuardWorker
from trellis.privacy.site_text import site_files
from trellis.privacy.view import View

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the worker is forked (POSIX)")


@pytest.fixture(scope="module")
def public_view() -> View:
    return View(load_journal(ROOT / "journal"), Audience.PUBLIC)


@pytest.fixture(autouse=True)
def _two_cores(monkeypatch):
    """The worker is made where the process may use two cores; these tests want it anywhere."""
    monkeypatch.setattr("trellis.privacy.guard_worker._cores", lambda: 2)
    monkeypatch.delenv("TRELLIS_GUARD_WORKER", raising=False)


def _frame(*addresses: str) -> str:
    links = "".join(f'<link rel="alternate" href="{a}">' for a in addresses)
    return f"<html><head>{links}</head><body><article><p>a page</p></article></body></html>"


def _owner_site_as_public(example_site) -> list[tuple[str, str | None]]:
    """The owner's site, read by the public view's guard: names in pages, in file and folder
    names, e-mails, notes; and pages whose frame prints addresses with a first name, in an
    order per page that differs from page to page."""
    files = list(site_files(example_site("owner")))
    printing = [
        ("aaa/index.html", _frame("https://ada.example.org/hana/", "https://ada.example.org/peter/")),
        ("mmm/index.html", _frame("https://ada.example.org/peter/", "https://ada.example.org/hana/")),
        ("zzz/index.html", _frame("https://ada.example.org/ana/", "https://ada.example.org/peter/")),
    ]
    return sorted(files + printing, key=lambda file: file[0])


def _pages(files):
    return [(path, text) for path, text in files if path.endswith(".html") and text]


def test_the_worker_finds_what_the_guard_finds_in_one_process_in_the_same_order(example_site, public_view):
    files = _owner_site_as_public(example_site)
    alone = Guard(public_view.matcher, public_view.passages()).leaks(files)
    assert len(alone) > 50 and any("address" in what for _, what in alone) and any(p.endswith("/") for p, _ in alone)
    pages = _pages(files)
    for seed in (1, 2):  # the pages in the order MkDocs writes them is not the order they lie in the site
        random.Random(seed).shuffle(pages)
        worker = GuardWorker.start(Guard(public_view.matcher, public_view.passages()))
        assert worker is not None
        for path, text in pages:
            worker.page(path, text)
        assert worker.finish(iter(files)) == alone
        assert leak_message(public_view, alone) == leak_message(public_view, alone)


def _public_site(example_site) -> list[tuple[str, str | None]]:
    """The public site's files but the theme's own scripts and styles, which the build does not guard
    (a first name can be a word in lunr's Greek stemmer)."""
    theme = ("assets/javascripts/", "assets/stylesheets/")
    return [(path, text) for path, text in site_files(example_site("public")) if not path.startswith(theme)]


def test_a_site_with_nothing_private_is_clean_by_the_worker_too(example_site, public_view):
    files = _public_site(example_site)
    worker = GuardWorker.start(Guard(public_view.matcher, public_view.passages()))
    for path, text in _pages(files):
        worker.page(path, text)
    assert worker.finish(files) == [] == Guard(public_view.matcher, public_view.passages()).leaks(files)


def test_a_page_changed_after_it_was_written_is_read_by_the_build_itself(example_site, public_view):
    """A plugin that rewrites a page once MkDocs wrote it (its on_post_build): the worker read the
    page as it was; the build reads the site itself, and finds what the file holds now."""
    files = _public_site(example_site)
    guard = Guard(public_view.matcher, public_view.passages())
    worker = GuardWorker.start(guard)
    pages = _pages(files)
    for path, text in pages:
        worker.page(path, text)
    changed_path = pages[3][0]
    now = [
        (p, t.replace("</body>", "<p>Zebulon Quartermaine</p></body>") if p == changed_path else t) for p, t in files
    ]
    assert worker.finish(now) is None  # the caller reads `now` itself
    assert worker._pid is None  # and the worker is gone


def test_a_page_handed_and_never_written_or_handed_twice_is_read_by_the_build_itself(example_site, public_view):
    files = _public_site(example_site)
    guard = Guard(public_view.matcher, public_view.passages())
    worker = GuardWorker.start(guard)
    worker.page("never/written/index.html", "<p>Zebulon Quartermaine</p>")
    assert worker.finish(files) is None
    worker = GuardWorker.start(guard)
    path, text = _pages(files)[0]
    worker.page(path, "<p>an earlier version</p>")
    worker.page(path, text)
    assert worker.finish(files) is None


def test_a_lost_worker_leaves_the_reading_to_the_build(example_site, public_view):
    files = _owner_site_as_public(example_site)
    worker = GuardWorker.start(Guard(public_view.matcher, public_view.passages()))
    pages = _pages(files)
    for path, text in pages[:5]:
        worker.page(path, text)
    os.kill(worker._pid, signal.SIGKILL)
    for path, text in pages[5:]:
        worker.page(path, text)
    assert worker.finish(files) is None


def test_switched_off_or_without_a_second_core_there_is_no_worker(monkeypatch, public_view):
    guard = Guard(public_view.matcher, public_view.passages())
    monkeypatch.setenv("TRELLIS_GUARD_WORKER", "0")
    assert GuardWorker.start(guard) is None
    monkeypatch.delenv("TRELLIS_GUARD_WORKER")
    monkeypatch.setattr("trellis.privacy.guard_worker._cores", lambda: 1)
    assert GuardWorker.start(guard) is None


def test_a_failed_build_leaves_no_worker_behind(public_view):
    """on_build_error and on_shutdown stop it: no process is left waiting for pages."""
    worker = GuardWorker.start(Guard(public_view.matcher, public_view.passages()))
    pid = worker._pid
    worker.page("index.html", "<p>a page</p>")
    worker.stop()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped


def test_the_worker_never_runs_the_builds_clean_up(tmp_path, public_view):
    """The worker ends with os._exit: the build's atexit (its temporary page sources) and buffered
    output are the build's alone."""
    marker = tmp_path / "cleaned"
    import atexit

    def clean() -> None:
        marker.write_text("cleaned", encoding="utf-8")

    atexit.register(clean)
    try:
        worker = GuardWorker.start(Guard(public_view.matcher, public_view.passages()))
        assert worker.finish([("index.html", "<p>a page</p>")]) == []
        assert not marker.exists()
    finally:
        atexit.unregister(clean)


def test_site_files_paths_are_the_pages_paths(example_site):
    """The build hands a page by its path in the site (SiteGuard), as site_files names it."""
    site = example_site("public")
    paths = {path for path, _ in site_files(site)}
    assert {p.relative_to(site).as_posix() for p in Path(site).rglob("index.html")} <= paths


REWRITE_HOOK = """
from pathlib import Path

def on_post_build(config, **kwargs):
    page = Path(config["site_dir"]) / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<p>Zebulon Quartermaine</p></body>"), encoding="utf-8")
"""


@pytest.mark.build
def test_a_public_build_reads_its_pages_in_the_worker_and_a_page_rewritten_after_it_in_the_build(write_journal):
    project = write_journal({**HOME, **PRIVATE_PAYLOAD})
    run = build(project, "public", "-v")
    assert run.returncode == 0, run.stderr[-3000:]
    if len(os.sched_getaffinity(0)) >= 2:  # (one core: no worker)
        assert "the guard read the pages in a worker" in run.stderr
    # a plugin that rewrites a page once MkDocs wrote it: what the file holds now is what is read
    (project / "rewrite.py").write_text(REWRITE_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - rewrite.py\n", encoding="utf-8")
    run = build(project, "public", "-v")
    assert run.returncode != 0 and "Traceback" not in run.stderr
    if len(os.sched_getaffinity(0)) >= 2:
        assert "the guard reads the site in this process: index.html changed after it was written" in run.stderr
    assert "Trellis stopped the public build" in run.stderr
    assert "the name in journal/contacts/zebulon-quartermaine.md, in: site/index.html" in run.stderr, run.stderr[-3000:]


def test_a_process_with_other_threads_reads_in_one_process(public_view):
    """`mkdocs serve --clean` starts its plugins up as a "build" (MkDocs' serve.py), and rebuilds
    in its build loop's thread while the server's threads run: a fork copies only the forking
    thread, and a lock another holds stays held in the worker for ever (the parent then waits on
    it). A process with other Python threads reads the site itself, as the parallel loader does."""
    import threading

    stop = threading.Event()
    server = threading.Thread(target=stop.wait, daemon=True)
    server.start()
    try:
        assert GuardWorker.start(Guard(public_view.matcher, public_view.passages())) is None
    finally:
        stop.set()
        server.join()
    worker = GuardWorker.start(Guard(public_view.matcher, public_view.passages()))
    assert worker is not None
    worker.stop()


def test_a_signal_as_the_worker_is_forked_never_sends_it_back_into_the_build(tmp_path, monkeypatch, public_view):
    """Ctrl-C reaches every process of the terminal's group: one landing in the worker between
    the fork and its reading (KeyboardInterrupt, as the build's handlers raise) went up the
    build's own code in the worker, which then ran MkDocs' clean-up and the plugin's on_shutdown
    (the build's temporary page sources removed) as a second copy of the build. The worker ends
    there, whatever is raised; a Ctrl-C is the build's, which stops it (the worker ignores it)."""
    build = os.getpid()
    fork = os.fork

    def fork_then_interrupted() -> int:
        pid = fork()
        if pid == 0:
            raise KeyboardInterrupt  # Ctrl-C, landing in the worker as the fork returns
        return pid

    marker = tmp_path / "the worker ran the build's code"
    monkeypatch.setattr(os, "fork", fork_then_interrupted)
    try:
        worker = GuardWorker.start(Guard(public_view.matcher, public_view.passages()))
    except BaseException:
        if os.getpid() != build:
            marker.write_text("yes", encoding="utf-8")
            os._exit(0)
        raise
    monkeypatch.setattr(os, "fork", fork)
    assert worker is not None
    assert worker.finish([("index.html", "<p>a page</p>")]) is None  # lost: the build reads the site
    assert not marker.exists()
    # a worker started as a build's: Ctrl-C (to the terminal's group) is for the build alone
    worker = GuardWorker.start(Guard(public_view.matcher, public_view.passages()))
    worker.page("index.html", "<p>Zebulon Quartermaine</p>")
    os.kill(worker._pid, signal.SIGINT)
    assert worker.finish([("index.html", "<p>Zebulon Quartermaine</p>")]) == []


def test_handing_a_page_changes_nothing_of_where_mkdocs_writes_it(tmp_path, public_view):
    """File.abs_dest_path is computed once from dest_uri (a cached_property): read when the page is
    handed (on_post_page at -1000), it kept the address a later plugin then gave the page
    (dest_uri changed in its on_post_page at a lower priority), and MkDocs wrote the page where the
    build without a worker does not. The guard reads where the page goes without fixing it."""
    from types import SimpleNamespace

    from mkdocs.structure.files import File
    from trellis.plugin.site_guard import SiteGuard

    site = tmp_path / "site"
    guard = SiteGuard()
    guard.start(public_view, str(site), "build")
    try:
        assert guard._worker is not None
        page = SimpleNamespace(file=File("index.md", str(tmp_path / "docs"), str(site), True))
        guard.page(page, "<p>a page</p>")
        page.file.dest_uri = "moved.html"  # a later plugin's on_post_page
        assert page.file.abs_dest_path == str(site / "moved.html")  # where MkDocs writes it
        assert guard._worker._handed == {"index.html": "<p>a page</p>"}
    finally:
        guard.stop()


def test_a_page_written_under_an_image_name_is_read_as_the_build_reads_an_image(public_view):
    """A plugin that gives a page an image's name (dest_uri "card.png"): site_files reads that file
    as an image's metadata (Metadata, its readable runs), which for a page of plain text is the
    page's text, character for character; the worker had read it as a page, and said what it found
    without "(in the image's metadata)" (seen on a real build). A file read as anything but the
    text handed is the build's to read."""
    from trellis.privacy.site_text import Metadata, readable_runs

    page = "<html><body><p>Zebulon Quartermaine, Hana Sato</p></body></html>"
    guard = Guard(public_view.matcher, public_view.passages())
    files = [("card.png", Metadata(readable_runs(page.encode())))]
    assert files[0][1] == page  # the same characters
    worker = GuardWorker.start(guard)
    worker.page("card.png", page)
    assert worker.finish(files) is None  # the build reads it: as an image, as without a worker


KILLED_BUILD = """
import os, sys, time
from pathlib import Path
from trellis.loading import load_journal
from trellis.privacy import guard_worker
from trellis.privacy.audience import Audience
from trellis.privacy.guard import Guard
from trellis.privacy.view import View

guard_worker._cores = lambda: 2
view = View(load_journal(Path(sys.argv[1])), Audience.PUBLIC)
worker = guard_worker.GuardWorker.start(Guard(view.matcher, view.passages()))
helper = os.fork()
if helper == 0:  # a plugin's helper process, forked after the worker: it holds the build's end of the pipe
    time.sleep(60)
    os._exit(0)
print(worker._pid, helper, flush=True)
time.sleep(60)
"""


def _gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"  # ended (a zombie init has not reaped yet)
    except OSError:
        return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="processes read in /proc (Linux)")
def test_a_killed_build_takes_its_worker_along(tmp_path):
    """A build killed (SIGKILL: the OOM killer) ends its worker, even where another process holds
    the build's end of the pipe (a plugin's helper forked during the build), which kept the worker
    waiting for pages as long as that process lived, holding `trellis publish`'s output pipes."""
    import subprocess
    import sys
    import time

    script = tmp_path / "build.py"
    script.write_text(KILLED_BUILD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "TRELLIS_GUARD_WORKER": "1"}
    build = subprocess.Popen(
        [sys.executable, str(script), str(ROOT / "journal")], env=env, stdout=subprocess.PIPE, text=True
    )
    worker = helper = 0
    try:
        worker, helper = map(int, build.stdout.readline().split())
        build.kill()
        build.wait()
        deadline = time.monotonic() + 10
        while not _gone(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _gone(worker)
    finally:
        build.kill()
        build.wait()
        for pid in (worker, helper):
            if pid and not _gone(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_page_of_a_plugins_own_text_type_is_handed_as_the_text_written(public_view):
    """A plugin whose on_post_page returns its own str subclass (here a local class, which pickle
    cannot send): handing it to the worker raised in on_post_page, and a build that passes without
    a worker failed with a traceback (seen on a real build). What is handed is the text MkDocs
    writes, a plain str; a page that is no text at all is not the worker's to vouch for."""

    class Page(str):
        pass

    worker = GuardWorker.start(Guard(public_view.matcher, public_view.passages()))
    worker.page("index.html", Page("<p>a page</p>"))
    assert worker.finish([("index.html", "<p>a page</p>")]) == []
    worker = GuardWorker.start(Guard(public_view.matcher, public_view.passages()))
    worker.page("index.html", b"<p>a page</p>")  # type: ignore[arg-type]  # MkDocs fails on it, not the worker
    assert worker.finish([("index.html", "<p>a page</p>")]) is None


def test_a_page_of_blanks_is_not_handed_as_mkdocs_writes_no_file_for_it(tmp_path, public_view):
    """A plugin that empties a page: MkDocs writes nothing there, so the worker is not handed it
    (handed, the page would be "never written" and the build would read the whole site itself)."""
    from types import SimpleNamespace

    from trellis.plugin.site_guard import SiteGuard

    site = tmp_path / "site"
    (site / "kept").mkdir(parents=True)
    (site / "kept" / "index.html").write_text("<p>kept</p>", encoding="utf-8")
    guard = SiteGuard()
    guard.start(public_view, str(site), "build")
    for uri, output in (("emptied/index.html", " \n"), ("kept/index.html", "<p>kept</p>")):
        guard.page(SimpleNamespace(file=SimpleNamespace(dest_dir=str(site), dest_uri=uri)), output)
    worker = guard._worker
    assert worker is not None and list(worker._handed) == ["kept/index.html"]
    assert guard.leaks(public_view, site, set()) == []
    assert worker.why_not == ""  # answered by the worker
