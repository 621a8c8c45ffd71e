"""`trellis log`'s arguments, apart from cli.py so that it stays a dispatcher: argparse and the
channel names only, so building the parser loads nothing of the journal."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

from ..model import CHANNELS


def complete_contacts(prefix: str, parsed_args: object = None, **_: object) -> list[str]:
    """`trellis log <Tab>`: contact ids and names (argcomplete calls it; see completion.py)."""
    from .completion import contact_completer

    return contact_completer(prefix, parsed_args)


def add_log_parser(commands: argparse._SubParsersAction, run: Callable[[argparse.Namespace], int]) -> None:
    log = commands.add_parser(
        "log",
        help="add a conversation to the day's entry: trellis log ada grace 'coffee about the platform team'",
        description="Add one interaction to the day's entry (written if there is none). WHO is a contact's id, "
        "name, first name or family name; the last word is the summary when it names nobody (or use -m).",
    )
    who = log.add_argument("who", nargs="+", metavar="WHO", help="who: an id, a name or a first name; then TEXT")
    who.completer = complete_contacts  # argcomplete's hook
    log.add_argument("-m", "--summary", metavar="TEXT", help="what you talked about (then every word is a person)")
    log.add_argument("--channel", choices=CHANNELS, help="how (default: the one the summary names, else other)")
    side = log.add_mutually_exclusive_group()
    side.add_argument(
        "--out", dest="direction", action="store_const", const="outbound", help="you reached out (default)"
    )
    side.add_argument("--in", dest="direction", action="store_const", const="inbound", help="they reached out")
    side.add_argument("--mutual", dest="direction", action="store_const", const="mutual", help="both, or met")
    log.set_defaults(direction="outbound")
    log.add_argument(
        "--follow-up", metavar="WHEN", help="a reminder: YYYY-MM-DD, 3d, 2w, 1m or a weekday (the next one)"
    )
    log.add_argument(
        "--date", metavar="D", help="the day it happened (default today): YYYY-MM-DD, 3d (ago), friday (last)"
    )
    log.add_argument("--public", action="store_true", help="a new entry is public (an existing one keeps its public:)")
    log.add_argument("--new-contact", action="store_true", help="create a contact for each WHO that names nobody")
    log.add_argument("--path", default=".", help="project folder (with mkdocs.yml) or journal folder")
    log.set_defaults(run=run)


def parse_arguments(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """The command line, parsed; a shell asking for completions is answered instead (argcomplete).

    `trellis log ada --mutual "met at the meetup"`: the words after an option are WHO and TEXT
    too, so `log` takes what argparse left over; any other command refuses it."""
    if "_ARGCOMPLETE" in os.environ:  # the shell asks for completions (register-python-argcomplete trellis)
        import importlib

        importlib.import_module("argcomplete").autocomplete(parser)  # a dependency; typed or not
    args, extra = parser.parse_known_args(argv)
    if extra and args.command == "log" and not any(word.startswith("-") for word in extra):
        args.who += extra
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args
