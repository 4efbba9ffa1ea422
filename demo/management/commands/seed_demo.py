from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from advice.models import Letter, Theme
from articles.models import Article
from demo.editor import reset_demo_editor
from demo.files import ContentError
from demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo column from demo/content/ (themes, letters with replies, articles, a "
        "series, a draft and scheduled posts, an inbox). Safe to run again: it updates what "
        "is there and duplicates nothing. With DJANGO_DEBUG on it also creates or resets the "
        "demo editor and prints its login."
    )

    def handle(self, *args, **options):
        try:
            load_demo()
        except ContentError as error:
            raise CommandError(error) from None
        self.stdout.write(
            f"Demo content: {Theme.objects.count()} themes, {Letter.objects.count()} letters, "
            f"{Article.objects.count()} articles."
        )
        if settings.DEBUG:
            username, password = reset_demo_editor()
            self.stdout.write("Demo editor for /admin/ (a member of Editors, not a superuser):")
            self.stdout.write(f"username: {username}")
            self.stdout.write(f"password: {password}")
