"""The one e-mail a reader may get: the outcome of their letter.

The address is erased as soon as that message is sent. A send that fails leaves the
address in place, so `manage.py send_letter_notifications` (run every few minutes by
cron or a timer) tries again later. Publishing never waits for, or fails with, e-mail:
inside a request the message goes out after the response has been sent. Logs name
letters by id, never by address.
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from advice.models import Letter
from postbag.after_response import after_response
from postbag.links import absolute_url

logger = logging.getLogger(__name__)


def awaiting_outcome_email():
    """Letters whose reader left an address and whose outcome is now known."""
    return Letter.objects.exclude(email="").filter(
        Q(pk__in=Letter.objects.published().values("pk")) | Q(status=Letter.Status.DECLINED)
    )


def send_outcome_email_after_response(*, letter_id):
    """Tell the reader once the current response is sent; at once outside a request
    (postbag.after_response). The `on_commit` hook of publishing and declining."""
    after_response(_send_outcome_emails_for, letter_id)


def _send_outcome_emails_for(letter_ids):
    try:
        send_outcome_emails(letter_ids=letter_ids)
    except Exception as error:  # the response is already sent: nobody to tell but the log
        logger.warning(
            "Outcome e-mails for letters %s not sent (%s); will retry",
            letter_ids,
            type(error).__name__,
        )


def send_outcome_emails(*, letter_ids):
    """Send the outcome e-mails still owed for these letters; returns how many were sent."""
    return _send(awaiting_outcome_email().filter(pk__in=letter_ids))


def send_pending_outcome_emails():
    """Send every outcome e-mail still owed (scheduled letters now public, failed sends)."""
    return _send(awaiting_outcome_email())


def _send(owed):
    """Send each owed letter's e-mail over one SMTP connection; returns how many were sent.

    The connection is opened (and greeted) before any row is locked, so a mail server that
    doesn't answer costs at most EMAIL_TIMEOUT and holds no lock. If the server can't be
    reached, or drops the connection, the remaining letters wait for the next run; one
    message refused (an address the server rejects) doesn't hold back the others.
    """
    letter_ids = list(owed.order_by("pk").values_list("pk", flat=True))
    if not letter_ids:
        return 0
    connection = get_connection()
    sent = 0
    try:
        connection.open()
        while letter_ids:
            try:
                sent += _send_one(letter_ids[0], connection)
            except Exception as error:
                if _server_lost(error):
                    raise
                # Error names only: an SMTP error's text can quote the address.
                logger.warning(
                    "Outcome e-mail for letter %s not sent (%s); will retry",
                    letter_ids[0],
                    type(error).__name__,
                )
            letter_ids.pop(0)
    except Exception as error:  # SMTP, DNS, TLS, a timeout: the retry command tries again
        logger.warning(
            "Mail server unavailable (%s); outcome e-mails for letters %s will be retried",
            type(error).__name__,
            letter_ids,
        )
    finally:
        try:
            connection.close()
        except Exception:  # a connection that failed may fail to close too
            pass
    return sent


def _send_one(letter_id, connection):
    """Send one letter's e-mail and erase the address, or return False if it's not owed.

    The row is locked while sending so that two senders (the after-response hook and the
    retry command) can't both send it; the other one skips it rather than wait.
    """
    with transaction.atomic():
        letter = (
            awaiting_outcome_email().select_for_update(skip_locked=True).filter(pk=letter_id)
        ).first()
        if letter is None:  # sent meanwhile, withdrawn, or being sent right now
            return False
        _outcome_message(letter, connection).send()
        letter.email = ""
        letter.outcome_emailed_at = timezone.now()
        letter.save(update_fields=["email", "outcome_emailed_at", "updated_at"])
    logger.info("Outcome e-mail for letter %s sent; address erased", letter_id)
    return True


def _outcome_message(letter, connection):
    template = "answered" if letter.is_published else "declined"
    context = {
        "letter": letter,
        "letter_url": absolute_url(letter.get_absolute_url()) if letter.is_published else None,
        "COLUMN_NAME": settings.COLUMN_NAME,
        "SITE_NAME": settings.SITE_NAME,
    }
    return EmailMessage(
        subject=render_to_string(f"advice/email/{template}_subject.txt", context).strip(),
        body=render_to_string(f"advice/email/{template}.txt", context),
        to=[letter.email],
        connection=connection,
    )


def _server_lost(error):
    """Whether `error` means the mail server is gone, not that it refused one message.

    smtplib reports a timeout or a dropped connection as SMTPServerDisconnected, and a
    failed connect as a plain OSError; a refused message is another SMTPException.
    """
    return isinstance(error, smtplib.SMTPServerDisconnected) or (
        isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)
    )
