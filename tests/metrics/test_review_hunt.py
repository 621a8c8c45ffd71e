"""The monthly review's job hunt (issue 29, "The review tells the truth about it"), on HUNT
(tests/journals.py; today Monday 2026-11-23): applications opened and closed in the month, the
funnel by stage, and referral against cold outcomes, never a rate from fewer than five.

Every figure is worked out by hand below from HUNT's eleven applications. The rules (the
module doc of trellis/metrics/review/applications.py):

* an application's dated steps are its `history:`, plus `applied:` as an "applied" step when the
  history has no applied step; it is OPENED on its first dated step (whatever that step is) and
  CLOSED on a step that ends it (accepted, rejected, withdrawn, ghosted);
* the FUNNEL counts, per stage, the applications that reached it in the month and by the day
  judged; reaching a later stage passes the earlier ones;
* REFERRAL means `via:`; each group counts the applications opened by the day judged by where
  they stood then (today: their status now); a share only for a group of five or more.

HUNT's applications as dated steps (the reviews run August to November: the first entry is
2026-09-20, but wayne-lead's first step, 08-01, is earlier, and the reviews begin with it):

    application      via          steps                                                   opened
    acme-backend     ana-ally     11-01 referred, 11-03 applied, 11-10 screening,         11-01
                                  11-17 interviewing (status: interviewing)
    acme-platform    -            none (status: interested, no applied:, no history:)     never
    acme-data        -            09-15 applied, 10-01 rejected                           09-15
    globex-frontend  dan-former   10-20 referred, 10-22 applied, 10-29 screening,         10-20
                                  11-05 interviewing, 11-19 offer
    initech-web      -            11-18 applied (applied: and status: applied only)       11-18
    initech-old      -            09-20 applied (the same)                                09-20
    hooli-ui         -            11-05 applied, 11-12 screening                          11-05
    umbrella-dev     gil-umbrella 11-20 referred                                          11-20
    vandelay-js      -            10-01 applied, 10-15 withdrawn                          10-01
    soylent-fe       -            09-01 applied, 10-15 ghosted                            09-01
    wayne-lead       -            08-01 applied, 08-20 offer, 08-25 accepted              08-01
"""

from __future__ import annotations

import html
import re

import pytest
from conftest import ROOT, TODAY, build, site_text, tree, write_project
from journals import HUNT, HUNT_PRIVATE
from trellis.metrics.review import monthly_reviews
from trellis.pipeline import analyse

STAGES = ("applied or referred", "screening", "interviewing", "offer", "accepted")


def reviews_of(tmp_path, journal) -> dict:
    project = write_project(tmp_path, dict(journal), None)
    return {r.key: r for r in monthly_reviews(analyse(project / "journal", today=TODAY).figures)}


def opened(review) -> list[tuple[str, str]]:
    return [(a.application_id, a.day.isoformat()) for a in review.hunt.opened]


def closed(review) -> list[tuple[str, str, str]]:
    return [(a.application_id, a.day.isoformat(), a.status) for a in review.hunt.closed]


def funnel(review) -> dict[str, tuple[int, int]]:
    return {f.stage: (f.month, f.total) for f in review.hunt.funnel}


def outcomes(review, name: str) -> dict[str, tuple[int, int | None]]:
    """A group's non-zero outcomes, each (count, rate or None)."""
    group = next(g for g in review.hunt.groups if g.name == name)
    return {o: (n, group.rate(n)) for o, n in group.outcomes.items() if n}


@pytest.fixture(scope="module")
def hunt(tmp_path_factory):
    return reviews_of(tmp_path_factory.mktemp("hunt"), HUNT)


def test_opened_in_the_month_by_the_first_dated_step(hunt):
    # November: acme-backend's first step is the referral of 11-01 (it applied on 11-03), hooli-ui
    # 11-05, initech-web 11-18 (no history: its applied:), umbrella-dev 11-20 (a referral, no
    # application yet). Not globex-frontend (first step 10-20) nor acme-platform (no date at all).
    assert opened(hunt["2026-11"]) == [
        ("acme-backend", "2026-11-01"),
        ("hooli-ui", "2026-11-05"),
        ("initech-web", "2026-11-18"),
        ("umbrella-dev", "2026-11-20"),
    ]
    assert [a.via for a in hunt["2026-11"].hunt.opened] == ["ana-ally", None, None, "gil-umbrella"]
    assert opened(hunt["2026-10"]) == [("vandelay-js", "2026-10-01"), ("globex-frontend", "2026-10-20")]
    assert opened(hunt["2026-09"]) == [
        ("soylent-fe", "2026-09-01"),
        ("acme-data", "2026-09-15"),
        ("initech-old", "2026-09-20"),
    ]
    # acme-platform (interested, undated) is counted apart, in the current month only
    assert hunt["2026-11"].hunt.undated == 1 and hunt["2026-10"].hunt.undated == 0


def test_closed_in_the_month_on_the_step_that_ended_it(hunt):
    # October: acme-data rejected 10-01, soylent-fe ghosted 10-15, vandelay-js withdrawn 10-15
    # (same day: by id). Nothing closed in September or November (globex-frontend's offer is open).
    assert closed(hunt["2026-10"]) == [
        ("acme-data", "2026-10-01", "rejected"),
        ("soylent-fe", "2026-10-15", "ghosted"),
        ("vandelay-js", "2026-10-15", "withdrawn"),
    ]
    assert closed(hunt["2026-11"]) == closed(hunt["2026-09"]) == []


def test_the_funnel_by_stage_in_the_month_and_by_its_end(hunt):
    # November, in the month: applied or referred: acme-backend (11-01), hooli-ui, initech-web,
    # umbrella-dev = 4; screening: acme-backend 11-10, hooli-ui 11-12 = 2; interviewing:
    # globex-frontend 11-05, acme-backend 11-17 = 2; offer: globex-frontend 11-19 = 1.
    # By 11-23: the ten dated applications all applied or were referred; screening: acme-backend,
    # globex-frontend, hooli-ui and wayne-lead (its offer passed screening) = 4; interviewing:
    # acme-backend, globex-frontend, wayne-lead = 3; offer: globex-frontend, wayne-lead = 2;
    # accepted: wayne-lead = 1. The ends are no stage: acme-data's rejection counts nowhere.
    assert funnel(hunt["2026-11"]) == {
        "applied or referred": (4, 10),
        "screening": (2, 4),
        "interviewing": (2, 3),
        "offer": (1, 2),
        "accepted": (0, 1),
    }
    assert hunt["2026-11"].hunt.opened_total == 10
    # October: vandelay-js and globex-frontend applied or were referred, globex-frontend screened
    # 10-29; by 10-31 six were open or closed (wayne, soylent, acme-data, initech-old, vandelay,
    # globex): 6 applied, screening globex and wayne = 2, wayne alone beyond.
    assert funnel(hunt["2026-10"]) == {
        "applied or referred": (2, 6),
        "screening": (1, 2),
        "interviewing": (0, 1),
        "offer": (0, 1),
        "accepted": (0, 1),
    }
    # September: soylent-fe, acme-data, initech-old applied; wayne-lead (August) is in the totals
    assert funnel(hunt["2026-09"])["applied or referred"] == (3, 4)
    assert funnel(hunt["2026-09"])["accepted"] == (0, 1)


def test_referral_against_cold_counts_and_a_rate_only_from_five(hunt):
    nov = hunt["2026-11"]
    # November, where they stand today. Referrals (via): acme-backend interviewing, umbrella-dev
    # referred (both in progress), globex-frontend offer = 3: fewer than five, so no rate.
    assert outcomes(nov, "referral") == {"in progress": (2, None), "offer": (1, None)}
    # Cold: initech-web, initech-old (applied) and hooli-ui (screening) in progress = 3 of 7 (43%:
    # 42.9 rounded), wayne-lead accepted, acme-data rejected, vandelay-js withdrawn, soylent-fe
    # ghosted: 1 of 7 each (14%).
    assert outcomes(nov, "cold") == {
        "in progress": (3, 43),
        "accepted": (1, 14),
        "rejected": (1, 14),
        "withdrawn": (1, 14),
        "ghosted": (1, 14),
    }
    # October's end: globex-frontend (screening since 10-29) the one referral; cold: initech-old in
    # progress, wayne-lead accepted, acme-data rejected, vandelay-js withdrawn, soylent-fe ghosted
    # (since 10-15) = 5, exactly enough for a rate: 20% each.
    assert outcomes(hunt["2026-10"], "referral") == {"in progress": (1, None)}
    assert outcomes(hunt["2026-10"], "cold") == {
        "in progress": (1, 20),
        "accepted": (1, 20),
        "rejected": (1, 20),
        "withdrawn": (1, 20),
        "ghosted": (1, 20),
    }
    # September's end: four cold ones (soylent-fe, acme-data and initech-old applied, wayne-lead
    # accepted), one short of a rate; no referral yet.
    assert outcomes(hunt["2026-09"], "cold") == {"in progress": (3, None), "accepted": (1, None)}
    assert outcomes(hunt["2026-09"], "referral") == {}


FIVE_REFERRALS = {
    **HUNT,
    # two more referrals in November: 5 referrals in all
    "applications/stark-fe.md": """
        ---
        company: Stark
        role: Front-end Engineer
        history: {2026-11-10: referred, 2026-11-12: applied, 2026-11-21: rejected}
        via: ben-acquaint
        ---
        """,
    "applications/wonka-ui.md": """
        ---
        company: Wonka
        role: UI Developer
        history: {2026-11-02: referred, 2026-11-09: applied, 2026-11-16: screening}
        via: dan-former
        ---
        """,
}


def test_five_referrals_show_a_rate(tmp_path):
    nov = reviews_of(tmp_path, FIVE_REFERRALS)["2026-11"]
    # referrals: acme-backend, umbrella-dev, wonka-ui in progress = 3 of 5 (60%); globex-frontend
    # offer and stark-fe rejected (11-21) 1 of 5 each (20%)
    assert outcomes(nov, "referral") == {"in progress": (3, 60), "offer": (1, 20), "rejected": (1, 20)}
    assert closed(nov) == [("stark-fe", "2026-11-21", "rejected")]
    # two more opened and applied or referred (wonka-ui 11-02, stark-fe 11-10): 6 in the month, 12
    # by today; wonka-ui screened (11-16), stark-fe was rejected without: 3 in the month, 5 by today
    assert funnel(nov)["applied or referred"] == (6, 12) and funnel(nov)["screening"] == (3, 5)


def test_a_status_no_history_dates_counts_from_today_and_closes_in_no_month(tmp_path):
    # applied on 10-05, rejected on a day nobody wrote down: at October's end it stood applied;
    # today it is rejected, closed in no month's list, and in no month's funnel beyond applied
    journal = {
        **HUNT,
        "applications/pied-piper.md": "---\ncompany: Pied Piper\nrole: Developer\napplied: 2026-10-05\n"
        "status: rejected\n---\n",
    }
    by_key = reviews_of(tmp_path, journal)
    assert ("pied-piper", "2026-10-05") in opened(by_key["2026-10"])
    assert outcomes(by_key["2026-10"], "cold")["in progress"] == (2, 33)  # initech-old and pied-piper of 6
    assert outcomes(by_key["2026-11"], "cold")["rejected"] == (2, 25)  # acme-data and pied-piper of 8
    assert all("pied-piper" not in [a.application_id for a in r.hunt.closed] for r in by_key.values())


def test_a_plan_is_opened_only_once_it_is_sent(tmp_path):
    # a dated interested step is a plan (the goals do not count it, the reminders do not wait on
    # it): hooli-lead is not opened on 11-02; it opens on 11-10 when applied. One interested and
    # then withdrawn (dunder-ui) was never sent: in no month's opened or closed, in no group
    journal = {
        **HUNT,
        "applications/hooli-lead.md": "---\ncompany: Hooli\nrole: Lead\n"
        "history: {2026-11-02: interested, 2026-11-10: applied}\n---\n",
        "applications/dunder-ui.md": "---\ncompany: Dunder\nrole: UI\n"
        "history: {2026-11-03: interested, 2026-11-06: withdrawn}\n---\n",
    }
    nov = reviews_of(tmp_path, journal)["2026-11"]
    assert ("hooli-lead", "2026-11-10") in opened(nov)
    assert not [a for a in opened(nov) if a[0] == "dunder-ui" or a[1] == "2026-11-02"]
    assert "dunder-ui" not in [a.application_id for a in nov.hunt.closed]
    # HUNT's November: 3 referrals and 7 cold, and hooli-lead cold in progress (dunder-ui nowhere)
    assert sum(n for n, _ in outcomes(nov, "cold").values()) == 8


def test_no_section_in_a_month_without_application_activity(tmp_path):
    # an entry in July makes July and August reviewed months: July has no application step at all
    # (its review has no job hunt); August has wayne-lead, opened 08-01 and accepted 08-25
    journal = {**HUNT, "entries/2026/2026-07-10.md": "---\ninteractions: []\n---\nA quiet day.\n"}
    by_key = reviews_of(tmp_path, journal)
    assert by_key["2026-07"].hunt is None
    assert opened(by_key["2026-08"]) == [("wayne-lead", "2026-08-01")]
    assert closed(by_key["2026-08"]) == [("wayne-lead", "2026-08-25", "accepted")]
    # and a journal without applications has no job hunt in any month
    bare = {k: v for k, v in HUNT.items() if not k.startswith("applications/")}
    assert all(r.hunt is None for r in reviews_of(tmp_path / "bare", bare).values())


def test_the_reviews_begin_with_the_hunt_when_it_began_before_the_journal(tmp_path):
    # HUNT's first entry is 2026-09-20, wayne-lead's first step 2026-08-01 (applied; offer 08-20,
    # accepted 08-25): the reviews run from August, so the accepted offer is reviewed in its month
    by_key = reviews_of(tmp_path, HUNT)
    assert sorted(by_key) == ["2026-08", "2026-09", "2026-10", "2026-11"]
    assert opened(by_key["2026-08"]) == [("wayne-lead", "2026-08-01")]
    assert closed(by_key["2026-08"]) == [("wayne-lead", "2026-08-25", "accepted")]
    # a hunt without any entry yet is reviewed all the same (applications alone)
    alone = {k: v for k, v in HUNT.items() if not k.startswith("entries/")}
    assert sorted(reviews_of(tmp_path / "alone", alone)) == ["2026-08", "2026-09", "2026-10", "2026-11"]


def _text(page: str) -> str:
    body = page[page.index('<div class="trellis') :]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """HUNT (with an entry in July, so July's review has no application activity) in both views."""
    project = tmp_path_factory.mktemp("hunt-sites")
    journal = {**HUNT, "entries/2026/2026-07-10.md": "---\ninteractions: []\n---\nA quiet day.\n"}
    write_project(project, journal, (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for audience in ("owner", "public"):
        run = build(project, audience)
        assert run.returncode == 0, run.stderr[-3000:]
    return project / "site-owner", project / "site-public"


def test_the_owner_review_shows_the_job_hunt(sites):
    owner, _ = sites
    nov = _text((owner / "review" / "2026-11" / "index.html").read_text(encoding="utf-8"))
    assert "Job hunt" in nov
    assert "2026-11-01 Acme Pay: Backend Engineer referred, via Ana Ally" in nov
    assert "2026-11-20 Umbrella: Developer referred, via Gil Umbrella" in nov
    assert "No application closed this month." in nov
    assert "opened 4 10 applied or referred 4 10 screening 2 4 interviewing 2 3 offer 1 2 accepted 0 1" in nov
    assert "the applications opened by 2026-11-23, by where they stood then Outcome referral (3) cold (7)" in nov
    assert "in progress 2 3 (43%) offer 1 0 (0%) accepted 0 1 (14%)" in nov  # no rate of the three referrals
    assert "3 referral applications are counted, not rated" in nov
    assert "1 application with no date yet" in nov
    oct_ = _text((owner / "review" / "2026-10" / "index.html").read_text(encoding="utf-8"))
    assert "2026-10-01 Acme Pay: Data Engineer: rejected" in oct_
    assert "2026-10-15 Soylent: Front-end Developer: ghosted" in oct_
    assert "2026-10-15 Vandelay: JavaScript Developer: withdrawn" in oct_
    jul = _text((owner / "review" / "2026-07" / "index.html").read_text(encoding="utf-8"))
    assert "Review of July 2026" in jul and "Job hunt" not in jul and "Funnel" not in jul


def test_the_public_build_holds_none_of_the_hunt(sites):
    owner, public = sites
    assert "Job hunt" in site_text(owner)  # the scan below would find it
    assert not any(path.startswith("review/") for path in tree(public))
    text = site_text(public).casefold()
    for marker in (
        *HUNT_PRIVATE,
        # what only the job hunt section says
        "Job hunt",
        "applied or referred",
        "Referral and cold",
        "not rated",
        "no date yet",
        "jobs.example.com",
    ):
        at = text.find(marker.casefold())
        assert at < 0, (marker, text[max(0, at - 200) : at + 100])
