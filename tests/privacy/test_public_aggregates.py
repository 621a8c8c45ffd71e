"""Public aggregates that identify no one (issue 17): a company, role, sector, location or
skill held by fewer than three unnamed people is counted as "other"; a value that holds an
unnamed person's name is never shown; a dream company keeps its row and count, never a
sentence that picks out its one unnamed person; the map numbers and places its nodes in an
order that says nothing about names; the guard's message names every file and source and
where the user wrote the text.

The journals here are shaped like real imports: self-named businesses, a company page
imported as a person, an organisation's vCard whose name is its ORG.
"""

from __future__ import annotations

import html
import re
import textwrap

from conftest import build, site_text, trellis
from trellis.loading import load_journal
from trellis.privacy.audience import Audience
from trellis.privacy.order import anonymous_order
from trellis.privacy.view import View

# The shape of LinkedIn's Connections.csv (its three lines of notes before the header).
CONNECTIONS = textwrap.dedent("""\
    Notes:
    "When exporting your connection data, you may notice that some of the email addresses are missing."

    First Name,Last Name,URL,Email Address,Company,Position,Connected On
    Jim,Julian,https://www.linkedin.com/in/jimjulian,,"Jim Julian Unlimited, LLC",Owner,07 Feb 2026
    Brooklyn,Cole,https://www.linkedin.com/in/brooklyncole,,Freelance,Brooklyn Cole Consulting,03 Jan 2026
    Lumen,Labs,https://www.linkedin.com/company/lumen-labs,,Lumen Labs,Company page,12 Dec 2025
    Kenji,Sato,https://www.linkedin.com/in/kenjisato,,Sato Design Studio,Founder,14 Dec 2025
    Nadia,Haddad,https://www.linkedin.com/in/nhaddad,,Bigbank,Software Engineer,01 Nov 2025
    Omar,Farouk,https://www.linkedin.com/in/ofarouk,,Bigbank,Software Engineer,02 Nov 2025
    Lena,Vogt,https://www.linkedin.com/in/lvogt,,Bigbank,Software Engineer,03 Nov 2025
    Priya,Raman,https://www.linkedin.com/in/praman,,Tinyco,Software Engineer,04 Nov 2025
    """)

ORG_CARD = textwrap.dedent("""\
    BEGIN:VCARD
    VERSION:3.0
    FN:Quillfeather Printing
    ORG:Quillfeather Printing
    EMAIL;TYPE=WORK:orders@quillfeather.example
    END:VCARD
    """)

PRIVATE_NAMES = (
    "Jim Julian",
    "Brooklyn Cole",
    "Lumen Labs",
    "Kenji",
    "Nadia Haddad",
    "Omar Farouk",
    "Lena Vogt",
    "Priya Raman",
    "Quillfeather",
)


def test_a_public_build_straight_after_a_realistic_import_passes_and_names_no_one(write_journal, tmp_path):
    project = write_journal(
        {
            "index.md": "# Home\n",
            "plan.md": "---\nvision: A role in design tooling\ndream_companies: [Sato Design Studio, Bigbank]\n"
            "public_dream_companies: true\n---\n",
            "contacts/pat-public.md": "---\nname: Pat Public\nrole: Designer\ncompany: Tinyco\npublic: true\n---\n",
            "entries/2026/2026-11-20.md": "---\npublic: true\ninteractions:\n  - {with: kenji-sato, channel: coffee,"
            " direction: mutual}\n---\nCoffee with Kenji Sato about design tools.\n",
        }
    )
    (tmp_path / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    (tmp_path / "org.vcf").write_text(ORG_CARD, encoding="utf-8")
    for kind, name in (("linkedin", "Connections.csv"), ("vcard", "org.vcf")):
        run = trellis("import", kind, str(tmp_path / name), "--path", str(project), cwd=project.parent, timeout=120)
        assert run.returncode == 0, run.stdout + run.stderr
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    site = project / "site-public"
    text = site_text(site)
    for name in PRIVATE_NAMES:  # self-named businesses, the company page, the organisation's card
        assert name.lower() not in text.lower(), name
    network = html.unescape((site / "network" / "index.html").read_text())
    companies = re.search(r"<h3>Companies</h3><p>(.*?)</p>", network).group(1)
    # three unnamed people at Bigbank say nothing of any one of them; Tinyco's unnamed one is
    # "other", while the public Pat counts there under their own company
    assert "Bigbank (3)" in companies and "Tinyco (1)" in companies and "other (" in companies
    roles = re.search(r"<h3>Roles</h3><p>(.*?)</p>", network).group(1)
    # roles by meaning: the four software engineers are developers
    assert "developer (4)" in roles and "Owner" not in roles and "Consulting" not in roles
    assert "Founder" not in roles and "founder" not in network
    # the dream company keeps its row, but its one unnamed person is neither counted nor a warm
    # path's end (issue 25): "You know someone at Sato Design Studio" picks out its founder
    row = re.search(r"<tr[^>]*><td[^>]*>Sato Design Studio</td><td[^>]*>(\d+)</td><td[^>]*>(.*?)</td></tr>", network)
    assert row and row.group(1) == "0", network[network.find("warm-paths") :][:1500]
    assert row.group(2) == "no one to show yet"
    assert "Coffee with someone about design tools." in (site / "journal" / "2026-11" / "index.html").read_text()
    # the three engineers at Bigbank share role and sector: they may be described by them
    assert "a developer" in network


def test_rare_qualities_are_other_and_common_ones_describe(write_journal):
    files = {"index.md": "# Home\n"}
    for n in range(3):
        files[f"contacts/dev-{n}.md"] = (
            f"---\nname: Dev Person{n}\nrole: Developer\nsector: fintech\ncompany: Acme\n---\n"
        )
    files["contacts/solo.md"] = (
        "---\nname: Solo Person\nrole: Chief Llama Officer\nsector: fintech\ncompany: Acme\n---\n"
    )
    files["contacts/named.md"] = (
        "---\nname: Named Person\nrole: Chief Llama Officer\ncompany: Named Co\npublic: true\n---\n"
    )
    files["contacts/self.md"] = "---\nname: Ada Quill\nrole: Developer\ncompany: Ada Quill Ltd\nsector: fintech\n---\n"
    project = write_journal(files)
    journal = load_journal(project / "journal")
    public, owner = View(journal, Audience.PUBLIC), View(journal, Audience.OWNER)
    assert public.tally("company") == [("Acme", 4), ("Named Co", 1), ("other", 1)]  # Ada Quill Ltd names Ada
    assert owner.tally("company") == [("Acme", 4), ("Ada Quill Ltd", 1), ("Named Co", 1)]
    # roles by meaning: a Chief Llama Officer is an executive; the public Named Person counts under
    # their own role, the one unnamed executive goes to "other"
    assert public.tally("role") == [("developer", 4), ("executive", 1), ("other", 1)]
    assert public.contact_label("dev-0") == "a developer in fintech"
    assert public.contact_label("solo") == "someone in fintech"
    assert not public.shows_quality("company", "Ada Quill Ltd") and owner.shows_quality("company", "Ada Quill Ltd")
    # the label that replaces a name in public text is the same one
    assert public.redact("Coffee with Solo Person.") == "Coffee with someone in fintech."


def _map_order(site) -> list[str]:
    svg = (site / "network" / "index.html").read_text().split('<g class="trellis-map__nodes">')[1]
    return re.findall(r'data-node="(\d+)"[^>]*>(?:<circle[^>]*/>)<title>([^<]*)</title>', svg)


def test_map_nodes_are_numbered_and_placed_in_an_order_that_says_nothing_of_names(write_journal):
    files = {"index.md": "# Home\n"}
    ids = [f"{letter}{letter}-person" for letter in "abcdefghijklmnopqrstuvwxyz"]
    for cid in ids:
        files[f"contacts/{cid}.md"] = (
            f"---\nname: {cid.title().replace('-', ' ')}\nrole: Developer\nsector: fintech\n---\n"
        )
    files["contacts/mm-person.md"] = "---\nname: Mm Person\nrole: Developer\npublic: true\n---\n"
    project = write_journal(files)
    journal = load_journal(project / "journal")
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    site = project / "site-public"
    nodes = _map_order(site)
    assert [int(n) for n, _ in nodes] == list(range(len(ids)))
    named_at = [n for n, (_, title) in enumerate(nodes) if title.startswith("Mm Person")]
    expected = sorted(ids, key=anonymous_order(journal))
    assert named_at == [expected.index("mm-person")]
    assert expected != sorted(ids)  # 26 people: the keyed order is not the alphabet's
    # stable from build to build; and editing notes does not move anyone
    first = (site / "network" / "index.html").read_text()
    (project / "journal" / "contacts" / "aa-person.md").write_text(
        "---\nname: Aa Person\nrole: Developer\nsector: fintech\n---\nMet at a meetup.\n"
    )
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    svg = lambda page: page.split('<svg class="trellis-map__svg"')[1].split("</svg>")[0]  # noqa: E731
    assert svg((site / "network" / "index.html").read_text()) == svg(first)


def test_the_guard_names_every_file_and_where_the_user_wrote_it(write_journal):
    project = write_journal(
        {
            "index.md": "# Home\n",
            "contacts/zoe-quint.md": "---\nname: Zoe Quint\nrole: Developer\nemail: zoe@quint.example\n---\n",
            "goals/write.md": "---\ntitle: Write to zoe@quint.example about the role\nkind: vision\n---\n",
            "team.txt": "Zoe Quint leads the team.\n",
            "img/zoe-quint.png": "not really a picture",
        }
    )
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - trellis", "  - trellis:\n      publish_files: ['*.txt']"))
    run = build(project, "public")
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr[-3000:]
    message = run.stderr
    # every source, each with every file it reached, all at once
    assert "the e-mail in journal/contacts/zoe-quint.md, in: " in message
    assert "site/goals/write/index.html (generated)" in message
    assert "site/search/search_index.json" in message
    assert "site/team.txt" in message and "site/img/zoe-quint.png" in message
    # what the user can change: their own text, with its line; never "edit" a generated page
    assert "journal/goals/write.md:2: title" in message
    assert "Remove it from the page" not in message
