"""`trellis upgrade`: the files `trellis init` wrote, brought to the installed Trellis' version.

Trellis manages a few files of a journal project besides the journal: the publishing workflow,
the pre-commit config, `requirements.txt`, the editor set-up and `.gitignore`. When a new
version changes them (the workflow learnt `fetch-depth: 0` and annotations), an existing
journal would keep the old ones for ever; `upgrade` brings them up to date and shows how.

What it may change, and how it knows the user did not edit a file:

- `.trellis/managed.json` (the manifest, written by `init` and by `upgrade`) records each
  managed file's Trellis version and the sha256 of what Trellis wrote. A file whose hash
  still equals the recorded one is unedited, and is replaced; an edited one is kept, and
  replaced only with `--force`, after a backup next to it (`FILE.YYYYMMDD.bak`, a name the
  `*.bak` pattern of every `.gitignore` Trellis wrote ignores).
- The values a user is told to set in a managed file (the workflow's `PUBLIC_REPO` and
  `PUBLIC_BRANCH`) are no edit: they are blanked before hashing and carried into the new
  version. The Trellis requirement in `requirements.txt` is blanked as well, and replaced by
  the one `init` would write now (`project.project_files`, so that it is init's own line).
- A project made before the manifest existed has no record: its files are compared with
  every version of the templates Trellis has shipped (`KNOWN`, hashes of the blanked text).
- `.gitignore` is merged: the patterns this version's template has and the file lacks are
  appended; none of the user's is removed, and a pattern the user deleted after Trellis
  recorded it is not added back.
- Everything under `journal/` is the user's: never written. So is `mkdocs.yml`, with one
  exception that is privacy, not taste: a mkdocs.yml with no `exclude_docs` at all gets the
  block that keeps the record folders out of any engine's pages (`exclusion.py`), appended at
  its end, so that a build without Trellis publishes none of them (issue 25); one whose
  `exclude_docs` lacks some of the lines is told which. Other settings the template's
  `mkdocs.yml` has and the user's lacks are listed as recommendations.
- A managed file that a recorded project no longer has was removed by the user, and stays
  removed (`--force` brings it back); a file new in this version is created.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import writing

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
# (`upgrade.digest(PATH, TEXT)` of the template's text as it was).
KNOWN = {
    WORKFLOW: {  # newest first
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


def _requirement_lines(text: str) -> list[str]:
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
    if rel == REQUIREMENTS and chosen and _requirement_lines(current) == [chosen]:
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


# mkdocs.yml: the user's, so only recommendations --------------------------------------

# Settings whose value is the user's own (their name, address): never recommended
_PERSONAL_KEYS = frozenset(
    {
        "site_name",
        "site_description",
        "site_url",
        "site_author",
        "copyright",
        "nav",
        "repo_url",
        "repo_name",
        "edit_uri",
        "docs_dir",
        "site_dir",
        "theme",
        "plugins",
    }
)


def mkdocs_recommendations(current: dict, template_text: str) -> list[str]:
    """The template's top-level mkdocs.yml settings the user's lacks, each as the template
    writes it (its comment lines above it included), for the user to copy by hand."""
    import yaml

    from .pipeline import _AnyTagLoader

    try:
        template = yaml.load(template_text, Loader=_AnyTagLoader) or {}
    except yaml.YAMLError:
        return []
    blocks = []
    for key in template:
        if key in current or key in _PERSONAL_KEYS:
            continue
        blocks.append(_top_level_block(template_text, key))
    return [block for block in blocks if block]


def _top_level_block(text: str, key: str) -> str:
    lines = text.splitlines()
    for at, line in enumerate(lines):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            start = at
            while start > 0 and lines[start - 1].startswith("#"):  # its comment (site_name, first, is never shown)
                start -= 1
            end = at + 1
            while end < len(lines) and (lines[end].startswith((" ", "\t", "-")) or not lines[end].strip()):
                end += 1
            return "\n".join(lines[start:end]).rstrip()
    return ""


# The plan --------------------------------------------------------------------------------


@dataclass
class Change:
    rel: str
    action: str  # current | yours | other | update | create | edited | force | removed | restore | merge | refresh | exclude
    old: str | None = None
    new: str | None = None
    added: list[str] = field(default_factory=list)  # .gitignore: the appended patterns

    @property
    def writes(self) -> bool:
        return self.action in ("update", "create", "force", "restore", "merge", "refresh", "exclude")


@dataclass
class Plan:
    project: Path
    version: str
    changes: list[Change]
    manifest_old: str | None
    manifest_new: str
    recommendations: list[str]

    @property
    def writes(self) -> list[Change]:
        return [c for c in self.changes if c.writes]

    @property
    def kept(self) -> list[Change]:
        return [c for c in self.changes if c.action in ("edited", "removed", "other")]

    @property
    def manifest_changes(self) -> bool:
        return self.manifest_old != self.manifest_new

    @property
    def anything(self) -> bool:
        return bool(self.writes) or self.manifest_changes


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8") if path.is_file() and not path.is_symlink() else None
    except UnicodeDecodeError:
        return ""  # not text Trellis wrote: an edit


def read_manifest(project: Path) -> dict | None:
    text = _read(project / MANIFEST)
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
    workflow = _read(project / WORKFLOW) or ""
    requirements = _read(project / REQUIREMENTS) or ""
    return "trellis publish" in workflow or any(_is_requirement(line) for line in requirements.splitlines())


def expected(journal_rel: str, today: dt.date) -> tuple[dict[str, str], dict[str, str], str]:
    """(this version's managed whole files, its generated schema copies, its mkdocs.yml template)."""
    from . import project as project_module

    files = project_module.project_files(project_module.Settings(), today)
    own, generated = project_module.editor_files(journal_rel)
    whole = {rel: own.get(rel, files.get(rel)) for rel in WHOLE}
    whole[GITIGNORE] = files[GITIGNORE]
    return whole, generated, files["mkdocs.yml"]


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
    from . import distribution
    from .project import installed_version

    managed = {rel: text for rel, text in files.items() if rel in WHOLE}
    text = manifest_text(managed, installed_version(), patterns(files.get(GITIGNORE, "")))
    lines = _requirement_lines(files.get(REQUIREMENTS, ""))
    if len(lines) == 1 and lines[0] != distribution.requirement().line:
        data = json.loads(text)
        data["requirement"] = lines[0]
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return text


def plan(project: Path, journal_rel: str, today: dt.date, force: bool = False, recommend: bool = True) -> Plan:
    from .pipeline import site_config
    from .project import installed_version

    version = installed_version()
    manifest = read_manifest(project)
    recorded = (manifest or {}).get("files") or {}
    recorded = recorded if isinstance(recorded, dict) else {}
    whole, generated, mkdocs_template = expected(journal_rel, today)
    changes: list[Change] = []
    entries: dict[str, dict] = {}
    for rel in WHOLE:
        template = whole[rel]
        if template is None:
            continue
        current = _read(project / rel)
        entry = recorded.get(rel) if isinstance(recorded.get(rel), dict) else None
        new = carried_over(rel, template, current, chosen_requirement(manifest))
        if current is None:
            if (project / rel).exists() or (project / rel).is_symlink():
                changes.append(Change(rel, "other", None, new))  # a folder, a link: never written through
                if entry:
                    entries[rel] = entry
                continue
            removed = entry is not None or (manifest is None and rel in FIRST_FILES)
            changes.append(Change(rel, ("restore" if force else "removed") if removed else "create", None, new))
            if removed and not force:
                if entry:
                    entries[rel] = entry
                continue
        elif current == new:
            changes.append(Change(rel, "current", current, new))
        else:
            ours = (
                digest(rel, current) == entry.get("sha256")
                if entry and not entry.get("kept")
                else digest(rel, current) in KNOWN.get(rel, ())
            )
            ours = ours or digest(rel, current) == digest(rel, template)  # only the values the user sets differ
            if ours:
                changes.append(Change(rel, "update", current, new))
            elif force:
                changes.append(Change(rel, "force", current, new))
            else:
                # edited: kept. Shown once per version of Trellis' file: the manifest records the
                # version offered, and while it stays the same the edit is all that differs
                seen = bool(entry) and entry.get("sha256") == digest(rel, template)
                changes.append(Change(rel, "yours" if seen else "edited", current, new))
                entries[rel] = entry if seen else {"version": version, "sha256": digest(rel, new), "kept": True}
                continue
        entries[rel] = {"version": version, "sha256": digest(rel, new)}
    # the generated schema copies: Trellis', refreshed like `trellis editor` does, where the
    # project has the editor set-up
    if (
        (project / ".remarkrc.json").exists()
        or (project / ".trellis" / "schema").is_dir()
        or any(c.rel == ".remarkrc.json" and c.action == "create" for c in changes)
    ):
        for rel, text in generated.items():
            current = _read(project / rel)
            if current != text and not (project / rel).is_symlink():
                changes.append(Change(rel, "refresh", current, text))
    # .gitignore: merged
    gitignore_now = _read(project / GITIGNORE)
    listed = (manifest or {}).get("gitignore")
    recorded_patterns = [p for p in listed if isinstance(p, str)] if isinstance(listed, list) else []
    gone = not (project / GITIGNORE).exists() and not (project / GITIGNORE).is_symlink()
    if gitignore_now is None and gone and (manifest is not None or force):
        if force:
            changes.append(Change(GITIGNORE, "restore", None, whole[GITIGNORE]))
        else:
            changes.append(Change(GITIGNORE, "removed"))
    elif gitignore_now is None and gone:
        changes.append(Change(GITIGNORE, "create", None, whole[GITIGNORE]))
    elif gitignore_now is not None:
        added = missing_patterns(gitignore_now, whole[GITIGNORE], recorded_patterns)
        if added:
            block = (
                f"# added by trellis upgrade ({version}): what this version of Trellis keeps out of git\n"
                + "".join(f"{p}\n" for p in added)
            )
            merged = (
                gitignore_now
                + ("" if not gitignore_now or gitignore_now.endswith("\n") else "\n")
                + ("\n" if gitignore_now.strip() else "")
                + block
            )
            changes.append(Change(GITIGNORE, "merge", gitignore_now, merged, added))
    else:  # a link or a folder: never written through
        changes.append(Change(GITIGNORE, "other"))
    ignored = list(dict.fromkeys(recorded_patterns + patterns(whole[GITIGNORE])))
    manifest_new = json.loads(manifest_text({}, version, ignored))
    manifest_new["files"] = dict(sorted(entries.items()))
    chosen = chosen_requirement(manifest)
    if chosen and chosen in _requirement_lines(_read(project / REQUIREMENTS) or ""):  # still the owner's choice
        manifest_new["requirement"] = chosen
    manifest_new_text = json.dumps(manifest_new, indent=2, ensure_ascii=False) + "\n"
    config = site_config(project)
    # exclude_docs is not a taste but the privacy of a build without Trellis: handled below
    recommendations = (
        [block for block in mkdocs_recommendations(config, mkdocs_template) if "\nexclude_docs:" not in "\n" + block]
        if recommend and (project / "mkdocs.yml").is_file()
        else []
    )
    exclude = exclude_docs_change(project, journal_rel, config)
    if isinstance(exclude, Change):
        changes.append(exclude)
    elif exclude and recommend:
        recommendations.append(exclude)
    return Plan(project, version, changes, _read(project / MANIFEST), manifest_new_text, recommendations)


def exclude_docs_change(project: Path, journal_rel: str, config: dict) -> Change | str | None:
    """mkdocs.yml's `exclude_docs` for the record folders: a Change appending the block to a
    mkdocs.yml that has none, advice (a text) for one that lacks some lines, None when all is there.
    The block is appended only when the result still parses to the same settings plus it."""
    import posixpath

    import yaml

    from .pipeline import _AnyTagLoader
    from .privacy import exclusion

    path = project / "mkdocs.yml"
    text = _read(path)
    if not text or not config:  # no mkdocs.yml of its own (properdocs.yml, a link): nothing written
        return None
    docs_dir = str(config.get("docs_dir") or "docs").strip("/")
    inner = posixpath.relpath(journal_rel, docs_dir) if journal_rel != docs_dir else ""
    if inner.startswith(".."):  # the journal is outside docs_dir: no page of it to exclude
        return None
    inner = "" if inner == "." else inner
    effective = _inherited(path, config)
    if effective is None:  # a file INHERIT names can't be read: its exclude_docs unknown, nothing appended
        return exclusion.exclude_docs_advice([], first=True, journal_dir=inner)
    if "exclude_docs" in effective:  # mkdocs.yml's own, or one it inherits (MkDocs: the child's key wins whole)
        written = effective.get("exclude_docs")
        missing = exclusion.missing_exclude_lines(written if isinstance(written, str) else "", inner)
        return exclusion.exclude_docs_advice(missing, first=False, journal_dir=inner) if missing else None
    new = text + ("" if text.endswith("\n") else "\n") + "\n" + exclusion.exclude_docs_yaml(inner)
    try:
        before = yaml.load(text, Loader=_AnyTagLoader) or {}
        after = yaml.load(new, Loader=_AnyTagLoader) or {}
    except yaml.YAMLError:
        return exclusion.exclude_docs_advice([], first=True, journal_dir=inner)
    expected = {**before, "exclude_docs": "".join(f"{line}\n" for line in exclusion.exclude_docs_lines(inner))}
    if not isinstance(after, dict) or after != expected:  # e.g. a file ending in a document marker
        return exclusion.exclude_docs_advice([], first=True, journal_dir=inner)
    return Change("mkdocs.yml", "exclude", text, new)


def _inherited(path: Path, config: dict, depth: int = 0) -> dict | None:
    """mkdocs.yml's settings over those of the files its `INHERIT` names, as MkDocs merges them
    (for a top-level key, the child's value replaces the parent's); None when one can't be read.
    Appending exclude_docs to a child whose parent has one would replace the parent's whole list,
    and publish whatever else it kept out (a drafts/ folder)."""
    import yaml

    from .pipeline import _AnyTagLoader

    parent = config.get("INHERIT")
    if parent is None:
        return config
    if not isinstance(parent, str) or depth > 20:
        return None
    parent_path = path.parent / parent
    try:
        data = yaml.load(parent_path.read_text(encoding="utf-8"), Loader=_AnyTagLoader) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    base = _inherited(parent_path, data, depth + 1) if isinstance(data, dict) else None
    return None if base is None else {**base, **{k: v for k, v in config.items() if k != "INHERIT"}}


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


def backup_path(path: Path, today: dt.date) -> Path:
    """`FILE.YYYYMMDD.bak`, free: the `*.bak` pattern keeps it out of git."""
    stem = f"{path.name}.{today.strftime('%Y%m%d')}"
    candidate = path.with_name(f"{stem}.bak")
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{stem}-{number}.bak")
        number += 1
    return candidate


def _crlf(path: Path) -> bool:
    """The file's lines end in CRLF (it is read with universal newlines, so the plan's text has LF)."""
    try:
        return path.is_file() and b"\r\n" in path.read_bytes()
    except OSError:
        return False


def apply(the_plan: Plan, today: dt.date) -> list[tuple[Change, Path | None]]:
    """Write what the plan says; (change, backup) for each write, in order."""
    done = []
    for change in the_plan.writes:
        path = the_plan.project / change.rel
        backup = None
        if change.action == "force" and change.old is not None:
            backup = backup_path(path, today)
            with open(backup, "xb") as copy:  # the bytes as they are (a file that is not UTF-8 too); never over one
                copy.write(path.read_bytes())
        text = change.new or ""
        if _crlf(path):  # a checkout with CRLF (Windows, no autocrlf): every line as the user's end
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        if path.exists():
            writing.replace(path, text)
        else:
            writing.create(path, text)
        done.append((change, backup))
    if the_plan.manifest_changes:
        path = the_plan.project / MANIFEST
        if path.is_symlink() and not path.exists():  # dangling: the file takes the link's place, as over a live one
            path.unlink()
        writing.replace(path, the_plan.manifest_new) if path.exists() else writing.create(path, the_plan.manifest_new)
    return done


def diff(change: Change) -> str:
    """A unified diff of a file's change (empty for a generated schema copy: a long JSON)."""
    if change.action in ("refresh", "other"):
        return ""
    old = (change.old or "").splitlines(keepends=True)
    new = (change.new or "").splitlines(keepends=True)
    lines = difflib.unified_diff(
        old, new, f"a/{change.rel}" if change.old is not None else "/dev/null", f"b/{change.rel}", n=2
    )
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    return text


def outdated_line(project: Path, journal_rel: str, today: dt.date) -> str | None:
    """One line for `trellis check` and `trellis status` when `trellis upgrade` has work to do."""
    if not is_managed_project(project):
        return None
    from .project import installed_version

    if newer := written_by_newer(project, installed_version()):
        return (
            f"the files trellis init wrote here come from Trellis {newer}, newer than this one "
            f"({installed_version()}): install Trellis {newer} or later (pip install -r requirements.txt)"
        )
    try:
        the_plan = plan(project, journal_rel, today, recommend=False)  # a hint on every check: kept quick
    except (OSError, ValueError):
        return None
    if not the_plan.writes:  # (a manifest to record alone is no news)
        return None
    recorded = (read_manifest(project) or {}).get("trellis")
    since = f" (written by Trellis {recorded})" if isinstance(recorded, str) and recorded != the_plan.version else ""
    return (
        f"the files trellis init wrote here are older than this Trellis ({the_plan.version}){since}: "
        "run trellis upgrade (trellis upgrade --dry-run shows what changes)"
    )
