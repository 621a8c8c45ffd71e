"""The burn-up in a goal's first days: the today marker is a plain vertical rule, the actual line
stops at today and stays under the target, and no two labels overlap (boxes worked out from the
font size and character width the chart uses, read back from the SVG)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml
from trellis.pipeline import analyse
from trellis.rendering import charts

D = dt.date


def _fm(**fields) -> str:
    return "---\n" + yaml.safe_dump(fields, sort_keys=False) + "---\n"


def _svg(tmp_path, start: dt.date, due: dt.date, today: dt.date, calls: dict[str, int]) -> tuple[str, object]:
    files = {
        "contacts/ada.md": _fm(name="Ada"),
        "goals/g.md": _fm(
            title="Have ten conversations",
            measure={"count": "interactions"},
            target=10,
            start=start.isoformat(),
            due=due.isoformat(),
        ),
    }
    for day, n in calls.items():
        files[f"entries/{day}.md"] = _fm(
            date=day,
            interactions=[{"with": "ada", "channel": "call", "direction": "outbound", "summary": "talked"}] * n,
        )
    root = tmp_path / "journal"
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    a = analyse(root, today=today)
    progress = a.figures.progress(a.journal.goals["g"])
    chart = charts.burnup_chart("g", "Have ten conversations", progress, today)
    assert chart is not None
    return str(chart), progress


def _attrs(tag: str) -> dict[str, str]:
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))


def _label_boxes(svg: str) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each text's box: x and y as written, its width len(text) x CHAR_WIDTH em, its height the font's."""
    size, em = charts.LABEL_SIZE, charts.CHAR_WIDTH
    boxes = []
    for tag, text in re.findall(r"<text ([^>]*)>([^<]*)</text>", svg):
        a = _attrs(tag)
        x, y, width = float(a["x"]), float(a["y"]), len(text) * em * size
        left = {"start": x, "middle": x - width / 2, "end": x - width}[a.get("text-anchor", "start")]
        if a.get("dominant-baseline") == "middle":
            top, bottom = y - size / 2, y + size / 2
        else:  # an alphabetic baseline: ascenders above, descenders below
            top, bottom = y - 0.8 * size, y + 0.25 * size
        assert 0 <= left and left + width <= charts.WIDTH and 0 <= top and bottom <= charts.HEIGHT, text
        boxes.append((text, (left, top, left + width, bottom)))
    return boxes


def _overlapping(boxes):
    return [
        (a, b)
        for i, (a, p) in enumerate(boxes)
        for b, q in boxes[i + 1 :]
        if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]
    ]


def test_the_label_font_size_is_the_stylesheets():
    from conftest import ROOT

    css = (ROOT / "templates" / "assets" / "trellis.css").read_text(encoding="utf-8")
    rule = re.search(r"\.trellis-chart__label \{([^}]*)\}", css)
    assert rule and f"font-size: {charts.LABEL_SIZE}px" in rule.group(1)


@pytest.mark.parametrize("days_in", [0, 1, 2, 3])
@pytest.mark.parametrize("length", [1, 3, 14, 30, 365])
def test_a_goal_in_its_first_days(tmp_path, days_in, length):
    start = D(2026, 11, 23)
    due = start + dt.timedelta(days=length - 1)
    today = min(start + dt.timedelta(days=days_in), due)
    calls = {start.isoformat(): 1} if days_in else {}  # one conversation on the first day, of ten
    svg, progress = _svg(tmp_path, start, due, today, calls)

    # the today marker: one plain vertical rule
    today_lines = re.findall(r'<line class="trellis-chart__today" ([^>]*)/>', svg)
    assert len(today_lines) == 1
    rule = _attrs(today_lines[0])
    assert rule["x1"] == rule["x2"] and rule["y1"] != rule["y2"]

    # the actual line stops at today's rule and never climbs to the target
    (points,) = re.findall(r'<polyline class="trellis-chart__actual" points="([^"]*)"', svg)
    xy = [tuple(map(float, p.split(","))) for p in points.split()]
    assert max(x for x, _ in xy) == pytest.approx(float(rule["x1"]))
    ideal = _attrs(re.search(r'<line class="trellis-chart__ideal" ([^>]*)/>', svg).group(1))
    target_y = float(ideal["y2"])  # the ideal line ends at the target
    assert min(y for _, y in xy) > target_y  # SVG y grows downwards: the line stays below the target
    assert progress.value < 10

    # every label is placed, inside the picture, and none overlaps another
    boxes = _label_boxes(svg)
    assert {"today", start.strftime("%d %b")} <= {t for t, _ in boxes}
    assert _overlapping(boxes) == []


@pytest.mark.parametrize("weeks", [1, 2, 3, 26])
def test_the_period_chart_labels_its_first_and_last_period_without_overlap(weeks):
    from trellis.metrics.progress import GoalProgress, PeriodResult

    first = D(2026, 6, 1)
    periods = tuple(
        PeriodResult(
            first + dt.timedelta(weeks=i),
            first + dt.timedelta(weeks=i, days=6),
            f"week of {first + dt.timedelta(weeks=i)}",
            1.0,
            False,
            None,
            i == weeks - 1,
        )
        for i in range(weeks)
    )
    progress = GoalProgress("g", "interactions", 1.0, 2.0, None, "on track", per="week", periods=periods)
    svg = str(charts.period_chart("g", "Weekly", progress))
    boxes = _label_boxes(svg)
    dates = [t for t, _ in boxes if not t.replace(".", "").isdigit()]
    # one bar: its date once (it was printed twice over itself); two or more: the first and the last
    expected = ["01 Jun"] if weeks == 1 else ["01 Jun", periods[-1].start.strftime("%d %b")]
    assert dates == expected
    assert _overlapping(boxes) == []


@pytest.mark.build
def test_the_goal_page_of_a_goal_started_yesterday(tmp_path):
    from conftest import ROOT, build

    # the tests' pinned today is 2026-11-23: a month-long goal of ten conversations started the
    # day before, one conversation so far
    files = {
        "index.md": "# Home\n",
        "contacts/ada.md": _fm(name="Ada Quintero"),
        "goals/g.md": _fm(
            title="Have ten conversations",
            measure={"count": "interactions"},
            target=10,
            start="2026-11-22",
            due="2026-12-21",
            actions=["Ask one person a day"],
        ),
        "entries/2026-11-22.md": _fm(
            date="2026-11-22",
            interactions=[{"with": "ada", "channel": "call", "direction": "outbound", "summary": "talked"}],
        ),
    }
    for rel, text in files.items():
        (tmp_path / "journal" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "journal" / rel).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    run = build(tmp_path, "owner")
    assert run.returncode == 0, run.stderr[-3000:]
    page = (tmp_path / "site-owner" / "goals" / "g" / "index.html").read_text(encoding="utf-8")
    start = page.index('<svg class="trellis-chart__svg"')
    svg = page[start : page.index("</svg>", start)]
    (rule,) = [_attrs(t) for t in re.findall(r'<line class="trellis-chart__today" ([^>]*)/>', svg)]
    assert rule["x1"] == rule["x2"]
    (points,) = re.findall(r'<polyline class="trellis-chart__actual" points="([^"]*)"', svg)
    xy = [tuple(map(float, p.split(","))) for p in points.split()]
    ideal = _attrs(re.search(r'<line class="trellis-chart__ideal" ([^>]*)/>', svg).group(1))
    assert max(x for x, _ in xy) == pytest.approx(float(rule["x1"])) and min(y for _, y in xy) > float(ideal["y2"])
    boxes = _label_boxes(svg)
    assert {"today", "22 Nov", "due 21 Dec"} <= {t for t, _ in boxes} and _overlapping(boxes) == []
