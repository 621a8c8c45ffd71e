"""The rules of applications/*.md (APPLICATION-1 to -9), each on a journal written here, with
the exact text `trellis check` prints. Today is 2026-11-23."""

from __future__ import annotations

from conftest import TODAY
from trellis.pipeline import analyse

CONTACTS = {
    # met: a referral by her is fine
    "contacts/ada-lovelace.md": "---\nname: Ada Lovelace\ncompany: Stripe\nmet: 2026-03-01\n---\n",
    # no met, but a conversation logged: met all the same
    "contacts/grace-hopper.md": "---\nname: Grace Hopper\ncompany: Stripe\n---\n",
    "entries/2026-10-02.md": "---\ninteractions:\n  - {with: grace-hopper, channel: call, direction: mutual}\n---\n",
    # imported (known, not met), and someone with only a call planned for December
    "contacts/linus-imported.md": "---\nname: Linus Imported\nconnected: 2025-01-01\nhow_met: LinkedIn\n---\n",
    "contacts/dora-planned.md": "---\nname: Dora Planned\n---\n",
    "entries/2026-12-01.md": "---\ninteractions:\n  - {with: dora-planned, channel: call, direction: outbound}\n---\n",
}


def app(*lines: str) -> str:
    return "---\n" + "".join(line + "\n" for line in lines) + "---\nNotes.\n"


def findings(tmp_path, files: dict[str, str]) -> list[str]:
    for rel, text in {**CONTACTS, **files}.items():
        (tmp_path / "journal" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "journal" / rel).write_text(text, encoding="utf-8")
    found = analyse(tmp_path / "journal", today=TODAY).findings
    return [str(f) for f in found if f.shown.startswith("journal/applications/")]


def test_a_well_kept_application_has_no_finding(tmp_path):
    good = app(
        "company: Stripe",
        "role: Backend Engineer",
        "link: https://stripe.example/jobs/1",
        "applied: 2026-11-04",
        "history: {2026-11-02: referred, 2026-11-04: applied, 2026-11-12: screening, 2026-11-20: rejected}",
        "via: ada-lovelace",
        "contacts: [grace-hopper]",
        "next: 2026-11-10",  # past, but the application is closed (rejected): no nagging
    )
    talked = app("company: Stripe", "status: applied", "via: grace-hopper", "next: 2026-11-23")  # today is not past
    # applied after referred, or referred after applied: one place in the pipeline
    either = app("company: Stripe", "history: {2026-11-02: applied, 2026-11-05: referred, 2026-11-09: screening}")
    files = {"applications/good.md": good, "applications/talked.md": talked, "applications/either.md": either}
    assert findings(tmp_path, files) == []


def test_no_company_and_unknown_statuses(tmp_path):
    files = {
        "applications/a.md": app("role: Developer", "status: hired", "history: {2026-11-02: applied, 2026-11-09: won}")
    }
    assert findings(tmp_path, files) == [
        "journal/applications/a.md:2: error APPLICATION-1: no company: add company: the employer, e.g. Stripe",
        "journal/applications/a.md:3: error APPLICATION-2: status 'hired' is not a status: write one of "
        "interested, applied, referred, screening, interviewing, offer, accepted, rejected, withdrawn, ghosted",
        "journal/applications/a.md:4: error APPLICATION-2: history: 2026-11-09: 'won' is not a status: write one of "
        "interested, applied, referred, screening, interviewing, offer, accepted, rejected, withdrawn, ghosted",
    ]


def test_unknown_contacts_with_did_you_mean(tmp_path):
    files = {"applications/a.md": app("company: Stripe", "via: ada-lovelase", "contacts: [grace-hopper, zed-nobody]")}
    assert findings(tmp_path, files) == [
        "journal/applications/a.md:3: error APPLICATION-4: via 'ada-lovelase' is not in contacts/: "
        "did you mean ada-lovelace (Ada Lovelace)? If not, create contacts/ada-lovelase.md or fix the id",
        "journal/applications/a.md:4: error APPLICATION-4: contacts names 'zed-nobody', who is not in contacts/: "
        "create contacts/zed-nobody.md or fix the id",
    ]


def test_a_history_out_of_order_and_applied_after_the_offer(tmp_path):
    files = {
        "applications/a.md": app(
            "company: Stripe",
            "applied: 2026-11-20",
            "history:",
            "  2026-11-02: applied",
            "  2026-11-10: offer",
            "  2026-11-15: screening",
            "  2026-11-16: withdrawn",  # an end may come at any step
        )
    }
    assert findings(tmp_path, files) == [
        "journal/applications/a.md:3: error APPLICATION-6: applied 2026-11-20 is after the offer of 2026-11-10: "
        "correct applied: (the day you applied) or the offer's date in history:",
        "journal/applications/a.md:7: error APPLICATION-5: history: screening on 2026-11-15 comes after offer on "
        "2026-11-10: check the dates: screening comes before offer in the pipeline; correct the date or the status",
    ]


def test_a_date_that_is_not_a_date(tmp_path):
    files = {"applications/a.md": app("company: Stripe", "applied: 2026-02-30", "history: {2026-13-01: applied}")}
    assert findings(tmp_path, files) == [
        "journal/applications/a.md:3: error APPLICATION-3: applied (2026-02-30) is not a real date: "
        "write a real date as YYYY-MM-DD, e.g. 2026-11-22",
        "journal/applications/a.md:4: error APPLICATION-3: history: 2026-13-01 is not a real date: "
        "write each step's date as YYYY-MM-DD, e.g. 2026-11-10: screening",
    ]


def test_next_in_the_past_while_open_is_a_warning(tmp_path):
    files = {
        "applications/open.md": app("company: Stripe", "status: screening", "next: 2026-11-20"),
        "applications/nostatus.md": app("company: Stripe", "applied: 2026-11-01", "next: 2026-11-22"),
        "applications/done.md": app("company: Stripe", "status: accepted", "next: 2026-11-20"),
    }
    assert findings(tmp_path, files) == [
        "journal/applications/nostatus.md:4: warning APPLICATION-7: the next step (2026-11-22) is past and the "
        "application is still applied: do it and write the step after it as next:, or set status: to where it "
        "stands (rejected, withdrawn, ghosted...)",
        "journal/applications/open.md:4: warning APPLICATION-7: the next step (2026-11-20) is past and the "
        "application is still screening: do it and write the step after it as next:, or set status: to where it "
        "stands (rejected, withdrawn, ghosted...)",
    ]


def test_a_referral_by_someone_never_met_is_a_warning(tmp_path):
    files = {
        "applications/imported.md": app("company: Stripe", "via: linus-imported"),
        "applications/planned.md": app("company: Stripe", "via: dora-planned"),
        "applications/met.md": app("company: Stripe", "via: ada-lovelace"),
        "applications/talked.md": app("company: Stripe", "via: grace-hopper"),
    }
    assert findings(tmp_path, files) == [
        "journal/applications/imported.md:3: warning APPLICATION-8: referred via 'linus-imported', whom you never "
        "met: no interaction with them and no met: date: log the conversation in an entry (trellis log "
        "linus-imported), add met: to contacts/linus-imported.md, or correct via:",
        "journal/applications/planned.md:3: warning APPLICATION-8: referred via 'dora-planned', whom you never met: "
        "no interaction with them and no met: date: log the conversation in an entry (trellis log dora-planned), "
        "add met: to contacts/dora-planned.md, or correct via:",
    ]


def test_a_link_that_is_not_a_web_address(tmp_path):
    files = {
        "applications/a.md": app("company: Stripe", "link: javascript:alert(1)"),
        "applications/b.md": app("company: Stripe", "link: mailto:jobs@stripe.example"),
        "applications/c.md": app("company: Stripe", "link: HTTPS://stripe.example/jobs"),
    }
    assert findings(tmp_path, files) == [
        "journal/applications/a.md:3: warning APPLICATION-9: link is not a web address: "
        "write the job posting's address, starting with https://",
        "journal/applications/b.md:3: warning APPLICATION-9: link is not a web address: "
        "write the job posting's address, starting with https://",
    ]
