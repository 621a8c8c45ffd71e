"""Who a contact id or a name means: "did you mean" for an id no file has, and CONTACT-9 for
two files that look like the same person.

A mistyped id (`daniel-okafur`) is far more often a typo of a known person than a person
still to be written, so the fix names the close ids and names first and the create hint after.
Names are compared folded (case, accents and runs of spaces ignored), so `trellis new contact`
and CONTACT-9 agree on what "the same name" is.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..catalog import finding
from ..model import Contact, Finding, Journal, fold

MAX_SUGGESTIONS = 3
CLOSE = 0.75  # difflib's similarity ratio from which an id or a name counts as close


@functools.lru_cache(maxsize=65536)  # asked of every contact for each unknown id
def name_key(name: str | None) -> str:
    """A person's name compared loosely: "  Zoë  ODEGARD" and "zoe odegard" are one key."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    return fold("".join(c for c in decomposed if not unicodedata.combining(c)))  # the model's fold, accents gone


def _file_order(contact: Contact) -> str:
    """Contacts in the order of their files, a name before its `-2`: jonas-becker, jonas-becker-2."""
    return contact.source.rel.removesuffix(".md")


def same_name(journal: Journal, name: str) -> list[Contact]:
    """The contacts whose name is `name`, folded; in file order."""
    key = name_key(name)
    return sorted((c for c in journal.contacts.values() if key and name_key(c.name) == key), key=_file_order)


def close_contacts(journal: Journal, cid: str) -> list[Contact]:
    """Up to three known contacts whose id, or whose name, is close to the unknown id `cid`
    (the closest first); none when nothing is close."""
    by_name: dict[str, list[str]] = {}
    for contact in journal.contacts.values():
        key = name_key(contact.name)
        if key:
            by_name.setdefault(key, []).append(contact.id)
    typed = cid.strip()
    as_name = name_key(typed.replace("-", " ").replace("_", " ").replace(".", " "))
    score: dict[str, float] = {}
    for other in difflib.get_close_matches(typed, list(journal.contacts), n=MAX_SUGGESTIONS, cutoff=CLOSE):
        score[other] = difflib.SequenceMatcher(None, typed, other).ratio()
    for key in difflib.get_close_matches(as_name, list(by_name), n=MAX_SUGGESTIONS, cutoff=CLOSE):
        ratio = difflib.SequenceMatcher(None, as_name, key).ratio()
        for other in by_name[key]:
            score[other] = max(score.get(other, 0.0), ratio)
    best = sorted(score, key=lambda other: (-score[other], other))[:MAX_SUGGESTIONS]
    return [journal.contacts[other] for other in best]


def unknown_contact_fix(journal: Journal, cid: str, create: str) -> str:
    """The fix for an id no contact file has: "did you mean ...?" when known ids or names are
    close, then `create` (how to add the person)."""
    close = close_contacts(journal, cid)
    if not close:
        return create
    shown = [f"{c.id} ({c.name})" if c.name and c.name != c.id else c.id for c in close]
    listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"
    return f"did you mean {listed}? If not, {create}"


def _profile(address: str) -> str:
    """A profile link compared loosely: scheme, `www.`, case and a trailing slash ignored."""
    try:
        parts = urlsplit(address.strip())
    except ValueError:
        return ""
    host = parts.netloc.casefold().removeprefix("www.")
    if not host:
        return ""
    return f"{host}{parts.path.rstrip('/')}".casefold()


def _same(a: Contact, b: Contact) -> tuple[str, tuple] | None:
    """What two contacts of one name also share ("e-mail x", "linkedin link y"), and the key
    of `a` that holds it; None when nothing."""
    theirs = {e.strip().casefold() for e in b.emails if e.strip()}
    for email in a.emails:
        if email.strip().casefold() in theirs:
            return f"e-mail {email.strip()}", ("email",)
    profiles = {_profile(link) for link in b.links.values()} - {""}
    for label, link in a.links.items():
        if _profile(link) in profiles:
            return f"{label} link {link.strip()}", ("links", label)
    return None


def check_duplicates(journal: Journal) -> Iterator[Finding]:
    """CONTACT-9: a contact file with the same name as an earlier one (in file order) and the
    same e-mail or profile link: most likely one person written twice (by hand and by an import)."""
    groups: dict[str, list[Contact]] = {}
    for contact in journal.contacts.values():
        key = name_key(contact.name)
        if key:
            groups.setdefault(key, []).append(contact)
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=_file_order)
        for index, contact in enumerate(group):
            for earlier in group[:index]:
                same = _same(contact, earlier)
                if same is None:
                    continue
                shared, where = same
                src = contact.source
                yield finding(
                    "CONTACT-9",
                    src,
                    src.line(*where),
                    f"{earlier.source.rel} and {src.rel} look like the same person (same name and {shared})",
                    f"merge them into {earlier.source.rel} and delete {src.rel} (then write "
                    f"{earlier.id} wherever {contact.id} is used), or, if they are two people, "
                    "tell them apart in name: (a middle initial) and correct the shared e-mail or link",
                )
                break
