"""Public aggregates name no unnamed person; vCard imports lose no card (found in attack round 17).

Attacks on issue 17's public aggregates (a second pair of eyes): a public build must not
identify an unnamed person through a count, a cluster, a dream company, the map's order, or
carry a private name through a company, role or skill; after a realistic import it must pass;
the guard's message must say where the user wrote what it stopped."""

from __future__ import annotations

import html
import re

from conftest import GOOD_GOAL, build, site_text
from trellis.loading import load_journal
from trellis.privacy.audience import Audience
from trellis.privacy.order import anonymous_order
from trellis.privacy.view import View


def _public(project):
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    return project / "site-public"


def _views(project):
    journal = load_journal(project / "journal")
    return journal, View(journal, Audience.PUBLIC), View(journal, Audience.OWNER)


def _contact(name, **fields):
    lines = [f"name: {name}"] + [f"{k}: {v}" for k, v in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def _section(page, heading):
    found = re.search(rf"<h3>{heading}</h3><p>(.*?)</p>", page)
    return html.unescape(found.group(1)) if found else ""


def test_a_public_contact_whose_company_holds_a_private_name(write_journal):
    """A named employee of a self-named business whose owner is unnamed: her company is hers
    to show, but it holds his name. The build must pass (straight after an import) and the
    name must reach no file."""
    project = write_journal(
        {
            "index.md": "# Home\n",
            "contacts/jim-julian.md": _contact("Jim Julian", company="Jim Julian Unlimited, LLC", role="Owner"),
            "contacts/ann-public.md": _contact(
                "Ann Public", company="Jim Julian Unlimited, LLC", role="Designer", public="true"
            ),
        }
    )
    site = _public(project)
    text = site_text(site).lower()
    assert "jim julian" not in text and "julian" not in text
    network = (site / "network" / "index.html").read_text()
    assert "Ann Public" in network


def test_variants_of_a_private_name_inside_a_shared_company(write_journal):
    """Case, spacing and a value shared by three or more: a name inside is never shown."""
    files = {
        "index.md": "# Home\n",
        "contacts/brooklyn-cole.md": _contact("Brooklyn Cole", company="Freelance", role="Brooklyn Cole Consulting"),
    }
    for n, spelling in enumerate(["BROOKLYN COLE Consulting", "brooklyn  cole consulting", "Brooklyn Cole Consulting"]):
        files[f"contacts/emp-{n}.md"] = _contact(
            f"Emp Loyee{n}", company=spelling, role=spelling, skills=f"[{spelling}]"
        )
    project = write_journal(files)
    _, public, owner = _views(project)
    assert all(not public.shows_quality(q, "Brooklyn Cole Consulting") for q in ("company", "skills"))
    # a role is shown by its meaning (roles.py), never as written: four consultants name no one
    assert public.tally("role") == [("consultant", 4)]
    assert owner.shows_quality("company", "Brooklyn Cole Consulting")
    site = _public(project)
    assert "brooklyn" not in site_text(site).lower()


def test_an_org_card_whose_name_is_its_company_with_its_staff(write_journal):
    """An organisation's vCard (FN = ORG) and three people who work there: the company is held
    by four unnamed people, yet it is the name of one of them."""
    files = {
        "index.md": "# Home\n",
        "contacts/quillfeather-printing.md": _contact(
            "Quillfeather Printing", company="Quillfeather Printing", email="orders@quillfeather.example"
        ),
    }
    for n in range(3):
        files[f"contacts/staff-{n}.md"] = _contact(
            f"Staff Member{n}", company="Quillfeather Printing Ltd", role="Printer", sector="print"
        )
    project = write_journal(files)
    site = _public(project)
    text = site_text(site).lower()
    assert "quillfeather" not in text


def test_a_one_word_org_name_shared_as_a_company(write_journal):
    """A company page imported as a person whose name is one word ("Bigbank"), and three
    staff at Bigbank: "Bigbank (4)" would print the private contact's whole name."""
    files = {"index.md": "# Home\n", "contacts/bigbank.md": _contact("Bigbank", company="Bigbank", role="Company page")}
    for n in range(3):
        files[f"contacts/bank-{n}.md"] = _contact(f"Bank Er{n}", company="Bigbank", role="Teller", sector="banking")
    project = write_journal(files)
    site = _public(project)
    network = html.unescape((site / "network" / "index.html").read_text())
    assert "Bigbank" not in network, _section(network, "Companies")


def test_accented_name_in_an_unaccented_company(write_journal):
    """The person is José Núñez; three colleagues wrote their company without the accents."""
    files = {
        "index.md": "# Home\n",
        "contacts/jose-nunez.md": _contact("José Núñez", company="Freelance", role="Architect"),
    }
    for n in range(3):
        files[f"contacts/col-{n}.md"] = _contact(f"Col League{n}", company="Jose Nunez Arquitectos", role="Architect")
    project = write_journal(files)
    site = _public(project)
    text = site_text(site).lower()
    assert "nunez" not in text and "núñez" not in text


def test_a_one_word_org_name_before_a_capitalised_word(write_journal):
    """An organisation's card whose name is one word (FN:Quillfeather) and three staff at
    "Quillfeather Ltd": the matcher takes "Quillfeather Ltd" for someone else's full name (a
    first name before a capital), so neither the aggregate nor the guard saw the one word
    that is this contact's whole name."""
    files = {
        "index.md": "# Home\n",
        "contacts/quillfeather.md": _contact("Quillfeather", company="Quillfeather", email="hi@quill.example"),
    }
    for n in range(3):
        files[f"contacts/staff-{n}.md"] = _contact(f"Staff Member{n}", company="Quillfeather Ltd", role="Printer")
    project = write_journal(files)
    _, public, owner = _views(project)
    assert not public.shows_quality("company", "Quillfeather Ltd") and owner.shows_quality(
        "company", "Quillfeather Ltd"
    )
    site = _public(project)
    assert "quillfeather" not in site_text(site).lower()


def test_a_value_redaction_would_change_is_other_not_someone(write_journal):
    """A company holding an unnamed person's first name ("Kenji's Ramen", three staff) would
    be shown as "someone's Ramen (3)": not the value, and a hint. It counts as "other"."""
    files = {"index.md": "# Home\n", "contacts/kenji-sato.md": _contact("Kenji Sato", company="Freelance")}
    for n in range(3):
        files[f"contacts/cook-{n}.md"] = _contact(f"Cook Person{n}", company="Kenji's Ramen", role="Cook")
    project = write_journal(files)
    _, public, owner = _views(project)
    assert public.tally("company") == [("other", 4)]
    assert ("Kenji's Ramen", 3) in owner.tally("company")
    network = html.unescape((_public(project) / "network" / "index.html").read_text())
    assert "someone's Ramen" not in network and "Ramen" not in network


def _bridges_journal(write_journal, extra=None):
    """Three people, each the only link between two others: their betweenness is equal. The
    middle one (by id) is unnamed; named "Amara" and "Chloe" sort around them."""
    files = {
        "index.md": "# Home\n",
        "contacts/amara-a.md": _contact("Amara Aaa", role="Developer", public="true"),
        "contacts/bruno-b.md": _contact("Bruno Bbb", role="Developer"),
        "contacts/chloe-c.md": _contact("Chloe Ccc", role="Developer", public="true"),
    }
    entries = []
    for centre in ("amara-a", "bruno-b", "chloe-c"):
        for side in ("x", "y"):
            leaf = f"zz-{centre[0]}{side}"
            files[f"contacts/{leaf}.md"] = _contact(f"Zz Leaf{centre[0]}{side}", role="Developer")
            entries.append(f"  - {{with: [{centre}, {leaf}], channel: coffee, direction: mutual}}")
    files["entries/2026/2026-11-10.md"] = "---\ninteractions:\n" + "\n".join(entries) + "\n---\nPrivate.\n"
    files.update(extra or {})
    return write_journal(files)


def test_super_connectors_tied_are_not_listed_in_the_order_of_their_names(write_journal):
    project = _bridges_journal(write_journal)
    journal, public, _ = _views(project)
    network = html.unescape((_public(project) / "network" / "index.html").read_text())
    listed = re.search(r'<h2 id="super-connectors">.*?<ol>(.*?)</ol>', network, re.S).group(1)
    shown = [re.sub(r"<[^>]+>", "", li).rsplit(" ", 1)[0] for li in re.findall(r"<li>(.*?)</li>", listed)]
    expected = [
        public.contact_label(c) for c in sorted(("amara-a", "bruno-b", "chloe-c"), key=anonymous_order(journal))
    ]
    assert shown == expected


def test_what_counted_on_one_day_is_not_in_the_order_of_names(write_journal):
    ids = ["amara-a", "bruno-b", "chloe-c", "dario-d", "elena-e"]
    files = {
        "index.md": "# Home\n",
        "goals/meet.md": GOOD_GOAL.replace("TITLE", "Meet five new people"),
        "goals/vision.md": "---\ntitle: A role in design tooling\nkind: vision\n---\n",
    }
    for n, cid in enumerate(ids):
        files[f"contacts/{cid}.md"] = _contact(
            cid.replace("-", " ").title(),
            role="Developer",
            met="2026-11-05",
            **({"public": "true"} if n % 2 == 0 else {}),
        )
    project = write_journal(files)
    journal, public, _ = _views(project)
    page = html.unescape((_public(project) / "goals" / "meet" / "index.html").read_text())
    table = re.search(r'<table class="trellis-counted">(.*?)</table>', page, re.S).group(1)
    who = [
        re.sub(r"<[^>]+>", "", cells[-1])
        for cells in (re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", table))
        if cells
    ]
    assert who == [public.contact_label(c) for c in sorted(ids, key=anonymous_order(journal), reverse=True)]


def test_the_shown_spelling_is_never_that_of_a_hidden_holder(write_journal):
    """A named person at "Acme" and one unnamed person who wrote "ACME INC."-like "ACME":
    "ACME (1)" would show that someone unnamed works there (and sorts before "ann")."""
    project = write_journal(
        {
            "index.md": "# Home\n",
            "contacts/aaron-x.md": _contact("Aaron Xavier", company="ACME"),
            "contacts/ann-public.md": _contact("Ann Public", company="Acme", public="true"),
        }
    )
    _, public, owner = _views(project)
    assert public.tally("company") == [("Acme", 1), ("other", 1)]
    assert owner.tally("company") == [("ACME", 2)]


def test_the_guard_says_where_in_a_public_entry_the_email_was_written(write_journal):
    """A private e-mail in the text of a public entry, and in a goal's notes: the message must
    point at those files (the user's), not only at the generated pages."""
    project = write_journal(
        {
            "index.md": "# Home\n",
            "contacts/zoe-quint.md": _contact("Zoe Quint", role="Developer", email="zoe@quint.example"),
            "entries/2026/2026-11-20.md": "---\npublic: true\n---\n\nMet a developer.\n\nWrite to zoe@quint.example soon.\n",
            "goals/vision.md": "---\ntitle: A role in design tooling\nkind: vision\n---\nAsk zoe@quint.example.\n",
        }
    )
    run = build(project, "public")
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr[-3000:]
    message = run.stderr[run.stderr.find("Trellis stopped") :]
    where = message[message.find("Where you wrote it") :]
    assert "journal/entries/2026/2026-11-20.md:7: text" in where, message
    assert "journal/goals/vision.md:5: text" in where, message
    assert "edit" not in message.lower()


def _two_clusters(write_journal, first_names):
    """Two separate groups of three, each with one named person at a company of their own."""
    files = {"index.md": "# Home\n"}
    entries = []
    for first in first_names:
        named = f"{first.lower()}-named"
        files[f"contacts/{named}.md"] = _contact(f"{first} Named", company=f"{first}corp", public="true")
        others = [f"{first.lower()}-x{k}" for k in range(2)]
        for other in others:
            files[f"contacts/{other}.md"] = _contact(f"{first} X{other[-1]}", role="Developer")
        entries.append(f"  - {{with: [{named}, {', '.join(others)}], channel: coffee, direction: mutual}}")
    files["entries/2026/2026-11-10.md"] = "---\ninteractions:\n" + "\n".join(entries) + "\n---\nPrivate.\n"
    return write_journal(files)


def test_clusters_of_one_size_are_listed_in_the_keyed_order(write_journal):
    project = _two_clusters(write_journal, ["Bea", "Dan"])
    journal, _, _ = _views(project)
    order = anonymous_order(journal)
    groups = {f"{n}corp": [f"{n.lower()}-named", f"{n.lower()}-x0", f"{n.lower()}-x1"] for n in ("Bea", "Dan")}
    expected = sorted(groups, key=lambda g: min(map(order, groups[g])))
    assert expected == ["Dancorp", "Beacorp"]  # the keyed order is not the alphabet's here
    network = html.unescape((_public(project) / "network" / "index.html").read_text())
    listed = re.findall(r"3 people, mostly at (\w+)", network)
    assert listed == expected


def test_wedges_of_a_large_map_go_round_in_the_keyed_order():
    import networkx as nx
    from trellis.metrics import network

    graph = nx.Graph()
    clusters = [["a1", "a2"], ["b1", "b2"]]
    for a, b in clusters:
        graph.add_edge(a, b)
    flipped = {"a1": 3, "a2": 4, "b1": 1, "b2": 2}.__getitem__  # an order that puts b's cluster first
    by_id, by_order = network._wedges(graph, clusters), network._wedges(graph, clusters, flipped)
    assert by_order["b1"] == by_id["a1"] and by_order["a1"] == by_id["b1"]


def test_a_dream_company_named_after_its_one_unnamed_person(write_journal):
    """plan.md wants "Jim Julian Unlimited, LLC"; Jim is unnamed, reached through an unnamed
    friend whose role is theirs alone. No name, no role that picks out one person."""
    project = write_journal(
        {
            "index.md": "# Home\n",
            "plan.md": '---\nvision: Design tools\ndream_companies: ["Jim Julian Unlimited, LLC"]\n---\n',
            "contacts/jim-julian.md": _contact("Jim Julian", company="Jim Julian Unlimited, LLC", role="Owner"),
            "contacts/rae-friend.md": _contact("Rae Friend", role="Chief Llama Officer", sector="farming"),
            "entries/2026/2026-11-10.md": (
                "---\ninteractions:\n  - {with: rae-friend, channel: coffee, direction: mutual}\n"
                "  - {with: [rae-friend, jim-julian], channel: event, direction: mutual}\n---\nx\n"
            ),
        }
    )
    site = _public(project)
    text = site_text(site).lower()
    assert "julian" not in text and "llama" not in text and "farming" not in text


def test_the_owner_view_still_shows_every_value_as_written(write_journal):
    files = {
        "index.md": "# Home\n",
        "contacts/quillfeather.md": _contact("Quillfeather", company="Quillfeather"),
        "contacts/kenji-sato.md": _contact("Kenji Sato", company="Kenji's Ramen", role="Founder"),
    }
    project = write_journal(files)
    run = build(project, "owner")
    assert run.returncode == 0, run.stderr[-3000:]
    network = html.unescape((project / "site-owner" / "network" / "index.html").read_text())
    companies = _section(network, "Companies")
    assert "Quillfeather (1)" in companies and "Kenji's Ramen (1)" in companies and "other" not in companies
    assert "founder (1)" in _section(network, "Roles")  # roles by meaning (roles.py)


# ------------------------------------------------------------------ vCards every card of which is read once

VCARDS = __import__("pathlib").Path(__file__).parents[1] / "fixtures" / "vcards-android"


def _import_vcard(tmp_path, data: bytes, capsys):
    from trellis import cli

    source = tmp_path / "in.vcf"
    source.write_bytes(data)
    journal = tmp_path / "journal"
    (journal / "contacts").mkdir(parents=True, exist_ok=True)
    assert cli.main(["import", "vcard", str(source), "--path", str(journal)]) == 0
    return load_journal(journal).contacts, capsys.readouterr().out


def test_a_card_inside_a_card_loses_neither(tmp_path, capsys):
    """Android's v21_nest.vcf: the outer card (N:parent, TEL:1 after the inner cards) was
    lost without a word, and the summary said "read 2" of a file of three cards."""
    contacts, out = _import_vcard(tmp_path, (VCARDS / "android-v21_nest.vcf").read_bytes(), capsys)
    assert sorted(c.name for c in contacts.values()) == ["nest1", "nest2", "parent"]
    assert contacts["parent"].phone == "1"
    assert "read 3: added 3, merged 0, unchanged 0, skipped 0" in out


def test_a_stray_line_or_a_backslash_continued_value_does_not_lose_the_card(tmp_path, capsys):
    """A `# comment` line, or a 2.1 ADR value continued after a trailing backslash, made
    vobject refuse the whole card: the person was skipped."""
    data = b"".join(
        (VCARDS / f"android-{name}.vcf").read_bytes() for name in ("v21_invalid_comment_line", "v21_adr_multiple_line")
    )
    contacts, out = _import_vcard(tmp_path, data, capsys)
    assert sorted(c.name for c in contacts.values()) == ["Conference Call", "bogus"]
    assert "This message must NOT be ignored" in contacts["conference-call"].notes
    assert contacts["bogus"].birthday.isoformat() == "2008-12-03"
    assert "in.vcf:6: a line that is no vCard property (a comment?): left out" in out
    assert "read 2: added 2, merged 0, unchanged 0, skipped 0" in out


def test_a_soft_line_break_before_the_end_of_a_card_ends_the_card(tmp_path, capsys):
    """A quoted-printable value ending in '=' just before END:VCARD swallowed the END, and the
    card ran on into the next one: the first person was lost."""
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Zo=C3=AB Soft=\r\n"
        b"END:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nFN:Next Person\r\nEND:VCARD\r\n"
    )
    contacts, out = _import_vcard(tmp_path, data, capsys)
    assert sorted(c.name for c in contacts.values()) == ["Next Person", "Zoë Soft"]
    assert "read 2: added 2" in out


def test_an_address_without_a_scheme_is_imported_as_a_link_check_accepts(tmp_path, capsys, pinned_today):
    """iOS writes `URL:www.smithauto.com`; it was stored as written, `trellis check` then warned
    CONTACT-7 and `mkdocs build --strict` failed straight after the import."""
    from trellis.pipeline import analyse

    contacts, _ = _import_vcard(tmp_path, (VCARDS / "android-v30_ios_613_multiline.vcf").read_bytes(), capsys)
    (bob,) = contacts.values()
    assert (bob.name, bob.links) == ("Bob Smith", {"website": "https://www.smithauto.com"})
    assert not analyse(tmp_path / "journal").findings
