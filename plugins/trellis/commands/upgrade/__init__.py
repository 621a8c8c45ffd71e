"""`trellis upgrade`: the files `trellis init` wrote, brought to the installed Trellis' version.

Trellis manages a few files of a journal project besides the journal: the publishing workflow,
the pre-commit config, `requirements.txt`, the editor set-up and `.gitignore`. When a new
version changes them (the workflow learnt `fetch-depth: 0` and annotations), an existing
journal would keep the old ones for ever; `upgrade` brings them up to date and shows how.

What it may change, and how it knows the user did not edit a file:

- `.trellis/managed.json` (the manifest, written by `init` and by `upgrade`) records each
  managed file's Trellis version and the sha256 of what Trellis wrote. A file whose hash
  still equals the recorded one is unedited, and is replaced; an edited one is kept, and
  replaced only with `--force`, after a backup next to it (`FILE.YYYYMMDD.bak`, a name the
  `*.bak` pattern of every `.gitignore` Trellis wrote ignores).
- The values a user is told to set in a managed file (the workflow's `PUBLIC_REPO` and
  `PUBLIC_BRANCH`) are no edit: they are blanked before hashing and carried into the new
  version. The Trellis requirement in `requirements.txt` is blanked as well, and replaced by
  the one `init` would write now (`init.project_files`, so that it is init's own line).
- A project made before the manifest existed has no record: its files are compared with
  every version of the templates Trellis has shipped (`KNOWN`, hashes of the blanked text).
- `.gitignore` is merged: the patterns this version's template has and the file lacks are
  appended; none of the user's is removed, and a pattern the user deleted after Trellis
  recorded it is not added back.
- Everything under `journal/` is the user's: never written. So is `mkdocs.yml`, with one
  exception that is privacy, not taste: a mkdocs.yml with no `exclude_docs` at all gets the
  block that keeps the record folders out of any engine's pages (`privacy/exclusion.py`), appended at
  its end, so that a build without Trellis publishes none of them (issue 25); one whose
  `exclude_docs` lacks some of the lines is told which. Other settings the template's
  `mkdocs.yml` has and the user's lacks are listed as recommendations.
- The goals `init` writes into `journal/goals/` are for new projects only. One an earlier
  version wrote and the user never edited (`JOURNAL_KNOWN`, hashes with its dates blanked) is
  recognised, and upgrade says what this version's `init` writes instead (the dormant-ties goal
  now counts `revived`); it still writes nothing there.
- A managed file that a recorded project no longer has was removed by the user, and stays
  removed (`--force` brings it back); a file new in this version is created.

In this package: `plan` (what each file becomes, and the writes) and `command` (what `trellis
upgrade` prints and its exit code). What the managed files are (what of them is the user's, the
hashes, the manifest) is `commands/managed.py`, beside it: `init` writes the first record through
it, and upgrade reads init's files, so neither package imports the other both ways.
"""
