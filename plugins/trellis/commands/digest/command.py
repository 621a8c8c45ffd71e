"""`trellis digest [PROJECT] [--site-url URL] [--github-issue]`."""

from __future__ import annotations

import sys
from pathlib import Path

from ...pipeline import Analysis
from ...privacy.audience import Audience
from ...privacy.view import View
from ...rendering.week import this_week
from . import github_issue
from .text import Links, digest_text


def run(analysis: Analysis, project: Path, journal_dir: Path, site_url: str, *, github_issue_: bool) -> int:
    view = View(analysis.journal, Audience.OWNER)  # owner-only: printed or posted privately, never into a site
    text = digest_text(analysis, view, this_week(analysis), Links.of(site_url, project, journal_dir))
    if github_issue_:
        return github_issue.post(text)
    sys.stdout.write(text)
    return 0
