"""After publication: content notes and classics, for letters and articles alike.

- A **content note** ("mentions self-harm") is shown before the piece, whose text then
  waits behind a `<details>` element (templates/includes/content_note.html); cards show the
  note instead of an excerpt and feeds put it before the content. A piece with no note of
  its own gets its themes' (advice.Theme.content_note: the first by name that has one), so
  an editor writes "Mentions suicide." once for a theme rather than on every piece. The
  crisis notice flag alone implies no note: "where to find help" suits loneliness as well
  as self-harm, and a fixed "discusses suicide" would mislabel the first.
- A **classic** is a published piece run again: `rerun_at` puts it back at the top of the
  lists and feeds as of that time (postbag.publishing.listed_at), a future time schedules
  it. Its address, its slug and its `published_at` stay: the page says "First published
  12 March 2019", structured data keeps datePublished and moves dateModified.

This module names no content model: `AfterPublication` is mixed into Letter and Article.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.html import format_html

from postbag.validators import validate_single_line

CONTENT_NOTE_LENGTH = 200
THEME_NOTE_HELP = (
    "A note for every piece in this theme that has none of its own, e.g. “Mentions suicide.” "
    "Themes that show the crisis notice often want one."
)


class AfterPublication(models.Model):
    """The content note and the re-run time of a Publishable piece (see the module)."""

    content_note = models.CharField(
        max_length=CONTENT_NOTE_LENGTH,
        blank=True,
        validators=[validate_single_line],
        help_text="Shown before the text, which readers then open themselves (e.g. "
        "“Mentions self-harm”). Empty: its themes’ note, if one of them has one.",
    )
    rerun_at = models.DateTimeField(
        "re-run as a classic at",
        null=True,
        blank=True,
        help_text="Puts a published piece back at the top of lists and feeds from this time "
        "on, with “First published …”; its address stays. Empty: not a classic.",
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.rerun_at and self.published_at and self.rerun_at <= self.published_at:
            raise ValidationError(
                {"rerun_at": "A re-run comes after the first publication: choose a later time."}
            )

    @property
    def shown_content_note(self):
        """The note readers see: the editor's, else the `content_note` of the first of the
        piece's themes (by name) that has one, else "". Reads the `theme_content_note`
        annotation where a query made one (related reading: `theme_note_subquery`), else
        `themes.all()`: prefetched, in name order, by lists (with_themes) and detail pages,
        so no query of its own there."""
        if self.content_note.strip():
            return self.content_note.strip()
        if hasattr(self, "theme_content_note"):
            return (self.theme_content_note or "").strip()
        if not self.pk:
            return ""
        return next(
            (t.content_note.strip() for t in self.themes.all() if t.content_note.strip()), ""
        )

    @property
    def is_rerun(self):
        """Whether it shows as a classic now: its re-run time, after its publication, has
        come. Reads only those two times (lists and search hits load no more); whether it is
        public at all is the query's business (`.published()`)."""
        rerun, published = self.rerun_at, self.published_at
        return bool(rerun and published and published < rerun <= timezone.now())

    @property
    def modified_at(self):
        """When it last changed for readers: its last save, or its re-run if later."""
        if self.is_rerun and (self.updated_at is None or self.rerun_at > self.updated_at):
            return self.rerun_at
        return self.updated_at


def theme_note_subquery(model):
    """For annotating `theme_content_note` on a queryset of `model` (Letter or Article):
    a Subquery giving the content note of the first of each piece's themes, by name, that
    has one (NULL when none has), read in the same query as the pieces."""
    name = model._meta.model_name
    links = model.themes.through.objects.filter(**{name: OuterRef("pk")})
    return Subquery(
        links.exclude(theme__content_note="")
        .order_by("theme__name")
        .values("theme__content_note")[:1]
    )


def rerun_as_classic(*, piece, at=None):
    """Re-run the published `piece` (a Letter or an Article) as a classic at `at` (an
    aware datetime; default now, a future time schedules it). Its address, slug and
    publication time don't change. Raises ValidationError when it isn't published yet or
    `at` isn't after its publication."""
    if not piece.is_published:
        raise ValidationError("Only a published piece can be re-run as a classic.")
    at = at or timezone.now()
    if at <= piece.published_at:
        raise ValidationError("A re-run comes after the first publication: choose a later time.")
    with transaction.atomic():
        piece.rerun_at = at
        piece.save(update_fields=["rerun_at", "updated_at"])
    return piece


def feed_preface(piece):
    """What a feed entry's HTML content starts with: the content note and, for a classic,
    "First published 12 March 2019" (safe HTML; "" when there is neither)."""
    parts = []
    if note := piece.shown_content_note:
        parts.append(format_html("<p><strong>Content note:</strong> {}</p>", note))
    if piece.is_rerun:
        day = timezone.localtime(piece.published_at)
        parts.append(format_html("<p><em>First published {}</em></p>", first_published(day)))
    return "".join(parts)


def first_published(moment):
    """ "12 March 2019" for an aware datetime, in local time (as the pages say it)."""
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y}"
