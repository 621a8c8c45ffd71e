"""Goals count the job hunt (issue 29): `measure.count: applications` and `referrals`, with `where`
filters, on HUNT (tests/journals.py; today Monday 2026-11-23, weeks start on Monday).

Every figure is worked out by hand from HUNT's applications. The day each is applied for
(`applied:`, else the history's first `applied`, else its first dated step past interested):
wayne-lead 08-01, soylent-fe 09-01, acme-data 09-15, initech-old 09-20, vandelay-js 10-01,
globex-frontend 10-22, acme-backend 11-03, hooli-ui 11-05, initech-web 11-18, umbrella-dev 11-20
(no applied date: its first step, referred, shows it was sent); acme-platform is only interested,
with no date: not counted. Ten applications.
Referrals (a `via:`, on the history's `referred`): globex-frontend 10-20 (Dan), acme-backend 11-01
(Ana), umbrella-dev 11-20 (Gil).
The weeks (Mondays): 11-01 is a Sunday (week of 10-26); 11-03 and 11-05 fall in the week of 11-02;
11-17, 11-18 and 11-20 in the week of 11-16; the week of 11-23 is running.
"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from conftest import TODAY, trellis
from journals import HUNT
from trellis.metrics.review import monthly_reviews
from trellis.pipeline import analyse

D = dt.date


def goal(measure: dict, target=3, **extra) -> str:
    data = {
        "title": "Apply to three roles a week",
        "supports": "vision",
        "measure": measure,
        "target": target,
        "start": "2026-11-02",
        "due": "2026-12-31",
        "actions": ["Pick three postings on Monday"],
        **extra,
    }
    return "---\n" + yaml.safe_dump(data, sort_keys=False) + "---\n"


@pytest.fixture
def hunt(write_journal):
    """HUNT with the goals given, analysed at the tests' today."""

    def analysis(**goals: str):
        project = write_journal({**HUNT, **{f"goals/{gid}.md": text for gid, text in goals.items()}})
        return analyse(project / "journal", today=TODAY)

    return analysis


def counted(analysis, gid: str) -> list[tuple[str, str]]:
    """What counted toward the goal, at any date: (day, application id), oldest first."""
    return [(i.date.isoformat(), i.application) for i in analysis.figures.items(analysis.journal.goals[gid])]


def weeks(progress) -> list[tuple[str, float]]:
    return [(p.start.isoformat(), p.value) for p in progress.periods]


def test_applications_count_on_the_day_each_was_applied_for(hunt):
    analysis = hunt(sent=goal({"count": "applications"}, target=20, start="2026-08-01", per=None))
    assert counted(analysis, "sent") == [
        ("2026-08-01", "wayne-lead"),
        ("2026-09-01", "soylent-fe"),
        ("2026-09-15", "acme-data"),
        ("2026-09-20", "initech-old"),
        ("2026-10-01", "vandelay-js"),
        ("2026-10-22", "globex-frontend"),
        ("2026-11-03", "acme-backend"),
        ("2026-11-05", "hooli-ui"),
        ("2026-11-18", "initech-web"),
        ("2026-11-20", "umbrella-dev"),  # no applied date: its referral shows it was sent
    ]  # acme-platform, interested with no date, is a plan: not counted
    progress = analysis.figures.progress(analysis.journal.goals["sent"])
    assert progress.value == 10
    # the burn-up climbs one a day that counted, from the goal's start
    assert progress.burnup[-3:] == ((D(2026, 11, 5), 8.0), (D(2026, 11, 18), 9.0), (D(2026, 11, 20), 10.0))
    assert not [f for f in analysis.findings if "goals/" in f.shown]


def test_an_interested_application_counts_once_it_has_an_applied_date(hunt, write_journal):
    """acme-platform, `status: interested`: with `applied:` written, it counts on that day (the
    status may be left behind: `trellis new application` writes interested)."""
    platform = "---\ncompany: Acme Pay\nrole: Platform Engineer\nstatus: interested\napplied: 2026-11-21\nnext: 2026-11-28\n---\n"
    project = write_journal(
        {
            **HUNT,
            "applications/acme-platform.md": platform,
            "goals/sent.md": goal({"count": "applications"}, per="week"),
        }
    )
    analysis = analyse(project / "journal", today=TODAY)
    assert ("2026-11-21", "acme-platform") in counted(analysis, "sent")
    # the week of 11-16: initech-web, umbrella-dev, and now acme-platform: three, met
    progress = analysis.figures.progress(analysis.journal.goals["sent"])
    assert weeks(progress)[2] == ("2026-11-16", 3.0) and progress.streak == 1


def test_apply_to_three_roles_a_week_at_least_one_through_a_referral(hunt):
    """The docs' example, as two goals from 2026-11-02: three applications a week, one referral a week."""
    analysis = hunt(
        apply=goal({"count": "applications"}, per="week"),
        referral=goal({"count": "referrals"}, target=1, per="week", title="Get at least one referral a week"),
    )
    apply = analysis.figures.progress(analysis.journal.goals["apply"])
    # 11-02: acme-backend, hooli-ui; 11-09: none; 11-16: initech-web, umbrella-dev; 11-23: none yet
    assert weeks(apply) == [("2026-11-02", 2.0), ("2026-11-09", 0.0), ("2026-11-16", 2.0), ("2026-11-23", 0.0)]
    assert [p.met for p in apply.periods] == [False, False, False, False]
    assert apply.streak == 0 and apply.period == "week of 2026-11-23"
    referral = analysis.figures.progress(analysis.journal.goals["referral"])
    # acme-backend's referral, Sunday 11-01, fell the week before the goal started; umbrella-dev 11-20
    assert weeks(referral) == [("2026-11-02", 0.0), ("2026-11-09", 0.0), ("2026-11-16", 1.0), ("2026-11-23", 0.0)]
    assert referral.periods[2].met and referral.periods[2].met_on == D(2026, 11, 20)
    assert referral.streak == 1 and referral.longest_streak == 1
    # the monthly review's goal results read the same weeks (November: three whole weeks, one running)
    november = next(r for r in monthly_reviews(analysis.figures) if r.key == "2026-11")
    results = {g.goal_id: g for g in november.goals}
    assert [(p.label, p.value, p.met) for p in results["apply"].periods] == [
        ("week of 2026-11-02", 2.0, False),
        ("week of 2026-11-09", 0.0, False),
        ("week of 2026-11-16", 2.0, False),
    ]
    assert results["referral"].met == 1


def test_referrals_since_october(hunt):
    analysis = hunt(
        referrals=goal(
            {"count": "referrals"}, target=5, start="2026-10-01", title="Get five referrals by the end of the year"
        )
    )
    assert counted(analysis, "referrals") == [
        ("2026-10-20", "globex-frontend"),
        ("2026-11-01", "acme-backend"),
        ("2026-11-20", "umbrella-dev"),
    ]
    items = analysis.figures.items(analysis.journal.goals["referrals"])
    assert [i.contacts for i in items] == [("dan-former",), ("ana-ally",), ("gil-umbrella",)]  # who referred
    assert analysis.figures.progress(analysis.journal.goals["referrals"]).value == 3


def test_filters_on_company_role_status_and_via(hunt):
    analysis = hunt(
        # whole words in any case, as goal filters match people: "acme" is in "Acme Pay"
        acme=goal({"count": "applications", "where": {"company": ["acme"]}}, start="2026-08-01"),
        initech=goal({"count": "applications", "where": {"company": ["Initech"]}}, per="week", start="2026-09-14"),
        # a role by its meaning: "data" names the data specialist, the Data Engineer; "front-end" is words
        data=goal({"count": "applications", "where": {"role": ["data"]}}, start="2026-08-01"),
        frontend=goal({"count": "applications", "where": {"role": ["front-end"]}}, start="2026-08-01"),
        # a status: the day each reached it
        interviews=goal({"count": "applications", "where": {"status": ["interviewing"]}}, target=1, per="week"),
        ended=goal(
            {"count": "applications", "where": {"status": ["rejected", "withdrawn", "ghosted"]}}, start="2026-08-01"
        ),
        ana=goal({"count": "referrals", "where": {"via": ["ana-ally"]}}, target=1, start="2026-10-01"),
    )
    assert counted(analysis, "acme") == [("2026-09-15", "acme-data"), ("2026-11-03", "acme-backend")]
    assert counted(analysis, "initech") == [("2026-09-20", "initech-old"), ("2026-11-18", "initech-web")]
    initech = analysis.figures.progress(analysis.journal.goals["initech"])
    per_week = dict(weeks(initech))  # weeks from 09-14: one in that week (09-20, a Sunday), one in 11-16's
    assert per_week["2026-09-14"] == 1.0 and per_week["2026-11-16"] == 1.0 and sum(per_week.values()) == 2.0
    assert counted(analysis, "data") == [("2026-09-15", "acme-data")]
    assert counted(analysis, "frontend") == [("2026-09-01", "soylent-fe"), ("2026-10-22", "globex-frontend")]
    # globex-frontend reached interviewing on 11-05 (and an offer since: it still counts, once);
    # acme-backend on 11-17
    assert counted(analysis, "interviews") == [("2026-11-05", "globex-frontend"), ("2026-11-17", "acme-backend")]
    interviews = analysis.figures.progress(analysis.journal.goals["interviews"])
    assert weeks(interviews)[:3] == [("2026-11-02", 1.0), ("2026-11-09", 0.0), ("2026-11-16", 1.0)]
    assert counted(analysis, "ended") == [
        ("2026-10-01", "acme-data"),
        ("2026-10-15", "soylent-fe"),
        ("2026-10-15", "vandelay-js"),
    ]
    assert counted(analysis, "ana") == [("2026-11-01", "acme-backend")]
    assert analysis.figures.progress(analysis.journal.goals["ana"]).status == "done"


def test_an_unrealistic_application_goal_is_judged_by_the_best_week_of_applications(hunt):
    """SMART-A2 for the job-hunt counters: the best week that has ended held two applications
    (09-14: 09-15 and 09-20; 11-02; 11-16: the latest of them is named); ten a week is over three
    times that. Three a week is not."""
    analysis = hunt(
        ten=goal({"count": "applications"}, target=10, per="week", title="Apply to ten roles a week"),
        three=goal({"count": "applications"}, per="week"),
    )
    found = [str(f) for f in analysis.findings if f.rule == "SMART-A2"]
    assert found == [
        "journal/goals/ten.md:6: warning SMART-A2: the goal needs 10 per week, over 3 times your best week so far "
        "(2, week of 2026-11-16): lower the target, give it more time, or split it into smaller steps"
    ]


def test_a_bad_filter_is_a_clear_finding(write_journal):
    project = write_journal(
        {
            **HUNT,
            "goals/bad.md": """
                ---
                title: Land two interviews a month
                supports: vision
                measure:
                  count: applications
                  where:
                    status: [interview]
                    via: [ana-aly]
                    channel: [email]
                target: 2
                per: month
                start: 2026-11-01
                due: 2026-12-31
                actions: [Prepare for each screening]
                ---
                """,
        }
    )
    run = trellis("check", cwd=project)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stdout + run.stderr
    out = run.stdout
    assert (
        "journal/goals/bad.md:7: error SMART-M2: status 'interview' is not an application status: filter on "
        "interested, applied, referred, screening, interviewing, offer, accepted, rejected, withdrawn, ghosted" in out
    )
    assert (
        "journal/goals/bad.md:8: error SMART-M2: via 'ana-aly' is not in contacts/: did you mean ana-ally (Ana Ally)?"
        in out
    )
    assert (
        "journal/goals/bad.md:9: error SMART-M2: applications can't be filtered on 'channel': filter on company, role, "
        "status, via" in out
    )


def test_a_new_goal_names_the_job_hunt_counters(write_journal):
    """`trellis new goal` lists every counter in its Measurable line, the job-hunt ones among them."""
    project = write_journal(dict(HUNT))
    run = trellis("new", "goal", "Apply to three roles a week", cwd=project)
    assert run.returncode == 0, run.stderr
    text = (project / "journal" / "goals" / "apply-to-three-roles-a-week.md").read_text(encoding="utf-8")
    assert (
        "(new-contacts | interactions | revived | entries | events | applications | referrals | manual | stage)" in text
    )
