"""The public view's checks around rendering: includes of record files, and redaction.

Before any page, mkdocs.yml's printed values are redacted and the journal's own texts that
Trellis renders are checked; every page of the site (and one another plugin makes later)
stops the build if it includes a record file, both as written and as Markdown will get it.
Each page's body, title and tags are redacted, then the whole page last (nav, frame, other
plugins' output) with the body cut out; a person found where Trellis does not rewrite text stops
the build. A page Trellis makes is not redacted as a whole: its values are, where it prints them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..pipeline import Analysis
from ..privacy import surfaces
from ..privacy.audience import Audience, owner_build_warning, unguarded_deploy_refusal, unguarded_warning
from ..privacy.redaction import MarkupStop, markup_stop_message
from ..privacy.view import View
from ..rendering import PageSpec, Renderer, safe_title
from .paths import is_configured_site_dir, project_dir, shown_docs_dir


class Includes:
    """What a build's pages pull in with an include (pymdownx.snippets, include-markdown)."""

    def __init__(self) -> None:
        self.pulled: dict[str, list[str]] = {}  # page -> record files an include brings into it
        self.checked: set[str] = set()  # pages whose includes were checked in on_files
        self.records: surfaces.Records | None = None

    def journal_texts(self, analysis: Analysis, journal_dir: Path, config: MkDocsConfig) -> None:
        """The journal's own texts that Trellis renders (goal notes, public entries, the plan)."""
        self.records = surfaces.Records(journal_dir)
        journal = analysis.journal
        texts = [(g.source, g.body) for g in journal.goals.values()]
        texts += [(e.source, e.text) for e in journal.entries if e.public]
        if journal.plan is not None:
            texts.append((journal.plan.source, journal.plan.body))
        for source, text in texts:
            self.check(text or "", str(source.path), source.shown, config)

    def pages(self, files: Files, config: MkDocsConfig) -> None:
        """Every page of the site at once, before anything is rendered."""
        for file in files:
            if file.is_documentation_page() and file.abs_src_path and not file.inclusion.is_excluded():
                try:
                    text = file.content_string
                except (OSError, UnicodeError):
                    continue  # MkDocs reports it
                self.checked.add(file.src_uri)
                self.check(text, file.abs_src_path, f"{shown_docs_dir(config)}/{file.src_uri}", config)
        self.stop_if_pulled()

    def page(self, markdown: str, page: Page, config: MkDocsConfig) -> None:
        """One page's markdown, as MkDocs hands it to plugins."""
        self.check(markdown, page.file.abs_src_path, f"{shown_docs_dir(config)}/{page.file.src_uri}", config)
        self.stop_if_pulled()

    def check(self, markdown: str, path: str | None, shown: str, config: MkDocsConfig) -> None:
        if self.records is None:
            raise RuntimeError("a page is checked for includes before journal_texts read the records")
        pulled = surfaces.pulled_in(
            markdown,
            path,
            extensions=config.markdown_extensions,
            configs=config.mdx_configs,
            docs_dir=config.docs_dir,
            project=str(project_dir(config)),
            records=self.records,
        )
        if pulled is None:
            raise PluginError(surfaces.unresolved_message(shown))
        if pulled:
            self.pulled[shown] = pulled

    def stop_if_pulled(self) -> None:
        if self.pulled:
            raise PluginError(surfaces.pulled_in_message(self.pulled))


def redact_config(view: View, config: MkDocsConfig) -> None:
    """mkdocs.yml's printed values (site name, copyright, nav titles...), before any page."""
    try:
        surfaces.redact_config(config, view.redact_printed, view.redact_html)
    except surfaces.Unsafe as err:
        raise PluginError(f"Trellis stopped the public build: {err}") from None


def redact_markdown(view: View, page: Page, markdown: str) -> str:
    """A page of the user's own: people who did not agree are not named. The body is redacted
    once rendered (text nodes only); what is made of the markdown before that (the title and
    description the theme prints, headings' anchors and the table of contents) is redacted here."""
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = safe_title(view.redact(page.meta[key]))
    # before material's tags plugin (-50) collects them: chips, listings, tags.json, search
    tags = page.meta.get("tags")
    if isinstance(tags, list):
        page.meta["tags"] = [view.redact_printed(t) if isinstance(t, str) else t for t in tags]
    elif isinstance(tags, str):
        page.meta["tags"] = view.redact_printed(tags)
    return view.redact_headings(markdown)


def redacted(view: View, page: Page, page_html: str) -> str:
    """A page's HTML for the public view: people replaced in text; in code or a URL, a stop."""
    done = view.redact_html(page_html)
    if done.findings:
        raise PluginError(markup_stop_message(page.file.src_uri, done.findings))
    return done.html


def rendered(view: View, renderer: Renderer, spec: PageSpec, link: Callable[[str], str], page: Page) -> str:
    """A page Trellis makes. In public, every value its template prints is redacted where it is
    printed, and the user's markdown in it (goal notes, entries, the plan) as HTML: the body is
    not redacted again as a whole (the guard still reads it); a person in code or an address stops."""
    if view.owner:
        return renderer.render(spec, link)
    try:
        return renderer.render(spec, link, view.redact_value, view.redact_fragment)
    except MarkupStop as stop:
        raise PluginError(markup_stop_message(page.file.src_uri, stop.findings)) from None


def redact_title(view: View, page: Page) -> None:
    """A title from the file's name ("hana.md" is "Hana") is printed in the nav of every page."""
    title = page.title
    if isinstance(title, str) and (changed := view.redact_printed(title)) != title:
        page.title = changed


def redacted_frame(view: View, output: str, body: str | None, dest: str) -> str:
    """A whole page (or a template's output such as 404.html) redacted like a body around
    `body` (the page's body as Trellis redacted it, left as it is)."""
    done = surfaces.around_body(output, body, view.redact_page)
    if people := surfaces.people_in(done.findings):
        raise PluginError(_frame_stop(dest, people))
    return done.html


def draws_cards(config: MkDocsConfig) -> bool:
    """Whether material's social plugin is on and draws cards (images the guard cannot read)."""
    for plugin in config.plugins.values():
        if type(plugin).__module__.startswith("material.plugins.social"):
            settings = plugin.config
            if settings.get("enabled", True) and settings.get("cards", True):
                return True
    return False


def _frame_stop(dest: str, findings: list) -> str:
    shown = "\n".join(f"  {f}" for f in findings[:10])
    return (
        f"Trellis stopped the public build: the page {dest} prints a person who did not agree to be named where "
        f"Trellis does not rewrite text (code, a link's address, an attribute), outside what Trellis redacted:\n"
        f"{shown}\nIt comes from mkdocs.yml, a theme override or another plugin's output (a blog post's link or "
        "category, a blog author's name, a tag): write them out of it (or use their role)."
    )


def warn_about_switches(
    audience: Audience, privacy_guard: bool, command: str | None, config: MkDocsConfig, log
) -> None:
    """Switches that publish more than the default say so on every build."""
    if audience is Audience.PUBLIC and not privacy_guard:
        log.warning(unguarded_warning())
        if command == "gh-deploy" and (refusal := unguarded_deploy_refusal()):
            raise PluginError(refusal)
    if audience is Audience.OWNER and command == "build":
        # into the folder mkdocs.yml names (what a workflow uploads): a warning; into a
        # folder given with -d (a look at the owner view), a note
        say = log.warning if is_configured_site_dir(config) else log.info
        say(owner_build_warning(config.site_dir))
