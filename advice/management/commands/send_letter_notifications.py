from django.core.management.base import BaseCommand

from advice.notifications import send_pending_outcome_emails
from advice.updates import purge_private_notes


class Command(BaseCommand):
    help = (
        "Send the outcome e-mails still owed to readers (letters published on schedule, "
        "sends that failed) and erase each address once sent; erase the private notes on "
        "declined letters older than PRIVATE_NOTE_DAYS. Run it every few minutes; with -v 0 "
        "(for cron) it prints only when it sent or erased something, and sends that fail "
        "are logged on stderr."
    )

    def handle(self, *args, verbosity, **options):
        sent = send_pending_outcome_emails()
        if sent or verbosity >= 1:
            self.stdout.write(f"{sent} outcome e-mail{'s' if sent != 1 else ''} sent.")
        erased = purge_private_notes()
        if erased:
            self.stdout.write(f"{erased} private note{'s' if erased != 1 else ''} erased.")
