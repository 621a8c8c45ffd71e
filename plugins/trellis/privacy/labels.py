"""How a person who did not agree to be named is shown ("an engineering manager in
fintech"), and which of their qualities a public aggregate may show (k-anonymity: FEW_TO_SHOW)."""

from __future__ import annotations

from collections.abc import Callable

from ..model import QUALITY_FIELDS, Contact, fold
from ..roles import OTHER as NO_ROLE
from ..roles import Taxonomy, taxonomy

# A company, role, sector, location or skill is shown in public only where it picks out
# nobody: held by no one who is unnamed there, or by at least this many unnamed people.
# "Sato Design Studio (1)" names its one person as surely as their name; so does a
# self-named business, and a role "Brooklyn Cole Consulting" holds a name outright.
FEW_TO_SHOW = 3
QUALITIES = QUALITY_FIELDS
OTHER = "other"


def _article(phrase: str) -> str:
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


def describe(
    contact: Contact, shows: Callable[[str, str], bool] = lambda quality, value: True, roles: Taxonomy | None = None
) -> str:
    """A person who did not agree to be named: "an engineering manager in fintech", with only
    the qualities `shows` allows ("someone in fintech", "someone"). The role is the title's role
    by meaning (`roles.py`: a Head of Engineering is "an engineering manager"), never the title
    as written: a title is as good as a name for picking one person out."""
    role = (roles or taxonomy()).classify(contact.role)
    role = role if role != NO_ROLE and shows("role", role) else ""
    sector = " ".join(contact.sector.split()) if shows("sector", contact.sector) else ""
    who = _article(role) if role else "someone"
    return f"{who} in {sector}" if sector else who


def quality_values(contact: Contact, quality: str, roles: Taxonomy | None = None) -> set[str]:
    """The folded values of one quality of a contact (skills is a list; the rest one text); a
    role is its role by meaning (`roles.py`), "other" included."""
    value = getattr(contact, quality)
    if quality == "role":
        return {(roles or taxonomy()).classify(value)} if isinstance(value, str) and fold(value) else set()
    return {fold(v) for v in (value if isinstance(value, list) else [value]) if isinstance(v, str) and fold(v)}
