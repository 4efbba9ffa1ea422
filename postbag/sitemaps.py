"""Sitemaps on SITE_URL: the base classes the content apps' sitemaps build on.

Every address is on SITE_URL, like the pages' canonical links, whatever host name a
request came in on; each sitemap is paged at PAGE_LENGTH addresses (the protocol allows
50,000 a file, but Django takes seconds to write that many).
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap

from postbag.links import site_origin

PAGE_LENGTH = 5000


class PublicSitemap(Sitemap):
    """Addresses on SITE_URL (postbag.links; with debug on and no SITE_URL, the request's)."""

    limit = PAGE_LENGTH

    def get_protocol(self, protocol=None):
        return urlsplit(site_origin()).scheme

    def get_domain(self, site=None):
        return urlsplit(site_origin()).netloc


class PublishedSitemap(PublicSitemap):
    model = None

    def items(self):
        return (
            self.model.objects.published()
            .order_by("-published_at", "-pk")
            .only("slug", "updated_at")
        )

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # The index gives no date for this section: finding the newest edit would read
        # every published row (Django's default loads them all). Each address has its own.
        return None
