"""The MkDocs adapter: `plugins: - trellis` in mkdocs.yml, entry point `trellis.plugin:TrellisPlugin`.

hooks.py         the plugin's class: each of MkDocs' events calls named steps, nothing else;
                 per-build state starts afresh in on_config (each `mkdocs serve` rebuild)
config.py        the plugin's options in mkdocs.yml, typed, and their help lines
docs_files.py    the files MkDocs found in docs_dir: the records kept out, what the audience gets
generated.py     the files Trellis adds: its pages, its stylesheet and script, the owner's calendar
public.py        the public view's checks around rendering: includes of records, redaction
paths.py         docs_dir as the user names it, the project, the configured site_dir
serve_cache.py   under `mkdocs serve`: unchanged pages skip the theme and the search indexing
serve_guard.py   under `mkdocs serve`: a request addressed to another host gets 403
page_sources.py  a file on disk for each generated page, outside the journal

What is kept across `mkdocs serve` rebuilds is one `ServeMemo` (trellis/memo.py), held by
the plugin for the life of the process, beside the load cache, the page cache and the
theme's compiled templates.
"""

from .hooks import TrellisPlugin

__all__ = ["TrellisPlugin"]
