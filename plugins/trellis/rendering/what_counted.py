"""A goal page's "What counted" table, drawn in Python: a row for each of up to a hundred
counted items, each naming its people, is most of what the goal template printed, and Jinja
spent more on calling its macros than on the values.

It prints what templates/pages/goal.html printed for the table, byte for byte: every value
goes through `printing.printed`, the path of a template's `{{ value }}` (the public view's
redaction, then escaping), so the table passes the same redaction as the rest of the page and
nothing reaches it unredacted. A person is printed as the `person` macro of _macros.html
prints one; the header's mark of what is private is the template's own macro (`private_mark`),
passed in.

What is printed is kept (`Cells`), for the pages of one build and view: the goals of one
counter list the same people and days. Each printed text is kept by the text and the function
that redacted it (`printing.PRINTED`), a person by their id and the address their link has on
the page being drawn, so a kept piece is only ever one the same call would print again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup

from ..privacy.view import View
from .printing import PRINTED, printed


class Cells:
    """What the goal pages of one build and view printed in their tables (spec context `counted_cells`)."""

    def __init__(self) -> None:
        self._by_printing: dict = {}

    def kept(self) -> dict:
        """What was printed through the redaction in force now (the render's), by what it printed."""
        return self._by_printing.setdefault(PRINTED.get(), {})


def counted_table(
    rows: Sequence,
    link: Callable[[str], str],
    view: View,
    contact_page: Callable[[str], bool],
    private_mark: Callable,
    cells: Cells | None = None,
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
    kept = cells.kept() if cells is not None else {}

    def text(value: str) -> str:  # a plain text (a day, an amount, a label): never an Address
        shown = kept.get(value)
        if shown is None:
            shown = kept[value] = str(printed(value))
        return shown

    def address(target: str) -> str:  # a link's address on this page (an Address in public)
        key = ("address", target)
        shown = kept.get(key)
        if shown is None:
            shown = kept[key] = str(printed(target))  # a person named in it stops the build here
        return shown

    def person(cid: str) -> str:
        unlinked = ("person", cid)  # someone without a page: the same on every page
        shown = kept.get(unlinked)
        if shown is not None:
            return shown
        if not contact_page(cid):
            shown = kept[unlinked] = text(view.contact_label(cid))
            return shown
        href = link("contacts/" + cid + ".md")
        key = ("person", cid, href)  # someone with a page: by where their link leads
        shown = kept.get(key)
        if shown is None:
            shown = kept[key] = f'<a href="{address(href)}">{text(view.contact_label(cid))}</a>'
        return shown

    for row in rows:
        day = text(row.date.isoformat())
        if row.entry_link:
            day = f'<a href="{address(link(row.entry_link))}">{day}</a>'
        amount = "%g" % (row.amount,)  # noqa: UP031 (what the template's `"%g"|format(row.amount)` is)
        out.append(f'<tr><td class="trellis-date">{day}</td><td>{text(amount)}</td>')
        if with_applications:
            out.append(f"<td>{text(row.application or '')}</td>")
        if with_people:
            out.append(f"<td>{', '.join(map(person, row.people))}</td>")
        out.append("</tr>\n")
    out.append("</tbody></table>")  # the template's line ends it
    return Markup("".join(out))
