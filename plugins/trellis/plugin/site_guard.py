"""The privacy guard over a public build, as the plugin runs it: made before the first page, so
that a worker (privacy/guard_worker.py) reads each page on the machine's other core as MkDocs
writes it; asked for the leaks once every file is written (on_post_build)."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from ..privacy.guard import Guard
from ..privacy.guard_worker import GuardWorker
from ..privacy.site_text import site_files
from ..privacy.view import View

log = get_plugin_logger("trellis.plugin")


class SiteGuard:
    """One public build's guard: `start`, `page` for each page, `leaks`; `stop` if the build fails."""

    def __init__(self) -> None:
        self._guard: Guard | None = None
        self._worker: GuardWorker | None = None
        self._site: Path | None = None

    def start(self, view: View, site_dir: str, command: str | None) -> None:
        """Before the first page. A worker for `mkdocs build` (and gh-deploy) only: serve's
        server runs threads that a fork must not copy (`serve --clean`, which starts up as a
        "build", rebuilds beside them: `GuardWorker.start` forks in no process with threads)."""
        self.stop()
        self._guard = Guard(view.matcher, view.passages())
        self._site = Path(site_dir)
        if command in ("build", "gh-deploy"):
            self._worker = GuardWorker.start(self._guard)

    def page(self, page: Page, output: str) -> None:
        """A page's final HTML, as MkDocs is about to write it (after every plugin's on_post_page)."""
        if self._worker is None or self._site is None or not output.strip():
            return  # (MkDocs writes no file for a page of blanks: a file left there is read at the end)
        file = page.file
        # where MkDocs writes it: its abs_dest_path, computed here as it is without keeping it (a
        # cached_property, kept, would hold the page at this address if a later plugin moves it)
        dest = file.__dict__.get("abs_dest_path") or os.path.normpath(os.path.join(file.dest_dir, file.dest_uri))
        try:
            path = Path(dest).relative_to(self._site).as_posix()
        except ValueError:  # written outside the site: the guard reads the site itself at the end
            self._worker.stop()
            self._worker = None
            return
        self._worker.page(path, output)

    def leaks(self, view: View, site: Path, skip: set[str]) -> list[tuple[str, str]]:
        """(site file, what leaked) for every file of the built site but `skip` (the theme's own)."""
        guard = self._guard if self._guard is not None else Guard(view.matcher, view.passages())
        if self._worker is not None:
            worker, self._worker = self._worker, None
            found = worker.finish(site_files(site, skip))
            if found is not None:
                log.debug("the guard read the pages in a worker, as they were written")
                return found
            log.debug(f"the guard reads the site in this process: {worker.why_not}")
        return guard.leaks(site_files(site, skip))

    def stop(self) -> None:
        """The build's end (or its failure): the worker ended, and the guard's reading (what
        its reader keeps of the site's lines, megabytes) not kept until the next build."""
        if self._worker is not None:
            self._worker.stop()
            self._worker = None
        self._guard = None
