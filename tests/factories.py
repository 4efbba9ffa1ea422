"""Small factories: each makes one saved object with sensible defaults."""

import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from advice.models import Letter, Reply, Theme
from articles.models import Article, Series

_numbers = itertools.count(1)


def theme(**fields):
    n = next(_numbers)
    fields.setdefault("name", f"Theme {n}")
    fields.setdefault("slug", f"theme-{n}")
    fields.setdefault("description", "Letters about this, answered with care.")
    return Theme.objects.create(**fields)


def letter(*, themes=(), reply="You deserve friends who call you back.", days_ago=1, **fields):
    """A published letter with a reply, unless `status` or `reply=None` say otherwise."""
    n = next(_numbers)
    fields.setdefault("title", f"A letter about feeling left out, number {n}")
    fields.setdefault("original_text", f"Dear Elizabeth, my friends never ask me along ({n}).")
    fields.setdefault("original_sign_off", "Left Out in Leeds")
    fields.setdefault("status", Letter.Status.PUBLISHED)
    if fields["status"] == Letter.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - timedelta(days=days_ago))
    made = Letter.objects.create(**fields)
    made.themes.set(themes)
    if reply is not None:
        Reply.objects.create(letter=made, body=reply)
    return made


def article(*, themes=(), days_ago=1, **fields):
    """A published article, unless `status` says otherwise."""
    n = next(_numbers)
    fields.setdefault("title", f"On asking for what you need, part {n}")
    fields.setdefault("byline", "Elizabeth Hart")
    fields.setdefault("standfirst", "Why the people who love you can't read your mind.")
    fields.setdefault("body", "Say it plainly. " * 60)
    fields.setdefault("status", Article.Status.PUBLISHED)
    if fields["status"] == Article.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - timedelta(days=days_ago))
    made = Article.objects.create(**fields)
    made.themes.set(themes)
    return made


def series(**fields):
    n = next(_numbers)
    fields.setdefault("title", f"Starting again {n}")
    fields.setdefault("slug", f"starting-again-{n}")
    return Series.objects.create(**fields)


def comment(
    piece,
    *,
    status="approved",
    text="Thank you for this: it helped me more than I can say.",
    **fields,
):
    """A reader's comment under `piece` (a Letter or Article), approved unless `status` says."""
    from comments.models import Comment

    return Comment.objects.create(**{piece.kind: piece}, status=status, text=text, **fields)


def subscriber(email, *, themes=(), days_ago=7):
    """A confirmed newsletter subscriber whose last issue went out `days_ago` days ago."""
    from newsletter.models import Subscriber

    when = timezone.now() - timedelta(days=days_ago)
    made = Subscriber.objects.create(email=email, confirmed_at=when, sent_through=when)
    made.themes.set(themes)
    return made


def editor(username="editor", password="a-long-test-password"):
    """A staff member of the Editors group, not a superuser."""
    user = get_user_model().objects.create_user(username=username, password=password)
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name="Editors"))
    return user
