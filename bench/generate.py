"""Write a synthetic journal of any size, for the benchmarks (seeded: the same files every run).

    python bench/generate.py OUT_DIR --contacts 3000 --entries 3000

OUT_DIR gets a project: mkdocs.yml and journal/ (plan, goals, contacts, entries spread
over the years before 2026-11-23, a few interactions each, with knows/introduced_by ties).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAST_DAY = dt.date(2026, 11, 22)
ROLES = ["developer", "engineering manager", "recruiter", "product manager", "designer", "data scientist",
         "founder", "devrel", "QA engineer", "SRE"]
SECTORS = ["fintech", "edtech", "health", "e-commerce", "devtools", "gaming", "media", "govtech"]
LOCATIONS = ["remote", "Berlin", "Lisbon", "London", "Paris", "Madrid", "Amsterdam", "Warsaw"]
SKILLS = ["react", "typescript", "python", "go", "rust", "hiring", "design systems", "kubernetes", "sql"]
CHANNELS = ["linkedin", "email", "call", "video", "coffee", "event", "slack", "meetup"]
DIRECTIONS = ["outbound", "outbound", "inbound", "mutual"]
FIRST = ["Ada", "Grace", "Linus", "Ken", "Barbara", "Alan", "Edsger", "Margaret", "Dennis", "Frances", "Tim",
         "Radia", "Guido", "Sophie", "Anita", "Donald", "Hedy", "John", "Katherine", "Niklaus"]
LAST = ["Okafor", "Silva", "Weber", "Kaya", "Mensah", "Diallo", "Reyes", "Martin", "Sato", "Novak", "Berg",
        "Haddad", "Chen", "Kumar", "Fischer", "Obi", "Alves", "Popescu", "Lindqvist", "Ribeiro"]


def generate(out: Path, contacts: int, entries: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    journal = out / "journal"
    if journal.exists():
        shutil.rmtree(journal)
    for folder in ("goals", "contacts", "entries"):
        (journal / folder).mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", out / "mkdocs.yml")
    (journal / "index.md").write_text("# A synthetic journal\n")
    companies = [f"Company {n}" for n in range(max(contacts // 12, 3))]
    (journal / "plan.md").write_text(
        "---\nvision: Land a remote role\nwant:\n  roles: [recruiter, developer]\n  sectors: [fintech, edtech]\n"
        f"  locations: [remote]\ndream_companies: [{companies[0]}, {companies[1]}, Nowhere Inc]\n---\n")
    (journal / "goals" / "vision.md").write_text("---\ntitle: Land a remote role\nkind: vision\n---\n")
    for gid, measure, target, per in (("weekly-new", "{count: new-contacts}", 5, "week"),
                                      ("daily-nurture", "{count: interactions}", 1, "day"),
                                      ("monthly-entries", "{count: entries}", 20, "month"),
                                      ("fifty-coffees", "{count: interactions, where: {channel: [coffee]}}", 50, None)):
        (journal / "goals" / f"{gid}.md").write_text(
            f"---\ntitle: Make {target} {gid.replace('-', ' ')} happen\nsupports: vision\nmeasure: {measure}\n"
            f"target: {target}\n" + (f"per: {per}\n" if per else "") +
            "start: 2026-01-01\ndue: 2026-12-31\nactions: [Show up]\n---\n")
    ids = []
    for n in range(contacts):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        cid = f"{first.lower()}-{last.lower()}-{n}"
        ids.append(cid)
        knows = rng.sample(ids[:-1], k=min(len(ids) - 1, rng.choice([0, 0, 1, 2])))
        met = LAST_DAY - dt.timedelta(days=rng.randrange(1, 1500))
        lines = [f"name: {first} {last} {n}", f"company: {rng.choice(companies)}", f"role: {rng.choice(ROLES)}",
                 f"sector: {rng.choice(SECTORS)}", f"location: {rng.choice(LOCATIONS)}",
                 f"skills: [{', '.join(rng.sample(SKILLS, 2))}]", f"met: {met.isoformat()}",
                 f"knows: [{', '.join(knows)}]", f"email: {cid}@example.com", f"public: {str(rng.random() < 0.1).lower()}"]
        if knows and rng.random() < 0.3:
            lines.append(f"introduced_by: {knows[0]}")
        (journal / "contacts" / f"{cid}.md").write_text("---\n" + "\n".join(lines) + "\n---\nNotes about them.\n")
    for n in range(entries):
        day = LAST_DAY - dt.timedelta(days=n % 1500)
        items = []
        for _ in range(rng.randrange(0, 4)):
            who = rng.sample(ids, k=1 if rng.random() < 0.9 else 2) if ids else []
            items.append(f"  - with: [{', '.join(who)}]\n    channel: {rng.choice(CHANNELS)}\n"
                         f"    direction: {rng.choice(DIRECTIONS)}\n    summary: Talked about topic {rng.randrange(1000)}")
        folder = journal / "entries" / str(day.year)
        folder.mkdir(exist_ok=True)
        name = f"{day.isoformat()}.md" if n < 1500 else f"{day.isoformat()}-{n // 1500}.md"
        body = "---\n" + f"date: {day.isoformat()}\n" + ("interactions:\n" + "\n".join(items) + "\n" if items else "") + \
            f"public: {str(rng.random() < 0.2).lower()}\n---\nA day of networking, number {n}.\n"
        (folder / name).write_text(body)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--contacts", type=int, default=3000)
    parser.add_argument("--entries", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, args.contacts, args.entries, args.seed)
    print(f"wrote {args.contacts} contacts and {args.entries} entries to {args.out / 'journal'}")


if __name__ == "__main__":
    main()
