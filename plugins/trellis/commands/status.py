"""`trellis status`: each goal's figures in the terminal, as a table or as JSON, and the open job
applications with their next steps (`status_applications`).

The rows come from `Figures.progress`, the computation the progress and goal pages use,
so the terminal and the site never disagree. The terminal is the owner's: titles are shown.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

from ..pipeline import Analysis
from .status_applications import application_rows, applications_table


def _round(x: float | None) -> float | int | None:
    if x is None:
        return None
    x = round(float(x), 2)
    return int(x) if x.is_integer() else x


def status_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """One object per goal (vision goals left out: they are not measured)."""
    goals = sorted(
        (g for g in analysis.journal.goals.values() if not g.is_vision), key=lambda g: (g.status != "active", g.id)
    )
    rows = []
    for goal in goals:
        p = analysis.figures.progress(goal)
        counter = goal.measure.count if goal.measure else None
        rows.append(
            {
                "id": goal.id,
                "title": goal.title,
                "counter": counter,
                "per": goal.per,
                "period": p.period if p else None,
                "value": _round(p.value) if p else None,
                "target": _round(p.target) if p else None,
                "value_text": p.value_text if p else None,
                "target_text": p.target_text if p else None,
                "unit": goal.unit or None,
                "expected": _round(p.expected) if p else None,
                "status": p.status if p else "unchecked",
                "buffer_days": p.buffer_days if p else None,
                "streak": p.streak if p else None,
                "longest_streak": p.longest_streak if p else None,
                "habit_strength": p.habit_strength if p else None,
                "due": goal.due.isoformat() if goal.due else None,
                "reached_on": p.reached_on.isoformat() if p and p.reached_on else None,
            }
        )
    return rows


COLUMNS = (
    ("goal", "id"),
    ("value", "value_text"),
    ("target", "target_text"),
    ("status", "status"),
    ("buffer", "buffer_days"),
    ("streak", "streak"),
    ("due", "due"),
)


def _cell(row: dict[str, Any], key: str) -> str:
    value = row[key]
    if value is None:
        return "-" if key != "value_text" else "?"
    if key == "buffer_days":
        return f"{value}d"
    if key == "streak":
        best = row["longest_streak"]
        return f"{value} {row['per']}{'s' if value != 1 else ''} (best {best})"
    if key == "value_text" and row["period"]:
        return f"{value} ({row['period']})"
    return str(value)


def status_table(rows: list[dict[str, Any]], today: dt.date) -> str:
    if not rows:
        return f"trellis status: no goals yet (today is {today.isoformat()})\n"
    table = [[title for title, _ in COLUMNS]] + [[_cell(r, key) for _, key in COLUMNS] for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in table]
    behind = sum(r["status"] in ("behind", "overdue") for r in rows)
    lines.append(f"judged on {today.isoformat()}: {len(rows)} goals, {behind} behind or overdue")
    return "\n".join(lines) + "\n"


def run(analysis: Analysis, as_json: bool) -> None:
    """`trellis status`: the table, or `--json`'s document, on standard output."""
    rows, applications = status_rows(analysis), application_rows(analysis)
    if as_json:
        document = {"today": analysis.today.isoformat(), "goals": rows, "applications": applications}
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(status_table(rows, analysis.today) + applications_table(applications, analysis.today))
