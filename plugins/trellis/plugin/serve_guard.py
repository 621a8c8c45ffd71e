"""The owner view answers only the owner's browser: `mkdocs serve` checks each request's Host.

MkDocs' development server answers whatever name a request was sent to. A web page the
owner opens while serving can point a name of its own at 127.0.0.1 (DNS rebinding); the
browser then sends that page's requests to the served journal with `Host:
rebind.attacker.example:8000`, and the page reads every contact, the reach-out page and
the calendar. A browser always sends the name it connected to, and a page can neither
choose nor forge it, so a request addressed to any other name than the served address is
refused (403) before MkDocs sees it: pages, files, the calendar and livereload's long-poll
alike.

Allowed: `localhost`, `127.0.0.1`, `[::1]` and the address `-a`/`dev_addr` names, each with
the served port (without one only when the port is 80, which browsers omit). Served on
every interface (0.0.0.0 or ::), any IP address with the port and the machine's own name
are allowed too: another device of the owner's reaches the site by one of the machine's
addresses, and an address written as an IP cannot be rebound (rebinding needs a name the
attacker's DNS answers for). A request with no Host at all (HTTP/1.0) is refused: browsers
always send one, and what is not addressed to the served site gets nothing of it.

No MkDocs here: the server is a wsgiref server, and this wraps its WSGI application. The
wrap is set on the server's class from on_startup, before `mkdocs serve` makes its server:
MkDocs' on_serve hook, which hands the server to plugins, is skipped under
`--no-livereload`, and it is the same server then.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wsgiref.simple_server import WSGIServer

WILDCARDS = ("0.0.0.0", "::")
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
MAX_REPORTED = 20  # distinct refused hosts named in the log; a flood is not logged line by line
REFUSAL = (
    b"403 Forbidden: this is the private owner view of a Trellis journal, answered only to requests "
    b"addressed to the address it is served on (open that address, as mkdocs serve printed it).\n"
)


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def is_loopback(host: str) -> bool:
    ip = _ip(host)
    return host == "localhost" or (ip is not None and ip.is_loopback)


def _shown(host: str) -> str:
    """A host as a Host header writes it: an IPv6 address in brackets."""
    ip = _ip(host)
    return f"[{ip}]" if ip is not None and ip.version == 6 else (str(ip) if ip is not None else host.lower())


def _split(value: str) -> tuple[str, int | None] | None:
    """A Host header's name and port (None when it has none), or None when it is not one."""
    value = value.strip().lower()
    if value.startswith("["):
        name, bracket, rest = value.partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            return None
        name, port = name + "]", rest[1:] if rest else None
    else:
        name, colon, port = value.partition(":")
        port = port if colon else None
    if port is not None and not (port.isascii() and port.isdigit() and len(port) <= 5):
        return None
    return name, int(port) if port is not None else None


class HostCheck:
    """Whether a request's Host names the served address; `bound` is read at each request,
    so a port the system chose (`-a 127.0.0.1:0`) is the port checked."""

    def __init__(self, bound: Callable[[], tuple[str, int]]) -> None:
        self._bound = bound

    def allows(self, host_header: str | None) -> bool:
        if not host_header:
            return False
        split = _split(host_header)
        if split is None:
            return False
        name, port = split
        host, served_port = self._bound()
        if port != served_port and not (port is None and served_port == 80):
            return False
        if name in LOOPBACK_NAMES or name == _shown(host):
            return True
        if host in WILDCARDS:  # every interface: the machine's addresses and its name
            return _ip(name) is not None or name in _own_names()
        return False


@functools.lru_cache(maxsize=1)  # getfqdn may ask the DNS: once, not at every request
def _own_names() -> frozenset[str]:
    names = {socket.gethostname().lower()}
    try:
        names.add(socket.getfqdn().lower())
    except OSError:
        pass
    return frozenset({n for n in names if n} | {f"{n}.local" for n in names if n and "." not in n})


def guarded(app: Callable, check: HostCheck, report: Callable[[str], None]) -> Callable:
    """The WSGI application `app`, answering 403 (and nothing of the site) to a request
    addressed to another host; each distinct refused host is reported once."""
    reported: set[str] = set()
    lock = threading.Lock()

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        host = environ.get("HTTP_HOST")
        if check.allows(host):
            return app(environ, start_response)
        shown = repr(host[:100]) if host else "no Host header"
        with lock:
            first = shown not in reported and len(reported) < MAX_REPORTED
            reported.add(shown)
        if first:
            report(shown)
        start_response(
            "403 Forbidden",
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(REFUSAL))),
                ("X-Content-Type-Options", "nosniff"),
                ("Cache-Control", "no-store"),
            ],
        )
        return [REFUSAL]

    return application


def refused_message(shown: str, host: str, port: int) -> str:
    served = "this machine's addresses" if host in WILDCARDS else f"http://{_shown(host)}:{port}/"
    return (
        f"refused a request addressed to {shown}: the owner view answers only requests to {served} "
        "(a web page that points a name of its own at this machine, DNS rebinding, would otherwise "
        "read your journal)"
    )


def exposure_warning(host: str, port: int) -> str | None:
    """Why serving on this address exposes the private view, or None for a loopback address."""
    if is_loopback(host):
        return None
    where = "every network this machine is on" if host in WILDCARDS else f"the network of {host}"
    return (
        f"serving on {_shown(host)}:{port}: the private owner view (e-mails, phones, notes, the calendar) "
        f"is open to {where}, to anyone who can reach this port; serve on 127.0.0.1 (the default) "
        "unless you mean it"
    )


def guard_servers(
    server_class: type[WSGIServer], report: Callable[[str], None], warn: Callable[[str], None]
) -> Callable[[], None]:
    """Make every server of `server_class` (MkDocs' LiveReloadServer, a wsgiref server) check the
    Host of each request, whatever WSGI application it is given (its own, set in its __init__,
    or one a plugin sets later); warn when it listens beyond this machine. Returns the undo."""
    original = server_class.set_app
    if getattr(original, "_trellis_guard", False):
        return lambda: None  # guarded already (a second plugin instance)

    def set_app(server, application: Callable) -> None:
        def bound() -> tuple[str, int]:
            address = server.server_address  # after bind: the port actually served
            return str(address[0]), int(address[1])

        if not getattr(server, "_trellis_warned", False):
            server._trellis_warned = True
            host, port = bound()
            if (warning := exposure_warning(host, port)) is not None:
                warn(warning)
        original(server, guarded(application, HostCheck(bound), lambda shown: report(refused_message(shown, *bound()))))

    set_app._trellis_guard = True  # type: ignore[attr-defined]
    server_class.set_app = set_app  # type: ignore[method-assign, assignment]  # a patch of the class, undone below

    def undo() -> None:
        if server_class.set_app is set_app:
            server_class.set_app = original  # type: ignore[method-assign]  # the class's own again

    return undo
