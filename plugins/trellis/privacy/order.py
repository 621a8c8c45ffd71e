"""The network map's anonymous order: nodes numbered, placed and listed in an order that
says nothing about names."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field

from ..model import Journal


def anonymous_order(journal: Journal) -> _KeyedOrder:
    """A sort key for contact ids in an order that says nothing about their names: a keyed
    hash (HMAC-SHA256) whose key is made of what the public never sees (every contact's
    name, e-mail and phone; not the notes, so that editing them does not move the map).
    Stable from build to build while those are unchanged;
    without the key, nobody can tell from a node's place or number whose name sorts where.
    The map numbers, places and lists its nodes in this order."""
    secret = hashlib.sha256()
    for contact in sorted(journal.contacts.values(), key=lambda c: c.id):
        for value in (contact.id, contact.name, contact.email, contact.phone):
            secret.update(str(value or "").encode("utf-8", "surrogatepass") + b"\x00")
    return _KeyedOrder(secret.digest())


@dataclass(frozen=True)
class _KeyedOrder:
    key: bytes  # compared to tell whether a remembered layout used the same order
    # each id's hash, worked out once: goal pages sort what counted by it (400,000 calls a
    # build of a five-year journal, for 2,000 people)
    _known: dict = field(default_factory=dict, compare=False, repr=False)

    def __call__(self, contact_id: str) -> bytes:
        known = self._known.get(contact_id)
        if known is None:
            known = self._known[contact_id] = hmac.new(
                self.key, contact_id.encode("utf-8", "surrogatepass"), hashlib.sha256
            ).digest()
        return known
