"""The monthly review: a small journal whose month figures are worked out by hand below.

Today is Monday 2026-11-23 (conftest). Every figure asserted here is derived in the comments.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
import yaml
from conftest import TODAY, build, tree
from trellis.metrics.review import monthly_reviews
from trellis.pipeline import analyse

D = dt.date


def fm(**fields) -> str:
    return "---\n" + yaml.safe_dump(fields, sort_keys=False) + "---\n"


def entry(day: str, *interactions: tuple) -> str:
    return fm(
        date=day,
        interactions=[
            {"with": who, "channel": channel, "direction": direction, "summary": "talked"}
            for who, channel, direction in interactions
        ],
    )


GOAL = dict(supports="vision", actions=["Ask one person a week"], due="2026-12-31")
FILES = {
    "index.md": "# Home\n",
    "plan.md": fm(
        vision="Land a role",
        want={"roles": ["recruiter", "developer", "product manager"], "sectors": ["fintech"]},
        dream_companies=["Stripe"],
    ),
    "goals/vision.md": fm(title="Land a remote role", kind="vision"),
    "goals/weekly.md": fm(
        title="Have one conversation with someone every week",
        measure={"count": "interactions"},
        target=1,
        per="week",
        start="2026-10-01",
        **GOAL,
    ),
    "goals/four-new.md": fm(
        title="Meet 4 new people by the end of the year",
        measure={"count": "new-contacts"},
        target=4,
        start="2026-10-01",
        **GOAL,
    ),
    "contacts/ada.md": fm(
        name="Ada Quintero",
        role="developer",
        sector="fintech",
        met="2026-08-20",
        how_met="an old colleague",
        keep_in_touch="30d",
    ),
    "contacts/eve.md": fm(name="Eve Marlowe", role="designer", met="2026-08-20"),
    "contacts/bob.md": fm(
        name="Bob Anselm",
        role="recruiter",
        met="2026-10-05",
        how_met="LinkedIn message",
        knows=["frank"],
        want=["WANTMARKER an introduction to Frank"],
        give=["GIVEMARKER a review of his job posts"],
    ),
    "contacts/dee.md": fm(
        name="Dee Okafor", role="product manager", met="2026-10-12", how_met="a product meetup", keep_in_touch="14d"
    ),
    "contacts/cy.md": fm(name="Cy Lindholm", role="designer", met="2026-10-20"),
    "contacts/gus.md": fm(name="Gus Harbottle", role="developer", met="2026-11-10", how_met="JS meetup"),
    "contacts/frank.md": fm(name="Frank Zappaterra", role="engineer", company="Stripe"),  # no date: always known
    # August: the first entry, so the reviews run August to November; September has none
    "entries/2026-08-20.md": entry("2026-08-20", ("ada", "coffee", "outbound"), ("eve", "email", "inbound")),
    "entries/2026-08-25.md": entry("2026-08-25", ("eve", "email", "inbound")),
    "entries/2026-10-05.md": entry("2026-10-05", ("bob", "linkedin", "inbound")),
    "entries/2026-10-06.md": entry("2026-10-06", ("bob", "linkedin", "outbound")),
    "entries/2026-10-15.md": entry("2026-10-15", ("ada", "email", "mutual")),
    "entries/2026-10-20.md": entry("2026-10-20", ("cy", "call", "inbound")),
    "entries/2026-11-02.md": entry("2026-11-02", (["ada", "bob"], "video", "mutual")),
    "entries/2026-11-05.md": entry("2026-11-05", ("cy", "email", "inbound")),
    "entries/2026-11-18.md": entry("2026-11-18", ("bob", "coffee", "outbound")),
}


@pytest.fixture(scope="module")
def reviews(tmp_path_factory):
    root = tmp_path_factory.mktemp("review") / "journal"
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    analysis = analyse(root, today=TODAY)
    return {r.key: r for r in monthly_reviews(analysis.figures)}, analysis


def test_months_run_from_the_first_entry_to_today_newest_first(reviews):
    by_key, analysis = reviews
    assert list(by_key) == ["2026-11", "2026-10", "2026-09", "2026-08"]
    assert by_key["2026-11"].so_far and by_key["2026-11"].judged_on == TODAY
    assert not by_key["2026-10"].so_far and by_key["2026-10"].judged_on == D(2026, 10, 31)
    assert [r.entries for r in by_key.values()] == [3, 4, 0, 2]


def test_new_contacts_by_day_met(reviews):
    by_key, _ = reviews
    assert by_key["2026-08"].new_contacts == ["ada", "eve"]
    assert by_key["2026-10"].new_contacts == ["bob", "dee", "cy"]  # 10-05, 10-12, 10-20
    assert by_key["2026-11"].new_contacts == ["gus"]
    assert by_key["2026-09"].new_contacts == []


def test_stage_changes_on_their_day_with_the_contact_pages_reason(reviews):
    by_key, _ = reviews
    changes = lambda key: [(c.contact_id, c.day, c.before, c.after, c.reason) for c in by_key[key].stage_changes]
    # eve: inbound 08-20 and 08-25, five days apart: an ally on 08-25
    assert changes("2026-08") == [
        ("eve", D(2026, 8, 25), "contact", "ally", "ally: initiated 2 times in the last 90 days, at most 5 days apart")
    ]
    # bob: inbound 10-05, outbound 10-06: two-way on 10-06; eve lapses six weeks and a day after 08-25 (10-07),
    # back to contact (only inbound, never two-way); ada's mutual email on 10-15
    assert changes("2026-10") == [
        ("bob", D(2026, 10, 6), "contact", "acquaintance", "acquaintance: a two-way exchange on 2026-10-06"),
        ("eve", D(2026, 10, 7), "ally", "contact", "contact: no two-way exchange logged yet"),
        ("ada", D(2026, 10, 15), "contact", "acquaintance", "acquaintance: a two-way exchange on 2026-10-15"),
    ]
    assert not by_key["2026-10"].stage_changes[1].up
    # cy: inbound 10-20 and 11-05, 16 days apart
    assert changes("2026-11") == [
        ("cy", D(2026, 11, 5), "contact", "ally", "ally: initiated 2 times in the last 90 days, at most 16 days apart")
    ]
    assert changes("2026-09") == []


def test_ties_going_dormant_and_revived(reviews):
    by_key, _ = reviews
    dormant = lambda key: [(d.contact_id, d.day, d.last) for d in by_key[key].went_dormant]
    revived = lambda key: [(d.contact_id, d.day, d.last) for d in by_key[key].revived]
    # ada (every 30 days): last contact 08-20, dormant from the 31st day after, 09-20, in a month without entries
    assert dormant("2026-09") == [("ada", D(2026, 9, 20), D(2026, 8, 20))]
    # dee (every 14 days), met 10-12 and never contacted: dormant on 10-27; ada revived by the 10-15 email
    assert dormant("2026-10") == [("dee", D(2026, 10, 27), D(2026, 10, 12))]
    assert revived("2026-10") == [("ada", D(2026, 10, 15), D(2026, 8, 20))]
    assert dormant("2026-11") == [] and revived("2026-11") == []
    # on today, dee is the only dormant tie (ada: 21 days since 11-02; eve: 90 days from 08-25 end on 11-23)
    assert by_key["2026-11"].dormant_at_end == 1


def test_interactions_by_channel_and_initiative_against_the_month_before(reviews):
    by_key, _ = reviews
    nov, oct_, sep = by_key["2026-11"], by_key["2026-10"], by_key["2026-09"]
    # November: the 11-02 video with ada and bob is one interaction; 11-05 email; 11-18 coffee
    assert nov.interactions == (3, 4)
    assert nov.channels == [("linkedin", 0, 2), ("email", 1, 1), ("call", 0, 1), ("video", 1, 0), ("coffee", 1, 0)]
    assert nov.initiated == [("you", 1, 1), ("them", 1, 2), ("mutual", 1, 1)]
    assert oct_.interactions == (4, 0)
    assert oct_.initiated == [("you", 1, 0), ("them", 2, 0), ("mutual", 1, 0)]
    assert sep.interactions == (0, 3)  # August: ada's coffee, eve's two e-mails
    assert sep.initiated == [("you", 0, 1), ("them", 0, 2), ("mutual", 0, 0)]


def test_goal_results_for_the_month(reviews):
    by_key, _ = reviews
    weekly = lambda key: next(g for g in by_key[key].goals if g.goal_id == "weekly")
    # weeks (Monday first; 2026-09-28 is a Monday) ending in October: 10-05 (10-05 and 10-06),
    # 10-12 (10-15), 10-19 (10-20): 3 of 3. The goal started on Thursday 10-01: its first week,
    # 09-28 (nothing), ran for four days of the goal and is not judged, so it is no miss
    oct_ = weekly("2026-10")
    assert [(p.start, p.value, p.met) for p in oct_.periods] == [
        (D(2026, 10, 5), 2, True),
        (D(2026, 10, 12), 1, True),
        (D(2026, 10, 19), 1, True),
    ]
    assert (oct_.met, len(oct_.periods), oct_.running) == (3, 3, None)
    assert [(p.start, p.value, p.partial) for p in oct_.partial] == [(D(2026, 9, 28), 0, True)]
    # ending in November: 10-26 (nothing; it ends on 11-01), 11-02 (11-02 and 11-05), 11-09 (nothing),
    # 11-16 (11-18): 2 of 4; the week of today, 11-23, is running with nothing yet
    nov = weekly("2026-11")
    assert [(p.start, p.value) for p in nov.periods] == [
        (D(2026, 10, 26), 0),
        (D(2026, 11, 2), 2),
        (D(2026, 11, 9), 0),
        (D(2026, 11, 16), 1),
    ]
    assert nov.met == 2 and nov.running.start == D(2026, 11, 23) and not nov.running.met
    # four new people from 10-01 to 12-31 (92 days): October met bob, dee, cy: +3; on 10-31 the line is at
    # 4 * 30/92 = 1.3, and 3 is more than one unit above it: ahead
    four = lambda key: next(g for g in by_key[key].goals if g.goal_id == "four-new")
    assert (
        four("2026-10").gained,
        four("2026-10").before_text,
        four("2026-10").after_text,
        four("2026-10").status,
    ) == (3, "0", "3", "ahead")
    # November: gus on 11-10 is the fourth: +1, done, and an achievement of the month
    assert (four("2026-11").gained, four("2026-11").after_text, four("2026-11").status) == (1, "4", "done")
    assert [(a.goal_id, a.kind, a.date) for a in by_key["2026-11"].achievements] == [
        ("four-new", "reached", D(2026, 11, 10))
    ]
    # goals that had not started have no result: nothing ran in August
    assert by_key["2026-08"].goals == []


def test_composition_before_and_after_the_month(reviews):
    by_key, _ = reviews
    rows = lambda key: [(w.value, w.start, w.end) for w in by_key[key].wanted]
    # August: ada (developer, fintech) joins; recruiter and product manager stay gaps
    # (frank, an "engineer" known all along, is a developer by meaning: roles.py)
    assert rows("2026-08") == [("recruiter", 0, 0), ("developer", 1, 2), ("product manager", 0, 0), ("fintech", 0, 1)]
    assert [w.value for w in by_key["2026-08"].gaps_open] == ["recruiter", "product manager"]
    # October: bob (recruiter) and dee (product manager) close both gaps
    assert rows("2026-10") == [("recruiter", 0, 1), ("developer", 2, 2), ("product manager", 0, 1), ("fintech", 1, 1)]
    assert [w.value for w in by_key["2026-10"].gaps_closed] == ["recruiter", "product manager"]
    assert by_key["2026-10"].gaps_open == []
    # November: gus is a third developer
    assert rows("2026-11") == [("recruiter", 1, 1), ("developer", 2, 3), ("product manager", 1, 1), ("fintech", 1, 1)]
    assert by_key["2026-11"].gaps_closed == []


def test_take_stock_people_to_strengthen_with_the_reason(reviews):
    by_key, _ = reviews
    stock = by_key["2026-11"].take_stock
    # eve wrote twice and never heard back both ways: one reply from an acquaintance; bob's one inbound
    # (10-05) is 49 days old, more than six weeks: not one step from ally
    assert [(s.contact_id, s.stage, s.inbound) for s in stock["next-stage"]] == [("eve", "contact", 2)]
    # dee: last contact 10-12, every 14 days: 42 days since, 28 overdue
    assert [(s.contact_id, s.since, s.overdue_days, s.period_days) for s in stock["reach-out"]] == [
        ("dee", D(2026, 10, 12), 28, 14)
    ]
    # Stripe: you know bob, who knows frank there
    assert [(s.contact_id, s.target, s.company) for s in stock["warm-path"]] == [("bob", "frank", "Stripe")]


def _text(page: str) -> str:
    body = page[page.index('<div class="trellis') :]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    project = tmp_path_factory.mktemp("review-site")
    for rel, text in FILES.items():
        path = project / "journal" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    from conftest import ROOT

    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    for audience in ("owner", "public"):
        run = build(project, audience)
        assert run.returncode == 0, run.stderr[-3000:]
    return project / "site-owner", project / "site-public"


def test_owner_sees_review_pages_with_the_months_figures(sites):
    owner, _ = sites
    index = (owner / "review" / "index.html").read_text(encoding="utf-8")
    months = re.findall(r'href="(?:\.\./)?(\d{4}-\d{2})/"', index)
    assert months == ["2026-11", "2026-10", "2026-09", "2026-08"]
    nov = _text((owner / "review" / "2026-11" / "index.html").read_text(encoding="utf-8"))
    assert "Review of November 2026 (so far)" in nov and "judged on 2026-11-23" in nov
    assert "Gus Harbottle met 2026-11-10: JS meetup" in nov
    assert "2026-11-05 Cy Lindholm moved up: contact → ally" in nov
    assert "2 of 4 weeks met" in nov
    assert "Bob Anselm : can introduce you to Frank Zappaterra at Stripe" in nov
    assert "WANTMARKER an introduction to Frank" in nov and "GIVEMARKER a review of his job posts" in nov
    sep = _text((owner / "review" / "2026-09" / "index.html").read_text(encoding="utf-8"))
    assert "No entries this month." in sep and "2026-09-20 Ada Quintero" in sep
    oct_ = _text((owner / "review" / "2026-10" / "index.html").read_text(encoding="utf-8"))
    assert "2026-10-07 Eve Marlowe moved down: ally → contact" in oct_
    assert "Gaps closed: recruiter, product manager." in oct_
    # the progress page links the latest review
    progress = (owner / "progress" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./review/2026-11/"', progress)


def test_review_period_counts_equal_the_goal_pages(sites):
    owner, _ = sites
    goal = (owner / "goals" / "weekly" / "index.html").read_text(encoding="utf-8")
    on_goal_page = dict(re.findall(r"<tr><td>(week of [\d-]+)</td><td>([\d.,]+)</td>", goal))
    found = {}
    for month in ("2026-10", "2026-11"):
        text = _text((owner / "review" / month / "index.html").read_text(encoding="utf-8"))
        found.update(re.findall(r"(week of \d{4}-\d{2}-\d{2}): ([\d.,]+)", text))
    assert len(found) == 8  # four weeks ending in October, four in November (the running one is "so far")
    assert found == {week: on_goal_page[week] for week in found}


def test_public_build_has_no_review_page_nor_any_of_its_content(sites):
    owner, public = sites
    assert (owner / "review" / "index.html").is_file()
    files = tree(public)
    assert not any(path.startswith("review/") or "/review/" in path for path in files)
    assert "search/search_index.json" in files and "sitemap.xml" in files
    # what only the review says: its title, its sections, the take stock's wording and want/give
    for marker in (
        "Review of",
        "review/2026-",
        "Take stock",
        "whom to strengthen",
        "Closest to the next stage",
        "went dormant",
        "Gaps closed",
        "WANTMARKER",
        "GIVEMARKER",
        "one tie short",
        "moved up",
        "Highest reach-out priority",
    ):
        for path, data in files.items():
            assert marker.encode() not in data, (marker, path)
