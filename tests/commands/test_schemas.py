"""The JSON Schemas (`trellis schema`, schema/*.json, the editor set-up `init` writes) say what the
loader reads: every file of the example journal and of a new project passes them, a broken file
fails them on the field `trellis check` names, and a loader field they lack fails here."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TODAY
from jsonschema import Draft202012Validator
from trellis import cli
from trellis.commands import editor, schemas
from trellis.commands import init as project
from trellis.loading import applications, records
from trellis.loading.fields import Field, as_any, as_text
from trellis.loading.records import record_kind
from trellis.loading.safe_yaml import split_file
from trellis.model import Source
from trellis.plugin.config import OPTION_HELP, TrellisConfig

KIND_OF_FOLDER = {
    "goals": "goal",
    "contacts": "contact",
    "entries": "entry",
    "applications": "application",
    "plan": "plan",
}
REMARK = ROOT / "tests" / "editor" / "node_modules" / ".bin" / "remark"


def validator(name: str) -> Draft202012Validator:
    schema = schemas.schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def as_editor_reads(value):
    """Frontmatter values as a YAML 1.2 reader (an editor) gives them: a date is its text."""
    if isinstance(value, dict):
        return {str(k): as_editor_reads(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_reads(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def frontmatter(path: Path, rel: str) -> dict:
    values, _ = split_file(path, Source(path=path, shown=rel, rel=rel))
    return as_editor_reads(values)


def records_of(journal: Path):
    for path in sorted(journal.rglob("*.md")):
        rel = path.relative_to(journal).as_posix()
        kind = record_kind(rel)
        if kind is not None:
            yield path, rel, KIND_OF_FOLDER[kind]


def test_the_committed_schemas_are_the_generated_ones():
    for name in schemas.NAMES:
        committed = (ROOT / "schema" / f"{name}.json").read_text(encoding="utf-8")
        assert committed == schemas.schema_text(name), f"schema/{name}.json is stale: run trellis schema --write schema"
    assert cli.SCHEMA_NAMES == schemas.NAMES


def test_every_loader_field_is_in_its_schema():
    goal, entry = schemas.schema("goal"), schemas.schema("entry")
    for kind, fields in (
        ("goal", records._GOAL),
        ("contact", records._CONTACT),
        ("entry", records._ENTRY),
        ("plan", records._PLAN),
        ("application", applications.APPLICATION),
    ):
        assert set(schemas.schema(kind)["properties"]) == set(fields), kind
    assert set(goal["properties"]["measure"]["properties"]) == set(records._MEASURE)
    assert set(entry["properties"]["interactions"]["items"]["properties"]) == set(records._INTERACTION)


def test_a_field_added_to_the_loader_changes_the_schema_or_stops_it(monkeypatch):
    monkeypatch.setitem(records._CONTACT, "pronouns", Field(as_text))
    assert "pronouns" in schemas.schema("contact")["properties"]
    assert schemas.schema_text("contact") != (ROOT / "schema" / "contact.json").read_text(encoding="utf-8")
    monkeypatch.setitem(records._GOAL, "milestones", Field(as_any))  # read as it is: no fragment says what it is
    with pytest.raises(schemas.SchemaGap, match="milestones"):
        schemas.schema("goal")


def test_the_options_schema_has_every_option_in_materials_plugin_shape():
    options = schemas.schema("trellis-options")
    names = {name for name, _ in TrellisConfig._schema}
    assert set(options["oneOf"][1]["properties"]["trellis"]["properties"]) == names == set(OPTION_HELP)
    check = validator("trellis-options")
    assert check.is_valid("trellis")
    assert check.is_valid({"trellis": {"week_start": "sunday", "publish_files": ["downloads/*.txt"]}})
    assert not check.is_valid({"trellis": {"week_start": "sundae"}})
    assert not check.is_valid({"trellis": {"audiense": "owner"}})
    assert not check.is_valid("search")
    mkdocs = validator("mkdocs")
    inited = project.project_files(project.Settings(week_start="sunday"), TODAY)["mkdocs.yml"]
    for text in ((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), inited):
        assert not list(mkdocs.iter_errors(yaml.safe_load(text)))
    assert not mkdocs.is_valid({"plugins": ["search", {"trellis": {"audience": "everyone"}}]})


def test_the_example_journal_passes_its_schemas():
    seen = set()
    for path, rel, kind in records_of(ROOT / "journal"):
        errors = [e.message for e in validator(kind).iter_errors(frontmatter(path, rel))]
        assert not errors, (rel, errors)
        seen.add(kind)
    assert seen == {"plan", "goal", "contact", "entry", "application"}


def test_an_inited_project_passes_its_schemas_and_carries_them(tmp_path):
    assert cli.main(["init", str(tmp_path / "p")]) == 0
    folder = tmp_path / "p"
    for path, rel, kind in records_of(folder / "journal"):
        assert not list(validator(kind).iter_errors(frontmatter(path, rel))), rel
    for name in schemas.NAMES:
        assert (folder / ".trellis" / "schema" / f"{name}.json").read_text(encoding="utf-8") == schemas.schema_text(
            name
        )
    settings = json.loads((folder / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {"./.trellis/schema/mkdocs.json": "mkdocs.yml"}
    # the new project's .gitignore ignores *.json (exports): the editor's files are let back in
    ignore = (folder / ".gitignore").read_text(encoding="utf-8")
    for rel in ("package.json", ".remarkrc.json", ".vscode/*.json", ".trellis/schema/*.json"):
        assert f"!/{rel}" in ignore


# (file, frontmatter, the rule `trellis check` reports, the field it names)
BROKEN = [
    (
        "entries/2026/2026-11-22.md",
        "date: 2026-11-22\ninteractions:\n  - with: ana-ribeiro\n    channel: coffee\n    direction: outbund\n",
        "ENTRY-5",
        ("interactions", 0, "direction"),
    ),
    (
        "entries/2026/2026-11-22.md",
        "interactions:\n  - with: ana-ribeiro\n    channel: pigeon\n    direction: inbound\n",
        "ENTRY-4",
        ("interactions", 0, "channel"),
    ),
    ("entries/2026/2026-11-22.md", "date: next tuesday\n", "ENTRY-2", ("date",)),
    ("entries/2026/2026-11-22.md", "public: yes\n", "FILE-12", ("public",)),
    ("entries/2026/2026-11-22.md", "progress: {follower-count: lots}\n", "ENTRY-8", ("progress", "follower-count")),
    (
        "goals/broken.md",
        "title: Meet five engineers\nsupports: remote-role\nmeasure: {count: new-contacts}\n"
        "target: five\nstart: 2026-11-01\ndue: 2026-12-31\nactions: [Go]\n",
        "SMART-M1",
        ("target",),
    ),
    (
        "goals/broken.md",
        "title: Meet five engineers\nsupports: remote-role\nmeasure: {count: friends}\n"
        "target: 5\nstart: 2026-11-01\ndue: 2026-12-31\nactions: [Go]\n",
        "SMART-M2",
        ("measure", "count"),
    ),
    (
        "goals/broken.md",
        "title: Meet five engineers\nsupports: remote-role\nmeasure: {count: new-contacts}\n"
        "target: 5\nstart: 2026-11-01\ndue: 2026-12-31\nactions: [Go]\nstatus: finished\n",
        "GOAL-2",
        ("status",),
    ),
    (
        "goals/broken.md",
        "title: Meet five engineers\nsupports: remote-role\nmeasure: {count: new-contacts}\n"
        "target: 5\nper: fortnight\nstart: 2026-11-01\ndue: 2026-12-31\nactions: [Go]\n",
        "GOAL-3",
        ("per",),
    ),
    (
        "goals/broken.md",
        "title: Meet five engineers\nsupports: remote-role\nmeasure: {count: new-contacts}\n"
        "target: 5\nstart: 2026-11-01\nactions: [Go]\n",
        "SMART-T1",
        (),
    ),
    (
        "goals/broken.md",
        "title: Land two interviews a month\nsupports: remote-role\n"
        "measure: {count: applications, where: {status: [interview]}}\n"
        "target: 2\nper: month\nstart: 2026-11-01\ndue: 2026-12-31\nactions: [Go]\n",
        "SMART-M2",
        ("measure", "where", "status", 0),
    ),
    ("contacts/zed-broken.md", "name: Zed\nkeep_in_touch: monthly\n", "CONTACT-5", ("keep_in_touch",)),
    ("contacts/zed-broken.md", "name: Zed\nstage: friend\n", "CONTACT-6", ("stage",)),
    ("contacts/zed-broken.md", "name: Zed\nmet: 1850-01-01\n", "FILE-10", ("met",)),
    ("plan.md", "vision: x\nreview: sometimes\n", "PLAN-2", ("review",)),
    ("applications/acme.md", "company: Acme\nstatus: hired\n", "APPLICATION-2", ("status",)),
    (
        "applications/acme.md",
        "company: Acme\nhistory: {2026-11-02: applied, 2026-11-09: hired}\n",
        "APPLICATION-2",
        ("history", "2026-11-09"),
    ),
    ("applications/acme.md", "company: Acme\napplied: last week\n", "APPLICATION-3", ("applied",)),
    ("applications/acme.md", "company: Acme\nhistory: applied\n", "FILE-8", ("history",)),
    ("applications/acme.md", "role: Developer\n", "APPLICATION-1", ()),
]


@pytest.mark.parametrize("rel, text, rule, field", BROKEN, ids=[f"{b[2]}-{'.'.join(map(str, b[3]))}" for b in BROKEN])
def test_a_broken_file_fails_its_schema_on_the_field_trellis_check_names(
    tmp_path, rel, text, rule, field, capsys, monkeypatch
):
    shutil.copytree(ROOT / "journal", tmp_path / "journal")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    path = tmp_path / "journal" / rel
    path.write_text(f"---\n{text}---\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    cli.main(["check", "--format", "json", "."])
    found = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["file"] == f"journal/{rel}"]
    assert any(f["rule"] == rule for f in found), found
    kind = KIND_OF_FOLDER[rel.split("/")[0].removesuffix(".md")]
    errors = list(validator(kind).iter_errors(frontmatter(path, rel)))
    paths = {tuple(e.absolute_path) for e in errors} | {tuple(c.absolute_path) for e in errors for c in e.context}
    assert field in paths, (paths, [e.message for e in errors])


def test_what_check_accepts_the_schema_accepts(tmp_path):
    """Values the loader reads without a finding that a strict schema would refuse."""
    goal = validator("goal")
    contact = validator("contact")
    entry = validator("entry")
    assert contact.is_valid(
        {
            "name": "Zed",
            "keep_in_touch": 30,
            "birthday": "--05-17",
            "met": "2026-03-14 10:00:00",
            "email": ["a@example.com", "b@example.com"],
            "phone": 442079460000,
            "want": {"advice": "on hiring"},
            "stage": None,
            "pronouns": "they/them",
        }
    )
    assert entry.is_valid({"interactions": {"with": "ana", "channel": "coffee", "direction": "mutual"}})
    assert entry.is_valid({"interactions": [{"with": ["a", "b"], "channel": " coffee ", "direction": "inbound"}]})
    # a vision goal is not held to the SMART rules; a stage goal's target is a stage
    assert goal.is_valid({"title": "Land a remote role", "kind": "vision", "measure": {"count": "anything"}})
    assert goal.is_valid(
        {
            "title": "Move Ada to ally",
            "supports": "v",
            "measure": {"count": "stage", "contact": "ada"},
            "target": "ally",
            "start": "2026-01-01",
            "due": "2026-12-31",
            "actions": ["call"],
        }
    )
    assert goal.is_valid(
        {
            "title": "Post 5 threads",
            "why": "reach",
            "measure": {"count": "events", "mode": "x"},
            "target": 5,
            "start": "2026-01-01",
            "due": "2026-12-31",
            "actions": "post",
        }
    )
    assert validator("plan").is_valid({"review": "", "want": {"roles": None}})
    application = validator("application")
    assert application.is_valid(
        {
            "company": "Acme",
            "status": " screening ",
            "history": [{"2026-11-02": "applied"}, {"2026-11-09": "screening"}],
            "contacts": "ada",
            "next": "2026-11-30",
            "salary": "mine to know",
        }
    )


def remark_route(tmp_path: Path, journal: Path) -> Path:
    folder = tmp_path / "project"
    shutil.copytree(journal, folder / "journal")
    own, generated = editor.editor_files("journal")
    for rel, text in {**own, **generated}.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    (folder / "node_modules").symlink_to(REMARK.parent.parent)
    return folder


def run_remark(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(REMARK), "--frail", "--no-stdout", "--no-color", "journal"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_editor_route_checks_the_journal_on_the_command_line(tmp_path):
    if not REMARK.exists():
        pytest.skip(
            "remark-lint-frontmatter-schema is not installed (npm ci --prefix tests/editor): "
            "the editor route's command-line check is not run"
        )
    folder = remark_route(tmp_path, ROOT / "journal")
    assert (
        json.loads((ROOT / "tests/editor/package.json").read_text())["devDependencies"]
        == json.loads(own_package())["devDependencies"]
    )
    clean = run_remark(folder)
    assert clean.returncode == 0, clean.stderr
    assert "frontmatter-schema" not in clean.stderr and "malformed" not in clean.stderr
    broken = folder / "journal" / "entries" / "2026" / "2026-11-22.md"
    broken.write_text(
        textwrap.dedent("""\
        ---
        interactions:
          - with: ana-ribeiro
            channel: coffee
            direction: outbund
        ---
        """),
        encoding="utf-8",
    )
    (folder / "journal" / "goals" / "broken.md").write_text(
        "---\ntitle: Meet five engineers\nsupports: remote-role\nmeasure: {count: new-contacts}\ntarget: five\n"
        "start: 2026-11-01\ndue: 2026-12-31\nactions: [Go]\n---\n",
        encoding="utf-8",
    )
    found = run_remark(folder)
    assert found.returncode == 1
    assert "2026-11-22.md" in found.stderr and "5:16" in found.stderr and "direction" in found.stderr
    assert "broken.md" in found.stderr and "target" in found.stderr


def own_package() -> str:
    return (ROOT / "templates" / "project" / "package.json").read_text(encoding="utf-8")


def test_trellis_schema_prints_a_kind(capsys):
    assert cli.main(["schema", "entry"]) == 0
    assert json.loads(capsys.readouterr().out) == schemas.schema("entry")
    assert cli.main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["oneOf"][0]["enum"] == ["trellis"]


def test_trellis_editor_adds_the_set_up_to_a_journal_made_before(tmp_path, capsys):
    shutil.copytree(ROOT / "journal", tmp_path / "journal")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / ".remarkrc.json").write_text("{}\n", encoding="utf-8")  # the user's own: kept
    assert cli.main(["editor", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "kept .remarkrc.json" in out or "kept " in out and ".remarkrc.json" in out
    assert (tmp_path / ".remarkrc.json").read_text() == "{}\n"
    assert json.loads((tmp_path / ".trellis/schema/goal.json").read_text()) == schemas.schema("goal")
    assert (tmp_path / "package.json").is_file() and (tmp_path / ".vscode/extensions.json").is_file()
    (tmp_path / ".trellis/schema/goal.json").write_text("{}", encoding="utf-8")  # stale copy: refreshed
    assert cli.main(["editor", str(tmp_path)]) == 0
    assert json.loads((tmp_path / ".trellis/schema/goal.json").read_text()) == schemas.schema("goal")
