"""Issue 16, "workers die with their parent": a big journal is parsed in forked processes;
whatever ends the command (SIGKILL, SIGTERM from `timeout`, SIGHUP from a closed
terminal, Ctrl-C), no parsing process outlives it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EPOCH, ROOT

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not Path("/proc/self/stat").exists(),
    reason="the parallel read forks on Linux only, and the test reads /proc",
)

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()  # after "pid (comm)": state, ppid, ...


def children(pid: int) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit() and (fields := _stat(int(name))) and int(fields[1]) == pid:
            found.append(int(name))
    return found


def running(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] not in ("Z", "X")  # a zombie has ended; only its entry waits


@pytest.fixture(scope="module")
def big_journal(tmp_path_factory) -> Path:
    """About 2,000 files (bench/generate.py's journal): over loading.parallel.PARALLEL_FROM."""
    out = tmp_path_factory.mktemp("big")
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), str(out), "--contacts", "1000", "--entries", "1000"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    shutil.copytree(out / "journal", pristine_copy(out) / "journal", symlinks=True)
    return out


def pristine_copy(journal: Path) -> Path:
    """Where the big journal is kept as generated, to put it back after a command ran too far."""
    return journal.with_name(journal.name + "-pristine")


@pytest.fixture
def reaper():
    """Processes a test started: killed at the end whatever happened, so none is left behind."""
    pids: list[int] = []
    yield pids
    for pid in pids:
        if running(pid):
            os.kill(pid, signal.SIGKILL)


def _state(pid: int) -> str:
    fields = _stat(pid)
    return fields[0] if fields else "X"


def _default_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_and_kill_mid_parse(argv: list[str], cwd: Path, sig: signal.Signals, reaper: list[int], tmp_path: Path):
    """Run argv; while its parsing processes run, send it `sig`. Their pids, its exit code and stderr.

    The command is frozen (SIGSTOP) between the look at its parsing processes and the signal, and
    the signal is sent only if one of them still runs then: on a busy machine the command could
    otherwise finish between the two, and a SIGINT that reaches a Python process as it exits is
    never handled (it ended with 0: the test's race, not the command's). A command caught past
    its parse is killed, the journal put back as it was (pristine_copy) and the command started again."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    err_file = tmp_path / "stderr.txt"
    for _attempt in range(5):
        # output to files, not pipes: a pipe a surviving worker holds open would make reading it hang
        with open(tmp_path / "stdout.txt", "w") as out, open(err_file, "w") as err:
            # Ctrl-C as a terminal gives it: a signal ignored by the process that starts a command
            # stays ignored in it, and tests run earlier in this worker may leave SIGINT ignored
            command = subprocess.Popen(
                argv, cwd=cwd, env=env, stdout=out, stderr=err, text=True, preexec_fn=_default_interrupt
            )
        reaper.append(command.pid)
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while not workers and command.poll() is None and time.monotonic() < deadline:
            workers = [pid for pid in children(command.pid) if running(pid)]  # a zombie has ended its share
            time.sleep(0.005)
        reaper.extend(workers)
        assert workers, f"the command never started a parsing process: {err_file.read_text()}"
        os.kill(command.pid, signal.SIGSTOP)
        while _state(command.pid) not in ("T", "t", "Z", "X"):
            time.sleep(0.001)
        mid_parse = command.poll() is None and any(running(pid) for pid in workers)
        os.kill(command.pid, sig if mid_parse else signal.SIGKILL)  # pending until the command runs again
        os.kill(command.pid, signal.SIGCONT)
        command.wait(timeout=60)
        if mid_parse:
            return workers, command.returncode, err_file.read_text()
        wait_until_gone(workers)
        shutil.rmtree(cwd / "journal")
        shutil.copytree(pristine_copy(cwd) / "journal", cwd / "journal", symlinks=True)
    pytest.fail("the command was never caught while its parsing processes ran")


def wait_until_gone(pids: list[int], seconds: float = 5) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := [pid for pid in pids if running(pid)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def commands(journal: Path) -> dict[str, list[str]]:
    trellis = [sys.executable, "-m", "trellis.cli"]
    return {
        "check": trellis + ["check", str(journal)],
        "import": trellis
        + ["import", "linkedin", str(FIXTURES / "linkedin-connections-2026.csv"), "--path", str(journal)],
    }


@pytest.mark.parametrize(
    "sig",
    [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP, signal.SIGINT],
    ids=["SIGKILL", "SIGTERM", "SIGHUP", "SIGINT"],
)
@pytest.mark.parametrize("command", ["check", "import"])
def test_no_parsing_process_outlives_a_killed_command(big_journal, reaper, tmp_path, command, sig):
    before = {p.name for p in (big_journal / "journal" / "contacts").iterdir()}
    workers, returncode, err = start_and_kill_mid_parse(
        commands(big_journal)[command], big_journal, sig, reaper, tmp_path
    )
    assert returncode in (-sig, 128 + sig), err  # killed, or ended by its own handler with 128 + the signal
    assert "Traceback" not in err
    assert wait_until_gone(workers) == [], f"parsing processes {workers} still run after trellis {command} got {sig!r}"
    # stopped while reading: nothing was written, no temporary file left
    assert {p.name for p in (big_journal / "journal" / "contacts").iterdir()} == before


SCRIPT_WITHOUT_PRCTL = """
import ctypes, sys
def no_prctl(*args, **kwargs):
    raise OSError("no prctl here")
ctypes.CDLL = no_prctl  # as on a system without Linux' parent-death signal
from trellis import cli
sys.exit(cli.main(["check", sys.argv[1]]))
"""


def test_without_the_parent_death_signal_workers_still_end_with_a_killed_parent(big_journal, reaper, tmp_path):
    """The portable way: each worker sees its parent change and ends, even after SIGKILL."""
    argv = [sys.executable, "-c", SCRIPT_WITHOUT_PRCTL, str(big_journal)]
    workers, returncode, err = start_and_kill_mid_parse(argv, big_journal, signal.SIGKILL, reaper, tmp_path)
    assert returncode == -signal.SIGKILL
    assert wait_until_gone(workers) == []
