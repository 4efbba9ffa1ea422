"""The one e-mail a reader may get: the outcome of their letter.

The address is erased as soon as that message is sent. A send that fails leaves the
address in place, so `manage.py send_letter_notifications` (run every few minutes by
cron or a timer) tries again later; publishing never waits for, or fails with, e-mail.
Logs name letters by id, never by address.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string

from advice.models import Letter

logger = logging.getLogger(__name__)


def awaiting_outcome_email():
    """Letters whose reader left an address and whose outcome is now known."""
    return Letter.objects.exclude(email="").filter(
        Q(pk__in=Letter.objects.published().values("pk")) | Q(status=Letter.Status.DECLINED)
    )


def send_outcome_email(*, letter_id):
    """Tell the reader what became of their letter, then erase the address.

    Returns True when a message was sent. The row is locked while sending so that two
    senders (the publish hook and the retry command) can't both send it.
    """
    with transaction.atomic():
        letter = awaiting_outcome_email().select_for_update().filter(pk=letter_id).first()
        if letter is None:
            return False
        template = "answered" if letter.is_published else "declined"
        context = {
            "letter": letter,
            "letter_url": settings.SITE_URL + letter.get_absolute_url()
            if letter.is_published
            else None,
            "COLUMN_NAME": settings.COLUMN_NAME,
            "SITE_NAME": settings.SITE_NAME,
        }
        try:
            send_mail(
                subject=render_to_string(f"advice/email/{template}_subject.txt", context).strip(),
                message=render_to_string(f"advice/email/{template}.txt", context),
                from_email=None,
                recipient_list=[letter.email],
            )
        except Exception:  # SMTP, DNS, TLS: whatever failed, the retry command tries again
            logger.warning("Outcome e-mail for letter %s failed; will retry", letter.pk)
            return False
        letter.email = ""
        letter.save(update_fields=["email", "updated_at"])
    logger.info("Outcome e-mail for letter %s sent; address erased", letter_id)
    return True


def send_pending_outcome_emails():
    """Send every outcome e-mail still owed (scheduled letters now public, failed sends)."""
    ids = list(awaiting_outcome_email().values_list("pk", flat=True))
    return sum(send_outcome_email(letter_id=pk) for pk in ids)
