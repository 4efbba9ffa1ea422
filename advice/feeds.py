"""How a letter appears in the site's feeds (pages/feeds.py composes them): the whole
letter with its reply as HTML, its first sentence as the summary."""

from django.conf import settings
from django.utils.html import format_html

from advice.models import Letter
from postbag.markdown import render_markdown
from postbag.text import lede
from postbag.validators import strip_control_characters


class LetterEntry:
    """A letter as a feed entry: each method takes the letter and returns a string."""

    @staticmethod
    def queryset():
        """Letters as feeds load them: with reply and themes, without the search vector."""
        return Letter.objects.for_detail().defer("search_vector")

    @staticmethod
    def author_name(letter):
        """Who answered: the reply's byline (advice.columnists), or the column's when its
        name holds nothing a feed can show (a row saved before validation)."""
        name = letter.reply_byline.name
        return strip_control_characters(name, single_line=True).strip() or settings.COLUMNIST_NAME

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
                format_html("<h2>{} replies</h2>", LetterEntry.author_name(letter)),
                render_markdown(reply.body),
                format_html("<p>{}</p>", reply.sign_off),
            ]
        return "".join(parts)
