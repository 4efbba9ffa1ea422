"""The sitemap of published letters (the index in pages/sitemaps.py lists it)."""

from advice.models import Letter
from postbag.sitemaps import PublishedSitemap


class LetterSitemap(PublishedSitemap):
    model = Letter
