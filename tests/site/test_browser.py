"""The built example site in a real browser: Playwright driving Debian's Chromium, offline.

Needs /usr/bin/chromium (Debian's package), the playwright Python package (installed with
the test extra; it never downloads a browser here) and axe-core from npm in
tests/browser/node_modules. `.ci/run` installs all three; where one is missing these tests
are skipped with the reason, never silently.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, build

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parents[1] / "browser" / "node_modules" / "axe-core" / "axe.min.js"
# keep the browser to itself: no updates, no sync, no name lookups but localhost
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--disable-domain-reliability",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed: pip install -e '.[test]'"
)
if not CHROMIUM.exists():
    pytest.skip(
        "Debian's chromium is not installed (apt-get install chromium): browser tests skipped", allow_module_level=True
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="module")
def sites(example_site):
    urls, servers = {}, []
    for audience in ("public", "owner"):
        urls[audience], server = _serve(example_site(audience))
        urls[audience + "-dir"] = example_site(audience)
        servers.append(server)
    yield urls
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A page in a fresh context that records console errors and every request leaving localhost."""

    def __init__(self, browser, **context):
        self.context = browser.new_context(**context)
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith("data:") or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, url: str):
        self.page.goto(url, wait_until="networkidle")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser):
    opened = []

    def make(**context) -> Visit:
        v = Visit(browser, **context)
        opened.append(v)
        return v

    yield make
    for v in opened:
        v.close()


def _pages(site: Path) -> list[str]:
    wanted = ("progress", "network", "plan", "journal", "goals", "contacts", "checks", "reach-out")
    return sorted(
        p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
        if p.parent != site and p.parent.relative_to(site).parts[0] in wanted
    )


def test_every_generated_page_loads_without_errors_or_outside_requests(sites, visit):
    v = visit()
    seen = 0
    for audience in ("public", "owner"):
        for page in _pages(sites[audience + "-dir"]):
            v.open(sites[audience] + page)
            assert v.errors == [], f"{audience} {page}: {v.errors}"
            assert v.outside == [], f"{audience} {page} asked for {v.outside}"
            seen += 1
    assert seen > 40


def test_map_hover_click_and_pan_zoom_after_instant_navigation(sites, visit):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.open(sites["public"] + "network/")
    svg = page.locator("svg.trellis-map__svg")
    assert svg.is_visible()
    node = page.locator(".trellis-map__node--link").first
    node.hover()
    tip = page.locator(".trellis-map__tip")
    assert tip.is_visible() and ": " in tip.inner_text()  # "Ines Carvalho: ally, 7 interactions"
    name = tip.inner_text().split(":")[0]
    node.click()
    page.wait_for_url("**/contacts/**")
    assert name in page.locator("h1").first.inner_text()

    # away and back through material's instant navigation, then zoom and pan
    page.locator(".md-nav__link", has_text="Progress").first.click()
    page.wait_for_url("**/progress/")
    page.locator(".md-nav__link", has_text="Network").first.click()
    page.wait_for_url("**/network/")
    page.wait_for_selector(".trellis-map__controls button")
    before = page.locator("svg.trellis-map__svg").get_attribute("viewBox")
    page.get_by_role("button", name="Zoom in").click()
    zoomed = page.locator("svg.trellis-map__svg").get_attribute("viewBox")
    assert zoomed != before
    box = page.locator("svg.trellis-map__svg").bounding_box()
    page.mouse.move(box["x"] + 50, box["y"] + 50)
    page.mouse.down()
    page.mouse.move(box["x"] + 200, box["y"] + 120, steps=5)
    page.mouse.up()
    assert page.locator("svg.trellis-map__svg").get_attribute("viewBox") != zoomed
    assert v.errors == []


def test_index_tables_sort_by_the_chosen_heading_also_after_instant_navigation(sites, visit):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.open(sites["owner"] + "progress/")
    # the nav's link, through material's instant navigation (its section may be folded)
    page.eval_on_selector('a.md-nav__link[href$="/contacts/"]', "a => a.click()")
    page.wait_for_url("**/contacts/")
    page.wait_for_selector("th button.trellis-sort")

    def column(n: int) -> list[str]:
        return page.eval_on_selector_all(
            "table.trellis-index tbody tr", f"rows => rows.map(r => r.cells[{n}].textContent.trim())"
        )

    names = column(0)
    assert names == sorted(names, key=str.lower) and len(names) > 20  # by name as written, script or not
    page.get_by_role("button", name="Company").click()
    companies = column(2)
    assert companies == sorted(companies, key=str.lower) and companies != column(0)
    assert page.locator("th", has_text="Company").get_attribute("aria-sort") == "ascending"
    page.get_by_role("button", name="Company").click()
    assert column(2) == sorted(companies, key=str.lower, reverse=True)
    page.get_by_role("button", name="Last contact").click()
    days = [d for d in column(4) if d]
    assert days == sorted(days) and column(4)[-len(days) :] == days  # people never met come last
    page.get_by_role("button", name="Stage").click()
    stages = column(1)
    ranks = {"contact": 0, "acquaintance": 1, "ally": 2}
    assert [ranks[s] for s in stages] == sorted(ranks[s] for s in stages)
    assert v.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_progress_charts_render_in_both_palettes(sites, visit, scheme):
    page = visit(color_scheme=scheme).open(sites["public"] + "progress/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    heatmap = page.locator(".trellis-chart--heatmap svg")
    box = heatmap.bounding_box()
    assert box["width"] > 300 and box["height"] > 60
    fills = page.evaluate("""() => [0, 4].map(level =>
        getComputedStyle(document.querySelector('.trellis-heat--' + level)).fill)""")
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert fills[0] != fills[1] and background not in fills


def test_progress_fits_a_phone_without_horizontal_scrolling(sites, visit):
    for page_name in ("progress/", "network/", "goals/follower-count/", "contacts/", "goals/"):
        page = visit(viewport={"width": 390, "height": 844}, is_mobile=True).open(sites["public"] + page_name)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{page_name} scrolls sideways by {overflow}px on a phone"


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed: npm install --prefix tests/browser")
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "audience, page_name",
    [
        ("public", "progress/"),
        ("public", "network/"),
        ("public", "goals/follower-count/"),
        ("public", "contacts/ines-carvalho/"),
        ("owner", "reach-out/"),
        ("owner", "contacts/lukas-weber/"),
        ("owner", "./"),  # the Today dashboard, the owner view's home
        ("owner", "contacts/"),
        ("public", "goals/"),
    ],
)
def test_no_serious_accessibility_violations(sites, visit, audience, page_name, scheme):
    page = visit(color_scheme=scheme).open(sites[audience] + page_name)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = page.evaluate("""async () => (await axe.run()).violations.map(v =>
        ({id: v.id, impact: v.impact, count: v.nodes.length, where: v.nodes[0].html.slice(0, 160)}))""")
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], serious


PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> [x](javascript:window.__pwned=3)'


def test_payloads_in_every_imported_field_never_run(browser, tmp_path):
    """A journal whose imported fields are all payloads: in both views, no script runs and
    no javascript: link exists on any generated page (issue 15)."""
    import json
    import textwrap

    project = tmp_path / "payloads"
    journal = project / "journal"
    shutil.copytree(ROOT / "journal", journal)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    quoted = json.dumps(PAYLOAD)  # YAML reads a JSON string as it is
    for n, public in enumerate(("false", "true")):
        (journal / "contacts" / f"payload-person-{n}.md").write_text(
            textwrap.dedent(f"""\
            ---
            name: Payload Person{n}
            company: {quoted}
            role: {quoted}
            sector: {quoted}
            location: {quoted}
            how_met: {quoted}
            skills: [{quoted}]
            tags: [{quoted}]
            links: {{website: "javascript:window.__pwned=4"}}
            public: {public}
            ---
            {PAYLOAD}
            """)
        )
    (journal / "entries" / "2026" / "2026-11-21.md").write_text(
        textwrap.dedent(f"""\
        ---
        public: true
        events: [{quoted}]
        interactions:
          - with: [payload-person-0, payload-person-1]
            channel: coffee
            direction: mutual
            summary: {quoted}
        ---
        ## Coffee with Payload Person0

        Payload Person0 and Payload Person1 said hello.
        """)
    )
    for audience in ("public", "owner"):
        run = build(project, audience)
        assert run.returncode == 0, run.stderr[-3000:]
        site = project / f"site-{audience}"
        url, server = _serve(site)
        try:
            pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
            assert "journal/2026-11" in pages and "network" in pages
            for rel in pages:
                visit = Visit(browser)
                visit.page.goto(url + ("" if rel == "." else rel + "/"))
                assert visit.page.evaluate("window.__pwned") is None, (audience, rel)
                hrefs = visit.page.eval_on_selector_all(
                    "[href], [src], [data-href]",
                    "els => els.map(e => "
                    "(e.getAttribute('href') || e.getAttribute('src') || "
                    "e.getAttribute('data-href')))",
                )
                assert not [h for h in hrefs if h and h.strip().lower().startswith("javascript:")], (audience, rel)
                visit.context.close()
        finally:
            server.shutdown()
