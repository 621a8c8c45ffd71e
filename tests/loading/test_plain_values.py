"""Unquoted values YAML cut at ` #` or left with a dangling separator (FILE-14, issue 27):
`trellis check` says which line, and how to quote it; a quoted value, a block scalar, a flow
list and a comment on its own line are left alone."""

from __future__ import annotations

from conftest import trellis, write_project

CUT = """---
name: Ana Lima
how_met: Climate Action Tech Slack, #jobs channel
company: Acme -
role: developer
---
"""

QUOTED = """---
name: Ana Lima
# where we met, as a comment on its own line
how_met: "Climate Action Tech Slack, #jobs channel"
company: 'Acme -'
notes: |
  Asked about the #jobs channel,
  role: dev #2
tags: [web, climate]
keep_in_touch: 30d  # a month
location: Berlin,
  Germany
---
"""


def test_cut_and_dangling_values_are_found_with_their_line_and_the_quoted_fix(tmp_path):
    project = write_project(tmp_path, {"contacts/ana-lima.md": CUT}, None)
    check = trellis("check", str(project))
    out = check.stdout + check.stderr
    assert (
        "journal/contacts/ana-lima.md:3: warning FILE-14: `how_met` was cut at ' #': "
        'YAML read "Climate Action Tech Slack," and took "#jobs channel" for a comment: '
        'quote the value: how_met: "Climate Action Tech Slack, #jobs channel"'
    ) in out
    assert "journal/contacts/ana-lima.md:4: warning FILE-14: `company` ends in a dangling '-'" in out
    assert 'quote the value: company: "Acme -"' in out
    assert out.count("FILE-14") == 2


def test_quoted_values_block_scalars_and_real_comments_are_not_reported(tmp_path):
    project = write_project(tmp_path, {"contacts/ana-lima.md": QUOTED}, None)
    check = trellis("check", str(project))
    out = check.stdout + check.stderr
    assert "FILE-14" not in out, out


def test_a_comment_set_off_by_one_space_is_shown_how_to_keep_it_a_comment(tmp_path):
    contact = "---\nname: Ana Lima\nkeep_in_touch: 30d # a month\n---\n"
    project = write_project(tmp_path, {"contacts/ana-lima.md": contact}, None)
    check = trellis("check", str(project))
    out = check.stdout + check.stderr
    assert 'quote the value: keep_in_touch: "30d # a month"' in out
    assert "or, if '#' starts a comment, set it off with two spaces: keep_in_touch: 30d  # a month" in out
