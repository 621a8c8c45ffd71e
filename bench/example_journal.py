# Generates the example journal in journal/ (deterministic: seeded). Run from the repository root.
# It was used once to write journal/; edit the journal files by hand from now on.
import datetime as dt
import pathlib
import random

random.seed(7)
J = pathlib.Path("journal")


def w(rel, text):
    (J / rel).parent.mkdir(parents=True, exist_ok=True)
    (J / rel).write_text(text)


w(
    "index.md",
    """# Maya Okafor

Front-end developer in Lisbon (React, TypeScript, accessibility), looking for a remote
front-end role through people who know my work.

This site is my networking journal, kept with Trellis:

- [Progress](progress.md): my goals and how far I got
- [Network](network.md): who I know, against the network I want
- [Journal](journal/index.md): what I did, day by day (the entries I chose to publish)
""",
)
w(
    "plan.md",
    """---
vision: Land a remote front-end role through people who know my work
want:
  roles: [recruiter, engineering manager, developer, product manager]
  sectors: [fintech, edtech]
  locations: [remote, Berlin]
  skills: [react, typescript]
dream_companies: [Northwind Pay, Brightpath Learning, Quillstack]
review: monthly
---
I want my next role to come from people who have seen my work: a talk, a pull request,
a conversation. Every month I compare the network I have with the one above.
""",
)
people = [
    (
        "ines-carvalho",
        "Ines Carvalho",
        "Northwind Pay",
        "Engineering Manager",
        "fintech",
        "Lisbon",
        ["react", "hiring"],
        ["web"],
        "2026-09-22",
        True,
    ),
    (
        "tomas-reyes",
        "Tomas Reyes",
        "Northwind Pay",
        "Developer",
        "fintech",
        "remote",
        ["typescript", "react"],
        ["web"],
        "2026-09-23",
        True,
    ),
    (
        "hana-sato",
        "Hana Sato",
        "Brightpath Learning",
        "Product Manager",
        "edtech",
        "Berlin",
        ["accessibility"],
        ["web"],
        "2026-09-24",
        False,
    ),
    (
        "lukas-weber",
        "Lukas Weber",
        "Brightpath Learning",
        "Engineering Manager",
        "edtech",
        "Berlin",
        ["react", "hiring"],
        ["web"],
        "2026-09-29",
        False,
    ),
    (
        "amara-diallo",
        "Amara Diallo",
        "Ledgerline",
        "Recruiter",
        "fintech",
        "remote",
        ["hiring"],
        ["web"],
        "2026-09-30",
        True,
    ),
    (
        "priya-nair",
        "Priya Nair",
        "Ledgerline",
        "Developer",
        "fintech",
        "London",
        ["typescript"],
        ["web"],
        "2026-10-01",
        False,
    ),
    (
        "sofia-lindqvist",
        "Sofia Lindqvist",
        "Classwise",
        "Tech Lead",
        "edtech",
        "remote",
        ["react", "graphql"],
        ["web"],
        "2026-10-06",
        False,
    ),
    (
        "kwame-mensah",
        "Kwame Mensah",
        "Classwise",
        "Developer Advocate",
        "edtech",
        "Amsterdam",
        ["typescript", "talks"],
        ["web"],
        "2026-10-07",
        True,
    ),
    (
        "elena-popescu",
        "Elena Popescu",
        "Shopfront",
        "Designer",
        "e-commerce",
        "remote",
        ["accessibility", "figma"],
        ["web"],
        "2026-10-08",
        False,
    ),
    (
        "daniel-costa",
        "Daniel Costa",
        "Shopfront",
        "Developer",
        "e-commerce",
        "Lisbon",
        ["react"],
        ["web"],
        "2026-10-13",
        False,
    ),
    ("mei-chen", "Mei Chen", "Pulsecare", "Recruiter", "health", "remote", ["hiring"], ["web"], "2026-10-14", False),
    (
        "oliver-grant",
        "Oliver Grant",
        "Pulsecare",
        "Engineering Manager",
        "health",
        "London",
        ["react", "hiring"],
        ["web"],
        "2026-10-20",
        False,
    ),
    (
        "nadia-haddad",
        "Nadia Haddad",
        "Northwind Pay",
        "Recruiter",
        "fintech",
        "Berlin",
        ["hiring"],
        ["web"],
        "2026-10-21",
        False,
    ),
    (
        "jonas-berg",
        "Jonas Berg",
        "Brightpath Learning",
        "Developer",
        "edtech",
        "remote",
        ["typescript", "react"],
        ["web"],
        "2026-10-27",
        False,
    ),
    (
        "chloe-martin",
        "Chloe Martin",
        "Tidewater Studio",
        "Founder",
        "agency",
        "Lisbon",
        ["react"],
        ["web"],
        "2026-11-03",
        True,
    ),
    (
        "ravi-kumar",
        "Ravi Kumar",
        "Ledgerline",
        "Product Manager",
        "fintech",
        "remote",
        ["analytics"],
        ["web"],
        "2026-11-04",
        False,
    ),
    (
        "laura-fischer",
        "Laura Fischer",
        "Classwise",
        "Recruiter",
        "edtech",
        "Berlin",
        ["hiring"],
        ["web"],
        "2026-11-10",
        False,
    ),
    (
        "samuel-oduya",
        "Samuel Oduya",
        "Shopfront",
        "Tech Lead",
        "e-commerce",
        "remote",
        ["typescript"],
        ["web"],
        "2026-11-11",
        False,
    ),
    (
        "bruno-alves",
        "Bruno Alves",
        "Tidewater Studio",
        "Developer",
        "agency",
        "Lisbon",
        ["react", "css"],
        ["reconnect"],
        "2021-03-02",
        False,
    ),
    (
        "marta-silva",
        "Marta Silva",
        "Pulsecare",
        "Designer",
        "health",
        "Lisbon",
        ["figma"],
        ["reconnect"],
        "2020-06-15",
        False,
    ),
    (
        "yusuf-kaya",
        "Yusuf Kaya",
        "Ledgerline",
        "Developer",
        "fintech",
        "Berlin",
        ["typescript"],
        ["reconnect"],
        "2022-01-20",
        False,
    ),
    (
        "ana-ribeiro",
        "Ana Ribeiro",
        "Classwise",
        "Product Manager",
        "edtech",
        "remote",
        ["research"],
        ["reconnect"],
        "2019-09-09",
        False,
    ),
    (
        "peter-novak",
        "Peter Novak",
        "Northwind Pay",
        "Developer",
        "fintech",
        "remote",
        ["react"],
        ["reconnect"],
        "2023-05-04",
        False,
    ),
    (
        "grace-obi",
        "Grace Obi",
        "Shopfront",
        "Engineering Manager",
        "e-commerce",
        "London",
        ["hiring"],
        ["reconnect", "mentor"],
        "2024-02-12",
        False,
    ),
    (
        "leo-moreau",
        "Leo Moreau",
        "Tidewater Studio",
        "Developer Advocate",
        "agency",
        "remote",
        ["talks"],
        [],
        "2026-10-15",
        False,
    ),
]
ids = [p[0] for p in people]
for n, (pid, name, co, role, sec, loc, skills, tags, met, pub) in enumerate(people):
    knows = [ids[(n + 1) % len(ids)], ids[(n + 5) % len(ids)]]
    extra = f"introduced_by: {ids[0]}\n" if pid in ("lukas-weber", "nadia-haddad") else ""
    kit = ["30d", "60d", "90d", None][n % 4]
    w(
        f"contacts/{pid}.md",
        f"""---
name: {name}
company: {co}
role: {role}
sector: {sec}
location: {loc}
skills: [{", ".join(skills)}]
tags: [{", ".join(tags)}]
met: {met}
how_met: {"former colleague" if "reconnect" in tags else random.choice(["Lisbon JS meetup", "LinkedIn comment thread", "webdev Slack", "a friend's intro", "conference hallway"])}
{extra}knows: [{", ".join(knows)}]
links: {{linkedin: "https://www.linkedin.com/in/{pid}-example"}}
email: {pid.replace("-", ".")}@example.com
{'phone: "+351 900 000 0%02d"' % n + chr(10) if n % 3 == 0 else ""}{"keep_in_touch: " + kit + chr(10) if kit else ""}public: {str(pub).lower()}
---
{random.choice(["Generous with time; prefers short messages.", "Hiring for a front-end role next quarter.", "Knows everyone in the Lisbon JS scene.", "Worked together years ago; good sense of humour."])}
Ask about {random.choice(["the design system rewrite", "their team's on-call", "the accessibility audit", "remote onboarding"])} next time.
""",
    )
goals = {
    "remote-role": """---
title: Land a remote front-end role through people who know my work
kind: vision
horizon: 2027-06-30
---
Everything else on this site serves this.
""",
}


def smart(gid, title, why, measure, target, unit, per, start, due, actions, body):
    goals[gid] = f"""---
title: {title}
supports: remote-role
why: {why}
measure: {measure}
target: {target}
unit: {unit}
{"per: " + per + chr(10) if per else ""}start: {start}
due: {due}
actions:
{"".join("  - " + a + chr(10) for a in actions)}status: active
---
{body}
"""


smart(
    "daily-nurture",
    "Nurture one relationship every day with one real conversation",
    "Relationships fade without small, regular care.",
    "{count: interactions}",
    1,
    "conversations",
    "day",
    "2026-10-01",
    "2027-03-31",
    ["Reply to one person's post with a thoughtful comment", "Send one check-in message before lunch"],
    "Small and daily beats big and rare.",
)
smart(
    "daily-journal",
    "Write one journal entry every day",
    "Writing it down is how I notice patterns.",
    "{count: entries}",
    1,
    "entries",
    "day",
    "2026-10-01",
    "2027-03-31",
    ["Write the entry before closing the laptop", "Keep it to five sentences"],
    "",
)
smart(
    "weekly-new-connections",
    "Make five new connections in web development every week",
    "Engineers at my dream companies can refer me.",
    "{count: new-contacts, where: {tags: [web]}}",
    5,
    "connections",
    "week",
    "2026-10-01",
    "2027-03-31",
    ["Comment on two posts a day in the webdev Slack", "Go to the monthly Lisbon JS meetup"],
    "",
)
smart(
    "weekly-dormant-ties",
    "Revive two dormant ties every week",
    "Old colleagues already trust my work.",
    "{count: interactions, where: {tags: [reconnect]}}",
    2,
    "conversations",
    "week",
    "2026-10-01",
    "2027-03-31",
    ["Send a personal note to one former colleague on Monday", "Share something useful with another on Thursday"],
    "",
)
smart(
    "monthly-review",
    "Review my network once a month against the plan",
    "The plan only helps if I look at it.",
    "{count: manual, mode: add}",
    1,
    "reviews",
    "month",
    "2026-10-01",
    "2027-03-31",
    ["Compare the network page with plan.md", "Pick three people to reach out to"],
    "",
)
smart(
    "quarterly-event",
    "Go to one tech event every quarter",
    "Events are where weak ties become real ones.",
    "{count: events}",
    1,
    "events",
    "quarter",
    "2026-10-01",
    "2027-06-30",
    ["Buy a ticket as soon as the date is announced", "Prepare two questions for speakers"],
    "",
)
smart(
    "mentor-to-ally",
    "Move one engineering manager from contact to ally by the end of the year",
    "An ally at a dream company can vouch for me.",
    "{count: stage, contact: lukas-weber}",
    "ally",
    "stage",
    None,
    "2026-10-01",
    "2026-12-31",
    ["Share one useful article a fortnight", "Ask for feedback on my portfolio"],
    "",
)
smart(
    "follower-count",
    "Reach 1,500 followers on my dev blog",
    "People who read my writing already know my work.",
    "{count: manual, mode: level}",
    1500,
    "followers",
    None,
    "2026-10-01",
    "2027-03-31",
    ["Publish one post every two weeks", "Cross-post to the webdev Slack"],
    "",
)
smart(
    "portfolio-talk",
    "Give one lightning talk at a local meetup by February",
    "A talk shows my work to a room full of people at once.",
    "{count: manual}",
    1,
    "talks",
    None,
    "2026-11-15",
    "2027-02-28",
    ["Draft the talk outline", "Ask the meetup organiser for a slot"],
    "",
)
for gid, t in goals.items():
    w(f"goals/{gid}.md", t)
# entries
start = dt.date(2026, 9, 21)
today = dt.date(2026, 11, 22)
web = [p for p in people if "web" in p[7]]
old = [p for p in people if "reconnect" in p[7]]
followers = 1180
d = start
pub_ids = {p[0] for p in people if p[9]}
while d <= today:
    if d.weekday() == 6 and d.day % 2 == 0:
        d += dt.timedelta(days=1)
        continue
    inter = []
    met_by = [p for p in people if dt.date.fromisoformat(p[8]) <= d]
    newly = [p for p in web if p[8] == d.isoformat()]
    for p in newly:
        inter.append(
            (
                p[0],
                random.choice(["meetup", "linkedin", "slack"]),
                "mutual",
                f"First chat about {random.choice(['their team', 'side projects', 'remote work', 'React Server Components'])}",
            )
        )
    if d.weekday() < 5 and not inter:
        p = random.choice(met_by)
        inter.append(
            (
                p[0],
                random.choice(["email", "linkedin", "slack", "video"]),
                random.choice(["outbound", "mutual", "outbound"]),
                "Caught up on " + random.choice(["hiring plans", "a blog post", "the meetup", "their new project"]),
            )
        )
    if d.weekday() in (0, 3):
        p = random.choice(old)
        inter.append(
            (
                p[0],
                random.choice(["email", "call", "coffee"]),
                random.choice(["outbound", "mutual"]),
                "Reconnected and "
                + random.choice(["shared an article", "asked how the new job is going", "remembered an old project"]),
            )
        )
    # allies: ines and tomas reach out every ~3 weeks
    if d.isoformat() in ("2026-09-28", "2026-10-19", "2026-11-09", "2026-11-20"):
        inter.append(("ines-carvalho", "email", "inbound", "Sent me a job post on her team"))
    if d.isoformat() in ("2026-10-05", "2026-10-26", "2026-11-16"):
        inter.append(("tomas-reyes", "slack", "inbound", "Asked for my take on a TypeScript question"))
    if d.isoformat() in ("2026-10-16", "2026-11-12"):
        inter.append(("lukas-weber", "video", "mutual" if d.month == 10 else "inbound", "Portfolio feedback session"))
    inter = [i for i in inter if dt.date.fromisoformat(next(p for p in people if p[0] == i[0])[8]) <= d]
    events = []
    if d.isoformat() == "2026-10-22":
        events = ["Lisbon JS meetup October"]
    if d.isoformat() == "2026-11-19":
        events = ["Lisbon JS meetup November"]
    progress = {}
    if d.weekday() == 4:
        followers += random.randint(8, 22)
        progress["follower-count"] = followers
    if d.isoformat() in ("2026-09-30", "2026-10-31", "2026-11-21"):
        progress["monthly-review"] = 1
    public = d.weekday() == 4 and all(i[0] in pub_ids for i in inter)
    lines = [f"date: {d.isoformat()}"]
    if inter:
        lines.append("interactions:")
        for k, (cid, ch, dr, summ) in enumerate(inter):
            lines += [f"  - with: {cid}", f"    channel: {ch}", f"    direction: {dr}", f"    summary: {summ}"]
            if k == 0 and d.day in (20, 21, 22) and d.month == 11:
                lines.append(f"    follow_up: {(d + dt.timedelta(days=9)).isoformat()}")
    if events:
        lines.append(f"events: [{', '.join(events)}]")
    if progress:
        lines.append("progress: {" + ", ".join(f"{k}: {v}" for k, v in progress.items()) + "}")
    if public:
        lines.append("public: true")
    text = random.choice(
        [
            "A short, good day: one real conversation beats ten likes.",
            "Kept it light today. Next: follow up on the open questions.",
            "Felt awkward writing first, but the reply was warm. Remember that.",
            "Spent the evening on the talk outline; the meetup slot is not booked yet.",
            "Good momentum this week. Tomorrow: one old colleague, one new face.",
        ]
    )
    text += (
        " "
        + random.choice(
            [
                "Energy: good.",
                "Energy: low, but I showed up.",
                "Slept badly; kept it short.",
                "Walked to the river after.",
            ]
        )
        + " ("
        + d.strftime("%A %d %B")
        + ")"
    )
    w(f"entries/2026/{d.isoformat()}.md", "---\n" + "\n".join(lines) + "\n---\n" + text + "\n")
    d += dt.timedelta(days=1)
