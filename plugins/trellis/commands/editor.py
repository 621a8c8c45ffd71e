"""`trellis editor` (and `trellis init`, which writes the same files): the editor set-up that
checks frontmatter as you type.

remark-lint-frontmatter-schema checks each record's frontmatter against Trellis' JSON Schemas, in
VS Code (the remark extension) and on the command line; the YAML extension checks mkdocs.yml's
trellis options. The schemas are copies Trellis generates (`trellis editor` refreshes them); the
other files are the user's.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from .. import writing
from ..model import MARKDOWN_SUFFIXES
from ..resources import templates_dir
from . import schemas

SCHEMA_FOLDER = ".trellis/schema"
EDITOR_NEXT = (
    "next: npm install (once), then open the folder in VS Code and install the extensions it "
    "recommends (remark, YAML); `npm run check-frontmatter` runs the same check in a terminal"
)
_KIND_GLOBS = {
    "goal": "goals/**/*",
    "contact": "contacts/**/*",
    "entry": "entries/**/*",
    "application": "applications/**/*",
}
_SUFFIXES = "{" + ",".join(s.lstrip(".") for s in MARKDOWN_SUFFIXES) + "}"


class NotInProject(ValueError):
    """The journal is not inside the project folder; the message says which is where."""


def editor_files(journal_rel: str) -> tuple[dict[str, str], dict[str, str]]:
    """(files that are the user's once written, Trellis' generated schema copies) of the editor
    set-up, by path in the project; `journal_rel` is the journal's folder in the project."""
    base = f"{journal_rel.strip('/')}/" if journal_rel.strip("/.") else ""
    associations = {f"{SCHEMA_FOLDER}/{kind}.json": [f"{base}{glob}.{_SUFFIXES}"] for kind, glob in _KIND_GLOBS.items()}
    associations[f"{SCHEMA_FOLDER}/plan.json"] = [f"{base}plan.md"]
    remarkrc = {
        "plugins": [
            "remark-frontmatter",
            [
                "remark-lint-frontmatter-schema",
                {
                    # the schemas say draft 2020-12 and use only what draft-07 reads the same way:
                    # Ajv's draft-07 validator reads them once it stops looking the draft up
                    "ajvOptions": {"validateSchema": False},
                    "schemas": associations,
                },
            ],
        ]
    }
    package = json.loads((templates_dir() / "project" / "package.json").read_text(encoding="utf-8"))
    package["scripts"] = {"check-frontmatter": f"remark --quiet --frail --no-stdout {base.rstrip('/') or '.'}"}
    settings = {
        "yaml.schemas": {f"./{SCHEMA_FOLDER}/mkdocs.json": "mkdocs.yml"},
        "yaml.customTags": ["!ENV scalar", "!ENV sequence", "!relative scalar"],
    }
    extensions = {"recommendations": ["unifiedjs.vscode-remark", "redhat.vscode-yaml"]}
    text = lambda value: json.dumps(value, indent=2) + "\n"  # noqa: E731
    own = {
        ".remarkrc.json": text(remarkrc),
        "package.json": text(package),
        ".vscode/settings.json": text(settings),
        ".vscode/extensions.json": text(extensions),
    }
    generated = {f"{SCHEMA_FOLDER}/{name}.json": schemas.schema_text(name) for name in schemas.NAMES}
    return own, generated


def write_editor_files(folder: Path, journal_dir: Path) -> tuple[list[Path], list[Path]]:
    """`trellis editor`: the editor set-up for an existing project. The user's files are written
    only where missing; the schema copies are Trellis' and brought up to date. (written, kept)."""
    try:
        journal_rel = journal_dir.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        raise NotInProject(f"the journal ({journal_dir}) is not inside the project ({folder})") from None
    own, generated = editor_files(journal_rel)
    written, kept = [], []
    for rel, text in own.items():
        path = folder / rel
        if path.exists() or path.is_symlink():
            kept.append(path)
            continue
        writing.create(path, text)
        written.append(path)
    for rel, text in generated.items():
        path = folder / rel
        if path.is_file() and not path.is_symlink() and path.read_text(encoding="utf-8") == text:
            continue
        if path.is_symlink() or (path.exists() and not path.is_file()):
            kept.append(path)
            continue
        writing.replace(path, text) if path.exists() else writing.create(path, text)
        written.append(path)
    return written, kept


def run(folder: Path, journal_dir: Path, shown: Callable[[Path], str]) -> int:
    """`trellis editor`: write the set-up into an existing project and say what was written and kept."""
    try:
        written, kept = write_editor_files(folder, journal_dir)
    except NotInProject as err:
        print(f"trellis editor: {err}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {shown(path)}")
    for path in kept:
        print(
            f"kept {shown(path)} as it is: Trellis never overwrites a file you may have edited "
            "(move it aside and run trellis editor again to get Trellis' version)"
        )
    print(EDITOR_NEXT)
    return 0
