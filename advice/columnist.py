"""The columnist's pages: her portrait as stored, and how long the column usually takes
to answer, in plain words.

A portrait is stored only as Pillow decoded and encoded it again (`prepared_portrait`,
through postbag.editor.prepare_image, as the Markdown editor's images are), under a random
name whose extension is the format Pillow found.

The About page and the status page say it; both read `usual_wait_in_words()`, which is
computed once per content version (postbag.versioning.remember: publishing a letter
changes the version, and so the answer).

The measure is the median time from a letter's arrival (`received_at`) to its publication
(`published_at`), over the newest WAIT_SAMPLE published letters: one query, bounded
however large the archive grows, and recent enough to describe the column as it is now.
Letters published before they were received (imported from elsewhere, where no arrival
was recorded) say nothing about waiting and are left out. With fewer than
WAIT_MIN_LETTERS the page says nothing numeric: two letters are not a habit.
"""

import statistics
import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F

from advice.models import ColumnistProfile, Letter
from postbag.editor import prepare_image
from postbag.upsert import assign, outcome
from postbag.versioning import remember

# Twice the 320 CSS pixels the About page shows it at, for sharp screens.
PORTRAIT_SIZE = (640, 640)


def prepared_portrait(file):
    """`file` (a binary file object: an upload, an open image file) as a ContentFile to
    store as the portrait: re-encoded, at most PORTRAIT_SIZE, named `<random hex>.<ext>`.
    Raises ValidationError (postbag.editor.prepare_image) for anything but a sound JPEG,
    PNG, GIF or WebP image."""
    prepared = prepare_image(file, size=PORTRAIT_SIZE)
    return ContentFile(prepared.content, name=f"{uuid.uuid4().hex}.{prepared.extension}")


@transaction.atomic
def upsert_columnist_profile(*, fields):
    """Create or update the About page's one row with `fields` (ColumnistProfile fields; a
    portrait as `prepared_portrait` made it), for the demo loader, by postbag.upsert's
    rules: `full_clean()`, and saved only when something differs. Returns (profile,
    outcome), the outcome "created", "updated" or "unchanged". Raises ValidationError,
    having written nothing."""
    profile = ColumnistProfile.objects.filter(pk=1).first()
    created = profile is None
    profile = profile or ColumnistProfile()
    changed = assign(profile, fields)
    if created or changed:
        profile.full_clean()
        profile.save()
    return profile, outcome(created=created, changed=changed)


WAIT_SAMPLE = 101
WAIT_MIN_LETTERS = 5
DAY = timedelta(days=1)


def usual_wait():
    """The median time (a timedelta) from received to published over the newest
    WAIT_SAMPLE published letters, or None when fewer than WAIT_MIN_LETTERS count."""
    waits = [
        published - received
        for received, published in Letter.objects.published()
        .filter(published_at__gte=F("received_at"))
        .order_by("-published_at")
        .values_list("received_at", "published_at")[:WAIT_SAMPLE]
    ]
    if len(waits) < WAIT_MIN_LETTERS:
        return None
    return statistics.median(waits)


def wait_in_words(wait):
    """`wait` (a timedelta) as a reader would say it: "a few days", "about a week",
    "about 3 weeks", "about 2 months", "more than a year"; "" for None."""
    if wait is None:
        return ""
    days = wait / DAY
    if days < 5:
        return "a few days"
    weeks = round(days / 7)
    if weeks <= 1:
        return "about a week"
    if weeks < 9:
        return f"about {weeks} weeks"
    months = round(days / 30.44)
    if months < 12:
        return f"about {months} months"
    return "more than a year"


def usual_wait_in_words():
    """`wait_in_words(usual_wait())`, remembered until the content changes ("" for too
    few letters: "" rather than None, which the cache would take for "not stored")."""
    return remember("usual-wait", lambda: wait_in_words(usual_wait()))
