"""Lists that gather letters and articles together: theme pages, feeds, theme counts.

Mixed lists are ordered and paginated over light rows (kind, id, date) from one UNION
query, then only the page's objects are loaded, with one prefetch per kind. The cost of a
page therefore does not grow with the archive.
"""

from django.db.models import CharField, Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from advice.models import Letter, Theme
from articles.models import Article
from postbag.versioning import remember

KINDS = {"letter": Letter, "article": Article}


def light_rows(queryset, kind):
    """(kind, pk, published_at) rows of `queryset`, ready for a UNION with the other kind."""
    return queryset.order_by().values(
        "pk", "published_at", kind=Value(kind, output_field=CharField())
    )


def published_about(theme):
    """Light rows of every published letter and article about `theme`, newest first."""
    letters = light_rows(Letter.objects.published().filter(themes=theme), "letter")
    articles = light_rows(Article.objects.published().filter(themes=theme), "article")
    return letters.union(articles, all=True).order_by("-published_at", "-pk")


def load_rows(rows, *, querysets=None):
    """The letters and articles that `rows` name, in the rows' order (one query per kind).

    Each kind is loaded from `querysets[kind]`, by default its `for_listing()`.
    """
    rows = list(rows)
    loaded = {}
    for kind, model in KINDS.items():
        ids = [row["pk"] for row in rows if row["kind"] == kind]
        if ids:
            queryset = (querysets or {}).get(kind, model.objects.for_listing())
            loaded[kind] = queryset.in_bulk(ids)
    return [loaded[row["kind"]][row["pk"]] for row in rows]


def themes_with_counts():
    """All themes, each with `letter_count` and `article_count` of published items.

    Counting means scanning the archive, so the answer is remembered until content changes.
    """
    return remember("themes-with-counts", lambda: list(_themes_with_counts()))


def _themes_with_counts():

    def count_of(model):
        per_theme = (
            model.objects.published()
            .filter(themes=OuterRef("pk"))
            .order_by()
            .values("themes")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return Coalesce(Subquery(per_theme, output_field=IntegerField()), 0)

    return Theme.objects.annotate(letter_count=count_of(Letter), article_count=count_of(Article))
