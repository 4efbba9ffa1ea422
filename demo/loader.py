"""Loads the demo column (demo/content/) through the content apps' own write functions.

Themes, series, articles and letters are upserted by slug (`advice.services.upsert_theme`,
`upsert_letter`, `articles.services.upsert_series`, `upsert_article`), so loading again
updates what changed in the files and duplicates nothing. The inbox letters arrive the
way a reader's letter does (`submit_letter`, which also suggests their themes), once each.

Dates are relative to the moment of the first load: a file's `days_ago` is how long ago a
piece was published (negative: it is scheduled that far ahead; a draft gets no date), and
a letter was received nine days before that. Loading again never moves a date.
"""

from collections import Counter
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from advice.models import Letter
from advice.services import submit_letter, upsert_letter, upsert_theme
from articles.services import upsert_article, upsert_series
from demo.files import (
    CONTENT,
    ContentError,
    read_articles,
    read_inbox,
    read_letters,
    read_series,
    read_themes,
)
from postbag.publishing import PUBLISHED
from postbag.upsert import CREATED, UNCHANGED

# Between a demo letter's arrival and its publication: the time an answer takes.
DAYS_TO_ANSWER = 9


@transaction.atomic
def load_demo(*, folder=CONTENT, now=None):
    """Create or update the demo content read from `folder`; `now` (default: the current
    time) is what the files' `days_ago` count back from, for content new to the database.

    Returns a Counter of outcomes ("created", "updated", "unchanged"), one for each theme,
    series, article, letter (with its reply and themes) and inbox letter. Raises
    ContentError for a file that can't be read or names a theme or series that isn't
    there, and ValidationError for a value the models refuse; either way nothing is
    written.
    """
    now = now or timezone.now()
    outcomes = Counter()
    themes = {}
    for data in read_themes(folder):
        themes[data["slug"]], outcome = upsert_theme(
            match={"slug": data["slug"]},
            fields={"name": data["name"], "description": data["description"]},
        )
        outcomes[outcome] += 1
    series = {}
    for data in read_series(folder):
        series[data["slug"]], outcome = upsert_series(
            match={"slug": data["slug"]},
            fields={"title": data["title"], "description": data["description"]},
        )
        outcomes[outcome] += 1
    for data in read_articles(folder):
        outcomes[_load_article(data, now=now, themes=themes, series=series)] += 1
    for data in read_letters(folder):
        outcomes[_load_letter(data, now=now, themes=themes)] += 1
    for data in read_inbox(folder):
        outcomes[_load_inbox_letter(data, now=now)] += 1
    return outcomes


def publication_time(now, data):
    """Published and scheduled pieces get a date `days_ago` before `now`; drafts get none."""
    if data["status"] != PUBLISHED:
        return None
    return now - timedelta(days=data["days_ago"], hours=2)


def _load_article(data, *, now, themes, series):
    part_of = data.get("series")
    if part_of is not None and part_of not in series:
        raise ContentError(f"article {data['slug']}: no series '{part_of}' in series.toml")
    _, outcome = upsert_article(
        match={"slug": data["slug"]},
        fields={
            "title": data["title"],
            "byline": data["byline"],
            "standfirst": data["standfirst"],
            "body": data["body"],
            "status": data["status"],
            "series": series.get(part_of),
            "series_part": data.get("series_part"),
        },
        # Dates are set once, so loading again doesn't move them.
        create_fields={"published_at": publication_time(now, data)},
        themes=_themes(data, themes),
    )
    return outcome


def _load_letter(data, *, now, themes):
    _, outcome = upsert_letter(
        match={"slug": data["slug"]},
        fields={
            "title": data["title"],
            "original_text": data["original_text"],
            "original_sign_off": data["sign_off_as_received"],
            "body": data["body"],
            "sign_off": data["sign_off"],
            "status": data["status"],
        },
        create_fields={
            "published_at": publication_time(now, data),
            "received_at": now - timedelta(days=max(data["days_ago"], 0) + DAYS_TO_ANSWER),
        },
        themes=_themes(data, themes),
        reply={"body": data["reply"], "sign_off": data["reply_sign_off"]},
    )
    return outcome


def _load_inbox_letter(data, *, now):
    if Letter.objects.filter(original_text=data["text"]).exists():
        return UNCHANGED
    submission = submit_letter(text=data["text"], sign_off=data["sign_off"])
    # Backdated after the fact: a reader's letter is always received "now".
    upsert_letter(
        match={"pk": submission.letter.pk},
        fields={"received_at": now - timedelta(days=data["days_ago"], hours=3)},
    )
    return CREATED


def _themes(data, themes):
    unknown = [slug for slug in data["themes"] if slug not in themes]
    if unknown:
        raise ContentError(f"{data['slug']}: no theme {', '.join(unknown)} in themes.toml")
    return [themes[slug] for slug in data["themes"]]
