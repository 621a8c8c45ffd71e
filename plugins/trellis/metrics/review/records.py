"""What a monthly review holds: one record per month, and the changes it lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ...model import STAGES
from ..progress import Achievement, PeriodResult
from .applications import HuntMonth

ONE_DAY = dt.timedelta(days=1)
TAKE_STOCK = 3  # people in each list of "take stock"
INITIATED = (("outbound", "you"), ("inbound", "them"), ("mutual", "mutual"))
NOT_SAID = "not said"


@dataclass(frozen=True)
class StageChange:
    contact_id: str
    day: dt.date
    before: str
    after: str
    reason: str  # the contact page's reason, as judged on `day`

    @property
    def up(self) -> bool:
        return STAGES.index(self.after) > STAGES.index(self.before)


@dataclass(frozen=True)
class Dormancy:
    contact_id: str
    day: dt.date  # the first day dormant, or the day of the interaction that revived it
    last: dt.date | None  # the last contact before it
    period_days: int  # keep_in_touch


@dataclass(frozen=True)
class GoalMonth:
    goal_id: str
    per: str | None
    periods: tuple[PeriodResult, ...] = ()  # recurring: the judged finished periods ending in the month
    running: PeriodResult | None = None  # recurring: the period still open, if it ends in the month
    before_text: str = ""  # one-off: the value the day before the month (a stage, for stage goals)
    after_text: str = ""  # one-off: the value at the month's end
    gained: float | None = None  # one-off counts: progress made in the month
    target_text: str = ""
    status: str = ""  # one-off: pace status judged on the month's end
    partial: tuple[PeriodResult, ...] = ()  # recurring: finished partial periods short of the target (not judged)

    @property
    def met(self) -> int:
        return sum(p.met for p in self.periods)


@dataclass(frozen=True)
class WantedMonth:
    quality: str
    value: str
    start: int  # contacts who had it before the month
    end: int  # at the month's end

    @property
    def closed(self) -> bool:
        return self.start == 0 and self.end > 0

    @property
    def open(self) -> bool:
        return self.end == 0


@dataclass(frozen=True)
class Strengthen:
    """Someone to strengthen next, and why (the template words it, naming people as the view allows)."""

    contact_id: str
    kind: str  # next-stage | reach-out | warm-path
    stage: str = ""  # next-stage: the stage now
    outbound: int = 0  # next-stage (contact): your one-way reaches
    inbound: int = 0  # next-stage (contact): theirs
    since: dt.date | None = None  # next-stage (acquaintance): their one inbound; reach-out: the last contact
    by: dt.date | None = None  # next-stage (acquaintance): the day one more inbound must come by
    overdue_days: int = 0  # reach-out
    period_days: int = 0  # reach-out
    target: str = ""  # warm-path: whom they can introduce you to
    company: str = ""  # warm-path: the dream company, as the plan writes it


@dataclass
class MonthReview:
    first: dt.date  # the month's first day
    last: dt.date  # its last day
    judged_on: dt.date  # the last day, or today for the current month
    entries: int = 0
    new_contacts: list[str] = field(default_factory=list)  # contact ids, by day met
    stage_changes: list[StageChange] = field(default_factory=list)
    went_dormant: list[Dormancy] = field(default_factory=list)
    revived: list[Dormancy] = field(default_factory=list)
    dormant_at_end: int = 0
    interactions: tuple[int, int] = (0, 0)  # this month, the month before
    channels: list[tuple[str, int, int]] = field(default_factory=list)  # (channel, this month, the month before)
    initiated: list[tuple[str, int, int]] = field(default_factory=list)  # (you | them | mutual | not said, ...)
    goals: list[GoalMonth] = field(default_factory=list)
    wanted: list[WantedMonth] = field(default_factory=list)
    achievements: list[Achievement] = field(default_factory=list)
    take_stock: dict[str, list[Strengthen]] = field(default_factory=dict)
    goal_changes: list = field(default_factory=list)  # (goal id, history.Adjustment), oldest first
    moves: list = field(default_factory=list)  # moves.Move: who left a company or role this month
    hunt: HuntMonth | None = None  # the job hunt (applications.py): None in a month without application activity

    @property
    def key(self) -> str:
        return month_key(self.first)

    @property
    def so_far(self) -> bool:
        return self.judged_on < self.last

    @property
    def gaps_closed(self) -> list[WantedMonth]:
        return [w for w in self.wanted if w.closed]

    @property
    def gaps_open(self) -> list[WantedMonth]:
        return [w for w in self.wanted if w.open]


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"  # as strftime("%Y-%m"), at a fifth of the cost (called per day and person)
