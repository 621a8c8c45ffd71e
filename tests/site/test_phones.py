"""The pages a user reads on a phone, at 390 x 844 in Chromium, and on a desktop at 1280 x 800 (issue 27).

On every page in PAGES, of the example journal and of a journal written here with long goal
titles, long names and long company names, at both widths, with every disclosure opened (a
chart's numbers too):

- the page never scrolls sideways (`scrollWidth <= innerWidth`);
- no word is split over two lines. A word is a run of letters and digits in the page's text
  (charts' drawings and code left out); a Range over it gives the boxes the browser laid it
  out in (Range.getClientRects), one box per line, so boxes at two heights mean the word was
  split, whatever did it (word-break, overflow-wrap, a column too narrow). A break at a space
  or a hyphen falls between words and is allowed, except in a date;
- a date (YYYY-MM-DD) in a table, or marked `trellis-date`, is on one line, on a desktop
  too (no "2027-" / "05-24"). In running text a date may still break at its hyphen;
- every word's box lies inside the screen and inside the box that would clip or scroll it, so
  a table never hides a column (Streak, Due) behind a scroll of its own.

The test asserts; it keeps no screenshot. The browser set-up is test_browser.py's (Debian's
chromium, offline); without it these tests are skipped with the reason.
"""

from __future__ import annotations

import pytest
from conftest import ROOT, build, write_project
from test_browser import CHROMIUM, CHROMIUM_ARGS, _serve, playwright_api

WIDTHS = [(390, 844), (1280, 800)]

# the pages a user reads on a phone: (journal, audience, address under the site)
PAGES = [
    ("example", "public", "progress/"),
    ("example", "owner", "progress/"),
    ("example", "owner", "reach-out/"),
    ("example", "public", "network/"),
    ("example", "owner", "network/"),
    ("example", "public", "goals/follower-count/"),
    ("example", "owner", "goals/daily-nurture/"),
    ("example", "owner", "goals/weekly-new-connections/"),
    ("example", "owner", "review/2026-11/"),
    ("long", "owner", "progress/"),
    ("long", "public", "progress/"),
    ("long", "owner", "reach-out/"),
    ("long", "owner", "network/"),
    ("long", "public", "network/"),
    ("long", "owner", "goals/cross-functional-relationships/"),
    ("long", "owner", "review/2026-11/"),
    # the owner's Today dashboard, the owner home
    ("example", "owner", ""),
    ("long", "owner", ""),
    # the company pages (issue 29) and their index
    ("example", "owner", "companies/"),
    ("example", "owner", "companies/northwind-pay/"),
    ("long", "owner", "companies/decarbonisation-infrastructure-partners/"),
]

CHECK = r"""() => {
  const W = window.innerWidth, problems = [], content = document.querySelector('.md-content');
  content.querySelectorAll('details').forEach(d => { d.open = true; });  // a chart's numbers too
  if (document.documentElement.scrollWidth > W)
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px wide in ${W}px`);
  // the distinct heights of a range's boxes: one per line it is laid out on
  const lines = rects => rects.reduce(
    (tops, r) => tops.some(t => Math.abs(t - r.top) < 2) ? tops : [...tops, r.top], []).length;
  // not shown, or visually hidden (a 1 px clipped box: a table's header row on a phone)
  const hidden = el => {
    for (let a = el; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.display === 'none' || s.visibility === 'hidden') return true;
      if (s.overflow !== 'visible' && a.getBoundingClientRect().width <= 1) return true;
    }
    return false;
  };
  // the part of the screen an element's text can be seen in: the screen, or its nearest box that clips or scrolls
  const visible = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== 'visible') {
        const r = a.getBoundingClientRect();
        return [Math.max(0, r.left), Math.min(W, r.right)];
      }
    return [0, W];
  };
  const where = el => {
    const cell = el.closest('td, th'), table = el.closest('table');
    const box = cell || el.closest('li, p, dd, dt, h1, h2, h3') || el.parentElement;
    return (table ? `table ${table.className} ` : '') + (cell && cell.dataset.label ? cell.dataset.label + ': ' : '')
      + JSON.stringify(box.textContent.trim().slice(0, 70));
  };
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (el.closest('svg, code, pre') || hidden(el)) continue;
    const [left, right] = visible(el);
    const dated = el.closest('td, th, .trellis-date') ? [['date', /\d{4}-\d{2}-\d{2}/g]] : [];
    for (const [what, re] of [['word', /[\p{L}\p{N}]+/gu], ...dated]) {
      for (const m of node.data.matchAll(re)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        if (!rects.length) continue;
        const at = `${Math.round(rects[0].left)}..${Math.round(rects[0].right)}px`;
        if (lines(rects) > 1) problems.push(`${what} "${m[0]}" split over ${lines(rects)} lines in ${where(el)}`);
        else if (rects.some(r => r.left < left - 0.5 || r.right > right + 0.5))
          problems.push(`${what} "${m[0]}" cut off (${at}, visible ${Math.round(left)}..${Math.round(right)}px) in ${where(el)}`);
      }
    }
  }
  return problems;
}"""

GOAL = """\
---
title: {title}
measure: {measure}
target: {target}
unit: {unit}
{per}start: 2026-10-01
due: 2027-05-24
status: active
---
"""

# long titles, names and companies: the words a narrow column would split
LONG_NAMES = {
    "anastasia-konstantinopoulou": (
        "Anastasia Konstantinopoulou-Papadimitriou",
        "Internationale Kommunikationsgesellschaft",
    ),
    "bartholomew-featherstonehaugh": (
        "Bartholomew Featherstonehaugh-Cholmondeley",
        "Decarbonisation Infrastructure Partners",
    ),
    "siddharthan-venkataraghavan": ("Siddharthan Venkataraghavan", "Weltraumforschungsgesellschaft"),
}


def _long_journal(root):
    files = {
        "index.md": "# Wilhelmina Oppenheimer-Vanderbilt\n",
        "plan.md": """\
            ---
            vision: Become the engineering manager decarbonisation infrastructure teams recommend to each other
            want: {roles: [engineering manager], sectors: [climate]}
            dream_companies: [Decarbonisation Infrastructure Partners, Weltraumforschungsgesellschaft]
            ---
            """,
        "goals/cross-functional-relationships.md": GOAL.format(
            title="Strengthen cross-functional relationships with infrastructure engineering managers "
            "at decarbonisation startups every week",
            measure="{count: interactions}",
            target=3,
            unit="conversations",
            per="per: week\n",
        ),
        "goals/kommunikationswissenschaftlerinnen.md": GOAL.format(
            title="Interview twelve Kommunikationswissenschaftlerinnen about sustainability reporting",
            measure="{count: new-contacts}",
            target=12,
            unit="interviews",
            per="",
        ),
    }
    for n, (cid, (name, company)) in enumerate(LONG_NAMES.items()):
        files[f"contacts/{cid}.md"] = f"""\
            ---
            name: {name}
            company: {company}
            role: Engineering Manager
            sector: climate
            met: 2026-08-1{n}
            keep_in_touch: 30d
            public: {"true" if n == 0 else "false"}
            want: [an introduction to the infrastructure decarbonisation working group]
            ---
            """
        files[f"entries/2026/2026-09-1{n}.md"] = f"""\
            ---
            interactions:
              - with: {cid}
                channel: coffee
                direction: mutual
                summary: Talked through the Interoperabilitätsanforderungen of grid-scale storage
            ---
            """
    files["entries/2026/2026-11-20.md"] = """\
        ---
        public: true
        interactions:
          - with: [anastasia-konstantinopoulou, siddharthan-venkataraghavan]
            channel: video
            direction: outbound
            summary: Asked about the Nachhaltigkeitsberichterstattungspflichten workshop
            follow_up: 2026-11-22
        ---
        """
    files["applications/decarbonisation-lead.md"] = """\
        ---
        company: Decarbonisation Infrastructure Partners
        role: Principal Engineering Manager, Grid-scale Interoperabilitätsplattform
        link: https://jobs.example.com/decarbonisation-infrastructure-partners/principal-engineering-manager
        applied: 2026-11-02
        history: {2026-11-01: referred, 2026-11-02: applied, 2026-11-16: screening}
        via: bartholomew-featherstonehaugh
        next: 2026-11-30
        ---
        """
    # Bartholomew, last met in September, is a dormant tie on reach-out
    project = write_project(root, files, None)
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def addresses(example_site, tmp_path_factory):
    long = _long_journal(tmp_path_factory.mktemp("long-names"))
    urls, servers = {}, []
    for audience in ("public", "owner"):
        run = build(long, audience)
        assert run.returncode == 0, run.stderr[-3000:]
        for journal, site in (("example", example_site(audience)), ("long", long / f"site-{audience}")):
            urls[journal, audience], server = _serve(site)
            servers.append(server)
    yield urls
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="module")
def chromium():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("journal, audience, address", PAGES)
def test_reads_on_a_phone_and_on_a_desktop(addresses, chromium, journal, audience, address):
    for width, height in WIDTHS:
        context = chromium.new_context(viewport={"width": width, "height": height}, is_mobile=width < 500)
        try:
            page = context.new_page()
            response = page.goto(addresses[journal, audience] + address, wait_until="load")
            assert response is not None and response.ok, f"{journal} {audience} /{address} answers {response}"
            problems = page.evaluate(CHECK)
            assert problems == [], f"{journal} journal, {audience} /{address} at {width}px:\n" + "\n".join(problems)
        finally:
            context.close()
