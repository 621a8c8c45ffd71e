"""The files MkDocs found in docs_dir: the records kept out, and what the audience may get.

The records are MkDocs' pages in no view, whether mkdocs.yml's exclude_docs names them or
not (exclusion.py): Trellis reads them from disk and swaps them for its generated pages.
A record file Trellis did not read stops a build (switched off too); a file of the journal
folder the audience may not get is dropped; a page that is not text, or nests too deeply,
is a finding instead of MkDocs' traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..loading.nesting import page_problem
from ..locating import (
    JournalPlace,
    linked_records,
    linked_records_message,
    unread_records,
    unread_records_message,
)
from ..model import MARKDOWN_SUFFIXES, in_record_folder
from ..pipeline import Analysis
from ..privacy import exclusion
from ..privacy.view import View
from .paths import shown_docs_dir

log = get_plugin_logger("trellis.plugin")


class RecordExclusion:
    """The records added to exclude_docs at each build, said once a process."""

    def __init__(self) -> None:
        self._said = False  # the INFO line on exclude_docs, once a process
        self._owners = exclusion.owners_patterns(None, "")  # what mkdocs.yml's own lines exclude

    def apply(self, config: MkDocsConfig, place: JournalPlace) -> None:
        """MkDocs' serve watches all of docs_dir, excluded files included, so an edited contact
        still rebuilds the site."""
        self._owners = exclusion.owners_patterns(config.exclude_docs, place.folder)
        missing = exclusion.missing_exclude_lines(config.exclude_docs, place.folder)
        if not missing:
            return
        if not self._said:  # once a process: serve reloads the configuration at every save
            self._said = True
            log.info(
                exclusion.exclude_docs_advice(missing, first=config.exclude_docs is None, journal_dir=place.folder)
            )
        config.exclude_docs = exclusion.with_lines(config.exclude_docs, missing)

    def by_trellis_only(self, rel: str | None, src_uri: str) -> bool:
        """A file other than a page in a record folder that only Trellis' exclusion keeps out."""
        return (
            rel is not None
            and "/" in rel
            and rel.split("/", 1)[0] in exclusion.FOLDERS
            and not src_uri.lower().endswith(MARKDOWN_SUFFIXES)
            and not self._owners.match_file(src_uri)
        )


def refuse_unread_records(files: Files, config: MkDocsConfig, place: JournalPlace | None, serving: bool) -> None:
    """Stop a build that would publish record files raw; under serve (not published), warn.
    `place` is None when the plugin is switched off: then Trellis reads none."""
    unread = unread_records(
        ((f.src_uri, f.abs_src_path) for f in files if f.inclusion.is_included()),
        place.reads if place is not None else None,
    )
    if not unread:
        return
    message = unread_records_message(unread, shown_docs_dir(config), place)
    if serving:
        log.warning(message)
    else:
        raise PluginError(message)


def refuse_linked_records(files: Files, config: MkDocsConfig, place: JournalPlace, journal_dir: Path) -> None:
    """A record under another name (a link to it, or in a linked folder) is no record Trellis reads
    (a file inside a record folder is Trellis' to read or leave out, linked or not)."""
    linked = linked_records(
        (
            (f.src_uri, f.abs_src_path)
            for f in files
            if f.inclusion.is_included() and not _in_record_folder(place.journal_path(f.src_uri))
        ),
        journal_dir,
    )
    if linked:
        raise PluginError(linked_records_message(linked, shown_docs_dir(config)))


def keep_for_audience(
    files: Files,
    config: MkDocsConfig,
    *,
    place: JournalPlace,
    view: View,
    analysis: Analysis,
    publish_files: list[str],
    records: RecordExclusion,
) -> None:
    """Remove from `files` the records (Trellis' pages replace them), unrenderable pages and what
    the audience may not get."""
    docs_dir = os.path.normpath(config.docs_dir)
    left_out: list[str] = []
    chosen = {str(extra) for extra in (*config.extra_css, *config.extra_javascript)}
    for file in list(files):
        if file.src_dir is None or os.path.normpath(file.src_dir) != docs_dir:
            continue  # a theme's asset (custom_dir's too): no journal file; the guard reads it (on_env)
        rel = place.journal_path(file.src_uri)  # None: a file of the site around the journal
        if view.owner and file.inclusion.is_excluded() and records.by_trellis_only(rel, file.src_uri):
            file.inclusion = InclusionLevel.INCLUDED  # a photo beside the contacts: the owner's, as before
        if place.reads(file.src_uri):
            files.remove(file)
        elif file.src_uri in chosen:
            continue  # a stylesheet or script mkdocs.yml names: published on purpose
        elif file.is_documentation_page() and _unrenderable(file, rel, analysis, config):
            files.remove(file)  # not text, or nested too deeply: a finding, not MkDocs' traceback
        elif rel is None:
            if not view.publishes_site_file(file.src_uri):
                files.remove(file)
        elif not view.publishes_file(rel, publish_files):
            files.remove(file)
            left_out.append(file.src_uri)
    if left_out:
        log.info(
            f"{len(left_out)} file(s) of the journal folder are not published (only pages, images and "
            f"CNAME are, by default), e.g. {left_out[0]}: list patterns in the trellis option "
            "publish_files to publish more"
        )


def _unrenderable(file: File, rel: str | None, analysis: Analysis, config: MkDocsConfig) -> bool:
    """A page that is not UTF-8 text or nests too deeply: the journal's were found (and
    reported) with the analysis; one of the site around the journal is read here."""
    if rel is not None:
        return rel in analysis.unrenderable_pages
    if file.abs_src_path is None:  # another plugin's page made from text in memory: nothing on disk to read
        return False
    problem = page_problem(file.abs_src_path, f"{shown_docs_dir(config)}/{file.src_uri}", file.src_uri)
    if problem is not None:
        log.warning(str(problem))
    return problem is not None


def _in_record_folder(rel: str | None) -> bool:
    return rel is not None and in_record_folder(rel)
