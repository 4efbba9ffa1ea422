"""The one message an unconfirmed address gets: its confirmation link.

Sent after the response (postbag.after_response), like the readers' outcome e-mail: the
sign-up page answers at once and in the same time whether or not an e-mail is owed, so
neither the page nor its timing tells anyone whether an address is subscribed. Outside a
request it is sent at once. A send that fails clears `confirmation_sent_at`, so signing up
again sends it without waiting. Logs name subscribers by id, never by address.
"""

import logging

from newsletter.mail import confirmation_url, newsletter_message
from newsletter.models import Subscriber
from postbag.after_response import after_response

logger = logging.getLogger(__name__)


def send_confirmation_after_response(*, subscriber_id):
    """Send the confirmation once the current response is sent; at once outside a request
    (postbag.after_response).

    Call it from `transaction.on_commit`, so that nothing is sent for a sign-up that was
    rolled back.
    """
    after_response(_send_confirmations, subscriber_id)


def _send_confirmations(subscriber_ids):
    for subscriber_id in subscriber_ids:
        send_confirmation(subscriber_id=subscriber_id)


def send_confirmation(*, subscriber_id):
    """Send the confirmation e-mail to an unconfirmed subscriber; True if it was sent.

    Nothing is sent to an address that is confirmed or gone meanwhile. On failure the
    error is logged (by name only: an SMTP error can quote the address) and
    `confirmation_sent_at` is cleared, so a new sign-up tries again at once.
    """
    subscriber = Subscriber.objects.filter(pk=subscriber_id, confirmed_at__isnull=True).first()
    if subscriber is None:
        return False
    context = {"confirm_url": confirmation_url(subscriber)}
    try:
        newsletter_message(subscriber, "confirm", context).send()
    except Exception as error:  # SMTP, DNS, TLS, a timeout: the reader can sign up again
        logger.warning(
            "Confirmation e-mail for subscriber %s not sent (%s)",
            subscriber_id,
            type(error).__name__,
        )
        Subscriber.objects.filter(pk=subscriber_id).update(confirmation_sent_at=None)
        return False
    logger.info("Confirmation e-mail for subscriber %s sent", subscriber_id)
    return True
