"""The newsletter's e-mail as messages: every one carries a one-click unsubscribe.

RFC 2369 `List-Unsubscribe` names the unsubscribe address, and RFC 8058's
`List-Unsubscribe-Post: List-Unsubscribe=One-Click` tells the mail client that a POST to it
(body `List-Unsubscribe=One-Click`, no cookie, no token) unsubscribes with no further step;
the views answer exactly that. The same link is in the text for people.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from newsletter.services import confirmation_token, unsubscribe_token
from postbag.links import absolute_url


def unsubscribe_url(subscriber):
    """The absolute one-click unsubscribe address of `subscriber` (postbag.links)."""
    return absolute_url(reverse("newsletter:unsubscribe", args=[unsubscribe_token(subscriber)]))


def confirmation_url(subscriber):
    """The absolute confirmation address of `subscriber`, good for CONFIRMATION_HOURS."""
    return absolute_url(reverse("newsletter:confirm", args=[confirmation_token(subscriber)]))


def newsletter_message(subscriber, template, context, *, connection=None, html=False):
    """An e-mail to `subscriber` from `newsletter/email/<template>{_subject,}.txt` (and
    `.html` as an alternative part when `html`), with the unsubscribe headers.

    `context` gets the column's names and `unsubscribe_url` added. Returns an unsent
    EmailMultiAlternatives on `connection` (None: Django's default back end).
    """
    context = {
        "COLUMN_NAME": settings.COLUMN_NAME,
        "SITE_NAME": settings.SITE_NAME,
        "site_url": absolute_url("/"),
        "unsubscribe_url": unsubscribe_url(subscriber),
        **context,
    }
    subject = render_to_string(f"newsletter/email/{template}_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"newsletter/email/{template}.txt", context),
        to=[subscriber.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    if html:
        message.attach_alternative(
            render_to_string(f"newsletter/email/{template}.html", context), "text/html"
        )
    return message
