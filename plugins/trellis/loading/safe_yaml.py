"""Safe YAML: a file's frontmatter to values, every key with its line.

Nothing here raises on bad input but `Unreadable`, which carries the finding. YAML is
composed to nodes (with the C loader where PyYAML has it) and turned into Python values
here, so that

* every key keeps its line number,
* a date such as 2026-02-30, which YAML's own constructor raises on, stays a string
  that the record's date field then reports,
* only `true` and `false` are booleans (YAML 1.2): `public: yes` stays text, and
* a value built from aliases is measured on the node graph (shared nodes are counted
  once per use, with memoisation) before anything walks it: an "alias bomb" that would
  expand to millions of items is reported and never expanded, printed or serialised.

That careful way is for the files that need it. Ordinary ones (no alias, no deep
nesting, plain keys) take the C loader's values as they are, and their line map is
composed only when a finding asks for a line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from ..catalog import finding
from ..model import Finding, Source
from .fields import type_name

try:  # the C loader is many times faster; fall back where PyYAML was built without libyaml
    from yaml import CSafeLoader as YamlLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as YamlLoader  # type: ignore[assignment]  # the same API, in Python


class _JournalLoader(YamlLoader):
    """YAML 1.2's booleans: only true and false. YAML 1.1 (PyYAML's default) also reads yes, no,
    on and off as booleans, so `public: yes` would publish a person nobody asked; here those
    words stay text, and the field that wants true or false reports them (FILE-12)."""


_JournalLoader.yaml_implicit_resolvers = {
    first: [
        (tag, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$") if tag == "tag:yaml.org,2002:bool" else regexp)
        for tag, regexp in resolvers
    ]
    for first, resolvers in YamlLoader.yaml_implicit_resolvers.items()
}

MAX_EXPANDED_ITEMS = 100_000  # no honest frontmatter comes near this
MAX_DEPTH = 64  # nor this
# libyaml's composer recurses in C: thousands of nested brackets crash the process, so
# text that could nest that deep is first measured with the (iterative) event parser.
_SAFE_NESTING_BOUND = 1000

_FRONTMATTER = frontmatter.YAMLHandler()
_SCALARS = yaml.constructor.SafeConstructor()


class Unreadable(Exception):
    """A file whose frontmatter can't become values; carries the finding."""

    def __init__(self, found: Finding):
        self.finding = found


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
    """The frontmatter's values, filling `source.lines`; raises Unreadable with a finding."""
    offset = source.first_line - 1  # YAML counts lines from the opening '---' line, from 0
    try:
        if _could_nest_deeply(text) and _nesting_depth(text) > MAX_DEPTH:
            raise Unreadable(
                finding(
                    "FILE-5",
                    source,
                    source.first_line,
                    f"values are nested more than {MAX_DEPTH} levels deep",
                    "flatten the frontmatter: lists of plain values are all Trellis reads",
                )
            )
        node = yaml.compose(text, Loader=_JournalLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = offset + (mark.line if mark else 0)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        if "nesting depth" in problem:  # libyaml 0.2.6 and later stop deep nesting themselves
            raise Unreadable(
                finding(
                    "FILE-5",
                    source,
                    line,
                    f"values are nested more than {MAX_DEPTH} levels deep",
                    "flatten the frontmatter: lists of plain values are all Trellis reads",
                )
            )
        raise Unreadable(
            finding(
                "FILE-3",
                source,
                line,
                f"the frontmatter is not valid YAML ({problem})",
                "check the indentation and quote values that contain ': ' or start with a special character",
            )
        )
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
        raise Unreadable(
            finding(
                "FILE-5",
                source,
                source.first_line,
                f"the values would expand to over {MAX_EXPANDED_ITEMS:,} items through YAML aliases",
                "remove the anchors (&) and aliases (*): write each value out once",
            )
        )
    try:
        return _values(node, (), source.lines, offset)
    except TypeError as err:
        raise Unreadable(
            finding("FILE-4", source, int(err.args[0]), "a key is a list or a mapping", "use plain words as keys")
        )
    except (ValueError, RecursionError):
        raise Unreadable(
            finding(
                "FILE-5",
                source,
                source.first_line,
                f"values are nested more than {MAX_DEPTH} levels deep",
                "flatten the frontmatter: lists of plain values are all Trellis reads",
            )
        )


def split_file(path: str | Path, source: Source) -> tuple[dict, str]:
    """(frontmatter values, body) of a file; raises Unreadable."""
    try:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise Unreadable(
            finding("FILE-1", source, 1, f"the file is not UTF-8 text ({err.reason})", "save it with UTF-8 encoding")
        )
    except OSError as err:
        raise Unreadable(
            finding(
                "FILE-1", source, 1, f"the file can't be read ({err.strerror})", "check that it exists and is readable"
            )
        )
    source.text = text
    return split_text(text, source)


def split_text(text: str, source: Source) -> tuple[dict, str]:
    """(frontmatter values, body) of a file's text (also an old version of it, from git); raises Unreadable."""
    opening = _FRONTMATTER.FM_BOUNDARY.match(text)
    if not opening:
        raise Unreadable(
            finding(
                "FILE-2",
                source,
                1,
                "the file has no frontmatter",
                "start it with a line '---', the YAML keys, and another '---'",
            )
        )
    try:
        fm, body = _FRONTMATTER.split(text)
    except ValueError:
        raise Unreadable(
            finding("FILE-2", source, 1, "the frontmatter is not closed", "end the YAML keys with a line '---'")
        )
    source.first_line = text.count("\n", 0, opening.end()) + 2
    source.body_line = source.first_line + fm.count("\n")
    values = _read_yaml_fast(fm, source)
    if values is None:
        values = _read_yaml(fm, source)
    if not isinstance(values, dict):
        raise Unreadable(
            finding(
                "FILE-4",
                source,
                source.first_line,
                f"the frontmatter is a {type_name(values)}, not keys with values",
                "write one 'key: value' per line",
            )
        )
    return values, body
