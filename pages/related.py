"""Related reading: published letters and articles that share the most themes with a piece.

For readers, under each letter and article (the `related_reading_for` template tag); for
editors, beside a letter they are answering (`similar_published`). Only the newest
RELATED_CANDIDATES pieces with any of the themes are weighed, so the cost stays the same
however large the archive grows.
"""

from django.db.models import Count, Exists, OuterRef, Subquery

from pages.mixed import KINDS
from postbag.versioning import remember

RELATED_CANDIDATES = 300


def related_to(queryset, theme_ids, *, exclude=None, limit=5):
    """Up to `limit` published items of `queryset` sharing the most of `theme_ids`.

    A list, each item with `shared_themes`, most shared first, then newest. Of the items
    with any of the themes only the newest RELATED_CANDIDATES are weighed, each counting
    its shared themes in a correlated subquery, and sorted here. One query, and one whose
    plan doesn't depend on the tables' statistics: an `IN (… LIMIT …)` semi-join, the
    obvious SQL, is planned as a nested loop over everything when PostgreSQL hasn't yet
    analysed freshly loaded tables (after an import: minutes of CPU for one page).
    `exclude` (an item of the same model) is left out, and so are the other parts of its
    series if it is in one: its page lists them in the series box already.
    """
    model = queryset.model
    links = model.themes.through.objects.filter(
        **{model._meta.model_name: OuterRef("pk")}, theme_id__in=theme_ids
    )
    shared = links.order_by().values(model._meta.model_name).annotate(n=Count("pk")).values("n")
    candidates = queryset.published().filter(Exists(links))
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
        if getattr(exclude, "series_id", None) is not None:
            candidates = candidates.exclude(series_id=exclude.series_id)
    newest = list(
        candidates.annotate(shared_themes=Subquery(shared))
        .only("title", "slug", "published_at")
        .order_by("-published_at")[:RELATED_CANDIDATES]
    )
    newest.sort(key=lambda item: (item.shared_themes, item.published_at), reverse=True)
    return newest[:limit]


def related_reading(item, *, limit=5):
    """Up to `limit` published letters or articles sharing the most themes with `item`.

    Weighing the candidates is the costliest query of a detail page, so the answer is
    remembered until content changes.
    """
    theme_ids = [theme.pk for theme in item.themes.all()]
    return remember(
        f"related:{item.kind}:{item.pk}:{limit}",
        lambda: published_sharing_themes(theme_ids, exclude=item, limit=limit),
    )


def similar_published(letter, *, limit=5):
    """For editors: published pieces most like `letter`, by its themes and suggested themes."""
    return published_sharing_themes(letter_theme_ids(letter), exclude=letter, limit=limit)


def answered_letters_like(letter, *, limit=3):
    """For the reader who has just sent `letter` (a Letter): up to `limit` published
    letters most like it, by the themes the reader picked and those the suggestions engine
    found (advice.suggestions, stored when it arrived); [] when it has neither. One query
    for each of the two kinds of theme, and one for the letters (related_to)."""
    theme_ids = letter_theme_ids(letter)
    if not theme_ids:
        return []
    return related_to(type(letter).objects.all(), theme_ids, exclude=letter, limit=limit)


def letter_theme_ids(letter):
    """The ids of `letter`'s themes and suggested themes, sorted."""
    theme_ids = {theme.pk for theme in letter.themes.all()}
    theme_ids |= {theme.pk for theme in letter.suggested_themes.all()}
    return sorted(theme_ids)


def published_sharing_themes(theme_ids, *, exclude=None, limit=5):
    """Published letters and articles sharing the most of `theme_ids`, newest first on ties."""
    if not theme_ids:
        return []
    candidates = []
    for model in KINDS.values():
        excluded = exclude if isinstance(exclude, model) else None
        candidates += related_to(model.objects.all(), theme_ids, exclude=excluded, limit=limit)
    candidates.sort(key=lambda other: (other.shared_themes, other.published_at), reverse=True)
    return candidates[:limit]
