"""Newsletter subscribers: an address, the themes it follows, and how far it has been sent.

An address is stored from the moment someone asks to subscribe, because the confirmation
link must find it; until confirmed it gets nothing but that one message, and it is
deleted within the hour after its 48 hours if it is never confirmed (`purge_unconfirmed`,
run by every sign-up and by the `purge_unconfirmed` command every few minutes).
Unsubscribing deletes the row for real. No client address, name or cookie is kept.
"""

import secrets
from datetime import timedelta

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

# How long a confirmation link works, and how long an unconfirmed address is kept.
CONFIRMATION_HOURS = 48


def new_key():
    """A random name for a subscriber in signed links: 128 bits, URL-safe (22 characters)."""
    return secrets.token_urlsafe(16)


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        """Subscribers who followed their confirmation link: the only ones sent issues."""
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_expired(self, now=None):
        """Unconfirmed addresses older than CONFIRMATION_HOURS: to be deleted."""
        cutoff = (now or timezone.now()) - timedelta(hours=CONFIRMATION_HOURS)
        return self.filter(confirmed_at__isnull=True, created_at__lt=cutoff)


class Subscriber(models.Model):
    """One newsletter address (double opt-in), optionally limited to some themes."""

    email = models.EmailField("e-mail address", max_length=254)
    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    themes = models.ManyToManyField(
        "advice.Theme",
        blank=True,
        related_name="+",
        help_text="The themes followed; none means everything.",
    )
    # Chosen at sign-up. With none left (every one deleted), the subscriber gets everything
    # and their next issue says so, once (newsletter.digest); then this is cleared.
    chose_themes = models.BooleanField("chose themes", default=False, editable=False)
    created_at = models.DateTimeField("last asked to subscribe", default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    sent_through = models.DateTimeField(
        "sent up to",
        null=True,
        blank=True,
        help_text="Pieces published up to this time have been sent (or predate the "
        "subscription); the next issue starts after it.",
    )
    # Runs in a row on which the address's mail server refused it for good (5xx to RCPT TO);
    # at REFUSALS_BEFORE_REMOVAL the address is deleted (newsletter.sending).
    refusals = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One row per address, whatever its capitals: a second sign-up finds the first.
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_unique"),
        ]
        indexes = [models.Index(fields=["confirmed_at", "created_at"])]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None
