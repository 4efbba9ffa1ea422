from django.core.management.base import BaseCommand, CommandError

from newsletter.sending import REFUSALS_BEFORE_REMOVAL, send_newsletter


def plural(count, word, words=None):
    return f"{count:,} {word if count == 1 else words or word + 's'}"


class Command(BaseCommand):
    help = (
        "Send each confirmed subscriber the letters and articles published since their last "
        "issue (in their themes), and delete addresses left unconfirmed for 48 hours. Run it "
        "from cron or a timer (weekly, say); a run that stops is resumed by the next one, "
        "and nobody gets the same issue twice. --dry-run shows what would go to whom. With "
        "-v 0 it prints nothing but failures (on stderr). Exits with status 1 when anything "
        "owed was not sent (refused, or the mail server down), after its summary."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be sent to whom; send, change and delete nothing.",
        )

    def handle(self, *args, dry_run, verbosity, **options):
        def progress(report):
            if verbosity >= 1:
                self.stdout.write(f"{report.subscribers:,} subscribers done, {report.sent:,} sent")

        report = send_newsletter(dry_run=dry_run, out=self.stdout.write, progress=progress)
        if verbosity >= 1:
            self.summary(report, dry_run)
        if not report.all_sent:
            # After the summary; CommandError makes the exit status 1 for cron and timers.
            raise CommandError(failures(report), returncode=1)

    def summary(self, report, dry_run):
        purged = plural(report.purged, "unconfirmed address", "unconfirmed addresses")
        subscribers = plural(report.subscribers, "subscriber")
        if dry_run:
            self.stdout.write(
                f"Dry run, nothing sent or changed: {plural(report.sent, 'issue')} would be "
                f"sent, {report.nothing_new:,} of {subscribers} have nothing new; {purged} "
                "would be deleted."
            )
            return
        self.stdout.write(
            f"Newsletter: {plural(report.sent, 'issue')} sent, {report.nothing_new:,} of "
            f"{subscribers} with nothing new, {report.skipped:,} sent by another run, "
            f"{report.failed:,} refused, {report.refused:,} refused for good "
            f"({report.removed:,} deleted); {purged} deleted."
        )


def failures(report):
    """One line saying what wasn't sent, and what happens next."""
    parts = []
    if report.failed:
        parts.append(f"{plural(report.failed, 'issue')} refused")
    if report.refused:
        removed = f", {report.removed:,} of them now deleted" if report.removed else ""
        parts.append(
            f"{plural(report.refused, 'address', 'addresses')} refused for good by their "
            f"mail server (deleted after {REFUSALS_BEFORE_REMOVAL} runs in a row{removed})"
        )
    if report.stopped:
        parts.append("the mail server stopped answering (or never answered)")
    return "; ".join(parts) + ": the next run tries again."
