"""What the public site prints besides a page's body, and what is pulled into a page.

A page's body is redacted once rendered; the theme prints much more around it, taken from
mkdocs.yml (site_name, site_description, copyright, nav titles, extra values) and from other
plugins (material's blog renders its posts' excerpts again from markdown on its index,
archive and category pages; its tags plugin prints tags as chips, lists and tags.json).
Three layers, so that what one misses the next catches:

- configuration values are redacted once the journal is read (`redact_config`), so that
  every template, plugin and attribute (<meta name="description">) gets the redacted value;
- each page's whole output is redacted as HTML at the very end (the plugin's on_post_page,
  last of all plugins), the body Trellis already redacted left out (`around_body`);
- the guard reads every output file, first names included, as the redactor finds them.

Includes (pymdownx.snippets' `--8<--`, its `auto_append`, include-markdown's `{% include %}`)
bring a file's text into a page before Markdown, where nothing tells it from the user's own
text: a record file (a contact's notes, want and give, a private entry) pulled in that way
stops the public build, naming the page (`pulled_in`). Snippets are resolved by
pymdownx.snippets' own code, run dry, so base_path, nested snippets, sections and line
ranges count exactly as in the build.

No MkDocs imports here: the plugin passes plain values.
"""

from __future__ import annotations

import glob
import os
import re
import secrets
from collections.abc import Callable, Iterable, MutableMapping
from pathlib import Path

from ..model import RECORD_FOLDERS
from .files import EXPORT_SUFFIXES
from .redaction import Redacted

# a value that is an address, not text: left as written (the guard reads it, a rewritten URL is wrong)
_ADDRESS = re.compile(
    r"^\s*(?:[a-z][a-z0-9+.-]*://|(?:mailto|tel|data|javascript):|\.{0,2}/|#|www\.)\S*\s*$"
    r"|^\s*[^\s/]+\.[a-z]{2,}/\S*\s*$",
    re.I,
)
_PLAIN_KEYS = ("site_name", "site_description", "site_author")


class Unsafe(ValueError):
    """A value Trellis cannot rewrite safely (a name in an attribute or code of an HTML value)."""


def redact_config(config, printed: Callable[[str], str], as_html: Callable[[str], Redacted]) -> None:
    """mkdocs.yml's printed values, redacted in place: `printed` for plain text (the theme prints
    it raw, so the label comes escaped), `as_html` for HTML (copyright, an extra value with tags),
    whose findings (a name in a link's address) raise Unsafe naming the setting."""

    def value(text: str, where: str) -> str:
        if "<" in text or "&" in text:
            redacted = as_html(text)
            if redacted.findings:
                raise Unsafe(
                    f"mkdocs.yml's {where} names a person who did not agree to be named where Trellis does "
                    f"not rewrite text ({redacted.findings[0]}): write them out of it (or use their role)"
                )
            return redacted.html
        return printed(text)

    for key in (*_PLAIN_KEYS, "copyright"):
        if isinstance(config.get(key), str):
            config[key] = value(config[key], key)
    if isinstance(config.get("nav"), list):
        config["nav"] = _nav(config["nav"], printed)
    if isinstance(config.get("extra"), MutableMapping):  # MkDocs' own mapping type, no dict
        for key in list(config["extra"]):
            config["extra"][key] = _extra(config["extra"][key], value, f"extra.{key}")


def _nav(items, printed):
    """nav: titles (the keys) redacted; the paths and addresses they point to left as written."""
    if isinstance(items, list):
        return [_nav(item, printed) for item in items]
    if isinstance(items, dict):
        return {printed(k) if isinstance(k, str) else k: _nav(v, printed) for k, v in items.items()}
    return items


def _extra(item, value, where: str):
    if isinstance(item, str):
        return item if _ADDRESS.match(item) else value(item, where)
    if isinstance(item, list):
        return [_extra(v, value, where) for v in item]
    if isinstance(item, MutableMapping):
        for key in list(item):
            item[key] = _extra(item[key], value, f"{where}.{key}")
    return item


def around_body(output: str, body: str | None, redact: Callable[[str], Redacted]) -> Redacted:
    """A page's whole output redacted, but for `body` (already redacted), when the output holds
    it once: it stands in as one block element, so no run of text crosses its edges."""
    if body and output.count(body) == 1:
        mark = f"<trellis-body-{secrets.token_hex(8)}></trellis-body>"
        at = output.index(body)
        done = redact(output[:at] + mark + output[at + len(body) :])
        if done.html.count(mark) == 1:
            return Redacted(done.html.replace(mark, body), done.findings)
    return redact(output)


def people_in(findings: list) -> list:
    """Findings of a page's frame that name a person (a name, a first name, an id in an address
    or attribute). A contact detail found there (an e-mail in <meta content>) is the guard's to
    report, with every file it reached and where it was written."""
    return [f for f in findings if f.match.kind in ("name", "first-name", "id")]


# ------------------------------------------------------------------------------ includes


class Records:
    """Where the journal keeps its records: goals/, contacts/ and entries/ (any case), and
    exports anywhere in it."""

    def __init__(self, journal_dir: Path):
        self.root = os.path.realpath(journal_dir)

    def holds(self, path: str) -> bool:
        real = os.path.realpath(path)
        try:
            rel = os.path.relpath(real, self.root)
        except ValueError:  # another drive
            return False
        if rel.startswith(os.pardir) or os.path.isabs(rel):
            return False
        parts = Path(rel).parts
        return (len(parts) > 1 and parts[0].casefold() in RECORD_FOLDERS) or real.lower().endswith(EXPORT_SUFFIXES)

    def shown(self, path: str, base: Path) -> str:
        real = os.path.realpath(path)
        try:
            return Path(real).relative_to(os.path.realpath(base)).as_posix()
        except ValueError:
            return real


SNIPPETS = "pymdownx.snippets"
_SNIPPET_MARK = re.compile(r"-8<-")
_INCLUDE = re.compile(r"""\{[%!#]-?\s*include(?:-markdown)?\s+(["'])(.+?)\1""")


def _snippet_settings(extensions: Iterable, configs: dict) -> dict | None:
    for extension in extensions:
        name = extension if isinstance(extension, str) else type(extension).__module__
        if name == SNIPPETS or name.startswith(SNIPPETS + ":"):
            return (
                dict(configs.get(extension, {}) or {})
                if isinstance(extension, str)
                else dict(getattr(extension, "getConfigs", dict)())
            )
    return None


def snippets_read(markdown: str, extensions: Iterable, configs: dict) -> list[str] | None:
    """Every file pymdownx.snippets would read into this markdown (nested snippets and
    auto_append included), as absolute paths; [] when it is not enabled or reads nothing;
    None when its code could not be run dry (the caller fails closed)."""
    settings = _snippet_settings(extensions, configs)
    if settings is None:
        return []
    if not settings.get("auto_append") and not _SNIPPET_MARK.search(markdown):
        return []
    try:
        from types import SimpleNamespace

        from pymdownx.snippets import SnippetExtension, SnippetPreprocessor

        options = SnippetExtension(**settings).getConfigs()
        options["url_download"] = False  # a dry run reads no URL; an address is no record file
        options["check_paths"] = False  # a missing file is the build's own error to report
        dry = SnippetPreprocessor(options, SimpleNamespace(tab_length=4))
        read: list[str] = []
        resolve = dry.get_snippet_path  # a snippet's path resolved against base_path, or None

        def get_snippet_path(path):
            found = resolve(path)
            if found:
                read.append(os.path.abspath(found))
            return found

        dry.get_snippet_path = get_snippet_path
        if hasattr(dry, "read_lines"):  # pymdown-extensions 13 reads through it (12 opens the file itself)
            original = dry.read_lines

            def read_lines(path):
                try:
                    return original(path)
                except (OSError, UnicodeError):  # a folder, an unreadable file: the build's own error
                    return []

            dry.read_lines = read_lines
        dry.run(markdown.split("\n"))
        return read
    except Exception:  # another version's internals: say so rather than guess
        return None


def includes_read(markdown: str, page_path: str | None, docs_dir: str, project: str) -> list[str]:
    """Files an include directive (`{% include "x" %}`, `{% include-markdown "x" %}`, of
    mkdocs-include-markdown-plugin or mkdocs-macros) may read: the path (a glob) from the
    page's folder, docs_dir and the project's folder, every one that exists."""
    found: list[str] = []
    if "{%" not in markdown:
        return found
    bases = [os.path.dirname(page_path)] if page_path else []
    bases += [docs_dir, project]
    for match in _INCLUDE.finditer(markdown):
        target = match.group(2).strip()
        for base in [""] if os.path.isabs(target) else bases:
            pattern = os.path.join(base, target)
            found += [os.path.abspath(p) for p in glob.glob(pattern, recursive=True) if os.path.isfile(p)]
    return found


def pulled_in(
    markdown: str,
    page_path: str | None,
    *,
    extensions: Iterable,
    configs: dict,
    docs_dir: str,
    project: str,
    records: Records,
) -> list[str] | None:
    """The record files this markdown pulls in (shown relative to the project); None when
    snippets are on and could not be resolved."""
    snippets = snippets_read(markdown, extensions, configs)
    if snippets is None:
        return None
    read = snippets + includes_read(markdown, page_path, docs_dir, project)
    return sorted({records.shown(p, Path(project)) for p in read if records.holds(p)})


def pulled_in_message(pages: dict[str, list[str]]) -> str:
    listed = "; ".join(f"{page} pulls in {', '.join(files)}" for page, files in list(pages.items())[:10])
    more = f"; and {len(pages) - 10} more page(s)" if len(pages) > 10 else ""
    return (
        f"Trellis stopped the public build: {listed}{more}. A record file (a contact's notes, want and give, "
        "a private entry) included with pymdownx.snippets (--8<--, auto_append) or an include directive is "
        "published as it is: take the include out and write what may be public into the page itself"
    )


def unresolved_message(page: str) -> str:
    return (
        f"Trellis stopped the public build: {page} uses pymdownx.snippets, and Trellis could not work out "
        "which files it includes (an unknown version of pymdown-extensions): remove the snippet, or "
        "install the pymdown-extensions version Trellis supports"
    )


# ------------------------------------------------------------------------------ theme files


def package_theme_dirs(theme_dirs: Iterable[str], custom_dir: str | None) -> list[str]:
    """The folders of installed themes (material's, MkDocs' own): their files are the theme's,
    not the user's, and the guard may skip them. A custom_dir (a user's overrides/) is not one."""
    custom = os.path.realpath(custom_dir) if custom_dir else None
    return [os.path.realpath(d) for d in theme_dirs if os.path.realpath(d) != custom]


def is_inside(path: str | None, folders: Iterable[str]) -> bool:
    if not path:
        return False
    real = os.path.realpath(path)
    return any(real == f or real.startswith(f.rstrip(os.sep) + os.sep) for f in folders)


# ------------------------------------------------------------------------------ refused plugins

SOCIAL_REFUSAL = (
    "Trellis stopped the public build: material's social plugin draws page titles, descriptions "
    "and site_name into images, which the privacy guard cannot read, so a private person's name "
    "could be published in a card. Turn its cards off for the public build (plugins: - social: "
    "cards: false, or enabled: !ENV [SOCIAL_CARDS, false])"
)
