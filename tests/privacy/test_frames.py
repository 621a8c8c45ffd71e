"""Issue 31: the theme's frame around each page is redacted once per distinct piece
(`privacy/frames.py`), and a page comes out exactly as redacting it whole gave it.

The first test is the proof of "exactly": thousands of pages made at random of the pieces a
page's HTML can hold, the awkward ones included (a name split by inline tags, by a line break,
a comment or a footnote marker; a name across two list items; code and pre over several
blocks; scripts holding tags; unclosed comments, tags and CDATA; `<div>` inside an attribute;
a `<` in text; upper-case tags; names written as character references next to a `<`), read
by one `Frames` (so pieces seen on one page are taken from its memo on the next), against
`redact_html` of the whole page: the same HTML and the same findings, in the same order, at
the same offsets.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

from conftest import EPOCH, serve_rebuilds, site_text, write_project
from trellis.privacy.frames import Frames
from trellis.privacy.keys import Person
from trellis.privacy.matching import Matcher
from trellis.privacy.redaction import _default_label, redact_html

ZEB = Person(name="Zebulon Quartermaine", label="a recruiter in fintech", id="zebulon-quartermaine")
ADA = Person(name="Ada Lovelace", label="an engineer", id="ada-lovelace", emails=("ada@example.com",))

# what a page is made of: every kind of token redact_html treats apart, and names split every way
PARTS = [
    "<li>",
    "</li>",
    "<li class='md-nav__item'>",
    "<div>",
    "</div>",
    "<DIV>",
    "</Nav>",
    "<nav>",
    "<p>",
    "</p>",
    "<title>",
    "</title>",
    "<td>",
    "</td>",
    "\n    ",
    " ",
    "Zebulon",
    "Quartermaine",
    "Zebulon Quartermaine",
    "Zebulon <em>Quartermaine</em>",
    "Zebulon <span>Quarter</span>maine",
    "Zebulon<br>Quartermaine",
    "Zebulon<!-- x -->Quartermaine",
    'Zebulon<sup id="fnref:1"><a href="#fn:1">1</a></sup> Quartermaine',
    '<sup id="fnref:2">',
    "</sup>",
    "<sup>2</sup>",
    "Ada",
    "Lovelace",
    "Ada Lovelace",
    "A&#100;a Lovelace",
    "<&#65;da Lovelace",
    "</&#65;da Lovelace",
    "ada@example.com",
    "zebulon-quartermaine",
    "Met Ada.",
    "<em>",
    "</em>",
    "<span>",
    "</span>",
    "<SPAN>",
    "<a href='/zebulon-quartermaine/'>",
    '<a title="<div>Zebulon</div>">',
    "</a>",
    "<code>",
    "</code>",
    "<pre>",
    "</pre>",
    "<kbd>Ada Lovelace</kbd>",
    "<script>var x = '<div>Ada Lovelace</div>';</script>",
    "<script>",
    "</script>",
    "<style>p{}</style>",
    "<!-- Ada Lovelace -->",
    "<!--",
    "-->",
    "<!-->",
    "<![CDATA[ Ada ]]>",
    "<![CDATA[",
    "<!doctype html>",
    "<?xml x?>",
    "<?",
    "a < b",
    "<div",
    "<li title='a>b'>",
    "'>",
    "<del>Ada</del><ins>Lovelace</ins>",
    "</del>",
    "<ins>",
    "<br>",
    "<br/>",
    "&nbsp;",
    "&amp;",
    "<input value='Ada Lovelace'>",
]


def _page(rng: random.Random) -> str:
    return "".join(rng.choice(PARTS) for _ in range(rng.randint(1, 40)))


def _frames(matcher: Matcher) -> Frames:
    """Frames that find with `matcher` and label as a build does."""
    return Frames(matcher, lambda text, mode: matcher.find(text, mode=mode), _default_label)


def _key(redacted):
    return redacted.html, [(f.where, f.offset, f.text, f.match) for f in redacted.findings]


def _redacted_as_whole(frames: Frames, matcher: Matcher, pages: list[str]) -> None:
    """Each page redacted by pieces as `redact_html` redacts it whole: the same HTML and findings."""
    for page in pages:
        assert _key(frames.redact(page)) == _key(redact_html(page, matcher)), page


def test_pieces_give_exactly_what_the_whole_page_gives():
    matcher = Matcher([ZEB, ADA])
    frames = _frames(matcher)
    rng = random.Random(31)
    pages = [_page(rng) for _ in range(3000)]
    _redacted_as_whole(frames, matcher, pages)
    # the memo was used: pages share pieces
    assert len(frames._pieces) < len(pages) * 10


# ... and lines: a page cut before each "<" that begins a line is redacted line by line
LINES = PARTS + [
    "\n<li>",
    "\n</li>",
    "\n<div class='md-nav'>",
    "\n</div>\n",
    "\n<span>",
    "\n</span>",
    "\n<a href='/x/'>",
    "\n</a>",
    "\n<em>",
    "\n<br>",
    "\n<!-- c -->",
    "\n<script>",
    "\n</script>",
    '\n<sup id="fnref:3">',
    "\n<code>",
    "\n</code>",
    "\n<p>Zebulon",
    "\n<p>Quartermaine</p>",
    "\n",
]


def test_lines_give_exactly_what_the_whole_page_gives():
    matcher = Matcher([ZEB, ADA])
    frames = _frames(matcher)
    rng = random.Random(17)
    pages = ["".join(rng.choice(LINES) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    by_lines = sum(frames._by_lines(page) is not None for page in pages)
    _redacted_as_whole(frames, matcher, pages)
    assert by_lines > 150  # (a line that begins with an inline tag, or a script left open, is read with the page)


FRAME = """<!doctype html>
<html><head><title>{title}</title></head><body>
<nav class="md-nav">
  <ul class="md-nav__list">
    <li class="md-nav__item"><a href="../plan/" class="md-nav__link"><span class="md-ellipsis">{first}</span></a></li>
    <li class="md-nav__item"><a href="../goals/" class="md-nav__link"><span class="md-ellipsis">{second}</span></a></li>
  </ul>
</nav>
<article>BODY</article>
<footer><div class="md-copyright">{footer}</div></footer>
</body></html>
"""


def test_a_frame_is_redacted_as_the_whole_page_was_with_names_split_by_markup_and_across_items():
    matcher = Matcher([ZEB])
    frames = _frames(matcher)
    plain = FRAME.format(title="Goal 1", first="Plan", second="Goals", footer="Made by Maya")
    assert frames.redact(plain).html == plain and not frames.redact(plain).findings
    # written across <span>s and <em> inside one block: found and replaced, the tags kept
    split = FRAME.format(
        title="Zebulon Quartermaine's goal",
        first="Zebulon <em>Quarter</em>maine",
        second="Goals",
        footer="with <span>Zebulon</span> <span>Quartermaine</span>",
    )
    done = frames.redact(split)
    assert "Zebulon" not in done.html and "Quarter" not in done.html
    assert "<title>a recruiter in fintech's goal</title>" in done.html
    assert '<span class="md-ellipsis">a recruiter in fintech<em></em></span>' in done.html
    assert "with <span>a recruiter in fintech</span><span></span></div>" in done.html
    assert _key(done) == _key(redact_html(split, matcher))
    # an initial at the end of one nav item, the family name at the start of the next (neither a
    # name alone): a cut falls between them; the name is still seen whole and stops the build
    across = FRAME.format(title="Goal 2", first="Thanks to Z.", second="Quartermaine", footer="")
    done = frames.redact(across)
    assert [f.text for f in done.findings] == ["Z. Quartermaine"]
    assert _key(done) == _key(redact_html(across, matcher))


CONTACTS = {
    "contacts/zebulon-quartermaine.md": "---\nname: Zebulon Quartermaine\nrole: Recruiter\nsector: fintech\n---\n",
    "contacts/peer.md": "---\nname: Peer One\nrole: Recruiter\nsector: fintech\n---\n",
    "contacts/peer-two.md": "---\nname: Peer Two\nrole: Recruiter\nsector: fintech\n---\n",
}
CONFIG = (
    "site_name: Maya's journal\ndocs_dir: journal\n"
    "theme:\n  name: material\n  font: false\n  custom_dir: overrides\nplugins: [search, trellis]\n"
)


def test_the_pieces_are_worked_out_again_at_each_serve_rebuild(tmp_path, monkeypatch):
    """The frame's pieces are kept for one build: under `mkdocs serve` (in the public view), a person
    a theme override names on every page, who agrees to be named between two rebuilds, is named on
    every page after the second."""
    monkeypatch.setenv("TRELLIS_AUDIENCE", "public")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    write_project(
        tmp_path, {"partials/copyright.html": "<div>Thanks to Zebulon Quartermaine</div>\n"}, None, folder="overrides"
    )
    project = write_project(tmp_path, {**CONTACTS, "index.md": "# Home\n\nHello.\n"}, CONFIG)
    rebuild = serve_rebuilds(project, tmp_path / "served")
    rebuild()
    page = tmp_path / "served" / "index.html"
    assert "<div>Thanks to a recruiter in fintech</div>" in page.read_text()
    contact = project / "journal" / "contacts" / "zebulon-quartermaine.md"
    contact.write_text(contact.read_text().replace("sector: fintech", "sector: fintech\npublic: true"))
    rebuild()
    assert "<div>Thanks to Zebulon Quartermaine</div>" in page.read_text()


def test_a_name_a_theme_override_splits_between_two_nav_items_stops_the_public_build(tmp_path):
    """A partial of the theme's custom_dir prints, on every page, an initial closing one list
    item and the family name opening the next (where the frame is cut into pieces); another
    prints the name split by inline tags. The first stops the build (a reader sees the name
    whole, the label cannot go in one item), the second is replaced on every page."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", "TRELLIS_AUDIENCE": "public"}

    def build(footer: str) -> tuple[subprocess.CompletedProcess, Path]:
        root = tmp_path / str(abs(hash(footer)))
        write_project(root, {"partials/copyright.html": footer}, None, folder="overrides")
        project = write_project(root, {**CONTACTS, "index.md": "# Home\n\nHello.\n"}, CONFIG)
        run = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-d", "site"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        return run, project / "site"

    run, site = build('<div class="md-copyright">Thanks to <em>Zebulon</em> <span>Quarter</span>maine</div>\n')
    assert run.returncode == 0, run.stderr[-3000:]
    text = site_text(site)
    assert "Zebulon" not in text and "Quartermaine" not in text
    assert "Thanks to <em>a recruiter in fintech</em><span></span></div>" in (site / "index.html").read_text()

    run, site = build("<ul>\n  <li>Thanks to Z.</li>\n  <li>Quartermaine and all</li>\n</ul>\n")
    assert run.returncode != 0
    assert "Z. Quartermaine" in run.stderr and "does not rewrite text" in run.stderr, run.stderr[-3000:]
