"""Corrections and takedowns of published pieces, letters and articles alike.

- A **correction** (text and date; several per piece) is shown with its date at the end of
  the piece (templates/includes/corrections.html), in its structured data as schema.org
  `correction` (CorrectionComment), and moves the feed entry's `updated`: adding one saves
  the piece, whose `updated_at` is what `modified_at` (postbag.after_publication) reads.
- A **takedown** takes a published piece off the site at once: `taken_down_at` is part of
  the one publication rule (postbag.publishing), so the piece leaves every list, theme page,
  search, sitemap, feed, newsletter archive, podcast feed and related reading with no other
  change, and saving it bumps the content version, which makes every cached page stale.
  Its address answers 410 Gone with the editor's note to readers (`gone_or_404`); an old
  address of it still redirects there. `restore` undoes it.
- The **log** (PublicationLogEntry) says who did what, when and why; the admin shows it
  read-only. Entries and corrections go with their piece when it is deleted (a withdrawn
  letter keeps no trace of its words: their GenericRelations delete them with it).

This module names no content model: `Correctable` is mixed into Letter and Article, and
the write functions take any such piece.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property

from postbag.publishing import PUBLISHED
from postbag.validators import validate_multiline, validate_single_line

NOTE_LENGTH = 300
CORRECTION_LENGTH = 1000
REASON_LENGTH = 1000


class Correction(models.Model):
    """A correction to a published piece, shown with its date at the end of the piece."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    piece = GenericForeignKey("content_type", "object_id")
    text = models.TextField(
        max_length=CORRECTION_LENGTH,
        validators=[validate_multiline],
        help_text="What was wrong and what is right, in a sentence or two (plain text), e.g. "
        "“An earlier version of this reply gave the wrong helpline number.”",
    )
    corrected_on = models.DateField("date", default=timezone.localdate)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["corrected_on", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"Correction of {self.corrected_on:%d %B %Y}"


class PublicationLogEntry(models.Model):
    """One editor's act on a published piece: who, what, when and why (read-only)."""

    class Action(models.TextChoices):
        CORRECTED = "corrected", "Correction added"
        TAKEN_DOWN = "taken_down", "Taken down"
        RESTORED = "restored", "Restored"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    piece = GenericForeignKey("content_type", "object_id")
    action = models.CharField(max_length=20, choices=Action.choices)
    reason = models.TextField("why", blank=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("when", default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = "correction and takedown log entry"
        verbose_name_plural = "correction and takedown log"

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%d %B %Y %H:%M})"


class Correctable(models.Model):
    """A piece's takedown state, its corrections and its log (see the module)."""

    taken_down_at = models.DateTimeField("taken down", null=True, blank=True, editable=False)
    takedown_note = models.CharField(
        "note to readers",
        max_length=NOTE_LENGTH,
        blank=True,
        editable=False,
        validators=[validate_single_line],
        help_text="Shown at the piece's address once it is taken down.",
    )
    corrections = GenericRelation(Correction)
    publication_log = GenericRelation(PublicationLogEntry)

    class Meta:
        abstract = True

    @property
    def is_taken_down(self):
        return self.taken_down_at is not None

    @cached_property
    def shown_corrections(self):
        """The piece's corrections, oldest first: one query per page however often the
        page (its end, its structured data) reads them; none where `with_corrections_flag`
        found that there are none (most pieces)."""
        if getattr(self, "has_corrections", True) is False:
            return []
        return list(self.corrections.all())


def with_corrections_flag(queryset):
    """`queryset` with `has_corrections` (a boolean) on each piece, in the same query: a
    detail page then asks for corrections only when there are some."""
    meta = queryset.model._meta
    rows = Correction.objects.filter(
        object_id=OuterRef("pk"),
        content_type__app_label=meta.app_label,
        content_type__model=meta.model_name,
    )
    return queryset.annotate(has_corrections=Exists(rows))


def _log(piece, action, reason, by):
    PublicationLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(piece),
        object_id=piece.pk,
        action=action,
        reason=(reason or "").strip(),
        editor=by if by is not None and by.is_authenticated else None,
    )


def add_correction(*, piece, text, on=None, by=None):
    """Add a correction dated `on` (a date; default today) to the published `piece`, log
    it as `by`'s (a user or None) and move the piece's `updated_at` (feeds, dateModified).
    Returns the Correction; raises ValidationError for an unpublished piece or bad text."""
    if not piece.is_published:
        raise ValidationError("Only a published piece can be corrected.")
    correction = Correction(piece=piece, text=(text or "").strip())
    if on is not None:
        correction.corrected_on = on
    correction.full_clean()
    with transaction.atomic():
        correction.save()
        piece.save(update_fields=["updated_at"])
        _log(piece, PublicationLogEntry.Action.CORRECTED, correction.text, by)
    return correction


def take_down(*, piece, note, reason="", by=None):
    """Take the published `piece` off the site now, with `note` (one line, shown to readers
    at its address) and the editors' own `reason` (logged, never shown). Raises
    ValidationError when it isn't published (or is down already) or the note is empty."""
    note = " ".join((note or "").split())
    if not piece.is_published:
        raise ValidationError("Only a published piece can be taken down.")
    if not note:
        raise ValidationError("Please write a short note to readers saying why it was removed.")
    if len(note) > NOTE_LENGTH:
        raise ValidationError(f"Please keep the note to readers under {NOTE_LENGTH} characters.")
    with transaction.atomic():
        piece.taken_down_at, piece.takedown_note = timezone.now(), note
        piece.save(update_fields=["taken_down_at", "takedown_note", "updated_at"])
        _log(piece, PublicationLogEntry.Action.TAKEN_DOWN, reason or note, by)
    return piece


def restore(*, piece, reason="", by=None):
    """Undo the takedown of `piece`: it is public again as before (same address, same
    publication time). Raises ValidationError when it isn't taken down."""
    if piece.taken_down_at is None:
        raise ValidationError("This piece is not taken down.")
    with transaction.atomic():
        piece.taken_down_at, piece.takedown_note = None, ""
        piece.save(update_fields=["taken_down_at", "takedown_note", "updated_at"])
        _log(piece, PublicationLogEntry.Action.RESTORED, reason, by)
    return piece


def gone_or_404(request, model, **lookup):
    """The 410 Gone page of the taken-down `model` piece matching `lookup`, with its note
    to readers; Http404 when there is none. For a detail view whose piece wasn't found
    among those it may show; a query only on that path."""
    piece = (
        model.objects.filter(status=PUBLISHED, taken_down_at__isnull=False, **lookup)
        .only("title", "takedown_note", "taken_down_at")
        .first()
    )
    if piece is None:
        raise Http404(f"No {model._meta.verbose_name} at this address.")
    return render(request, "gone.html", {"piece": piece, "kind": model.kind}, status=410)
