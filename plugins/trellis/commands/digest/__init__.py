"""`trellis digest`: the week's reach-out in Markdown (`text`), printed, or posted as one issue of
the journal's own private repository (`github_issue`). Owner-only content: never written into a site."""
