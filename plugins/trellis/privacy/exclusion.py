"""The journal's records kept out of every engine's own pages: MkDocs' `exclude_docs`.

Trellis reads the records (plan.md, goals/, contacts/, entries/, applications/) from disk
itself; an engine that builds the journal without Trellis (the plugin missing from the
environment, dropped from `plugins:`, `enabled: false`, or an engine that silently ignores
it, as Zensical does) would render every contact file, e-mail, phone and notes included,
and every private entry as a page. `exclude_docs` (gitignore-style patterns, relative to
docs_dir) is read by MkDocs, ProperDocs and Zensical alike, so the project `init` writes
names these folders there, and the plugin adds whatever of them a mkdocs.yml lacks.

`exclude_docs_lines` and `missing_exclude_lines` are what `trellis upgrade` reports to an
older journal; `exclude_docs_yaml` is the block to paste. No MkDocs here (pathspec is what
MkDocs and Zensical read the patterns with).
"""

from __future__ import annotations

import pathspec

from ..model import RECORD_FOLDERS

# applications/ (one job application a file) is owner only: never an engine's page either
FOLDERS = tuple(dict.fromkeys((*RECORD_FOLDERS, "applications")))
PLAN = "plan.md"
# MkDocs' own default patterns (mkdocs.structure.files._default_exclude), which always apply
_ENGINE_DEFAULT = (".*", "/templates/")
COMMENT = (
    "# Trellis reads the journal's records itself: no engine publishes them as pages, even one\n"
    "# that runs without Trellis (the plugin missing or switched off, or Zensical, which ignores it)"
)


def exclude_docs_lines(journal_dir: str = "") -> list[str]:
    """The recommended `exclude_docs` patterns for a journal at `journal_dir` inside docs_dir
    ("" when the journal is docs_dir itself): anchored, so a folder of the same name elsewhere
    in an existing site stays an ordinary folder."""
    prefix = f"/{journal_dir.strip('/')}/" if journal_dir.strip("/") else "/"
    return [f"{prefix}{folder}/" for folder in FOLDERS] + [prefix + PLAN]


def exclude_docs_yaml(journal_dir: str = "") -> str:
    """The mkdocs.yml block, comment included, as `init` writes it."""
    lines = "".join(f"  {line}\n" for line in exclude_docs_lines(journal_dir))
    return f"{COMMENT}\nexclude_docs: |\n{lines}"


def _probes(line: str) -> list[str]:
    """Paths (relative to docs_dir) a pattern is meant to exclude: a folder's files at any depth,
    pages and others alike (a photo in contacts/ is named after its person)."""
    path = line.lstrip("/")
    if path.endswith("/"):
        return [f"{path}x.md", f"{path}2026/x.md", f"{path}x.png"]
    return [path]


def missing_exclude_lines(exclude_docs: str | pathspec.PathSpec | None, journal_dir: str = "") -> list[str]:
    """The recommended lines whose files `exclude_docs` (mkdocs.yml's text, or MkDocs' parsed
    value; None when unset) does not exclude yet. Judged by what the patterns match, not by
    their text: `contacts/` written without the leading slash covers /contacts/ too."""
    if isinstance(exclude_docs, pathspec.PathSpec):
        spec = exclude_docs
    else:
        spec = pathspec.GitIgnoreSpec.from_lines((exclude_docs or "").splitlines())
    return [
        line for line in exclude_docs_lines(journal_dir) if not all(spec.match_file(probe) for probe in _probes(line))
    ]


def with_lines(spec: pathspec.GitIgnoreSpec | None, lines: list[str]) -> pathspec.GitIgnoreSpec:
    """MkDocs' parsed exclude_docs with `lines` after its own (last, so no `!` pattern of it
    brings a record back as a page)."""
    added = pathspec.GitIgnoreSpec.from_lines(lines)
    return spec + added if spec is not None else added


def owners_patterns(spec: pathspec.GitIgnoreSpec | None, journal_dir: str = "") -> pathspec.GitIgnoreSpec:
    """The exclusions that are not Trellis' own (the user's, and the engine's defaults): in the
    owner view, a file Trellis' lines alone keep out (a photo beside the contacts) is copied
    as it was before those lines existed."""
    ours = set(exclude_docs_lines(journal_dir))
    written = [getattr(p, "pattern", None) for p in (spec.patterns if spec is not None else [])]
    theirs = [line for line in written if isinstance(line, str) and line not in ours]
    return pathspec.GitIgnoreSpec.from_lines([*_ENGINE_DEFAULT, *theirs])


def exclude_docs_advice(missing: list[str], *, first: bool, journal_dir: str = "") -> str:
    """What to add to mkdocs.yml: the whole block when it has no exclude_docs (`first`), else the
    lines its exclude_docs lacks."""
    why = (
        "so that a build without Trellis (the plugin missing or switched off, or another engine such as "
        "Zensical) publishes none of the journal's records either"
    )
    if first:
        return (
            f"mkdocs.yml has no exclude_docs: Trellis keeps the journal's records out of the site itself. "
            f"Add this to mkdocs.yml, {why}:\n" + exclude_docs_yaml(journal_dir).rstrip("\n")
        )
    return (
        f"mkdocs.yml's exclude_docs does not name every record folder: Trellis keeps them out of the site "
        f"itself. Add these lines to exclude_docs, {why}: " + ", ".join(missing)
    )
