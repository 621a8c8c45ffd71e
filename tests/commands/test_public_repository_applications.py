"""A public repository whose only private data is job applications (issue 29, SPEC "Public
repositories"): `trellis check`, `mkdocs build` and `trellis publish` refuse it, saying what is
exposed (the applications and their files), not "private data about 0 people"."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

from conftest import mkdocs_build, trellis, write_project
from journals import BARE, HUNT
from trellis.loading import load_journal
from trellis.privacy.repository import repository_exposure

PUBLIC = {"TRELLIS_REPOSITORY_VISIBILITY": "public"}
# two of HUNT's cold applications (they name nobody, so the journal `init` writes holds no error)
APPLICATIONS = {rel: HUNT[rel] for rel in ("applications/hooli-ui.md", "applications/vandelay-js.md")}


def git(*args: str, cwd: Path | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def test_only_applications_private_names_the_applications_in_check_build_and_publish(tmp_path):
    project = tmp_path / "p"
    assert trellis("init", str(project)).returncode == 0
    entry = next((project / "journal" / "entries").rglob("*.md"))  # init's entry, made public
    entry.write_text(entry.read_text().replace("public: false", "public: true"))
    write_project(project, APPLICATIONS, None)
    bare = tmp_path / "site.git"
    git("init", "-q", "--bare", str(bare))
    said = (
        "this repository is public (TRELLIS_REPOSITORY_VISIBILITY=public), and 2 journal files in it "
        "expose 2 job applications: journal/applications/hooli-ui.md (a job application); "
        "journal/applications/vandelay-js.md (a job application). Make the repository private and "
        "publish the site to a separate public repository with `trellis publish`, or take applications/ "
        "out of the repository (a job application is never published: it has no `public:`)"
    )
    check = trellis("check", str(project), env=PUBLIC)
    assert check.returncode == 1 and said in check.stderr, check.stderr
    assert "people" not in check.stderr and "e-mails" not in check.stderr  # nothing of people to remove
    built = mkdocs_build(project, tmp_path / "s", PUBLIC)
    assert built.returncode != 0 and said in built.stderr.replace("\n", " "), built.stderr[-3000:]
    assert "Traceback" not in built.stderr
    published = trellis("publish", "--to", str(bare), "--path", str(project), env=PUBLIC)
    assert published.returncode == 1 and said in published.stderr, published.stderr
    assert git("for-each-ref", cwd=bare) == ""  # nothing pushed
    # in a private repository the same journal is fine; without the applications, so is a public one
    assert trellis("check", str(project), env={"TRELLIS_REPOSITORY_VISIBILITY": "private"}).returncode == 0
    for rel in APPLICATIONS:
        (project / "journal" / rel).unlink()
    assert trellis("check", str(project), env=PUBLIC).returncode == 0


def test_people_and_applications_are_both_named(tmp_path):
    # HUNT: six contacts, none public (Ana's e-mail and notes too); six entries with interaction
    # summaries (about the same people); eleven applications: 23 files
    journal = write_project(tmp_path, dict(HUNT), None) / "journal"
    message = repository_exposure(load_journal(journal)).message()
    assert "23 journal files in it expose private data about 6 people and 11 job applications: " in message
    assert "; and 13 more." in message  # ten files listed
    assert "set `public: true` only where a person or an entry agreed to be published, and take applications/" in (
        message
    )


def test_an_application_that_cannot_be_read_is_an_application_exposed(tmp_path):
    broken = {"applications/broken.md": textwrap.dedent("---\ncompany: [\n---\n")}
    journal = write_project(tmp_path, broken, None) / "journal"
    message = repository_exposure(load_journal(journal)).message()
    assert "1 journal file in it exposes 1 job application: journal/applications/broken.md (could not be read)" in (
        message
    )


def test_an_application_in_another_markdown_spelling_is_named_as_an_application(tmp_path):
    # applications/UP.MD and applications/x.markdown are read as applications (the loader takes every
    # markdown suffix, any case): the message calls them job applications, and not also "an export or a
    # file Trellis does not read"; a file the loader does not read (notes.txt) is still named so
    files = {
        **{k: v for k, v in HUNT.items() if not k.startswith("applications/")},
        "applications/UP.MD": HUNT["applications/hooli-ui.md"],
        "applications/x.markdown": HUNT["applications/vandelay-js.md"],
        "applications/notes.txt": "Initech: call back\n",
    }
    project = write_project(tmp_path, files, None)
    found = repository_exposure(load_journal(project / "journal"))
    assert found.files["journal/applications/UP.MD"] == ["a job application"]
    assert found.files["journal/applications/x.markdown"] == ["a job application"]
    assert found.files["journal/applications/notes.txt"] == ["an export or a file Trellis does not read"]


def test_a_goal_counting_referrals_alone_is_told_to_leave_not_to_be_made_public(tmp_path):
    # the only private file is a goal counting referrals: it is named as such, and the way out is to
    # take it out of the repository; `public: true` (for a person or an entry) would not help
    goal = """
        ---
        title: Get a referral a week
        supports: vision
        measure: {count: referrals}
        target: 1
        per: week
        start: 2026-11-02
        due: 2026-12-31
        actions: [Ask an ally]
        ---
        """
    project = write_project(tmp_path, {**BARE, "goals/referrals.md": goal}, None)
    said = repository_exposure(load_journal(project / "journal")).message()
    assert "1 journal file in it exposes 1 goal counting job applications: journal/goals/referrals.md" in said
    assert said.endswith(
        "or take the goals that count applications or referrals out of the repository (such a goal is never "
        "published either)"
    ), said
    assert "public: true" not in said


def test_a_goal_counting_applications_that_could_not_be_read_is_private_all_the_same(tmp_path):
    # fail closed: its YAML is broken (an unclosed flow mapping), so no goal was read, but its text
    # says it counts applications: its title ("Apply to Hooli and Initech") is the job hunt's
    broken = "---\ntitle: Apply to Hooli and Initech\nsupports: vision\nmeasure: {count: applications\n---\n"
    other = "---\ntitle: Meet people\nsupports: vision\nmeasure: {count: new-contacts\n---\n"  # broken, not the hunt
    project = write_project(tmp_path, {**BARE, "goals/hunt.md": broken, "goals/people.md": other}, None)
    found = repository_exposure(load_journal(project / "journal"))
    assert found.files == {"journal/goals/hunt.md": ["could not be read, and counts job applications"]}
    assert "1 goal counting job applications" in found.message()
