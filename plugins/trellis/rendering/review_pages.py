"""The monthly reviews' pages (owner only): `review/` lists the months, newest first; a page a month."""

from __future__ import annotations

from ..pipeline import Analysis
from ..privacy.view import View
from .spec import PageSpec


def review_pages(
    analysis: Analysis, view: View, common: dict, reviews: list, goal_title, no_history: str | None
) -> list[PageSpec]:
    """The monthly reviews (owner only): `review/` lists the months, newest first; a page a month."""
    journal = analysis.journal
    note = f"Goals created, adjusted, done or dropped are not listed: {no_history}." if no_history else ""
    context = {
        **common,
        "goal_title": goal_title,
        "goals": journal.goals,
        "history_note": note,
        "purpose": lambda cid: view.contact_purpose(journal.contacts[cid]),
    }
    pages = [
        PageSpec(
            "review/index.md",
            "Review",
            "review-index.html",
            in_nav=True,
            owner_only=True,
            description="The monthly review of the network, month by month.",
            context={**context, "reviews": reviews},
        )
    ]
    # a month's page shows its figures and the people and goals they name: while these are the
    # same (the records are the cache's own objects, compared at once), serve reuses its HTML
    people_and_goals = (tuple(journal.contacts.items()), tuple(journal.goals.items()))
    for n, review in enumerate(reviews):
        title = review.first.strftime("%B %Y") + (" (so far)" if review.so_far else "")
        newer = reviews[n - 1] if n > 0 else None
        older = reviews[n + 1] if n + 1 < len(reviews) else None
        inputs = (
            view.audience,
            analysis.today,
            review,
            note,
            newer and newer.key,
            older and older.key,
            people_and_goals,
            common["unread"],
        )
        pages.append(
            PageSpec(
                f"review/{review.key}.md",
                f"Review of {title}",
                "review.html",
                owner_only=True,
                description=f"The monthly review of {title}.",
                context={
                    **context,
                    "review": review,
                    "title": title,
                    "newer": newer,
                    "older": older,
                },
                inputs=inputs,
            )
        )
    return pages
