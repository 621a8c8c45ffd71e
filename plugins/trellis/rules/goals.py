"""The SMART rules, and the few goal rules beyond them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..catalog import finding
from ..metrics import Figures
from ..metrics.counters import FILTERS
from ..metrics.periods import add_months
from ..model import (
    APPLICATION_STATUSES,
    COUNTERS,
    GOAL_KINDS,
    GOAL_STATUSES,
    HUNT_COUNTERS,
    PERIODS,
    STAGES,
    Finding,
    Goal,
    Journal,
)
from .people import unknown_contact_fix

MAX_TITLE_WORDS = 30
MANUAL_GRACE_DAYS = 14
REALISTIC_FACTOR = 3
MAX_SPAN_MONTHS = 12

# the fixes `trellis check` prints, which the JSON Schemas (schemas.py) repeat
KIND_FIX = "write kind: smart (the default) or kind: vision"
STATUS_FIX = "write status: active, done, dropped or paused"
PER_FIX = "write per: day, week, month or quarter, or remove it for a one-off goal"
COUNT_FIX = f"use one of {', '.join(COUNTERS)}"
MODE_FIX = "write mode: add (each entry adds) or mode: level (each entry gives the new total)"
TARGET_FIX = 'say how much as a number, e.g. "target: 5"'
STAGE_TARGET_FIX = "write target: acquaintance or target: ally"
TITLE_FIX = 'say what you will do in one sentence, e.g. "title: Make five new connections every week"'
ACTIONS_FIX = "list the steps you will take under actions:, e.g. '- Go to the monthly JS meetup'"
HUNT_STATUS_FIX = f"filter on {', '.join(APPLICATION_STATUSES)}"
WHY_FIX = "say why it matters (why: ...) or name the vision goal it serves (supports: ...)"

_NUMBER_WORDS = set(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "million dozen once twice thrice half single first second third".split()
)
# things a person can count or point at; "network", "LinkedIn" or "better" are not among them
_CONCRETE = set(
    "connection contact people person coffee chat call message email dm post comment article blog "
    "newsletter event meetup conference talk presentation workshop hackathon webinar follower subscriber "
    "referral introduction intro interview application offer recruiter manager developer engineer designer "
    "founder mentor ally relationship tie entry journal review lunch demo project portfolio repository "
    "repo pr contribution question answer thread video podcast episode reply invitation endorsement "
    "recommendation".split()
)
_WORD = re.compile(r"[a-z0-9']+")
# a sentence ends at . ! or ? followed by space and a capital letter or digit ("e.g. the" does not)
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*\s+(?=[A-Z0-9])")


def _singular(word: str) -> str:
    for suffix, repl in (("ies", "y"), ("ches", "ch"), ("sses", "ss"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)] + repl
    return word


def title_is_vague(title: str) -> bool:
    words = _WORD.findall(title.lower())
    has_number = any(w[0].isdigit() or w in _NUMBER_WORDS for w in words)
    has_object = any(w in _CONCRETE or _singular(w) in _CONCRETE for w in words)
    return not has_number and not has_object


def sentence_count(title: str) -> int:
    return len(_SENTENCE_END.split(title.strip()))


def check_goal(goal: Goal, journal: Journal, figures: Figures) -> Iterator[Finding]:
    src, line = goal.source, goal.source.line
    if goal.kind not in GOAL_KINDS:
        yield finding("GOAL-1", src, line("kind"), f"kind '{goal.kind}' is not one Trellis knows", KIND_FIX)
        return
    if goal.status not in GOAL_STATUSES:
        yield finding("GOAL-2", src, line("status"), f"status '{goal.status}' is not one Trellis knows", STATUS_FIX)
    if goal.is_vision:
        if not goal.title and "title" not in goal.invalid:
            yield finding(
                "GOAL-5",
                src,
                line("title"),
                "the vision goal has no title",
                'say the big picture in one sentence, e.g. "title: Land a remote front-end role"',
            )
        return
    yield from _specific(goal)
    yield from _measurable(goal, journal, figures)
    if not goal.actions and "actions" not in goal.invalid:
        yield finding("SMART-A1", src, line("actions"), "no actions", ACTIONS_FIX)
    yield from _realistic(goal, figures)
    yield from _relevant(goal, journal)
    yield from _timely(goal, figures)
    if goal.per is not None and goal.per not in PERIODS:
        yield finding("GOAL-3", src, line("per"), f"per '{goal.per}' is not a period Trellis knows", PER_FIX)


def _specific(goal: Goal) -> Iterator[Finding]:
    src, where = goal.source, goal.source.line("title")
    if not goal.title:
        if "title" not in goal.invalid:
            yield finding("SMART-S1", src, where, "no title", TITLE_FIX)
        return
    words = len(goal.title.split())
    if sentence_count(goal.title) > 1:
        yield finding(
            "SMART-S2",
            src,
            where,
            "the title is more than one sentence",
            "keep one sentence in the title and move the rest into the text below the frontmatter",
        )
    elif words > MAX_TITLE_WORDS:
        yield finding(
            "SMART-S2",
            src,
            where,
            f"the title has {words} words",
            f"say it in {MAX_TITLE_WORDS} words or fewer; put details in the text below",
        )
    if title_is_vague(goal.title):
        yield finding(
            "SMART-S3",
            src,
            where,
            f'the title "{goal.title}" is vague',
            'name a number and a thing you can count, e.g. "Meet three engineers at fintech companies"',
        )


def _measurable(goal: Goal, journal: Journal, figures: Figures) -> Iterator[Finding]:
    src, line = goal.source, goal.source.line
    m = goal.measure
    if m is None:
        if "measure" not in goal.invalid:
            yield finding(
                "SMART-M2",
                src,
                line("measure"),
                "no measure",
                "say how progress is counted, e.g. measure: {count: new-contacts}",
            )
    elif m.count is None:
        if "measure.count" not in goal.invalid:
            yield finding(
                "SMART-M2", src, line("measure"), "the measure has no count", f"add count: one of {', '.join(COUNTERS)}"
            )
    elif m.count not in COUNTERS:
        yield finding("SMART-M2", src, line("measure", "count"), f"count '{m.count}' is not a known counter", COUNT_FIX)
    else:
        for key in m.where:
            if key not in FILTERS[m.count]:
                allowed = ", ".join(FILTERS[m.count]) or "nothing"
                yield finding(
                    "SMART-M2",
                    src,
                    line("measure", "where", key),
                    f"{m.count} can't be filtered on '{key}'",
                    f"filter on {allowed}",
                )
        if m.count in HUNT_COUNTERS:
            yield from _hunt_filter(goal, journal)
        if m.count == "manual" and m.mode not in ("add", "level"):
            yield finding("SMART-M2", src, line("measure", "mode"), f"mode '{m.mode}' is not add or level", MODE_FIX)
        if m.count == "stage":
            if not m.contact:
                yield finding(
                    "SMART-M2",
                    src,
                    line("measure"),
                    "a stage goal names no contact",
                    "add contact: the id of the person, e.g. contact: ada-lovelace",
                )
            elif m.contact not in journal.contacts:
                yield finding(
                    "SMART-M2",
                    src,
                    line("measure", "contact"),
                    f"contact '{m.contact}' is not in contacts/",
                    unknown_contact_fix(journal, m.contact, f"create contacts/{m.contact}.md or fix the id"),
                )
    stage_goal = m is not None and m.count == "stage"
    target = goal.target
    if "target" in goal.invalid:
        pass  # the loader reported it (FILE-11: beyond the numbers Trellis computes with)
    elif stage_goal:
        if target not in STAGES:
            shown = "no target" if target is None else f"target '{target}' is not a stage"
            yield finding("SMART-M1", src, line("target"), shown, STAGE_TARGET_FIX)
    elif target is None:
        yield finding("SMART-M1", src, line("target"), "no target", 'say how much, e.g. "target: 5"')
    elif goal.target_number is None or goal.target_number <= 0:
        yield finding("SMART-M1", src, line("target"), f"target '{target}' is not a positive number", TARGET_FIX)
    if m is not None and m.count == "manual" and goal.start and goal.status == "active":
        age = (figures.today - goal.start).days
        if age > MANUAL_GRACE_DAYS and not figures.items(goal):
            yield finding(
                "SMART-M3",
                src,
                line("measure"),
                f"no progress logged in {age} days since the goal started",
                f"log it in an entry, e.g. progress: {{{goal.id}: 1}}",
            )


def _hunt_filter(goal: Goal, journal: Journal) -> Iterator[Finding]:
    """SMART-M2 for a job-hunt goal's filter values: a status applications do not have, a `via`
    that names no contact (either would count nothing, silently)."""
    assert goal.measure is not None
    src, where = goal.source, goal.measure.where
    for index, status in enumerate(where.get("status", [])):
        if status not in APPLICATION_STATUSES:
            yield finding(
                "SMART-M2",
                src,
                src.line("measure", "where", "status", index),
                f"status '{status}' is not an application status",
                HUNT_STATUS_FIX,
            )
    for index, cid in enumerate(where.get("via", [])):
        if cid not in journal.contacts:
            yield finding(
                "SMART-M2",
                src,
                src.line("measure", "where", "via", index),
                f"via '{cid}' is not in contacts/",
                unknown_contact_fix(journal, cid, "write the id of the contact who referred you (a file in contacts/)"),
            )


def _realistic(goal: Goal, figures: Figures) -> Iterator[Finding]:
    if not figures.measurable(goal) or goal.measure is None or goal.measure.count == "stage" or goal.status != "active":
        return
    need = figures.needed_pace(goal)
    if need is None:
        return
    amount, per = need
    best = figures.best_pace(goal, per)
    if best is None or best[0] <= 0:
        return  # no history: nothing to compare with
    if amount > REALISTIC_FACTOR * best[0]:
        yield finding(
            "SMART-A2",
            goal.source,
            goal.source.line("target"),
            f"the goal needs {amount:.3g} per {per}, over {REALISTIC_FACTOR} times your best {per} "
            f"so far ({best[0]:.3g}, {per} of {best[1].isoformat()})",
            "lower the target, give it more time, or split it into smaller steps",
        )


def _relevant(goal: Goal, journal: Journal) -> Iterator[Finding]:
    src, line = goal.source, goal.source.line
    if not goal.why and not goal.supports:
        yield finding("SMART-R1", src, line("why"), "neither why nor supports", WHY_FIX)
    if goal.supports:
        target = journal.goals.get(goal.supports)
        if target is None or not target.is_vision:
            visions = ", ".join(g.id for g in journal.goals.values() if g.is_vision) or "none yet"
            what = "is not a goal" if target is None else "is not a vision goal"
            yield finding(
                "SMART-R2",
                src,
                line("supports"),
                f"supports '{goal.supports}' {what}",
                f"name a goal with kind: vision (vision goals: {visions})",
            )


def _timely(goal: Goal, figures: Figures) -> Iterator[Finding]:
    src, line = goal.source, goal.source.line
    if goal.due is None:
        if "due" not in goal.invalid:
            fix = "add due: YYYY-MM-DD" + (" (when you will review this habit)" if goal.per else "")
            yield finding("SMART-T1", src, line("due"), "no due date", fix)
        return
    if goal.start is None:
        if "start" not in goal.invalid:
            yield finding(
                "GOAL-4",
                src,
                line("start"),
                "no start date",
                "add start: YYYY-MM-DD: progress and pace are counted from it",
            )
        return
    if goal.due < goal.start:
        yield finding(
            "SMART-T2",
            src,
            line("due"),
            f"due ({goal.due.isoformat()}) is before start ({goal.start.isoformat()})",
            "move one of them",
        )
        return
    if goal.due > add_months(goal.start, MAX_SPAN_MONTHS):
        yield finding(
            "SMART-T3",
            src,
            line("due"),
            f"{(goal.due - goal.start).days} days from start to due, more than {MAX_SPAN_MONTHS} months",
            "split it into milestones of a year or less",
        )
    if goal.status == "active" and goal.due < figures.today:
        progress = figures.progress(goal)
        if progress is None or progress.status != "done":
            yield finding(
                "SMART-T4",
                src,
                line("due"),
                f"past due since {goal.due.isoformat()} and still active",
                "close it (status: done or dropped), or adjust the target and due date",
            )
