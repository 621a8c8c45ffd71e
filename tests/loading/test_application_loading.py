"""applications/*.md (issue 29): each field read into `Application`, each with its line; bad
values a finding on their line, never a traceback; the records counted by `trellis check`."""

from __future__ import annotations

import datetime as dt

from conftest import trellis
from trellis.loading import load_journal
from trellis.model import RECORD_FOLDERS, StatusChange

D = dt.date

APPLICATION = """\
---
company: Northwind Pay
role: Front-end Engineer, Checkout
link: https://jobs.example.com/northwind/1
applied: 2026-11-04
status: interviewing
history:
  2026-11-12: screening
  2026-11-04: applied
via: tomas-reyes
contacts: [nadia-haddad, ines-carvalho]
next: 2026-11-26
---
Tomas passed my CV on.
"""


def write(root, files):
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_every_field_is_read_with_its_line(tmp_path):
    assert "applications" in RECORD_FOLDERS
    journal = load_journal(write(tmp_path / "journal", {"applications/northwind.md": APPLICATION}))
    assert journal.findings == []
    app = journal.applications["northwind"]
    assert (app.company, app.role, app.link) == (
        "Northwind Pay",
        "Front-end Engineer, Checkout",
        "https://jobs.example.com/northwind/1",
    )
    assert (app.applied, app.status, app.via, app.next) == (
        D(2026, 11, 4),
        "interviewing",
        "tomas-reyes",
        D(2026, 11, 26),
    )
    assert app.contacts == ["nadia-haddad", "ines-carvalho"]
    # history is read by date, whatever order it is written in
    assert app.history == [StatusChange(D(2026, 11, 4), "applied"), StatusChange(D(2026, 11, 12), "screening")]
    assert app.notes == "Tomas passed my CV on."
    assert app.current == "interviewing" and app.is_open
    assert app.people == ["tomas-reyes", "nadia-haddad", "ines-carvalho"]
    line = app.source.line
    assert [
        line(k) for k in ("company", "role", "link", "applied", "status", "history", "via", "contacts", "next")
    ] == [
        2,
        3,
        4,
        5,
        6,
        7,
        10,
        11,
        12,
    ]
    assert (line("history", "2026-11-12"), line("history", "2026-11-04"), line("contacts", 1)) == (8, 9, 11)


def test_where_it_stands_without_a_status(tmp_path):
    journal = load_journal(
        write(
            tmp_path / "journal",
            {
                "applications/a.md": "---\ncompany: A\nhistory: {2026-11-01: applied, 2026-11-09: rejected}\n---\n",
                "applications/b.md": "---\ncompany: B\napplied: 2026-11-01\n---\n",
                "applications/c.md": "---\ncompany: C\n---\n",
                # a list of one-line mappings is read too
                "applications/d.md": "---\ncompany: D\nhistory:\n  - 2026-11-01: applied\n  - 2026-11-03: ghosted\n---\n",
            },
        )
    )
    apps = journal.applications
    assert [apps[k].current for k in "abcd"] == ["rejected", "applied", "interested", "ghosted"]
    assert [apps[k].is_open for k in "abcd"] == [False, True, True, False]
    assert apps["d"].source.line("history", 1, "2026-11-03") == 5


def test_bad_values_are_findings_on_their_lines(tmp_path):
    text = (
        "---\ncompany: [A, B]\napplied: 2026-02-30\nhistory:\n  2026-11-01: applied\n  soon: screening\n"
        "  2026-11-05:\nnext: next week\ncontacts: {a: b}\n---\n"
    )
    journal = load_journal(write(tmp_path / "journal", {"applications/bad.md": text}))
    assert [str(f) for f in sorted(journal.findings, key=lambda f: f.sort_key)] == [
        "journal/applications/bad.md:2: error FILE-8: company (['A', 'B']) should be text, not list: "
        'write it as text, e.g. "key: some words"',
        "journal/applications/bad.md:3: error APPLICATION-3: applied (2026-02-30) is not a real date: "
        "write a real date as YYYY-MM-DD, e.g. 2026-11-22",
        "journal/applications/bad.md:6: error APPLICATION-3: history: soon is not a real date: "
        "write each step's date as YYYY-MM-DD, e.g. 2026-11-10: screening",
        "journal/applications/bad.md:7: error FILE-8: history: 2026-11-05 names no status: "
        "write the status reached that day, e.g. 2026-11-10: screening",
        "journal/applications/bad.md:8: error APPLICATION-3: next (next week) is not a real date: "
        "write a real date as YYYY-MM-DD, e.g. 2026-11-22",
        "journal/applications/bad.md:9: error FILE-8: contacts ({'a': 'b'}) should be a list of words, not mapping: "
        "write a list, e.g. [react, typescript]",
    ]
    app = journal.applications["bad"]  # the record is kept, the bad fields at their defaults
    assert (app.company, app.applied, app.next, app.contacts) == ("", None, None, [])
    assert app.history == [StatusChange(D(2026, 11, 1), "applied")]
    assert {"company", "applied", "next", "contacts", "history"} <= app.invalid


def test_history_of_the_wrong_shape_and_a_far_date(tmp_path):
    files = {
        "applications/text.md": "---\ncompany: A\nhistory: applied in November\n---\n",
        "applications/far.md": "---\ncompany: B\nhistory: {1850-01-01: applied}\n---\n",
    }
    journal = load_journal(write(tmp_path / "journal", files))
    assert sorted(str(f) for f in journal.findings) == [
        "journal/applications/far.md:3: error FILE-10: history.1850-01-01 (1850-01-01) is before 1900-01-01: "
        "write a date from 1900-01-01 to 2199-12-31",
        "journal/applications/text.md:3: error FILE-8: history should be a mapping of dates to statuses, not text: "
        "write the dated status changes as a mapping, e.g. history: {2026-11-02: applied, 2026-11-10: screening}",
    ]


def test_check_counts_applications_and_a_duplicate_id_is_named(tmp_path):
    write(
        tmp_path / "journal",
        {
            "applications/acme.md": "---\ncompany: Acme\n---\n",
            "applications/2026/acme.md": "---\ncompany: Acme\n---\n",
        },
    )
    run = trellis("check", str(tmp_path))
    assert "application id 'acme' is also used by journal/applications/" in run.stdout, run.stdout
    assert "in 1 records" in run.stdout  # the duplicate is left out, like any record's


def test_a_history_list_with_one_odd_item_keeps_the_others_and_names_that_item(tmp_path):
    # a list of one-line mappings is a history (the journal format); one item that is not (a date
    # without a status, two steps on one line) is named on its own line, and the other steps are kept:
    # the application still stands at screening, under way since 11-01, not "interested"
    text = (
        "---\ncompany: Initech\nhistory:\n  - 2026-11-01: applied\n  - 2026-11-02\n"
        "  - {2026-11-03: screening, 2026-11-04: offer}\n  - 2026-11-05: screening\n---\n"
    )
    journal = load_journal(write(tmp_path / "journal", {"applications/odd.md": text}))
    assert [str(f) for f in sorted(journal.findings, key=lambda f: f.sort_key)] == [
        "journal/applications/odd.md:5: error FILE-8: history[1] should be one date and its status, not 2026-11-02: "
        "write each step on a line of its own, e.g. - 2026-11-10: screening",
        "journal/applications/odd.md:6: error FILE-8: history[2] should be one date and its status, not 2 steps "
        "on one line: write each step on a line of its own, e.g. - 2026-11-10: screening",
    ]
    app = journal.applications["odd"]
    assert app.history == [StatusChange(D(2026, 11, 1), "applied"), StatusChange(D(2026, 11, 5), "screening")]
    assert app.current == "screening" and "history" in app.invalid
