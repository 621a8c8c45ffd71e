"""The `trellis` commands, a module (or a package) each, named after the command: `check`, `status`,
`new`, `log` (its words, its text edit and its arguments in `log_words`, `log_append`, `log_args`;
the shell completion in `completion`), `import_`, `export`, `init`, `editor`, `schemas`, `upgrade`, `publish`, `digest`; and `owner_build`,
the mark an owner build leaves in its folder (the plugin writes it, `check` reads it); `managed`,
the files `init` writes and `upgrade` keeps up to date.

`cli` parses the arguments, finds the journal and dispatches here; a command prints what it did
and returns the exit code. Nothing here imports MkDocs at import time (`schemas` reads the
plugin's option types from MkDocs when it writes the options' schema).
"""
