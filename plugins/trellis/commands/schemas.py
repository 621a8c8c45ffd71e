"""JSON Schemas (draft 2020-12) of the plugin's options and of the five kinds of frontmatter.

Generated, never written by hand: each frontmatter schema comes from the loader's own
field definitions (`loading.records`: a `Field(coerce, rule)` per key), through one
fragment per coercer (`_COERCED`), the enumerations the rules judge (`model`, `rules`),
and the fixes `trellis check` prints. A field the loader gains without a fragment here
stops the generation (`SchemaGap`), and tests compare the schemas with the loader.

The schemas are permissive where a rule says more than JSON Schema can: they never reject
what `trellis check` accepts without a finding. Unknown keys are allowed (the loader reports
only the ones that look like a misspelt known key), a date is text of the right shape (the
calendar is checked by `trellis check`), and the SMART rules apply to goals that are not
vision goals, as in `rules/goals.py`.

Only keywords that draft-07 reads the same way are used (no `$ref` beside other keywords,
no `prefixItems`), so validators of either draft (Ajv's default, VS Code's) agree.
The options schema imports `plugin/config.py` (and so MkDocs) when it is asked for, not before.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..catalog import RULES
from ..loading import applications, records, work_history
from ..loading import fields as f
from ..model import (
    APPLICATION_STATUSES,
    CHANNELS,
    COUNTERS,
    DIRECTIONS,
    GOAL_KINDS,
    GOAL_STATUSES,
    HUNT_COUNTERS,
    PERIODS,
    STAGES,
    WANTED_QUALITIES,
)
from ..rules import applications as application_rules
from ..rules import contacts as contact_rules
from ..rules import entries as entry_rules
from ..rules import goals as goal_rules
from ..rules import plan as plan_rules

DRAFT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ("plan", "goal", "contact", "entry", "application")
OPTIONS = "trellis-options"
MKDOCS = "mkdocs"
NAMES = (OPTIONS, MKDOCS) + KINDS  # what `trellis schema NAME` prints, and schema/NAME.json holds
DOCS = "https://github.com/OWNER/trellis#"  # the README's anchors, as the README names this repository


class SchemaGap(Exception):
    """A loader field (or an option) the schema generator has no fragment for."""


# a year Trellis handles (1900 to 2199), then the rest of an ISO date: a date with a time, or
# the forms Python's date.fromisoformat reads (2026-11-22, 20261122, 2026-W47-1) all start so
_DATE = r"(?:19|20|21)[0-9]{2}-?(?:[0-9]{1,2}-?[0-9]{1,2}|W[0-9]{2})"
_SCALAR = ["string", "number", "boolean"]
_BIGGEST = f.LARGEST_NUMBER


def _expected(coerce: Callable, rule: str) -> dict:
    wanted, how = f._EXPECTED[coerce]
    return {"description": f"{wanted}: {how}", "errorMessage": f"{rule}: should be {wanted}: {how}"}


def _texts_items() -> dict:
    return {"type": _SCALAR + ["null"]}


# coercer -> the JSON Schema fragment of what it reads without a finding (a value null is
# the same as an absent key, for every field)
_COERCED: dict[Callable, Callable[[str], dict]] = {
    f.as_text: lambda rule: {"type": _SCALAR + ["null"], **_expected(f.as_text, rule)},
    f.as_date: lambda rule: {
        "type": ["string", "null"],
        "pattern": f"^\\s*{_DATE}",
        "examples": ["2026-11-22"],
        **_expected(f.as_date, rule),
    },
    f.as_texts: lambda rule: {
        "type": _SCALAR + ["array", "null"],
        "items": _texts_items(),
        **_expected(f.as_texts, rule),
    },
    f.as_addresses: lambda rule: {
        "type": _SCALAR + ["array", "null"],
        "items": _texts_items(),
        **_expected(f.as_addresses, rule),
    },
    f.as_private_texts: lambda rule: {"description": "text or a list of texts; never published"},
    f.as_bool: lambda rule: {
        "type": ["boolean", "null"],
        "examples": [True, False],
        "description": "true or false (yes, no, on and off are not read as true or false)",
        "errorMessage": f"{rule}: should be true or false: write true or false",
    },
    f.as_number: lambda rule: {
        "type": ["number", "null"],
        "minimum": -_BIGGEST,
        "maximum": _BIGGEST,
        **_expected(f.as_number, rule),
    },
    f.as_target: lambda rule: {
        "minimum": -_BIGGEST,
        "maximum": _BIGGEST,
        "description": "how much: a number (a stage's name for stage goals)",
    },
    f.as_links: lambda rule: {
        "type": ["object", "null"],
        "additionalProperties": {"type": _SCALAR},
        **_expected(f.as_links, rule),
    },
    f.as_filter: lambda rule: {
        "type": ["object", "null"],
        "additionalProperties": {"type": _SCALAR + ["array"], "items": _texts_items()},
        **_expected(f.as_filter, rule),
    },
    # a positive number of days, or 30d, 6w, 3m, 1y: the pattern refuses only what can't be one
    f.as_days: lambda rule: {
        "type": ["integer", "string", "null"],
        "minimum": 1,
        "maximum": f.LONGEST_DAYS,
        "pattern": r"^\s*[^\sA-Za-z]+\s*[dwmyDWMY]?\s*$",
        "examples": ["30d", "6w", "3m"],
        **_expected(f.as_days, rule),
    },
    f.as_birthday: lambda rule: {
        "type": ["string", "null"],
        "pattern": f"^\\s*(?:{_DATE}|--)",
        **_expected(f.as_birthday, rule),
    },
}


def _choice(values: tuple[str, ...], rule: str, what: str, fix: str, empty: bool = False) -> dict:
    """A text field the rules compare with a list of words (after trimming spaces, as the loader does)."""
    words = "|".join(values) + ("|" if empty else "")
    return {
        "type": ["string", "null"],
        "pattern": f"^\\s*(?:{words})\\s*$",
        "examples": list(values),
        "description": f"{what}: {', '.join(values)}",
        "errorMessage": f"{rule}: {what} is not one Trellis knows: {fix}",
    }


def _rule_says(rule: str, fix: str) -> dict:
    return {"errorMessage": f"{rule}: {RULES[rule].summary}: {fix}"}


def _fields(schema: dict[str, f.Field], kind: str, structures: dict[str, dict], refined: dict[str, dict]) -> dict:
    """A `properties` mapping from a loader schema: each field's coercer fragment, or its structure
    (for fields the loader reads as they are), refined by what the rules compare it with."""
    unknown = (set(structures) | set(refined)) - set(schema)
    if unknown:
        raise SchemaGap(f"{kind}: no loader field {', '.join(sorted(unknown))}")
    out = {}
    for key, spec in schema.items():
        if key in structures:
            fragment = structures[key]
        elif spec.coerce in _COERCED and spec.coerce is not f.as_any:
            fragment = _COERCED[spec.coerce](spec.rule)
        else:
            raise SchemaGap(f"{kind}.{key}: no JSON Schema fragment for {spec.coerce.__name__}")
        out[key] = {**fragment, **refined.get(key, {})}
    return out


def _object(properties: dict, title: str, **more: Any) -> dict:
    return {"type": "object", "title": title, "properties": properties, "additionalProperties": True, **more}


def _frontmatter(kind: str) -> dict:
    if kind == "plan":
        want = {q: _COERCED[f.as_texts]("FILE-8") for q in WANTED_QUALITIES}
        structures: dict[str, dict] = {
            "want": {
                "type": ["object", "null"],
                "properties": want,
                "additionalProperties": False,
                "description": "the qualities the network should have",
                "errorMessage": f"PLAN-1: {RULES['PLAN-1'].summary}: use {', '.join(WANTED_QUALITIES)}",
            },
            "roles_map": {
                "type": ["object", "null"],
                "additionalProperties": {"type": ["string", "number"], "pattern": r"\S"},
                "examples": [{"platform engineer": "developer", "fellow": "other"}],
                "description": "job title words -> a role (developer, engineering manager, recruiter..., "
                "a role of your own, or other): read before the built-in table of roles",
                "errorMessage": f"PLAN-3: {RULES['PLAN-3'].summary}: {records.ROLES_MAP_FIX}",
            },
        }
        refined = {"review": _choice(plan_rules.REVIEWS, "PLAN-2", "review", plan_rules.REVIEW_FIX, empty=True)}
        return _object(_fields(records._PLAN, "plan", structures, refined), "Trellis plan.md")
    if kind == "contact":
        refined = {
            "stage": _choice(STAGES, "CONTACT-6", "stage", contact_rules.STAGE_FIX),
            "name": {"pattern": r"\S", **_rule_says("CONTACT-1", contact_rules.NAME_FIX)},
        }
        past = {
            "company": _COERCED[f.as_text]("CONTACT-10"),
            "role": _COERCED[f.as_text]("CONTACT-10"),
            "until": {**_COERCED[f.as_date]("CONTACT-10"), "description": "the last day there (YYYY-MM-DD)"},
        }
        structures = {
            "past_companies": {
                "type": ["array", "null"],
                "items": {
                    "type": "object",
                    "properties": past,
                    "additionalProperties": False,
                    "anyOf": [{"required": ["company"]}, {"required": ["role"]}],
                },
                "description": "where they worked before, oldest first: company, role, until "
                "(trellis import --apply-changes adds one when they move)",
                "errorMessage": f"CONTACT-10: {RULES['CONTACT-10'].summary}: {work_history.FIX}",
            }
        }
        return _object(
            _fields(records._CONTACT, "contact", structures, refined),
            "Trellis contact (contacts/*.md)",
            required=["name"],
        )
    if kind == "entry":
        interaction = _object(
            _fields(
                records._INTERACTION,
                "interaction",
                {},
                {
                    "channel": _choice(CHANNELS, "ENTRY-4", "channel", entry_rules.CHANNEL_FIX),
                    "direction": _choice(DIRECTIONS, "ENTRY-5", "direction", entry_rules.DIRECTION_FIX),
                },
            ),
            "an interaction",
            required=["with", "channel", "direction"],
        )
        progress: dict[str, object] = {
            "type": ["object", "null"],
            "additionalProperties": {"type": "number", "minimum": -_BIGGEST, "maximum": _BIGGEST},
            "description": "for manual goals: the goal's id and a number",
            "errorMessage": "ENTRY-8: progress should map a manual goal's id to a number: "
            "write e.g. progress: {follower-count: 1320}",
        }
        structures = {
            # a list of interactions, or one written without the leading "-"
            # (one schema for both, not anyOf: a mistake in an item is then one message, not three)
            "interactions": {
                "type": ["array", "object", "null"],
                "items": interaction,
                "properties": interaction["properties"],
                "required": interaction["required"],
                "description": "who you talked to: a list of '- with: ...' items",
                "errorMessage": "FILE-8: interactions should be a list: write each interaction "
                "as a list item starting with '- with:'",
            },
            "progress": progress,
        }
        return _object(_fields(records._ENTRY, "entry", structures, {}), "Trellis entry (entries/**/*.md)")
    if kind == "goal":
        measure = _object(
            _fields(
                records._MEASURE,
                "measure",
                {},
                {"count": {"examples": list(COUNTERS)}, "mode": {"examples": ["add", "level"]}},
            ),
            "how progress is counted",
        )
        structures = {
            "measure": {
                **measure,
                "type": ["object", "null"],
                "errorMessage": "SMART-M2: measure should be a mapping: write e.g. measure: {count: new-contacts}",
            }
        }
        refined = {
            "kind": _choice(GOAL_KINDS, "GOAL-1", "kind", goal_rules.KIND_FIX),
            "status": _choice(GOAL_STATUSES, "GOAL-2", "status", goal_rules.STATUS_FIX),
            "per": _choice(PERIODS, "GOAL-3", "per", goal_rules.PER_FIX),
        }
        vision = {"properties": {"kind": {"type": "string", "pattern": r"^\s*vision\s*$"}}, "required": ["kind"]}
        stage = {
            "properties": {
                "measure": {
                    "properties": {"count": {"type": "string", "pattern": r"^\s*stage\s*$"}},
                    "required": ["count"],
                }
            },
            "required": ["measure"],
        }
        manual = {"properties": {"count": {"type": "string", "pattern": r"^\s*manual\s*$"}}, "required": ["count"]}
        hunt = {
            "properties": {"count": {"type": "string", "pattern": f"^\\s*(?:{'|'.join(HUNT_COUNTERS)})\\s*$"}},
            "required": ["count"],
        }
        statuses = {
            # one value or a list of them, as the loader reads a filter
            "items": {"enum": list(APPLICATION_STATUSES), **_rule_says("SMART-M2", goal_rules.HUNT_STATUS_FIX)},
            "if": {"type": "string"},
            "then": {"enum": list(APPLICATION_STATUSES), **_rule_says("SMART-M2", goal_rules.HUNT_STATUS_FIX)},
            "description": f"statuses the applications reached: {', '.join(APPLICATION_STATUSES)}",
            **_rule_says("SMART-M2", goal_rules.HUNT_STATUS_FIX),
        }
        smart = {
            # SMART-S1, -M2, -M1, -A1, -T1: what a goal that is not a vision goal can't go without
            "required": ["title", "measure", "target", "actions", "due"],
            # SMART-R1: why, or supports
            "anyOf": [{"required": ["why"]}, {"required": ["supports"]}],
            "properties": {
                "title": {"pattern": r"\S", **_rule_says("SMART-S1", goal_rules.TITLE_FIX)},
                "measure": {
                    "required": ["count"],
                    "properties": {"count": _choice(COUNTERS, "SMART-M2", "count", goal_rules.COUNT_FIX)},
                    "if": manual,
                    "then": {
                        "properties": {"mode": _choice(("add", "level"), "SMART-M2", "mode", goal_rules.MODE_FIX)}
                    },
                    # the job-hunt counters' status filter names application statuses (SMART-M2)
                    "allOf": [{"if": hunt, "then": {"properties": {"where": {"properties": {"status": statuses}}}}}],
                },
            },
            "if": stage,
            "then": {
                "properties": {
                    "target": {"enum": list(STAGES), **_rule_says("SMART-M1", goal_rules.STAGE_TARGET_FIX)},
                    "measure": {"required": ["contact"]},
                }
            },
            "else": {
                "properties": {
                    "target": {"type": "number", "exclusiveMinimum": 0, **_rule_says("SMART-M1", goal_rules.TARGET_FIX)}
                }
            },
        }
        return _object(
            _fields(records._GOAL, "goal", structures, refined),
            "Trellis goal (goals/*.md)",
            **{"if": vision, "then": {"required": ["title"]}, "else": smart},
        )
    if kind == "application":
        status = _choice(APPLICATION_STATUSES, "APPLICATION-2", "status", application_rules.STATUS_FIX)
        history = {  # dates to statuses (or a list of one-line mappings): a date's shape, a status
            "type": ["object", "array", "null"],
            "propertyNames": {"pattern": f"^\\s*{_DATE}"},
            "additionalProperties": status,
            "items": {"type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": status},
            "examples": [{"2026-11-02": "applied", "2026-11-10": "screening"}],
            "description": "dated status changes: " + applications.HISTORY_FIX,
            "errorMessage": f"FILE-8: history should be a mapping of dates to statuses: {applications.HISTORY_FIX}",
        }
        refined = {
            "status": status,
            "company": {"pattern": r"\S", **_rule_says("APPLICATION-1", application_rules.COMPANY_FIX)},
        }
        return _object(
            _fields(applications.APPLICATION, "application", {"history": history}, refined),
            "Trellis job application (applications/*.md)",
            required=["company"],
        )
    raise KeyError(kind)


def _option(name: str, option: Any) -> dict:
    from mkdocs.config import config_options as c

    if isinstance(option, c.Choice):
        fragment: dict = {"enum": list(option.choices)}
    elif isinstance(option, c.ListOfItems):
        fragment = {"type": "array", "items": _option(name, option.option_type)}
    elif isinstance(option, c.Type) and option._type in (bool, str):
        fragment = {"type": {bool: "boolean", str: "string"}[option._type]}
    else:
        raise SchemaGap(f"option {name}: no JSON Schema fragment for {type(option).__name__}")
    return fragment


def options_schema() -> dict:
    """The plugin's options, in the shape mkdocs-material's `external-community` list takes:
    one item of `plugins:`, either the bare name or the name mapped to its options."""
    # the plugin's own typed options (MkDocs config classes): the one place a command reads them
    from ..plugin.config import OPTION_HELP, TrellisConfig

    options = {}
    for name, option in TrellisConfig._schema:
        if name not in OPTION_HELP:
            raise SchemaGap(f"option {name}: no line in config.OPTION_HELP")
        default = option.default
        options[name] = {
            "title": OPTION_HELP[name],
            "markdownDescription": f"{DOCS}plugin-options",
            **_option(name, option),
            "default": list(default) if isinstance(default, list) else default,
        }
    return {
        "$schema": DRAFT,
        "title": "Trellis: a networking journal in git, checked like code and published with MkDocs",
        "oneOf": [
            {"markdownDescription": f"{DOCS}plugin-options", "enum": ["trellis"]},
            {
                "type": "object",
                "properties": {
                    "trellis": {
                        "markdownDescription": f"{DOCS}plugin-options",
                        "type": ["object", "null"],
                        "properties": options,
                        "additionalProperties": False,
                    }
                },
                "additionalProperties": False,
            },
        ],
    }


def mkdocs_schema() -> dict:
    """A schema for a whole mkdocs.yml that checks only the trellis item of `plugins:`, for an
    editor whose mkdocs-material schema does not list Trellis (yet)."""
    options = options_schema()
    item = {"oneOf": options["oneOf"]}
    is_trellis = {"anyOf": [{"const": "trellis"}, {"type": "object", "required": ["trellis"]}]}
    return {
        "$schema": DRAFT,
        "title": "mkdocs.yml: the trellis plugin's options",
        "type": "object",
        "properties": {
            "plugins": {
                "type": ["array", "object", "null"],
                "items": {"if": is_trellis, "then": item},
                "properties": {"trellis": options["oneOf"][1]["properties"]["trellis"]},
            }
        },
    }


def schema(name: str) -> dict:
    if name == OPTIONS:
        return options_schema()
    if name == MKDOCS:
        return mkdocs_schema()
    body = _frontmatter(name)
    return {
        "$schema": DRAFT,
        **body,
        "$comment": f"generated by `trellis schema {name}` from Trellis' loader: "
        "do not edit; the file's frontmatter, as YAML reads it",
    }


def schema_text(name: str) -> str:
    return json.dumps(schema(name), indent=2, ensure_ascii=False) + "\n"


def run(name: str, write: str | None, shown: Callable[[Path], str]) -> int:
    """`trellis schema`: one schema on standard output, or `--write DIR`: every one into DIR."""
    if write:
        folder = Path(write)
        folder.mkdir(parents=True, exist_ok=True)
        for each in NAMES:  # generated files: rewritten each time, like a build's output
            (folder / f"{each}.json").write_text(schema_text(each), encoding="utf-8")
        print(f"trellis schema: wrote {len(NAMES)} schemas into {shown(folder)}")
        return 0
    sys.stdout.write(schema_text(name))
    return 0
