"""How a writer's update appears in the site's feeds (pages/feeds.py composes them): the
update as HTML, then a link back to the letter it follows."""

from django.conf import settings
from django.utils.html import format_html

from advice.letter_updates import LetterUpdate
from postbag.links import absolute_url
from postbag.markdown import render_markdown, typographic
from postbag.text import lede


class UpdateEntry:
    """An update as a feed entry: each method takes the update and returns a string."""

    @staticmethod
    def queryset():
        """Updates as feeds load them: with their letter and its themes."""
        return LetterUpdate.objects.for_listing()

    @staticmethod
    def author_name(update):
        """The column's: the update is the writer's, and the writer stays anonymous."""
        return settings.COLUMN_NAME

    @staticmethod
    def description(update):
        """Plain text: the update's first sentence."""
        return lede(update.body)

    @staticmethod
    def content(update):
        """The update, sanitised HTML, and the letter it follows (linked)."""
        letter = update.letter
        return format_html(
            '<p><em>An update from the writer of “<a href="{}">{}</a>”</em></p>{}',
            absolute_url(letter.get_absolute_url()),
            typographic(letter.title),
            render_markdown(update.body),
        )
