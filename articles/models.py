import math

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Count, Exists, Max, OuterRef, Subquery, Value
from django.db.models.functions import Concat
from django.urls import reverse
from markdownx.models import MarkdownxField

from postbag.after_publication import AfterPublication
from postbag.publishing import PUBLISHED, Publishable, PublishableQuerySet
from postbag.slugs import UnicodeSlugField, unique_slug
from postbag.takedowns import Correctable
from postbag.validators import TITLE_LENGTH, validate_multiline, validate_single_line

WORDS_PER_MINUTE = 230


class SeriesQuerySet(models.QuerySet):
    def public(self):
        """The series readers can find: those with a published part, each with `updated`,
        when its newest part was published (for the sitemap)."""
        parts = Article.objects.published().filter(series=OuterRef("pk"))
        newest = parts.order_by().values("series").annotate(at=Max("published_at")).values("at")
        return self.filter(Exists(parts)).annotate(updated=Subquery(newest))


class Series(models.Model):
    """Articles meant to be read in order, each a numbered part."""

    title = models.CharField(max_length=200, validators=[validate_single_line])
    slug = UnicodeSlugField(
        max_length=200, unique=True, blank=True, help_text="Made from the title when left empty."
    )
    description = models.TextField(blank=True, validators=[validate_multiline])

    objects = SeriesQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "series"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.fill_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:series_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        self.fill_slug()

    def fill_slug(self):
        """Make the slug from the title when there is none (in any script: postbag.slugs)."""
        if not self.slug:
            self.slug = unique_slug(self, self.title)


class ArticleQuerySet(PublishableQuerySet):
    def for_listing(self):
        """Series (with each part's place in it) and themes (with their sections) loaded
        alongside, so a page of articles costs two queries; without the body and the other
        columns a card never shows (for_cards)."""
        return self.for_pages().for_cards("body")

    def for_pages(self):
        """As for_listing, with every column: an article's page and the feeds show the body."""
        return self.select_related("series").with_themes().with_series_position().newest_first()

    def with_series_position(self):
        """Each article with `series_position` (its place among its series' published
        parts: 1, 2, …) and `series_length` (how many parts are published), both None
        outside a series: "Part 2 of 3", counted in the same query (two subqueries).

        Counted among published parts, so a part still scheduled or taken back never
        leaves a gap ("Part 3 of 2"); a part that isn't public itself isn't counted.
        """
        parts = (
            Article.objects.published()
            .filter(series=OuterRef("series"))
            .order_by()
            .values("series")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            series_position=Subquery(parts.filter(series_part__lte=OuterRef("series_part"))),
            series_length=Subquery(parts),
        )

    def for_search_hits(self):
        """What a search hit shows (title, byline, date, themes), and `search_text`: the
        standfirst and body, as an alias for the excerpt to be cut from."""
        return (
            self.only("title", "slug", "byline", "published_at", "content_note", "rerun_at")
            .prefetch_related("themes")
            .alias(
                search_text=Concat(
                    "standfirst", Value("\n\n"), "body", output_field=models.TextField()
                )
            )
        )


class Article(Correctable, AfterPublication, Publishable):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = PUBLISHED, "Published"

    title = models.CharField(max_length=TITLE_LENGTH, validators=[validate_single_line])
    slug = UnicodeSlugField(
        max_length=200, unique=True, blank=True, help_text="Made from the title when left empty."
    )
    byline = models.CharField(max_length=120, validators=[validate_single_line])
    standfirst = models.TextField(
        max_length=400,
        blank=True,
        help_text="One or two sentences under the headline.",
        validators=[validate_multiline],
    )
    body = MarkdownxField(
        help_text="Markdown. The preview shows what readers will see.",
        validators=[validate_multiline],
    )
    themes = models.ManyToManyField("advice.Theme", blank=True, related_name="articles")
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    series_part = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Its place in the series: 1, 2, 3 …"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    comments_closed = models.BooleanField(
        default=False, help_text="Readers can no longer comment; the comments stay shown."
    )
    # A recording of the piece (MP3, M4A or Ogg), its length and size, for the player and
    # the podcast feed's enclosure.
    recording = models.FileField(upload_to="recordings/", blank=True)
    recording_seconds = models.PositiveIntegerField(null=True, blank=True, editable=False)
    recording_bytes = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Site search. On PostgreSQL the database keeps it current with triggers, because the
    # theme names live in other tables (articles/migrations/0002_search_vector): title
    # weighs A, theme names B, standfirst and body C. Empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    # Where an imported article came from (import_wordpress): importing the same export again
    # finds it by these and updates it, instead of adding a copy.
    wordpress_id = models.PositiveBigIntegerField(
        "WordPress post ID", null=True, blank=True, unique=True, editable=False
    )
    wordpress_guid = models.CharField(
        "WordPress GUID", max_length=255, blank=True, db_index=True, editable=False
    )

    kind = "article"
    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [
            # Lists page through this index alone (ids at an offset, postbag.pagination).
            models.Index(
                fields=["status", "-published_at", "-created_at"],
                include=["id"],
                name="article_listing",
            ),
            GinIndex(fields=["search_vector"], name="article_search_vector"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "series_part"], name="one_article_per_series_part"
            ),
            models.CheckConstraint(
                condition=models.Q(series__isnull=True) | models.Q(series_part__isnull=False),
                name="series_article_has_part",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=PUBLISHED) | models.Q(published_at__isnull=False),
                name="published_article_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:article_detail", kwargs={"slug": self.slug})

    def fill_derived_fields(self):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        super().fill_derived_fields()

    @property
    def reading_minutes(self):
        return max(1, math.ceil(len(self.body.split()) / WORDS_PER_MINUTE))

    def series_navigation(self):
        """The series' published parts in order, and this part's neighbours (one query)."""
        if self.series_id is None:
            return {"parts": [], "previous": None, "next": None}
        parts = list(
            Article.objects.published()
            .filter(series_id=self.series_id)
            .order_by("series_part")
            .only("title", "slug", "series_part")
        )
        for position, part in enumerate(parts, start=1):
            part.series_position = position
        ids = [part.pk for part in parts]
        # A staff preview of an unpublished part is not in the list: it has no neighbours.
        position = ids.index(self.pk) if self.pk in ids else None
        has_next = position is not None and position + 1 < len(parts)
        return {
            "parts": parts,
            "previous": parts[position - 1] if position else None,
            "next": parts[position + 1] if has_next else None,
        }
