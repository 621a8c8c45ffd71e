"""The `trellis` command. It reuses the plugin's pipeline and imports nothing of MkDocs,
so `trellis check` starts fast enough for a pre-commit hook."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import json
import sys
from pathlib import Path

from .clock import BadSourceDateEpoch
from .model import WEEKDAYS

# schemas.NAMES, spelt out so that the parser is built without importing the loader
SCHEMA_NAMES = ("trellis-options", "mkdocs", "plan", "goal", "contact", "entry")


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
    analysis = _analyse(args.path)
    if analysis is None:
        return 2
    out = sys.stdout
    if args.format == "github":
        from .annotations import github_lines

        out.writelines(github_lines(analysis.findings))
        out.write(f"trellis check: {analysis.summary()}\n")
    elif args.format == "json":
        from .annotations import findings_json

        out.write(findings_json(analysis.findings, analysis.summary()))
    else:
        for found in analysis.findings:
            out.write(f"{found}\n")
        out.write(f"trellis check: {analysis.summary()}\n")
    _outdated(args.path)
    if _owner_builds_in_git(args.path) or _exposed(analysis.journal, "trellis check"):
        return 1
    if analysis.errors or (args.strict and analysis.warnings):
        return 1
    return 0


def _exposed(journal, command: str) -> bool:
    """Whether the journal's repository is public and shows private data; says so if it does."""
    from .privacy.repository import repository_exposure, repository_is_public

    if not repository_is_public():
        return False
    exposure = repository_exposure(journal)
    if exposure:
        print(f"{command}: error: {exposure.message()}", file=sys.stderr)
    return bool(exposure)


def _schema(args: argparse.Namespace) -> int:
    from . import schemas

    if args.write:
        folder = Path(args.write)
        folder.mkdir(parents=True, exist_ok=True)
        for name in schemas.NAMES:  # generated files: rewritten each time, like a build's output
            (folder / f"{name}.json").write_text(schemas.schema_text(name), encoding="utf-8")
        print(f"trellis schema: wrote {len(schemas.NAMES)} schemas into {_shown(folder)}")
        return 0
    sys.stdout.write(schemas.schema_text(args.name))
    return 0


def _editor(args: argparse.Namespace) -> int:
    from . import project

    found = _journal_dir(args.path)
    if found is None:
        return 2
    journal_dir, folder = found
    try:
        written, kept = project.write_editor_files(folder, journal_dir)
    except project.BadOption as err:
        print(f"trellis editor: {err}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {_shown(path)}")
    for path in kept:
        print(
            f"kept {_shown(path)} as it is: Trellis never overwrites a file you may have edited "
            "(move it aside and run trellis editor again to get Trellis' version)"
        )
    print(project.EDITOR_NEXT)
    return 0


def _status(args: argparse.Namespace) -> int:
    from .status import status_rows, status_table

    analysis = _analyse(args.path)
    if analysis is None:
        return 2
    rows = status_rows(analysis)
    if args.json:
        json.dump({"today": analysis.today.isoformat(), "goals": rows}, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(status_table(rows, analysis.today))
    _outdated(args.path)
    return 0


def _journal_dir(path: str) -> tuple[Path, Path] | None:
    """(journal folder, project folder) a path names, or None after saying why not."""
    from .pipeline import config_file, locate
    from .placement import JournalDirError

    given = _journal_at(Path(path).resolve())
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


def _journal_at(path: Path) -> Path | None:
    """The project or journal folder a path is in: the path itself, else the nearest folder
    above it that is one (`trellis check` run in journal/entries/), else None. A folder that
    is neither is never read as a journal: it would check "0 records", `new` would write
    into it, and the clean-up of killed commands' temporary files would walk all of it."""
    from .pipeline import config_file

    for folder in (path, *path.parents):
        kinds = sum((folder / kind).is_dir() for kind in ("goals", "contacts", "entries"))
        if config_file(folder) is not None or (folder / "plan.md").is_file():
            return folder
        # the path itself may be a journal of one kind of record; a folder above it needs two
        # (a home folder with a Contacts folder is no journal)
        if kinds >= (1 if folder == path else 2) or folder == path and (folder / "journal").is_dir():
            return folder
    return None


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
    from . import clock, scaffold, writing

    found, today = _journal_dir(args.path), clock.today()
    if found is None:
        return 2
    journal_dir = found[0]
    day = today
    if args.kind == "entry" and args.date:
        try:
            day = dt.date.fromisoformat(args.date)
        except ValueError:
            print(f"trellis new: '{args.date}' is not a date: write it as YYYY-MM-DD", file=sys.stderr)
            return 2
        from .loading import date_bounds_problem  # the same bounds check and the build apply

        problem = date_bounds_problem(day)
        if problem is not None:
            print(f"trellis new: {problem.rule}: --date {args.date} {problem.why}: {problem.fix}", file=sys.stderr)
            return 2
    try:
        if args.kind == "entry":
            path = scaffold.new_entry(journal_dir, day)
        elif args.kind == "contact":
            if not args.name:
                print('trellis new contact: give the name, e.g. trellis new contact "Ada Lovelace"', file=sys.stderr)
                return 2
            path = scaffold.new_contact(
                journal_dir,
                args.name,
                today,
                company=args.company or "",
                role=args.role or "",
                sector=args.sector or "",
                location=args.location or "",
                email=args.email or "",
                linkedin=args.linkedin or "",
            )
        else:
            path = scaffold.new_goal(journal_dir, args.name or "", today)
    except writing.FileExists as err:
        print(
            f"trellis new: {_shown(Path(str(err)))} already exists: Trellis never overwrites a file; "
            "edit it, or pick another date",
            file=sys.stderr,
        )
        return 1
    print(_shown(path))
    return 0


def _import(args: argparse.Namespace) -> int:
    from . import importing
    from .decoding import visible

    found = _journal_dir(args.path)
    if found is None:
        return 2
    journal_dir = found[0]
    source = Path(args.file)
    if not source.is_file():
        print(f"trellis import: {args.file} is not a file", file=sys.stderr)
        return 2
    try:
        report = importing.import_file(
            journal_dir, args.format, source, dry_run=args.dry_run, progress=sys.stderr.isatty()
        )
    except importing.ImportFileError as err:
        print(f"trellis import: {visible(args.file)}: {err}", file=sys.stderr)
        return 1
    # names and cells are other people's text: shown with their control characters visible
    prefix = "would add" if args.dry_run else "added"
    for cid, person in report.added:
        print(f"{prefix} contacts/{cid}.md ({visible(person.name)}, line {person.line})")
    for cid, filled in report.merged:
        print(f"{'would fill' if args.dry_run else 'filled'} {', '.join(filled)} in contacts/{cid}.md")
    for problem in report.problems:
        print(f"{visible(args.file)}:{problem.line}: {visible(problem.message)}")
    print(f"trellis import {args.format}: {report.summary(args.dry_run)}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from . import exporting

    if args.format == "ics":  # judged against today, as the site is: the shared pipeline
        from .calendar_export import journal_calendar

        analysis = _analyse(args.path)
        if analysis is None:
            return 2
        text = journal_calendar(analysis).decode("utf-8")  # its CRLF line ends kept as they are
    else:
        from .loading import load_journal

        found = _journal_dir(args.path)
        if found is None:
            return 2
        journal = load_journal(found[0])
        text = exporting.journal_json(journal) if args.format == "json" else exporting.journal_vcards(journal)
    if args.output in (None, "-"):
        sys.stdout.write(text)
        return 0
    from . import writing

    try:
        writing.create(Path(args.output), text)
    except writing.FileExists:
        print(f"trellis export: {args.output} already exists: give a new file name", file=sys.stderr)
        return 1
    print(f"trellis export {args.format}: wrote {args.output}")
    return 0


def _init(args: argparse.Namespace) -> int:
    from . import clock, distribution, project, writing

    folder = Path(args.dir)
    try:
        requirement = distribution.requirement(args.requirement)
    except distribution.BadRequirement as err:
        print(f"trellis init: {err}", file=sys.stderr)
        return 2
    settings = project.Settings(
        name=args.name or "",
        title=args.title or "",
        site_url=args.site_url or "",
        public_repo=args.public_repo or "",
        week_start=args.week_start,
        vision=args.vision or "",
        requirement=requirement.line,
    )
    try:
        written = project.init_project(folder, settings, clock.today())
    except project.BadOption as err:
        print(f"trellis init: {err}", file=sys.stderr)
        return 2
    except project.ProjectFilesExist as err:
        print(
            f"trellis init: {len(err.paths)} of its files exist already, and Trellis never overwrites a file: "
            f"{', '.join(_shown(p) for p in err.paths)}. Nothing was written: start in a new folder "
            "(trellis init my-journal), or move those files aside",
            file=sys.stderr,
        )
        return 1
    except writing.FileExists as err:  # appeared while init was writing: left as it is
        print(
            f"trellis init: {_shown(Path(str(err)))} appeared while init was writing, and was left alone; "
            "the files before it were written",
            file=sys.stderr,
        )
        return 1
    from .init_git import start_repository

    shown = _shown(folder.resolve())
    print(f"trellis init: wrote {len(written)} files into {shown}")
    if requirement.note:  # requirements.txt may not install in the journal's CI: say so now
        print(f"trellis init: {requirement.note}")
    print(f"trellis init: {start_repository(folder)}")
    here = "" if folder.resolve() == Path.cwd().resolve() else f"cd {shown} && "
    print(f"next: {here}mkdocs serve (then see .github/workflows/publish.yml to publish)")
    return 0


def _upgrade(args: argparse.Namespace) -> int:
    from . import clock
    from .upgrade_command import run

    found = _journal_dir(args.path)
    if found is None:
        return 2
    journal_dir, project = found
    return run(project, journal_dir, clock.today(), force=args.force, dry_run=args.dry_run, shown=_shown)


def _outdated(path: str) -> None:
    """One line on standard error when `trellis upgrade` has files to bring up to date."""
    from . import clock
    from .pipeline import locate
    from .upgrade import outdated_line

    try:
        journal_dir, project = locate(_journal_at(Path(path).resolve()) or Path(path))
        line = outdated_line(project, journal_dir.resolve().relative_to(project.resolve()).as_posix(), clock.today())
    except Exception:  # noqa: BLE001 - a hint only: it never fails the command it rides on
        return
    if line:
        print(f"trellis: {line}", file=sys.stderr)


def _owner_builds_in_git(path: str) -> bool:
    """Whether git tracks files of an owner build's folder (owner_build); says so if it does."""
    from .owner_build import tracked, tracked_message
    from .pipeline import locate

    _, project = locate(_journal_at(Path(path).resolve()) or Path(path))
    found = tracked(project)
    for folder, count in sorted(found.items()):
        print(f"trellis check: error: {tracked_message(folder, count)}", file=sys.stderr)
    return bool(found)


def _publish(args: argparse.Namespace) -> int:
    from . import publishing
    from .loading import load_journal

    found = _journal_dir(args.path)
    if found is None:
        return 2
    journal_dir, project = found
    from .privacy.repository import repository_is_public

    if repository_is_public() and _exposed(load_journal(journal_dir, project), "trellis publish"):
        return 1
    try:
        done = publishing.publish(
            project,
            journal_dir,
            args.to,
            branch=args.branch,
            keep_history=args.keep_history,
            dry_run=args.dry_run,
            message=args.message or "",
        )
    except publishing.PublishError as err:
        print(f"trellis publish: {err}", file=sys.stderr)
        return 1
    where = f"{publishing._safe(done.remote)} ({done.branch})"
    if args.dry_run:
        for name in done.files:
            print(name)
        how = "adding one commit" if args.keep_history else "as one commit replacing the branch's history"
        print(f"trellis publish: would push these {len(done.files)} files to {where}, {how}; pushed nothing")
    elif done.unchanged:
        print(f"trellis publish: {where} already holds this site; pushed nothing")
    else:
        how = "one commit added" if args.keep_history else "one commit, the branch's history replaced"
        print(f"trellis publish: pushed {len(done.files)} files to {where}: {how} ({done.commit[:12]})")
    return 0


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


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
    status = commands.add_parser("status", help="print each goal's progress, pace, buffer and streak")
    status.add_argument("path", nargs="?", default=".", help="project folder (with mkdocs.yml) or journal folder")
    status.add_argument("--json", action="store_true", help="print JSON, one object per goal, for scripts and badges")
    status.set_defaults(run=_status)

    new = commands.add_parser("new", help="start a new entry, contact or goal file (never overwrites)")
    new.add_argument("kind", choices=("entry", "contact", "goal"))
    new.add_argument("name", nargs="?", help="the contact's name, or the goal's title")
    new.add_argument("--date", help="entry: the day, YYYY-MM-DD (default: today)")
    for option in ("company", "role", "sector", "location", "email", "linkedin"):
        new.add_argument(f"--{option}", help=f"contact: {option}")
    new.add_argument("--path", default=".", help="project folder (with mkdocs.yml) or journal folder")
    new.set_defaults(run=_new)

    imports = commands.add_parser("import", help="add people from LinkedIn's Connections.csv or a vCard file")
    imports.add_argument("format", choices=("linkedin", "vcard"))
    imports.add_argument("file")
    imports.add_argument("--dry-run", action="store_true", help="print what would change, write nothing")
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
    args = parser.parse_args(argv)
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    """Run one command; however the system stops it, one line says why, and nothing is left.

    Writes go through temporary files, so nothing is ever half-written; those still there
    are removed, and what was written before the stop is listed, so that the same command
    run again completes it."""
    from . import stopping, writing

    writing.written.clear()
    try:
        with stopping.signals_stop_the_command():
            code = args.run(args)
            stopping.raise_if_stopped()  # a signal whose exception Python dropped on the way
            return code
    except BadSourceDateEpoch as err:  # today can't be known: nothing is judged
        print(f"trellis: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C
        _say_written()
        print("trellis: interrupted", file=sys.stderr)
        return 130
    except stopping.Stopped as stop:  # SIGTERM, SIGHUP
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
