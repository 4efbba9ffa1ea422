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
- A recipient the receiving server refuses for good (a 5xx reply to RCPT TO, such as 550
  "no such mailbox") is counted; after REFUSALS_BEFORE_REMOVAL runs in a row the address is
  deleted, as unsubscribing would, so a dead mailbox isn't mailed for ever (bounces also
  harm the site's standing with mail providers). A run on which no message at all was
  accepted counts nothing: when everyone is refused, the mail server's setup is at fault
  (relaying denied, a wrong log-in), not every subscriber.
- At-most-once, not at-least-once: if the process dies in the instant between the mark
  and the mail server's answer, that one subscriber misses that issue (their next issue
  starts after it). Sending someone the same issue twice is the promise we don't break.

Logs and output name subscribers by id; the dry run shows addresses shortened.
"""

import logging
import smtplib
from dataclasses import dataclass, field

from django.core.mail import get_connection
from django.db.models import F
from django.utils import timezone

from newsletter.digest import IssueMaker, issue_message
from newsletter.models import Subscriber
from newsletter.services import purge_unconfirmed

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 100
# Runs in a row on which an address was refused for good before it is deleted.
REFUSALS_BEFORE_REMOVAL = 3


@dataclass
class Report:
    """What a run did (or, dry, would do)."""

    subscribers: int = 0
    sent: int = 0
    nothing_new: int = 0
    skipped: int = 0  # marked by another run meanwhile, or gone
    failed: int = 0  # refused for now (4xx, an unexpected answer): tried again next run
    refused: int = 0  # refused for good (5xx to RCPT TO): counted, see REFUSALS_BEFORE_REMOVAL
    removed: int = 0  # deleted on this run after REFUSALS_BEFORE_REMOVAL refusals
    purged: int = 0
    stopped: bool = False  # the mail server went away; the rest wait for the next run
    refused_ids: list = field(default_factory=list)

    @property
    def all_sent(self):
        """Whether everything owed went out: no failure, no refusal, no stop."""
        return not (self.failed or self.refused or self.stopped)


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
            # Every theme they chose was deleted: they get everything, and are told so.
            themes_gone = subscriber.chose_themes and not themes
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
                names = [theme.name for theme in themes]
                message = issue_message(
                    subscriber, issue, names, connection=connection, themes_gone=themes_gone
                )
                outcome = send_marked(subscriber, message, cutoff, connection)
                setattr(report, outcome, getattr(report, outcome) + 1)
                if outcome == "refused":
                    report.refused_ids.append(subscriber.pk)
                elif outcome == "sent" and (themes_gone or subscriber.refusals):
                    Subscriber.objects.filter(pk=subscriber.pk).update(
                        chose_themes=subscriber.chose_themes and not themes_gone, refusals=0
                    )
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
    if not dry_run:
        report.removed = count_refusals(report)
    return report


def count_refusals(report):
    """Count this run's permanent refusals; delete the addresses refused on
    REFUSALS_BEFORE_REMOVAL runs in a row. Returns how many were deleted.

    Nothing is counted on a run that sent nothing (see the module's docstring). Logged by
    subscriber id only.
    """
    if not report.refused_ids:
        return 0
    if not report.sent:
        logger.warning(
            "Every issue tried on this run was refused: a mail server setting, not the "
            "addresses; no refusal counted"
        )
        return 0
    refused = Subscriber.objects.filter(pk__in=report.refused_ids)
    refused.update(refusals=F("refusals") + 1)
    gone = list(refused.filter(refusals__gte=REFUSALS_BEFORE_REMOVAL).values_list("pk", flat=True))
    for subscriber_id in gone:
        logger.warning(
            "Subscriber %s deleted: their mail server refused the address on %s runs in a row",
            subscriber_id,
            REFUSALS_BEFORE_REMOVAL,
        )
    Subscriber.objects.filter(pk__in=gone).delete()
    return len(gone)


class ServerLost(Exception):
    def __init__(self, subscriber_id, reason):
        super().__init__(reason)
        self.subscriber_id, self.reason = subscriber_id, reason


def send_marked(subscriber, message, cutoff, connection):
    """Mark `subscriber` as sent through `cutoff`, then send; "sent", "skipped", "failed"
    or "refused" (for good: `refused_for_good`).

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
        if refused_for_good(error):
            logger.warning(
                "Newsletter for subscriber %s refused for good by their mail server (%s)",
                subscriber.pk,
                type(error).__name__,
            )
            return "refused"
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


def refused_for_good(error):
    """Whether `error` is a permanent refusal of the recipient itself.

    That is a 5xx reply to RCPT TO (smtplib's SMTPRecipientsRefused; RFC 5321 §4.2.1, e.g.
    550 "mailbox unavailable", 553 "mailbox name not allowed"), unless its enhanced status
    code is 5.7.x (RFC 3463 §3.8: security or policy, e.g. "relaying denied", which is
    about the sending server, not the address). A refused message body (DATA) is not
    counted: a content filter refuses everyone alike.
    """
    if not isinstance(error, smtplib.SMTPRecipientsRefused) or not error.recipients:
        return False
    return all(
        500 <= code < 600 and not str(text, "ascii", "replace").lstrip().startswith("5.7.")
        for code, text in error.recipients.values()
    )
