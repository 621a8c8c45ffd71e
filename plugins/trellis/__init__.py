"""Trellis: a networking journal in git, checked against the SMART rules and published with MkDocs."""

__version__ = "0.1.0"
