"""Source files for the pages Trellis generates, in a temporary folder outside the journal.

Other plugins take every page to have a file on disk: mkdocs-rss-plugin and
mkdocs-static-i18n call `Path(page.file.abs_src_path)`, git-revision-date-localized asks
git about it. MkDocs 1.6 lets a generated file be backed by a temporary file
(`File.generated(..., abs_src_path=...)`), so each generated page gets one: its
frontmatter (title and description), which is all of its markdown. The folder is made
once per process, never inside the journal (building never writes there), rewritten only
where a page's text changed (serve rebuilds), and removed when the process ends.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path


class PageSources:
    def __init__(self) -> None:
        self._folder: Path | None = None
        self._written: dict[str, str] = {}  # a page's src_uri and the text its file holds

    def folder(self, docs_dir: Path) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="trellis-pages-"))
            atexit.register(self.remove)
        if self._folder.resolve().is_relative_to(docs_dir.resolve()):
            # a TMPDIR inside docs_dir: these files would be read as pages of the site
            raise ValueError(f"the temporary folder {self._folder} lies inside docs_dir ({docs_dir}): "
                             "set TMPDIR to a folder outside it")
        return self._folder

    def write(self, src_uri: str, text: str, docs_dir: Path) -> str:
        """The absolute path of a file holding `text`, the source of the page at `src_uri`."""
        folder = self.folder(docs_dir)
        path = folder / src_uri  # src_uri is a relative path MkDocs made: no ".." in it
        if self._written.get(src_uri) != text or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            self._written[src_uri] = text
        return str(path)

    def remove(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder, self._written = None, {}
