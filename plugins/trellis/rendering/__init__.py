"""Rendering: figures and records to HTML, through Jinja templates that escape every value.

The theme's own Jinja environment does not autoescape; this one does, so a name such as
`<script>` or `"><img onerror=...>` from an imported contact is text wherever it lands.
Templates live in the repository's `templates/` folder, which ships inside the wheel (`resources.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jinja2
import markdown as markdown_lib
from markupsafe import Markup

from ..privacy.redactor import Address
from ..resources import templates_dir
from .pages import site_pages
from .printing import PRINTED, finalize
from .spec import PageSpec
from .what_counted import counted_table

__all__ = [
    "MarkdownMemo",
    "PageSpec",
    "Renderer",
    "fix_theme_html",
    "page_templates",
    "site_pages",
    "safe_title",
]


def safe_title(text: str) -> str:
    """A page title for the theme, which prints titles unescaped (and unescapes them in <title>).

    Angle brackets become look-alikes, so no title can close a tag or open one, even after
    the theme's `striptags` turns `&lt;` back into `<`; the rest is escaped.
    """
    text = " ".join(text.split()).replace("<", "\u2039").replace(">", "\u203a")
    return str(Markup.escape(text))


# The theme's search overlay is a dialog without a name (axe: aria-dialog-name); naming it
# here spares copying the theme's whole search partial into an override.
_UNNAMED_SEARCH = '<div class="md-search" data-md-component="search" role="dialog">'
_NAMED_SEARCH = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'


def fix_theme_html(html: str) -> str:
    """Accessibility fixes to the theme's own markup, applied to every page."""
    return html.replace(_UNNAMED_SEARCH, _NAMED_SEARCH, 1)


def page_templates(public: bool = False) -> jinja2.Environment:
    """The environment of the page templates. Compiled templates stay in it, and it checks
    their files' times, so one environment can serve every `mkdocs serve` rebuild. The public
    view's (`public`) hands every printed value to Renderer.render's `value` (`printing.finalize`); the
    owner's prints them as they are, without a call for each."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir() / "pages")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=True,
        finalize=finalize if public else None,
    )
    environment.globals["counted_table"] = counted_table  # a goal page's "What counted"
    return environment


def _addresses(link: Callable[[str], str]) -> Callable[[str], str]:
    """`link` with its results marked as addresses, which the View never rewrites (`Address`)."""
    return lambda src_uri: Address(link(src_uri))


class Renderer:
    def __init__(
        self,
        markdown_to_html: Callable[[str], str],
        env: jinja2.Environment | None = None,
        public_env: jinja2.Environment | None = None,
    ):
        self.env = env or page_templates()
        self.public_env = public_env or page_templates(public=True)
        self._markdown = markdown_to_html
        self._fragment: Callable[[str], str] | None = None
        for environment in (self.env, self.public_env):
            environment.filters["markdown"] = self.markdown
            environment.filters["plural"] = lambda n, word: f"{n:g} {word}{'' if n == 1 else 's'}"

    def markdown(self, text: str) -> Markup:
        """The user's own markdown (goal notes, public entries), rendered like the site's pages."""
        if not text:
            return Markup("")
        rendered = self._markdown(text)
        return Markup(self._fragment(rendered) if self._fragment else rendered)

    def render(
        self,
        spec: PageSpec,
        link: Callable[[str], str],
        value: Callable[[str], str] | None = None,
        fragment: Callable[[str], str] | None = None,
    ) -> str:
        """The page's body. `value`, if given, redacts every value the template prints (each
        `{{ ... }}` but Markup) and `fragment` the user's markdown once rendered: the public view's
        (View.redact_value, View.redact_fragment), so the body needs no redaction as a whole."""
        template = (self.env if value is None else self.public_env).get_template(spec.template)
        if value is not None:  # a link's target is an address however it reads ("goals/x/")
            link = _addresses(link)
        printed, self._fragment = PRINTED.set(value), fragment
        try:
            return template.render(link=link, **spec.context)
        finally:
            PRINTED.reset(printed)
            self._fragment = None

    @staticmethod
    def asset_path(name: str) -> Path:
        return templates_dir() / "assets" / name


class MarkdownMemo:
    """The user's markdown (goal notes, public entries) as the site renders it, each text
    converted once: the same text with the same settings gives the same HTML, so what was
    converted is kept across `mkdocs serve` rebuilds until the settings change."""

    def __init__(self) -> None:
        self._settings = ""
        self._memo: dict[str, str] = {}

    def converter(self, extensions: list, configs: dict) -> Callable[[str], str]:
        """A converter for this build's markdown extensions and their settings."""
        settings = repr((extensions, configs))
        if settings != self._settings:
            self._settings, self._memo = settings, {}
        md = markdown_lib.Markdown(extensions=extensions, extension_configs=configs)
        memo = self._memo

        def to_html(text: str) -> str:
            if text not in memo:
                memo[text] = md.reset().convert(text)
            return memo[text]

        return to_html
