"""Source files for the pages Trellis generates, in a temporary folder outside the journal.

Other plugins take every page to have a file on disk: mkdocs-rss-plugin and
mkdocs-static-i18n call `Path(page.file.abs_src_path)`, git-revision-date-localized asks
git about it. MkDocs 1.6 lets a generated file be backed by a temporary file
(`File.generated(..., abs_src_path=...)`), so each generated page gets one: its
frontmatter (title and description), which is all of its markdown. The folder is made
once per process, never inside the journal (building never writes there), rewritten only
where a page's text changed (serve rebuilds), and removed when the process ends.

The owner view's page titles are contacts' names. A process that is killed (`kill`, a
closed terminal, a crash) leaves its folder behind, so the folder's name carries its
process id, and each new folder removes those of the same user whose process is gone
(on POSIX systems, where asking whether a process lives does not harm it).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from pathlib import Path

PREFIX = "trellis-pages-"
_OURS = re.compile(re.escape(PREFIX) + r"(\d+)-")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks (POSIX); never called elsewhere
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # another user's, or not to be judged: kept
    return True


def remove_stale(temp_dir: str | Path | None = None) -> list[Path]:
    """Remove the folders of this user's Trellis processes that ended without removing them."""
    if os.name != "posix":
        return []
    removed = []
    temp_dir = Path(temp_dir or tempfile.gettempdir())
    try:
        entries = list(os.scandir(temp_dir))
    except OSError:
        return []
    for entry in entries:
        match = _OURS.match(entry.name)
        if match is None or int(match.group(1)) == os.getpid():
            continue
        try:
            if not entry.is_dir(follow_symlinks=False) or entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
        except OSError:
            continue
        if not _alive(int(match.group(1))):
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(Path(entry.path))
    return removed


class PageSources:
    def __init__(self) -> None:
        self._folder: Path | None = None
        self._written: dict[str, str] = {}  # a page's src_uri and the text its file holds
        self._outside: Path | None = None  # the docs_dir the folder was last found outside of

    def folder(self, docs_dir: Path) -> Path:
        if self._folder is None:
            remove_stale()
            self._folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
            self._outside = None
            atexit.register(self.remove)
        if docs_dir == self._outside:  # asked for each of thousands of pages: resolved once
            return self._folder
        if self._folder.resolve().is_relative_to(docs_dir.resolve()):
            # a TMPDIR inside docs_dir: these files would be read as pages of the site
            raise ValueError(
                f"the temporary folder {self._folder} lies inside docs_dir ({docs_dir}): "
                "set TMPDIR to a folder outside it"
            )
        self._outside = docs_dir
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
