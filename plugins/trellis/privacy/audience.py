"""The two audiences, which one a command builds for, and the switches that publish more
than the default (said on every build)."""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping

ENV_VAR = "TRELLIS_AUDIENCE"


class Audience(str, enum.Enum):
    OWNER = "owner"
    PUBLIC = "public"


class AudienceError(ValueError):
    pass


def choose_audience(option: str, command: str | None, environ: Mapping[str, str] = os.environ) -> Audience:
    """`TRELLIS_AUDIENCE`, else the plugin's `audience` option, else serve → owner, build → public.

    `gh-deploy` publishes, so it always builds the public view, whatever asks for another.
    """
    if command == "gh-deploy":
        return Audience.PUBLIC
    for chosen, where in (
        (environ.get(ENV_VAR, ""), f"the environment variable {ENV_VAR}"),
        (option, "the plugin option 'audience'"),
    ):
        chosen = (chosen or "").strip().lower()
        if chosen in ("", "auto"):
            continue
        try:
            return Audience(chosen)
        except ValueError:
            raise AudienceError(f"{where} is {chosen!r}: set it to owner, public or auto") from None
    return Audience.OWNER if command == "serve" else Audience.PUBLIC


# switches that publish more than the default, said on every build -------------------------

UNGUARDED_VAR = "TRELLIS_PUBLISH_UNGUARDED"  # gh-deploy with the guard off: asked twice


def unguarded_warning() -> str:
    return (
        "privacy_guard is false: this public build is not scanned for private names, e-mails, "
        "phones, notes, summaries or private entry text; turn the guard on before publishing"
    )


def unguarded_deploy_refusal() -> str | None:
    """Why `mkdocs gh-deploy` may not go on with the guard off, or None if the user said so twice."""
    if os.environ.get(UNGUARDED_VAR) == "yes":
        return None
    return (
        "Trellis refuses to deploy with privacy_guard: false: nothing would check the site for private "
        f"data. Turn the guard on, or, if you mean it, also set {UNGUARDED_VAR}=yes"
    )


def owner_build_warning(site_dir: str) -> str:
    return (
        f"this is the owner view: {site_dir} now holds private data (e-mails, notes, "
        "people who did not agree to be named); do not upload it. `mkdocs build` without "
        "TRELLIS_AUDIENCE or the audience option builds the public view"
    )
