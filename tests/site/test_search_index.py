"""The search index holds what a reader searches: names, headings, goal titles; not the
network map's SVG nor the charts and their numbers (issue 31). What the index leaves out is
still in the pages, and the guard still reads it there."""

from __future__ import annotations

import html
import json
import re

import pytest
from conftest import build
from journals import HOME, PRIVATE_PAYLOAD
from trellis.loading import load_journal
from trellis.privacy.audience import Audience
from trellis.privacy.guard import site_leaks
from trellis.privacy.view import View

GOAL_TITLE = "Have two coffees with engineers every week"


def _index(site):
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def _texts(docs, location: str) -> str:
    return "\n".join(html.unescape(e["title"] + " " + e["text"]) for e in docs if e["location"].startswith(location))


def _descriptions(page: str) -> list[str]:
    """What the SVGs of a page say in words (their <desc>), as the search plugin would have read it."""
    return [html.unescape(d) for d in re.findall(r"<desc id=\"[^\"]+\">([^<]+)</desc>", page)]


@pytest.mark.build
@pytest.mark.parametrize("audience", ["owner", "public"])
def test_the_index_holds_names_and_titles_not_the_map_or_the_charts(write_journal, audience):
    project = write_journal({**HOME, **PRIVATE_PAYLOAD})
    run = build(project, audience)
    assert run.returncode == 0, run.stderr[-3000:]
    site = project / f"site-{audience}"
    docs = _index(site)
    network_page = (site / "network" / "index.html").read_text(encoding="utf-8")
    goal_page = (site / "goals" / "coffees" / "index.html").read_text(encoding="utf-8")
    # the pages still draw the map and the chart, and print no marker of the search plugin's
    assert '<figure class="trellis-map" data-trellis-map>' in network_page
    assert '<figure class="trellis-chart ' in goal_page and "</svg>" in goal_page
    assert "data-search-exclude" not in network_page + goal_page
    network, goal = _texts(docs, "network/"), _texts(docs, "goals/coffees/")
    # what a reader searches: the people the audience sees, by name, on the network page; the
    # goal's title and headings
    named = "Zebulon Quartermaine" if audience == "owner" else "Pat Public"
    assert named in network
    assert "The map" in network and "Stages" in network
    assert GOAL_TITLE in goal and "SMART card" in goal
    # what no one searches: the map's SVG (its description, each node's title) and the charts
    map_words = _descriptions(network_page)
    assert map_words and all(words not in network for words in map_words)
    assert f"{named}: acquaintance" in html.unescape(network_page)  # a node's title, in the page
    assert f"{named}: acquaintance" not in network
    chart_words = _descriptions(goal_page)
    assert chart_words and all(words not in goal for words in chart_words)
    assert "The numbers" not in goal
    # nor the table of what counted, whose day and people are on the month pages
    assert "2026-11-21" in goal_page.split('id="counted"')[1] and "2026-11-21" not in goal
    # nor the tables of every goal on the progress page and the goals index (a row a goal: each
    # goal's title, figure and status are its own page's), while their headings stay
    progress_page = (site / "progress" / "index.html").read_text(encoding="utf-8")
    progress = _texts(docs, "progress/")
    assert GOAL_TITLE in progress_page.split('<table class="trellis-goals">')[1].split("</table>")[0]
    assert "Achievements" in progress and "Goals" in progress
    table = progress.split("Goals", 1)[1]
    assert GOAL_TITLE not in table.split("Achievements")[0]
    index_docs = [e for e in docs if e["location"] in ("goals/", "goals/#")]
    assert index_docs and not any(GOAL_TITLE in html.unescape(e["text"]) for e in index_docs)
    assert "data-search-exclude" not in progress_page


@pytest.mark.build
def test_the_guard_still_reads_a_private_name_put_into_the_maps_svg_by_hand(write_journal):
    """The map is out of the search index, not out of the guard's reading: a private person's
    name written into one of its labels after the build is found in the page."""
    project = write_journal({**HOME, **PRIVATE_PAYLOAD})
    run = build(project, "public")
    assert run.returncode == 0, run.stderr[-3000:]
    site = project / "site-public"
    view = View(load_journal(project / "journal"), Audience.PUBLIC)
    assert site_leaks(view, site) == []
    page = site / "network" / "index.html"
    text = page.read_text(encoding="utf-8")
    label = '<text class="trellis-map__label"'
    assert label in text
    at = text.index(">", text.index(label)) + 1
    page.write_text(text[:at] + "Zebulon Quartermaine " + text[at:], encoding="utf-8")
    leaks = site_leaks(view, site)
    assert ("network/index.html", "the name in journal/contacts/zebulon-quartermaine.md") in leaks, leaks
    assert "Zebulon Quartermaine" not in json.dumps(_index(site))


def test_marked_blocks_are_cut_for_the_search_plugin_and_put_back_without_the_marker():
    from trellis.plugin.search_blocks import cut

    body = (
        '<h2 id="a">A</h2><figure class="x" data-search-exclude="true"><svg><g><svg></svg></g></svg>'
        '<figure><p>inner</p></figure></figure><p>kept</p><table data-search-exclude="true"><tr><td>1</td></tr>'
        "</table><p>end</p>"
    )
    printed, blocks = cut(body)
    assert printed == body.replace(' data-search-exclude="true"', "")
    assert blocks is not None and "inner" not in blocks.light and "<td>" not in blocks.light
    assert "<p>kept</p>" in blocks.light and "<p>end</p>" in blocks.light
    assert blocks.restored(blocks.light) == printed
    assert cut("<p>nothing marked</p>") == ("<p>nothing marked</p>", None)
