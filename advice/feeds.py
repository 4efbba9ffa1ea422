"""How a letter appears in the site's feeds (pages/feeds.py composes them): the whole
letter with its reply as HTML, its first sentence as the summary."""

from django.conf import settings
from django.utils.html import format_html

from advice.models import Letter
from postbag.markdown import render_markdown
from postbag.text import lede


class LetterEntry:
    """A letter as a feed entry: each method takes the letter and returns a string."""

    @staticmethod
    def queryset():
        """Letters as feeds load them: with reply and themes, without the search vector."""
        return Letter.objects.for_detail().defer("search_vector")

    @staticmethod
    def author_name(letter):
        return letter.reply.columnist_name if letter.has_reply else settings.COLUMNIST_NAME

    @staticmethod
    def description(letter):
        """Plain text: the letter's first sentence, past its salutation."""
        return lede(letter.body)

    @staticmethod
    def content(letter):
        """The letter and its reply, sanitised HTML: a letter without its answer helps no one."""
        parts = [render_markdown(letter.body), format_html("<p>{}</p>", letter.sign_off)]
        if letter.has_reply:
            reply = letter.reply
            parts += [
                format_html("<h2>{} replies</h2>", reply.columnist_name),
                render_markdown(reply.body),
                format_html("<p>{}</p>", reply.sign_off),
            ]
        return "".join(parts)
