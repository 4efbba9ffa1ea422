"""A letter's writer asks for their published letter to be taken down, with their code.

The request holds the writer's optional reason, as typed, and the time: nothing else about
the sender (no address, no e-mail, no code: the letter's receipt hash is what ties them).
It waits on the editors' desk (pages.desk) until the letter is taken down
(postbag.takedowns.take_down) or an editor deletes it; withdrawing the letter deletes its
requests with it (the foreign key cascades).

This module names Letter only as "advice.Letter", so advice.models can import it at its end.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from postbag.locks import lock_for_transaction
from postbag.publishing import PUBLISHED
from postbag.validators import strip_control_characters, validate_multiline

REASON_MAX = 1000


class TakedownRequestQuerySet(models.QuerySet):
    def waiting(self):
        """Requests whose letter is still up: what the editors have to decide on."""
        return self.filter(letter__status=PUBLISHED, letter__taken_down_at=None)


class TakedownRequest(models.Model):
    """A writer's request to take their published letter down, with an optional reason."""

    letter = models.ForeignKey(
        "advice.Letter", on_delete=models.CASCADE, related_name="takedown_requests"
    )
    reason = models.TextField(
        "the writer's reason", blank=True, max_length=REASON_MAX, validators=[validate_multiline]
    )
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = TakedownRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "takedown request from a letter writer"
        verbose_name_plural = "takedown requests from letter writers"

    def __str__(self):
        return f"Takedown request of {timezone.localtime(self.received_at):%d %B %Y %H:%M}"


@transaction.atomic
def request_takedown(*, letter, reason=""):
    """Store the writer's request to take `letter` down; returns it. Only for a letter the
    column shows now (ValidationError otherwise). The same reason sent again for the same
    letter (a double click) is stored once: the earlier request is returned."""
    if not letter.is_published:
        raise ValidationError("Only a letter the column shows can be taken down.")
    # As a letter's edited copy: no control characters or bidi overrides from the reader.
    reason = strip_control_characters(reason or "").strip()
    lock_for_transaction(f"letter-takedown:{letter.pk}")
    earlier = TakedownRequest.objects.filter(letter=letter, reason=reason).first()
    if earlier is not None:
        return earlier
    request = TakedownRequest(letter=letter, reason=reason)
    request.full_clean()
    request.save()
    return request
