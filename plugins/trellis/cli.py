"""The `trellis` command. It reuses the plugin's pipeline and imports nothing of MkDocs,
so `trellis check` starts fast enough for a pre-commit hook."""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from .clock import BadSourceDateEpoch
from .commands.log_args import parse_arguments
from .model import WEEKDAYS

# schemas.NAMES, spelt out so that the parser is built without importing the loader
SCHEMA_NAMES = ("trellis-options", "mkdocs", "plan", "goal", "contact", "entry", "application")
# `trellis new contact --company ...`: the options the parser offers and passes to commands.new
CONTACT_OPTIONS = ("company", "role", "sector", "location", "email", "linkedin")


def _analyse(path: str):
    """The shared pipeline on the journal a path names, or None after saying why not."""
    from .pipeline import analyse, week_start

    found = _journal_dir(path)
    if found is None:
        return None
    journal_dir, project = found
    return analyse(
        journal_dir,
        shown_base=Path.cwd() if _inside(journal_dir, Path.cwd()) else project,
        week_start=week_start(project),
    )


def _check(args: argparse.Namespace) -> int:
    from .commands import check

    analysis = _analyse(args.path)
    if analysis is None:
        return 2
    check.print_findings(analysis, args.format)
    _outdated(args.path)
    return check.exit_code(analysis, _project(args.path), args.strict)


def _status(args: argparse.Namespace) -> int:
    from .commands import status

    analysis = _analyse(args.path)
    if analysis is None:
        return 2
    status.run(analysis, args.json)
    _outdated(args.path)
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .commands import schemas

    return schemas.run(args.name, args.write, _shown)


def _editor(args: argparse.Namespace) -> int:
    from .commands import editor

    found = _journal_dir(args.path)
    if found is None:
        return 2
    journal_dir, folder = found
    return editor.run(folder, journal_dir, _shown)


def _journal_dir(path: str) -> tuple[Path, Path] | None:
    """(journal folder, project folder) a path names, or None after saying why not."""
    from .locating import JournalDirError, config_file, journal_at, locate

    given = journal_at(Path(path).resolve())
    if given is None:
        print(
            f"trellis: {path} holds no journal, nor does any folder above it: give the project folder "
            "(with mkdocs.yml) or the journal folder (with goals/, contacts/ or entries/), or start one "
            "with trellis init",
            file=sys.stderr,
        )
        return None
    path = str(given)
    config = config_file(Path(path).resolve())
    try:
        journal_dir, project = locate(Path(path))
    except JournalDirError as err:  # the plugin's journal_dir option in mkdocs.yml
        assert config is not None  # locate() raises it only for a project with a config
        print(f"trellis: {_shown(config)}: {err}", file=sys.stderr)
        return None
    if not journal_dir.is_dir():
        named_by = (
            f"{config.name} names it (docs_dir, and the trellis option journal_dir)"
            if config is not None
            else "give the project folder (with mkdocs.yml) or the journal folder"
        )
        print(f"trellis: {journal_dir} is not a folder: {named_by}", file=sys.stderr)
        return None
    _clear_leftovers(journal_dir, project)
    return journal_dir, project


def _clear_leftovers(journal_dir: Path, project: Path) -> None:
    """What a command killed outright (SIGKILL, a power cut) left: temporary copies of files."""
    from .stopping import clear_leftovers

    said = clear_leftovers(journal_dir, _shown)
    if project != journal_dir and not _inside(project, journal_dir):
        said += clear_leftovers(project, _shown, recursive=False)  # `export -o` beside mkdocs.yml
    for line in said:
        print(f"trellis: {line}", file=sys.stderr)


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _new(args: argparse.Namespace) -> int:
    from . import clock
    from .commands import new

    found, today = _journal_dir(args.path), clock.today()
    if found is None:
        return 2
    details = {option: getattr(args, option) or "" for option in CONTACT_OPTIONS}
    return new.run(found[0], today, args.kind, args.name, args.date, details, _shown, namesake=args.namesake)


def _log(args: argparse.Namespace) -> int:
    from . import clock
    from .commands import log

    found, today = _journal_dir(args.path), clock.today()
    if found is None:
        return 2
    return log.run(found[0], today, log.Request.of(args), _shown)


def _import(args: argparse.Namespace) -> int:
    from .commands import import_

    found = _journal_dir(args.path)
    if found is None:
        return 2
    return import_.run(found[0], args.format, args.file, args.dry_run, args.apply_changes)


def _export(args: argparse.Namespace) -> int:
    from .commands import export

    if args.format == "ics":
        analysis = _analyse(args.path)
        if analysis is None:
            return 2
        text = export.calendar_text(analysis)
    else:
        found = _journal_dir(args.path)
        if found is None:
            return 2
        text = export.journal_text(found[0], args.format)
    return export.run(text, args.format, args.output)


def _init(args: argparse.Namespace) -> int:
    from .commands import init

    settings = init.Settings(
        name=args.name or "",
        title=args.title or "",
        site_url=args.site_url or "",
        public_repo=args.public_repo or "",
        week_start=args.week_start,
        vision=args.vision or "",
    )
    return init.run(Path(args.dir), settings, args.requirement, _shown)


def _upgrade(args: argparse.Namespace) -> int:
    from . import clock
    from .commands.upgrade.command import run

    found = _journal_dir(args.path)
    if found is None:
        return 2
    journal_dir, project = found
    return run(project, journal_dir, clock.today(), force=args.force, dry_run=args.dry_run, shown=_shown)


def _publish(args: argparse.Namespace) -> int:
    from .commands.publish.command import run

    found = _journal_dir(args.path)
    if found is None:
        return 2
    journal_dir, project = found
    return run(
        project,
        journal_dir,
        args.to,
        branch=args.branch,
        keep_history=args.keep_history,
        dry_run=args.dry_run,
        message=args.message or "",
    )


def _project(path: str) -> Path:
    """The project folder of the journal a path names (found already by `_journal_dir`)."""
    from .locating import located

    return located(Path(path))[1]


def _outdated(path: str) -> None:
    """One line on standard error when `trellis upgrade` has files to bring up to date."""
    from . import clock
    from .commands.upgrade.plan import outdated_line
    from .locating import located

    try:
        journal_dir, project = located(Path(path))
        line = outdated_line(project, journal_dir.resolve().relative_to(project.resolve()).as_posix(), clock.today())
    except Exception:  # noqa: BLE001 - a hint only: it never fails the command it rides on
        return
    if line:
        print(f"trellis: {line}", file=sys.stderr)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


# `trellis digest` (issue 28, the weekly nudge) ------------------------------------------


def _digest(args: argparse.Namespace) -> int:
    from .commands.digest.command import run

    analysis = _analyse(args.path)
    if analysis is None:
        return 2
    from .locating import located

    journal_dir, project = located(Path(args.path))
    return run(analysis, project, journal_dir, args.site_url, github_issue_=args.github_issue)


def _version() -> str:
    from .distribution import version

    return version()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="trellis", description="Check and publish a networking journal.")
    parser.add_argument("--version", action="version", version=f"trellis {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the journal without building (exit 1 on errors)")
    check.add_argument("path", nargs="?", default=".", help="project folder (with mkdocs.yml) or journal folder")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default="text",
        help="text (default); github: workflow commands, so GitHub shows each finding on its line; "
        "json: {version, findings: [{file, line, rule, severity, message, fix}], summary}",
    )
    check.set_defaults(run=_check)
    status = commands.add_parser(
        "status", help="print each goal's progress, pace, buffer and streak, and the open applications' next steps"
    )
    status.add_argument("path", nargs="?", default=".", help="project folder (with mkdocs.yml) or journal folder")
    status.add_argument("--json", action="store_true", help="print JSON, one object per goal, for scripts and badges")
    status.set_defaults(run=_status)

    new = commands.add_parser("new", help="start a new entry, contact, goal or application file (never overwrites)")
    new.add_argument("kind", choices=("entry", "contact", "goal", "application"))
    new.add_argument("name", nargs="?", help="the contact's name, the goal's title, or the application's company")
    new.add_argument("--date", help="entry: the day, YYYY-MM-DD (default: today)")
    for option in CONTACT_OPTIONS:
        new.add_argument(f"--{option}", help=f"contact{' and application' if option == 'role' else ''}: {option}")
    new.add_argument(
        "--namesake",
        action="store_true",
        help="contact: write it even though a contact of the same name exists (another person of that name)",
    )
    new.add_argument("--path", default=".", help="project folder (with mkdocs.yml) or journal folder")
    new.set_defaults(run=_new)

    from .commands.log_args import add_log_parser  # argparse only: the parser stays quick to build

    add_log_parser(commands, _log)

    imports = commands.add_parser("import", help="add people from LinkedIn's Connections.csv or a vCard file")
    imports.add_argument("format", choices=("linkedin", "vcard"))
    imports.add_argument("file")
    imports.add_argument("--dry-run", action="store_true", help="print what would change, write nothing")
    imports.add_argument(
        "--apply-changes",
        action="store_true",
        help="also write what the file says differently about people already in the journal "
        "(a new company, role, e-mail, phone or link); their old company and role are kept in past_companies",
    )
    imports.add_argument("--path", default=".", help="project folder (with mkdocs.yml) or journal folder")
    imports.set_defaults(run=_import)

    export = commands.add_parser(
        "export",
        help="the whole journal as JSON, the contacts as vCards, or a calendar "
        "of follow-ups, reach-outs and goals (iCalendar)",
    )
    export.add_argument("format", choices=("json", "vcard", "ics"))
    export.add_argument("-o", "--output", help="a new file to write (default: standard output)")
    export.add_argument("--path", default=".", help="project folder (with mkdocs.yml) or journal folder")
    export.set_defaults(run=_export)

    init = commands.add_parser("init", help="start a new journal project in a folder (never overwrites)")
    init.add_argument("dir", nargs="?", default=".", help="the new project's folder (default: here)")
    init.add_argument("--name", help="your name, for the home page and the site's title")
    init.add_argument("--title", help="the site's title (default: NAME · networking journal)")
    init.add_argument("--site-url", help="the public site's address, e.g. https://USER.github.io/")
    init.add_argument(
        "--public-repo",
        "--repo-url",
        dest="public_repo",
        help="the public repository the workflow publishes to, e.g. git@github.com:USER/USER.github.io.git",
    )
    init.add_argument(
        "--week-start",
        default="monday",
        choices=WEEKDAYS,
        metavar="DAY",
        help="the first day of a week for weekly goals (default: monday)",
    )
    init.add_argument("--vision", help="your vision in one sentence, for plan.md and the vision goal")
    init.add_argument(
        "--requirement",
        metavar="SPEC",
        help="requirements.txt's line that installs Trellis "
        "(default: the Trellis that runs, as installed: a release, or its git URL at the commit)",
    )
    init.set_defaults(run=_init)

    schema = commands.add_parser(
        "schema", help="print the JSON Schema of a kind of frontmatter, or of the plugin's options (trellis-options)"
    )
    schema.add_argument(
        "name",
        nargs="?",
        default="trellis-options",
        choices=SCHEMA_NAMES,
        metavar="KIND",
        help=f"one of {', '.join(SCHEMA_NAMES)} (default: trellis-options)",
    )
    schema.add_argument(
        "--write",
        metavar="DIR",
        help="write every schema into DIR as KIND.json instead (generated files: those there are replaced)",
    )
    schema.set_defaults(run=_schema)

    editor = commands.add_parser(
        "editor",
        help="add the editor set-up that checks frontmatter as you type "
        "(VS Code: remark and YAML), to a journal made before it existed",
    )
    editor.add_argument("path", nargs="?", default=".", help="project folder (with mkdocs.yml)")
    editor.set_defaults(run=_editor)

    upgrade = commands.add_parser(
        "upgrade",
        help="bring the files trellis init wrote (workflow, pre-commit, "
        "requirements, editor set-up, .gitignore) to this version's",
    )
    upgrade.add_argument("path", nargs="?", default=".", help="project folder (with mkdocs.yml)")
    upgrade.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    upgrade.add_argument(
        "--force", action="store_true", help="replace managed files you edited too, keeping yours as FILE.YYYYMMDD.bak"
    )
    upgrade.set_defaults(run=_upgrade)

    publish = commands.add_parser(
        "publish", help="build the public view and push it, and nothing else, to a repository"
    )
    publish.add_argument(
        "--to",
        required=True,
        metavar="REMOTE",
        help="a remote of the journal's repository, or a URL or path of the public site repository",
    )
    publish.add_argument("--branch", default="gh-pages", help="the branch Pages serves (default: gh-pages)")
    publish.add_argument(
        "--keep-history", action="store_true", help="add one commit to the branch instead of replacing its history"
    )
    publish.add_argument("--dry-run", action="store_true", help="build and list the files, push nothing")
    publish.add_argument("--message", help="the commit message")
    publish.add_argument("--path", default=".", help="project folder (with mkdocs.yml)")
    publish.set_defaults(run=_publish)
    from .commands.digest import add_parser as add_digest  # argparse only: the command loads on use

    add_digest(commands, _digest)
    return _run(parse_arguments(parser, argv))


def _run(args: argparse.Namespace) -> int:
    """Run one command; however the system stops it, one line says why, and nothing is left.

    Writes go through temporary files, so nothing is ever half-written; those still there
    are removed, and what was written before the stop is listed, so that the same command
    run again completes it."""
    from . import signals, stopping, writing

    writing.written.clear()
    try:
        with signals.signals_stop_the_command():
            code = args.run(args)
            signals.raise_if_stopped()  # a signal whose exception Python dropped on the way
            return code
    except BadSourceDateEpoch as err:  # today can't be known: nothing is judged
        print(f"trellis: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C
        _say_written()
        print("trellis: interrupted", file=sys.stderr)
        return 130
    except signals.Stopped as stop:  # SIGTERM, SIGHUP
        _say_written()
        print(f"trellis: stopped by {stop.name}", file=sys.stderr)
        return stop.exit_code
    except OSError as err:  # a full disk, a permission, a read-only disk, a vanished file
        if err.errno == errno.EPIPE:  # standard output's reader stopped reading
            stopping.quiet_broken_pipe()
            return 128 + 13  # as SIGPIPE would end it
        _say_written()
        print(stopping.os_error_line(f"trellis {args.command}", err, _shown, writing.written), file=sys.stderr)
        return stopping.EXIT_SYSTEM
    finally:
        writing.remove_temporaries()


def _say_written() -> None:
    """What a command stopped part-way had written, a file a line."""
    from . import writing

    for path in writing.written:
        print(f"wrote {_shown(path)}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
