from django.core.management.base import BaseCommand

from advice.notifications import send_pending_outcome_emails


class Command(BaseCommand):
    help = (
        "Send the outcome e-mails still owed to readers (letters published on schedule, "
        "sends that failed) and erase each address once sent. Run it every few minutes."
    )

    def handle(self, *args, **options):
        sent = send_pending_outcome_emails()
        self.stdout.write(f"{sent} outcome e-mail{'s' if sent != 1 else ''} sent.")
