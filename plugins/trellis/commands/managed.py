"""What `trellis upgrade` (and `trellis init`, which writes the first record) knows of the
managed files: which they are, the values in them that are the user's (blanked before hashing),
the hashes of every version Trellis shipped, and the manifest `.trellis/managed.json`.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from .. import distribution

MANIFEST = ".trellis/managed.json"
GITIGNORE = ".gitignore"
WORKFLOW = ".github/workflows/publish.yml"
REQUIREMENTS = "requirements.txt"
# whole files Trellis manages, in the order they are reported
WHOLE = (
    WORKFLOW,
    ".pre-commit-config.yaml",
    REQUIREMENTS,
    ".remarkrc.json",
    "package.json",
    ".vscode/settings.json",
    ".vscode/extensions.json",
)
# every version of `init` wrote these: one missing from a project without a manifest was removed by the user
FIRST_FILES = frozenset({WORKFLOW, ".pre-commit-config.yaml", REQUIREMENTS, GITIGNORE})
# values the user is expected to set in a managed file (README: "put its SSH address in PUBLIC_REPO")
SLOTS = {WORKFLOW: ("PUBLIC_REPO", "PUBLIC_BRANCH")}
_BLANK = "\x00"
_REQUIREMENT_BLANK = "\x00TRELLIS-REQUIREMENT\x00"

# sha256 of the blanked text of every version of each managed file Trellis has shipped, so that
# a project made before the manifest existed can tell an unedited file from an edited one.
# When a managed template changes, add the hash of its previous version here
# (`digest(PATH, TEXT)` of the template's text as it was).
KNOWN = {
    WORKFLOW: {  # newest first
        "2933ac878a46532494db869b6b1c71852c8e807e6619ad7231054c619f5b40bb",  # before the weekly digest job
        "84b01c288bcc40bf1a28ea33b0269fee5283fc0b6031fb66e89f4c3f72db1367",
        "e8fd66c616efeb8c6b2c6b369d5d77901e1b85621439ffa6d01bc72877f1e489",
        "cc32ad6fb7453ce9f499a6d2ede21b9b36112faf70442cc996df1b84d9db344c",
        "7282ef11bf0283cb43ba3351b5d3287383a978370d9b32efd65694065f539309",  # the first (no fetch-depth: 0)
    },
    ".pre-commit-config.yaml": {"d651c639eb21e0dc04da81092d8c73fe881cc73bcba731732a74e2844ab39305"},
    REQUIREMENTS: {"1add1e71e60ba5aa7c19a69186583a3d15d7070785cea83ef1cd4ded18d93ffd"},
    ".remarkrc.json": {"ef5feded6b6804b8b90d7eab5b0e086d984e0a9c7028b2f8f988cefac82c07c4"},
    "package.json": {"3ced1bb8e878814b3a8d4c005d3668a363d709bb9ed0da1db5301aa25ac97157"},
    ".vscode/settings.json": {"b65b0af3699c02d3027a925635be7990d797536270976d0a9fd5e8bdc168e612"},
    ".vscode/extensions.json": {"3e404212e1370583f0a650c8080891ceea8c677c133a279c543479d54d71d485"},
}

# journal/ is the user's: upgrade never writes it. The goals `init` writes there are only for new
# projects; an older project keeps the one its init wrote. Upgrade recognises an unedited one by
# these hashes (of the text with the dates init filled in blanked, `journal_digest`) and says
# what this version's init writes instead, for the user to change by hand if they like.
# When a goal template under templates/project/journal/ changes, add its previous version here.
JOURNAL_KNOWN = {
    # the first: measure: {count: interactions, where: {tags: [reconnect]}}
    "goals/weekly-dormant-ties.md": (
        {"26ca4d5ee2bc2a62eef2ca257045d9830e869e9108723110c375d267344fb691"},
        "is the goal an earlier trellis init wrote, unchanged: it counts interactions with contacts "
        "tagged reconnect. trellis init now writes measure: {count: revived}, which counts talking to "
        "anyone whose tie was dormant that day, no tag needed; to use it, change the measure: line by "
        "hand (trellis upgrade never writes journal/)",
    ),
}
_JOURNAL_DATES = re.compile(r"^(?P<lead>(?:start|due|horizon):[ \t]*)\S*", re.M)


def journal_digest(text: str) -> str:
    """The hash of a goal file init wrote, its dates (start, due, horizon) blanked."""
    blank = _JOURNAL_DATES.sub(lambda m: m["lead"] + _BLANK, text.replace("\r\n", "\n"))
    return hashlib.sha256(blank.encode("utf-8")).hexdigest()


def _slot_pattern(name: str) -> re.Pattern:
    # `  PUBLIC_REPO: value   # comment`: the value alone, the first such line (the env block)
    return re.compile(rf"^(?P<lead>[ \t]*{name}:[ \t]*)(?P<value>[^#\n]*?)(?P<tail>[ \t]+#[^\n]*)?$", re.M)


def blanked(rel: str, text: str) -> str:
    """The file's text with the values that are the user's to set blanked out."""
    for name in SLOTS.get(rel, ()):
        text = _slot_pattern(name).sub(lambda m: f"{m['lead']}{_BLANK}{m['tail'] or ''}", text, count=1)
    if rel == REQUIREMENTS:
        text = "".join(
            _REQUIREMENT_BLANK + "\n" if _is_requirement(line) else line for line in text.splitlines(keepends=True)
        )
    return text


def _is_requirement(line: str) -> bool:
    """A line of requirements.txt that installs Trellis (a pin, a URL, a path)."""
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#") and "trellis" in stripped.lower()


def requirement_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if _is_requirement(line)]


def chosen_requirement(manifest: dict | None) -> str | None:
    """The Trellis line the owner chose with `init --requirement` (recorded in the manifest), if any."""
    found = (manifest or {}).get("requirement")
    return found if isinstance(found, str) and found.strip() else None


def digest(rel: str, text: str) -> str:
    return hashlib.sha256(blanked(rel, text).encode("utf-8")).hexdigest()


def _slot_values(rel: str, text: str) -> dict[str, str]:
    values = {}
    for name in SLOTS.get(rel, ()):
        found = _slot_pattern(name).search(text)
        if found:
            values[name] = found["value"]
    return values


def carried_over(rel: str, new: str, current: str | None, chosen: str | None = None) -> str:
    """This version's text of a file, with the values the user set in the current one (and the
    Trellis line chosen with `init --requirement`, while requirements.txt still has it)."""
    if current is None:
        return new
    if rel == REQUIREMENTS and chosen and requirement_lines(current) == [chosen]:
        new = "".join(chosen + "\n" if _is_requirement(line) else line for line in new.splitlines(keepends=True))
    for name, value in _slot_values(rel, current).items():
        new = _slot_pattern(name).sub(lambda m: f"{m['lead']}{value}{m['tail'] or ''}", new, count=1)
    return new


# .gitignore -----------------------------------------------------------------------------


def patterns(text: str) -> list[str]:
    """A .gitignore's patterns, in order (comments and blank lines left out)."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def missing_patterns(current: str, template: str, recorded: list[str]) -> list[str]:
    """The template's patterns to append to `current`: those it lacks and the user did not
    delete after Trellis recorded them. A negation (`!/package.json`) only works after the
    pattern it excepts, so the template's negations after an appended pattern follow it."""
    have = set(patterns(current))
    wanted = patterns(template)
    added: list[str] = []
    for index, pattern in enumerate(wanted):
        if pattern in have or pattern in recorded or pattern in added:
            continue
        added.append(pattern)
        if not pattern.startswith("!"):
            added += [later for later in wanted[index + 1 :] if later.startswith("!") and later not in added]
    return added


def read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8") if path.is_file() and not path.is_symlink() else None
    except UnicodeDecodeError:
        return ""  # not text Trellis wrote: an edit


def read_manifest(project: Path) -> dict | None:
    text = read_text(project / MANIFEST)
    if text is None:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def is_managed_project(project: Path) -> bool:
    """A project `trellis init` made (not, say, Trellis' own repository and its example)."""
    if (project / MANIFEST).is_file():
        return True
    workflow = read_text(project / WORKFLOW) or ""
    requirements = read_text(project / REQUIREMENTS) or ""
    return "trellis publish" in workflow or any(_is_requirement(line) for line in requirements.splitlines())


def manifest_text(files: dict[str, str], version: str, ignored: list[str]) -> str:
    """The manifest for managed files as written (`files`: path -> text)."""
    data = {
        "about": "What trellis init and trellis upgrade wrote: each managed file's Trellis version and the "
        "sha256 of its text (with the values you set, PUBLIC_REPO, PUBLIC_BRANCH and the Trellis "
        "requirement, blanked). A file whose hash differs is yours: trellis upgrade keeps it "
        "(kept: the version Trellis offered, which you kept your edit over).",
        "trellis": version,
        "files": {rel: {"version": version, "sha256": digest(rel, text)} for rel, text in sorted(files.items())},
        "gitignore": ignored,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def init_manifest(files: dict[str, str]) -> str:
    """The manifest `init` writes beside the files it writes. A Trellis line other than the one
    init writes by default was chosen (`--requirement`): recorded, so that upgrade keeps it and
    `trellis check` does not call the project it just made older than this Trellis."""
    managed = {rel: text for rel, text in files.items() if rel in WHOLE}
    text = manifest_text(managed, distribution.version(), patterns(files.get(GITIGNORE, "")))
    lines = requirement_lines(files.get(REQUIREMENTS, ""))
    if len(lines) == 1 and lines[0] != distribution.requirement().line:
        data = json.loads(text)
        data["requirement"] = lines[0]
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return text


def written_by_newer(project: Path, installed: str) -> str | None:
    """The version of a newer Trellis that wrote the manifest, if one did: upgrading with an
    older one would take its fixes back out."""
    recorded = (read_manifest(project) or {}).get("trellis")
    if not isinstance(recorded, str):
        return None
    try:
        from packaging.version import InvalidVersion, Version  # MkDocs' own dependency
    except ImportError:
        return None
    try:
        return recorded if Version(recorded) > Version(installed) else None
    except InvalidVersion:
        return None
