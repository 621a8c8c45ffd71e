"""What `trellis check` says about who a contact id means (issue 27, duplicates and typos): a
mistyped id gets "did you mean" from the known ids and names before "create", and two files
that look like one person (same name and e-mail or profile link) get CONTACT-9."""

from __future__ import annotations

from conftest import trellis

OKAFOR = "---\nname: Daniel Okafor\nemail: daniel@example.com\n---\n"
ENTRY = """
---
date: 2026-11-20
interactions:
  - with: {who}
    channel: coffee
    direction: outbound
    summary: Talked about the role
---
"""


def _check(project):
    return trellis("check", cwd=project, timeout=120)


def test_a_mistyped_id_gets_did_you_mean_before_create(write_journal):
    project = write_journal(
        {
            "contacts/daniel-okafor.md": OKAFOR,
            "contacts/ada-lovelace.md": "---\nname: Ada Lovelace\n---\n",
            "entries/2026/2026-11-20.md": ENTRY.format(who="daniel-okafur"),
        }
    )
    run = _check(project)
    assert run.returncode == 1, run.stderr
    assert (
        "journal/entries/2026/2026-11-20.md:4: error ENTRY-3: 'daniel-okafur' is not in contacts/: "
        "did you mean daniel-okafor (Daniel Okafor)? If not, create contacts/daniel-okafur.md "
        "(trellis new contact) or fix the id"
    ) in run.stdout, run.stdout
    assert "ada-lovelace" not in run.stdout  # not close: not suggested


def test_a_name_written_where_the_id_goes_finds_the_id(write_journal):
    project = write_journal(
        {
            "contacts/zoe.md": "---\nname: Zoë Ødegård Hansen\n---\n",
            "contacts/bob.md": "---\nname: Bob Stone\nknows: [zoe-odegard-hansen]\nintroduced_by: bob-ston\n---\n",
        }
    )
    out = _check(project).stdout
    assert "knows 'zoe-odegard-hansen', who is not in contacts/: did you mean zoe (Zoë Ødegård Hansen)? If not, " in out
    assert "'bob-ston' is not in contacts/: did you mean bob (Bob Stone)? If not, create contacts/bob-ston.md" in out


def test_at_most_three_suggestions_and_none_when_nothing_is_close(write_journal):
    people = {f"contacts/sam-lee-{n}.md": f"---\nname: Sam Lee {n}\n---\n" for n in range(1, 6)}
    project = write_journal(
        {
            **people,
            "entries/2026/2026-11-20.md": ENTRY.format(who="[sam-le-1, xavier-quint]"),
        }
    )
    lines = _check(project).stdout.splitlines()
    sam = next(line for line in lines if "'sam-le-1'" in line)
    assert sam.count("(Sam Lee ") == 3, sam
    assert "did you mean sam-lee-1 (Sam Lee 1), " in sam
    xavier = next(line for line in lines if "'xavier-quint'" in line)
    assert xavier.endswith(
        "'xavier-quint' is not in contacts/: create contacts/xavier-quint.md (trellis new contact) or fix the id"
    ), xavier


def test_a_stage_goal_naming_a_mistyped_contact_gets_did_you_mean(write_journal):
    project = write_journal(
        {
            "contacts/daniel-okafor.md": OKAFOR,
            "goals/ally.md": """
                ---
                title: Make Daniel an ally by March
                why: He knows the climate-tech hiring managers
                measure: {count: stage, contact: daniel-okafr}
                target: ally
                start: 2026-11-01
                due: 2027-03-01
                actions: [Coffee every month]
                ---
            """,
        }
    )
    out = _check(project).stdout
    assert (
        "contact 'daniel-okafr' is not in contacts/: did you mean daniel-okafor (Daniel Okafor)? If not, create" in out
    )


def test_two_files_with_one_name_and_one_email_are_flagged(write_journal):
    project = write_journal(
        {
            "contacts/jonas-becker.md": "---\nname: Jonas Becker\nemail: jonas@example.com\n---\n",
            "contacts/jonas-becker-2.md": "---\nname: jonas  BECKER\nemail: [Jonas@Example.com]\n---\n",
        }
    )
    run = _check(project)
    assert run.returncode == 0, run.stdout  # a warning
    assert (
        "journal/contacts/jonas-becker-2.md:3: warning CONTACT-9: contacts/jonas-becker.md and "
        "contacts/jonas-becker-2.md look like the same person (same name and e-mail Jonas@Example.com): "
        "merge them into contacts/jonas-becker.md and delete contacts/jonas-becker-2.md"
    ) in run.stdout, run.stdout
    assert run.stdout.count("CONTACT-9") == 1


def test_two_files_with_one_name_and_one_profile_link_are_flagged(write_journal):
    project = write_journal(
        {
            "contacts/mia-chen.md": "---\nname: Mia Chen\nlinks: {linkedin: https://www.linkedin.com/in/miachen/}\n---\n",
            "contacts/mia.md": "---\nname: Mía Chen\nlinks:\n  profile: http://linkedin.com/in/miachen\n---\n",
        }
    )
    out = _check(project).stdout
    assert (
        "journal/contacts/mia-chen.md:3: warning CONTACT-9: contacts/mia.md and contacts/mia-chen.md look like "
        "the same person (same name and linkedin link https://www.linkedin.com/in/miachen/)"
    ) in out, out


def test_two_people_who_share_only_a_name_are_not_flagged(write_journal):
    project = write_journal(
        {
            "contacts/jonas-becker.md": "---\nname: Jonas Becker\nemail: jonas@example.com\n"
            "links: {linkedin: https://linkedin.com/in/jonas}\n---\n",
            "contacts/jonas-becker-2.md": "---\nname: Jonas Becker\nemail: jb@other.example\n"
            "links: {linkedin: https://linkedin.com/in/jonas-becker-berlin}\n---\n",
            "contacts/jonas-b.md": "---\nname: Jonas B.\nemail: jonas@example.com\n---\n",  # another name
        }
    )
    run = _check(project)
    assert "CONTACT-9" not in run.stdout, run.stdout
