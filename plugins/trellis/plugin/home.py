"""The owner view's home and navigation: the Today dashboard at the journal's home address, and
the navigation ordered by use. The public view is left as it is (its home is the user's own page).

The user's own home page (index.md or README.md at the journal's top) stays reachable in the
owner view at `home/`, named "Home page" in the navigation; its links keep working, as MkDocs
writes them from the page's new address. When `home/` is a page of the user's own already, or
a page of yours at a generated page's address wins), nothing moves and the dashboard keeps its
own address, `today/`. A `today.md` of the user's own keeps `today/`, and the dashboard still
takes the home (its source is then named apart: generated.py).

The navigation MkDocs makes from the files is alphabetical; in the owner view Trellis' pages come
first in the order they are used (USE_ORDER), then the user's own pages in their order. A `nav:`
written in mkdocs.yml is the user's choice and is kept exactly as written, its titles too
(`keep_written_titles`: MkDocs gives a nav title only to the pages it makes itself).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..locating import JournalPlace
from ..rendering import PageSpec, safe_title

HOME_PAGE_TITLE = "Home page"
HOME_PAGE_PATH = "home.md"  # where the user's own home page goes in the owner view (served at home/)
# Trellis' pages in the owner view's navigation, by their titles: what a day asks for first
USE_ORDER = ("Today", "Reach out", "Progress", "Goals", "Contacts", "Network", "Journal", "Review", "Checks", "Plan")


def _dest(config: MkDocsConfig, site_uri: str) -> str:
    return File.generated(config, site_uri, content="").dest_uri


def make_room(files: Files, config: MkDocsConfig, place: JournalPlace) -> tuple[str | None, File | None]:
    """Free the journal's home for the dashboard (owner view): the address (dest_uri) the Today
    page takes, or None when it keeps its own; and the user's home page, moved to home/, if any."""
    home = _dest(config, place.site_path("index.md"))
    pages = {f.dest_uri: f for f in files if f.is_documentation_page()}
    own = pages.get(home)
    if own is None:
        return home, None  # a journal without index.md: the dashboard is the home
    moved = _dest(config, place.site_path(HOME_PAGE_PATH))
    if moved in pages:
        return None, None  # home/ is taken too: nothing moves
    for cached in ("url", "abs_dest_path"):  # computed from dest_uri once; computed anew from the new one
        own.__dict__.pop(cached, None)
    own.dest_uri = moved
    return home, own


def owner_nav(nav: Navigation, specs: Mapping[str, PageSpec], own_home: File | None, *, written: bool) -> Navigation:
    """The owner view's navigation, unless the user wrote one: Trellis' pages first in USE_ORDER,
    then the user's own in the order MkDocs gave them, the moved home page named "Home page"."""
    if written:  # its titles too: the user named their home page there
        return nav
    if own_home is not None and isinstance(own_home.page, Page):
        own_home.page.title = HOME_PAGE_TITLE

    def rank(item: object) -> int:
        title = _trellis_title(item, specs)
        if title is None:
            return len(USE_ORDER) + 1  # the user's own pages, after Trellis' own
        return USE_ORDER.index(title) if title in USE_ORDER else len(USE_ORDER)

    def order(items: list) -> list:  # stable: the user's pages keep their order
        for item in items:
            if isinstance(item, Section):  # a journal in a folder of a larger site (journal_dir)
                item.children = order(item.children)
        return sorted(items, key=rank)

    items = order(nav.items)
    pages = [p for item in items for p in _pages(item)]
    for i, page in enumerate(pages):
        page.previous_page = pages[i - 1] if i > 0 else None
        page.next_page = pages[i + 1] if i + 1 < len(pages) else None
    return Navigation(items, pages)


def keep_written_titles(nav: Navigation, written: list, specs: Mapping[str, PageSpec]) -> None:
    """Trellis' pages take the titles a `nav:` written in mkdocs.yml gives them (both views):
    MkDocs applies a nav title only to a page it makes itself, and Trellis' pages are made
    before the nav is read. The titles are mkdocs.yml's, redacted in the public view already."""
    titles: dict[str, str] = {}

    def walk(items: object) -> None:
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, str) and isinstance(title, str):
                        titles.setdefault(value, title)
                    else:
                        walk(value)

    walk(written)
    for page in nav.pages:
        title = titles.get(page.file.src_uri)
        if title is not None and page.file.src_uri in specs:
            page.title = safe_title(title)  # the theme prints it unescaped, as the page's own


def without_owner_pages(written: list, place: JournalPlace, files: Files, shows_page: Callable[[str], bool]) -> list:
    """A `nav:` written in mkdocs.yml, for the public view: without its entries for Trellis'
    owner-only pages (`today.md`, as the guide suggests, `reach-out.md`, `checks.md`,
    `review/...`) where no page of the user's own lies. MkDocs would keep each as a link to a
    page that is not there and warn, which stops a `--strict` build."""

    def owner_only(path: str) -> bool:
        rel = place.journal_path(path)
        if rel is None or files.get_file_from_path(path) is not None:
            return False
        first = rel.split("/", 1)[0]
        return not shows_page(first[:-3] if first.endswith(".md") else first)

    def keep(items: list) -> list:
        kept: list = []
        for item in items:
            if isinstance(item, str):
                if not owner_only(item):
                    kept.append(item)
            elif isinstance(item, dict):
                entry = {}
                for title, value in item.items():
                    if isinstance(value, str) and owner_only(value):
                        continue
                    entry[title] = keep(value) if isinstance(value, list) else value
                if entry:
                    kept.append(entry)
            else:
                kept.append(item)
        return kept

    return keep(written)


def _pages(item: object) -> list[Page]:
    if isinstance(item, Page):
        return [item]
    if isinstance(item, Section):
        return [p for child in item.children for p in _pages(child)]
    return []


def _trellis_title(item: object, specs: Mapping[str, PageSpec]) -> str | None:
    """The title of a top-level item Trellis made: its page's, or a section's holding only Trellis'
    pages (an index at goals/index.md is a section "Goals"); None for the user's own."""
    if isinstance(item, Page):
        spec = specs.get(item.file.src_uri)
        return spec.title if spec is not None else None
    if isinstance(item, Section):
        leaves = _pages(item)
        if leaves and all(p.file.src_uri in specs for p in leaves):
            return item.title
    return None
