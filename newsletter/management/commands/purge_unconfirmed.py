from django.core.management.base import BaseCommand

from newsletter.services import purge_unconfirmed


class Command(BaseCommand):
    help = (
        "Delete the newsletter addresses left unconfirmed for 48 hours, so that none is kept "
        "longer than the site promises. Run it from the same cron line or timer as "
        "send_letter_notifications (every few minutes, at least hourly); with -v 0 it prints "
        "only when it deleted something."
    )

    def handle(self, *args, verbosity, **options):
        deleted = purge_unconfirmed()
        if deleted or verbosity >= 1:
            addresses = "address" if deleted == 1 else "addresses"
            self.stdout.write(f"{deleted:,} unconfirmed {addresses} deleted.")
