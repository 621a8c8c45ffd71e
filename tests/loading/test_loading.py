"""The loader never raises: hostile input becomes findings with lines."""

from __future__ import annotations

import subprocess
import sys

import yaml
from conftest import TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from trellis.catalog import RULES
from trellis.loading import LoadCache, load_journal
from trellis.pipeline import analyse


def write(root, files):
    for rel, data in files.items():
        path = root / "journal" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return root / "journal"


def found(journal):
    return analyse(journal, today=TODAY).findings


def test_file_level_problems_are_findings(tmp_path):
    journal = write(
        tmp_path,
        {
            "goals/none.md": "just text\n",
            "goals/open.md": "---\ntitle: x\n",
            "goals/syntax.md": "---\ntitle: x\nmeasure: {count: [\n---\n",
            "goals/list.md": "---\n- a\n- b\n---\n",
            "goals/latin.md": b"---\ntitle: caf\xe9\n---\n",
            "contacts/typo.md": "---\nname: Ada\nemial: a@example.com\npublic: maybe\n---\n",
            "contacts/ada.md": "---\nname: Ada\n---\n",
            "contacts/old/ada.md": "---\nname: Ada again\n---\n",
        },
    )
    by_file = {(f.shown.split("journal/")[1], f.rule): f for f in found(journal)}
    assert ("goals/none.md", "FILE-2") in by_file
    assert ("goals/open.md", "FILE-2") in by_file
    assert by_file[("goals/syntax.md", "FILE-3")].line in (3, 4)  # YAML notices the open bracket at the end
    assert ("goals/list.md", "FILE-4") in by_file
    assert ("goals/latin.md", "FILE-1") in by_file
    assert "did you mean 'email'" in by_file[("contacts/typo.md", "FILE-7")].fix
    assert by_file[("contacts/typo.md", "FILE-8")].line == 4
    dup = by_file[("contacts/old/ada.md", "FILE-6")]
    assert "journal/contacts/ada.md" in dup.message


def test_impossible_dates_are_reported_not_raised(tmp_path):
    journal = write(
        tmp_path,
        {
            "contacts/ada.md": "---\nname: Ada\nmet: 2026-02-30\n---\n",
            "entries/x.md": "---\ndate: 2026-02-30\n---\n",
        },
    )
    rules = {f.rule for f in found(journal)}
    assert {"CONTACT-2", "ENTRY-2"} <= rules


def test_bom_and_crlf_keep_line_numbers(tmp_path):
    text = "\ufeff---\r\nname: Ada\r\nmet: 2026-13-01\r\n---\r\nnotes\r\n"
    journal = write(tmp_path, {"contacts/ada.md": text.encode("utf-8")})
    (f,) = found(journal)
    assert (f.rule, f.line) == ("CONTACT-2", 3)


def test_alias_bomb_is_reported_without_expanding(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    journal = write(tmp_path, {"goals/bomb.md": "---\n" + "\n".join(lines) + "\n---\n"})
    (f,) = found(journal)
    assert f.rule == "FILE-5" and len(str(f)) < 300


def test_deep_nesting_does_not_crash_the_process(tmp_path):
    journal = write(tmp_path, {"goals/deep.md": "---\ntitle: " + "[" * 100000 + "]" * 100000 + "\n---\n"})
    code = "import sys; from trellis.pipeline import analyse; print([f.rule for f in analyse(sys.argv[1]).findings])"
    run = subprocess.run([sys.executable, "-c", code, str(journal)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "FILE-5" in run.stdout


def test_cache_rereads_only_changed_files(tmp_path):
    journal = write(tmp_path, {"contacts/a.md": "---\nname: A\n---\n", "contacts/b.md": "---\nname: B\n---\n"})
    cache = LoadCache()
    load_journal(journal, cache=cache)
    assert cache.reads == 2
    load_journal(journal, cache=cache)
    assert cache.reads == 2
    (journal / "contacts" / "b.md").write_text("---\nname: Bea Changed\n---\n")
    again = load_journal(journal, cache=cache)
    assert cache.reads == 3 and again.contacts["b"].name == "Bea Changed"


def test_a_large_journal_read_in_parallel_gives_what_one_process_gives(tmp_path, monkeypatch):
    """`trellis check` shares big journals between processes: the records and every finding,
    lines included (some are looked up only later, by the rules), come out the same."""
    import concurrent.futures

    from trellis.loading import parallel

    files = {
        f"contacts/c{n:02d}.md": f"---\nname: Person {n}\nmet: 2026-0{n % 9 + 1}-30\nemial: x\n---\n" for n in range(20)
    }
    files.update(
        {
            f"goals/g{n}.md": f"---\ntitle: Goal {n}\nmeasure: {{count: interactions}}\ntarget: 5\n"
            f"due: 2027-01-0{n + 1}\nstatus: wrong\n---\n"
            for n in range(5)
        }
    )
    files.update({"goals/syntax.md": "---\ntitle: x\nmeasure: {count: [\n---\n", "entries/bad.md": "no frontmatter"})
    journal = write(tmp_path, files)
    one = analyse(journal, today=TODAY)

    submitted = []
    submit = concurrent.futures.ProcessPoolExecutor.submit
    monkeypatch.setattr(
        concurrent.futures.ProcessPoolExecutor,
        "submit",
        lambda pool, *a, **k: submitted.append(a) or submit(pool, *a, **k),
    )
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parallel, "_cores", lambda: 3)
    monkeypatch.setattr(parallel, "_may_fork", lambda: True)  # even if an earlier test left a thread
    here = []  # files read in this process (the forked ones count in their own memory)
    load_file = parallel.load_file
    monkeypatch.setattr(parallel, "load_file", lambda *a: here.append(a) or load_file(*a))
    many = analyse(journal, today=TODAY)
    # two other processes parsed most of the 27 files; this one read its share, and did not fall back
    assert len(submitted) == 2 and 0 < len(here) < 27
    assert [str(f) for f in many.findings] == [str(f) for f in one.findings]
    assert {"FILE-3", "FILE-2", "FILE-7", "CONTACT-2"} <= {f.rule for f in many.findings}
    assert many.journal.contacts == one.journal.contacts and many.journal.goals == one.journal.goals


FIELDS = [
    "title",
    "kind",
    "supports",
    "why",
    "measure",
    "target",
    "per",
    "start",
    "due",
    "actions",
    "status",
    "name",
    "met",
    "knows",
    "links",
    "keep_in_touch",
    "stage",
    "public",
    "date",
    "interactions",
    "with",
    "channel",
    "direction",
    "progress",
    "events",
    "count",
    "where",
    "mode",
    "contact",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.dates(),
    st.sampled_from(FIELDS),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), inner, max_size=4),
    ),
    max_leaves=20,
)
frontmatters = st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), values, max_size=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fm=frontmatters, raw=st.text(max_size=200))
def test_loader_never_raises_on_random_input(tmp_path, fm, raw):
    dumped = yaml.safe_dump(fm, allow_unicode=True)
    journal = write(
        tmp_path,
        {
            "goals/x.md": "---\n" + dumped + "---\n",
            "contacts/x.md": "---\n" + dumped + "---\n",
            "entries/2026/2026-11-22.md": "---\n" + dumped + "---\n",
            "plan.md": "---\n" + raw + "\n---\n",
        },
    )
    for f in found(journal):
        assert f.rule in RULES and f.line >= 1 and f.fix
