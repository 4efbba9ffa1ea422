"""How an article appears in the site's feeds (pages/feeds.py composes them): the whole
article as HTML, its standfirst as the summary."""

from django.utils.html import format_html

from articles.models import Article
from postbag.markdown import render_markdown, typographic


class ArticleEntry:
    """An article as a feed entry: each method takes the article and returns a string."""

    @staticmethod
    def queryset():
        """Articles as feeds load them: with series and themes, without the search vector."""
        return Article.objects.for_pages().defer("search_vector")

    @staticmethod
    def author_name(article):
        return article.byline

    @staticmethod
    def description(article):
        """Plain text: the standfirst, typographic as the page shows it."""
        return typographic(article.standfirst)

    @staticmethod
    def content(article):
        """The standfirst and the body, sanitised HTML."""
        standfirst = (
            format_html("<p><em>{}</em></p>", typographic(article.standfirst))
            if article.standfirst
            else ""
        )
        return standfirst + render_markdown(article.body)
