"""The plugin's options in mkdocs.yml (`plugins: [trellis: {...}]`)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from ..locating import JournalDirError, journal_folder
from ..model import WEEKDAYS


class JournalFolder(c.Type):
    """A folder inside docs_dir, normalised ("./journal/" is "journal"); "" is docs_dir itself."""

    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value: object) -> str:
        try:
            return journal_folder(super().run_validation(value))
        except JournalDirError as err:
            raise ValidationError(str(err)) from None


class TrellisConfig(Config):
    enabled = c.Type(bool, default=True)
    # auto: `mkdocs serve` shows the owner view, `mkdocs build`/`gh-deploy` the public one.
    # The environment variable TRELLIS_AUDIENCE overrides this option.
    audience = c.Choice(("auto", "owner", "public"), default="auto")
    week_start = c.Choice(WEEKDAYS, default="monday")
    # after a public build, scan every output file for private strings and fail if one is found
    privacy_guard = c.Type(bool, default=True)
    # in a public build, files of the journal folder other than pages, images and CNAME stay
    # home; these patterns (fnmatch, on the path inside the journal: "downloads/*.txt") go too,
    # and the guard reads them
    publish_files = c.ListOfItems(c.Type(str), default=[])
    # the journal's folder inside docs_dir, for a journal added to an existing site
    # (docs/journal/ is `journal_dir: journal`); "" means the journal is docs_dir itself
    journal_dir = JournalFolder()


# What each option does, in one line: the hover text of the options' JSON Schema
# (`trellis schema trellis-options`); a test fails when an option has none.
OPTION_HELP = {
    "enabled": "false: Trellis renders nothing, but a public build still refuses to publish records",
    "audience": "auto: `mkdocs serve` shows the owner view, `mkdocs build` and `gh-deploy` the public one "
    "(the environment variable TRELLIS_AUDIENCE overrides it)",
    "week_start": "the first day of a week, for `per: week` goals",
    "privacy_guard": "after a public build, read every output file for private strings and fail if one is found",
    "publish_files": "patterns (fnmatch, on the path inside the journal, e.g. downloads/*.txt) of journal files "
    "other than pages and images that the public site may carry; the privacy guard reads them",
    "journal_dir": "the journal's folder inside docs_dir, for a journal added to an existing site; "
    '"" (the default): docs_dir itself',
}
