"""Where Trellis' shipped files are: the page templates, the theme override, the assets and
the project `trellis init` copies (the repository's `templates/` folder, inside the wheel as
`trellis/templates`).

Its own tiny module, importing nothing: `trellis init` needs the folder, not the renderer
(nor privacy and git history, which the renderer imports).
"""

from __future__ import annotations

from pathlib import Path


def templates_dir() -> Path:
    """The templates: inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent.parent / "templates"):
        if (candidate / "pages").is_dir():
            return candidate
    raise FileNotFoundError("Trellis' templates are missing: reinstall the package")
