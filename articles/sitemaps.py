"""The sitemap of published articles (the index in pages/sitemaps.py lists it)."""

from articles.models import Article
from postbag.sitemaps import PublishedSitemap


class ArticleSitemap(PublishedSitemap):
    model = Article
