"""Say what happens: values and files that used to be taken silently are findings, and the
builds do what the README says with them (`public: yes`, symlinked entries, pages at a
generated page's address)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import EPOCH, build
from trellis.loading import load_journal

NAME, ID = "Zebulon Quartermaine", "zebulon-quartermaine"
BASE = {
    "index.md": "# Home\n",
    "goals/vision.md": "---\ntitle: Land a remote role\nkind: vision\n---\n",
    "contacts/pat-public.md": "---\nname: Pat Public\nrole: Developer\npublic: true\n---\n",
}


def _check(project):
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run([sys.executable, "-m", "trellis.cli", "check", str(project)], env=env,
                          capture_output=True, text=True, timeout=120)


def _site_text(site) -> str:
    return "\n".join(p.read_text(errors="ignore") for p in site.rglob("*") if p.is_file())


@pytest.mark.parametrize("word, read_as", [("yes", "true"), ("on", "true"), ("Y", "true"), ("off", "false"),
                                           ("no", "false"), ("n", "false")])
def test_a_yaml_1_1_boolean_is_a_finding_and_publishes_nobody(write_journal, word, read_as):
    project = write_journal({**BASE, f"contacts/{ID}.md": f"---\nname: {NAME}\nrole: Engineering Manager\n"
                                                          f"sector: fintech\npublic: {word}\n---\n"})
    journal = load_journal(project / "journal")
    assert journal.contacts[ID].public is False  # fail closed, whatever the word
    run = _check(project)
    assert run.returncode == 1
    assert (f"journal/contacts/{ID}.md:5: error FILE-12: public is '{word}', which YAML 1.1 reads as {read_as}; "
            f"Trellis reads only true or false, so it counts as false: write public: {read_as} if you mean it"
            in run.stdout), run.stdout
    if word != "yes":
        return
    public = build(project, "public")  # unclear consent stops the public build, naming the file and rule
    assert public.returncode == 1 and "FILE-12" in public.stderr and f"contacts/{ID}.md" in public.stderr
    assert "Traceback" not in public.stderr
    assert not (project / "site-public").exists() or NAME not in _site_text(project / "site-public")
    owner = build(project, "owner")
    assert owner.returncode == 0 and "FILE-12" in owner.stderr


def test_an_entry_made_public_with_on_stays_private_and_the_build_says_so(write_journal):
    project = write_journal({**BASE, "entries/2026/2026-11-21.md": "---\npublic: on\n---\nMARKERTEXT private thoughts\n"})
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-2000:]
    assert "FILE-12: public is 'on', which YAML 1.1 reads as true" in run.stderr
    assert "MARKERTEXT" not in _site_text(project / "site-public")


def test_yes_and_on_stay_words_in_text_fields(write_journal):
    project = write_journal({**BASE, f"contacts/{ID}.md": f"---\nname: {NAME}\nrole: Yes\npublic: true\n---\n"})
    assert load_journal(project / "journal").contacts[ID].role == "Yes"  # not "True"
