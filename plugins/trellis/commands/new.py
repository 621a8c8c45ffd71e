"""`trellis new entry|contact|goal|application`: a new file with the skeleton of its kind.

Each writes one new file through `writing.create`, so an existing file is never touched,
and returns its path. A new contact whose name (case, accents and spacing aside) a contact
file already holds is refused unless asked for (`--namesake`): a second Jonas Becker is far
more often the same person again than another one. A new entry, contact and application pass `trellis check` as written; a new
goal deliberately does not until its blanks are filled, and says beside each SMART
letter what makes it pass.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from .. import writing
from ..loading import date_bounds_problem, load_journal
from ..model import COUNTERS
from ..rules.people import same_name


def entry_path(journal_dir: Path, day: dt.date) -> Path:
    return journal_dir / "entries" / str(day.year) / f"{day.isoformat()}.md"


def new_entry(journal_dir: Path, day: dt.date) -> Path:
    path = entry_path(journal_dir, day)
    writing.create(path, entry_text(day))
    return path


def entry_text(day: dt.date, public: bool = False) -> str:
    """A new entry's text: the day, no interactions yet, a commented example (`trellis log` adds to it)."""
    return f"""---
date: {day.isoformat()}
interactions: []
# interactions:
#   - with: ada-lovelace          # a contact id, or a list of them
#     channel: coffee             # linkedin | twitter | email | call | video | coffee | event | slack | meetup | other
#     direction: outbound         # outbound (I reached out) | inbound (they did) | mutual
#     summary: What we talked about
#     follow_up: {(day + dt.timedelta(days=7)).isoformat()}       # optional: a reminder
# events: [JS meetup]
# progress: {{follower-count: 1320}}   # for manual goals
public: {str(public).lower()}{" " if public else ""}                     # true publishes this entry's text on the portfolio
---
What went well, what to do next.
"""


def new_contact(journal_dir: Path, name: str, today: dt.date, **fields: str) -> Path:
    cid = writing.free_id(writing.slug(name) or "contact", writing.taken_ids(journal_dir, "contacts"))
    values: dict[str, object] = {"name": " ".join(name.split())}
    values.update({k: v for k, v in fields.items() if v and k != "linkedin"})
    if fields.get("linkedin"):
        values["links"] = {"linkedin": fields["linkedin"]}
    values["met"] = today
    text = writing.frontmatter_text({**values, "public": False})
    hints = (
        "# knows: [other-contact-id]     # who they know: ties on the network map\n"
        "# keep_in_touch: 30d            # dormant after this long without contact (default 90d)\n"
        "# want: [advice on remote hiring]   # what you hope for from them: never published\n"
        "# give: [a review of their docs]    # what you can offer them: never published\n"
        "# Under the closing line: your notes about the person, never published.\n"
    )
    text = text.replace(
        "public: false\n---\n",
        "public: false                   # true: they agreed to be named on the public site\n" + hints + "---\n",
        1,
    )
    path = journal_dir / "contacts" / f"{cid}.md"
    writing.create(path, text)
    return path


def new_application(journal_dir: Path, company: str, today: dt.date, role: str = "") -> Path:
    """A job application at `company` (owner only): status interested, the next step a week
    away, every other field as a commented example. Its id is the company's (and the role's)
    slug, `-2` and on when taken."""
    company = " ".join(company.split())
    base = writing.slug(f"{company} {role}") or "application"
    aid = writing.free_id(base, writing.taken_ids(journal_dir, "applications"))
    soon = (today + dt.timedelta(days=7)).isoformat()
    path = journal_dir / "applications" / f"{aid}.md"
    writing.create(
        path,
        f"""---
company: {writing.yaml_value(company)}
role: {writing.yaml_value(" ".join(role.split()))}  # the job's title
link: ""  # the posting's address, https://...
status: interested  # interested | applied | referred | screening | interviewing | offer | accepted | rejected | withdrawn | ghosted
# applied: {today.isoformat()}  # the day you applied
# history: {{{today.isoformat()}: applied}}  # dated status changes
# via: ada-lovelace  # the referral or intro: a contact id
# contacts: [grace-hopper]  # others involved: recruiter, interviewer (contact ids)
next: {soon}  # the next step's date
---
Notes: what the role is, whom to ask, how it went. Never published.
""",
    )
    return path


def new_goal(journal_dir: Path, title: str, today: dt.date) -> Path:
    gid = writing.free_id(writing.slug(title) or "new-goal", writing.taken_ids(journal_dir, "goals"))
    visions = [g.id for g in load_journal(journal_dir).goals.values() if g.is_vision]
    supports = f"# supports: {visions[0]}" if visions else "# supports: a-vision-goal-id"
    due = today + dt.timedelta(days=90)  # a quarter: near enough to feel, far enough to reach
    path = journal_dir / "goals" / f"{gid}.md"
    writing.create(
        path,
        f"""---
# S, Specific: one sentence about something you can point at, with a number in it.
title: {writing.yaml_value(title)}
# R, Relevant: why it matters, or the vision goal it serves (vision goals: {", ".join(visions) or "none yet"}).
why: ""
{supports}
# M, Measurable: what is counted ({" | ".join(COUNTERS)}) and how much.
measure: {{count: interactions}}
target: 5
unit: conversations
# per: week                      # day | week | month | quarter makes it a habit, counted each period
# T, Timely: when it starts, and when it is done (or, for a habit, reviewed); a year at most.
start: {today.isoformat()}
due: {due.isoformat()}
# A, Actionable: the steps you will take, e.g. [Go to the monthly JS meetup, Comment on two posts a day]
actions: []
status: active
---
The plan, and notes as it goes.
""",
    )
    return path


def run(
    journal_dir: Path,
    today: dt.date,
    kind: str,
    name: str | None,
    date: str | None,
    details: dict[str, str],
    shown: Callable[[Path], str],
    namesake: bool = False,
) -> int:
    """`trellis new KIND`: write the file, print its path; a date or a name it can't use, a file
    that is there already, or a contact of that name already (unless `namesake`), says why."""
    day = today
    if kind == "entry" and date:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            print(f"trellis new: '{date}' is not a date: write it as YYYY-MM-DD", file=sys.stderr)
            return 2
        problem = date_bounds_problem(day)  # the same bounds check the build applies
        if problem is not None:
            print(f"trellis new: {problem.rule}: --date {date} {problem.why}: {problem.fix}", file=sys.stderr)
            return 2
    try:
        if kind == "entry":
            path = new_entry(journal_dir, day)
        elif kind == "contact":
            if not name:
                print('trellis new contact: give the name, e.g. trellis new contact "Ada Lovelace"', file=sys.stderr)
                return 2
            existing = [] if namesake else same_name(load_journal(journal_dir), name)
            if existing:
                files = " and ".join(shown(Path(c.source.path)) for c in existing)
                print(
                    f"trellis new contact: {' '.join(name.split())} is already in {files}: edit that file, "
                    "or add --namesake if this is another person of the same name",
                    file=sys.stderr,
                )
                return 1
            path = new_contact(journal_dir, name, today, **details)
        elif kind == "application":
            if not name or not name.strip():
                print("trellis new application: give the company, e.g. trellis new application Stripe", file=sys.stderr)
                return 2
            path = new_application(journal_dir, name, today, details.get("role", ""))
        else:
            path = new_goal(journal_dir, name or "", today)
    except writing.FileExists as err:
        print(
            f"trellis new: {shown(Path(str(err)))} already exists: Trellis never overwrites a file; "
            "edit it, or pick another date",
            file=sys.stderr,
        )
        return 1
    print(shown(path))
    return 0
