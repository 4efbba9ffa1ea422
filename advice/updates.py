"""The write paths for what happens after a letter's outcome: updates from its writer, and
the private note an editor leaves on a declined letter.

As advice.services: keyword-only arguments, `full_clean()`, a transaction each. The form,
the admin and any script go through these.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from advice.letter_updates import LetterUpdate
from advice.models import Letter
from postbag.locks import lock_for_transaction


@transaction.atomic
def submit_update(*, letter, text):
    """Store what a letter's writer sent afterwards, exactly as sent; returns the update.

    Only under a published letter (ValidationError otherwise: there is nothing to update
    before the column has answered). The same text sent again for the same letter (a
    double click, a resend after a slow answer) is stored once: the earlier update is
    returned, also when both sends arrive at once (a lock on the letter serialises them).
    """
    if not letter.is_published:
        raise ValidationError("Updates can be sent only for letters the column has published.")
    lock_for_transaction(f"letter-update:{letter.pk}")
    earlier = LetterUpdate.objects.filter(letter=letter, original_text=text).first()
    if earlier is not None:
        return earlier
    update = LetterUpdate(letter=letter, original_text=text)
    update.full_clean()
    update.save()
    return update


@transaction.atomic
def publish_update(*, update):
    """Show the update under its letter now (or keep the time it was first published),
    in its edited copy. Raises ValidationError when that copy is empty (LetterUpdate.clean)."""
    update.status = LetterUpdate.Status.PUBLISHED
    # Whole seconds, as the page shows it: two updates published in the same second are
    # then ordered by id alone (letter_updates.NEWEST_FIRST), the same on every page.
    update.published_at = update.published_at or timezone.now().replace(microsecond=0)
    update.full_clean()
    update.save()


@transaction.atomic
def decline_update(*, update):
    """The column won't show this update; it stays in the admin, never on the site."""
    update.status = LetterUpdate.Status.DECLINED
    update.full_clean()
    update.save()


def private_note_cutoff(now=None):
    """Notes written before this moment are past PRIVATE_NOTE_DAYS."""
    return (now or timezone.now()) - timedelta(days=settings.PRIVATE_NOTE_DAYS)


def private_note_for_writer(letter, *, now=None):
    """The private note the writer of `letter` may read on the status page, or "".

    Only for a letter that could not be answered (declined, or spam, which the writer is
    told the same way), and never once PRIVATE_NOTE_DAYS have passed, even before
    `purge_private_notes` has run.
    """
    written = letter.private_note_written_at
    if letter.reader_status != "not_answered" or written is None:
        return ""
    return letter.private_note if written > private_note_cutoff(now) else ""


def purge_private_notes(*, now=None):
    """Erase every private note written more than PRIVATE_NOTE_DAYS ago; returns how many.

    A plain UPDATE: a note is on no public page, so nothing cached changes, and no revision
    keeps it (postbag.revisions records the edited copy and the reply only).
    """
    expired = Letter.objects.filter(private_note_written_at__lte=private_note_cutoff(now))
    return expired.update(private_note="", private_note_written_at=None)
