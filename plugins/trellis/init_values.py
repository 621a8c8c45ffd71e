"""The values `trellis init` writes into a new project, made safe: an address that is one, and
the owner's words shown as text wherever they land (Markdown, and HTML MkDocs' themes print
unescaped)."""

from __future__ import annotations

import html
import re


class BadValue(ValueError):
    """A value init can't use; the message says what to write instead."""


# what Python-Markdown reads after a backslash as the character itself (`markdown.Markdown.ESCAPED_CHARS`);
# before any other character a backslash stays, so only these are escaped
_MARKDOWN_ESCAPED = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def markdown_text(text: str) -> str:
    """Text for a line of Markdown that shows as itself: `[x](javascript:...)` stays brackets, not
    a link; `<b>` stays angle brackets, not a tag (as entities: `<`, `>` and `&` have no escape)."""
    return _MARKDOWN_ESCAPED.sub(r"\\\1", html.escape(text, quote=False))


def html_text(text: str) -> str:
    """Text for HTML as MkDocs' themes print config values: `&`, `<`, `>` and `"` as entities
    (the apostrophe of "Ada's" stays one: the themes quote attributes with `"`)."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def valid_site_url(site_url: str) -> None:
    """A full http(s) address with a host, or BadValue: `https://` alone builds no site."""
    from urllib.parse import urlsplit

    fix = "write the public site's full address, e.g. https://USER.github.io/"
    if not site_url.startswith(("https://", "http://")):
        raise BadValue(f"--site-url '{site_url}' is not a web address: {fix}")
    try:
        parts = urlsplit(site_url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        raise BadValue(f"--site-url '{site_url}' is not a valid address: {fix}") from None
    if not parts.hostname or not _HOST.fullmatch(parts.hostname):
        raise BadValue(f"--site-url '{site_url}' names no host: {fix}")
    if parts.username is not None or parts.password is not None:
        raise BadValue(f"--site-url '{site_url}' holds a user name or password, which every page would publish: {fix}")
    if not _URL_CHARACTERS.fullmatch(site_url):
        raise BadValue(
            f"--site-url '{site_url}' has characters an address cannot hold (spaces, quotes, angle brackets): {fix}"
        )


def valid_public_repo(public_repo: str) -> None:
    """A git address (scp-like `git@host:owner/repo.git`, an ssh/https/git/file URL, or an absolute
    path), or BadValue. The value lands in the workflow's `env:`, where GitHub evaluates `${{ }}`
    whatever the YAML quoting: `${{ github.event.head_commit.message }}` would let a commit message
    choose where the site is pushed. So only an address's characters pass, and `$`, `{`, `}`,
    quotes and spaces never do."""
    fix = "write the public site repository's SSH address, e.g. git@github.com:USER/USER.github.io.git"
    if public_repo.startswith("-"):  # git would read it as an option
        raise BadValue(f"--public-repo '{public_repo}' starts with '-', which git reads as an option: {fix}")
    if not _REPO_CHARACTERS.fullmatch(public_repo):
        raise BadValue(
            f"--public-repo '{public_repo}' has characters a git address cannot hold ($, braces, quotes, spaces): {fix}"
        )
    if not (_REPO_URL.fullmatch(public_repo) or _REPO_SCP.fullmatch(public_repo) or public_repo.startswith("/")):
        raise BadValue(f"--public-repo '{public_repo}' is not a git address: {fix}")


_REPO_CHARACTERS = re.compile(r"[A-Za-z0-9._~:/@+%=,-]+")
_REPO_URL = re.compile(r"(?:ssh|git\+ssh|https?|git|file)://[^/]*/.+", re.I)
_REPO_SCP = re.compile(r"(?:[\w.+-]+@)?[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?:[^/:].*")

# a name or an IPv4 address, or an IPv6 one (urlsplit's hostname drops its brackets)
_HOST = re.compile(r"[a-z0-9](?:[a-z0-9\-.]*[a-z0-9])?|[0-9a-f]*:[0-9a-f:.]+", re.I)
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
