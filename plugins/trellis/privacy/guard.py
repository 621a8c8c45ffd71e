"""The privacy guard, the last line of defence: after a public build (the plugin's, and
`trellis publish`'s whatever the plugin's `privacy_guard` says), every output file is read
for what the view keeps private (people's names, ids, e-mails, phones, links, birthdays,
private passages, calendars); one found fails the build before anything is deployed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..model import fold
from .folding import Folded, fold_scan
from .folding import fold as address_fold
from .labels import QUALITIES
from .matching import DETAIL_KINDS, Match, Matcher
from .page_reading import PageReader, PageReading
from .passages import Passages, projection
from .private_texts import APPLICATION_NOTES
from .redaction import redact_html
from .site_text import PIECE, UNREADABLE, Metadata, embedded_payloads, pieces, readable_runs, site_files
from .spellings import _name_words
from .view import View
from .visible import visible_text

# a calendar (`trellis export ics`, the owner's reach-out/trellis.ics) is the owner's: who to
# contact when, and why. A public site never carries one, whatever its name or content
CALENDAR_SUFFIXES = (".ics", ".ical", ".ifb")
CALENDAR_START = re.compile(r"^[\ufeff \t]*BEGIN:VCALENDAR[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)
CALENDAR_LEAK = (
    "a calendar (iCalendar: Trellis' calendar names people and says why to contact them): a public "
    "site never carries one; take its pattern out of publish_files, or stop what writes it into the site"
)
# how the matcher names a contact detail (DETAIL_KINDS) in a guard's message: "the e-mail in journal/..."
_DETAIL_ORIGINS = ("the e-mail in ", "the phone number in ", "the birthday in ")


def is_calendar(path: str, text: str | None, folded: str | None = None) -> bool:
    """Whether a site file is a calendar: by its name (any case), or by its text (a line
    `BEGIN:VCALENDAR`, also inside a compressed file, whatever its name). `folded`: the text's
    fold, where the guard has it (a page read by `page_reading`): the line is looked for only
    where the fold holds its word, a search a tenth of the line's pattern at every line's start."""
    if path.lower().endswith(CALENDAR_SUFFIXES):
        return True
    if not text or text == UNREADABLE or folded is not None and "vcalendar" not in folded:
        return False
    return CALENDAR_START.search(text) is not None


def _path_words(text: str) -> str:
    """A file's path as words: in a file name, words are joined by _ . / or spaces (a hyphen
    stays: ids are written with it, and a public "will-turner-smith" is not "will-turner")."""
    return " ".join(re.split(r"[\s/_.]+", text)).strip()


IN_ADDRESS = (
    "(in the page's address, made from a title, a file name or a blog category: give the page "
    "a slug:, or rename the file or the category)"
)
# an address with a scheme, or from the site's root ("/hana/"), where a page or the sitemap prints one
# (each alternative opens with its letter, "h" or "/", and looks behind after it: the engine then
# skips to the next "h" or "/" instead of trying every alternative at every character)
_ADDRESSES = re.compile(r"""https?://[^\s"'<>()\\]+|/(?<=href="/)[^"\s]*|/(?<=src="/)[^"\s]*""")
_ARTICLE_OPENS = re.compile(r"<article\b", re.I)
_ARTICLE_CLOSES = re.compile(r"</article\s*>", re.I)
_BUTTON = re.compile(r"<a\b[^>]*\bmd-content__button\b[^>]*>")
_TITLES = re.compile(r"<(title|h1)\b[^>]*>(.*?)</\1\s*>", re.I | re.S)


def _outside_articles(text: str) -> str:
    """`text` with each `<article ...>...</article>` taken out, as `re.sub(r"<article\\b.*?</article\\s*>",
    "", text, flags=re.I | re.S)` takes them out (tested), in two searches an article, not a
    try at every character after its opening."""
    kept: list[str] = []
    start = 0
    while (opening := _ARTICLE_OPENS.search(text, start)) is not None:
        closing = _ARTICLE_CLOSES.search(text, opening.end())
        if closing is None:  # (nor any article after it: none has a closing after it)
            break
        kept.append(text[start : opening.start()])
        start = closing.end()
    if not kept:
        return text
    kept.append(text[start:])
    return "".join(kept)


def _address_is_its_title(path: str, text: str | None, matcher: Matcher) -> bool:
    """Each part of a page's address that holds a first name ("notes/ada-county/") is its own
    title's words, in order ("Ada County"), and that title went out as written: the redactor read
    it and saw no person there ("Ada" before another capitalised word is someone else's name, or a
    place), so the address made from it names nobody either. A title the redactor rewrote ("Coffee
    with a product manager" for "Coffee with Hana") no longer holds the slug's words. A folder is
    judged by its index.html (in `leaks`)."""
    if text is None or isinstance(text, Metadata) or "<" not in text:
        return False

    def words(value: str) -> str:
        return " " + " ".join(w for w in re.split(r"[^\w]+|_", address_fold(value)) if w) + " "

    shown = [html.unescape(re.sub(r"<[^>]+>", " ", m.group(2))) for m in _TITLES.finditer(text[:200_000])]
    titles = [words(t) for t in shown]
    parts = [words(p) for p in re.sub(r"\.html?$", "", path).split("/") if matcher.first_name_in_address(p) is not None]
    # the redactor judged the word only if the title gives it its capital ("Ada County"); in
    # lower case ("hana notes", a blog category "hana") it never reads a first name at all
    capitals = {address_fold(w) for t in shown for w in re.split(r"[^\w]+|_", t) if w[:1].isupper()}
    named = {w for part in parts for w in part.split() if matcher.first_name_in_address(w) is not None}
    return bool(parts) and named <= capitals and all(any(part in title for title in titles) for part in parts)


def leaks(view: View, files: Iterable[tuple[str, str | None]]) -> list[tuple[str, str]]:
    """(output file, what leaked) for each private thing the view keeps private found in (path,
    text) pairs; none for the owner's view."""
    if view.owner:
        return []
    return Guard(view.matcher, view.passages()).leaks(files)


def site_leaks(view: View, site: Path, skip: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The guard over every file of a built site but those in `skip` (`site_files`)."""
    return leaks(view, site_files(site, skip))


@dataclass
class Reading:
    """What the guard read in a site's files, each file on its own, in the order read: the leaks
    found in each, the folders whose page's title excuses their name, and the addresses each
    page prints in the site's frame."""

    found: list[tuple[str, str]] = field(default_factory=list)
    titled: set[str] = field(default_factory=set)
    printed: dict[str, list[str]] = field(default_factory=dict)

    def in_order(self, order: dict[str, int]) -> Reading:
        """The same reading, as if its files had been read in `order` (a position per path;
        every path read has one): what `concluded` makes of it is then what it makes of a
        reading in that order (its messages come in that order)."""
        return Reading(
            sorted(self.found, key=lambda leak: order[leak[0]]),
            set(self.titled),
            {path: self.printed[path] for path in sorted(self.printed, key=order.__getitem__)},
        )


class Guard:
    """The guard's reading of output files for one matcher and one set of private passages."""

    def __init__(self, matcher: Matcher, passages: Passages):
        self.matcher = matcher
        self.passages = passages
        self._reader = PageReader(None if matcher.keys_hold_markup else matcher.keys_in)

    def leaks(self, files: Iterable[tuple[str, str | None]]) -> list[tuple[str, str]]:
        """(output file, what leaked) for each private thing found in (path, text) pairs.

        The path itself is read too (a photo named after a private person publishes their
        name in the site's file list); a text of None is a folder, an image's text is `Metadata`.
        """
        return self.concluded(self.read(files))

    def read(self, files: Iterable[tuple[str, str | None]]) -> Reading:
        """What each file says on its own; `concluded` weighs what files say together. The
        reading of one file does not depend on the others read before it, so files may come
        in any order (`guard_worker` reads a build's pages as MkDocs writes them)."""
        matcher, passages = self.matcher, self.passages
        nobody = matcher.empty and passages.empty
        reading = Reading()
        found, titled, printed = reading.found, reading.titled, reading.printed
        for path, text in files:
            # a page of markup is read by pieces, each distinct piece once a build (`page_reading`)
            page = (
                self._reader.read(text)
                if not nobody
                and text
                and "<" in text
                and len(text) <= PIECE
                and "base64," not in text
                and not isinstance(text, Metadata)
                and text != UNREADABLE
                else None
            )
            if is_calendar(path, text, page.folded.text if page is not None else None):
                found.append((path, CALENDAR_LEAK))
                continue
            if nobody:
                continue
            words = _path_words(path)
            named = matcher.first(words) or matcher.first(words.replace("-", " "))  # ids keep it; names lose it
            # an address keeps its dots: "img/amara.diallo@example.com.png" is the e-mail
            named = named or next((m for m in matcher.find(path) if m.kind in DETAIL_KINDS), None)
            if named is not None:
                found.append((path, f"{named.origin} (in the file's name)"))
                continue
            # a slug made from a title or a file name keeps the first name in lower case
            # ("blog/.../coffee-with-hana/"): set the page's slug, or rename the file
            if (first := matcher.first_name_in_address(path)) is not None:
                if not _address_is_its_title(path, text, matcher):
                    found.append((path, f"{first.origin} {IN_ADDRESS}"))
                    continue
                if path.endswith("/index.html"):  # its folder is named after the same title
                    titled.add(path[: -len("index.html")])
            if text is None:
                continue
            if path.endswith((".html", ".xml")) and "/" in text:
                # (the frame's, not a link written in a page's text: there, an address to another
                # site holds what words it likes, "imdb.com/title/john-wick", and is left as written)
                # (material's edit and view buttons stand inside the article: made from edit_uri)
                buttons = " ".join(_BUTTON.findall(text)) if "md-content__button" in text else ""
                if urls := _ADDRESSES.findall(_outside_articles(text) + buttons):
                    printed[path] = urls
            if page is not None:
                if (origin := self._page_leak(text, path, page)) is not None:
                    found.append((path, origin))
                continue
            binary: list[str] = []
            if "base64," in text and not isinstance(
                text, Metadata
            ):  # what a data: address holds is published as surely as the page
                for data in embedded_payloads(text):
                    try:
                        text += "\n" + data.decode("utf-8")  # an SVG, a text/plain card: read as a file's text
                    except UnicodeDecodeError:
                        binary.append(readable_runs(data))  # an image: read as an image's metadata
            if isinstance(text, Metadata) or binary:
                if (origin := self._in_metadata([text] if isinstance(text, Metadata) else binary)) is not None:
                    found.append((path, origin))
                    continue
                if isinstance(text, Metadata):
                    continue
            if text == UNREADABLE:
                found.append(
                    (
                        path,
                        "a file the guard cannot read (not text, not an image, e.g. a PDF): "
                        "Trellis cannot vouch for it, so it is not published; take its pattern "
                        "out of publish_files, or publish it as text",
                    )
                )
                continue
            for piece in pieces(text):
                folded = fold_scan(piece)  # once, for the matcher and the passages
                origin = self._written(piece, path, folded)
                del folded
                if origin is not None:
                    found.append((path, origin))
                    break
            else:
                for piece in pieces(visible_text(text)) if "<" in text and not matcher.blind else ():
                    if (origin := self._shown(piece, fold_scan(piece))) is not None:
                        found.append((path, origin))
                        break
        return reading

    def concluded(self, reading: Reading) -> list[tuple[str, str]]:
        """The leaks of what was read: each file's own, and the addresses the site prints."""
        matcher, found, titled = self.matcher, list(reading.found), reading.titled
        addressed: dict[str, list[str]] = {}  # a link's address: the pages that print it
        for path, urls in reading.printed.items():
            for url in urls:
                addressed.setdefault(url, []).append(path)
        # a folder whose page's title holds the words of its name ("notes/ada-county/")
        found = [(path, what) for path, what in found if not (path in titled and what.endswith(IN_ADDRESS))]
        # an address the site's frame prints (site_url in every canonical link and the sitemap,
        # repo_url, extra.alternate, a theme override's link) with a first name in lower case, as a page's own
        # address would be; a part that is a page's address excused by its title stays excused
        excused = {part for folder in titled for part in folder.split("/") if part}
        seen: set = {path for path, _ in found}  # a file already named once is not named again
        for url, where in addressed.items():
            # the host is the owner's own (ada.github.io, a domain of theirs), on every page: a
            # contact who shares the owner's first name is not named by it; the path still counts
            try:
                host = urlsplit(url).netloc
            except ValueError:  # "https://[you].github.io" (a how-to's heading): no host; read as words
                host = ""
            rest = url[url.index(host) + len(host) :] if host else url
            parts = [
                p
                for p in re.split(r"[/?#]", rest)
                if p
                and p not in excused
                and re.sub(r"\.md$", "", p) not in excused  # the edit button's source file
                and matcher.first_name_in_address(p) is not None
            ]
            first = matcher.first_name_in_address("/".join(parts)) if parts else None
            if first is not None:
                # the address up to the part with the name: one line for every page's canonical link
                shown = url[: len(url) - len(rest) + rest.index(parts[0]) + len(parts[0])]
                for path in where:
                    if path not in seen and (path, shown) not in seen:
                        seen.add((path, shown))
                        found.append(
                            (
                                path,
                                f"{first.origin} (in an address the site prints, {shown}: "
                                "site_url, repo_url, edit_uri, extra.alternate or a theme override; write it without the name)",
                            )
                        )
        return found

    def _page_leak(self, text: str, path: str, page: PageReading) -> str | None:
        """What the reading of a page by pieces finds: what the reading of it whole (in `leaks`)
        finds, from the same texts."""
        origin = self._written(text, path, page.folded, page.words, page.hits)
        if origin is None and not self.matcher.blind:
            origin = self._shown(page.visible, page.visible_folded)
        return origin

    def _written(
        self, text: str, path: str, folded: Folded, words: str | None = None, hits: list | None = None
    ) -> str | None:
        """Where the first private thing written in `text` comes from, or None. `folded`: its fold;
        `words`, that fold's projection for the passages, and `hits`, where the matcher's keys
        stand in it, where the caller has them (`page_reading`)."""
        found = self.matcher.find_folded(text, folded, hits)
        naming = [hit for hit in found if hit.kind != "first-name"]
        if not naming and found:
            naming = self._first_names(text, path, found)
        if naming:
            return naming[0].origin
        if self.passages.empty:
            return None
        return self.passages.first_projected(words if words is not None else projection(folded.text))

    def _shown(self, visible: str, folded: Folded) -> str | None:
        """The same for the text a reader sees: "Ada<br>Lovelace", "Ada<!-- -->Lovelace", a first
        and a last name in two cells of a row are one name there, two pieces in the file."""
        found = [hit for hit in self.matcher.find_folded(visible, folded) if hit.kind != "first-name"]
        return f"{found[0].origin} (written across markup: the page shows it whole)" if found else None

    def _in_metadata(self, texts: list[str]) -> str | None:
        """What of a person the readable runs of an image's bytes hold (XMP and PNG text: a photo
        manager's face tags, an author, a caption), counted only where noise cannot make it: no
        first name alone, no id without its separator ("hanasato")."""
        for text in texts:
            for piece in pieces(text):
                folded = fold_scan(piece)
                for hit in self.matcher.find_folded(piece, folded):
                    if (
                        hit.kind == "first-name"
                        or hit.kind == "id"
                        and not re.search(r"[-_.]", piece[hit.start : hit.stop])
                    ):
                        continue
                    return f"{hit.origin} (in the image's metadata)"
                if (origin := self.passages.first_folded(folded.text)) is not None:
                    return f"{origin} (in the image's metadata)"
        return None

    def _first_names(self, text: str, path: str, hits: list[Match]) -> list[Match]:
        """First names alone in an output file (`hits`, the matcher's), counted as the redactor
        counts them: what it would replace in a page, or report in code or an attribute, is a
        leak wherever else it is printed (a nav title, a tag, a file of custom_dir). An HTML file
        is read as the redactor reads a page (runs of text between block tags: "Will" opening a
        question is no leak of Will Turner). Elsewhere (the search index, JSON, text) the markup
        that made a sentence start is gone ("pass<br>Will you" is indexed "pass Will you"), so a
        name that is also an ordinary or a calendar word (`Matcher.ordinary`) does not count there;
        any other does."""
        if not path.lower().endswith((".html", ".htm")):
            return [
                m
                for m in hits
                if not any(_name_words(p.name)[:1] and _name_words(p.name)[0] in self.matcher.ordinary for p in m.who)
            ]
        found: list[Match] = []

        def note(match: Match) -> None:
            if match.kind == "first-name":
                found.append(match)
            return None

        findings = redact_html(text, self.matcher, note).findings
        return found + [f.match for f in findings if f.match.kind == "first-name"]


def written_in(view: View) -> list[str]:
    """Where the user wrote something the guard stops, in their own files ("journal/
    contacts/ada.md:4: company"): what they can change, since a page Trellis generates
    is no file of theirs to edit. Only texts that reach public pages are read."""
    found = []
    journal = view.journal

    def read(source, key: tuple, value) -> None:
        values = value if isinstance(value, (list, tuple)) else [value]
        for text in values:
            if isinstance(text, str) and any(m.kind != "first-name" for m in view.matcher.find(text)):
                found.append(f"{source.shown}:{source.line(*key)}: {key[0]}")
                return

    def read_body(source, text: str) -> None:
        # a body's names are replaced on the page; what stays is what the guard stops on. The
        # line is looked up in the file's text as the loader read it (a body may be stripped of
        # its first blank lines), its line ends read as a text file's are
        matches = [m for m in view.matcher.find(text or "") if m.kind not in ("name", "first-name", "id")]
        if not matches:
            return
        lines = source.text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if source.text else []
        for match in matches:
            piece = text[match.start : match.stop].split("\n")[0]
            line = next((n + 1 for n in range(source.body_line - 1, len(lines)) if piece in lines[n]), source.body_line)
            found.append(f"{source.shown}:{line}: text")

    for contact in journal.contacts.values():
        shown = view.names_contact(contact)
        for quality in QUALITIES:  # an unnamed person's reach the site only where shown (tally)
            values = getattr(contact, quality)
            values = values if isinstance(values, list) else [values]
            if shown or any(view.shows_quality(quality, v) for v in values if isinstance(v, str) and fold(v)):
                read(contact.source, (quality,), values)
        if shown:
            read(contact.source, ("how_met",), contact.how_met)
            read(contact.source, ("name",), contact.name)
    for goal in journal.goals.values():
        for key in ("title", "why", "unit", "actions"):
            read(goal.source, (key,), getattr(goal, key))
        read_body(goal.source, goal.body)
    for entry in journal.entries:
        if entry.public:
            read(entry.source, ("events",), entry.events)
            read_body(entry.source, entry.text)
    if journal.plan is not None:
        plan = journal.plan
        read_body(plan.source, plan.body)
        read(plan.source, ("vision",), plan.vision)
        read(plan.source, ("dream_companies",), plan.dream_companies)
        for quality, values in plan.want.items():
            read(plan.source, ("want", quality), values)
    return sorted(set(found))


def leak_message(view: View, leaks: list[tuple[str, str]], generated: Iterable[str] = ()) -> str:
    """The guard's message: every private thing found, with every site file it reached, and
    what the user can change (their own text), never "edit" a page Trellis generated."""
    generated = set(generated)
    by_origin: dict[str, list[str]] = {}
    for path, what in leaks:
        by_origin.setdefault(what, []).append(path)
    lines = [
        f"Trellis stopped the public build: private data reached {len(leaks)} file(s), "
        f"from {len(by_origin)} source(s). Nothing was deployed."
    ]
    for what, paths in by_origin.items():
        lines.append(
            f"  {what}, in: " + ", ".join(f"site/{p}" + (" (generated)" if p in generated else "") for p in paths)
        )
    written = written_in(view) if any(what != CALENDAR_LEAK for what in by_origin) else []
    if written:
        lines.append("Where you wrote it (change it there):")
        lines += [f"  {where}" for where in written]
    if any(p in generated for p in (p for ps in by_origin.values() for p in ps)):
        lines.append(
            "Pages marked (generated) are made by Trellis from your journal: change the text "
            "in your journal files that they show (a goal's title, a public entry, a public "
            "contact's company), not the page."
        )
    if any(what.startswith(_DETAIL_ORIGINS) for what in by_origin):
        lines.append(
            "A contact's e-mail, phone and birthday are never published, even for people who agreed "
            "to be named (public: true is consent to be named, not to publish an address): take them "
            "out of the text (or the file's name)."
        )
    if any(what.startswith(APPLICATION_NOTES) for what in by_origin):
        lines.append("A job application is never published, nor anything of its notes: take them out of the text.")
    if any(what != CALENDAR_LEAK and not what.startswith(_DETAIL_ORIGINS + (APPLICATION_NOTES,)) for what in by_origin):
        lines.append(
            "Or set public: true in the file of a person who agreed to be named (or of an entry meant to be published)."
        )
    return "\n".join(lines)
