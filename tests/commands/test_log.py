"""`trellis log`: a conversation logged in one command, on a copy of the example journal, at
the pinned date (Monday 2026-11-23).

People are found by id, name, first name; two people behind one word, or nobody, write
nothing and say who it could be; an existing entry keeps every byte but the new item; a file
that can't be read is named with its line and left alone; days are read against the pinned
date; the shell completion lists ids and names; the result passes check and shows under serve.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EPOCH, ROOT, serve_rebuilds, tree
from trellis import cli
from trellis.commands.completion import contact_completer
from trellis.commands.log_words import NotADay, parse_day
from trellis.loading import load_journal

TODAY = dt.date(2026, 11, 23)  # a Monday
NEW_DAY = "entries/2026/2026-11-23.md"


@pytest.fixture
def journal(tmp_path, pinned_today) -> Path:
    """A copy of the example journal (with mkdocs.yml): the journal folder."""
    shutil.copytree(ROOT / "journal", tmp_path / "journal")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path / "journal"


def log(journal: Path, *args: str) -> int:
    return cli.main(["log", *args, "--path", str(journal)])


def interactions(journal: Path, day: dt.date = TODAY) -> list:
    return [i for e in load_journal(journal).entries if e.date == day for i in e.interactions]


def checks(journal: Path, capsys) -> None:
    capsys.readouterr()
    assert cli.main(["check", str(journal.parent)]) == 0, capsys.readouterr()


@pytest.mark.parametrize("who", ["grace-obi", "Grace Obi", "GRACE  OBI", "grace", "Obi"])
def test_one_person_by_id_full_name_or_first_name_on_a_new_day(journal, capsys, who):
    assert not (journal / NEW_DAY).exists()
    assert log(journal, who, "coffee about the platform team") == 0
    assert "journal/entries/2026/2026-11-23.md" in capsys.readouterr().out
    (logged,) = interactions(journal)
    assert (logged.with_ids, logged.channel, logged.direction) == (["grace-obi"], "coffee", "outbound")
    assert logged.summary == "coffee about the platform team"
    checks(journal, capsys)


def test_accents_and_case_do_not_matter(journal, capsys):
    contact = journal / "contacts" / "zoe-odegard.md"
    contact.write_text("---\nname: Zoë Ødegård\npublic: false\n---\n", encoding="utf-8")
    assert log(journal, "zoe odegard", "-m", "hello") == 0
    assert log(journal, "ZOË", "-m", "hello again") == 0
    assert [i.with_ids for i in interactions(journal)] == [["zoe-odegard"], ["zoe-odegard"]]


def test_several_people_make_one_interaction(journal, capsys):
    assert log(journal, "grace", "Yusuf Kaya", "hana-sato", "--mutual", "met at the meetup") == 0
    (logged,) = interactions(journal)
    assert logged.with_ids == ["grace-obi", "yusuf-kaya", "hana-sato"]
    assert (logged.channel, logged.direction) == ("meetup", "mutual")
    assert "with: [grace-obi, yusuf-kaya, hana-sato]" in (journal / NEW_DAY).read_text()
    checks(journal, capsys)


def test_an_existing_entry_keeps_every_byte_but_the_new_item(journal, capsys):
    path = journal / "entries/2026/2026-09-21.md"
    before = path.read_text(encoding="utf-8")
    # the user's own comments, key order and body stay as written
    before = before.replace("interactions:\n", "# my own note, kept\ninteractions:  # two today\n", 1)
    before = before.replace("---\nSpent", "public: false\n# after the list\n---\nSpent", 1)
    path.write_text(before, encoding="utf-8")
    others = {k: v for k, v in tree(journal).items() if k != "entries/2026/2026-09-21.md"}

    assert log(journal, "grace", "--date", "2026-09-21", "--in", "--channel", "video", "-m", "Talk: the outline") == 0
    after = path.read_text(encoding="utf-8")
    added = "  - with: grace-obi\n    channel: video\n    direction: inbound\n    summary: 'Talk: the outline'\n"
    assert after.replace(added, "", 1) == before
    assert after.index(added) == before.index("public: false\n# after the list")  # at the list's end
    assert {k: v for k, v in tree(journal).items() if k != "entries/2026/2026-09-21.md"} == others
    logged = interactions(journal, dt.date(2026, 9, 21))
    assert [i.with_ids for i in logged] == [["bruno-alves"], ["yusuf-kaya"], ["grace-obi"]]
    assert logged[-1].summary == "Talk: the outline"
    checks(journal, capsys)


def test_public_marks_a_new_entry_and_never_flips_an_existing_one(journal, capsys):
    assert log(journal, "grace", "--public", "-m", "hello") == 0
    assert load_journal(journal).entries[-1].public is True
    before = (journal / "entries/2026/2026-09-21.md").read_text()
    assert "public" not in before
    assert log(journal, "grace", "--public", "--date", "2026-09-21", "-m", "hello") == 0
    assert "stays private" in capsys.readouterr().err
    assert [e.public for e in load_journal(journal).entries if e.date == dt.date(2026, 9, 21)] == [False]


def test_two_people_of_one_first_name_are_both_listed_and_nothing_is_written(journal, capsys):
    (journal / "contacts" / "grace-hopper.md").write_text("---\nname: Grace Hopper\npublic: false\n---\n")
    before = tree(journal)
    assert log(journal, "grace", "coffee about compilers") == 1
    err = capsys.readouterr().err
    assert "grace-obi (Grace Obi)" in err and "grace-hopper (Grace Hopper)" in err
    assert "nothing was written" in err
    assert tree(journal) == before
    assert log(journal, "grace hopper", "coffee about compilers") == 0  # the full name tells them apart


def test_an_unknown_person_gets_did_you_mean_and_nothing_is_written(journal, capsys):
    before = tree(journal)
    assert log(journal, "Grcae", "yusuf", "-m", "coffee") == 1
    err = capsys.readouterr().err
    assert "no contact is 'Grcae'" in err and "did you mean grace-obi (Grace Obi)" in err
    assert "--new-contact" in err
    assert tree(journal) == before


def test_new_contact_creates_the_unknown_person_through_new_contact(journal, capsys):
    assert log(journal, "Ada Lovelace", "grace", "--new-contact", "-m", "engines") == 0
    out = capsys.readouterr().out
    assert "journal/contacts/ada-lovelace.md" in out
    text = (journal / "contacts" / "ada-lovelace.md").read_text()
    assert "name: Ada Lovelace" in text and "met: 2026-11-23" in text and "public: false" in text
    (logged,) = interactions(journal)
    assert logged.with_ids == ["grace-obi", "ada-lovelace"]
    checks(journal, capsys)


@pytest.mark.parametrize(
    "broken",
    [
        "---\ndate: 2026-11-23\ninteractions:\n  - with: [grace-obi\n    channel: coffee\n",  # cut off mid-write
        "---\ndate: 2026-11-23\ninteractions:\n  - with: grace-obi\n\tchannel: coffee\n---\n",  # a tab
    ],
)
def test_a_half_written_entry_file_is_refused_with_its_line_and_left_untouched(journal, capsys, broken):
    path = journal / NEW_DAY
    path.write_bytes(broken.encode())
    before = tree(journal)
    assert log(journal, "grace", "-m", "coffee") == 1
    err = capsys.readouterr().err
    assert "journal/entries/2026/2026-11-23.md:" in err and "left as it is" in err
    line = err.split("2026-11-23.md:", 1)[1].split(":", 1)[0]
    assert line.isdigit() and int(line) >= 1
    assert tree(journal) == before


def test_an_entry_it_cannot_add_to_safely_is_named_and_left_alone(journal, capsys):
    one_line = journal / NEW_DAY
    one_line.write_text(
        "---\ndate: 2026-11-23\ninteractions: [{with: yusuf-kaya, channel: call, direction: inbound}]\n---\n"
    )
    other_day = journal / "entries/2026/2026-11-22.md"
    other_day.write_text("---\ndate: 2026-11-21\n---\nDated another day.\n")
    before = tree(journal)
    assert log(journal, "grace", "-m", "coffee", "--new-contact") == 1
    assert "2026-11-23.md:3: interactions: is written on one line" in capsys.readouterr().err
    assert log(journal, "grace", "-m", "coffee", "--date", "yesterday") == 1
    assert "2026-11-22.md is there but is not dated 2026-11-22" in capsys.readouterr().err
    assert log(journal, "", "-m", "coffee") == 1
    assert tree(journal) == before


def test_an_entry_written_in_crlf_keeps_its_line_ends(journal, capsys):
    path = journal / NEW_DAY
    old = "---\r\ndate: 2026-11-23\r\ninteractions:\r\n- with: yusuf-kaya\r\n  channel: call\r\n  direction: inbound\r\n---\r\nBody.\r\n"
    path.write_bytes(old.encode())
    assert log(journal, "grace", "-m", "coffee") == 0
    new = path.read_bytes().decode()
    assert new == old.replace(
        "---\r\nBody",
        "- with: grace-obi\r\n  channel: coffee\r\n  direction: outbound\r\n  summary: coffee\r\n---\r\nBody",
    )


def test_follow_up_and_date_are_read_against_the_pinned_day(journal, capsys):
    assert log(journal, "grace", "--follow-up", "2w", "-m", "call") == 0
    assert log(journal, "yusuf", "--follow-up", "friday", "-m", "call") == 0
    assert [i.follow_up for i in interactions(journal)] == [dt.date(2026, 12, 7), dt.date(2026, 11, 27)]
    assert log(journal, "grace", "--date", "friday", "-m", "call") == 0  # the day it happened: the last Friday
    assert [i.with_ids for i in interactions(journal, dt.date(2026, 11, 20))][-1] == ["grace-obi"]
    before = tree(journal)
    assert log(journal, "grace", "--follow-up", "soon", "-m", "call") == 2
    assert "'soon' is not a day" in capsys.readouterr().err
    assert tree(journal) == before


def test_days_in_words():
    monday, friday = dt.date(2026, 11, 23), dt.date(2026, 11, 27)
    assert parse_day("2w", monday) == dt.date(2026, 12, 7)
    assert parse_day("3d", monday) == dt.date(2026, 11, 26)
    assert parse_day("1m", dt.date(2026, 1, 31)) == dt.date(2026, 2, 28)
    assert parse_day("friday", monday) == friday
    assert parse_day("Fri", friday) == dt.date(2026, 12, 4)  # on a Friday, "friday" is the next one
    assert parse_day("monday", monday, ahead=False) == dt.date(2026, 11, 16)
    assert parse_day("3d", monday, ahead=False) == dt.date(2026, 11, 20)
    assert parse_day("2026-12-01", monday) == dt.date(2026, 12, 1)
    with pytest.raises(NotADay):
        parse_day("someday", monday)


def test_two_channels_named_ask_for_channel_and_none_named_is_other(journal, capsys):
    assert log(journal, "grace", "coffee then a call") == 2
    assert "--channel" in capsys.readouterr().err
    assert log(journal, "grace", "thanks") == 0
    assert "channel other" in capsys.readouterr().err
    assert interactions(journal)[0].channel == "other"


def test_the_completer_lists_contact_ids_and_names(journal):
    offered = contact_completer("gr", argparse.Namespace(path=str(journal.parent)))
    assert "grace-obi" in offered and "Grace Obi" in offered
    assert "Grace Obi" in contact_completer("ob", argparse.Namespace(path=str(journal)))
    everyone = contact_completer("", argparse.Namespace(path=str(journal)))
    assert len([c for c in everyone if "-" in c and c.islower()]) == len(list((journal / "contacts").glob("*.md")))


def _completed(journal: Path, line: str) -> list[str]:
    """What the shell would offer after `line` (argcomplete's protocol, as bash's hook runs it)."""
    env = {**os.environ, "_ARGCOMPLETE": "1", "COMP_LINE": line, "COMP_POINT": str(len(line)), "_ARGCOMPLETE_IFS": "\n"}
    read, write = os.pipe()
    run = subprocess.run(
        [sys.executable, "-m", "trellis.cli"],
        cwd=journal.parent,
        env={**env, "SOURCE_DATE_EPOCH": EPOCH, "_ARGCOMPLETE_STDOUT_FILENAME": f"/dev/fd/{write}"},
        pass_fds=(write,),
        capture_output=True,
        text=True,
        timeout=60,
    )
    os.close(write)
    offered = os.read(read, 65536).decode()
    os.close(read)
    assert run.returncode == 0, run.stderr
    return [word.strip() for word in offered.split("\n")]


def test_the_shell_completion_goes_through_argcomplete(journal):
    pytest.importorskip("argcomplete")
    assert _completed(journal, "trellis log gra") == ["grace-obi"]
    assert _completed(journal, "trellis log Gra") == ["Grace\\ Obi"]  # a name, escaped for the shell
    assert "yusuf-kaya" in _completed(journal, "trellis log grace-obi y")


def test_a_logged_conversation_shows_on_the_next_serve_rebuild(journal, capsys, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("TRELLIS_AUDIENCE", raising=False)
    project, site = journal.parent, journal.parent / "served"
    served = serve_rebuilds(project, site)

    def rebuild() -> str:
        served()
        return "\n".join(p.read_text(errors="replace") for p in site.rglob("*.html"))

    assert "Zeppelin hangar tour" not in rebuild()
    assert log(journal, "grace", "--date", "2026-09-21", "-m", "Zeppelin hangar tour") == 0
    assert "Zeppelin hangar tour" in rebuild()
