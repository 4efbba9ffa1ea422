"""The publication rule, stated once for letters and articles alike.

A thing is public when its status is *published* and its `published_at` is not in the
future. A future `published_at` is a scheduled post: it appears by itself at that time,
with no job to run.

Lists are ordered by one rule too, `listed_at`: a piece re-run as a classic
(postbag.after_publication) counts as of its re-run time once that has come, any other as
of its publication time. Home, the archives, theme pages and the feeds order by it.
"""

from django.apps import apps
from django.db import models
from django.db.models import Case, DateTimeField, F, Min, Prefetch, Q, When
from django.utils import timezone

PUBLISHED = "published"


def has_field(model, name):
    return any(field.name == name for field in model._meta.get_fields())


def listed_at(model):
    """The expression a list orders `model`'s rows by, newest first: the re-run time
    (`rerun_at`) once it has come, else the publication time. For a model without
    re-runs, the publication time."""
    if not any(field.name == "rerun_at" for field in model._meta.get_fields()):
        return F("published_at")
    return Case(
        When(rerun_at__lte=timezone.now(), then=F("rerun_at")),
        default=F("published_at"),
        output_field=DateTimeField(),
    )


# Columns no list card shows (templates/includes/card.html): the letter as sent and its
# sign-off, what only editors see, the search index. Lists defer those a model has.
NOT_ON_CARDS = (
    "original_text",
    "original_sign_off",
    "email",
    "private_note",
    "receipt_hash",
    "text_hash",
    "search_vector",
)


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Only what readers may see now: published status, publication time reached, and
        not taken down (postbag.takedowns) where the model can be."""
        return self.standing().filter(published_at__lte=timezone.now())

    def scheduled(self):
        """Published, with a publication time still to come: they appear by themselves."""
        return self.standing().filter(published_at__gt=timezone.now())

    def standing(self):
        """Published status and not taken down: the part of the rule that isn't time."""
        if not has_field(self.model, "taken_down_at"):
            return self.filter(status=PUBLISHED)
        return self.filter(status=PUBLISHED, taken_down_at=None)

    def next_appearance(self):
        """When the next scheduled piece goes public or the next classic re-runs (an aware
        datetime), or None: the time the lists change by themselves (postbag.versioning)."""
        times = [moment for (moment,) in self.appearance_times()]
        return min((moment for moment in times if moment is not None), default=None)

    def appearance_times(self):
        """A one-column queryset of next_appearance's candidates (each may be None): a
        union of every kind's is one query, which each page with an empty cache runs."""
        now = timezone.now()
        group = self.standing().order_by().values("status")  # one status: one row at most
        soonest = [Min("published_at", filter=Q(published_at__gt=now))]
        if has_field(self.model, "rerun_at"):
            soonest.append(Min("rerun_at", filter=Q(published_at__lte=now, rerun_at__gt=now)))
        first, *others = (group.annotate(t=time).values_list("t") for time in soonest)
        return first.union(*others, all=True)

    def for_cards(self, *more):
        """Without the columns no card shows: NOT_ON_CARDS, and `more` of the model's own
        (an article card shows the standfirst, not the body). Read one anyway and Django
        loads it with a query per row, so a template that needs it shows in the tests'
        query budgets."""
        return self.defer(*(name for name in NOT_ON_CARDS if has_field(self.model, name)), *more)

    def newest_first(self):
        """Ordered as lists show pieces: by `listed_at` (annotated), newest first, then by
        id. Costs a sort over the published rows rather than a walk of the listing index:
        a re-run's place can't be indexed, because it changes when its time comes."""
        return self.annotate(listed_at=listed_at(self.model)).order_by("-listed_at", "-pk")

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
            and getattr(self, "taken_down_at", None) is None
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
