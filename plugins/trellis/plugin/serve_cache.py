"""Pages that did not change are not rendered again under `mkdocs serve`.

Every save makes MkDocs rebuild the whole site, and the theme's template costs a few
milliseconds a page: thousands of contact pages cost seconds. A generated page's output
is a function of its own HTML, title, meta and address, the navigation, the site's
configuration and the theme's templates. When none of them changed since the last
rebuild, the page is given a template (`trellis-cached.html`, in templates/theme/) that
prints the output kept from last time, so MkDocs still builds, indexes and writes every
page, in one pass, but skips the theme's work. `mkdocs build` never uses this.

The search plugin reads every page's HTML again to index it, which costs as much as the
theme. For an unchanged page, the entries it gave the search index last time are put
back in its place instead (material's search plugin; with another one nothing is
skipped), so the index is the same as a fresh build's, entry for entry.

MkDocs also makes a new Jinja environment at each rebuild, which would compile the
theme's templates again; `CompiledTemplates` keeps them compiled.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import jinja2

CACHED_TEMPLATE = "trellis-cached.html"
OUTPUT_KEY = "trellis_cached_output"


def _nav_items(items: Any) -> list:
    out = []
    for item in items or []:
        url = getattr(item, "url", None)
        out.append(
            (type(item).__name__, str(getattr(item, "title", "")), url, _nav_items(getattr(item, "children", None)))
        )
    return out


def search_index(config: Any) -> Any:
    """material's search index (its `entries` list), or None with any other search plugin."""
    plugin = config.plugins.get("material/search") if hasattr(config.plugins, "get") else None
    index = getattr(plugin, "search_index", None)
    return index if isinstance(getattr(index, "entries", None), list) else None


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates, compiled once for every rebuild.

    MkDocs makes a new Jinja environment at each rebuild, which compiles the theme's
    templates again (a few tenths of a second for material). Jinja's bytecode cache is
    the hook for keeping them: each one is stored with a checksum of its source, so an
    edited template is compiled afresh.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class PageCache:
    def __init__(self) -> None:
        self._pages: dict[str, tuple[str, str]] = {}  # src_uri -> (fingerprint, output)
        self._entries: dict[str, tuple[str, list]] = {}  # src_uri -> (fingerprint, its search entries)
        self._site = ""
        self.settings = ""  # the configuration file and the templates, as a digest (the nav is not in it)
        self._pending: dict[str, str] = {}  # src_uri -> fingerprint of this build
        self._index: Any = None
        self._first_entry = 0
        self.reused = 0  # pages served from the cache in the last build (tests read it)

    def start(self, config: Any, theme_dirs: list[str]) -> None:
        """At each build: what every page shares (configuration file, theme templates)."""
        digest = hashlib.sha256()
        config_file = getattr(config, "config_file_path", None)
        if config_file and os.path.isfile(config_file):
            digest.update(Path(config_file).read_bytes())
        for folder in theme_dirs:  # the templates (not the thousands of icons in .icons/)
            for dirpath, dirnames, names in os.walk(folder):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(n for n in names if n.endswith(".html")):
                    stat = os.stat(os.path.join(dirpath, name))
                    digest.update(f"{dirpath}/{name}:{stat.st_mtime_ns}:{stat.st_size}".encode())
        self.settings = self._site = digest.hexdigest()
        self._pending = {}
        self._index = None  # found when indexing starts: the search plugin makes it in its on_config
        self.reused = 0

    def add_nav(self, nav: Any) -> None:
        self._site = hashlib.sha256((self._site + json.dumps(_nav_items(nav.items))).encode()).hexdigest()

    def reuse(self, page: Any, html: str) -> None:
        """Note the page's fingerprint; if its output is known, have it printed instead of rendered."""
        meta = {k: v for k, v in page.meta.items() if k not in ("template", OUTPUT_KEY, "search")}
        key = json.dumps([self._site, page.url, page.title, meta, html], default=str)
        fingerprint = hashlib.sha256(key.encode()).hexdigest()
        self._pending[page.file.src_uri] = fingerprint
        known = self._pages.get(page.file.src_uri)
        if known and known[0] == fingerprint:
            page.meta["template"] = CACHED_TEMPLATE
            page.meta[OUTPUT_KEY] = known[1]
            self.reused += 1
            indexed = self._entries.get(page.file.src_uri)
            if indexed and indexed[0] == fingerprint:
                page.meta["search"] = {"exclude": True}  # its entries are put back in after_search

    def before_search(self, page: Any, config: Any) -> None:
        """Just before the search plugin indexes the page: where its entries will start."""
        if self._index is None:
            self._index = search_index(config)
        if self._index is not None:
            self._first_entry = len(self._index.entries)

    def after_search(self, page: Any) -> None:
        """Just after: keep the page's entries, or put back the ones it gave last time."""
        fingerprint = self._pending.get(page.file.src_uri)
        if self._index is None or fingerprint is None:
            return
        if (page.meta.get("search") or {}).get("exclude") and page.meta.get("template") == CACHED_TEMPLATE:
            self._index.entries.extend(self._entries[page.file.src_uri][1])
        else:
            self._entries[page.file.src_uri] = (fingerprint, list(self._index.entries[self._first_entry :]))

    def keep(self, page: Any, output: str) -> None:
        fingerprint = self._pending.get(page.file.src_uri)
        if fingerprint is not None:
            self._pages[page.file.src_uri] = (fingerprint, output)

    def finish(self) -> None:
        """Forget pages that were not built this time (deleted or renamed records)."""
        self._pages = {k: v for k, v in self._pages.items() if k in self._pending}
        self._entries = {k: v for k, v in self._entries.items() if k in self._pending}
