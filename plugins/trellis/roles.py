"""Roles by meaning: a contact's job title read as one of a few roles.

"Staff Engineer", "Backend Engineer" and "SRE" are developers; "Head of Engineering" and
"Director of Software Engineering" are engineering managers; "Talent Acquisition Partner" is a
recruiter. One classification feeds every page that speaks of roles: the network page's
composition and "Against the plan", the monthly review, goal filters on `role`, and the label an
unnamed person is shown by ("a developer in fintech"), so no two of them can disagree.

How a title is read (docs/reference/roles.md prints the table below):

* The title is folded (case, accents kept, runs of spaces) and cut into words; punctuation
  separates words ("Co-Founder & CTO" is co, founder, cto). A few abbreviations are spelled
  out first: sr, jr, mgr, engr, eng, dev, vice president / svp / evp / avp (vp).
* The plan's own mappings (`roles_map:` in plan.md) are tried first, the longest first:
  `platform engineer: developer` makes every title holding the words "platform engineer" a
  developer. A mapping may name a role of its own (`climate scientist: scientist`), or
  `other` to keep a title out of every role on purpose.
* Then the table, in order: the first rule that matches wins. A rule is groups of words;
  the title must hold one phrase of each group, as whole words in a row. Seniority words
  (senior, staff, principal, lead, junior) change nothing, except where they make the role:
  a head, director or VP of engineering leads engineers (engineering manager), a chief
  officer is an executive.
* A title that names a role outright ("developer", "engineering manager") is that role.
* Anything else is `other`.

A plan's wanted role (`want: roles: [developer]`) that names a role, by its name or one of its
other names (`engineer`, `product manager`, `hr`), counts the people of that role; any other
wanted value ("staff engineer", "senior") is matched as whole words of the title, as goal
filters always did.

This module imports nothing of Trellis but `model.fold`: it is vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .model import Plan, fold

OTHER = "other"


@dataclass(frozen=True)
class Role:
    name: str  # as pages print it: "a developer in fintech"
    names: tuple[str, ...]  # other ways a plan may write it (plurals are read too)
    rules: tuple[tuple[tuple[str, ...], ...], ...]  # each rule: groups; one phrase of each must be in the title
    about: str  # for the reference table


def _rule(*groups: str) -> tuple[tuple[str, ...], ...]:
    """A rule from groups written as "a|b c|d": one of the phrases of each group."""
    return tuple(tuple(p.strip() for p in group.split("|")) for group in groups)


_LEADS = "manager|management|head|director|vp|managers"
ROLES: tuple[Role, ...] = (
    Role(
        "founder",
        ("co founder", "cofounder"),
        (_rule("founder|cofounder|founders"),),
        "founded the company: Founder, Co-founder & CTO (before executive: a founding CEO is a founder)",
    ),
    Role(
        "recruiter",
        ("recruiting", "talent acquisition", "talent"),
        (
            _rule("recruiter|recruiting|recruitment|talent acquisition|talent partner|sourcer|headhunter|talent scout"),
            _rule("talent", _LEADS + "|lead|partner|specialist"),
        ),
        "Recruiter, Technical Recruiter, Talent Acquisition Partner, Sourcer, Head of Talent",
    ),
    Role(
        "executive",
        ("executives", "exec", "execs", "c level", "leadership"),
        (_rule("ceo|cto|cfo|coo|cio|cpo|cmo|cro|ciso|chief|president|managing director|general manager"),),
        "chief officers (CEO, CTO, Chief Product Officer), President, Managing Director, General Manager",
    ),
    Role(
        "investor",
        ("investors", "vc", "venture capital"),
        (_rule("investor|investors|venture capital|vc|angel|general partner|venture partner"),),
        "Investor, Angel, Venture Partner, General Partner",
    ),
    Role(
        "designer",
        ("design", "ux", "product designer"),
        (_rule("designer|design|ux|user experience|user research|user researcher"),),
        "Designer, Product Designer, UX Researcher, Head of Design (before product: a product designer designs)",
    ),
    Role(
        "data specialist",
        ("data", "data scientist", "data people", "analytics"),
        (_rule("data|analytics|analyst|machine learning|ml|ai|statistician|data scientist|business intelligence|bi"),),
        "Data Scientist, Data Analyst, Data Engineer, ML Engineer, Head of Data, Analyst",
    ),
    Role(
        "marketer",
        ("marketing", "marketers"),
        (_rule("marketing|marketer|brand|communications|community manager|content strategist"),),
        "Marketing Manager, Product Marketing Manager, Community Manager, Brand, Communications",
    ),
    Role(
        "salesperson",
        ("sales", "salespeople", "account executive", "business development"),
        (
            _rule(
                "sales|account executive|account manager|business development|bdr|sdr|customer success"
                "|partnerships|presales"
            ),
        ),
        "Account Executive, Sales Engineer, Business Development Manager, Customer Success (before developer)",
    ),
    Role(
        "product manager",
        ("product", "product owner", "product owners", "pm", "pms", "program manager", "project manager"),
        (
            _rule("product", _LEADS + "|owner|lead|strategy|owners"),
            _rule("pm|tpm|program manager|programme manager|project manager|delivery manager|scrum master"),
        ),
        "Product Manager, Product Owner, Head of Product, VP Product, Technical Program Manager, Project Manager",
    ),
    Role(
        "people partner",
        ("hr", "human resources", "people operations", "hr specialist", "hr business partner"),
        (
            _rule("hr|human resources|hrbp|people operations|people ops|people and culture"),
            _rule("people", "partner|" + _LEADS),
        ),
        "HR Business Partner, People Operations, Head of People (recruiters are recruiters)",
    ),
    Role(
        "engineering manager",
        ("engineering managers", "em", "ems", "hiring manager", "engineering leadership"),
        (
            _rule("engineering|software|development|technology|platform|infrastructure", _LEADS + "|mgr"),
            _rule("engineering lead|development lead|team lead|em|ems"),
        ),
        "Engineering Manager, Engineering Lead, Team Lead, Head / Director / VP of Engineering, "
        "Software Development Manager, EM (a chief technology officer is an executive)",
    ),
    Role(
        "developer",
        ("developers", "engineer", "engineers", "software engineer", "software engineers", "software developer"),
        (
            _rule(
                "developer|developers|engineer|engineers|engineering|programmer|sre|site reliability|devops"
                "|architect|swe|sde|coder|full stack|fullstack|backend|back end|frontend|front end"
                "|tech lead|technical lead|webmaster|member of technical staff|mts|qa|tester|quality assurance"
            ),
        ),
        "any engineer or developer, whatever the seniority: Staff Engineer, Backend Engineer, SRE, "
        "DevOps, Architect, Tech Lead, Developer Advocate, Distinguished Engineer",
    ),
    Role(
        "finance specialist",
        ("finance", "accountant", "accountants"),
        (_rule("accountant|accounting|finance|financial|controller|bookkeeper|auditor|treasurer"),),
        "Accountant, Financial Controller, Finance Manager, Auditor",
    ),
    Role(
        "researcher",
        ("research", "researchers", "academic", "academics", "professor", "professors"),
        (_rule("researcher|research|professor|lecturer|postdoc|postdoctoral|phd|scientist|academic|faculty|dean"),),
        "Professor, Lecturer, Research Scientist, Postdoc, PhD candidate",
    ),
    Role(
        "student",
        ("students", "intern", "interns"),
        (_rule("student|intern|internship|apprentice|trainee|graduate|undergraduate|bootcamp"),),
        "Student, Intern, Apprentice (a software engineering intern is a developer)",
    ),
    Role(
        "consultant",
        ("consultants", "freelancer", "freelancers", "advisor"),
        (_rule("consultant|consulting|freelance|freelancer|contractor|advisor|adviser"),),
        "Consultant, Freelancer, Advisor (a freelance developer is a developer)",
    ),
)
BUILT_IN = {r.name: r for r in ROLES}

# spelled out before any rule is read
_ABBREVIATIONS = {
    "sr": "senior",
    "jr": "junior",
    "mgr": "manager",
    "engr": "engineer",
    "eng": "engineering",
    "dev": "developer",
    "devs": "developers",
    "svp": "vp",
    "evp": "vp",
    "avp": "vp",
}
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> tuple[str, ...]:
    """A title as the rules read it: folded words, abbreviations spelled out."""
    found = [_ABBREVIATIONS.get(w, w) for w in _WORD.findall(fold(text))]
    out: list[str] = []
    for w in found:
        if w == "president" and out and out[-1] == "vice":
            out[-1] = "vp"
        else:
            out.append(w)
    return tuple(out)


def _holds(title: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return n > 0 and any(title[i : i + n] == phrase for i in range(len(title) - n + 1))


@dataclass(frozen=True)
class Taxonomy:
    """The table plus a plan's own mappings (title words -> role), in the order they are tried."""

    extra: tuple[tuple[tuple[str, ...], str], ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every role a title may be read as: the table's, then the plan's own, then other."""
        own = [r for _, r in self.extra if r not in BUILT_IN and r != OTHER]
        return tuple(dict.fromkeys([r.name for r in ROLES] + own + [OTHER]))

    def classify(self, title: str) -> str:
        """The role of a job title: a role's name, or `other` (also for an empty title)."""
        return _classify(self, title)

    def role_named(self, wanted: str) -> str | None:
        """The role a plan's wanted value names ("developer", "engineers", "product manager",
        a role of the plan's own), or None for any other value ("staff engineer")."""
        return _named(self, " ".join(words(wanted)))


@lru_cache(maxsize=65536)
def _classify(taxonomy: Taxonomy, title: str) -> str:
    said = words(title)
    if not said:
        return OTHER
    named = _named(taxonomy, " ".join(said))
    if named is not None:
        return named
    for phrase, own in taxonomy.extra:
        if _holds(said, phrase):
            return own
    for role in ROLES:
        for rule in role.rules:
            if all(any(_holds(said, tuple(p.split())) for p in group) for group in rule):
                return role.name
    return OTHER


@lru_cache(maxsize=4096)
def _named(taxonomy: Taxonomy, said: str) -> str | None:
    if not said:
        return None
    for _, own in taxonomy.extra:  # a role of the plan's own, by its name
        if said in (own, own + "s") and own != OTHER:
            return own
    for role in ROLES:
        for name in (role.name, *role.names):
            spelled = " ".join(words(name))
            if said in (spelled, spelled + "s"):
                return role.name
    return None


def taxonomy(roles_map: dict[str, str] | None = None) -> Taxonomy:
    """The table with a plan's `roles_map` (title words -> role name; `other` on purpose)."""
    extra = []
    for title, role in (roles_map or {}).items():
        phrase, name = words(title), " ".join(words(role))
        if phrase and name:
            extra.append((phrase, name))
    # the longest first ("senior platform engineer" before "platform engineer"), then as written
    ordered = sorted(enumerate(extra), key=lambda ne: (-len(ne[1][0]), ne[0]))
    return _cached(tuple(e for _, e in ordered))


def for_plan(plan: Plan | None) -> Taxonomy:
    """The taxonomy a journal reads titles with: the table and its plan's `roles_map`."""
    return taxonomy(plan.roles_map if plan is not None else None)


@lru_cache(maxsize=64)
def _cached(extra: tuple[tuple[tuple[str, ...], str], ...]) -> Taxonomy:
    return Taxonomy(extra)


def reference_table() -> str:
    """The table as docs/reference/roles.md prints it (a test keeps the two the same)."""
    rows = [
        "| role | a plan may also write | for example | the title holds (first match wins; + joins groups, ; rules) |",
        "| --- | --- | --- | --- |",
    ]
    for role in ROLES:
        said = "; ".join(" + ".join(" / ".join(group) for group in rule) for rule in role.rules)
        rows.append(f"| `{role.name}` | {', '.join(role.names)} | {role.about} | {said} |")
    return "\n".join(rows) + "\n"


def role_matches(taxonomy: Taxonomy, title: str, wanted: str) -> bool | None:
    """Whether a title is of the wanted role, when `wanted` names one; None when it names none
    (the caller then matches the value's words, as for any other quality)."""
    role = taxonomy.role_named(wanted)
    if role is None:
        return None
    return taxonomy.classify(title) == role
