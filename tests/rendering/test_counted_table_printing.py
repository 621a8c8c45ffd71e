"""A goal page's "What counted" table, drawn in Python (rendering/what_counted.py), prints what the
Jinja loop it replaced printed, byte for byte, with every value through the same redaction.

The reference is the loop as goal.html had it (OLD_TABLE, verbatim, with the `person` macro of
_macros.html). The public view's redaction is stood in for by a function that marks each value it
is given, so the two outputs are equal only if the same values, and no others, went through it,
each printed where the template printed it: nothing reaches the table unredacted. Names hold
markup, so escaping is compared too.
"""

from __future__ import annotations

import datetime as dt

import jinja2
import pytest
from trellis.rendering import PageSpec, Renderer, page_templates
from trellis.rendering.pages import CountedRow
from trellis.rendering.what_counted import Cells

OLD_TABLE = """{% from "_macros.html" import person, private_mark %}
{% set with_people = counted|selectattr("people")|list|length > 0 %}
{% set with_applications = counted|selectattr("application")|list|length > 0 %}
<table class="trellis-counted" data-search-exclude="true"><thead><tr><th scope="col">Day</th><th scope="col">Amount</th>{% if with_applications %}<th scope="col">Application {{ private_mark(view) }}</th>{% endif %}{% if with_people %}<th scope="col">{{ "Via" if with_applications else "Who" }}</th>{% endif %}</tr></thead><tbody>
{% for row in counted %}<tr><td class="trellis-date">{% if row.entry_link %}<a href="{{ link(row.entry_link) }}">{{ row.date.isoformat() }}</a>{% else %}{{ row.date.isoformat() }}{% endif %}</td><td>{{ "%g"|format(row.amount) }}</td>{% if with_applications %}<td>{{ row.application or "" }}</td>{% endif %}{% if with_people %}<td>{% for cid in row.people %}{{ person(cid, view, link, contact_page) }}{% if not loop.last %}, {% endif %}{% endfor %}</td>{% endif %}</tr>
{% endfor %}
</tbody></table>
"""  # noqa: E501 (the template's lines as they were)
NEW_TABLE = """{% from "_macros.html" import private_mark %}
{{ counted_table(counted, link, view, contact_page, private_mark, cells) }}
"""

LABELS = {
    "ann": "Ann <b>Abbott</b>",
    "bo": 'Bo "the" O\'Brien & co',
    "cy": "a developer in fintech",
    "dee": "someone",
}
WITH_PAGES = {"ann", "bo"}  # the others have no page in this view
DAY = dt.date(2026, 7, 12)
ROWS = [
    CountedRow(DAY, 1.0, ("ann", "cy"), "journal/2026-07.md#2026-07-12", "Backend <Engineer> at Acme (applied)"),
    CountedRow(DAY, 0.5, ("cy",), None),
    CountedRow(DAY - dt.timedelta(days=1), 2.0, ("bo", "ann", "dee"), "journal/2026-07.md#2026-07-11"),
    CountedRow(DAY - dt.timedelta(days=40), 1e6, (), None, "Designer at Initech (offer)"),
    CountedRow(DAY - dt.timedelta(days=41), 3.25, ("dee", "dee"), "journal/2026-06.md#2026-06-01"),
]


class _View:
    def __init__(self, owner: bool):
        self.owner = owner

    def contact_label(self, cid: str) -> str:
        return LABELS[cid]


def _renderer() -> Renderer:
    envs = []
    for public in (False, True):
        env = page_templates(public=public)
        env.loader = jinja2.ChoiceLoader(
            [jinja2.DictLoader({"old.html": OLD_TABLE, "new.html": NEW_TABLE}), env.loader]
        )
        envs.append(env)
    return Renderer(lambda text: text, *envs)


def _marked(value: str) -> str:
    """The public view's redaction, stood in for: each value it is given comes out marked."""
    return f"[{value}]"


def _link(page_depth: int):
    return lambda src_uri: "../" * page_depth + src_uri.replace(".md", "/")


def _print(renderer: Renderer, template: str, rows, owner: bool, depth: int, cells: Cells) -> str:
    context = {
        "counted": rows,
        "view": _View(owner),
        "contact_page": lambda cid: cid in WITH_PAGES,
        "cells": cells,
    }
    spec = PageSpec("goals/g.md", "g", template, context=context)
    return renderer.render(spec, _link(depth), None if owner else _marked)


@pytest.mark.parametrize("owner", [False, True], ids=["public", "owner"])
@pytest.mark.parametrize(
    "rows",
    [ROWS, [r for r in ROWS if not r.application], [CountedRow(DAY, 1.0, (), None)]],
    ids=["people and applications", "people only", "neither"],
)
def test_the_table_prints_what_the_template_loop_printed(rows, owner):
    renderer = _renderer()
    cells = Cells()  # kept across the pages of one build: the second page reads what the first printed
    for depth in (2, 2, 1, 2):
        old = _print(renderer, "old.html", rows, owner, depth, Cells())
        new = _print(renderer, "new.html", rows, owner, depth, cells)
        assert new == old
    if not owner and rows is ROWS:  # the values went through the redaction: a label, a day, an address
        assert "[Ann &lt;b&gt;Abbott&lt;/b&gt;]" in new and "[2026-07-12]" in new
        assert '<a href="[../../contacts/ann/]">' in new


def test_a_person_named_in_an_address_stops_as_in_the_template():
    # the public view's redaction refuses an address that names someone (Redactor.value: MarkupStop)
    class Stop(Exception):
        pass

    def refusing(value: str) -> str:
        if "ann" in value:
            raise Stop(value)
        return value

    renderer = _renderer()
    for template, cells in (("old.html", None), ("new.html", Cells())):
        context = {"counted": ROWS, "view": _View(False), "contact_page": lambda cid: cid in WITH_PAGES}
        context["cells"] = cells
        spec = PageSpec("goals/g.md", "g", template, context=context)
        with pytest.raises(Stop, match="contacts/ann/"):
            renderer.render(spec, _link(2), refusing)
