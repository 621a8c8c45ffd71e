"""The plugin's options in mkdocs.yml (`plugins: [trellis: {...}]`)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from .model import WEEKDAYS


class TrellisConfig(Config):
    enabled = c.Type(bool, default=True)
    # auto: `mkdocs serve` shows the owner view, `mkdocs build`/`gh-deploy` the public one.
    # The environment variable TRELLIS_AUDIENCE overrides this option.
    audience = c.Choice(("auto", "owner", "public"), default="auto")
    week_start = c.Choice(WEEKDAYS, default="monday")
    # after a public build, scan every output file for private strings and fail if one is found
    privacy_guard = c.Type(bool, default=True)
    # in a public build, files of the journal folder other than pages, images and CNAME stay
    # home; these patterns (fnmatch, on the path inside the journal: "downloads/*.pdf") go too,
    # and the guard reads them
    publish_files = c.ListOfItems(c.Type(str), default=[])
