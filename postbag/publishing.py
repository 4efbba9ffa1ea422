"""The publication rule, stated once for letters and articles alike.

A thing is public when its status is *published* and its `published_at` is not in the
future. A future `published_at` is a scheduled post: it appears by itself at that time,
with no job to run.
"""

from django.db import models
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

PUBLISHED = "published"
RELATED_CANDIDATES = 300


class PublishableQuerySet(models.QuerySet):
    # The text fields site search's fallback looks in; each content model names its own.
    search_fields = []

    def published(self):
        """Only what readers may see now: published status, publication time reached."""
        return self.filter(status=PUBLISHED, published_at__lte=timezone.now())

    def viewable_by(self, user):
        """Everything for staff (who may preview drafts), only published for everyone else."""
        return self if user.is_staff else self.published()

    def containing_words(self, words):
        """Items whose `search_fields` contain every one of `words` (any case).

        Site search's fallback where the database has no full-text search (SQLite, in
        development); on PostgreSQL search matches the stored `search_vector` instead.
        """
        condition = models.Q()
        for word in words:
            any_field = models.Q()
            for field in self.search_fields:
                any_field |= models.Q(**{f"{field}__icontains": word})
            condition &= any_field
        return self.filter(condition)

    def related_to(self, themes, *, exclude=None):
        """Published items sharing the most of `themes`, counted as `shared_themes`.

        Only the newest RELATED_CANDIDATES items with any of the themes are weighed, so the
        cost stays the same however large the archive grows.
        """
        candidates = self.published().filter(themes__in=themes)
        if exclude is not None:
            candidates = candidates.exclude(pk=exclude.pk)
        newest = candidates.order_by("-published_at").values("pk")[:RELATED_CANDIDATES]
        return (
            self.filter(pk__in=newest, themes__in=themes)
            .annotate(shared_themes=models.Count("themes"))
            .order_by("-shared_themes", "-published_at")
        )


class Publishable(models.Model):
    """Adds the publication time; subclasses declare `status` with their own workflow."""

    published_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        help_text="A time in the future schedules the post: it appears by itself then.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        super().save(*args, **kwargs)

    def fill_derived_fields(self):
        """Fill what follows from other fields; run before validation and before saving.

        Publishing without a time means "now" (the database refuses a published row
        without one). Subclasses add their own (slugs from titles, for example).
        """
        if self.status == PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def clean(self):
        super().clean()
        self.fill_derived_fields()

    @property
    def is_published(self):
        return (
            self.status == PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )


def render_detail(request, template_name, item, context=None):
    """Render a letter or article page; an unpublished one is a staff preview.

    Only staff reach an unpublished item (`viewable_by`). Their preview says so on the
    page, asks search engines to keep out and is never cached, so it can't leak from a
    cache to readers.
    """
    is_preview = not item.is_published
    response = render(request, template_name, {**(context or {}), "is_preview": is_preview})
    if is_preview:
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
