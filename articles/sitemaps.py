"""The sitemaps of published articles and of series (the index in pages/sitemaps.py lists
them)."""

from articles.models import Article, Series
from postbag.sitemaps import PublicSitemap, PublishedSitemap


class ArticleSitemap(PublishedSitemap):
    model = Article


class SeriesSitemap(PublicSitemap):
    """Each series with a published part, dated by its newest part."""

    def items(self):
        return Series.objects.public().order_by("pk").only("slug")

    def lastmod(self, series):
        return series.updated

    def get_latest_lastmod(self):
        return None  # as PublishedSitemap: each address has its own date
