"""The addresses Trellis' pages link to: a record's page by its path in the journal, relative to
the page that links to it, as MkDocs writes a link between two pages."""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..locating import JournalPlace


class PageLinks:
    """One build's links: each target's address found once a build, and its address from a page
    worked out once a page."""

    def __init__(self) -> None:
        self._urls: dict[str, str | None] = {}  # a file's address, by its path in the journal

    def on(self, page: Page, files: Files, place: JournalPlace) -> Callable[[str], str]:
        """`link(src_uri)` for `page`: the address of the page made of `src_uri` (a path inside the
        journal, with an #anchor or not) from `page`, or "#" where the build has no such page."""
        relative: dict[str, str | None] = {}

        def link(src_uri: str) -> str:
            path, hash_, anchor = src_uri.partition("#")
            if path not in relative:
                if path not in self._urls:
                    target = files.get_file_from_path(place.site_path(path))
                    self._urls[path] = target.url if target else None
                url = self._urls[path]
                relative[path] = get_relative_url(url, page.url) if url is not None else None
            address = relative[path]
            return address + hash_ + anchor if address is not None else "#"

        return link
