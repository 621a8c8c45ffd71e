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
on_serve    a new day rebuilds the owner view, though no file changed (serve_day.py)
on_env      under serve, keep the theme's compiled templates; the files the guard skips
            (an installed theme's own)
on_nav      in the owner view, the navigation ordered by use (home.py), unless mkdocs.yml has one
on_post_page  name the theme's search dialog (an accessibility fix); in public, redact the
            whole page last (nav, frame, other plugins' output such as the blog's excerpts)
on_post_template  in public, redact the theme's 404.html likewise
on_post_build  the privacy guard: scan every output file of a public build

The steps live beside this file, one concern each: docs_files.py (the files of docs_dir that
stay), generated.py (the files Trellis adds), home.py (the owner's home and nav order),
public.py (the public view's checks and redaction), serve_cache.py and serve_guard.py
(`mkdocs serve` only), paths.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .. import clock, signals, stopping
from ..commands import owner_build
from ..commands.publish import gh_deploy as deploying
from ..loading import LoadCache
from ..locating import JournalPlace
from ..memo import ServeMemo
from ..model import WEEKDAYS
from ..pipeline import Analysis, analyse
from ..privacy import surfaces
from ..privacy.audience import (
    Audience,
    AudienceError,
    choose_audience,
)
from ..privacy.guard import leak_message
from ..privacy.repository import repository_exposure, repository_is_public
from ..privacy.view import View
from ..rendering import MarkdownMemo, PageSpec, Renderer, fix_theme_html, page_templates
from ..resources import templates_dir
from . import docs_files, generated, public, search_blocks, serve_day, serve_guard
from . import home as owner_home
from .collection import Collection
from .config import TrellisConfig
from .generated import CSS_URI, JS_URI
from .page_links import PageLinks
from .page_sources import PageSources
from .paths import project_dir, shown_docs_dir
from .serve_cache import CompiledTemplates, PageCache
from .site_guard import SiteGuard

log = get_plugin_logger("trellis.plugin")  # the logger it always had, whichever module of the package logs


class TrellisPlugin(BasePlugin[TrellisConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._fresh_memory()  # lives across `mkdocs serve` rebuilds because on_startup is defined
        self.page_sources = PageSources()  # a file on disk for each generated page, outside the journal
        self._templates = page_templates()  # compiled once, reloaded when a template file changes
        self._public_templates = page_templates(public=True)  # the same, each printed value redacted
        self._markdown = MarkdownMemo()  # the user's markdown, each text converted once
        self.command: str | None = None
        self._day_watch = serve_day.DayWatch()  # serve: a new day rebuilds, though no file changed
        self._exclusion = docs_files.RecordExclusion()  # its INFO line on exclude_docs, once a process
        self._reset()

    def _fresh_memory(self) -> None:
        """What one `mkdocs serve` keeps across its rebuilds, empty again for a new serve (on_startup)."""
        self.cache = LoadCache()
        self.memo = ServeMemo()  # figures, reviews, history, calendar and pages' HTML (memo.py)
        self.page_cache = PageCache()  # outputs of unchanged generated pages (serve only)
        self.theme_code = CompiledTemplates()  # the theme's compiled templates (serve only)
        self._collection = Collection()  # the garbage collector, held from the journal's reading to the build's end
        self._site_guard = SiteGuard()  # the privacy guard of a public build, from its first page to its end

    def _reset(self) -> None:
        self.audience = Audience.PUBLIC
        self.analysis: Analysis | None = None
        self.view: View | None = None
        self.specs: dict[str, PageSpec] = {}
        self.renderer: Renderer | None = None
        self._links = PageLinks()  # the addresses Trellis' pages link to (this build)
        self._theme_outputs: set[str] = set()  # files an installed theme brings: not read by the guard
        self._bodies: dict[str, str] = {}  # each page's body as Trellis redacted it (public view)
        self._unsearched: dict[str, search_blocks.Blocks] = {}  # blocks kept from the search plugin's parse
        self._includes = public.Includes()  # what pages pull in with an include (public view)
        self._generated: list[File] = []  # the pages and assets Trellis added to this build
        self.place = JournalPlace()  # where the journal sits in docs_dir
        self._own_home: File | None = None  # the user's index.md, moved to home/ in the owner view

    # This build's state, set by on_config (view, renderer) and on_files (analysis): every hook
    # that reads it runs after them, so its absence is Trellis' own bug, never the user's.
    @property
    def _view(self) -> View:
        if self.view is None:
            raise RuntimeError("the audience's view is read before on_config set it")
        return self.view

    @property
    def _analysis(self) -> Analysis:
        if self.analysis is None:
            raise RuntimeError("the analysis is read before on_files made it")
        return self.analysis

    @property
    def _renderer(self) -> Renderer:
        if self.renderer is None:
            raise RuntimeError("the renderer is read before on_config made it")
        return self.renderer

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self._fresh_memory()  # MkDocs may keep this instance for another serve in the same process
        if command == "gh-deploy":  # its push runs after the last plugin event
            deploying.one_line_push_failures()
        if command == "serve":  # a `kill` ends serve as Ctrl-C does: its copies of the owner view removed
            self._signals = signals.signals_interrupt()
        # the server answers only requests addressed to it (serve_guard.py); set on the class before
        # serve makes its server, as on_serve is skipped under --no-livereload (and serve --clean
        # starts up as "build"); switched off too, as what is served then may be the raw journal.
        # The engine's (MkDocs' or ProperDocs') module, loaded by serve alone: a build imports nothing
        livereload = sys.modules.get(BasePlugin.__module__.rpartition(".")[0] + ".livereload")
        if livereload is not None:
            self._unguard = serve_guard.guard_servers(livereload.LiveReloadServer, report=log.warning, warn=log.warning)

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if self.config.enabled:
            self._day_watch.start(server, lambda: getattr(self, "today", None))  # on_config's day
        return server

    def on_build_error(self, *, error: Exception) -> None:
        self._collection.release()
        self._site_guard.stop()

    def on_shutdown(self) -> None:
        self._collection.release()
        self._site_guard.stop()
        self._day_watch.stop()
        self.page_sources.remove()
        signals.restore_signals(getattr(self, "_signals", {}))
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
        if self.audience is Audience.PUBLIC and public.draws_cards(config):
            raise PluginError(surfaces.SOCIAL_REFUSAL)
        if self.command in ("build", "gh-deploy") and (unwritable := stopping.unwritable_site(config.site_dir)):
            raise PluginError(unwritable)
        if self.command in ("build", "gh-deploy"):  # an owner build's folder keeps itself out of git (owner_build)
            owner_build.mark(Path(config.site_dir), owner=self.audience is Audience.OWNER)
        self.place = JournalPlace(self.config.journal_dir)
        if not self.place.directory(Path(config.docs_dir)).is_dir():
            raise PluginError(
                f"the trellis option journal_dir is {self.place.folder!r}, but "
                f"{shown_docs_dir(config)}/{self.place.folder} is not a folder: name the "
                "journal's folder inside docs_dir"
            )
        self._exclusion.apply(config, self.place)  # whatever mkdocs.yml's exclude_docs says (exclusion.py)
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        if JS_URI not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(JS_URI)
        if self.command == "serve":  # a template edited while serving shows on the next reload
            config.watch.append(str(templates_dir()))
            config.theme.dirs.append(str(templates_dir() / "theme"))  # trellis-cached.html
            self.page_cache.start(config, config.theme.dirs + [str(templates_dir())])
        self.renderer = Renderer(
            self._markdown.converter(config.markdown_extensions, config.mdx_configs),
            self._templates,
            self._public_templates,
        )
        self._collection.hold()  # to the build's end (collection.py)
        return config

    # ------------------------------------------------------------------ on_files

    def _make_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        # before `enabled`: switched off, Trellis reads none
        place = self.place if self.config.enabled else None
        docs_files.refuse_unread_records(files, config, place, serving=self.command == "serve")
        if not self.config.enabled:
            return None
        self._analyse(config)
        self._check_view(config)
        if not self._view.owner:
            self._check_public_sources(files, config)
        docs_files.keep_for_audience(
            files,
            config,
            place=self.place,
            view=self._view,
            analysis=self._analysis,
            publish_files=self.config.publish_files,
            records=self._exclusion,
        )
        if not self._view.owner:  # before anything is rendered: every page that includes a record, at once
            self._includes.pages(files, config)
            if config.nav is not None:  # a written nav's today.md: no such page in public
                config.nav = owner_home.without_owner_pages(config.nav, self.place, files, self._view.shows_page)
        self._generated = self._generated_files(files, config)
        self._collection.hold()  # the journal read: what the build keeps, out of the collector's way too
        if not self._view.owner and self.config.privacy_guard:  # its worker reads pages as they are written
            self._site_guard.start(self._view, config.site_dir, self.command)
        return files

    def _analyse(self, config: MkDocsConfig) -> None:
        """Load (cached between serve rebuilds), check, log the findings; the audience's view."""
        self.analysis = analyse(
            self.place.directory(Path(config.docs_dir)),
            shown_base=project_dir(config),
            today=self.today,
            cache=self.cache,
            week_start=WEEKDAYS.index(self.config.week_start),
            memo=self.memo,
        )
        for line in self.analysis.log_lines():
            log.warning(line)
        log.info(f"{self.audience.value} view, today {self.today.isoformat()}: {self.analysis.summary()}")
        self.view = View(self.analysis.journal, self.audience)

    def _check_view(self, config: MkDocsConfig) -> None:
        """Fail closed (no one is published by guesswork); say the switches; a public repository."""
        if blocking := self._view.blocking_message():
            raise PluginError(blocking)
        public.warn_about_switches(self.audience, self.config.privacy_guard, self.command, config, log)
        if repository_is_public() and (exposure := repository_exposure(self._analysis.journal)):
            raise PluginError(f"Trellis stopped the build: {exposure.message()}")

    def _check_public_sources(self, files: Files, config: MkDocsConfig) -> None:
        """Before any page: mkdocs.yml's printed values redacted, the journal's own texts that
        Trellis renders checked for includes, no record under another name."""
        journal_dir = self.place.directory(Path(config.docs_dir))
        public.redact_config(self._view, config)
        self._includes.journal_texts(self._analysis, journal_dir, config)
        docs_files.refuse_linked_records(files, config, self.place, journal_dir)

    def _generated_files(self, files: Files, config: MkDocsConfig) -> list[File]:
        try:
            self.page_sources.folder(Path(config.docs_dir))
        except ValueError as err:
            raise PluginError(str(err)) from None
        home = None
        if self._view.owner:  # the dashboard is the owner's home; their own index.md moves to home/
            home, self._own_home = owner_home.make_room(files, config, self.place)
        made, self.specs = generated.page_files(
            self._analysis, self._view, self.place, self.page_sources, files, config, home
        )
        made += generated.asset_files(self._renderer, config)
        if self._view.owner:  # the owner's calendar, to subscribe to while serving; never in a public build
            calendar = generated.calendar_file(self._analysis, self.place, files, config, self.memo.calendar)
            if calendar is not None:
                made.append(calendar)
        return made

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

    # ------------------------------------------------------------------ pages

    @event_priority(110)  # the markdown as written, before another plugin (include-markdown) expands it
    def _before_includes(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """A page another plugin made (the blog's views), which on_files did not see."""
        uri = page.file.src_uri
        if self.config.enabled and not self._view.owner and uri not in self.specs and uri not in self._includes.checked:
            self._includes.page(markdown, page, config)
        return None

    def _page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or page.file.src_uri in self.specs or self._view.owner:
            return None
        return public.redact_markdown(self._view, page, markdown)  # the user's own pages, in the public view

    @event_priority(-200)  # the markdown as Markdown will get it, after every other plugin changed it
    def _final_includes(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.config.enabled and not self._view.owner and page.file.src_uri not in self.specs:
            self._includes.page(markdown, page, config)
        return None

    on_page_markdown = CombinedEvent(_before_includes, _page_markdown, _final_includes)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        spec = self.specs.get(page.file.src_uri) if self.config.enabled else None
        if spec is None:
            if not self.config.enabled or self._view.owner:
                return None
            html = self._bodies[page.file.src_uri] = public.redacted(self._view, page, html)
            public.redact_title(self._view, page)
            return html

        link = self._links.on(page, files, self.place)

        def render() -> str:
            return public.rendered(self._view, self._renderer, spec, link, page)

        if self.command != "serve":
            html = self._bodies[page.file.src_uri] = self._unmarked(page, render())
            return html
        inputs = (self.page_cache.settings, spec.inputs)  # an edited template or mkdocs.yml: all anew
        html = render() if spec.inputs is None else self.memo.pages.get(page.file.src_uri, inputs, render)
        html = self._unmarked(page, html)
        self.page_cache.reuse(page, html)
        return html

    def _unmarked(self, page: Page, html: str) -> str:
        """The body as printed; the blocks a reader does not search kept for _before_search to cut."""
        html, blocks = search_blocks.cut(html)
        if blocks is None:
            self._unsearched.pop(page.file.src_uri, None)
        else:
            self._unsearched[page.file.src_uri] = blocks
        return html

    # around the search plugin's indexing (see serve_cache.py): first before it, then after it
    # and the blocks a reader does not search (search_blocks.py) out of the body while it indexes
    @event_priority(100)
    def _before_search(self, context, *, page: Page, config: MkDocsConfig, nav):
        if self.config.enabled and self.command == "serve":
            self.page_cache.before_search(page, config)
        if self.config.enabled and (blocks := self._unsearched.get(page.file.src_uri)) is not None:
            page.content = blocks.light
        return context

    @event_priority(-100)
    def _after_search(self, context, *, page: Page, config: MkDocsConfig, nav):
        if self.config.enabled and (blocks := self._unsearched.pop(page.file.src_uri, None)) is not None:
            page.content = blocks.restored(page.content or "")
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
        if not self.config.enabled:
            return None
        if self._view.owner:  # ordered by use, unless mkdocs.yml has a nav of the user's own
            nav = owner_home.owner_nav(nav, self.specs, self._own_home, written=config.nav is not None)
        if config.nav is not None:  # its titles for Trellis' pages too, in both views
            owner_home.keep_written_titles(nav, config.nav, self.specs)
        if self.command == "serve":
            self.page_cache.add_nav(nav)
        return nav

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
        return public.redacted_frame(
            self.view, output, body if body is not None and page.content == body else None, page.file.dest_uri
        )

    @event_priority(-1000)  # what MkDocs writes, after every plugin changed it
    def _hand_to_guard(self, output: str, *, page: Page, config: MkDocsConfig) -> None:
        self._site_guard.page(page, output)

    on_post_page = CombinedEvent(_post_page, _redact_page, _hand_to_guard)

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        """The theme's pages that are no page (404.html) print the nav and the frame too."""
        if not self.config.enabled or self.view is None or self.view.owner or not template_name.endswith(".html"):
            return None
        return public.redacted_frame(self.view, output_content, None, template_name)

    @event_priority(-100)  # after every other plugin wrote its files (the search index)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.command == "serve":
            self.page_cache.finish()
            self.memo.pages.forget_unused()  # pages gone: forgotten
        if not self.config.enabled or self.audience is not Audience.PUBLIC or not self.config.privacy_guard:
            self._collection.release()
            return
        try:
            leaks = self._site_guard.leaks(self._view, Path(config.site_dir), self._theme_outputs)
        finally:
            self._collection.release()
            self._site_guard.stop()
        if leaks:
            ours = {
                File(uri, config.docs_dir, config.site_dir, config.use_directory_urls).dest_uri for uri in self.specs
            }
            raise PluginError(leak_message(self._view, leaks, ours))
