"""Atom feeds: the latest letters and articles together, and each theme's.

Every entry carries the whole piece as HTML (a letter with its reply; an article with its
standfirst) and a one-sentence summary. Whole, not a summary and a link, because a letter
without its answer is a teaser that helps no one, and many readers of a column read it in
their feed reader. Each content app says how its pieces appear (advice/feeds.py,
articles/feeds.py); the format, plain-text summaries and XML-safe strings, is
postbag/feeds.py's.

Feed readers poll: the page cache (postbag.pagecache) keeps each feed until content
changes, so a new post reaches them at their next poll.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import reverse

from advice.feeds import LetterEntry
from advice.letter_updates import LetterUpdate
from advice.models import Letter, Theme
from advice.update_feeds import UpdateEntry
from articles.feeds import ArticleEntry
from articles.models import Article
from pages.mixed import light_rows, load_rows, newest_first, published_about
from postbag.after_publication import feed_preface
from postbag.feeds import AtomWithContent, entry_id
from postbag.links import absolute_url
from postbag.markdown import typographic

FEED_LENGTH = 20
ENTRIES = {"letter": LetterEntry, "article": ArticleEntry, "update": UpdateEntry}


def summary(item):
    """An entry's plain-text summary: for a piece with a content note, the note (a reader
    that shows only summaries must not show the text the note is about first, as the page's
    description doesn't); else its kind's own description."""
    if note := getattr(item, "shown_content_note", ""):
        return f"Content note: {note}"
    return ENTRIES[item.kind].description(item)


def load_entries(rows):
    """The letters (with replies) and articles that light `rows` name, in order."""
    return load_rows(rows, querysets={kind: entry.queryset() for kind, entry in ENTRIES.items()})


class LatestFeed(Feed):
    """The newest published letters and articles, together."""

    feed_type = AtomWithContent

    def title(self):
        return settings.COLUMN_NAME

    def subtitle(self):
        return f"The newest letters and articles from {settings.COLUMN_NAME}."

    def link(self):
        return absolute_url(reverse("home"))

    def feed_url(self):
        return absolute_url(reverse("feeds_latest"))

    def rows(self):
        letters = light_rows(Letter.objects.published(), "letter")
        articles = light_rows(Article.objects.published(), "article")
        updates = light_rows(LetterUpdate.objects.published(), "update")  # "what happened next"
        return newest_first(letters, articles, updates)

    def items(self):
        return load_entries(self.rows()[:FEED_LENGTH])

    def item_title(self, item):
        return typographic(item.title)

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        """What never changes (postbag.feeds.entry_id), never the address: a renamed slug
        must not make the piece new again in feed readers and podcast apps."""
        return entry_id(item.kind, item.pk)

    item_guid_is_permalink = False  # RSS (the podcast): the guid is not an address

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.modified_at  # a classic's re-run moves it, as feed readers expect

    def item_author_name(self, item):
        return ENTRIES[item.kind].author_name(item)

    def item_description(self, item):
        return summary(item)

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]

    def item_extra_kwargs(self, item):
        # The content note and "First published …" come first (postbag.after_publication).
        return {"content": feed_preface(item) + ENTRIES[item.kind].content(item)}


class ThemeFeed(LatestFeed):
    """The newest published letters and articles about one theme."""

    def get_object(self, request, slug):
        # A section's feed has its themes' pieces too; knowing whether it is one costs no query.
        children = Theme.objects.filter(parent=OuterRef("pk"))
        return get_object_or_404(Theme.objects.annotate(is_section=Exists(children)), slug=slug)

    def title(self, theme):
        return f"{settings.COLUMN_NAME}: {theme.name}"

    def subtitle(self, theme):
        return f"The newest letters and articles about {theme.name.lower()}."

    def link(self, theme):
        return absolute_url(theme.get_absolute_url())

    def feed_url(self, theme):
        return absolute_url(reverse("feeds_theme", kwargs={"slug": theme.slug}))

    def items(self, theme):
        return load_entries(published_about(theme, section=theme.is_section)[:FEED_LENGTH])


latest = LatestFeed()
theme = ThemeFeed()
