"""Lists that gather letters and articles together: theme and section pages, feeds, theme
counts, the themes index by section.

Mixed lists are ordered and paginated over light rows (kind, id, date) from one UNION
query, in every list's order (postbag.publishing.listed_at), then only the page's objects
are loaded, with one prefetch per kind. The cost of a page therefore does not grow with
the archive.
"""

from copy import copy
from dataclasses import dataclass, field

from django.db.models import CharField, F, Func, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from advice.models import Letter, Theme
from articles.models import Article
from postbag.publishing import listed_at
from postbag.versioning import remember

KINDS = {"letter": Letter, "article": Article}


def light_rows(queryset, kind):
    """(kind, pk, listed_at) rows of `queryset`, ready for `newest_first`: `listed_at` is
    the time lists order by (postbag.publishing.listed_at: a classic's re-run time)."""
    return queryset.order_by().values(
        "pk", listed_at=listed_at(queryset.model), kind=Value(kind, output_field=CharField())
    )


def newest_first(letters, articles, *others):
    """The UNION of querysets of light rows, in the lists' order (newest first); `others`
    are further kinds (the latest feed's writers' updates)."""
    return letters.union(articles, *others, all=True).order_by("-listed_at", "-pk")


def about_theme(queryset, theme, *, section):
    """`queryset` (letters or articles) narrowed to those about `theme`; for a `section`,
    about it or any theme in it, each piece once (chosen by id, not by a join)."""
    if not section:
        return queryset.filter(themes=theme)
    model = queryset.model
    tagged = model.themes.through.objects.filter(Q(theme=theme) | Q(theme__parent=theme))
    return queryset.filter(pk__in=tagged.values(model._meta.model_name))


def published_about(theme, *, section=False):
    """Light rows of every published letter and article about `theme` (for a `section`,
    about it or any theme in it), newest first, each piece once."""
    letters, articles = (
        light_rows(about_theme(model.objects.published(), theme, section=section), kind)
        for kind, model in KINDS.items()
    )
    return newest_first(letters, articles)


def theme_with_counts(slug):
    """The theme whose slug is `slug`, from the remembered `themes_with_counts()` (so with
    `letter_count` and `article_count`, and its section as `parent`), or None. Not a query
    of its own: a theme page with an empty cache stays within its budget (issue 15)."""
    themes = {theme.pk: theme for theme in themes_with_counts()}
    found = next((theme for theme in themes.values() if theme.slug == slug), None)
    if found is None:
        return None
    found = copy(found)  # the remembered list is shared: set `parent` on a copy
    found.parent = themes.get(found.parent_id)
    return found


def section_themes(theme):
    """The themes in `theme` when it is a section (else []), by name, with their counts:
    read from the remembered `themes_with_counts()`, so no query while content is unchanged."""
    return [child for child in themes_with_counts() if child.parent_id == theme.pk]


@dataclass
class Section:
    """A section of the themes index: `theme`, the section itself (None for the themes in
    no section), and `themes`, the ones in it."""

    theme: Theme | None
    themes: list = field(default_factory=list)


def by_section(themes):
    """`themes` (in name order) grouped for the themes index: a Section for each theme that
    has themes under it, in name order, then one Section(None, …) of the themes in no
    section, left out when empty. Sections are one level deep (Theme.check_section)."""
    sections = {theme.pk: Section(theme) for theme in themes if theme.parent_id is None}
    for theme in themes:
        if theme.parent_id in sections:
            sections[theme.parent_id].themes.append(theme)
    grouped = [section for section in sections.values() if section.themes]
    loose = [section.theme for section in sections.values() if not section.themes]
    return grouped + ([Section(None, loose)] if loose else [])


def load_rows(rows, *, querysets=None):
    """The letters and articles that `rows` name, in the rows' order (one query per kind).

    Each kind is loaded from `querysets[kind]`, by default its `for_listing()`.
    """
    rows = list(rows)
    loaded = {}
    querysets = querysets or {}
    for kind in {row["kind"] for row in rows}:  # a kind not in KINDS comes in `querysets`
        ids = [row["pk"] for row in rows if row["kind"] == kind]
        queryset = querysets[kind] if kind in querysets else KINDS[kind].objects.for_listing()
        loaded[kind] = queryset.in_bulk(ids)
    return [loaded[row["kind"]][row["pk"]] for row in rows]


def themes_with_counts():
    """All themes by name, each with `letter_count` and `article_count` of published
    items (for a section, its own and its themes', each piece once: what its page lists).

    Counting means scanning the archive, so the answer is remembered until content changes.
    """
    return remember("themes-with-counts", lambda: list(_themes_with_counts()))


def _themes_with_counts():

    def count_of(model):
        # A section counts its own pieces and its themes', each piece once (what its page
        # lists). COUNT(DISTINCT …) as a plain function: no GROUP BY, one row per theme.
        piece = model._meta.model_name
        per_theme = (
            model.themes.through.objects.filter(
                Q(theme=OuterRef("pk")) | Q(theme__parent=OuterRef("pk")),
                **{f"{piece}__in": model.objects.published()},
            )
            .order_by()
            .annotate(
                total=Func(F(piece), function="COUNT", template="COUNT(DISTINCT %(expressions)s)")
            )
            .values("total")
        )
        return Coalesce(Subquery(per_theme, output_field=IntegerField()), 0)

    return Theme.objects.annotate(letter_count=count_of(Letter), article_count=count_of(Article))
