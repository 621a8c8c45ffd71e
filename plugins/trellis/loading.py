"""Files to records: read each journal file's frontmatter into a typed record.

Nothing here raises on bad input. Every problem becomes a `Finding` with the file and
the line of the key it is about. YAML is composed to nodes (with the C loader where
PyYAML has it) and turned into Python values here, so that

* every key keeps its line number,
* a date such as 2026-02-30, which YAML's own constructor raises on, stays a string
  that the record's date field then reports, and
* a value built from aliases is measured on the node graph (shared nodes are counted
  once per use, with memoisation) before anything walks it: an "alias bomb" that would
  expand to millions of items is reported and never expanded, printed or serialised.

That careful way is for the files that need it. Ordinary ones (no alias, no deep
nesting, plain keys) take the C loader's values as they are, and their line map is
composed only when a finding asks for a line. Under `mkdocs serve` parsed files are
kept (`LoadCache`); a one-off read of a big journal (`trellis check`) is shared between
processes (`_load_files`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import math
import os
import re
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import frontmatter
import yaml

from . import salvage
from .nesting import MAX_MARKDOWN_DEPTH, TOO_DEEP_NOTE, too_deep
from .model import (
    DATE_IN_NAME,
    DEFAULT_KEEP_IN_TOUCH_DAYS,
    Contact,
    Entry,
    Finding,
    Goal,
    Interaction,
    Journal,
    Measure,
    MonthDay,
    Plan,
    Source,
)
from .rules.catalog import finding

try:  # the C loader is many times faster; fall back where PyYAML was built without libyaml
    from yaml import CSafeLoader as YamlLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as YamlLoader



class _JournalLoader(YamlLoader):
    """YAML 1.2's booleans: only true and false. YAML 1.1 (PyYAML's default) also reads yes, no,
    on and off as booleans, so `public: yes` would publish a person nobody asked; here those
    words stay text, and the field that wants true or false reports them (FILE-12)."""


_JournalLoader.yaml_implicit_resolvers = {
    first: [(tag, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$") if tag == "tag:yaml.org,2002:bool" else regexp)
            for tag, regexp in resolvers]
    for first, resolvers in YamlLoader.yaml_implicit_resolvers.items()}
# the words YAML 1.1 reads as true or false, and which
YAML11_BOOLEANS = {**dict.fromkeys(("yes", "on", "y"), True), **dict.fromkeys(("no", "off", "n"), False)}

MAX_EXPANDED_ITEMS = 100_000  # no honest frontmatter comes near this
MAX_DEPTH = 64  # nor this
# libyaml's composer recurses in C: thousands of nested brackets crash the process, so
# text that could nest that deep is first measured with the (iterative) event parser.
_SAFE_NESTING_BOUND = 1000

_FRONTMATTER = frontmatter.YAMLHandler()
_DURATION = re.compile(r"^\s*(\d+)\s*(d|w|m|y)?\s*$", re.IGNORECASE)
_DURATION_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
# The values every later step can compute with: a date a year of periods away from either
# bound, a number whose sums and ratios stay finite, a duration that ends in a real date.
# Beyond them a value is a finding (FILE-10, FILE-11), never an OverflowError in a page.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2199, 12, 31)
LARGEST_NUMBER = 1e12
SMALLEST_NUMBER = 1e-6  # in size, but for 0: a ratio of two numbers stays finite (1e12 / 1e-320 is not)
LONGEST_DAYS = 36_500  # a hundred years
_SCALARS = yaml.constructor.SafeConstructor()


class _Unreadable(Exception):
    """A file whose frontmatter can't become values; carries the finding."""

    def __init__(self, found: Finding):
        self.finding = found


# --------------------------------------------------------------------------- YAML


def _nesting_depth(text: str) -> int:
    depth = deepest = 0
    for event in yaml.parse(text, Loader=YamlLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                break
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return deepest


def _could_nest_deeply(text: str) -> bool:
    # Flow nesting needs a bracket per level; block nesting needs a column per level
    # (at most two levels per column). Both bounds are cheap to take.
    longest = max(map(len, text.split("\n")))
    return text.count("[") + text.count("{") + 2 * longest + 2 > _SAFE_NESTING_BOUND


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Items the node would expand to, counting each alias use; linear in distinct nodes."""
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # a recursive alias counts once instead of looping
    if isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(v, memo) for v in node.value)
    else:
        size = 1
    memo[key] = min(size, 10 * MAX_EXPANDED_ITEMS)
    return memo[key]


_STR_TAG = "tag:yaml.org,2002:str"


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.tag == _STR_TAG:  # most values: skip the constructor's dispatch
        return node.value
    make = _SCALARS.yaml_constructors.get(node.tag)
    if make is None:
        return node.value  # an unknown !tag: keep the text
    try:
        return make(_SCALARS, node)
    except Exception:  # e.g. 2026-02-30 as a timestamp: keep the text, the field reports it
        return node.value


def _values(node: yaml.Node, key: tuple, lines: dict[tuple, int], offset: int, depth: int = 0) -> Any:
    lines.setdefault(key, node.start_mark.line + offset)
    if depth > MAX_DEPTH:
        raise ValueError("nested too deeply")
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_values(item, key + (i,), lines, offset, depth + 1) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise TypeError(key_node.start_mark.line + offset)
        name = str(_scalar(key_node))
        lines[key + (name,)] = key_node.start_mark.line + offset
        result[name] = _values(value_node, key + (name,), lines, offset, depth + 1)
    return result


def _read_yaml(text: str, source: Source) -> Any:
    """The frontmatter's values, filling `source.lines`; raises _Unreadable with a finding."""
    offset = source.first_line - 1  # YAML counts lines from the opening '---' line, from 0
    try:
        if _could_nest_deeply(text) and _nesting_depth(text) > MAX_DEPTH:
            raise _Unreadable(finding(
                "FILE-5", source, source.first_line, f"values are nested more than {MAX_DEPTH} levels deep",
                "flatten the frontmatter: lists of plain values are all Trellis reads"))
        node = yaml.compose(text, Loader=_JournalLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = offset + (mark.line if mark else 0)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        if "nesting depth" in problem:  # libyaml 0.2.6 and later stop deep nesting themselves
            raise _Unreadable(finding(
                "FILE-5", source, line, f"values are nested more than {MAX_DEPTH} levels deep",
                "flatten the frontmatter: lists of plain values are all Trellis reads"))
        raise _Unreadable(finding(
            "FILE-3", source, line, f"the frontmatter is not valid YAML ({problem})",
            "check the indentation and quote values that contain ': ' or start with a special character"))
    if node is None:
        return {}
    return _checked_values(node, text, source)


class _FastLoader(_JournalLoader):
    """PyYAML's own loader (C parser), for the files that need nothing special (almost all)."""


def _read_yaml_fast(text: str, source: Source) -> Any:
    """Values straight from the C loader, with the line map left for later; None if the file
    needs the careful path (aliases, deep nesting, odd keys, an impossible date, bad YAML)."""
    if "*" in text or _could_nest_deeply(text):
        return None
    try:
        values = yaml.load(text, Loader=_FastLoader)
    except Exception:  # any problem: the careful path finds it again and says where
        return None
    if values is None:
        return {}
    if not isinstance(values, dict) or not _plain_keys(values):
        return None
    source.fill_lines = _LineMap(text, source.first_line - 1)
    return values


class _LineMap:
    """Fills a source's line of each key from its frontmatter, when a finding first asks.

    A class rather than a closure so a record can travel between processes (see
    `_load_files`)."""

    __slots__ = ("text", "offset")

    def __init__(self, text: str, offset: int) -> None:
        self.text, self.offset = text, offset

    def __reduce__(self) -> tuple:
        return _LineMap, (self.text, self.offset)

    def __call__(self, source: Source) -> None:
        node = yaml.compose(self.text, Loader=YamlLoader)
        if node is not None:
            _values(node, (), source.lines, self.offset)


def _plain_keys(values: dict) -> bool:
    """Every mapping key is text (depth is already bounded: deep text took the careful path)."""
    stack: list[Any] = [values]
    while stack:
        value = stack.pop()
        if type(value) is dict:
            for key, item in value.items():
                if type(key) is not str:
                    return False
                if type(item) in (dict, list):
                    stack.append(item)
        else:
            stack.extend(item for item in value if type(item) in (dict, list))
    return True


def _checked_values(node: yaml.Node, text: str, source: Source) -> Any:
    offset = source.first_line - 1
    size = 0
    if "*" in text:  # without an alias nothing expands: the size is the text's own
        try:
            size = _expanded_size(node, {})
        except RecursionError:  # aliases of aliases, chained deeper than Python recurses
            size = MAX_EXPANDED_ITEMS + 1
    if size > MAX_EXPANDED_ITEMS:
        raise _Unreadable(finding(
            "FILE-5", source, source.first_line,
            f"the values would expand to over {MAX_EXPANDED_ITEMS:,} items through YAML aliases",
            "remove the anchors (&) and aliases (*): write each value out once"))
    try:
        return _values(node, (), source.lines, offset)
    except TypeError as err:
        raise _Unreadable(finding(
            "FILE-4", source, int(err.args[0]), "a key is a list or a mapping",
            "use plain words as keys"))
    except (ValueError, RecursionError):
        raise _Unreadable(finding(
            "FILE-5", source, source.first_line, f"values are nested more than {MAX_DEPTH} levels deep",
            "flatten the frontmatter: lists of plain values are all Trellis reads"))


def split_file(path: str | Path, source: Source) -> tuple[dict, str]:
    """(frontmatter values, body) of a file; raises _Unreadable."""
    try:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _Unreadable(finding("FILE-1", source, 1, f"the file is not UTF-8 text ({err.reason})",
                                  "save it with UTF-8 encoding"))
    except OSError as err:
        raise _Unreadable(finding("FILE-1", source, 1, f"the file can't be read ({err.strerror})",
                                  "check that it exists and is readable"))
    opening = _FRONTMATTER.FM_BOUNDARY.match(text)
    if not opening:
        raise _Unreadable(finding("FILE-2", source, 1, "the file has no frontmatter",
                                  "start it with a line '---', the YAML keys, and another '---'"))
    try:
        fm, body = _FRONTMATTER.split(text)
    except ValueError:
        raise _Unreadable(finding("FILE-2", source, 1, "the frontmatter is not closed",
                                  "end the YAML keys with a line '---'"))
    source.first_line = text.count("\n", 0, opening.end()) + 2
    source.body_line = source.first_line + fm.count("\n")
    values = _read_yaml_fast(fm, source)
    if values is None:
        values = _read_yaml(fm, source)
    if not isinstance(values, dict):
        raise _Unreadable(finding("FILE-4", source, source.first_line,
                                  f"the frontmatter is a {_type_name(values)}, not keys with values",
                                  "write one 'key: value' per line"))
    return values, body


# --------------------------------------------------------------------------- fields


def _type_name(value: Any) -> str:
    return {dict: "mapping", list: "list", str: "text", bool: "true/false", type(None): "empty value"}.get(
        type(value), "number" if isinstance(value, (int, float)) else type(value).__name__)


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# A coercer turns a YAML value into the field's type, or returns _BAD (the wrong kind of
# value) or an _OutOfBounds (the right kind, beyond what Trellis can compute with).
_BAD = object()


@dataclass(frozen=True)
class _OutOfBounds:
    rule: str  # FILE-10 (dates) or FILE-11 (numbers, durations)
    why: str  # e.g. "is after 2199-12-31"
    fix: str


def date_bounds_problem(day: dt.date) -> _OutOfBounds | None:
    """Why a date lies outside the years Trellis handles, or None: also for dates given on the command line."""
    if EARLIEST_DATE <= day <= LATEST_DATE:
        return None
    side = f"is before {EARLIEST_DATE.isoformat()}" if day < EARLIEST_DATE else f"is after {LATEST_DATE.isoformat()}"
    return _OutOfBounds("FILE-10", side, f"write a date from {EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}")


def _bounded_date(day: dt.date) -> Any:
    return date_bounds_problem(day) or day


def _bounded_number(value: int | float) -> Any:
    try:
        number = float(value)
    except OverflowError:  # an int of hundreds of digits
        number = math.inf
    if math.isnan(number) or (math.isinf(number) and isinstance(value, float)):  # .nan, .inf
        return _OutOfBounds("FILE-11", "is not a finite number", "write a plain number, e.g. 5")
    if abs(number) > LARGEST_NUMBER or 0 < abs(number) < SMALLEST_NUMBER:
        size = f"more than {LARGEST_NUMBER:,.0f}" if abs(number) > 1 else f"less than {SMALLEST_NUMBER:.6f}"
        return _OutOfBounds("FILE-11", f"is {size} in size",
                            f"write a number from {SMALLEST_NUMBER:.6f} to {LARGEST_NUMBER:,.0f} in size (or 0)")
    return value


def as_text(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (bool, int, float, dt.date)) and not isinstance(value, dict):
        return str(value)
    return _BAD


def as_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return _bounded_date(value.date())
    if isinstance(value, dt.date):
        return _bounded_date(value)
    if isinstance(value, str):
        try:
            return _bounded_date(dt.date.fromisoformat(value.strip()))
        except ValueError:
            return _BAD
    return _BAD


def as_texts(value: Any) -> Any:
    if isinstance(value, list):
        items = [as_text(v) for v in value if v is not None]
        return _BAD if any(i is _BAD for i in items) else [i for i in items if i]
    single = as_text(value)
    return _BAD if single is _BAD else ([single] if single else [])


def as_addresses(value: Any) -> Any:
    """`email:` or `phone:`: one value, or a list of them (all private)."""
    return as_texts(value)


def as_private_texts(value: Any) -> Any:
    """`want:` or `give:`: text or a list of texts, private like the notes. Whatever else is
    written there is read as text too ("key: value" of a mapping, nested lists flattened),
    never dropped: the privacy guard must know every word of it."""
    if value is None:
        return []
    texts = as_texts(value)
    if texts is not _BAD:
        return texts
    if isinstance(value, dict):
        return [f"{k}: {t}" if t else str(k) for k, v in value.items() for t in (as_private_texts(v) or [""])]
    if isinstance(value, list):
        return [t for v in value if v is not None for t in as_private_texts(v)]
    return [str(value)]


_MONTH_DAY = re.compile(r"--(\d{2})-?(\d{2})")


def as_birthday(value: Any) -> Any:
    """A date, or `--MM-DD` (vCard 4's form) for a birthday whose year is not known."""
    if isinstance(value, str) and (match := _MONTH_DAY.fullmatch(value.strip())):
        try:
            return MonthDay(int(match.group(1)), int(match.group(2)))
        except ValueError:
            return _BAD
    return as_date(value)


def as_bool(value: Any) -> Any:
    return value if isinstance(value, bool) else _BAD


def as_number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return _BAD
    return _bounded_number(value)


def as_target(value: Any) -> Any:
    """A goal's target: a stage's name or a number (SMART-M1 judges which), a number within bounds."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _bounded_number(value)
    return value


def as_links(value: Any) -> Any:
    if not isinstance(value, dict):
        return _BAD
    out = {}
    for k, v in value.items():
        text = as_text(v)
        if text is _BAD:
            return _BAD
        if text:
            out[str(k)] = text
    return out


def as_filter(value: Any) -> Any:
    if not isinstance(value, dict):
        return _BAD
    out = {}
    for k, v in value.items():
        texts = as_texts(v)
        if texts is _BAD:
            return _BAD
        out[str(k)] = texts
    return out


def as_days(value: Any) -> Any:
    if isinstance(value, bool):
        return _BAD
    days = _BAD
    if isinstance(value, int):
        days = value if value > 0 else _BAD
    elif isinstance(value, str):
        m = _DURATION.match(value)
        if m and int(m.group(1)) > 0:
            days = int(m.group(1)) * _DURATION_DAYS[(m.group(2) or "d").lower()]
    if days is not _BAD and days > LONGEST_DAYS:
        return _OutOfBounds("FILE-11", f"is more than {LONGEST_DAYS:,} days (a hundred years)",
                            "write a duration of at most 100y, e.g. 30d, 6w or 3m")
    return days


def as_any(value: Any) -> Any:
    return value


_EXPECTED = {
    as_text: ("text", 'write it as text, e.g. "key: some words"'),
    as_date: ("a date", "write a real date as YYYY-MM-DD, e.g. 2026-11-22"),
    as_texts: ("a list of words", "write a list, e.g. [react, typescript]"),
    as_bool: ("true or false", "write true or false"),
    as_number: ("a number", "write a plain number, e.g. 5"),
    as_links: ("a mapping of names to addresses", 'write e.g. {linkedin: "https://..."}'),
    as_filter: ("a mapping of fields to lists", "write e.g. {tags: [web]}"),
    as_days: ("a duration", "write a number of days, weeks or months, e.g. 30d, 6w or 3m"),
    as_addresses: ("text or a list of texts", "write one value, or a list, e.g. [ada@example.com, ada@work.example]"),
    as_birthday: ("a date", "write YYYY-MM-DD, or --MM-DD when the year is not known, e.g. --05-17"),
}


@dataclass
class _Field:
    coerce: Callable[[Any], Any]
    rule: str = "FILE-8"  # the rule that reports a value this field can't read


def _read_fields(values: dict, schema: dict[str, _Field], source: Source, found: list[Finding],
                 path: tuple = ()) -> tuple[dict, set[str]]:
    """Coerce known keys; report wrong types and misspelt keys. Returns (values, invalid keys)."""
    out: dict[str, Any] = {}
    invalid: set[str] = set()
    for key, raw in values.items():
        spec = schema.get(key)
        if spec is None:
            close = difflib.get_close_matches(key, schema, n=1, cutoff=0.75)
            if close and close[0] not in values:
                found.append(finding("FILE-7", source, source.line(*path, key),
                                     f"unknown key '{_short(key)}'", f"did you mean '{close[0]}'?"))
            continue
        if raw is None:
            continue  # an empty value is the same as an absent one
        value = spec.coerce(raw)
        if spec.coerce is as_bool and isinstance(raw, str) and raw.strip().lower() in YAML11_BOOLEANS:
            invalid.add(key)  # fail closed: the field keeps its default (false: not public)
            read_as = str(YAML11_BOOLEANS[raw.strip().lower()]).lower()
            found.append(finding(
                "FILE-12", source, source.line(*path, key),
                f"{'.'.join(map(str, path + (key,)))} is '{_short(raw.strip())}', which YAML 1.1 reads as {read_as}; "
                f"Trellis reads only true or false, so it counts as false", f"write {key}: {read_as} if you mean it"))
            continue
        if isinstance(value, _OutOfBounds):
            invalid.add(key)
            found.append(_out_of_bounds(value, source, path + (key,), raw))
            continue
        if value is _BAD:
            invalid.add(key)
            wanted, how = _EXPECTED[spec.coerce]
            what = "is not a real date" if spec.coerce in (as_date, as_birthday) and isinstance(raw, str) else \
                f"should be {wanted}, not {_type_name(raw)}"
            found.append(finding(spec.rule, source, source.line(*path, key),
                                 f"{'.'.join(map(str, path + (key,)))} ({_short(raw)}) {what}", how))
            continue
        out[key] = value
    return out, invalid


def _out_of_bounds(problem: _OutOfBounds, source: Source, key: tuple, raw: Any) -> Finding:
    fix = problem.fix
    if key == ("due",) and problem.why.startswith("is after"):  # 9999-12-31, the "no deadline" idiom
        fix += ("; a goal needs a real due date (for a habit: the day you will review it), "
                "and a big picture without one is a vision goal (kind: vision)")
    shown = raw.isoformat() if isinstance(raw, dt.date) else _short(raw)
    return finding(problem.rule, source, source.line(*key), f"{'.'.join(map(str, key))} ({shown}) {problem.why}", fix)


def _renderable(body: str, source: Source, found: list[Finding]) -> str:
    """The markdown body, or a note in its place when it nests too deeply to render (FILE-13):
    never handed to Python-Markdown, and never shown raw (privacy first: nothing of it leaks)."""
    text = body.strip()
    deep = too_deep(body, source, source.body_line - 1)  # the body starts with the rest of the closing '---' line
    if deep is None:
        return text
    found.append(deep)
    return TOO_DEEP_NOTE.format(limit=MAX_MARKDOWN_DEPTH)


# --------------------------------------------------------------------------- records

_GOAL = {
    "title": _Field(as_text), "kind": _Field(as_text), "supports": _Field(as_text), "why": _Field(as_text),
    "measure": _Field(as_any, "SMART-M2"), "target": _Field(as_target), "unit": _Field(as_text),
    "per": _Field(as_text), "start": _Field(as_date, "SMART-T2"), "due": _Field(as_date, "SMART-T2"),
    "horizon": _Field(as_date), "actions": _Field(as_texts, "SMART-A1"), "status": _Field(as_text),
}
_MEASURE = {"count": _Field(as_text, "SMART-M2"), "where": _Field(as_filter, "SMART-M2"),
            "mode": _Field(as_text, "SMART-M2"), "contact": _Field(as_text, "SMART-M2")}
_CONTACT = {
    "name": _Field(as_text), "company": _Field(as_text), "role": _Field(as_text), "sector": _Field(as_text),
    "location": _Field(as_text), "skills": _Field(as_texts), "tags": _Field(as_texts),
    "met": _Field(as_date, "CONTACT-2"), "how_met": _Field(as_text), "introduced_by": _Field(as_text),
    "knows": _Field(as_texts), "links": _Field(as_links), "email": _Field(as_addresses), "phone": _Field(as_addresses),
    "birthday": _Field(as_birthday, "CONTACT-2"), "keep_in_touch": _Field(as_days, "CONTACT-5"), "stage": _Field(as_text), "public": _Field(as_bool),
    "want": _Field(as_private_texts), "give": _Field(as_private_texts),
}
_ENTRY = {
    "date": _Field(as_date, "ENTRY-2"), "interactions": _Field(as_any), "events": _Field(as_texts),
    "progress": _Field(as_any, "ENTRY-8"), "public": _Field(as_bool),
}
_INTERACTION = {
    "with": _Field(as_texts), "channel": _Field(as_text), "direction": _Field(as_text),
    "summary": _Field(as_text), "follow_up": _Field(as_date, "ENTRY-2"),
}
_PLAN = {"vision": _Field(as_text), "want": _Field(as_any), "dream_companies": _Field(as_texts),
         "review": _Field(as_text)}


def _goal(rid: str, values: dict, body: str, source: Source, found: list[Finding]) -> Goal:
    v, invalid = _read_fields(values, _GOAL, source, found)
    measure = None
    if isinstance(v.get("measure"), dict):
        m, bad = _read_fields(v["measure"], _MEASURE, source, found, ("measure",))
        invalid |= {f"measure.{k}" for k in bad}
        measure = Measure(count=m.get("count"), where=m.get("where", {}), mode=m.get("mode", "add"),
                          contact=m.get("contact"))
    elif "measure" in v:
        invalid.add("measure")
        found.append(finding("SMART-M2", source, source.line("measure"),
                             f"measure should be a mapping, not {_type_name(v['measure'])}",
                             "write e.g. measure: {count: new-contacts}"))
    return Goal(
        id=rid, source=source, title=v.get("title", ""), kind=v.get("kind", "smart"), supports=v.get("supports"),
        why=v.get("why", ""), measure=measure, target=v.get("target"), unit=v.get("unit", ""), per=v.get("per"),
        start=v.get("start"), due=v.get("due"), horizon=v.get("horizon"), actions=v.get("actions", []),
        status=v.get("status", "active"), body=_renderable(body, source, found), invalid=invalid)


def _contact(rid: str, values: dict, body: str, source: Source, found: list[Finding]) -> Contact:
    v, invalid = _read_fields(values, _CONTACT, source, found)
    return Contact(
        id=rid, source=source, name=v.get("name", ""), company=v.get("company", ""), role=v.get("role", ""),
        sector=v.get("sector", ""), location=v.get("location", ""), skills=v.get("skills", []),
        tags=v.get("tags", []), met=v.get("met"), how_met=v.get("how_met", ""),
        introduced_by=v.get("introduced_by"), knows=v.get("knows", []), links=v.get("links", {}),
        email=next(iter(v.get("email", [])), ""), phone=next(iter(v.get("phone", [])), ""),
        emails=v.get("email", []), phones=v.get("phone", []), birthday=v.get("birthday"),
        keep_in_touch_days=v.get("keep_in_touch", DEFAULT_KEEP_IN_TOUCH_DAYS), stage=v.get("stage"),
        public=v.get("public", False), notes=body.strip(), want=v.get("want", []), give=v.get("give", []),
        invalid=invalid)


def _entry(rid: str, values: dict, body: str, source: Source, found: list[Finding]) -> Entry:
    v, invalid = _read_fields(values, _ENTRY, source, found)
    date = v.get("date")
    if date is None and "date" not in invalid:
        named = DATE_IN_NAME.search(source.rel.rsplit("/", 1)[-1])
        if named:
            date = as_date(named.group(1))
            if isinstance(date, _OutOfBounds):
                invalid.add("date")
                found.append(finding(date.rule, source, 1, f"the file name's date {named.group(1)} {date.why}",
                                     "rename the file, or write date: YYYY-MM-DD in the frontmatter"))
                date = None
            elif date is _BAD:
                date = None
                invalid.add("date")
                found.append(finding("ENTRY-2", source, 1, f"the file name's date {named.group(1)} is not a real date",
                                     "rename the file, or write date: YYYY-MM-DD in the frontmatter"))
    entry = Entry(id=rid, source=source, date=date, events=v.get("events", []), public=v.get("public", False),
                  text=_renderable(body, source, found), invalid=invalid)
    raw = v.get("interactions", [])
    if isinstance(raw, dict):
        raw = [raw]  # a single interaction written without the leading "-"
    if not isinstance(raw, list):
        invalid.add("interactions")
        found.append(finding("FILE-8", source, source.line("interactions"),
                             f"interactions should be a list, not {_type_name(raw)}",
                             "write each interaction as a list item starting with '- with:'"))
        raw = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            found.append(finding("FILE-8", source, source.line("interactions", index),
                                 f"interaction {index + 1} should be a mapping, not {_type_name(item)}",
                                 "write e.g. '- with: ada-lovelace' with channel and direction below it"))
            continue
        f, _ = _read_fields(item, _INTERACTION, source, found, ("interactions", index))
        entry.interactions.append(Interaction(
            with_ids=f.get("with", []), channel=f.get("channel"), direction=f.get("direction"),
            summary=f.get("summary", ""), follow_up=f.get("follow_up"), date=date, entry_id=rid, index=index))
    progress = v.get("progress", {})
    if isinstance(progress, dict):
        for name, amount in progress.items():
            number = as_number(amount)
            if isinstance(number, _OutOfBounds):
                found.append(_out_of_bounds(number, source, ("progress", name), amount))
            elif number is _BAD:
                found.append(finding("ENTRY-8", source, source.line("progress", name),
                                     f"progress {_short(name)} ({_short(amount)}) is not a number",
                                     "write a plain number, e.g. 1320"))
            else:
                entry.progress[str(name)] = float(amount)
    else:
        found.append(finding("ENTRY-8", source, source.line("progress"),
                             f"progress should be a mapping, not {_type_name(progress)}",
                             "write e.g. progress: {follower-count: 1320}"))
    return entry


def _plan(values: dict, body: str, source: Source, found: list[Finding]) -> Plan:
    v, _ = _read_fields(values, _PLAN, source, found)
    want: dict[str, list[str]] = {}
    raw = v.get("want", {})
    if isinstance(raw, dict):
        for quality, items in raw.items():
            texts = as_texts(items) if items is not None else []
            if texts is _BAD:
                found.append(finding("FILE-8", source, source.line("want", quality),
                                     f"want.{_short(quality)} should be a list of words", "write e.g. [fintech, edtech]"))
            else:
                want[str(quality)] = texts
    else:
        found.append(finding("FILE-8", source, source.line("want"),
                             f"want should be a mapping, not {_type_name(raw)}",
                             "write e.g. want: {roles: [recruiter], sectors: [fintech]}"))
    return Plan(source=source, vision=v.get("vision", ""), want=want,
                dream_companies=v.get("dream_companies", []), review=v.get("review", ""),
                body=_renderable(body, source, found))


_BUILDERS = {"goals": _goal, "contacts": _contact, "entries": _entry}


# every suffix MkDocs (or a careless rename) may give a markdown file, in any case: a contact
# saved as `ada.MD` or `ada.markdown` is read like `ada.md`, never published as a page behind
# Trellis' back
RECORD_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def is_record_name(name: str) -> bool:
    return name.lower().endswith(RECORD_SUFFIXES) and not name.startswith(".")


def record_id(rel: str) -> str:
    """A record's id: its file name without the markdown suffix."""
    name = rel.rsplit("/", 1)[-1]
    return name[:name.rfind(".")]


def record_kind(rel: str) -> str | None:
    """Which kind of record a path inside the journal holds: goals, contacts, entries, plan, or None."""
    if not rel.lower().endswith(RECORD_SUFFIXES):
        return None
    if rel == "plan.md":
        return "plan"
    top = rel.split("/", 1)[0]
    return top if top in _BUILDERS and "/" in rel else None


def load_file(path: str | Path, rel: str, shown: str) -> tuple[Any, list[Finding]]:
    """One record (or None when the file can't be read) and the findings about it."""
    return _record(*_parse(path, rel, shown))


# A file's parse: its frontmatter values and body, or the finding that it has none. Plain
# values, so a parse made in another process costs little to send back (see _load_files).
_Parsed = tuple[Source, Any, str, Any]


def _parse(path: str | Path, rel: str, shown: str) -> _Parsed:
    source = Source(path=path, shown=shown, rel=rel)
    try:
        values, body = split_file(path, source)
    except _Unreadable as err:
        return source, None, "", err.finding
    return source, values, body, None


def _record(source: Source, values: Any, body: str, failure: Finding | None) -> tuple[Any, list[Finding]]:
    if failure is not None:
        return None, [failure]
    found: list[Finding] = []
    rel = source.rel
    kind = record_kind(rel)
    if kind == "plan":
        return _plan(values, body, source, found), found
    rid = record_id(rel)
    return _BUILDERS[kind](rid, values, body, source, found), found


# --------------------------------------------------------------------------- the journal


class LoadCache:
    """Parsed files kept between `mkdocs serve` rebuilds, re-read only when a file changed."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[tuple[int, int], Any, list[Finding]]] = {}
        self.reads = 0  # files parsed since the cache was made (tests and the benchmark read it)

    def get(self, path: str, rel: str, shown: str) -> tuple[Any, list[Finding]]:
        try:
            st = os.stat(path)
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = (-1, -1)
        hit = self._files.get(path)
        if hit and hit[0] == stamp:
            return hit[1], hit[2]
        self.reads += 1
        record, found = load_file(path, rel, shown)
        self._files[path] = (stamp, record, found)
        return record, found

    def forget_missing(self, seen: set[str]) -> None:
        for path in [p for p in self._files if p not in seen]:
            del self._files[path]


def journal_files(root: Path) -> list[tuple[str, str]]:
    """(absolute path, path inside the journal) of every record file, sorted.

    Strings, not Paths: a journal has thousands of files, and `trellis check` is meant to
    cost little more than parsing them."""
    return _walk(root)[0]


def _walk(root: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(record files, symlinks met on the way as (path inside the journal, target)).

    Symlinked folders are followed, as MkDocs follows them when it copies the site: a
    contact kept in another repository and linked in is read, counted and protected like
    any other, never published by MkDocs behind Trellis' back. A folder already walked
    (a link that loops) is walked once.
    """
    found: list[tuple[str, str]] = []
    links: list[tuple[str, str]] = []
    top = str(root)
    if os.path.isfile(os.path.join(top, "plan.md")):
        found.append((os.path.join(top, "plan.md"), "plan.md"))
        if os.path.islink(found[0][0]):
            links.append(("plan.md", os.path.realpath(found[0][0])))
    prefix = len(top) + 1
    walked: set[str] = set()
    for folder in _BUILDERS:
        start = os.path.join(top, folder)
        if os.path.islink(start):
            links.append((folder, os.path.realpath(start)))
        for dirpath, dirnames, filenames in os.walk(start, followlinks=True):
            real = os.path.realpath(dirpath)
            if real in walked:
                dirnames[:] = []
                continue
            walked.add(real)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            rel_dir = dirpath[prefix:].replace(os.sep, "/")  # string work: thousands of files
            for name in dirnames:
                if os.path.islink(os.path.join(dirpath, name)):
                    links.append((f"{rel_dir}/{name}", os.path.realpath(os.path.join(dirpath, name))))
            for name in filenames:
                if is_record_name(name):
                    path = os.path.join(dirpath, name)
                    found.append((path, f"{rel_dir}/{name}"))
                    if os.path.islink(path):
                        links.append((f"{rel_dir}/{name}", os.path.realpath(path)))
    found.sort(key=lambda item: item[1])
    return found, links


def ordinary_pages(root: Path) -> list[tuple[str, str]]:
    """(absolute path, path inside the journal) of every markdown file that is not a record:
    the pages MkDocs renders itself (index.md, about/me.md). Record folders are not entered."""
    top = str(root)
    found = []
    for dirpath, dirnames, filenames in os.walk(top, followlinks=True):
        rel_dir = os.path.relpath(dirpath, top).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not (rel_dir == "" and d in _BUILDERS))
        for name in sorted(filenames):
            if is_record_name(name) and record_kind(rel_dir + name) is None:
                found.append((os.path.join(dirpath, name), rel_dir + name))
    return found


def _links_outside(links: list[tuple[str, str]], project: Path, shown_root: str, root: Path) -> list[Finding]:
    """A warning for each symlink in the journal that points outside the project."""
    home = os.path.realpath(project)
    out = []
    for rel, target in links:
        if target != home and not target.startswith(home + os.sep):
            source = Source(path=os.path.join(str(root), rel), shown=shown_root + rel, rel=rel)
            out.append(finding("FILE-9", source, 1, f"a symlink to {target}, outside the project",
                               "its files are read and published like the journal's own; "
                               "keep them in the project, or make sure this is what you mean"))
    return out


@contextmanager
def _no_cycle_collection():
    """Python's cycle collector paused while thousands of records are made.

    Every few hundred new objects it walks the ones still alive, and loading keeps all
    of them: on 6,000 files that was about a tenth of the whole `trellis check`. Records hold
    no reference cycles, so nothing piles up meanwhile; the collector runs again after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# Above this many files, a one-off read (`trellis check`) shares the parsing with other
# processes, one per core (Linux, where a process starts by forking: elsewhere starting
# one costs more than it saves). Below it, a second process is not worth its start.
PARALLEL_FROM = 1500


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (containers limit them)
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _may_fork() -> bool:
    # forking copies only the thread that forks: a process with other threads (a server) reads alone
    return sys.platform == "linux" and threading.active_count() == 1


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_PARENT_POLL_SECONDS = 0.2


def _start_worker(parent: int) -> None:
    """In a parsing process: end when the command ends, however it ends.

    Ctrl-C is for the command, which stops; the parse has nothing to say. A command killed
    by a signal (SIGKILL, SIGTERM from `timeout`, SIGHUP from a closed terminal) runs no
    clean-up, and a worker blocked writing its result to the pipe would wait for ever: on
    Linux the kernel kills it with its parent (PR_SET_PDEATHSIG); everywhere, a thread
    sees the parent change (an orphan is adopted by another process) and ends it.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):  # the command's own handlers (clean-up) are not for a worker
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the thread below is enough
        pass
    if os.getppid() != parent:  # the parent died before the line above: nothing would signal us
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="trellis-parent-watch", daemon=True).start()


def _stop_workers(pool: Any) -> None:
    """Kill a pool's processes now (not after their share is parsed and sent)."""
    kill = getattr(pool, "kill_workers", None)  # Python 3.14
    if kill is not None:
        kill()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()


def _parse_chunk(files: list[tuple[str, str]], shown_root: str) -> list[tuple]:
    """Another process's share: each file's parse, with its Source as a plain tuple."""
    with _no_cycle_collection():
        parsed = [_parse(path, rel, shown_root + rel) for path, rel in files]
    return [((s.first_line, s.body_line, s.lines, s.fill_lines), values, body, failure)
            for s, values, body, failure in parsed]


def _load_files(files: list[tuple[str, str]], shown_root: str) -> list[tuple[Any, list[Finding]]]:
    """load_file for every file, in order; in parallel when there are many and cores to spare.

    The other processes only parse (the C loader's time, most of the work) and send back
    plain values; records are made here: sending records would cost more than making them."""
    workers = min(_cores(), 4) if len(files) >= PARALLEL_FROM and _may_fork() else 1
    if workers < 2:
        return [load_file(path, rel, shown_root + rel) for path, rel in files]
    import concurrent.futures
    import multiprocessing

    # This process also makes every record (a record costs about a seventh of a parse), so
    # it parses fewer files: all finish together when m*(7+1) = 7*c, c being each other
    # process's share, (len - m) / (workers - 1).
    mine = 7 * len(files) // (8 * (workers - 1) + 7)
    size = -(-(len(files) - mine) // (workers - 1))
    chunks = [files[n:n + size] for n in range(mine, len(files), size)]
    try:
        pool = concurrent.futures.ProcessPoolExecutor(len(chunks), mp_context=multiprocessing.get_context("fork"),
                                                      initializer=_start_worker, initargs=(os.getpid(),))
        others = [pool.submit(_parse_chunk, chunk, shown_root) for chunk in chunks]
    except (OSError, ValueError, RuntimeError):  # no processes here (a sandbox): one is enough
        return [load_file(path, rel, shown_root + rel) for path, rel in files]
    with pool:
        loaded = [load_file(path, rel, shown_root + rel) for path, rel in files[:mine]]
        try:
            for chunk, future in zip(chunks, others):
                for (path, rel), (lines, values, body, failure) in zip(chunk, future.result()):
                    source = Source(path=path, shown=shown_root + rel, rel=rel, first_line=lines[0],
                                    body_line=lines[1], lines=lines[2], fill_lines=lines[3])
                    loaded.append(_record(source, values, body, failure))
        except concurrent.futures.process.BrokenProcessPool:
            return [load_file(path, rel, shown_root + rel) for path, rel in files]
        except BaseException:  # Ctrl-C, a signal the command made an exception, a bug: no worker outlives the read
            _stop_workers(pool)
            raise
    return loaded


def load_journal(root: Path, shown_base: Path | None = None, cache: LoadCache | None = None) -> Journal:
    with _no_cycle_collection():
        return _load_journal(root, shown_base, cache)


def _load_journal(root: Path, shown_base: Path | None, cache: LoadCache | None) -> Journal:
    """Read every record under the journal folder `root`.

    `shown_base` is the folder paths are shown relative to in findings (the project, so a
    finding reads "journal/goals/x.md:3"); by default the journal's parent.
    """
    root = Path(root).resolve()
    base = Path(shown_base).resolve() if shown_base else root.parent
    journal = Journal(root=root)
    first_of: dict[tuple[str, str], Source] = {}
    seen: set[str] = set()
    # shown paths: the journal's own path relative to `base`, then the file's path inside it
    try:
        shown_root = root.relative_to(base).as_posix()
    except ValueError:
        shown_root = root.as_posix()
    shown_root = "" if shown_root == "." else shown_root + "/"
    files, links = _walk(root)
    journal.findings.extend(_links_outside(links, root.parent, shown_root, root))
    if cache is None:  # one-off reads (trellis check) need no stamps
        loaded = _load_files(files, shown_root)
    else:
        seen.update(path for path, _ in files)
        loaded = [cache.get(path, rel, shown_root + rel) for path, rel in files]
    for (path, rel), (record, found) in zip(files, loaded):
        journal.findings.extend(found)
        if record is None:
            if record_kind(rel) == "contacts" and found:  # fail closed: the person stays known, as private
                source = Source(path=path, shown=shown_root + rel, rel=rel)
                journal.withheld.append(salvage.salvage(path, record_id(rel), source, found[0]))
            continue
        if isinstance(record, Plan):
            journal.plan = record
            continue
        kind = record_kind(rel)
        earlier = first_of.get((kind, record.id))
        if earlier is not None:
            taken = finding(
                "FILE-6", record.source, 1, f"{kind[:-1]} id '{record.id}' is also used by {earlier.shown}",
                "rename one of the two files: a record's id is its file name")
            journal.findings.append(taken)
            if kind == "contacts":
                journal.withheld.append(salvage.duplicate(record, taken))
            continue
        first_of[(kind, record.id)] = record.source
        if kind == "goals":
            journal.goals[record.id] = record
        elif kind == "contacts":
            journal.contacts[record.id] = record
        else:
            journal.entries.append(record)
    if cache is not None:
        cache.forget_missing(seen)
    journal.entries.sort(key=lambda e: (e.date or dt.date.min, e.id))
    return journal
