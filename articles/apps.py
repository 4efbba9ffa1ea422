from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    """Articles and series: the column's longer pieces."""

    name = "articles"

    def ready(self):
        from articles.models import Article, Series
        from postbag.redirects import follow_addresses
        from postbag.revisions import register_text
        from postbag.versioning import watch_content

        watch_content(Article, Series)
        follow_addresses(Article, Series)
        register_text(Article, fields=["title", "byline", "standfirst", "body"])
