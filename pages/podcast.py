"""The podcast: the published letters and articles that have a recording, newest first.

One feed for both kinds, as /feeds/latest/ is (pages/feeds.py: the same light rows, the same
entries, so a letter comes with its reply), in the podcast format of postbag/podcasts.py:
each item's enclosure is the recording, with its size and type as stored at upload
(postbag/recordings.py), and its duration. The page cache keeps it until content changes.

The show's artwork, which Apple requires (a square PNG or JPEG of 1400 to 3000 pixels), is
PODCAST_IMAGE_URL when the column has its own, or one drawn here with Pillow from the
column's name.
"""

import io
import textwrap
from email.utils import parseaddr

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Enclosure
from PIL import Image, ImageDraw, ImageFont

from advice.models import Letter
from articles.models import Article
from pages.feeds import LatestFeed, load_entries, summary
from pages.mixed import light_rows, newest_first
from postbag.links import absolute_url
from postbag.pagecache import public_page
from postbag.podcasts import PodcastRss
from postbag.recordings import content_type

# Podcast apps page through a show's whole history: give them far more than a news feed.
PODCAST_LENGTH = 200
# From Apple's list of podcast categories: a column about love, friendship and family.
CATEGORIES = [("Society & Culture", "Relationships")]
COVER_SIZE = 1400
COVER_BACKGROUND, COVER_INK = (38, 52, 84), (250, 246, 238)


class PodcastFeed(LatestFeed):
    """The published letters and articles that have a recording."""

    feed_type = PodcastRss

    def description(self):
        return (
            f"Letters and articles from {settings.COLUMN_NAME}, read aloud. Each episode's "
            "page on the site has its text, as a transcript."
        )

    def feed_url(self):
        return absolute_url(reverse("feeds_podcast"))

    def rows(self):
        with_sound = {"recording": ""}
        letters = light_rows(Letter.objects.published().exclude(**with_sound), "letter")
        articles = light_rows(Article.objects.published().exclude(**with_sound), "article")
        return newest_first(letters, articles)

    def items(self):
        return load_entries(self.rows()[:PODCAST_LENGTH])

    def feed_extra_kwargs(self, obj):
        return {
            "image_url": cover_url(),
            "author": settings.COLUMN_NAME,
            "owner_name": settings.COLUMN_NAME,
            "owner_email": settings.PODCAST_OWNER_EMAIL
            or parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
            "explicit": settings.PODCAST_EXPLICIT,
            "categories_itunes": CATEGORIES,
        }

    def item_enclosures(self, item):
        url = item.recording.url
        return [
            Enclosure(
                url if "://" in url else absolute_url(url),
                str(item.recording_bytes or 0),
                content_type(item.recording.name) or "application/octet-stream",
            )
        ]

    def item_description(self, item):
        return summary(item)

    def item_extra_kwargs(self, item):
        return {**super().item_extra_kwargs(item), "duration": item.recording_seconds}


podcast = PodcastFeed()


def cover_url():
    """The show's artwork: PODCAST_IMAGE_URL, or the one drawn by `cover`, as absolute URLs."""
    url = settings.PODCAST_IMAGE_URL or reverse("podcast_cover")
    return url if "://" in url else absolute_url(url)


@public_page
def cover(request):
    """The column's name on a plain square, 1400 × 1400 pixels, as a PNG."""
    image = Image.new("RGB", (COVER_SIZE, COVER_SIZE), COVER_BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin = COVER_SIZE // 10
    name = ImageFont.load_default(size=150)
    lines = textwrap.wrap(settings.COLUMN_NAME, width=12) or [""]
    y = COVER_SIZE // 3
    for line in lines[:4]:
        draw.text((margin, y), line, font=name, fill=COVER_INK)
        y += 180
    small = ImageFont.load_default(size=70)
    draw.text((margin, COVER_SIZE - 2 * margin), "Letters, read aloud", font=small, fill=COVER_INK)
    draw.rectangle((margin, y + 40, margin + 240, y + 56), fill=COVER_INK)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return HttpResponse(buffer.getvalue(), content_type="image/png")
