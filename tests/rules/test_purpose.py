"""What each relationship is for: `want:` and `give:` in `trellis new contact`, and CONTACT-8."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import EPOCH, TODAY
from journals import VISION_GOAL
from trellis.commands.new import new_contact
from trellis.loading import load_journal
from trellis.pipeline import analyse


def contact(*lines: str) -> str:
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n"


def entry(direction: str, who: str) -> str:
    return f"---\ninteractions:\n  - {{with: {who}, channel: call, direction: {direction}}}\n---\n"


# Today is 2026-11-23. CONTACT-8 warns on a tie at stage contact with neither want nor give
# more than 30 days after `met:` (else the first interaction up to today).
JOURNAL = {
    # met 2026-10-01: 30 days (to 10-31) + 23 = 53 days, nothing logged: fires
    "contacts/old.md": contact("name: Old Tie", "met: 2026-10-01"),
    # no met; first (one-way) call 2026-10-20: 11 + 23 = 34 days: fires, counted from the call
    "contacts/called.md": contact("name: Called Once"),
    "entries/2026-10-20.md": entry("outbound", "called"),
    # met 2026-10-24: 7 + 23 = 30 days, not more than 30: quiet (for one more day)
    "contacts/young.md": contact("name: Young Tie", "met: 2026-10-24"),
    # met long ago, but a mutual exchange made them an acquaintance: quiet
    "contacts/friend.md": contact("name: Friend", "met: 2026-01-10"),
    "entries/2026-11-02.md": entry("mutual", "friend"),
    # one of the two fields says what it is for: quiet
    "contacts/wanted.md": contact("name: Wanted", "met: 2026-01-10", "want: advice on remote hiring"),
    "contacts/given.md": contact("name: Given", "met: 2026-01-10", "give: [a docs review]"),
    # set by hand to ally: the stage the pages show is not contact: quiet
    "contacts/close.md": contact("name: Close", "met: 2026-01-10", "stage: ally"),
    # nothing to count from (no met, no interaction up to today; a call planned for December): quiet
    "contacts/undated.md": contact("name: Undated"),
    "entries/2026-12-01.md": entry("outbound", "undated"),
}


def test_contact_8_fires_on_an_old_tie_without_a_purpose_and_only_there(tmp_path):
    for rel, text in JOURNAL.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    findings = [f for f in analyse(tmp_path, today=TODAY).findings if f.rule == "CONTACT-8"]
    assert [(f.shown.rsplit("/", 1)[1], f.line, f.severity) for f in findings] == [
        ("called.md", 2, "warning"),
        ("old.md", 3, "warning"),
    ]  # at `met:`, else the frontmatter's first line
    called, old = findings
    assert "34 days after your first interaction (2026-10-20)" in called.message
    assert "53 days after you met (2026-10-01)" in old.message
    assert "want:" in old.fix and "give:" in old.fix

    # the next day Young Tie is 31 days old: now it fires too
    later = analyse(tmp_path, today=TODAY.replace(day=24)).findings
    assert sorted(f.shown.rsplit("/", 1)[1] for f in later if f.rule == "CONTACT-8") == [
        "called.md",
        "old.md",
        "young.md",
    ]


def test_trellis_check_prints_contact_8_and_fails_only_when_strict(tmp_path):
    (tmp_path / "contacts").mkdir()
    (tmp_path / "contacts" / "old.md").write_text(JOURNAL["contacts/old.md"], encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}

    def check(*args):
        return subprocess.run(
            [sys.executable, "-m", "trellis.cli", "check", *args, str(tmp_path)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    run = check()
    assert run.returncode == 0
    assert "contacts/old.md:3: warning CONTACT-8: still a contact 53 days after you met" in run.stdout
    assert check("--strict").returncode == 1
    (tmp_path / "contacts" / "old.md").write_text(contact("name: Old Tie", "met: 2026-10-01", "want: [a referral]"))
    assert check("--strict").returncode == 0


def test_new_contact_writes_want_and_give_as_commented_lines(tmp_path):
    path = new_contact(tmp_path, "Ada Lovelace", TODAY)
    text = path.read_text(encoding="utf-8")
    assert "\n# want: " in text and "\n# give: " in text
    assert load_journal(tmp_path).contacts["ada-lovelace"].want == []  # commented: not set
    # uncommented as written, they are read, and the file still checks clean
    path.write_text(text.replace("\n# want: ", "\nwant: ").replace("\n# give: ", "\ngive: "), encoding="utf-8")
    journal = load_journal(tmp_path)
    ada = journal.contacts["ada-lovelace"]
    assert (ada.want, ada.give) == (["advice on remote hiring"], ["a review of their docs"])
    assert journal.findings == []


def test_a_build_logs_ten_warnings_of_a_rule_and_counts_the_rest_check_lists_them_all(write_journal):
    """A LinkedIn import of 1,800 people gave 1,800 CONTACT-8 lines at every `mkdocs serve`
    save; the build now logs ten of a rule's warnings and counts the rest."""
    from conftest import build

    people = {f"contacts/person-{n:02d}.md": contact(f"name: Person {n:02d}", "met: 2026-01-10") for n in range(14)}
    project = write_journal({**VISION_GOAL, **people})
    run = build(project, "owner")
    assert run.returncode == 0, run.stderr[-2000:]
    logged = [line for line in run.stderr.splitlines() if "CONTACT-8" in line]
    assert len(logged) == 11 and logged[-1].endswith(
        "... and 4 more CONTACT-8 warnings: trellis check lists them all, and so does the checks page"
    )
    checks = (project / "site-owner" / "checks" / "index.html").read_text()
    assert all(f"person-{n:02d}.md" in checks for n in range(14))
    check = subprocess.run(
        [sys.executable, "-m", "trellis.cli", "check", str(project)],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )
    assert sum("CONTACT-8" in line for line in check.stdout.splitlines()) == 14, check.stdout
    strict = build(project, "owner", "--strict")
    assert strict.returncode != 0  # warnings still fail a strict build
