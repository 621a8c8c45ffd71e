"""Every rule Trellis checks: its id, severity and what it means.

The table is the single list the checker, the manual's rules page and the checks page agree on.
`finding()` is the only way a finding is made, so an id can't be misspelt.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Finding, Source


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    summary: str


_TABLE = [
    # SMART goals
    ("SMART-S1", "error", "title missing or empty"),
    ("SMART-S2", "warning", "title is more than one sentence, or over 30 words"),
    ("SMART-S3", "warning", "title is vague: no number and no concrete object"),
    ("SMART-M1", "error", "target missing, not a positive number (or, for stage goals, not a stage)"),
    ("SMART-M2", "error", "measure missing, or its count, mode, filter or contact unknown"),
    ("SMART-M3", "warning", "a manual goal with no progress logged although it started over 14 days ago"),
    ("SMART-A1", "error", "no actions"),
    ("SMART-A2", "warning", "the pace the goal needs is over 3 times the best pace the journal shows"),
    ("SMART-R1", "error", "neither `why` nor `supports`"),
    ("SMART-R2", "error", "`supports` names no vision goal"),
    ("SMART-T1", "error", "no due date"),
    ("SMART-T2", "error", "due before start, or a date that is not a date"),
    ("SMART-T3", "warning", "more than 12 months from start to due"),
    ("SMART-T4", "warning", "past due and still active"),
    # goals, beyond SMART
    ("GOAL-1", "error", "`kind` is not smart or vision"),
    ("GOAL-2", "error", "`status` is not active, done, dropped or paused"),
    ("GOAL-3", "error", "`per` is not day, week, month or quarter"),
    ("GOAL-4", "warning", "no start date"),
    ("GOAL-5", "error", "a vision goal without a title"),
    # contacts
    ("CONTACT-1", "error", "no name"),
    ("CONTACT-2", "error", "`met`, `connected` or `birthday` is not a date"),
    ("CONTACT-3", "error", "`introduced_by` names no contact"),
    ("CONTACT-4", "error", "`knows` names no contact"),
    ("CONTACT-5", "error", "`keep_in_touch` is not a duration such as 30d, 6w or 3m"),
    ("CONTACT-6", "error", "`stage` is not contact, acquaintance or ally"),
    ("CONTACT-7", "warning", "a link that is not an http(s) or mailto address (it is not shown)"),
    ("CONTACT-8", "warning", "still at stage contact over 30 days after meeting, with neither `want` nor `give`"),
    ("CONTACT-9", "warning", "two contacts with the same name and the same e-mail or profile link"),
    ("CONTACT-10", "error", "`past_companies` is not a list of {company, role, until} mappings"),
    # entries
    ("ENTRY-1", "error", "no date: neither `date:` nor a YYYY-MM-DD in the file name"),
    ("ENTRY-2", "error", "a date that is not a date"),
    ("ENTRY-3", "error", "an interaction names no contact"),
    ("ENTRY-4", "error", "an interaction's channel is missing or unknown"),
    ("ENTRY-5", "error", "an interaction's direction is missing or unknown"),
    ("ENTRY-6", "error", "an interaction without `with`"),
    ("ENTRY-7", "warning", "`date:` and the date in the file name differ"),
    ("ENTRY-8", "error", "`progress` names no manual goal, or its value is not a number"),
    # applications (owner only)
    ("APPLICATION-1", "error", "no company"),
    ("APPLICATION-2", "error", "a status (in `status` or `history`) that is not one of the statuses"),
    ("APPLICATION-3", "error", "`applied`, `next` or a `history` date that is not a date"),
    ("APPLICATION-4", "error", "`via` or `contacts` names no contact"),
    ("APPLICATION-5", "error", "a history out of order: a status earlier in the pipeline dated after a later one"),
    ("APPLICATION-6", "error", "`applied` after the offer's date in `history`"),
    ("APPLICATION-7", "warning", "`next` is in the past and the application is still open"),
    ("APPLICATION-8", "warning", "a referral (`via`) by someone you never met: no interaction and no `met`"),
    ("APPLICATION-9", "warning", "a link that is not an http(s) address"),
    # plan.md
    ("PLAN-1", "warning", "`want` names a quality Trellis does not know"),
    ("PLAN-2", "warning", "`review` is not daily, weekly, monthly or quarterly"),
    ("PLAN-3", "error", "`roles_map` is not a mapping of job titles to role names"),
    # any file
    ("FILE-1", "error", "the file is not UTF-8 text"),
    ("FILE-2", "error", "no frontmatter, or frontmatter that is not closed"),
    ("FILE-3", "error", "the frontmatter is not valid YAML"),
    ("FILE-4", "error", "the frontmatter is not a mapping of keys to values"),
    ("FILE-5", "error", "a value too large or too deeply nested to read (YAML aliases)"),
    ("FILE-6", "error", "two files with the same id"),
    ("FILE-7", "warning", "an unknown key that looks like a misspelt known one"),
    ("FILE-8", "error", "a value of the wrong type"),
    ("FILE-9", "warning", "a symlink in the journal that points outside the project"),
    ("FILE-10", "error", "a date before 1900-01-01 or after 2199-12-31"),
    (
        "FILE-11",
        "error",
        "a number that is not finite (.nan, .inf), over a trillion or under a millionth in size (0 is fine), "
        "or a duration over 100 years",
    ),
    ("FILE-12", "error", "yes, no, on, off, y or n where only true or false is read (it counts as false)"),
    (
        "FILE-13",
        "error",
        "markdown nested more than 100 levels deep (lists, quotes, HTML, emphasis): not rendered, not shown",
    ),
    (
        "FILE-14",
        "warning",
        "an unquoted value YAML cut at ' #' (the rest became a comment) or that ends in a dangling , : ; or -",
    ),
]

RULES: dict[str, Rule] = {rid: Rule(rid, sev, summary) for rid, sev, summary in _TABLE}


def finding(rule_id: str, source: Source, line: int, message: str, fix: str) -> Finding:
    rule = RULES[rule_id]
    return Finding(source.shown, line, rule.severity, rule.id, message, fix)
