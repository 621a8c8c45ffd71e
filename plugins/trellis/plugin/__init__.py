"""The MkDocs adapter: `plugins: - trellis` in mkdocs.yml, entry point `trellis.plugin:TrellisPlugin`.

hooks.py      the plugin's class: each of MkDocs' events calls named steps, nothing else
config.py     the plugin's options in mkdocs.yml, typed, and their help lines
serve_cache.py   under `mkdocs serve`: unchanged pages skip the theme and the search indexing
serve_guard.py   under `mkdocs serve`: a request addressed to another host gets 403
page_sources.py  a file on disk for each generated page, outside the journal

What is kept across `mkdocs serve` rebuilds is one `ServeMemo` (trellis/memo.py), held by
the plugin for the life of the process.
"""

from .hooks import TrellisPlugin

__all__ = ["TrellisPlugin"]
