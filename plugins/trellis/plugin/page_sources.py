"""Source files for the pages Trellis generates, in a temporary folder outside the journal.

Other plugins take every page to have a file on disk: mkdocs-rss-plugin and
mkdocs-static-i18n call `Path(page.file.abs_src_path)`, git-revision-date-localized asks
git about it, material's tags plugin takes its path relative to docs_dir. MkDocs 1.6 lets a
generated file be backed by a temporary file (`File.generated(..., abs_src_path=...)`), so
each generated page can have one: its frontmatter (title and description), which is all of
its markdown. Trellis itself never reads it, and writing a file costs about half a
millisecond on a disk (a tenth of a second or more for a build's hundreds or thousands of
pages), so a page's File (`SourcedFile`) holds the text in memory (`content_string`) and
writes its file only when something first reads its `abs_src_path`: a build without such a
plugin writes no page source. The folder is made once per process, at the first build,
whether or not a file is then written in it (making it is what removes stale folders, below),
never inside the journal (building never writes there); a file is rewritten only where the
page's text changed since it was last written (serve rebuilds), and the folder is removed
when the process ends.

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
from typing import cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel

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

    def file(self, config: MkDocsConfig, src_uri: str, text: str, inclusion: InclusionLevel) -> File:
        """A generated page's File holding `text`, whose file is written when first asked for."""
        file = cast(SourcedFile, SourcedFile.generated(config, src_uri, content=text, inclusion=inclusion))
        file.pending = (self, text, Path(config.docs_dir))
        return file

    def remove(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder, self._written = None, {}


class SourcedFile(File):
    """A generated file whose text is in memory and whose file on disk is written when first asked for.

    MkDocs 1.6 reads `content_string` and `content_bytes` from memory when a File holds its
    content, so MkDocs and Trellis never open the file; `abs_src_path` (a cached_property in
    File) is a property here whose first read writes the file (`PageSources.write`) and gives
    its path. Assigning it (File.generated does, with None; a plugin may point it elsewhere, or
    set the content, which sets it to None) takes the value given, and no file is written.
    A File with content in memory is always "modified" for `--dirty` builds: the page's HTML
    comes from the journal, not from this file, so it is made again at every build.
    """

    pending: tuple[PageSources, str, Path] | None = None  # what to write at the first read of abs_src_path
    _source_path: str | None = None

    @property
    def abs_src_path(self) -> str | None:
        if self.pending is not None:
            sources, text, docs_dir = self.pending
            self._source_path = sources.write(self.src_uri, text, docs_dir)
            self.pending = None  # once written (a failed write is tried again at the next read)
        return self._source_path

    @abs_src_path.setter
    def abs_src_path(self, value: str | None) -> None:
        self.pending = None
        self._source_path = value
