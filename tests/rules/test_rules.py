"""Each SMART rule fires on a goal that breaks it and stays quiet on one that keeps it."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import TODAY
from trellis.pipeline import analyse

VALID = {
    "title": "Make five new connections in web development every week",
    "supports": "remote-role",
    "why": "Engineers can refer me.",
    "measure": {"count": "new-contacts"},
    "target": 5,
    "unit": "connections",
    "per": "week",
    "start": "2026-11-01",
    "due": "2026-12-31",
    "actions": ["Go to the monthly JS meetup"],
    "status": "active",
}


def run(tmp_path, goal: dict, extra: dict[str, str] | None = None):
    journal = tmp_path / "journal"
    files = {
        "goals/remote-role.md": "---\ntitle: Land a remote role\nkind: vision\n---\n",
        "goals/g.md": "---\n" + yaml.safe_dump(goal, sort_keys=False) + "---\n",
        **(extra or {}),
    }
    for rel, text in files.items():
        (journal / rel).parent.mkdir(parents=True, exist_ok=True)
        (journal / rel).write_text(text)
    return [f for f in analyse(journal, today=TODAY).findings if f.shown.endswith("goals/g.md")]


def rules(findings):
    return {f.rule for f in findings}


def test_valid_goal_has_no_finding(tmp_path):
    assert run(tmp_path, VALID) == []


@pytest.mark.parametrize(
    "rule, change",
    [
        ("SMART-S1", {"title": ""}),
        ("SMART-S2", {"title": "Make five new connections. Then meet them all."}),
        ("SMART-S2", {"title": " ".join(["five connections"] * 16)}),
        ("SMART-S3", {"title": "Network more"}),
        ("SMART-S3", {"title": "Be better at LinkedIn"}),
        ("SMART-M1", {"target": None}),
        ("SMART-M1", {"target": -2}),
        ("SMART-M2", {"measure": {"count": "followers"}}),
        ("SMART-M2", None),
        ("SMART-A1", {"actions": []}),
        ("SMART-R1", {"why": None, "supports": None}),
        ("SMART-R2", {"supports": "g"}),
        ("SMART-T1", {"due": None}),
        ("SMART-T2", {"due": "2026-10-01"}),
        ("SMART-T2", {"due": "2026-02-30"}),
        ("SMART-T3", {"start": "2026-01-01", "due": "2027-02-01"}),
        ("SMART-T4", {"start": "2026-01-01", "due": "2026-11-01", "per": None}),
    ],
)
def test_rule_fires_on_a_goal_that_breaks_it(tmp_path, rule, change):
    goal = dict(VALID)
    if change is None:
        del goal["measure"]
    else:
        goal.update(change)
    goal = {k: v for k, v in goal.items() if v is not None}
    found = [f for f in run(tmp_path, goal) if f.rule == rule]
    assert found, f"{rule} did not fire"
    assert found[0].line >= 2 and found[0].fix


def test_stage_goal_target_must_be_a_stage(tmp_path):
    contact = {"contacts/ada.md": "---\nname: Ada\n---\n"}
    goal = {**VALID, "measure": {"count": "stage", "contact": "ada"}, "target": "friend", "per": None}
    del goal["per"]
    assert "SMART-M1" in rules(run(tmp_path, goal, contact))
    goal["target"] = "ally"
    assert run(tmp_path, goal, contact) == []
    goal["measure"] = {"count": "stage", "contact": "nobody"}
    assert "SMART-M2" in rules(run(tmp_path, goal, contact))


def test_manual_goal_without_progress_warns_after_two_weeks(tmp_path):
    goal = {**VALID, "measure": {"count": "manual"}, "start": "2026-11-03"}
    assert "SMART-M3" in rules(run(tmp_path, goal))
    entry = {"entries/2026-11-10.md": "---\nprogress: {g: 1}\n---\n"}
    assert "SMART-M3" not in rules(run(tmp_path, goal, entry))


def test_a2_compares_with_the_best_week_and_is_silent_without_history(tmp_path):
    assert "SMART-A2" not in rules(run(tmp_path, {**VALID, "target": 50}))
    contact = {"contacts/ada.md": "---\nname: Ada\nmet: 2026-11-10\n---\n"}
    assert "SMART-A2" in rules(run(tmp_path, {**VALID, "target": 50}, contact))
    assert "SMART-A2" not in rules(run(tmp_path, {**VALID, "target": 3}, contact))


def test_a2_does_not_judge_by_the_week_still_running(tmp_path):
    """A new journal: one contact met this week (today is Monday 2026-11-23) is no pace yet, so a
    goal of five a week is not called unrealistic; once that week has ended, it is."""
    contact = {"contacts/ada.md": "---\nname: Ada\nmet: 2026-11-23\n---\n"}
    assert "SMART-A2" not in rules(run(tmp_path, {**VALID, "target": 50}, contact))
    contact = {"contacts/ada.md": "---\nname: Ada\nmet: 2026-11-22\n---\n"}  # Sunday: last week
    assert "SMART-A2" in rules(run(tmp_path, {**VALID, "target": 50}, contact))


def test_vision_goal_is_not_held_to_smart(tmp_path):
    assert run(tmp_path, {"title": "Land a remote role", "kind": "vision"}) == []


def test_finding_has_specs_form(tmp_path):
    goal = {**VALID, "start": "2026-02-01", "due": "2026-01-01"}
    line = next(str(f) for f in run(tmp_path, goal) if f.rule == "SMART-T2")
    assert re.fullmatch(
        r"journal/goals/g\.md:\d+: error SMART-T2: due \(2026-01-01\) is before start "
        r"\(2026-02-01\): move one of them",
        line,
    )
    # the line is the line of the due key
    text = (tmp_path / "journal" / "goals" / "g.md").read_text().splitlines()
    assert text[int(line.split(":")[1]) - 1].startswith("due:")


@pytest.mark.parametrize(
    "rule, files",
    [
        ("CONTACT-1", {"contacts/x.md": "---\nrole: Developer\n---\n"}),
        ("CONTACT-3", {"contacts/x.md": "---\nname: X\nintroduced_by: nobody\n---\n"}),
        ("CONTACT-4", {"contacts/x.md": "---\nname: X\nknows: [nobody]\n---\n"}),
        ("CONTACT-5", {"contacts/x.md": "---\nname: X\nkeep_in_touch: often\n---\n"}),
        ("CONTACT-6", {"contacts/x.md": "---\nname: X\nstage: friend\n---\n"}),
        ("CONTACT-7", {"contacts/x.md": '---\nname: X\nlinks: {site: "javascript:alert(1)"}\n---\n'}),
        ("ENTRY-1", {"entries/notes.md": "---\nevents: [x]\n---\n"}),
        (
            "ENTRY-3",
            {
                "entries/2026-11-20.md": "---\ninteractions:\n  - with: nobody\n    channel: email\n    direction: inbound\n---\n"
            },
        ),
        (
            "ENTRY-4",
            {
                "entries/2026-11-20.md": "---\ninteractions:\n  - with: ada\n    channel: fax\n    direction: inbound\n---\n"
            },
        ),
        (
            "ENTRY-5",
            {
                "entries/2026-11-20.md": "---\ninteractions:\n  - with: ada\n    channel: email\n    direction: sideways\n---\n"
            },
        ),
        ("ENTRY-6", {"entries/2026-11-20.md": "---\ninteractions:\n  - channel: email\n    direction: inbound\n---\n"}),
        ("ENTRY-7", {"entries/2026-11-20.md": "---\ndate: 2026-11-21\n---\n"}),
        ("ENTRY-8", {"entries/2026-11-20.md": "---\nprogress: {remote-role: 3}\n---\n"}),
        ("PLAN-1", {"plan.md": "---\nwant: {hobbies: [chess]}\n---\n"}),
        ("PLAN-2", {"plan.md": "---\nreview: sometimes\n---\n"}),
        ("PLAN-3", {"plan.md": "---\nroles_map: [platform engineer, developer]\n---\n"}),
        ("PLAN-3", {"plan.md": "---\nroles_map: {platform engineer: [developer, sre]}\n---\n"}),
        ("PLAN-3", {"plan.md": "---\nroles_map: {platform engineer: }\n---\n"}),
    ],
)
def test_contact_entry_and_plan_rules(tmp_path, rule, files):
    journal = tmp_path / "journal"
    base = {
        "contacts/ada.md": "---\nname: Ada\n---\n",
        "goals/remote-role.md": "---\ntitle: Land a role\nkind: vision\n---\n",
    }
    for rel, text in {**base, **files}.items():
        (journal / rel).parent.mkdir(parents=True, exist_ok=True)
        (journal / rel).write_text(text)
    findings = analyse(journal, today=TODAY).findings
    assert rule in {f.rule for f in findings}
    # the base journal alone is clean, so the finding comes from the broken file
    for rel in files:
        (journal / rel).unlink()
    assert analyse(journal, today=TODAY).findings == []
