"""`trellis upgrade`'s plan: what each managed file becomes (kept, updated, created, merged, left
removed), the `exclude_docs` a mkdocs.yml lacks, the settings only recommended; then the writes.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ... import distribution, writing
from ...locating import AnyTagLoader, site_config
from .. import editor, init
from ..managed import (
    FIRST_FILES,
    GITIGNORE,
    JOURNAL_KNOWN,
    KNOWN,
    MANIFEST,
    REQUIREMENTS,
    WHOLE,
    carried_over,
    chosen_requirement,
    digest,
    is_managed_project,
    journal_digest,
    manifest_text,
    missing_patterns,
    patterns,
    read_manifest,
    read_text,
    requirement_lines,
    written_by_newer,
)

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
    try:
        template = yaml.load(template_text, Loader=AnyTagLoader) or {}
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
    # journal/ files an earlier init wrote, unedited, and what this version's init writes instead
    # (said, never written: journal/ is the user's)
    journal_notes: list[str] = field(default_factory=list)

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


def expected(journal_rel: str, today: dt.date) -> tuple[dict[str, str], dict[str, str], str]:
    """(this version's managed whole files, its generated schema copies, its mkdocs.yml template)."""
    files = init.project_files(init.Settings(), today)
    own, generated = editor.editor_files(journal_rel)
    whole = {rel: text for rel in WHOLE if (text := own.get(rel, files.get(rel))) is not None}
    whole[GITIGNORE] = files[GITIGNORE]
    return whole, generated, files["mkdocs.yml"]


def plan(project: Path, journal_rel: str, today: dt.date, force: bool = False, recommend: bool = True) -> Plan:
    version = distribution.version()
    manifest = read_manifest(project)
    recorded = (manifest or {}).get("files") or {}
    recorded = recorded if isinstance(recorded, dict) else {}
    whole, generated, mkdocs_template = expected(journal_rel, today)
    changes: list[Change] = []
    entries: dict[str, dict] = {}
    for rel in WHOLE:
        template = whole.get(rel)
        if template is None:
            continue
        current = read_text(project / rel)
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
                seen = entry is not None and entry.get("sha256") == digest(rel, template)
                changes.append(Change(rel, "yours" if seen else "edited", current, new))
                entries[rel] = (
                    entry if seen and entry else {"version": version, "sha256": digest(rel, new), "kept": True}
                )
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
            current = read_text(project / rel)
            if current != text and not (project / rel).is_symlink():
                changes.append(Change(rel, "refresh", current, text))
    # .gitignore: merged
    gitignore_now = read_text(project / GITIGNORE)
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
    if chosen and chosen in requirement_lines(read_text(project / REQUIREMENTS) or ""):  # still the owner's choice
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
    return Plan(
        project,
        version,
        changes,
        read_text(project / MANIFEST),
        manifest_new_text,
        recommendations,
        journal_notes(project, journal_rel),
    )


def journal_notes(project: Path, journal_rel: str) -> list[str]:
    """What to say of the journal files an earlier `init` wrote that this version writes
    differently (`JOURNAL_KNOWN`), when they are unedited; read, never written."""
    notes = []
    for rel, (hashes, note) in JOURNAL_KNOWN.items():
        text = read_text(project / journal_rel / rel)
        if text and journal_digest(text) in hashes:
            notes.append(f"{posixpath.join(journal_rel, rel)} {note}")
    return notes


def exclude_docs_change(project: Path, journal_rel: str, config: dict) -> Change | str | None:
    """mkdocs.yml's `exclude_docs` for the record folders: a Change appending the block to a
    mkdocs.yml that has none, advice (a text) for one that lacks some lines, None when all is there.
    The block is appended only when the result still parses to the same settings plus it."""
    from ...privacy import exclusion  # pathspec: loaded only when mkdocs.yml is looked at

    path = project / "mkdocs.yml"
    text = read_text(path)
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
        before = yaml.load(text, Loader=AnyTagLoader) or {}
        after = yaml.load(new, Loader=AnyTagLoader) or {}
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
    parent = config.get("INHERIT")
    if parent is None:
        return config
    if not isinstance(parent, str) or depth > 20:
        return None
    parent_path = path.parent / parent
    try:
        data = yaml.load(parent_path.read_text(encoding="utf-8"), Loader=AnyTagLoader) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    base = _inherited(parent_path, data, depth + 1) if isinstance(data, dict) else None
    return None if base is None else {**base, **{k: v for k, v in config.items() if k != "INHERIT"}}


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
    if newer := written_by_newer(project, distribution.version()):
        return (
            f"the files trellis init wrote here come from Trellis {newer}, newer than this one "
            f"({distribution.version()}): install Trellis {newer} or later (pip install -r requirements.txt)"
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
