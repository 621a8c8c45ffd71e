"""Record builders: a file's values and body into a typed record (`model.py`).

Each kind has a schema of fields (`fields.Field`); what a schema cannot read becomes a
finding and the field keeps its default. Also here: which paths hold which kind of
record, and a record's id.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..catalog import finding
from ..model import (
    DATE_IN_NAME,
    DEFAULT_KEEP_IN_TOUCH_DAYS,
    MARKDOWN_SUFFIXES,
    RECORD_FOLDERS,
    Contact,
    Entry,
    Finding,
    Goal,
    Interaction,
    Measure,
    Plan,
    Source,
)
from .applications import build_application
from .fields import (
    BAD,
    Field,
    OutOfBounds,
    as_addresses,
    as_any,
    as_birthday,
    as_bool,
    as_date,
    as_days,
    as_filter,
    as_links,
    as_number,
    as_private_texts,
    as_target,
    as_text,
    as_texts,
    out_of_bounds,
    read_fields,
    renderable,
    short,
    type_name,
)
from .plain_values import cut_values
from .safe_yaml import Unreadable, split_file
from .work_history import read_past_companies

_GOAL = {
    "title": Field(as_text),
    "kind": Field(as_text),
    "supports": Field(as_text),
    "why": Field(as_text),
    "measure": Field(as_any, "SMART-M2"),
    "target": Field(as_target),
    "unit": Field(as_text),
    "per": Field(as_text),
    "start": Field(as_date, "SMART-T2"),
    "due": Field(as_date, "SMART-T2"),
    "horizon": Field(as_date),
    "actions": Field(as_texts, "SMART-A1"),
    "status": Field(as_text),
}
_MEASURE = {
    "count": Field(as_text, "SMART-M2"),
    "where": Field(as_filter, "SMART-M2"),
    "mode": Field(as_text, "SMART-M2"),
    "contact": Field(as_text, "SMART-M2"),
}
_CONTACT = {
    "name": Field(as_text),
    "company": Field(as_text),
    "role": Field(as_text),
    "sector": Field(as_text),
    "location": Field(as_text),
    "skills": Field(as_texts),
    "tags": Field(as_texts),
    "met": Field(as_date, "CONTACT-2"),
    "how_met": Field(as_text),
    "connected": Field(as_date, "CONTACT-2"),
    "introduced_by": Field(as_text),
    "knows": Field(as_texts),
    "links": Field(as_links),
    "email": Field(as_addresses),
    "phone": Field(as_addresses),
    "birthday": Field(as_birthday, "CONTACT-2"),
    "keep_in_touch": Field(as_days, "CONTACT-5"),
    "stage": Field(as_text),
    "public": Field(as_bool),
    "want": Field(as_private_texts),
    "give": Field(as_private_texts),
    "past_companies": Field(as_any, "CONTACT-10"),  # read by work_history
}
_ENTRY = {
    "date": Field(as_date, "ENTRY-2"),
    "interactions": Field(as_any),
    "events": Field(as_texts),
    "progress": Field(as_any, "ENTRY-8"),
    "public": Field(as_bool),
}
_INTERACTION = {
    "with": Field(as_texts),
    "channel": Field(as_text),
    "direction": Field(as_text),
    "summary": Field(as_text),
    "follow_up": Field(as_date, "ENTRY-2"),
}
_PLAN = {
    "vision": Field(as_text),
    "want": Field(as_any),
    "dream_companies": Field(as_texts),
    "review": Field(as_text),
    "roles_map": Field(as_any, "PLAN-3"),
    "public_dream_companies": Field(as_bool),
    "public_pace": Field(as_bool),
}
ROLES_MAP_FIX = "write job title words and a role, e.g. roles_map: {platform engineer: developer, fellow: other}"


def _goal(rid: str, values: dict, body: str, source: Source, found: list[Finding]) -> Goal:
    v, invalid = read_fields(values, _GOAL, source, found)
    measure = None
    if isinstance(v.get("measure"), dict):
        m, bad = read_fields(v["measure"], _MEASURE, source, found, ("measure",))
        invalid |= {f"measure.{k}" for k in bad}
        measure = Measure(
            count=m.get("count"), where=m.get("where", {}), mode=m.get("mode", "add"), contact=m.get("contact")
        )
    elif "measure" in v:
        invalid.add("measure")
        found.append(
            finding(
                "SMART-M2",
                source,
                source.line("measure"),
                f"measure should be a mapping, not {type_name(v['measure'])}",
                "write e.g. measure: {count: new-contacts}",
            )
        )
    return Goal(
        id=rid,
        source=source,
        title=v.get("title", ""),
        kind=v.get("kind", "smart"),
        supports=v.get("supports"),
        why=v.get("why", ""),
        measure=measure,
        target=v.get("target"),
        unit=v.get("unit", ""),
        per=v.get("per"),
        start=v.get("start"),
        due=v.get("due"),
        horizon=v.get("horizon"),
        actions=v.get("actions", []),
        status=v.get("status", "active"),
        body=renderable(body, source, found),
        invalid=invalid,
    )


# what `trellis import linkedin` wrote as `how_met:` beside LinkedIn's "Connected On" date
IMPORTED_HOW_MET = "linkedin"


def met_and_connected(values: dict) -> tuple[Any, Any]:
    """(`met:`, `connected:`) as they count: `met:` is the day you met, written by you;
    `connected:` the day an importer says you connected (known, not met: no dormancy, no
    reach-out, no CONTACT-8 until you talk). Importers before `connected:` existed wrote
    LinkedIn's date as `met:` beside `how_met: LinkedIn`: a `met:` with exactly that `how_met:`
    and no `connected:`, or equal to `connected:` (a later import added it), is read as
    `connected:`. Any other `met:` is yours: another `how_met:` is yours, and so is a `met:` on
    the day you connected (met at an event, connected that evening; an import then fills
    `connected:` with the same day)."""
    met, connected = values.get("met"), values.get("connected")
    how = " ".join(str(values.get("how_met", "")).split()).casefold()
    if met is not None and how == IMPORTED_HOW_MET and connected in (None, met):
        return None, met
    return met, connected


def _contact(rid: str, values: dict, body: str, source: Source, found: list[Finding]) -> Contact:
    v, invalid = read_fields(values, _CONTACT, source, found)
    met, connected = met_and_connected(v)
    past, whole = read_past_companies(v.get("past_companies"), source, found)
    return Contact(
        id=rid,
        source=source,
        name=v.get("name", ""),
        company=v.get("company", ""),
        role=v.get("role", ""),
        sector=v.get("sector", ""),
        location=v.get("location", ""),
        skills=v.get("skills", []),
        tags=v.get("tags", []),
        met=met,
        how_met=v.get("how_met", ""),
        connected=connected,
        introduced_by=v.get("introduced_by"),
        knows=v.get("knows", []),
        links=v.get("links", {}),
        email=next(iter(v.get("email", [])), ""),
        phone=next(iter(v.get("phone", [])), ""),
        emails=v.get("email", []),
        phones=v.get("phone", []),
        birthday=v.get("birthday"),
        keep_in_touch_days=v.get("keep_in_touch", DEFAULT_KEEP_IN_TOUCH_DAYS),
        stage=v.get("stage"),
        public=v.get("public", False),
        notes=body.strip(),
        want=v.get("want", []),
        give=v.get("give", []),
        invalid=invalid | (set() if whole else {"past_companies"}),
        past_companies=past,
    )


def _entry(rid: str, values: dict, body: str, source: Source, found: list[Finding]) -> Entry:
    v, invalid = read_fields(values, _ENTRY, source, found)
    date = v.get("date")
    if date is None and "date" not in invalid:
        named = DATE_IN_NAME.search(source.rel.rsplit("/", 1)[-1])
        if named:
            date = as_date(named.group(1))
            if isinstance(date, OutOfBounds):
                invalid.add("date")
                found.append(
                    finding(
                        date.rule,
                        source,
                        1,
                        f"the file name's date {named.group(1)} {date.why}",
                        "rename the file, or write date: YYYY-MM-DD in the frontmatter",
                    )
                )
                date = None
            elif date is BAD:
                date = None
                invalid.add("date")
                found.append(
                    finding(
                        "ENTRY-2",
                        source,
                        1,
                        f"the file name's date {named.group(1)} is not a real date",
                        "rename the file, or write date: YYYY-MM-DD in the frontmatter",
                    )
                )
    entry = Entry(
        id=rid,
        source=source,
        date=date,
        events=v.get("events", []),
        public=v.get("public", False),
        text=renderable(body, source, found),
        invalid=invalid,
    )
    raw = v.get("interactions", [])
    if isinstance(raw, dict):
        raw = [raw]  # a single interaction written without the leading "-"
    if not isinstance(raw, list):
        invalid.add("interactions")
        found.append(
            finding(
                "FILE-8",
                source,
                source.line("interactions"),
                f"interactions should be a list, not {type_name(raw)}",
                "write each interaction as a list item starting with '- with:'",
            )
        )
        raw = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            found.append(
                finding(
                    "FILE-8",
                    source,
                    source.line("interactions", index),
                    f"interaction {index + 1} should be a mapping, not {type_name(item)}",
                    "write e.g. '- with: ada-lovelace' with channel and direction below it",
                )
            )
            continue
        f, _ = read_fields(item, _INTERACTION, source, found, ("interactions", index))
        entry.interactions.append(
            Interaction(
                with_ids=f.get("with", []),
                channel=f.get("channel"),
                direction=f.get("direction"),
                summary=f.get("summary", ""),
                follow_up=f.get("follow_up"),
                date=date,
                entry_id=rid,
                index=index,
            )
        )
    progress = v.get("progress", {})
    if isinstance(progress, dict):
        for name, amount in progress.items():
            number = as_number(amount)
            if isinstance(number, OutOfBounds):
                found.append(out_of_bounds(number, source, ("progress", name), amount))
            elif number is BAD:
                found.append(
                    finding(
                        "ENTRY-8",
                        source,
                        source.line("progress", name),
                        f"progress {short(name)} ({short(amount)}) is not a number",
                        "write a plain number, e.g. 1320",
                    )
                )
            else:
                entry.progress[str(name)] = float(amount)
    else:
        found.append(
            finding(
                "ENTRY-8",
                source,
                source.line("progress"),
                f"progress should be a mapping, not {type_name(progress)}",
                "write e.g. progress: {follower-count: 1320}",
            )
        )
    return entry


def _plan(values: dict, body: str, source: Source, found: list[Finding]) -> Plan:
    v, _ = read_fields(values, _PLAN, source, found)
    want: dict[str, list[str]] = {}
    raw = v.get("want", {})
    if isinstance(raw, dict):
        for quality, items in raw.items():
            texts = as_texts(items) if items is not None else []
            if texts is BAD:
                found.append(
                    finding(
                        "FILE-8",
                        source,
                        source.line("want", quality),
                        f"want.{short(quality)} should be a list of words",
                        "write e.g. [fintech, edtech]",
                    )
                )
            else:
                want[str(quality)] = texts
    else:
        found.append(
            finding(
                "FILE-8",
                source,
                source.line("want"),
                f"want should be a mapping, not {type_name(raw)}",
                "write e.g. want: {roles: [recruiter], sectors: [fintech]}",
            )
        )
    return Plan(
        source=source,
        vision=v.get("vision", ""),
        want=want,
        dream_companies=v.get("dream_companies", []),
        review=v.get("review", ""),
        body=renderable(body, source, found),
        roles_map=_roles_map(v.get("roles_map"), source, found),
        public_dream_companies=v.get("public_dream_companies", False),
        public_pace=v.get("public_pace", True),
    )


def _roles_map(raw: Any, source: Source, found: list[Finding]) -> dict[str, str]:
    """`roles_map:` (title words -> a role's name): the pairs that are text on both sides; each
    other shape a finding (PLAN-3) and left out."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        found.append(
            finding(
                "PLAN-3",
                source,
                source.line("roles_map"),
                f"roles_map should be a mapping of job titles to roles, not {type_name(raw)}",
                ROLES_MAP_FIX,
            )
        )
        return {}
    out = {}
    for title, role in raw.items():
        words = as_text(title) if not isinstance(title, bool) else BAD
        name = as_text(role) if not isinstance(role, bool) else BAD
        if words is BAD or name is BAD or not str(words).strip() or not str(name).strip():
            kind = type_name(role)
            what = (
                "nothing"
                if name is not BAD and not str(name).strip()
                else ("an " if kind[0] in "aeiou" else "a ") + kind
            )
            found.append(
                finding(
                    "PLAN-3",
                    source,
                    source.line("roles_map", title),
                    f"roles_map.{short(str(title))} should name one role as text, not {what}"
                    if words is not BAD and str(words).strip()
                    else f"roles_map has a key that is not a job title: {short(repr(title))}",
                    ROLES_MAP_FIX,
                )
            )
            continue
        out[str(words).strip()] = str(name).strip()
    return out


_BUILDERS = dict(zip(RECORD_FOLDERS, (_goal, _contact, _entry, build_application), strict=True))  # that order


def is_record_name(name: str) -> bool:
    return name.lower().endswith(MARKDOWN_SUFFIXES) and not name.startswith(".")


def record_id(rel: str) -> str:
    """A record's id: its file name without the markdown suffix."""
    name = rel.rsplit("/", 1)[-1]
    return name[: name.rfind(".")]


def record_kind(rel: str) -> str | None:
    """Which kind of record a path inside the journal holds: goals, contacts, entries, applications, plan, or None."""
    if not rel.lower().endswith(MARKDOWN_SUFFIXES):
        return None
    if rel == "plan.md":
        return "plan"
    top = rel.split("/", 1)[0]
    return top if top in _BUILDERS and "/" in rel else None


def load_file(path: str | Path, rel: str, shown: str) -> tuple[Any, list[Finding]]:
    """One record (or None when the file can't be read) and the findings about it."""
    return build_record(*parse(path, rel, shown))


# A file's parse: its frontmatter values and body, or the finding that it has none. Plain
# values, so a parse made in another process costs little to send back (see `parallel.load_files`).
_Parsed = tuple[Source, Any, str, Any]


def parse(path: str | Path, rel: str, shown: str) -> _Parsed:
    source = Source(path=path, shown=shown, rel=rel)
    try:
        values, body = split_file(path, source)
    except Unreadable as err:
        return source, None, "", err.finding
    return source, values, body, None


def build_record(source: Source, values: Any, body: str, failure: Finding | None) -> tuple[Any, list[Finding]]:
    if failure is not None:
        return None, [failure]
    found: list[Finding] = cut_values(source, values)  # values YAML read otherwise than written (FILE-14)
    rel = source.rel
    kind = record_kind(rel)
    if kind == "plan":
        return _plan(values, body, source, found), found
    assert kind is not None  # load_files is given the record files that walk() found
    rid = record_id(rel)
    return _BUILDERS[kind](rid, values, body, source, found), found
