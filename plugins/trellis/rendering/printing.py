"""What a page template prints for `{{ value }}`, also for the pieces of a page drawn in Python.

Every `{{ ... }}` of a page template goes through the environment's `finalize` before it is
escaped: in the public view, the View's redaction of a printed value (`Renderer.render`'s
`value`, View.redact_value); in the owner's, nothing. `printed` is that same path for a value
a Python helper of the templates prints (`what_counted.py`): finalize, then escape, exactly as
Jinja's autoescape does, so what it prints is what the template would have printed, byte for
byte, and passes the same redaction. Markup (a macro's output, a chart) is printed as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from markupsafe import Markup, escape

# what every `{{ ... }}` of a page template goes through before it is escaped: in the public
# view, the View's redaction of a printed value (Renderer.render's `value`); None in the owner's
PRINTED: ContextVar[Callable[[str], str] | None] = ContextVar("trellis_printed", default=None)


def finalize(value):
    """The page templates' `finalize`: a printed text redacted as the render's audience reads it."""
    redact = PRINTED.get()
    if redact is None or not isinstance(value, str) or isinstance(value, Markup):
        return value  # Markup: a macro's output (its values went through here), a chart, the map, markdown
    return redact(value)


def printed(value) -> Markup:
    """What `{{ value }}` prints in a page template: `finalize`, then escaped."""
    return escape(finalize(value))
