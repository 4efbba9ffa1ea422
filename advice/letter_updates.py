"""Updates from a letter's writer: "what happened next", sent with the letter's receipt code.

An update is held for the editors like a new letter: the text as received is kept, never
shown, and the editors publish an edited copy (`body`, Markdown) under the original
letter. Nothing else about the sender is stored: no address, no e-mail, no code (the
letter's receipt hash is what ties the two). Withdrawing the letter deletes its updates
(the foreign key cascades).

This module names Letter only as "advice.Letter", so advice.models can import it at its
end (for `published_updates()`) without a cycle.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from markdownx.models import MarkdownxField

from postbag.publishing import PUBLISHED, PublishableQuerySet
from postbag.validators import strip_control_characters, validate_multiline

# The one order of published updates, wherever they show (a letter's page and its "Updated"
# link, its structured data, /letters/updates/, the feeds): newest first; two published in the
# same second (publish_update keeps whole seconds) by id, the later first.
NEWEST_FIRST = ("-published_at", "-pk")


class LetterUpdateQuerySet(PublishableQuerySet):
    def published(self):
        """The one publication rule (PublishableQuerySet.published), for the update and
        for its letter too: an update is never public under a letter that isn't."""
        return (
            super()
            .published()
            .filter(letter__status=PUBLISHED, letter__published_at__lte=timezone.now())
            .filter(letter__taken_down_at=None)
        )

    def for_listing(self):
        """Published updates as lists and feeds show them, newest first, each with its
        letter (for the title and address) and the letter's themes: two queries in all."""
        return (
            self.published()
            .select_related("letter")
            .prefetch_related("letter__themes")
            .defer("letter__search_vector", "letter__original_text")
            .order_by(*NEWEST_FIRST)
        )

    def waiting(self):
        """Updates the editors haven't published or declined yet."""
        return self.filter(status=LetterUpdate.Status.NEW)


class LetterUpdate(models.Model):
    """What a letter's writer sent afterwards, as received, and the copy the column shows."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        PUBLISHED = PUBLISHED, "Published"
        DECLINED = "declined", "Declined"

    letter = models.ForeignKey("advice.Letter", on_delete=models.CASCADE, related_name="updates")
    # As received: never shown publicly, never edited.
    original_text = models.TextField("update as received")
    body = MarkdownxField(
        "update for publication",
        blank=True,
        validators=[validate_multiline],
        help_text="The edited copy readers see, in Markdown: remove anything that identifies.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    kind = "update"  # the word for it in feed entry ids (postbag.feeds.entry_id)
    objects = LetterUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "update from a letter writer"
        verbose_name_plural = "updates from letter writers"
        indexes = [models.Index(fields=["status", "-published_at"], name="update_listing")]

    def __str__(self):
        return f"Update to {self.letter}"

    def save(self, *args, **kwargs):
        # The edited copy starts as the update as received, for the editor to trim.
        if not self.body:
            self.body = strip_control_characters(self.original_text)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The update on its letter's page, at its own anchor."""
        return f"{self.letter.get_absolute_url()}#{self.anchor}"

    def clean(self):
        super().clean()
        if self.status == self.Status.PUBLISHED and not self.body.strip():
            raise ValidationError(
                {"body": "Write the update for publication before publishing it."}
            )

    @property
    def anchor(self):
        """The update's id on its letter's page: "update-12"."""
        return f"update-{self.pk}"

    @property
    def title(self):
        """How lists and feeds name it: “Update: <the letter's title>”."""
        return f"Update: {self.letter.title}"

    # What feeds and cards ask of every entry (postbag.after_publication): an update is
    # never a re-run, changes when it is saved, and carries its letter's content note.
    is_rerun = False

    @property
    def modified_at(self):
        return self.updated_at

    @property
    def shown_content_note(self):
        return self.letter.shown_content_note

    @property
    def themes(self):
        """The letter's themes (feeds file an update under them)."""
        return self.letter.themes


def published_updates():
    """A prefetch of a letter's published updates, newest first, as `published_updates`
    (a list): what its page, its structured data and its feed entry show (one query)."""
    return Prefetch(
        "updates",
        queryset=LetterUpdate.objects.published().order_by(*NEWEST_FIRST),
        to_attr="published_updates",
    )


def last_update_at(letter):
    """When the newest published update of `letter` appeared, or None: read from the
    `published_updates()` prefetch, never a query (None when it wasn't prefetched)."""
    updates = getattr(letter, "published_updates", None) or []
    return max((update.published_at for update in updates), default=None)
