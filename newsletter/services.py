"""The newsletter's write paths and its signed links: every change to a subscriber is here.

Links carry a subscriber's random key signed with the secret key (django.core.signing), so
a link can't be made up or altered. A confirmation link expires after CONFIRMATION_HOURS;
an unsubscribe link never does (a year-old issue must still let its reader leave).
Changing DJANGO_SECRET_KEY makes old links fail unless the old key is kept in
SECRET_KEY_FALLBACKS, which Django's signing accepts.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.utils import timezone

from newsletter.addresses import normalize_email
from newsletter.models import CONFIRMATION_HOURS, Subscriber
from postbag.locks import lock_for_transaction

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"
# A second sign-up of an unconfirmed address sends the confirmation again, at most this
# often: nobody can use the form to fill someone's inbox.
RESEND_AFTER = timedelta(hours=1)


class LinkExpired(Exception):
    """A confirmation link that was genuine but is older than CONFIRMATION_HOURS."""


class LinkInvalid(Exception):
    """A link that was never made here (altered, cut short or made up)."""


def confirmation_token(subscriber):
    """The signed, timestamped token of `subscriber`'s confirmation link (URL-safe)."""
    return signing.dumps(subscriber.key, salt=CONFIRM_SALT)


def unsubscribe_token(subscriber):
    """The signed token of `subscriber`'s unsubscribe link (URL-safe; never expires)."""
    return signing.dumps(subscriber.key, salt=UNSUBSCRIBE_SALT)


def key_from_confirmation(token):
    """The subscriber key in a confirmation token; LinkExpired or LinkInvalid otherwise."""
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRMATION_HOURS * 3600)
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None


def key_from_unsubscribe(token):
    """The subscriber key in an unsubscribe token; LinkInvalid if it wasn't made here."""
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise LinkInvalid from None


@dataclass
class Subscription:
    """What a sign-up did: the subscriber, and whether a confirmation is to be sent now."""

    subscriber: Subscriber
    send_confirmation: bool


def subscribe(*, email, themes=()):
    """Record a sign-up for `email` (a validated address) following `themes` (none: all).

    A new address is stored unconfirmed and owed a confirmation. An unconfirmed address
    signing up again gets the new themes and, if the last confirmation went out more than
    RESEND_AFTER ago, another one (and its 48 hours start again, so the new link works).
    A confirmed address is left exactly as it is: nobody can change someone else's
    subscription by typing their address. The caller answers all three the same way, so
    the form tells no one who is subscribed. Two sign-ups of one address at once (a double
    click) make one row: the address's lock serialises them. The address is stored in its
    one spelling (newsletter.addresses.normalize_email: "bücher" and "xn--bcher-kva" are one
    domain). Every sign-up first deletes the addresses whose 48 hours are over (one indexed
    DELETE), so the promise holds even between runs of `purge_unconfirmed`.
    """
    email = normalize_email(email)
    themes = list(themes)
    now = timezone.now()
    purge_unconfirmed(now=now)
    with transaction.atomic():
        lock_for_transaction(f"newsletter.subscribe:{email.lower()}")
        subscriber = Subscriber.objects.filter(email__iexact=email).first()
        if subscriber is None:
            subscriber = Subscriber.objects.create(email=email, created_at=now)
        elif subscriber.is_confirmed:
            return Subscription(subscriber, send_confirmation=False)
        subscriber.themes.set(themes)
        subscriber.chose_themes = bool(themes)
        last = subscriber.confirmation_sent_at
        if last is not None and now - last < RESEND_AFTER:
            subscriber.save(update_fields=["chose_themes"])
            return Subscription(subscriber, send_confirmation=False)
        subscriber.confirmation_sent_at = subscriber.created_at = now
        subscriber.save(update_fields=["confirmation_sent_at", "created_at", "chose_themes"])
    return Subscription(subscriber, send_confirmation=True)


def confirm_subscriber(*, key):
    """Confirm the subscriber with `key`; returns it, or None if it is no longer there.

    Confirming twice changes nothing. Issues start with what is published after now: a new
    subscriber isn't sent the whole archive.
    """
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(key=key).first()
        if subscriber is None or subscriber.is_confirmed:
            return subscriber
        subscriber.confirmed_at = subscriber.sent_through = timezone.now()
        subscriber.save(update_fields=["confirmed_at", "sent_through"])
    return subscriber


def unsubscribe(*, key):
    """Delete the subscriber with `key` and its themes, for real; True if there was one."""
    deleted, _ = Subscriber.objects.filter(key=key).delete()
    return deleted > 0


def purge_unconfirmed(*, now=None):
    """Delete every address left unconfirmed for CONFIRMATION_HOURS; returns how many.

    Run by every sign-up, by the `purge_unconfirmed` command (every few minutes, with
    `send_letter_notifications`) and by `send_newsletter`. Uses the (confirmed_at,
    created_at) index: when nothing is due it is one indexed query.
    """
    _, deleted = Subscriber.objects.unconfirmed_expired(now).delete()
    return deleted.get(Subscriber._meta.label, 0)
