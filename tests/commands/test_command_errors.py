"""Issue 16, "one error path for the command": a full disk, a read-only or forbidden
journal, a signal or SIGKILL end `trellis import`, `new` and `export` with one line naming
the user's file, a documented exit code, the list of what was written (so a re-run
completes it), no temporary file left, and files with the umask's mode."""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EPOCH, ROOT, trellis
from trellis import cli, signals, stopping, writing
from trellis.loading import load_journal

EXIT_SYSTEM = 74
FIXTURES = Path(__file__).parents[1] / "fixtures"


def people_csv(path: Path, count: int) -> Path:
    rows = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    rows += [
        f"Person{n},Surname{n},https://www.linkedin.com/in/p{n},p{n}@example.com,Company {n},Engineer,07 Feb 2026"
        for n in range(count)
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.tmp")]


@pytest.fixture
def project(tmp_path, monkeypatch, pinned_today) -> Path:
    """A copy of the example journal, the command run from its project folder."""
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copytree(ROOT / "journal", folder / "journal")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    monkeypatch.chdir(folder)
    return folder


class FullDisk:
    """A disk with `room` bytes left: writes through os.fdopen past that raise ENOSPC."""

    def __init__(self, monkeypatch, room: int):
        self.room = room
        real = os.fdopen

        disk = self

        class File(io.TextIOWrapper):
            def write(self, text: str) -> int:
                size = len(text.encode("utf-8"))
                if size > disk.room:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                disk.room -= size
                return super().write(text)

        def fdopen(fd, mode="r", *args, **kwargs):
            if "w" not in mode:
                return real(fd, mode, *args, **kwargs)
            encoding = kwargs.get("encoding", "utf-8")
            return File(real(fd, "wb"), encoding=encoding, newline=kwargs.get("newline"))

        monkeypatch.setattr(os, "fdopen", fdopen)


def one_line_naming(err: str, command: str, shown: str, reason: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    # `shown` or, ending in "/" or a name's start, the start of it: the rest of the name has no colon
    assert re.match(rf"trellis {command}: cannot write {re.escape(shown)}[^:]*: {reason}: ", lines[0]), err
    assert ".tmp" not in err and "Traceback" not in err


# ---------------------------------------------------------------- a full disk


def test_an_import_stopped_by_a_full_disk_says_what_it_wrote_and_a_rerun_completes_it(
    project, monkeypatch, capsys, tmp_path
):
    source = people_csv(tmp_path / "Connections.csv", 40)
    contacts = project / "journal" / "contacts"
    before = {p.name for p in contacts.iterdir()}
    disk = FullDisk(monkeypatch, room=3000)  # room for some of the 40 new files
    assert cli.main(["import", "linkedin", str(source)]) == EXIT_SYSTEM
    out, err = capsys.readouterr()
    new = sorted({p.name for p in contacts.iterdir()} - before)
    assert 0 < len(new) < 40
    assert out.splitlines() == [
        f"wrote journal/contacts/{name}"
        for name in sorted(new, key=lambda n: int(n.split("-")[0].removeprefix("person")))
    ]
    stopped_at = f"journal/contacts/person{len(new)}-surname{len(new)}.md"
    one_line_naming(err, "import", stopped_at, "No space left on device")
    assert f"it keeps the {len(new)} files written above" in err
    assert temporaries(project) == []
    assert load_journal(project / "journal").findings == load_journal(ROOT / "journal").findings  # all whole

    disk.room = 10**9  # space freed
    assert cli.main(["import", "linkedin", str(source)]) == 0
    out, _ = capsys.readouterr()
    assert f"added {40 - len(new)}" in out and f"unchanged {len(new)}" in out
    assert len({p.name for p in contacts.iterdir()} - before) == 40


@pytest.mark.parametrize(
    "kind, argv, shown",
    [
        ("contact", ["new", "contact", "Ada Two"], "journal/contacts/ada-two.md"),
        ("entry", ["new", "entry", "--date", "2026-11-30"], "journal/entries/2026/2026-11-30.md"),
        ("goal", ["new", "goal", "Meet three recruiters"], "journal/goals/meet-three-recruiters.md"),
        ("export", ["export", "json", "-o", "backup.json"], "backup.json"),
    ],
)
def test_new_and_export_on_a_full_disk_are_one_line_and_leave_nothing(project, monkeypatch, capsys, kind, argv, shown):
    FullDisk(monkeypatch, room=10)
    assert cli.main(argv) == EXIT_SYSTEM
    out, err = capsys.readouterr()
    one_line_naming(err, argv[0], shown, "No space left on device")
    assert "free some space" in err and out == ""
    assert not (project / shown).exists() and temporaries(project) == []


# ---------------------------------------------------------------- read-only, forbidden


def _refused(code: int):
    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code), kwargs.get("dir"))

    return refuse


@pytest.mark.parametrize("code, advice", [(errno.EROFS, "mounted read-only"), (errno.EACCES, "you may not write")])
@pytest.mark.parametrize(
    "argv, shown",
    [
        (["import", "vcard", str(FIXTURES / "phone-3.0.vcf")], "journal/contacts/"),
        (["new", "contact", "Ada Two"], "journal/contacts/ada-two.md"),
        (["export", "vcard", "-o", "contacts.vcf"], "contacts.vcf"),
    ],
)
def test_a_journal_the_system_will_not_write_is_one_line(project, monkeypatch, capsys, code, advice, argv, shown):
    """The system's refusal faked where the temporary file is made (tests may run as root,
    for whom chmod refuses nothing); test_a_real_read_only_disk does it for real."""
    monkeypatch.setattr(writing.tempfile, "mkstemp", _refused(code))
    assert cli.main(argv) == EXIT_SYSTEM
    out, err = capsys.readouterr()
    assert err.startswith(f"trellis {argv[0]}: cannot write {shown}") and advice in err, err
    assert f": {os.strerror(code)}: " in err and ".tmp" not in err and len(err.splitlines()) == 1
    assert temporaries(project) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes through chmod")
def test_a_journal_folder_without_write_permission(project, capsys):
    contacts = project / "journal" / "contacts"
    contacts.chmod(0o555)
    try:
        assert cli.main(["new", "contact", "Ada Two"]) == EXIT_SYSTEM
    finally:
        contacts.chmod(0o755)
    err = capsys.readouterr().err
    assert err.startswith("trellis new: cannot write journal/contacts/ada-two.md: Permission denied: ")


@pytest.fixture
def small_disk(tmp_path):
    """A real 600 KB tmpfs (root, Linux, and a mount allowed), unmounted after; else skip."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small disk needs root on Linux; the fake full disk above runs instead")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def test_a_real_full_disk_then_a_real_read_only_one(small_disk, tmp_path):
    shutil.copytree(ROOT / "journal", small_disk / "journal")
    shutil.copy(ROOT / "mkdocs.yml", small_disk / "mkdocs.yml")
    source = people_csv(tmp_path / "Connections.csv", 400)
    run = trellis("import", "linkedin", str(source), cwd=small_disk)
    assert run.returncode == EXIT_SYSTEM, run.stderr
    one_line_naming(run.stderr, "import", "journal/contacts/person", "No space left on device")
    wrote = run.stdout.splitlines()
    assert wrote and all((small_disk / line.removeprefix("wrote ")).is_file() for line in wrote)
    assert temporaries(small_disk) == []
    assert not load_journal(small_disk / "journal").findings or all(
        "contacts/person" not in f.source.shown for f in load_journal(small_disk / "journal").findings
    )

    subprocess.run(["mount", "-o", "remount,size=8m", str(small_disk)], check=True)
    again = trellis("import", "linkedin", str(source), cwd=small_disk)
    assert again.returncode == 0 and f"unchanged {len(wrote)}" in again.stdout, again.stderr
    assert len(list((small_disk / "journal" / "contacts").glob("person*.md"))) == 400

    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    for argv, shown in (
        (["new", "contact", "Ada Two"], "journal/contacts/ada-two.md"),
        (["export", "json", "-o", "backup.json"], "backup.json"),
        (["import", "vcard", str(FIXTURES / "phone-3.0.vcf")], "journal/contacts/"),
    ):
        run = trellis(*argv, cwd=small_disk)
        assert run.returncode == EXIT_SYSTEM
        one_line_naming(run.stderr, argv[0], shown, "Read-only file system")


def test_a_build_into_a_read_only_or_full_site_folder_is_one_line(small_disk, tmp_path):
    """MkDocs writes the site itself, and its OSError was a traceback; Trellis asks first."""
    from conftest import build

    project = tmp_path / "p"
    shutil.copytree(ROOT / "journal", project / "journal")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    for audience in ("public", "owner"):
        run = build(project, audience, site=small_disk / "site")
        assert run.returncode != 0 and "Traceback" not in run.stderr, run.stderr[-2000:]
        assert f"cannot write the site into {small_disk / 'site'}: Read-only file system" in run.stderr
        assert "mkdocs build -d FOLDER" in run.stderr


# ---------------------------------------------------------------- signals, SIGKILL, leftovers


def test_sigterm_mid_import_says_what_was_written_and_leaves_no_temporary_file(project, tmp_path):
    source = people_csv(tmp_path / "Connections.csv", 3000)
    contacts = project / "journal" / "contacts"
    before = {p.name for p in contacts.iterdir()}
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    with open(tmp_path / "out", "w") as out, open(tmp_path / "err", "w") as err:
        command = subprocess.Popen(
            [sys.executable, "-m", "trellis.cli", "import", "linkedin", str(source)],
            cwd=project,
            env=env,
            stdout=out,
            stderr=err,
        )
    try:
        deadline = time.monotonic() + 120
        while not list(contacts.glob("person*.md")) and command.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        command.send_signal(signal.SIGTERM)
        assert command.wait(timeout=60) in (128 + signal.SIGTERM, 0)  # 0: it finished first (a fast machine)
    finally:
        if command.poll() is None:
            command.kill()
    assert temporaries(project) == []
    if command.returncode == 0:
        pytest.skip("the import ended before the signal came")
    assert (tmp_path / "err").read_text() == "trellis: stopped by SIGTERM\n"
    new = {p.name for p in contacts.iterdir()} - before
    assert sorted((tmp_path / "out").read_text().split()) == sorted(
        ["wrote"] * len(new) + [f"journal/contacts/{name}" for name in new]
    )


KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from trellis import writing
real_fsync = os.fsync
def fsync_then_die(fd):
    real_fsync(fd)
    os.kill(os.getpid(), signal.SIGKILL)  # killed outright between writing and linking
os.fsync = fsync_then_die
writing.create(Path(sys.argv[1]), "---\\nname: Ada Lovelace\\nemail: ada@example.com\\n---\\n")
"""


def test_the_next_command_removes_what_a_sigkilled_write_left_and_says_so(project, capsys):
    target = project / "journal" / "contacts" / "ada-private.md"
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(target)], capture_output=True, timeout=60)
    assert killed.returncode == -signal.SIGKILL
    [left] = temporaries(project)
    assert left.name.startswith(".ada-private.md.") and "ada@example.com" in left.read_text()
    assert not target.exists()

    assert cli.main(["check"]) in (0, 1)
    err = capsys.readouterr().err
    assert (
        f"trellis: removed journal/contacts/{left.name}, an unfinished copy of journal/contacts/ada-private.md" in err
    )
    assert temporaries(project) == [] and not target.exists()


def test_sigkill_mid_import_then_the_next_command_cleans_up(project, tmp_path, capsys):
    source = people_csv(tmp_path / "Connections.csv", 3000)
    contacts = project / "journal" / "contacts"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    command = subprocess.Popen(
        [sys.executable, "-m", "trellis.cli", "import", "linkedin", str(source)],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not list(contacts.glob(".*.tmp")) and command.poll() is None and time.monotonic() < deadline:
            pass  # as soon as a temporary file is seen: the kill comes mid-write
    finally:
        command.kill()
        command.wait(timeout=60)
    left = temporaries(project)
    assert cli.main(["check"]) in (0, 1)
    err = capsys.readouterr().err
    for path in left:
        assert f"removed journal/contacts/{path.name}" in err
    assert temporaries(project) == []
    assert not [f for f in load_journal(project / "journal").findings if "person" in f.source.shown]  # all whole
    if not left:  # the kill came between two files (test_the_next_command_removes... makes sure of one)
        pytest.skip("the kill left no temporary file this time")


def test_a_temporary_file_of_a_running_writer_is_left_and_reported(project, capsys):
    writer = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        busy = project / "journal" / "contacts" / f".ada.md.{writer.pid}.abcd1234.tmp"
        busy.write_text("being written")
        assert cli.main(["check"]) in (0, 1)
        err = capsys.readouterr().err
        assert f"left journal/contacts/{busy.name}, a copy of journal/contacts/ada.md being written" in err
        assert busy.exists()
    finally:
        writer.kill()
        writer.wait()
    assert cli.main(["check"]) in (0, 1)
    assert f"removed journal/contacts/{busy.name}" in capsys.readouterr().err and not busy.exists()


def test_another_tools_dot_tmp_file_is_not_touched(project, capsys):
    theirs = project / "journal" / "contacts" / ".notes.abcd1234.tmp"  # no PID, not beside a record
    theirs.write_text("an editor's")
    assert cli.main(["check"]) in (0, 1)
    assert theirs.exists() and "notes" not in capsys.readouterr().err
    theirs.unlink()


def test_the_gitignore_init_writes_covers_trellis_temporary_files(tmp_path, pinned_today):
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    folder = tmp_path / "mine"
    assert cli.main(["init", str(folder)]) == 0
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    names = [
        f"journal/contacts/.ada-lovelace.md.{os.getpid()}.k2_x9abq.tmp",
        ".backup.json.77.abcdefgh.tmp",
        "journal/entries/2026/.2026-11-23.md.123.a1b2c3d4.tmp",
    ]
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("private")
        assert writing.TEMPORARY_NAME.match(Path(name).name)  # the very pattern Trellis writes
    ignored = subprocess.run(["git", "-C", str(folder), "check-ignore", *names], capture_output=True, text=True)
    assert ignored.stdout.split() == names
    status = subprocess.run(
        ["git", "-C", str(folder), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ".tmp" not in status


def test_a_temporary_name_is_the_one_gitignore_and_the_cleanup_know(tmp_path):
    """Made by the real code path: the name mkstemp gave matches TEMPORARY_NAME."""
    seen = []
    real = os.link

    def link(src, dst, *a, **k):
        seen.append(Path(src).name)
        return real(src, dst, *a, **k)

    os.link = link
    try:
        writing.create(tmp_path / "x.md", "text")
    finally:
        os.link = real
    [name] = seen
    match = writing.TEMPORARY_NAME.match(name)
    assert match and match.group("pid") == str(os.getpid()) and match.group("name") == "x.md"


# ---------------------------------------------------------------- modes


def test_files_written_get_the_umasks_mode_and_a_rewritten_file_keeps_its_own(project, capsys):
    old = os.umask(0o027)
    try:
        assert cli.main(["new", "contact", "Ada Two"]) == 0
        mine = project / "journal" / "contacts" / "amara-diallo.md"
        mine.chmod(0o604)
        writing.replace(mine, mine.read_text() + "\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((project / "journal" / "contacts" / "ada-two.md").stat().st_mode) == 0o640
    assert stat.S_IMODE(mine.stat().st_mode) == 0o604


# ---------------------------------------------------------------- a closed pipe


def test_export_into_a_closed_pipe_ends_quietly(project):
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    command = subprocess.Popen(
        [sys.executable, "-m", "trellis.cli", "export", "json"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    command.stdout.read(10)
    command.stdout.close()  # `| head -c 10`
    err = command.stderr.read().decode()
    assert command.wait(timeout=60) in (0, 141) and "Traceback" not in err and "Exception ignored" not in err


def test_the_os_error_line_for_a_file_that_is_read(tmp_path):
    err = FileNotFoundError(errno.ENOENT, "No such file or directory", str(tmp_path / "gone.csv"))
    line = stopping.os_error_line("trellis import", err, str, [])
    assert line == (
        f"trellis import: {tmp_path / 'gone.csv'}: No such file or directory: a file or folder vanished "
        f"while the command ran: check that {tmp_path} is there, then run the same command again"
    )


def test_a_signal_whose_exception_python_dropped_still_stops_the_command(capsys):
    """A SIGHUP arriving while Python runs a callback that drops exceptions (logging's lock
    release after a fork: "Exception ignored in ...") must not let the command end as if
    nothing happened: seen once in a hundred runs of `trellis check` killed mid-parse."""
    import argparse

    def run(args):
        try:  # where the handler's exception is dropped on the way
            signals._stop(signal.SIGHUP, None)
        except signals.Stopped:
            pass
        return 0

    args = argparse.Namespace(command="check", run=run)
    assert cli._run(args) == 128 + signal.SIGHUP
    assert "trellis: stopped by SIGHUP" in capsys.readouterr().err
    # the next command starts afresh: the signal is not remembered
    assert cli._run(argparse.Namespace(command="check", run=lambda a: 0)) == 0
