"""The week's reach-out as Markdown: one line per suggestion, follow-up, dormant tie and goal
behind pace, each linking to the owner view's page (served by `mkdocs serve` at the site URL).

It computes nothing: the figures are `rendering.week.this_week`'s, those the reach-out page and
the Today dashboard show. It names people as the owner's `View` does, with their want and give.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...locating import site_config
from ...model import Goal, Interaction
from ...pipeline import Analysis
from ...privacy.view import View
from ...rendering import hunt_week
from ...rendering.week import Week

DORMANT_SHOWN = 5  # the most overdue; the reach-out page lists them all
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|~!])")


@dataclass(frozen=True)
class Links:
    """The owner view's address of a journal page, as MkDocs names it (`journal/x.md` -> `journal/x/`)."""

    site_url: str
    folder: str = ""  # the journal's folder inside docs_dir ("" when the journal is docs_dir)
    directory_urls: bool = True

    @classmethod
    def of(cls, site_url: str, project: Path, journal_dir: Path) -> Links:
        config = site_config(project)
        docs = (project / str(config.get("docs_dir") or "docs")).resolve()
        try:
            folder = journal_dir.resolve().relative_to(docs).as_posix()
        except ValueError:
            folder = ""
        return cls(
            site_url.rstrip("/") + "/", "" if folder == "." else folder, config.get("use_directory_urls") is not False
        )

    def __call__(self, rel: str) -> str:
        path, _, anchor = rel.partition("#")
        path = f"{self.folder}/{path}" if self.folder else path
        stem = path.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            url = stem.removesuffix("index")
        else:
            url = f"{stem}/" if self.directory_urls else f"{stem}.html"
        return self.site_url + url + (f"#{anchor}" if anchor else "")


def escaped(text: str) -> str:
    """Text as Markdown shows it literally (a name with `*` or `[` is not markup), on one line."""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


def digest_text(analysis: Analysis, view: View, week: Week, link: Links) -> str:
    today = analysis.today
    contacts = analysis.journal.contacts

    def person(cid: str) -> str:
        label = escaped(view.contact_label(cid))
        shown = cid in contacts and view.shows_contact_page(contacts[cid])
        return f"[{label}]({link(f'contacts/{cid}.md')})" if shown else label

    def with_purpose(cid: str) -> str:
        why = view.contact_purpose(contacts[cid]) if cid in contacts else {"want": [], "give": []}
        parts = [f"you hope for {'; '.join(why['want'])}"] if why["want"] else []
        parts += [f"you can offer {'; '.join(why['give'])}"] if why["give"] else []
        return person(cid) + (f" ({escaped(', '.join(parts))})" if parts else "")

    def goal(g: Goal) -> str:
        return f"[{escaped(view.redact(g.title) or g.id)}]({link(f'goals/{g.id}.md')})"

    lines = [
        f"## Reach out this week: {today.strftime('%A')}, {today.isoformat()}",
        "",
        f"From your journal, judged on {today.isoformat()}. The links open your owner view while "
        f"`mkdocs serve` runs: [Today]({link('index.md')}) · [Reach out]({link('reach-out.md')}).",
        "",
    ]
    if analysis.unread_files:  # as above every owner page: what is left out of the figures below
        lines += [
            f"**{_plural(len(analysis.unread_files), 'journal file')} could not be read**, so nothing in "
            f"{'it' if len(analysis.unread_files) == 1 else 'them'} is counted: [Checks]({link('checks.md')}) "
            "says how to fix it.",
            "",
        ]
    lines += [
        f"### Cadence goals: {_plural(sum(s.remaining for s in week.suggestions), 'reach-out')} left",
        "",
    ]
    for s in week.suggestions:
        line = f"- **{s.remaining} more** for {goal(s.goal)} ({escaped(s.period)})"
        if s.new_people:
            wanted = ", ".join(w.value for w in week.thinnest)
            line += (
                f": meet someone new; your network has least of: {escaped(wanted)}" if wanted else ": meet someone new"
            )
        elif s.people:
            line += ": " + ", ".join(with_purpose(cid) for cid in s.people)
        elif s.revive:
            line += ": none of your ties it allows is dormant today"
        else:
            line += ": nobody its filter allows is left to contact this period"
        lines.append(line)
    if not week.suggestions:
        lines.append("Your cadence goals are met for now, or you have none.")
    lines += ["", f"### Follow-ups: {len(week.overdue)} overdue, {len(week.due_today)} due today", ""]
    lines += [_follow_up(i, today, person, view) for i in week.follow_ups] or ["Nothing due this week."]
    lines += _applications(week.hunt, person, link)
    lines += ["", f"### Dormant ties: {len(week.dormant)}, most overdue first", ""]
    for touch, contact, _stage in week.dormant[:DORMANT_SHOWN]:
        last = touch.last.isoformat() if touch.last else "never"
        lines.append(
            f"- {person(contact.id)}: last in touch {last}, every {_plural(touch.period_days, 'day')}, "
            f"{_plural(touch.overdue_days, 'day')} overdue"
        )
    if len(week.dormant) > DORMANT_SHOWN:
        lines.append(f"- and {len(week.dormant) - DORMANT_SHOWN} more on [Reach out]({link('reach-out.md#dormant')})")
    if not week.dormant:
        lines.append("Nobody has gone quiet for longer than you wanted.")
    lines += ["", f"### Goals behind pace: {len(week.behind)}", ""]
    for g, p in week.behind:
        unit = f" {escaped(g.unit)}" if g.unit else ""
        figure = (
            f"stage {escaped(p.value_text)}, target {escaped(p.target_text)}"
            if p.counter == "stage"
            else f"{escaped(p.value_text)} / {escaped(p.target_text)}{unit}"
        )
        period = f" ({escaped(p.period)})" if p.period else ""
        due = f", due {g.due.isoformat()}" if g.due else ""
        lines.append(f"- {goal(g)}: {p.status}, {figure}{period}{due}")
    if not week.behind:
        lines.append("No active goal is behind its pace.")
    return "\n".join(lines) + "\n"


def _follow_up(i: Interaction, today, person: Callable[[str], str], view: View) -> str:
    assert i.follow_up is not None  # the week's follow-ups all have their day
    days = (i.follow_up - today).days
    when = "due today" if days == 0 else f"{_plural(-days, 'day')} late" if days < 0 else f"in {_plural(days, 'day')}"
    summary = view.summary(i)
    tail = f": {escaped(summary)}" if summary else ""
    return f"- {i.follow_up.isoformat()} ({when}): {', '.join(person(cid) for cid in i.with_ids)}{tail}"


def _applications(hunt: hunt_week.HuntWeek, person: Callable[[str], str], link: Links) -> list[str]:
    """The applications' steps due this week, the referral asks, and how many have gone quiet
    (the reach-out page lists them): nothing when no application is open."""
    if not hunt.open:
        return []
    lines = ["", f"### Applications: {len(hunt.overdue)} overdue, {len(hunt.due_today)} due today", ""]
    for step in hunt.steps:
        people = ", ".join(person(cid) for cid in step.application.people)
        lines.append(
            f"- {step.day.isoformat()} ({hunt_week.when(step.day, hunt.today)}): {step.what}: "
            f"{escaped(hunt_week.title(step.application))} ({escaped(hunt_week.why(step))})"
            + (f": {people}" if people else "")
        )
    if not hunt.steps:
        lines.append("No next step or follow-up is due this week.")
    for r in hunt.referrals:
        asked = hunt_week.either([person(cid) for cid in r.referral])
        lines.append(f"- Ask {asked} for a referral: {escaped(hunt_week.title(r.application))}")
    if hunt.quiet:
        lines.append(
            f"- Stopped reminding: {_plural(len(hunt.quiet), 'application')} gone quiet "
            f"([Reach out]({link('reach-out.md#applications')}))"
        )
    return lines


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
