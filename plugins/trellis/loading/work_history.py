"""`past_companies:` of a contact: where they worked before, as a list of mappings.

    past_companies:
      - company: Analytical Engines
        role: Engineer
        until: 2026-12-07

`trellis import --apply-changes` writes one when an export shows a person moved (the old
company and role, until the day of the import); the user may write them by hand too. Each
item needs a company or a role (text); `until` is a date when given. Anything else is a
CONTACT-10 finding on the item's line, and that item is left out (the others are read).
"""

from __future__ import annotations

from typing import Any

from ..catalog import finding
from ..model import Finding, PastCompany, Source
from .fields import BAD, OutOfBounds, as_date, as_text, out_of_bounds, short, type_name

KEYS = ("company", "role", "until")
FIX = "write a list of mappings, e.g. past_companies: [{company: Acme, role: Engineer, until: 2026-05-31}]"


def read_past_companies(raw: Any, source: Source, found: list[Finding]) -> tuple[list[PastCompany], bool]:
    """(the items that could be read, whether all could)."""
    if raw is None:
        return [], True
    if not isinstance(raw, list):
        found.append(
            finding(
                "CONTACT-10",
                source,
                source.line("past_companies"),
                f"past_companies should be a list, not {type_name(raw)}",
                FIX,
            )
        )
        return [], False
    out: list[PastCompany] = []
    ok = True
    for n, item in enumerate(raw):
        read = _item(item, n, source, found)
        if read is None:
            ok = False
        else:
            out.append(read)
    return out, ok


def _item(item: Any, n: int, source: Source, found: list[Finding]) -> PastCompany | None:
    where = ("past_companies", n)

    def bad(message: str, fix: str = FIX, *key: str) -> None:
        found.append(
            finding("CONTACT-10", source, source.line(*where, *key), f"past_companies[{n + 1}] {message}", fix)
        )

    if not isinstance(item, dict):
        bad(f"should be a mapping of company, role and until, not {type_name(item)} ({short(item)})")
        return None
    unknown = [str(k) for k in item if k not in KEYS]
    if unknown:
        bad(f"has an unknown key '{short(unknown[0])}'", "use only company, role and until", unknown[0])
        return None
    texts = {}
    for key in ("company", "role"):
        value = as_text(item[key]) if item.get(key) is not None else ""
        if value is BAD:
            bad(f"{key} should be text, not {type_name(item[key])}", f'write e.g. {key}: "Acme"', key)
            return None
        texts[key] = value
    if not texts["company"] and not texts["role"]:
        bad("names neither a company nor a role", FIX)
        return None
    until = None
    if item.get("until") is not None:
        until = as_date(item["until"])
        if isinstance(until, OutOfBounds):
            found.append(out_of_bounds(until, source, (*where, "until"), item["until"]))
            return None
        if until is BAD:
            bad(f"until ({short(item['until'])}) is not a date", "write the last day there as YYYY-MM-DD", "until")
            return None
    return PastCompany(texts["company"], texts["role"], until)
