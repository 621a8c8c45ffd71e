"""The files Trellis adds to a build, one function a kind: the pages, the assets, the calendar.

A generated page's markdown is only its frontmatter, held in memory; its file on disk (for
other plugins: page_sources.py) is written only if something asks for it, and its HTML comes
in at on_page_content. A page of the user's own at a generated page's address wins; so does
a file of theirs where the calendar would go.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..interchange.calendar import SITE_PATH as CALENDAR_PATH
from ..interchange.calendar import journal_calendar
from ..locating import JournalPlace
from ..memo import Kept
from ..pipeline import Analysis
from ..privacy.view import View
from ..rendering import PageSpec, Renderer, safe_title, site_pages
from ..rendering.today_page import SITE_PATH as TODAY_PATH
from .page_sources import PageSources
from .paths import language_folder, shown_docs_dir

DASHBOARD_SOURCE = "trellis-today.md"  # the dashboard's source when today.md is the user's own

log = get_plugin_logger("trellis.plugin")

CSS_URI = "assets/trellis/trellis.css"
JS_URI = "assets/trellis/map.js"  # pan and zoom of the network map; the site works without it


class GeneratedPage(Page):
    """A page Trellis writes: its markdown is only a title, its HTML comes in on_page_content.

    MkDocs parses every page's frontmatter and makes a Markdown instance to render it
    (half a millisecond a page, a second for a journal of thousands of contacts); for
    these pages the header is already known and there is nothing to convert, so both are
    skipped, with the result MkDocs gives for a page with an empty body.
    """

    def __init__(self, file: File, config: MkDocsConfig, header: dict) -> None:
        super().__init__(None, file, config)
        self.header = header

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown, self.meta = "", dict(self.header)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


def page_files(
    analysis: Analysis,
    view: View,
    place: JournalPlace,
    sources: PageSources,
    files: Files,
    config: MkDocsConfig,
    home: str | None = None,
) -> tuple[list[File], dict[str, PageSpec]]:
    """The dashboard's pages, each with its spec by its path in the site; the Today page served
    at `home` (a dest_uri, the journal's home: home.py) when given."""
    made: list[File] = []
    specs: dict[str, PageSpec] = {}
    in_language = language_folder(config)
    # a page of yours at a generated page's address wins, whatever name MkDocs maps there
    # (progress.md, progress/index.md, progress/README.md): one page an address, in the nav once
    own_pages = {f.dest_uri: f for f in files if f.is_documentation_page()}
    for spec in site_pages(analysis, view):
        site_uri = place.site_path(spec.src_uri)
        if home is not None and spec.src_uri == TODAY_PATH and files.get_file_from_path(site_uri) is not None:
            # a today.md of the user's own keeps today/; the dashboard, served at the home, needs
            # a source path of its own (MkDocs keeps one file a source path)
            site_uri = place.site_path(DASHBOARD_SOURCE)
        # the theme prints both unescaped: safe_title escapes them
        header: dict = {"title": safe_title(spec.title), "description": safe_title(spec.description)}
        if not spec.searchable:
            header["search"] = {"exclude": True}
        inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
        content = f"---\n{json.dumps(header, ensure_ascii=False)}\n---\n"
        # other plugins (rss, i18n, git dates) read a page's abs_src_path: written when one does
        page_file = sources.file(config, site_uri, content, inclusion)
        if home is not None and spec.src_uri == TODAY_PATH:
            page_file.dest_uri = home
        own = own_pages.get(page_file.dest_uri)
        if own is not None:
            log.info(
                f"{shown_docs_dir(config)}/{own.src_uri} is your own page at {own.url or './'}, where Trellis "
                f"would put its {spec.title!r} page: Trellis leaves yours as it is"
            )
            continue
        page_file.dest_uri = in_language + page_file.dest_uri  # before the page reads its address
        GeneratedPage(page_file, config, header)  # sets page_file.page; the navigation keeps it
        made.append(page_file)
        specs[site_uri] = spec
    return made, specs


def asset_files(renderer: Renderer, config: MkDocsConfig) -> list[File]:
    """The stylesheet and the map's script, copied from the package's own files, which other plugins can read."""
    return [
        File.generated(config, uri, abs_src_path=str(renderer.asset_path(Path(uri).name))) for uri in (CSS_URI, JS_URI)
    ]


def calendar_file(
    analysis: Analysis, place: JournalPlace, files: Files, config: MkDocsConfig, memo: Kept
) -> File | None:
    """The owner's calendar (reach-out/trellis.ics), to subscribe to while serving; None where a
    file of the user's own lies. Never in a public build."""
    calendar_uri = place.site_path(CALENDAR_PATH)
    if files.get_file_from_path(calendar_uri) is not None:
        log.info(
            f"{shown_docs_dir(config)}/{calendar_uri} is your own file, where Trellis would serve "
            "its calendar: Trellis leaves yours as it is"
        )
        return None
    calendar = File.generated(config, calendar_uri, content=journal_calendar(analysis, memo))
    calendar.dest_uri = language_folder(config) + calendar.dest_uri
    return calendar
