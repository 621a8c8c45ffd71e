"""Charts as inline SVG, drawn at build time: no JavaScript, the same bytes on every build.

Colours come from CSS classes (templates/assets/trellis.css) that use material's palette
variables, so a chart follows the light and dark palettes. Each chart has a title and a
description for screen readers, and its numbers in a table under a disclosure, so the
figures read without the picture. Every text is escaped; callers pass plain strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from markupsafe import Markup, escape

from ..metrics.heatmap import LEVEL_NAMES, Heatmap
from ..metrics.progress import GoalProgress, number_text

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 14, 30  # plot margins
MAX_BARS = 26
MIN_SLOTS = 8
MAX_ROWS = 60  # rows of a burn-up's table of numbers before they are taken a week (or month) at a time
# Labels are placed by their boxes, so none overlaps another: a box is worked out from the
# font size (.trellis-chart__label in trellis.css) and a width per character wide enough for
# the theme's sans-serif (digits and lower case are narrower than 0.62 em).
LABEL_SIZE = 11
CHAR_WIDTH = 0.62  # em
LABEL_GAP = 3  # px kept free around each label
AXIS_ROW = HEIGHT - BOTTOM + 14  # baseline of the date labels under the plot
TOP_ROW = TOP - 3  # baseline of labels above the plot

Box = tuple[float, float, float, float]  # left, top, right, bottom


def text_box(x: float, y: float, text: str, anchor: str = "start", baseline: str = "auto") -> Box:
    """Where a label's text lies, estimated: as wide as its characters, as tall as the font."""
    width = len(text) * CHAR_WIDTH * LABEL_SIZE
    left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
    if baseline == "middle":
        return (left, y - LABEL_SIZE / 2, left + width, y + LABEL_SIZE / 2)
    return (left, y - 0.8 * LABEL_SIZE, left + width, y + 0.25 * LABEL_SIZE)


def overlap(a: Box, b: Box, gap: float = 0.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def _f(x: float) -> str:
    """Coordinates with one decimal: stable bytes, crisp enough."""
    text = f"{x:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def _figure(
    uid: str,
    title: str,
    description: str,
    body: Iterable[str],
    table: str,
    width: int = WIDTH,
    height: int = HEIGHT,
    css: str = "",
) -> Markup:
    t, d = escape(title), escape(description)
    parts = [
        f'<figure class="trellis-chart {css}" data-search-exclude="true">',  # no one searches a chart's numbers
        f'<svg class="trellis-chart__svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{uid}-title {uid}-desc" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{uid}-title">{t}</title><desc id="{uid}-desc">{d}</desc>',
        *body,
        "</svg>",
        f"<figcaption>{t}</figcaption>",
        f'<details class="trellis-chart__numbers"><summary>The numbers</summary>{table}</details>',
        "</figure>",
    ]
    return Markup("\n".join(parts))


def _table(head: tuple[str, ...], rows: Iterable[tuple]) -> str:
    cells = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = "".join(
        [
            "<tr><td>" + "</td><td>".join([escape(str(c)) for c in row]) + "</td></tr>" if row else "<tr></tr>"
            for row in rows
        ]
    )
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def _ticks(top: float, bottom: float = 0.0) -> list[float]:
    """Three to five round values from `bottom` (rounded down) to at least `top`."""
    if top <= bottom:
        return [bottom, bottom + 1.0]
    raw = (top - bottom) / 3
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 0.1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = (bottom // step) * step
    count = int(-(-(top - first) // step))
    return [first + step * i for i in range(count + 1)]


class _Plot:
    """Maps days and values to the plot area."""

    def __init__(self, first: dt.date, last: dt.date, top: float, bottom: float = 0.0):
        self.first, self.days = first, max((last - first).days, 1)
        self.top, self.bottom = top, bottom
        self.w, self.h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
        self.boxes: list[Box] = []  # the labels placed so far
        # each day's and value's place, worked out once: a step line has every one twice
        self._xs: dict[dt.date, str] = {}
        self._ys: dict[float, str] = {}

    def x(self, day: dt.date) -> str:
        x = self._xs.get(day)
        if x is None:
            x = self._xs[day] = _f(LEFT + self.w * (day - self.first).days / self.days)
        return x

    def y(self, value: float) -> str:
        y = self._ys.get(value)
        if y is None:
            y = self._ys[value] = _f(TOP + self.h * (1 - (value - self.bottom) / (self.top - self.bottom)))
        return y

    def grid(self, ticks: list[float]) -> list[str]:
        out = []
        for value in ticks:
            y = self.y(value)
            out.append(f'<line class="trellis-chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}"/>')
            self.boxes.append(text_box(LEFT - 6, float(y), number_text(value), "end", "middle"))
            out.append(
                f'<text class="trellis-chart__label" x="{LEFT - 6}" y="{y}" text-anchor="end" '
                f'dominant-baseline="middle">{escape(number_text(value))}</text>'
            )
        return out

    def marker(self, day: dt.date, label: str, css: str, rows: tuple[float, ...] = (AXIS_ROW,)) -> list[str]:
        """A vertical rule across the plot at `day`'s start, and its label in the first of
        `rows` (baselines) where it overlaps no label placed before it; in none, no label
        (the chart's description and table of numbers still say it)."""
        x = self.x(day)
        line = f'<line class="trellis-chart__{css}" x1="{x}" x2="{x}" y1="{TOP}" y2="{HEIGHT - BOTTOM}"/>'
        return [line, *self.label(float(x), label, rows)]

    def label(
        self, x: float, text: str, rows: tuple[float, ...] = (AXIS_ROW,), anchors: tuple[str, ...] = ()
    ) -> list[str]:
        """A label at `x`: in the first of `rows` (baselines) and `anchors` where it stays in the
        picture and overlaps no label placed before it; nowhere: no label ([])."""
        width = len(text) * CHAR_WIDTH * LABEL_SIZE
        # by default labels near the edges grow inwards, so none is cut off or runs into the axis labels
        anchors = anchors or (
            "start" if x - width / 2 < LEFT else "end" if x + width / 2 > WIDTH - RIGHT else "middle",
        )
        for y in rows:
            for anchor in anchors:
                box = text_box(x, y, text, anchor)
                if box[0] < 0 or box[2] > WIDTH:
                    continue
                if not any(overlap(box, placed, LABEL_GAP) for placed in self.boxes):
                    self.boxes.append(box)
                    return [
                        f'<text class="trellis-chart__label" x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}">'
                        f"{escape(text)}</text>"
                    ]
        return []


def burnup_chart(uid: str, title: str, progress: GoalProgress, today: dt.date, unit: str = "") -> Markup | None:
    """The value over time against the ideal line, with today and the due date marked."""
    if progress.line is None or not progress.burnup:
        return None
    (start, baseline), (end, target) = progress.line
    last_value = progress.burnup[-1][1]
    top = max(target, baseline, last_value, max(v for _, v in progress.burnup))
    # a level (a follower count) lives far from 0: the axis starts near the baseline, so the
    # line shows its movement; a count starts at 0 anyway
    low = min(baseline, min(v for _, v in progress.burnup))
    ticks = _ticks(top, low if low > top / 2 else 0.0)
    plot = _Plot(start, end, ticks[-1], ticks[0])
    body = plot.grid(ticks)
    body.append(
        f'<line class="trellis-chart__ideal" x1="{plot.x(start)}" y1="{plot.y(baseline)}" '
        f'x2="{plot.x(end)}" y2="{plot.y(target)}"/>'
    )
    # the actual value: a step line, each change at the end of the day that counted
    points = [(start, progress.burnup[0][1])]
    for day, value in progress.burnup[1:]:
        step = day + dt.timedelta(days=1)
        points += [(step, points[-1][1]), (step, value)]
    until = min(today + dt.timedelta(days=1), end)
    if until > points[-1][0]:
        points.append((until, points[-1][1]))
    path = " ".join(f"{plot.x(d)},{plot.y(v)}" for d, v in points)
    body.append(f'<polyline class="trellis-chart__actual" points="{path}"/>')
    body += plot.marker(start, start.strftime("%d %b"), "edge")
    due = end - dt.timedelta(days=1)
    body += plot.marker(due, "due " + due.strftime("%d %b"), "due", (AXIS_ROW, TOP_ROW))
    if start <= today < end:
        # a plain rule at the end of today, where the actual line stops; its label above the
        # plot, clear of the dates under it
        body += plot.marker(until, "today", "today", (TOP_ROW, AXIS_ROW))
    unit_text = f" {unit}" if unit else ""
    description = (
        f"Burn-up from {start.isoformat()} to {(end - dt.timedelta(days=1)).isoformat()}: "
        f"{number_text(progress.value)}{unit_text} of {number_text(target)} so far; "
        + (
            f"the ideal line is at {number_text(round(progress.expected, 1))} today."
            if progress.expected is not None
            else ""
        )
    )
    table = _table(("Day", "Value"), ((d.isoformat(), number_text(v)) for d, v in _thinned(progress.burnup)))
    return _figure(uid, title, description, body, table)


def _thinned(points: tuple[tuple[dt.date, float], ...]) -> list[tuple[dt.date, float]]:
    """The burn-up's numbers for its table: the start and every day that counted or, over
    MAX_ROWS of them (a goal of a year counts on hundreds of days), the start and the value at
    the last such day of each week, or of each month, or year: a table a screen reader can go
    through, and that costs each goal page (and the search index) dozens of rows, not hundreds."""
    first, rest = points[:1], points[1:]
    for period in (lambda d: d.isocalendar()[:2], lambda d: (d.year, d.month), lambda d: d.year):
        if len(first) + len(rest) <= MAX_ROWS:
            break
        rest = tuple(
            p for p, after in zip(rest, rest[1:] + (None,)) if after is None or period(after[0]) != period(p[0])
        )
    return list(first + rest)


def period_chart(uid: str, title: str, progress: GoalProgress, unit: str = "") -> Markup | None:
    """One bar per period (the last 26), the target as a line; met periods filled."""
    periods = progress.periods[-MAX_BARS:]
    if not periods:
        return None
    ticks = _ticks(max(progress.target, max(p.value for p in periods)))  # bars start at 0
    top = ticks[-1]
    plot = _Plot(periods[0].start, periods[-1].end, top)
    slot = plot.w / max(len(periods), MIN_SLOTS)  # a few wide bars, or up to 26 narrow ones
    body = plot.grid(ticks)
    for i, p in enumerate(periods):
        height = plot.h * p.value / top
        x = LEFT + slot * i + slot * 0.15
        state = "met" if p.met else "open" if p.open else "missed" if p.judged else "partial"
        body.append(
            f'<rect class="trellis-chart__bar trellis-chart__bar--{state}" x="{_f(x)}" '
            f'y="{_f(TOP + plot.h - height)}" width="{_f(slot * 0.7)}" height="{_f(height)}">'
            f"<title>{escape(p.label)}: {escape(number_text(p.value))}</title></rect>"
        )
    y = plot.y(progress.target)
    body.append(f'<line class="trellis-chart__target" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}"/>')
    # the first and the last period's start (once for one bar; the last one centred when two
    # bars leave no room to end it at its bar)
    for i, anchors in ((0, ("start",)), (len(periods) - 1, ("end", "middle", "start")))[: min(len(periods), 2)]:
        body += plot.label(LEFT + slot * i + slot / 2, periods[i].start.strftime("%d %b"), anchors=anchors)
    unit_text = f" {unit}" if unit else ""
    met = sum(p.met for p in periods)
    unjudged = sum(not p.open and not p.judged for p in periods)
    description = (
        f"{len(periods)} periods, {met} met the target of {number_text(progress.target)}{unit_text}"
        + (f" ({unjudged} partial, not judged)" if unjudged else "")
        + "; "
        f"this one: {number_text(progress.value)}."
    )
    table = _table(
        ("Period", "Value", "Met"),
        (
            (
                p.label,
                number_text(p.value),
                "yes" if p.met else "running" if p.open else "no" if p.judged else "not judged",
            )
            for p in periods
        ),
    )
    return _figure(uid, title, description, body, table)


CELL, GAP = 11, 2
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def heatmap_chart(uid: str, heatmap: Heatmap) -> Markup:
    """Journaling days over the last twelve months: a column a week, a row a weekday."""
    left, top = 30, 18
    width = left + len(heatmap.weeks) * (CELL + GAP) + 4
    height = top + 7 * (CELL + GAP) + 28
    body = []
    for column, first_of_month in heatmap.month_starts():
        body.append(
            f'<text class="trellis-chart__label" x="{left + column * (CELL + GAP)}" y="{top - 6}">'
            f"{first_of_month.strftime('%b')}</text>"
        )
    for row in (0, 2, 4):
        name = WEEKDAY_NAMES[(row + heatmap.week_start) % 7]
        body.append(
            f'<text class="trellis-chart__label" x="{left - 4}" y="{top + row * (CELL + GAP) + CELL - 2}" '
            f'text-anchor="end">{name}</text>'
        )
    for column, week in enumerate(heatmap.weeks):
        for row, day in enumerate(week):
            if day is None:
                continue
            what = (
                LEVEL_NAMES[day.level]
                if day.level < 2
                else (f"{day.interactions} interaction{'s' if day.interactions != 1 else ''}")
            )
            body.append(
                f'<rect class="trellis-heat trellis-heat--{day.level}" x="{left + column * (CELL + GAP)}" '
                f'y="{top + row * (CELL + GAP)}" width="{CELL}" height="{CELL}" rx="2">'
                f"<title>{day.date.isoformat()}: {escape(what)}</title></rect>"
            )
    legend_y = top + 7 * (CELL + GAP) + 8
    x = width - 5 * (CELL + GAP) - 40
    body.append(
        f'<text class="trellis-chart__label" x="{x - 4}" y="{legend_y + CELL - 2}" text-anchor="end">less</text>'
    )
    for level in range(5):
        body.append(
            f'<rect class="trellis-heat trellis-heat--{level}" x="{x + level * (CELL + GAP)}" y="{legend_y}" '
            f'width="{CELL}" height="{CELL}" rx="2"><title>{escape(LEVEL_NAMES[level])}</title></rect>'
        )
    body.append(
        f'<text class="trellis-chart__label" x="{x + 5 * (CELL + GAP) + 2}" y="{legend_y + CELL - 2}">more</text>'
    )
    days = heatmap.days
    title = f"Journaling days from {heatmap.first.isoformat()} to {heatmap.last.isoformat()}"
    description = (
        f"{heatmap.journaled} of {len(days)} days have an entry; "
        f"{sum(d.interactions for d in days)} interactions logged."
    )
    months: dict[str, list[int]] = {}
    for d in days:
        tally = months.setdefault(d.date.strftime("%Y-%m"), [0, 0])
        tally[0] += bool(d.entries)
        tally[1] += d.interactions
    table = _table(("Month", "Days journaled", "Interactions"), ((m, a, b) for m, (a, b) in months.items()))
    return _figure(uid, title, description, body, table, width, height, "trellis-chart--heatmap")
