"""A goal page's "What counted" table, drawn in Python: a row for each of up to a hundred
counted items, each naming its people, is most of what the goal template printed, and Jinja
spent more on calling its macros than on the values.

It prints what templates/pages/goal.html printed for the table, byte for byte: every value
goes through `printing.printed`, the path of a template's `{{ value }}` (the public view's
redaction, then escaping), so the table passes the same redaction as the rest of the page and
nothing reaches it unredacted. A person is printed as the `person` macro of _macros.html
prints one, each person once a page; the header's mark of what is private is the template's
own macro (`private_mark`), passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup

from ..privacy.view import View
from .printing import printed


def counted_table(
    rows: Sequence,
    link: Callable[[str], str],
    view: View,
    contact_page: Callable[[str], bool],
    private_mark: Callable,
) -> Markup:
    """The table of `rows` (pages.CountedRow, newest first): day (linked to its entry where the
    audience may read it), amount, the application (owner only) and who."""
    with_people = any(row.people for row in rows)
    with_applications = any(row.application for row in rows)
    out = [
        '<table class="trellis-counted" data-search-exclude="true"><thead><tr>'
        '<th scope="col">Day</th><th scope="col">Amount</th>'
    ]
    if with_applications:
        out.append(f'<th scope="col">Application {printed(private_mark(view))}</th>')
    if with_people:
        out.append(f'<th scope="col">{printed("Via" if with_applications else "Who")}</th>')
    out.append("</tr></thead><tbody>\n")
    people: dict[str, str] = {}  # each person's link and label, once a page

    def person(cid: str) -> str:
        shown = people.get(cid)
        if shown is None:
            if contact_page(cid):
                shown = f'<a href="{printed(link("contacts/" + cid + ".md"))}">{printed(view.contact_label(cid))}</a>'
            else:
                shown = str(printed(view.contact_label(cid)))
            people[cid] = shown
        return shown

    for row in rows:
        day: str = printed(row.date.isoformat())
        if row.entry_link:
            day = f'<a href="{printed(link(row.entry_link))}">{day}</a>'
        amount = "%g" % (row.amount,)  # noqa: UP031 (what the template's `"%g"|format(row.amount)` is)
        out.append(f'<tr><td class="trellis-date">{day}</td><td>{printed(amount)}</td>')
        if with_applications:
            out.append(f"<td>{printed(row.application or '')}</td>")
        if with_people:
            out.append(f"<td>{', '.join(map(person, row.people))}</td>")
        out.append("</tr>\n")
    out.append("</tbody></table>")  # the template's line ends it
    return Markup("".join(out))
