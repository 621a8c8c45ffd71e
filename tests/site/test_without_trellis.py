"""A build without Trellis publishes nothing of the journal: `exclude_docs` keeps the records
out of every engine's own pages (plain MkDocs with the plugin removed or switched off,
ProperDocs, Zensical), and with Trellis every feature works as before."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EPOCH, ROOT, site_text, tree
from trellis.privacy.exclusion import exclude_docs_lines, exclude_docs_yaml, missing_exclude_lines

RECORD_TOPS = ("contacts", "goals", "entries", "applications", "plan")

CONTACT = """---
name: Rosalind Vantongeren
role: Engineering Manager
sector: fintech
email: rosalind.vantongeren@example.org
phone: "+31 20 555 0199"
want: [an intro to the platform team lead]
give: [a review of her conference talk draft]
---
Rosalind is thinking about leaving her job before the spring reorganisation.
"""
PRIVATE_ENTRY = """---
date: 2026-11-20
interactions:
  - with: rosalind-vantongeren
    channel: coffee
    summary: She told me about the layoffs planned in her department
---
Felt awkward asking Rosalind for a referral so soon after her bad news at work.
"""
APPLICATION = """---
company: Stripe
role: Backend Engineer, Payments
status: interviewing
---
The recruiter said the salary band tops out at ninety-two thousand.
"""


def _env(**more: str) -> dict[str, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("TRELLIS_AUDIENCE", None)
    return {**env, **more}


def _markers(journal: Path) -> set[str]:
    """What no site built without Trellis may hold: each contact's name, id, e-mail, phone, want,
    give and notes (public ones too: a raw record page is no consent), interaction summaries,
    the text of entries without `public: true` and of applications."""
    found: set[str] = set()
    for path in sorted(journal.rglob("*.md")):
        rel = path.relative_to(journal).as_posix()
        if rel.split("/")[0] not in ("contacts", "entries", "applications"):
            continue
        head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
        meta = yaml.safe_load(head.removeprefix("---\n")) or {}
        lines = [line.strip() for line in body.splitlines() if len(line.strip()) >= 25]
        if rel.startswith("contacts/"):
            found |= {path.stem, str(meta["name"]), *(str(meta[k]) for k in ("email", "phone") if meta.get(k))}
            for key in ("want", "give"):
                items = meta.get(key) or []
                found |= {str(item) for item in ([items] if isinstance(items, str) else items)}
            found |= set(lines)
        elif rel.startswith("entries/"):
            found |= {i["summary"] for i in meta.get("interactions") or [] if i.get("summary")}
            if meta.get("public") is not True:
                found |= set(lines)
        else:
            found |= set(lines)
    return found


def _assert_nothing_of_the_journal(site: Path, journal: Path, home_text: str) -> None:
    assert home_text in (site / "index.html").read_text(encoding="utf-8"), "the engine built no site"
    outputs = [p.relative_to(site).as_posix() for p in site.rglob("*")]
    assert not [p for p in outputs if p.split("/")[0] in RECORD_TOPS], "a record reached the site"
    text = site_text(site)
    markers = _markers(journal)
    assert len(markers) >= 8
    leaked = sorted(m for m in markers if m in text)
    assert not leaked, f"published without Trellis: {leaked[:10]}"


def _example(tmp: Path, **changes) -> Path:
    project = tmp / "example"
    shutil.copytree(ROOT / "journal", project / "journal")
    (project / "journal" / "applications").mkdir(exist_ok=True)  # the example has some
    (project / "journal" / "applications" / "stripe.md").write_text(APPLICATION, encoding="utf-8")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    config.update(changes)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


def _inited(tmp: Path) -> Path:
    project = tmp / "mine"
    run = subprocess.run(
        [sys.executable, "-m", "trellis.cli", "init", str(project), "--name", "Ada Example"],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    journal = project / "journal"
    (journal / "contacts" / "rosalind-vantongeren.md").write_text(CONTACT, encoding="utf-8")
    (journal / "entries" / "2026" / "2026-11-20.md").write_text(PRIVATE_ENTRY, encoding="utf-8")
    (journal / "applications").mkdir(exist_ok=True)
    (journal / "applications" / "stripe.md").write_text(APPLICATION, encoding="utf-8")
    return project


def _engine(project: Path, engine: str, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )


def _set_plugins(project: Path, plugins: list) -> None:
    config_file = project / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["plugins"] = plugins
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


HOME = "Front-end developer in Lisbon"


@pytest.mark.parametrize(
    "plugins", [["search"], ["search", {"trellis": {"enabled": False}}]], ids=["plugin-removed", "enabled-false"]
)
def test_plain_mkdocs_publishes_nothing_of_the_example_journal(tmp_path, plugins):
    project = _example(tmp_path, plugins=plugins)
    run = _engine(project, "mkdocs", tmp_path / "site")
    assert run.returncode == 0, run.stderr[-3000:]
    _assert_nothing_of_the_journal(tmp_path / "site", project / "journal", HOME)


def test_without_the_exclusion_the_same_build_publishes_the_records(tmp_path):
    # what exclude_docs prevents (and proof that the scan above finds a leak when there is one)
    project = _example(tmp_path, plugins=["search"])
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    del config["exclude_docs"]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    run = _engine(project, "mkdocs", tmp_path / "site")
    assert run.returncode == 0, run.stderr[-3000:]
    with pytest.raises(AssertionError, match="a record reached the site"):
        _assert_nothing_of_the_journal(tmp_path / "site", project / "journal", HOME)
    text = site_text(tmp_path / "site")
    assert "Generous with time" in text and "ninety-two thousand" in text


def test_properdocs_without_the_plugin_publishes_nothing_of_the_journal(tmp_path):
    project = _example(tmp_path, plugins=["search"])
    run = _engine(project, "properdocs", tmp_path / "site")
    assert run.returncode == 0, run.stderr[-3000:]
    _assert_nothing_of_the_journal(tmp_path / "site", project / "journal", HOME)


@pytest.mark.parametrize(
    "plugins", [["search"], ["search", {"trellis": {"enabled": False}}]], ids=["plugin-removed", "enabled-false"]
)
def test_plain_mkdocs_publishes_nothing_of_a_journal_init_started(tmp_path, plugins):
    project = _inited(tmp_path)
    assert missing_exclude_lines(yaml.safe_load((project / "mkdocs.yml").read_text())["exclude_docs"]) == []
    _set_plugins(project, plugins)
    run = _engine(project, "mkdocs", tmp_path / "site")
    assert run.returncode == 0, run.stderr[-3000:]
    _assert_nothing_of_the_journal(tmp_path / "site", project / "journal", "Ada Example")


def _zensical() -> str:
    found = os.environ.get("TRELLIS_ZENSICAL") or shutil.which("zensical")
    if not found:
        pytest.skip(
            "zensical is not installed: install it into a virtual environment of its own and set "
            "TRELLIS_ZENSICAL to its zensical command (it is not a test dependency: 140 MB)"
        )
    return found


@pytest.mark.parametrize("which", ["example", "init"])
def test_zensical_with_the_unchanged_mkdocs_yml_publishes_nothing_of_the_journal(tmp_path, which):
    """Zensical reads mkdocs.yml but silently ignores the trellis plugin: it builds the journal
    as plain markdown, and exclude_docs (which it reads) is all that keeps the records out."""
    zensical = _zensical()
    if which == "example":
        project = _example(tmp_path)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")  # as this repository has it
    else:
        project = _inited(tmp_path)
    _zensical_build(zensical, project)
    _assert_nothing_of_the_journal(project / "site", project / "journal", HOME if which == "example" else "Ada Example")


def test_zensical_without_the_exclusion_publishes_the_raw_journal(tmp_path):
    # the failure exclude_docs prevents: the notes of a contact, as a page
    zensical = _zensical()
    project = _example(tmp_path)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace(exclude_docs_yaml(), ""), encoding="utf-8")
    _zensical_build(zensical, project)
    assert "Generous with time" in (project / "site" / "contacts" / "hana-sato" / "index.html").read_text(
        encoding="utf-8"
    )


def _zensical_build(zensical: str, project: Path) -> None:
    run = subprocess.run(
        [zensical, "build", "-f", str(project / "mkdocs.yml")],
        cwd=project,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]


# --- with Trellis: the same site, whether mkdocs.yml names the records or the plugin does ----------------


def test_the_plugin_excludes_the_records_itself_and_builds_the_same_site(tmp_path):
    sites = {}
    for name, config in (("with", {}), ("without", {"exclude_docs": None})):
        project = _example(tmp_path / name, **config)
        if config:
            text = (project / "mkdocs.yml").read_text(encoding="utf-8")
            (project / "mkdocs.yml").write_text(re.sub(r"(?m)^exclude_docs: null\n", "", text), encoding="utf-8")
        for audience in ("public", "owner"):
            site = tmp_path / f"{name}-{audience}"
            run = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "--strict",
                    "-f",
                    str(project / "mkdocs.yml"),
                    "-d",
                    str(site),
                ],
                env=_env(TRELLIS_AUDIENCE=audience),
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert run.returncode == 0, run.stderr[-3000:]
            sites[name, audience] = tree(site)
            said = "Trellis keeps the journal's records out of the site itself" in run.stderr
            assert said == (name == "without")
            if said:
                assert "/contacts/" in run.stderr and "/plan.md" in run.stderr  # the lines to add
    for audience in ("public", "owner"):
        assert sites["with", audience] == sites["without", audience]
    assert "contacts/amara-diallo/index.html" in sites["with", "public"]  # consented: her page
    assert "contacts/hana-sato/index.html" in sites["with", "owner"]
    assert "applications" not in {p.split("/")[0] for p in sites["with", "owner"]}  # no page of the raw file


def test_a_photo_in_a_record_folder_stays_the_owners_and_links_to_record_pages_resolve(tmp_path):
    project = _example(tmp_path)
    journal = project / "journal"
    (journal / "contacts" / "photos").mkdir()
    (journal / "contacts" / "photos" / "team.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (journal / "contacts" / "notes.txt").write_bytes(b"a file the owner excluded himself")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["exclude_docs"] += "/contacts/*.txt\n"
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    # an ordinary page links a record's page and the plan: MkDocs resolves them to Trellis' pages
    (journal / "people.md").write_text(
        "# People\n\n[Amara](contacts/amara-diallo.md), [my plan](plan.md)\n", encoding="utf-8"
    )
    sites = {}
    for audience in ("owner", "public"):
        site = tmp_path / audience
        run = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
            env=_env(TRELLIS_AUDIENCE=audience),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stderr[-3000:]
        sites[audience] = site
    assert (sites["owner"] / "contacts" / "photos" / "team.png").is_file()  # copied for the owner, as before
    assert not (sites["owner"] / "contacts" / "notes.txt").exists()  # the owner's own pattern still holds
    assert not (sites["public"] / "contacts" / "photos").exists()
    page = (sites["public"] / "people" / "index.html").read_text(encoding="utf-8")
    assert 'href="../contacts/amara-diallo/"' in page and 'href="../plan/"' in page


def test_a_journal_inside_a_site_is_excluded_under_its_folder(tmp_path):
    project = tmp_path / "site-project"
    shutil.copytree(ROOT / "journal", project / "docs" / "journal")
    (project / "docs" / "index.md").write_text(
        "# My site\n\nWelcome to the site around the journal.\n", encoding="utf-8"
    )
    (project / "docs" / "entries").mkdir()  # a folder of the site's own, outside the journal: not excluded
    (project / "docs" / "entries" / "changelog.md").write_text("# Changelog\n\nVersion one.\n", encoding="utf-8")
    lines = exclude_docs_lines("journal")
    assert lines[0] == "/journal/goals/" and lines[-1] == "/journal/plan.md"
    (project / "mkdocs.yml").write_text(
        "site_name: s\ndocs_dir: docs\ntheme: {name: material}\nplugins: [search]\n" + exclude_docs_yaml("journal"),
        encoding="utf-8",
    )
    run = _engine(project, "mkdocs", tmp_path / "site")
    assert run.returncode == 0, run.stderr[-3000:]
    assert (tmp_path / "site" / "entries" / "changelog" / "index.html").is_file()
    outputs = {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*")}
    assert not [p for p in outputs if p.startswith("journal/") and p.split("/")[1] in RECORD_TOPS]
    text = site_text(tmp_path / "site")
    assert not [m for m in _markers(project / "docs" / "journal") if m in text]


def test_missing_lines_are_judged_by_what_the_patterns_exclude():
    for config in (ROOT / "mkdocs.yml", ROOT / "templates" / "project" / "mkdocs.yml"):
        text = config.read_text(encoding="utf-8")
        assert exclude_docs_yaml() in text, config
    assert missing_exclude_lines(None) == exclude_docs_lines()
    assert missing_exclude_lines("contacts/\ngoals/\nentries/\napplications/\nplan.md\n") == []  # unanchored covers
    assert missing_exclude_lines("/contacts/*.md\n/goals/\n/entries/\n/applications/\n/plan.md\n") == ["/contacts/"]
    assert missing_exclude_lines("/contacts/\n/goals/\n/entries/\n/applications/\n/plan.md\n!/contacts/*.png\n") == [
        "/contacts/"
    ]
    assert missing_exclude_lines("*.md\n") == ["/goals/", "/contacts/", "/entries/", "/applications/"]
    nested = yaml.safe_load(exclude_docs_yaml("notes/network"))["exclude_docs"]
    assert missing_exclude_lines(nested, "notes/network") == []
    assert missing_exclude_lines(nested) == exclude_docs_lines()  # another journal_dir: none covered


# --- Trellis' own commands print no end-of-life banner of the theme ----------------------------------


def test_trellis_publish_shows_mkdocs_errors_without_the_themes_banner(tmp_path, monkeypatch):
    from trellis.commands.publish.command import PublishError, build_public_site

    for name in ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING"):
        monkeypatch.delenv(name, raising=False)
    # a build that ends without an ERROR line (so publish shows its last lines), after ProperDocs'
    # notice, which a plugin may show (properdocs.replacement_warning), and material's banner
    project = _example(tmp_path, hooks=["notice.py"])
    (project / "notice.py").write_text(
        "import properdocs.replacement_warning\n"
        "properdocs.replacement_warning.setup()\n"
        "raise SystemExit('the notice hook stops here')\n",
        encoding="utf-8",
    )
    # what a user's own `mkdocs build` prints there: the notices, then the failure
    plain = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(tmp_path / "plain")],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert plain.returncode != 0 and "the notice hook stops here" in plain.stderr
    assert "MkDocs may break support" in plain.stderr  # ProperDocs' notice
    with pytest.raises(PublishError) as failed:
        build_public_site(project, tmp_path / "site")
    assert "the notice hook stops here" in str(failed.value)
    for notice in ("end of life", "Zensical", "ProperDocs", "MkDocs may break"):
        assert notice not in str(failed.value)
