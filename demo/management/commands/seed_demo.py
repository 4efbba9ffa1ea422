from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from advice.models import Letter, Theme
from articles.models import Article
from demo.editor import default_password_file, demo_editor_login
from demo.files import ContentError
from demo.loader import KEPT, DemoConflict, load_demo
from postbag.upsert import CREATED, UNCHANGED, UPDATED

PLURALS = {"series": "series", "inbox letter": "inbox letters"}


class Command(BaseCommand):
    help = (
        "Add the demo column from demo/content/ (themes, letters with replies, articles, a "
        "series, a draft and scheduled posts, an inbox) where the database lacks it. Demo "
        "pieces already there are left as they are, edits included; --reset writes them "
        "again as the files have them. With DJANGO_DEBUG on it also prints the demo editor's "
        "login, whose password is made once and kept in .demo-editor-password."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Restore every demo piece as the files have it (undoing edits made in the "
            "admin, dates counted from now again) and give the demo editor a new password.",
        )
        parser.add_argument(
            "--password-file",
            type=Path,
            help="Where the demo editor's password is kept (default: .demo-editor-password "
            "at the project's root).",
        )

    def handle(self, *args, reset, password_file, verbosity, **options):
        try:
            loaded = load_demo(reset=reset)
        except (ContentError, DemoConflict) as error:
            raise CommandError(error) from None
        if verbosity:
            self._report(loaded, reset=reset)
        # Never with debug off: a production database gets no account with a known password.
        if settings.DEBUG:
            path = password_file or default_password_file()
            try:
                login = demo_editor_login(password_file=path, new_password=reset)
            except OSError as error:
                raise CommandError(f"Can't keep the demo editor's password: {error}") from None
            if verbosity:
                self._show(login, path)

    def _report(self, loaded, *, reset):
        added = _listed(loaded.of(CREATED))
        if reset:
            restored = sum(loaded.outcomes()[outcome] for outcome in (UPDATED, UNCHANGED))
            self.stdout.write(
                f"Demo content restored from demo/content/: {restored} pieces as the files "
                "have them, dates counted from now" + (f"; added {added}." if added else ".")
            )
        else:
            self.stdout.write(f"Demo content: added {added}." if added else "Nothing to add.")
            kept = loaded.outcomes()[KEPT]
            if kept:
                self.stdout.write(
                    f"{kept} demo pieces already in the database are left as they are, edits "
                    "included (`make demo-reset` restores them)."
                )
        for reason in loaded.skipped:
            self.stdout.write(self.style.WARNING(f"Not added, an edit is in the way: {reason}"))
        self.stdout.write(
            f"In the database: {Theme.objects.count()} themes, {Letter.objects.count()} "
            f"letters, {Article.objects.count()} articles."
        )

    def _show(self, login, path):
        if login.made:
            self.stdout.write(f"Made a new password for the demo editor: {login.made}.")
        self.stdout.write(
            "Demo editor for /admin/ (a member of Editors, not a superuser), the same on every run:"
        )
        self.stdout.write(f"username: {login.username}")
        self.stdout.write(f"password: {login.password}")
        where = path.name if path == default_password_file() else path
        self.stdout.write(f"(Kept in {where}; `make demo-reset` makes a new one.)")


def _listed(counts):
    """{"theme": 9, "letter": 1} as "9 themes, 1 letter"; "" for none."""
    return ", ".join(
        f"{number} {kind if number == 1 else PLURALS.get(kind, kind + 's')}"
        for kind, number in counts.items()
    )
