"""Related reading: published letters and articles that share the most themes with a piece.

For readers, under each letter and article (the `related_reading_for` template tag); for
editors, beside a letter they are answering (`similar_published`). Only the newest
RELATED_CANDIDATES pieces with any of the themes are weighed, so the cost stays the same
however large the archive grows.
"""

from collections import Counter

from django.db.models import Count, Exists, OuterRef, Subquery

from advice.suggestions import WORD, significant_words
from pages.mixed import KINDS
from pages.search import search
from postbag.after_publication import theme_note_subquery
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
    # A theme's content note, read in the same query (the note is shown beside the link:
    # postbag.after_publication).
    newest = list(
        candidates.annotate(
            shared_themes=Subquery(shared), theme_content_note=theme_note_subquery(model)
        )
        .only("title", "slug", "published_at", "content_note")
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
    letters most like it, by the themes the reader picked (one query for them, one for the
    letters: related_to), or, when they picked none, by its words
    (answered_letters_like_text); [] or None when nothing is alike. Never by the suggested
    themes: those are worked out after this response (advice.suggestions)."""
    theme_ids = sorted(theme.pk for theme in letter.themes.all())
    if not theme_ids:
        return answered_letters_like_text(letter.original_text, limit=limit)
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


# A letter's words searched for, at most: a bound on the query, whatever its length.
LIKE_WORDS = 24
# How close to the best match's rank another must be to be shown: a half.
LIKE_SHARE_OF_BEST = 0.5


def answered_letters_like_text(text, *, limit=3):
    """For a reader still writing: up to `limit` published letters most like `text` (str).

    `text` is searched (pages.search, ranked by the database's full-text rank) as its
    LIKE_WORDS most frequent significant words, any of them (advice.suggestions'
    words: four letters or more, no stop words), so a letter sharing more and rarer words
    ranks first; those ranked below LIKE_SHARE_OF_BEST of the best are left out. A list of
    Letters with `excerpt` (safe HTML), or None when `text` has fewer than two significant
    words to go on. Neither logged nor stored: the text only
    reaches the database as the search's parameters.
    """
    words = significant_words(text)
    if len(words) < 2:
        return None
    counts = Counter(WORD.findall((text or "").lower().replace("'", "")))
    chosen = sorted(words, key=lambda word: (-counts[word], -len(word), word))[:LIKE_WORDS]
    results = search(" or ".join(chosen), kind="letter")
    # Any one shared word matches; a letter far behind the best shares only a word or two.
    best = results.rows[0].rank if results.rows else 0
    close = [row for row in results.rows[:limit] if row.rank >= best * LIKE_SHARE_OF_BEST]
    return results.load(close)
