"""The demo column's themes: the vocabulary every demo letter and article is tagged with."""

THEMES = [
    {
        "name": "Rejection",
        "slug": "rejection",
        "description": (
            "Being turned down, left out or passed over, and how to stand up again "
            "without deciding that you were the problem."
        ),
    },
    {
        "name": "Self-worth",
        "slug": "self-worth",
        "description": (
            "Knowing your value when nobody is confirming it for you, and stopping "
            "the habit of auditioning for love."
        ),
    },
    {
        "name": "One-sided effort",
        "slug": "one-sided-effort",
        "description": (
            "When you are always the one who calls, plans, forgives and reaches out, "
            "and you are starting to wonder why."
        ),
    },
    {
        "name": "Friendship",
        "slug": "friendship",
        "description": (
            "Old friends, new friends, friends drifting away: the relationships we "
            "choose, and the ones that quietly choose us back, or don't."
        ),
    },
    {
        "name": "Family",
        "slug": "family",
        "description": (
            "Parents, siblings, in-laws and the roles we were handed as children "
            "and still catch ourselves playing."
        ),
    },
    {
        "name": "Breakups",
        "slug": "breakups",
        "description": (
            "Endings, whether you chose them or not, and the strange, slow work of "
            "building a life that fits just you again."
        ),
    },
    {
        "name": "Dating",
        "slug": "dating",
        "description": (
            "Apps, first dates, mixed signals and the hope that keeps us trying. "
            "How to look for someone without losing yourself."
        ),
    },
    {
        "name": "Boundaries",
        "slug": "boundaries",
        "description": (
            "Saying no kindly and meaning it, and noticing who respects the line you draw."
        ),
    },
    {
        "name": "Loneliness",
        "slug": "loneliness",
        "description": (
            "Feeling alone in a crowd, in a marriage or in a new city, and the small, "
            "brave steps that let people back in."
        ),
    },
    {
        "name": "Jealousy",
        "slug": "jealousy",
        "description": (
            "The sting of comparison and the fear of being replaced, and what that "
            "feeling is trying to tell you."
        ),
    },
]
