"""The publication rule, stated once for letters and articles alike.

A thing is public when its status is *published* and its `published_at` is not in the
future. A future `published_at` is a scheduled post: it appears by itself at that time,
with no job to run.
"""

from django.apps import apps
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone

PUBLISHED = "published"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Only what readers may see now: published status, publication time reached."""
        return self.filter(status=PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Published, with a publication time still to come: they appear by themselves."""
        return self.filter(status=PUBLISHED, published_at__gt=timezone.now())

    def with_themes(self):
        """Prefetch `themes` (in their own order: by name) with each theme's section
        (`parent`) joined in: one query for any number of items, which cards' theme tags
        and pages' breadcrumbs read without another."""
        theme = self.model._meta.get_field("themes").related_model
        return self.prefetch_related(
            Prefetch("themes", queryset=theme._default_manager.select_related("parent"))
        )

    def viewable_by(self, user):
        """Everything for staff (who may preview drafts), only published for everyone else."""
        return self if user.is_staff else self.published()


class Publishable(models.Model):
    """Adds the publication time; subclasses declare `status` with their own workflow, and
    `kind` ("letter", "article"): the word for them in URLs, caches and templates."""

    kind = None

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


def publishable_models():
    """Every concrete Publishable model of the installed apps (letters, articles, …).

    For what must cover every kind of content without naming one: the content version's
    next scheduled time, theme suggestions.
    """
    return [model for model in apps.get_models() if issubclass(model, Publishable)]
