"""Closing the postbag: whether the ask form takes letters, and what it says meanwhile.

One row (id 1, a constraint says so), changed by editors in the admin with one switch.
Until it is first saved the postbag is open (`PostbagStatus.current()` gives an unsaved,
open row). While closed, /ask/ shows the notice instead of the form and sends no letter;
the status page and withdrawal work as ever (advice.views).
"""

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from markdownx.models import MarkdownxField

from postbag.validators import validate_multiline

DEFAULT_NOTICE = (
    "We're reading the letters we already have, so the postbag is closed for a little "
    "while. Thank you for thinking of writing: please come back soon."
)


class PostbagStatus(models.Model):
    """Open or closed, since when, the notice readers see, and when it opens again."""

    is_closed = models.BooleanField(
        "postbag closed",
        default=False,
        help_text="Tick to close the ask form (readers see the notice below instead); "
        "untick to open it again.",
    )
    notice = MarkdownxField(
        blank=True,
        validators=[validate_multiline],
        help_text="What readers see instead of the form, in Markdown or plain text, e.g. "
        "“We're reading the letters we have; the postbag opens again on 3 February.” "
        "Left empty, a short default says the postbag is closed for a little while.",
    )
    reopens_on = models.DateField(
        "opens again on",
        null=True,
        blank=True,
        help_text="Optional: shown to readers in words (“The postbag opens again on "
        "Monday 3 February”). It doesn't reopen by itself: untick the switch that day.",
    )
    closed_at = models.DateTimeField("closed since", null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "Postbag: open or closed"
        constraints = [models.CheckConstraint(condition=Q(id=1), name="one_postbag_status")]

    def __str__(self):
        return "The postbag is closed" if self.is_closed else "The postbag is open"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @property
    def notice_or_default(self):
        """The editors' notice (Markdown), or DEFAULT_NOTICE when they left it empty."""
        return self.notice.strip() or DEFAULT_NOTICE

    @classmethod
    def current(cls):
        """The saved row, or an unsaved open one: one query."""
        return cls.objects.filter(pk=1).first() or cls()


def switch_postbag(*, closed, notice=None, reopens_on=None, now=None):
    """Open or close the postbag; the one write path of the admin and the tests.

    `notice` (Markdown) and `reopens_on` (a date or None) replace the stored ones unless
    `notice` is None. `closed_at` is set when the postbag closes and kept while it stays
    closed (the desk says "closed since …"); opening clears it. Returns the saved row.
    Raises ValidationError for a notice with control characters.
    """
    with transaction.atomic():
        status = PostbagStatus.objects.select_for_update().filter(pk=1).first()
        status = status or PostbagStatus()
        if notice is not None:
            status.notice, status.reopens_on = notice, reopens_on
        if closed and not status.is_closed:
            status.closed_at = now or timezone.now()
        elif not closed:
            status.closed_at = None
        status.is_closed = closed
        status.full_clean()
        status.save()
    return status
