"""Write a synthetic journal of any size and shape, for the benchmarks (seeded: the same files every run).

    python bench/generate.py OUT_DIR --contacts 3000 --entries 3000
    python bench/generate.py OUT_DIR --heavy            # five years of a heavy user (see HEAVY)
    python bench/generate.py OUT_DIR --heldout          # issue 31's held-out shape (see HELDOUT)
    python bench/generate.py OUT_DIR --contacts 4500 --entries 0 --linkedin

OUT_DIR gets a project: mkdocs.yml and journal/ (plan, goals, contacts, entries spread
over the years before 2026-11-23, a few interactions each, with knows/introduced_by ties).
The shape is set by `Shape`: how many goals and how many of them done or dropped, how many
people an interaction names, how big companies are, how many years the journal covers, how
many dream companies the plan lists, what share of contacts and entries is public. The
defaults are the shape the benchmark always had (four goals, one person an interaction and
now and then two, companies of about 12, four years), so its older figures stay comparable.
`--linkedin` writes contacts as `trellis import linkedin` does (name, company, role, met,
a profile link, no ties), with companies of very unequal sizes, as a real export has.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from dataclasses import dataclass, fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAST_DAY = dt.date(2026, 11, 22)
ROLES = [
    "developer",
    "engineering manager",
    "recruiter",
    "product manager",
    "designer",
    "data scientist",
    "founder",
    "devrel",
    "QA engineer",
    "SRE",
]
SECTORS = ["fintech", "edtech", "health", "e-commerce", "devtools", "gaming", "media", "govtech"]
LOCATIONS = ["remote", "Berlin", "Lisbon", "London", "Paris", "Madrid", "Amsterdam", "Warsaw"]
SKILLS = ["react", "typescript", "python", "go", "rust", "hiring", "design systems", "kubernetes", "sql"]
CHANNELS = ["linkedin", "email", "call", "video", "coffee", "event", "slack", "meetup"]
DIRECTIONS = ["outbound", "outbound", "inbound", "mutual"]
FIRST = [
    "Ada",
    "Grace",
    "Linus",
    "Ken",
    "Barbara",
    "Alan",
    "Edsger",
    "Margaret",
    "Dennis",
    "Frances",
    "Tim",
    "Radia",
    "Guido",
    "Sophie",
    "Anita",
    "Donald",
    "Hedy",
    "John",
    "Katherine",
    "Niklaus",
]
LAST = [
    "Okafor",
    "Silva",
    "Weber",
    "Kaya",
    "Mensah",
    "Diallo",
    "Reyes",
    "Martin",
    "Sato",
    "Novak",
    "Berg",
    "Haddad",
    "Chen",
    "Kumar",
    "Fischer",
    "Obi",
    "Alves",
    "Popescu",
    "Lindqvist",
    "Ribeiro",
]


@dataclass(frozen=True)
class Shape:
    goals: int = 4  # SMART goals (a vision goal comes on top)
    done: float = 0.0  # share of the goals beyond the first four with status: done
    dropped: float = 0.0  # share with status: dropped
    people: int = 0  # most people one interaction names, 1 to this many; 0: one, and a tenth two
    company_size: float = 12.0  # people per company, on average
    years: float = 1500 / 365.25  # how far back entries and meetings go
    dream: int = 2  # dream companies in plan.md (plus one nobody works at)
    public_contacts: float = 0.1
    public_entries: float = 0.2
    linkedin: bool = False  # contacts as an import writes them; companies of unequal sizes


# five years of a heavy user (issue 18): most goals closed, people in crowds, big companies
HEAVY = dict(
    contacts=2000,
    entries=1800,
    shape=Shape(goals=300, done=0.45, dropped=0.3, people=3, company_size=50, years=5, dream=40),
)
# issue 31's held-out shape: 3,003 files, 20 companies of about 60 people, a fifth of the
# entries public (the default share), a tenth of the contacts
HELDOUT = dict(contacts=1200, entries=1650, shape=Shape(goals=150, company_size=60))
COUNTERS = (
    "{count: new-contacts}",
    "{count: interactions}",
    "{count: entries}",
    "{count: interactions, where: {channel: [coffee, call]}}",
    "{count: new-contacts, where: {sector: [fintech]}}",
    "{count: interactions, where: {role: [recruiter]}}",
    "{count: interactions, where: {direction: [inbound]}}",
)
PERS = ("week", "month", "quarter", None, "week", None)


def _more_goals(journal: Path, shape: Shape, ids: list[str], rng: random.Random) -> None:
    """Goals 5 to `shape.goals`: monthly and quarterly goals of past years, most closed, over a few counters."""
    days = round(shape.years * 365.25)
    for n in range(4, shape.goals):
        start = LAST_DAY - dt.timedelta(days=rng.randrange(0, max(days, 1)))
        due = start + dt.timedelta(days=rng.choice([30, 90, 180, 330]))
        roll = rng.random()
        status = "done" if roll < shape.done else "dropped" if roll < shape.done + shape.dropped else "active"
        if ids and n % 9 == 8:
            measure, target, per = f"{{count: stage, contact: {rng.choice(ids)}}}", "ally", None
        else:
            measure, per = COUNTERS[n % len(COUNTERS)], PERS[n % len(PERS)]
            target = rng.choice([2, 3, 5, 10, 20]) if per else rng.choice([10, 25, 50, 100])
        (journal / "goals" / f"goal-{n}.md").write_text(
            f"---\ntitle: Make {target} connections happen, goal {n}\nsupports: vision\nmeasure: {measure}\n"
            f"target: {target}\n"
            + (f"per: {per}\n" if per else "")
            + f"start: {start.isoformat()}\ndue: {due.isoformat()}\nactions: [Show up]\nstatus: {status}\n---\n"
        )


def generate(out: Path, contacts: int, entries: int, seed: int = 7, shape: Shape = Shape()) -> Path:
    rng = random.Random(seed)
    shaped = random.Random(seed + 1)  # draws of the shape's options, so the default shape keeps its files
    days = round(shape.years * 365.25)
    journal = out / "journal"
    if journal.exists():
        shutil.rmtree(journal)
    for folder in ("goals", "contacts", "entries"):
        (journal / folder).mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", out / "mkdocs.yml")
    (journal / "index.md").write_text("# A synthetic journal\n")
    companies = [f"Company {n}" for n in range(max(int(contacts / shape.company_size), 3))]
    # a real export: a few employers of hundreds, a long tail of one or two (Zipf-like weights)
    weights = [1 / (rank + 1) for rank in range(len(companies))] if shape.linkedin else None
    dream = ", ".join(companies[n % len(companies)] if n < len(companies) else f"Dream {n}" for n in range(shape.dream))
    (journal / "plan.md").write_text(
        "---\nvision: Land a remote role\nwant:\n  roles: [recruiter, developer]\n  sectors: [fintech, edtech]\n"
        f"  locations: [remote]\ndream_companies: [{dream}{', ' if dream else ''}Nowhere Inc]\n---\n"
    )
    (journal / "goals" / "vision.md").write_text("---\ntitle: Land a remote role\nkind: vision\n---\n")
    for gid, measure, target, per in (
        ("weekly-new", "{count: new-contacts}", 5, "week"),
        ("daily-nurture", "{count: interactions}", 1, "day"),
        ("monthly-entries", "{count: entries}", 20, "month"),
        ("fifty-coffees", "{count: interactions, where: {channel: [coffee]}}", 50, None),
    ):
        (journal / "goals" / f"{gid}.md").write_text(
            f"---\ntitle: Make {target} {gid.replace('-', ' ')} happen\nsupports: vision\nmeasure: {measure}\n"
            f"target: {target}\n"
            + (f"per: {per}\n" if per else "")
            + "start: 2026-01-01\ndue: 2026-12-31\nactions: [Show up]\n---\n"
        )
    ids = []
    for n in range(contacts):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        cid = f"{first.lower()}-{last.lower()}-{n}"
        ids.append(cid)
        if shape.linkedin:
            met = LAST_DAY - dt.timedelta(days=shaped.randrange(1, max(days, 2)))
            lines = [
                f"name: {first} {last} {n}",
                f"company: {shaped.choices(companies, weights)[0]}",
                f"role: {shaped.choice(ROLES)}",
                f"met: {met.isoformat()}",
                f"links: {{linkedin: 'https://www.linkedin.com/in/{cid}'}}",
            ]
            (journal / "contacts" / f"{cid}.md").write_text("---\n" + "\n".join(lines) + "\n---\n")
            continue
        knows = rng.sample(ids[:-1], k=min(len(ids) - 1, rng.choice([0, 0, 1, 2])))
        met = LAST_DAY - dt.timedelta(days=rng.randrange(1, max(days, 2)))
        lines = [
            f"name: {first} {last} {n}",
            f"company: {rng.choice(companies)}",
            f"role: {rng.choice(ROLES)}",
            f"sector: {rng.choice(SECTORS)}",
            f"location: {rng.choice(LOCATIONS)}",
            f"skills: [{', '.join(rng.sample(SKILLS, 2))}]",
            f"met: {met.isoformat()}",
            f"knows: [{', '.join(knows)}]",
            f"email: {cid}@example.com",
            f"public: {str(rng.random() < shape.public_contacts).lower()}",
            # what the tie is for (CONTACT-8); not drawn from rng, so every other line stays as it was
            f"want: [advice on {ROLES[n % len(ROLES)]} hiring]",
        ]
        if knows and rng.random() < 0.3:
            lines.append(f"introduced_by: {knows[0]}")
        (journal / "contacts" / f"{cid}.md").write_text("---\n" + "\n".join(lines) + "\n---\nNotes about them.\n")
    for n in range(entries):
        day = LAST_DAY - dt.timedelta(days=n % max(days, 1))
        items = []
        for _ in range(rng.randrange(0, 4)):
            one_or_two = 1 if rng.random() < 0.9 else 2
            k = shaped.randint(1, shape.people) if shape.people else one_or_two
            who = rng.sample(ids, k=min(k, len(ids))) if ids else []
            items.append(
                f"  - with: [{', '.join(who)}]\n    channel: {rng.choice(CHANNELS)}\n"
                f"    direction: {rng.choice(DIRECTIONS)}\n    summary: Talked about topic {rng.randrange(1000)}"
            )
        folder = journal / "entries" / str(day.year)
        folder.mkdir(exist_ok=True)
        name = f"{day.isoformat()}.md" if n < max(days, 1) else f"{day.isoformat()}-{n // max(days, 1)}.md"
        body = (
            "---\n"
            + f"date: {day.isoformat()}\n"
            + ("interactions:\n" + "\n".join(items) + "\n" if items else "")
            + f"public: {str(rng.random() < shape.public_entries).lower()}\n---\nA day of networking, number {n}.\n"
        )
        (folder / name).write_text(body)
    _more_goals(journal, shape, ids, shaped)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--contacts", type=int)
    parser.add_argument("--entries", type=int)
    parser.add_argument("--seed", type=int, default=7)
    named = parser.add_mutually_exclusive_group()
    named.add_argument("--heavy", action="store_true", help="the heavy user's journal; options given override it")
    named.add_argument("--heldout", action="store_true", help="issue 31's held-out shape; options given override it")
    for option in fields(Shape):  # every field of the shape is an option (annotations are strings here)
        flag = f"--{option.name.replace('_', '-')}"
        if option.type == "bool":
            parser.add_argument(flag, action="store_true")
        else:
            parser.add_argument(flag, type={"int": int, "float": float}[option.type], default=None)
    args = parser.parse_args()
    base = HEAVY if args.heavy else HELDOUT if args.heldout else dict(contacts=3000, entries=3000, shape=Shape())
    given = {f.name: getattr(args, f.name) for f in fields(Shape) if getattr(args, f.name) not in (None, False)}
    shape = replace(base["shape"], **given)
    contacts = args.contacts if args.contacts is not None else base["contacts"]
    entries = args.entries if args.entries is not None else base["entries"]
    generate(args.out, contacts, entries, args.seed, shape)
    print(f"wrote {contacts} contacts, {entries} entries and {shape.goals} goals to {args.out / 'journal'}")


if __name__ == "__main__":
    main()
