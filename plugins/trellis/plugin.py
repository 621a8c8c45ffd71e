"""The MkDocs plugin: wires MkDocs' events to the pipeline, and nothing else.

on_startup  make `mkdocs serve` answer only requests addressed to the served host
on_config   choose the audience and today; per-build state starts afresh; the records
            are excluded from MkDocs' own pages (exclude_docs), whatever mkdocs.yml says
on_files    refuse record files Trellis did not read (even when switched off); load
            (cached between serve rebuilds), check, log findings; swap record
            files for generated pages; drop files the audience may not get; in the
            owner view, add the calendar (reach-out/trellis.ics); in public, redact
            mkdocs.yml's printed values and stop on pages (and texts Trellis renders)
            that include a record file
on_page_*   fill generated pages with rendered HTML; redact ordinary public pages (their
            title and tags too); in public, stop on another plugin's page that includes a record
on_env      under serve, keep the theme's compiled templates; the files the guard skips
            (an installed theme's own)
on_post_page  name the theme's search dialog (an accessibility fix); in public, redact the
            whole page last (nav, frame, other plugins' output such as the blog's excerpts)
on_post_template  in public, redact the theme's 404.html likewise
on_post_build  the privacy guard: scan every output file of a public build
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from . import clock, deploying, owner_build, serve_guard, stopping
from .calendar_export import SITE_PATH as CALENDAR_PATH
from .calendar_export import journal_calendar
from .config import WEEKDAYS, TrellisConfig
from .loading import LoadCache
from .nesting import page_problem
from .page_sources import PageSources
from .pipeline import Analysis, analyse
from .placement import (
    MARKDOWN_SUFFIXES,
    JournalPlace,
    linked_records,
    linked_records_message,
    unread_records,
    unread_records_message,
)
from .privacy import exclusion, surfaces
from .privacy.audience import (
    Audience,
    AudienceError,
    choose_audience,
    owner_build_warning,
    unguarded_deploy_refusal,
    unguarded_warning,
)
from .privacy.files import RECORD_FOLDERS
from .privacy.guard import leak_message, site_leaks
from .privacy.redaction import markup_stop_message
from .privacy.repository import repository_exposure, repository_is_public
from .privacy.view import View
from .rendering import (
    MarkdownMemo,
    PageSpec,
    Renderer,
    fix_theme_html,
    page_templates,
    safe_title,
    site_pages,
    templates_dir,
)
from .serve_cache import CompiledTemplates, PageCache

log = get_plugin_logger(__name__)

CSS_URI = "assets/trellis/trellis.css"
JS_URI = "assets/trellis/map.js"  # pan and zoom of the network map; the site works without it


class GeneratedPage(Page):
    """A page Trellis writes: its markdown is only a title, its HTML comes in on_page_content.

    MkDocs parses every page's frontmatter and makes a Markdown instance to render it
    (half a millisecond a page, a second for a journal of thousands of contacts); for
    these pages the header is already known and there is nothing to convert, so both are
    skipped, with the result MkDocs gives for a page with an empty body.
    """

    def __init__(self, file: File, config: MkDocsConfig, header: dict[str, str]) -> None:
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


class TrellisPlugin(BasePlugin[TrellisConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        # lives across `mkdocs serve` rebuilds because on_startup is defined
        self.cache = LoadCache()
        self.network_memo: dict = {}  # figures of the graph, reused while its inputs are unchanged
        self.calendar_memo: dict = {}  # the calendar's events as text, reused while each is unchanged
        self.page_cache = PageCache()  # outputs of unchanged generated pages (serve only)
        self.theme_code = CompiledTemplates()  # the theme's compiled templates (serve only)
        self.page_sources = PageSources()  # a file on disk for each generated page, outside the journal
        self._html_memo: dict[str, tuple[tuple, str]] = {}  # a page's inputs and its HTML (serve only)
        self._templates = page_templates()  # compiled once, reloaded when a template file changes
        self._markdown = MarkdownMemo()  # the user's markdown, each text converted once
        self.command: str | None = None
        self._said_exclusions = False  # the INFO line on exclude_docs, once a process
        self._reset()

    def _reset(self) -> None:
        self.audience = Audience.PUBLIC
        self.analysis: Analysis | None = None
        self.view: View | None = None
        self.specs: dict[str, PageSpec] = {}
        self.renderer: Renderer | None = None
        self._urls: dict[str, str | None] = {}  # a file's address, by its path in the journal (this build)
        self._theme_outputs: set[str] = set()  # files an installed theme brings: not read by the guard
        self._bodies: dict[str, str] = {}  # each page's body as Trellis redacted it (public view)
        self._pulled: dict[str, list[str]] = {}  # page -> record files an include brings into it
        self._checked: set[str] = set()  # pages whose includes were checked in on_files
        self._generated: list[File] = []  # the pages and assets Trellis added to this build
        self.place = JournalPlace()  # where the journal sits in docs_dir

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        if command == "gh-deploy":  # its push runs after the last plugin event
            deploying.one_line_push_failures()
        if command == "serve":  # a `kill` ends serve as Ctrl-C does: its copies of the owner view removed
            self._signals = stopping.signals_interrupt()
        # the server answers only requests addressed to it (serve_guard.py); set on the class before
        # serve makes its server, as on_serve is skipped under --no-livereload (and serve --clean
        # starts up as "build"); switched off too, as what is served then may be the raw journal.
        # The engine's (MkDocs' or ProperDocs') module, loaded by serve alone: a build imports nothing
        livereload = sys.modules.get(BasePlugin.__module__.rpartition(".")[0] + ".livereload")
        if livereload is not None:
            self._unguard = serve_guard.guard_servers(livereload.LiveReloadServer, report=log.warning, warn=log.warning)

    def on_shutdown(self) -> None:
        self.page_sources.remove()
        stopping.restore_signals(getattr(self, "_signals", {}))
        self._signals = {}
        getattr(self, "_unguard", lambda: None)()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()
        if self.command == "gh-deploy" and (
            refusal := deploying.deploy_refusal(config.remote_name, config.remote_branch)
        ):
            raise PluginError(refusal)  # before the build and the local gh-pages commit
        if not self.config.enabled:
            if self.command != "serve":  # a portfolio without its dashboards is no quiet change
                log.warning(
                    "the trellis plugin is switched off (enabled: false): this site holds your own pages "
                    "only, no dashboard; exclude_docs keeps the records out, and one it does not name stops "
                    "the build"
                )
            return None
        try:
            self.audience = choose_audience(self.config.audience, self.command)
            self.today = clock.today()
        except (AudienceError, clock.BadSourceDateEpoch) as err:
            raise PluginError(str(err)) from None
        if self.audience is Audience.PUBLIC and _draws_cards(config):
            raise PluginError(surfaces.SOCIAL_REFUSAL)
        if self.command in ("build", "gh-deploy") and (unwritable := stopping.unwritable_site(config.site_dir)):
            raise PluginError(unwritable)
        if self.command in ("build", "gh-deploy"):  # an owner build's folder keeps itself out of git (owner_build)
            owner_build.mark(Path(config.site_dir), owner=self.audience is Audience.OWNER)
        self.place = JournalPlace(self.config.journal_dir)
        if not self.place.directory(Path(config.docs_dir)).is_dir():
            raise PluginError(
                f"the trellis option journal_dir is {self.place.folder!r}, but "
                f"{_shown_docs_dir(config)}/{self.place.folder} is not a folder: name the "
                "journal's folder inside docs_dir"
            )
        self._exclude_records(config)
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        if JS_URI not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(JS_URI)
        if self.command == "serve":  # a template edited while serving shows on the next reload
            config.watch.append(str(templates_dir()))
            config.theme.dirs.append(str(templates_dir() / "theme"))  # trellis-cached.html
            self.page_cache.start(config, config.theme.dirs + [str(templates_dir())])
        self.renderer = Renderer(
            self._markdown.converter(config.markdown_extensions, config.mdx_configs), self._templates
        )
        return config

    def _make_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        self._refuse_unread_records(files, config)  # before `enabled`: switched off, Trellis reads none
        if not self.config.enabled:
            return None
        project = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        journal_dir = self.place.directory(Path(config.docs_dir))
        self.analysis = analyse(
            journal_dir,
            shown_base=project,
            today=self.today,
            cache=self.cache,
            week_start=WEEKDAYS.index(self.config.week_start),
            memo=self.network_memo,
        )
        for line in self.analysis.log_lines():
            log.warning(line)
        log.info(f"{self.audience.value} view, today {self.today.isoformat()}: {self.analysis.summary()}")
        self.view = View(self.analysis.journal, self.audience)
        if blocking := self.view.blocking_message():  # fail closed: no one is published by guesswork
            raise PluginError(blocking)
        self._warn_about_switches(config)
        if repository_is_public() and (exposure := repository_exposure(self.analysis.journal)):
            raise PluginError(f"Trellis stopped the build: {exposure.message()}")
        if not self.view.owner:
            self._public_surfaces(config, journal_dir, project)
            # a record under another name (a link to it, or in a linked folder) is no record Trellis reads
            # (a file inside a record folder is Trellis' to read or leave out, linked or not)
            linked = linked_records(
                (
                    (f.src_uri, f.abs_src_path)
                    for f in files
                    if f.inclusion.is_included() and not _in_record_folder(self.place.journal_path(f.src_uri))
                ),
                journal_dir,
            )
            if linked:
                raise PluginError(linked_records_message(linked, _shown_docs_dir(config)))

        docs_dir = os.path.normpath(config.docs_dir)
        left_out: list[str] = []
        chosen = {str(extra) for extra in (*config.extra_css, *config.extra_javascript)}
        for file in list(files):
            if file.src_dir is None or os.path.normpath(file.src_dir) != docs_dir:
                continue  # a theme's asset (custom_dir's too): no journal file; the guard reads it (on_env)
            rel = self.place.journal_path(file.src_uri)  # None: a file of the site around the journal
            if self.view.owner and file.inclusion.is_excluded() and self._excluded_by_trellis_only(rel, file.src_uri):
                file.inclusion = InclusionLevel.INCLUDED  # a photo beside the contacts: the owner's, as before
            if self.place.reads(file.src_uri):
                files.remove(file)
            elif file.src_uri in chosen:
                continue  # a stylesheet or script mkdocs.yml names: published on purpose
            elif file.is_documentation_page() and self._unrenderable(file, rel, config):
                files.remove(file)  # not text, or nested too deeply: a finding, not MkDocs' traceback
            elif rel is None:
                if not self.view.publishes_site_file(file.src_uri):
                    files.remove(file)
            elif not self.view.publishes_file(rel, self.config.publish_files):
                files.remove(file)
                left_out.append(file.src_uri)
        if left_out:
            log.info(
                f"{len(left_out)} file(s) of the journal folder are not published (only pages, images and "
                f"CNAME are, by default), e.g. {left_out[0]}: list patterns in the trellis option "
                "publish_files to publish more"
            )
        if not self.view.owner:  # before anything is rendered: every page that includes a record, at once
            self._check_pages_includes(files, config)
        try:
            self.page_sources.folder(Path(config.docs_dir))
        except ValueError as err:
            raise PluginError(str(err)) from None
        self._generated = []
        language_folder = _language_folder(config)
        # a page of yours at a generated page's address wins, whatever name MkDocs maps there
        # (progress.md, progress/index.md, progress/README.md): one page an address, in the nav once
        own_pages = {f.dest_uri: f for f in files if f.is_documentation_page()}
        for spec in site_pages(self.analysis, self.view):
            site_uri = self.place.site_path(spec.src_uri)
            # the theme prints both unescaped: safe_title escapes them
            header = {"title": safe_title(spec.title), "description": safe_title(spec.description)}
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            content = f"---\n{json.dumps(header, ensure_ascii=False)}\n---\n"
            # backed by a file: other plugins (rss, i18n, git dates) read a page's abs_src_path
            source = self.page_sources.write(site_uri, content, Path(config.docs_dir))
            page_file = File.generated(config, site_uri, abs_src_path=source, inclusion=inclusion)
            own = own_pages.get(page_file.dest_uri)
            if own is not None:
                log.info(
                    f"{_shown_docs_dir(config)}/{own.src_uri} is your own page at {own.url or './'}, where Trellis "
                    f"would put its {spec.title!r} page: Trellis leaves yours as it is"
                )
                continue
            page_file.dest_uri = language_folder + page_file.dest_uri  # before the page reads its address
            GeneratedPage(page_file, config, header)  # sets page_file.page; the navigation keeps it
            self._generated.append(page_file)
            self.specs[site_uri] = spec
        for uri in (CSS_URI, JS_URI):  # copied from the package's own files, which other plugins can read
            self._generated.append(
                File.generated(config, uri, abs_src_path=str(self.renderer.asset_path(Path(uri).name)))
            )
        if self.view.owner:  # the owner's calendar, to subscribe to while serving; never in a public build
            calendar_uri = self.place.site_path(CALENDAR_PATH)
            if files.get_file_from_path(calendar_uri) is not None:
                log.info(
                    f"{_shown_docs_dir(config)}/{calendar_uri} is your own file, where Trellis would serve "
                    "its calendar: Trellis leaves yours as it is"
                )
            else:
                calendar = File.generated(
                    config, calendar_uri, content=journal_calendar(self.analysis, self.calendar_memo)
                )
                calendar.dest_uri = language_folder + calendar.dest_uri
                self._generated.append(calendar)
        return files

    @event_priority(-110)  # after mkdocs-static-i18n's on_files (-100)
    def _add_generated(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add the pages and assets Trellis makes, once every other plugin has arranged the files.

        mkdocs-static-i18n keeps only files read from docs_dir (it makes each File anew from
        there) and drops, with a warning each, every page another plugin generated before it;
        Trellis writes nothing into the journal, so its pages join after it.
        """
        if not self.config.enabled:
            return None
        for file in self._generated:
            files.append(file)
        return files

    on_files = CombinedEvent(_make_files, _add_generated)

    def _exclude_records(self, config: MkDocsConfig) -> None:
        """The records are MkDocs' pages in no view, whether mkdocs.yml's exclude_docs names them or not
        (exclusion.py); Trellis reads them from disk. MkDocs' serve watches all of docs_dir,
        excluded files included, so an edited contact still rebuilds the site."""
        self._owners_exclusions = exclusion.owners_patterns(config.exclude_docs, self.place.folder)
        missing = exclusion.missing_exclude_lines(config.exclude_docs, self.place.folder)
        if not missing:
            return
        if not self._said_exclusions:  # once a process: serve reloads the configuration at every save
            self._said_exclusions = True
            log.info(
                exclusion.exclude_docs_advice(missing, first=config.exclude_docs is None, journal_dir=self.place.folder)
            )
        config.exclude_docs = exclusion.with_lines(config.exclude_docs, missing)

    def _excluded_by_trellis_only(self, rel: str | None, src_uri: str) -> bool:
        """A file other than a page in a record folder that only Trellis' exclusion keeps out."""
        return (
            rel is not None
            and "/" in rel
            and rel.split("/", 1)[0] in exclusion.FOLDERS
            and not src_uri.lower().endswith(MARKDOWN_SUFFIXES)
            and not self._owners_exclusions.match_file(src_uri)
        )

    def _unrenderable(self, file: File, rel: str | None, config: MkDocsConfig) -> bool:
        """A page that is not UTF-8 text or nests too deeply: the journal's were found (and
        reported) with the analysis; one of the site around the journal is read here."""
        if rel is not None:
            return rel in self.analysis.unrenderable_pages
        problem = page_problem(file.abs_src_path, f"{_shown_docs_dir(config)}/{file.src_uri}", file.src_uri)
        if problem is not None:
            log.warning(str(problem))
        return problem is not None

    def _warn_about_switches(self, config: MkDocsConfig) -> None:
        """Switches that publish more than the default say so on every build."""
        if self.audience is Audience.PUBLIC and not self.config.privacy_guard:
            log.warning(unguarded_warning())
            if self.command == "gh-deploy" and (refusal := unguarded_deploy_refusal()):
                raise PluginError(refusal)
        if self.audience is Audience.OWNER and self.command == "build":
            # into the folder mkdocs.yml names (what a workflow uploads): a warning; into a
            # folder given with -d (a look at the owner view), a note
            say = log.warning if _is_configured_site_dir(config) else log.info
            say(owner_build_warning(config.site_dir))

    def _refuse_unread_records(self, files: Files, config: MkDocsConfig) -> None:
        """Stop a build that would publish record files raw; under serve (not published), warn."""
        unread = unread_records(
            ((f.src_uri, f.abs_src_path) for f in files if f.inclusion.is_included()),
            self.place.reads if self.config.enabled else None,
        )
        if not unread:
            return
        message = unread_records_message(unread, _shown_docs_dir(config), self.place if self.config.enabled else None)
        if self.command == "serve":
            log.warning(message)
        else:
            raise PluginError(message)

    def _public_surfaces(self, config: MkDocsConfig, journal_dir: Path, project: Path) -> None:
        """Before any page: mkdocs.yml's printed values redacted, and the journal's own texts that
        Trellis renders (goal notes, public entries, the plan) checked for includes."""
        try:
            surfaces.redact_config(config, self.view.redact_printed, self.view.redact_html)
        except surfaces.Unsafe as err:
            raise PluginError(f"Trellis stopped the public build: {err}") from None
        self._records = surfaces.Records(journal_dir)
        journal = self.analysis.journal
        texts = [(g.source, g.body) for g in journal.goals.values()]
        texts += [(e.source, e.text) for e in journal.entries if e.public]
        if journal.plan is not None:
            texts.append((journal.plan.source, journal.plan.body))
        for source, text in texts:
            self._check_includes(text or "", str(source.path), source.shown, config)

    def _check_pages_includes(self, files: Files, config: MkDocsConfig) -> None:
        for file in files:
            if file.is_documentation_page() and file.abs_src_path and not file.inclusion.is_excluded():
                try:
                    text = file.content_string
                except (OSError, UnicodeError):
                    continue  # MkDocs reports it
                self._checked.add(file.src_uri)
                self._check_includes(text, file.abs_src_path, f"{_shown_docs_dir(config)}/{file.src_uri}", config)
        if self._pulled:
            raise PluginError(surfaces.pulled_in_message(self._pulled))

    def _check_includes(self, markdown: str, path: str | None, shown: str, config: MkDocsConfig) -> None:
        project = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        pulled = surfaces.pulled_in(
            markdown,
            path,
            extensions=config.markdown_extensions,
            configs=config.mdx_configs,
            docs_dir=config.docs_dir,
            project=str(project),
            records=self._records,
        )
        if pulled is None:
            raise PluginError(surfaces.unresolved_message(shown))
        if pulled:
            self._pulled[shown] = pulled

    @event_priority(110)  # the markdown as written, before another plugin (include-markdown) expands it
    def _before_includes(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """A page another plugin made (the blog's views), which on_files did not see."""
        uri = page.file.src_uri
        if self.config.enabled and not self.view.owner and uri not in self.specs and uri not in self._checked:
            self._check_includes(markdown, page.file.abs_src_path, f"{_shown_docs_dir(config)}/{uri}", config)
            if self._pulled:
                raise PluginError(surfaces.pulled_in_message(self._pulled))
        return None

    def _page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or page.file.src_uri in self.specs or self.view.owner:
            return None
        # the user's own pages, in the public view: people who did not agree are not named.
        # The body is redacted once rendered (on_page_content, text nodes only); what is
        # made of the markdown before that (the title and description the theme prints,
        # headings' anchors and the table of contents) is redacted here.
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = safe_title(self.view.redact(page.meta[key]))
        # before material's tags plugin (-50) collects them: chips, listings, tags.json, search
        tags = page.meta.get("tags")
        if isinstance(tags, list):
            page.meta["tags"] = [self.view.redact_printed(t) if isinstance(t, str) else t for t in tags]
        elif isinstance(tags, str):
            page.meta["tags"] = self.view.redact_printed(tags)
        return self.view.redact_headings(markdown)

    @event_priority(-200)  # the markdown as Markdown will get it, after every other plugin changed it
    def _final_includes(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.config.enabled and not self.view.owner and page.file.src_uri not in self.specs:
            self._check_includes(
                markdown, page.file.abs_src_path, f"{_shown_docs_dir(config)}/{page.file.src_uri}", config
            )
            if self._pulled:
                raise PluginError(surfaces.pulled_in_message(self._pulled))
        return None

    on_page_markdown = CombinedEvent(_before_includes, _page_markdown, _final_includes)

    def _redacted(self, page: Page, page_html: str) -> str:
        """A page's HTML for the public view: people replaced in text; in code or a URL, a stop."""
        redacted = self.view.redact_html(page_html)
        if redacted.findings:
            raise PluginError(markup_stop_message(page.file.src_uri, redacted.findings))
        return redacted.html

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        spec = self.specs.get(page.file.src_uri) if self.config.enabled else None
        if spec is None:
            if not self.config.enabled or self.view.owner:
                return None
            html = self._bodies[page.file.src_uri] = self._redacted(page, html)
            # a title from the file's name ("hana.md" is "Hana") is printed in the nav of every page
            title = page.title
            if isinstance(title, str) and (redacted := self.view.redact_printed(title)) != title:
                page.title = redacted
            return html

        def link(src_uri: str) -> str:  # src_uri: a path inside the journal
            path, hash_, anchor = src_uri.partition("#")
            if path not in self._urls:
                target = files.get_file_from_path(self.place.site_path(path))
                self._urls[path] = target.url if target else None
            url = self._urls[path]
            return get_relative_url(url, page.url) + hash_ + anchor if url is not None else "#"

        if self.command != "serve":
            html = self._bodies[page.file.src_uri] = self._redacted(page, self.renderer.render(spec, link))
            return html
        inputs = (self.page_cache.settings, spec.inputs)  # an edited template or mkdocs.yml: all anew
        known = self._html_memo.get(page.file.src_uri)
        if spec.inputs is not None and known is not None and known[0] == inputs:
            html = known[1]
        else:
            html = self._redacted(page, self.renderer.render(spec, link))
            if spec.inputs is not None:
                self._html_memo[page.file.src_uri] = (inputs, html)
        self.page_cache.reuse(page, html)
        return html

    # around the search plugin's indexing (see serve_cache.py): first before it, then after it
    @event_priority(100)
    def _before_search(self, context, *, page: Page, config: MkDocsConfig, nav):
        if self.config.enabled and self.command == "serve":
            self.page_cache.before_search(page, config)
        return context

    @event_priority(-100)
    def _after_search(self, context, *, page: Page, config: MkDocsConfig, nav):
        if self.config.enabled and self.command == "serve":
            self.page_cache.after_search(page)
        return context

    on_page_context = CombinedEvent(_before_search, _after_search)

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if not self.config.enabled:
            return env
        if self.command == "serve":
            env.bytecode_cache = self.theme_code
        # the guard skips only what an installed theme brings (material's scripts and fonts), by
        # where the file lies: a custom_dir's (overrides/humans.txt) and every other file is read
        themes = surfaces.package_theme_dirs(config.theme.dirs, config.theme.custom_dir)
        self._theme_outputs = {
            f.dest_uri
            for f in files
            if not f.is_documentation_page() and f.generated_by is None and surfaces.is_inside(f.abs_src_path, themes)
        }
        return env

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        if self.config.enabled and self.command == "serve":
            self.page_cache.add_nav(nav)
        return None

    def _post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        output = fix_theme_html(output)
        if self.command == "serve":
            self.page_cache.keep(page, output)
        return output

    @event_priority(-100)  # last: what the theme and every other plugin printed around the body
    def _redact_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """The whole page redacted like a body: nav titles, the page's frame, and what other
        plugins put there (the blog's excerpts, rendered again from the posts' markdown)."""
        if not self.config.enabled or self.view is None or self.view.owner:
            return None
        body = self._bodies.get(page.file.src_uri)
        done = surfaces.around_body(
            output, body if body is not None and page.content == body else None, self.view.redact_html
        )
        if people := surfaces.people_in(done.findings):
            raise PluginError(_frame_stop(page.file.dest_uri, people))
        return done.html

    on_post_page = CombinedEvent(_post_page, _redact_page)

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        """The theme's pages that are no page (404.html) print the nav and the frame too."""
        if not self.config.enabled or self.view is None or self.view.owner or not template_name.endswith(".html"):
            return None
        done = self.view.redact_html(output_content)
        if people := surfaces.people_in(done.findings):
            raise PluginError(_frame_stop(template_name, people))
        return done.html

    @event_priority(-100)  # after every other plugin wrote its files (the search index)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.command == "serve":
            self.page_cache.finish()
            self._html_memo = {k: v for k, v in self._html_memo.items() if k in self.specs}  # gone: forgotten
        if not self.config.enabled or self.audience is not Audience.PUBLIC or not self.config.privacy_guard:
            return
        leaks = site_leaks(self.view, Path(config.site_dir), self._theme_outputs)
        if leaks:
            generated = {
                File(uri, config.docs_dir, config.site_dir, config.use_directory_urls).dest_uri for uri in self.specs
            }
            raise PluginError(leak_message(self.view, leaks, generated))


def _frame_stop(dest: str, findings: list) -> str:
    shown = "\n".join(f"  {f}" for f in findings[:10])
    return (
        f"Trellis stopped the public build: the page {dest} prints a person who did not agree to be named where "
        f"Trellis does not rewrite text (code, a link's address, an attribute), outside what Trellis redacted:\n"
        f"{shown}\nIt comes from mkdocs.yml, a theme override or another plugin's output (a blog post's link or "
        "category, a blog author's name, a tag): write them out of it (or use their role)."
    )


def _draws_cards(config: MkDocsConfig) -> bool:
    """Whether material's social plugin is on and draws cards (images the guard cannot read)."""
    for plugin in config.plugins.values():
        if type(plugin).__module__.startswith("material.plugins.social"):
            settings = plugin.config
            if settings.get("enabled", True) and settings.get("cards", True):
                return True
    return False


def _language_folder(config: MkDocsConfig) -> str:
    """Where this build's pages go inside the site: mkdocs-static-i18n builds each language
    after the default one again, into a folder named by its locale ("fr/")."""
    i18n = config.plugins.get("i18n")
    current, default = getattr(i18n, "current_language", None), getattr(i18n, "default_language", None)
    return f"{current}/" if isinstance(current, str) and current and current != default else ""


def _is_configured_site_dir(config: MkDocsConfig) -> bool:
    from .pipeline import site_config

    if not config.config_file_path:
        return True
    project = Path(config.config_file_path).parent
    named = site_config(project).get("site_dir", "site")
    return (project / str(named)).resolve() == Path(config.site_dir).resolve()


def _in_record_folder(rel: str | None) -> bool:
    return rel is not None and "/" in rel and rel.split("/", 1)[0].casefold() in RECORD_FOLDERS


def _shown_docs_dir(config: MkDocsConfig) -> str:
    """docs_dir as the user names it: relative to the project's folder where it lies inside it."""
    project = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
    try:
        return Path(config.docs_dir).resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return Path(config.docs_dir).as_posix()
