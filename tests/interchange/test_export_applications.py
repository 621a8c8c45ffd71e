"""`trellis export json` carries the job applications (issue 29): the owner's backup holds the
whole journal, applications with their history, referral and notes included; it is written only
where the owner asks, and a copy left in the journal folder is never published (and, in a public
repository, is named as exposed)."""

from __future__ import annotations

import json

from conftest import ROOT, build, site_text, trellis, write_project
from journals import HUNT
from trellis.loading import load_journal
from trellis.privacy.repository import repository_exposure


def test_export_json_holds_every_application_as_written(tmp_path):
    project = write_project(tmp_path, dict(HUNT), (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    run = trellis("export", "json", "--path", str(project))
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)
    applications = {a["id"]: a for a in document["applications"]}
    # HUNT's eleven, by id
    assert list(applications) == sorted(applications) and len(applications) == 11
    assert applications["acme-backend"] == {
        "id": "acme-backend",
        "company": "Acme Pay",
        "role": "Backend Engineer",
        "link": "https://jobs.example.com/acme/backend",
        "applied": "2026-11-03",
        "status": "interviewing",
        "history": [
            {"date": "2026-11-01", "status": "referred"},
            {"date": "2026-11-03", "status": "applied"},
            {"date": "2026-11-10", "status": "screening"},
            {"date": "2026-11-17", "status": "interviewing"},
        ],
        "via": "ana-ally",
        "contacts": ["cara-known"],
        "next": "2026-11-25",
        "notes": "HUNTAPPNOTEMARKER second interview is a pairing session",
        "file": "applications/acme-backend.md",
    }
    # as written: no status (acme-data's is its history's last step), no date (acme-platform)
    assert applications["acme-data"]["status"] is None and applications["acme-data"]["history"][-1] == {
        "date": "2026-10-01",
        "status": "rejected",
    }
    assert applications["acme-platform"]["applied"] is None and applications["acme-platform"]["history"] == []


def test_an_export_left_in_the_journal_folder_is_not_published(tmp_path):
    project = write_project(tmp_path, dict(HUNT), (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    out = project / "journal" / "backup.json"
    assert trellis("export", "json", "-o", str(out), "--path", str(project)).returncode == 0
    assert "HUNTAPPNOTEMARKER" in out.read_text(encoding="utf-8")
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    site = project / "site-public"
    assert not list(site.rglob("backup.json"))
    text = site_text(site)
    for marker in ("HUNTAPPNOTEMARKER", "HUNTNOTEMARKER", "Hooli", "Initech", "trellis-journal"):
        assert marker not in text, marker
    # a public repository would show it: `TRELLIS_REPOSITORY_VISIBILITY=public` names it (by its
    # opening, "format": "trellis-journal"), where another JSON file of the journal is not read
    (project / "journal" / "data.json").write_text('{"format": "something else"}\n', encoding="utf-8")
    files = repository_exposure(load_journal(project / "journal")).files
    assert files["journal/backup.json"] == ["a trellis export json: the whole journal"]
    assert "journal/data.json" not in files
