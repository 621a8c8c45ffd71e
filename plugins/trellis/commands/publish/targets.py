"""Which targets `trellis publish` refuses: the journal's own repository, whatever it is called.

`trellis publish` force-replaces a branch. Pointed at the journal's repository (`--to .`,
`--to origin --branch main`, the journal's URL spelt another way, a clone of it) it would
replace the journal's history with a built site, on a remote where no reflog brings it
back. So before anything is built, the target is compared with the journal three ways:

- by place: a local path (or `file://` URL) that resolves into the journal's work tree,
  any worktree of it, or its git folder, or that git opens as a repository sharing the
  journal's git folder;
- by name and address: a remote that is the journal's own (`origin`, one a branch
  tracks, one whose fetched branches hold the journal's commits), or a URL that equals
  one of those remotes' addresses once spelling is set aside (`.git` and `/` at the end,
  the case of host and path, scp-like `git@host:o/r` against `ssh://` or `https://`);
- by identity: a target whose branches or tags point at a commit of the journal's history
  is the journal or a clone of it, whatever its address; and the target branch may not
  hold a commit of the journal anywhere in its history: with `--keep-history`
  the site would become a child of the journal, and replacing it would lose the commits
  of a clone that has moved past this one; nor may any other branch of the target (a
  clone whose every branch moved on is still a clone). The branches are fetched, whole,
  into the temporary repository `trellis publish` works in, never into the journal.

The journal's repository is only read here. The journal's history is what its checked-out
line is made of: HEAD, and the branches, tags and own remotes' branches that share a root
commit with it. An orphan `gh-pages` branch a past `mkdocs gh-deploy` left is no part of it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .git import PublishError, git, safe


@dataclass
class Journal:
    """What the journal's repository is, read once: its places, own remotes and history."""

    top: Path | None = None  # the work tree's top folder; None when the project is in no repository
    places: list[Path] = field(default_factory=list)  # work trees and git folders, resolved
    common_dir: Path | None = None
    own_remotes: dict[str, list[str]] = field(default_factory=dict)  # name: its fetch and push URLs
    commits: set[str] = field(default_factory=set)  # the journal's history


def _lines(*args: str, cwd: Path) -> list[str]:
    run = git(*args, cwd=cwd, check=False)
    return run.stdout.split() if run.returncode == 0 else []


def read_journal(project: Path) -> Journal:
    found = git("rev-parse", "--show-toplevel", cwd=project, check=False)
    if found.returncode != 0 or not found.stdout.strip():
        return Journal()  # no repository: nothing of the journal's can be overwritten by a push
    top = Path(found.stdout.strip()).resolve()
    journal = Journal(top=top)
    dirs = git("rev-parse", "--git-dir", "--git-common-dir", cwd=top).stdout.splitlines()
    git_dir, common = ((top / d).resolve() for d in dirs[:2])  # relative ones are relative to top
    journal.common_dir = common
    journal.places = [top, git_dir, common]
    for line in git("worktree", "list", "--porcelain", cwd=top, check=False).stdout.splitlines():
        if line.startswith("worktree "):
            journal.places.append(Path(line[len("worktree ") :]).resolve())

    head = _lines("rev-parse", "--verify", "-q", "HEAD^{commit}", cwd=top)
    head_roots = set(_lines("rev-list", "--max-parents=0", "HEAD", cwd=top)) if head else set()

    def shares_history(ref: str) -> bool:  # with no commit checked out, every line counts
        return not head or bool(head_roots & set(_lines("rev-list", "--max-parents=0", ref, cwd=top)))

    names = _lines("remote", cwd=top)
    tracked: set[str] = set()
    for key in ("branch\\..*\\.remote", "branch\\..*\\.pushremote", "remote\\.pushdefault"):
        tracked.update(value for value in git("config", "--get-regexp", key, cwd=top, check=False).stdout.split()[1::2])
    refs = git("for-each-ref", "--format=%(refname) %(*objecttype)%(objecttype)", cwd=top).stdout.splitlines()
    lines = ["HEAD"] if head else []
    own = {name for name in names if name == "origin" or name in tracked}
    for line in refs:
        ref, _, kind = line.partition(" ")
        if not kind.startswith("commit"):
            continue
        remote = next((n for n in names if ref.startswith(f"refs/remotes/{n}/")), None)
        if ref.startswith("refs/remotes/") and remote is None:
            continue
        if ref.startswith(("refs/heads/", "refs/tags/", "refs/remotes/", "refs/stash")) and shares_history(ref):
            lines.append(ref)
            if remote:
                own.add(remote)
    journal.own_remotes = {name: _remote_urls(top, name) for name in sorted(own)}
    if lines:
        journal.commits = set(_lines("rev-list", *lines, "--", cwd=top))
    return journal


def _remote_urls(top: Path, name: str) -> list[str]:
    """A remote's addresses as written and as git rewrites them (url.*.insteadOf)."""
    urls = set(git("remote", "get-url", "--all", name, cwd=top, check=False).stdout.splitlines())
    urls.update(git("remote", "get-url", "--push", "--all", name, cwd=top, check=False).stdout.splitlines())
    for key in ("url", "pushurl"):
        urls.update(git("config", "--get-all", f"remote.{name}.{key}", cwd=top, check=False).stdout.splitlines())
    return sorted(url.strip() for url in urls if url.strip())


def _local_path(url: str) -> Path | None:
    """The folder a URL names on this machine, as git reads it, or None for a network address."""
    if url.startswith("file://"):
        return Path(unquote(urlsplit(url).path))
    if "://" in url:
        return None
    colon, slash = url.find(":"), url.find("/")
    if colon > 0 and (slash < 0 or colon < slash):  # git reads host:path as scp-like ssh
        return None
    return Path(url).expanduser()


def address(url: str) -> str:
    """A network address with its spelling set aside: host and path, lower case, no `.git`."""
    url = url.strip()
    if "://" in url:
        parts = urlsplit(url)
        host, path = (parts.hostname or ""), unquote(parts.path)
    else:  # scp-like [user@]host:path
        host, _, path = url.partition(":")
        host = host.rpartition("@")[2]
    path = path.strip("/")
    path = re.sub(r"(\.git)?/*$", "", path).lstrip("~/")
    return f"{host.lower()}/{path.lower()}"


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _repository_at(path: Path) -> Path | None:
    """The common git folder of the repository git would push into at `path`, if any
    (git's local transport tries PATH/.git, PATH, PATH.git/.git and PATH.git)."""
    for candidate in (path / ".git", path, Path(f"{path}.git") / ".git", Path(f"{path}.git")):
        if not candidate.exists():
            continue
        run = git("--git-dir", str(candidate), "rev-parse", "--git-common-dir", check=False)
        if run.returncode == 0 and run.stdout.strip():
            return Path(os.path.abspath(run.stdout.strip())).resolve()  # a relative one is relative to here
    return None


def refuse_by_place_and_name(journal: Journal, remote: str, url: str) -> None:
    """Refuse, without going to the network, a target that is the journal by where it is or what it is called."""
    if journal.top is None:
        return
    shown = safe(remote)
    if remote in journal.own_remotes:
        raise PublishError(
            f"refused --to {shown}: it is a remote of the journal's own repository "
            "(the journal would be replaced by the site there); give the separate public "
            "site repository"
        )
    rewritten = git("ls-remote", "--get-url", url, cwd=journal.top, check=False).stdout.strip()  # insteadOf
    for spelling in dict.fromkeys([url, rewritten or url]):
        _refuse_address(journal, shown, spelling)


def _refuse_address(journal: Journal, shown: str, url: str) -> None:
    assert journal.top is not None
    path = _local_path(url)
    if path is not None:
        where = Path(os.path.abspath(path)).resolve()  # as the push would: relative to here, symlinks followed
        for place in journal.places:
            if _inside(where, place):
                raise PublishError(
                    f"refused --to {shown}: {where} is inside the journal's own repository "
                    f"({journal.top}); give the separate public site repository"
                )
        if journal.common_dir is not None and _repository_at(where) == journal.common_dir:
            raise PublishError(
                f"refused --to {shown}: {where} is the journal's own repository "
                f"({journal.top}); give the separate public site repository"
            )
        opened = _repository_at(where)  # `file:///x/origin` opens /x/origin.git, as the push would
        for name, urls in journal.own_remotes.items():  # a remote's relative path is read from the top folder
            paths = [(journal.top / p).resolve() for p in map(_local_path, urls) if p is not None]
            if where in paths or (opened is not None and opened in {_repository_at(p) for p in paths}):
                raise PublishError(
                    f"refused --to {shown}: {where} is the journal's own remote '{name}'; "
                    "give the separate public site repository"
                )
        return
    target = address(url)
    for name, urls in journal.own_remotes.items():
        if any(_local_path(u) is None and address(u) == target for u in urls):
            raise PublishError(
                f"refused --to {shown}: it is the address of the journal's own remote "
                f"'{name}'; give the separate public site repository"
            )


def refuse_by_identity(journal: Journal, remote: str, listing: str) -> None:
    """Refuse a target one of whose refs (from `git ls-remote`) points at a commit of the journal."""
    for line in listing.splitlines():
        sha, _, ref = line.partition("\t")
        if sha in journal.commits:
            ref = ref.removesuffix("^{}")
            raise PublishError(
                f"refused --to {safe(remote)}: its {ref} is a commit of this journal, so it is "
                "the journal's repository or a clone of it; give the separate public site repository"
            )


def refuse_shared_history(
    journal: Journal, remote: str, histories: dict[str, list[str]], branch: str, keep_history: bool
) -> None:
    """Refuse a target one of whose branches holds a commit of the journal anywhere in its history (given
    each branch's commits): it is a clone of the journal, perhaps one that moved past this one; on the
    branch published to, kept the site would grow from the journal, replaced a clone's newer commits
    would be lost. Whole commits, not only root commits, are compared: in a shallow clone of the
    journal (a workflow's checkout) the oldest commit there is no root of the true history."""
    for name, found in sorted(histories.items(), key=lambda item: item[0] != branch):
        if journal.commits.isdisjoint(found):
            continue
        if name == branch:
            how = "--keep-history onto" if keep_history else "to replace"
            raise PublishError(
                f"refused {how} {safe(remote)} ({branch}): that branch's history holds commits "
                "of this journal (it is the journal's, or grew from it); publish to a branch of the "
                "separate public site repository"
            )
        raise PublishError(
            f"refused --to {safe(remote)}: its branch {name} holds commits of this journal, so it "
            "is the journal's repository or a clone of it; give the separate public site repository"
        )
