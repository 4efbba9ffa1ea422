"""Atom feeds: the latest letters and articles together, and each theme's.

Every entry carries the whole piece as HTML (a letter with its reply; an article with its
standfirst) and a one-sentence summary. Whole, not a summary and a link, because a letter
without its answer is a teaser that helps no one, and many readers of a column read it in
their feed reader. The HTML comes from render_markdown, the sanitiser every page uses.

Everything else is plain text, and says so: titles, names and categories are Atom text
by default, and the summary is written with type="text" (RFC 4287 §3.1.1), where Django
declares it HTML. A summary is plain text already (a standfirst; a letter's first sentence,
its entities decoded), so as "html" a reader's "&lt;img onerror=…&gt;" would come alive.

Every string goes through `strip_control_characters` on its way into the feed: XML 1.0
can't hold most control characters, and one in a name saved before validation refused them
must not make the feed a 500, or unreadable to every feed reader.

Feed readers poll: the page cache (postbag.pagecache) keeps each feed until content
changes, so a new post reaches them at their next poll.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from advice.models import Letter, Theme
from articles.models import Article
from postbag.content import light_rows, load_rows, published_about
from postbag.markdown import render_markdown
from postbag.templatetags.postbag import absolute_url, lede
from postbag.validators import strip_control_characters

FEED_LENGTH = 20


def xml_safe(value):
    """`value` (a string, a list of strings, or anything else) without what XML 1.0 can't
    hold; what is not a string passes as it is."""
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, list | tuple):
        return [xml_safe(item) for item in value]
    return value


class AtomWithContent(Atom1Feed):
    """Atom with a plain-text <summary> and each entry's whole HTML in <content>.

    Django's Atom1Feed writes the summary as type="html" and has no <content>. Every string
    of the feed and its entries is made XML-safe here, in one place.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed = {name: xml_safe(value) for name, value in self.feed.items()}

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **kwargs)
        self.items[-1] = {name: xml_safe(value) for name, value in self.items[-1].items()}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})
        handler.addQuickElement("content", item["content"], {"type": "html"})


def load_entries(rows):
    """The letters (with replies) and articles that light `rows` name, in order."""
    return load_rows(
        rows,
        querysets={
            "letter": Letter.objects.for_detail().defer("search_vector"),
            "article": Article.objects.for_listing().defer("search_vector"),
        },
    )


def letter_html(letter):
    parts = [render_markdown(letter.body), format_html("<p>{}</p>", letter.sign_off)]
    if letter.has_reply:
        reply = letter.reply
        parts += [
            format_html("<h2>{} replies</h2>", reply.columnist_name),
            render_markdown(reply.body),
            format_html("<p>{}</p>", reply.sign_off),
        ]
    return "".join(parts)


def article_html(article):
    standfirst = format_html("<p><em>{}</em></p>", article.standfirst) if article.standfirst else ""
    return standfirst + render_markdown(article.body)


class LatestFeed(Feed):
    """The newest published letters and articles, together."""

    feed_type = AtomWithContent

    def title(self):
        return f"{settings.SITE_NAME}: {settings.COLUMN_NAME}"

    def subtitle(self):
        return f"The newest letters and articles from {settings.COLUMN_NAME}."

    def link(self):
        return absolute_url(reverse("home"))

    def feed_url(self):
        return absolute_url(reverse("feeds_latest"))

    def rows(self):
        letters = light_rows(Letter.objects.published(), "letter")
        articles = light_rows(Article.objects.published(), "article")
        return letters.union(articles, all=True).order_by("-published_at", "-pk")

    def items(self):
        return load_entries(self.rows()[:FEED_LENGTH])

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        if item.kind == "article":
            return item.byline
        return item.reply.columnist_name if item.has_reply else settings.COLUMNIST_NAME

    def item_description(self, item):
        """Plain text: the standfirst, or the letter's first sentence."""
        return item.standfirst if item.kind == "article" else lede(item.body)

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]

    def item_extra_kwargs(self, item):
        html = article_html(item) if item.kind == "article" else letter_html(item)
        return {"content": html}


class ThemeFeed(LatestFeed):
    """The newest published letters and articles about one theme."""

    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, theme):
        return f"{settings.SITE_NAME}: {theme.name}"

    def subtitle(self, theme):
        return f"The newest letters and articles about {theme.name.lower()}."

    def link(self, theme):
        return absolute_url(theme.get_absolute_url())

    def feed_url(self, theme):
        return absolute_url(reverse("feeds_theme", kwargs={"slug": theme.slug}))

    def items(self, theme):
        return load_entries(published_about(theme)[:FEED_LENGTH])


latest = LatestFeed()
theme = ThemeFeed()
