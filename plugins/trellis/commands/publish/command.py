"""`trellis publish --to REMOTE`: the built public view, and nothing else, pushed to another repository.

The site is built by `mkdocs build` in a subprocess with TRELLIS_AUDIENCE=public (so this
module imports nothing of MkDocs, and the plugin's privacy guard runs), into a temporary
folder. Then the guard is run once more here, whatever the plugin's options say, before
anything leaves the machine.

The push is made from a fresh repository in a temporary folder: by default one commit,
with no parent, replacing the branch, so no object reachable from the branch names a
person whose consent was withdrawn. `--keep-history` adds one commit on top of the
branch instead. The commit is made by a fixed identity, `Trellis <trellis@localhost>`,
so it carries nothing of the journal's history or of the owner's git configuration.

The journal's own repository is only ever read: its branches, index, working tree and stash
stay as they were, whatever happens. A target that is the journal's repository (by path,
remote, address or the commits it holds) is refused before anything is built
(`targets`), and so is a journal with errors.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ... import clock
from ...loading import load_journal
from ...locating import config_file
from ...pipeline import analyse, week_start
from ...privacy.repository import repository_is_public
from ..check import exposed
from . import targets
from .git import PublishError, git, last_line, safe


@dataclass
class Published:
    files: list[str]  # paths in the pushed tree
    remote: str  # as the user named it
    branch: str
    commit: str = ""  # empty on a dry run or when nothing changed
    replaced: bool = True  # the branch's history was replaced (not kept)
    unchanged: bool = False


def resolve_remote(project: Path, remote: str) -> str:
    """The address to push to: a remote of the journal's repository by name, else a URL or a path."""
    if not remote.strip():
        raise PublishError("--to is empty: give a git remote name, a URL or a path")
    if remote.startswith("-"):  # every git command below would read it as one of its options (--upload-pack=...)
        raise PublishError(
            f"--to '{safe(remote)}' starts with '-', which git reads as an option: give a git remote "
            "name, a URL or a path (./-name for a folder called so)"
        )
    if re.fullmatch(r"[\w.-]+", remote) and not Path(remote).exists():
        named = git("-C", str(project), "remote", "get-url", remote, check=False)  # reads, never writes
        if named.returncode == 0 and named.stdout.strip():
            return _from_top(project, named.stdout.strip())
    if "://" in remote or re.match(r"^[^/]+:", remote):  # a URL, or scp-like user@host:path
        return remote
    path = Path(remote).expanduser()
    if path.exists():
        return str(path.resolve())
    raise PublishError(
        f"'{remote}' is neither a remote of the journal's repository nor a URL "
        "nor an existing path: give e.g. git@github.com:USER/USER.github.io.git"
    )


def _from_top(project: Path, url: str) -> str:
    """A remote's relative path as git reads it: from the work tree's top folder, not from the
    folder publish runs in (run from a subfolder, `../site.git` named another repository)."""
    scp_like = re.match(r"^[^/]+:", url) is not None
    if "://" in url or scp_like or url.startswith(("/", "~")):
        return url
    top = git("-C", str(project), "rev-parse", "--show-toplevel", check=False).stdout.strip()
    return str((Path(top) / url).resolve()) if top else url


def build_public_site(project: Path, site: Path) -> None:
    """`mkdocs build` of the public view into `site`; PublishError with MkDocs' message if it fails."""
    # the theme's end-of-life banner (material 9.8) and ProperDocs' notice, which a plugin may
    # trigger, would bury MkDocs' own message in Trellis' output
    env = {**os.environ, "TRELLIS_AUDIENCE": "public", "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    config = config_file(project) or project / "mkdocs.yml"
    engine = "properdocs" if config.name.startswith("properdocs.") else "mkdocs"  # the engine the file is for
    run = subprocess.run(
        [sys.executable, "-m", engine, "build", "-q", "-f", str(config), "-d", str(site)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        lines = [line for line in run.stderr.splitlines() if line.strip() and not line.startswith("INFO")]
        start = next((i for i, line in enumerate(lines) if line.startswith("ERROR")), max(len(lines) - 20, 0))
        raise PublishError("the public build failed, nothing was pushed:\n" + "\n".join(lines[start:]))


def _refuse_errors(project: Path, journal_dir: Path) -> None:
    """A journal with errors is not published, as a strict build would not be (warnings are)."""
    analysis = analyse(journal_dir, shown_base=project, week_start=week_start(project))
    errors = [str(found) for found in analysis.findings if found.severity == "error"]
    if errors:
        raise PublishError(
            f"refused: the journal has {len(errors)} error{'s' if len(errors) != 1 else ''}, nothing "
            "was built or pushed; fix them (trellis check lists every finding) and publish again:\n" + "\n".join(errors)
        )


def _guard(journal_dir: Path, site: Path) -> None:
    """The privacy guard over every built file, whatever the plugin's `privacy_guard` says."""
    from ...privacy.audience import Audience
    from ...privacy.guard import site_leaks
    from ...privacy.view import View

    view = View(load_journal(journal_dir), Audience.PUBLIC)

    leaks = site_leaks(view, site)  # every file: publish does not know which the theme brought
    if leaks:
        shown = "; ".join(f"{path}: {what}" for path, what in leaks[:5])
        raise PublishError(f"private data reached {len(leaks)} built file(s), nothing was pushed: {shown}")


def _rewritten(repo: Path, url: str) -> tuple[str, str]:
    """(where git reads, where git pushes) for `url` given to `git ls-remote`/`git push` in `repo`:
    after `url.*.insteadOf`/`pushInsteadOf`, and after a `remote."<url>".url`/`pushurl` of the
    user's config, which git applies to a URL given on the command line as to a remote's name
    (refused: where such a remote pushes, all its pushurls, is not one address)."""

    def get(*args: str) -> subprocess.CompletedProcess:
        return git("--git-dir", str(repo), "remote", "get-url", *args, check=False)

    for key in ("url", "pushurl"):  # `git remote get-url` knows no remote whose url is unset
        if git("--git-dir", str(repo), "config", "--get-all", f"remote.{url}.{key}", check=False).stdout.strip():
            raise PublishError(
                f"refused --to {safe(url)}: your git config has remote.{safe(url)}.{key}, which "
                "sends git's reads or pushes of this address elsewhere; give the address it names"
            )
    if git("--git-dir", str(repo), "remote", "set-url", "target", url, check=False).returncode != 0:
        git("--git-dir", str(repo), "remote", "add", "target", url)
    return get("target").stdout.strip() or url, get("--push", "target").stdout.strip() or url


def _pushed_to(journal, repo: Path, remote: str, url: str) -> str:
    """The address git pushes to, which every check then reads. The user's git config may
    rewrite an address for pushing only (`url.X.pushInsteadOf`, `remote."<url>".pushurl`):
    `ls-remote` and the fetch would read one repository and the push replace a branch of
    another, the journal's remote. So the address is rewritten as git would, checked again,
    and must be one git rewrites no further (for reading or pushing), so that the checks and
    the push reach the same repository."""
    read, pushed = _rewritten(repo, url)
    if pushed == url and read == url:
        return url
    targets.refuse_by_place_and_name(journal, remote, pushed)
    if set(_rewritten(repo, pushed)) != {pushed}:
        raise PublishError(
            f"refused --to {safe(remote)}: your git config (url.*.insteadOf, url.*.pushInsteadOf, "
            f"remote.*.pushurl) sends its reads and its push to different places ({safe(read)}, "
            f"{safe(pushed)}); give the address git pushes to"
        )
    return pushed


def publish(
    project: Path,
    journal_dir: Path,
    remote: str,
    branch: str = "gh-pages",
    keep_history: bool = False,
    dry_run: bool = False,
    message: str = "",
) -> Published:
    if config_file(project) is None:
        raise PublishError(f"{project} has no mkdocs.yml: run trellis publish in the journal project")
    if not re.fullmatch(r"[\w./-]+", branch) or branch.startswith(("-", "/")) or ".." in branch:
        raise PublishError(f"--branch '{branch}' is not a branch name: use e.g. gh-pages or main")
    if branch.startswith("refs/") or git("check-ref-format", "--branch", branch, check=False).returncode != 0:
        # git's own rule, before the build: `HEAD`, `x.lock`, `x/` and `x.` failed only at the push,
        # and `refs/heads/main` made a branch named refs/heads/refs/heads/main
        raise PublishError(
            f"--branch '{branch}' is not a branch name git accepts: give the name alone, e.g. gh-pages or main"
        )
    url = resolve_remote(project, remote)
    # every refusal comes before the build

    journal = targets.read_journal(project)
    targets.refuse_by_place_and_name(journal, remote, url)
    _refuse_errors(project, journal_dir)
    with tempfile.TemporaryDirectory(prefix="trellis-publish-") as tmp:
        work = Path(tmp)
        repo, site = work / "repo.git", work / "site"
        git("init", "-q", "--bare", str(repo))
        url = _pushed_to(journal, repo, remote, url)
        ls = git("--git-dir", str(repo), "ls-remote", url, check=False)  # every ref: the target's identity
        if ls.returncode != 0:
            raise PublishError(f"cannot reach {safe(remote)}: {last_line(ls.stderr)}")
        targets.refuse_by_identity(journal, remote, ls.stdout)
        parent = ""
        heads = [line.partition("\trefs/heads/")[2] for line in ls.stdout.splitlines() if "\trefs/heads/" in line]
        if heads:  # the target's branches, into this temporary repository only: does a history hold the journal's?
            git("--git-dir", str(repo), "fetch", "-q", url, "+refs/heads/*:refs/target/*")
            targets.refuse_shared_history(
                journal,
                remote,
                {name: git("--git-dir", str(repo), "rev-list", f"refs/target/{name}").stdout.split() for name in heads},
                branch,
                keep_history,
            )
            if branch in heads:  # its CNAME, and its tip for --keep-history
                parent = git("--git-dir", str(repo), "rev-parse", f"refs/target/{branch}").stdout.strip()
        build_public_site(project, site)
        _guard(journal_dir, site)
        (site / ".nojekyll").write_text("")  # serve the files as built: no Jekyll on GitHub Pages
        if parent and not (site / "CNAME").exists():  # the custom domain set on the branch stays
            cname = git("--git-dir", str(repo), "cat-file", "-p", f"{parent}:CNAME", check=False)
            if cname.returncode == 0:
                (site / "CNAME").write_text(cname.stdout)
        files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
        result = Published(files, remote, branch, replaced=not keep_history)
        if dry_run:
            return result
        tree_of = ["--git-dir", str(repo), "--work-tree", str(site)]
        git(*tree_of, "add", "-A", "--force", ".")
        tree = git("--git-dir", str(repo), "write-tree").stdout.strip()
        parents = []
        if keep_history and parent:
            if git("--git-dir", str(repo), "rev-parse", f"{parent}^{{tree}}").stdout.strip() == tree:
                result.unchanged = True
                return result
            parents = ["-p", parent]
        text = message or f"Publish the public view ({clock.today().isoformat()})"
        commit = git("--git-dir", str(repo), "commit-tree", tree, *parents, "-m", text).stdout.strip()
        push = ["push", "-q", url, f"{commit}:refs/heads/{branch}"]
        if not keep_history:
            push.insert(1, "--force")  # the old commits go: that is the point
        pushed = git("--git-dir", str(repo), *push, check=False)
        if pushed.returncode != 0:
            raise PublishError(f"the push to {safe(remote)} ({branch}) failed: {last_line(pushed.stderr)}")
        result.commit = commit
        return result


def run(
    project: Path, journal_dir: Path, remote: str, *, branch: str, keep_history: bool, dry_run: bool, message: str
) -> int:
    """`trellis publish`: refuse a public repository that shows private data, publish, say what was pushed."""
    if repository_is_public() and exposed(load_journal(journal_dir, project), "trellis publish"):
        return 1
    try:
        done = publish(
            project,
            journal_dir,
            remote,
            branch=branch,
            keep_history=keep_history,
            dry_run=dry_run,
            message=message,
        )
    except PublishError as err:
        print(f"trellis publish: {err}", file=sys.stderr)
        return 1
    where = f"{safe(done.remote)} ({done.branch})"
    if dry_run:
        for name in done.files:
            print(name)
        how = "adding one commit" if keep_history else "as one commit replacing the branch's history"
        print(f"trellis publish: would push these {len(done.files)} files to {where}, {how}; pushed nothing")
    elif done.unchanged:
        print(f"trellis publish: {where} already holds this site; pushed nothing")
    else:
        how = "one commit added" if keep_history else "one commit, the branch's history replaced"
        print(f"trellis publish: pushed {len(done.files)} files to {where}: {how} ({done.commit[:12]})")
    return 0
