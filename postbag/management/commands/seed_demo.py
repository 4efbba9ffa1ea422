import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from advice.models import Letter, Reply, Theme
from advice.services import submit_letter
from articles.models import Article, Series
from postbag.demo.articles import ARTICLES, SERIES
from postbag.demo.letters import INBOX, LETTERS
from postbag.demo.themes import THEMES

DEMO_EDITOR = "editor"


class Command(BaseCommand):
    help = (
        "Load the demo column (themes, letters with replies, articles, a series, a draft and "
        "scheduled posts). Safe to run again: it updates what is there and duplicates nothing. "
        "With DJANGO_DEBUG on it also creates or resets the demo editor and prints its login."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        with transaction.atomic():
            themes = self.seed_themes()
            self.seed_articles(now, themes)
            self.seed_letters(now, themes)
        self.stdout.write(
            f"Demo content: {Theme.objects.count()} themes, {Letter.objects.count()} letters, "
            f"{Article.objects.count()} articles."
        )
        if settings.DEBUG:
            self.reset_demo_editor()

    def seed_themes(self):
        return {
            data["slug"]: Theme.objects.update_or_create(slug=data["slug"], defaults=data)[0]
            for data in THEMES
        }

    def seed_articles(self, now, themes):
        series = {
            data["slug"]: Series.objects.update_or_create(slug=data["slug"], defaults=data)[0]
            for data in SERIES
        }
        for data in ARTICLES:
            content = {
                "title": data["title"],
                "byline": data["byline"],
                "standfirst": data["standfirst"],
                "body": data["body"],
                "status": data["status"],
                "series": series.get(data["series"]),
                "series_part": data["series_part"],
            }
            article, _ = Article.objects.update_or_create(
                slug=data["slug"],
                defaults=content,
                # Dates are set once, so running the command again doesn't move them.
                create_defaults={**content, "published_at": publication_time(now, data)},
            )
            article.themes.set([themes[slug] for slug in data["themes"]])

    def seed_letters(self, now, themes):
        for data in LETTERS:
            content = {
                "title": data["title"],
                "original_text": data["original_text"],
                "original_sign_off": data["original_sign_off"],
                "body": data["body"],
                "sign_off": data["sign_off"],
                "status": data["status"],
            }
            letter, _ = Letter.objects.update_or_create(
                slug=data["slug"],
                defaults=content,
                create_defaults={
                    **content,
                    "published_at": publication_time(now, data),
                    "received_at": now - timedelta(days=max(data["days_ago"], 0) + 9),
                },
            )
            letter.themes.set([themes[slug] for slug in data["themes"]])
            Reply.objects.update_or_create(
                letter=letter,
                defaults={"body": data["reply"], "sign_off": data["reply_sign_off"]},
            )
        for data in INBOX:
            if Letter.objects.filter(original_text=data["original_text"]).exists():
                continue
            # The way a reader's letter arrives, so the inbox shows suggested themes too.
            submission = submit_letter(
                text=data["original_text"], sign_off=data["original_sign_off"]
            )
            submission.letter.received_at = now - timedelta(days=data["days_ago"], hours=3)
            submission.letter.save(update_fields=["received_at"])

    def reset_demo_editor(self):
        password = secrets.token_urlsafe(12)
        editor, _ = get_user_model().objects.update_or_create(
            username=DEMO_EDITOR,
            defaults={"is_staff": True, "is_superuser": False, "is_active": True},
        )
        editor.set_password(password)
        editor.save()
        editor.groups.add(Group.objects.get(name="Editors"))
        self.stdout.write("Demo editor for /admin/ (a member of Editors, not a superuser):")
        self.stdout.write(f"username: {DEMO_EDITOR}")
        self.stdout.write(f"password: {password}")


def publication_time(now, data):
    """Published and scheduled items get a date `days_ago` from now; drafts get none."""
    if data["status"] != Article.Status.PUBLISHED:
        return None
    return now - timedelta(days=data["days_ago"], hours=2)
