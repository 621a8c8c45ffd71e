"""What a generated page is before it is rendered: its address, title, template, context and
the inputs that decide whether its HTML can be reused under `mkdocs serve`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DESCRIPTIONS = {
    "progress.html": "Networking goals checked against the SMART rules, and how far each one got.",
    "network.html": "The network: who I know, how well, and where the gaps are against the network I want.",
    "journal.html": "A networking journal, month by month.",
    "plan.html": "The big picture: the network I want and the companies I would love to work for.",
}


@dataclass
class PageSpec:
    src_uri: str  # e.g. "goals/x.md": the page is served at goals/x/
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    in_nav: bool = False
    owner_only: bool = False
    description: str = ""  # the page's <meta name="description">, for search engines and link previews
    searchable: bool = True  # False: left out of the site's search index (each row has a page of its own there)
    # Everything the page's HTML is made from, when that is cheap to say (contact pages: the
    # records themselves, which the load cache keeps as the same objects while their files
    # are unchanged). Under serve, equal inputs mean the HTML of the last rebuild is reused.
    inputs: tuple | None = None

    def __post_init__(self) -> None:
        self.description = self.description or DESCRIPTIONS.get(self.template, self.title)
