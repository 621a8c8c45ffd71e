"""`trellis new application COMPANY` (issue 29): a template file in applications/, id from the
company (and `--role`), never overwriting a file; it passes `trellis check` as written and reads
back as an interested application whose next step is a week away. Today is 2026-11-23."""

from __future__ import annotations

import datetime as dt

from conftest import trellis
from trellis.loading import load_journal

INDEX = {"index.md": "# Home\n"}


def test_new_application_writes_a_template_that_checks_clean(write_journal):
    project = write_journal(INDEX)
    run = trellis("new", "application", "  Northwind   Pay ", cwd=project, timeout=120)
    assert (run.returncode, run.stdout, run.stderr) == (0, "journal/applications/northwind-pay.md\n", "")
    text = (project / "journal" / "applications" / "northwind-pay.md").read_text(encoding="utf-8")
    assert text.startswith("---\ncompany: Northwind Pay\nrole: ''  # the job's title\n")
    assert "# via: ada-lovelace  # the referral or intro: a contact id\n" in text
    assert text.endswith("---\nNotes: what the role is, whom to ask, how it went. Never published.\n")
    app = load_journal(project / "journal").applications["northwind-pay"]
    assert (app.company, app.role, app.current, app.next) == ("Northwind Pay", "", "interested", dt.date(2026, 11, 30))
    check = trellis("check", cwd=project, timeout=120)
    assert check.returncode == 0 and "no problems in 1 records" in check.stdout, check.stdout


def test_a_taken_id_gets_a_number_and_no_file_is_overwritten(write_journal):
    mine = "---\ncompany: Northwind Pay\nstatus: offer\n---\nMy own notes.\n"
    project = write_journal({**INDEX, "applications/northwind-pay.md": mine})
    run = trellis("new", "application", "Northwind Pay", cwd=project, timeout=120)
    assert run.stdout == "journal/applications/northwind-pay-2.md\n", run.stderr
    assert (project / "journal" / "applications" / "northwind-pay.md").read_text(encoding="utf-8") == mine
    run = trellis("new", "application", "Acme: Labs", "--role", "Front-end Engineer", cwd=project, timeout=120)
    assert run.stdout == "journal/applications/acme-labs-front-end-engineer.md\n", run.stderr
    app = load_journal(project / "journal").applications["acme-labs-front-end-engineer"]
    assert (app.company, app.role) == ("Acme: Labs", "Front-end Engineer")


def test_new_application_without_a_company_says_how(write_journal):
    project = write_journal(INDEX)
    run = trellis("new", "application", cwd=project, timeout=120)
    assert run.returncode == 2
    assert run.stderr == "trellis new application: give the company, e.g. trellis new application Stripe\n"
    assert not (project / "journal" / "applications").exists()
