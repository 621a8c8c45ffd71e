"""Which Trellis runs, and the `requirements.txt` line that installs the same one elsewhere.

A journal's CI (the workflow `trellis init` writes) installs Trellis with
`pip install -r requirements.txt`, on a machine that has nothing but the journal. So the line
must name something that machine can fetch:

- installed from the package index: `trellis-journal==X.Y.Z` (no `direct_url.json`);
- installed from a VCS URL (`pip install "trellis-journal @ git+https://...@REF"`): that URL at
  the exact commit pip checked out, read from the distribution's `direct_url.json` (PEP 610),
  so the journal keeps the Trellis it was made with even when the branch moves on;
- installed from an archive on the web: that URL, with its hash when pip recorded one;
- installed from a local folder, an editable checkout, a wheel file on this machine, or run from
  a source tree that is not the installed distribution: nothing the CI can fetch. Then the line
  is a sentence that pip refuses as an invalid requirement, printing it whole, so the CI's
  install step fails with the explanation instead of "no matching distribution"; a sentence can
  never be a package name someone registers on the index later.

`trellis init --requirement SPEC` writes SPEC instead.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from . import __version__

NAME = "trellis-journal"
# The first words of the line written when this Trellis can't be installed elsewhere: the
# workflow `init` writes looks for them to fail with an annotation before pip runs.
LOCAL_MARK = "Trellis ran from a local folder"
# pip reads it as a requirement, fails at its second word and prints it whole. It holds no
# '/', '@', ';' or ' #', so pip never reads it as a path, a URL, a marker or a comment.
LOCAL_LINE = (
    f"{LOCAL_MARK} or checkout when trellis init wrote this file, and the journal's CI cannot "
    "install that: replace this line with trellis-journal=={version} once that version is "
    "released, or with Trellis' git URL at a commit (README: Start your own journal)"
)


class BadRequirement(ValueError):
    """`--requirement` holds something pip can't read as one line; the message says why."""


@dataclass(frozen=True)
class Requirement:
    line: str  # the requirements.txt line
    note: str = ""  # one line for init to print when the line may not install in the journal's CI
    installable: bool = True  # False: the line is LOCAL_LINE, which pip refuses


def version() -> str:
    """The version of the Trellis that runs: the installed distribution's metadata (the wheel's
    METADATA), or the source's `__version__` when it was never installed."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as metadata_version

    try:
        return metadata_version(NAME)
    except PackageNotFoundError:
        return __version__


def requirement(explicit: str | None = None) -> Requirement:
    """The line that installs this Trellis in the journal's CI (or `explicit`, checked)."""
    if explicit is not None:
        return _explicit(explicit)
    from importlib.metadata import PackageNotFoundError, distribution

    here = Path(__file__).resolve().parent
    try:
        dist = distribution(NAME)
    except PackageNotFoundError:
        return _local(f"Trellis runs from {here}, which was never installed", __version__)
    try:
        direct = json.loads(dist.read_text("direct_url.json") or "null")
    except ValueError:
        direct = "unreadable"
    installed = Path(str(dist.locate_file("trellis/__init__.py"))).resolve()
    local_folder = isinstance(direct, dict) and "dir_info" in direct  # its files are not in site-packages
    if not local_folder and installed != here / "__init__.py":  # a source tree ahead of the installed copy
        return _local(f"Trellis runs from {here}, not from its installed distribution", __version__)
    return from_direct_url(direct, dist.version)


def from_direct_url(direct: object, installed_version: str) -> Requirement:
    """The line for a distribution installed as its `direct_url.json` (PEP 610, parsed; None
    when there is none) says."""
    if direct is None:  # from an index: PEP 610 writes direct_url.json only for direct URLs
        return Requirement(f"{NAME}=={installed_version}")
    if not isinstance(direct, dict) or not isinstance(direct.get("url"), str):
        return _local("Trellis' installation record (direct_url.json) can't be read", installed_version)
    if isinstance(direct.get("dir_info"), dict):
        how = "an editable checkout" if direct["dir_info"].get("editable") else "a local folder"
        return _local(f"Trellis was installed from {how} ({_shown_url(direct['url'])})", installed_version)
    url, dropped = _without_credentials(direct["url"])
    note = "the credentials in the URL Trellis was installed from were left out of requirements.txt" if dropped else ""
    vcs = direct.get("vcs_info")
    if isinstance(vcs, dict) and isinstance(vcs.get("vcs"), str) and isinstance(vcs.get("commit_id"), str):
        line = f"{NAME} @ {vcs['vcs']}+{url}@{vcs['commit_id']}"
        if isinstance(direct.get("subdirectory"), str) and direct["subdirectory"]:
            line += f"#subdirectory={direct['subdirectory']}"
        if urlsplit(url).scheme == "file":
            note = (
                f"requirements.txt installs Trellis from a repository on this machine ({url}), which "
                "the journal's CI cannot reach: give trellis init --requirement a URL it can"
            )
        return Requirement(line, note)
    archive = direct.get("archive_info")
    if isinstance(archive, dict) and urlsplit(url).scheme in ("http", "https"):
        hashes = archive.get("hashes")
        legacy = archive.get("hash")  # PEP 610's first form: "sha256=<hex>"
        if isinstance(hashes, dict) and isinstance(hashes.get("sha256"), str):
            url = f"{url.split('#')[0]}#sha256={hashes['sha256']}"
        elif isinstance(legacy, str) and legacy.startswith("sha256="):
            url = f"{url.split('#')[0]}#{legacy}"
        return Requirement(f"{NAME} @ {url}", note)
    return _local(f"Trellis was installed from a file on this machine ({_shown_url(url)})", installed_version)


def _local(why: str, release: str) -> Requirement:
    note = (
        f"{why}: the journal's CI cannot install it, so requirements.txt says so and its install "
        "step fails until you replace that line (or run init with --requirement SPEC)"
    )
    return Requirement(LOCAL_LINE.format(version=release), note, installable=False)


def _explicit(spec: str) -> Requirement:
    line = spec.strip()
    if not line or any(ord(c) < 32 or ord(c) == 127 for c in line):
        raise BadRequirement("--requirement must be one line pip reads, e.g. --requirement 'trellis-journal==0.1.0'")
    if line.startswith("#"):
        raise BadRequirement(
            f"--requirement '{line}' is a comment and would install nothing: "
            "give a requirement, e.g. trellis-journal==0.1.0"
        )
    return Requirement(line)


# PEP 610: a URL may keep the user 'git' (ssh) or environment variables; anything else in its
# user part is a credential and must not land in a committed file.
_KEPT_USER = re.compile(r"git|\$\{[A-Za-z0-9_-]+\}(:\$\{[A-Za-z0-9_-]+\})?")


def _without_credentials(url: str) -> tuple[str, bool]:
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url, False
    user, host = parts.netloc.rsplit("@", 1)
    if _KEPT_USER.fullmatch(user):
        return url, False
    return urlunsplit(parts._replace(netloc=host)), True


def _shown_url(url: str) -> str:
    parts = urlsplit(url)
    return parts.path if parts.scheme == "file" else _without_credentials(url)[0]
