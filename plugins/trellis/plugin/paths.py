"""Where a build's folders are, as the user names them in messages and as MkDocs lays them out."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..locating import site_config


def project_dir(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml (the working folder when there is none)."""
    return Path(config.config_file_path).parent if config.config_file_path else Path.cwd()


def shown_docs_dir(config: MkDocsConfig) -> str:
    """docs_dir as the user names it: relative to the project's folder where it lies inside it."""
    try:
        return Path(config.docs_dir).resolve().relative_to(project_dir(config).resolve()).as_posix()
    except ValueError:
        return Path(config.docs_dir).as_posix()


def is_configured_site_dir(config: MkDocsConfig) -> bool:
    """Whether the site goes into the folder mkdocs.yml names (not one given with -d)."""
    if not config.config_file_path:
        return True
    project = Path(config.config_file_path).parent
    named = site_config(project).get("site_dir", "site")
    return (project / str(named)).resolve() == Path(config.site_dir).resolve()


def language_folder(config: MkDocsConfig) -> str:
    """Where this build's pages go inside the site: mkdocs-static-i18n builds each language
    after the default one again, into a folder named by its locale ("fr/")."""
    i18n = config.plugins.get("i18n")
    current, default = getattr(i18n, "current_language", None), getattr(i18n, "default_language", None)
    return f"{current}/" if isinstance(current, str) and current and current != default else ""
