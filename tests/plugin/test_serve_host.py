"""`mkdocs serve` answers only the owner's browser: a request addressed to another host (DNS
rebinding) gets 403 and nothing of the journal; real HTTP against a running server."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EPOCH, ROOT, free_port, wait_for

EMAIL = "hana.sato@example.com"  # a private contact of the example journal
PRIVATE = ("hana", "Hana", "Sato", EMAIL, "BEGIN:VCALENDAR")
PATHS = (
    "/contacts/hana-sato/",
    "/reach-out/",
    "/reach-out/trellis.ics",
    "/search/search_index.json",
    "/",
    "/livereload/0/0",
    "/no-such-page/",
    "/contacts/hana-sato",
)


def _request(port: int, path: str, host: str | None, *, address: str = "127.0.0.1") -> tuple[int, bytes]:
    """GET `path` with exactly this Host header (None: none at all)."""
    conn = http.client.HTTPConnection(address, port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            conn.putheader("Host", host)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _two_hosts(port: int, path: str, first: str, second: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", first)
        conn.putheader("Host", second)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _raw_http10(port: int, path: str) -> tuple[int, bytes]:
    """An HTTP/1.0 request with no Host header, as old clients send it."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {path} HTTP/1.0\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


class Served:
    def __init__(self, tmp: Path, address: str, engine: str = "mkdocs", *options: str) -> None:
        self.project = tmp / "p"
        shutil.copytree(ROOT / "journal", self.project / "journal")
        shutil.copy(ROOT / "mkdocs.yml", self.project / "mkdocs.yml")
        self.port = free_port()
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
        env.pop("TRELLIS_AUDIENCE", None)
        if "--clean" in options:  # serve --clean starts up as "build": the public view, unless asked
            env["TRELLIS_AUDIENCE"] = "owner"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                engine,
                "serve",
                "-f",
                str(self.project / "mkdocs.yml"),
                "-a",
                f"{address}:{self.port}",
                *options,
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.good = f"127.0.0.1:{self.port}"
        up = wait_for(lambda: self._status("/contacts/hana-sato/") == 200, 120)
        if not up:
            self.stop()
            pytest.fail(f"serve did not come up: {self.stderr[-3000:]}")

    def _status(self, path: str) -> int:
        try:
            return _request(self.port, path, self.good)[0]
        except OSError:
            return 0

    def stop(self) -> None:
        self.process.terminate()
        try:
            _, self.stderr = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, self.stderr = self.process.communicate()


@pytest.fixture
def loopback(tmp_path):
    served = Served(tmp_path, "127.0.0.1")
    try:
        yield served
    finally:
        served.stop()


def _refused(port: int, path: str, host: str | None) -> None:
    status, body = _request(port, path, host)
    assert status == 403, (host, path, status)
    assert not [word for word in PRIVATE if word.encode() in body], (host, path, body[:300])
    assert b"<html" not in body.lower()  # not even the theme's 404 page (it has the navigation)


def test_a_request_addressed_to_another_host_gets_403_and_nothing_of_the_journal(loopback):
    port = loopback.port
    # the owner's browser: the page and the calendar, e-mail and all
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
        status, body = _request(port, "/contacts/hana-sato/", host)
        assert status == 200 and EMAIL.encode() in body, host
    status, body = _request(port, "/reach-out/trellis.ics", f"localhost:{port}")
    assert status == 200 and b"BEGIN:VCALENDAR" in body
    assert _request(port, "/livereload/0/0", f"127.0.0.1:{port}")[0] == 200
    evil = [
        f"rebind.attacker.example:{port}",
        "rebind.attacker.example",
        f"127.0.0.1.nip.io:{port}",
        f"localhost.:{port}",
        f"localhost.attacker.example:{port}",
        f"127.0.0.1:{port + 1}",
        "127.0.0.1",
        "localhost",
        f"127.0.0.1:{port}.attacker.example",
        f"127.0.0.1:0{port}x",
        f"[::1]x:{port}",
        f"192.168.1.20:{port}",
        f"0.0.0.0:{port}",
        f" :{port}",
        f"127.0.0.1:{port}, evil.example",
        "",
    ]
    for host in evil:
        for path in PATHS:
            _refused(port, path, host)
    # no Host at all (HTTP/1.0): refused too, for every path
    for path in PATHS:
        status, body = _raw_http10(port, path)
        assert status == 403 and EMAIL.encode() not in body and b"hana" not in body, path
    # two Host headers, the good one first or last: refused (wsgiref joins them with a comma)
    for pair in ((f"127.0.0.1:{port}", f"evil.example:{port}"), (f"evil.example:{port}", f"127.0.0.1:{port}")):
        status, body = _two_hosts(port, "/contacts/hana-sato/", *pair)
        assert status == 403 and EMAIL.encode() not in body, pair
    # the server is still the owner's: a refusal changed nothing
    assert _request(port, "/contacts/hana-sato/", f"localhost:{port}")[0] == 200
    loopback.stop()
    # each refused host named once in the log (not each request), escaped
    assert loopback.stderr.count("refused a request addressed to 'rebind.attacker.example:") == 1
    assert "refused a request addressed to no Host header" in loopback.stderr
    assert "exposed" not in loopback.stderr and "is open to" not in loopback.stderr  # loopback: no warning
    assert "Traceback" not in loopback.stderr


def test_an_edit_of_an_excluded_contact_file_rebuilds_the_served_site(loopback):
    # MkDocs excludes contacts/ from its own pages (exclude_docs) but watches all of docs_dir
    contact = loopback.project / "journal" / "contacts" / "hana-sato.md"
    contact.write_text(
        contact.read_text(encoding="utf-8").replace("prefers short messages", "prefers voice notes"), encoding="utf-8"
    )
    assert wait_for(
        lambda: b"prefers voice notes" in _request(loopback.port, "/contacts/hana-sato/", loopback.good)[1], 60
    )


def test_serving_on_every_interface_warns_and_still_refuses_names(tmp_path):
    served = Served(tmp_path, "0.0.0.0")
    port = served.port
    try:
        # the machine's addresses (another device of the owner's uses one): an IP cannot be rebound
        for host in (f"127.0.0.1:{port}", f"192.168.1.20:{port}", f"[fe80::1]:{port}"):
            assert _request(port, "/contacts/hana-sato/", host)[0] == 200, host
        for host in (f"rebind.attacker.example:{port}", f"192.168.1.20:{port + 1}", f"192.168.1.20.nip.io:{port}"):
            _refused(port, "/contacts/hana-sato/", host)
    finally:
        served.stop()
    assert "the private owner view (e-mails, phones, notes, the calendar) is open to every network" in served.stderr


@pytest.mark.parametrize(
    "engine, options", [("mkdocs", ("--no-livereload",)), ("mkdocs", ("--clean",)), ("properdocs", ())]
)
def test_every_way_of_serving_checks_the_host(tmp_path, engine, options):
    # MkDocs hands plugins the server (on_serve) only with livereload on; --clean starts up as "build"
    served = Served(tmp_path, "127.0.0.1", engine, *options)
    try:
        for path in ("/contacts/hana-sato/", "/reach-out/trellis.ics", "/search/search_index.json"):
            _refused(served.port, path, f"rebind.attacker.example:{served.port}")
    finally:
        served.stop()
    assert "Traceback" not in served.stderr


@pytest.mark.parametrize(
    "bound, host, allowed",
    [
        (("127.0.0.1", 80), "localhost", True),  # browsers omit port 80
        (("127.0.0.1", 80), "localhost:80", True),
        (("127.0.0.1", 8000), "localhost", False),
        (("127.0.0.1", 8000), "[::1]:8000", True),
        (("127.0.0.1", 8000), "[0:0:0:0:0:0:0:1]:8000", False),  # browsers write [::1]; only the names listed
        (("::1", 8000), "[::1]:8000", True),
        (("192.168.1.5", 8000), "192.168.1.5:8000", True),  # what -a names
        (("192.168.1.5", 8000), "192.168.1.6:8000", False),
        (("0.0.0.0", 8000), "10.1.2.3:8000", True),  # every interface: an IP cannot be rebound
        (("0.0.0.0", 8000), "[fe80::1%25eth0]:8000", True),
        (("0.0.0.0", 8000), "evil.example:8000", False),
        (("::", 8000), "10.1.2.3:8001", False),
        (("127.0.0.1", 8000), "127.0.0.1:8000:8000", False),
        (("127.0.0.1", 8000), "127.0.0.1:+8000", False),
        (("127.0.0.1", 8000), "127.0.0.1:８０００", False),  # full-width digits
        (("127.0.0.1", 8000), "[::1", False),
    ],
)
def test_which_hosts_are_the_served_address(bound, host, allowed):
    from trellis.plugin.serve_guard import HostCheck

    assert HostCheck(lambda: bound).allows(host) is allowed
