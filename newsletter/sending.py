"""Sending the newsletter: one issue per confirmed subscriber, never the same one twice.

Each subscriber is marked before their issue is sent: `sent_through` moves to the run's
cutoff in a committed compare-and-set (an UPDATE that matches only while it still holds
the value the issue was made from), then the message goes out. So:

- A run that stops (a crash, a restart, the mail server gone) leaves everyone not yet
  marked as they were, and the next run sends them what they are owed: it resumes.
- Two runs at once can't both send to one person: the database lets one UPDATE match
  (PostgreSQL re-checks the row after the other's commit; SQLite runs one writer at a
  time), and the other run skips that subscriber.
- A send that fails with an error we see (refused, timed out, connection lost) puts the
  mark back, so that subscriber gets the issue next time.
- At-most-once, not at-least-once: if the process dies in the instant between the mark
  and the mail server's answer, that one subscriber misses that issue (their next issue
  starts after it). Sending someone the same issue twice is the promise we don't break.

Logs and output name subscribers by id; the dry run shows addresses shortened.
"""

import logging
import smtplib
from dataclasses import dataclass

from django.core.mail import get_connection
from django.utils import timezone

from newsletter.digest import IssueMaker, issue_message
from newsletter.models import Subscriber
from newsletter.services import purge_unconfirmed

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 100


@dataclass
class Report:
    """What a run did (or, dry, would do)."""

    subscribers: int = 0
    sent: int = 0
    nothing_new: int = 0
    skipped: int = 0  # marked by another run meanwhile, or gone
    failed: int = 0
    purged: int = 0
    stopped: bool = False  # the mail server went away; the rest wait for the next run


def owed(cutoff):
    """Confirmed subscribers who may be owed something at `cutoff`, in id order."""
    return (
        Subscriber.objects.confirmed()
        .filter(sent_through__lt=cutoff)
        .order_by("pk")
        .prefetch_related("themes")
    )


def masked(email):
    """An address shortened for a screen: "re…@example.org"."""
    local, _, domain = email.rpartition("@")
    return f"{local[:2]}…@{domain}"


def send_newsletter(*, dry_run=False, out=None, progress=None):
    """Send every confirmed subscriber their issue; returns a Report.

    Unconfirmed addresses older than 48 hours are deleted first. `out(line)` receives one
    line per subscriber on a dry run (what would go to whom; nothing is sent or changed);
    `progress(report)` is called after each PROGRESS_EVERY subscribers.
    """
    report = Report()
    cutoff = timezone.now()
    if dry_run:
        report.purged = Subscriber.objects.unconfirmed_expired(cutoff).count()
    else:
        report.purged = purge_unconfirmed(now=cutoff)
    maker = IssueMaker(cutoff)
    connection = None if dry_run else get_connection()
    try:
        for subscriber in owed(cutoff).iterator(chunk_size=PROGRESS_EVERY):
            report.subscribers += 1
            themes = list(subscriber.themes.all())
            issue = maker.issue_for(subscriber, frozenset(theme.pk for theme in themes))
            if not issue:
                report.nothing_new += 1
                if not dry_run:  # so that most subscribers share one span next time
                    mark(subscriber, cutoff)
            elif dry_run:
                report.sent += 1
                titles = "; ".join(p.title for p in issue.letters + issue.articles)
                out(f"#{subscriber.pk} {masked(subscriber.email)}: {issue.count} new: {titles}")
            else:
                message = issue_message(
                    subscriber, issue, [t.name for t in themes], connection=connection
                )
                outcome = send_marked(subscriber, message, cutoff, connection)
                setattr(report, outcome, getattr(report, outcome) + 1)
            if progress and report.subscribers % PROGRESS_EVERY == 0:
                progress(report)
    except ServerLost as lost:
        report.stopped = True
        logger.warning(
            "Mail server unavailable (%s); the newsletter stopped at subscriber %s, and the "
            "next run sends the rest",
            lost.reason,
            lost.subscriber_id,
        )
    finally:
        if connection is not None:
            try:
                connection.close()
            except Exception:  # a connection that failed may fail to close too
                pass
    return report


class ServerLost(Exception):
    def __init__(self, subscriber_id, reason):
        super().__init__(reason)
        self.subscriber_id, self.reason = subscriber_id, reason


def send_marked(subscriber, message, cutoff, connection):
    """Mark `subscriber` as sent through `cutoff`, then send; "sent", "skipped" or "failed".

    The SMTP connection is opened first (once per run: a server that is down is found
    before anyone is marked). The mark is committed (at most once: see the module's
    docstring) and put back if the server doesn't accept the message: with no "250" after
    the data, a mail server has not taken it (RFC 5321 §4.1.1.4). ServerLost when the mail
    server is gone, to stop the run.
    """
    try:
        connection.open()  # does nothing once open
    except Exception as error:
        raise ServerLost(subscriber.pk, type(error).__name__) from error
    before = subscriber.sent_through
    if not mark(subscriber, cutoff):  # another run got there first, or they unsubscribed
        return "skipped"
    try:
        message.send()
    except Exception as error:
        Subscriber.objects.filter(pk=subscriber.pk, sent_through=cutoff).update(sent_through=before)
        if server_lost(error):
            raise ServerLost(subscriber.pk, type(error).__name__) from error
        # Error names only: an SMTP error's text can quote the address.
        logger.warning(
            "Newsletter for subscriber %s not sent (%s); the next run tries again",
            subscriber.pk,
            type(error).__name__,
        )
        return "failed"
    return "sent"


def mark(subscriber, cutoff):
    """Move `subscriber`'s sent_through to `cutoff` if it still holds the value it was
    read with (a compare-and-set in one UPDATE); True if this call moved it."""
    return bool(
        Subscriber.objects.filter(
            pk=subscriber.pk, confirmed_at__isnull=False, sent_through=subscriber.sent_through
        ).update(sent_through=cutoff)
    )


def server_lost(error):
    """Whether `error` means the mail server is gone, not that it refused one message.

    smtplib reports a dropped connection as SMTPServerDisconnected and a failed connect or
    a timeout as an OSError; a refused message is another SMTPException. A 421 reply
    ("service not available, closing") also ends the session (RFC 5321 §4.2.2).
    """
    if isinstance(error, smtplib.SMTPResponseException) and error.smtp_code == 421:
        return True
    return isinstance(error, smtplib.SMTPServerDisconnected) or (
        isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)
    )
