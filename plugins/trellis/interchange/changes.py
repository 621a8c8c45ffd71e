"""What an export says differently about someone already in the journal, and how it is applied.

`detect` compares one imported person with their contact record: a company or role
(`position`) that differs (case and spacing aside), an e-mail or phone the contact does not
have yet (phones compared by their digits), a link under a key the contact already has but
at another address (scheme, `www.` and a trailing `/` aside). An empty field in the journal is
no change: the importer fills it, as it always has.

`apply` writes them into the contact file's text, line by line like `writing.fill_fields`
(the user's comments, key order and body are kept):

* the old company and role become one more item of `past_companies:` (a list of
  `{company, role, until}`, `until` the day of the import), then `company:` and `role:` take
  the new values (a new company without a role empties `role:`; the old one is in the item);
* the new e-mails and phones come first, and the addresses the contact had follow, kept:
  `email: ada@old.example` becomes `email: [ada@new.example, ada@old.example]`;
* a link's new address takes its key and the old one is kept under `KEY-old` (`website-old`).

Before anything is written the new text is read back with the journal's own loader and must
say exactly what was meant (only those fields changed, the body the same); a file the edit
cannot be sure of (a flow-style frontmatter, an anchor, a value on several lines) is left
alone and reported, for the user to edit by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..loading.safe_yaml import Unreadable, split_text
from ..model import Contact, Source, fold
from ..writing import yaml_value
from .people import Person

_KEY = re.compile(r"^([A-Za-z_][\w-]*):")


@dataclass(frozen=True)
class Change:
    field: str  # company | role | email | phone | links.KEY
    old: str
    new: str

    def __str__(self) -> str:
        label = {"email": "e-mail"}.get(self.field, self.field)
        kept = ", old kept" if self.field in ("email", "phone") or self.field.startswith("links.") else ""
        return f"{label} {self.old or 'none'} -> {self.new or 'none'}{kept}"


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone).lstrip("0")


def link_key(url: str) -> str:
    """A web address compared without scheme, `www.`, trailing slash or case."""
    text = url.strip()
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text, flags=re.IGNORECASE)
    return text.removeprefix("www.").removeprefix("WWW.").rstrip("/").casefold()


def _added(imported: list[str], had: list[str], key) -> list[str]:
    have = {key(v) for v in had}
    return [v for v in imported if key(v) and key(v) not in have]


def detect(contact: Contact, person: Person) -> list[Change]:
    """The fields `person` (from an export) says differently from `contact` (see the module)."""
    changes: list[Change] = []
    moved = bool(fold(person.company) and fold(contact.company) and fold(person.company) != fold(contact.company))
    if moved:
        changes.append(Change("company", contact.company, person.company))
    if fold(contact.role) and fold(person.role) != fold(contact.role) and (fold(person.role) or moved):
        changes.append(Change("role", contact.role, person.role))
    for name, imported, had, key in (
        ("email", person.emails, contact.emails, fold),
        ("phone", person.phones, contact.phones, _digits),
    ):
        new = _added(imported, had, key)
        if new and had and name not in contact.invalid:
            changes.append(Change(name, ", ".join(had), ", ".join(new)))
    if "links" not in contact.invalid:
        for k, url in person.links.items():
            old = contact.links.get(k)
            if isinstance(old, str) and old and link_key(url) and link_key(url) != link_key(old):
                changes.append(Change(f"links.{k}", old, url))
    return changes


# the text ------------------------------------------------------------------------------


class _Frontmatter:
    """The frontmatter's lines, and where each top-level key's value runs."""

    def __init__(self, text: str):
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.lines = text.split(self.newline)
        if not self.lines or self.lines[0].lstrip("\ufeff").strip() != "---":
            raise ValueError("no frontmatter")
        self.close = next(i for i in range(1, len(self.lines)) if self.lines[i].strip() in ("---", "..."))

    def at(self, key: str) -> int | None:
        return next((i for i in range(1, self.close) if (m := _KEY.match(self.lines[i])) and m.group(1) == key), None)

    def end(self, at: int) -> int:
        """The line after the value of the key on line `at` (its indented or `-` lines)."""
        n = at + 1
        while n < self.close and self.lines[n].strip() and self.lines[n].startswith((" ", "\t", "-")):
            n += 1
        return n

    def put(self, key: str, value_lines: list[str]) -> None:
        """`key`'s lines replaced by `value_lines` (the first keeps the old line's comment), or added at the end."""
        at = self.at(key)
        if at is None:
            self.lines[self.close : self.close] = value_lines
        else:
            first = value_lines[0] + _comment(self.lines[at], key)
            self.lines[at : self.end(at)] = [first, *value_lines[1:]]
        self.close = next(i for i in range(1, len(self.lines)) if self.lines[i].strip() in ("---", "..."))

    def text(self) -> str:
        return self.newline.join(self.lines)


def _comment(line: str, key: str) -> str:
    """The comment at the end of a `key: value` line (with the spaces before it), or ""."""
    for match in re.finditer(r"\s+#", line):
        try:
            value = yaml.safe_load(line[: match.start()])
        except yaml.YAMLError:
            continue
        if isinstance(value, dict) and key in value:
            return line[match.start() :]
    return ""


def _block_items(fm: _Frontmatter, key: str) -> tuple[str, bool]:
    """(the indent of `key`'s block list items, whether it is a block list)."""
    at = fm.at(key)
    if at is None or fm.lines[at].split(":", 1)[1].split("#", 1)[0].strip():
        return "  ", False
    for line in fm.lines[at + 1 : fm.end(at)]:
        if line.lstrip().startswith("-"):
            return line[: len(line) - len(line.lstrip())], True
    return "  ", False


def _list_lines(fm: _Frontmatter, key: str, values: list) -> list[str]:
    indent, block = _block_items(fm, key)
    if not block:
        return [f"{key}: {yaml_value(values[0] if len(values) == 1 and key != 'past_companies' else values)}"]
    return [f"{key}:"] + [f"{indent}- {yaml_value(v)}" for v in values]


def _past_lines(fm: _Frontmatter, item: dict, existing: list) -> list[str]:
    at = fm.at("past_companies")
    indent, block = _block_items(fm, "past_companies")
    if at is not None and not block and existing:  # a flow list: written again, with the item
        return [
            f"past_companies: [{', '.join(_flow(i) if isinstance(i, dict) else yaml_value(i) for i in [*existing, item])}]"
        ]
    lines = [] if block else ["past_companies:"]
    for n, (k, v) in enumerate(item.items()):
        lines.append(f"{indent}{'- ' if n == 0 else '  '}{k}: {yaml_value(v)}")
    if block:  # appended after the existing items, the key's line and items kept as they are
        assert at is not None
        end = fm.end(at)
        fm.lines[end:end] = lines
        fm.close += len(lines)
        return []
    return lines


def _values(text: str) -> tuple[dict, str]:
    return split_text(text.removeprefix("\ufeff"), Source("", "", ""))  # read as the loader reads it (utf-8-sig)


def _flow(mapping: dict) -> str:
    """A flow mapping in the order given (yaml's own dump sorts the keys)."""
    return "{" + ", ".join(f"{yaml_value(k)}: {yaml_value(v)}" for k, v in mapping.items()) + "}"


def apply(text: str, contact: Contact, person: Person, changes: list[Change], until: dt.date) -> str | None:
    """The contact file's text with `changes` written in (see the module), or None when the
    result would not read back as exactly that (the file is then left as it is)."""
    if not changes:
        return text
    try:
        old, body = _values(text)
        fm = _Frontmatter(text)
    except (Unreadable, ValueError, StopIteration):
        return None
    expected: dict[str, Any] = dict(old)
    fields = {c.field for c in changes}
    if fields & {"company", "role"}:
        existing = old.get("past_companies") or []
        if not isinstance(existing, list) or "past_companies" in contact.invalid:
            return None
        item: dict[str, Any] = {k: v for k, v in (("company", contact.company), ("role", contact.role)) if v}
        item["until"] = until
        expected["past_companies"] = [*existing, item]
        added = _past_lines(fm, item, existing)
        if added:
            fm.put("past_companies", added)
        for c in changes:
            if c.field in ("company", "role"):
                expected[c.field] = c.new
                fm.put(c.field, [f"{c.field}: {yaml_value(c.new)}"])
    for name, imported, key in (("email", person.emails, fold), ("phone", person.phones, _digits)):
        if name in fields:
            had = getattr(contact, name + "s")
            values = [*imported, *[v for v in had if key(v) not in {key(i) for i in imported}]]
            expected[name] = values
            fm.put(name, _list_lines(fm, name, values))
    links = [c for c in changes if c.field.startswith("links.")]
    if links:
        if not _put_links(fm, links, contact):
            return None
        expected["links"] = _links_after(old.get("links") or {}, links)
    result = fm.text()
    try:
        new, new_body = _values(result)
    except Unreadable:
        return None
    if new_body != body or _normal(new) != _normal(expected):
        return None
    return result


def keeps(old_text: str, new_text: str) -> bool:
    """Whether `new_text` still reads as everything `old_text` said, and the same body: what
    filling empty fields may do (a value that was empty may now hold one, a key may be added).
    A frontmatter written as one flow mapping, say, is not one `fill_fields` can add lines to."""
    try:
        old, body = _values(old_text)
        new, new_body = _values(new_text)
    except Unreadable:
        return False
    return new_body == body and _kept(old, new)


def _kept(old: Any, new: Any) -> bool:
    """`new` says all `old` says: equal, or `old` was empty, or a mapping whose keys all are kept."""
    if old in (None, "", [], {}):
        return True
    if isinstance(old, dict):
        return isinstance(new, dict) and all(_kept(v, new.get(k)) for k, v in old.items())
    return bool(old == new)


def _normal(values: dict) -> dict:
    """Values compared as the loader reads them: one e-mail or phone as a one-item list."""
    out = dict(values)
    for key in ("email", "phone"):
        if isinstance(out.get(key), str):
            out[key] = [out[key]]
    return out


def _old_key(key: str, taken) -> str:
    name, n = f"{key}-old", 2
    while name in taken:
        name, n = f"{key}-old-{n}", n + 1
    return name


def _links_after(links: dict, changes: list[Change]) -> dict:
    out: dict = {}
    for k, v in links.items():
        change = next((c for c in changes if c.field == f"links.{k}"), None)
        if change is None:
            out[k] = v
            continue
        out[k] = change.new
        out[_old_key(k, set(links) | set(out))] = v
    return out


def _put_links(fm: _Frontmatter, changes: list[Change], contact: Contact) -> bool:
    at = fm.at("links")
    if at is None:
        return False
    if fm.lines[at].split(":", 1)[1].split("#", 1)[0].strip():  # a flow mapping: written again
        try:
            links = yaml.safe_load(fm.lines[at].split(":", 1)[1]) or {}
        except yaml.YAMLError:
            return False
        if not isinstance(links, dict):
            return False
        fm.put("links", [f"links: {_flow(_links_after(links, changes))}"])
        return True
    taken = set(contact.links)
    for c in changes:
        k = c.field.removeprefix("links.")
        line = next(
            (i for i in range(at + 1, fm.end(at)) if re.match(rf"^(\s+){re.escape(k)}:\s*\S", fm.lines[i])), None
        )
        if line is None:
            return False
        indent = fm.lines[line][: len(fm.lines[line]) - len(fm.lines[line].lstrip())]
        old_key = _old_key(k, taken)
        taken.add(old_key)
        fm.lines[line : line + 1] = [f"{indent}{k}: {yaml_value(c.new)}", f"{indent}{old_key}: {yaml_value(c.old)}"]
        fm.close += 1
    return True
